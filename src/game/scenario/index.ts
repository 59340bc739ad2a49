// Loads and validates scenarios. The shipped ones are bundled (the same code runs in Node and in
// the browser); a bad file is refused with a message naming the file, the field and what was
// expected, and no match starts on it.
import type { z } from 'zod';
import doha from '../../../assets/scenarios/doha-2026.json';
import meridian from '../../../assets/scenarios/meridian-strait.json';
import { ScenarioSchema, type Scenario } from './schema';

export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: invalid scenario\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ScenarioError';
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let here: unknown = root;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}

/** `catalog[2].sizes[0].magnitude` from zod's path array. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return (
    path
      .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
      .join('')
      .replace(/^\./, '') || '(the whole file)'
  );
}

export function describeIssues(error: z.ZodError, input: unknown): string[] {
  return error.issues.map((issue) => {
    const where = fieldPath(issue.path);
    const value = valueAt(input, issue.path);
    if (issue.code === 'invalid_type') {
      return value === undefined
        ? `${where}: missing, expected ${issue.expected}`
        : `${where}: expected ${issue.expected}, got ${describeValue(value)}`;
    }
    if (issue.code === 'unrecognized_keys')
      return `${where}: unexpected field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    const got = issue.code === 'custom' ? '' : `, got ${describeValue(value)}`;
    return `${where}: ${issue.message}${got}`;
  });
}

/** Validates a parsed scenario; `file` names it in the error. */
export function parseScenario(input: unknown, file: string): Scenario {
  const result = ScenarioSchema.safeParse(input);
  if (!result.success) throw new ScenarioError(file, describeIssues(result.error, input));
  return result.data;
}

/** Parses and validates scenario JSON text. */
export function parseScenarioText(text: string, file: string): Scenario {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    throw new ScenarioError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseScenario(input, file);
}

const shipped: Record<string, { file: string; data: unknown }> = {
  'doha-2026': { file: 'assets/scenarios/doha-2026.json', data: doha },
  'meridian-strait': { file: 'assets/scenarios/meridian-strait.json', data: meridian },
};

const registry = new Map<string, Scenario>();

export const DEFAULT_SCENARIO = 'doha-2026';

/** Adds a validated scenario (e.g. an instructor's own file loaded by the server). */
export function registerScenario(scenario: Scenario): void {
  registry.set(scenario.id, scenario);
}

export function scenarioIds(): string[] {
  return [...new Set([...Object.keys(shipped), ...registry.keys()])].sort();
}

export function hasScenario(id: string): boolean {
  return registry.has(id) || id in shipped;
}

export function getScenario(id: string): Scenario {
  const known = registry.get(id);
  if (known) return known;
  const entry = shipped[id];
  if (!entry) throw new Error(`unknown scenario "${id}"; known: ${scenarioIds().join(', ')}`);
  const scenario = parseScenario(entry.data, entry.file);
  if (scenario.id !== id)
    throw new ScenarioError(entry.file, [`id: expected "${id}", got "${scenario.id}"`]);
  registry.set(id, scenario);
  return scenario;
}

export type { Scenario };
