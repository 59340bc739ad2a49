// The rules reference (src/game/model/rules-reference.ts) against the scenario files themselves:
// every clause with its giver, sizes and verification time, every posture with its numbers, the
// broker's tools with their costs, every incident, agenda and mandate card. The files are read
// here as JSON, not through the model, and a rebalanced copy must change the page: nothing in it
// is restated by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  brokerTools,
  clauseEntries,
  clauseHelp,
  rulesHref,
  rulesReference,
  rulesReferenceFor,
  rulesScenarios,
  toolHelp,
  type RulesReference,
} from '../../src/game/model/rules-reference';
import { DEFAULT_SCENARIO, parseScenario, scenarioIds } from '../../src/game/scenario';
import type { Scenario } from '../../src/game/scenario/schema';
import { TIMED_STEPS, TIMER_PRESETS } from '../../src/game/options';
import { signed } from '../../src/game/words';

const ROOT = join(import.meta.dirname, '..', '..');
const FILES = { 'doha-2026': 'doha-2026.json', 'meridian-strait': 'meridian-strait.json' };
const raw = (id: keyof typeof FILES): Scenario =>
  JSON.parse(readFileSync(join(ROOT, 'assets', 'scenarios', FILES[id]), 'utf8')) as Scenario;

/** Every string of the reference, section by section. */
function texts(ref: RulesReference, sectionId?: string): string {
  return ref.sections
    .filter((s) => !sectionId || s.id === sectionId)
    .map((s) => JSON.stringify(s))
    .join('\n');
}

function section(ref: RulesReference, id: string) {
  const found = ref.sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
}

function cards(ref: RulesReference, id: string) {
  return section(ref, id).blocks.flatMap((b) => (b.kind === 'cards' ? b.cards : []));
}

const verifyPhrase = (n: number) =>
  n === 0 ? 'resolution of the round it is signed' : `${n} round${n === 1 ? '' : 's'} after`;

