// Resolution: postures, verification and deal effects, pressure drift, crises, walkouts and war.
import { describe, expect, it } from 'vitest';
import type { Clause, Deal } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { advanceTo, allDone, signTabled, table, type Table } from './harness';

/** A table on which no incident can happen (a copy of the scenario with incident odds 0). */
function calm(seed = 'test-seed'): Table {
  const t = table({}, seed);
  t.scenario = structuredClone(t.scenario);
  t.scenario.tunables.incidents.max = 0;
  expect(t.G.incidents).toEqual([]);
  return t;
}

const ORDER = ['drafting', 'mediation', 'response', 'press'] as const;

/** Plays on to the next occurrence of a step (this round's, if it is still ahead). */
function next(t: Table, step: (typeof ORDER)[number]): void {
  const ahead = ORDER.indexOf(step) >= ORDER.indexOf(t.G.step as (typeof ORDER)[number]);
  advanceTo(t, step, ahead ? t.G.round : t.G.round + 1);
}

/** Tables the clauses in the next mediation and has both principals accept. */
function sign(t: Table, clauses: Clause[]): void {
  signTabled(t, clauses);
  expect(t.G.proposals.at(-1)!.stage).toBe('signed');
}

/** Goes to the next response step, then runs its resolution. */
function resolve(t: Table, before?: () => void): void {
  next(t, 'response');
  before?.();
  allDone(t);
  expect(['press', 'over']).toContain(t.G.step);
}

const PAUSE: Clause = { id: 'humanitarian_pause', size: 'd3', giver: 'both' };

describe('postures', () => {
  it.each([
    ['hold', 'loose', 'steady', { oilLeak: 3, breakout: 7, oilPrice: 2, escalation: 4, pB: 3 }],
    ['relax', 'unleash', 'advance', { oilLeak: 5, breakout: 8, oilPrice: 2, escalation: 4, pB: 3 }],
    [
      'tighten',
      'restrain',
      'pause',
      { oilLeak: 2, breakout: 6, oilPrice: 2, escalation: 4, pB: 3 },
    ],
    [
      'tighten',
      'unleash',
      'steady',
      { oilLeak: 3, breakout: 7, oilPrice: 2, escalation: 4, pB: 3 },
    ],
    // interdiction: oilLeak −2, oilPrice +1, escalation +1; oilLeak 1 < 2 makes B's pressure drift
    [
      'interdict',
      'loose',
      'steady',
      { oilLeak: 1, breakout: 7, oilPrice: 3, escalation: 5, pB: 4 },
    ],
    [
      'interdict',
      'unleash',
      'advance',
      { oilLeak: 2, breakout: 8, oilPrice: 3, escalation: 5, pB: 3 },
    ],
  ] as const)('A %s, B %s/%s move the tracks', (enforcement, proxyLeash, enrichment, want) => {
    const t = calm();
    t.must('0', 'setPosture', { enforcement });
    t.must('1', 'setPosture', { proxyLeash, enrichment });
    resolve(t);
    expect({
      oilLeak: t.G.tracks.oilLeak,
      breakout: t.G.breakout.true,
      oilPrice: t.G.tracks.oilPrice,
      escalation: t.G.tracks.escalation,
      pB: t.G.tracks.pressureB,
    }).toEqual(want);
    expect(t.G.tracks.pressureA).toBe(3);
  });

  it('follow the scenario tunables', () => {
    const t = calm();
    const p = t.scenario.tunables.postures;
    t.scenario.tunables.postures = {
      ...p,
      enforcementLeak: { ...p.enforcementLeak, tighten: -2 },
      enrichment: { ...p.enrichment, advance: 3 },
      interdiction: { oilPrice: 2, escalation: 0 },
    };
    t.must('0', 'setPosture', { enforcement: 'tighten' });
    t.must('1', 'setPosture', { proxyLeash: 'loose', enrichment: 'advance' });
    resolve(t);
    expect(t.G.tracks.oilLeak).toBe(1);
    expect(t.G.breakout.true).toBe(9);
    next(t, 'drafting');
    t.must('0', 'setPosture', { enforcement: 'interdict' });
    t.must('1', 'setPosture', { proxyLeash: 'loose', enrichment: 'pause' });
    resolve(t);
    expect(t.G.tracks).toMatchObject({ oilLeak: 0, oilPrice: 4, escalation: 4 });
    expect(t.G.breakout.true).toBe(9);
  });

  it('carry over to the next round and clamp to the track range', () => {
    const t = calm();
    t.must('0', 'setPosture', { enforcement: 'relax' });
    t.must('1', 'setPosture', { proxyLeash: 'unleash', enrichment: 'advance' });
    resolve(t);
    expect(t.G.tracks.oilLeak).toBe(5);
    expect(t.G.breakout.true).toBe(8);
    advanceTo(t, 'drafting', 2);
    expect(t.G.postures).toEqual({
      '0': { enforcement: 'relax' },
      '1': { proxyLeash: 'unleash', enrichment: 'advance' },
    });
    resolve(t);
    expect(t.G.tracks.oilLeak).toBe(5);
    expect(t.G.breakout.true).toBe(10);
  });

  it('an interdict posture turns to tighten when an interdiction pause verifies', () => {
    const t = calm();
    t.must('0', 'setPosture', { enforcement: 'interdict' });
    sign(t, [{ id: 'interdiction_pause', size: 'r1', giver: 'A' }]);
    // Interdiction acted this round (oilLeak −2, escalation +1, oilPrice +1), then the pause
    // verified (oilPrice −1) and ended it.
    expect(t.G.tracks).toMatchObject({ oilLeak: 1, oilPrice: 2, escalation: 5 });
    expect(t.G.postures['0']).toEqual({ enforcement: 'tighten' });
    resolve(t);
    expect(t.G.tracks).toMatchObject({ oilLeak: 0, oilPrice: 2, escalation: 5 });
  });
});

