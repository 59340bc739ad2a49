// A reframe is silent (issue #11): until the reframe comes out (the author ratifies, a leak exposes
// it, or the match ends), nothing the recipient or a spectator sees tells a reframed memo from one
// relayed as written: not the tracks (capital is public, so the reframe's price is owed, not paid,
// at the relay), nor the feed, counters, ids or timings.
import { describe, expect, it } from 'vitest';
import { viewFor } from '../../src/game/view';
import type { SeatView } from '../../src/game/types';
import { allDone, table, type Table } from './harness';

const relief = (size: string) => ({ id: 'sanctions_relief', size, giver: 'self' });
const TEXT = 'Relief now, more to follow.';

interface Run {
  t: Table;
  /** B's and a spectator's views after every move and step, up to `until`. */
  seen: { b: SeatView; spectator: SeatView }[];
}

/**
 * A writes $2bn relief and the broker relays it as written, or A writes $5bn and the broker
 * reframes it down to $2bn: B receives the same clause either way, and answers `answer`.
 */
function play(reframed: boolean, answer: 'accept' | 'reject', seed: string): Run {
  const t = table({}, seed);
  const seen: Run['seen'] = [];
  const look = () => seen.push({ b: viewFor(t.G, '1'), spectator: viewFor(t.G, null) });
  look();
  t.must('0', 'draftMemo', { clauses: [relief(reframed ? 'bn5' : 'bn2')], text: TEXT });
  look();
  allDone(t); // drafting
  look();
  const memo = t.G.memos.find((m) => m.author === '0')!;
  t.must('2', 'relay', memo.id, reframed ? { reframes: [{ clause: 0, delta: -1 }] } : {});
  look();
  allDone(t); // mediation
  look();
  const proposal = t.G.proposals.find((p) => p.memoId === memo.id)!;
  t.must('1', 'respond', proposal.id, answer);
  look();
  if (answer === 'accept') return { t, seen };
  // Rejected: the author never ratifies, so the reframe stays hidden until the match ends.
  for (let guard = 0; guard < 100 && t.G.step !== 'over'; guard++) {
    allDone(t);
    if ((t.G.step as string) !== 'over') look();
  }
  return { t, seen };
}

describe('a reframe is silent until it comes out', () => {
  it.each(['silent-1', 'silent-2', 'silent-3'])(
    'accepted (%s): the recipient and spectators see the same until ratification',
    (seed) => {
      const plain = play(false, 'accept', seed);
      const reframed = play(true, 'accept', seed);
      // The runs differ where they should: the broker's own ledger.
      expect(reframed.t.G.memos[0]!.delivery!.owed).toBe(1);
      expect(plain.t.G.memos[0]!.delivery!.owed).toBeUndefined();
      expect(reframed.seen).toHaveLength(plain.seen.length);
      reframed.seen.forEach((v, i) => expect(v, `snapshot ${i}`).toEqual(plain.seen[i]));

      // The response step ends: the memo goes back to its author, who sees the delivered wording;
      // the reframe has come out and is paid now, pooled with the step's other changes.
      allDone(plain.t);
      allDone(reframed.t);
      expect(reframed.t.G.proposals[0]!.stage).toBe('ratification');
      expect(reframed.t.G.tracks.capital).toBe(plain.t.G.tracks.capital - 1);
      expect(reframed.t.G.memos[0]!.delivery!.owed).toBeUndefined();
    },
  );

  it('rejected: nothing tells them apart until the match is over, when the reframe is paid', () => {
    const plain = play(false, 'reject', 'silent-4');
    const reframed = play(true, 'reject', 'silent-4');
    expect(plain.seen.length).toBeGreaterThan(10);
    expect(reframed.seen).toHaveLength(plain.seen.length);
    reframed.seen.forEach((v, i) => expect(v, `snapshot ${i}`).toEqual(plain.seen[i]));
    expect(plain.t.G.step).toBe('over');
    expect(reframed.t.G.step).toBe('over');
    // At the end every reframe still owed is paid before the scores are counted.
    expect(reframed.t.G.memos[0]!.delivery!.owed).toBeUndefined();
    expect(reframed.t.G.final!.scores['2']).toBe(plain.t.G.final!.scores['2'] - 1);
  });

  it('a broker cannot spend capital it owes', () => {
    const t = table({}, 'silent-5');
    t.must('0', 'draftMemo', { clauses: [relief('bn5')], text: TEXT });
    t.must('1', 'draftMemo', {
      clauses: [{ id: 'humanitarian_pause', size: 'd7', giver: 'both' }],
      text: 'Calm.',
    });
    allDone(t);
    t.G.tracks.capital = 2;
    const [a, b] = t.G.memos;
    t.must('2', 'relay', a!.id, { reframes: [{ clause: 0, delta: -1 }] });
    // 2 on the track, 1 owed: tabling (2) is refused, and says what is left to spend.
    const tabled = { clauses: [{ id: 'sanctions_relief', size: 'bn2', giver: 'A' }] };
    expect(t.act('2', 'tableProposal', tabled)).toMatch(
      /tabling costs 2 capital; the broker has 1 to spend/,
    );
    t.must('2', 'relay', b!.id, { reframes: [{ clause: 0, delta: -1 }] });
    expect(t.act('2', 'tableProposal', tabled)).toMatch(/the broker has 0 to spend/);
    expect(t.G.tracks.capital).toBe(2);
  });
});
