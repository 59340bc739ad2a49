// Mid-match states of the table for the scene's tests and screenshots: a fixed-seed line of play in
// which the broker tables an enrichment cap with inspections (both sides sign, so a deal verifies),
// Tehran's proxies are unleashed until an incident strikes, and then both principals write memos
// that the broker receives and relays. Each state is kept as every seat's view.
import { newRules } from '../../src/bots/engine';
import type { Rules } from '../../src/game/context';
import { enumerate } from '../../src/game/enumerate';
import { getScenario } from '../../src/game/scenario';
import type { Clause, Seat, SeatView } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { allDone, must, type ScenarioId } from './states';

/** Each seat's view, and a spectator's. */
export type Views = Record<Seat | 'spectator', SeatView>;

const views = (r: Rules): Views => ({
  '0': viewFor(r.G, '0'),
  '1': viewFor(r.G, '1'),
  '2': viewFor(r.G, '2'),
  spectator: viewFor(r.G, null),
});

/** The enrichment cap with the inspections clause that speeds its verification up. */
export function capWithInspections(scenario: ScenarioId): Clause[] {
  const s = getScenario(scenario);
  const inspections = s.catalog.find((d) => d.sizes.some((z) => z.effects.speedsUp))!;
  const target = s.catalog.find((d) => d.id === inspections.sizes[0]!.effects.speedsUp)!;
  return [
    { id: target.id, size: target.sizes[1]!.id, giver: target.giver },
    { id: inspections.id, size: inspections.sizes[0]!.id, giver: inspections.giver },
  ];
}

function memoOf(r: Rules, seat: '0' | '1'): unknown {
  const m = enumerate(r.G, seat).find(
    (x) => x.move === 'draftMemo' && (x.args[0] as { clauses: unknown[] }).clauses.length > 0,
  );
  if (!m) throw new Error(`no memo for ${seat}`);
  return m.args[0];
}

export interface MidMatch {
  scenario: ScenarioId;
  /** Round 1's press step: the cap with inspections is signed and verifying. */
  signed: Views;
  /** The drafting step before the incident's round begins (the last press step). */
  beforeIncident: Views;
  /** The drafting step in which an incident struck, a deal still verifying. */
  incident: Views;
  /** Both principals' memos drafted, the step not yet over. */
  drafted: Views;
  /** Mediation: both memos on the broker's desk. */
  mediation: Views;
  /** Response: the broker relayed A's memo to B. */
  response: Views;
}

const verifying = (r: Rules) => r.G.deals.some((d) => d.status === 'verifying');

/**
 * The line of play described at the top of this file (deterministic for a seed). The default seed
 * brings the incident on both scenarios with the dice since ids stopped drawing (issue #11).
 */
export function midMatch(scenario: ScenarioId, seed = 'ui-scene-1'): MidMatch {
  const r = newRules({ scenario, seed });
  must(r, '1', 'setPosture', { proxyLeash: 'unleash', enrichment: 'steady' });
  allDone(r); // to mediation
  must(r, '2', 'tableProposal', { clauses: capWithInspections(scenario) });
  allDone(r); // to response
  const p = r.G.proposals.find((x) => x.kind === 'table')!;
  must(r, '0', 'respond', p.id, 'accept');
  must(r, '1', 'respond', p.id, 'accept');
  while (r.G.step === 'response') allDone(r); // to press: signed, and a round resolved
  const signed = views(r);
  let beforeIncident: Views;
  for (let guard = 0; ; guard++) {
    if (guard > 40 || r.G.step === 'over') throw new Error('no incident in this line of play');
    const had = r.G.incidents.length;
    beforeIncident = views(r);
    allDone(r);
    if (r.G.step === 'drafting' && r.G.incidents.length > had && verifying(r)) break;
  }
  const incident = views(r);
  must(r, '0', 'draftMemo', memoOf(r, '0'));
  if (!r.G.walkouts['1'].includes(r.G.round)) must(r, '1', 'draftMemo', memoOf(r, '1'));
  const drafted = views(r);
  allDone(r); // to mediation
  const mediation = views(r);
  const memo = r.G.memos.find((m) => m.author === '0' && m.status === 'pending')!;
  must(r, '2', 'relay', memo.id, {});
  allDone(r); // to response
  return { scenario, signed, beforeIncident, incident, drafted, mediation, response: views(r) };
}
