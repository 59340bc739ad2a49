// Screenshots of every desk and of the Phaser table from fixed seat views (test/ui/states.ts),
// at 1280×720 and 390 px, in Debian's Chromium: `npx tsx test/e2e/screens.ts <label>` writes
// test-results/screens/<label>/*.png. Run before and after a change to the scene and compare.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyMove } from '../../src/bots/engine';
import { makeCheck } from '../../src/client/check';
import { intentKey } from '../../src/client/intents';
import { enumerate } from '../../src/game/enumerate';
import type { MoveName } from '../../src/game/moves';
import type { Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import {
  SCENARIOS,
  finishedViews,
  freshMatch,
  mediationWithMemo,
  randomSeatViews,
  ratificationMatch,
} from '../ui/states';
import type { ScreenCase } from './screens/screens';
import { ROOT, shootEach } from './support';

const label = process.argv[2] ?? 'now';
const only = process.argv[3];

/** The rules' own refusal, in the words the desk shows, of the first of these moves refused. */
export function realRefusal(
  view: ScreenCase['view'],
  seat: Seat,
  tries: [MoveName, unknown[]][],
): ScreenCase['refusal'] {
  const check = makeCheck(() => view, seat) as (m: MoveName, ...a: unknown[]) => string | null;
  for (const [move, args] of tries) {
    const text = check(move, ...args);
    if (text) return { key: intentKey(move, args), text };
  }
  throw new Error(`none of ${tries.map((t) => t[0]).join(', ')} was refused`);
}

/** A principal that has written its two memos of the round. */
function twoMemos(id: (typeof SCENARIOS)[number], seat: '0' | '1') {
  const r = freshMatch(id, `ui-screens-${seat}`);
  const memos = enumerate(r.G, seat).filter((m) => m.move === 'draftMemo');
  for (const m of memos.slice(0, 2)) applyMove(r, seat, 'draftMemo', m.args);
  return { r, third: memos[2]!.args };
}

function cases(): [string, ScreenCase][] {
  const out: [string, ScreenCase][] = [];
  for (const id of SCENARIOS) {
    for (const [seat, who] of [
      ['0', 'a'],
      ['1', 'b'],
    ] as const) {
      const { r, third } = twoMemos(id, seat);
      const view = viewFor(r.G, seat);
      out.push([
        `${id}-principal-${who}-drafting`,
        { view, seat, refusal: realRefusal(view, seat, [['draftMemo', third]]) },
      ]);
    }
    const med = mediationWithMemo(id);
    const medView = viewFor(med.G, '2');
    const memo = med.G.memos.find((m) => m.status === 'pending')!;
    out.push([
      `${id}-broker-mediation`,
      {
        view: medView,
        seat: '2',
        refusal: realRefusal(medView, '2', [
          ['relay', [memo.id, { reframes: [0, 1, 2, 3].map((clause) => ({ clause, delta: 1 })) }]],
          ['bundle', [{ parts: [{ memoId: memo.id, clause: 0 }] }]],
        ]),
      },
    ]);
    const rat = ratificationMatch(id);
    const ratView = viewFor(rat.G, '0');
    const p = rat.G.proposals.find((x) => x.stage === 'ratification')!;
    out.push([
      `${id}-principal-a-ratification`,
      {
        view: ratView,
        seat: '0',
        refusal: realRefusal(ratView, '0', [
          ['statement', [{ kind: 'silence' }]],
          ['respond', [p.id, 'maybe']],
        ]),
      },
    ]);
    out.push([`${id}-principal-b-ratification`, { view: viewFor(rat.G, '1'), seat: '1' }]);
    const end = finishedViews(id)[2]!;
    out.push([`${id}-end`, { view: end.view, seat: end.seat }]);
  }
  // Later states of random play: deals, incidents and held memos on the table.
  const late = randomSeatViews(2, 'ui-screens', 3).filter(
    (v) => v.view.round >= 3 && v.view.deals.length > 0 && v.view.incidents.length > 0,
  );
  for (const seat of ['0', '1', '2'] as const) {
    const v = late.find((x) => x.seat === seat);
    if (v) out.push([`late-seat-${seat}-${v.view.step}`, { view: v.view, seat }]);
  }
  return out;
}

/** Shoots each case at 1280×720 and 390 px wide into `out` (only the names containing `only`). */
export async function shootCases(
  list: [string, ScreenCase][],
  out: string,
  only?: string,
): Promise<void> {
  await shootEach({
    page: 'test/e2e/screens/index.html',
    list,
    out,
    only,
    shoot: async (page, c, file) => {
      await page.waitForFunction(() => typeof window.showCase === 'function');
      await page.evaluate((x) => window.showCase(x), c);
      await page.waitForFunction(() => window.sceneReady());
      await page.screenshot({ path: file(), fullPage: true });
    },
  });
}

// Run as a script (not when another screenshot script imports `shootCases`).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  shootCases(cases(), join(ROOT, 'test-results', 'screens', label), only).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
