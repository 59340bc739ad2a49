// Stonewalling (issue #11): a principal that turns down everything put to it in a response step
// that it could have accepted loses points at the end (scoring.stonewall). It is counted in the
// full state only, never in a view: the other principal must not learn that anything was
// delivered. A Tehran that rejected everything won 65 % of matches before (docs/BALANCE.md).
import { describe, expect, it } from 'vitest';
import { acceptedThisRound } from '../../src/game/facts';
import { scores } from '../../src/game/scoring';
import type { Clause } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { advanceTo, allDone, table, type Table } from './harness';

const PAUSE: Clause = { id: 'humanitarian_pause', size: 'd3', giver: 'both' };
const RELIEF: Clause = { id: 'sanctions_relief', size: 'bn2', giver: 'A' };

function priced(): Table {
  const t = table({}, 'stonewall');
  t.scenario = structuredClone(t.scenario);
  t.scenario.tunables.scoring.stonewall = 1;
  t.scenario.tunables.incidents.max = 0;
  return t;
}

/** The broker tables two proposals in this round's mediation. */
function tableTwo(t: Table): [string, string] {
  const early = t.G.step === 'drafting' || t.G.step === 'mediation';
  advanceTo(t, 'mediation', early ? t.G.round : t.G.round + 1);
  t.G.tracks.capital = 6;
  t.must('2', 'tableProposal', { clauses: [PAUSE] });
  t.must('2', 'tableProposal', { clauses: [RELIEF] });
  t.must('2', 'done');
  const [a, b] = t.G.proposals.slice(-2);
  return [a!.id, b!.id];
}

describe('stonewalling', () => {
  it('counts a step in which a principal accepted nothing it could, privately, and charges it', () => {
    const t = priced();
    const [p1, p2] = tableTwo(t);
    t.must('0', 'respond', p1, 'reject');
    t.must('0', 'respond', p2, 'reject');
    t.must('1', 'respond', p1, 'reject');
    t.must('1', 'respond', p2, 'accept');
    expect(t.G.step).toBe('press');
    expect(t.G.stonewalls).toEqual({ '0': 1 });
    // No view holds it: not the other principal's, not a spectator's, not even the broker's.
    for (const seat of ['0', '1', '2', null] as const)
      expect(JSON.stringify(viewFor(t.G, seat))).not.toContain('stonewall');
    const before = scores(t.G, t.scenario, false);
    delete t.G.stonewalls;
    const free = scores(t.G, t.scenario, false);
    expect(before['0']).toBe(free['0'] - 1);
    expect(before['1']).toBe(free['1']);
  });

  it('does not count a step with nothing due, nor one where one proposal was accepted', () => {
    const t = priced();
    advanceTo(t, 'press', 1); // nothing delivered in round 1
    expect(t.G.stonewalls).toBeUndefined();
    const [p1, p2] = tableTwo(t);
    for (const seat of ['0', '1'] as const) {
      t.must(seat, 'respond', p1, 'accept');
      t.must(seat, 'respond', p2, 'reject');
    }
    expect(t.G.stonewalls).toBeUndefined();
  });

  it('counts a principal that leaves everything unanswered, but not one hardened out of it', () => {
    const t = priced();
    const [p1, p2] = tableTwo(t);
    // B is hardened and both proposals would have it give two clauses: nothing it could take.
    t.G.tracks.pressureB = 8;
    for (const id of [p1, p2])
      t.G.proposals.find((p) => p.id === id)!.clauses = [
        { id: 'ceasefire', size: 'partial', giver: 'B' },
        { id: 'dark_fleet_halt', size: 'partial', giver: 'B' },
      ];
    // A says done without answering: its answers are rejections.
    t.must('0', 'done');
    t.must('1', 'done');
    expect(t.G.step).toBe('press');
    expect(t.G.stonewalls).toEqual({ '0': 1 });
  });

  it('a relay accepted last round, now back with its author, is no acceptance of this step', () => {
    const t = priced();
    // Round 1: A's memo relayed to B, who accepts it; it goes back to A for ratification in round 2.
    t.must('0', 'draftMemo', {
      clauses: [{ id: 'humanitarian_pause', size: 'd3', giver: 'both' }],
      text: 'A pause.',
    });
    advanceTo(t, 'mediation', 1);
    t.must('2', 'relay', t.G.memos[0]!.id, {});
    t.must('2', 'done');
    const relay = t.G.proposals[0]!;
    t.must('1', 'respond', relay.id, 'accept');
    allDone(t);
    expect(relay.stage).toBe('ratification');
    // Round 2: the broker tables a proposal to both; the old relay still carries B's accept.
    const [p1] = tableTwo(t);
    expect(relay.dueRound).toBe(2);
    expect(relay.answers['1']).toBe('accept');
    // The fact the desk and the bots read says B has accepted nothing in this step, as the rule
    // that charges stonewalling counts it.
    expect(acceptedThisRound(viewFor(t.G, '1'), '1')).toBe(false);
    t.must('0', 'respond', relay.id, 'accept');
    t.must('1', 'respond', p1, 'accept');
    expect(acceptedThisRound(viewFor(t.G, '1'), '1')).toBe(true);
    expect(acceptedThisRound(viewFor(t.G, '0'), '0')).toBe(true);
  });

  it('is off at the default 0 (the frozen fixture): nothing is counted', () => {
    const t = table({}, 'stonewall');
    t.scenario = structuredClone(t.scenario);
    t.scenario.tunables.incidents.max = 0;
    const [p1, p2] = tableTwo(t);
    for (const seat of ['0', '1'] as const)
      for (const p of [p1, p2]) t.must(seat, 'respond', p, 'reject');
    expect(t.G.stonewalls).toBeUndefined();
  });
});
