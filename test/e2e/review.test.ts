// The review screen and the turn alerts in a real Chromium (issue #12): the replay viewer steps
// through a finished match's record (kept in this browser, as a solo match's is) and ends on the
// stored final state; the tab's title and favicon change when this seat becomes the one to act.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayModel } from '../../src/game/model/replay';
import { playedRecord } from '../game/played-record';
import {
  CHROMIUM,
  DESKTOP,
  PHONE,
  SCREENSHOTS,
  HAS_CHROMIUM,
  REQUIRE_CHROMIUM,
  audits,
  capture,
  describeViolations,
  launchChromium,
  startApp,
  newPage as openPage,
  type App,
} from './support';

if (!HAS_CHROMIUM && !REQUIRE_CHROMIUM)
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (REQUIRE_CHROMIUM=1 to fail).`);

let app: App;
let browser: Browser;
const errors: string[] = [];

const newPage = (): Promise<Page> => openPage(browser, errors);

describe.runIf(HAS_CHROMIUM || REQUIRE_CHROMIUM)('review and turn alerts in Chromium', () => {
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'steps through a finished match and ends on the stored final state',
    { timeout: 120_000 },
    async () => {
      const record = playedRecord('e2e-review', { timers: 'blitz', rounds: 4 }, 'solo-e2e');
      const replay = replayModel(record);
      const page = await newPage();
      await page.addInitScript(
        ([key, text]) => localStorage.setItem(key!, text!),
        [`backchannel:record:${record.matchID}`, JSON.stringify(record)],
      );
      await page.goto(`${app.url}/#/review/${record.matchID}`);
      const frame = page.locator('.replay-frame');
      await expect.poll(() => frame.getAttribute('data-step')).toBe(String(replay.steps));
      await page.getByRole('button', { name: 'Start', exact: true }).click();
      await expect.poll(() => frame.getAttribute('data-step')).toBe('0');
      await expect
        .poll(() => frame.locator('.replay-action').textContent())
        .toBe('The match is set up');
      // Step by step with the button, then the keyboard.
      for (let i = 1; i <= 5; i++) {
        await page.getByRole('button', { name: 'Next step →' }).click();
        await expect.poll(() => frame.getAttribute('data-step')).toBe(String(i));
        expect(await frame.locator('.replay-action').textContent()).toBe(replay.frame(i).action);
      }
      await page.getByRole('button', { name: '← Previous step' }).focus();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => frame.getAttribute('data-step')).toBe('6');
      await page.keyboard.press('End');
      await expect.poll(() => frame.getAttribute('data-step')).toBe(String(replay.steps));
      // The last step is the stored final state: its outcome and its tracks.
      const last = replay.frame(replay.steps);
      expect(last.state).toEqual(record.final);
      expect(await frame.locator('.replay-status').textContent()).toBe(last.status);
      const nums = await frame.locator('.track-bars .num').allTextContents();
      expect(nums).toEqual(last.table.tracks.map((t) => `${t.value} / ${t.max}`));
      expect(last.table.tracks.find((t) => t.key === 'escalation')!.value).toBe(
        record.final.tracks.escalation,
      );
      await page.getByRole('heading', { name: 'For discussion' }).waitFor();
      await capture(page, 'review');
      // The viewer itself, as the screen first shows it, at both sizes.
      for (const [label, size] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        await page.setViewportSize(size);
        await page.locator('#replay-h').scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(SCREENSHOTS, `review-viewer-${label}.png`) });
      }
      expect(describeViolations(new Map([['review', audits.get('review') ?? []]]))).toBe('');
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it(
    'changes the title and favicon when the seat becomes pending',
    { timeout: 120_000 },
    async () => {
      const page = await newPage();
      await page.goto(`${app.url}/`);
      expect(await page.title()).toBe('Backchannel');
      const solo = page.getByRole('form', { name: 'Play solo' });
      await solo.getByRole('radio', { name: /Principal A/ }).check();
      await solo.getByRole('button', { name: 'Start a solo match' }).click();
      await expect.poll(() => page.title(), { timeout: 30_000 }).toMatch(/^● Your move/);
      await expect
        .poll(() => page.locator('link[rel="icon"][data-turn]').getAttribute('data-turn'))
        .toBe('act');
      await page.getByRole('checkbox', { name: 'Sound on my move' }).waitFor();
      // A solo match runs only in this tab: no notifications offered.
      expect(await page.getByRole('checkbox', { name: 'Notify me on my move' }).count()).toBe(0);
      await capture(page, 'table-turn-alerts');
      expect(describeViolations(new Map([['table', audits.get('table-turn-alerts') ?? []]]))).toBe(
        '',
      );
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});
