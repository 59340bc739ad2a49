// Response: answers, ratification by the author, signing, deadlines and stalls, hardened seats.
import { describe, expect, it } from 'vitest';
import type { Proposal } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { advanceTo, table, type Table } from './harness';

type Rel = 'self' | 'other' | 'both';
const c = (id: string, size: string, giver: Rel) => ({ id, size, giver });
const memo = (clauses: ReturnType<typeof c>[], text = '') => ({ clauses, text });

const A_MEMO = memo(
  [c('sanctions_relief', 'bn5', 'self'), c('ceasefire', 'regional', 'other')],
  'Relief for calm.',
);

/** Round 1: A's memo relayed to B with sanctions relief reframed down to $2bn. */
function relayedToB(t: Table): Proposal {
  t.must('0', 'draftMemo', A_MEMO);
  advanceTo(t, 'mediation', 1);
  t.must('2', 'relay', t.G.memos[0]!.id, {
    reframes: [{ clause: 0, delta: -1 }],
    note: 'Doha vouches for it.',
  });
  t.must('2', 'done');
  expect(t.G.step).toBe('response');
  return t.G.proposals[0]!;
}

/** Tables a proposal in the current round's mediation and moves to the response step. */
function tabled(t: Table, clauses: { id: string; size: string; giver: string }[]): Proposal {
  advanceTo(t, 'mediation', t.G.round);
  t.G.tracks.capital = 5;
  t.must('2', 'tableProposal', { clauses });
  t.must('2', 'done');
  return t.G.proposals.at(-1)!;
}

const PAUSE = { id: 'humanitarian_pause', size: 'd3', giver: 'both' };
const RELIEF = { id: 'sanctions_relief', size: 'bn2', giver: 'A' };
const CEASEFIRE = { id: 'ceasefire', size: 'partial', giver: 'B' };
const FLEET = { id: 'dark_fleet_halt', size: 'partial', giver: 'B' };

