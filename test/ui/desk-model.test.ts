// @vitest-environment happy-dom
// The desks render the seat model: built from real states of fixed-seed matches of both
// scenarios, each desk says what the rules say (a memo's fate once relayed and rejected, a
// refusal beside the control that caused it, the end screen's scores and objectives met), and no
// card shows an internal code, an id or a schema path.
import { afterEach, describe, expect, it } from 'vitest';
import { applyMove } from '../../src/bots/engine';
import { intentKey, type IntentKey } from '../../src/client/intents';
import { looksInternal, refuse } from '../../src/client/refusals';
import { enumerate } from '../../src/game/enumerate';
import { deskModel } from '../../src/game/model/desk';
import { getScenario } from '../../src/game/scenario';
import { seatModel } from '../../src/game/seat-model';
import { MEMO_FATE_WORDS, OUTCOME_NAMES } from '../../src/game/words';
import { slotFor } from '../../src/ui/refusal';
import { renderSeat, type Rendered } from './render';
import {
  SCENARIOS,
  allDone,
  finishedViews,
  freshMatch,
  matchAt,
  mediationWithMemo,
  randomSeatViews,
  ratificationMatch,
  viewFor,
} from './states';

let shown: Rendered | null = null;
afterEach(() => {
  shown?.destroy();
  shown = null;
});

const sentLines = (root: HTMLElement) =>
  [...root.querySelectorAll('[aria-labelledby="sent-h"] .meta')].map((e) => e.textContent ?? '');

describe('a memo relayed and rejected', () => {
  it.each(SCENARIOS)('%s: its author is no longer told it is with the broker', (id) => {
    const r = freshMatch(id, 'ui-rejected');
    const memo = enumerate(r.G, '0').find(
      (x) => x.move === 'draftMemo' && (x.args[0] as { clauses: unknown[] }).clauses.length > 0,
    )!;
    expect(applyMove(r, '0', 'draftMemo', memo.args)).toBeNull();
    allDone(r); // to mediation
    const m = r.G.memos.find((x) => x.author === '0')!;
    expect(applyMove(r, '2', 'relay', [m.id, {}])).toBeNull();
    allDone(r); // to response
    const p = r.G.proposals.find((x) => x.memoId === m.id)!;
    expect(applyMove(r, '1', 'respond', [p.id, 'reject'])).toBeNull();
    allDone(r); // to press
    // While the broker might still hold it, the author is told just that (it cannot tell a hold
    // from a delivery the other side turned down).
    shown = renderSeat(viewFor(r.G, '0'), '0');
    if (r.G.round < m.lastRound)
      expect(sentLines(shown.root)[0]).toContain(MEMO_FATE_WORDS['with-broker']);
    shown.destroy();
    // Once its turnaround is past, it cannot be with the broker any more: the desk says so.
    while (r.G.round <= m.lastRound && r.G.step !== 'over') allDone(r);
    shown = renderSeat(viewFor(r.G, '0'), '0');
    const lines = sentLines(shown.root);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/handed to the broker/i);
    expect(lines[0]).toContain(MEMO_FATE_WORDS['out-of-hands']);
  });
});

