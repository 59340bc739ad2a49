// The broker's desk: each memo as written, with relay (strike clauses or sentences, reframe a
// size), hold, leak; bundles across memos of both sides; a proposal of the broker's own; and what
// it delivered with each answer. It renders the desk's share of the seat model
// (src/game/model/desk.ts): every cost and limit comes from there.
import type {
  BrokerMemo,
  BundleModel,
  DeliveredItem,
  TableModel,
  ToolHelp,
} from '../game/model/desk';
import { MAX_NOTE } from '../game/model/desk';
import type { Intents } from '../client/intents';
import { h, panel, uid } from './dom';
import { refusalSlot, sends } from './refusal';

/** Sentences of a memo's text with their [start, end) offsets, for striking by keyboard. */
export function sentences(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  const re = /[^.!?\n]+[.!?]*\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const trimmed = m[0].trimEnd();
    if (trimmed.trim()) out.push({ start: m.index, end: m.index + trimmed.length, text: trimmed });
  }
  return out;
}

function noteField(name: string): [HTMLElement, () => string] {
  const id = uid(name);
  const input = h('textarea', { id, name, maxlength: MAX_NOTE, rows: 2 });
  return [
    h('div', { class: 'field' }, h('label', { for: id }, 'Note to attach (optional)'), input),
    () => input.value,
  ];
}

/**
 * The help beside the broker's controls: a "?" disclosure listing what each tool does and costs
 * (the rules reference's words, through the desk model), and each tool's text by id, so a control
 * names its help with aria-describedby.
 */
function toolsHelp(tools: ToolHelp[], summary: string): [HTMLElement, string[]] {
  const ids = tools.map(() => uid('tool-help'));
  return [
    h(
      'details',
      { class: 'control-help tools-help' },
      h(
        'summary',
        {},
        h('span', { class: 'help-mark', 'aria-hidden': 'true' }, '?'),
        ` ${summary}`,
      ),
      h(
        'dl',
        {},
        ...tools.flatMap((t, i) => [
          h('dt', {}, `${t.name} (${t.cost})`),
          h('dd', { id: ids[i]! }, t.text),
        ]),
      ),
    ),
    ids,
  ];
}

function memoCard(memo: BrokerMemo, act: Intents): HTMLElement {
  const { card } = memo;
  const headingId = uid('memo');
  // memo.help: relay, redact, reframe, hold, leak, in that order (src/game/model/desk.ts).
  const [help, helpIds] = toolsHelp(memo.help, 'What relay, strike, reframe, hold and leak do');
  const describe = (i: number) => helpIds[i];
  const strikes: HTMLInputElement[] = [];
  const reframes: HTMLSelectElement[] = [];
  const rows = memo.clauses.map((c) => {
    const strikeId = uid('strike');
    const strike = h('input', { type: 'checkbox', id: strikeId, 'aria-describedby': describe(1) });
    strikes.push(strike);
    const reframeId = uid('reframe');
    const reframe = h(
      'select',
      { id: reframeId, 'aria-describedby': describe(2) },
      ...c.reframes.map((r) => h('option', { value: String(r.delta) }, r.label)),
    );
    reframes.push(reframe);
    return h(
      'li',
      { class: 'clause-edit' },
      h('span', {}, c.text),
      h(
        'span',
        { class: 'controls' },
        strike,
        h('label', { for: strikeId }, 'Strike'),
        h('label', { for: reframeId, class: 'visually-hidden' }, 'Deliver the size'),
        reframe,
      ),
    );
  });
  const parts = sentences(card.text);
  const sentenceBoxes = parts.map((s) => {
    const id = uid('sentence');
    const box = h('input', { type: 'checkbox', id, 'aria-describedby': describe(1) });
    return { box, s, el: h('li', {}, box, h('label', { for: id }, `Strike: “${s.text}”`)) };
  });
  const [note, noteValue] = noteField('relay-note');
  const cost = h('p', { class: 'cost', 'aria-live': 'polite' });
  const reframed = () =>
    reframes.flatMap((r, i) =>
      r.value !== '0' && !strikes[i]!.checked
        ? [{ clause: i, delta: r.value === '1' ? (1 as const) : (-1 as const) }]
        : [],
    );
  const updateCost = () => (cost.textContent = memo.relayCost(reframed().length));
  [...reframes, ...strikes].forEach((el) => el.addEventListener('change', updateCost));
  updateCost();
  const relay = () => {
    const redactClauses = strikes.flatMap((s, i) => (s.checked ? [i] : []));
    const redactSpans = sentenceBoxes
      .filter((x) => x.box.checked)
      .map((x): [number, number] => [x.s.start, x.s.end]);
    act.send('relay', card.id, {
      redactClauses,
      redactSpans,
      reframes: reframed(),
      note: noteValue(),
    });
  };
  return h(
    'article',
    { class: `memo author-${card.author}`, 'aria-labelledby': headingId },
    h('h4', { id: headingId }, memo.heading),
    rows.length
      ? h('ul', { class: 'clauses' }, ...rows)
      : h('p', { class: 'hint' }, 'A message, with no clauses to deliver.'),
    card.text ? h('blockquote', {}, card.text) : null,
    sentenceBoxes.length
      ? h('ul', { class: 'sentences' }, ...sentenceBoxes.map((x) => x.el))
      : null,
    note,
    cost,
    h('p', { class: 'hint' }, card.turnaround),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          onclick: relay,
          'aria-describedby': describe(0),
          ...sends(`relay:${card.id}`),
        },
        memo.relayLabel,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          disabled: !memo.hold.legal,
          title: memo.hold.reason ?? undefined,
          'aria-describedby': describe(3),
          onclick: () => act.send('hold', card.id),
          ...sends(`hold:${card.id}`),
        },
        memo.hold.label,
      ),
      ...leakButtons(memo, () => act.send('leak', card.id), {
        ...sends(`leak:${card.id}`),
        ...(describe(4) ? { 'aria-describedby': describe(4)! } : {}),
      }),
    ),
    help,
    refusalSlot(`relay:${card.id}`, `hold:${card.id}`, `leak:${card.id}`),
    memo.warning ? h('p', { class: 'warning' }, memo.warning) : null,
  );
}

