// One whole match over boardgame.io's clients and Local(), step by step, with a fixed seed: every
// step of a round (GAME.md, "A round") through the real framework path: moves sent by the seats'
// clients, run by the master, and each seat's filtered view coming back.
import type { State } from 'boardgame.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewFor } from '../../src/game/view';
import type { BackchannelState, Clause, Seat } from '../../src/game/types';
import { localMatch, type LocalMatch } from './harness';

const SEED = 'scenario-58';
const SEATS: Seat[] = ['0', '1', '2'];
const settle = () => new Promise((r) => setTimeout(r, 5));

const A1_TEXT = 'SECRET-A-1 Three days of calm, then a partial ceasefire.';
const A2_TEXT = 'SECRET-A-2 Our people for yours.';
const B1_TEXT = 'SECRET-B-1 Relief first.';
const A3_TEXT = 'SECRET-A-3 One memo too many.';

const hp = (size: string): Clause => ({ id: 'humanitarian_pause', size, giver: 'both' });

type Moves = Record<string, (...args: unknown[]) => void>;

let m: LocalMatch;

/** The master's own copy of the match: the full, unfiltered state. */
function master(): State<BackchannelState> {
  const transport = (m.clients['0'] as unknown as { transport: { master: unknown } }).transport;
  const storage = (transport.master as { storageAPI: { fetch: (...a: unknown[]) => unknown } })
    .storageAPI;
  return (storage.fetch('default', { state: true }) as { state: State<BackchannelState> }).state;
}
const full = () => master().G;
const view = (seat: Seat) => m.clients[seat].getState()!.G;
const spectator = () => m.spectator.getState()!.G;

/** Sends a move from a seat's client and checks the master accepted it. */
async function act(seat: Seat, move: string, ...args: unknown[]): Promise<void> {
  const before = master()._stateID;
  (m.clients[seat].moves as Moves)[move]!(...args);
  await settle();
  if (master()._stateID !== before + 1)
    throw new Error(`${move}(${JSON.stringify(args)}) by seat ${seat} was refused`);
}

/** Sends a move that the rules must refuse: nothing changes. */
async function refused(seat: Seat, move: string, ...args: unknown[]): Promise<void> {
  const before = master();
  (m.clients[seat].moves as Moves)[move]!(...args);
  await settle();
  const after = master();
  expect(after._stateID).toBe(before._stateID);
  expect(after.G).toEqual(before.G);
}

/** Every client holds exactly its seat's view of the master's state. */
function viewsAgree(): void {
  const G = full();
  for (const seat of SEATS) expect(view(seat)).toEqual(viewFor(G, seat));
  expect(spectator()).toEqual(viewFor(G, null));
}

/** Everyone still pending in this step says done. */
async function allDone(): Promise<void> {
  for (const seat of [...full().pending]) await act(seat, 'done');
}

beforeAll(async () => {
  m = localMatch({ rounds: 5 }, SEED);
  await settle();
});
afterAll(() => m.stop());

