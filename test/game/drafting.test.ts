// Drafting: postures (secret, per side) and memos (to the broker only, at most two a round).
import { describe, expect, it } from 'vitest';
import { viewFor } from '../../src/game/view';
import { advanceTo, allDone, table, type Table } from './harness';

type Rel = 'self' | 'other' | 'both';
const c = (id: string, size: string, giver: Rel) => ({ id, size, giver });
const memo = (clauses: ReturnType<typeof c>[], text = '') => ({ clauses, text });

/** The refusal must leave the state exactly as it was. */
function refused(t: Table, seat: string, move: 'setPosture' | 'draftMemo', ...args: unknown[]) {
  const before = structuredClone(t.G);
  const reason = t.act(seat, move, ...args);
  expect(t.G).toEqual(before);
  return reason;
}

/** Signs and verifies an interdiction pause tabled by the broker in round 1. */
function signInterdictionPause(t: Table, size: 'r1' | 'r2'): void {
  advanceTo(t, 'mediation', 1);
  t.must('2', 'tableProposal', { clauses: [{ id: 'interdiction_pause', size, giver: 'A' }] });
  t.must('2', 'done');
  const p = t.G.proposals[0]!;
  t.must('0', 'respond', p.id, 'accept');
  t.must('1', 'respond', p.id, 'accept');
  expect(t.G.step).toBe('press');
  expect(t.G.deals).toHaveLength(1);
  expect(t.G.deals[0]!.status).toBe('verified');
}

describe('setPosture', () => {
  it('sets A enforcement and B leash and enrichment', () => {
    const t = table();
    expect(t.G.postures).toEqual({
      '0': { enforcement: 'hold' },
      '1': { proxyLeash: 'loose', enrichment: 'steady' },
    });
    expect(t.act('0', 'setPosture', { enforcement: 'tighten' })).toBeNull();
    expect(t.act('1', 'setPosture', { proxyLeash: 'unleash', enrichment: 'advance' })).toBeNull();
    expect(t.G.postures).toEqual({
      '0': { enforcement: 'tighten' },
      '1': { proxyLeash: 'unleash', enrichment: 'advance' },
    });
    // Setting a posture is not the end of the seat's drafting.
    expect(t.G.pending).toEqual(['0', '1']);
    // A seat may change its mind during the step.
    t.must('0', 'setPosture', { enforcement: 'relax' });
    expect(t.G.postures['0']).toEqual({ enforcement: 'relax' });
  });

  it('is secret: the other principal and the broker see none of it', () => {
    const t = table();
    t.must('0', 'setPosture', { enforcement: 'interdict' });
    expect(viewFor(t.G, '1').postures).toEqual({
      '1': { proxyLeash: 'loose', enrichment: 'steady' },
    });
    expect(viewFor(t.G, '2').postures).toEqual({});
    expect(viewFor(t.G, null).postures).toEqual({});
    expect(viewFor(t.G, '0').postures).toEqual({ '0': { enforcement: 'interdict' } });
  });

  it.each([
    ['0', { proxyLeash: 'loose', enrichment: 'steady' }],
    ['0', { enforcement: 'blockade' }],
    ['0', { enforcement: 'hold', proxyLeash: 'loose' }],
    ['0', {}],
    ['0', 'tighten'],
    ['0', null],
    ['1', { enforcement: 'hold' }],
    ['1', { proxyLeash: 'loose' }],
    ['1', { proxyLeash: 'loose', enrichment: 'sprint' }],
    ['1', { proxyLeash: 'leashed', enrichment: 'pause' }],
    ['1', { proxyLeash: 'loose', enrichment: 'pause', enforcement: 'hold' }],
    ['1', ['loose', 'pause']],
  ])('refuses a wrong shape from seat %s: %j', (seat, arg) => {
    const t = table();
    expect(refused(t, seat, 'setPosture', arg)).toEqual(expect.any(String));
  });

  it('refuses the broker, extra arguments and every step but drafting', () => {
    const t = table();
    expect(refused(t, '2', 'setPosture', { enforcement: 'hold' })).toBe('seat 2 does not act now');
    expect(refused(t, '0', 'setPosture', { enforcement: 'hold' }, 'again')).toBe(
      'expected one argument: the posture',
    );
    expect(refused(t, '0', 'setPosture')).toBe('expected one argument: the posture');
    advanceTo(t, 'mediation');
    expect(refused(t, '0', 'setPosture', { enforcement: 'hold' })).toBe(
      'only in the drafting step (now: mediation)',
    );
  });

  it('refuses it after the seat said done', () => {
    const t = table();
    t.must('0', 'done');
    expect(refused(t, '0', 'setPosture', { enforcement: 'relax' })).toBe('seat 0 does not act now');
  });

  it('refuses interdict while an interdiction pause deal is in force (1 round)', () => {
    const t = table();
    expect(t.act('0', 'setPosture', { enforcement: 'interdict' })).toBeNull();
    t.must('0', 'setPosture', { enforcement: 'hold' });
    signInterdictionPause(t, 'r1');
    expect(t.G.deals[0]!.interdictionBlockedUntil).toBe(2);
    advanceTo(t, 'drafting', 2);
    expect(refused(t, '0', 'setPosture', { enforcement: 'interdict' })).toBe(
      'an interdiction pause is in force: no interdiction this round',
    );
    // Other postures stay open.
    expect(t.act('0', 'setPosture', { enforcement: 'tighten' })).toBeNull();
    advanceTo(t, 'drafting', 3);
    expect(t.act('0', 'setPosture', { enforcement: 'interdict' })).toBeNull();
  });

  it('refuses interdict for two rounds after a 2-round pause', () => {
    const t = table();
    signInterdictionPause(t, 'r2');
    expect(t.G.deals[0]!.interdictionBlockedUntil).toBe(3);
    advanceTo(t, 'drafting', 2);
    expect(t.act('0', 'setPosture', { enforcement: 'interdict' })).not.toBeNull();
    advanceTo(t, 'drafting', 3);
    expect(t.act('0', 'setPosture', { enforcement: 'interdict' })).not.toBeNull();
    advanceTo(t, 'drafting', 4);
    expect(t.act('0', 'setPosture', { enforcement: 'interdict' })).toBeNull();
  });
});

