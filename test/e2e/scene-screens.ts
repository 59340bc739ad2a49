// Screenshots of the Phaser table in mid-match states (test/ui/scene-states.ts: a deal verifying,
// an incident striking, memos in transit to and from the broker), both scenarios, at 1280×720 and
// 390 px, in Debian's Chromium: `npx tsx test/e2e/scene-screens.ts <label>` writes
// test-results/screens/scene/<label>/*.png (the table alone, and the whole page). Where a case has a
// `before` state, the table is shown that first and then the next state with motion on, and the
// shot is taken while the couriers travel and the headline shows.
import { join } from 'node:path';
import { makePrng } from '../../src/bots/engine';
import { dangerZones } from '../../src/game/facts';
import { getScenario } from '../../src/game/scenario';
import { setupMatch } from '../../src/game/setup';
import type { Seat, SeatView } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { SCENARIOS, allDone, randomSeatViews } from '../ui/states';
import { midMatch } from '../ui/scene-states';
import { ROOT, shootEach } from './support';

const label = process.argv[2] ?? 'now';
const only = process.argv[3];
const OUT = join(ROOT, 'test-results', 'screens', 'scene', label);
/** How long after the next state the shot is taken: couriers mid-flight, or headlines shown. */
const IN_FLIGHT_MS = Number(process.env.IN_FLIGHT_MS ?? 150);
const HEADLINE_MS = 900;

interface SceneCase {
  seat: Seat | null;
  view: SeatView;
  before?: SeatView;
  /** Wait for the headline to show rather than catch couriers in flight. */
  headline?: boolean;
}

function cases(): [string, SceneCase][] {
  const out: [string, SceneCase][] = [];
  for (const id of SCENARIOS) {
    const m = midMatch(id);
    out.push([`${id}-a-deal-verifying`, { seat: '0', view: m.signed['0'] }]);
    out.push([
      `${id}-b-incident`,
      { seat: '1', view: m.incident['1'], before: m.beforeIncident['1'], headline: true },
    ]);
    out.push([
      `${id}-broker-memos-arrive`,
      { seat: '2', view: m.mediation['2'], before: m.drafted['2'] },
    ]);
    out.push([
      `${id}-b-memo-delivered`,
      { seat: '1', view: m.response['1'], before: m.mediation['1'] },
    ]);
    out.push([`${id}-spectator-incident`, { seat: null, view: m.incident.spectator }]);
    // A 24-hour-step match (correspondence), half its mediation day gone, and a seminar match.
    for (const [timers, seat] of [
      ['correspondence', '2'],
      ['seminar', '0'],
    ] as const) {
      const step = (timers === 'seminar' ? 180 : 86400) * 1000;
      let now = Date.now() - step / 2;
      const G = setupMatch({ scenario: id, timers }, makePrng(`scene-${timers}`), () => now);
      const r = { G, scenario: getScenario(id), prng: makePrng(`scene-${timers}`), now: () => now };
      allDone(r);
      now = Date.now() - step / 2;
      r.G.clock = { ...r.G.clock, startedAt: now, deadline: now + step };
      out.push([`${id}-${timers}-mediation`, { seat, view: viewFor(r.G, seat) }]);
    }
    // A principal whose pressure has hardened it.
    const hardenedAt = dangerZones(getScenario(id)).pressureA.find((z) => z.kind === 'hardened')!;
    const hard = randomSeatViews(6, `ui-scene-${id}`, 3).find(
      (v) => v.view.options.scenario === id && v.view.tracks.pressureA >= hardenedAt.from,
    );
    if (hard) out.push([`${id}-hardened-seat-${hard.seat}`, { seat: hard.seat, view: hard.view }]);
  }
  return out;
}

async function main(): Promise<void> {
  await shootEach({
    page: 'test/e2e/screens/index.html',
    list: cases(),
    out: OUT,
    only,
    shoot: async (page, c, file) => {
      await page.waitForFunction(() => typeof window.showCase === 'function');
      const first = c.before ?? c.view;
      await page.evaluate((x) => window.showCase(x), { view: first, seat: c.seat, motion: true });
      await page.waitForFunction(() => window.sceneReady());
      if (c.before) {
        await page.evaluate((v) => window.showNext(v), c.view);
        await page.waitForFunction(() => window.sceneReady());
        await page.waitForTimeout(c.headline ? HEADLINE_MS : IN_FLIGHT_MS);
      }
      await page.locator('canvas').first().screenshot({ path: file() });
      await page.screenshot({ path: file('-page'), fullPage: true });
    },
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
