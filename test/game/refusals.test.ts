// Every move of the contract refuses bad input without changing state: first through real
// boardgame.io clients (the master's state, as every client sees it), then on the bare rules.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MoveName } from '../../src/game/moves';
import { advanceTo, localMatch, table, type LocalMatch, type Table } from './harness';

const tick = () => new Promise((r) => setTimeout(r, 5));

const PAUSE = { id: 'humanitarian_pause', size: 'd3', giver: 'both' };
const OK_MEMO = { clauses: [{ id: 'humanitarian_pause', size: 'd3', giver: 'both' }], text: 'Hi.' };
const FIVE = [
  { id: 'humanitarian_pause', size: 'd3', giver: 'both' },
  { id: 'prisoner_exchange', size: 'small', giver: 'both' },
  { id: 'shipping_corridor', size: 'one_lane', giver: 'both' },
  { id: 'ceasefire', size: 'partial', giver: 'other' },
  { id: 'inspections', size: 'limited', giver: 'other' },
];
const HUGE = Array.from({ length: 10_000 }, () => ({ ...PAUSE }));
const LONG_ID = 'm'.repeat(10_000);

/** Bad memo payloads: size limits, catalog errors, wrong shapes. */
const BAD_MEMOS: unknown[] = [
  { clauses: [], text: 'x'.repeat(601) },
  { clauses: FIVE, text: '' },
  { clauses: [{ id: 'regime_change', size: 'd3', giver: 'both' }], text: '' },
  { clauses: [{ id: 'humanitarian_pause', size: 'd30', giver: 'both' }], text: '' },
  { clauses: [{ id: 'humanitarian_pause', size: 'd3', giver: 'self' }], text: '' },
  { clauses: [{ id: 'humanitarian_pause', size: 'd3', giver: 'A' }], text: '' },
  { clauses: [], text: '' },
  { clauses: [], text: 'bell\u0007' },
  { ...OK_MEMO, to: '1' },
  { ...OK_MEMO, recipient: 'B' },
  { clauses: HUGE, text: '' },
  { clauses: [], text: 'x'.repeat(100_000) },
  { clauses: 'humanitarian_pause', text: '' },
  { clauses: [null], text: '' },
  { text: 'No clauses field.' },
  null,
  42,
  'memo',
  [],
  [OK_MEMO],
];

const BAD_POSTURES_A: unknown[] = [
  { enforcement: 'nuke' },
  { enforcement: 'hold', extra: true },
  { proxyLeash: 'loose', enrichment: 'pause' },
  null,
  7,
  'tighten',
  [],
  Array.from({ length: 10_000 }, () => 'hold'),
];

function bad(...values: unknown[]): unknown[][] {
  return values.map((v) => [v]);
}

