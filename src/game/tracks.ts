// Track arithmetic: every change is clamped to the scenario's range, and breakout cannot rise
// while a verified enrichment cap holds.
import type { Rules } from './context';
import type { Scenario, TrackDeltas } from './scenario/schema';
import type { BackchannelState, ClauseEffects, Deal, PrincipalSeat, SeatView } from './types';

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Effects of every clause of the verified deals (which hold for the rest of the match). */
export function holdingEffects(G: SeatView, scenario: Scenario): ClauseEffects[] {
  const out: ClauseEffects[] = [];
  for (const deal of G.deals) {
    if (deal.status !== 'verified') continue;
    for (const c of deal.clauses) {
      const size = scenario.catalog.find((d) => d.id === c.id)?.sizes.find((s) => s.id === c.size);
      if (size) out.push(size.effects);
    }
  }
  return out;
}

export function breakoutFrozen(G: SeatView, scenario: Scenario): boolean {
  return holdingEffects(G, scenario).some((e) => e.freezeBreakout);
}

export function breakoutRevealed(G: SeatView, scenario: Scenario): boolean {
  return holdingEffects(G, scenario).some((e) => e.revealBreakout);
}

/** The true breakout value: only the full state holds it for sure (a view's is optional). */
export function trueBreakout(G: BackchannelState): number {
  return G.breakout.true;
}

export function applyDeltas(r: Rules, deltas: TrackDeltas): void {
  const { G, scenario } = r;
  const t = scenario.tracks;
  if (deltas.escalation)
    G.tracks.escalation = clamp(
      G.tracks.escalation + deltas.escalation,
      t.escalation.min,
      t.escalation.max,
    );
  if (deltas.oilLeak)
    G.tracks.oilLeak = clamp(G.tracks.oilLeak + deltas.oilLeak, t.oilLeak.min, t.oilLeak.max);
  if (deltas.oilPrice)
    G.tracks.oilPrice = clamp(G.tracks.oilPrice + deltas.oilPrice, t.oilPrice.min, t.oilPrice.max);
  if (deltas.pressureA) addPressure(r, '0', deltas.pressureA);
  if (deltas.pressureB) addPressure(r, '1', deltas.pressureB);
  if (deltas.capital) addCapital(r, deltas.capital);
  if (deltas.breakout) addBreakout(r, deltas.breakout);
}

export function addPressure(r: Rules, seat: PrincipalSeat, delta: number): void {
  const { min, max } = r.scenario.tracks.pressure;
  const key = seat === '0' ? 'pressureA' : 'pressureB';
  r.G.tracks[key] = clamp(r.G.tracks[key] + delta, min, max);
}

export function addCapital(r: Rules, delta: number): void {
  const { min, max } = r.scenario.tracks.capital;
  r.G.tracks.capital = clamp(r.G.tracks.capital + delta, min, max);
}

export function addCredit(r: Rules, seat: '0' | '1' | '2', delta: number): void {
  const { min, max } = r.scenario.tracks.credit;
  r.G.credit[seat] = clamp(r.G.credit[seat] + delta, min, max);
}

export function addBreakout(r: Rules, delta: number): void {
  if (delta > 0 && breakoutFrozen(r.G, r.scenario)) return;
  const { min, max } = r.scenario.tracks.breakout;
  r.G.breakout.true = clamp(trueBreakout(r.G) + delta, min, max);
}

export function pressureOf(G: SeatView, seat: PrincipalSeat): number {
  return seat === '0' ? G.tracks.pressureA : G.tracks.pressureB;
}

export function isHardened(G: SeatView, scenario: Scenario, seat: PrincipalSeat): boolean {
  return pressureOf(G, seat) >= scenario.tunables.pressure.hardenedAt;
}

export function dealsHolding(G: SeatView): Deal[] {
  return G.deals.filter((d) => d.status !== 'collapsed');
}