describe.each(Object.keys(FILES) as (keyof typeof FILES)[])('rules reference of %s', (id) => {
  const file = raw(id);
  const ref = rulesReferenceFor(id);
  const seat = { A: file.seats.A.name, B: file.seats.B.name, both: 'both sides' };

  it('is the reference of that scenario', () => {
    expect(ref.scenarioId).toBe(id);
    expect(ref.name).toBe(file.name);
    expect(ref.sections.map((s) => s.id)).toEqual([
      'overview',
      'seats',
      'round',
      'tracks',
      'postures',
      'clauses',
      'broker',
      'incidents',
      'press',
      'scoring',
    ]);
  });

  it('lists every catalog clause with its giver, every size and its verification time', () => {
    const clauseCards = cards(ref, 'clauses');
    expect(clauseCards.map((c) => c.title)).toEqual(file.catalog.map((c) => c.name));
    for (const def of file.catalog) {
      const card = clauseCards.find((c) => c.id === `clause-${def.id}`)!;
      expect(card.text).toBe(def.summary);
      expect(card.lines).toContainEqual({ term: 'Given by', text: seat[def.giver] });
      const verify = card.lines.find((l) => l.term === 'Verification')!.text;
      expect(verify).toContain(verifyPhrase(def.verifyRounds));
      expect(card.list.map((s) => s.term)).toEqual(def.sizes.map((s) => s.label));
      def.sizes.forEach((size, i) => {
        const text = card.list[i]!.text;
        expect(text).toContain(`${signed(size.value.A)} to ${seat.A}`);
        expect(text).toContain(`${signed(size.value.B)} to ${seat.B}`);
        for (const d of Object.values(size.effects.tracks ?? {}))
          if (d) expect(text).toContain(signed(d));
        if (size.effects.incidentOdds)
          expect(text).toContain(`${signed(Math.round(size.effects.incidentOdds * 100))}%`);
      });
    }
  });

  it('states each scenario rule on the clause it binds', () => {
    for (const rule of file.rules) {
      const card = cards(ref, 'clauses').find((c) => c.id === `clause-${rule.clause}`)!;
      expect(card.lines).toContainEqual({ term: 'Rule', text: rule.text });
    }
  });

  it('gives every posture its real numbers', () => {
    const p = file.tunables.postures;
    const [enforcement, leash, enrichment] = cards(ref, 'postures');
    expect(enforcement!.list).toHaveLength(Object.keys(p.enforcementLeak).length);
    Object.values(p.enforcementLeak).forEach((n, i) => {
      if (n !== 0) expect(enforcement!.list[i]!.text).toContain(signed(n));
    });
    expect(enforcement!.list[3]!.text).toContain(signed(p.interdiction.escalation));
    Object.values(file.tunables.incidents.leash).forEach((n, i) => {
      if (n !== 0) expect(leash!.list[i]!.text).toContain(`${signed(Math.round(n * 100))}%`);
    });
    expect(leash!.list[2]!.text).toContain(
      `${Math.round(file.tunables.incidents.directedShare * 100)}% of incidents directed by ${seat.B}`,
    );
    Object.values(p.enrichment).forEach((n, i) =>
      expect(enrichment!.list[i]!.text).toContain(`${signed(n)} a round`),
    );
  });

  it('names the broker’s tools with their costs from the tunables', () => {
    const m = file.tunables.mediation;
    const tools = toolHelp(parseScenario(file, id));
    expect(Object.keys(tools)).toEqual([
      'relay',
      'redact',
      'reframe',
      'hold',
      'leak',
      'bundle',
      'table',
    ]);
    expect(tools.reframe.capital).toBe(m.reframeCost);
    expect(tools.bundle.capital).toBe(m.bundleCost);
    expect(tools.table.capital).toBe(m.tableCost);
    expect(tools.leak.capital).toBe(m.leakCapital);
    expect(tools.leak.text).toContain(`pressure ${signed(m.leakPressure)}`);
    expect(tools.relay.capital).toBe(0);
    expect(cards(ref, 'broker').map((c) => c.title)).toEqual(brokerTools(file).map((t) => t.name));
  });

  it('lists the round’s steps with who acts, every incident, agenda and mandate', () => {
    const steps = section(ref, 'round').blocks.find((b) => b.kind === 'table');
    expect(steps?.kind === 'table' && steps.rows.map((r) => r[0])).toEqual([
      'Incidents',
      'Drafting',
      'Mediation',
      'Response',
      'Resolution',
      'Press',
    ]);
    expect(steps?.kind === 'table' && steps.rows[2]![1]).toBe(file.seats.broker.name);
    const all = texts(ref);
    for (const card of file.incidents) expect(all).toContain(JSON.stringify(card.headline));
    for (const card of [...file.agendas.A, ...file.agendas.B, ...file.mandates]) {
      expect(all).toContain(JSON.stringify(card.title));
      expect(all).toContain(JSON.stringify(card.text));
    }
    expect(texts(ref, 'scoring')).toContain(`÷ ${file.tunables.scoring.brokerMax}`);
    // The timer presets, from the options module.
    const timers = section(ref, 'round').blocks.filter((b) => b.kind === 'table')[1];
    expect(timers?.kind === 'table' && timers.rows.map((r) => r[0])).toEqual(
      Object.keys(TIMER_PRESETS),
    );
    expect(timers?.kind === 'table' && timers.rows.find((r) => r[0] === 'seminar')).toEqual([
      'seminar',
      ...TIMED_STEPS.map((step) => {
        const n = TIMER_PRESETS.seminar[step];
        return `${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}`;
      }),
    ]);
  });

  it('gives the composer’s help for each clause: what it does, giver, sizes, verification', () => {
    for (const def of file.catalog) {
      const help = clauseHelp(parseScenario(file, id), def.id);
      expect(help).toContain(def.summary);
      expect(help).toContain(`Given by ${seat[def.giver]}`);
      expect(help).toContain(verifyPhrase(def.verifyRounds));
      for (const s of def.sizes) expect(help).toContain(s.label);
    }
  });
});

describe('the reference follows the file', () => {
  it('a rebalanced scenario changes the page (nothing is restated by hand)', () => {
    const file = raw('doha-2026');
    const before = rulesReference(parseScenario(file, 'doha'));
    const changed = structuredClone(file);
    changed.catalog[0]!.verifyRounds = 5;
    changed.tunables.mediation.reframeCost = 3;
    changed.tunables.postures.enforcementLeak.tighten = -4;
    const after = rulesReference(parseScenario(changed, 'doha'));
    expect(texts(before)).not.toEqual(texts(after));
    expect(clauseEntries(parseScenario(changed, 'doha'))[0]!.verifyText).toContain('5 rounds');
    expect(toolHelp(parseScenario(changed, 'doha')).reframe.cost).toBe('3 capital');
    expect(cards(after, 'postures')[0]!.list[2]!.text).toContain('−4');
  });

  it('lists every scenario to pick, and falls back to the default for an unknown id', () => {
    expect(rulesScenarios().map((s) => s.id)).toEqual(scenarioIds());
    expect(rulesReferenceFor('no-such-scenario').scenarioId).toBe(DEFAULT_SCENARIO);
    expect(rulesReferenceFor(null).scenarioId).toBe(DEFAULT_SCENARIO);
    expect(rulesHref('meridian-strait')).toBe('#/rules/meridian-strait');
    expect(rulesHref()).toBe('#/rules');
  });
});
