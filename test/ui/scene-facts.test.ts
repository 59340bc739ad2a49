// What the Phaser table states without drawing: a deal's verification is counted as the rules
// count it (an inspections clause speeds up the enrichment cap it is signed with), and the dial's
// round lasts the scenario's hours (not a fixed 72).
import { describe, expect, it } from 'vitest';
import { applyMove, newRules } from '../../src/bots/engine';
import { getScenario } from '../../src/game/scenario';
import type { Clause } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { verifyTotal } from '../../src/scenes/widgets/deal-facts';
import { roundTime } from '../../src/scenes/widgets/dial-facts';
import { SCENARIOS, allDone, matchAt, rebalanced } from './states';

describe('a deal’s verification on the table', () => {
  it('an inspections clause signed with the enrichment cap makes it verify a round sooner', () => {
    const r = newRules({ scenario: 'doha-2026', seed: 'ui-inspections' });
    const s = getScenario('doha-2026');
    const cap = s.catalog.find((c) => c.id === 'enrichment_cap')!;
    const inspections = s.catalog.find((c) => c.id === 'inspections')!;
    expect(inspections.sizes[0]!.effects.speedsUp).toBe('enrichment_cap');
    const clauses: Clause[] = [
      { id: cap.id, size: cap.sizes[1]!.id, giver: cap.giver },
      { id: inspections.id, size: inspections.sizes[0]!.id, giver: inspections.giver },
    ];
    allDone(r); // to mediation
    expect(applyMove(r, '2', 'tableProposal', [{ clauses }])).toBeNull();
    allDone(r); // to response
    const p = r.G.proposals.find((x) => x.kind === 'table')!;
    for (const seat of ['0', '1'] as const)
      expect(applyMove(r, seat, 'respond', [p.id, 'accept'])).toBeNull();
    allDone(r); // the response step ends: signed
    const deal = r.G.deals[0]!;
    expect(deal).toBeDefined();
    const view = viewFor(r.G, '0');
    const total = verifyTotal(view, view.deals[0]!, s);
    // The catalog alone says 2 rounds for the cap; the rules say one fewer with inspections.
    expect(cap.verifyRounds).toBe(2);
    expect(total).toBe(cap.verifyRounds - 1);
    expect(total - view.deals[0]!.verifyLeft).toBeGreaterThanOrEqual(0);
  });
});

describe('the round’s dial', () => {
  it.each([...SCENARIOS, ...SCENARIOS.map(rebalanced)])('%s: hours from the scenario', (id) => {
    const hours = getScenario(id).tunables.mediation.hoursPerRound;
    const r = matchAt(id, 'mediation');
    const t = roundTime(viewFor(r.G, '2'), getScenario(id), null);
    expect(t.hours).toBe(hours);
    // Untimed, equal steps: mediation opens a quarter into the round.
    expect(t.hour).toBe(Math.floor(hours / 4));
    expect(roundTime(viewFor(r.G, '2'), getScenario(id), null).roundFraction).toBeCloseTo(0.25);
  });
});
