// An online blitz match in Chromium (src/ui/lobby-room.ts): created on the home page, joined from
// the lobby's invite links; the server sets no deadline while two of three seats are ready, and
// the drafting step's full minute starts when the third says ready. The lobby screen is audited
// by axe-core and shot at 1280×720 and 390 px.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchView } from '../server/harness';
import {
  DESKTOP,
  HAS_CHROMIUM,
  PHONE,
  REQUIRE_CHROMIUM,
  SCREENSHOTS,
  audit,
  describeViolations,
  launchChromium,
  startApp,
  type App,
} from './support';

const run = HAS_CHROMIUM || REQUIRE_CHROMIUM ? describe : describe.skip;

run('an online blitz match waits in its lobby', { timeout: 240_000 }, () => {
  let app: App;
  let browser: Browser;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function person(viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    return page;
  }

  it('starts the clock only when the third seat is ready', async () => {
    const host = await person();
    await host.goto(app.url);
    const create = host.getByRole('form', { name: 'Create an online match' });
    await create.getByLabel('Your name').fill('Ana');
    await create.getByRole('radio', { name: /Broker/ }).check();
    await create.getByLabel('Timers').selectOption('blitz');
    await create.getByRole('button', { name: 'Create the match' }).click();
    await host.waitForURL(/#\/play\/[^/]+\/2$/);
    const matchID = /#\/play\/([^/]+)\/2$/.exec(host.url())![1]!;
    await host.getByRole('heading', { name: 'Waiting for the table' }).waitFor();
    await host.getByText('0 of 3 seats ready', { exact: false }).waitFor();

    const linkA = await host.getByLabel(/^Link for Washington/).inputValue();
    const linkB = await host.getByLabel(/^Link for Tehran/).inputValue();
    const a = await person();
    const b = await person(PHONE);
    for (const [page, link, name, role] of [
      [a, linkA, 'Bea', 'Washington'],
      [b, linkB, 'Cy', 'Tehran'],
    ] as const) {
      await page.goto(link);
      await page
        .getByRole('heading', {
          name: `Take your seat: ${role} (Principal ${role === 'Washington' ? 'A' : 'B'})`,
        })
        .waitFor();
      await page.getByLabel('Your name').fill(name);
      await page.getByRole('button', { name: 'Join the match' }).click();
      await page.getByRole('heading', { name: 'Waiting for the table' }).waitFor();
    }
    // Every seat is named and connected on the host's screen.
    const seats = host.getByRole('list', { name: 'Seats' });
    await expect
      .poll(() => seats.textContent(), { timeout: 15_000 })
      .toMatch(/Bea — ● connected · not ready yet/);
    await expect
      .poll(() => seats.textContent(), { timeout: 15_000 })
      .toMatch(/Cy — ● connected · not ready yet/);

    // Tehran's player gives the seat up before the start; the seat is empty, then taken again.
    await b.getByRole('button', { name: 'Give up my seat' }).click();
    await expect
      .poll(() => seats.textContent(), { timeout: 15_000 })
      .toMatch(/Tehran · Principal BEmpty seat — ○ waiting for a player/);
    await b.goto(linkB);
    await b.getByLabel('Your name').fill('Cy');
    await b.getByRole('button', { name: 'Join the match' }).click();
    await b.getByRole('heading', { name: 'Waiting for the table' }).waitFor();
    await expect
      .poll(() => seats.textContent(), { timeout: 15_000 })
      .toMatch(/Cy — ● connected · not ready yet/);

    await host.getByRole('button', { name: 'I’m ready' }).click();
    await a.getByRole('button', { name: 'I’m ready' }).click();
    await host.getByText('2 of 3 seats ready', { exact: false }).waitFor();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await host.screenshot({ path: join(SCREENSHOTS, 'lobby-host-1280.png') });
    await b.screenshot({ path: join(SCREENSHOTS, 'lobby-guest-390.png'), fullPage: true });
    const serious = [
      ...(await audit(host, 'lobby-host')),
      ...(await audit(b, 'lobby-guest-phone')),
    ];
    expect(serious, describeViolations(new Map([['lobby', serious]]))).toEqual([]);

    // Two of three ready: the server has set no deadline.
    const waiting = await fetchView(app.url, matchID, null);
    expect(waiting.G.lobby?.ready).toEqual(['0', '2']);
    expect(waiting.G.clock.deadline).toBeNull();

    const readyAt = Date.now();
    await b.getByRole('button', { name: 'I’m ready' }).click();
    for (const page of [host, a, b]) await page.getByText(/^Round 1 of \d+ · /).waitFor();
    const started = await fetchView(app.url, matchID, null);
    expect(started.G.lobby).toBeUndefined();
    expect(started.G.clock.deadline! - started.G.clock.startedAt).toBe(60_000);
    expect(started.G.clock.startedAt).toBeGreaterThanOrEqual(readyAt - 2_000);
    // The table's countdown shows (nearly) the whole minute, and its header lists the players.
    await expect
      .poll(() => a.getByRole('timer').textContent(), { timeout: 10_000 })
      .toMatch(/^(1:00|0:5\d)/);
    await expect
      .poll(() => a.getByRole('list', { name: 'Players' }).textContent())
      .toMatch(/Washington: Bea \(connected\).*Tehran: Cy \(connected\).*: Ana \(connected\)/);
    await a.screenshot({ path: join(SCREENSHOTS, 'lobby-then-table-1280.png') });
  });
});
