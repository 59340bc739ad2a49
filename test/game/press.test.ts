// Press: one sealed statement per seat (claim, blame or silence), published when the step ends.
import { describe, expect, it } from 'vitest';
import type { Clause } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { advanceTo, allDone, signTabled, table, type Table } from './harness';

const PAUSE: Clause = { id: 'humanitarian_pause', size: 'd3', giver: 'both' };
const EXCHANGE: Clause = { id: 'prisoner_exchange', size: 'small', giver: 'both' };

/** A table on which no incident can happen after round 1 ('test-seed' has none in round 1). */
function calm(): Table {
  const t = table({}, 'test-seed');
  t.scenario = structuredClone(t.scenario);
  t.scenario.tunables.incidents.max = 0;
  expect(t.G.incidents).toEqual([]);
  return t;
}

/** A table whose round 1 had an incident, and no later round (the first such seed). */
function withIncident(): Table {
  for (let i = 0; i < 50; i++) {
    const t = table({}, `s${i}`);
    if (t.G.incidents.length === 0) continue;
    expect(t.G.incidents.every((x) => x.round === 1)).toBe(true);
    t.scenario = structuredClone(t.scenario);
    t.scenario.tunables.incidents.max = 0;
    return t;
  }
  throw new Error('no seed with an incident in round 1');
}

/**
 * Ends every deal so far (as if it had collapsed): the same clause cannot be signed again while a
 * deal carrying it stands, and these tests sign one pause a round.
 */
function collapseAll(t: Table): void {
  for (const d of t.G.deals) d.status = 'collapsed';
}

/** Tables the clauses in the next mediation, both accept; ends in that round's press. */
function sign(t: Table, clauses: Clause[]): void {
  signTabled(t, clauses);
  expect(t.G.step).toBe('press');
}

describe('statements', () => {
  it('are sealed until press ends: no other seat or spectator sees them', () => {
    const t = withIncident();
    advanceTo(t, 'press', 1);
    const pressureB = t.G.tracks.pressureB;
    t.must('0', 'statement', { kind: 'blame', target: '1' });
    t.must('2', 'statement', { kind: 'silence' });
    expect(t.G.sealedStatements).toEqual({
      '0': { seat: '0', round: 1, kind: 'blame', target: '1' },
      '2': { seat: '2', round: 1, kind: 'silence' },
    });
    expect(viewFor(t.G, '0').sealedStatements).toEqual({
      '0': { seat: '0', round: 1, kind: 'blame', target: '1' },
    });
    expect(viewFor(t.G, '2').sealedStatements).toEqual({
      '2': { seat: '2', round: 1, kind: 'silence' },
    });
    expect(viewFor(t.G, '1').sealedStatements).toEqual({});
    expect(viewFor(t.G, null).sealedStatements).toEqual({});
    expect(t.G.statements).toEqual([]);
    expect(t.G.feed.filter((f) => f.kind === 'statement')).toEqual([]);
    // A seat that has spoken is done; the blamed seat has not been hit yet.
    expect(t.G.pending).toEqual(['1']);
    expect(t.G.tracks.pressureB).toBe(pressureB);

    t.must('1', 'statement', { kind: 'silence' });
    expect(t.G.sealedStatements).toEqual({});
    expect(t.G.statements).toEqual([
      { seat: '0', round: 1, kind: 'blame', target: '1' },
      { seat: '1', round: 1, kind: 'silence' },
      { seat: '2', round: 1, kind: 'silence' },
    ]);
    expect(t.G.feed.filter((f) => f.kind === 'statement')).toEqual([
      { round: 1, kind: 'statement', seat: '0', text: 'Washington blames Tehran.' },
      { round: 1, kind: 'statement', seat: '1', text: 'Tehran: no comment.' },
      { round: 1, kind: 'statement', seat: '2', text: 'Doha: no comment.' },
    ]);
    expect(viewFor(t.G, null).statements).toEqual(t.G.statements);
    expect(t.G.tracks.pressureB).toBe(pressureB + 1);
    // Then the next round begins.
    expect(t.G.step).toBe('drafting');
    expect(t.G.round).toBe(2);
  });

  it('done in press is silence, recorded without a feed line', () => {
    const t = calm();
    advanceTo(t, 'press', 1);
    t.must('0', 'statement', { kind: 'silence' });
    t.must('1', 'done');
    t.must('2', 'done');
    expect(t.G.statements).toEqual([
      { seat: '0', round: 1, kind: 'silence' },
      { seat: '1', round: 1, kind: 'silence' },
      { seat: '2', round: 1, kind: 'silence' },
    ]);
    expect(t.G.feed.filter((f) => f.kind === 'statement')).toEqual([
      { round: 1, kind: 'statement', seat: '0', text: 'Washington: no comment.' },
    ]);
    expect(t.G.credit).toEqual({ '0': 0, '1': 0, '2': 0 });
  });

  it('are refused outside press, twice, or malformed', () => {
    const t = calm();
    const check = (seat: string, args: unknown[], reason: string | RegExp) => {
      const before = structuredClone(t.G);
      const got = t.act(seat, 'statement', ...args);
      if (typeof reason === 'string') expect(got).toBe(reason);
      else expect(got).toMatch(reason);
      expect(t.G).toEqual(before);
    };
    check('0', [{ kind: 'silence' }], 'only in the press step (now: drafting)');
    advanceTo(t, 'press', 1);
    check('0', [], 'expected one argument: the statement');
    check('0', [{ kind: 'silence' }, 'loudly'], 'expected one argument: the statement');
    check('0', [{ kind: 'shout' }], /^kind/);
    check('0', [{ kind: 'silence', target: '1' }], 'silence has no target');
    check('0', [{ kind: 'silence', text: 'Free speech!' }], /unrecognized|unexpected/i);
    check('0', ['silence'], /^arguments/);
    check('3', [{ kind: 'silence' }], 'seat 3 does not act now');
    t.must('0', 'statement', { kind: 'silence' });
    check('0', [{ kind: 'silence' }], 'seat 0 does not act now');
  });
});