describe('deals', () => {
  it('a humanitarian pause verifies at once: escalation −1, both pressures −1', () => {
    const t = calm();
    sign(t, [PAUSE]);
    expect(t.G.deals).toEqual([
      {
        id: 'd1',
        proposalId: t.G.proposals[0]!.id,
        kind: 'table',
        clauses: [PAUSE],
        signedRound: 1,
        verifyLeft: 0,
        status: 'verified',
        verifiedRound: 1,
      },
    ]);
    expect(t.G.tracks).toMatchObject({ escalation: 3, pressureA: 2, pressureB: 2 });
    expect(t.G.feed.filter((f) => f.kind === 'verified')).toEqual([
      {
        round: 1,
        kind: 'verified',
        dealId: 'd1',
        text: 'Deal 1 verified: Humanitarian pause (3 days).',
      },
    ]);
  });

  it('a prisoner exchange verifies a round later: credit +1 to each principal, pressure −1', () => {
    const t = calm();
    sign(t, [{ id: 'prisoner_exchange', size: 'large', giver: 'both' }]);
    expect(t.G.deals[0]).toMatchObject({ status: 'verifying', verifyLeft: 0 });
    expect(t.G.credit).toEqual({ '0': 0, '1': 0, '2': 0 });
    expect(t.G.tracks).toMatchObject({ pressureA: 3, pressureB: 3 });
    resolve(t);
    expect(t.G.deals[0]).toMatchObject({ status: 'verified', verifiedRound: 2 });
    expect(t.G.credit).toEqual({ '0': 1, '1': 1, '2': 0 });
    expect(t.G.tracks).toMatchObject({ pressureA: 2, pressureB: 2 });
  });

  it('sanctions relief verifies after two rounds and eases B’s pressure by its size', () => {
    const t = calm();
    sign(t, [{ id: 'sanctions_relief', size: 'bn10', giver: 'A' }]);
    expect(t.G.deals[0]!.verifyLeft).toBe(1);
    resolve(t);
    expect(t.G.deals[0]).toMatchObject({ status: 'verifying', verifyLeft: 0 });
    expect(t.G.tracks.pressureB).toBe(3);
    resolve(t);
    expect(t.G.deals[0]).toMatchObject({ status: 'verified', verifiedRound: 3 });
    expect(t.G.tracks.pressureB).toBe(0);
  });

  it('a deal verifies when its slowest clause does, and applies every clause', () => {
    const t = calm();
    sign(t, [
      { id: 'ceasefire', size: 'regional', giver: 'B' },
      { id: 'dark_fleet_halt', size: 'verified', giver: 'B' },
    ]);
    resolve(t);
    expect(t.G.deals[0]!.status).toBe('verifying');
    expect(t.G.tracks).toMatchObject({ escalation: 4, oilLeak: 3 });
    resolve(t);
    expect(t.G.deals[0]).toMatchObject({ status: 'verified', verifiedRound: 3 });
    expect(t.G.tracks).toMatchObject({ escalation: 2, oilLeak: 1 });
  });

  it('an enrichment cap lowers breakout when verified, then freezes its rises', () => {
    const t = calm();
    sign(t, [{ id: 'enrichment_cap', size: 'pause', giver: 'B' }]);
    expect(t.G.breakout.true).toBe(7);
    resolve(t);
    expect(t.G.breakout.true).toBe(8);
    resolve(t);
    // Round 3: steady enrichment +1 (before verification), then the cap verifies: −1.
    expect(t.G.deals[0]).toMatchObject({ status: 'verified', verifiedRound: 3 });
    expect(t.G.breakout.true).toBe(8);
    advanceTo(t, 'drafting', 4);
    t.must('1', 'setPosture', { proxyLeash: 'loose', enrichment: 'advance' });
    resolve(t);
    expect(t.G.breakout.true).toBe(8);
    resolve(t);
    expect(t.G.breakout.true).toBe(8);
  });

  it('inspections in the same deal make an enrichment cap verify one round faster', () => {
    const t = calm();
    sign(t, [
      { id: 'enrichment_cap', size: 'cap', giver: 'B' },
      { id: 'inspections', size: 'limited', giver: 'B' },
    ]);
    expect(t.G.deals[0]!.verifyLeft).toBe(0);
    expect(t.G.deals[0]!.status).toBe('verifying');
    resolve(t);
    expect(t.G.deals[0]).toMatchObject({ status: 'verified', verifiedRound: 2 });
  });

  it('a verified inspections deal makes a later enrichment cap verify one round faster', () => {
    const t = calm();
    sign(t, [{ id: 'inspections', size: 'broad', giver: 'B' }]);
    advanceTo(t, 'press', 2);
    expect(t.G.deals[0]).toMatchObject({ status: 'verified', verifiedRound: 2 });
    advanceTo(t, 'drafting', 3);
    sign(t, [{ id: 'enrichment_cap', size: 'rollback', giver: 'B' }]);
    expect(t.G.deals[1]).toMatchObject({ signedRound: 3, verifyLeft: 0, status: 'verifying' });
    resolve(t);
    expect(t.G.deals[1]).toMatchObject({ status: 'verified', verifiedRound: 4 });

    // Without inspections the same cap takes two rounds.
    const u = calm();
    advanceTo(u, 'drafting', 3);
    sign(u, [{ id: 'enrichment_cap', size: 'rollback', giver: 'B' }]);
    expect(u.G.deals[0]).toMatchObject({ verifyLeft: 1, status: 'verifying' });
  });

  it('an inspections deal still verifying speeds nothing up', () => {
    const t = calm();
    sign(t, [{ id: 'inspections', size: 'limited', giver: 'B' }]);
    advanceTo(t, 'drafting', 2);
    sign(t, [{ id: 'enrichment_cap', size: 'pause', giver: 'B' }]);
    // Signed before the inspections deal verified in this round's resolution.
    expect(t.G.deals[0]!.status).toBe('verified');
    expect(t.G.deals[1]).toMatchObject({ verifyLeft: 1, status: 'verifying' });
  });

  it('verified inspections reveal the true breakout to A and the broker, not to spectators', () => {
    const t = calm();
    expect(viewFor(t.G, '0').breakout.true).toBeUndefined();
    expect(viewFor(t.G, '2').breakout.true).toBeUndefined();
    expect(viewFor(t.G, '1').breakout.true).toBe(6);
    sign(t, [{ id: 'inspections', size: 'limited', giver: 'B' }]);
    // Signed, not verified: still hidden.
    expect(viewFor(t.G, '0').breakout.true).toBeUndefined();
    resolve(t);
    expect(t.G.deals[0]!.status).toBe('verified');
    expect(t.G.breakout.true).toBe(8);
    expect(viewFor(t.G, '0').breakout).toEqual({ estimate: t.G.breakout.estimate, true: 8 });
    expect(viewFor(t.G, '2').breakout).toEqual({ estimate: t.G.breakout.estimate, true: 8 });
    expect(viewFor(t.G, null).breakout).toEqual({ estimate: t.G.breakout.estimate });
    expect(viewFor(t.G, '1').breakout.true).toBe(8);
  });
});

