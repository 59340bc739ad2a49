// What the deals panel says of a deal, apart from drawing it (pure, so it is tested without a
// canvas): its clauses in few words and the rounds it takes to verify.
import { verificationRounds } from '../../game/clauses';
import type { Scenario } from '../../game/scenario/schema';
import type { SeatView, Deal } from '../../game/types';
import { sizeLabel } from '../../ui/format';

/**
 * The rounds a deal takes to verify, as the rules count them (an inspections clause verified or
 * signed with it speeds its partner up); never fewer than it still has left.
 */
export function verifyTotal(view: SeatView, deal: Deal, scenario: Scenario): number {
  return Math.max(verificationRounds(view, scenario, deal.clauses), deal.verifyLeft);
}

/** A clause in few words: its name, and its size where it has more than one. */
export function clauseLabel(id: string, size: string, scenario: Scenario): string {
  const def = scenario.catalog.find((d) => d.id === id);
  if (!def) return id;
  if (def.sizes.length < 2 || !def.sizes.some((s) => s.id === size)) return def.name;
  const label = sizeLabel(scenario, { id, size });
  return `${def.name}, ${/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label}`;
}
