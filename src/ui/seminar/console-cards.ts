// The console's table cards (one a table: status, tracks, deals, scores, who sits where with the
// seat actions, the table's clock, codes and links) and the class summary of ended tables. What a
// card shows of the table is its model in the console's store (`ConsoleState.tables`: the seat
// model of a spectator, src/game/model/seminar.ts); the card lays it out.
import type { ConsoleController } from '../../client/console';
import {
  classLink,
  type Dashboard,
  type SeminarSeat,
  type SeminarTable,
} from '../../client/seminar';
import {
  clockWords,
  dealCounts,
  dealLine,
  SEATS,
  trackColumns,
  type TableModel,
} from '../../game/model/seminar';
import type { Scenario } from '../../game/scenario/schema';
import { botLabel, seatName } from '../../game/seat-model';
import type { Seat } from '../../game/types';
import { ROLE_NAMES } from '../../game/words';
import { h } from '../dom';
import { copyField, trackBars } from './common';
import { tableButtons } from './console-controls';

/** A card's status line: the model's, or why there is none. */
export function tableStatus(model: TableModel | null): string {
  return model?.status ?? 'This table’s match is missing';
}

const roleName = (s: Seat) => ROLE_NAMES[s];

function controllerText(seat: SeminarSeat): string {
  const bot = seat.bot ? botLabel(seat.bot) : 'Bot';
  if (seat.controller === 'bot')
    return seat.student && seat.name ? `${bot}, standing in for ${seat.name}` : bot;
  if (seat.controller === 'student')
    return `Student: ${seat.name ?? 'unnamed'}${seat.connected === false ? ' (offline)' : ''}`;
  return seat.name ? `Open, kept for ${seat.name}` : 'Open seat';
}

function seatTable(
  ctl: ConsoleController,
  scenario: Scenario,
  t: SeminarTable,
  model: TableModel | null,
): HTMLElement {
  const over = Boolean(model?.outcome ?? model?.over);
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
        const acting = model?.seats[s].acting ?? false;
        const running = model !== null && !model.over;
        const seatId = `t${t.table}-s${s}`;
        return h(
          'tr',
          { class: `seat-row controller-${seat.controller}` },
          h(
            'th',
            { scope: 'row' },
            // The seat's mark and name stay together on a narrow card.
            h(
              'span',
              { class: 'seat-name' },
              h('span', { class: `seat-dot seat-${s}`, 'aria-hidden': 'true' }),
              model?.seats[s].name ?? seatName(scenario, s),
            ),
            ' ',
            h('span', { class: 'meta' }, roleName(s)),
          ),
          h('td', {}, controllerText(seat)),
          h('td', {}, !running ? '—' : acting ? '… to act' : '✓ done'),
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
                    onclick: () => void ctl.seat(t.table, seat.seat, true),
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
                    onclick: () => void ctl.seat(t.table, seat.seat, false),
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
}

/** The table's clock; the screen's ticker re-reads it from the store (`data-table`). */
export function clockSpan(table: number, model: TableModel | null): HTMLElement {
  const words = model ? clockWords(model.countdown, model.over) : { badge: null, time: '' };
  return h(
    'span',
    { class: 'countdown', role: 'timer', 'aria-live': 'off', 'data-table': String(table) },
    words.time,
  );
}

/** One table's card: status, tracks, deals, scores, seats, its clock, codes and links. */
export function tableCard(
  ctl: ConsoleController,
  scenario: Scenario,
  t: SeminarTable,
  model: TableModel | null,
): HTMLElement[] {
  const outcome = model?.outcome ?? null;
  const headingId = `table-${t.table}-h`;
  const link = classLink(window.location.origin, t.code);
  const parts: (HTMLElement | null)[] = [
    h(
      'div',
      { class: 'card-head' },
      h('h3', { id: headingId }, `Table ${t.table}`),
      h('p', { class: 'table-status' }, tableStatus(model)),
      model?.paused && !model.over ? h('span', { class: 'badge paused' }, '‖ Paused') : null,
      clockSpan(t.table, model),
    ),
  ];
  if (model) {
    parts.push(
      trackBars(model.tracks, 'track-bars compact'),
      h(
        'div',
        { class: 'deals-line' },
        h('strong', {}, 'Deals: '),
        model.deals.length === 0 ? 'none' : model.deals.map(dealLine).join('; '),
      ),
    );
  }
  if (outcome)
    parts.push(
      h(
        'p',
        { class: 'scores-line' },
        h('strong', {}, 'Scores: '),
        outcome.scores.map((x) => `${x.name} ${x.score}${x.winner ? ' (winner)' : ''}`).join(', '),
      ),
    );
  parts.push(
    seatTable(ctl, scenario, t, model),
    outcome ? null : tableButtons(ctl, `t${t.table}`, () => [t]),
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
      outcome
        ? h(
            'a',
            { href: `#/debrief/${encodeURIComponent(t.matchID)}` },
            `Debrief of table ${t.table}`,
          )
        : null,
    ),
  );
  return parts.filter((x): x is HTMLElement => x !== null);
}

/** The ended tables side by side: outcomes, scores, deals and final tracks. */
export function classSummary(
  scenario: Scenario,
  d: Dashboard,
  models: Record<number, TableModel>,
): HTMLElement[] {
  const done = d.tables.flatMap((t) => {
    const model = models[t.table];
    return model?.outcome ? [{ t, model, outcome: model.outcome }] : [];
  });
  if (done.length === 0) return [];
  const trackCols = trackColumns(done[0]!.model);
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
          ...done.map(({ t, model, outcome }) =>
            h(
              'tr',
              {},
              h(
                'th',
                { scope: 'row' },
                h('a', { href: `#/debrief/${encodeURIComponent(t.matchID)}` }, `Table ${t.table}`),
              ),
              h('td', {}, outcome.name),
              ...outcome.scores.map((x) => h('td', {}, `${x.score}${x.winner ? ' ★ winner' : ''}`)),
              h('td', {}, dealCounts(model.deals)),
              ...model.tracks.map((r) => h('td', {}, `${r.value} / ${r.max}`)),
            ),
          ),
        ),
      ),
    ),
  ];
}