describe('pressure drift', () => {
  it('adds 1 to both above escalation 6, to A above oilPrice 3, to B below oilLeak 2', () => {
    const t = calm();
    resolve(t, () => {
      Object.assign(t.G.tracks, { escalation: 7, oilPrice: 4, oilLeak: 1 });
    });
    expect(t.G.tracks).toMatchObject({ pressureA: 5, pressureB: 5 });
  });

  it('does nothing at the thresholds themselves', () => {
    const t = calm();
    resolve(t, () => {
      Object.assign(t.G.tracks, { escalation: 6, oilPrice: 3, oilLeak: 2 });
    });
    expect(t.G.tracks).toMatchObject({ pressureA: 3, pressureB: 3 });
  });

  it('spares B the oil-leak drift while a verified sanctions relief holds', () => {
    const relief = (verifyLeft: number): Deal => ({
      id: 'd1',
      proposalId: 'p-x',
      kind: 'table',
      clauses: [{ id: 'sanctions_relief', size: 'bn2', giver: 'A' }],
      signedRound: 1,
      verifyLeft,
      status: 'verifying',
    });
    const t = calm();
    t.G.deals.push(relief(0));
    t.G.counters.deal = 1;
    resolve(t, () => {
      t.G.tracks.oilLeak = 1;
      t.G.tracks.pressureB = 5;
    });
    // The relief verified in this resolution (pressureB −1) before the drift was computed.
    expect(t.G.deals[0]!.status).toBe('verified');
    expect(t.G.tracks.pressureB).toBe(4);
    resolve(t);
    expect(t.G.tracks.pressureB).toBe(4);

    const u = calm();
    u.G.deals.push(relief(5));
    resolve(u, () => {
      u.G.tracks.oilLeak = 1;
      u.G.tracks.pressureB = 5;
    });
    expect(u.G.tracks.pressureB).toBe(6);
  });
});

