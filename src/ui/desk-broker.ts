// The broker's desk: each memo as written, with relay (strike clauses or sentences, reframe a
// size), hold, leak; bundles across memos of both sides; a proposal of the broker's own. Every
// action shows its capital cost before it is taken.
import { MAX_CLAUSES, MAX_NOTE } from '../game/constants';
import { clauseDef, sizeIndex } from '../game/clauses';
import type { Scenario } from '../game/scenario/schema';
import type { SeatView, Memo, Proposal } from '../game/types';
import type { Intents } from '../client/intents';
import { h, panel, uid } from './dom';
import { refusalSlot } from './refusal';
import { changes, clauseText, seatName, sizeLabel } from './format';

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

function memoCard(view: SeatView, scenario: Scenario, memo: Memo, act: Intents): HTMLElement {
  const t = scenario.tunables.mediation;
  const headingId = uid('memo');
  const strikes: HTMLInputElement[] = [];
  const reframes: HTMLSelectElement[] = [];
  const rows = memo.clauses.map((c) => {
    const def = clauseDef(scenario, c.id);
    const at = sizeIndex(scenario, c);
    const strikeId = uid('strike');
    const strike = h('input', { type: 'checkbox', id: strikeId });
    strikes.push(strike);
    const options: [string, string][] = [['0', `as written: ${sizeLabel(scenario, c)}`]];
    const next = (d: 1 | -1) => def?.sizes[at + d];
    const up = next(1);
    const down = next(-1);
    if (up) options.push(['1', `one size up: ${up.label} (${t.reframeCost} capital)`]);
    if (down) options.push(['-1', `one size down: ${down.label} (${t.reframeCost} capital)`]);
    const reframeId = uid('reframe');
    const reframe = h(
      'select',
      { id: reframeId },
      ...options.map(([v, label]) => h('option', { value: v }, label)),
    );
    reframes.push(reframe);
    return h(
      'li',
      { class: 'clause-edit' },
      h('span', {}, clauseText(scenario, c)),
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
  const parts = sentences(memo.text);
  const sentenceBoxes = parts.map((s) => {
    const id = uid('sentence');
    const box = h('input', { type: 'checkbox', id });
    return { box, s, el: h('li', {}, box, h('label', { for: id }, `Strike: “${s.text}”`)) };
  });
  const [note, noteValue] = noteField('relay-note');
  const cost = h('p', { class: 'cost', 'aria-live': 'polite' });
  const updateCost = () => {
    const n = reframes.filter((r, i) => r.value !== '0' && !strikes[i]!.checked).length;
    cost.textContent = `Relay cost: ${n * t.reframeCost} capital (you have ${view.tracks.capital}).`;
  };
  [...reframes, ...strikes].forEach((el) => el.addEventListener('change', updateCost));
  updateCost();
  const relay = () => {
    const redactClauses = strikes.flatMap((s, i) => (s.checked ? [i] : []));
    const reframeList = reframes.flatMap((r, i) =>
      r.value !== '0' && !strikes[i]!.checked
        ? [{ clause: i, delta: r.value === '1' ? (1 as const) : (-1 as const) }]
        : [],
    );
    const redactSpans = sentenceBoxes
      .filter((x) => x.box.checked)
      .map((x): [number, number] => [x.s.start, x.s.end]);
    act.send('relay', memo.id, {
      redactClauses,
      redactSpans,
      reframes: reframeList,
      note: noteValue(),
    });
  };
  const canHold = act.check('hold', memo.id) === null;
  return h(
    'article',
    { class: `memo author-${memo.author}`, 'aria-labelledby': headingId },
    h(
      'h4',
      { id: headingId },
      `From ${seatName(scenario, memo.author)}, round ${memo.round}`,
      memo.heldSteps > 0 ? ` · held ${memo.heldSteps}×` : '',
    ),
    rows.length
      ? h('ul', { class: 'clauses' }, ...rows)
      : h('p', { class: 'hint' }, 'No clauses: a message.'),
    memo.text ? h('blockquote', {}, memo.text) : null,
    sentenceBoxes.length
      ? h('ul', { class: 'sentences' }, ...sentenceBoxes.map((x) => x.el))
      : null,
    note,
    cost,
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', onclick: relay },
        `Relay to ${seatName(scenario, memo.author === '0' ? '1' : '0')}`,
      ),
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          disabled: !canHold,
          title: canHold ? undefined : 'At its turnaround limit',
          onclick: () => act.send('hold', memo.id),
        },
        canHold ? 'Hold' : 'Hold (limit reached)',
      ),
      h(
        'button',
        { type: 'button', class: 'danger', onclick: () => act.send('leak', memo.id) },
        `Leak (${changes([
          ['capital', -t.leakCapital],
          [`pressure on ${seatName(scenario, memo.author)}`, t.leakPressure],
        ])})`,
      ),
    ),
    refusalSlot(`relay:${memo.id}`, `hold:${memo.id}`, `leak:${memo.id}`),
    canHold
      ? null
      : h(
          'p',
          { class: 'warning' },
          `Deliver it now or it expires at the end of this step (${changes([
            ['capital', -t.expiryCapital],
            [`pressure on ${seatName(scenario, memo.author)}`, t.expiryPressure],
          ])}, public).`,
        ),
  );
}

