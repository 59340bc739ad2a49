// Scoring and the table's outcome class (GAME.md, "Scoring and outcome").
import { BROKER, PRINCIPALS, sideOf } from './constants';
import { clauseDef } from './clauses';
import type { Objective, Scenario } from './scenario/schema';
import { trueBreakout } from './tracks';
import type { BackchannelState, Final, Outcome, Seat } from './types';

function compare(value: number, op: 'atMost' | 'atLeast', target: number): boolean {
  return op === 'atMost' ? value <= target : value >= target;
}

function trackValue(G: BackchannelState, track: string): number {
  if (track === 'breakout') return trueBreakout(G);
  return G.tracks[track as keyof BackchannelState['tracks']];
}

export function objectiveMet(
  G: BackchannelState,
  scenario: Scenario,
  test: Objective,
  war: boolean,
): boolean {
  const verified = G.deals.filter((d) => d.status === 'verified');
  switch (test.kind) {
    case 'track':
      return compare(trackValue(G, test.track), test.op, test.value);
    case 'clauseTotal': {
      let total = 0;
      for (const d of verified) {
        if (test.byRound !== undefined && (d.verifiedRound ?? Infinity) > test.byRound) continue;
        for (const c of d.clauses) {
          if (c.id !== test.clause) continue;
          total += clauseDef(scenario, c.id)?.sizes.find((s) => s.id === c.size)?.magnitude ?? 0;
        }
      }
      return compare(total, test.op, test.value);
    }
    case 'noVerifiedGiving':
      // A clause both sides give counts as giving.
      return !verified.some(
        (d) =>
          (d.verifiedRound ?? Infinity) < test.beforeRound &&
          d.clauses.some((c) => c.giver === test.giver || c.giver === 'both'),
      );
    case 'verifiedDeals': {
      const count = verified.filter(
        (d) => test.byRound === undefined || (d.verifiedRound ?? Infinity) <= test.byRound,
      ).length;
      return compare(count, test.op, test.value);
    }
    case 'noWar':
      return !war;
  }
}

export function scores(
  G: BackchannelState,
  scenario: Scenario,
  war: boolean,
): Record<Seat, number> {
  const s = scenario.tunables.scoring;
  const verified = G.deals.filter((d) => d.status === 'verified');
  const out: Record<Seat, number> = { '0': 0, '1': 0, '2': 0 };
  for (const seat of PRINCIPALS) {
    const side = sideOf(seat);
    const met = (G.agendas[seat] ?? []).filter((c) =>
      objectiveMet(G, scenario, c.test, war),
    ).length;
    let value = 0;
    for (const d of verified)
      for (const c of d.clauses)
        value += clauseDef(scenario, c.id)?.sizes.find((z) => z.id === c.size)?.value[side] ?? 0;
    const stonewalled = (G.stonewalls?.[seat] ?? 0) * s.stonewall;
    out[seat] = met * s.objective + value - (war ? s.warPenalty : 0) - stonewalled;
  }
  const mandate = G.mandate && objectiveMet(G, scenario, G.mandate.test, war) ? s.mandate : 0;
  // Capital may count at a fraction (brokerCapital): rounded to hundredths against float noise.
  out[BROKER] =
    Math.round(
      100 *
        (verified.length * s.brokerPerDeal +
          G.tracks.capital * s.brokerCapital +
          G.credit[BROKER] +
          mandate),
    ) / 100;
  return out;
}

export function outcomeClass(
  G: BackchannelState,
  scenario: Scenario,
  reason: Final['reason'],
): Outcome {
  if (reason === 'war') return 'war';
  const verified = G.deals.filter((d) => d.status === 'verified').length;
  const allBroken = G.deals.length > 0 && G.deals.every((d) => d.status === 'collapsed');
  const walkouts = PRINCIPALS.some((s) => G.walkouts[s].length > 0);
  if (reason === 'walkout' || allBroken || (walkouts && verified === 0)) return 'collapse';
  const o = scenario.tunables.outcome;
  if (verified >= o.durableDeals && G.tracks.escalation <= o.durableEscalation)
    return 'durable-deal';
  return 'codified-stalemate';
}

export function finalResult(
  G: BackchannelState,
  scenario: Scenario,
  reason: Final['reason'],
): Final {
  const raw = scores(G, scenario, reason === 'war');
  const max = scenario.tunables.scoring;
  const round2 = (x: number) => Math.round(x * 1000) / 1000;
  const normalised: Record<Seat, number> = {
    '0': round2(raw['0'] / max.principalMax),
    '1': round2(raw['1'] / max.principalMax),
    '2': round2(raw['2'] / max.brokerMax),
  };
  const best = Math.max(...Object.values(normalised));
  const winners = (['0', '1', '2'] as const).filter((s) => normalised[s] === best);
  return { reason, outcome: outcomeClass(G, scenario, reason), scores: raw, normalised, winners };
}
