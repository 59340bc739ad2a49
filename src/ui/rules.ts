// #/rules and #/rules/<scenarioId>: the rules reference, generated from the scenario by the rules
// model (src/game/model/rules-reference.ts): every clause, posture, step, seat, tool, incident and
// scoring rule with the scenario's own numbers. This screen renders the model's sections and
// works nothing out: headings, lists and tables, a scenario picker, contents and a way back.
import {
  rulesHref,
  rulesReferenceFor,
  rulesScenarios,
  type RulesBlock,
  type RulesCard,
  type RulesEntry,
  type RulesReference,
} from '../game/model/rules-reference';
import { h } from './dom';
import type { Screen } from './seminar/common';

const headingId = (id: string) => `rules-${id}`;

function entries(items: RulesEntry[]): HTMLElement {
  return h(
    'dl',
    { class: 'rules-entries' },
    ...items.flatMap((i) => [h('dt', {}, i.term), h('dd', {}, i.text)]),
  );
}

function card(c: RulesCard): HTMLElement {
  const id = headingId(c.id);
  return h(
    'article',
    { class: 'rules-card', id: `${id}-card`, 'aria-labelledby': id },
    h('h3', { id }, c.title),
    h('p', {}, c.text),
    c.lines.length ? entries(c.lines) : null,
    c.list.length
      ? h(
          'ul',
          { class: 'rules-list' },
          ...c.list.map((i) => h('li', {}, h('strong', {}, `${i.term}: `), i.text)),
        )
      : null,
  );
}

function block(b: RulesBlock): HTMLElement {
  switch (b.kind) {
    case 'text':
      return h('p', {}, b.text);
    case 'entries':
      return entries(b.items);
    case 'cards':
      return h('div', { class: 'rules-cards' }, ...b.cards.map(card));
    case 'table':
      // Wide tables scroll on a phone: the region takes focus so the keyboard can scroll it.
      return h(
        'div',
        { class: 'scroll-x rules-table', role: 'region', 'aria-label': b.caption, tabindex: 0 },
        h(
          'table',
          {},
          h('caption', {}, b.caption),
          h('thead', {}, h('tr', {}, ...b.head.map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            ...b.rows.map((r) =>
              h(
                'tr',
                {},
                ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))),
              ),
            ),
          ),
        ),
      );
  }
}

/** The reference's body: the scenario's name and summary, contents, then each section. */
export function rulesContent(ref: RulesReference): HTMLElement[] {
  const jump = (id: string) => (e: Event) => {
    // The app routes on the hash: a plain #anchor would leave this page.
    e.preventDefault();
    const target = document.getElementById(headingId(id));
    target?.scrollIntoView({ block: 'start' });
    target?.focus();
  };
  return [
    h(
      'nav',
      { class: 'rules-contents', 'aria-labelledby': 'rules-contents-h' },
      h('h2', { id: 'rules-contents-h' }, 'Contents'),
      h(
        'ol',
        {},
        ...ref.sections.map((s) =>
          h('li', {}, h('a', { href: rulesHref(ref.scenarioId), onclick: jump(s.id) }, s.title)),
        ),
      ),
    ),
    ...ref.sections.map((s) =>
      h(
        'section',
        { class: `rules-section rules-${s.id}`, 'aria-labelledby': headingId(s.id) },
        h('h2', { id: headingId(s.id), tabindex: -1 }, s.title),
        ...s.blocks.map(block),
      ),
    ),
  ];
}

/**
 * The rules screen for a scenario id (the default for none or an unknown one). Picking another
 * scenario redraws the page in place and rewrites the address (no route change, focus stays).
 */
export function renderRules(scenarioId: string | null): Screen {
  let ref = rulesReferenceFor(scenarioId);
  const pickId = 'rules-scenario';
  const picker = h(
    'select',
    { id: pickId },
    ...rulesScenarios().map((s) =>
      h('option', { value: s.id, selected: s.id === ref.scenarioId }, s.name),
    ),
  );
  const title = h('p', { class: 'rules-scenario-name' });
  const body = h('div', { class: 'rules-body' });
  const show = () => {
    title.textContent = `Scenario: ${ref.name}`;
    body.replaceChildren(...rulesContent(ref));
  };
  picker.addEventListener('change', () => {
    ref = rulesReferenceFor(picker.value);
    history.replaceState(null, '', rulesHref(ref.scenarioId));
    show();
  });
  show();
  const element = h(
    'div',
    { class: 'seminar-page rules-page' },
    h(
      'header',
      { class: 'seminar-header' },
      h('a', { href: '#/', class: 'home-link' }, 'Backchannel'),
      h('h1', { tabindex: -1 }, 'Rules reference'),
    ),
    h(
      'div',
      { class: 'rules-top' },
      h('p', {}, h('a', { href: '#/', class: 'rules-back' }, '← Back to the home page')),
      h(
        'p',
        { class: 'hint' },
        'Opened from a match in a new tab? Close this tab to return to it: the match goes on there.',
      ),
      h('div', { class: 'field inline' }, h('label', { for: pickId }, 'Scenario '), picker),
      title,
    ),
    body,
  );
  return { element, destroy: () => {} };
}
