// Mediation: relay (redactions, reframes), hold, automatic hold and expiry, leak (and exposure),
// bundle and tabled proposals.
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/game/constants';
import type { Memo } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { capitalFree, capitalOwed } from '../../src/game/mediation';
import { advanceTo, table, type Table } from './harness';

type Rel = 'self' | 'other' | 'both';
const c = (id: string, size: string, giver: Rel) => ({ id, size, giver });
const memo = (clauses: ReturnType<typeof c>[], text = '') => ({ clauses, text });

const TEXT = 'We offer calm seas and a pause.';
const A_MEMO = memo(
  [c('sanctions_relief', 'bn5', 'self'), c('ceasefire', 'regional', 'other')],
  TEXT,
);
const B_MEMO = memo(
  [c('humanitarian_pause', 'd7', 'both'), c('dark_fleet_halt', 'partial', 'self')],
  'Relief first.',
);

/** Drafts the given memos in the current round and moves on to its mediation step. */
function toMediation(t: Table, a?: object, b?: object): { a?: Memo; b?: Memo } {
  const round = t.G.round;
  if (a) t.must('0', 'draftMemo', a);
  if (b) t.must('1', 'draftMemo', b);
  advanceTo(t, 'mediation', round);
  const mine = (seat: string) => t.G.memos.find((m) => m.author === seat && m.round === round);
  return { a: mine('0'), b: mine('1') };
}

function refused(
  t: Table,
  move: 'relay' | 'hold' | 'leak' | 'bundle' | 'tableProposal',
  ...args: unknown[]
) {
  const before = structuredClone(t.G);
  const reason = t.act('2', move, ...args);
  expect(reason).toEqual(expect.any(String));
  expect(t.G).toEqual(before);
  return reason;
}

