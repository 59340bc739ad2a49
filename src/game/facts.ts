// Rule facts as the rules themselves define them, for every reader above the rules (the seat
// model, the screens through it, the bots): who must answer what, who is hardened, whether
// interdiction is blocked, the sizes of a clause, the incident odds (with an assumed value for what
// the seat cannot see), a deal's verification time and each track's danger zones. Each is the
// function the moves use, or built from the same tunables, so a rebalance of the scenario file
// moves every reader with it.
import { clauseDef, sizeIndex, verificationRounds } from './clauses';
import { sideOf } from './constants';
import { interdictionBlocked } from './drafting';
import { DEFAULT_POSTURE_B, incidentOdds as oddsInState, survivalOdds } from './incidents';
import type { ClauseSizeDef, Scenario, TrackName } from './scenario/schema';
import { breakoutFrozen, breakoutRevealed, clamp, holdingEffects, isHardened } from './tracks';
import { dueFor } from './response';
import type { BackchannelState, Clause, Deal, PrincipalSeat, ProxyLeash } from './types';

export { interdictionBlocked, isHardened, survivalOdds, breakoutFrozen, breakoutRevealed };
export { claimableDeals, blameAllowed } from './press';
export { clausesGivenBy, clauseSetProblem, relativeGiver, resolveGiver } from './clauses';
export { memosThisRound } from './drafting';
export { memosAtBroker } from './mediation';

/** Proposals this principal must answer in this round's response step (the rules' own list). */
export const dueProposals = (G: BackchannelState, seat: PrincipalSeat) => dueFor(G, seat);

/** The most clauses a hardened principal may give in a proposal it accepts. */
export const HARDENED_MAX_GIVEN = 1;

/** Whether this principal may accept a proposal in which it gives `given` clauses now. */
export function mayGive(
  G: BackchannelState,
  scenario: Scenario,
  seat: PrincipalSeat,
  given: number,
): boolean {
  return !isHardened(G, scenario, seat) || given <= HARDENED_MAX_GIVEN;
}

/** Whether a principal with this pressure would be hardened (for a bot's look-ahead). */
export const hardenedAt = (scenario: Scenario, pressure: number): boolean =>
  pressure >= scenario.tunables.pressure.hardenedAt;

/** The sizes of a clause, smallest first (as the catalog lists them). */
export function clauseSizes(scenario: Scenario, id: string): readonly ClauseSizeDef[] {
  return clauseDef(scenario, id)?.sizes ?? [];
}

/** The size one step up (+1) or down (−1) from this clause's, as a reframe would make it; or null. */
export function sizeStep(scenario: Scenario, clause: Clause, delta: 1 | -1): ClauseSizeDef | null {
  const i = sizeIndex(scenario, clause);
  if (i < 0) return null;
  return clauseSizes(scenario, clause.id)[i + delta] ?? null;
}

/** The catalog's entry for this clause at its size, or undefined. */
export function sizeOf(scenario: Scenario, clause: Pick<Clause, 'id' | 'size'>) {
  return clauseDef(scenario, clause.id)?.sizes.find((s) => s.id === clause.size);
}

/**
 * The probability of the round's first incident, as `drawIncidents` computes it. B's leash is
 * hidden from A and the broker: they pass the leash they assume (the rules' default otherwise).
 */
export function incidentOdds(
  G: BackchannelState,
  scenario: Scenario,
  assumedLeash?: ProxyLeash,
): number {
  if (assumedLeash === undefined) return oddsInState(G, scenario);
  const t = scenario.tunables.incidents;
  const relief = holdingEffects(G, scenario).reduce((sum, e) => sum + (e.incidentOdds ?? 0), 0);
  return clamp(
    t.base + t.perEscalation * G.tracks.escalation + t.leash[assumedLeash] + relief,
    0,
    t.max,
  );
}

/** The leash the rules apply when B has set none. */
export const DEFAULT_LEASH: ProxyLeash = DEFAULT_POSTURE_B.proxyLeash;

/** Resolutions a new deal with these clauses would wait before it verifies (the rules' count). */
export function verificationTime(
  G: BackchannelState,
  scenario: Scenario,
  clauses: Clause[],
): number {
  return verificationRounds(G, scenario, clauses);
}

/** The rounds a signed deal takes to verify in all; never fewer than it still has left. */
export function dealVerifyTotal(G: BackchannelState, scenario: Scenario, deal: Deal): number {
  return Math.max(verificationRounds(G, scenario, deal.clauses), deal.verifyLeft);
}

/** The catalog's own verification rounds of a clause, before any speed-up. */
export function baseVerifyRounds(scenario: Scenario, id: string): number {
  return clauseDef(scenario, id)?.verifyRounds ?? 0;
}

/** The clause another clause speeds up (e.g. inspections make an enrichment cap verify sooner). */
export function speedUps(scenario: Scenario): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of scenario.catalog)
    for (const size of def.sizes) if (size.effects.speedsUp) out.set(def.id, size.effects.speedsUp);
  return out;
}

export type DangerKind = 'war' | 'crisis' | 'walkout' | 'hardened' | 'drift';

/** A stretch of a track where a rule bites, from `from` to `to` inclusive. */
export interface DangerZone {
  kind: DangerKind;
  from: number;
  to: number;
  /** For pressure drifts: whose pressure rises while the track is in the zone. */
  raises?: PrincipalSeat;
}

/**
 * Where each rule bites on each track (thresholds.ts, resolution.ts): war at the escalation
 * limit, a crisis at the breakout limit, hardened and walkout pressures, and the ranges that make
 * a principal's pressure drift up at resolution.
 */
export function dangerZones(scenario: Scenario): Record<TrackName, DangerZone[]> {
  const t = scenario.tracks;
  const p = scenario.tunables.pressure;
  const zone = (z: DangerZone): DangerZone[] => (z.from <= z.to ? [z] : []);
  const pressure = [
    ...zone({
      kind: 'hardened',
      from: p.hardenedAt,
      to: Math.min(p.walkoutAt - 1, t.pressure.max),
    }),
    ...zone({ kind: 'walkout', from: p.walkoutAt, to: t.pressure.max }),
  ];
  return {
    escalation: [
      ...zone({
        kind: 'drift',
        from: p.escalationAbove + 1,
        to: t.escalation.max - 1,
      }),
      ...zone({ kind: 'war', from: t.escalation.max, to: t.escalation.max }),
    ],
    breakout: zone({ kind: 'crisis', from: t.breakout.max, to: t.breakout.max }),
    oilLeak: zone({ kind: 'drift', from: t.oilLeak.min, to: p.oilLeakBelow - 1, raises: '1' }),
    oilPrice: zone({ kind: 'drift', from: p.oilPriceAbove + 1, to: t.oilPrice.max, raises: '0' }),
    pressureA: pressure,
    pressureB: pressure,
    capital: [],
  };
}

/** Whether B's pressure still rises from a low oil leak (a verified relief deal eases it). */
export function oilDependence(G: BackchannelState, scenario: Scenario): boolean {
  return !holdingEffects(G, scenario).some((e) => e.easesOilDependence);
}

/** The side a principal seat plays, for readers that hold a seat. */
export { sideOf };
