// docs/RULES.md states the tunables the scenario files hold: its table has one row per key under
// `tunables` with each shipped scenario's value, and the prose quotes doha-2026's numbers where it
// states a rule. A rebalance of a scenario file that leaves the document behind fails here.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../src/game/scenario';
import type { Scenario } from '../../src/game/scenario/schema';
import { signed } from '../../src/game/words';

const ROOT = join(import.meta.dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'RULES.md'), 'utf8');
const SCENARIOS = ['doha-2026', 'meridian-strait'] as const;

/** Every leaf under `tunables`, as `tunables.a.b` → value. */
function leaves(value: unknown, path: string): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    leaves(v, `${path}.${k}`),
  );
}

/** The table's rows: key → the value in each scenario's column. */
function table(doc: string): Map<string, Record<string, number>> {
  const lines = doc.split('\n');
  const header = lines.findIndex((l) => /^\| key\s+\|/.test(l) && l.includes('doha-2026'));
  if (header < 0) throw new Error('no tunables table in RULES.md');
  const columns = lines[header]!.split('|').map((c) => c.trim());
  const rows = new Map<string, Record<string, number>>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((c) => c.trim());
    const key = /^`(tunables\.[\w.]+)`$/.exec(cells[1]!)?.[1];
    if (!key) continue;
    const values: Record<string, number> = {};
    for (const id of SCENARIOS)
      values[id] = Number(cells[columns.indexOf(id)]!.replace('−', '-').replace('+', ''));
    rows.set(key, values);
  }
  return rows;
}

/** Sentences of the prose that state a rule with doha-2026's numbers. */
function proseFacts(s: Scenario): string[] {
  const t = s.tunables;
  const p = t.postures;
  const tr = s.tracks;
  return [
    `(relax ${signed(p.enforcementLeak.relax)}, hold ${p.enforcementLeak.hold}, tighten ${signed(p.enforcementLeak.tighten)}, interdict ${signed(p.enforcementLeak.interdict)})`,
    `(unleash ${signed(p.leashLeak.unleash)}, otherwise 0)`,
    `(pause ${p.enrichment.pause}, steady ${signed(p.enrichment.steady)}, advance ${signed(p.enrichment.advance)})`,
    `\`interdict\` also gives oilPrice ${signed(p.interdiction.oilPrice)} and escalation ${signed(p.interdiction.escalation)}`,
    `Pressures drift by ${signed(t.pressure.drift)} for each condition: both if escalation > ${t.pressure.escalationAbove}; A if oilPrice > ${t.pressure.oilPriceAbove}; B if oilLeak < ${t.pressure.oilLeakBelow}`,
    `below ${t.pressure.oilLeakBelow}: B's pressure drifts up`,
    `above ${t.pressure.oilPriceAbove}: A's pressure drifts up`,
    `at ${t.pressure.hardenedAt}+: _hardened_; at ${t.pressure.walkoutAt}: _walkout_, pressure set to ${t.pressure.walkoutResetTo}`,
    `at ${tr.breakout.max}: breakout crisis: escalation ${signed(t.breakout.crisisEscalation)}, A's pressure ${signed(t.breakout.crisisPressureA)}, breakout set back to ${t.breakout.resetTo}`,
    `one size step up or down, ${t.mediation.reframeCost} capital each`,
    `its author's pressure ${signed(t.mediation.leakPressure)}, capital ${signed(-t.mediation.leakCapital)}`,
    `exposed with probability ${t.mediation.exposureChance}: capital ${signed(-t.mediation.exposureCapital)} each`,
    `its author's pressure ${signed(t.mediation.expiryPressure)}, capital ${signed(-t.mediation.expiryCapital)}`,
    `${t.mediation.tableCost} capital, to both principals`,
    `p = ${t.incidents.base} + ${t.incidents.perEscalation} × E + leash (restrain ${signed(t.incidents.leash.restrain)}, loose ${t.incidents.leash.loose}, unleash ${signed(t.incidents.leash.unleash).replace(/^\+0\.2$/, '+0.20')})`,
    `clamped to [0, ${t.incidents.max}]`,
    `a second with probability p × ${t.incidents.secondFactor}`,
    `directed_ with probability ${t.incidents.directedShare} if the leash is \`unleash\``,
    `${t.strain.integrity} − ${t.strain.perEscalation} × E − (${t.strain.directedPenalty} if directed)`,
    `plus a whole number from ${signed(-t.breakout.estimateError)} to ${signed(t.breakout.estimateError)}`,
    `The broker's first ${t.press.brokerFreeClaims} claims of the\n  match are free; each later one costs ${t.press.brokerClaimCapital} capital`,
  ];
}

/** The prose with its line breaks and indentation as single spaces, to compare sentences. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('docs/RULES.md states the scenario files’ tunables', () => {
  const rows = table(DOC);

  it.each(SCENARIOS)('%s: every tunable has a row with its value, and no row is stale', (id) => {
    const expected = leaves(getScenario(id).tunables, 'tunables');
    expect(expected.length).toBeGreaterThan(50);
    const stated = [...rows.entries()].map(([key, v]) => [key, v[id]]);
    expect(stated).toEqual(expect.arrayContaining(expected));
    expect(stated.map(([key]) => key).sort()).toEqual(expected.map(([key]) => key).sort());
  });

  it('the prose quotes doha-2026’s numbers where it states a rule', () => {
    const doc = flat(DOC);
    const missing = proseFacts(getScenario('doha-2026')).filter((f) => !doc.includes(flat(f)));
    expect(missing).toEqual([]);
  });

  it('the comparison fails on a stale document', () => {
    const stale = DOC.replace(
      '(relax +1, hold 0, tighten −2, interdict −3)',
      '(relax +1, hold 0, tighten −1, interdict −2)',
    );
    expect(stale).not.toBe(DOC);
    const doc = flat(stale);
    expect(proseFacts(getScenario('doha-2026')).some((f) => !doc.includes(flat(f)))).toBe(true);
    const row = /\| `tunables\.postures\.enforcementLeak\.tighten` \| −2 /;
    expect(row.test(DOC.replace(/ {2,}/g, ' '))).toBe(true);
    const tableStale = table(
      DOC.replace(/(`tunables\.postures\.enforcementLeak\.tighten`\s*\|\s*)−2/, '$1−1'),
    );
    expect(tableStale.get('tunables.postures.enforcementLeak.tighten')!['doha-2026']).toBe(-1);
  });
});
