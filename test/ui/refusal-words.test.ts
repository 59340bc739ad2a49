// Every refusal a person can meet, in words for a person: many real states of both scenarios,
// each seat trying every move any seat could make there and a set of malformed ones, through the
// same check the desks and `send` use (src/client/check.ts).
import { describe, expect, it } from 'vitest';
import { makeCheck } from '../../src/client/check';
import type { MoveArgs } from '../../src/client/intents';
import { INTERNAL_TEXT, looksInternal } from '../../src/client/refusals';
import { enumerate, explainMove } from '../../src/game/enumerate';
import type { MoveName } from '../../src/game/moves';
import { seatModel } from '../../src/game/seat-model';
import { SEATS, randomSeatViews } from './states';

const views = randomSeatViews(4, 'ui-refusals', 9);

function attempts(view: (typeof views)[number]['view']): [MoveName, unknown[]][] {
  const out: [MoveName, unknown[]][] = [];
  for (const other of SEATS)
    for (const m of enumerate(view, other).slice(0, 40)) out.push([m.move, m.args]);
  const memo = view.memos[0]?.id ?? 'm-none';
  const proposal = view.proposals[0]?.id ?? 'p-none';
  out.push(
    ['bundle', [{ parts: [{ memoId: memo, clause: 0 }] }]],
    ['bundle', [{ parts: [] }]],
    ['relay', ['m-missing']],
    ['relay', [memo, { reframes: [{ clause: 3, delta: 1 }] }]],
    ['hold', [memo]],
    ['leak', ['m-missing']],
    ['respond', [proposal, 'accept']],
    ['respond', ['p-missing', 'reject']],
    ['tableProposal', [{ clauses: [] }]],
    ['statement', [{ kind: 'blame', target: '0' }]],
    ['statement', [{ kind: 'claim', target: 'D9' }]],
    ['setPosture', [{ enforcement: 'interdict' }]],
    ['setPosture', [{ proxyLeash: 'unleash', enrichment: 'advance' }]],
    ['draftMemo', [{ clauses: [], text: 'x'.repeat(10) }]],
    ['done', []],
  );
  return out;
}

describe('refusals in words', () => {
  let raw = 0;
  let internalRaw = 0;
  const shown = new Set<string>();

  it('no refusal a person reads is an internal code or a schema path', () => {
    for (const { seat, view } of views) {
      const check = makeCheck(() => view, seat);
      for (const [move, args] of attempts(view)) {
        const reason = explainMove(view, seat, move, args);
        if (reason === null) continue;
        raw++;
        if (looksInternal(reason)) internalRaw++;
        const words = (check as (m: MoveName, ...a: unknown[]) => string | null)(move, ...args);
        expect(words, `${move} by ${seat}`).not.toBeNull();
        shown.add(words!);
      }
    }
    const bad = [...shown].filter(
      (w) => INTERNAL_TEXT.some((re) => re.test(w)) || !/^[“A-Z].*[.!?]$/.test(w),
    );
    expect(bad).toEqual([]);
    // The rules' raw reasons do carry codes: the words a person reads are not those.
    expect(raw).toBeGreaterThan(100);
    expect(internalRaw).toBeGreaterThan(0);
    console.info(
      `refusals: ${raw} checked, ${internalRaw} raw reasons read as codes, ${shown.size} distinct texts shown:\n  ${[...shown].join('\n  ')}`,
    );
  });

  it('no reason the seat model gives a desk (moves, postures, answers) reads as a code', () => {
    const reasons = new Set<string>();
    for (const { seat, view } of views) {
      const model = seatModel(view, seat, () => 0);
      for (const m of Object.values(model.moves)) if (m.reason) reasons.add(m.reason);
      const p = model.postures;
      const options = !p ? [] : p.seat === '0' ? p.enforcement : [...p.leash, ...p.enrichment];
      for (const o of options) if (o.reason) reasons.add(o.reason);
      for (const i of model.inbox)
        if (i.kind === 'proposal')
          for (const r of [i.accept.reason, i.reject.reason]) if (r) reasons.add(r);
      if (model.reminder) reasons.add(model.reminder);
    }
    expect(reasons.size).toBeGreaterThan(10);
    const bad = [...reasons].filter((w) => looksInternal(w) || !/^[“A-Z].*[.!?]$/.test(w));
    expect(bad).toEqual([]);
  });

  it('a typed intent names a move of the contract', () => {
    // A misspelt move fails the typecheck (this file is typechecked with the rest).
    const args: MoveArgs<'respond'> = ['p-1', 'accept'];
    // @ts-expect-error: "respnd" is not a move
    const wrong: MoveArgs<'respnd'> = ['p-1', 'accept'];
    expect(args).toHaveLength(2);
    expect(wrong).toHaveLength(2);
  });
});
