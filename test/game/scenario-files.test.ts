// Scenario files (GAME.md, "Scenarios"): the shipped ones validate; a bad one is refused with a
// message that names the file, the field and what was expected. Also the validate-scenario CLI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ScenarioError,
  getScenario,
  parseScenario,
  parseScenarioText,
  scenarioIds,
} from '../../src/game/scenario';

const ROOT = join(import.meta.dirname, '..', '..');
const SHIPPED = ['doha-2026', 'meridian-strait'] as const;
const fileOf = (id: string) => `assets/scenarios/${id}.json`;
const read = (id: string) => readFileSync(join(ROOT, fileOf(id)), 'utf8');
const FILE = 'instructor/my-scenario.json';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = any;
const doha = (): Raw => JSON.parse(read('doha-2026'));

/** The ScenarioError thrown for the changed copy of doha-2026. */
function refusal(change: (s: Raw) => void): ScenarioError {
  const s = doha();
  change(s);
  try {
    parseScenario(s, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return err as ScenarioError;
  }
  throw new Error('the scenario was accepted');
}

describe('shipped scenarios', () => {
  it.each(SHIPPED)('%s validates from its file', (id) => {
    const scenario = parseScenarioText(read(id), fileOf(id));
    expect(scenario.id).toBe(id);
    expect(scenario.rounds).toBe(8);
    expect(scenario.catalog.map((c) => c.id)).toEqual([
      'humanitarian_pause',
      'prisoner_exchange',
      'ceasefire',
      'proxy_funding_freeze',
      'dark_fleet_halt',
      'enrichment_cap',
      'inspections',
      'sanctions_relief',
      'interdiction_pause',
      'shipping_corridor',
    ]);
    expect(getScenario(id)).toEqual(scenario);
  });

  it('lists both, and doha-2026 is real while meridian-strait is fictional', () => {
    expect(scenarioIds()).toEqual(expect.arrayContaining(['doha-2026', 'meridian-strait']));
    expect(getScenario('doha-2026').fictional).toBe(false);
    expect(getScenario('meridian-strait').fictional).toBe(true);
    expect(getScenario('doha-2026').seats.A.name).toBe('Washington');
    expect(getScenario('meridian-strait').seats.A.name).not.toBe('Washington');
  });

  it('refuses an unknown scenario id, naming the known ones', () => {
    expect(() => getScenario('atlantis')).toThrow(
      'unknown scenario "atlantis"; known: doha-2026, meridian-strait',
    );
  });
});

describe('a bad scenario file is refused with the file, the field and what was expected', () => {
  it('names the file in the error and in its message', () => {
    const err = refusal((s) => delete s.summary);
    expect(err.name).toBe('ScenarioError');
    expect(err.file).toBe(FILE);
    expect(err.problems).toEqual(['summary: missing, expected string']);
    expect(err.message).toBe(`${FILE}: invalid scenario\n  - summary: missing, expected string`);
  });

  it('a missing field deep inside', () => {
    const err = refusal((s) => delete s.catalog[0].sizes[1].magnitude);
    expect(err.problems).toEqual(['catalog[0].sizes[1].magnitude: missing, expected number']);
  });

  it('a wrong type', () => {
    const err = refusal((s) => (s.catalog[0].sizes[1].magnitude = 'big'));
    expect(err.problems).toEqual(['catalog[0].sizes[1].magnitude: expected number, got "big"']);
    expect(err.message).toContain(FILE);
    expect(err.message).toContain('catalog[0].sizes[1].magnitude');
  });

  it('an out-of-range start', () => {
    const err = refusal((s) => (s.tracks.escalation.start = 11));
    expect(err.problems).toEqual([
      'tracks.escalation.start: must lie between min and max (0 to 10), got 11',
    ]);
  });

  it('an out-of-range number of rounds', () => {
    const err = refusal((s) => (s.rounds = 3));
    expect(err.problems).toHaveLength(1);
    expect(err.problems[0]).toMatch(/^rounds: .*>=4, got 3$/);
  });

  it('an unknown clause in a rule', () => {
    expect(refusal((s) => (s.rules[0].clause = 'armistice')).problems).toEqual([
      'rules[0].clause: names clause "armistice", not in the catalog',
    ]);
    expect(refusal((s) => (s.rules[0].needs = 'armistice')).problems).toEqual([
      'rules[0].needs: names clause "armistice", not in the catalog',
    ]);
    expect(refusal((s) => (s.rules[0].sizes = ['total'])).problems).toEqual([
      'rules[0].sizes: clause "ceasefire" has no size "total"',
    ]);
  });

  it('an unknown place', () => {
    expect(refusal((s) => (s.incidents[0].place = 'atlantis')).problems).toEqual([
      'incidents[0].place: names place "atlantis", not in theatre.places',
    ]);
    expect(refusal((s) => (s.seats.broker.capital = 'geneva')).problems).toEqual([
      'seats.broker.capital: names place "geneva", not in theatre.places',
    ]);
  });

  it('a duplicate clause id', () => {
    const err = refusal((s) => s.catalog.push(structuredClone(s.catalog[2])));
    expect(err.problems).toEqual(['catalog: clause id "ceasefire" appears twice']);
  });

  it('a duplicate incident id and a duplicate size id', () => {
    expect(refusal((s) => (s.incidents[1].id = s.incidents[0].id)).problems).toEqual([
      `incidents: incident id "${doha().incidents[0].id}" appears twice`,
    ]);
    expect(refusal((s) => (s.catalog[0].sizes[1].id = 'd3')).problems).toEqual([
      'catalog[0].sizes: size id "d3" appears twice',
    ]);
  });

  it('an unexpected extra field', () => {
    expect(refusal((s) => (s.catalog[0].colour = 'red')).problems).toEqual([
      'catalog[0]: unexpected field "colour"',
    ]);
    expect(refusal((s) => (s.author = 'me')).problems).toEqual([
      '(the whole file): unexpected field "author"',
    ]);
  });

  it('lists every problem, not only the first', () => {
    const err = refusal((s) => {
      delete s.summary;
      s.catalog[0].sizes[1].magnitude = 'big';
      s.catalog[0].colour = 'red';
    });
    expect(err.problems).toEqual(
      expect.arrayContaining([
        'summary: missing, expected string',
        'catalog[0].sizes[1].magnitude: expected number, got "big"',
        'catalog[0]: unexpected field "colour"',
      ]),
    );
    expect(err.problems).toHaveLength(3);
  });

  it('text that is not JSON', () => {
    let err: unknown;
    try {
      parseScenarioText('{"id": "broken",', FILE);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioError);
    const e = err as ScenarioError;
    expect(e.file).toBe(FILE);
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0]).toMatch(/^not valid JSON: /);
    expect(e.message).toMatch(
      /^instructor\/my-scenario\.json: invalid scenario\n {2}- not valid JSON/,
    );
  });

  it('a file that is not an object', () => {
    expect(() => parseScenarioText('[1, 2]', FILE)).toThrow(ScenarioError);
    expect(() => parseScenarioText('null', FILE)).toThrow(/^instructor\/my-scenario\.json: /);
  });
});

