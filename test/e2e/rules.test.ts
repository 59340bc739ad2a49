// The rules reference in a real Chromium (issue #12): from the home page by keyboard alone to
// #/rules, which lists every clause of the default scenario with its verification time; axe-core
// finds no serious or critical violation at 1280×720 or 390 px; from a live solo table the Rules
// link opens the reference of the match's scenario in a new tab and the match goes on untouched.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesReferenceFor } from '../../src/game/model/rules-reference';
import { DEFAULT_SCENARIO, getScenario } from '../../src/game/scenario';
import {
  CHROMIUM,
  DESKTOP,
  HAS_CHROMIUM,
  PHONE,
  REQUIRE_CHROMIUM,
  audit,
  describeViolations,
  launchChromium,
  shoot,
  startApp,
  newPage as openPage,
  type App,
  type AxeViolation,
} from './support';

if (!HAS_CHROMIUM && !REQUIRE_CHROMIUM)
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (REQUIRE_CHROMIUM=1 to fail).`);

let app: App;
let browser: Browser;
const errors: string[] = [];

const newPage = (): Promise<Page> => openPage(browser, errors);

/** Axe at both sizes: every serious or critical violation, by screen and size. */
async function auditBoth(page: Page, name: string): Promise<string> {
  const found = new Map<string, AxeViolation[]>();
  for (const [label, size] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    await page.setViewportSize(size);
    found.set(`${name}-${label}`, await audit(page, `${name}-${label}`));
  }
  await page.setViewportSize(DESKTOP);
  return describeViolations(found);
}

describe.runIf(HAS_CHROMIUM || REQUIRE_CHROMIUM)('the rules reference in Chromium', () => {
  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'from the home page by keyboard, it lists every clause of the default scenario',
    { timeout: 120_000 },
    async () => {
      const page = await newPage();
      await page.goto(`${app.url}/`);
      await page.getByRole('heading', { name: 'Backchannel', level: 1 }).waitFor();
      // Tab until the Rules link has focus (a person's way through the page), then Enter.
      let reached = false;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(
          () => document.activeElement?.classList.contains('rules-link') ?? false,
        );
      }
      expect(reached).toBe(true);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Rules reference', level: 1 }).waitFor();
      expect(page.url()).toMatch(/#\/rules$/);
      // Focus moved to the new screen's heading.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
      const scenario = getScenario(DEFAULT_SCENARIO);
      const clauses = page.locator('section.rules-clauses article.rules-card');
      await expect.poll(() => clauses.count()).toBe(scenario.catalog.length);
      const model = rulesReferenceFor(DEFAULT_SCENARIO)
        .sections.find((s) => s.id === 'clauses')!
        .blocks.flatMap((b) => (b.kind === 'cards' ? b.cards : []));
      for (const [i, def] of scenario.catalog.entries()) {
        const card = clauses.nth(i);
        expect(await card.locator('h3').textContent()).toBe(def.name);
        const verify = model[i]!.lines.find((l) => l.term === 'Verification')!.text;
        expect(await card.textContent()).toContain(verify);
        expect(await card.locator('li').count()).toBe(def.sizes.length);
      }
      // The contents by keyboard: Enter on a link moves focus to its section.
      await page.getByRole('link', { name: 'Clauses', exact: true }).focus();
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Clauses');
      expect(page.url()).toMatch(/#\/rules$/);
      // The picker: another scenario, in place.
      await page.getByLabel('Scenario').selectOption('meridian-strait');
      await page.getByText(`Scenario: ${getScenario('meridian-strait').name}`).waitFor();
      expect(page.url()).toMatch(/#\/rules\/meridian-strait$/);
      await page.getByLabel('Scenario').selectOption(DEFAULT_SCENARIO);
      await page.getByText(`Scenario: ${scenario.name}`).waitFor();
      expect(await auditBoth(page, 'rules')).toBe('');
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'rules');
      // Back home by its link.
      await page.getByRole('link', { name: '← Back to the home page' }).click();
      await page.getByRole('button', { name: /^Play now as/ }).waitFor();
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );

  it(
    'from a live solo table, the Rules link opens a new tab and the match goes on',
    { timeout: 120_000 },
    async () => {
      const page = await newPage();
      await page.goto(`${app.url}/`);
      await page.getByRole('button', { name: /^Play now as/ }).click();
      const composer = page.getByRole('heading', { name: /^Memo to / });
      await composer.waitFor({ timeout: 30_000 });
      const title = await page.locator('h1.match-title').textContent();
      // Help beside the composer's controls: the clause picked says what it does.
      const clause = page.getByLabel('Clause 1');
      const first = getScenario(DEFAULT_SCENARIO).catalog[0]!;
      await clause.selectOption(first.id);
      const describedBy = await clause.getAttribute('aria-describedby');
      expect(await page.locator(`#${describedBy}`).textContent()).toContain(first.summary);
      await page.getByText('What each clause does').click();
      expect(await auditBoth(page, 'table-composer-help')).toBe('');
      await shoot(page, 'table-composer-help');
      const [tab] = await Promise.all([
        page.context().waitForEvent('page'),
        page.locator('.table-header a.rules-link').click(),
      ]);
      await tab.getByRole('heading', { name: 'Rules reference', level: 1 }).waitFor();
      expect(tab.url()).toMatch(new RegExp(`#/rules/${DEFAULT_SCENARIO}$`));
      // The table is still there, the same match, the composer as it was.
      expect(await page.locator('h1.match-title').textContent()).toBe(title);
      expect(await clause.inputValue()).toBe(first.id);
      expect(await composer.count()).toBe(1);
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
  it(
    'the broker’s desk says beside each tool what it does and costs',
    { timeout: 180_000 },
    async () => {
      const page = await newPage();
      await page.goto(`${app.url}/`);
      const solo = page.getByRole('form', { name: 'Play solo' });
      await solo.getByText('Scenario, length and bots').click();
      await solo.getByLabel('Bot speed').selectOption({ label: 'Instant' });
      await solo.getByRole('radio', { name: /Broker/ }).check();
      await solo.getByRole('button', { name: 'Start a solo match' }).click();
      const endMediation = page.getByRole('button', { name: 'End my mediation' });
      const desk = page.getByRole('region', { name: /^On your desk/ });
      const press = page.getByRole('region', { name: 'Press statement' }).getByRole('button');
      // Until a memo lies on the desk (a bot may write none in a round).
      for (let guard = 0; guard < 8; guard++) {
        await endMediation.or(press.first()).first().waitFor({ timeout: 60_000 });
        if ((await endMediation.isVisible()) && (await desk.getByRole('article').count()) > 0)
          break;
        const step = (await endMediation.isVisible()) ? endMediation : press.first();
        await step.click();
        await step.waitFor({ state: 'hidden' });
      }
      const memo = desk.getByRole('article').first();
      await memo.waitFor();
      const t = getScenario(DEFAULT_SCENARIO).tunables.mediation;
      await memo.getByText('What relay, strike, reframe, hold and leak do').click();
      const help = memo.locator('details.tools-help');
      expect(await help.locator('dt').allTextContents()).toEqual([
        'Relay (free)',
        'Strike (redact) (free)',
        `Reframe (${t.reframeCost} capital)`,
        'Hold (free)',
        `Leak (${t.leakCapital} capital)`,
      ]);
      // Each button names its help: the accessible description a screen reader reads out.
      const leak = memo.getByRole('button', { name: /^Leak/ });
      const id = await leak.getAttribute('aria-describedby');
      expect(await page.locator(`#${id}`).textContent()).toContain(
        `pressure ${t.leakPressure > 0 ? '+' : ''}${t.leakPressure}`,
      );
      expect(await auditBoth(page, 'broker-tools-help')).toBe('');
      await memo.scrollIntoViewIfNeeded();
      await shoot(page, 'broker-tools-help');
      expect(errors).toEqual([]);
      await page.context().close();
    },
  );
});
