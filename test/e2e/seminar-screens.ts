// Screenshots of the seminar screens (projector, facilitator console, debrief) from fixed states
// of real matches (test/ui/states.ts), at 1280×720 and 390 px, in Debian's Chromium:
// `npx tsx test/e2e/seminar-screens.ts` writes test-results/screens/seminar/*.png.
import { join } from 'node:path';
import { RECORD_FORMAT } from '../../src/game/record';
import type { Dashboard } from '../../src/client/seminar';
import {
  dashboardTable as table,
  finishedWithDeal as withDeal,
  paused as pause,
} from '../ui/seminar-states';
import { finishedByPlay, matchAt, viewFor } from '../ui/states';
import type { SeminarCase } from './seminar-screens/page';
import { ROOT, shootEach } from './support';

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
  await shootEach({
    page: 'test/e2e/seminar-screens/index.html',
    list: cases(),
    out: OUT,
    shoot: async (page, c, file) => {
      await page.waitForFunction(() => typeof window.showSeminar === 'function');
      await page.evaluate((x) => window.showSeminar(x), c);
      if (c.kind === 'console') await page.locator('.table-card .seats').first().waitFor();
      await page.screenshot({ path: file(), fullPage: true });
      // Each table card on its own, to be read at its real size.
      if (c.kind === 'console')
        for (const [i, el] of (await page.locator('.table-card').all()).entries())
          await el.screenshot({ path: file(`-card-${i + 1}`) });
      // The debrief's sections, and its first round, one by one; then its wide tables, each in
      // its scrolling region.
      if (c.kind === 'debrief') {
        for (const [i, el] of (
          await page.locator('.debrief-section, .debrief-round').all()
        ).entries())
          if (i < 8) await el.screenshot({ path: file(`-part-${i + 1}`) });
        for (const [i, el] of (await page.locator('.scroll-x').all()).entries())
          await el.screenshot({ path: file(`-table-${i + 1}`) });
      }
    },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
