// #/seminar/<id>: the facilitator console. The dashboard is read every 2 s; each table's card is
// redrawn only when what it shows changed (focus stays where it was), countdowns tick locally
// from the server's clock, and only the facilitator's own actions and tables ending are announced.
import type { SeminarError } from '../../client/seminar';
import {
  act,
  classLink,
  deleteSeminar,
  fillSeats,
  forgetSecret,
  getDashboard,
  rememberSecret,
  savedSecret,
  serverOffset,
  setSeat,
  type ActionResult,
  type BotSpec,
  type Dashboard,
  type SeminarSeat,
  type SeminarTable,
  liveTable,
  type LiveTable,
} from '../../client/seminar';
import { PERSONAS, BOT_LEVELS } from '../../bots';
import type { FacilitatorAction } from '../../game/facilitation';
import { getScenario, hasScenario } from '../../game/scenario';
import { TRACK_NAMES, type Scenario } from '../../game/scenario/schema';
import type { Final, Seat } from '../../game/types';
import { h, renderKeyed } from '../dom';
import { formatCountdown, OUTCOME_NAMES, roleName, seatName, STEP_NAMES } from '../format';
import { copyField, dealLine, errorBox, page, trackBars, trackRows } from './common';

const POLL_MS = 2000;
const SEATS: readonly Seat[] = ['0', '1', '2'];

export interface Screen {
  element: HTMLElement;
  destroy(): void;
}

const EFFECT_KEYS = TRACK_NAMES;

function scenarioOf(d: Dashboard): Scenario {
  const id = d.options?.scenario;
  return getScenario(id && hasScenario(id) ? id : 'doha-2026');
}

function timerText(timer: Dashboard['options']['timer']): string {
  if (timer === null || timer === 'untimed') return 'untimed';
  if (typeof timer === 'string') return `${timer} timers`;
  return `custom timers (${timer.drafting}, ${timer.mediation}, ${timer.response} and ${timer.press} s a step)`;
}

const finalOf = (t: SeminarTable): Final | null => t.final ?? null;

function tableStatus(t: SeminarTable): string {
  const s = liveTable(t);
  const final = finalOf(t);
  if (final) return `Ended: ${OUTCOME_NAMES[final.outcome]}`;
  if (!s) return 'This table’s match is missing';
  if (s.step === 'over') return 'The match is over';
  return `Round ${s.round} of ${s.rounds} · ${STEP_NAMES[s.step]}`;
}

function controllerText(seat: SeminarSeat): string {
  const bot = seat.bot
    ? `Bot (${seat.bot.level}${seat.bot.persona ? `, ${seat.bot.persona}` : ''})`
    : 'Bot';
  if (seat.controller === 'bot')
    return seat.student && seat.name ? `${bot}, standing in for ${seat.name}` : bot;
  if (seat.controller === 'student')
    return `Student: ${seat.name ?? 'unnamed'}${seat.connected === false ? ' (offline)' : ''}`;
  return seat.name ? `Open, kept for ${seat.name}` : 'Open seat';
}