describe(`one match over Local(), doha-2026, 5 rounds, seed ${SEED}`, () => {
  it('round 1 at setup: incidents drawn, an estimate published, agendas and mandate dealt', () => {
    const G = full();
    expect(G.round).toBe(1);
    expect(G.step).toBe('drafting');
    expect(G.pending).toEqual(['0', '1']);
    expect(G.incidents).toEqual([
      {
        id: 'i1',
        round: 1,
        card: 'bab_el_mandeb_missile',
        headline: 'Anti-ship missile strikes a container vessel in Bab el-Mandeb',
        place: 'bab_el_mandeb',
        effects: { escalation: 1, oilPrice: 1 },
      },
    ]);
    expect(G.attributions).toEqual({ i1: 'rogue' });
    // The incident's effects land on the starting tracks (escalation 4, oilPrice 2).
    expect(G.tracks).toEqual({
      escalation: 5,
      oilLeak: 3,
      oilPrice: 3,
      pressureA: 3,
      pressureB: 3,
      capital: 5,
    });
    expect(G.breakout).toEqual({ estimate: 6, true: 6 });
    expect(G.feed.map((f) => [f.round, f.kind, f.text])).toEqual([
      [1, 'round', 'Round 1 of 5 begins.'],
      [1, 'incident', 'Anti-ship missile strikes a container vessel in Bab el-Mandeb'],
    ]);
    expect(G.agendas['0']!.map((c) => c.id)).toEqual(['no_blank_cheques', 'choke_the_dark_fleet']);
    expect(G.agendas['1']!.map((c) => c.id)).toEqual(['run_the_clock', 'keep_the_oil_moving']);
    expect(G.mandate!.id).toBe('first_pause');

    // Every seat and the spectator read the headline and the estimate; only B the true value.
    for (const v of [view('0'), view('1'), view('2'), spectator()]) {
      expect(v.incidents).toEqual(G.incidents);
      expect(v.breakout.estimate).toBe(6);
      expect(v.attributions).toEqual({});
    }
    expect(view('0').breakout).toEqual({ estimate: 6 });
    expect(view('1').breakout).toEqual({ estimate: 6, true: 6 });
    expect(view('2').breakout).toEqual({ estimate: 6 });
    expect(spectator().breakout).toEqual({ estimate: 6 });
    expect(Object.keys(view('0').agendas)).toEqual(['0']);
    expect(Object.keys(view('1').agendas)).toEqual(['1']);
    expect(view('2').agendas).toEqual({});
    expect(view('2').mandate!.id).toBe('first_pause');
    expect(view('0').mandate).toBeUndefined();
    expect(spectator().agendas).toEqual({});
    expect(spectator().mandate).toBeUndefined();
    for (const seat of SEATS) expect(view(seat).seed).toBeUndefined();
    viewsAgree();
  });

  it('drafting: postures, two memos by A and one by B, done', async () => {
    await act('0', 'setPosture', { enforcement: 'hold' });
    await act('1', 'setPosture', { proxyLeash: 'unleash', enrichment: 'pause' });
    await act('0', 'draftMemo', {
      clauses: [hp('d3'), { id: 'ceasefire', size: 'partial', giver: 'other' }],
      text: A1_TEXT,
    });
    await act('0', 'draftMemo', {
      clauses: [{ id: 'prisoner_exchange', size: 'small', giver: 'both' }],
      text: A2_TEXT,
    });
    await act('1', 'draftMemo', {
      clauses: [
        { id: 'sanctions_relief', size: 'bn2', giver: 'other' },
        { id: 'dark_fleet_halt', size: 'partial', giver: 'self' },
      ],
      text: B1_TEXT,
    });
    // A third memo in one round is refused by the master and changes nothing.
    await refused('0', 'draftMemo', { clauses: [], text: A3_TEXT });

    const G = full();
    expect(G.postures).toEqual({
      '0': { enforcement: 'hold' },
      '1': { proxyLeash: 'unleash', enrichment: 'pause' },
    });
    expect(G.memos.map((x) => [x.author, x.status, x.text])).toEqual([
      ['0', 'draft', A1_TEXT],
      ['0', 'draft', A2_TEXT],
      ['1', 'draft', B1_TEXT],
    ]);
    expect(G.memos[0]!.clauses).toEqual([
      hp('d3'),
      { id: 'ceasefire', size: 'partial', giver: 'B' },
    ]);
    expect(G.pending).toEqual(['0', '1']);
    // Postures are each principal's own; drafts are their author's alone, even to the broker.
    expect(view('0').postures).toEqual({ '0': { enforcement: 'hold' } });
    expect(view('1').postures).toEqual({ '1': { proxyLeash: 'unleash', enrichment: 'pause' } });
    expect(view('2').postures).toEqual({});
    expect(view('0').memos.map((x) => x.text)).toEqual([A1_TEXT, A2_TEXT]);
    expect(view('1').memos.map((x) => x.text)).toEqual([B1_TEXT]);
    expect(view('2').memos).toEqual([]);
    expect(spectator().memos).toEqual([]);
    viewsAgree();

    await act('0', 'done');
    expect(full().step).toBe('drafting');
    expect(full().pending).toEqual(['1']);
    await act('1', 'done');
    expect(full().step).toBe('mediation');
    expect(full().pending).toEqual(['2']);
    expect(full().memos.map((x) => x.status)).toEqual(['pending', 'pending', 'pending']);
    expect(view('2').memos.map((x) => x.text)).toEqual([A1_TEXT, A2_TEXT, B1_TEXT]);
    expect(view('0').memos.map((x) => x.status)).toEqual(['with-broker', 'with-broker']);
    viewsAgree();
  });

  it('mediation: relays a memo with a struck clause, span and a reframe; holds two', async () => {
    const [a1, a2, b1] = full().memos;
    await act('2', 'relay', a1!.id, {
      redactClauses: [1],
      redactSpans: [[0, 11]],
      reframes: [{ clause: 0, delta: 1 }],
      note: 'From Doha.',
    });
    await act('2', 'hold', a2!.id);
    await act('2', 'hold', b1!.id);

    const G = full();
    // One reframe, 1 capital: owed, not yet paid (the public track does not move at delivery).
    expect(G.tracks.capital).toBe(5);
    expect(G.memos.map((x) => x.status)).toEqual(['relayed', 'held', 'held']);
    expect(G.memos[0]!.delivery).toEqual({
      round: 1,
      clauses: [hp('d7'), null],
      text: '███Three days of calm, then a partial ceasefire.',
      note: 'From Doha.',
      redactClauses: [1],
      redactSpans: [[0, 11]],
      reframes: [{ clause: 0, from: 'd3', to: 'd7' }],
      owed: 1,
    });
    expect(G.proposals).toHaveLength(1);
    const p = G.proposals[0]!;
    expect(p).toMatchObject({
      kind: 'relay',
      memoId: a1!.id,
      author: '0',
      recipients: ['1'],
      clauses: [hp('d7')],
      shown: [hp('d7'), null],
      text: '███Three days of calm, then a partial ceasefire.',
      note: 'From Doha.',
      stage: 'open',
      due: ['1'],
      dueRound: 1,
      answers: {},
    });
    expect(view('2').stats).toEqual({
      memosWritten: 3,
      relayed: 1,
      redacted: 1,
      reframed: 1,
      held: 2,
      leaked: 0,
      bundled: 0,
      tabled: 0,
      expired: 0,
      stalls: 0,
    });
    for (const v of [view('0'), view('1'), spectator()]) expect(v.stats).toBeUndefined();
    // The author knows only that its memos are with the broker.
    expect(view('0').memos.map((x) => [x.status, x.delivery])).toEqual([
      ['with-broker', undefined],
      ['with-broker', undefined],
    ]);
    expect(view('0').proposals).toEqual([]);
    viewsAgree();

    await act('2', 'done');
    expect(full().step).toBe('response');
    expect(full().pending).toEqual(['0', '1']);
  });

  it('response: the recipient reads the delivered wording only, and accepts', async () => {
    const p = full().proposals[0]!;
    const seen = view('1');
    expect(seen.proposals).toEqual([
      {
        id: p.id,
        kind: 'relay',
        round: 1,
        memoId: p.memoId,
        author: '0',
        recipients: ['1'],
        clauses: [hp('d7')],
        shown: [hp('d7'), null],
        text: '███Three days of calm, then a partial ceasefire.',
        note: 'From Doha.',
        stage: 'open',
        due: ['1'],
        dueRound: 1,
        answers: {},
      },
    ]);
    // Neither the struck span, nor the struck clause, nor the size as written reach B.
    const text = JSON.stringify(seen);
    for (const secret of ['SECRET-A-1', '"ceasefire"', '"d3"', 'reframe', A2_TEXT])
      expect(text).not.toContain(secret);

    await act('1', 'respond', p.id, 'accept');
    // B answered all it had: its part of the step is over; A has nothing to answer.
    expect(full().pending).toEqual(['0']);
    expect(full().proposals[0]!.answers).toEqual({ '1': 'accept' });
    // The author does not see its memo while the recipient's step is still running.
    expect(view('0').proposals).toEqual([]);
    await act('0', 'done');

    const G = full();
    expect(G.step).toBe('press');
    // The reframe comes out at ratification: paid now, with the step's other changes.
    expect(G.tracks.capital).toBe(4);
    expect(G.memos[0]!.delivery!.owed).toBeUndefined();
    expect(G.proposals[0]).toMatchObject({
      stage: 'ratification',
      due: ['0'],
      dueRound: 2,
      answers: { '1': 'accept' },
    });
    expect(G.deals).toEqual([]);
    viewsAgree();
  });

  it('press: statements stay sealed until every seat has spoken, then are published', async () => {
    await act('0', 'statement', { kind: 'silence' });
    await act('1', 'statement', { kind: 'blame', target: '0' });
    expect(full().statements).toEqual([]);
    expect(full().sealedStatements).toEqual({
      '0': { seat: '0', round: 1, kind: 'silence' },
      '1': { seat: '1', round: 1, kind: 'blame', target: '0' },
    });
    expect(view('0').sealedStatements).toEqual({ '0': { seat: '0', round: 1, kind: 'silence' } });
    expect(view('1').sealedStatements).toEqual({
      '1': { seat: '1', round: 1, kind: 'blame', target: '0' },
    });
    expect(view('2').sealedStatements).toEqual({});
    expect(spectator().sealedStatements).toEqual({});
    expect(JSON.stringify(view('0'))).not.toContain('blame');
    viewsAgree();

    await act('2', 'statement', { kind: 'silence' });
    const G = full();
    expect(G.statements).toEqual([
      { seat: '0', round: 1, kind: 'silence' },
      { seat: '1', round: 1, kind: 'blame', target: '0' },
      { seat: '2', round: 1, kind: 'silence' },
    ]);
    expect(G.sealedStatements).toEqual({});
    expect(
      G.feed.filter((f) => f.kind === 'statement').map((f) => [f.round, f.seat, f.text]),
    ).toEqual([
      [1, '0', 'Washington: no comment.'],
      [1, '1', 'Tehran blames Washington.'],
      [1, '2', 'Doha: no comment.'],
    ]);
    // The blame costs A a point of credit (already at 0) and a point of pressure.
    expect(G.credit).toEqual({ '0': 0, '1': 0, '2': 0 });
    expect(G.round).toBe(2);
    expect(G.step).toBe('drafting');
    for (const v of [view('0'), view('1'), view('2'), spectator()])
      expect(v.statements).toEqual(G.statements);
  });

  it('round 2: a directed incident, seen as such by B alone', () => {
    const G = full();
    expect(G.incidents.map((i) => [i.id, i.round, i.card])).toEqual([
      ['i1', 1, 'bab_el_mandeb_missile'],
      ['i2', 2, 'ras_tanura_drones'],
    ]);
    expect(G.attributions).toEqual({ i1: 'rogue', i2: 'directed' });
    expect(view('1').attributions).toEqual({ i2: 'directed' });
    expect(view('0').attributions).toEqual({});
    expect(view('2').attributions).toEqual({});
    expect(spectator().attributions).toEqual({});
    for (const seat of ['0', '2'] as const)
      expect(JSON.stringify(view(seat))).not.toContain('directed');
    viewsAgree();
  });

  it('mediation in round 2: the held memos come back and are bundled', async () => {
    await allDone(); // drafting: no new memos
    expect(full().step).toBe('mediation');
    const [, a2, b1] = full().memos;
    expect([a2!.status, b1!.status]).toEqual(['pending', 'pending']);
    await act('2', 'bundle', {
      parts: [
        { memoId: a2!.id, clause: 0 },
        { memoId: b1!.id, clause: 0 },
      ],
      note: 'Both at once.',
    });
    const G = full();
    expect(G.tracks.capital).toBe(3);
    expect(G.memos.map((x) => x.status)).toEqual(['relayed', 'bundled', 'bundled']);
    const bundle = G.proposals[1]!;
    expect(bundle).toMatchObject({
      kind: 'bundle',
      recipients: ['0', '1'],
      clauses: [
        { id: 'prisoner_exchange', size: 'small', giver: 'both' },
        { id: 'sanctions_relief', size: 'bn2', giver: 'A' },
      ],
      stage: 'open',
      due: ['0', '1'],
      dueRound: 2,
    });
    // Which memos it merged stays with the broker.
    expect(view('2').proposals[1]!.parts).toEqual(bundle.parts);
    expect(view('0').proposals.find((x) => x.id === bundle.id)!.parts).toBeUndefined();
    expect(view('1').proposals.find((x) => x.id === bundle.id)!.parts).toBeUndefined();
    expect(JSON.stringify(view('1'))).not.toContain(A2_TEXT);
    expect(JSON.stringify(view('0'))).not.toContain(B1_TEXT);
    viewsAgree();
    await act('2', 'done');
    expect(full().step).toBe('response');
  });

  it('response in round 2: the author ratifies, a bundle is accepted: two deals', async () => {
    const [relay, bundle] = full().proposals;
    // At ratification the author sees the delivered wording, and so learns of the reframe.
    const mine = view('0').proposals.find((x) => x.id === relay!.id)!;
    expect(mine).toMatchObject({
      stage: 'ratification',
      shown: [hp('d7'), null],
      clauses: [hp('d7')],
      text: '███Three days of calm, then a partial ceasefire.',
      due: ['0'],
      dueRound: 2,
      answers: { '1': 'accept' },
    });
    const before = { ...full().tracks };
    expect(before).toEqual({
      escalation: 6,
      oilLeak: 4,
      oilPrice: 4,
      pressureA: 4,
      pressureB: 3,
      capital: 3,
    });

    await act('0', 'respond', relay!.id, 'accept');
    await act('1', 'respond', bundle!.id, 'accept');
    expect(full().deals).toEqual([]);
    await act('0', 'respond', bundle!.id, 'accept');

    const G = full();
    expect(G.step).toBe('press');
    expect(G.deals).toEqual([
      {
        id: 'd1',
        proposalId: relay!.id,
        kind: 'relay',
        clauses: [hp('d7')],
        signedRound: 2,
        verifyLeft: 0,
        status: 'verified',
        verifiedRound: 2,
      },
      {
        id: 'd2',
        proposalId: bundle!.id,
        kind: 'bundle',
        clauses: [
          { id: 'prisoner_exchange', size: 'small', giver: 'both' },
          { id: 'sanctions_relief', size: 'bn2', giver: 'A' },
        ],
        signedRound: 2,
        verifyLeft: 1,
        status: 'verifying',
      },
    ]);
    // d1 verified at once (a pause needs no verification): escalation -1, both pressures -1.
    // The unleashed proxies let one more barrel slip (oilLeak +1); the oil price (4, above 3)
    // drifts A's pressure back up (+1).
    expect(G.tracks).toEqual({ ...before, escalation: 5, pressureA: 4, pressureB: 2, oilLeak: 5 });
    expect(G.feed.filter((f) => f.round === 2 && f.kind !== 'incident').map((f) => f.kind)).toEqual(
      ['round', 'signed', 'signed', 'verified'],
    );
    // The deals are public: every seat and the spectator see them.
    for (const v of [view('0'), view('1'), view('2'), spectator()]) {
      expect(v.deals).toEqual(G.deals);
      expect(v.feed).toEqual(G.feed);
      expect(v.tracks).toEqual(G.tracks);
    }
    viewsAgree();
  });

  it('press in round 2: claims move credit', async () => {
    await act('0', 'statement', { kind: 'claim', target: 'd1' });
    await act('1', 'done');
    await act('2', 'statement', { kind: 'claim', target: 'd2' });
    const G = full();
    expect(G.credit).toEqual({ '0': 1, '1': 0, '2': 1 });
    expect(G.tracks.pressureA).toBe(3); // credit relief
    expect(G.statements.slice(3)).toEqual([
      { seat: '0', round: 2, kind: 'claim', target: 'd1' },
      { seat: '1', round: 2, kind: 'silence' },
      { seat: '2', round: 2, kind: 'claim', target: 'd2' },
    ]);
    expect(G.round).toBe(3);
  });

  it('round 3: the broker tables a proposal of its own; A rejects it', async () => {
    await allDone();
    expect(full().step).toBe('mediation');
    await act('2', 'tableProposal', {
      clauses: [{ id: 'interdiction_pause', size: 'r1', giver: 'A' }],
      note: 'A small step.',
    });
    expect(full().tracks.capital).toBe(1);
    await act('2', 'done');
    const tabled = full().proposals[2]!;
    expect(tabled).toMatchObject({ kind: 'table', recipients: ['0', '1'], due: ['0', '1'] });
    for (const seat of ['0', '1'] as const)
      expect(view(seat).proposals.map((x) => x.id)).toContain(tabled.id);
    await act('0', 'respond', tabled.id, 'reject');
    await act('1', 'respond', tabled.id, 'accept');
    const G = full();
    expect(G.proposals[2]!.stage).toBe('rejected');
    expect(G.deals.map((d) => [d.id, d.status, d.verifyLeft])).toEqual([
      ['d1', 'verified', 0],
      ['d2', 'verifying', 0],
    ]);
    expect(view('1').proposals.find((x) => x.id === tabled.id)!.answers).toEqual({ '1': 'accept' });
    await allDone(); // press
    expect(full().round).toBe(4);
  });

  it('resolution in round 4: the bundle verifies after its rounds; tracks move', async () => {
    await allDone(); // drafting
    await allDone(); // mediation
    expect(full().step).toBe('response');
    const before = structuredClone(full());
    expect(before.tracks).toEqual({
      escalation: 6,
      oilLeak: 5,
      oilPrice: 4,
      pressureA: 4,
      pressureB: 2,
      capital: 1,
    });
    expect(before.credit).toEqual({ '0': 1, '1': 0, '2': 1 });
    await allDone();
    const G = full();
    expect(G.deals[1]).toMatchObject({ id: 'd2', status: 'verified', verifiedRound: 4 });
    // Prisoner exchange: +1 credit to each signer and both pressures -1; $2bn relief: B -1 more.
    // The oil price (4, above 3) drifts A's pressure back up (+1).
    expect(G.credit).toEqual({ '0': 2, '1': 1, '2': 1 });
    expect(G.tracks).toEqual({ ...before.tracks, pressureA: 4, pressureB: 0 });
    expect(G.feed.at(-1)).toMatchObject({ round: 4, kind: 'verified', dealId: 'd2' });
    viewsAgree();
  });

  it('plays to the end with done; ctx.gameover holds the result and nothing secret', async () => {
    for (let guard = 0; guard < 50 && full().step !== 'over'; guard++) await allDone();
    const state = master();
    const G = state.G;
    expect(G.step).toBe('over');
    expect(G.round).toBe(5);
    const expected = {
      reason: 'rounds',
      outcome: 'codified-stalemate',
      scores: { '0': 6, '1': 10, '2': 12 },
      normalised: { '0': 0.24, '1': 0.4, '2': 0.4 },
      winners: ['1', '2'],
    };
    expect(G.final).toEqual(expected);
    expect(state.ctx.gameover).toEqual(expected);
    for (const client of [...SEATS.map((s) => m.clients[s]), m.spectator])
      expect(client.getState()!.ctx.gameover).toEqual(expected);

    const over = JSON.stringify(state.ctx.gameover);
    const secrets = [
      ...G.agendas['0']!.flatMap((c) => [c.id, c.text]),
      ...G.agendas['1']!.flatMap((c) => [c.id, c.text]),
      G.mandate!.id,
      G.mandate!.text,
      'unleash',
      'enforcement',
      'SECRET-',
      'directed',
      'rogue',
      SEED,
      ...G.memos.map((x) => x.id),
    ];
    for (const secret of secrets) expect(over).not.toContain(secret);

    // The debrief: every seat and the spectator now see everything, the seed included.
    for (const v of [view('0'), view('1'), view('2'), spectator()]) {
      expect(v).toEqual(G);
      expect(v.seed).toBe(SEED);
      // Rounds 4 and 5 each opened with a directed incident too.
      expect(v.attributions).toEqual({
        i1: 'rogue',
        i2: 'directed',
        i3: 'directed',
        i4: 'directed',
      });
      expect(v.memos.map((x) => x.text)).toEqual([A1_TEXT, A2_TEXT, B1_TEXT]);
    }
    expect(G.feed.at(-1)).toEqual({ round: 5, kind: 'end', text: 'The last round is over.' });
  });
});
