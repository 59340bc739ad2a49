// A principal's desk: postures and the memo composer (drafting), and the inbox (response).
import { MAX_CLAUSES, MAX_MEMOS_PER_ROUND, MAX_TEXT, REDACTED, sideOf } from '../game/constants';
import { relativeGiver } from '../game/clauses';
import type { Scenario } from '../game/scenario/schema';
import type {
  SeatView,
  Clause,
  Enforcement,
  Enrichment,
  PrincipalSeat,
  Proposal,
  ProxyLeash,
} from '../game/types';
import type { Intents } from '../client/intents';
import { h, uid } from './dom';
import { refusalSlot } from './refusal';
import { changes, clauseText, seatName, signed, sizeLabel } from './format';

/** One posture choice: its value and its label, with the scenario's own numbers. */
type Choice<V extends string> = [V, string];

/**
 * The posture choices with what each does in this scenario, read from its tunables: a rebalance
 * of the scenario file changes the words with it.
 */
export function postureChoices(scenario: Scenario): {
  enforcement: Choice<Enforcement>[];
  leash: Choice<ProxyLeash>[];
  enrichment: Choice<Enrichment>[];
} {
  const p = scenario.tunables.postures;
  const odds = scenario.tunables.incidents.leash;
  const pct = (x: number) => `${signed(Math.round(x * 100))}%`;
  const withEffects = (label: string, effects: string) =>
    effects ? `${label} (${effects})` : label;
  const leak = (e: Enforcement) => {
    const parts: [string, number][] = [['oil leak', p.enforcementLeak[e]]];
    if (e === 'interdict')
      parts.push(['oil price', p.interdiction.oilPrice], ['escalation', p.interdiction.escalation]);
    return changes(parts);
  };
  const leash = (l: ProxyLeash, extra = '') =>
    [changes([['oil leak', p.leashLeak[l]]]), odds[l] ? `incident odds ${pct(odds[l])}` : '', extra]
      .filter(Boolean)
      .join(', ');
  return {
    enforcement: [
      ['relax', withEffects('Relax: let barrels slip', leak('relax'))],
      ['hold', withEffects('Hold', leak('hold'))],
      ['tighten', withEffects('Tighten', leak('tighten'))],
      ['interdict', withEffects('Interdict tankers', leak('interdict'))],
    ],
    leash: [
      ['restrain', withEffects('Restrain the proxies', leash('restrain'))],
      ['loose', withEffects('Loose', leash('loose'))],
      ['unleash', withEffects('Unleash', leash('unleash', 'some incidents directed by you'))],
    ],
    enrichment: [
      ['pause', withEffects('Pause enrichment', changes([['breakout', p.enrichment.pause]]))],
      ['steady', `Steady (breakout ${signed(p.enrichment.steady)} a round)`],
      ['advance', `Advance (breakout ${signed(p.enrichment.advance)} a round)`],
    ],
  };
}

