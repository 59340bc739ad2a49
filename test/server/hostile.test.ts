// Sockets and HTTP clients that misbehave. Each is refused (bc:refused, bc:error, an HTTP error or
// a dropped connection), the match is unchanged (every seat's view, G and ctx, read by fresh
// well-behaved syncs: state ids count one socket's versions and say nothing across sockets), and
// the bad client receives nothing it should not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seat } from '../../src/game/types';
import {
  GAME,
  RawSocket,
  SEATS,
  Policy,
  SeatClient,
  createMatch,
  errorOf,
  essence,
  fetchView,
  getMatch,
  http,
  joinSeat,
  leaveSeat,
  makeMove,
  newMatch,
  openSeats,
  playToEnd,
  sleep,
  startServer,
  stateFrames,
  stateOf,
  type Credentials,
  type Frame,
  type ServerHandle,
} from './harness';

const MAX_PAYLOAD = 8192;

let server: ServerHandle;
let matchID: string;
let creds: Credentials;
/** Well-behaved seats that stay connected throughout: they must never see a bad packet's effect. */
let good: Record<Seat, SeatClient>;
let watcher: SeatClient;
const bad: RawSocket[] = [];

beforeAll(async () => {
  server = await startServer({ env: { MAX_PAYLOAD_BYTES: String(MAX_PAYLOAD) } });
  ({ matchID, credentials: creds } = await newMatch(server.url));
  good = await openSeats(server.url, matchID, creds);
  watcher = await SeatClient.open(server.url, matchID, null);
}, 90_000);

afterAll(async () => {
  for (const s of bad) s.close();
  for (const seat of SEATS) good?.[seat].close();
  watcher?.close();
  await server?.stop();
});

async function connect(opts?: Parameters<typeof RawSocket.connect>[1]): Promise<RawSocket> {
  const s = await RawSocket.connect(server.url, opts);
  bad.push(s);
  return s;
}

/** Every seat's view and the spectator's, through fresh syncs (after every earlier write). */
async function snapshot() {
  const out: Record<string, ReturnType<typeof essence>> = {};
  for (const seat of [...SEATS, null] as (Seat | null)[])
    out[String(seat)] = essence(
      await fetchView(server.url, matchID, seat, seat === null ? undefined : creds[seat]),
    );
  return out;
}

/** Marks on the good sockets, to check afterwards that they received no state. */
function marks(): number[] {
  return [...SEATS.map((s) => good[s].raw.frames.length), watcher.raw.frames.length];
}

function expectNoStateSince(m: number[]): void {
  const sockets = [...SEATS.map((s) => good[s].raw), watcher.raw];
  sockets.forEach((raw, i) => {
    const got = raw.since(m[i]!).filter((f) => f.event !== 'matchData');
    expect(got.map((f) => f.event)).toEqual([]);
  });
}

/**
 * Only refusals reached this socket: no state, no chat, and (unless it holds a seat, when seats
 * connecting and leaving are announced to it) no metadata.
 */
function expectOnlyRefusals(frames: Frame[], synced = true): void {
  for (const f of frames.filter((x) => !(synced && x.event === 'matchData')))
    expect(f.event).toMatch(/^bc:(refused|error)$/);
}

/** Runs the bad behaviour and checks that nothing changed anywhere. */
async function unchanged(run: () => Promise<void>): Promise<void> {
  const before = await snapshot();
  const m = marks();
  await run();
  await sleep(150);
  expect(await snapshot()).toEqual(before);
  expectNoStateSince(m);
}

async function syncedSeat(seat: Seat): Promise<RawSocket> {
  const s = await connect();
  const answer = await s.sync(matchID, seat, creds[seat]);
  expect(answer.event).toBe('sync');
  return s;
}

const stateID = () => good['0'].state._stateID;

