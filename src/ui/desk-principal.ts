// A principal's desk: postures and the memo composer (drafting), the inbox (mediation to press)
// and the seat's own memos. It renders the seat model (src/game/seat-model.ts) and the desk's
// share of it (src/game/model/desk.ts): every number, name and fate comes from there.
import type { ComposerModel, InboxCard } from '../game/model/desk';
import type { MemoModel, PostureOption, SeatModel } from '../game/seat-model';
import type { Intents } from '../client/intents';
import { h, uid } from './dom';
import { refusalSlot, sends } from './refusal';

function radios<V extends string>(
  legend: string,
  name: string,
  options: PostureOption<V>[],
  onChange: (value: V) => boolean | void,
) {
  return h(
    'fieldset',
    { class: 'radios' },
    h('legend', {}, legend),
    ...options.map((o) => {
      const id = uid(name);
      const input = h('input', {
        type: 'radio',
        id,
        name,
        value: o.value,
        checked: o.current,
        disabled: !o.legal && !o.current,
        ...sends('setPosture'),
      });
      // A choice refused before it was sent (offline, say) puts the posture in force back.
      input.addEventListener('change', () => {
        if (onChange(o.value) !== false) return;
        const fieldset = input.closest('fieldset');
        const current = options.find((x) => x.current)?.value;
        fieldset
          ?.querySelectorAll<HTMLInputElement>('input[type=radio]')
          .forEach((r) => (r.checked = r.value === current));
      });
      return h(
        'div',
        { class: 'radio' },
        input,
        h('label', { for: id }, o.text),
        !o.legal && !o.current && o.reason ? h('span', { class: 'hint' }, ` ${o.reason}`) : null,
      );
    }),
  );
}

export function postureForm(postures: NonNullable<SeatModel['postures']>, act: Intents) {
  if (postures.seat === '0')
    return h(
      'section',
      { class: 'panel', 'aria-labelledby': 'posture-h' },
      h('h3', { id: 'posture-h' }, 'Your posture (secret)'),
      radios('Sanctions enforcement', 'enforcement', postures.enforcement, (enforcement) =>
        act.send('setPosture', { enforcement }),
      ),
      refusalSlot('setPosture'),
    );
  const state = { ...postures.current };
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'posture-h' },
    h('h3', { id: 'posture-h' }, 'Your postures (secret)'),
    radios('Proxy leash', 'leash', postures.leash, (v) => {
      const sent = act.send('setPosture', { ...state, proxyLeash: v });
      if (sent !== false) state.proxyLeash = v;
      return sent;
    }),
    radios('Enrichment', 'enrichment', postures.enrichment, (v) => {
      const sent = act.send('setPosture', { ...state, enrichment: v });
      if (sent !== false) state.enrichment = v;
      return sent;
    }),
    refusalSlot('setPosture'),
  );
}

/**
 * A memo taken back to be edited: the next composer drawn starts from it. Set by Edit just before
 * the memo is withdrawn; the withdrawal's update redraws the desk, and the composer takes it.
 */
let editing: { clauses: { id: string; size: string }[]; text: string } | null = null;

function clauseRow(composer: ComposerModel, index: number): HTMLElement {
  const clauseId = uid('clause');
  const sizeId = uid('size');
  const clauseSelect = h(
    'select',
    { id: clauseId, name: `clause-${index}` },
    h('option', { value: '' }, '— no clause —'),
    ...composer.catalog.map((c) => h('option', { value: c.id }, c.label)),
  );
  const sizeSelect = h('select', { id: sizeId, name: `size-${index}`, disabled: true });
  // Help beside the control: what the chosen clause does, its giver, sizes and verification time,
  // and the chosen size's effects (the rules reference's words, through the desk model).
  const helpId = uid('clause-help');
  const help = h(
    'p',
    { id: helpId, class: 'hint clause-help' },
    'Pick a clause to see what it does.',
  );
  clauseSelect.setAttribute('aria-describedby', helpId);
  sizeSelect.setAttribute('aria-describedby', helpId);
  const showHelp = () => {
    const choice = composer.catalog.find((c) => c.id === clauseSelect.value);
    const size = choice?.sizes.find((s) => s.id === sizeSelect.value);
    help.textContent = choice
      ? `${choice.about}${size ? ` ${size.label}, when verified: ${choice.sizeHelp[size.id] ?? ''}.` : ''}`
      : 'Pick a clause to see what it does.';
  };
  sizeSelect.addEventListener('change', showHelp);
  clauseSelect.addEventListener('change', () => {
    const choice = composer.catalog.find((c) => c.id === clauseSelect.value);
    sizeSelect.replaceChildren(
      ...(choice?.sizes ?? []).map((s) => h('option', { value: s.id }, s.label)),
    );
    sizeSelect.disabled = !choice;
    showHelp();
  });
  const start = editing?.clauses[index];
  if (start && composer.catalog.some((c) => c.id === start.id)) {
    clauseSelect.value = start.id;
    clauseSelect.dispatchEvent(new Event('change'));
    sizeSelect.value = start.size;
  }
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
    help,
  );
}

