// Rule facts as the rules themselves define them, for every reader above the rules (the seat
// model, the screens through it, the bots): who must answer what, who is hardened, whether
// interdiction is blocked, the sizes of a clause, the incident odds (with an assumed value for what
// the seat cannot see), a deal's verification time and each track's danger zones. Each is the
// function the moves use, or built from the same tunables, so a rebalance of the scenario file
// moves every reader with it.
import { clauseDef, sizeIndex, verificationRounds } from './clauses';
import { BROKER, sideOf } from './constants';
import { interdictionBlocked } from './drafting';
import { DEFAULT_POSTURE_B, incidentOdds as oddsInState, survivalOdds } from './incidents';
import type { ClauseSizeDef, Scenario, TrackName } from './scenario/schema';
import { breakoutFrozen, breakoutRevealed, holdingEffects, isHardened } from './tracks';
import { dueFor } from './response';
import { objectiveMet } from './scoring';
import type {
  BackchannelState,
  SeatView,
  Clause,
  Deal,
  Enrichment,
  Memo,
  PrincipalSeat,
  ProxyLeash,
} from './types';

export { interdictionBlocked, isHardened, survivalOdds, breakoutFrozen, breakoutRevealed };
export { claimableDeals, blameAllowed } from './press';
export {
  alreadyAgreed,
  clausesGivenBy,
  clauseSetProblem,
  relativeGiver,
  resolveGiver,
  standingDealWith,
} from './clauses';
export { memosThisRound } from './drafting';
export { memosAtBroker, capitalFree, capitalOwed, leakKind } from './mediation';

/** Proposals this principal must answer in this round's response step (the rules' own list). */
export const dueProposals = (G: SeatView, seat: PrincipalSeat) => dueFor(G, seat);

/** The most clauses a hardened principal may give in a proposal it accepts. */
export const HARDENED_MAX_GIVEN = 1;

/** Whether this principal may accept a proposal in which it gives `given` clauses now. */
export function mayGive(
  G: SeatView,
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
 * hidden from A and the broker: they pass the leash they assume (else the state's, or the rules'
 * default when the view holds none).
 */
export function incidentOdds(G: SeatView, scenario: Scenario, assumedLeash?: ProxyLeash): number {
  return oddsInState(G, scenario, assumedLeash);
}

/** Incidents expected in a round at these odds: the first, and the second at its reduced odds. */
export function expectedIncidents(scenario: Scenario, odds: number): number {
  return odds * (1 + odds * scenario.tunables.incidents.secondFactor);
}

/** Chance an unverified deal survives one incident at this escalation (directed: B's doing). */
export { standing, survivalAt } from './incidents';

/**
 * The true breakout values consistent with this round's public estimate: the estimate is the true
 * value plus an error of at most `estimateError` either way (before clamping to the track).
 */
export function breakoutWithin(G: SeatView, scenario: Scenario): { low: number; high: number } {
  const e = scenario.tunables.breakout.estimateError;
  return { low: G.breakout.estimate - e, high: G.breakout.estimate + e };
}

/** Breakout's change a round under this enrichment posture (the rules' default: steady). */
export function enrichmentRate(scenario: Scenario, e: Enrichment | undefined): number {
  return scenario.tunables.postures.enrichment[e ?? DEFAULT_POSTURE_B.enrichment];
}

/** What the broker's moves cost in capital, from the tunables (mediation.ts). */
export function mediationCosts(scenario: Scenario) {
  const m = scenario.tunables.mediation;
  return { reframe: m.reframeCost, bundle: m.bundleCost, table: m.tableCost, leak: m.leakCapital };
}

/** Capital the broker's next claim would cost (press.ts: claims beyond the free ones cost). */
export function brokerClaimCost(G: SeatView, scenario: Scenario): number {
  const p = scenario.tunables.press;
  const claims = G.statements.filter((s) => s.seat === BROKER && s.kind === 'claim').length;
  return claims + 1 > p.brokerFreeClaims ? p.brokerClaimCapital : 0;
}

/** Whether the broker may still hold this memo (not yet at its turnaround limit). */
export const mayHold = (G: SeatView, memo: Memo): boolean => G.round < memo.lastRound;

/** The first value of a track's danger zone of this kind, or null when the track has none. */
export function zoneStart(scenario: Scenario, track: TrackName, kind: DangerKind): number | null {
  return dangerZones(scenario)[track].find((z) => z.kind === kind)?.from ?? null;
}

/** The leash the rules apply when B has set none. */
export const DEFAULT_LEASH: ProxyLeash = DEFAULT_POSTURE_B.proxyLeash;

/** Resolutions a new deal with these clauses would wait before it verifies (the rules' count). */
export function verificationTime(G: SeatView, scenario: Scenario, clauses: Clause[]): number {
  return verificationRounds(G, scenario, clauses);
}

/** The rounds a signed deal takes to verify in all; never fewer than it still has left. */
export function dealVerifyTotal(G: SeatView, scenario: Scenario, deal: Deal): number {
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
export function oilDependence(G: SeatView, scenario: Scenario): boolean {
  return !holdingEffects(G, scenario).some((e) => e.easesOilDependence);
}

/** The side a principal seat plays, for readers that hold a seat. */
export { sideOf };

/**
 * The cards met at the end of a finished match, by card id: each principal's agenda and the
 * broker's mandate, by the rules' own test (scoring.ts). For the simulation's figures.
 */
export function cardsMet(G: BackchannelState, scenario: Scenario): Record<string, boolean> {
  const war = G.final?.reason === 'war';
  const out: Record<string, boolean> = {};
  for (const seat of ['0', '1'] as const)
    for (const card of G.agendas[seat] ?? [])
      out[card.id] = objectiveMet(G, scenario, card.test, war);
  out[G.mandate.id] = objectiveMet(G, scenario, G.mandate.test, war);
  return out;
}

/** Points a principal loses at the end for a response step in which it accepted nothing it could. */
export function stonewallCost(scenario: Scenario): number {
  return scenario.tunables.scoring.stonewall;
}

/** Whether a principal has accepted anything in this round's response step (see stonewallCost). */
export function acceptedThisRound(G: SeatView, seat: PrincipalSeat): boolean {
  // Only what is put to it now: a relay it accepted last round, due back to its author for
  // ratification this round, carries its old answer but is not put to it in this step.
  return G.proposals.some(
    (p) => p.dueRound === G.round && p.due.includes(seat) && p.answers[seat] === 'accept',
  );
}

/**
 * Reframes of this author's memos that have come out to it: clauses it wrote at one size and saw
 * delivered at another when its relayed memo came back for ratification (the rules show the author
 * the delivered wording once the recipient's acceptance ends the response step), and memos whose
 * reframe a leak exposed. The same count from the author's view and from the broker's.
 */
export function reframesRevealed(G: SeatView, author: PrincipalSeat): number {
  let n = 0;
  const counted = new Set<string>();
  for (const p of G.proposals) {
    if (p.kind !== 'relay' || p.author !== author || p.stage === 'open') continue;
    if (p.answers[p.recipients[0]!] !== 'accept') continue;
    const memo = G.memos.find((m) => m.id === p.memoId);
    if (!memo) continue;
    let changed = 0;
    p.shown.forEach((cl, i) => {
      const written = memo.clauses[i];
      if (cl && written && written.id === cl.id && written.size !== cl.size) changed++;
    });
    if (changed > 0) counted.add(memo.id);
    n += changed;
  }
  for (const m of G.memos) if (m.author === author && m.exposed && !counted.has(m.id)) n++;
  return n;
}
