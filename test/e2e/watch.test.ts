// Watching bots play a whole solo match from each chair, in a real Chromium (issue #11, "three
// full solo matches in the browser, one from each seat"). "Who plays your seat" on the home page
// lets a bot play the player's own seat too; the player watches from that chair. Three seeded
// 8-round matches (a kept solo match with a fixed seed, as "My matches" resumes one) are played
// to the end: in each the broker bot holds and reframes memos, in one it leaks a memo, and in one
// a deal collapses under an incident. The end screen, the debrief (memos as written beside what
// was delivered) and the feed are shot at both sizes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackchannelState, Seat } from '../../src/game/types';
import {
  CHROMIUM,
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
const hash = (page: Page) => new URL(page.url()).hash;
const OUTCOME = /^(Durable deal|Codified stalemate|Collapse|War)/;

/**
 * The seeds, chosen by playing the same solo flow headless (src/client/connection.ts startSolo,
 * normal bots in every seat, instant): what each match shows is asserted below from the state the
 * browser itself ends with.
 */
const MATCHES: { seat: Seat; seed: string; shows: string }[] = [
  { seat: '0', seed: 'watch-0-10', shows: 'a deal collapses under an incident' },
  { seat: '1', seed: 'watch-1-2', shows: 'holds and reframes, then war' },
  { seat: '2', seed: 'watch-2-9', shows: 'the broker leaks a memo' },
];

/** The final state of a finished solo match, from the record this browser kept of it. */
async function finalOf(page: Page, matchID: string): Promise<BackchannelState> {
  const record = await page.evaluate(
    (id) => localStorage.getItem(`backchannel:record:${id}`),
    matchID,
  );
  expect(record, 'the finished match’s record').not.toBeNull();
  return (JSON.parse(record!) as { final: BackchannelState }).final;
}

describe.runIf(HAS_CHROMIUM || REQUIRE_CHROMIUM)('watching bots play from each chair', () => {
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('the home page lets a bot play your own seat: the match plays itself', async () => {
    const page = await newPage();
    await page.goto(app.url);
    const solo = page.getByRole('form', { name: 'Play solo' });
    await solo.getByText('Scenario, length and bots').click();
    await solo.getByLabel('Length').selectOption({ label: '4 rounds' });
    await solo.getByLabel('Bot speed').selectOption({ label: 'Instant' });
    await solo
      .getByLabel('Who plays your seat')
      .selectOption({ label: 'Bot: normal (you watch it play)' });
    await capture(page, 'home-watch-option');
    await solo.getByRole('button', { name: 'Start a solo match' }).click();
    await expect.poll(() => hash(page)).toMatch(/^#\/solo\/solo-/);
    await page.getByText('You (a normal bot plays for you)').first().waitFor();
    // Nobody touches anything, and the match reaches its end.
    await page
      .getByRole('heading', { level: 2, name: OUTCOME })
      .first()
      .waitFor({ timeout: 120_000 });
    await page.context().close();
  }, 180_000);

  for (const m of MATCHES)
    it(`seat ${m.seat}, seed ${m.seed}: ${m.shows}`, async () => {
      const page = await newPage();
      await page.goto(app.url);
      const matchID = `solo-watch-${m.seat}`;
      const level = { level: 'normal' };
      await page.evaluate(
        ({ matchID, seat, seed, level }) => {
          const now = Date.now();
          localStorage.setItem(
            'backchannel:solo-matches',
            JSON.stringify([
              {
                matchID,
                seat,
                setupData: { scenario: 'doha-2026', rounds: 8 },
                bots: { '0': level, '1': level, '2': level },
                pace: 0,
                seed,
                createdAt: now,
                updatedAt: now,
                round: 0,
                rounds: 8,
                step: null,
                finished: false,
              },
            ]),
          );
        },
        { matchID, seat: m.seat, seed: m.seed, level },
      );
      await page.goto(`${app.url}/#/solo/${matchID}`);
      await page
        .getByRole('heading', { level: 2, name: OUTCOME })
        .first()
        .waitFor({ timeout: 120_000 });
      await capture(page, `watch-${m.seat}-end`);

      // The record is written once the stored copy of the match is over too.
      await expect
        .poll(() =>
          page.evaluate((id) => localStorage.getItem(`backchannel:record:${id}`), matchID),
        )
        .not.toBeNull();
      const G = await finalOf(page, matchID);
      // The broker bot held and reframed memos in every one of these matches.
      expect(G.stats.held, 'memos held').toBeGreaterThan(0);
      expect(G.stats.reframed, 'memos reframed').toBeGreaterThan(0);
      if (m.seed === 'watch-2-9') expect(G.stats.leaked, 'memos leaked').toBeGreaterThan(0);
      if (m.seed === 'watch-0-10')
        expect(
          G.deals.some((d) => d.status === 'collapsed'),
          'a deal collapsed',
        ).toBe(true);

      // The debrief: every memo as written beside what was delivered.
      await page.getByRole('link', { name: 'Debrief and replay' }).click();
      await expect.poll(() => hash(page)).toBe(`#/review/${matchID}`);
      await page.getByRole('heading', { name: 'Replay, step by step' }).waitFor();
      await capture(page, `watch-${m.seat}-debrief`);
      await page.context().close();
    }, 180_000);

  it('no serious or critical accessibility violation, no page error', () => {
    expect(describeViolations(audits)).toBe('');
    expect(errors).toEqual([]);
  });
});
