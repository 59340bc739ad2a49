// Scoring: objectives, scores, normalised winners and the outcome class, on hand-built deals.
import { describe, expect, it } from 'vitest';
import type { Objective } from '../../src/game/scenario/schema';
import { finalResult, objectiveMet, outcomeClass, scores } from '../../src/game/scoring';
import type { Clause, Deal, ObjectiveCard } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { advanceTo, table, type Table } from './harness';

let n = 0;
const deal = (clauses: Clause[], status: Deal['status'], round = 1): Deal => {
  const id = `d${++n}`;
  return {
    id,
    proposalId: `p-${id}`,
    kind: 'table',
    clauses,
    signedRound: 1,
    verifyLeft: 0,
    status,
    ...(status === 'verified' ? { verifiedRound: round } : {}),
    ...(status === 'collapsed' ? { collapsedRound: round } : {}),
  };
};
const cl = (id: string, size: string, giver: Clause['giver']): Clause => ({ id, size, giver });

function card(t: Table, id: string): ObjectiveCard {
  const all = [...t.scenario.agendas.A, ...t.scenario.agendas.B, ...t.scenario.mandates];
  const found = all.find((c) => c.id === id);
  if (!found) throw new Error(`no card ${id}`);
  return found;
}

/** Is the card's objective met on this table (no war)? */
const met = (t: Table, id: string, war = false) =>
  objectiveMet(t.G, t.scenario, card(t, id).test, war);

