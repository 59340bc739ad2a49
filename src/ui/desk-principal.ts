// A principal's desk: postures and the memo composer (drafting), and the inbox (response).
import { MAX_CLAUSES, MAX_MEMOS_PER_ROUND, MAX_TEXT, REDACTED, sideOf } from '../game/constants';
import { clausesGivenBy, relativeGiver } from '../game/clauses';
import type { Scenario } from '../game/scenario/schema';
import type { BackchannelState, Clause, PrincipalSeat, Proposal } from '../game/types';
import { h, uid } from './dom';
import { clauseText, seatName } from './format';

type Send = (move: string, ...args: unknown[]) => void;

const ENFORCEMENT: [string, string][] = [
  ['relax', 'Relax: let barrels slip (oil leak +1)'],
  ['hold', 'Hold'],
  ['tighten', 'Tighten (oil leak −1)'],
  ['interdict', 'Interdict tankers (oil leak −2, oil price and escalation +1)'],
];
const LEASH: [string, string][] = [
  ['restrain', 'Restrain the proxies (fewer incidents)'],
  ['loose', 'Loose'],
  ['unleash', 'Unleash (more incidents, some directed by you)'],
];
const ENRICHMENT: [string, string][] = [
  ['pause', 'Pause enrichment'],
  ['steady', 'Steady (+1 a round)'],
  ['advance', 'Advance (+2 a round)'],
];

function radios(
  legend: string,
  name: string,
  options: [string, string][],
  current: string,
  onChange: (value: string) => void,
) {
  return h(
    'fieldset',
    { class: 'radios' },
    h('legend', {}, legend),
    ...options.map(([value, label]) => {
      const id = uid(name);
      const input = h('input', { type: 'radio', id, name, value, checked: value === current });
      input.addEventListener('change', () => onChange(value));
      return h('div', { class: 'radio' }, input, h('label', { for: id }, label));
    }),
  );
}

export function postureForm(view: BackchannelState, seat: PrincipalSeat, send: Send): HTMLElement {
  if (seat === '0') {
    const current = view.postures['0']?.enforcement ?? 'hold';
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'posture-h' },
      h('h3', { id: 'posture-h' }, 'Your posture (secret)'),
      radios('Sanctions enforcement', 'enforcement', ENFORCEMENT, current, (enforcement) =>
        send('setPosture', { enforcement }),
      ),
    );
  }
  const p = view.postures['1'] ?? { proxyLeash: 'loose', enrichment: 'steady' };
  const state = { ...p };
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'posture-h' },
    h('h3', { id: 'posture-h' }, 'Your postures (secret)'),
    radios('Proxy leash', 'leash', LEASH, p.proxyLeash, (v) => {
      state.proxyLeash = v as typeof p.proxyLeash;
      send('setPosture', { ...state });
    }),
    radios('Enrichment', 'enrichment', ENRICHMENT, p.enrichment, (v) => {
      state.enrichment = v as typeof p.enrichment;
      send('setPosture', { ...state });
    }),
  );
}

function clauseRow(scenario: Scenario, seat: PrincipalSeat, index: number): HTMLElement {
  const clauseId = uid('clause');
  const sizeId = uid('size');
  const clauseSelect = h(
    'select',
    { id: clauseId, name: `clause-${index}` },
    h('option', { value: '' }, '— no clause —'),
    ...scenario.catalog.map((c) =>
      h(
        'option',
        { value: c.id },
        `${c.name} (${c.giver === 'both' ? 'both give' : c.giver === sideOf(seat) ? 'you give' : 'they give'})`,
      ),
    ),
  );
  const sizeSelect = h('select', { id: sizeId, name: `size-${index}`, disabled: true });
  const fillSizes = () => {
    const def = scenario.catalog.find((c) => c.id === clauseSelect.value);
    sizeSelect.replaceChildren(
      ...(def?.sizes ?? []).map((s) => h('option', { value: s.id }, s.label)),
    );
    sizeSelect.disabled = !def;
  };
  clauseSelect.addEventListener('change', fillSizes);
  return h(
    'div',
    { class: 'clause-row' },
    h(
      'div',
      { class: 'field' },
      h('label', { for: clauseId }, `Clause ${index + 1}`),
      clauseSelect,
    ),
    h('div', { class: 'field' }, h('label', { for: sizeId }, 'Size'), sizeSelect),
  );
}

export function memoComposer(
  view: BackchannelState,
  scenario: Scenario,
  seat: PrincipalSeat,
  send: Send,
): HTMLElement {
  const mine = view.memos.filter((m) => m.author === seat && m.round === view.round);
  const walked = view.walkouts[seat].includes(view.round);
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'memo-h' },
    h('h3', { id: 'memo-h' }, `Memo to ${scenario.seats.broker.name}`),
  );
  if (walked) {
    section.append(h('p', {}, 'You walked out: you send no memo this round.'));
    return section;
  }
  section.append(
    h(
      'p',
      { class: 'hint' },
      `Every memo goes to the broker, who decides what the other side hears. ${mine.length} of ${MAX_MEMOS_PER_ROUND} sent this round.`,
    ),
  );
  if (mine.length >= MAX_MEMOS_PER_ROUND) return section;
  const counterId = uid('counter');
  const textId = uid('memo-text');
  const text = h('textarea', {
    id: textId,
    name: 'text',
    maxlength: MAX_TEXT,
    rows: 4,
    'aria-describedby': counterId,
  });
  const counter = h(
    'span',
    { id: counterId, class: 'counter', 'aria-live': 'polite' },
    `0 / ${MAX_TEXT}`,
  );
  text.addEventListener(
    'input',
    () => (counter.textContent = `${text.value.length} / ${MAX_TEXT}`),
  );
  const form = h(
    'form',
    { class: 'memo-form' },
    ...Array.from({ length: MAX_CLAUSES }, (_, i) => clauseRow(scenario, seat, i)),
    h('div', { class: 'field' }, h('label', { for: textId }, 'Text'), text, counter),
    h('button', { type: 'submit' }, 'Send to the broker'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const clauses = [];
    for (let i = 0; i < MAX_CLAUSES; i++) {
      const id = (form.elements.namedItem(`clause-${i}`) as HTMLSelectElement).value;
      const size = (form.elements.namedItem(`size-${i}`) as HTMLSelectElement).value;
      const def = scenario.catalog.find((c) => c.id === id);
      if (!def) continue;
      clauses.push({ id, size, giver: relativeGiver(seat, def.giver) });
    }
    send('draftMemo', { clauses, text: text.value });
  });
  section.append(form);
  return section;
}

