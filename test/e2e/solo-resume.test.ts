// Solo matches kept in the browser, in a real Chromium (issue #12, "nothing lost, everything
// reviewable"): a solo match started from the home page has its own route (#/solo/<id>); a reload
// mid-step puts the person back in the same round and step with the move they made still shown;
// the home page lists it under "My matches" with Resume; a person coming back after the match moved
// on sees what changed since their last look; a finished match opens its debrief from the list; an
// online seat held in this browser is listed and resumed, with its own "since you were last here".
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playedRecord } from '../game/played-record';
import {
  CHROMIUM,
  DESKTOP,
  HAS_CHROMIUM,
  REQUIRE_CHROMIUM,
  audit,
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

const status = (page: Page) => page.locator('.status-line');
const shown = (locator: Locator, timeout = 30_000) =>
  locator.first().waitFor({ state: 'visible', timeout });
const hash = (page: Page) => new URL(page.url()).hash;
const OUTCOME = /^(Durable deal|Codified stalemate|Collapse|War)/;

/** From the home page: a 4-round solo match as Principal A, bots at this speed, its route open. */
async function startSoloAsA(speed: 'Quick' | 'Instant'): Promise<Page> {
  const page = await newPage();
  await page.goto(app.url);
  const solo = page.getByRole('form', { name: 'Play solo' });
  await solo.getByText('Scenario, length and bots').click();
  await solo.getByLabel('Length').selectOption({ label: '4 rounds' });
  await solo.getByLabel('Bot speed').selectOption({ label: speed });
  await solo.getByRole('radio', { name: /Principal A/ }).check();
  await solo.getByRole('button', { name: 'Start a solo match' }).click();
  await expect.poll(() => hash(page)).toMatch(/^#\/solo\/solo-/);
  return page;
}

describe.runIf(HAS_CHROMIUM || REQUIRE_CHROMIUM)('solo matches kept in the browser', () => {
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'survives a reload mid-step, is listed under My matches and says what changed on return',
    { timeout: 180_000 },
    async () => {
      const page = await startSoloAsA('Quick');
      const route = hash(page);
      const matchID = decodeURIComponent(route.slice('#/solo/'.length));
      await expect.poll(() => status(page).textContent()).toMatch(/^Round 1 of 4 · Drafting:/);

      // A memo, sent: it shows under "Your memos".
      const composer = page.getByRole('region', { name: /^Memo to / });
      await composer.getByLabel('Clause 1', { exact: true }).selectOption({ index: 1 });
      const text = 'We are ready to talk about the strait.';
      await composer.getByLabel('Text').fill(text);
      await composer.getByRole('button', { name: 'Send to the broker' }).click();
      const mine = page.getByRole('region', { name: 'Your memos' });
      await shown(mine.getByText(text));

      // Reload mid-step: the same match, round and step, the memo still there.
      await page.reload();
      expect(hash(page)).toBe(route);
      await expect.poll(() => status(page).textContent()).toMatch(/^Round 1 of 4 · Drafting:/);
      await shown(page.getByRole('region', { name: 'Your memos' }).getByText(text));
      await shown(page.getByRole('button', { name: 'End my drafting' }));

      // Leave for the home page: the match is listed, with where it stands and a way back.
      await page.getByRole('button', { name: 'Leave' }).click();
      const list = page.getByRole('region', { name: 'My matches' });
      const item = list.locator(`li[data-match="${matchID}"]`);
      await shown(item);
      expect(await item.textContent()).toContain('Round 1 of 4, Drafting');
      // The one-click start is still above the fold with the list on the page.
      const quick = page.getByRole('button', { name: /^Play now as / });
      const box = (await quick.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(DESKTOP.height);
      await capture(page, 'home-my-matches');
      await item.getByRole('link', { name: /^Resume/ }).click();
      await expect.poll(() => hash(page)).toBe(route);
      await expect.poll(() => status(page).textContent()).toMatch(/^Round 1 of 4 · Drafting:/);
      await shown(page.getByRole('region', { name: 'Your memos' }).getByText(text));

      // Back goes to the home page, Forward to the match again: still where it was.
      await page.goBack();
      await shown(page.getByRole('region', { name: 'My matches' }));
      await page.goForward();
      await expect.poll(() => hash(page)).toBe(route);
      await shown(page.getByRole('region', { name: 'Your memos' }).getByText(text));

      // The match moves on (drafting ends); then the person is away from it, and comes back.
      await page.getByRole('button', { name: 'End my drafting' }).click();
      await expect
        .poll(() => status(page).textContent(), { timeout: 60_000 })
        .not.toMatch(/· Drafting:/);
      await page.getByRole('button', { name: 'Leave' }).click();
      await shown(page.getByRole('region', { name: 'My matches' }));
      // Their last look, as it would be had they left during drafting an hour ago.
      await page.evaluate((id) => {
        const key = `backchannel:seen:${id}:0`;
        const seen = JSON.parse(localStorage.getItem(key)!);
        const at = Date.now() - 3_600_000;
        localStorage.setItem(key, JSON.stringify({ ...seen, round: 1, step: 'drafting', at }));
      }, matchID);
      await page.goto(`${app.url}/${route}`);
      const since = page.getByRole('region', { name: 'Since you were last here' });
      await shown(since);
      expect(await since.textContent()).toMatch(
        /You last looked 1 hour ago \(round 1, Drafting\); now round 1, /,
      );
      await capture(page, 'solo-since-last-here');
      await since.getByRole('button', { name: 'Dismiss' }).click();
      await since.waitFor({ state: 'hidden' });

      expect(
        describeViolations(
          new Map(['home-my-matches', 'solo-since-last-here'].map((s) => [s, audits.get(s) ?? []])),
        ),
      ).toBe('');
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it(
    'a match played to its end links its debrief from the end screen and from My matches',
    { timeout: 180_000 },
    async () => {
      const page = await startSoloAsA('Instant');
      const matchID = decodeURIComponent(hash(page).slice('#/solo/'.length));
      // Principal A says done at every step until the match is over.
      const end = page.getByRole('heading', { level: 2, name: OUTCOME });
      const done = page.locator('.desk button.done');
      for (let guard = 0; guard < 40; guard++) {
        await end.or(done).first().waitFor({ timeout: 60_000 });
        if (await end.isVisible()) break;
        await done.click().catch(() => {});
      }
      await shown(end);
      await page.getByRole('link', { name: 'Debrief and replay' }).click();
      await expect.poll(() => hash(page)).toBe(`#/review/${matchID}`);
      await shown(page.getByRole('heading', { name: 'Replay, step by step' }));
      // The record kept is the one this match played: many steps, not an empty replay.
      const steps = await page.locator('#replay-slider').getAttribute('max');
      expect(Number(steps)).toBeGreaterThan(10);
      await page.goto(app.url);
      const item = page
        .getByRole('region', { name: 'My matches' })
        .locator(`li[data-match="${matchID}"]`);
      await shown(item);
      expect(await item.textContent()).toContain('Finished');
      await item.getByRole('link', { name: /^Debrief and replay/ }).click();
      await expect.poll(() => hash(page)).toBe(`#/review/${matchID}`);
      await shown(page.getByRole('heading', { name: 'Replay, step by step' }));
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it(
    'lists an online seat this browser holds, resumes it, and offers its debrief and a rematch',
    { timeout: 180_000 },
    async () => {
      const page = await newPage();
      await page.goto(app.url);
      const create = page.getByRole('form', { name: 'Create an online match' });
      await create.getByLabel('Your name').fill('Ana');
      await create.getByRole('radio', { name: /Principal A/ }).check();
      await create.getByLabel('Length').selectOption({ label: '4 rounds' });
      await create.getByLabel('Timers').selectOption({ label: 'Untimed' });
      await create.getByLabel('Principal B', { exact: true }).selectOption({ label: 'Bot: easy' });
      await create.getByLabel('Broker', { exact: true }).selectOption({ label: 'Bot: easy' });
      await create.getByRole('button', { name: 'Create the match' }).click();
      await page.waitForURL(/#\/play\/[^/]+\/0$/);
      const route = hash(page);
      const matchID = /#\/play\/([^/]+)\/0$/.exec(route)![1]!;
      await page.getByRole('button', { name: 'I’m ready' }).click();
      await expect.poll(() => status(page).textContent()).toMatch(/^Round 1 of 4 · Drafting:/);
      await page.getByRole('button', { name: 'Leave' }).click();
      const item = page
        .getByRole('region', { name: 'My matches' })
        .locator(`li[data-match="${matchID}"]`);
      await shown(item);
      expect(await item.textContent()).toMatch(
        /online, as .+ \(Principal A\) · Round 1 of 4, Drafting/,
      );
      await item.getByRole('link', { name: /^Resume/ }).click();
      await expect.poll(() => hash(page)).toBe(route);
      await expect.poll(() => status(page).textContent()).toMatch(/^Round 1 of 4 · Drafting:/);
      // Nothing moved since the last look: no summary.
      const since = page.getByRole('region', { name: 'Since you were last here' });
      expect(await since.count()).toBe(0);

      // The match moves on; the person leaves with their last look in drafting, and comes back.
      await page.getByRole('button', { name: 'End my drafting' }).click();
      await expect
        .poll(() => status(page).textContent(), { timeout: 60_000 })
        .not.toMatch(/· Drafting:/);
      await page.getByRole('button', { name: 'Leave' }).click();
      await shown(page.getByRole('region', { name: 'My matches' }));
      await page.evaluate((id) => {
        const key = `backchannel:seen:${id}:0`;
        const seen = JSON.parse(localStorage.getItem(key)!);
        localStorage.setItem(key, JSON.stringify({ ...seen, round: 1, step: 'drafting' }));
      }, matchID);
      await page.goto(`${app.url}/${route}`);
      await shown(since);
      expect(await since.textContent()).toMatch(/\(round 1, Drafting\); now round \d, /);
      await audit(page, 'online-since-last-here');
      expect(
        describeViolations(new Map([['online', audits.get('online-since-last-here') ?? []]])),
      ).toBe('');

      // Played to its end: the list offers its debrief and a rematch, which opens a new match's
      // lobby with this seat held.
      const end = page.getByRole('heading', { level: 2, name: OUTCOME });
      const done = page.locator('.desk button.done');
      for (let guard = 0; guard < 40; guard++) {
        await end.or(done).first().waitFor({ timeout: 60_000 });
        if (await end.isVisible()) break;
        await done.click().catch(() => {});
      }
      await page.getByRole('button', { name: 'Leave' }).click();
      await shown(item);
      expect(await item.textContent()).toContain('Finished');
      expect(
        await item.getByRole('link', { name: /^Debrief and replay/ }).getAttribute('href'),
      ).toBe(`#/review/${matchID}`);
      await item.getByRole('button', { name: /^Rematch/ }).click();
      await page.waitForURL((url) => /^#\/play\/[^/]+\/0$/.test(url.hash) && url.hash !== route);
      await shown(page.getByRole('heading', { name: 'Waiting for the table' }));
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it(
    'opens a finished match’s debrief and replay from My matches',
    { timeout: 120_000 },
    async () => {
      const record = playedRecord(
        'e2e-solo-list',
        { timers: 'blitz', rounds: 4 },
        'solo-e2e-finished',
      );
      const entry = {
        matchID: record.matchID,
        seat: '2',
        setupData: record.setupData,
        bots: { '0': { level: 'normal' }, '1': { level: 'normal' } },
        pace: 1,
        seed: record.seed,
        createdAt: record.startedAt,
        updatedAt: record.startedAt,
        round: record.final.round,
        rounds: 4,
        step: 'over',
        finished: true,
      };
      const page = await newPage();
      await page.addInitScript(
        ([recordText, entryText]) => {
          const e = JSON.parse(entryText!) as { matchID: string };
          localStorage.setItem(`backchannel:record:${e.matchID}`, recordText!);
          localStorage.setItem('backchannel:solo-matches', JSON.stringify([e]));
        },
        [JSON.stringify(record), JSON.stringify(entry)],
      );
      await page.goto(app.url);
      const item = page
        .getByRole('region', { name: 'My matches' })
        .locator(`li[data-match="${record.matchID}"]`);
      await shown(item);
      expect(await item.textContent()).toContain('Finished');
      expect(await item.getByRole('link', { name: /^Resume/ }).count()).toBe(0);
      await item.getByRole('link', { name: /^Debrief and replay/ }).click();
      await expect.poll(() => hash(page)).toBe(`#/review/${record.matchID}`);
      await shown(page.getByRole('heading', { name: 'Replay, step by step' }));
      // Its own route now goes to the review too: a finished match is not played again.
      await page.goto(`${app.url}/#/solo/${record.matchID}`);
      await expect.poll(() => hash(page)).toBe(`#/review/${record.matchID}`);
      await shown(page.getByRole('heading', { name: 'Replay, step by step' }));
      // A rematch from the list: the same setup and seat, a new match.
      await page.goto(app.url);
      await item.getByRole('button', { name: /^Rematch/ }).click();
      await expect.poll(() => hash(page)).toMatch(/^#\/solo\/solo-/);
      expect(hash(page)).not.toBe(`#/solo/${record.matchID}`);
      await expect
        .poll(() => page.getByRole('heading', { level: 1 }).textContent())
        .toMatch(/\(Broker\)/);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});