describe('objectiveMet', () => {
  it('track objectives compare the end value (true breakout, not the estimate)', () => {
    const t = table();
    t.G.tracks.escalation = 3;
    expect(met(t, 'calm_the_region')).toBe(true);
    t.G.tracks.escalation = 4;
    expect(met(t, 'calm_the_region')).toBe(false);
    t.G.tracks.oilLeak = 1;
    expect(met(t, 'choke_the_dark_fleet')).toBe(true);
    expect(met(t, 'keep_the_oil_moving')).toBe(false);
    t.G.tracks.oilLeak = 3;
    expect(met(t, 'choke_the_dark_fleet')).toBe(false);
    expect(met(t, 'keep_the_oil_moving')).toBe(true);
    t.G.breakout = { estimate: 11, true: 9 };
    expect(met(t, 'keep_the_option')).toBe(false);
    t.G.breakout = { estimate: 9, true: 10 };
    expect(met(t, 'keep_the_option')).toBe(true);
    t.G.breakout = { estimate: 4, true: 6 };
    expect(met(t, 'keep_breakout_far')).toBe(false);
    t.G.breakout = { estimate: 6, true: 5 };
    expect(met(t, 'keep_breakout_far')).toBe(true);
    const capital: Objective = { kind: 'track', track: 'capital', op: 'atLeast', value: 5 };
    expect(objectiveMet(t.G, t.scenario, capital, false)).toBe(true);
    t.G.tracks.capital = 4;
    expect(objectiveMet(t.G, t.scenario, capital, false)).toBe(false);
  });

  it('clause totals add the magnitudes of verified clauses only', () => {
    const t = table();
    expect(met(t, 'no_blank_cheques')).toBe(true);
    expect(met(t, 'unfreeze_the_funds')).toBe(false);
    t.G.deals.push(deal([cl('sanctions_relief', 'bn5', 'A')], 'verified', 3));
    expect(met(t, 'no_blank_cheques')).toBe(true);
    expect(met(t, 'unfreeze_the_funds')).toBe(true);
    // Not yet verified, or collapsed: not counted.
    t.G.deals.push(deal([cl('sanctions_relief', 'bn10', 'A')], 'verifying'));
    t.G.deals.push(deal([cl('sanctions_relief', 'bn10', 'A')], 'collapsed', 2));
    expect(met(t, 'no_blank_cheques')).toBe(true);
    t.G.deals.push(deal([cl('sanctions_relief', 'bn2', 'A')], 'verified', 4));
    expect(met(t, 'no_blank_cheques')).toBe(false);
    expect(met(t, 'unfreeze_the_funds')).toBe(true);

    expect(met(t, 'cap_the_programme')).toBe(false);
    t.G.deals.push(deal([cl('enrichment_cap', 'pause', 'B')], 'verified', 2));
    expect(met(t, 'cap_the_programme')).toBe(false);
    t.G.deals.push(deal([cl('enrichment_cap', 'pause', 'B')], 'verified', 5));
    expect(met(t, 'cap_the_programme')).toBe(true);

    expect(met(t, 'keep_the_allies_paid')).toBe(true);
    t.G.deals.push(deal([cl('proxy_funding_freeze', 'p20', 'B')], 'verified', 5));
    expect(met(t, 'keep_the_allies_paid')).toBe(true);
    t.G.deals.push(deal([cl('proxy_funding_freeze', 'p10', 'B')], 'verified', 6));
    expect(met(t, 'keep_the_allies_paid')).toBe(false);
  });

  it('clause totals with byRound count only deals verified by then', () => {
    const t = table();
    t.G.deals.push(deal([cl('humanitarian_pause', 'd3', 'both')], 'verified', 5));
    expect(met(t, 'first_pause')).toBe(false);
    t.G.deals.push(deal([cl('humanitarian_pause', 'd3', 'both')], 'verified', 4));
    expect(met(t, 'first_pause')).toBe(true);
    t.G.deals.push(deal([cl('prisoner_exchange', 'small', 'both')], 'verified', 6));
    expect(met(t, 'bring_them_home')).toBe(false);
    t.G.deals.push(deal([cl('prisoner_exchange', 'small', 'both')], 'verified', 5));
    expect(met(t, 'bring_them_home')).toBe(true);
    expect(met(t, 'a_ceasefire')).toBe(false);
    t.G.deals.push(deal([cl('ceasefire', 'partial', 'B')], 'verified', 8));
    expect(met(t, 'a_ceasefire')).toBe(true);
  });

  it('noVerifiedGiving fails on a clause given by the side or by both, verified early', () => {
    const t = table();
    expect(met(t, 'run_the_clock')).toBe(true);
    // A gives: fine. B gives but verified at round 6: fine. Still verifying: fine.
    t.G.deals.push(deal([cl('sanctions_relief', 'bn2', 'A')], 'verified', 2));
    t.G.deals.push(deal([cl('ceasefire', 'partial', 'B')], 'verified', 6));
    t.G.deals.push(deal([cl('dark_fleet_halt', 'partial', 'B')], 'verifying'));
    t.G.deals.push(deal([cl('inspections', 'broad', 'B')], 'collapsed', 3));
    expect(met(t, 'run_the_clock')).toBe(true);
    t.G.deals.push(deal([cl('humanitarian_pause', 'd3', 'both')], 'verified', 5));
    expect(met(t, 'run_the_clock')).toBe(false);
    t.G.deals.pop();
    t.G.deals.push(deal([cl('ceasefire', 'partial', 'B')], 'verified', 5));
    expect(met(t, 'run_the_clock')).toBe(false);
    const forA: Objective = { kind: 'noVerifiedGiving', giver: 'A', beforeRound: 3 };
    expect(objectiveMet(t.G, t.scenario, forA, false)).toBe(false);
    expect(objectiveMet(t.G, t.scenario, { ...forA, beforeRound: 2 }, false)).toBe(true);
  });

  it('verifiedDeals counts verified deals, by a round if given', () => {
    const t = table();
    t.G.deals.push(deal([cl('ceasefire', 'partial', 'B')], 'verified', 2));
    t.G.deals.push(deal([cl('ceasefire', 'partial', 'B')], 'verifying'));
    t.G.deals.push(deal([cl('ceasefire', 'partial', 'B')], 'collapsed', 2));
    expect(met(t, 'two_deals')).toBe(false);
    t.G.deals.push(deal([cl('humanitarian_pause', 'd3', 'both')], 'verified', 6));
    expect(met(t, 'two_deals')).toBe(true);
    const early: Objective = { kind: 'verifiedDeals', op: 'atLeast', value: 2, byRound: 5 };
    expect(objectiveMet(t.G, t.scenario, early, false)).toBe(false);
    expect(objectiveMet(t.G, t.scenario, { ...early, byRound: 6 }, false)).toBe(true);
    const few: Objective = { kind: 'verifiedDeals', op: 'atMost', value: 1 };
    expect(objectiveMet(t.G, t.scenario, few, false)).toBe(false);
  });

  it('noWar is met unless the match ended in war', () => {
    const t = table();
    expect(objectiveMet(t.G, t.scenario, { kind: 'noWar' }, false)).toBe(true);
    expect(objectiveMet(t.G, t.scenario, { kind: 'noWar' }, true)).toBe(false);
  });
});