function bundleForm(
  view: SeatView,
  scenario: Scenario,
  pending: Memo[],
  act: Intents,
): HTMLElement | null {
  if (!pending.some((m) => m.author === '0') || !pending.some((m) => m.author === '1')) return null;
  const boxes: { box: HTMLInputElement; memoId: string; clause: number }[] = [];
  const items = pending.flatMap((m) =>
    m.clauses.map((c, i) => {
      const id = uid('bundle');
      const box = h('input', { type: 'checkbox', id });
      boxes.push({ box, memoId: m.id, clause: i });
      return h(
        'li',
        {},
        box,
        h('label', { for: id }, `${seatName(scenario, m.author)}: ${clauseText(scenario, c)}`),
      );
    }),
  );
  if (items.length < 2) return null;
  const [note, noteValue] = noteField('bundle-note');
  return panel(
    'bundle-h',
    'Bundle clauses from both sides',
    {},
    h(
      'p',
      { class: 'hint' },
      `Up to ${MAX_CLAUSES} clauses, at least one from each side, sent to both as one proposal. Cost: ${scenario.tunables.mediation.bundleCost} capital. The memos used are consumed.`,
    ),
    h('ul', { class: 'checks' }, ...items),
    note,
    h(
      'button',
      {
        type: 'button',
        onclick: () =>
          act.send('bundle', {
            parts: boxes
              .filter((b) => b.box.checked)
              .map(({ memoId, clause }) => ({ memoId, clause })),
            note: noteValue(),
          }),
      },
      'Send the bundle to both',
    ),
    refusalSlot('bundle'),
  );
}

function tableForm(view: SeatView, scenario: Scenario, act: Intents): HTMLElement {
  const rows = Array.from({ length: MAX_CLAUSES }, (_, i) => {
    const cid = uid('table-clause');
    const sid = uid('table-size');
    const clause = h(
      'select',
      { id: cid },
      h('option', { value: '' }, '— no clause —'),
      ...scenario.catalog.map((c) => h('option', { value: c.id }, c.name)),
    );
    const size = h('select', { id: sid, disabled: true });
    clause.addEventListener('change', () => {
      const def = scenario.catalog.find((c) => c.id === clause.value);
      size.replaceChildren(...(def?.sizes ?? []).map((s) => h('option', { value: s.id }, s.label)));
      size.disabled = !def;
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
  const cost = scenario.tunables.mediation.tableCost;
  return h(
    'details',
    { class: 'panel' },
    h('summary', {}, `Table a proposal of your own (${cost} capital)`),
    ...rows.map((r) => r.el),
    note,
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          const clauses = rows.flatMap((r) => {
            const def = scenario.catalog.find((c) => c.id === r.clause.value);
            return def ? [{ id: def.id, size: r.size.value, giver: def.giver }] : [];
          });
          act.send('tableProposal', { clauses, note: noteValue() });
        },
      },
      'Table it',
    ),
    refusalSlot('tableProposal'),
  );
}

export function brokerDesk(view: SeatView, scenario: Scenario, act: Intents): HTMLElement[] {
  const pending = view.memos.filter((m) => m.status === 'pending');
  const desk = panel(
    'desk-h',
    `On your desk (${pending.length})`,
    {},
    pending.length === 0
      ? h('p', {}, 'No memo waits for you. You may table a proposal, then end your step.')
      : h('div', { class: 'memos' }, ...pending.map((m) => memoCard(view, scenario, m, act))),
  );
  return [desk, bundleForm(view, scenario, pending, act), tableForm(view, scenario, act)].filter(
    (x): x is HTMLElement => x !== null,
  );
}

const STAGE_WORDS: Record<Proposal['stage'], string> = {
  message: 'delivered as a message',
  open: 'awaiting answers',
  ratification: 'accepted, back with its author to ratify',
  signed: 'signed',
  rejected: 'rejected',
  lapsed: 'lapsed unanswered',
  void: 'void',
};

/**
 * What the broker delivered, and how each side answered: the confirmation that a proposal was
 * tabled, and its fate, round by round (the latest first).
 */
export function deliveredPanel(view: SeatView, scenario: Scenario): HTMLElement | null {
  const recent = view.proposals.filter((p) => p.round >= view.round - 1).reverse();
  if (recent.length === 0) return null;
  const what = (p: Proposal) =>
    p.kind === 'table'
      ? 'Your proposal'
      : p.kind === 'bundle'
        ? 'Your bundle'
        : `${seatName(scenario, p.author ?? '0')}’s memo, relayed`;
  const answers = (p: Proposal) =>
    (['0', '1'] as const)
      .filter((s) => p.due.includes(s) || p.recipients.includes(s) || p.answers[s])
      .map(
        (s) =>
          `${seatName(scenario, s)}: ${p.answers[s] === 'accept' ? 'accepted' : p.answers[s] === 'reject' ? 'rejected' : 'no answer yet'}`,
      )
      .join(' · ');
  return panel(
    'delivered-h',
    'What you delivered',
    {},
    h(
      'ul',
      { class: 'memo-list' },
      ...recent.map((p) =>
        h(
          'li',
          {},
          h(
            'span',
            { class: 'meta' },
            `Round ${p.round} · ${what(p)} to ${p.recipients.map((s) => seatName(scenario, s)).join(' and ')} · ${STAGE_WORDS[p.stage]}`,
          ),
          p.clauses.length
            ? h('ul', {}, ...p.clauses.map((c) => h('li', {}, clauseText(scenario, c))))
            : null,
          p.stage === 'message' ? null : h('p', { class: 'hint' }, answers(p)),
        ),
      ),
    ),
  );
}
