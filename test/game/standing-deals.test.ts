// Standing deals (issue #11): the same clause at the same size cannot be agreed again while a deal
// carrying it is verifying or holding. Identical pauses used to stack: three 14-day pauses
// verified in one match took escalation from 4 to 0.
import { describe, expect, it } from 'vitest';
import { standingDealWith } from '../../src/game/clauses';
import type { Clause } from '../../src/game/types';
import { glossaryFor } from '../../src/game/seat-model';
import { forPerson, looksInternal } from '../../src/game/words';
import { advanceTo, signTabled, table, type Table } from './harness';

const PAUSE: Clause = { id: 'humanitarian_pause', size: 'd3', giver: 'both' };
const LONGER: Clause = { ...PAUSE, size: 'd7' };
const RELIEF: Clause = { id: 'sanctions_relief', size: 'bn2', giver: 'A' };

/** A table with no incidents, so that no deal collapses unless the test says so. */
function calm(seed = 'test-seed'): Table {
  const t = table({}, seed);
  t.scenario = structuredClone(t.scenario);
  t.scenario.tunables.incidents.max = 0;
  return t;
}

describe('a standing deal cannot be signed again', () => {
  it('refuses the same clause at the same size while the deal verifies, in words', () => {
    const t = calm();
    signTabled(t, [PAUSE, RELIEF]);
    const deal = t.G.deals[0]!;
    expect(deal.status).toMatch(/verifying|verified/);
    expect(standingDealWith(t.G, PAUSE)?.id).toBe(deal.id);
    expect(standingDealWith(t.G, LONGER)).toBeUndefined();

    advanceTo(t, 'drafting', 2);
    const memo = (clauses: object[]) => ({ clauses, text: 'Again.' });
    const reason = t.act('0', 'draftMemo', memo([{ ...PAUSE, giver: 'both' }]));
    expect(reason).toMatch(
      /^Humanitarian pause \(3 days\) is already agreed in Deal 1, (still verifying|verified and holding): it cannot be signed again while that deal stands$/,
    );
    // A person reads it as it is: no code, no id the rewording has to hide.
    expect(looksInternal(reason!)).toBe(false);
    expect(forPerson(reason, glossaryFor(t.scenario))).toMatch(
      /^Humanitarian pause \(3 days\) is already agreed .*while that deal stands\.$/,
    );
    // Another size is a new commitment.
    expect(t.act('0', 'draftMemo', memo([{ ...LONGER, giver: 'both' }]))).toBeNull();

    advanceTo(t, 'mediation', 2);
    t.G.tracks.capital = 5;
    expect(t.act('2', 'tableProposal', { clauses: [PAUSE] })).toMatch(/already agreed in Deal 1/);
    expect(t.act('2', 'tableProposal', { clauses: [RELIEF] })).toMatch(/already agreed in Deal 1/);
  });

  it('voids at signing a proposal overtaken by a deal signed before it in the same step', () => {
    const t = calm();
    advanceTo(t, 'mediation', 1);
    t.G.tracks.capital = 5;
    t.must('2', 'tableProposal', { clauses: [PAUSE] });
    t.must('2', 'tableProposal', { clauses: [PAUSE, RELIEF] });
    t.must('2', 'done');
    const [first, second] = t.G.proposals;
    for (const p of [first!, second!]) {
      t.must('0', 'respond', p.id, 'accept');
      t.must('1', 'respond', p.id, 'accept');
    }
    expect(t.G.deals).toHaveLength(1);
    expect(first!.stage).toBe('signed');
    expect(t.G.proposals[1]!.stage).toBe('void');
    expect(t.G.feed.find((f) => f.kind === 'void')!.text).toMatch(
      /^A proposal fell through: Humanitarian pause \(3 days\) is already agreed in Deal 1/,
    );
  });

  it('a collapsed deal frees its clauses', () => {
    const t = calm();
    signTabled(t, [PAUSE]);
    t.G.deals[0]!.status = 'collapsed';
    expect(standingDealWith(t.G, PAUSE)).toBeUndefined();
    advanceTo(t, 'drafting', 2);
    expect(t.act('0', 'draftMemo', { clauses: [PAUSE], text: 'Once more.' })).toBeNull();
  });
});