describe('a relayed memo', () => {
  it('accepted by its recipient goes back to its author for ratification next round', () => {
    const t = table();
    const p = relayedToB(t);
    expect(t.G.pending).toEqual(['0', '1']);
    t.must('1', 'respond', p.id, 'accept');
    // B's last answer ends B's part; A has nothing due and says done.
    expect(t.G.pending).toEqual(['0']);
    t.must('0', 'done');
    expect(t.G.step).toBe('press');
    const q = t.G.proposals[0]!;
    expect(q).toMatchObject({
      stage: 'ratification',
      due: ['0'],
      dueRound: 2,
      answers: { '1': 'accept' },
    });
    expect(t.G.deals).toEqual([]);
    expect(t.G.feed.filter((f) => f.kind === 'signed')).toEqual([]);

    advanceTo(t, 'response', 2);
    // The author now sees the delivered wording (the reframe) next to what it wrote.
    const seen = viewFor(t.G, '0');
    expect(seen.proposals).toHaveLength(1);
    expect(seen.proposals[0]).toMatchObject({
      id: p.id,
      kind: 'relay',
      memoId: t.G.memos[0]!.id,
      author: '0',
      stage: 'ratification',
      clauses: [
        { id: 'sanctions_relief', size: 'bn2', giver: 'A' },
        { id: 'ceasefire', size: 'regional', giver: 'B' },
      ],
      text: 'Relief for calm.',
      note: 'Doha vouches for it.',
      answers: { '1': 'accept' },
      due: ['0'],
      dueRound: 2,
    });
    expect(seen.memos[0]!.clauses[0]!.size).toBe('bn5');
    // The recipient cannot answer again.
    expect(t.act('1', 'respond', p.id, 'accept')).toBe(`no proposal "${p.id}" awaits your answer`);
    t.must('0', 'respond', p.id, 'accept');
    expect(t.G.pending).toEqual(['1']);
    t.must('1', 'done');
    expect(t.G.step).toBe('press');

    expect(t.G.proposals[0]!.stage).toBe('signed');
    expect(t.G.proposals[0]!.dealId).toBe('d1');
    expect(t.G.deals).toHaveLength(1);
    expect(t.G.deals[0]).toMatchObject({
      id: 'd1',
      proposalId: p.id,
      kind: 'relay',
      clauses: [
        { id: 'sanctions_relief', size: 'bn2', giver: 'A' },
        { id: 'ceasefire', size: 'regional', giver: 'B' },
      ],
      signedRound: 2,
      status: 'verifying',
    });
    // Signed in the response, then one resolution counted down: 2 rounds became 1.
    expect(t.G.deals[0]!.verifyLeft).toBe(1);
    const signed = t.G.feed.filter((f) => f.kind === 'signed');
    expect(signed).toEqual([
      {
        round: 2,
        kind: 'signed',
        dealId: 'd1',
        text:
          'Deal 1 signed: Sanctions relief ($2bn); Ceasefire (Regional). ' +
          'Verification: 2 rounds.',
      },
    ]);
    // Public.
    for (const seat of [null, '0', '1', '2']) {
      expect(viewFor(t.G, seat).deals.map((d) => d.id)).toEqual(['d1']);
      expect(viewFor(t.G, seat).feed.filter((f) => f.kind === 'signed')).toEqual(signed);
    }
  });

  it('is not shown to its author before the response step has ended', () => {
    const t = table();
    const p = relayedToB(t);
    t.must('1', 'respond', p.id, 'accept');
    // B's acceptance is sealed until the step ends: A, still answering, must not learn it yet,
    // nor the delivered wording (GAME.md: the author sees it at ratification).
    expect(t.G.step).toBe('response');
    const seen = viewFor(t.G, '0');
    expect(seen.proposals).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain('bn2');
  });

  it('rejected by its author at ratification makes no deal', () => {
    const t = table();
    const p = relayedToB(t);
    t.must('1', 'respond', p.id, 'accept');
    advanceTo(t, 'response', 2);
    t.must('0', 'respond', p.id, 'reject');
    t.must('1', 'done');
    expect(t.G.proposals[0]!.stage).toBe('rejected');
    expect(t.G.proposals[0]!.answers).toEqual({ '0': 'reject', '1': 'accept' });
    expect(t.G.deals).toEqual([]);
  });

  it('rejected by its recipient goes no further', () => {
    const t = table();
    const p = relayedToB(t);
    t.must('1', 'respond', p.id, 'reject');
    t.must('0', 'done');
    expect(t.G.proposals[0]).toMatchObject({ stage: 'rejected', answers: { '1': 'reject' } });
    advanceTo(t, 'response', 2);
    expect(t.act('0', 'respond', p.id, 'accept')).toBe(`no proposal "${p.id}" awaits your answer`);
    // Neither the author nor anyone else sees a ratification.
    expect(viewFor(t.G, '0').proposals).toEqual([]);
    expect(t.G.deals).toEqual([]);
  });

  it('lapses when ratification would fall after the last round', () => {
    const t = table({ rounds: 4 });
    advanceTo(t, 'drafting', 4);
    t.must('0', 'draftMemo', A_MEMO);
    advanceTo(t, 'mediation', 4);
    t.must('2', 'relay', t.G.memos[0]!.id);
    t.must('2', 'done');
    t.must('1', 'respond', t.G.proposals[0]!.id, 'accept');
    advanceTo(t, 'over');
    expect(t.G.proposals[0]!.stage).toBe('lapsed');
    expect(t.G.deals).toEqual([]);
  });
});