describe('hostile sockets', { timeout: 60_000 }, () => {
  it('the match is in drafting with both principals pending (the premise of what follows)', () => {
    expect(good['0'].G.step).toBe('drafting');
    expect(good['0'].G.pending).toEqual(['0', '1']);
  });

  it('wrong credentials for a seat get bc:error unauthorized and no sync, then nothing at all', async () => {
    const s = await connect();
    await unchanged(async () => {
      const unauthorized = async (seat: Seat, wrong: unknown) => {
        const answer = await s.sync(matchID, seat, wrong);
        expect(answer.event).toBe('bc:error');
        expect(answer.args[0]).toEqual({
          code: 'unauthorized',
          message: expect.any(String) as unknown,
        });
        const refused = s.frames[s.frames.indexOf(answer) + 1];
        expect(refused?.event).toBe('bc:refused');
        expect((refused?.args[0] as { code: string }).code).toBe('unauthorized');
      };
      for (const wrong of ['x'.repeat(43), creds['1'], '', null, undefined])
        await unauthorized('0', wrong);
      // The broker's seat with a principal's credentials.
      await unauthorized('2', creds['0']);
      // Credentials that are not even a string.
      const odd = await s.sync(matchID, '0', 42);
      expect(odd.event).toBe('bc:refused');
      expect((odd.args[0] as { code: string }).code).toBe('malformed');
    });
    // Seat 0 moves: the refused socket hears nothing of it, though it would, had it been bound to
    // seat 0 after all. (The update is sent to every socket of the match in one broadcast, before
    // the mover's bc:accepted.)
    const mark = good['0'].raw.frames.length;
    await good['0'].must('setPosture', { enforcement: 'tighten' });
    const own = await good['0'].raw.waitFor((f) => f.event === 'update', mark);
    expect(stateOf(own)!.G.postures['0']?.enforcement).toBe('tighten');
    await sleep(200);
    expect(s.frames.length).toBeGreaterThan(0);
    expectOnlyRefusals(s.frames, false);
    // Its updates are not-synced refusals.
    const r = await s.refusal(
      'update',
      makeMove('done', [], '0', creds['0']),
      stateID(),
      matchID,
      '0',
    );
    expect(r.code).toBe('not-synced');
  });

  it("a socket synced as seat 0 cannot move as another seat, even with that seat's credentials", async () => {
    const s = await syncedSeat('0');
    const mark = s.frames.length;
    const bPosture = { proxyLeash: 'unleash', enrichment: 'advance' };
    await unchanged(async () => {
      const cases: [unknown, string][] = [
        [makeMove('setPosture', [bPosture], '1', creds['0']), '1'],
        [makeMove('setPosture', [bPosture], '1', creds['1']), '1'],
        [makeMove('setPosture', [bPosture], '1', creds['0']), '0'],
        [makeMove('setPosture', [bPosture], '0', creds['0']), '1'],
        [makeMove('done', [], '2', creds['2']), '2'],
      ];
      for (const [action, seat] of cases) {
        const r = await s.refusal('update', action, stateID(), matchID, seat);
        expect(r.code).toBe('wrong-seat');
      }
      // Its own seat with another seat's credentials.
      const r = await s.refusal(
        'update',
        makeMove('done', [], '0', creds['1']),
        stateID(),
        matchID,
        '0',
      );
      expect(r.code).toBe('bad-credentials');
    });
    expectOnlyRefusals(s.since(mark));
  });

  it('forged action types and the server-only expire move are refused', async () => {
    const s = await syncedSeat('0');
    const mark = s.frames.length;
    const state = good['0'].state;
    const won = { ...state, G: { ...state.G, step: 'over', final: { winners: ['0'] } } };
    const c = creds['0'];
    const event = (type: string, args: unknown[]) => ({
      type: 'GAME_EVENT',
      payload: { type, args, playerID: '0', credentials: c },
    });
    const forged: unknown[] = [
      { type: 'UPDATE', state: won, deltalog: [] },
      { type: 'UPDATE', payload: won },
      { type: 'RESET', clientOnly: false },
      { type: 'SYNC', state: won, log: [], initialState: won },
      { type: 'PATCH', prevStateID: state._stateID, stateID: state._stateID + 1, patch: [] },
      event('endGame', [{ winner: '0' }]),
      event('endTurn', []),
      event('setActivePlayers', [{ all: 'x' }]),
      event('endPhase', []),
      { type: 'UNDO', payload: { type: null, args: null, playerID: '0', credentials: c } },
      { type: 'REDO', payload: { type: null, args: null, playerID: '0', credentials: c } },
      { type: 'PLUGIN', payload: { type: 'prng', args: [], playerID: '0', credentials: c } },
      { type: 'STRIP_TRANSIENTS' },
      makeMove('expire', [{ round: 1, step: 'drafting' }], '0', c),
      makeMove('expire', [], '0', c),
    ];
    await unchanged(async () => {
      for (const action of forged) {
        const r = await s.refusal('update', action, stateID(), matchID, '0');
        expect(r.code).toBe('malformed');
      }
    });
    expectOnlyRefusals(s.since(mark));
    expect(good['0'].state.ctx.gameover).toBeUndefined();
  });

  it('chat is refused and reaches no other socket; unknown events are refused', async () => {
    const s = await syncedSeat('0');
    const mark = s.frames.length;
    await unchanged(async () => {
      const r = await s.refusal(
        'chat',
        matchID,
        { id: 'c1', sender: '0', payload: 'Meet me on the corridor, skip Doha.' },
        creds['0'],
      );
      expect(r.code).toBe('no-chat');
      for (const name of ['hello', 'matchData', 'patch', 'bc:error', 'SYNC', 'sync ', 'updates']) {
        const u = await s.refusal(name, matchID, '0', creds['0']);
        expect(u.code).toBe('unknown-event');
      }
    });
    await sleep(200);
    for (const raw of [...SEATS.map((x) => good[x].raw), watcher.raw])
      expect(raw.frames.some((f) => f.event === 'chat')).toBe(false);
    expectOnlyRefusals(s.since(mark));
  });

  it('updates before any sync, and updates from a spectator, are refused', async () => {
    const early = await connect();
    const spectator = await connect();
    await unchanged(async () => {
      for (const seat of SEATS) {
        const r = await early.refusal(
          'update',
          makeMove('done', [], seat, creds[seat]),
          stateID(),
          matchID,
          seat,
        );
        expect(r.code).toBe('not-synced');
      }
      const answer = await spectator.sync(matchID, null);
      expect(answer.event).toBe('sync');
      for (const seat of SEATS) {
        const r = await spectator.refusal(
          'update',
          makeMove('done', [], seat, creds[seat]),
          stateID(),
          matchID,
          seat,
        );
        expect(r.code).toBe('spectator');
      }
    });
    expectOnlyRefusals(early.frames, false);
    const view = (spectator.frames[0]!.args[1] as { state: { G: Record<string, unknown> } }).state
      .G;
    expect(view.agendas).toEqual({});
    expect(view.postures).toEqual({});
    expect(view.mandate).toBeUndefined();
  });

  it('an oversized packet drops the connection and changes nothing', async () => {
    const s = await syncedSeat('0');
    const mark = s.frames.length;
    await unchanged(async () => {
      const text = 'A'.repeat(MAX_PAYLOAD + 512);
      s.emit(
        'update',
        makeMove('draftMemo', [{ clauses: [], text }], '0', creds['0']),
        0,
        matchID,
        '0',
      );
      const reason = await s.waitForDisconnect(5_000);
      expect(reason).toMatch(/transport (close|error)/);
    });
    expect(s.connected).toBe(false);
    expect(s.since(mark).filter((f) => f.event !== 'matchData')).toEqual([]);
    // The server is still serving, and a packet just under the limit is judged by the rules.
    const t = await syncedSeat('0');
    const r = await t.refusal(
      'update',
      makeMove(
        'draftMemo',
        [{ clauses: [], text: 'A'.repeat(MAX_PAYLOAD - 1024) }],
        '0',
        creds['0'],
      ),
      stateID(),
      matchID,
      '0',
    );
    expect(r.code).toBe('illegal-move');
    expect(t.connected).toBe(true);
  });

  it('malformed payloads are refused; the socket can still make a legal move afterwards', async () => {
    const s = await syncedSeat('0');
    const mark = s.frames.length;
    const c = creds['0'];
    const ok = makeMove('done', [], '0', c);
    const clause = (id: string, size: string, giver: string) => ({ id, size, giver });
    const five = [
      clause('humanitarian_pause', 'd3', 'both'),
      clause('prisoner_exchange', 'small', 'both'),
      clause('ceasefire', 'partial', 'other'),
      clause('sanctions_relief', 'bn2', 'self'),
      clause('interdiction_pause', 'r1', 'self'),
    ];
    const malformed: unknown[][] = [
      [null],
      ['MAKE_MOVE'],
      [42],
      [],
      [[ok, 0, matchID, '0']],
      [{ type: 'MAKE_MOVE', payload: null }, 0, matchID, '0'],
      [{ type: 'MAKE_MOVE', payload: { ...ok.payload, args: 'x' } }, 0, matchID, '0'],
      [{ ...ok, junk: { a: { b: [1, { c: [2, { d: null }] }] } } }, 0, matchID, '0'],
      [
        { type: 'MAKE_MOVE', payload: { ...ok.payload, extra: { deep: [[[[1]]]] } } },
        0,
        matchID,
        '0',
      ],
      [makeMove('done', [1, 2, 3, 4, 5], '0', c), 0, matchID, '0'],
      [makeMove('__proto__', [], '0', c), 0, matchID, '0'],
      [makeMove('constructor', [], '0', c), 0, matchID, '0'],
      [makeMove('hack', [], '0', c), 0, matchID, '0'],
      [ok, 'zero', matchID, '0'],
      [ok, -1, matchID, '0'],
      [ok, 0.5, matchID, '0'],
      [ok, 0, matchID, '3'],
      [ok, 0, matchID, 0],
      [ok, 0, matchID, '0', 'extra'],
      [ok, 0, '../../etc/passwd', '0'],
      [ok, 0, 'x'.repeat(65), '0'],
      [makeMove('done', [], '0', 'c'.repeat(200)), 0, matchID, '0'],
    ];
    const illegal: [unknown, RegExp | null][] = [
      [makeMove('done', [1], '0', c), /no arguments/],
      [
        makeMove('draftMemo', [{ clauses: [{ id: { $ne: '' } }], text: { toString: 1 } }], '0', c),
        null,
      ],
      [makeMove('draftMemo', [[[[[['deep']]]]]], '0', c), null],
      [makeMove('draftMemo', [{ clauses: five, text: 'five clauses' }], '0', c), /at most 4/],
      [makeMove('draftMemo', [{ clauses: [], text: 'x'.repeat(601) }], '0', c), /600/],
      [makeMove('draftMemo', [{ clauses: [], text: 'ok' }, 'second'], '0', c), null],
      [makeMove('draftMemo', [{ clauses: [], text: 'bell\u0007' }], '0', c), /control/],
      [makeMove('draftMemo', [{ clauses: [], text: 'x', to: '1' }], '0', c), null],
      [makeMove('setPosture', [{ enforcement: 'nuke' }], '0', c), null],
      [makeMove('setPosture', [{ proxyLeash: 'unleash', enrichment: 'advance' }], '0', c), null],
      [makeMove('relay', ['m-aaaaaa', {}], '0', c), null],
      [makeMove('respond', ['p-aaaaaa', 'accept'], '0', c), null],
    ];
    await unchanged(async () => {
      for (const args of malformed) {
        const r = await s.refusal('update', ...args);
        expect(r.code, JSON.stringify(args).slice(0, 120)).toBe('malformed');
      }
      await sleep(1_000); // the socket's packet budget refills
      for (const [action, reason] of illegal) {
        const r = await s.refusal('update', action, stateID(), matchID, '0');
        expect(r.code, JSON.stringify(action).slice(0, 120)).toBe('illegal-move');
        if (reason) expect(r.reason).toMatch(reason);
      }
    });
    expectOnlyRefusals(s.since(mark));
    // Not a guard that refuses everything: a legal move from the same socket goes through. The
    // socket gets the update first (one more version of its own), then the acknowledgement.
    const states = stateFrames(s.frames);
    const before = stateOf(states[states.length - 1]!)!._stateID;
    expect(states.map((f) => stateOf(f)!._stateID)).toEqual(states.map((_, i) => i + 1));
    const m2 = s.emit(
      'update',
      makeMove('setPosture', [{ enforcement: 'hold' }], '0', c),
      before,
      matchID,
      '0',
    );
    const answer = await s.waitFor((f) => f.event.startsWith('bc:'), m2);
    expect(answer.event).toBe('bc:accepted');
    expect(answer.args[0]).toEqual({ move: 'setPosture' });
    const update = s.since(m2).find((f) => f.event === 'update');
    expect(update && s.frames.indexOf(update)).toBeLessThan(s.frames.indexOf(answer));
    expect(stateOf(update!)!._stateID).toBe(before + 1);
    expect(stateOf(update!)!.G.postures['0']?.enforcement).toBe('hold');
  });

  it('made-up match IDs create nothing, in sync or in update', async () => {
    const s = await connect();
    await unchanged(async () => {
      for (const [id, seat] of [
        ['nosuchmatch1', null],
        ['nosuchmatch2', '0'],
        ['nosuchmatch3', '2'],
      ] as const) {
        const answer = await s.sync(id, seat, creds['0']);
        expect(answer.event).toBe('bc:refused');
        expect((answer.args[0] as { code: string }).code).toBe('unknown-match');
        expect((await getMatch(server.url, id)).status).toBe(404);
      }
      for (const id of ['a/b', 'x'.repeat(65), '', 7, null]) {
        const answer = await s.sync(id, null);
        expect(answer.event).toBe('bc:refused');
        expect((answer.args[0] as { code: string }).code).toBe('malformed');
      }
    });
    expectOnlyRefusals(s.frames, false);
    const t = await syncedSeat('0');
    const mark = t.frames.length;
    await unchanged(async () => {
      const r = await t.refusal(
        'update',
        makeMove('done', [], '0', creds['0']),
        stateID(),
        'nosuchmatch4',
        '0',
      );
      expect(r.code).toBe('wrong-match');
    });
    expectOnlyRefusals(t.since(mark));
    expect((await getMatch(server.url, 'nosuchmatch4')).status).toBe(404);
    const list = await http(server.url, `/games/${GAME}`);
    expect(list.text).not.toMatch(/nosuchmatch/);
  });

  it('a socket from a disallowed Origin cannot connect (an allowed one can)', async () => {
    await expect(connect({ origin: 'http://evil.example' })).rejects.toThrow();
    const polling = `/socket.io/?EIO=4&transport=polling`;
    const evil = await http(server.url, polling, { headers: { origin: 'http://evil.example' } });
    expect(evil.status).toBeGreaterThanOrEqual(400);
    expect(evil.text).not.toMatch(/"sid"/);
    const own = `http://127.0.0.1:${server.port}`;
    const allowed = await http(server.url, polling, { headers: { origin: own } });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toMatch(/"sid"/);
    const s = await connect({ origin: own });
    expect((await s.sync(matchID, null)).event).toBe('sync');
    expect(server.logs.some((l) => l.event === 'refused' && l.refusal === 'origin')).toBe(true);
  });
});

