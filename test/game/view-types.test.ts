// The full state and a seat's view are different types: the compiler refuses code that reads a
// secret from a view as if it were there (the true breakout value, the broker's counts and
// mandate), and `trueBreakout` takes only the full state. Checked by compiling small programs
// with the project's TypeScript, so the test fails if the types ever merge again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'bc-view-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = `
import type { BackchannelState, SeatView } from '${join(ROOT, 'src/game/types')}';
import { trueBreakout } from '${join(ROOT, 'src/game/tracks')}';
import { viewFor } from '${join(ROOT, 'src/game/view')}';
declare const view: SeatView;
declare const G: BackchannelState;
void trueBreakout; void viewFor; void view; void G;
`;

/** The compiler's complaints about one program (empty when it compiles). */
function complaints(body: string): string[] {
  const file = join(dir, `case-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, HEADER + body);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    resolveJsonModule: true,
    skipLibCheck: true,
    types: [],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('a seat’s view is not the full state', () => {
  it('the full state reads its secrets', () => {
    expect(
      complaints(`
        const n: number = trueBreakout(G);
        const held: number = G.stats.held;
        const title: string = G.mandate.title;
        const t: number = G.breakout.true;
        void n; void held; void title; void t;
      `),
    ).toEqual([]);
  });

  it('a view passes where a view is expected, and the full state does too', () => {
    expect(
      complaints(`const v: SeatView = viewFor(G, '0'); const w: SeatView = G; void v; void w;`),
    ).toEqual([]);
  });

  it.each([
    ['trueBreakout of a view', 'trueBreakout(view);'],
    ['the true value read as a number', 'const n: number = view.breakout.true; void n;'],
    ['the broker’s counts', 'const n: number = view.stats.held; void n;'],
    ['the broker’s mandate', 'const s: string = view.mandate.title; void s;'],
    ['a view taken for the full state', 'const s: BackchannelState = viewFor(G, "1"); void s;'],
  ])('refuses %s', (_what, body) => {
    expect(complaints(body).length).toBeGreaterThan(0);
  });
});
