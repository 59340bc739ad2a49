// No import cycle in src/game: the rules' modules form a layered graph (types and constants at
// the bottom, the seat model and the Game at the top). A small scan of the import statements,
// type-only imports included, since a cycle of types is still a tangle to read.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const GAME = join(ROOT, 'src', 'game');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Each module's imports (and re-exports) of other modules under src/game. */
export function importGraph(paths: string[]): Map<string, string[]> {
  const known = new Set(paths);
  const graph = new Map<string, string[]>();
  const spec = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g;
  for (const file of paths) {
    const text = readFileSync(file, 'utf8');
    const out: string[] = [];
    for (const m of text.matchAll(spec)) {
      const base = resolve(dirname(file), m[1]!);
      const target = [`${base}.ts`, join(base, 'index.ts')].find((p) => known.has(p));
      if (target && !out.includes(target)) out.push(target);
    }
    graph.set(file, out);
  }
  return graph;
}

/** Every cycle found by a depth-first search, each as the list of its modules. */
export function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('src/game has no import cycle', () => {
  const graph = importGraph(files(GAME));

  it('reads the modules and their imports', () => {
    expect(graph.size).toBeGreaterThan(20);
    const flow = graph.get(join(GAME, 'flow.ts'))!;
    expect(flow).toContain(join(GAME, 'thresholds.ts'));
  });

  it('finds none', () => {
    const named = cycles(graph).map((c) => c.map((f) => relative(GAME, f)).join(' → '));
    expect(named).toEqual([]);
  });

  it('the search finds a cycle when there is one', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(g)).toEqual([['a', 'b', 'c', 'a']]);
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
    ).toEqual([]);
  });
});