function radios<V extends string>(
  legend: string,
  name: string,
  options: Choice<V>[],
  current: V,
  onChange: (value: V) => void,
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

export function postureForm(
  view: SeatView,
  scenario: Scenario,
  seat: PrincipalSeat,
  act: Intents,
): HTMLElement {
  const choices = postureChoices(scenario);
  if (seat === '0') {
    const current = view.postures['0']?.enforcement ?? 'hold';
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'posture-h' },
      h('h3', { id: 'posture-h' }, 'Your posture (secret)'),
      radios('Sanctions enforcement', 'enforcement', choices.enforcement, current, (enforcement) =>
        act.send('setPosture', { enforcement }),
      ),
      refusalSlot('setPosture'),
    );
  }
  const p = view.postures['1'] ?? { proxyLeash: 'loose', enrichment: 'steady' };
  const state = { ...p };
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'posture-h' },
    h('h3', { id: 'posture-h' }, 'Your postures (secret)'),
    radios('Proxy leash', 'leash', choices.leash, p.proxyLeash, (v) => {
      state.proxyLeash = v;
      act.send('setPosture', { ...state });
    }),
    radios('Enrichment', 'enrichment', choices.enrichment, p.enrichment, (v) => {
      state.enrichment = v;
      act.send('setPosture', { ...state });
    }),
    refusalSlot('setPosture'),
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
  view: SeatView,
  scenario: Scenario,
  seat: PrincipalSeat,
  act: Intents,
): HTMLElement {
  const mine = view.memos.filter((m) => m.author === seat && m.round === view.round);
  const walked = view.walkouts[seat].includes(view.round);
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'memo-h' },
    h('h3', { id: 'memo-h' }, `Memo to ${seatName(scenario, '2')}`),
  );
  if (walked) {
    section.append(
      h('p', {}, 'You walked out: you send no memo this round.'),
      refusalSlot('draftMemo'),
    );
    return section;
  }
  section.append(
    h(
      'p',
      { class: 'hint' },
      `Every memo goes to the broker, who decides what the other side hears. ${mine.length} of ${MAX_MEMOS_PER_ROUND} sent this round.`,
    ),
  );
  if (mine.length >= MAX_MEMOS_PER_ROUND) {
    section.append(refusalSlot('draftMemo'));
    return section;
  }
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
    refusalSlot('draftMemo'),
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
    act.send('draftMemo', { clauses, text: text.value });
  });
  section.append(form);
  return section;
}

export function sentMemos(
  view: SeatView,
  scenario: Scenario,
  seat: PrincipalSeat,
): HTMLElement | null {
  const mine = view.memos.filter((m) => m.author === seat);
  if (mine.length === 0) return null;
  // What the author may know of each memo's fate: its own status, and the proposal it became
  // once that comes back to it for ratification. Nothing else of the broker's handling.
  const status: Record<string, string> = {
    draft: 'with you until drafting ends',
    'with-broker': 'handed to the broker (you learn more only if it comes back to you)',
    leaked: 'leaked to the press',
    expired: 'expired undelivered',
  };
  const back: Partial<Record<Proposal['stage'], string>> = {
    ratification: 'relayed and accepted: back to you to ratify',
    signed: 'relayed, accepted and signed',
    rejected: 'relayed and accepted; not ratified',
    lapsed: 'relayed and accepted; lapsed unratified',
    void: 'relayed and accepted; void',
  };
  const fate = (m: (typeof mine)[number]) => {
    const p = view.proposals.find((x) => x.memoId === m.id);
    return (p && back[p.stage]) ?? status[m.status] ?? 'handed to the broker';
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
            h('span', { class: 'meta' }, `Round ${m.round} · ${fate(m)}`),
            m.clauses.length
              ? h('ul', {}, ...m.clauses.map((c) => h('li', {}, clauseText(scenario, c))))
              : null,
            m.text ? h('blockquote', {}, m.text) : null,
          ),
        ),
    ),
  );
}

/**
 * The clauses as delivered. To the memo's author (at ratification) a size the broker reframed is
 * marked against what it wrote.
 */
function shownClauses(
  scenario: Scenario,
  shown: (Clause | null)[],
  written: Clause[] | null,
): HTMLElement {
  return h(
    'ul',
    { class: 'clauses' },
    ...shown.map((c, i) => {
      const mine = written?.[i];
      // A struck clause reads as struck to everyone: the author knows what it wrote.
      if (!c)
        return h(
          'li',
          { class: 'struck' },
          h('span', { 'aria-label': 'struck by the broker' }, REDACTED),
        );
      if (mine && mine.id === c.id && mine.size !== c.size)
        return h(
          'li',
          { class: 'reframed' },
          clauseText(scenario, c),
          h(
            'span',
            { class: 'change' },
            ` — reframed by the broker: you wrote ${sizeLabel(scenario, mine)}`,
          ),
        );
      return h('li', {}, clauseText(scenario, c));
    }),
  );
}