/** Every clause of the catalog with what it does: a disclosure above the composer's rows. */
function catalogHelp(composer: ComposerModel): HTMLElement {
  return h(
    'details',
    { class: 'control-help catalog-help' },
    h(
      'summary',
      {},
      h('span', { class: 'help-mark', 'aria-hidden': 'true' }, '?'),
      ' What each clause does',
    ),
    h('dl', {}, ...composer.catalog.flatMap((c) => [h('dt', {}, c.label), h('dd', {}, c.help)])),
  );
}

export function memoComposer(composer: ComposerModel, act: Intents): HTMLElement {
  const section = h(
    'section',
    { class: 'panel', 'aria-labelledby': 'memo-h' },
    h('h3', { id: 'memo-h' }, composer.heading),
  );
  if (composer.closed) {
    section.append(h('p', {}, composer.closed), refusalSlot('draftMemo'));
    return section;
  }
  section.append(h('p', { class: 'hint' }, composer.hint));
  const counterId = uid('counter');
  const textId = uid('memo-text');
  const max = composer.maxText;
  const text = h('textarea', {
    id: textId,
    name: 'text',
    maxlength: max,
    rows: 4,
    'aria-describedby': counterId,
  });
  const counter = h(
    'span',
    { id: counterId, class: 'counter', 'aria-live': 'polite' },
    `0 / ${max}`,
  );
  text.addEventListener('input', () => (counter.textContent = `${text.value.length} / ${max}`));
  const rows = Array.from({ length: composer.slots }, (_, i) => clauseRow(composer, i));
  if (editing) {
    text.value = editing.text;
    counter.textContent = `${text.value.length} / ${max}`;
    editing = null;
  }
  const form = h(
    'form',
    { class: 'memo-form' },
    catalogHelp(composer),
    ...rows,
    h('div', { class: 'field' }, h('label', { for: textId }, 'Text'), text, counter),
    h('button', { type: 'submit', ...sends('draftMemo') }, 'Send to the broker'),
    refusalSlot('draftMemo'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const clauses = [];
    for (let i = 0; i < composer.slots; i++) {
      const id = (form.elements.namedItem(`clause-${i}`) as HTMLSelectElement).value;
      const size = (form.elements.namedItem(`size-${i}`) as HTMLSelectElement).value;
      const choice = composer.catalog.find((c) => c.id === id);
      if (!choice) continue;
      clauses.push({ id, size, giver: choice.giver });
    }
    act.send('draftMemo', { clauses, text: text.value });
  });
  section.append(form);
  return section;
}

/** Withdraw and Edit for a memo its author may still take back (until drafting ends). */
function takeBack(m: MemoModel, act: Intents): HTMLElement | null {
  if (!m.withdrawable) return null;
  const withdraw = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => act.send('withdrawMemo', m.id),
      ...sends(`withdrawMemo:${m.id}`),
    },
    'Withdraw',
  );
  const edit = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        if (act.check('withdrawMemo', m.id) === null)
          editing = { clauses: m.clauses.map((c) => ({ id: c.id, size: c.size })), text: m.text };
        act.send('withdrawMemo', m.id);
        // The composer is redrawn with the memo in it: take the person there.
        setTimeout(() => document.querySelector<HTMLElement>('.memo-form select')?.focus(), 0);
      },
      ...sends(`withdrawMemo:${m.id}`),
    },
    'Edit',
  );
  return h(
    'div',
    { class: 'actions' },
    withdraw,
    edit,
    h(
      'span',
      { class: 'hint' },
      'The broker has not seen it yet: until drafting ends it is yours.',
    ),
    refusalSlot(`withdrawMemo:${m.id}`),
  );
}