describe('claims', () => {
  it('name a deal signed or verified this round; credit +1, a principal’s pressure −1', () => {
    const t = calm();
    sign(t, [PAUSE]);
    // The pause verified at once: pressures 3 → 2.
    expect(t.G.tracks).toMatchObject({ pressureA: 2, pressureB: 2, capital: 3 });
    expect(t.act('0', 'statement', { kind: 'claim', target: 'd2' })).toBe(
      'claim names a deal signed or verified this round that you have not claimed',
    );
    expect(t.act('0', 'statement', { kind: 'claim' })).toBe(
      'claim names a deal signed or verified this round that you have not claimed',
    );
    t.must('0', 'statement', { kind: 'claim', target: 'd1' });
    t.must('2', 'statement', { kind: 'claim', target: 'd1' });
    t.must('1', 'statement', { kind: 'silence' });
    expect(t.G.credit).toEqual({ '0': 1, '1': 0, '2': 1 });
    expect(t.G.tracks).toMatchObject({ pressureA: 1, pressureB: 2, capital: 3 });
    expect(t.G.feed.filter((f) => f.kind === 'statement')).toEqual([
      {
        round: 1,
        kind: 'statement',
        seat: '0',
        dealId: 'd1',
        text: 'Washington claims credit for Deal 1.',
      },
      { round: 1, kind: 'statement', seat: '1', text: 'Tehran: no comment.' },
      {
        round: 1,
        kind: 'statement',
        seat: '2',
        dealId: 'd1',
        text: 'Doha claims credit for Deal 1.',
      },
    ]);
  });

  it('are refused for a deal of an earlier round, and once per deal per seat', () => {
    const t = calm();
    sign(t, [PAUSE]);
    allDone(t);
    advanceTo(t, 'press', 2);
    expect(t.act('0', 'statement', { kind: 'claim', target: 'd1' })).not.toBeNull();

    // A prisoner exchange signed in round 3 verifies in round 4: claimable in both rounds.
    const u = calm();
    advanceTo(u, 'drafting', 3);
    sign(u, [EXCHANGE]);
    expect(u.G.deals.map((d) => [d.id, d.status])).toEqual([['d1', 'verifying']]);
    u.must('0', 'statement', { kind: 'claim', target: 'd1' });
    allDone(u);
    advanceTo(u, 'press', 4);
    expect(u.G.deals[0]).toMatchObject({ status: 'verified', verifiedRound: 4 });
    expect(u.act('0', 'statement', { kind: 'claim', target: 'd1' })).toBe(
      'claim names a deal signed or verified this round that you have not claimed',
    );
    expect(u.act('1', 'statement', { kind: 'claim', target: 'd1' })).toBeNull();
    advanceTo(u, 'press', 5);
    expect(u.act('2', 'statement', { kind: 'claim', target: 'd1' })).not.toBeNull();
  });

  it('are refused for a collapsed deal', () => {
    const t = calm();
    sign(t, [EXCHANGE]);
    t.G.deals[0]!.status = 'collapsed';
    t.G.deals[0]!.collapsedRound = 1;
    expect(t.act('0', 'statement', { kind: 'claim', target: 'd1' })).not.toBeNull();
  });

  it('cost the broker capital beyond its free ones', () => {
    const t = calm();
    const capitals: number[] = [];
    for (let round = 1; round <= 4; round++) {
      collapseAll(t);
      sign(t, [PAUSE]);
      expect(t.G.round).toBe(round);
      expect(t.G.tracks.capital).toBe(3);
      t.must('2', 'statement', { kind: 'claim', target: `d${round}` });
      allDone(t);
      capitals.push(t.G.tracks.capital);
    }
    expect(capitals).toEqual([3, 3, 2, 2]);
    expect(t.G.credit['2']).toBe(4);
    // Principals' claims never cost capital.
    const u = calm();
    for (let round = 1; round <= 3; round++) {
      collapseAll(u);
      sign(u, [PAUSE]);
      u.must('0', 'statement', { kind: 'claim', target: `d${round}` });
      allDone(u);
      expect(u.G.tracks.capital).toBe(3);
    }
    expect(u.G.credit['0']).toBe(3);
  });
});

