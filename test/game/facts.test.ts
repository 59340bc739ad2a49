// The rule facts the seat model and the bots read (src/game/facts.ts) agree with what the rules
// do, on real states of fixed-seed matches of both scenarios.
import { describe, expect, it } from 'vitest';
import * as facts from '../../src/game/facts';
import { explainMove } from '../../src/game/enumerate';
import { incidentOdds as rulesOdds } from '../../src/game/incidents';
import { getScenario } from '../../src/game/scenario';
import { verificationRounds } from '../../src/game/clauses';
import { randomStates } from '../bots/states';
import { allDone, freshMatch, SCENARIOS } from '../ui/states';
import { seatModel } from '../../src/game/seat-model';
import { viewFor } from '../../src/game/view';

const states = randomStates(4, 'facts', 6);

describe('rule facts', () => {
  it('finds states of both scenarios', () => {
    expect(new Set(states.map((G) => G.options.scenario))).toEqual(new Set(SCENARIOS));
  });

  it('incident odds: with the true leash assumed, the rules’ own odds; a leash changes them by the tunable', () => {
    for (const G of states) {
      const s = getScenario(G.options.scenario);
      const leash = G.postures['1']!.proxyLeash;
      expect(facts.incidentOdds(G, s, leash)).toBe(rulesOdds(G, s));
      expect(facts.incidentOdds(G, s)).toBe(rulesOdds(G, s));
      // On A's view, B's leash is hidden: the odds are those of the assumed leash.
      const a = viewFor(G, '0');
      expect(a.postures['1']).toBeUndefined();
      expect(facts.incidentOdds(a, s, leash)).toBe(rulesOdds(G, s));
    }
  });

  it('in drafting, the true breakout lies within what the estimate allows', () => {
    let seen = 0;
    for (const G of states) {
      const s = getScenario(G.options.scenario);
      const { min, max } = s.tracks.breakout;
      // Drafting: the estimate was drawn this round and nothing has moved breakout since (unless a
      // crisis reset it, or the estimate was clamped at an end of the track).
      const crisis = G.feed.some((f) => f.kind === 'crisis' && f.round === G.round);
      if (
        G.step !== 'drafting' ||
        crisis ||
        G.breakout.estimate === min ||
        G.breakout.estimate === max
      )
        continue;
      const { low, high } = facts.breakoutWithin(G, s);
      expect(G.breakout.true).toBeGreaterThanOrEqual(low);
      expect(G.breakout.true).toBeLessThanOrEqual(high);
      expect(high - low).toBe(2 * s.tunables.breakout.estimateError);
      seen++;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('mayGive agrees with the response check for every due proposal', () => {
    let seen = 0;
    for (const G of states.filter((x) => x.step === 'response'))
      for (const seat of ['0', '1'] as const) {
        const s = getScenario(G.options.scenario);
        for (const p of facts.dueProposals(G, seat)) {
          const gives = facts.clausesGivenBy(seat === '0' ? 'A' : 'B', p.clauses);
          const legal = explainMove(G, seat, 'respond', [p.id, 'accept']) === null;
          expect(legal).toBe(G.pending.includes(seat) && facts.mayGive(G, s, seat, gives));
          seen++;
        }
      }
    expect(seen).toBeGreaterThan(0);
  });

  it('verification time is the rules’ count; a deal never shows less than it has left', () => {
    for (const G of states) {
      const s = getScenario(G.options.scenario);
      for (const d of G.deals) {
        expect(facts.verificationTime(G, s, d.clauses)).toBe(verificationRounds(G, s, d.clauses));
        expect(facts.dealVerifyTotal(G, s, d)).toBeGreaterThanOrEqual(d.verifyLeft);
      }
    }
  });

  it.each(SCENARIOS)('%s: danger zones sit at the scenario’s thresholds', (id) => {
    const s = getScenario(id);
    const p = s.tunables.pressure;
    const z = facts.dangerZones(s);
    expect(z.pressureA).toEqual([
      { kind: 'hardened', from: p.hardenedAt, to: p.walkoutAt - 1 },
      { kind: 'walkout', from: p.walkoutAt, to: s.tracks.pressure.max },
    ]);
    expect(z.escalation).toEqual([
      { kind: 'drift', from: p.escalationAbove + 1, to: s.tracks.escalation.max - 1 },
      { kind: 'war', from: s.tracks.escalation.max, to: s.tracks.escalation.max },
    ]);
    expect(z.oilPrice).toEqual([
      { kind: 'drift', from: p.oilPriceAbove + 1, to: s.tracks.oilPrice.max, raises: '0' },
    ]);
    expect(z.breakout).toEqual([
      { kind: 'crisis', from: s.tracks.breakout.max, to: s.tracks.breakout.max },
    ]);
    expect(facts.zoneStart(s, 'escalation', 'drift')).toBe(p.escalationAbove + 1);
    expect(facts.zoneStart(s, 'capital', 'drift')).toBeNull();
  });

  it.each(SCENARIOS)('%s: a broker’s claims cost capital beyond the free ones', (id) => {
    const r = freshMatch(id);
    const s = getScenario(id);
    expect(facts.brokerClaimCost(r.G, s)).toBe(0);
    for (let i = 0; i < s.tunables.press.brokerFreeClaims; i++)
      r.G.statements.push({ seat: '2', round: 1, kind: 'claim', target: `d${i}` });
    expect(facts.brokerClaimCost(r.G, s)).toBe(s.tunables.press.brokerClaimCapital);
  });
});

describe('the reminder to say done', () => {
  it.each(SCENARIOS)('%s: a principal with nothing to answer is told to say done', (id) => {
    const r = freshMatch(id);
    while (r.G.step !== 'response') allDone(r);
    const m = seatModel(viewFor(r.G, '0'), '0', () => 0);
    expect(m.inbox).toEqual([]);
    expect(m.reminder).toMatch(/^Nothing awaits your answer: say you are done/);
    expect(seatModel(viewFor(r.G, '2'), '2', () => 0).reminder).toBeNull();
  });
});
