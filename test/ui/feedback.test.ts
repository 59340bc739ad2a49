// @vitest-environment happy-dom
// What a seat is told about what happened: the broker learns that its proposal was tabled and
// how each side answered; every seat reads what an incident did to the tracks; Principal B is
// told which incidents it directed.
import { afterEach, describe, expect, it } from 'vitest';
import { applyMove, newRules } from '../../src/bots/engine';
import { enumerate } from '../../src/game/enumerate';
import { getScenario } from '../../src/game/scenario';
import { viewFor } from '../../src/game/view';
import { seatModel } from '../../src/game/seat-model';
import { renderSeat, type Rendered } from './render';
import { SCENARIOS, allDone } from './states';
import { randomStates } from '../bots/states';

let shown: Rendered | null = null;
afterEach(() => shown?.destroy());

describe('the broker is told what became of what it delivered', () => {
  it.each(SCENARIOS)('%s: a tabled proposal, then each side’s answer', (id) => {
    const r = newRules({ scenario: id, seed: 'ui-table' });
    allDone(r); // to mediation
    const table = enumerate(r.G, '2').find((m) => m.move === 'tableProposal')!;
    expect(applyMove(r, '2', 'tableProposal', table.args)).toBeNull();
    shown = renderSeat(viewFor(r.G, '2'), '2');
    const panel = () => shown!.root.querySelector('[aria-labelledby="delivered-h"]')?.textContent;
    expect(panel()).toMatch(/Your proposal to .+ and .+ · awaiting answers/);
    shown.destroy();

    allDone(r); // to response
    const p = r.G.proposals.find((x) => x.kind === 'table')!;
    expect(applyMove(r, '0', 'respond', [p.id, 'accept'])).toBeNull();
    expect(applyMove(r, '1', 'respond', [p.id, 'reject'])).toBeNull();
    shown = renderSeat(viewFor(r.G, '2'), '2');
    const s = getScenario(id);
    expect(panel()).toContain(`${s.seats.A.name} accepted`);
    expect(panel()).toContain(`${s.seats.B.name} rejected`);
  });
});

describe('incidents', () => {
  const states = randomStates(6, 'ui-incidents', 3);

  it('every seat reads what an incident did to the tracks', () => {
    const G = states.find((x) => x.incidents.some((i) => i.round === x.round))!;
    expect(G).toBeDefined();
    const incident = G.incidents.filter((i) => i.round === G.round).at(-1)!;
    for (const seat of ['0', '1', '2'] as const) {
      shown = renderSeat(viewFor(G, seat), seat);
      const text = shown.root.querySelector('section.incidents')?.textContent ?? '';
      expect(text).toContain(incident.headline);
      // The model's words for the incident's effects (seat-model.ts `incidents`).
      const model = seatModel(viewFor(G, seat), seat, () => 0);
      const effects = model.incidents.find((i) => i.id === incident.id)!.effects;
      expect(effects.length).toBeGreaterThan(0);
      const words = effects.map((e) => e.text).join(', ');
      const capital = words.charAt(0).toUpperCase() + words.slice(1);
      expect(words.length).toBeGreaterThan(0);
      expect(text).toContain(capital);
      shown.destroy();
      shown = null;
    }
  });

  it('Principal B is told which incidents it directed, and no one else is', () => {
    const G = states.find((x) =>
      x.incidents.some((i) => i.round >= x.round - 1 && x.attributions[i.id] === 'directed'),
    )!;
    expect(G).toBeDefined();
    shown = renderSeat(viewFor(G, '1'), '1');
    expect(shown.root.querySelector('section.incidents')?.textContent).toContain(
      'Directed by you.',
    );
    for (const seat of ['0', '2'] as const) {
      shown.destroy();
      shown = renderSeat(viewFor(G, seat), seat);
      expect(shown.root.querySelector('section.incidents')?.textContent).not.toContain('Directed');
    }
  });
});