describe('relay', () => {
  it('delivers the memo to the other principal as written', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    t.must('2', 'relay', a!.id);
    const m = t.G.memos.find((x) => x.id === a!.id)!;
    expect(m.status).toBe('relayed');
    expect(m.delivery).toEqual({
      round: 1,
      clauses: [
        { id: 'sanctions_relief', size: 'bn5', giver: 'A' },
        { id: 'ceasefire', size: 'regional', giver: 'B' },
      ],
      text: TEXT,
      note: '',
      redactClauses: [],
      redactSpans: [],
      reframes: [],
    });
    expect(t.G.proposals).toHaveLength(1);
    const p = t.G.proposals[0]!;
    expect(p).toMatchObject({
      kind: 'relay',
      round: 1,
      memoId: a!.id,
      author: '0',
      recipients: ['1'],
      clauses: m.delivery!.clauses,
      shown: m.delivery!.clauses,
      text: TEXT,
      note: '',
      stage: 'open',
      due: ['1'],
      dueRound: 1,
      answers: {},
    });
    expect(t.G.tracks.capital).toBe(5);
    expect(t.G.stats).toMatchObject({ relayed: 1, redacted: 0, reframed: 0 });
    // The recipient sees it; the author sees only that it is with the broker.
    expect(viewFor(t.G, '1').proposals.map((x) => x.id)).toEqual([p.id]);
    expect(viewFor(t.G, '0').proposals).toEqual([]);
    expect(viewFor(t.G, '0').memos[0]!.status).toBe('with-broker');
    // Relaying is not the end of the broker's step.
    expect(t.G.pending).toEqual(['2']);
  });

  it('carries a note and accepts the options object left out', () => {
    const t = table();
    const { a, b } = toMediation(t, A_MEMO, B_MEMO);
    t.must('2', 'relay', a!.id, { note: 'Doha stands behind this.' });
    t.must('2', 'relay', b!.id);
    expect(t.G.proposals.map((p) => [p.recipients, p.note])).toEqual([
      [['1'], 'Doha stands behind this.'],
      [['0'], ''],
    ]);
  });

  it('strikes clauses: the recipient sees a gap, the proposal holds the rest', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    t.must('2', 'relay', a!.id, { redactClauses: [0] });
    const p = t.G.proposals[0]!;
    expect(p.shown).toEqual([null, { id: 'ceasefire', size: 'regional', giver: 'B' }]);
    expect(p.clauses).toEqual([{ id: 'ceasefire', size: 'regional', giver: 'B' }]);
    expect(p.stage).toBe('open');
    expect(t.G.memos[0]!.delivery!.redactClauses).toEqual([0]);
    expect(t.G.stats!.redacted).toBe(1);
    expect(viewFor(t.G, '1').proposals[0]!.shown).toEqual(p.shown);
  });

  it('refuses a clause struck twice or out of range', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    expect(refused(t, 'relay', a!.id, { redactClauses: [1, 1] })).toBe('a clause is struck twice');
    expect(refused(t, 'relay', a!.id, { redactClauses: [2] })).toBe('the memo has 2 clauses');
    expect(refused(t, 'relay', a!.id, { redactClauses: [-1] })).toMatch(/^redactClauses\[0\]/);
    expect(refused(t, 'relay', a!.id, { redactClauses: [4] })).toMatch(/^redactClauses\[0\]/);
  });

  it('strikes text spans: each shows as ███ in the delivered text', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    // 'We offer calm seas and a pause.': strike 'calm ' and 'a pause'
    const calm = TEXT.indexOf('calm ');
    const pause = TEXT.indexOf('a pause');
    t.must('2', 'relay', a!.id, {
      redactSpans: [
        [pause, pause + 7],
        [calm, calm + 5],
      ],
    });
    const p = t.G.proposals[0]!;
    expect(p.text).toBe(`We offer ${REDACTED}seas and ${REDACTED}.`);
    expect(REDACTED).toBe('███');
    expect(t.G.memos[0]!.delivery!.redactSpans).toEqual([
      [calm, calm + 5],
      [pause, pause + 7],
    ]);
    // The memo as written is untouched (broker and author still have it).
    expect(t.G.memos[0]!.text).toBe(TEXT);
    expect(viewFor(t.G, '1').proposals[0]!.text).toBe(`We offer ${REDACTED}seas and ${REDACTED}.`);
  });

  it('strikes the whole text and adjacent spans', () => {
    const t = table();
    const { a, b } = toMediation(t, A_MEMO, B_MEMO);
    t.must('2', 'relay', a!.id, { redactSpans: [[0, TEXT.length]] });
    t.must('2', 'relay', b!.id, {
      redactSpans: [
        [0, 6],
        [6, 12],
      ],
    });
    expect(t.G.proposals.map((p) => p.text)).toEqual([REDACTED, `${REDACTED}${REDACTED}.`]);
  });

  it.each([
    [
      [
        [0, 5],
        [3, 8],
      ],
    ],
    [
      [
        [10, 20],
        [0, 11],
      ],
    ],
    [[[0, TEXT.length + 1]]],
    [[[TEXT.length, TEXT.length + 2]]],
    [[[5, 5]]],
    [[[8, 3]]],
    [[[-1, 3]]],
    [[[0.5, 3]]],
    [[[0, 3, 5]]],
  ])('refuses overlapping, empty or out-of-range spans %j', (spans) => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    refused(t, 'relay', a!.id, { redactSpans: spans });
  });

  it('names overlap and range in its refusals', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    expect(
      refused(t, 'relay', a!.id, {
        redactSpans: [
          [0, 5],
          [4, 9],
        ],
      }),
    ).toBe('struck spans overlap');
    expect(refused(t, 'relay', a!.id, { redactSpans: [[3, 99]] })).toBe(
      `span [3, 99) is not within the text (length ${TEXT.length})`,
    );
  });

  it('reframes one size step down, silently, at 1 capital each, owed until it comes out', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    const tracksBefore = viewFor(t.G, '1').tracks;
    t.must('2', 'relay', a!.id, {
      reframes: [
        { clause: 0, delta: -1 },
        { clause: 1, delta: -1 },
      ],
    });
    // Capital is public: it does not move at the relay (that would mark the memo as reframed).
    expect(t.G.tracks.capital).toBe(5);
    expect(viewFor(t.G, '1').tracks).toEqual(tracksBefore);
    expect(t.G.memos[0]!.delivery!.owed).toBe(2);
    expect(capitalOwed(viewFor(t.G, '2'))).toBe(2);
    expect(capitalFree(viewFor(t.G, '2'))).toBe(3);
    const p = t.G.proposals[0]!;
    expect(p.clauses).toEqual([
      { id: 'sanctions_relief', size: 'bn2', giver: 'A' },
      { id: 'ceasefire', size: 'partial', giver: 'B' },
    ]);
    const m = t.G.memos[0]!;
    expect(m.delivery!.reframes).toEqual([
      { clause: 0, from: 'bn5', to: 'bn2' },
      { clause: 1, from: 'regional', to: 'partial' },
    ]);
    // The memo as written keeps its sizes.
    expect(m.clauses.map((x) => x.size)).toEqual(['bn5', 'regional']);
    expect(t.G.stats!.reframed).toBe(1);
    // Silent: nothing the recipient can see holds the original sizes or the reframes.
    const seen = JSON.stringify(viewFor(t.G, '1'));
    expect(seen).not.toContain('bn5');
    expect(seen).not.toContain('regional');
    expect(seen).not.toContain('reframe');
    expect(JSON.stringify(viewFor(t.G, null))).not.toContain('bn2');
  });

  it('reframes one size step up', () => {
    const t = table();
    const { b } = toMediation(t, undefined, B_MEMO);
    t.must('2', 'relay', b!.id, { reframes: [{ clause: 1, delta: 1 }] });
    expect(t.G.tracks.capital).toBe(5);
    expect(capitalFree(t.G)).toBe(4);
    expect(t.G.proposals[0]!.clauses).toEqual([
      { id: 'humanitarian_pause', size: 'd7', giver: 'both' },
      { id: 'dark_fleet_halt', size: 'verified', giver: 'B' },
    ]);
    expect(t.G.proposals[0]!.recipients).toEqual(['0']);
  });

  it('refuses reframes the broker cannot afford', () => {
    const t = table();
    const { a, b } = toMediation(t, A_MEMO, B_MEMO);
    t.G.tracks.capital = 1;
    const two = [
      { clause: 0, delta: -1 },
      { clause: 1, delta: -1 },
    ];
    expect(refused(t, 'relay', a!.id, { reframes: two })).toBe(
      'reframes cost 2 capital; the broker has 1 to spend',
    );
    t.must('2', 'relay', a!.id, { reframes: [{ clause: 0, delta: -1 }] });
    // Owed, not yet paid: the track still shows 1, but nothing is left to spend.
    expect(t.G.tracks.capital).toBe(1);
    expect(refused(t, 'relay', b!.id, { reframes: [{ clause: 0, delta: 1 }] })).toBe(
      'reframes cost 1 capital; the broker has 0 to spend',
    );
    // Without reframes the broker relays for free.
    t.must('2', 'relay', b!.id);
    expect(t.G.tracks.capital).toBe(1);
  });

  it('refuses a reframe on a struck clause or twice on one clause', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    expect(
      refused(t, 'relay', a!.id, { redactClauses: [1], reframes: [{ clause: 1, delta: -1 }] }),
    ).toBe('a struck clause cannot be reframed');
    expect(
      refused(t, 'relay', a!.id, {
        reframes: [
          { clause: 0, delta: -1 },
          { clause: 0, delta: -1 },
        ],
      }),
    ).toBe('one reframe per clause');
    expect(
      refused(t, 'relay', a!.id, {
        reframes: [
          { clause: 0, delta: 1 },
          { clause: 0, delta: -1 },
        ],
      }),
    ).toBe('one reframe per clause');
  });

  it('refuses a reframe beyond the sizes, out of range or of more than one step', () => {
    const t = table();
    const { a } = toMediation(
      t,
      memo([c('sanctions_relief', 'bn10', 'self'), c('interdiction_pause', 'r1', 'self')]),
    );
    expect(refused(t, 'relay', a!.id, { reframes: [{ clause: 0, delta: 1 }] })).toBe(
      'clause 0 has no size one step up',
    );
    expect(refused(t, 'relay', a!.id, { reframes: [{ clause: 1, delta: -1 }] })).toBe(
      'clause 1 has no size one step down',
    );
    expect(refused(t, 'relay', a!.id, { reframes: [{ clause: 2, delta: 1 }] })).toBe(
      'the memo has 2 clauses',
    );
    expect(refused(t, 'relay', a!.id, { reframes: [{ clause: 0, delta: -2 }] })).toMatch(
      /^reframes\[0\]\.delta/,
    );
    expect(refused(t, 'relay', a!.id, { reframes: [{ clause: 0, delta: 0 }] })).toMatch(
      /^reframes\[0\]\.delta/,
    );
    t.must('2', 'relay', a!.id, {
      reframes: [
        { clause: 0, delta: -1 },
        { clause: 1, delta: 1 },
      ],
    });
    expect(t.G.proposals[0]!.clauses.map((x) => x.size)).toEqual(['bn5', 'r2']);
  });

  it('refuses a reframe that breaks a scenario rule (full ceasefire without a corridor)', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    expect(refused(t, 'relay', a!.id, { reframes: [{ clause: 1, delta: 1 }] })).toBe(
      t.scenario.rules[0]!.text,
    );
  });

  it('refuses striking the corridor a full ceasefire depends on', () => {
    const t = table();
    const { b } = toMediation(
      t,
      undefined,
      memo([c('ceasefire', 'full', 'self'), c('shipping_corridor', 'all_lanes', 'both')]),
    );
    expect(refused(t, 'relay', b!.id, { redactClauses: [1] })).toBe(t.scenario.rules[0]!.text);
    t.must('2', 'relay', b!.id, { redactClauses: [0] });
    expect(t.G.proposals[0]!.clauses).toEqual([
      { id: 'shipping_corridor', size: 'all_lanes', giver: 'both' },
    ]);
  });

  it('turns a relay whose clauses are all struck into a message needing no answer', () => {
    const t = table();
    const { a, b } = toMediation(t, A_MEMO, memo([], 'We are listening.'));
    t.must('2', 'relay', a!.id, { redactClauses: [1, 0] });
    t.must('2', 'relay', b!.id);
    const [pa, pb] = t.G.proposals;
    expect(pa).toMatchObject({ stage: 'message', due: [], clauses: [], shown: [null, null] });
    expect(pa!.text).toBe(TEXT);
    expect(pb).toMatchObject({ stage: 'message', due: [], clauses: [], text: 'We are listening.' });
    t.must('2', 'done');
    expect(t.G.step).toBe('response');
    // Nothing to answer: a respond to a message is refused.
    expect(t.act('1', 'respond', pa!.id, 'accept')).toBe(
      `no proposal "${pa!.id}" awaits your answer`,
    );
    expect(t.act('0', 'respond', pb!.id, 'reject')).toBe(
      `no proposal "${pb!.id}" awaits your answer`,
    );
    // The recipient still reads it.
    expect(viewFor(t.G, '1').proposals.map((p) => p.text)).toEqual([TEXT]);
  });

  it('refuses unknown memos, memos not at the broker and extra arguments', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    expect(refused(t, 'relay', 'm-nothing')).toBe('no memo "m-nothing" awaits the broker');
    expect(refused(t, 'relay', 42)).toBe('expected a memo id');
    expect(refused(t, 'relay', a!.id, {}, 'extra')).toBe('expected a memo id and relay options');
    expect(refused(t, 'relay', a!.id, { to: '0' })).toMatch(/unrecognized|unexpected/i);
    expect(refused(t, 'relay', a!.id, { note: 'n'.repeat(281) })).toBe(
      'note: at most 280 characters',
    );
    t.must('2', 'relay', a!.id);
    expect(refused(t, 'relay', a!.id)).toBe(`no memo "${a!.id}" awaits the broker`);
    expect(t.G.proposals).toHaveLength(1);
  });

  it('is the broker’s alone, in mediation only', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    for (const seat of ['0', '1']) {
      const before = structuredClone(t.G);
      expect(t.act(seat, 'relay', a!.id)).toBe(`seat ${seat} does not act now`);
      expect(t.G).toEqual(before);
    }
    t.must('2', 'done');
    expect(refused(t, 'relay', a!.id)).toBe('only in the mediation step (now: response)');
  });
});

