// A whole match, end to end: the Lobby API, boardgame.io's own client over socket.io for each
// seat and a spectator, the server's rules and filters, to the end and the debrief.
import { Client } from 'boardgame.io/client';
import { SocketIO } from 'boardgame.io/multiplayer';
import type { State } from 'boardgame.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backchannel } from '../../src/game';
import type { BackchannelState, Final, Seat } from '../../src/game/types';
import {
  GAME,
  Policy,
  SEATS,
  SeatClient,
  createMatch,
  essence,
  fetchView,
  getMatch,
  http,
  joinSeat,
  newMatch,
  openSeats,
  playToEnd,
  sleep,
  startServer,
  stateFrames,
  type BcState,
  type Credentials,
  type ServerHandle,
} from './harness';

type BgClient = ReturnType<typeof Client<BackchannelState>>;

const OUTCOMES = ['durable-deal', 'codified-stalemate', 'collapse', 'war'];

let server: ServerHandle;
beforeAll(async () => {
  server = await startServer();
}, 90_000);
afterAll(async () => {
  await server?.stop();
});

function makeClient(matchID: string, seat: Seat | null, credentials?: string): BgClient {
  const client = Client<BackchannelState>({
    game: Backchannel,
    numPlayers: 3,
    matchID,
    ...(seat !== null ? { playerID: seat, credentials } : {}),
    multiplayer: SocketIO({ server: server.url }),
    debug: false,
  });
  client.start();
  return client;
}

/** Drives boardgame.io clients with the policy until every seat has seen the end. */
function playWithClients(clients: Record<Seat, BgClient>, policy: Policy, timeoutMs = 60_000) {
  return new Promise<void>((resolve, reject) => {
    const inflight: Partial<Record<Seat, { stateID: number; at: number }>> = {};
    let finished = false;
    const finish = (err?: Error) => {
      if (finished) return;
      finished = true;
      clearInterval(watchdog);
      clearTimeout(timer);
      if (err) reject(err);
      else resolve();
    };
    const act = (seat: Seat) => {
      if (finished) return;
      if (SEATS.every((s) => clients[s].getState()?.ctx.gameover !== undefined)) return finish();
      const s = clients[seat].getState();
      if (!s || s.ctx.gameover !== undefined || !s.G.pending.includes(seat)) return;
      const f = inflight[seat];
      // One move in flight per seat; a refused one (no update comes) is retried after 3 s.
      if (f && s._stateID <= f.stateID && Date.now() - f.at < 3_000) return;
      const choice = policy.choose(s.G, seat);
      if (!choice) return;
      inflight[seat] = { stateID: s._stateID, at: Date.now() };
      const move = (clients[seat].moves as Record<string, (...args: unknown[]) => void>)[
        choice.move
      ];
      if (!move) return finish(new Error(`the client has no move ${choice.move}`));
      move(...choice.args);
    };
    for (const seat of SEATS) clients[seat].subscribe(() => setTimeout(() => act(seat), 0));
    const watchdog = setInterval(() => SEATS.forEach(act), 250);
    const timer = setTimeout(() => {
      const where = SEATS.map((s) => {
        const st = clients[s].getState();
        return `${s}: round ${st?.G.round} ${st?.G.step} pending ${st?.G.pending.join(',')}`;
      });
      finish(new Error(`the match did not end in ${timeoutMs} ms (${where.join('; ')})`));
    }, timeoutMs);
  });
}

function expectDebrief(G: BackchannelState, final: Final): void {
  // The full state, as the debrief shows it: both agendas, the mandate, both postures, every
  // memo as written, the attributions, the broker's stats and the seed.
  expect(G.final).toEqual(final);
  expect(G.seed).toMatch(/^[0-9a-f]{32}$/);
  expect(G.agendas['0']?.length).toBeGreaterThan(0);
  expect(G.agendas['1']?.length).toBeGreaterThan(0);
  expect(G.mandate?.id).toEqual(expect.any(String));
  expect(G.postures['0']?.enforcement).toEqual(expect.any(String));
  expect(G.postures['1']?.proxyLeash).toEqual(expect.any(String));
  expect(G.stats?.memosWritten).toBeGreaterThan(0);
  const authors = new Set(G.memos.map((m) => m.author));
  expect([...authors].sort()).toEqual(['0', '1']);
  expect(G.memos.some((m) => m.status === 'draft')).toBe(false);
}