describe('npx tsx server/cli/validate-scenario.ts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backchannel-scenario-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const validate = (...files: string[]) =>
    spawnSync('npx', ['--no', 'tsx', 'server/cli/validate-scenario.ts', ...files], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('exits 0 on a good file and says so', { timeout: 60_000 }, () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, read('meridian-strait'));
    const run = validate(good);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${good}: ok (meridian-strait, 10 clauses,`);
    expect(run.stderr).not.toContain('invalid scenario');
  });

  it(
    'exits 1 on a bad file, with the file, the field and what was expected on stderr',
    {
      timeout: 60_000,
    },
    () => {
      const bad = join(dir, 'bad.json');
      const s = doha();
      s.catalog[0].sizes[1].magnitude = 'big';
      writeFileSync(bad, JSON.stringify(s, null, 2));
      const elsewhere = join(dir, 'elsewhere.json');
      const t = doha();
      t.incidents[0].place = 'atlantis';
      writeFileSync(elsewhere, JSON.stringify(t, null, 2));
      const notJson = join(dir, 'not-json.json');
      writeFileSync(notJson, '{ "id": ');
      const run = validate(bad, elsewhere, notJson);
      expect(run.status).toBe(1);
      expect(run.stdout).not.toContain(': ok');
      expect(run.stderr).toContain(
        `${bad}: invalid scenario\n  - catalog[0].sizes[1].magnitude: expected number, got "big"`,
      );
      expect(run.stderr).toContain(
        `${elsewhere}: invalid scenario\n` +
          '  - incidents[0].place: names place "atlantis", not in theatre.places',
      );
      expect(run.stderr).toContain(`${notJson}: invalid scenario\n  - not valid JSON`);
    },
  );
});
