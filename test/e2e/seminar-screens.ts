// Screenshots of the seminar screens (projector, facilitator console, debrief) from fixed states
// of real matches (test/ui/states.ts), at 1280×720 and 390 px, in Debian's Chromium:
// `npx tsx test/e2e/seminar-screens.ts` writes test-results/screens/seminar/*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'vite';
import { RECORD_FORMAT } from '../../src/game/record';
import type { Dashboard } from '../../src/client/seminar';
import {
  dashboardTable as table,
  finishedWithDeal as withDeal,
  paused as pause,
} from '../ui/seminar-states';
import { finishedByPlay, matchAt, viewFor } from '../ui/states';
import type { SeminarCase } from './seminar-screens/page';
import { DESKTOP, PHONE, ROOT, launchChromium } from './support';

const OUT = join(ROOT, 'test-results', 'screens', 'seminar');
const NOW = Date.UTC(2026, 11, 4, 12);

function cases(): [string, SeminarCase][] {
  const running = matchAt('doha-2026', 'mediation', 'seminar-shots');
  running.G.clock.deadline = NOW + 65_000;
  const paused = matchAt('doha-2026', 'response', 'seminar-shots-2');
  pause(paused, 95_000);
  const late = finishedByPlay('doha-2026', 'doha-2026/seminar-late');
  const ended = withDeal('doha-2026');
  const dashboard: Dashboard = {
    id: 'S7Q2',
    label: 'IR 204, Tuesday',
    options: { scenario: 'doha-2026', rounds: running.G.options.rounds, timer: 'seminar' },
    // The console counts down by this browser's clock: table 1 has some minutes left.
    tables: [
      table(1, { ...running.G, clock: { ...running.G.clock, deadline: Date.now() + 283_000 } }),
      table(2, paused.G),
      table(3, ended),
    ],
  };
  // The projector's clock: its view's deadline is NOW + 65 s.
  return [
    ['projector-running', { kind: 'projector', view: viewFor(running.G, null), now: NOW }],
    ['projector-paused', { kind: 'projector', view: viewFor(paused.G, null), now: NOW }],
    ['projector-ended', { kind: 'projector', view: viewFor(late, null), now: NOW }],
    ['console', { kind: 'console', dashboard }],
    [
      'debrief',
      {
        kind: 'debrief',
        record: {
          format: RECORD_FORMAT,
          matchID: 'm-K7M1PQ',
          setupData: { scenario: 'doha-2026' },
          seed: ended.seed ?? 'seed',
          startedAt: 0,
          actions: [],
          final: ended,
        },
      },
    ],
  ];
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
  const url = `${server.resolvedUrls!.local[0]!}test/e2e/seminar-screens/index.html`;
  const browser = await launchChromium();
  try {
    for (const [name, c] of cases()) {
      for (const [size, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const page = await browser.newPage({ viewport });
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(url);
        await page.waitForFunction(() => typeof window.showSeminar === 'function');
        await page.evaluate((x) => window.showSeminar(x), c);
        if (c.kind === 'console') await page.locator('.table-card .seats').first().waitFor();
        await page.screenshot({ path: join(OUT, `${name}-${size}.png`), fullPage: true });
        // Each table card on its own, to be read at its real size.
        if (c.kind === 'console')
          for (const [i, el] of (await page.locator('.table-card').all()).entries())
            await el.screenshot({ path: join(OUT, `${name}-card-${i + 1}-${size}.png`) });
        // The debrief's sections, and its first round, one by one.
        if (c.kind === 'debrief')
          for (const [i, el] of (
            await page.locator('.debrief-section, .debrief-round').all()
          ).entries())
            if (i < 8)
              await el.screenshot({ path: join(OUT, `${name}-part-${i + 1}-${size}.png`) });
        // Its wide tables, each in its scrolling region.
        if (c.kind === 'debrief')
          for (const [i, el] of (await page.locator('.scroll-x').all()).entries())
            await el.screenshot({ path: join(OUT, `${name}-table-${i + 1}-${size}.png`) });
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