/** A: calm + no blank cheques; B: unfreeze + run the clock; broker: two deals. */
function scored(): Table {
  const t = table();
  t.G.agendas = {
    '0': [card(t, 'calm_the_region'), card(t, 'no_blank_cheques')],
    '1': [card(t, 'unfreeze_the_funds'), card(t, 'run_the_clock')],
  };
  t.G.mandate = card(t, 'two_deals');
  t.G.tracks.escalation = 3;
  t.G.tracks.capital = 4;
  t.G.credit = { '0': 3, '1': 1, '2': 2 };
  t.G.deals = [
    // A −3 + 2, B 5 − 1
    deal([cl('sanctions_relief', 'bn5', 'A'), cl('ceasefire', 'partial', 'B')], 'verified', 3),
    // A 2, B 2
    deal([cl('humanitarian_pause', 'd14', 'both')], 'verified', 7),
    deal([cl('enrichment_cap', 'rollback', 'B')], 'verifying'),
    deal([cl('dark_fleet_halt', 'verified', 'B')], 'collapsed', 4),
  ];
  return t;
}

describe('scores', () => {
  it('principal: 5 per objective met plus its valuation of verified clauses', () => {
    const t = scored();
    // A: both objectives (10) + 1; B: unfreeze only (5) + 6.
    // Broker: 2 verified deals (6) + capital 4 + credit 2 + mandate 5.
    expect(scores(t.G, t.scenario, false)).toEqual({ '0': 11, '1': 11, '2': 17 });
  });

  it('principals lose 10 at war; the broker does not', () => {
    const t = scored();
    expect(scores(t.G, t.scenario, true)).toEqual({ '0': 1, '1': 1, '2': 17 });
  });

  it('the broker gets its mandate only when it is met', () => {
    const t = scored();
    t.G.deals[1]!.status = 'collapsed';
    // One verified deal: 3 + 4 + 2, no mandate. A loses the pause's 2 but keeps both objectives.
    expect(scores(t.G, t.scenario, false)).toEqual({ '0': 9, '1': 9, '2': 9 });
  });

  it('finalResult normalises by each role’s maximum and names the winner', () => {
    const t = scored();
    expect(finalResult(t.G, t.scenario, 'rounds')).toEqual({
      reason: 'rounds',
      outcome: 'durable-deal',
      scores: { '0': 11, '1': 11, '2': 17 },
      normalised: { '0': 0.44, '1': 0.44, '2': 0.567 },
      winners: ['2'],
    });
  });

  it('ties share the win', () => {
    const t = scored();
    t.G.tracks.capital = 0;
    t.G.credit['2'] = 0;
    t.G.mandate = card(t, 'a_ceasefire');
    // Broker: 6 + 0 + 0 + 5 (a ceasefire is verified) = 11 → 0.367; principals 0.44.
    const f = finalResult(t.G, t.scenario, 'rounds');
    expect(f.normalised).toEqual({ '0': 0.44, '1': 0.44, '2': 0.367 });
    expect(f.winners).toEqual(['0', '1']);
  });

  it('negative scores normalise too', () => {
    const t = scored();
    t.G.deals = [];
    t.G.tracks.escalation = 10;
    t.G.tracks.capital = 0;
    t.G.credit = { '0': 0, '1': 0, '2': 0 };
    // A: no blank cheques met (5) − 10; B: run the clock met (5) − 10; broker 0.
    const f = finalResult(t.G, t.scenario, 'war');
    expect(f).toEqual({
      reason: 'war',
      outcome: 'war',
      scores: { '0': -5, '1': -5, '2': 0 },
      normalised: { '0': -0.2, '1': -0.2, '2': 0 },
      winners: ['2'],
    });
  });
});

