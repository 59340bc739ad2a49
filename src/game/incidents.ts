// Round start: proxy incidents drawn by the server, the strain they put on unverified deals, and
// this round's intelligence estimate of breakout.
import type { Rules } from './context';
import { dealName } from './names';
import { clamp, applyDeltas, holdingEffects, trueBreakout } from './tracks';
import type { Attribution, SeatView, PostureB, ProxyLeash } from './types';
import type { Scenario } from './scenario/schema';

export const DEFAULT_POSTURE_B: PostureB = { proxyLeash: 'loose', enrichment: 'steady' };

/**
 * The probability of the round's first incident (the second is this times secondFactor), with B's
 * leash as the state holds it, or as given (a seat that cannot see it assumes one).
 */
export function incidentOdds(G: SeatView, scenario: Scenario, leash?: ProxyLeash): number {
  const t = scenario.tunables.incidents;
  const l = leash ?? G.postures['1']?.proxyLeash ?? DEFAULT_POSTURE_B.proxyLeash;
  const relief = holdingEffects(G, scenario).reduce((sum, e) => sum + (e.incidentOdds ?? 0), 0);
  return clamp(t.base + t.perEscalation * G.tracks.escalation + t.leash[l] + relief, 0, t.max);
}

/** Chance an unverified deal survives one incident, now (after the incident's own effects). */
export function survivalOdds(G: SeatView, scenario: Scenario, directed: boolean): number {
  return survivalAt(scenario, G.tracks.escalation, directed, standing(G));
}

/** The principals' standing that shields their deals: the lower of their two credits. */
export function standing(G: SeatView): number {
  return Math.min(G.credit['0'], G.credit['1']);
}

/**
 * Chance an unverified deal survives one incident at this escalation, with the principals'
 * standing (the lower credit of the two; 0 if not given).
 */
export function survivalAt(
  scenario: Scenario,
  escalation: number,
  directed: boolean,
  credit = 0,
): number {
  const t = scenario.tunables.strain;
  return clamp(
    t.integrity -
      t.perEscalation * escalation -
      (directed ? t.directedPenalty : 0) +
      t.creditShield * credit,
    0,
    1,
  );
}

export function drawIncidents(r: Rules): void {
  const { G, scenario, prng } = r;
  const t = scenario.tunables.incidents;
  const p = incidentOdds(G, scenario);
  const count = prng.chance(p) ? (prng.chance(p * t.secondFactor) ? 2 : 1) : 0;
  const leash = G.postures['1']?.proxyLeash ?? DEFAULT_POSTURE_B.proxyLeash;
  for (const card of prng.sample(scenario.incidents, count)) {
    const attribution: Attribution =
      leash === 'unleash' && prng.chance(t.directedShare) ? 'directed' : 'rogue';
    const id = `i${++G.counters.incident}`;
    G.incidents.push({
      id,
      round: G.round,
      card: card.id,
      headline: card.headline,
      place: card.place,
      effects: { ...card.effects },
    });
    G.attributions[id] = attribution;
    applyDeltas(r, card.effects);
    G.feed.push({ round: G.round, kind: 'incident', incidentId: id, text: card.headline });

    for (const deal of G.deals) {
      if (deal.status !== 'verifying') continue;
      if (prng.chance(survivalOdds(G, scenario, attribution === 'directed'))) continue;
      deal.status = 'collapsed';
      deal.collapsedRound = G.round;
      G.feed.push({
        round: G.round,
        kind: 'collapse',
        dealId: deal.id,
        incidentId: id,
        text: `${dealName(deal.id)} collapsed before it could be verified, after: ${card.headline}`,
      });
    }
  }
  drawEstimate(r);
}

export function drawEstimate(r: Rules): void {
  const { G, scenario, prng } = r;
  const e = scenario.tunables.breakout.estimateError;
  const { min, max } = scenario.tracks.breakout;
  G.breakout.estimate = clamp(trueBreakout(G) + prng.int(2 * e + 1) - e, min, max);
}
