// Views never work a rule out again (ARCHITECTURE.md; issue #10): no file of the screens imports
// a rules helper to decide what is legal, due, hardened or verified, nor reads the thresholds of
// the scenario's tunables. What a desk may do it asks the rules' own check (src/client/check.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FOLDERS = ['src/ui', 'src/scenes', 'src/client'];

/** Rules modules a view must not import values from (types are fine). */
const BANNED_MODULES = [
  'checks',
  'context',
  'drafting',
  'enumerate',
  'facilitation',
  'flow',
  'incidents',
  'mediation',
  'press',
  'resolution',
  'response',
  'scoring',
  'setup',
  'thresholds',
  'tracks',
  'view',
];
/** From the clauses module only the catalog's lookups and the rules' own verification count. */
const CLAUSE_LOOKUPS = new Set([
  'clauseDef',
  'sizeIndex',
  'relativeGiver',
  // The rules' own count of a deal's verification (read, not worked out again).
  'verificationRounds',
]);

/** Reading a rule's threshold or timing out of the tunables is working the rule out again. */
const THRESHOLDS =
  /tunables\.pressure\.(hardenedAt|walkoutAt|escalationAbove|oilPriceAbove|oilLeakBelow)|\.hardenedAt\b|\.walkoutAt\b|\bverifyRounds\b|\bturnaroundHours\b|\.lastRound\b/;

/** The one place that runs the rules' own check for the screens. */
const CHECKER = 'src/client/check.ts';

/**
 * Places that still work a fact out, each waiting for the seat model's export (named): the list
 * may only shrink; an entry that no longer offends fails the test too.
 */
const AWAITING: Record<string, string> = {
  'src/scenes/widgets/gauges.ts':
    'seatModel: each track’s danger zone and its hardened/walkout note',
};

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(ROOT, dir, name);
    if (statSync(path).isDirectory()) return files(relative(ROOT, path));
    return name.endsWith('.ts') ? [relative(ROOT, path)] : [];
  });
}

function offences(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found: string[] = [];
  const imports = /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)';/gm;
  for (const m of text.matchAll(imports)) {
    const [, typeOnly, names, from] = m;
    const module = /\/game\/([a-z]+)$/.exec(from!)?.[1];
    if (!module || typeOnly) continue;
    const values = names!
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n && !n.startsWith('type '));
    if (values.length === 0) continue;
    if (BANNED_MODULES.includes(module) && file !== CHECKER)
      found.push(`imports ${values.join(', ')} from game/${module}`);
    if (module === 'clauses') {
      const bad = values.filter((n) => !CLAUSE_LOOKUPS.has(n));
      if (bad.length) found.push(`imports ${bad.join(', ')} from game/clauses`);
    }
  }
  text.split('\n').forEach((line, i) => {
    if (THRESHOLDS.test(line) && !line.trim().startsWith('//'))
      found.push(`line ${i + 1} reads a rule's threshold: ${line.trim()}`);
  });
  return found;
}

describe('the screens read the rules, never work them out', () => {
  const all = FOLDERS.flatMap(files);

  it('finds the screens’ files', () => {
    expect(all.length).toBeGreaterThan(30);
    expect(all).toContain('src/ui/desk-principal.ts');
  });

  it('no view imports a rules helper or reads a threshold (beyond the list awaiting the model)', () => {
    const report = all.flatMap((f) => (AWAITING[f] ? [] : offences(f).map((o) => `${f}: ${o}`)));
    expect(report).toEqual([]);
  });

  it.each(Object.keys(AWAITING))('%s still waits for the seat model (else drop it)', (f) => {
    expect(offences(f).length, AWAITING[f]).toBeGreaterThan(0);
  });

  it('the guard catches a re-derivation', () => {
    // The check itself, on a line as the old desk wrote it.
    expect(THRESHOLDS.test('const hardened = p >= scenario.tunables.pressure.hardenedAt;')).toBe(
      true,
    );
  });
});