describe('blame', () => {
  it('needs an incident or collapse this round', () => {
    const t = calm();
    advanceTo(t, 'press', 1);
    expect(t.act('0', 'statement', { kind: 'blame', target: '1' })).toBe(
      'nothing to blame: no incident or collapse this round',
    );
    const u = withIncident();
    advanceTo(u, 'press', 1);
    expect(u.act('0', 'statement', { kind: 'blame', target: '1' })).toBeNull();
    // An incident of an earlier round does not count.
    allDone(u);
    advanceTo(u, 'press', 2);
    expect(u.G.incidents).toHaveLength(1);
    expect(u.act('1', 'statement', { kind: 'blame', target: '0' })).toBe(
      'nothing to blame: no incident or collapse this round',
    );
  });

  it('is allowed after a collapse this round', () => {
    const t = calm();
    advanceTo(t, 'press', 1);
    t.G.deals.push({
      id: 'd1',
      proposalId: 'p-x',
      kind: 'table',
      clauses: [EXCHANGE],
      signedRound: 1,
      verifyLeft: 0,
      status: 'collapsed',
      collapsedRound: 1,
    });
    expect(t.act('2', 'statement', { kind: 'blame', target: '1' })).toBeNull();
  });

  it('names another seat: never oneself', () => {
    const t = withIncident();
    advanceTo(t, 'press', 1);
    for (const seat of ['0', '1', '2'])
      expect(t.act(seat, 'statement', { kind: 'blame', target: seat })).toBe(
        'blame names another seat: "0", "1" or "2"',
      );
    expect(t.act('0', 'statement', { kind: 'blame', target: 'B' })).toBe(
      'blame names another seat: "0", "1" or "2"',
    );
    expect(t.act('0', 'statement', { kind: 'blame' })).toBe(
      'blame names another seat: "0", "1" or "2"',
    );
    expect(t.G.pending).toEqual(['0', '1', '2']);
  });

  it('costs the target credit, and a principal target pressure', () => {
    const t = withIncident();
    advanceTo(t, 'press', 1);
    t.G.credit = { '0': 2, '1': 2, '2': 2 };
    const before = structuredClone(t.G.tracks);
    t.must('0', 'statement', { kind: 'blame', target: '1' });
    t.must('1', 'statement', { kind: 'blame', target: '2' });
    t.must('2', 'statement', { kind: 'blame', target: '1' });
    expect(t.G.credit).toEqual({ '0': 2, '1': 0, '2': 1 });
    expect(t.G.tracks).toEqual({
      ...before,
      pressureB: before.pressureB + 2,
    });
    expect(t.G.feed.filter((f) => f.kind === 'statement').map((f) => f.text)).toEqual([
      'Washington blames Tehran.',
      'Tehran blames Doha.',
      'Doha blames Tehran.',
    ]);
  });

  it('cannot push credit below 0', () => {
    const t = withIncident();
    advanceTo(t, 'press', 1);
    const pressureA = t.G.tracks.pressureA;
    t.must('1', 'statement', { kind: 'blame', target: '0' });
    allDone(t);
    expect(t.G.credit['0']).toBe(0);
    expect(t.G.tracks.pressureA).toBe(pressureA + 1);
  });
});