describe('outcome class', () => {
  const verifiedPause = () => deal([cl('humanitarian_pause', 'd3', 'both')], 'verified', 2);

  it('war whenever the match ended in war', () => {
    const t = scored();
    expect(outcomeClass(t.G, t.scenario, 'war')).toBe('war');
  });

  it('durable deal: at least 2 verified deals and escalation at most 4', () => {
    const t = table();
    t.G.deals = [verifiedPause(), verifiedPause()];
    t.G.tracks.escalation = 4;
    expect(outcomeClass(t.G, t.scenario, 'rounds')).toBe('durable-deal');
    t.G.tracks.escalation = 5;
    expect(outcomeClass(t.G, t.scenario, 'rounds')).toBe('codified-stalemate');
    t.G.tracks.escalation = 0;
    t.G.deals[1]!.status = 'verifying';
    expect(outcomeClass(t.G, t.scenario, 'rounds')).toBe('codified-stalemate');
  });

  it('codified stalemate: talks alive, nothing much verified', () => {
    const t = table();
    expect(outcomeClass(t.G, t.scenario, 'rounds')).toBe('codified-stalemate');
    t.G.deals = [verifiedPause(), deal([cl('ceasefire', 'partial', 'B')], 'collapsed', 3)];
    expect(outcomeClass(t.G, t.scenario, 'rounds')).toBe('codified-stalemate');
    // A walkout is survivable once something is verified.
    t.G.walkouts['1'] = [4];
    expect(outcomeClass(t.G, t.scenario, 'rounds')).toBe('codified-stalemate');
  });

  it('collapse: a double walkout, every deal broken, or a walkout with nothing verified', () => {
    const t = table();
    t.G.deals = [verifiedPause(), verifiedPause()];
    t.G.tracks.escalation = 2;
    expect(outcomeClass(t.G, t.scenario, 'walkout')).toBe('collapse');

    const u = table();
    u.G.deals = [
      deal([cl('ceasefire', 'partial', 'B')], 'collapsed', 3),
      deal([cl('shipping_corridor', 'one_lane', 'both')], 'collapsed', 5),
    ];
    expect(outcomeClass(u.G, u.scenario, 'rounds')).toBe('collapse');

    const v = table();
    v.G.walkouts['0'] = [3];
    expect(outcomeClass(v.G, v.scenario, 'rounds')).toBe('collapse');
    v.G.deals = [deal([cl('ceasefire', 'partial', 'B')], 'verifying')];
    expect(outcomeClass(v.G, v.scenario, 'rounds')).toBe('collapse');
  });

  it('is computed when the last round ends, with the seed revealed to everyone', () => {
    const t = table({ rounds: 4 });
    advanceTo(t, 'over');
    expect(t.G.round).toBe(4);
    expect(t.G.final).toEqual(finalResult(t.G, t.scenario, 'rounds'));
    expect(t.G.final!.reason).toBe('rounds');
    expect(t.G.seed).toBe('test-seed');
    expect(t.G.feed.at(-1)).toEqual({ round: 4, kind: 'end', text: 'The last round is over.' });
    const debrief = viewFor(t.G, null);
    expect(debrief.seed).toBe('test-seed');
    expect(debrief.agendas).toEqual(t.G.agendas);
    expect(debrief.mandate).toEqual(t.G.mandate);
    expect(debrief.breakout.true).toBe(t.G.breakout.true);
  });
});
