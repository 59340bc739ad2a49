// Bot memos read as written for their moment (issue #11): built from the chosen clauses in the
// scenario's own words, the persona's voice and what just happened, and varied across matches;
// never the three canned sentences every match used to open with.
import { describe, expect, it } from 'vitest';
import { memoText } from '../../src/bots/memo-text';
import { makeRng } from '../../src/bots/rng';
import { runMatch } from '../../src/bots/runner';
import { getScenario } from '../../src/game/scenario';
import type { Clause } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { freshMatch, SCENARIOS } from '../ui/states';

const OLD_CANNED = [
  'We remain ready to talk, through you, whenever the other side is serious.',
  'A balanced step: we move on this if they move on that.',
  'A gesture of good faith, to be matched in kind.',
  'We need a concrete sign before anything else.',
  'A small step that costs neither side much.',
];

describe('memo text', () => {
  it.each(SCENARIOS)('%s: names the clauses in the scenario’s words, by who gives them', (id) => {
    const r = freshMatch(id, 'mt-words');
    const view = viewFor(r.G, '0');
    const scenario = getScenario(id);
    const relief: Clause = { id: 'sanctions_relief', size: 'bn2', giver: 'A' };
    const cease: Clause = { id: 'ceasefire', size: 'partial', giver: 'B' };
    const text = memoText(view, scenario, '0', [relief, cease], 'none', makeRng('x'));
    const name = (c: Clause) => {
      const def = scenario.catalog.find((d) => d.id === c.id)!;
      return `${def.name.toLowerCase()} (${def.sizes.find((s) => s.id === c.size)!.label})`;
    };
    expect(text).toContain(name(relief));
    expect(text).toContain(name(cease));
    // What A gives comes before what it asks, each in its own sentence.
    expect(text.indexOf(name(relief))).toBeLessThan(text.indexOf(name(cease)));
    expect(text).not.toMatch(/sanctions_relief|bn2|undefined/);
  });

  it('opens on what just happened: an incident this round', () => {
    for (let i = 0; i < 30; i++) {
      const r = freshMatch('doha-2026', `mt-incident-${i}`);
      const incident = r.G.incidents[0];
      if (!incident) continue;
      const text = memoText(viewFor(r.G, '1'), r.scenario, '1', [], 'hawk', makeRng('y'));
      const headline = incident.headline.replace(/\.$/, '');
      // The headline quoted as written (headline-ese does not bend into a sentence), then a
      // sentence of the memo's own.
      expect(text).toContain(`“${headline}.” After news like that`);
      return;
    }
    throw new Error('no seed with a round-1 incident');
  });

  it('varies across matches and never repeats the old canned lines', () => {
    const firsts = new Set<string>();
    const all: string[] = [];
    for (let i = 0; i < 12; i++) {
      const { G } = runMatch({
        seats: [{ level: 'normal' }, { level: 'normal' }, { level: 'normal' }],
        seed: `mt-vary-${i}`,
        rounds: 4,
      });
      const memos = G.memos.filter((m) => m.round === 1);
      if (memos[0]) firsts.add(memos[0].text);
      all.push(...G.memos.map((m) => m.text));
    }
    expect(all.length).toBeGreaterThan(20);
    for (const canned of OLD_CANNED) expect(all).not.toContain(canned);
    // The opening memo differs from match to match.
    expect(firsts.size).toBeGreaterThanOrEqual(6);
    expect(new Set(all).size).toBeGreaterThan(all.length / 3);
  });
});