describe('bundles and tabled proposals', () => {
  it('a bundle accepted by both is signed at once', () => {
    const t = table();
    t.must('0', 'draftMemo', A_MEMO);
    t.must('1', 'draftMemo', memo([c('humanitarian_pause', 'd7', 'both')]));
    advanceTo(t, 'mediation', 1);
    t.must('2', 'bundle', {
      parts: [
        { memoId: t.G.memos[0]!.id, clause: 1 },
        { memoId: t.G.memos[1]!.id, clause: 0 },
      ],
    });
    t.must('2', 'done');
    const p = t.G.proposals[0]!;
    t.must('0', 'respond', p.id, 'accept');
    expect(t.G.deals).toEqual([]);
    t.must('1', 'respond', p.id, 'accept');
    expect(t.G.step).toBe('press');
    expect(t.G.proposals[0]!.stage).toBe('signed');
    expect(t.G.deals).toHaveLength(1);
    expect(t.G.deals[0]).toMatchObject({
      id: 'd1',
      kind: 'bundle',
      signedRound: 1,
      clauses: [
        { id: 'ceasefire', size: 'regional', giver: 'B' },
        { id: 'humanitarian_pause', size: 'd7', giver: 'both' },
      ],
      status: 'verifying',
      verifyLeft: 0,
    });
    expect(t.G.feed.filter((f) => f.kind === 'signed').map((f) => f.dealId)).toEqual(['d1']);
  });

  it('a tabled proposal accepted by both is signed, and verifies at once with 0 rounds', () => {
    const t = table();
    const p = tabled(t, [PAUSE]);
    t.must('1', 'respond', p.id, 'accept');
    t.must('0', 'respond', p.id, 'accept');
    expect(t.G.deals).toHaveLength(1);
    expect(t.G.deals[0]).toMatchObject({ kind: 'table', signedRound: 1, status: 'verified' });
    expect(t.G.feed.filter((f) => f.kind === 'signed')[0]!.text).toBe(
      'Deal 1 signed: Humanitarian pause (3 days). Verification: immediate.',
    );
  });

  it.each([
    ['accept', 'reject'],
    ['reject', 'accept'],
    ['reject', 'reject'],
  ] as const)('A %s, B %s: rejected, no deal', (a, b) => {
    const t = table();
    const p = tabled(t, [PAUSE, RELIEF]);
    t.must('0', 'respond', p.id, a);
    t.must('1', 'respond', p.id, b);
    expect(t.G.step).toBe('press');
    expect(t.G.proposals[0]!.stage).toBe('rejected');
    expect(t.G.proposals[0]!.answers).toEqual({ '0': a, '1': b });
    expect(t.G.deals).toEqual([]);
    expect(t.G.feed.filter((f) => f.kind === 'signed')).toEqual([]);
  });

  it('is void if a clause it needs stopped holding before it was signed', () => {
    const t = table();
    t.G.deals.push({
      id: 'd1',
      proposalId: 'p-corridor',
      kind: 'table',
      clauses: [{ id: 'shipping_corridor', size: 'one_lane', giver: 'both' }],
      signedRound: 1,
      verifyLeft: 5,
      status: 'verifying',
    });
    t.G.counters.deal = 1;
    const p = tabled(t, [{ id: 'ceasefire', size: 'full', giver: 'B' }]);
    t.G.deals[0]!.status = 'collapsed';
    t.must('0', 'respond', p.id, 'accept');
    t.must('1', 'respond', p.id, 'accept');
    expect(t.G.proposals[0]!.stage).toBe('void');
    expect(t.G.deals).toHaveLength(1);
    expect(t.G.feed.filter((f) => f.kind === 'void').map((f) => f.text)).toEqual([
      `A proposal fell through: ${t.scenario.rules[0]!.text}`,
    ]);
  });
});

