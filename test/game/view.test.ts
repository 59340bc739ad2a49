// Who sees what (GAME.md): targeted tests of viewFor on the pure rules, and of what boardgame.io's
// clients over Local() hold: each client's state is its seat's view, and the log hides the
// arguments of secret moves from the other seats.
import type { LogEntry, State } from 'boardgame.io';
import { afterEach, describe, expect, it } from 'vitest';
import { viewFor } from '../../src/game/view';
import type { BackchannelState, Clause, Seat } from '../../src/game/types';
import { replayRecord } from '../../src/game/replay';
import { advanceTo, allDone, localMatch, table, type LocalMatch, type Table } from './harness';
import { playedRecord } from './played-record';

const SEATS: Seat[] = ['0', '1', '2'];
const settle = () => new Promise((r) => setTimeout(r, 5));
const hp = (size: string): Clause => ({ id: 'humanitarian_pause', size, giver: 'both' });

const A1 = 'SECRET-A-1 We offer three days of calm.';
const A2 = 'SECRET-A-2 Bring the crews home.';
const B1 = 'SECRET-B-1 Relief before anything.';

/** Round 1 up to the response step: A's memo relayed with a struck clause, a struck span and a
 * reframe; A's second memo held; B's memo held. */
function relayed(): { t: Table; proposal: string; a1: string } {
  const t = table({}, 'view-relay');
  t.must('0', 'setPosture', { enforcement: 'tighten' });
  t.must('1', 'setPosture', { proxyLeash: 'restrain', enrichment: 'advance' });
  t.must('0', 'draftMemo', {
    clauses: [hp('d3'), { id: 'ceasefire', size: 'partial', giver: 'other' }],
    text: A1,
  });
  t.must('0', 'draftMemo', { clauses: [], text: A2 });
  t.must('1', 'draftMemo', {
    clauses: [{ id: 'sanctions_relief', size: 'bn5', giver: 'other' }],
    text: B1,
  });
  allDone(t);
  const [a1, a2, b1] = t.G.memos;
  t.must('2', 'relay', a1!.id, {
    redactClauses: [1],
    redactSpans: [[0, 11]],
    reframes: [{ clause: 0, delta: 1 }],
  });
  t.must('2', 'hold', a2!.id);
  t.must('2', 'hold', b1!.id);
  t.must('2', 'done');
  return { t, proposal: t.G.proposals[0]!.id, a1: a1!.id };
}

