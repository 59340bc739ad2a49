// Seminar mode end to end in a real Chromium (docs/SEMINAR.md): a facilitator creates a 3-table
// session, four student browsers join two of the tables by code, bots fill the rest; the
// facilitator starts, pauses, sends an inject and replaces students with bots; one student plays
// the broker and reframes a clause by clicking; every match ends; the class summary, the
// projector and the debrief (the reframe as a diff, the true attribution of every incident) show,
// and the exports download and parse. Every new screen is audited by axe-core and shot.
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchRecord } from '../../src/game/record';
import {
  CHROMIUM,
  DESKTOP,
  HAS_CHROMIUM,
  PHONE,
  REQUIRE_CHROMIUM,
  audits,
  capture,
  describeViolations,
  launchChromium,
  lesser,
  startApp,
  watchErrors,
  type App,
} from './support';

if (!HAS_CHROMIUM && !REQUIRE_CHROMIUM)
  console.warn(`Seminar browser tests skipped: no Chromium at ${CHROMIUM}.`);

let app: App;
let browser: Browser;
const errors: string[] = [];
const contexts: BrowserContext[] = [];

async function newPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  contexts.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  watchErrors(page, errors);
  // Confirmations (end a step now, delete the session) are accepted.
  page.on('dialog', (d) => void d.accept());
  return page;
}

const shown = (locator: Locator, timeout = 30_000) =>
  locator.first().waitFor({ state: 'visible', timeout });

async function hasText(locator: Locator, expected: RegExp, timeout = 30_000): Promise<void> {
  await expect
    .poll(async () => ((await locator.first().textContent()) ?? '').trim(), { timeout })
    .toMatch(expected);
}

/** A table's card on the console. */
const card = (page: Page, n: number) =>
  page.getByRole('region', { name: `Table ${n}`, exact: true });

/** A student takes a seat with a code: types it (or follows a link), a name, maybe a seat. */
async function joinClass(
  page: Page,
  opts: { code?: string; link?: string; name: string; seat?: RegExp },
): Promise<void> {
  if (opts.link) await page.goto(opts.link);
  else {
    await page.goto(`${app.url}/#/class`);
    await page.getByLabel('Code').fill(opts.code!);
    await page.getByLabel('Code').press('Tab');
  }
  await shown(page.getByText(/, table \d\./));
  await page.getByLabel('Your name').fill(opts.name);
  if (opts.seat) await page.getByRole('radio', { name: opts.seat }).check();
  await page.getByRole('button', { name: 'Take my seat' }).click();
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 30_000 })
    .toMatch(/ · You are /);
}