describe('draftMemo', () => {
  it('resolves self/other/both to A/B for the author', () => {
    const t = table();
    t.must(
      '0',
      'draftMemo',
      memo(
        [
          c('sanctions_relief', 'bn2', 'self'),
          c('ceasefire', 'partial', 'other'),
          c('humanitarian_pause', 'd3', 'both'),
        ],
        'A first step.',
      ),
    );
    t.must(
      '1',
      'draftMemo',
      memo([c('sanctions_relief', 'bn5', 'other'), c('dark_fleet_halt', 'partial', 'self')]),
    );
    const [a, b] = t.G.memos;
    expect(a!.author).toBe('0');
    expect(a!.clauses).toEqual([
      { id: 'sanctions_relief', size: 'bn2', giver: 'A' },
      { id: 'ceasefire', size: 'partial', giver: 'B' },
      { id: 'humanitarian_pause', size: 'd3', giver: 'both' },
    ]);
    expect(a!.text).toBe('A first step.');
    expect(a!.round).toBe(1);
    expect(a!.lastRound).toBe(2);
    expect(a!.heldSteps).toBe(0);
    expect(b!.author).toBe('1');
    expect(b!.clauses).toEqual([
      { id: 'sanctions_relief', size: 'bn5', giver: 'A' },
      { id: 'dark_fleet_halt', size: 'partial', giver: 'B' },
    ]);
    expect(t.G.stats!.memosWritten).toBe(2);
  });

  it.each([
    ['0', c('sanctions_relief', 'bn2', 'other'), 'clause "sanctions_relief" is given by A, not B'],
    ['1', c('sanctions_relief', 'bn2', 'self'), 'clause "sanctions_relief" is given by A, not B'],
    ['0', c('ceasefire', 'partial', 'self'), 'clause "ceasefire" is given by B, not A'],
    ['1', c('ceasefire', 'partial', 'both'), 'clause "ceasefire" is given by B, not both'],
    [
      '0',
      c('humanitarian_pause', 'd3', 'self'),
      'clause "humanitarian_pause" is given by both, not A',
    ],
    [
      '1',
      c('shipping_corridor', 'one_lane', 'other'),
      'clause "shipping_corridor" is given by both, not A',
    ],
  ])('seat %s: checks the resolved giver against the catalog (%j)', (seat, clause, reason) => {
    const t = table();
    expect(refused(t, seat, 'draftMemo', memo([clause]))).toBe(reason);
    expect(t.G.memos).toEqual([]);
  });

  it('refuses unknown clauses, unknown sizes and unknown givers', () => {
    const t = table();
    expect(refused(t, '0', 'draftMemo', memo([c('regime_change', 'full', 'other')]))).toBe(
      'unknown clause "regime_change"',
    );
    expect(refused(t, '0', 'draftMemo', memo([c('sanctions_relief', 'bn3', 'self')]))).toBe(
      'clause "sanctions_relief" has no size "bn3" (sizes: bn2, bn5, bn10)',
    );
    expect(
      refused(t, '0', 'draftMemo', {
        clauses: [{ id: 'ceasefire', size: 'full', giver: 'B' }],
        text: '',
      }),
    ).toEqual(expect.stringContaining('clauses[0].giver'));
  });

  it('takes at most 4 clauses', () => {
    const t = table();
    const four = [
      c('sanctions_relief', 'bn2', 'self'),
      c('ceasefire', 'partial', 'other'),
      c('humanitarian_pause', 'd3', 'both'),
      c('prisoner_exchange', 'small', 'both'),
    ];
    expect(
      refused(t, '0', 'draftMemo', memo([...four, c('inspections', 'limited', 'other')])),
    ).toBe('clauses: at most 4 clauses');
    expect(t.act('0', 'draftMemo', memo(four))).toBeNull();
    expect(t.G.memos[0]!.clauses).toHaveLength(4);
  });

  it('takes at most 600 characters of text', () => {
    const t = table();
    expect(refused(t, '1', 'draftMemo', memo([], 'x'.repeat(601)))).toBe(
      'text: at most 600 characters',
    );
    expect(t.act('1', 'draftMemo', memo([], 'x'.repeat(600)))).toBeNull();
    expect(t.G.memos[0]!.text).toHaveLength(600);
  });

  it.each(['\u0000', '\u0007', '\u001b[31m', '\u007f', 'line\rfeed', '\u000b'])(
    'refuses control characters in the text (%j)',
    (bad) => {
      const t = table();
      expect(refused(t, '0', 'draftMemo', memo([], `We are ready.${bad}`))).toBe(
        'text: no control characters',
      );
    },
  );

  it('accepts newlines and tabs in the text', () => {
    const t = table();
    expect(t.act('0', 'draftMemo', memo([], 'Point one.\n\tPoint two.'))).toBeNull();
    expect(t.G.memos[0]!.text).toBe('Point one.\n\tPoint two.');
  });

  it('refuses an empty memo', () => {
    const t = table();
    expect(refused(t, '0', 'draftMemo', memo([], ''))).toBe('an empty memo says nothing');
    expect(refused(t, '0', 'draftMemo', memo([], ' \n\t '))).toBe('an empty memo says nothing');
    // Clauses without text are a memo.
    expect(t.act('0', 'draftMemo', memo([c('humanitarian_pause', 'd3', 'both')]))).toBeNull();
  });

  it('refuses the same clause twice, even at different sizes', () => {
    const t = table();
    expect(
      refused(
        t,
        '0',
        'draftMemo',
        memo([c('ceasefire', 'partial', 'other'), c('ceasefire', 'regional', 'other')]),
      ),
    ).toBe('clause "ceasefire" appears twice');
  });

  it('allows two memos a round per principal, and two more next round', () => {
    const t = table();
    t.must('0', 'draftMemo', memo([], 'one'));
    t.must('0', 'draftMemo', memo([], 'two'));
    expect(refused(t, '0', 'draftMemo', memo([], 'three'))).toBe('at most 2 memos a round');
    // The other principal has its own two.
    t.must('1', 'draftMemo', memo([], 'one'));
    t.must('1', 'draftMemo', memo([], 'two'));
    expect(refused(t, '1', 'draftMemo', memo([], 'three'))).toBe('at most 2 memos a round');
    advanceTo(t, 'drafting', 2);
    expect(t.act('0', 'draftMemo', memo([], 'three'))).toBeNull();
    expect(t.G.memos.map((m) => [m.author, m.round, m.text])).toEqual([
      ['0', 1, 'one'],
      ['0', 1, 'two'],
      ['1', 1, 'one'],
      ['1', 1, 'two'],
      ['0', 2, 'three'],
    ]);
  });

  it('refuses a principal that walked out', () => {
    const t = table();
    advanceTo(t, 'mediation', 1);
    t.G.tracks.pressureA = 10;
    allDone(t);
    expect(t.G.walkouts).toEqual({ '0': [2], '1': [] });
    advanceTo(t, 'drafting', 2);
    expect(refused(t, '0', 'draftMemo', memo([], 'We are back.'))).toBe(
      'walked out: no memo this round',
    );
    expect(t.act('1', 'draftMemo', memo([], 'We are here.'))).toBeNull();
    advanceTo(t, 'drafting', 3);
    expect(t.act('0', 'draftMemo', memo([], 'We are back.'))).toBeNull();
  });

  it('refuses a full ceasefire without a corridor, allows it with one in the same memo', () => {
    const t = table();
    expect(refused(t, '0', 'draftMemo', memo([c('ceasefire', 'full', 'other')]))).toBe(
      t.scenario.rules[0]!.text,
    );
    expect(
      refused(
        t,
        '1',
        'draftMemo',
        memo([c('ceasefire', 'full', 'self'), c('humanitarian_pause', 'd7', 'both')]),
      ),
    ).toMatch(/^A full ceasefire needs a shipping corridor/);
    // Partial and regional ceasefires need nothing.
    expect(t.act('1', 'draftMemo', memo([c('ceasefire', 'regional', 'self')]))).toBeNull();
    expect(
      t.act(
        '0',
        'draftMemo',
        memo([c('ceasefire', 'full', 'other'), c('shipping_corridor', 'one_lane', 'both')]),
      ),
    ).toBeNull();
    expect(t.G.memos[1]!.clauses).toEqual([
      { id: 'ceasefire', size: 'full', giver: 'B' },
      { id: 'shipping_corridor', size: 'one_lane', giver: 'both' },
    ]);
  });

  it('allows a full ceasefire alone once a corridor deal is holding', () => {
    const t = table();
    t.G.deals.push({
      id: 'd1',
      proposalId: 'p-x',
      kind: 'table',
      clauses: [{ id: 'shipping_corridor', size: 'all_lanes', giver: 'both' }],
      signedRound: 1,
      verifyLeft: 1,
      status: 'verifying',
    });
    expect(t.act('0', 'draftMemo', memo([c('ceasefire', 'full', 'other')]))).toBeNull();
    t.G.deals[0]!.status = 'collapsed';
    expect(refused(t, '1', 'draftMemo', memo([c('ceasefire', 'full', 'self')]))).toBe(
      t.scenario.rules[0]!.text,
    );
  });

  it('keeps memos as drafts, unseen by the broker, until drafting ends', () => {
    const t = table();
    t.must('0', 'draftMemo', memo([c('humanitarian_pause', 'd3', 'both')], 'Three days.'));
    t.must('1', 'draftMemo', memo([], 'Nothing yet.'));
    expect(t.G.memos.map((m) => m.status)).toEqual(['draft', 'draft']);
    expect(viewFor(t.G, '2').memos).toEqual([]);
    // Each author sees its own draft, not the other's.
    expect(viewFor(t.G, '0').memos.map((m) => [m.text, m.status])).toEqual([
      ['Three days.', 'draft'],
    ]);
    expect(viewFor(t.G, '1').memos.map((m) => [m.text, m.status])).toEqual([
      ['Nothing yet.', 'draft'],
    ]);
    t.must('0', 'done');
    expect(t.G.memos.map((m) => m.status)).toEqual(['draft', 'draft']);
    t.must('1', 'done');
    expect(t.G.step).toBe('mediation');
    expect(t.G.memos.map((m) => m.status)).toEqual(['pending', 'pending']);
    expect(viewFor(t.G, '2').memos.map((m) => m.text)).toEqual(['Three days.', 'Nothing yet.']);
    // The other principal still sees nothing of it.
    expect(viewFor(t.G, '1').memos.map((m) => m.text)).toEqual(['Nothing yet.']);
    expect(viewFor(t.G, '0').memos.map((m) => m.status)).toEqual(['with-broker']);
  });

  it.each([{ to: '1' }, { recipient: '1' }, { to: 'B' }, { recipients: ['1'] }, { broker: false }])(
    'has no field to address anyone but the broker (%j is refused)',
    (extra) => {
      const t = table();
      const reason = refused(t, '0', 'draftMemo', { ...memo([], 'Direct line?'), ...extra });
      expect(reason).toMatch(/unexpected|unrecognized/i);
      expect(t.G.memos).toEqual([]);
    },
  );

  it('refuses a recipient passed as a second argument', () => {
    const t = table();
    expect(refused(t, '0', 'draftMemo', memo([], 'Direct line?'), '1')).toBe(
      'expected one argument: the memo',
    );
  });

  it('refuses a recipient inside a clause', () => {
    const t = table();
    const clause = { ...c('humanitarian_pause', 'd3', 'both'), to: '1' };
    expect(refused(t, '0', 'draftMemo', { clauses: [clause], text: '' })).toMatch(/^clauses\[0\]/);
  });

  it('refuses the broker and every step but drafting', () => {
    const t = table();
    expect(refused(t, '2', 'draftMemo', memo([], 'From Doha.'))).toBe('seat 2 does not act now');
    expect(refused(t, undefined as unknown as string, 'draftMemo', memo([], 'x'))).toBe(
      'seat undefined does not act now',
    );
    advanceTo(t, 'mediation');
    expect(refused(t, '0', 'draftMemo', memo([], 'Late.'))).toBe(
      'only in the drafting step (now: mediation)',
    );
  });
});