describe('deadlines and done', () => {
  it('no answer by the deadline is a rejection and marks the seat stalled (public)', () => {
    const t = table({ timers: 'blitz' });
    const p = tabled(t, [PAUSE]);
    t.must('0', 'respond', p.id, 'accept');
    expect(t.G.pending).toEqual(['1']);
    expect(t.expire({ round: 1, step: 'response' })).toBe('the deadline has not passed');
    t.time.now = t.G.clock.deadline!;
    expect(t.expire({ round: 1, step: 'response' })).toBeNull();
    expect(t.G.step).toBe('press');
    expect(t.G.proposals[0]!.stage).toBe('rejected');
    expect(t.G.proposals[0]!.answers).toEqual({ '0': 'accept', '1': 'reject' });
    expect(t.G.deals).toEqual([]);
    const stalls = t.G.feed.filter((f) => f.kind === 'stalled');
    expect(stalls).toEqual([
      {
        round: 1,
        kind: 'stalled',
        seat: '1',
        text: 'Tehran gave no answer by the deadline: stalled this round.',
      },
    ]);
    expect(t.G.stats!.stalls).toBe(1);
    expect(viewFor(t.G, null).feed.filter((f) => f.kind === 'stalled')).toEqual(stalls);
  });

  it('an author that lets ratification run out is stalled and the memo rejected', () => {
    const t = table({ timers: 'blitz' });
    const p = relayedToB(t);
    t.must('1', 'respond', p.id, 'accept');
    t.must('0', 'done');
    advanceTo(t, 'response', 2);
    t.must('1', 'done');
    t.time.now = t.G.clock.deadline! + 1;
    expect(t.expire({ round: 2, step: 'response' })).toBeNull();
    expect(t.G.proposals[0]!.stage).toBe('rejected');
    expect(t.G.proposals[0]!.answers).toEqual({ '0': 'reject', '1': 'accept' });
    expect(t.G.feed.filter((f) => f.kind === 'stalled').map((f) => [f.round, f.seat])).toEqual([
      [2, '0'],
    ]);
  });

  it('done with unanswered proposals rejects them without a stall', () => {
    const t = table({ timers: 'blitz' });
    advanceTo(t, 'mediation', 1);
    t.must('2', 'tableProposal', { clauses: [PAUSE] });
    t.must('2', 'tableProposal', { clauses: [CEASEFIRE] });
    t.must('2', 'done');
    const [p, q] = t.G.proposals;
    t.must('0', 'respond', p!.id, 'accept');
    t.must('1', 'done');
    expect(t.G.pending).toEqual(['0']);
    t.must('0', 'done');
    expect(t.G.step).toBe('press');
    expect(t.G.proposals.map((x) => [x.id, x.stage, x.answers])).toEqual([
      [p!.id, 'rejected', { '0': 'accept', '1': 'reject' }],
      [q!.id, 'rejected', { '0': 'reject', '1': 'reject' }],
    ]);
    expect(t.G.deals).toEqual([]);
    expect(t.G.feed.filter((f) => f.kind === 'stalled')).toEqual([]);
    expect(t.G.stats!.stalls).toBe(0);
  });
});

describe('hardened principals', () => {
  it('A at pressure 8 cannot accept a proposal in which it gives more than one clause', () => {
    const t = table();
    advanceTo(t, 'mediation', 1);
    t.must('2', 'tableProposal', { clauses: [PAUSE, RELIEF, CEASEFIRE] });
    t.must('2', 'tableProposal', { clauses: [RELIEF, CEASEFIRE, FLEET] });
    t.must('2', 'done');
    const [two, one] = t.G.proposals;
    t.G.tracks.pressureA = 8;
    const before = structuredClone(t.G);
    expect(t.act('0', 'respond', two!.id, 'accept')).toBe(
      'hardened: cannot accept a proposal in which you give 2 clauses',
    );
    expect(t.G).toEqual(before);
    // One clause given is fine; so is rejecting.
    expect(t.act('0', 'respond', one!.id, 'accept')).toBeNull();
    expect(t.act('0', 'respond', two!.id, 'reject')).toBeNull();
    // B is not hardened: it may accept a proposal in which it gives two clauses.
    expect(t.act('1', 'respond', one!.id, 'accept')).toBeNull();
    expect(t.act('1', 'respond', two!.id, 'accept')).toBeNull();
    expect(t.G.proposals.map((p) => p.stage)).toEqual(['rejected', 'signed']);
  });

  it('applies to B too, and not below pressure 8', () => {
    const t = table();
    const p = tabled(t, [CEASEFIRE, FLEET, PAUSE]);
    t.G.tracks.pressureB = 9;
    expect(t.act('1', 'respond', p.id, 'accept')).toBe(
      'hardened: cannot accept a proposal in which you give 3 clauses',
    );
    t.G.tracks.pressureB = 7;
    expect(t.act('1', 'respond', p.id, 'accept')).toBeNull();
  });

  it('applies at ratification', () => {
    const t = table();
    t.must(
      '0',
      'draftMemo',
      memo([c('sanctions_relief', 'bn2', 'self'), c('humanitarian_pause', 'd3', 'both')]),
    );
    advanceTo(t, 'mediation', 1);
    t.must('2', 'relay', t.G.memos[0]!.id);
    t.must('2', 'done');
    t.must('1', 'respond', t.G.proposals[0]!.id, 'accept');
    advanceTo(t, 'response', 2);
    t.G.tracks.pressureA = 8;
    expect(t.act('0', 'respond', t.G.proposals[0]!.id, 'accept')).toBe(
      'hardened: cannot accept a proposal in which you give 2 clauses',
    );
  });
});

