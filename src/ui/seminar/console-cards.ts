// The console's table cards (one a table: status, tracks, deals, scores, who sits where with the
// seat actions, the table's clock, codes and links) and the class summary of ended tables.
import type { ConsoleController } from '../../client/console';
import {
  classLink,
  liveTable,
  type Dashboard,
  type SeminarSeat,
  type SeminarTable,
} from '../../client/seminar';
import type { Scenario } from '../../game/scenario/schema';
import type { Final, Seat } from '../../game/types';
import { h } from '../dom';
import { botLabel, countdownText, OUTCOME_NAMES, roleName, seatName, STEP_NAMES } from '../format';
import { copyField, dealLine, trackBars, trackRows } from './common';
import { tableButtons } from './console-controls';

const SEATS: readonly Seat[] = ['0', '1', '2'];

const finalOf = (t: SeminarTable): Final | null => t.final ?? null;

export function tableStatus(t: SeminarTable): string {
  const s = liveTable(t);
  const final = finalOf(t);
  if (final) return `Ended: ${OUTCOME_NAMES[final.outcome]}`;
  if (!s) return 'This table’s match is missing';
  if (s.step === 'over') return 'The match is over';
  return `Round ${s.round} of ${s.rounds} · ${STEP_NAMES[s.step]}`;
}

function controllerText(seat: SeminarSeat): string {
  const bot = seat.bot ? botLabel(seat.bot) : 'Bot';
  if (seat.controller === 'bot')
    return seat.student && seat.name ? `${bot}, standing in for ${seat.name}` : bot;
  if (seat.controller === 'student')
    return `Student: ${seat.name ?? 'unnamed'}${seat.connected === false ? ' (offline)' : ''}`;
  return seat.name ? `Open, kept for ${seat.name}` : 'Open seat';
}

function seatTable(ctl: ConsoleController, scenario: Scenario, t: SeminarTable): HTMLElement {
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

/** A countdown the screen's ticker fills in from the server's clock. */
function countdown(t: SeminarTable): HTMLElement {
  const s = liveTable(t);
  const el = h('span', { class: 'countdown', role: 'timer', 'aria-live': 'off' });
  if (!s || finalOf(t) || s.step === 'over') return el;
  if (s.paused) {
    el.dataset.paused = String(s.paused.remaining ?? '');
  } else if (s.clock.deadline !== null) el.dataset.deadline = String(s.clock.deadline);
  else el.textContent = countdownText(null, null);
  return el;
}

/** One table's card: status, tracks, deals, scores, seats, its clock, codes and links. */
export function tableCard(
  ctl: ConsoleController,
  scenario: Scenario,
  t: SeminarTable,
): HTMLElement[] {
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
    seatTable(ctl, scenario, t),
    final ? null : tableButtons(ctl, `t${t.table}`, () => [t]),
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
}

/** The ended tables side by side: outcomes, scores, deals and final tracks. */
export function classSummary(scenario: Scenario, d: Dashboard): HTMLElement[] {
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
                h('a', { href: `#/debrief/${encodeURIComponent(t.matchID)}` }, `Table ${t.table}`),
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
}