describe('hold', () => {
  it('keeps a memo for the next mediation step', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    t.must('2', 'hold', a!.id);
    const m = () => t.G.memos.find((x) => x.id === a!.id)!;
    expect(m().status).toBe('held');
    expect(m().heldSteps).toBe(1);
    expect(t.G.stats!.held).toBe(1);
    expect(t.G.proposals).toEqual([]);
    // Once held it is off the desk for this step.
    expect(refused(t, 'relay', a!.id)).toBe(`no memo "${a!.id}" awaits the broker`);
    expect(refused(t, 'hold', a!.id)).toBe(`no memo "${a!.id}" awaits the broker`);
    advanceTo(t, 'drafting', 2);
    expect(m().status).toBe('held');
    advanceTo(t, 'mediation', 2);
    expect(m().status).toBe('pending');
    expect(viewFor(t.G, '2').memos.map((x) => [x.id, x.status])).toEqual([[a!.id, 'pending']]);
    t.must('2', 'relay', a!.id);
    expect(t.G.proposals[0]).toMatchObject({ round: 2, dueRound: 2, memoId: a!.id, stage: 'open' });
    expect(m().delivery!.round).toBe(2);
    // Holding costs nothing.
    expect(t.G.tracks.capital).toBe(5);
  });

  it('is refused at the turnaround limit', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    expect(a!.lastRound).toBe(2);
    t.must('2', 'hold', a!.id);
    advanceTo(t, 'mediation', 2);
    expect(refused(t, 'hold', a!.id)).toBe(
      'this memo is at its turnaround limit: deliver it, leak it, or let it expire',
    );
    expect(refused(t, 'hold', a!.id, 'later')).toBe('expected one argument: the memo id');
  });
});