describe('respond', () => {
  it('answering the last due proposal ends the seat’s part', () => {
    const t = table();
    advanceTo(t, 'mediation', 1);
    t.must('2', 'tableProposal', { clauses: [PAUSE] });
    t.must('2', 'tableProposal', { clauses: [CEASEFIRE] });
    t.must('2', 'done');
    const [p, q] = t.G.proposals;
    t.must('1', 'respond', q!.id, 'reject');
    expect(t.G.pending).toEqual(['0', '1']);
    t.must('1', 'respond', p!.id, 'accept');
    expect(t.G.pending).toEqual(['0']);
    t.must('0', 'respond', p!.id, 'accept');
    expect(t.G.pending).toEqual(['0']);
    t.must('0', 'respond', q!.id, 'accept');
    expect(t.G.step).toBe('press');
    expect(t.G.proposals.map((x) => x.stage)).toEqual(['signed', 'rejected']);
    expect(t.G.feed.filter((f) => f.kind === 'stalled')).toEqual([]);
  });

  it('refuses unknown ids, bad answers, other seats’ proposals and repeated answers', () => {
    const t = table();
    t.must('0', 'draftMemo', A_MEMO);
    t.must('1', 'draftMemo', memo([c('humanitarian_pause', 'd3', 'both')]));
    advanceTo(t, 'mediation', 1);
    t.must('2', 'relay', t.G.memos[0]!.id);
    t.must('2', 'relay', t.G.memos[1]!.id);
    t.must('2', 'done');
    const [toB, toA] = t.G.proposals;
    const check = (seat: string, args: unknown[], reason: string | RegExp) => {
      const before = structuredClone(t.G);
      const got = t.act(seat, 'respond', ...args);
      if (typeof reason === 'string') expect(got).toBe(reason);
      else expect(got).toMatch(reason);
      expect(t.G).toEqual(before);
    };
    check('0', ['p-unknown', 'accept'], 'no proposal "p-unknown" awaits your answer');
    check('0', [toB!.id, 'accept'], `no proposal "${toB!.id}" awaits your answer`);
    check('1', [toA!.id, 'reject'], `no proposal "${toA!.id}" awaits your answer`);
    check('0', [toA!.id, 'maybe'], 'answer "accept" or "reject"');
    check('0', [toA!.id, 'ACCEPT'], 'answer "accept" or "reject"');
    check('0', [toA!.id], 'expected a proposal id and "accept" or "reject"');
    check('0', [toA!.id, 'accept', 'now'], 'expected a proposal id and "accept" or "reject"');
    check('0', [null, 'accept'], 'expected a proposal id');
    check('0', [{ id: toA!.id }, 'accept'], 'expected a proposal id');
    check('2', [toA!.id, 'accept'], 'seat 2 does not act now');
    t.must('0', 'respond', toA!.id, 'accept');
    check('0', [toA!.id, 'reject'], 'seat 0 does not act now');
    t.must('1', 'respond', toB!.id, 'reject');
    expect(t.G.step).toBe('press');
    check('1', [toB!.id, 'accept'], 'only in the response step (now: press)');
  });
});