/**
 * A leak cannot be undone, so it takes two presses: the first turns the button into a
 * confirmation that states every effect (and shows a way back), the second leaks.
 */
function leakButtons(
  memo: BrokerMemo,
  leak: () => void,
  marks: Record<string, string>,
): [HTMLElement, HTMLElement] {
  let armed = false;
  const button = h('button', { type: 'button', class: 'danger', ...marks }, memo.leakLabel);
  const back = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Keep it private');
  button.addEventListener('click', () => {
    if (armed) return leak();
    armed = true;
    button.textContent = memo.leakConfirm;
    back.hidden = false;
  });
  back.addEventListener('click', () => {
    armed = false;
    button.textContent = memo.leakLabel;
    back.hidden = true;
    button.focus();
  });
  return [button, back];
}

function bundleForm(bundle: BundleModel, act: Intents): HTMLElement {
  const boxes: { box: HTMLInputElement; memoId: string; clause: number }[] = [];
  const items = bundle.items.map((item) => {
    const id = uid('bundle');
    const box = h('input', { type: 'checkbox', id });
    boxes.push({ box, memoId: item.memoId, clause: item.clause });
    return h('li', {}, box, h('label', { for: id }, item.label));
  });
  const [note, noteValue] = noteField('bundle-note');
  const [help, [helpId]] = toolsHelp([bundle.help], 'What a bundle does');
  return panel(
    'bundle-h',
    'Bundle clauses from both sides',
    {},
    h('p', { class: 'hint' }, bundle.hint),
    help,
    bundle.reason ? h('p', { class: 'warning' }, bundle.reason) : null,
    h('ul', { class: 'checks' }, ...items),
    note,
    h(
      'button',
      {
        type: 'button',
        'aria-describedby': helpId,
        onclick: () =>
          act.send('bundle', {
            parts: boxes
              .filter((b) => b.box.checked)
              .map(({ memoId, clause }) => ({ memoId, clause })),
            note: noteValue(),
          }),
        ...sends('bundle'),
      },
      'Send the bundle to both',
    ),
    refusalSlot('bundle'),
  );
}

function tableForm(table: TableModel, act: Intents): HTMLElement {
  const rows = Array.from({ length: table.slots }, (_, i) => {
    const cid = uid('table-clause');
    const sid = uid('table-size');
    const clause = h(
      'select',
      { id: cid },
      h('option', { value: '' }, '— no clause —'),
      ...table.catalog.map((c) => h('option', { value: c.id }, c.label)),
    );
    const size = h('select', { id: sid, disabled: true });
    clause.addEventListener('change', () => {
      const choice = table.catalog.find((c) => c.id === clause.value);
      size.replaceChildren(
        ...(choice?.sizes ?? []).map((s) => h('option', { value: s.id }, s.label)),
      );
      size.disabled = !choice;
    });
    return {
      clause,
      size,
      el: h(
        'div',
        { class: 'clause-row' },
        h('div', { class: 'field' }, h('label', { for: cid }, `Clause ${i + 1}`), clause),
        h('div', { class: 'field' }, h('label', { for: sid }, 'Size'), size),
      ),
    };
  });
  const [note, noteValue] = noteField('table-note');
  const helpId = uid('tool-help');
  return h(
    'details',
    { class: 'panel' },
    h('summary', {}, table.summary),
    h('p', { class: 'hint', id: helpId }, table.help.text),
    ...rows.map((r) => r.el),
    note,
    h(
      'button',
      {
        type: 'button',
        'aria-describedby': helpId,
        onclick: () => {
          const clauses = rows.flatMap((r) => {
            const choice = table.catalog.find((c) => c.id === r.clause.value);
            if (!choice) return [];
            return [{ id: choice.id, size: r.size.value, giver: choice.giver }];
          });
          act.send('tableProposal', { clauses, note: noteValue() });
        },
        ...sends('tableProposal'),
      },
      'Table it',
    ),
    refusalSlot('tableProposal'),
  );
}

export function brokerDesk(
  memos: BrokerMemo[],
  bundle: BundleModel | null,
  table: TableModel | null,
  act: Intents,
): HTMLElement[] {
  const desk = panel(
    'desk-h',
    `On your desk (${memos.length})`,
    {},
    memos.length === 0
      ? h('p', {}, 'No memo waits for you. You may table a proposal, then end your step.')
      : h('div', { class: 'memos' }, ...memos.map((m) => memoCard(m, act))),
  );
  return [
    desk,
    bundle ? bundleForm(bundle, act) : null,
    table ? tableForm(table, act) : null,
  ].filter((x): x is HTMLElement => x !== null);
}

/**
 * What the broker delivered, and how each side answered: the confirmation that a proposal was
 * tabled, and its fate, round by round (the latest first).
 */
export function deliveredPanel(items: DeliveredItem[]): HTMLElement | null {
  if (items.length === 0) return null;
  return panel(
    'delivered-h',
    'What you delivered',
    {},
    h(
      'ul',
      { class: 'memo-list' },
      ...items.map((p) =>
        h(
          'li',
          {},
          h('span', { class: 'meta' }, p.meta),
          p.clauses.length ? h('ul', {}, ...p.clauses.map((c) => h('li', {}, c))) : null,
          p.answers ? h('p', { class: 'hint' }, p.answers) : null,
        ),
      ),
    ),
  );
}
