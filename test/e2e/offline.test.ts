// The server goes away mid-step (#12): the page says at once that it is offline, a move tried then
// is refused in words (nothing sent), and when the server is back on the same storage the page
// resyncs by itself, the banner goes, no refusal is left standing, and the next move is taken.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../server/harness';
import {
  DESKTOP,
  HAS_CHROMIUM,
  REQUIRE_CHROMIUM,
  audit,
  buildApp,
  capture,
  describeViolations,
  launchChromium,
  watchErrors,
} from './support';

const run = HAS_CHROMIUM || REQUIRE_CHROMIUM ? describe : describe.skip;

run('a server stopped and restarted mid-step', { timeout: 240_000 }, () => {
  const staticDir = mkdtempSync(join(tmpdir(), 'bc-e2e-offline-dist-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'bc-e2e-offline-data-'));
  const env = { STATIC_DIR: staticDir, BOT_PACE: '0', LOG_LEVEL: 'warn' };
  let server: ServerHandle;
  let browser: Browser;
  beforeAll(async () => {
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Building…</title>');
    [, server, browser] = await Promise.all([
      buildApp(staticDir),
      startServer({ dataDir, env, timeoutMs: 120_000 }),
      launchChromium(),
    ]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(staticDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says it is offline, then resyncs with no refusal left', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, reducedMotion: 'reduce' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    watchErrors(page, errors);
    await page.goto(server.url);
    const create = page.getByRole('form', { name: 'Create an online match' });
    await create.getByLabel('Your name').fill('Ana');
    await create.getByRole('radio', { name: /Washington/ }).check();
    await create.getByRole('button', { name: 'Create the match' }).click();
    await page.waitForURL(/#\/play\/[^/]+\/0$/);
    await page.getByRole('button', { name: /^Start with bots/ }).click();
    await page.getByRole('heading', { name: /Your posture/ }).waitFor();
    const banner = page.locator('.offline-banner');
    expect(await banner.isHidden()).toBe(true);

    // The server stops: the page says so at once.
    const port = server.port;
    await server.kill('SIGTERM');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toMatch(/Offline/);
    await capture(page, 'offline');
    // A move tried now is refused beside its control, nothing is sent, and the posture in force
    // stays shown.
    const shownPosture = () =>
      page.locator('input[name="enforcement"]:checked').getAttribute('value');
    const before = await shownPosture();
    expect(before).not.toBe('tighten');
    await page.getByRole('radio', { name: /^Tighten/ }).click();
    const refusal = page.locator('p.refusal:not([hidden])');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/connection to the table is lost/);
    expect(await shownPosture()).toBe(before);

    // Back on the same port and storage: the page resyncs by itself.
    server = await startServer({ dataDir, port, env, timeoutMs: 120_000 });
    await banner.waitFor({ state: 'hidden', timeout: 60_000 });
    expect(await page.locator('p.refusal:not([hidden])').count()).toBe(0);
    // The refused move was never sent, and the next one is taken: it is in the seat's own log.
    expect(await shownPosture()).toBe(before);
    await page.getByRole('radio', { name: /^Tighten/ }).check();
    await page.locator('.actions-log summary').click();
    await page.getByText('You set your posture: Tighten.').waitFor();
    expect(await page.locator('p.refusal:not([hidden])').count()).toBe(0);
    expect(
      describeViolations(
        new Map([['table (offline, then back)', await audit(page, 'offline-back')]]),
      ),
    ).toBe('');
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|socket\.io/i.test(e))).toEqual(
      [],
    );
    await context.close();
  });
});