/** What a card in the inbox is, said from this seat's side of the table. */
export function proposalTitle(scenario: Scenario, seat: PrincipalSeat, p: Proposal): string {
  const other = seat === '0' ? '1' : '0';
  if (p.kind === 'bundle') return 'A package the broker put together';
  if (p.kind === 'table') return 'A proposal from the broker';
  const mine = p.author === seat;
  if (p.stage === 'ratification')
    return mine
      ? `Your memo, as the broker delivered it to ${seatName(scenario, other)}: they accepted. Ratify?`
      : `You accepted ${seatName(scenario, other)}’s memo, as the broker delivered it: it goes back to ${seatName(scenario, other)} to ratify.`;
  return mine
    ? `Your memo, as the broker delivered it to ${seatName(scenario, other)}`
    : `A memo from ${seatName(scenario, other)}, via the broker`;
}

export function proposalCard(
  view: SeatView,
  scenario: Scenario,
  seat: PrincipalSeat,
  p: Proposal,
  act: Intents,
): HTMLElement {
  // The rules' own check says whether this card awaits an answer, and whether it may be accepted.
  const due = act.check('respond', p.id, 'reject') === null;
  const acceptRefusal = due ? act.check('respond', p.id, 'accept') : null;
  const title = proposalTitle(scenario, seat, p);
  // The author's own memo, to set beside what the broker delivered of it.
  const written =
    p.kind === 'relay' && p.author === seat
      ? (view.memos.find((m) => m.id === p.memoId)?.clauses ?? null)
      : null;
  const headingId = uid('prop');
  const card = h(
    'article',
    { class: `proposal stage-${p.stage}`, 'aria-labelledby': headingId },
    h('h4', { id: headingId }, title),
    p.shown.length ? shownClauses(scenario, p.shown, written) : null,
    p.text ? h('blockquote', {}, p.text) : null,
    p.note ? h('p', { class: 'note' }, h('strong', {}, 'Broker’s note: '), p.note) : null,
  );
  if (p.stage === 'message')
    card.append(h('p', { class: 'hint' }, 'A message: read, not answered.'));
  if (due) {
    const accept = h(
      'button',
      {
        type: 'button',
        disabled: acceptRefusal !== null,
        onclick: () => act.send('respond', p.id, 'accept'),
      },
      'Accept',
    );
    const reject = h(
      'button',
      { type: 'button', class: 'secondary', onclick: () => act.send('respond', p.id, 'reject') },
      'Reject',
    );
    card.append(h('div', { class: 'actions' }, accept, reject), refusalSlot(`respond:${p.id}`));
    if (acceptRefusal) card.append(h('p', { class: 'warning' }, acceptRefusal));
  } else if (p.answers[seat]) {
    card.append(
      h('p', { class: 'meta' }, `You ${p.answers[seat] === 'accept' ? 'accepted' : 'rejected'}.`),
    );
  }
  return card;
}

export function inbox(
  view: SeatView,
  scenario: Scenario,
  seat: PrincipalSeat,
  act: Intents,
): HTMLElement {
  // What was delivered this round; and a memo back for ratification from the round it is due in,
  // once its response step opens (to its author to ratify, to the recipient for the outcome). A
  // card never comes back in the drafting or mediation of a later round.
  const answering = view.step === 'response' || view.step === 'press';
  const recent = view.proposals.filter(
    (p) => p.round === view.round || (p.dueRound === view.round && answering),
  );
  // In the response step with nothing to answer (messages only, say), the step is still this
  // seat's to end: say so, so it is not left waiting.
  const nothingDue =
    view.step === 'response' &&
    view.pending.includes(seat) &&
    recent.every((p) => act.check('respond', p.id, 'reject') !== null);
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'inbox-h' },
    h('h3', { id: 'inbox-h' }, 'Inbox'),
    recent.length === 0
      ? h('p', {}, 'Nothing was delivered to you this round.')
      : h(
          'div',
          { class: 'proposals' },
          ...recent.map((p) => proposalCard(view, scenario, seat, p, act)),
        ),
    nothingDue
      ? h('p', { class: 'hint' }, 'Nothing here awaits your answer: press “Done answering”.')
      : null,
  );
}