describe.runIf(HAS_CHROMIUM || REQUIRE_CHROMIUM)('seminar mode in Chromium', () => {
  beforeAll(async () => {
    if (!HAS_CHROMIUM)
      throw new Error(`REQUIRE_CHROMIUM=1 but there is no Chromium at ${CHROMIUM}`);
    [app, browser] = await Promise.all([startApp(), launchChromium()]);
  }, 240_000);

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await app?.stop();
  }, 60_000);

  it(
    'runs a 3-table class from the console to the debrief and its exports',
    { timeout: 420_000 },
    async () => {
      // --- The facilitator creates the session from the home page.
      const fac = await newPage();
      await fac.goto(app.url);
      await fac.getByRole('link', { name: 'Run a seminar' }).click();
      await fac.getByLabel('Session label (optional)').fill('IR 204, Tuesday');
      await fac.getByLabel('Length').selectOption({ label: '4 rounds' });
      await fac.getByLabel('Timers').selectOption('custom');
      await fac.getByLabel('Drafting').fill('30');
      await fac.getByLabel('Mediation').fill('120');
      await fac.getByLabel('Response').fill('30');
      await fac.getByLabel('Press').fill('20');
      await fac.getByLabel('Number of tables').fill('3');
      await capture(fac, 'seminar-new');
      await fac.getByRole('button', { name: 'Create the session' }).click();
      await shown(fac.getByRole('heading', { name: 'Keep your facilitator secret' }));
      const secret = await fac.getByLabel('Facilitator secret', { exact: true }).inputValue();
      expect(secret.length).toBeGreaterThan(20);
      await capture(fac, 'seminar-secret');
      await fac.getByRole('link', { name: 'Open the facilitator console' }).click();
      await shown(card(fac, 3));
      const sessionId = fac.url().split('/').pop()!;
      expect(
        await fac.evaluate((id) => localStorage.getItem(`backchannel.seminar.${id}`), sessionId),
      ).toBe(secret);
      for (const n of [1, 2, 3]) await shown(card(fac, n).getByText('‖ Paused'));
      await capture(fac, 'seminar-console-new');

      // By keyboard: Tab walks the console's controls, each with a visible focus ring.
      await fac.getByRole('heading', { level: 1 }).focus();
      const walked: string[] = [];
      for (let i = 0; i < 14; i++) {
        await fac.keyboard.press('Tab');
        const f = await fac.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return {
            name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim(),
            ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          };
        });
        expect(f.ring, `focus ring on ${f.name}`).toBe(true);
        walked.push(f.name);
      }
      expect(walked).toContain('▶ Start / resume');
      expect(walked).toContain('Send the inject');

      // A browser without the secret is asked for it, and a wrong one is refused.
      const other = await newPage();
      await other.goto(`${app.url}/#/seminar/${sessionId}`);
      const paste = other.getByRole('textbox', { name: 'Facilitator secret' });
      await paste.fill('not-the-secret');
      await other.getByRole('button', { name: 'Open the console' }).click();
      await shown(other.getByRole('alert').filter({ hasText: 'The server refused this secret' }));
      await capture(other, 'seminar-secret-needed');
      await paste.fill(secret);
      await other.getByRole('button', { name: 'Open the console' }).click();
      await shown(card(other, 1));
      await other.close();

      const code = (label: string) => fac.getByLabel(label, { exact: true }).inputValue();
      const table1 = await code('Table 1 code');
      const table2 = await code('Table 2 code');
      const brokerLink = await code('Table 1, Broker seat link');
      expect(table1).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
      expect(brokerLink).toMatch(/\/#\/class\/[A-Z0-9]{6}$/);

      // --- Four students join two of the tables (one on a phone).
      const ada = await newPage();
      await joinClass(ada, { code: table1, name: 'Ada', seat: /Principal A/ });
      const bea = await newPage(PHONE);
      await joinClass(bea, { link: brokerLink, name: 'Bea' });
      await capture(bea, 'seminar-student-seated');
      const cy = await newPage();
      await cy.goto(`${app.url}/#/class/${table2.toLowerCase()}`);
      await shown(cy.getByRole('radio', { name: /Principal B/ }));
      await capture(cy, 'seminar-class-join');
      await joinClass(cy, { code: table2, name: 'Cy', seat: /Principal A/ });
      const dan = await newPage();
      await joinClass(dan, { code: table2, name: 'Dan', seat: /Principal B/ });
      // A reload puts a student back in the seat.
      await dan.reload();
      // As joinClass waits for the first seating (30 s): under the whole suite's load a reload's
      // reconnection took longer than expect.poll's default 5 s once.
      await hasText(dan.getByRole('heading', { level: 1 }), /You are .* \(Principal B\)/);

      await hasText(card(fac, 1).getByRole('row', { name: /Washington/ }), /Student: Ada/);
      await hasText(card(fac, 2).getByRole('row', { name: /Tehran/ }), /Student: Dan/);

      // --- Bots fill the open seats; the tables start.
      await fac.getByLabel('Bot level').selectOption('normal');
      await fac.getByRole('button', { name: 'Fill every open seat with bots' }).click();
      await expect
        .poll(
          () =>
            card(fac, 3)
              .getByText(/^Bot \(normal\)$/)
              .count(),
          { timeout: 30_000 },
        )
        .toBe(3);
      await hasText(card(fac, 1).getByRole('row', { name: /Tehran/ }), /Bot \(normal\)/);
      await fac
        .getByRole('region', { name: 'All tables' })
        .getByRole('button', { name: /Start \/ resume/ })
        .click();
      await hasText(fac.getByRole('status').filter({ hasText: /Start or resume/ }), /done on/);
      await shown(card(fac, 1).getByText(/^Round 1 of 4 · Drafting$/));

      // Ada writes a memo by clicking: one clause with a size below the largest.
      const draft = ada.getByRole('region', { name: /^Memo to / });
      await draft.getByLabel('Clause 1').selectOption({ label: 'Humanitarian pause (both give)' });
      await draft.getByLabel('Size').first().selectOption({ label: '7 days' });
      await draft.getByLabel('Text').fill('We propose a pause. Talks can follow.');
      await draft.getByRole('button', { name: 'Send to the broker' }).click();
      await shown(ada.getByText(/1 of \d sent this round/));

      // --- The facilitator pauses table 1, sends it an inject, resumes it.
      await card(fac, 1).getByRole('button', { name: /Pause/ }).click();
      await shown(card(fac, 1).getByText('‖ Paused'));
      // The badge says paused; the clock beside it, the time left (not "Paused" again).
      await shown(
        card(fac, 1)
          .getByRole('timer')
          .filter({ hasText: /^\d+:\d\d left$/ }),
      );
      // A student is seated by the facilitator's codes: no invite links on her table.
      expect(await ada.getByText('Invite players').count()).toBe(0);
      // Ada, at table 1, is told: her status line and countdown say the table is paused.
      await shown(ada.getByText(/^Paused by the facilitator · Round 1 of 4 · Drafting/));
      await shown(ada.getByRole('timer').filter({ hasText: /^Paused: \d+:\d\d left$/ }));
      await fac.getByLabel('To', { exact: true }).selectOption({ label: 'Table 1' });
      const inject = fac.getByLabel('Inject', { exact: true });
      const headline = (await inject.locator('option').first().textContent())!;
      await fac.getByRole('button', { name: 'Send the inject' }).click();
      await hasText(fac.getByRole('status').filter({ hasText: /^Inject/ }), /done on table 1/);
      // A custom headline goes to table 2.
      await fac.getByLabel('To', { exact: true }).selectOption({ label: 'Table 2' });
      await inject.selectOption({ label: 'A custom headline…' });
      await fac.getByLabel('Custom headline (1–140 characters)').fill('Snap elections called');
      await fac.getByLabel('Escalation', { exact: true }).fill('1');
      await capture(fac, 'seminar-console-inject');
      await fac.getByRole('button', { name: 'Send the inject' }).click();
      await hasText(fac.getByRole('status').filter({ hasText: /^Custom inject/ }), /done/);

      // The projector of table 1 shows it paused, with the inject's headline.
      const proj = await newPage();
      await proj.goto(`${app.url}/#/projector/${await matchIdOf(fac, 1)}`);
      await shown(proj.getByText('‖ Paused by the facilitator'));
      await shown(proj.getByRole('region', { name: 'Headlines' }).getByText(headline));
      await capture(proj, 'seminar-projector');

      await card(fac, 1)
        .getByRole('button', { name: /Start \/ resume/ })
        .click();
      await hasText(
        fac.getByRole('status').filter({ hasText: /^Start or resume table 1/ }),
        /done on table 1/,
      );
      await expect
        .poll(() => card(fac, 1).getByText('‖ Paused').count(), { timeout: 15_000 })
        .toBe(0);
      await expect
        .poll(() => ada.getByText(/^Paused by the facilitator/).count(), { timeout: 15_000 })
        .toBe(0);

      // --- A student is replaced with a bot (and the seat given back, then replaced again).
      await card(fac, 2)
        .getByRole('button', { name: 'Replace with bot: Principal B of table 2' })
        .click();
      await hasText(
        card(fac, 2).getByRole('row', { name: /Tehran/ }),
        /Bot \(normal\), standing in for Dan/,
      );
      await card(fac, 2)
        .getByRole('button', { name: /^Give back: Principal B of table 2/ })
        .click();
      await hasText(card(fac, 2).getByRole('row', { name: /Tehran/ }), /Student: Dan/);
      await card(fac, 2)
        .getByRole('button', { name: 'Replace with bot: Principal B of table 2' })
        .click();
      await hasText(card(fac, 2).getByRole('row', { name: /Tehran/ }), /standing in for Dan/);

      // --- Ada ends her drafting; Bea, the broker, reframes Ada's clause by clicking.
      await ada.getByRole('button', { name: 'End my drafting' }).click();
      const endMediation = bea.getByRole('button', { name: 'End my mediation' });
      await shown(endMediation, 90_000);
      const desk = bea.getByRole('region', { name: /^On your desk/ });
      const fromAda = desk.getByRole('article', { name: /^From Washington, round 1/ });
      await fromAda.getByLabel('Deliver the size').first().selectOption('1');
      await shown(fromAda.getByText(/^Relay cost: 1 capital/));
      await capture(bea, 'seminar-broker-reframe');
      await fromAda.getByRole('button', { name: /^Relay to / }).click();
      await expect.poll(() => fromAda.count()).toBe(0);
      expect(await bea.locator('.desk .refusal:not([hidden])').count()).toBe(0);
      for (let n = await desk.getByRole('article').count(); n > 0; n--) {
        await desk
          .getByRole('article')
          .first()
          .getByRole('button', { name: /^Relay to / })
          .click();
        await expect.poll(() => desk.getByRole('article').count()).toBe(n - 1);
      }
      await endMediation.click();
      await shown(card(fac, 1).getByText(/^Round 1 of 4 · (Response|Press)$|^Round 2 of 4/));
      await capture(fac, 'seminar-console-running');

      // --- Table 2's step is ended now (after a confirmation).
      const step2 = (await card(fac, 2).locator('.table-status').textContent())!;
      await card(fac, 2).getByRole('button', { name: 'End step now…' }).click();
      await hasText(
        fac.getByRole('status').filter({ hasText: /^End the step/ }),
        /done on table 2/,
      );
      await expect.poll(() => card(fac, 2).locator('.table-status').textContent()).not.toBe(step2);

      // --- The facilitator hands the other students' seats to bots; every match plays out.
      for (const [n, role] of [
        [1, 'Principal A'],
        [1, 'Broker'],
        [2, 'Principal A'],
      ] as const)
        await card(fac, n)
          .getByRole('button', { name: `Replace with bot: ${role} of table ${n}` })
          .click();
      for (const n of [1, 2, 3]) await shown(card(fac, n).getByText(/^Ended: /), 180_000);
      const summary = fac.getByRole('region', { name: 'Class summary' });
      await expect.poll(() => summary.getByRole('row').count(), { timeout: 10_000 }).toBe(4);
      await capture(fac, 'seminar-console-ended');

      // The student's end screen links to the debrief and replay (#/review).
      await shown(ada.getByRole('link', { name: 'Debrief and replay' }), 30_000);

      // --- The debrief of table 1: the reframe as a diff, incidents with their attribution.
      await card(fac, 1).getByRole('link', { name: 'Debrief of table 1' }).click();
      await shown(fac.getByRole('heading', { name: 'For discussion' }));
      const reframed = fac.locator('.reframed-clause').first();
      await shown(reframed);
      await hasText(reframed, /^Reframed: Humanitarian pause: 7 days → 14 days/);
      expect(await reframed.locator('del').textContent()).toBe('7 days');
      expect(await reframed.locator('ins').textContent()).toBe('14 days');
      await shown(fac.getByRole('img', { name: /^Escalation over the rounds/ }));
      await shown(fac.getByRole('table', { name: /^The same numbers/ }));
      await shown(fac.getByText(/reframed 1 memo/).first());
      await capture(fac, 'seminar-debrief');

      for (const n of [1, 2, 3]) {
        const matchID = await matchIdOfDebrief(fac, n, sessionId);
        const record = await fac.evaluate(
          (id) => fetch(`/api/matches/${id}/record`).then((r) => r.json()),
          matchID,
        );
        const G = (record as MatchRecord).final;
        await fac.goto(`${app.url}/#/debrief/${matchID}`);
        const incidents = fac.getByRole('region', { name: /^Incidents and who/ });
        await shown(incidents);
        const items = incidents.getByRole('listitem');
        await expect.poll(() => items.count()).toBe(G.incidents.length);
        for (const [i, inc] of G.incidents.entries()) {
          const text = (await items.nth(i).textContent()) ?? '';
          expect(text).toContain(inc.headline);
          expect(text).toContain(
            G.attributions[inc.id] === 'directed' ? 'directed by Tehran' : 'rogue',
          );
        }
        console.info(
          `e2e seminar table ${n}: ${G.final!.outcome}, ${G.incidents.length} incidents, ${G.memos.length} memos, ${G.deals.length} deals`,
        );
      }

      // --- A directed incident's true attribution. The dice draw one only while B has unleashed
      // its proxies, and then only by chance (here: none may have come up at the three tables).
      // So bot matches on the same server (a hawk B, 2-second steps) play until one has drawn
      // one; its debrief must name who was really behind it.
      let directed: { matchID: string; G: MatchRecord['final'] } | undefined;
      for (let attempt = 0; attempt < 8 && !directed; attempt++) {
        const created = await fac.evaluate(
          (setupData) =>
            fetch('/games/backchannel/create', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ numPlayers: 3, setupData }),
            }).then((r) => r.json() as Promise<{ matchID: string }>),
          {
            rounds: 6,
            timers: { drafting: 2, mediation: 2, response: 2, press: 2 },
            bots: {
              '0': { level: 'normal' },
              '1': { level: 'normal', persona: 'hawk' },
              '2': { level: 'normal' },
            },
          },
        );
        let record: MatchRecord | null = null;
        await expect
          .poll(
            async () => {
              record = await fac.evaluate(
                (id) => fetch(`/api/matches/${id}/record`).then((r) => (r.ok ? r.json() : null)),
                created.matchID,
              );
              return record !== null;
            },
            { timeout: 90_000, interval: 1_000 },
          )
          .toBe(true);
        const G = record!.final;
        if (Object.values(G.attributions).includes('directed'))
          directed = { matchID: created.matchID, G };
        console.info(
          `e2e seminar: bot match ${attempt + 1}, directed incident: ${Boolean(directed)}`,
        );
      }
      expect(directed, 'no directed incident in 8 bot matches with a hawk B').toBeDefined();
      await fac.goto(`${app.url}/#/debrief/${directed!.matchID}`);
      const behind = fac.getByRole('region', { name: /^Incidents and who/ });
      const [id] = Object.entries(directed!.G.attributions).find(([, a]) => a === 'directed')!;
      const incident = directed!.G.incidents.find((i) => i.id === id)!;
      await shown(
        behind
          .getByRole('listitem')
          .filter({ hasText: incident.headline })
          .filter({ hasText: 'directed by Tehran' }),
      );

      // --- Exports: JSON parses, the CSVs have a header and rows.
      const first = await matchIdOfDebrief(fac, 1, sessionId);
      await fac.goto(`${app.url}/#/debrief/${first}`);
      const download = async (name: string) => {
        const [file] = await Promise.all([
          fac.waitForEvent('download'),
          fac.getByRole('link', { name }).click(),
        ]);
        return readFileSync((await file.path())!, 'utf8');
      };
      const json = JSON.parse(await download('Download the record (JSON)')) as MatchRecord;
      expect(json.matchID).toBe(first);
      expect(json.actions.length).toBeGreaterThan(0);
      for (const [name, header] of [
        ['Download the tracks (CSV)', /^round,escalation,/],
        ['Download the memos (CSV)', /^memo,round,author,/],
      ] as const) {
        const lines = (await download(name)).trim().split(/\r?\n/);
        expect(lines[0]).toMatch(header);
        expect(lines.length).toBeGreaterThan(1);
      }

      // --- The session is deleted, with every match.
      await fac.goto(`${app.url}/#/seminar/${sessionId}`);
      await fac.getByRole('button', { name: 'Delete the session…' }).click();
      await shown(fac.getByText('The session and all its data are deleted.'));
      const gone = await fac.evaluate(
        (id) => fetch(`/api/matches/${id}/record`).then((r) => r.status),
        first,
      );
      expect(gone).toBe(404);

      expect(errors).toEqual([]);
    },
  );

  it('has no serious accessibility violation on any seminar screen', () => {
    const minor = describeViolations(lesser);
    if (minor) console.info(`axe (moderate/minor, not failed on):\n${minor}`);
    expect(describeViolations(audits)).toBe('');
  });
});

/** The match id of a table, from the projector link on its card. */
async function matchIdOf(page: Page, n: number): Promise<string> {
  const href = await card(page, n)
    .getByRole('link', { name: new RegExp(`^Projector view of table ${n}`) })
    .getAttribute('href');
  return decodeURIComponent(href!.split('/').pop()!);
}

/** The match id of a table, read from the dashboard with the stored secret. */
async function matchIdOfDebrief(page: Page, n: number, sessionId: string): Promise<string> {
  return page.evaluate(
    async ([id, table]) => {
      const secret = localStorage.getItem(`backchannel.seminar.${id}`)!;
      const res = await fetch(`/api/seminars/${id}`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      const d = (await res.json()) as { tables: { table: number; matchID: string }[] };
      return d.tables.find((t) => t.table === table)!.matchID;
    },
    [sessionId, n] as const,
  );
}