describe('through boardgame.io clients', () => {
  let m: LocalMatch;
  let errors: ReturnType<typeof vi.spyOn>;
  type Seatish = '0' | '1' | '2' | 'spectator';
  const SEATS: Seatish[] = ['0', '1', '2', 'spectator'];

  const client = (seat: Seatish) => (seat === 'spectator' ? m.spectator : m.clients[seat]);
  const state = (seat: Seatish) => client(seat).getState()!;

  function snapshot() {
    return SEATS.map((seat) => {
      const s = state(seat);
      return {
        seat,
        G: structuredClone(s.G),
        stateID: s._stateID,
        log: s.log.length,
        gameover: s.ctx.gameover ?? null,
      };
    });
  }

  async function send(seat: Seatish, move: string, ...args: unknown[]): Promise<void> {
    const moves = client(seat).moves as Record<string, (...a: unknown[]) => void>;
    moves[move]!(...args);
    await tick();
  }

  /** Sends each bad call and checks that no client's state moved at all. */
  async function expectRefused(calls: [Seatish, string, ...unknown[]][]): Promise<void> {
    for (const [seat, move, ...args] of calls) {
      const before = snapshot();
      await send(seat, move, ...args);
      const after = snapshot();
      expect({ seat, move, args: JSON.stringify(args).slice(0, 80), after }).toEqual({
        seat,
        move,
        args: JSON.stringify(args).slice(0, 80),
        after: before,
      });
    }
  }

  /** Every seat still pending in the spectator's (public) view says done. */
  async function everyoneDone(): Promise<void> {
    for (const seat of [...state('spectator').G.pending]) await send(seat, 'done');
  }

  beforeAll(async () => {
    errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    m = localMatch({ rounds: 4 });
    await tick();
  });
  afterAll(() => {
    m.stop();
    errors.mockRestore();
  });

  it('a good move does change the state (the comparison can fail)', async () => {
    const before = snapshot();
    await send('0', 'setPosture', { enforcement: 'tighten' });
    expect(state('0')._stateID).toBe(before[0]!.stateID + 1);
    expect(state('0').G.postures['0']).toEqual({ enforcement: 'tighten' });
    expect(snapshot()).not.toEqual(before);
  });

  it('drafting: wrong seats, wrong steps and bad payloads change nothing', async () => {
    expect(state('spectator').G.step).toBe('drafting');
    await expectRefused([
      ['2', 'setPosture', { enforcement: 'hold' }],
      ['2', 'draftMemo', OK_MEMO],
      ['0', 'setPosture', { proxyLeash: 'loose', enrichment: 'pause' }],
      ['1', 'setPosture', { enforcement: 'hold' }],
      ['spectator', 'setPosture', { enforcement: 'hold' }],
      ['spectator', 'draftMemo', OK_MEMO],
      ['spectator', 'done'],
      ['2', 'done'],
      ['0', 'done', 'now'],
      ['2', 'relay', 'm-unknown'],
      ['2', 'hold', 'm-unknown'],
      ['2', 'leak', 'm-unknown'],
      [
        '2',
        'bundle',
        {
          parts: [
            { memoId: 'm-a', clause: 0 },
            { memoId: 'm-b', clause: 0 },
          ],
        },
      ],
      ['2', 'tableProposal', { clauses: [PAUSE] }],
      ['0', 'respond', 'p-unknown', 'accept'],
      ['0', 'statement', { kind: 'silence' }],
      ['0', 'expire', { round: 1, step: 'drafting' }],
      ...BAD_MEMOS.map((memo): [Seatish, string, unknown] => ['0', 'draftMemo', memo]),
      ...BAD_POSTURES_A.map((p): [Seatish, string, unknown] => ['0', 'setPosture', p]),
      ['1', 'setPosture', { proxyLeash: 'loose' }],
      ['1', 'setPosture', { proxyLeash: 'loose', enrichment: 'steady', enforcement: 'hold' }],
      ['0', 'setPosture', { enforcement: 'hold' }, { enforcement: 'relax' }],
      ['0', 'draftMemo', OK_MEMO, '1'],
      ['0', 'draftMemo'],
    ]);
  });

  it('drafting: at most two memos, and none after done', async () => {
    await send('0', 'draftMemo', OK_MEMO);
    await send('0', 'draftMemo', { clauses: [], text: 'Second.' });
    await expectRefused([['0', 'draftMemo', { clauses: [], text: 'Third.' }]]);
    await send('1', 'draftMemo', {
      clauses: [{ id: 'ceasefire', size: 'partial', giver: 'self' }],
      text: '',
    });
    await send('1', 'done');
    await expectRefused([
      ['1', 'draftMemo', { clauses: [], text: 'Too late.' }],
      ['1', 'setPosture', { proxyLeash: 'restrain', enrichment: 'pause' }],
      ['1', 'done'],
    ]);
    await send('0', 'done');
    expect(state('spectator').G.step).toBe('mediation');
  });

  it('mediation: wrong seats, unknown memos and bad payloads change nothing', async () => {
    const memos = state('2').G.memos;
    expect(memos).toHaveLength(3);
    const a = memos.find((x) => x.author === '0')!.id;
    const b = memos.find((x) => x.author === '1')!.id;
    await expectRefused([
      ['0', 'relay', a],
      ['1', 'relay', a],
      ['1', 'hold', a],
      ['0', 'leak', a],
      ['spectator', 'leak', a],
      [
        '1',
        'bundle',
        {
          parts: [
            { memoId: a, clause: 0 },
            { memoId: b, clause: 0 },
          ],
        },
      ],
      ['0', 'tableProposal', { clauses: [PAUSE] }],
      ['0', 'draftMemo', OK_MEMO],
      ['1', 'setPosture', { proxyLeash: 'restrain', enrichment: 'pause' }],
      ['0', 'respond', 'p-unknown', 'accept'],
      ['2', 'statement', { kind: 'silence' }],
      ['0', 'done'],
      ['2', 'done', true],
      ['2', 'relay', 'm-unknown'],
      ['2', 'hold', 'm-unknown'],
      ['2', 'leak', 'm-unknown'],
      ['2', 'relay', LONG_ID],
      ['2', 'hold', LONG_ID],
      ['2', 'relay', 42],
      ['2', 'hold', null],
      ['2', 'leak', { memoId: a }],
      ['2', 'leak', [a]],
      ['2', 'hold', a, 'extra'],
      ['2', 'leak', a, 'extra'],
      ['2', 'relay', a, {}, 'extra'],
      ['2', 'relay', a, 42],
      ['2', 'relay', a, 'plain'],
      ['2', 'relay', a, []],
      ['2', 'relay', a, { to: '0' }],
      ['2', 'relay', a, { redactClauses: [5] }],
      ['2', 'relay', a, { redactClauses: [1] }],
      ['2', 'relay', a, { redactClauses: 'all' }],
      ['2', 'relay', a, { redactSpans: [[0, 99]] }],
      [
        '2',
        'relay',
        a,
        {
          redactSpans: [
            [0, 2],
            [1, 3],
          ],
        },
      ],
      ['2', 'relay', a, { redactSpans: Array.from({ length: 10_000 }, () => [0, 1]) }],
      ['2', 'relay', a, { reframes: [{ clause: 0, delta: 2 }] }],
      [
        '2',
        'relay',
        a,
        {
          reframes: [
            { clause: 0, delta: 1 },
            { clause: 0, delta: 1 },
          ],
        },
      ],
      ['2', 'relay', a, { reframes: [{ clause: 0, delta: 1, silent: false }] }],
      ['2', 'relay', a, { note: 'x'.repeat(281) }],
      ['2', 'relay', a, { note: 42 }],
      [
        '2',
        'bundle',
        {
          parts: [
            { memoId: 'm-unknown', clause: 0 },
            { memoId: b, clause: 0 },
          ],
        },
      ],
      [
        '2',
        'bundle',
        {
          parts: [
            { memoId: a, clause: 3 },
            { memoId: b, clause: 0 },
          ],
        },
      ],
      [
        '2',
        'bundle',
        {
          parts: [
            { memoId: a, clause: 0 },
            { memoId: a, clause: 0 },
          ],
        },
      ],
      ['2', 'bundle', { parts: [{ memoId: a, clause: 0 }] }],
      ['2', 'bundle', { parts: Array.from({ length: 10_000 }, () => ({ memoId: a, clause: 0 })) }],
      [
        '2',
        'bundle',
        {
          parts: [
            { memoId: a, clause: 0 },
            { memoId: b, clause: 0 },
          ],
          to: '0',
        },
      ],
      ['2', 'bundle', null],
      ['2', 'bundle', 5],
      ['2', 'bundle', 'both'],
      ['2', 'bundle', []],
      [
        '2',
        'tableProposal',
        { clauses: FIVE.map((c) => ({ ...c, giver: c.giver === 'other' ? 'B' : c.giver })) },
      ],
      ['2', 'tableProposal', { clauses: [{ id: 'regime_change', size: 'd3', giver: 'both' }] }],
      [
        '2',
        'tableProposal',
        { clauses: [{ id: 'humanitarian_pause', size: 'd99', giver: 'both' }] },
      ],
      [
        '2',
        'tableProposal',
        { clauses: [{ id: 'humanitarian_pause', size: 'd3', giver: 'self' }] },
      ],
      ['2', 'tableProposal', { clauses: [{ id: 'sanctions_relief', size: 'bn2', giver: 'B' }] }],
      ['2', 'tableProposal', { clauses: [{ id: 'ceasefire', size: 'full', giver: 'B' }] }],
      ['2', 'tableProposal', { clauses: [] }],
      ['2', 'tableProposal', { clauses: HUGE }],
      ['2', 'tableProposal', { clauses: [PAUSE], note: 'x'.repeat(601) }],
      ['2', 'tableProposal', { clauses: [PAUSE], to: '0' }],
      ['2', 'tableProposal', null],
      ['2', 'tableProposal', 3],
      ['2', 'tableProposal', 'pause'],
      ['2', 'tableProposal', [PAUSE]],
    ]);
  });

  it('response: wrong seats, unknown proposals and bad answers change nothing', async () => {
    const memos = state('2').G.memos;
    const a = memos.find((x) => x.author === '0' && x.clauses.length === 1)!.id;
    await send('2', 'relay', a);
    await send('2', 'tableProposal', { clauses: [PAUSE] });
    await send('2', 'done');
    expect(state('spectator').G.step).toBe('response');
    const [toB, tabled] = state('2').G.proposals;
    await expectRefused([
      ['2', 'respond', tabled!.id, 'accept'],
      ['spectator', 'respond', tabled!.id, 'accept'],
      ['0', 'respond', toB!.id, 'accept'],
      ['0', 'respond', 'p-unknown', 'accept'],
      ['0', 'respond', LONG_ID, 'accept'],
      ['0', 'respond', tabled!.id, 'yes'],
      ['0', 'respond', tabled!.id, null],
      ['0', 'respond', tabled!.id, 1],
      ['0', 'respond', tabled!.id],
      ['0', 'respond', tabled!.id, 'accept', 'extra'],
      ['0', 'respond', null, 'accept'],
      ['0', 'respond', 5, 'accept'],
      ['0', 'respond', [tabled!.id], 'accept'],
      ['0', 'respond', { proposalId: tabled!.id, answer: 'accept' }],
      ['0', 'respond'],
      ['2', 'relay', a],
      ['0', 'draftMemo', OK_MEMO],
      ['0', 'statement', { kind: 'silence' }],
      ['2', 'done'],
    ]);
    await send('0', 'respond', tabled!.id, 'reject');
    await expectRefused([['0', 'respond', tabled!.id, 'accept']]);
  });

  it('press: bad statements change nothing', async () => {
    await everyoneDone();
    expect(state('spectator').G.step).toBe('press');
    await expectRefused([
      ['0', 'statement', null],
      ['0', 'statement', 'silence'],
      ['0', 'statement', 3],
      ['0', 'statement', []],
      ['0', 'statement', { kind: 'shout' }],
      ['0', 'statement', { kind: 'silence', extra: 1 }],
      ['0', 'statement', { kind: 'silence', target: '1' }],
      ['0', 'statement', { kind: 'claim', target: 'd99' }],
      ['0', 'statement', { kind: 'claim', target: 'x'.repeat(10_000) }],
      ['0', 'statement', { kind: 'blame', target: '0' }],
      ['0', 'statement', { kind: 'silence' }, { kind: 'silence' }],
      ['spectator', 'statement', { kind: 'silence' }],
      ['0', 'respond', 'p-unknown', 'accept'],
      ['2', 'tableProposal', { clauses: [PAUSE] }],
    ]);
    await send('0', 'statement', { kind: 'silence' });
    await expectRefused([['0', 'statement', { kind: 'silence' }]]);
  });

  it('after the game is over: every move from every seat changes nothing', async () => {
    for (let guard = 0; guard < 60 && state('spectator').G.step !== 'over'; guard++)
      await everyoneDone();
    expect(state('spectator').G.step).toBe('over');
    expect(state('spectator').ctx.gameover).toEqual(state('spectator').G.final);
    const calls: [Seatish, string, ...unknown[]][] = [];
    for (const seat of SEATS) {
      calls.push(
        [seat, 'setPosture', { enforcement: 'hold' }],
        [seat, 'setPosture', { proxyLeash: 'loose', enrichment: 'pause' }],
        [seat, 'draftMemo', OK_MEMO],
        [seat, 'relay', 'm-x'],
        [seat, 'hold', 'm-x'],
        [seat, 'leak', 'm-x'],
        [
          seat,
          'bundle',
          {
            parts: [
              { memoId: 'm-a', clause: 0 },
              { memoId: 'm-b', clause: 0 },
            ],
          },
        ],
        [seat, 'tableProposal', { clauses: [PAUSE] }],
        [seat, 'respond', 'p-x', 'accept'],
        [seat, 'statement', { kind: 'silence' }],
        [seat, 'done'],
        [seat, 'expire', { round: 4, step: 'press' }],
      );
    }
    await expectRefused(calls);
  });
});