describe('memos the broker leaves', () => {
  it('are held automatically, then expire at their limit: pressure +1, capital −1, public', () => {
    const t = table();
    const { a, b } = toMediation(t, A_MEMO, B_MEMO);
    t.must('2', 'relay', b!.id);
    const before1 = structuredClone(t.G.tracks);
    t.must('2', 'done');
    const m = () => t.G.memos.find((x) => x.id === a!.id)!;
    expect(m().status).toBe('held');
    expect(m().heldSteps).toBe(1);
    expect(t.G.tracks).toEqual(before1);
    expect(t.G.feed.filter((f) => f.kind === 'expiry')).toEqual([]);

    advanceTo(t, 'drafting', 2);
    t.must('0', 'draftMemo', memo([], 'Round two memo.'));
    advanceTo(t, 'mediation', 2);
    expect(m().status).toBe('pending');
    const before2 = structuredClone(t.G.tracks);
    t.must('2', 'done');
    expect(m().status).toBe('expired');
    expect(t.G.tracks).toEqual({
      ...before2,
      pressureA: before2.pressureA + 1,
      capital: before2.capital - 1,
    });
    expect(t.G.stats!.expired).toBe(1);
    const expiries = t.G.feed.filter((f) => f.kind === 'expiry');
    expect(expiries).toEqual([
      {
        round: 2,
        kind: 'expiry',
        seat: '0',
        text: 'Stalling: a memo from Washington (round 1) expired at the broker, undelivered.',
      },
    ]);
    // Public: spectators and the other principal see the expiry; the author sees its memo expired.
    expect(viewFor(t.G, null).feed.filter((f) => f.kind === 'expiry')).toEqual(expiries);
    expect(viewFor(t.G, '1').feed.filter((f) => f.kind === 'expiry')).toEqual(expiries);
    expect(viewFor(t.G, '0').memos.find((x) => x.id === a!.id)!.status).toBe('expired');
    // This round's memo is only held.
    expect(t.G.memos.find((x) => x.round === 2)!.status).toBe('held');
  });

  it('expire for B with B’s pressure', () => {
    const t = table();
    toMediation(t, undefined, B_MEMO);
    advanceTo(t, 'mediation', 2);
    const before = structuredClone(t.G.tracks);
    t.must('2', 'done');
    expect(t.G.tracks.pressureB).toBe(before.pressureB + 1);
    expect(t.G.tracks.pressureA).toBe(before.pressureA);
    expect(t.G.tracks.capital).toBe(before.capital - 1);
    expect(t.G.feed.filter((f) => f.kind === 'expiry').map((f) => f.seat)).toEqual(['1']);
  });
});

