// reframesRevealed (src/game/facts.ts): the count of the author's reframed clauses that came out,
// read by principal bots for their trust in the broker and by the broker bot for its estimate of
// that trust. It must be the same from the author's view and the broker's, zero while the
// reframe is still silent, and count only the clauses delivered at another size.
import { describe, expect, it } from 'vitest';
import { reframesRevealed } from '../../src/game/facts';
import { viewFor } from '../../src/game/view';
import { wariness, PRINCIPAL_PARAMS } from '../../src/bots/principal';
import { allDone, table } from './harness';

const relief = (size: string) => ({ id: 'sanctions_relief', size, giver: 'self' });

function play(reframed: boolean, answer: 'accept' | 'reject') {
  const t = table({}, `revealed-${reframed}-${answer}`);
  t.must('0', 'draftMemo', { clauses: [relief('bn5')], text: 'Relief now.' });
  allDone(t); // drafting
  const memo = t.G.memos.find((m) => m.author === '0')!;
  t.must('2', 'relay', memo.id, reframed ? { reframes: [{ clause: 0, delta: -1 }] } : {});
  allDone(t); // mediation
  const before = [viewFor(t.G, '0'), viewFor(t.G, '2')].map((v) => reframesRevealed(v, '0'));
  const proposal = t.G.proposals.find((p) => p.memoId === memo.id)!;
  t.must('1', 'respond', proposal.id, answer);
  allDone(t); // response
  return { before, a: viewFor(t.G, '0'), broker: viewFor(t.G, '2') };
}

describe('reframes revealed to the author', () => {
  it('a reframed memo the recipient accepted: one, from the author’s view and the broker’s', () => {
    const { before, a, broker } = play(true, 'accept');
    expect(before).toEqual([0, 0]);
    expect(reframesRevealed(a, '0')).toBe(1);
    expect(reframesRevealed(broker, '0')).toBe(1);
    expect(reframesRevealed(broker, '1')).toBe(0);
    expect(wariness(PRINCIPAL_PARAMS.none, a, '0')).toBeGreaterThan(0);
  });

  it('a reframed memo the recipient turned down stays silent; a verbatim relay reveals nothing', () => {
    for (const [reframed, answer] of [
      [true, 'reject'],
      [false, 'accept'],
    ] as const) {
      const { a, broker } = play(reframed, answer);
      expect(reframesRevealed(a, '0')).toBe(0);
      expect(reframesRevealed(broker, '0')).toBe(0);
      expect(wariness(PRINCIPAL_PARAMS.none, a, '0')).toBe(0);
    }
  });
});
