// The clause vocabulary: checking a clause against the catalog, the scenario's rules about which
// clauses need which, and what a deal's clauses mean for verification.
import { sideOf } from './constants';
import { dealName } from './names';
import type { ClauseDef, Scenario } from './scenario/schema';
import type { SeatView, Clause, Deal, Giver, PrincipalSeat, Side } from './types';

export type RelativeGiver = 'self' | 'other' | 'both';

export function clauseDef(scenario: Scenario, id: string): ClauseDef | undefined {
  return scenario.catalog.find((c) => c.id === id);
}

export function sizeIndex(scenario: Scenario, clause: Clause): number {
  return clauseDef(scenario, clause.id)?.sizes.findIndex((s) => s.id === clause.size) ?? -1;
}

export function resolveGiver(author: PrincipalSeat, giver: RelativeGiver): Giver {
  if (giver === 'both') return 'both';
  const mine = sideOf(author);
  return giver === 'self' ? mine : mine === 'A' ? 'B' : 'A';
}

export function relativeGiver(author: PrincipalSeat, giver: Giver): RelativeGiver {
  if (giver === 'both') return 'both';
  return giver === sideOf(author) ? 'self' : 'other';
}

/** Why this clause is not in the catalog as given, or null when it is. */
export function clauseProblem(scenario: Scenario, clause: Clause): string | null {
  const def = clauseDef(scenario, clause.id);
  if (!def) return `unknown clause "${clause.id}"`;
  if (!def.sizes.some((s) => s.id === clause.size))
    return `clause "${clause.id}" has no size "${clause.size}" (sizes: ${def.sizes.map((s) => s.id).join(', ')})`;
  if (def.giver !== clause.giver)
    return `clause "${clause.id}" is given by ${def.giver}, not ${clause.giver}`;
  return null;
}

/** Why a set of clauses cannot stand together, or null. */
export function clauseSetProblem(
  G: SeatView,
  scenario: Scenario,
  clauses: Clause[],
): string | null {
  const ids = clauses.map((c) => c.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) return `clause "${twice}" appears twice`;
  for (const c of clauses) {
    const problem = clauseProblem(scenario, c);
    if (problem) return problem;
  }
  return alreadyAgreed(G, scenario, clauses) ?? ruleViolation(G, scenario, clauses);
}

/** A deal not collapsed (verifying, or verified and holding) that carries this clause at this size. */
export function standingDealWith(G: SeatView, clause: Clause): Deal | undefined {
  return G.deals.find(
    (d) =>
      d.status !== 'collapsed' &&
      d.clauses.some((c) => c.id === clause.id && c.size === clause.size),
  );
}

/**
 * The same clause at the same size cannot be agreed twice while a deal carrying it stands: three
 * identical pauses once stacked their effects in one match (issue #11). Another size of the same
 * clause is a new commitment and may be agreed; a collapsed deal frees its clauses.
 */
export function alreadyAgreed(G: SeatView, scenario: Scenario, clauses: Clause[]): string | null {
  for (const c of clauses) {
    const deal = standingDealWith(G, c);
    if (!deal) continue;
    const state = deal.status === 'verifying' ? 'still verifying' : 'verified and holding';
    return `${describeClause(scenario, c)} is already agreed in ${dealName(deal.id)}, ${state}: it cannot be signed again while that deal stands`;
  }
  return null;
}

/** The scenario rule these clauses break (e.g. a full ceasefire needs a shipping corridor), or null. */
export function ruleViolation(G: SeatView, scenario: Scenario, clauses: Clause[]): string | null {
  for (const rule of scenario.rules) {
    const triggered = clauses.some((c) => c.id === rule.clause && rule.sizes.includes(c.size));
    if (!triggered) continue;
    const inSet = clauses.some((c) => c.id === rule.needs);
    const inForce = G.deals.some(
      (d) => d.status !== 'collapsed' && d.clauses.some((c) => c.id === rule.needs),
    );
    if (!inSet && !inForce) return rule.text;
  }
  return null;
}

/** How many clauses of this proposal the side gives (alone or with the other side). */
export function clausesGivenBy(side: Side, clauses: Clause[]): number {
  return clauses.filter((c) => c.giver === side || c.giver === 'both').length;
}

/** Resolutions a new deal with these clauses waits before it verifies. */
export function verificationRounds(G: SeatView, scenario: Scenario, clauses: Clause[]): number {
  const speeders = new Set<string>();
  const collect = (list: Clause[]) => {
    for (const c of list) {
      const size = clauseDef(scenario, c.id)?.sizes.find((s) => s.id === c.size);
      if (size?.effects.speedsUp) speeders.add(size.effects.speedsUp);
    }
  };
  collect(clauses);
  for (const d of G.deals) if (d.status === 'verified') collect(d.clauses);
  let rounds = 0;
  for (const c of clauses) {
    const def = clauseDef(scenario, c.id);
    if (!def) continue;
    rounds = Math.max(rounds, Math.max(0, def.verifyRounds - (speeders.has(c.id) ? 1 : 0)));
  }
  return rounds;
}

export function describeClause(scenario: Scenario, clause: Clause): string {
  const def = clauseDef(scenario, clause.id);
  const size = def?.sizes.find((s) => s.id === clause.size);
  return `${def?.name ?? clause.id} (${size?.label ?? clause.size})`;
}