export function sentMemos(
  memos: MemoModel[],
  heading = 'Your memos',
  id = 'sent-h',
  from = false,
  act?: Intents,
): HTMLElement | null {
  if (memos.length === 0) return null;
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': id },
    h('h3', { id }, heading),
    h(
      'ul',
      { class: 'memo-list' },
      ...memos.map((m) =>
        h(
          'li',
          { class: `fate-${m.fate}` },
          h(
            'span',
            { class: 'meta' },
            `Round ${m.round}${from ? ` · from ${m.authorName}` : ''} · ${m.fateWords}`,
          ),
          m.clauses.length ? h('ul', {}, ...m.clauses.map((c) => h('li', {}, c.text))) : null,
          m.text ? h('blockquote', {}, m.text) : null,
          act ? takeBack(m, act) : null,
        ),
      ),
    ),
  );
}

/** The clauses as delivered; to the author at ratification, a reframed size against its own. */
function shownClauses(card: InboxCard): HTMLElement {
  return h(
    'ul',
    { class: 'clauses' },
    ...card.clauses.map((c) => {
      if (c.struck)
        return h(
          'li',
          { class: 'struck' },
          h('span', { 'aria-label': 'struck by the broker' }, c.text),
        );
      if (c.reframedFrom)
        return h(
          'li',
          { class: 'reframed' },
          c.text,
          h('span', { class: 'change' }, ` — reframed by the broker: you wrote ${c.reframedFrom}`),
        );
      return h('li', {}, c.text);
    }),
  );
}

export function proposalCard(card: InboxCard, act: Intents): HTMLElement {
  const headingId = uid('prop');
  const el = h(
    'article',
    { class: `proposal stage-${card.stage}`, 'aria-labelledby': headingId },
    h('h4', { id: headingId }, card.title),
    card.clauses.length ? shownClauses(card) : null,
    card.text ? h('blockquote', {}, card.text) : null,
    card.note ? h('p', { class: 'note' }, h('strong', {}, 'Broker’s note: '), card.note) : null,
  );
  if (card.ratifying && card.reframed > 0)
    el.append(
      h(
        'p',
        { class: 'warning' },
        `The broker reframed ${card.reframed === 1 ? 'one clause' : `${card.reframed} clauses`} of your memo before delivering it.`,
      ),
    );
  if (card.message) el.append(h('p', { class: 'hint' }, 'A message: read, not answered.'));
  if (card.verifyText) el.append(h('p', { class: 'meta' }, card.verifyText));
  if (card.due) {
    const accept = h(
      'button',
      {
        type: 'button',
        disabled: !card.accept.legal,
        onclick: () => act.send('respond', card.id, 'accept'),
        ...sends(`respond:${card.id}`),
      },
      'Accept',
    );
    const reject = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: () => act.send('respond', card.id, 'reject'),
        ...sends(`respond:${card.id}`),
      },
      'Reject',
    );
    el.append(h('div', { class: 'actions' }, accept, reject), refusalSlot(`respond:${card.id}`));
    if (!card.accept.legal && card.accept.reason)
      el.append(h('p', { class: 'warning' }, card.accept.reason));
  } else if (card.answerText) {
    el.append(h('p', { class: 'meta' }, card.answerText));
  }
  return el;
}

export function inbox(cards: InboxCard[], act: Intents): HTMLElement {
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'inbox-h' },
    h('h3', { id: 'inbox-h' }, 'Inbox'),
    cards.length === 0
      ? h('p', {}, 'Nothing was delivered to you this round.')
      : h('div', { class: 'proposals' }, ...cards.map((c) => proposalCard(c, act))),
  );
}