describe('withdrawMemo', () => {
  const OK = memo([c('ceasefire', 'regional', 'other')], 'Calm first.');

  it('takes back a draft before drafting ends: gone, the allowance returned, the broker none the wiser', () => {
    const t = table();
    t.must('0', 'draftMemo', OK);
    t.must('0', 'draftMemo', memo([], 'Second thoughts.'));
    const [first, second] = t.G.memos;
    const brokerBefore = viewFor(t.G, '2');
    expect(t.act('0', 'draftMemo', memo([], 'A third.'))).toMatch(/at most 2 memos/);
    expect(t.act('0', 'withdrawMemo', first!.id)).toBeNull();
    expect(t.G.memos.map((m) => m.id)).toEqual([second!.id]);
    expect(t.G.stats.memosWritten).toBe(1);
    // The broker's view never showed the draft, and shows no trace of its withdrawal.
    const brokerAfter = viewFor(t.G, '2');
    expect(brokerAfter.memos).toEqual(brokerBefore.memos);
    expect(brokerAfter.stats).toEqual(brokerBefore.stats);
    // The allowance is back: a memo can be written in its place (an edit).
    expect(t.act('0', 'draftMemo', memo([], 'Calm first.'))).toBeNull();
    allDone(t);
    expect(t.G.step).toBe('mediation');
    expect(viewFor(t.G, '2').memos.map((m) => m.text)).toEqual(['Second thoughts.', 'Calm first.']);
  });

  it('is refused for another seat’s memo, after drafting, and for a memo of an earlier round', () => {
    const t = table();
    t.must('0', 'draftMemo', OK);
    const id = t.G.memos[0]!.id;
    const before = structuredClone(t.G);
    expect(t.act('1', 'withdrawMemo', id)).toMatch(/no such memo of yours/);
    expect(t.act('2', 'withdrawMemo', id)).toBeTruthy();
    expect(t.G).toEqual(before);
    allDone(t);
    const afterDrafting = structuredClone(t.G);
    expect(t.act('0', 'withdrawMemo', id)).toBeTruthy();
    expect(t.G).toEqual(afterDrafting);
    advanceTo(t, 'drafting', 2);
    const round2 = structuredClone(t.G);
    expect(t.act('0', 'withdrawMemo', id)).toMatch(/no longer be withdrawn|no such memo/);
    expect(t.G).toEqual(round2);
  });
});
