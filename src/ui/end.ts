// The end screen: scores, the outcome class, and the reveal of everything that was hidden: agendas,
// the mandate, every memo as written beside the version delivered, incident attribution, the seed.
import { REDACTED } from '../game/constants';
import type { Scenario } from '../game/scenario/schema';
import type { SeatView, Clause, Memo, Seat } from '../game/types';
import { h } from './dom';
import { clauseText, OUTCOME_NAMES, roleName, seatName } from './format';

function clauseList(scenario: Scenario, clauses: (Clause | null)[]): HTMLElement {
  return h('ul', {}, ...clauses.map((c) => h('li', {}, c ? clauseText(scenario, c) : REDACTED)));
}

function memoReveal(scenario: Scenario, m: Memo): HTMLElement {
  const fate: Record<string, string> = {
    relayed: 'relayed',
    leaked: 'leaked',
    bundled: 'bundled',
    expired: 'expired',
    held: 'held',
    pending: 'never handled',
    draft: 'draft',
  };
  const reframes = m.delivery?.reframes ?? [];
  return h(
    'li',
    { class: 'reveal-memo' },
    h(
      'p',
      { class: 'meta' },
      `Round ${m.round}, from ${seatName(scenario, m.author)}: ${fate[m.status] ?? m.status}${reframes.length ? `, ${reframes.length} reframe${reframes.length > 1 ? 's' : ''}` : ''}`,
    ),
    h(
      'div',
      { class: 'diff' },
      h(
        'div',
        {},
        h('h5', {}, 'As written'),
        clauseList(scenario, m.clauses),
        m.text ? h('blockquote', {}, m.text) : null,
      ),
      m.delivery
        ? h(
            'div',
            {},
            h('h5', {}, 'As delivered'),
            clauseList(scenario, m.delivery.clauses),
            m.delivery.text ? h('blockquote', {}, m.delivery.text) : null,
            m.delivery.note ? h('p', { class: 'note' }, `Note: ${m.delivery.note}`) : null,
          )
        : null,
    ),
  );
}

export function endScreen(
  view: SeatView,
  scenario: Scenario,
  seat: Seat | null,
  /** An online match's id: its debrief page (seminar mode) is linked. */
  matchID?: string | null,
): HTMLElement {
  const final = view.final!;
  const seats = ['0', '1', '2'] as const;
  const you = seat !== null && final.winners.includes(seat);
  return h(
    'section',
    { class: 'panel end-screen', 'aria-labelledby': 'end-h' },
    h(
      'h2',
      { id: 'end-h', tabindex: -1 },
      `${OUTCOME_NAMES[final.outcome]}${you ? ' · You win' : ''}`,
    ),
    h(
      'table',
      { class: 'scores' },
      h('caption', {}, 'Scores (normalised by each role’s maximum)'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Seat'),
          h('th', { scope: 'col' }, 'Score'),
          h('th', { scope: 'col' }, 'Normalised'),
        ),
      ),
      h(
        'tbody',
        {},
        ...seats.map((s) =>
          h(
            'tr',
            { class: final.winners.includes(s) ? 'winner' : '' },
            h(
              'th',
              { scope: 'row' },
              `${seatName(scenario, s)} (${roleName(s)})${final.winners.includes(s) ? ' — winner' : ''}`,
            ),
            h('td', {}, String(final.scores[s])),
            h('td', {}, final.normalised[s].toFixed(2)),
          ),
        ),
      ),
    ),
    matchID
      ? h(
          'p',
          { class: 'debrief-link' },
          h(
            'a',
            { href: `#/debrief/${encodeURIComponent(matchID)}` },
            'Open the debrief: round by round, every memo, the charts and the exports',
          ),
        )
      : null,
    h('h3', {}, 'What was hidden'),
    h(
      'ul',
      {},
      ...(['0', '1'] as const).map((s) =>
        h(
          'li',
          {},
          h('strong', {}, `${seatName(scenario, s)}’s agenda: `),
          (view.agendas[s] ?? []).map((c) => c.title).join('; '),
        ),
      ),
      h(
        'li',
        {},
        h('strong', {}, `${seatName(scenario, '2')}’s mandate: `),
        view.mandate?.title ?? '—',
      ),
      h(
        'li',
        {},
        h('strong', {}, 'Incidents: '),
        view.incidents.length === 0
          ? 'none'
          : view.incidents
              .map((i) => `${i.headline} (${view.attributions[i.id] ?? 'rogue'})`)
              .join('; '),
      ),
      h('li', {}, h('strong', {}, 'Seed: '), h('code', {}, view.seed ?? '—')),
    ),
    h(
      'details',
      {},
      h('summary', {}, `Every memo, as written and as delivered (${view.memos.length})`),
      h('ol', {}, ...view.memos.map((m) => memoReveal(scenario, m))),
    ),
  );
}
