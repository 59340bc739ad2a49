// @vitest-environment happy-dom
// The seminar screens as a person reads them, built from real states of fixed-seed matches: the
// facilitator console (its dashboard answered by a stand-in for the server's seminar API, each
// table cut down to what a spectator sees, as server/seminar.ts does), the projector (the store of
// a spectator's connection) and the debrief (a finished match's record).
import { afterEach, describe, expect, it } from 'vitest';
import { RECORD_FORMAT, type MatchRecord } from '../../src/game/record';
import { getScenario } from '../../src/game/scenario';
import type { BackchannelState } from '../../src/game/types';
import { INTERNAL_TEXT } from '../../src/game/words';
import { makeClassJoin } from '../../src/client/class-join';
import { makeSeminarCreate } from '../../src/client/seminar-create';
import { makeTableStore, withView } from '../../src/client/store';
import type { Dashboard } from '../../src/client/seminar';
import { renderConsole } from '../../src/ui/seminar/console';
import { debriefContent } from '../../src/ui/seminar/debrief';
import { projectorView } from '../../src/ui/seminar/projector';
import type { Screen } from '../../src/ui/seminar/common';
import { dashboardTable, finishedWithDeal, paused } from './seminar-states';
import { matchAt, viewFor } from './states';

const SESSION = 's-screens';

type Reply = { status?: number; body: unknown };

