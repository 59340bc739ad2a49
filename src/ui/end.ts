// The end screen: scores, the outcome class, each agenda card and the mandate with whether it was
// met, and the reveal of everything that was hidden: incident attribution, every memo as written
// beside the version delivered, the seed. It renders the end model (src/game/model/desk.ts).
import type { EndModel } from '../game/model/desk';
import { h } from './dom';

const clauseList = (clauses: string[]) => h('ul', {}, ...clauses.map((c) => h('li', {}, c)));

function memoReveal(m: EndModel['memos'][number]): HTMLElement {
  return h(
    'li',
    { class: 'reveal-memo' },
    h('p', { class: 'meta' }, m.meta),
    h(
      'div',
      { class: 'diff' },
      h(
        'div',
        {},
        h('h5', {}, 'As written'),
        clauseList(m.written),
        m.writtenText ? h('blockquote', {}, m.writtenText) : null,
      ),
      m.delivered
        ? h(
            'div',
            {},
            h('h5', {}, 'As delivered'),
            clauseList(m.delivered.clauses),
            m.delivered.text ? h('blockquote', {}, m.delivered.text) : null,
            m.delivered.note ? h('p', { class: 'note' }, `Note: ${m.delivered.note}`) : null,
          )
        : null,
    ),
  );
}

export function endScreen(
  end: EndModel,
  /** The match's id, solo or online: its debrief and replay (#/review/<id>) is linked. */
  matchID?: string | null,
): HTMLElement {
  return h(
    'section',
    { class: 'panel end-screen', 'aria-labelledby': 'end-h' },
    h('h2', { id: 'end-h', tabindex: -1 }, end.heading),
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
        ...end.rows.map((r) =>
          h(
            'tr',
            { class: r.winner ? 'winner' : '' },
            h('th', { scope: 'row' }, r.label),
            h('td', {}, r.score),
            h('td', {}, r.normalised),
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
            { href: `#/review/${encodeURIComponent(matchID)}`, class: 'button-link' },
            'Debrief and replay',
          ),
          ' — step through the match, then round by round: every memo, the charts and the exports',
        )
      : null,
    h('h3', {}, 'Agendas and mandate'),
    h(
      'ul',
      { class: 'objectives-met' },
      ...end.objectives.map((o) =>
        h(
          'li',
          { class: o.met === true ? 'met' : o.met === false ? 'unmet' : '' },
          h('strong', {}, `${o.who}’s ${o.kind}: `),
          o.title,
          o.met === null
            ? null
            : h('span', { class: 'met-mark' }, ` — ${o.met ? '✓ met' : '✗ not met'}`),
        ),
      ),
    ),
    h('h3', {}, 'What was hidden'),
    h(
      'ul',
      {},
      h('li', {}, h('strong', {}, 'Incidents: '), end.incidents),
      h('li', {}, h('strong', {}, 'Seed: '), h('code', {}, end.seed)),
    ),
    h(
      'details',
      {},
      h('summary', {}, `Every memo, as written and as delivered (${end.memos.length})`),
      h('ol', {}, ...end.memos.map(memoReveal)),
    ),
  );
}