describe('Lobby API abuse', { timeout: 30_000 }, () => {
  const api = (path: string, body?: unknown, init: Parameters<typeof http>[2] = {}) =>
    http(server.url, `/games/${GAME}${path}`, { ...(body !== undefined ? { body } : {}), ...init });

  it('join with player data is refused; the seat stays free and carries no data', async () => {
    const id = await createMatch(server.url);
    const res = await api(`/${id}/join`, {
      playerID: '0',
      playerName: 'A',
      data: { note: 'to B: accept the corridor' },
    });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatch(/data|unrecognized/i);
    const match = await getMatch(server.url, id);
    expect(match.text).not.toMatch(/corridor/);
    expect((match.json as { players: { name?: string }[] }).players[0]!.name).toBeUndefined();
    expect(await joinSeat(server.url, id, '0')).toEqual(expect.any(String));
  });

  it('rename and update are forbidden (403) and change nothing', async () => {
    const id = await createMatch(server.url);
    const c = await joinSeat(server.url, id, '1', 'Tehran');
    for (const action of ['update', 'rename']) {
      const res = await api(`/${id}/${action}`, {
        playerID: '1',
        credentials: c,
        newName: 'Psst: 10bn',
        data: { to: '0', text: 'secret' },
      });
      expect(res.status).toBe(403);
      expect(errorOf(res)).toMatch(/renaming|player data/);
    }
    const match = await getMatch(server.url, id);
    expect((match.json as { players: { name?: string }[] }).players[1]!.name).toBe('Tehran');
    expect(match.text).not.toMatch(/Psst|secret/);
  });

  it('create with bad setupData is refused with a message naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ rounds: 99 }, /rounds/],
      [{ rounds: 'four' }, /rounds/],
      [{ timers: { drafting: 1, mediation: 2, response: 2, press: 2 } }, /timers.*drafting/],
      [{ timers: 'forever' }, /timers/],
      [{ scenario: 'atlantis' }, /scenario/],
      [{ seed: 'fixed' }, /seed/],
      ['rounds=4', /setupData/],
    ];
    for (const [setupData, field] of cases) {
      const res = await api('/create', { setupData });
      expect(res.status, JSON.stringify(setupData)).toBe(400);
      expect(errorOf(res)).toMatch(field);
    }
  });

  it('numPlayers other than 3, a non-JSON body, a body over 16 kB, a wrong method or type', async () => {
    const two = await api('/create', { numPlayers: 2 });
    expect(two.status).toBe(400);
    expect(errorOf(two)).toMatch(/numPlayers/);
    const notJson = await api('/create', undefined, { raw: '{"setupData": {rounds: 4' });
    expect(notJson.status).toBe(400);
    expect(errorOf(notJson)).toMatch(/JSON/);
    const big = await api('/create', { setupData: { rounds: 4 }, pad: 'x'.repeat(17 * 1024) });
    expect(big.status).toBe(413);
    const put = await api('/create', undefined, { method: 'PUT' });
    expect(put.status).toBe(405);
    const text = await api('/create', undefined, {
      raw: '{}',
      headers: { 'content-type': 'text/plain' },
    });
    expect(text.status).toBe(415);
  });

  it('an unknown game name is 404', async () => {
    const create = await http(server.url, '/games/chess/create', { body: {} });
    expect(create.status).toBe(404);
    expect(errorOf(create)).toMatch(/chess/);
    expect((await http(server.url, '/games/chess')).status).toBe(404);
    const id = await createMatch(server.url);
    expect((await http(server.url, `/games/chess/${id}`)).status).toBe(404);
  });

  it('a principal cannot pass words to the other side through its player name (leave, re-join)', async () => {
    // lobby.ts forbids renaming because names reach every seat; leaving and joining the same seat
    // again mid-match with a new name would do the same, so a seat cannot be left mid-match (409).
    const { matchID, credentials } = await newMatch(server.url);
    const a = await SeatClient.open(server.url, matchID, '0', credentials['0']);
    const b = await SeatClient.open(server.url, matchID, '1', credentials['1']);
    const names = () => {
      // Every name seat 1 was ever shown for seat 0 (each matchData and each sync).
      const seen: unknown[] = [];
      for (const f of b.raw.frames) {
        const players =
          f.event === 'matchData'
            ? f.args[1]
            : f.event === 'sync'
              ? (f.args[1] as { filteredMetadata?: unknown }).filteredMetadata
              : undefined;
        const p = (players as { id: number; name?: string }[] | undefined)?.find((x) => x.id === 0);
        if (p) seen.push(p.name);
      }
      return seen;
    };
    try {
      await a.must('setPosture', { enforcement: 'relax' }); // the match is under way
      const message = 'TAKE 5BN SKIP DOHA';
      const left = await leaveSeat(server.url, matchID, '0', credentials['0']);
      expect(left.status).toBe(409);
      expect(errorOf(left)).toMatch(/cannot be left/);
      expect(left.text).not.toContain(credentials['0']);
      // The seat is still held: joining it under another name is refused as well.
      const rejoin = await http(server.url, `/games/${GAME}/${matchID}/join`, {
        body: { playerID: '0', playerName: message },
      });
      expect(rejoin.status).toBe(409);
      expect(rejoin.text).not.toMatch(/playerCredentials/);
      await sleep(300);
      const match = await getMatch(server.url, matchID);
      expect(match.text).not.toContain(message);
      const players = (match.json as { players: { name?: string }[] }).players;
      expect(players.map((p) => p.name)).toEqual(['Seat 0', 'Seat 1', 'Seat 2']);
      expect(JSON.stringify(b.raw.frames.map((f) => f.args))).not.toContain(message);
      // The name seat 1 sees for seat 0 never changed (and seat 0's credentials still work).
      expect(names().length).toBeGreaterThan(0);
      expect(new Set(names())).toEqual(new Set(['Seat 0']));
      await a.must('setPosture', { enforcement: 'tighten' });
    } finally {
      a.close();
      b.close();
    }
  });

  it(
    'leave is 409 mid-match; after the end, wrong credentials are 403 (not echoed) and the right ones work',
    { timeout: 120_000 },
    async () => {
      const { matchID: id, credentials } = await newMatch(server.url);
      const c = credentials['2'];
      const wrong = 'WRONG-CREDENTIALS-0123456789abcdef';
      const seatName = async (seat: number) =>
        ((await getMatch(server.url, id)).json as { players: { name?: string }[] }).players[seat]!
          .name;
      // Mid-match (before any move, too): no seat can be left, with or without the right credentials.
      for (const creds of [wrong, c]) {
        const res = await leaveSeat(server.url, id, '2', creds);
        expect(res.status).toBe(409);
        expect(res.text).not.toContain(creds);
      }
      expect(await seatName(2)).toBe('Seat 2');

      // Play the match to its end.
      const seats = await openSeats(server.url, id, credentials);
      try {
        expect(await playToEnd(seats, new Policy({ tag: 'LEAVE' }))).toEqual([]);
      } finally {
        for (const seat of SEATS) seats[seat].close();
      }
      expect((await getMatch(server.url, id)).json).toMatchObject({ gameover: expect.anything() });

      const res = await leaveSeat(server.url, id, '2', wrong);
      expect(res.status).toBe(403);
      expect(res.text).not.toContain(wrong);
      expect(errorOf(res)).toMatch(/credentials/i);
      const held = await getMatch(server.url, id);
      expect((held.json as { players: { name?: string }[] }).players[2]!.name).toBe('Seat 2');
      expect(held.text).not.toContain(c);
      const left = await leaveSeat(server.url, id, '2', c);
      expect(left.status).toBe(200);
      expect(await seatName(2)).toBeUndefined();
      expect(await seatName(0)).toBe('Seat 0');
    },
  );
});