/** Stands in for the server's seminar API: each request is answered by `answer`. */
function fakeServer(answer: (method: string, path: string, body: unknown) => Reply) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = new URL(String(input), 'http://localhost/').pathname;
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : null;
    calls.push({ method, path, body });
    const reply = path === '/api/time' ? { body: { now: Date.now() } } : answer(method, path, body);
    return new Response(JSON.stringify(reply.body), {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return calls;
}

/** Resolves when `check` holds (checked on every animation of the page's timers). */
async function until<T>(check: () => T | null | undefined | false, what: string, ms = 10_000) {
  const start = Date.now();
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const text = (el: Element | null | undefined) =>
  (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Every run of text a person reads or hears (text nodes and labels) under `root`. */
function runs(root: Element): string[] {
  const out: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    // What players wrote and the record's own ids are theirs, not the program's words.
    if (n.parentElement?.closest('blockquote, del, ins, code, input')) continue;
    const t = n.textContent?.trim();
    if (t) out.push(t);
  }
  for (const el of root.querySelectorAll('[aria-label]')) out.push(el.getAttribute('aria-label')!);
  return out;
}

function internal(root: Element): string[] {
  return runs(root).flatMap((t) =>
    [...INTERNAL_TEXT, /\bd\d+\b/].flatMap((re) => {
      const m = re.exec(t);
      return m ? [`“${m[0]}” in “${t.slice(0, 80)}”`] : [];
    }),
  );
}

let screen: Screen | null = null;
afterEach(() => {
  screen?.destroy();
  screen = null;
  document.body.replaceChildren();
});

function openConsole(
  dashboard: () => Dashboard,
  answer?: (m: string, p: string, b: unknown) => Reply | undefined,
) {
  localStorage.setItem(`backchannel.seminar.${SESSION}`, 'the-secret');
  const calls = fakeServer((method, path, body) => {
    if (method === 'GET' && path === `/api/seminars/${SESSION}`)
      return { body: { ...dashboard(), now: Date.now() } };
    return answer?.(method, path, body) ?? { status: 404, body: { error: 'not found' } };
  });
  screen = renderConsole(SESSION);
  document.body.append(screen.element);
  return calls;
}

const card = (n: number) => document.querySelector<HTMLElement>(`.table-card[data-table="${n}"]`);

describe('the facilitator console, from real states', { timeout: 30_000 }, () => {
  const running = paused(matchAt('doha-2026', 'mediation', 'screens-running'));
  const ended = finishedWithDeal('doha-2026');
  const dash = (): Dashboard => ({
    id: SESSION,
    label: 'IR 204',
    options: { scenario: 'doha-2026', rounds: running.G.options.rounds, timer: 'seminar' },
    tables: [dashboardTable(1, running.G), dashboardTable(2, ended)],
  });

  it('a card says the step, who acts, the seats by name and bot label, and its clock once', async () => {
    openConsole(dash);
    const one = await until(() => card(1)?.querySelector('.seats') && card(1), 'table 1’s card');
    const scenario = getScenario('doha-2026');
    expect(text(one.querySelector('.table-status'))).toBe(
      `Round 1 of ${running.G.options.rounds} · Mediation`,
    );
    // Paused: said once by the badge, then the time left (not "Paused" twice).
    expect(text(one.querySelector('.badge.paused'))).toBe('‖ Paused');
    await until(() => /^\d+:\d\d left$/.test(text(one.querySelector('.countdown'))), 'the time');
    expect(text(one.querySelector('.countdown'))).toBe('1:05 left');
    expect(text(one.querySelector('.card-head')).match(/Paused/g)).toHaveLength(1);
    const rows = [...one.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.children].map(text).join(' | '),
    );
    expect(rows[0]).toMatch(
      new RegExp(`^${scenario.seats.A.name} Principal A \\| Student: Ada \\|`),
    );
    expect(rows[1]).toContain(
      `${scenario.seats.B.name} Principal B | Bot (hard, hawk), standing in for Dan |`,
    );
    expect(rows[2]).toContain(`${scenario.seats.broker.name} Broker | Open seat |`);
    // In mediation only the broker acts.
    expect(rows.map((r) => (r.includes('… to act') ? 'acts' : 'done'))).toEqual([
      'done',
      'done',
      'acts',
    ]);
    expect(text(one.querySelector('.track-bars'))).toContain('Breakout (estimate)');
    expect(internal(one)).toEqual([]);
  });

  it('an ended table names its outcome, its deals as people count them and the scores', async () => {
    openConsole(dash);
    const two = await until(() => card(2)?.querySelector('.scores-line') && card(2), 'card 2');
    const final = ended.final!;
    const names = {
      'durable-deal': 'Durable deal',
      'codified-stalemate': 'Codified stalemate',
      collapse: 'Collapse',
      war: 'War',
    };
    expect(text(two.querySelector('.table-status'))).toBe(`Ended: ${names[final.outcome]}`);
    // Said once: the status line says it ended, no badge says it again.
    expect(text(two.querySelector('.card-head')).match(/Ended/g)).toHaveLength(1);
    const deals = text(two.querySelector('.deals-line'));
    expect(deals).toMatch(/^Deals: Deal 1: /);
    expect(deals).not.toMatch(/\bd\d\b/);
    const scenario = getScenario('doha-2026');
    expect(text(two.querySelector('.scores-line'))).toContain(
      `${scenario.seats.A.name} ${final.scores['0']}`,
    );
    const summary = await until(
      () => document.querySelector('.summary-table'),
      'the class summary',
    );
    expect(text(summary.querySelector('tbody tr'))).toContain(names[final.outcome]);
    expect(internal(two)).toEqual([]);
    expect(internal(summary)).toEqual([]);
  });

  it('says which seat a bot now plays, and for whom it stands in, by name', async () => {
    const calls = openConsole(dash, (method, path) =>
      method === 'POST' && path === `/api/seminars/${SESSION}/tables/1/seats/0`
        ? {
            body: {
              ...dashboardTable(1, running.G),
              seats: [
                {
                  seat: '0',
                  controller: 'bot',
                  name: 'Ada',
                  student: true,
                  bot: { level: 'normal' },
                },
              ],
            },
          }
        : undefined,
    );
    const button = await until(
      () => document.querySelector<HTMLButtonElement>('#t1-s0-bot'),
      'the replace button',
    );
    button.click();
    const status = await until(
      () =>
        /Table 1:/.test(text(document.querySelector('.console-status'))) &&
        document.querySelector('.console-status'),
      'the report',
    );
    expect(calls.some((c) => c.path.endsWith('/tables/1/seats/0'))).toBe(true);
    expect(text(status)).toBe(
      'Table 1: Bot (normal) now plays Washington (Principal A), standing in for Ada.',
    );
  });

  it('gives a seat back by name, and a refusal without a seat number', async () => {
    openConsole(dash, (method, path) =>
      method === 'POST' && path === `/api/seminars/${SESSION}/tables/1/seats/1`
        ? { status: 409, body: { error: 'no bot plays seat 1' } }
        : method === 'POST' && path === `/api/seminars/${SESSION}/actions`
          ? {
              status: 409,
              body: {
                error: 'the response step of round 1 is not running',
                results: [
                  { table: 1, ok: false, error: 'the response step of round 1 is not running' },
                  { table: 2, ok: false, error: 'no bot plays seat 2' },
                ],
              },
            }
          : undefined,
    );
    const back = await until(
      () => document.querySelector<HTMLButtonElement>('#t1-s1-back'),
      'the give-back button',
    );
    back.click();
    const status = () => text(document.querySelector('.console-status'));
    await until(() => /^Table 1:/.test(status()), 'the refusal');
    expect(status()).toBe('Table 1: no bot plays Tehran.');
    document.querySelector<HTMLButtonElement>('#all-pause')!.click();
    await until(() => /^Pause all tables/.test(status()), 'the report');
    expect(status()).toBe(
      'Pause all tables: table 1 refused (the response step of round 1 is not running); table 2 refused (no bot plays Doha).',
    );
  });
});

describe('the projector, from a spectator’s store', () => {
  function project(G: BackchannelState) {
    const store = makeTableStore();
    store.setState({ ...withView(store.getState(), viewFor(G, null), null), phase: 'playing' });
    const view = projectorView(() => 1_000);
    view.render(store.getState());
    document.body.replaceChildren(view.element);
    return view.element;
  }

  it('a paused table: step and help, the badge once with the time, tracks and headlines', () => {
    const r = paused(matchAt('meridian-strait', 'drafting', 'screens-projector'));
    const el = project(r.G);
    const scenario = getScenario('meridian-strait');
    expect(text(el.querySelector('h1'))).toBe(scenario.name);
    expect(text(el.querySelector('.proj-step'))).toBe(
      `Round 1 of ${r.G.options.rounds} · Drafting`,
    );
    expect(text(el.querySelector('.proj-help'))).toMatch(/^Principals set their postures/);
    expect(text(el.querySelector('.proj-paused'))).toBe('‖ Paused by the facilitator');
    expect(text(el.querySelector('.proj-countdown'))).toBe('1:05 left');
    const dts = [...el.querySelectorAll('.proj-tracks dt')].map(text);
    expect(dts).toContain('Breakout (estimate)');
    expect(dts).toContain(`Pressure on ${scenario.seats.A.name}`);
    expect(text(el.querySelector('.proj-feed'))).toContain('The facilitator paused the table.');
    expect(internal(el)).toEqual([]);
  });

  it('a finished match: its outcome, who won, the deals by name', () => {
    const G = finishedWithDeal('meridian-strait');
    const el = project(G);
    expect(text(el.querySelector('.proj-step'))).toMatch(/^The match is over: /);
    expect(text(el.querySelector('.proj-help'))).toMatch(/ won$/);
    expect(el.querySelector('.proj-paused')?.hasAttribute('hidden')).toBe(true);
    expect(text(el.querySelector('.proj-deals'))).toMatch(/Deal 1: /);
    expect(internal(el)).toEqual([]);
  });
});

describe('the debrief, from a finished match’s record', () => {
  it.each(['doha-2026', 'meridian-strait'] as const)(
    '%s: outcome, scores by seat name, deals by name, memos as written and delivered',
    (id) => {
      const G = finishedWithDeal(id);
      const record: MatchRecord = {
        format: RECORD_FORMAT,
        matchID: 'm-debrief',
        setupData: { scenario: id },
        seed: G.seed ?? 'seed',
        startedAt: 0,
        actions: [],
        final: G,
      };
      const root = document.createElement('div');
      root.append(...debriefContent(record));
      document.body.replaceChildren(root);
      const scenario = getScenario(id);
      const rows = [...root.querySelectorAll('.scores tbody th')].map(text);
      expect(rows[0]).toMatch(new RegExp(`^${scenario.seats.A.name} \\(Principal A\\)`));
      expect(rows[2]).toMatch(new RegExp(`^${scenario.seats.broker.name} \\(Broker\\)`));
      const fates = [...root.querySelectorAll('.deal-fates > li > strong')].map(text);
      expect(fates).toEqual(G.deals.map((_, i) => `Deal ${i + 1}`));
      expect(text(root.querySelector('.debrief-top .lede'))).toContain(scenario.seats.broker.name);
      const memo = root.querySelector('.debrief-memo');
      if (memo) expect(text(memo)).toContain('As written');
      // The chart's table names each track as the seat model does.
      const tracks = [...root.querySelectorAll('.data-table:not(.scores) tbody th')].map(text);
      expect(tracks).toContain(`Pressure, on ${scenario.seats.B.name}`);
      expect(internal(root)).toEqual([]);
    },
  );
});

describe('a student joining with a code', () => {
  it('hears the server’s refusal by seat name, never a seat number or a field’s name', async () => {
    const join = makeClassJoin({
      lookUpCode: () =>
        Promise.resolve({
          kind: 'seat',
          scenario: { id: 'doha-2026', name: 'Doha 2026' },
          table: 1,
          seat: '1',
          role: 'Tehran',
          free: [{ seat: '1', role: 'Tehran' }],
        }),
      joinWithCode: () => Promise.reject(new Error('seat: this code opens seat 1')),
    });
    expect(await join.join('AB12CD', 'Ada', () => '0')).toBeNull();
    expect(join.store.getState().status).toBe('Could not join: the seat: this code opens Tehran.');
  });

  it('a facilitator creating a session hears which field the server refused, in words', async () => {
    const create = makeSeminarCreate({
      createSeminar: () => Promise.reject(new Error('classList: expected 1 to 30 names')),
    });
    const asked = { label: '', scenario: 'doha-2026', rounds: 4, timer: 'seminar' as const };
    expect(await create.create({ ...asked, seconds: [], classList: 'Ann', tables: 1 })).toBeNull();
    expect(create.store.getState().status).toBe(
      'Could not create the session: the class list: expected 1 to 30 names.',
    );
  });
});

describe('the seminar screens keep no copy of the words', () => {
  it('no seminar screen or client store reads src/ui/format.ts (seat model and words instead)', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..', '..');
    const files = [
      ...readdirSync(join(root, 'src/ui/seminar')).map((f) => `src/ui/seminar/${f}`),
      ...readdirSync(join(root, 'src/client')).map((f) => `src/client/${f}`),
    ].filter((f) => f.endsWith('.ts'));
    expect(files).toContain('src/ui/seminar/projector.ts');
    const offenders = files.filter((f) =>
      /from '(?:\.\.\/)+(?:ui\/)?format'/.test(readFileSync(join(root, f), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