describe('on the bare rules', () => {
  /** A table in the step where `move` is legal, with something to act on. */
  function tableFor(move: MoveName): { t: Table; seat: string; ids: Record<string, string> } {
    const t = table({}, 'refusals');
    const ids: Record<string, string> = {};
    if (
      ['relay', 'hold', 'leak', 'bundle', 'tableProposal', 'respond', 'statement'].includes(move)
    ) {
      t.must('0', 'draftMemo', {
        clauses: [
          { id: 'sanctions_relief', size: 'bn2', giver: 'self' },
          { id: 'ceasefire', size: 'regional', giver: 'other' },
        ],
        text: 'Relief for calm.',
      });
      t.must('1', 'draftMemo', OK_MEMO);
      advanceTo(t, 'mediation', 1);
      ids.a = t.G.memos[0]!.id;
      ids.b = t.G.memos[1]!.id;
    }
    if (move === 'respond' || move === 'statement') {
      t.must('2', 'relay', ids.a!);
      t.must('2', 'tableProposal', { clauses: [PAUSE] });
      t.must('2', 'done');
      ids.toB = t.G.proposals[0]!.id;
      ids.tabled = t.G.proposals[1]!.id;
    }
    if (move === 'statement') advanceTo(t, 'press', 1);
    if (move === 'withdrawMemo') {
      t.must('0', 'draftMemo', OK_MEMO);
      ids.draft = t.G.memos[0]!.id;
    }
    const seat = BROKER_MOVES.includes(move) ? '2' : '0';
    return { t, seat, ids };
  }

  const BROKER_MOVES: MoveName[] = ['relay', 'hold', 'leak', 'bundle', 'tableProposal'];

  /** A call the right seat may make in the state `tableFor` builds. */
  // The lobby's moves have their own tests (test/game/lobby.test.ts).
  const GOOD: Record<
    Exclude<MoveName, 'ready' | 'start'>,
    (ids: Record<string, string>) => unknown[]
  > = {
    setPosture: () => [{ enforcement: 'tighten' }],
    draftMemo: () => [OK_MEMO],
    withdrawMemo: ({ draft }) => [draft],
    relay: ({ a }) => [a],
    hold: ({ a }) => [a],
    leak: ({ a }) => [a],
    bundle: ({ a, b }) => [
      {
        parts: [
          { memoId: a, clause: 0 },
          { memoId: b, clause: 0 },
        ],
      },
    ],
    tableProposal: () => [{ clauses: [PAUSE] }],
    respond: ({ tabled }) => [tabled, 'accept'],
    statement: () => [{ kind: 'silence' }],
    done: () => [],
  };

  /** Seats that may never make the move (principals' moves: the broker; and so on). */
  function wrongSeats(move: MoveName): unknown[] {
    const outsiders = ['spectator', undefined, null, '3', 3, '', '01'];
    if (move === 'statement' || move === 'done') return outsiders;
    return [...(BROKER_MOVES.includes(move) ? ['0', '1'] : ['2']), ...outsiders];
  }

  /** A fresh table in a step where the move has no place. */
  function wrongStep(move: MoveName): Table {
    const u = table({}, 'refusals');
    if (move === 'done') advanceTo(u, 'over');
    else if (move === 'setPosture' || move === 'draftMemo' || move === 'withdrawMemo')
      advanceTo(u, 'mediation');
    return u;
  }

  const GENERIC: unknown[][] = [
    [],
    [null],
    [42],
    ['text'],
    [true],
    [[]],
    [{}],
    [{ junk: 1 }],
    [Array.from({ length: 10_000 }, () => 0)],
    ['x'.repeat(100_000)],
  ];

  const CASES: Record<
    Exclude<MoveName, 'ready' | 'start'>,
    (ids: Record<string, string>) => unknown[][]
  > = {
    setPosture: () => [...bad(...BAD_POSTURES_A), [{ enforcement: 'hold' }, 'extra'], [undefined]],
    draftMemo: () => [...bad(...BAD_MEMOS), [OK_MEMO, '1'], [undefined]],
    withdrawMemo: ({ draft }) => [
      ['m-unknown'],
      [LONG_ID],
      [draft, 'extra'],
      [{ id: draft }],
      [[draft]],
      [undefined],
    ],
    relay: ({ a }) => [
      ['m-unknown'],
      [LONG_ID],
      [a, 42],
      [a, 'plain'],
      [a, []],
      [a, { to: '0' }],
      [a, {}, 'extra'],
      [a, { redactClauses: [2] }],
      [a, { redactClauses: [0, 0] }],
      [a, { redactSpans: [[0, 500]] }],
      [a, { redactSpans: [[4, 4]] }],
      [
        a,
        {
          redactSpans: [
            [0, 5],
            [2, 8],
          ],
        },
      ],
      [a, { redactSpans: Array.from({ length: 17 }, (_, i) => [i, i + 1]) }],
      [a, { reframes: [{ clause: 0, delta: -1 }] }],
      // regional → full: a full ceasefire needs a corridor
      [a, { reframes: [{ clause: 1, delta: 1 }] }],
      [a, { redactClauses: [0], reframes: [{ clause: 0, delta: 1 }] }],
      [
        a,
        {
          reframes: [
            { clause: 1, delta: -1 },
            { clause: 1, delta: -1 },
          ],
        },
      ],
      [a, { note: 'n'.repeat(281) }],
      [a, { note: 'tab\u0000' }],
    ],
    hold: ({ a }) => [['m-unknown'], [LONG_ID], [a, a], [{ id: a }], [[a]]],
    leak: ({ a }) => [['m-unknown'], [LONG_ID], [a, 'loudly'], [{ id: a }], [[a]]],
    bundle: ({ a, b }) => [
      [
        {
          parts: [
            { memoId: a, clause: 0 },
            { memoId: a, clause: 1 },
          ],
        },
      ],
      [
        {
          parts: [
            { memoId: a, clause: 0 },
            { memoId: b, clause: 0 },
            { memoId: a, clause: 0 },
          ],
        },
      ],
      [
        {
          parts: [
            { memoId: a, clause: 0 },
            { memoId: 'm-unknown', clause: 0 },
          ],
        },
      ],
      [
        {
          parts: [
            { memoId: a, clause: 0 },
            { memoId: b, clause: 1 },
          ],
        },
      ],
      [
        {
          parts: [
            { memoId: a, clause: 0 },
            { memoId: b, clause: -1 },
          ],
        },
      ],
      [
        {
          parts: [
            { memoId: a, clause: 0.5 },
            { memoId: b, clause: 0 },
          ],
        },
      ],
      [{ parts: [{ memoId: a, clause: 0 }] }],
      [{ parts: Array.from({ length: 10_000 }, () => ({ memoId: a, clause: 0 })) }],
      [
        {
          parts: [
            { memoId: a, clause: 0 },
            { memoId: b, clause: 0 },
          ],
          text: 'no text',
        },
      ],
      [
        {
          parts: [
            { memoId: a, clause: 0 },
            { memoId: b, clause: 0 },
          ],
        },
        'extra',
      ],
    ],
    tableProposal: () => [
      [{ clauses: FIVE.map((c) => ({ ...c, giver: c.giver === 'other' ? 'B' : c.giver })) }],
      [{ clauses: [{ id: 'regime_change', size: 'd3', giver: 'both' }] }],
      [{ clauses: [{ ...PAUSE, size: 'd4' }] }],
      [{ clauses: [{ ...PAUSE, giver: 'self' }] }],
      [{ clauses: [{ ...PAUSE, giver: 'A' }] }],
      [{ clauses: [PAUSE, PAUSE] }],
      [{ clauses: [] }],
      [{ clauses: HUGE }],
      [{ clauses: [PAUSE], note: 'x'.repeat(281) }],
      [{ clauses: [PAUSE], to: ['0', '1'] }],
      [{ clauses: [PAUSE] }, 'extra'],
    ],
    respond: ({ toB, tabled }) => [
      [toB, 'accept'],
      ['p-unknown', 'accept'],
      [LONG_ID, 'accept'],
      [tabled, 'yes'],
      [tabled, null],
      [tabled, 1],
      [tabled],
      [tabled, 'accept', 'extra'],
      [null, 'accept'],
      [5, 'accept'],
      [[tabled], 'accept'],
      [{ proposalId: tabled, answer: 'accept' }],
    ],
    statement: () => [
      [{ kind: 'shout' }],
      [{ kind: 'silence', extra: 1 }],
      [{ kind: 'silence', target: '1' }],
      [{ kind: 'claim', target: 'd1' }],
      [{ kind: 'claim' }],
      [{ kind: 'blame', target: '1' }],
      [{ kind: 'blame', target: '0' }],
      [{ kind: 'silence' }, { kind: 'silence' }],
      [{ kind: 'claim', target: 'x'.repeat(10_000) }],
    ],
    done: () => [['now'], [{}], [null], [undefined]],
  };

  for (const move of Object.keys(CASES) as (keyof typeof CASES)[]) {
    it(`${move}: every bad input is refused and the state is unchanged`, () => {
      const { t, seat, ids } = tableFor(move);
      const inputs = [...CASES[move](ids), ...(move === 'done' ? [] : GENERIC)];
      for (const args of inputs) {
        const before = structuredClone(t.G);
        const reason = t.act(seat, move, ...args);
        expect({ args: JSON.stringify(args)?.slice(0, 80), reason }).toEqual({
          args: JSON.stringify(args)?.slice(0, 80),
          reason: expect.any(String),
        });
        expect(t.G).toEqual(before);
      }
    });

    it(`${move}: refused from the wrong seat and in the wrong step`, () => {
      const { t, seat, ids } = tableFor(move);
      const args = GOOD[move](ids);
      for (const other of wrongSeats(move)) {
        const before = structuredClone(t.G);
        expect(t.act(other as string, move, ...args)).toMatch(/does not act now$/);
        expect(t.G).toEqual(before);
      }
      const u = wrongStep(move);
      const before = structuredClone(u.G);
      expect(u.act(seat, move, ...args)).toMatch(/^only in the \w+ step|^the match is over$/);
      expect(u.G).toEqual(before);
      // The same call from the right seat in the right step is accepted.
      expect(t.act(seat, move, ...args)).toBeNull();
    });
  }
});