function expectFinal(gameover: unknown, rounds: number): Final {
  const final = gameover as Final;
  expect(final).toBeDefined();
  expect(OUTCOMES).toContain(final.outcome);
  expect(['rounds', 'war', 'walkout']).toContain(final.reason);
  for (const seat of SEATS) {
    expect(typeof final.scores[seat]).toBe('number');
    expect(Number.isFinite(final.scores[seat])).toBe(true);
    expect(typeof final.normalised[seat]).toBe('number');
  }
  expect(final.winners.length).toBeGreaterThan(0);
  for (const w of final.winners) expect(SEATS).toContain(w);
  // The winners are the seats with the best normalised score.
  const best = Math.max(...SEATS.map((s) => final.normalised[s]));
  for (const w of final.winners) expect(final.normalised[w]).toBe(best);
  expect(rounds).toBeGreaterThan(0);
  return final;
}

describe(
  'a whole match through the Lobby API and boardgame.io clients',
  { timeout: 90_000 },
  () => {
    it('three seats play to the end; every seat and a spectator then get the full state', async () => {
      const matchID = await createMatch(server.url, { rounds: 4 });
      const listed = await getMatch(server.url, matchID);
      expect(listed.status).toBe(200);
      expect((listed.json as { setupData: unknown }).setupData).toEqual({ rounds: 4 });

      const credentials: Credentials = {
        '0': await joinSeat(server.url, matchID, '0', 'Washington desk'),
        '1': await joinSeat(server.url, matchID, '1', 'Tehran desk'),
        '2': await joinSeat(server.url, matchID, '2', 'Doha desk'),
      };
      for (const seat of SEATS) expect(credentials[seat].length).toBeGreaterThanOrEqual(40);
      const joined = await getMatch(server.url, matchID);
      const players = (joined.json as { players: { id: number; name?: string }[] }).players;
      expect(players.map((p) => p.name)).toEqual(['Washington desk', 'Tehran desk', 'Doha desk']);
      for (const seat of SEATS) expect(joined.text).not.toContain(credentials[seat]);

      const clients = {
        '0': makeClient(matchID, '0', credentials['0']),
        '1': makeClient(matchID, '1', credentials['1']),
        '2': makeClient(matchID, '2', credentials['2']),
      } as Record<Seat, BgClient>;
      const spectator = makeClient(matchID, null);
      const watched: State<BackchannelState>[] = [];
      spectator.subscribe((s) => {
        if (s) watched.push(s);
      });
      try {
        await playWithClients(clients, new Policy({ tag: 'bgio', leaks: true }));
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(() => reject(new Error('the spectator never saw the end')), 5_000);
          const check = () => {
            if (spectator.getState()?.ctx.gameover !== undefined) {
              clearTimeout(t);
              clearInterval(i);
              resolve();
            }
          };
          const i = setInterval(check, 50);
          check();
        });

        const final = expectFinal(clients['0'].getState()!.ctx.gameover, 4);
        const states = [...SEATS.map((s) => clients[s].getState()!), spectator.getState()!];
        for (const s of states) {
          expect(s.ctx.gameover).toEqual(final);
          expectDebrief(s.G, final);
        }
        // Every seat and the spectator see the same, whole state at the end.
        for (const s of states.slice(1)) expect(s.G).toEqual(states[0]!.G);
        expect(states[0]!.G.round).toBeLessThanOrEqual(4);
        if (final.reason === 'rounds') expect(states[0]!.G.round).toBe(4);

        // Before the end the spectator never had the seed nor a secret; at the end it does.
        const before = watched.filter((s) => s.ctx.gameover === undefined);
        // Its view changes at least at every step: four a round for the rounds completed (the
        // match may end early, at war or a double walkout).
        expect(before.length).toBeGreaterThanOrEqual(4 * (states[0]!.G.round - 1) + 1);
        for (const s of before) {
          expect(s.G.seed).toBeUndefined();
          expect(s.G.agendas).toEqual({});
          expect(s.G.memos).toEqual([]);
        }

        // The Lobby API records the end too.
        const after = await getMatch(server.url, matchID);
        expect((after.json as { gameover?: unknown }).gameover).toEqual(final);
      } finally {
        for (const c of [...SEATS.map((s) => clients[s]), spectator]) c.stop();
      }
    });

    it('over raw sockets: a second match ends; a late sync (seat or spectator) gets the debrief and the whole log', async () => {
      const { matchID, credentials } = await newMatch(server.url, { rounds: 4 });
      const seats = await openSeats(server.url, matchID, credentials);
      const spectator = await SeatClient.open(server.url, matchID, null);
      try {
        const refusals = await playToEnd(seats, new Policy({ tag: 'raw', leaks: false }));
        expect(refusals).toEqual([]);
        await spectator.when((s) => s.ctx.gameover !== undefined, 5_000, 'the end (spectator)');
        const final = expectFinal(seats['0'].state.ctx.gameover, 4);
        for (const c of [...SEATS.map((s) => seats[s]), spectator]) {
          expect(c.state.ctx.gameover).toEqual(final);
          expectDebrief(c.G, final);
        }
        expect(spectator.G).toEqual(seats['2'].G);

        const moves = SEATS.reduce((n, s) => n + seats[s].moves, 0);
        const late: BcState[] = [];
        for (const seat of [null, ...SEATS] as (Seat | null)[]) {
          const c = await SeatClient.open(
            server.url,
            matchID,
            seat,
            seat === null ? undefined : credentials[seat],
          );
          const sync = c.raw.frames.find((f) => f.event === 'sync')!;
          const info = sync.args[1] as { log: { action: { payload: { playerID: string } } }[] };
          // The debrief log: every seat's moves.
          expect(info.log.length).toBe(moves);
          const authors = new Set(info.log.map((e) => e.action.payload.playerID));
          expect([...authors].sort()).toEqual(['0', '1', '2']);
          late.push(c.state);
          c.close();
        }
        for (const s of late) {
          expect(s.G).toEqual(seats['2'].G);
          expectDebrief(s.G, final);
        }
        // A move after the end is refused and changes nothing (same G and ctx through a fresh
        // sync; state ids are per socket), and the mover is sent no update.
        const ended = essence(await fetchView(server.url, matchID));
        const mark = seats['0'].raw.frames.length;
        const r = await seats['0'].move('done');
        expect(r.ok).toBe(false);
        if (!r.ok)
          expect(r.refusal).toMatchObject({
            code: 'illegal-move',
            reason: expect.stringMatching(/over/) as unknown,
          });
        const again = await fetchView(server.url, matchID);
        expect(essence(again)).toEqual(ended);
        expect(stateFrames(seats['0'].raw.since(mark))).toEqual([]);
        const list = await http(server.url, `/games/${GAME}`);
        expect(list.status).toBe(200);
      } finally {
        for (const s of SEATS) seats[s].close();
        spectator.close();
      }
    });

    it('a seat stays connected while any of its sockets is (a second tab closing does not mark it away)', async () => {
      const { matchID, credentials } = await newMatch(server.url);
      const seats = await openSeats(server.url, matchID, credentials);
      type Players = { id: number; isConnected?: boolean }[];
      const presence = () => {
        const frames = seats['1'].raw.frames.filter((f) => f.event === 'matchData');
        const last = frames[frames.length - 1]?.args[1] as Players | undefined;
        return last?.find((p) => p.id === 0)?.isConnected;
      };
      try {
        expect(presence()).toBe(true);
        const second = await SeatClient.open(server.url, matchID, '0', credentials['0']);
        second.close();
        await sleep(300);
        expect(presence()).toBe(true);
        // When its last socket goes, the seat is shown away.
        seats['0'].close();
        await seats['1'].raw.until(() => (presence() === false ? true : undefined), 5_000, 'away');
      } finally {
        for (const s of SEATS) seats[s].close();
      }
    });
  },
);