export function renderConsole(id: string): Screen {
  let secret = savedSecret(id);
  let dashboard: Dashboard | null = null;
  let offset = 0;
  let stopped = false;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  const ended = new Set<number>();
  let firstLoad = true;

  const status = h('p', { class: 'console-status', role: 'status' });
  const errorHost = h('div', { class: 'console-error' });
  const header = h('div', { class: 'console-summary' });
  const controls = h('section', { class: 'console-controls', 'aria-labelledby': 'all-h' });
  const cards = h('div', { class: 'table-cards' });
  const summary = h('section', { class: 'class-summary', 'aria-labelledby': 'summary-h' });
  const danger = h('section', { class: 'console-danger', 'aria-labelledby': 'danger-h' });
  const body = h('div', { class: 'console-body' });

  const say = (text: string) => {
    // Re-set even when equal, so the same message is announced again.
    status.textContent = '';
    setTimeout(() => (status.textContent = text), 50);
  };

  // --- Bots: one choice of level and persona for filling and for replacing students.
  const level = h(
    'select',
    { id: 'bot-level' },
    ...BOT_LEVELS.map((l) => h('option', { value: l, selected: l === 'normal' }, l)),
  );
  const persona = h(
    'select',
    { id: 'bot-persona' },
    h('option', { value: 'any' }, 'balanced'),
    ...PERSONAS.map((p) => h('option', { value: p }, p)),
  );
  const botSpec = (): BotSpec => ({
    level: level.value as BotSpec['level'],
    ...(persona.value !== 'any' ? { persona: persona.value as BotSpec['persona'] & string } : {}),
  });

  const report = (what: string, results: ActionResult[]) => {
    const failed = results.filter((r) => !r.ok);
    if (failed.length === 0)
      say(
        `${what}: done on ${results.length === 1 ? `table ${results[0]!.table}` : `${results.length} tables`}.`,
      );
    else
      say(
        `${what}: ${failed.map((r) => `table ${r.table} refused (${r.error ?? 'no reason given'})`).join('; ')}${results.length > failed.length ? `; done on ${results.length - failed.length} other table${results.length - failed.length > 1 ? 's' : ''}` : ''}.`,
      );
  };

  const run = async (what: string, tables: number[] | 'all', action: FacilitatorAction) => {
    if (!secret) return;
    try {
      report(what, await act(id, secret, tables, action));
    } catch (err) {
      say(`${what} failed: ${(err as Error).message}`);
    }
    void poll(false);
  };

  const endStepNow = async (tables: SeminarTable[]) => {
    const live = tables
      .map(liveTable)
      .filter((t): t is LiveTable => t !== null && !finalOf(t) && t.step !== 'over');
    if (live.length === 0) return say('No running table to end a step on.');
    const names = live
      .map((t) => `table ${t.table} (${STEP_NAMES[t.step]}, round ${t.round})`)
      .join(', ');
    if (
      !window.confirm(
        `End the current step now on ${names}? Seats that have not acted get the defaults.`,
      )
    )
      return;
    const results: ActionResult[] = [];
    for (const t of live) {
      try {
        const r = await act(id, secret!, [t.table], {
          kind: 'endStep',
          round: t.round,
          step: t.step as 'drafting',
        });
        results.push(...r);
      } catch (err) {
        results.push({ table: t.table, ok: false, error: (err as Error).message });
      }
    }
    report('End the step', results);
    void poll(false);
  };

  const tableButtons = (prefix: string, target: () => SeminarTable[]): HTMLElement => {
    const nums = () => {
      const ts = target();
      return ts.length === dashboard?.tables.length ? ('all' as const) : ts.map((t) => t.table);
    };
    const scope = prefix === 'all' ? 'all tables' : `table ${prefix.slice(1)}`;
    return h(
      'div',
      { class: 'actions wrap', role: 'group', 'aria-label': `Clock of ${scope}` },
      h(
        'button',
        {
          type: 'button',
          id: `${prefix}-resume`,
          onclick: () => void run(`Start or resume ${scope}`, nums(), { kind: 'resume' }),
        },
        '▶ Start / resume',
      ),
      h(
        'button',
        {
          type: 'button',
          id: `${prefix}-pause`,
          class: 'secondary',
          onclick: () => void run(`Pause ${scope}`, nums(), { kind: 'pause' }),
        },
        '‖ Pause',
      ),
      h(
        'button',
        {
          type: 'button',
          id: `${prefix}-extend`,
          class: 'secondary',
          onclick: () => void run(`Add 60 s on ${scope}`, nums(), { kind: 'extend', seconds: 60 }),
        },
        '+60 s',
      ),
      h(
        'button',
        {
          type: 'button',
          id: `${prefix}-end-step`,
          class: 'danger',
          onclick: () => void endStepNow(target()),
        },
        'End step now…',
      ),
    );
  };

  // --- The inject form: a scenario inject or a custom headline with track changes.
  const injectForm = (scenario: Scenario): HTMLElement => {
    const target = h(
      'select',
      { id: 'inject-target' },
      h('option', { value: 'all' }, 'All tables'),
      ...(dashboard?.tables ?? []).map((t) =>
        h('option', { value: String(t.table) }, `Table ${t.table}`),
      ),
    );
    const which = h(
      'select',
      { id: 'inject-which' },
      ...scenario.injects.map((i) => h('option', { value: i.id }, i.headline)),
      h('option', { value: '__custom' }, 'A custom headline…'),
    );
    const describe = h('p', { class: 'hint', id: 'inject-summary' });
    const headline = h('input', { id: 'inject-headline', maxlength: 140 });
    const rows = trackRows(scenario, scenario.tracks as never, 0);
    const effects = EFFECT_KEYS.map((k) =>
      h('input', {
        id: `inject-${k}`,
        type: 'number',
        min: -3,
        max: 3,
        step: 1,
        value: 0,
        class: 'effect',
        inputmode: 'numeric',
      }),
    );
    const custom = h(
      'div',
      { class: 'inject-custom' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'inject-headline' }, 'Custom headline (1–140 characters)'),
        headline,
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Track changes (−3 to +3)'),
        h(
          'div',
          { class: 'effects' },
          ...EFFECT_KEYS.map((k, i) =>
            h(
              'div',
              { class: 'field' },
              h(
                'label',
                { for: `inject-${k}` },
                rows.find((r) => r.key === k)?.label.replace(' (estimate)', '') ?? k,
              ),
              effects[i]!,
            ),
          ),
        ),
      ),
    );
    const sync = () => {
      const card = scenario.injects.find((i) => i.id === which.value);
      custom.hidden = which.value !== '__custom';
      describe.textContent = card
        ? `${card.summary ?? ''} Effects: ${
            Object.entries(card.effects)
              .map(([k, v]) => `${k} ${Number(v) > 0 ? '+' : ''}${String(v)}`)
              .join(', ') || 'none'
          }.`
        : '';
    };
    which.addEventListener('change', sync);
    sync();
    const form = h(
      'form',
      { class: 'inject-form', 'aria-labelledby': 'inject-h' },
      h('h3', { id: 'inject-h' }, 'Send an inject'),
      h(
        'div',
        { class: 'row' },
        h('div', { class: 'field' }, h('label', { for: 'inject-target' }, 'To'), target),
        h('div', { class: 'field grow' }, h('label', { for: 'inject-which' }, 'Inject'), which),
      ),
      describe,
      custom,
      h('button', { type: 'submit', id: 'inject-send' }, 'Send the inject'),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const tables = target.value === 'all' ? ('all' as const) : [Number(target.value)];
      if (which.value !== '__custom') {
        void run('Inject', tables, { kind: 'inject', inject: which.value });
        return;
      }
      const text = headline.value.trim();
      if (!text) {
        say('A custom inject needs a headline.');
        headline.focus();
        return;
      }
      const fx: Record<string, number> = {};
      EFFECT_KEYS.forEach((k, i) => {
        const v = Math.round(Number(effects[i]!.value));
        if (v) fx[k] = Math.max(-3, Math.min(3, v));
      });
      void run('Custom inject', tables, { kind: 'inject', headline: text, effects: fx });
    });
    return form;
  };

  const fillForm = (): HTMLElement => {
    const form = h(
      'form',
      { class: 'fill-form', 'aria-labelledby': 'fill-h' },
      h('h3', { id: 'fill-h' }, 'Bots'),
      h(
        'p',
        { class: 'hint' },
        'The level and persona used to fill open seats and to replace a student.',
      ),
      h(
        'div',
        { class: 'row' },
        h('div', { class: 'field' }, h('label', { for: 'bot-level' }, 'Bot level'), level),
        h('div', { class: 'field' }, h('label', { for: 'bot-persona' }, 'Bot persona'), persona),
      ),
      h('button', { type: 'submit', id: 'fill-seats' }, 'Fill every open seat with bots'),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!secret) return;
      fillSeats(id, secret, botSpec())
        .then(() => say('Open seats filled with bots.'))
        .catch((err: unknown) => say(`Could not fill the seats: ${(err as Error).message}`))
        .finally(() => void poll(false));
    });
    return form;
  };

  const seatAction = (t: SeminarTable, seat: SeminarSeat, toBot: boolean) => {
    if (!secret) return;
    const spec = botSpec();
    setSeat(
      id,
      secret,
      t.table,
      seat.seat,
      toBot ? { controller: 'bot', ...spec } : { controller: 'student' },
    )
      .then(() =>
        say(
          toBot
            ? `Table ${t.table}: a bot now plays ${roleName(seat.seat)}.`
            : `Table ${t.table}: ${roleName(seat.seat)} is given back.`,
        ),
      )
      .catch((err: unknown) => say(`Table ${t.table}: ${(err as Error).message}`))
      .finally(() => void poll(false));
  };

  const seatTable = (scenario: Scenario, t: SeminarTable): HTMLElement => {
    const over = Boolean(finalOf(t));
    return h(
      'table',
      { class: 'seats' },
      h('caption', { class: 'visually-hidden' }, `Seats of table ${t.table}`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Seat'),
          h('th', { scope: 'col' }, 'Played by'),
          h('th', { scope: 'col' }, 'This step'),
          h('th', { scope: 'col' }, 'Actions'),
        ),
      ),
      h(
        'tbody',
        {},
        ...SEATS.map((s) => {
          const seat = t.seats.find((x) => x.seat === s) ?? {
            seat: s,
            controller: 'open' as const,
          };
          const live = liveTable(t);
          const pending = live?.pending.includes(s) ?? false;
          const running = live && !over && live.step !== 'over';
          const seatId = `t${t.table}-s${s}`;
          return h(
            'tr',
            { class: `seat-row controller-${seat.controller}` },
            h(
              'th',
              { scope: 'row' },
              h('span', { class: `seat-dot seat-${s}`, 'aria-hidden': 'true' }),
              `${seatName(scenario, s)} `,
              h('span', { class: 'meta' }, roleName(s)),
            ),
            h('td', {}, controllerText(seat)),
            h('td', {}, !running ? '—' : pending ? '… to act' : '✓ done'),
            h(
              'td',
              { class: 'seat-actions' },
              seat.controller !== 'bot' && !over
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary small',
                      id: `${seatId}-bot`,
                      'aria-label': `Replace with bot: ${roleName(s)} of table ${t.table}`,
                      onclick: () => seatAction(t, seat, true),
                    },
                    'Replace with bot',
                  )
                : null,
              seat.controller === 'bot' && !over
                ? h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary small',
                      id: `${seatId}-back`,
                      'aria-label': `Give back: ${roleName(s)} of table ${t.table}${seat.name ? `, to ${seat.name}` : ''}`,
                      onclick: () => seatAction(t, seat, false),
                    },
                    'Give back',
                  )
                : null,
              seat.code && seat.controller === 'open'
                ? h(
                    'a',
                    {
                      href: `#/class/${seat.code}`,
                      class: 'code-link',
                      'aria-label': `${seat.code}: seat code for ${roleName(s)} of table ${t.table}`,
                    },
                    seat.code,
                  )
                : null,
            ),
          );
        }),
      ),
    );
  };

  const countdown = (t: SeminarTable): HTMLElement => {
    const s = liveTable(t);
    const el = h('span', { class: 'countdown', role: 'timer', 'aria-live': 'off' });
    if (!s || finalOf(t) || s.step === 'over') return el;
    if (s.paused) {
      el.dataset.paused = String(s.paused.remaining ?? '');
    } else if (s.clock.deadline !== null) el.dataset.deadline = String(s.clock.deadline);
    else el.textContent = 'untimed';
    return el;
  };

  const card = (scenario: Scenario, t: SeminarTable): HTMLElement[] => {
    const s = liveTable(t);
    const final = finalOf(t);
    const headingId = `table-${t.table}-h`;
    const link = classLink(window.location.origin, t.code);
    const parts: (HTMLElement | null)[] = [
      h(
        'div',
        { class: 'card-head' },
        h('h3', { id: headingId }, `Table ${t.table}`),
        h('p', { class: 'table-status' }, tableStatus(t)),
        s?.paused && !final ? h('span', { class: 'badge paused' }, '‖ Paused') : null,
        final ? h('span', { class: 'badge ended' }, '■ Ended') : null,
        countdown(t),
      ),
    ];
    if (s) {
      parts.push(
        trackBars(
          trackRows(scenario, s.tracks, s.breakout.true ?? s.breakout.estimate),
          'track-bars compact',
        ),
        h(
          'div',
          { class: 'deals-line' },
          h('strong', {}, 'Deals: '),
          s.deals.length === 0 ? 'none' : s.deals.map((d) => `${d.id} ${dealLine(d)}`).join('; '),
        ),
      );
    }
    if (final)
      parts.push(
        h(
          'p',
          { class: 'scores-line' },
          h('strong', {}, 'Scores: '),
          SEATS.map(
            (x) =>
              `${seatName(scenario, x)} ${final.scores[x]}${final.winners.includes(x) ? ' (winner)' : ''}`,
          ).join(', '),
        ),
      );
    parts.push(
      seatTable(scenario, t),
      final ? null : tableButtons(`t${t.table}`, () => [t]),
      h(
        'details',
        { class: 'codes' },
        h('summary', {}, `Codes and links for table ${t.table}`),
        copyField(`Table ${t.table} code`, t.code, `t${t.table}-code`),
        copyField(`Table ${t.table} join link`, link, `t${t.table}-link`),
        ...t.seats
          .filter((x) => x.code)
          .map((x) =>
            copyField(
              `Table ${t.table}, ${roleName(x.seat)} seat link`,
              classLink(window.location.origin, x.code!),
              `t${t.table}-s${x.seat}-link`,
            ),
          ),
      ),
      h(
        'p',
        { class: 'card-links' },
        h(
          'a',
          {
            href: `#/projector/${encodeURIComponent(t.matchID)}`,
            target: '_blank',
            rel: 'noopener',
          },
          `Projector view of table ${t.table}`,
          h('span', { class: 'visually-hidden' }, ' (opens in a new tab)'),
        ),
        final
          ? h(
              'a',
              { href: `#/debrief/${encodeURIComponent(t.matchID)}` },
              `Debrief of table ${t.table}`,
            )
          : null,
      ),
    );
    return parts.filter((x): x is HTMLElement => x !== null);
  };

  const classSummary = (scenario: Scenario, d: Dashboard): HTMLElement[] => {
    const done = d.tables.filter((t) => finalOf(t));
    if (done.length === 0) return [];
    const trackCols = trackRows(scenario, scenario.tracks as never, 0).map((r) => r.label);
    return [
      h('h2', { id: 'summary-h' }, 'Class summary'),
      h(
        'div',
        { class: 'scroll-x', tabindex: 0, role: 'region', 'aria-labelledby': 'summary-c' },
        h(
          'table',
          { class: 'summary-table' },
          h(
            'caption',
            { id: 'summary-c' },
            `${done.length} of ${d.tables.length} tables ended: outcomes, scores, deals and final tracks`,
          ),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, 'Table'),
              h('th', { scope: 'col' }, 'Outcome'),
              ...SEATS.map((s) => h('th', { scope: 'col' }, `${seatName(scenario, s)} score`)),
              h('th', { scope: 'col' }, 'Deals'),
              ...trackCols.map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h(
            'tbody',
            {},
            ...done.map((t) => {
              const f = finalOf(t)!;
              const s = liveTable(t);
              const rows = s
                ? trackRows(scenario, s.tracks, s.breakout.true ?? s.breakout.estimate)
                : [];
              return h(
                'tr',
                {},
                h(
                  'th',
                  { scope: 'row' },
                  h(
                    'a',
                    { href: `#/debrief/${encodeURIComponent(t.matchID)}` },
                    `Table ${t.table}`,
                  ),
                ),
                h('td', {}, OUTCOME_NAMES[f.outcome]),
                ...SEATS.map((x) =>
                  h('td', {}, `${f.scores[x]}${f.winners.includes(x) ? ' ★ winner' : ''}`),
                ),
                h(
                  'td',
                  {},
                  s
                    ? `${s.deals.length} signed, ${s.deals.filter((x) => x.status === 'verified').length} verified, ${s.deals.filter((x) => x.status === 'collapsed').length} collapsed`
                    : '—',
                ),
                ...rows.map((r) => h('td', {}, `${r.value} / ${r.max}`)),
              );
            }),
          ),
        ),
      ),
    ];
  };

  const dangerZone = (): HTMLElement[] => [
    h('h2', { id: 'danger-h' }, 'End of the session'),
    h(
      'p',
      {},
      'Deleting removes every match of this session, their records and every name. It cannot be undone: download the records you want first.',
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'danger',
        id: 'delete-session',
        onclick: () => {
          if (!secret) return;
          if (!window.confirm('Delete this session, its matches, records and names for good?'))
            return;
          deleteSeminar(id, secret)
            .then(() => {
              forgetSecret(id);
              stopped = true;
              body.replaceChildren(
                h(
                  'p',
                  { class: 'card', role: 'status' },
                  'The session and all its data are deleted.',
                ),
                h('p', {}, h('a', { href: '#/seminar/new' }, 'Run another seminar')),
              );
            })
            .catch((err: unknown) =>
              say(`Could not delete the session: ${(err as Error).message}`),
            );
        },
      },
      'Delete the session…',
    ),
  ];

  const secretForm = (message?: string): HTMLElement => {
    const input = h('input', {
      id: 'paste-secret',
      required: true,
      autocomplete: 'off',
      spellcheck: false,
    });
    const form = h(
      'form',
      { class: 'card', 'aria-labelledby': 'paste-h' },
      h('h2', { id: 'paste-h' }, 'Facilitator secret needed'),
      message ? errorBox(message) : null,
      h(
        'p',
        {},
        'This browser does not hold the secret of this session. Paste the secret you were shown when it was created.',
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'paste-secret' }, 'Facilitator secret'),
        input,
      ),
      h('button', { type: 'submit' }, 'Open the console'),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      secret = input.value.trim();
      rememberSecret(id, secret);
      start();
    });
    return form;
  };

  const draw = () => {
    const d = dashboard!;
    const scenario = scenarioOf(d);
    renderKeyed(header, JSON.stringify([d.label, d.options, d.tables.length]), () => [
      h(
        'p',
        { class: 'lede' },
        h('strong', {}, d.label ? `${d.label}: ` : ''),
        `${scenario.name}, ${d.tables.length} table${d.tables.length === 1 ? '' : 's'}, ${d.options.rounds} rounds, ${timerText(d.options.timer)}. Session ${d.id}.`,
      ),
      h(
        'p',
        { class: 'hint' },
        'Students join at ',
        h('a', { href: '#/class' }, `${window.location.origin}/#/class`),
        ' with a table code (they pick a free seat) or a seat code.',
      ),
    ]);
    renderKeyed(controls, JSON.stringify([d.tables.map((t) => t.table), scenario.id]), () => [
      h('h2', { id: 'all-h' }, 'All tables'),
      tableButtons('all', () => dashboard?.tables.filter((t) => !finalOf(t)) ?? []),
      h('div', { class: 'control-forms' }, injectForm(scenario), fillForm()),
    ]);
    // Cards: one keyed container a table, so one table's change redraws only its card.
    const existing = new Map(
      [...cards.children].map((c) => [(c as HTMLElement).dataset.table, c as HTMLElement]),
    );
    const wanted = d.tables.map((t) => {
      let el = existing.get(String(t.table));
      if (!el) {
        el = h('section', {
          class: 'table-card',
          'data-table': String(t.table),
          'aria-labelledby': `table-${t.table}-h`,
        });
      }
      renderKeyed(el, JSON.stringify({ ...t, feed: t.feed?.length ?? 0 }), () => card(scenario, t));
      el.classList.toggle('is-paused', Boolean(t.paused));
      el.classList.toggle('is-ended', Boolean(finalOf(t)));
      return el;
    });
    if (wanted.some((el, i) => cards.children[i] !== el)) cards.replaceChildren(...wanted);
    renderKeyed(summary, JSON.stringify(d.tables.map((t) => [t.table, finalOf(t), t.tracks])), () =>
      classSummary(scenario, d),
    );
    summary.hidden = !d.tables.some((t) => finalOf(t));
    // Announce tables ending, once each (not at the first load).
    for (const t of d.tables) {
      if (finalOf(t) && !ended.has(t.table)) {
        ended.add(t.table);
        if (!firstLoad) say(`Table ${t.table} has ended: ${OUTCOME_NAMES[finalOf(t)!.outcome]}.`);
      }
    }
    firstLoad = false;
    tick();
  };

  const tick = () => {
    const now = Date.now() + offset;
    for (const el of cards.querySelectorAll<HTMLElement>('.countdown')) {
      if (el.dataset.deadline) {
        const left = Math.max(0, Number(el.dataset.deadline) - now);
        el.textContent = `${formatCountdown(left)} left`;
        el.classList.toggle('urgent', left < 15_000);
      } else if (el.dataset.paused !== undefined) {
        el.textContent = el.dataset.paused
          ? `${formatCountdown(Number(el.dataset.paused))} left when resumed`
          : 'paused';
      }
    }
  };

  async function poll(schedule = true): Promise<void> {
    if (stopped || !secret) return;
    if (schedule) clearTimeout(pollTimer);
    try {
      const sent = Date.now();
      const d = await getDashboard(id, secret);
      if (stopped) return;
      if (typeof d.now === 'number') offset = d.now - (sent + Date.now()) / 2;
      const wasError = errorHost.childElementCount > 0;
      errorHost.replaceChildren();
      if (wasError) say('Connected to the server again.');
      dashboard = d;
      if (!body.contains(cards))
        body.replaceChildren(header, controls, status, cards, summary, danger);
      draw();
    } catch (err) {
      if (stopped) return;
      const e = err as SeminarError;
      if (e.status === 401) {
        body.replaceChildren(secretForm('The server refused this secret.'));
        return;
      }
      if (e.status === 404) {
        stopped = true;
        body.replaceChildren(
          errorBox(`There is no session ${id} on this server (it may have been deleted).`),
          h('p', {}, h('a', { href: '#/seminar/new' }, 'Run a new seminar')),
        );
        return;
      }
      // Keep the last dashboard on screen, with the error above it (announced once).
      const message = `The server refused the dashboard: ${e.message}. Retrying every ${POLL_MS / 1000} s.`;
      if (errorHost.textContent !== message) errorHost.replaceChildren(errorBox(message));
      if (!body.contains(cards)) body.replaceChildren(errorHost);
    }
    if (schedule && !stopped) pollTimer = setTimeout(() => void poll(), POLL_MS);
  }

  function start(): void {
    body.replaceChildren(h('p', { role: 'status' }, 'Loading the dashboard…'));
    void serverOffset().then((o) => {
      if (dashboard?.now === undefined) offset = o;
    });
    void poll();
  }

  renderKeyed(danger, 'danger', dangerZone);
  const element = page('Facilitator console', errorHost, body);
  if (secret) start();
  else body.replaceChildren(secretForm());
  const ticker = setInterval(tick, 250);
  return {
    element,
    destroy: () => {
      stopped = true;
      clearTimeout(pollTimer);
      clearInterval(ticker);
    },
  };
}