describe('leak', () => {
  it('moves the broker’s credit by what the leak shows: +1 a pure demand, −1 an offer, 0 a message', () => {
    const credit = (draft: object) => {
      const t = table();
      t.scenario = structuredClone(t.scenario);
      t.scenario.tunables.mediation.leakCredit = 1;
      const { a } = toMediation(t, draft);
      const before = t.G.credit['2'];
      t.must('2', 'leak', a!.id);
      return t.G.credit['2'] - before;
    };
    // A asks for a ceasefire (B's to give) and gives nothing: posturing exposed.
    expect(credit(memo([c('ceasefire', 'partial', 'other')], 'Ceasefire first.'))).toBe(1);
    // A gives relief: a real offer burned (credit cannot go below 0: start from 1).
    const t = table();
    t.scenario = structuredClone(t.scenario);
    t.scenario.tunables.mediation.leakCredit = 1;
    const { a } = toMediation(t, A_MEMO);
    t.G.credit['2'] = 1;
    t.must('2', 'leak', a!.id);
    expect(t.G.credit['2']).toBe(0);
    expect(credit(memo([], 'Ready to talk.'))).toBe(0);
    // Off in the frozen fixture (the default 0): a leak leaves credit alone.
    const off = table();
    const { a: a2 } = toMediation(off, memo([c('ceasefire', 'partial', 'other')], 'X.'));
    off.must('2', 'leak', a2!.id);
    expect(off.G.credit['2']).toBe(0);
  });

  it('publishes the memo as written: author pressure +2, capital −1', () => {
    const t = table();
    const { a, b } = toMediation(t, A_MEMO, B_MEMO);
    const before = structuredClone(t.G.tracks);
    t.must('2', 'leak', a!.id);
    expect(t.G.memos.find((x) => x.id === a!.id)!.status).toBe('leaked');
    expect(t.G.tracks).toEqual({
      ...before,
      pressureA: before.pressureA + 2,
      capital: before.capital - 1,
    });
    const entry = t.G.feed.at(-1)!;
    expect(entry).toEqual({
      round: 1,
      kind: 'leak',
      seat: '0',
      text: 'Leaked: a memo from Washington to the broker, published as written.',
      memo: {
        id: a!.id,
        author: '0',
        clauses: [
          { id: 'sanctions_relief', size: 'bn5', giver: 'A' },
          { id: 'ceasefire', size: 'regional', giver: 'B' },
        ],
        text: TEXT,
      },
    });
    expect(viewFor(t.G, null).feed.at(-1)).toEqual(entry);
    expect(viewFor(t.G, '1').feed.at(-1)).toEqual(entry);
    expect(viewFor(t.G, '0').memos[0]!.status).toBe('leaked');
    expect(t.G.stats!.leaked).toBe(1);
    expect(refused(t, 'leak', a!.id)).toBe(`no memo "${a!.id}" awaits the broker`);
    t.must('2', 'leak', b!.id);
    expect(t.G.tracks.pressureB).toBe(before.pressureB + 2);
    expect(t.G.tracks.capital).toBe(before.capital - 2);
  });

  it('refuses extra arguments and unknown memos', () => {
    const t = table();
    const { a } = toMediation(t, A_MEMO);
    expect(refused(t, 'leak', a!.id, true)).toBe('expected one argument: the memo id');
    expect(refused(t, 'leak', 'm-zzzzzz')).toBe('no memo "m-zzzzzz" awaits the broker');
    expect(refused(t, 'leak', '')).toBe('expected a memo id');
  });

  /**
   * Round 1: A's memo is relayed with a reframe (and B's with one, and A's second memo without).
   * Round 2: A's new memo is leaked. Returns what the leak did.
   */
  function exposureRun(seed: string) {
    const t = table({}, seed);
    t.must('0', 'draftMemo', A_MEMO);
    t.must('0', 'draftMemo', memo([c('humanitarian_pause', 'd3', 'both')], 'Plain.'));
    t.must('1', 'draftMemo', B_MEMO);
    advanceTo(t, 'mediation', 1);
    const [a1, a2, b1] = t.G.memos;
    t.must('2', 'relay', a1!.id, { reframes: [{ clause: 0, delta: -1 }] });
    t.must('2', 'relay', a2!.id);
    t.must('2', 'relay', b1!.id, { reframes: [{ clause: 0, delta: 1 }] });
    advanceTo(t, 'drafting', 2);
    t.must('0', 'draftMemo', memo([], 'Leak me.'));
    advanceTo(t, 'mediation', 2);
    t.G.tracks.capital = 5;
    const feedBefore = t.G.feed.length;
    t.must('2', 'leak', t.G.memos[3]!.id);
    return { t, a1: a1!.id, a2: a2!.id, b1: b1!.id, newFeed: t.G.feed.slice(feedBefore) };
  }

  it('may expose an earlier reframe of the same author: capital −2 more and the reframe paid, public', () => {
    const runs = Array.from({ length: 16 }, (_, i) => exposureRun(`exposure-${i}`));
    const exposed = runs.filter((r) => r.newFeed.some((f) => f.kind === 'exposure'));
    const quiet = runs.filter((r) => !r.newFeed.some((f) => f.kind === 'exposure'));
    expect(exposed.length).toBeGreaterThan(0);
    expect(quiet.length).toBeGreaterThan(0);

    for (const { t, a1, a2, b1, newFeed } of exposed) {
      // 5, the leak −1, the exposure −2, and the exposed reframe's 1 (owed since round 1) paid.
      expect(t.G.tracks.capital).toBe(1);
      expect(t.G.memos.find((m) => m.id === a1)!.delivery!.owed).toBeUndefined();
      expect(t.G.memos.find((m) => m.id === b1)!.delivery!.owed).toBe(1);
      expect(newFeed.map((f) => f.kind)).toEqual(['leak', 'exposure']);
      expect(newFeed[1]).toEqual({
        round: 2,
        kind: 'exposure',
        seat: '0',
        text:
          "Exposed: the broker reframed Washington's memo of round 1: " +
          'Sanctions relief ($5bn) was delivered as Sanctions relief ($2bn).',
      });
      const memos = t.G.memos;
      expect(memos.find((m) => m.id === a1)!.exposed).toBe(true);
      // A memo relayed without a reframe, and the other author's reframe, are never exposed.
      expect(memos.find((m) => m.id === a2)!.exposed).toBeUndefined();
      expect(memos.find((m) => m.id === b1)!.exposed).toBeUndefined();
      expect(viewFor(t.G, '0').memos.find((m) => m.id === a1)!.exposed).toBe(true);
      expect(viewFor(t.G, null).feed.at(-1)).toEqual(newFeed[1]);
    }
    for (const { t, a1, newFeed } of quiet) {
      expect(t.G.tracks.capital).toBe(4);
      expect(t.G.memos.find((m) => m.id === a1)!.delivery!.owed).toBe(1);
      expect(newFeed.map((f) => f.kind)).toEqual(['leak']);
      expect(t.G.memos.find((m) => m.id === a1)!.exposed).toBeUndefined();
    }
  });

  it('exposes a reframe at most once', () => {
    const run = Array.from({ length: 16 }, (_, i) => exposureRun(`exposure-${i}`)).find((r) =>
      r.newFeed.some((f) => f.kind === 'exposure'),
    )!;
    const { t } = run;
    advanceTo(t, 'drafting', 3);
    t.must('0', 'draftMemo', memo([], 'Leak me again.'));
    advanceTo(t, 'mediation', 3);
    t.G.tracks.capital = 5;
    const exposures = t.G.feed.filter((f) => f.kind === 'exposure').length;
    t.must('2', 'leak', t.G.memos.find((m) => m.round === 3)!.id);
    expect(t.G.tracks.capital).toBe(4);
    expect(t.G.feed.filter((f) => f.kind === 'exposure')).toHaveLength(exposures);
  });

  it('never exposes anything when the author has no reframed memo', () => {
    for (let i = 0; i < 8; i++) {
      const t = table({}, `no-exposure-${i}`);
      t.must('0', 'draftMemo', memo([c('humanitarian_pause', 'd3', 'both')]));
      t.must('0', 'draftMemo', memo([], 'Leak me.'));
      advanceTo(t, 'mediation', 1);
      t.must('2', 'relay', t.G.memos[0]!.id, { redactClauses: [0] });
      t.must('2', 'leak', t.G.memos[1]!.id);
      expect(t.G.tracks.capital).toBe(4);
      expect(t.G.feed.filter((f) => f.kind === 'exposure')).toEqual([]);
    }
  });
});