export function sentMemos(
  view: BackchannelState,
  scenario: Scenario,
  seat: PrincipalSeat,
): HTMLElement | null {
  const mine = view.memos.filter((m) => m.author === seat);
  if (mine.length === 0) return null;
  const status: Record<string, string> = {
    draft: 'with you until drafting ends',
    'with-broker': 'with the broker',
    leaked: 'leaked to the press',
    expired: 'expired undelivered',
  };
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'sent-h' },
    h('h3', { id: 'sent-h' }, 'Your memos'),
    h(
      'ul',
      { class: 'memo-list' },
      ...[...mine]
        .reverse()
        .map((m) =>
          h(
            'li',
            {},
            h('span', { class: 'meta' }, `Round ${m.round} · ${status[m.status] ?? m.status}`),
            m.clauses.length
              ? h('ul', {}, ...m.clauses.map((c) => h('li', {}, clauseText(scenario, c))))
              : null,
            m.text ? h('blockquote', {}, m.text) : null,
          ),
        ),
    ),
  );
}

function shownClauses(scenario: Scenario, shown: (Clause | null)[]): HTMLElement {
  return h(
    'ul',
    { class: 'clauses' },
    ...shown.map((c) =>
      c
        ? h('li', {}, clauseText(scenario, c))
        : h(
            'li',
            { class: 'struck' },
            h('span', { 'aria-label': 'struck by the broker' }, REDACTED),
          ),
    ),
  );
}

export function proposalCard(
  view: BackchannelState,
  scenario: Scenario,
  seat: PrincipalSeat,
  p: Proposal,
  send: Send,
): HTMLElement {
  const due =
    p.dueRound === view.round &&
    p.due.includes(seat) &&
    p.answers[seat] === undefined &&
    (p.stage === 'open' || p.stage === 'ratification');
  const other = seat === '0' ? '1' : '0';
  const title =
    p.kind === 'relay'
      ? p.stage === 'ratification' || p.author === seat
        ? `Your memo, as the broker delivered it to ${seatName(scenario, other)}: they accepted. Ratify?`
        : `A memo from ${seatName(scenario, other)}, via the broker`
      : p.kind === 'bundle'
        ? 'A package the broker put together'
        : 'A proposal from the broker';
  const gives = clausesGivenBy(sideOf(seat), p.clauses);
  const hardened =
    (seat === '0' ? view.tracks.pressureA : view.tracks.pressureB) >=
    scenario.tunables.pressure.hardenedAt;
  const blocked = hardened && gives > 1;
  const headingId = uid('prop');
  const card = h(
    'article',
    { class: `proposal stage-${p.stage}`, 'aria-labelledby': headingId },
    h('h4', { id: headingId }, title),
    p.shown.length ? shownClauses(scenario, p.shown) : null,
    p.text ? h('blockquote', {}, p.text) : null,
    p.note ? h('p', { class: 'note' }, h('strong', {}, 'Broker’s note: '), p.note) : null,
  );
  if (p.stage === 'message')
    card.append(h('p', { class: 'hint' }, 'A message: read, not answered.'));
  if (due) {
    const accept = h(
      'button',
      { type: 'button', disabled: blocked, onclick: () => send('respond', p.id, 'accept') },
      'Accept',
    );
    const reject = h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => send('respond', p.id, 'reject') },
      'Reject',
    );
    card.append(h('div', { class: 'actions' }, accept, reject));
    if (blocked)
      card.append(
        h(
          'p',
          { class: 'warning' },
          `Hardened by domestic pressure: you cannot accept a proposal in which you give ${gives} clauses.`,
        ),
      );
  } else if (p.answers[seat]) {
    card.append(
      h('p', { class: 'meta' }, `You ${p.answers[seat] === 'accept' ? 'accepted' : 'rejected'}.`),
    );
  }
  return card;
}

export function inbox(
  view: BackchannelState,
  scenario: Scenario,
  seat: PrincipalSeat,
  send: Send,
): HTMLElement {
  const recent = view.proposals.filter((p) => p.round === view.round || p.dueRound === view.round);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'inbox-h' },
    h('h3', { id: 'inbox-h' }, 'Inbox'),
    recent.length === 0
      ? h('p', {}, 'Nothing was delivered to you this round.')
      : h(
          'div',
          { class: 'proposals' },
          ...recent.map((p) => proposalCard(view, scenario, seat, p, send)),
        ),
  );
}