describe('thresholds', () => {
  it('breakout 12 is a crisis: escalation +3, A pressure +3, reset to 9, public', () => {
    const t = calm();
    resolve(t, () => {
      t.G.breakout.true = 11;
    });
    expect(t.G.breakout.true).toBe(9);
    expect(t.G.tracks).toMatchObject({ escalation: 7, pressureA: 6, pressureB: 3 });
    const crisis = t.G.feed.filter((f) => f.kind === 'crisis');
    expect(crisis).toEqual([
      {
        round: 1,
        kind: 'crisis',
        text:
          "Breakout crisis: Tehran's programme reached 12. " +
          'Escalation +3; the programme is set back to 9.',
      },
    ]);
    for (const seat of [null, '0', '1', '2'])
      expect(viewFor(t.G, seat).feed.filter((f) => f.kind === 'crisis')).toEqual(crisis);
    expect(t.G.step).toBe('press');
  });

  it('a crisis from advancing enrichment at 10', () => {
    const t = calm();
    t.must('1', 'setPosture', { proxyLeash: 'loose', enrichment: 'advance' });
    resolve(t, () => {
      t.G.breakout.true = 10;
      t.G.tracks.escalation = 2;
    });
    expect(t.G.breakout.true).toBe(9);
    expect(t.G.tracks.escalation).toBe(5);
    expect(t.G.feed.filter((f) => f.kind === 'crisis')).toHaveLength(1);
  });

  it('pressure 10 is a walkout: no memo next round, pressure set to 7', () => {
    const t = calm();
    resolve(t, () => {
      t.G.tracks.pressureA = 9;
      t.G.tracks.escalation = 7;
    });
    expect(t.G.tracks.pressureA).toBe(7);
    expect(t.G.tracks.pressureB).toBe(4);
    expect(t.G.walkouts).toEqual({ '0': [2], '1': [] });
    expect(t.G.feed.filter((f) => f.kind === 'walkout')).toEqual([
      {
        round: 1,
        kind: 'walkout',
        seat: '0',
        text: 'Washington walks out under domestic pressure and will send no memo in round 2.',
      },
    ]);
    expect(t.G.step).toBe('press');
    advanceTo(t, 'drafting', 2);
    expect(t.act('0', 'draftMemo', { clauses: [], text: 'Back?' })).toBe(
      'walked out: no memo this round',
    );
    expect(t.act('1', 'draftMemo', { clauses: [], text: 'Still here.' })).toBeNull();
  });

  it('both walking out in the same round ends the match in collapse', () => {
    const t = calm();
    resolve(t, () => {
      t.G.tracks.pressureA = 9;
      t.G.tracks.pressureB = 9;
      t.G.tracks.escalation = 7;
    });
    expect(t.G.step).toBe('over');
    expect(t.G.walkouts).toEqual({ '0': [2], '1': [2] });
    expect(t.G.final).toMatchObject({ reason: 'walkout', outcome: 'collapse' });
    expect(t.G.feed.filter((f) => f.kind === 'walkout').map((f) => f.seat)).toEqual(['0', '1']);
    expect(t.G.feed.at(-1)).toEqual({
      round: 1,
      kind: 'end',
      text: 'Both principals walked out in the same round. The talks are over.',
    });
    expect(t.act('0', 'done')).toBe('the match is over');
  });

  it('escalation 10 is war: the match ends at once', () => {
    const t = calm();
    t.must('0', 'setPosture', { enforcement: 'interdict' });
    resolve(t, () => {
      t.G.tracks.escalation = 9;
    });
    expect(t.G.tracks.escalation).toBe(10);
    expect(t.G.step).toBe('over');
    expect(t.G.pending).toEqual([]);
    expect(t.G.final).toMatchObject({ reason: 'war', outcome: 'war' });
    expect(t.G.feed.slice(-2)).toEqual([
      { round: 1, kind: 'war', text: 'Regional war.' },
      {
        round: 1,
        kind: 'end',
        text: 'Escalation has reached its limit: regional war. The talks are over.',
      },
    ]);
    expect(t.act('2', 'statement', { kind: 'silence' })).toBe('the match is over');
  });

  it('war at the end of mediation skips the response step', () => {
    const t = calm();
    advanceTo(t, 'mediation', 1);
    t.G.tracks.escalation = 10;
    t.must('2', 'done');
    expect(t.G.step).toBe('over');
    expect(t.G.final!.reason).toBe('war');
  });

  it('a breakout crisis can start a war', () => {
    const t = calm();
    resolve(t, () => {
      t.G.breakout.true = 11;
      t.G.tracks.escalation = 7;
    });
    expect(t.G.tracks.escalation).toBe(10);
    expect(t.G.feed.map((f) => f.kind).slice(-3)).toEqual(['crisis', 'war', 'end']);
    expect(t.G.final!.outcome).toBe('war');
  });
});