describe('bundle', () => {
  it('merges clauses from memos of both sides into one proposal to both, for 1 capital', () => {
    const t = table();
    const { a, b } = toMediation(t, A_MEMO, B_MEMO);
    t.must('2', 'bundle', {
      parts: [
        { memoId: a!.id, clause: 0 },
        { memoId: b!.id, clause: 1 },
      ],
      note: 'Relief for the fleet.',
    });
    expect(t.G.tracks.capital).toBe(4);
    expect(t.G.memos.map((m) => m.status)).toEqual(['bundled', 'bundled']);
    expect(t.G.stats!.bundled).toBe(1);
    expect(t.G.proposals).toHaveLength(1);
    expect(t.G.proposals[0]).toMatchObject({
      kind: 'bundle',
      round: 1,
      recipients: ['0', '1'],
      clauses: [
        { id: 'sanctions_relief', size: 'bn5', giver: 'A' },
        { id: 'dark_fleet_halt', size: 'partial', giver: 'B' },
      ],
      shown: [
        { id: 'sanctions_relief', size: 'bn5', giver: 'A' },
        { id: 'dark_fleet_halt', size: 'partial', giver: 'B' },
      ],
      text: '',
      note: 'Relief for the fleet.',
      stage: 'open',
      due: ['0', '1'],
      dueRound: 1,
      answers: {},
      parts: [
        { memoId: a!.id, clause: 0 },
        { memoId: b!.id, clause: 1 },
      ],
    });
    // The memos are consumed: nothing else can be done with them.
    expect(refused(t, 'relay', a!.id)).toBe(`no memo "${a!.id}" awaits the broker`);
    expect(refused(t, 'leak', b!.id)).toBe(`no memo "${b!.id}" awaits the broker`);
    // Both principals see the bundle; neither sees the parts.
    for (const seat of ['0', '1']) {
      const seen = viewFor(t.G, seat).proposals;
      expect(seen.map((p) => p.kind)).toEqual(['bundle']);
      expect(seen[0]!.parts).toBeUndefined();
    }
  });

  it('takes several clauses of each memo, up to 4', () => {
    const t = table();
    const { a, b } = toMediation(t, A_MEMO, B_MEMO);
    const all = [
      { memoId: a!.id, clause: 0 },
      { memoId: a!.id, clause: 1 },
      { memoId: b!.id, clause: 0 },
      { memoId: b!.id, clause: 1 },
    ];
    t.must('2', 'bundle', { parts: all });
    expect(t.G.proposals[0]!.clauses.map((x) => x.id)).toEqual([
      'sanctions_relief',
      'ceasefire',
      'humanitarian_pause',
      'dark_fleet_halt',
    ]);
  });

  it('refuses clauses from one side only, duplicates, unknown memos and unknown clauses', () => {
    const t = table();
    const { a, b } = toMediation(t, A_MEMO, B_MEMO);
    const bundle = (...parts: [string, number][]) => ({
      parts: parts.map(([memoId, clause]) => ({ memoId, clause })),
    });
    expect(refused(t, 'bundle', bundle([a!.id, 0], [a!.id, 1]))).toBe(
      'a bundle merges clauses from memos of both sides',
    );
    expect(refused(t, 'bundle', bundle([a!.id, 0], [b!.id, 1], [a!.id, 0]))).toBe(
      'a clause is named twice',
    );
    expect(refused(t, 'bundle', bundle([a!.id, 0], ['m-unknown', 1]))).toBe(
      'no memo "m-unknown" awaits the broker',
    );
    expect(refused(t, 'bundle', bundle([a!.id, 0], [b!.id, 2]))).toBe(
      `memo "${b!.id}" has no clause 2`,
    );
    expect(refused(t, 'bundle', bundle([a!.id, 0], [b!.id, 4]))).toMatch(/^parts\[1\]\.clause/);
    expect(refused(t, 'bundle', bundle([a!.id, 0]))).toMatch(/^parts/);
    expect(
      refused(t, 'bundle', bundle([a!.id, 0], [a!.id, 1], [b!.id, 0], [b!.id, 1], [b!.id, 0])),
    ).toMatch(/^parts/);
    expect(refused(t, 'bundle', { parts: [], note: '' })).toMatch(/^parts/);
    expect(refused(t, 'bundle', bundle([a!.id, 0], [b!.id, 1]), 'extra')).toBe(
      'expected one argument: the bundle',
    );
    expect(refused(t, 'bundle', { ...bundle([a!.id, 0], [b!.id, 1]), to: '1' })).toMatch(
      /unrecognized|unexpected/i,
    );
    expect(t.G.tracks.capital).toBe(5);
  });

  it('refuses a clause id twice across memos, a held memo, and a broker without capital', () => {
    const t = table();
    const { a, b } = toMediation(
      t,
      memo([c('humanitarian_pause', 'd3', 'both'), c('sanctions_relief', 'bn2', 'self')]),
      B_MEMO,
    );
    expect(
      refused(t, 'bundle', {
        parts: [
          { memoId: a!.id, clause: 0 },
          { memoId: b!.id, clause: 0 },
        ],
      }),
    ).toBe('clause "humanitarian_pause" appears twice');
    const ok = {
      parts: [
        { memoId: a!.id, clause: 1 },
        { memoId: b!.id, clause: 0 },
      ],
    };
    t.G.tracks.capital = 0;
    expect(refused(t, 'bundle', ok)).toBe('a bundle costs 1 capital; the broker has 0 to spend');
    t.G.tracks.capital = 1;
    t.must('2', 'hold', b!.id);
    expect(refused(t, 'bundle', ok)).toBe(`no memo "${b!.id}" awaits the broker`);
  });
});

