// The Phaser table draws from the seat model only (issue #10): no file of src/scenes imports the
// desks' helpers (src/ui), and no widget reads a seat's raw view or the scenario's tunables; the
// scene composer hands the view to the model's builder (src/game/model/scene.ts) and nowhere else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SCENES = 'src/scenes';
const WIDGETS = 'src/scenes/widgets';

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const ts = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f}`);

/** What a scene file must not do, each with a pattern that finds it. */
const RULES: [string, RegExp, string[]][] = [
  ['imports from the desks (src/ui)', /from '(\.\.\/)+ui\//, [...ts(SCENES), ...ts(WIDGETS)]],
  [
    'reads a seat’s raw view',
    /\bSeatView\b|\bview\.(tracks|deals|memos|proposals|incidents|options|clock|pending)\b/,
    ts(WIDGETS),
  ],
  [
    'reads the scenario’s tunables or catalog',
    /\.tunables\b|\.catalog\b/,
    [...ts(SCENES), ...ts(WIDGETS)],
  ],
];

describe('the table draws from the seat model only', () => {
  it('finds the widgets', () => {
    expect(ts(WIDGETS)).toEqual(
      expect.arrayContaining([`${WIDGETS}/gauges.ts`, `${WIDGETS}/dial.ts`, `${WIDGETS}/deals.ts`]),
    );
  });

  it.each(RULES)('no scene file %s', (_what, pattern, files) => {
    const found = files.flatMap((f) =>
      read(f)
        .split('\n')
        .flatMap((line, i) =>
          pattern.test(line) && !/^\s*(\/\/|\*)/.test(line)
            ? [`${f}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(found).toEqual([]);
  });

  it('the guard catches what the scene used to do', () => {
    for (const [line, rule] of [
      ["import { breakoutLabel, trackLabel } from '../../ui/format';", 0],
      ['const tun = scenario.tunables;', 2],
      ['for (const d of view.deals) counts[d.status] += 1;', 1],
      ['export function drawDeals(b: Board, view: SeatView, scenario: Scenario): void {', 1],
      ['const def = scenario.catalog.find((d) => d.id === id);', 2],
    ] as const)
      expect(RULES[rule]![1].test(line), line).toBe(true);
  });
});