describe('a refusal lands beside its control', () => {
  it.each(SCENARIOS)('%s: a refused relay shows under that memo’s relay button', async (id) => {
    const r = mediationWithMemo(id);
    const memos = r.G.memos.filter((m) => m.status === 'pending');
    expect(memos.length).toBeGreaterThanOrEqual(2);
    shown = renderSeat(viewFor(r.G, '2'), '2');
    const store = shown.store;
    // As the connection does: the server refuses the move sent from this control.
    store.setState({
      send: (move, ...args) => refuse(store, intentKey(move, args), 'The table refused that.'),
    });
    const second = memos[1]!;
    const button = shown.root.querySelector<HTMLButtonElement>(
      `[data-sends="relay:${second.id}"]`,
    )!;
    expect(button.textContent).toMatch(/^Relay to /);
    button.click();
    const slots = [...shown.root.querySelectorAll<HTMLElement>('.refusal:not([hidden])')];
    expect(slots).toHaveLength(1);
    expect(slots[0]!.textContent).toBe('The table refused that.');
    // In the same card as the button, not at the top of the desk or beside another memo.
    expect(slots[0]!.closest('article')).toBe(button.closest('article'));
    expect(slots[0]!.closest('article')?.querySelector('h4')?.textContent).toContain(
      getScenario(id).seats[second.author === '0' ? 'A' : 'B'].name,
    );
  });

  const views = [
    ...randomSeatViews(4, 'ui-slots', 11),
    ...SCENARIOS.flatMap((id) =>
      (['drafting', 'mediation', 'response', 'press'] as const).flatMap((step) => {
        const r = matchAt(id, step);
        return (['0', '1', '2'] as const).map((seat) => ({ seat, view: viewFor(r.G, seat) }));
      }),
    ),
  ];

  it('every control that sends a move has its refusal slot in its own group', () => {
    let controls = 0;
    const moves = new Set<string>();
    for (const { seat, view } of views) {
      shown = renderSeat(view, seat);
      for (const el of shown.root.querySelectorAll<HTMLElement>('[data-sends]')) {
        const key = el.dataset.sends as IntentKey;
        controls++;
        moves.add(key.split(':')[0]!);
        const group = el.closest('article, form, section, details') ?? shown.root;
        const slot = slotFor(group, key);
        expect(slot, `${key} in ${group.tagName}`).not.toBeNull();
        // Not the catch-all: the slot names this control's move.
        expect(slot!.dataset.refusalFor!.split(' '), key).toSatisfy((names: string[]) =>
          names.some((n) => n === key || n === key.split(':')[0]),
        );
      }
      // The done control's slot sits right after it.
      const done = shown.root.querySelector<HTMLElement>('button.done');
      if (done) expect(done.nextElementSibling?.getAttribute('data-refusal-for')).toContain('done');
      shown.destroy();
      shown = null;
    }
    expect(controls).toBeGreaterThan(100);
    for (const m of [
      'setPosture',
      'draftMemo',
      'relay',
      'hold',
      'leak',
      'respond',
      'statement',
      'done',
    ])
      expect(moves, m).toContain(m);
  });

  it('no card, desk or panel shows an id, an internal code or a schema path', () => {
    const ids = (v: (typeof views)[number]['view']) => [
      ...v.memos.map((m) => m.id),
      ...v.proposals.map((p) => p.id),
      ...v.incidents.map((i) => i.id),
    ];
    const bad: string[] = [];
    for (const { seat, view } of views) {
      shown = renderSeat(view, seat);
      const runs = shown.runs().filter((t) => !view.feed.some((e) => e.text.includes(t)));
      const secret = ids(view);
      for (const t of runs) {
        if (looksInternal(t)) bad.push(`${seat}: ${t}`);
        if (/\b(undefined|null|NaN)\b|\[object /.test(t)) bad.push(`${seat}: ${t}`);
        for (const id of secret) if (t.includes(id)) bad.push(`${seat}: id ${id} in “${t}”`);
      }
      shown.destroy();
      shown = null;
    }
    expect(bad).toEqual([]);
  });
});

describe('the end screen', () => {
  it.each(SCENARIOS)('%s: scores, the outcome and each objective met or not', (id) => {
    for (const { seat, view } of finishedViews(id)) {
      const final = view.final!;
      const model = seatModel(view, seat, () => 0);
      const end = deskModel(view, model).end!;
      shown = renderSeat(view, seat);
      const screen = shown.root.querySelector<HTMLElement>('.end-screen')!;
      expect(screen.querySelector('h2')?.textContent).toContain(OUTCOME_NAMES[final.outcome]);
      const rows = [...screen.querySelectorAll('tbody tr')].map((tr) =>
        [...tr.children].map((c) => c.textContent),
      );
      const s = getScenario(id);
      expect(rows).toHaveLength(3);
      expect(rows[0]![0]).toContain(s.seats.A.name);
      expect(rows[0]![1]).toBe(String(final.scores['0']));
      expect(rows[2]![2]).toBe(final.normalised['2'].toFixed(2));
      // Every agenda card of both sides and the mandate, each marked met or not.
      const items = [...screen.querySelectorAll('.objectives-met li')].map((li) => li.textContent);
      expect(items).toHaveLength(
        (view.agendas['0']?.length ?? 0) + (view.agendas['1']?.length ?? 0) + 1,
      );
      for (const text of items) expect(text).toMatch(/— (✓ met|✗ not met)$/);
      expect(end.objectives.every((o) => o.met !== null)).toBe(true);
      // The principals' scores hold what they met (scoring.ts: objective points per card met).
      const t = s.tunables.scoring;
      for (const p of ['0', '1'] as const) {
        const met = end.objectives.filter(
          (o) => o.kind === 'agenda' && o.who === s.seats[p === '0' ? 'A' : 'B'].name && o.met,
        ).length;
        expect(final.scores[p]).toBeGreaterThanOrEqual(met * t.objective - t.warPenalty);
      }
      // Each seat reads its own result beside the board.
      expect(shown.root.querySelector('.result-line')?.textContent).toContain(
        `${final.scores[seat]} points`,
      );
      shown.destroy();
      shown = null;
    }
  });
});

describe('what changed since the last step', () => {
  it.each(SCENARIOS)('%s: the author ratifying a reframed memo is told what changed', (id) => {
    const r = ratificationMatchReframed(id);
    shown = renderSeat(viewFor(r.G, '0'), '0');
    const panel = shown.root.querySelector('section.changes')?.textContent ?? '';
    expect(panel).toContain('Your memo was reframed');
    expect(panel).toMatch(/you wrote .+, delivered as /);
    shown.destroy();
    // The recipient is not told.
    shown = renderSeat(viewFor(r.G, '1'), '1');
    expect(shown.root.querySelector('section.changes')?.textContent ?? '').not.toContain(
      'reframed',
    );
  });
});

function ratificationMatchReframed(id: (typeof SCENARIOS)[number]) {
  return ratificationMatch(id, 'ui-changes', (memo) => {
    const c = memo.clauses[0] as { id: string; size: string };
    const sizes = getScenario(id).catalog.find((d) => d.id === c.id)!.sizes;
    const at = sizes.findIndex((s) => s.id === c.size);
    return { reframes: [{ clause: 0, delta: at > 0 ? -1 : 1 }] };
  });
}

describe('the broker’s memos', () => {
  it.each(SCENARIOS)('%s: each memo of the round says what became of it', (id) => {
    const r = mediationWithMemo(id);
    const a = r.G.memos.find((m) => m.author === '0' && m.status === 'pending')!;
    const b = r.G.memos.find((m) => m.author === '1' && m.status === 'pending')!;
    expect(applyMove(r, '2', 'hold', [a.id])).toBeNull();
    expect(applyMove(r, '2', 'relay', [b.id, {}])).toBeNull();
    allDone(r); // to response
    shown = renderSeat(viewFor(r.G, '2'), '2');
    const lines = [...shown.root.querySelectorAll('[aria-labelledby="handled-h"] .meta')].map(
      (e) => e.textContent,
    );
    const s = getScenario(id);
    expect(lines).toContain(`Round 1 · from ${s.seats.A.name} · ${MEMO_FATE_WORDS.held}`);
    expect(lines).toContain(`Round 1 · from ${s.seats.B.name} · ${MEMO_FATE_WORDS.relayed}`);
  });
});

describe('the countdown in the header', () => {
  it.each(SCENARIOS)('%s: the seat model’s countdown, timed and paused', (id) => {
    const r = freshMatch(id, 'ui-clock');
    const view = viewFor(r.G, '0');
    view.clock = { ...view.clock, deadline: Date.now() + 65_000 };
    shown = renderSeat(view, '0');
    const countdown = () => shown!.root.querySelector('.countdown')?.textContent ?? '';
    expect(countdown()).toMatch(/^1:0[45] left$/);
    shown.destroy();
    const paused = viewFor(r.G, '0');
    paused.paused = { since: Date.now(), remaining: 30_000 };
    shown = renderSeat(paused, '0');
    expect(countdown()).toBe('Paused: 0:30 left');
    expect(shown.root.querySelector('.status-line')?.textContent).toMatch(
      /^Paused by the facilitator · Round 1 of \d+ · Drafting/,
    );
    shown.destroy();
    // Untimed: nothing in the header.
    shown = renderSeat(viewFor(r.G, '0'), '0');
    expect(countdown()).toBe('');
  });
});
