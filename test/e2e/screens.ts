// Screenshots of every desk and of the Phaser table from fixed seat views (test/ui/states.ts),
// at 1280×720 and 390 px, in Debian's Chromium: `npx tsx test/e2e/screens.ts <label>` writes
// test-results/screens/<label>/*.png. Run before and after a change to the scene and compare.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'vite';
import { getScenario } from '../../src/game/scenario';
import { viewFor } from '../../src/game/view';
import {
  finishedViews,
  freshMatch,
  mediationWithMemo,
  randomSeatViews,
  ratificationMatch,
} from '../ui/states';
import type { ScreenCase } from './screens/screens';
import { DESKTOP, PHONE, ROOT, launchChromium } from './support';

const label = process.argv[2] ?? 'now';
const only = process.argv[3];
const OUT = join(ROOT, 'test-results', 'screens', label);

function cases(): [string, ScreenCase][] {
  const out: [string, ScreenCase][] = [];
  for (const id of ['doha-2026', 'meridian-strait'] as const) {
    const fresh = freshMatch(id);
    out.push([
      `${id}-principal-a-drafting`,
      {
        view: viewFor(fresh.G, '0'),
        seat: '0',
        refusal: {
          key: 'draftMemo',
          text: 'A memo may name each clause once: “Sanctions relief” is named twice.',
        },
      },
    ]);
    out.push([
      `${id}-principal-b-drafting`,
      {
        view: viewFor(fresh.G, '1'),
        seat: '1',
        refusal: { key: 'setPosture', text: 'Postures are set in drafting only.' },
      },
    ]);
    const med = mediationWithMemo(id);
    const memo = med.G.memos.find((m) => m.status === 'pending')!;
    out.push([
      `${id}-broker-mediation`,
      {
        view: viewFor(med.G, '2'),
        seat: '2',
        refusal: {
          key: `relay:${memo.id}`,
          text: `Not enough capital: the reframes cost ${getScenario(id).tunables.mediation.reframeCost * 2}, you have 1.`,
        },
      },
    ]);
    const rat = ratificationMatch(id);
    const p = rat.G.proposals.find((x) => x.stage === 'ratification')!;
    out.push([
      `${id}-principal-a-ratification`,
      {
        view: viewFor(rat.G, '0'),
        seat: '0',
        refusal: { key: `respond:${p.id}`, text: 'Hardened: you cannot give two clauses.' },
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

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const server = await createServer({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', hmr: false },
  });
  await server.listen();
  const url = `${server.resolvedUrls!.local[0]!}test/e2e/screens/index.html`;
  const browser = await launchChromium();
  try {
    for (const [name, c] of cases()) {
      if (only && !name.includes(only)) continue;
      for (const [size, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const page = await browser.newPage({ viewport });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(url);
        await page.waitForFunction(() => typeof window.showCase === 'function');
        await page.evaluate((x) => window.showCase(x), c);
        await page.waitForFunction(() => window.sceneReady());
        await page.screenshot({ path: join(OUT, `${name}-${size}.png`), fullPage: true });
        if (errors.length) console.error(`${name} ${size}: ${errors.join('; ')}`);
        await page.close();
      }
      console.info(`shot ${name}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