describe('tableProposal', () => {
  it('puts the broker’s own proposal to both, for 2 capital, with absolute givers', () => {
    const t = table();
    advanceTo(t, 'mediation', 1);
    t.must('2', 'tableProposal', {
      clauses: [
        { id: 'humanitarian_pause', size: 'd3', giver: 'both' },
        { id: 'sanctions_relief', size: 'bn2', giver: 'A' },
        { id: 'ceasefire', size: 'partial', giver: 'B' },
      ],
      note: 'A modest start.',
    });
    expect(t.G.tracks.capital).toBe(3);
    expect(t.G.stats!.tabled).toBe(1);
    expect(t.G.proposals[0]).toMatchObject({
      kind: 'table',
      recipients: ['0', '1'],
      clauses: [
        { id: 'humanitarian_pause', size: 'd3', giver: 'both' },
        { id: 'sanctions_relief', size: 'bn2', giver: 'A' },
        { id: 'ceasefire', size: 'partial', giver: 'B' },
      ],
      note: 'A modest start.',
      text: '',
      stage: 'open',
      due: ['0', '1'],
      dueRound: 1,
    });
    expect(t.G.proposals[0]!.memoId).toBeUndefined();
    expect(t.G.proposals[0]!.author).toBeUndefined();
  });

  it('refuses relative or wrong givers, bad clause lists and a broker short of capital', () => {
    const t = table();
    advanceTo(t, 'mediation', 1);
    const one = (id: string, size: string, giver: string) => ({ clauses: [{ id, size, giver }] });
    expect(refused(t, 'tableProposal', one('humanitarian_pause', 'd3', 'self'))).toMatch(
      /^clauses\[0\]\.giver/,
    );
    expect(refused(t, 'tableProposal', one('sanctions_relief', 'bn2', 'B'))).toBe(
      'clause "sanctions_relief" is given by A, not B',
    );
    expect(refused(t, 'tableProposal', one('ceasefire', 'full', 'B'))).toBe(
      t.scenario.rules[0]!.text,
    );
    expect(refused(t, 'tableProposal', one('ceasefire', 'huge', 'B'))).toBe(
      'clause "ceasefire" has no size "huge" (sizes: partial, regional, full)',
    );
    expect(refused(t, 'tableProposal', { clauses: [] })).toMatch(/^clauses/);
    const five = ['humanitarian_pause', 'prisoner_exchange', 'shipping_corridor'].map((id) => ({
      id,
      size: id === 'humanitarian_pause' ? 'd3' : id === 'prisoner_exchange' ? 'small' : 'one_lane',
      giver: 'both',
    }));
    five.push({ id: 'ceasefire', size: 'partial', giver: 'B' });
    five.push({ id: 'inspections', size: 'limited', giver: 'B' });
    expect(refused(t, 'tableProposal', { clauses: five })).toBe('clauses: at most 4 clauses');
    t.G.tracks.capital = 1;
    expect(refused(t, 'tableProposal', one('humanitarian_pause', 'd3', 'both'))).toBe(
      'tabling costs 2 capital; the broker has 1 to spend',
    );
    t.G.tracks.capital = 2;
    expect(t.act('2', 'tableProposal', { clauses: five.slice(0, 4) })).toBeNull();
    expect(t.G.tracks.capital).toBe(0);
  });

  it('allows a full ceasefire tabled with a corridor', () => {
    const t = table();
    advanceTo(t, 'mediation', 1);
    t.must('2', 'tableProposal', {
      clauses: [
        { id: 'ceasefire', size: 'full', giver: 'B' },
        { id: 'shipping_corridor', size: 'one_lane', giver: 'both' },
      ],
    });
    expect(t.G.proposals[0]!.clauses.map((x) => x.size)).toEqual(['full', 'one_lane']);
  });

  it('is refused to principals', () => {
    const t = table();
    advanceTo(t, 'mediation', 1);
    const before = structuredClone(t.G);
    expect(
      t.act('0', 'tableProposal', {
        clauses: [{ id: 'humanitarian_pause', size: 'd3', giver: 'both' }],
      }),
    ).toBe('seat 0 does not act now');
    expect(t.G).toEqual(before);
  });
});