describe('viewFor', () => {
  it('shares the state’s parts when asked (the server), with the same content as a copy', () => {
    let states = 0;
    replayRecord(playedRecord('view-share'), (state) => {
      states++;
      for (const seat of [...SEATS, null]) {
        const copy = viewFor(state.G, seat);
        const shared = viewFor(state.G, seat, { share: true });
        expect(JSON.stringify(shared)).toBe(JSON.stringify(copy));
        // The copy is a copy; the shared view holds the state's own objects.
        expect(copy.feed).not.toBe(state.G.feed);
        expect(shared.feed).toBe(state.G.feed);
      }
    });
    expect(states).toBeGreaterThan(30);
  });

  it('gives the spectator the public information only', () => {
    const { t } = relayed();
    const G = t.G;
    const v = viewFor(G, null);
    expect(v).toEqual({
      options: G.options,
      round: 1,
      step: 'response',
      clock: G.clock,
      pending: ['0', '1'],
      tracks: G.tracks,
      breakout: { estimate: G.breakout.estimate },
      credit: G.credit,
      walkouts: G.walkouts,
      incidents: G.incidents,
      deals: [],
      feed: G.feed,
      statements: [],
      counters: G.counters,
      history: G.history,
      breakoutHistory: [],
      agendas: {},
      postures: {},
      memos: [],
      proposals: [],
      attributions: {},
      sealedStatements: {},
    });
    const text = JSON.stringify(v);
    for (const secret of ['SECRET-', 'tighten', 'advance', 'mandate', 'stats', 'seed'])
      expect(text).not.toContain(secret);
    // Unknown player ids are spectators too.
    expect(viewFor(G, '3')).toEqual(v);
    expect(viewFor(G, undefined)).toEqual(v);
  });

  it('gives each principal its own agenda and postures only', () => {
    const { t } = relayed();
    const G = t.G;
    const a = viewFor(G, '0');
    const b = viewFor(G, '1');
    expect(a.agendas).toEqual({ '0': G.agendas['0'] });
    expect(b.agendas).toEqual({ '1': G.agendas['1'] });
    expect(G.agendas['0']).toHaveLength(2);
    expect(a.postures).toEqual({ '0': { enforcement: 'tighten' } });
    expect(b.postures).toEqual({ '1': { proxyLeash: 'restrain', enrichment: 'advance' } });
    expect(a.mandate).toBeUndefined();
    expect(b.mandate).toBeUndefined();
    expect(a.stats).toBeUndefined();
    expect(b.stats).toBeUndefined();
    for (const card of G.agendas['1']!) expect(JSON.stringify(a)).not.toContain(card.text);
    for (const card of G.agendas['0']!) expect(JSON.stringify(b)).not.toContain(card.text);
    expect(JSON.stringify(a)).not.toContain(G.mandate!.text);
  });

  it('gives the broker its mandate, every submitted memo as written and delivered, stats', () => {
    const { t, a1 } = relayed();
    const G = t.G;
    const v = viewFor(G, '2');
    expect(v.mandate).toEqual(G.mandate);
    expect(v.agendas).toEqual({});
    expect(v.postures).toEqual({});
    expect(v.memos).toEqual(G.memos);
    expect(v.memos.map((x) => [x.text, x.status])).toEqual([
      [A1, 'relayed'],
      [A2, 'held'],
      [B1, 'held'],
    ]);
    expect(v.memos.find((x) => x.id === a1)!.clauses).toEqual([
      hp('d3'),
      { id: 'ceasefire', size: 'partial', giver: 'B' },
    ]);
    expect(v.memos.find((x) => x.id === a1)!.delivery).toEqual({
      round: 1,
      clauses: [hp('d7'), null],
      text: '███We offer three days of calm.',
      note: '',
      redactClauses: [1],
      redactSpans: [[0, 11]],
      reframes: [{ clause: 0, from: 'd3', to: 'd7' }],
      // The broker's own ledger: the reframe is owed until it comes out.
      owed: 1,
    });
    expect(v.proposals).toEqual(G.proposals);
    expect(v.stats).toEqual({
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
    expect(v.breakout).toEqual({ estimate: G.breakout.estimate });
  });

  it('hides drafts from the broker until drafting ends', () => {
    const t = table({}, 'view-drafts');
    const before = viewFor(t.G, '2');
    t.must('0', 'draftMemo', { clauses: [], text: A1 });
    // Not even its count: the broker's view does not change at all while a principal drafts.
    expect(viewFor(t.G, '2')).toEqual(before);
    expect(viewFor(t.G, '2').stats!.memosWritten).toBe(0);
    expect(JSON.stringify(viewFor(t.G, '2'))).not.toContain('SECRET-A-1');
    allDone(t);
    expect(viewFor(t.G, '2').memos.map((x) => x.text)).toEqual([A1]);
    expect(viewFor(t.G, '2').stats!.memosWritten).toBe(1);
  });

  it('shows the recipient the delivered wording: ███ where struck, reframes silently', () => {
    const { t, proposal } = relayed();
    const b = viewFor(t.G, '1');
    expect(b.proposals).toEqual([
      {
        id: proposal,
        kind: 'relay',
        round: 1,
        memoId: t.G.memos[0]!.id,
        author: '0',
        recipients: ['1'],
        clauses: [hp('d7')],
        shown: [hp('d7'), null],
        text: '███We offer three days of calm.',
        note: '',
        stage: 'open',
        due: ['1'],
        dueRound: 1,
        answers: {},
      },
    ]);
    // B's memos are its own; A's are nowhere in B's view.
    expect(b.memos.map((x) => x.text)).toEqual([B1]);
    const text = JSON.stringify(b);
    for (const secret of ['SECRET-A', '"d3"', '"ceasefire"', 'reframe', 'redact', 'delivery'])
      expect(text).not.toContain(secret);
  });

  it("shows the author its memo's delivery only at ratification", () => {
    const { t, proposal, a1 } = relayed();
    const mine = () => viewFor(t.G, '0').proposals.find((p) => p.id === proposal);
    // While the broker has it and while the recipient is answering: the author knows nothing.
    expect(viewFor(t.G, '0').memos.map((x) => [x.id, x.status, x.delivery])).toEqual([
      [a1, 'with-broker', undefined],
      [t.G.memos[1]!.id, 'with-broker', undefined],
    ]);
    expect(mine()).toBeUndefined();
    t.must('1', 'respond', proposal, 'accept');
    expect(mine()).toBeUndefined();
    expect(JSON.stringify(viewFor(t.G, '0'))).not.toContain('"d7"');
    t.must('0', 'done');
    // The response step is over: the memo is back with its author, in the delivered wording.
    expect(t.G.step).toBe('press');
    expect(mine()).toEqual({
      id: proposal,
      kind: 'relay',
      round: 1,
      memoId: a1,
      author: '0',
      recipients: ['1'],
      clauses: [hp('d7')],
      shown: [hp('d7'), null],
      text: '███We offer three days of calm.',
      note: '',
      stage: 'ratification',
      due: ['0'],
      dueRound: 2,
      answers: { '1': 'accept' },
    });
    // Its own memo still carries nothing of the broker's handling.
    expect(viewFor(t.G, '0').memos[0]!.delivery).toBeUndefined();
  });

  it('never shows the author a relayed memo that its recipient rejected', () => {
    const { t, proposal } = relayed();
    t.must('1', 'respond', proposal, 'reject');
    t.must('0', 'done');
    expect(t.G.proposals[0]!.stage).toBe('rejected');
    expect(viewFor(t.G, '0').proposals).toEqual([]);
    advanceTo(t, 'response', 2);
    expect(viewFor(t.G, '0').proposals.map((p) => p.id)).not.toContain(proposal);
  });

  it('never shows the author a relayed message (a memo with no clauses)', () => {
    const t = table({}, 'view-message');
    t.must('0', 'draftMemo', { clauses: [], text: A2 });
    allDone(t);
    t.must('2', 'relay', t.G.memos[0]!.id, { note: 'Passing it on.' });
    t.must('2', 'done');
    const p = t.G.proposals[0]!;
    expect(p.stage).toBe('message');
    expect(viewFor(t.G, '1').proposals.map((x) => [x.id, x.text, x.note])).toEqual([
      [p.id, A2, 'Passing it on.'],
    ]);
    expect(viewFor(t.G, '0').proposals).toEqual([]);
    advanceTo(t, 'response', 2);
    expect(viewFor(t.G, '0').proposals).toEqual([]);
  });

  it('shows a leaked memo to everyone, in the feed only', () => {
    const t = table({}, 'view-leak');
    t.must('0', 'draftMemo', { clauses: [hp('d3')], text: A1 });
    allDone(t);
    const memo = t.G.memos[0]!;
    t.must('2', 'leak', memo.id);
    for (const seat of ['1', null] as const) {
      const v = viewFor(t.G, seat);
      expect(v.memos).toEqual([]);
      expect(v.feed.at(-1)).toEqual({
        round: 1,
        kind: 'leak',
        seat: '0',
        text: 'Leaked: a memo from Washington to the broker, published as written.',
        memo: { id: memo.id, author: '0', clauses: [hp('d3')], text: A1 },
      });
    }
    expect(viewFor(t.G, '0').memos.map((x) => x.status)).toEqual(['leaked']);
  });

  it('shows B its directed attributions only, and nobody else any', () => {
    const t = table({}, 'view-11');
    t.must('1', 'setPosture', { proxyLeash: 'unleash', enrichment: 'steady' });
    advanceTo(t, 'drafting', 2);
    expect(t.G.incidents.map((i) => [i.id, i.round])).toEqual([
      ['i1', 2],
      ['i2', 2],
    ]);
    expect(t.G.attributions).toEqual({ i1: 'directed', i2: 'rogue' });
    expect(viewFor(t.G, '1').attributions).toEqual({ i1: 'directed' });
    for (const seat of ['0', '2', null] as const) {
      expect(viewFor(t.G, seat).attributions).toEqual({});
      expect(viewFor(t.G, seat).incidents).toEqual(t.G.incidents);
    }
    expect(JSON.stringify(viewFor(t.G, '1'))).not.toContain('rogue');
  });

  it('shows the true breakout to B; to A and the broker only through verified inspections', () => {
    const t = table({}, 'inspect-1');
    const breakout = (seat: Seat | null) => viewFor(t.G, seat).breakout;
    expect(t.G.breakout.true).toBe(6);
    expect(breakout('1')).toEqual({ estimate: t.G.breakout.estimate, true: 6 });
    for (const seat of ['0', '2', null] as const)
      expect(breakout(seat)).toEqual({ estimate: t.G.breakout.estimate });

    advanceTo(t, 'mediation', 1);
    t.must('2', 'tableProposal', { clauses: [{ id: 'inspections', size: 'limited', giver: 'B' }] });
    t.must('2', 'done');
    const p = t.G.proposals[0]!;
    t.must('0', 'respond', p.id, 'accept');
    t.must('1', 'respond', p.id, 'accept');
    // Signed, not yet verified: still the estimate.
    expect(t.G.deals[0]).toMatchObject({ status: 'verifying', verifyLeft: 0 });
    expect(breakout('0').true).toBeUndefined();
    expect(breakout('2').true).toBeUndefined();

    advanceTo(t, 'press', 2);
    expect(t.G.deals[0]).toMatchObject({ status: 'verified', verifiedRound: 2 });
    // The estimate is the round's draw (the generator's, whatever it gives); the true value is 8.
    const { estimate } = t.G.breakout;
    expect(t.G.breakout).toEqual({ estimate, true: 8 });
    for (const seat of ['0', '1', '2'] as const)
      expect(breakout(seat)).toEqual({ estimate, true: 8 });
    // The spectator is not party to the inspections.
    expect(breakout(null)).toEqual({ estimate });
  });

  it('shows everyone everything after the end, the seed included', () => {
    const t = table({ rounds: 4 }, 'view-debrief');
    t.must('0', 'draftMemo', { clauses: [], text: A1 });
    t.must('1', 'setPosture', { proxyLeash: 'unleash', enrichment: 'pause' });
    for (let guard = 0; guard < 100 && t.G.step !== 'over'; guard++) allDone(t);
    expect(t.G.step).toBe('over');
    expect(t.G.seed).toBe('view-debrief');
    for (const seat of ['0', '1', '2', null] as const) {
      const v = viewFor(t.G, seat);
      expect(v).toEqual(t.G);
      expect(v.seed).toBe('view-debrief');
      expect(v.agendas['0']).toHaveLength(2);
      expect(v.agendas['1']).toHaveLength(2);
      expect(v.mandate).toEqual(t.G.mandate);
      expect(v.postures['1']).toEqual({ proxyLeash: 'unleash', enrichment: 'pause' });
      expect(v.memos.map((x) => x.text)).toEqual([A1]);
      expect(v.breakout.true).toBe(t.G.breakout.true);
      expect(v.stats).toEqual(t.G.stats);
    }
  });

  it('returns a copy: changing a view changes nothing in the state', () => {
    const { t } = relayed();
    const before = structuredClone(t.G);
    for (const seat of ['0', '1', '2', null] as const) {
      const v = viewFor(t.G, seat);
      v.tracks.escalation = 99;
      v.feed.push({ round: 9, kind: 'end', text: 'x' });
      v.memos.forEach((x) => (x.text = 'changed'));
      v.proposals.forEach((x) => (x.text = 'changed'));
    }
    expect(t.G).toEqual(before);
  });
});

describe('boardgame.io clients over Local()', () => {
  let m: LocalMatch | undefined;
  afterEach(() => {
    m?.stop();
    m = undefined;
  });

  type Moves = Record<string, (...args: unknown[]) => void>;
  const master = (match: LocalMatch): State<BackchannelState> & { metadata?: unknown } => {
    const c = match.clients['0'] as unknown as {
      transport: { master: { storageAPI: { fetch: (id: string, o: object) => unknown } } };
    };
    const r = c.transport.master.storageAPI.fetch('default', { state: true, metadata: true }) as {
      state: State<BackchannelState>;
      metadata: unknown;
    };
    return { ...r.state, metadata: r.metadata };
  };
  async function act(match: LocalMatch, seat: Seat, move: string, ...args: unknown[]) {
    const before = master(match)._stateID;
    (match.clients[seat].moves as Moves)[move]!(...args);
    await settle();
    expect(master(match)._stateID, `${move} by ${seat}`).toBe(before + 1);
  }
  async function allDoneLocal(match: LocalMatch) {
    for (const seat of [...master(match).G.pending]) await act(match, seat, 'done');
  }
  const clientsOf = (match: LocalMatch) => [
    ...SEATS.map((s) => [s, match.clients[s]] as const),
    [null, match.spectator] as const,
  ];

  /** Every secret move, once each, in rounds 1 and 2. */
  async function everySecretMove(match: LocalMatch): Promise<void> {
    await act(match, '0', 'setPosture', { enforcement: 'interdict' });
    await act(match, '1', 'setPosture', { proxyLeash: 'unleash', enrichment: 'advance' });
    await act(match, '0', 'draftMemo', { clauses: [hp('d3')], text: A1 });
    await act(match, '0', 'draftMemo', {
      clauses: [{ id: 'prisoner_exchange', size: 'small', giver: 'both' }],
      text: A2,
    });
    await act(match, '1', 'draftMemo', {
      clauses: [{ id: 'sanctions_relief', size: 'bn5', giver: 'other' }],
      text: B1,
    });
    await act(match, '1', 'draftMemo', { clauses: [], text: 'SECRET-B-2 Off the record.' });
    await allDoneLocal(match);
    const [a1, a2, b1, b2] = master(match).G.memos;
    await act(match, '2', 'relay', a1!.id, { redactSpans: [[0, 11]], note: 'SECRET-NOTE' });
    await act(match, '2', 'bundle', {
      parts: [
        { memoId: a2!.id, clause: 0 },
        { memoId: b1!.id, clause: 0 },
      ],
    });
    await act(match, '2', 'leak', b2!.id);
    await act(match, '2', 'tableProposal', {
      clauses: [{ id: 'interdiction_pause', size: 'r1', giver: 'A' }],
    });
    await act(match, '2', 'done');
    const [relay, bundle, tabled] = master(match).G.proposals;
    await act(match, '1', 'respond', relay!.id, 'accept');
    await act(match, '1', 'respond', bundle!.id, 'reject');
    await act(match, '1', 'respond', tabled!.id, 'reject');
    await act(match, '0', 'respond', bundle!.id, 'accept');
    await act(match, '0', 'respond', tabled!.id, 'accept');
    expect(master(match).G.step).toBe('press');
    await act(match, '0', 'statement', { kind: 'silence' });
    await act(match, '1', 'statement', { kind: 'silence' });
    await act(match, '2', 'statement', { kind: 'silence' });
    expect(master(match).G.round).toBe(2);
    await act(match, '0', 'draftMemo', { clauses: [], text: 'SECRET-A-3 Later, perhaps.' });
    await allDoneLocal(match);
    await act(match, '2', 'hold', master(match).G.memos[4]!.id);
  }

  it("gives each client exactly its seat's view, the spectator the public one", async () => {
    m = localMatch({}, 'view-local');
    await settle();
    await everySecretMove(m);
    const G = master(m).G;
    for (const [seat, client] of clientsOf(m))
      expect(client.getState()!.G).toEqual(viewFor(G, seat));
    const spectator = m.spectator.getState()!.G;
    expect(spectator.memos).toEqual([]);
    expect(spectator.proposals).toEqual([]);
    expect(spectator.agendas).toEqual({});
    const text = JSON.stringify(spectator);
    for (const secret of ['SECRET-A', 'SECRET-B-1', 'interdict"', 'unleash', 'view-local'])
      expect(text).not.toContain(secret);
    // The leaked memo is public: the spectator reads it in the feed.
    expect(text).toContain('SECRET-B-2 Off the record.');
    // No client holds the PRNG's seed or state.
    for (const [, client] of clientsOf(m))
      expect(client.getState()!.plugins.prng!.data).toEqual({ seed: '', state: [] });
  });

  /** Strings that only the seat that sent them may find in its log. */
  const SENDERS: Record<string, Seat> = {
    'SECRET-A-1': '0',
    'SECRET-B-1': '1',
    'SECRET-NOTE': '2',
    '"interdict"': '0',
    '"unleash"': '1',
  };

  it('redacts the arguments of secret moves in the log for every other seat', async () => {
    m = localMatch({}, 'view-log');
    await settle();
    await everySecretMove(m);
    const secret = [
      'setPosture',
      'draftMemo',
      'relay',
      'hold',
      'leak',
      'bundle',
      'tableProposal',
      'respond',
      'statement',
    ];
    const logs = new Map(clientsOf(m).map(([seat, c]) => [seat, c.getState()!.log as LogEntry[]]));
    const moves = new Set(logs.get('0')!.map((e) => e.action.payload.type));
    for (const name of secret) expect(moves).toContain(name);

    for (const [viewer, log] of logs) {
      expect(log.map((e) => [e.action.payload.type, e.action.payload.playerID])).toEqual(
        logs.get('0')!.map((e) => [e.action.payload.type, e.action.payload.playerID]),
      );
      for (const entry of log) {
        const { type, args, playerID } = entry.action.payload;
        if (!secret.includes(type)) {
          expect(type).toBe('done');
          continue;
        }
        if (playerID === viewer) expect(args).not.toBeNull();
        else expect(args, `${type} by ${playerID}, seen by ${viewer}`).toBeNull();
      }
      // Nothing secret sent by another seat is anywhere in this seat's log.
      const text = JSON.stringify(log);
      for (const [marker, sender] of Object.entries(SENDERS))
        if (viewer !== sender) expect(text, `${viewer} reads ${marker}`).not.toContain(marker);
    }
    // A seat's own entries keep their arguments.
    const own = logs.get('2')!.find((e) => e.action.payload.type === 'relay')!;
    expect(own.action.payload.args).toEqual([
      master(m).G.memos[0]!.id,
      { redactSpans: [[0, 11]], note: 'SECRET-NOTE' },
    ]);
  });

  it('keeps setupData and ctx.gameover free of secrets', async () => {
    m = localMatch({ rounds: 4, scenario: 'meridian-strait' }, 'view-over');
    await settle();
    const start = master(m);
    expect(start.G.options).toEqual({
      scenario: 'meridian-strait',
      rounds: 4,
      timerPreset: 'untimed',
      stepSeconds: null,
      bots: {},
    });
    for (let guard = 0; guard < 40 && master(m).G.step !== 'over'; guard++) await allDoneLocal(m);
    const { G, ctx, metadata } = master(m);
    expect(G.step).toBe('over');
    expect(Object.keys(ctx.gameover as object).sort()).toEqual([
      'normalised',
      'outcome',
      'reason',
      'scores',
      'winners',
    ]);
    expect(ctx.gameover).toEqual(G.final);
    const secrets = [
      'view-over',
      ...(['0', '1'] as const).flatMap((s) => G.agendas[s]!.flatMap((c) => [c.id, c.text])),
      G.mandate!.id,
      G.mandate!.text,
      'loose',
      'steady',
      'rogue',
      'directed',
    ];
    for (const text of [
      JSON.stringify(ctx.gameover),
      JSON.stringify(G.options),
      JSON.stringify(metadata),
    ])
      for (const s of secrets) expect(text).not.toContain(s);
    for (const [, client] of clientsOf(m)) {
      expect(client.getState()!.ctx.gameover).toEqual(G.final);
      expect(client.getState()!.G).toEqual(G);
      expect(client.getState()!.G.seed).toBe('view-over');
    }
  });
});
