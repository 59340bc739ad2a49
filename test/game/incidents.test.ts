// Incidents: odds, the server's draws, attribution, and the strain they put on unverified deals.
import { describe, expect, it } from 'vitest';
import { incidentOdds, survivalOdds } from '../../src/game/incidents';
import type { Clause, Deal, ProxyLeash } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { allDone, table, type Table } from './harness';

const deal = (id: string, clauses: Clause[], status: Deal['status'], verifyLeft = 0): Deal => ({
  id,
  proposalId: `p-${id}`,
  kind: 'table',
  clauses,
  signedRound: 1,
  verifyLeft,
  status,
  ...(status === 'verified' ? { verifiedRound: 1 } : {}),
});

/** Plays on (everyone done) with B's leash set each drafting, until the match ends or `rounds`. */
function playOut(t: Table, leash: ProxyLeash | ((round: number) => ProxyLeash), rounds = 99) {
  for (let guard = 0; guard < 200 && t.G.step !== 'over'; guard++) {
    if (t.G.step === 'drafting' && t.G.round > rounds) return;
    if (t.G.step === 'drafting' && t.G.pending.includes('1')) {
      const l = typeof leash === 'function' ? leash(t.G.round) : leash;
      t.must('1', 'setPosture', { proxyLeash: l, enrichment: 'pause' });
    }
    allDone(t);
  }
}

describe('incidentOdds', () => {
  it('is 0.15 + 0.05 × escalation + the leash term, clamped to [0, 0.9]', () => {
    const t = table();
    const leashTerm = { restrain: -0.1, loose: 0, unleash: 0.2 } as const;
    for (let escalation = 0; escalation <= 10; escalation++)
      for (const proxyLeash of ['restrain', 'loose', 'unleash'] as const) {
        t.G.tracks.escalation = escalation;
        t.G.postures['1'] = { proxyLeash, enrichment: 'steady' };
        const want = Math.min(0.9, Math.max(0, 0.15 + 0.05 * escalation + leashTerm[proxyLeash]));
        expect(incidentOdds(t.G, t.scenario)).toBeCloseTo(want, 10);
      }
  });

  it('has the documented values at a few points', () => {
    const t = table();
    expect(incidentOdds(t.G, t.scenario)).toBeCloseTo(0.35, 10);
    t.G.postures['1'] = { proxyLeash: 'unleash', enrichment: 'steady' };
    expect(incidentOdds(t.G, t.scenario)).toBeCloseTo(0.55, 10);
    t.G.tracks.escalation = 10;
    expect(incidentOdds(t.G, t.scenario)).toBeCloseTo(0.85, 10);
    t.G.tracks.escalation = 20;
    expect(incidentOdds(t.G, t.scenario)).toBe(0.9);
    t.G.tracks.escalation = 0;
    t.G.postures['1'] = { proxyLeash: 'restrain', enrichment: 'steady' };
    expect(incidentOdds(t.G, t.scenario)).toBeCloseTo(0.05, 10);
  });

  it('falls with verified ceasefire, funding freeze and corridor deals, never below 0', () => {
    const t = table();
    t.G.deals.push(deal('d1', [{ id: 'ceasefire', size: 'partial', giver: 'B' }], 'verified'));
    expect(incidentOdds(t.G, t.scenario)).toBeCloseTo(0.3, 10);
    t.G.deals.push(
      deal('d2', [{ id: 'shipping_corridor', size: 'all_lanes', giver: 'both' }], 'verified'),
    );
    expect(incidentOdds(t.G, t.scenario)).toBeCloseTo(0.2, 10);
    t.G.deals.push(
      deal('d3', [{ id: 'proxy_funding_freeze', size: 'p40', giver: 'B' }], 'verified'),
    );
    expect(incidentOdds(t.G, t.scenario)).toBe(0);
  });

  it('ignores deals still verifying or collapsed', () => {
    const t = table();
    t.G.deals.push(
      deal('d1', [{ id: 'ceasefire', size: 'full', giver: 'B' }], 'verifying', 1),
      deal('d2', [{ id: 'proxy_funding_freeze', size: 'p40', giver: 'B' }], 'collapsed', 1),
    );
    expect(incidentOdds(t.G, t.scenario)).toBeCloseTo(0.35, 10);
  });
});

describe('survivalOdds', () => {
  it('is 0.85 − 0.02 × escalation, less 0.15 for a directed incident, within [0, 1]', () => {
    const t = table();
    expect(survivalOdds(t.G, t.scenario, false)).toBeCloseTo(0.77, 10);
    expect(survivalOdds(t.G, t.scenario, true)).toBeCloseTo(0.62, 10);
    t.G.tracks.escalation = 10;
    expect(survivalOdds(t.G, t.scenario, false)).toBeCloseTo(0.65, 10);
    expect(survivalOdds(t.G, t.scenario, true)).toBeCloseTo(0.5, 10);
    t.G.tracks.escalation = 60;
    expect(survivalOdds(t.G, t.scenario, true)).toBe(0);
  });

  it('rises with the principals’ standing: the lower credit of the two, times creditShield', () => {
    const t = table();
    // The frozen fixture predates the shield (default 0): credit changes nothing there.
    t.G.credit = { '0': 3, '1': 5, '2': 0 };
    expect(survivalOdds(t.G, t.scenario, false)).toBeCloseTo(0.77, 10);
    t.scenario = structuredClone(t.scenario);
    t.scenario.tunables.strain.creditShield = 0.03;
    expect(survivalOdds(t.G, t.scenario, false)).toBeCloseTo(0.77 + 0.09, 10);
    t.G.credit['1'] = 1;
    expect(survivalOdds(t.G, t.scenario, false)).toBeCloseTo(0.77 + 0.03, 10);
    t.G.credit = { '0': 10, '1': 10, '2': 0 };
    expect(survivalOdds(t.G, t.scenario, false)).toBe(1);
  });

  it.each(['doha-2026', 'meridian-strait'])('%s: credit shields deals', (id) => {
    const t = table({ scenario: id });
    const bare = survivalOdds(t.G, t.scenario, false);
    t.G.credit = { '0': 3, '1': 3, '2': 0 };
    expect(survivalOdds(t.G, t.scenario, false)).toBeGreaterThan(bare + 0.05);
  });
});

describe('draws', () => {
  it('are the same for the same seed, whatever the wall clock', () => {
    const a = table({}, 'same-seed', 1_000);
    const b = table({}, 'same-seed', 9_999_999);
    playOut(a, 'unleash');
    playOut(b, 'unleash');
    expect(a.G.incidents.length).toBeGreaterThan(0);
    expect(b.G.incidents).toEqual(a.G.incidents);
    expect(b.G.attributions).toEqual(a.G.attributions);
    expect(b.G.feed).toEqual(a.G.feed);
    expect(b.G.tracks).toEqual(a.G.tracks);
    expect(b.G.agendas).toEqual(a.G.agendas);
    expect(b.G.mandate).toEqual(a.G.mandate);
    expect(b.G.final).toEqual(a.G.final);
  });

  it('differ between seeds somewhere over a match', () => {
    const runs = ['seed-a', 'seed-b', 'seed-c'].map((seed) => {
      const t = table({}, seed);
      playOut(t, 'loose');
      return JSON.stringify(t.G.incidents.map((i) => [i.round, i.card]));
    });
    expect(new Set(runs).size).toBeGreaterThan(1);
  });

  it('draw 0 to 2 incidents a round, two different cards', () => {
    for (let i = 0; i < 10; i++) {
      const t = table({}, `count-${i}`);
      playOut(t, 'unleash');
      const byRound = new Map<number, string[]>();
      for (const inc of t.G.incidents)
        byRound.set(inc.round, [...(byRound.get(inc.round) ?? []), inc.card]);
      for (const cards of byRound.values()) {
        expect(cards.length).toBeLessThanOrEqual(2);
        expect(new Set(cards).size).toBe(cards.length);
      }
      // Each incident is public, with a feed headline, and ids count up.
      expect(t.G.incidents.map((x) => x.id)).toEqual(t.G.incidents.map((_, k) => `i${k + 1}`));
      for (const inc of t.G.incidents)
        expect(t.G.feed).toContainEqual({
          round: inc.round,
          kind: 'incident',
          incidentId: inc.id,
          text: inc.headline,
        });
    }
  });
});

describe('attribution', () => {
  it('is always rogue unless B’s leash is unleash', () => {
    let incidents = 0;
    for (let i = 0; i < 8; i++) {
      for (const leash of ['loose', 'restrain'] as const) {
        const t = table({}, `rogue-${i}`);
        playOut(t, leash);
        incidents += t.G.incidents.length;
        expect(Object.values(t.G.attributions).every((a) => a === 'rogue')).toBe(true);
        expect(Object.keys(t.G.attributions).sort()).toEqual(t.G.incidents.map((x) => x.id).sort());
      }
    }
    expect(incidents).toBeGreaterThan(5);
  });

  it('may be directed while unleashed, and only B sees its directed incidents', () => {
    let directed = 0;
    let rogue = 0;
    for (let i = 0; i < 6; i++) {
      const t = table({}, `directed-${i}`);
      // Unleashed in odd rounds' drafting, so the incidents of even rounds may be directed.
      playOut(t, (round) => (round % 2 === 1 ? 'unleash' : 'restrain'), 7);
      expect(t.G.step).not.toBe('over');
      for (const inc of t.G.incidents) {
        const who = t.G.attributions[inc.id];
        if (inc.round % 2 === 1) expect(who).toBe('rogue');
        if (who === 'directed') directed++;
        else rogue++;
      }
      const mine = Object.entries(t.G.attributions).filter(([, a]) => a === 'directed');
      expect(Object.entries(viewFor(t.G, '1').attributions)).toEqual(mine);
      expect(viewFor(t.G, '0').attributions).toEqual({});
      expect(viewFor(t.G, '2').attributions).toEqual({});
      expect(viewFor(t.G, null).attributions).toEqual({});
    }
    expect(directed).toBeGreaterThan(0);
    expect(rogue).toBeGreaterThan(0);
  });

  it('is revealed to everyone once the match is over', () => {
    const t = table({ rounds: 4 }, 'debrief');
    playOut(t, 'unleash');
    expect(t.G.step).toBe('over');
    expect(viewFor(t.G, '0').attributions).toEqual(t.G.attributions);
    expect(viewFor(t.G, null).attributions).toEqual(t.G.attributions);
  });
});

describe('strain on deals', () => {
  function strained(seed: string) {
    const t = table({}, seed);
    t.G.deals.push(
      deal('d1', [{ id: 'ceasefire', size: 'partial', giver: 'B' }], 'verifying', 99),
      deal('d2', [{ id: 'prisoner_exchange', size: 'small', giver: 'both' }], 'verified'),
    );
    t.G.counters.deal = 2;
    playOut(t, 'unleash');
    return t;
  }

  it('can collapse an unverified deal after an incident, publicly', () => {
    const runs = Array.from({ length: 12 }, (_, i) => strained(`strain-${i}`));
    const collapsed = runs.filter((t) => t.G.deals[0]!.status === 'collapsed');
    // The deal was added after round 1's incidents: it faced those of rounds 2 onwards.
    const survivedOne = runs.some((t) =>
      t.G.incidents.some(
        (i) => i.round >= 2 && i.round < (t.G.deals[0]!.collapsedRound ?? Infinity),
      ),
    );
    expect(collapsed.length).toBeGreaterThan(0);
    expect(survivedOne).toBe(true);
    for (const t of collapsed) {
      const d = t.G.deals[0]!;
      const entries = t.G.feed.filter((f) => f.kind === 'collapse');
      expect(entries).toHaveLength(1);
      const e = entries[0]!;
      const inc = t.G.incidents.find((i) => i.id === e.incidentId)!;
      expect(inc.round).toBe(d.collapsedRound);
      expect(e).toEqual({
        round: d.collapsedRound,
        kind: 'collapse',
        dealId: 'd1',
        incidentId: inc.id,
        text: `Deal 1 collapsed before it could be verified, after: ${inc.headline}`,
      });
      // A collapsed deal stays collapsed and never counts down again.
      expect(d.verifyLeft).toBe(99 - (d.collapsedRound! - 1));
      expect(viewFor(t.G, null).deals[0]!.status).toBe('collapsed');
      expect(viewFor(t.G, null).feed).toContainEqual(e);
    }
  });

  it('never collapses a verified deal', () => {
    for (let i = 0; i < 12; i++) {
      const t = strained(`strain-${i}`);
      expect(t.G.deals[1]!.status).toBe('verified');
      expect(t.G.feed.some((f) => f.kind === 'collapse' && f.dealId === 'd2')).toBe(false);
    }
  });

  it('collapses nothing in a round without incidents', () => {
    const t = table({}, 'quiet');
    t.scenario = structuredClone(t.scenario);
    t.scenario.tunables.incidents.max = 0;
    t.G.deals.push(deal('d1', [{ id: 'ceasefire', size: 'partial', giver: 'B' }], 'verifying', 99));
    t.scenario.tunables.strain.integrity = 0;
    playOut(t, 'unleash', 6);
    expect(t.G.deals[0]!.status).toBe('verifying');
    expect(t.G.feed.filter((f) => f.kind === 'collapse')).toEqual([]);
  });

  it('collapses every unverified deal when integrity is 0, one entry per deal', () => {
    const t = table({}, 'brittle');
    t.scenario = structuredClone(t.scenario);
    t.scenario.tunables.strain.integrity = 0;
    t.scenario.tunables.incidents.base = 1;
    t.G.deals.push(
      deal('d1', [{ id: 'ceasefire', size: 'partial', giver: 'B' }], 'verifying', 99),
      deal('d2', [{ id: 'dark_fleet_halt', size: 'partial', giver: 'B' }], 'verifying', 99),
      deal('d3', [{ id: 'prisoner_exchange', size: 'small', giver: 'both' }], 'verified'),
    );
    playOut(t, 'loose', 2);
    expect(t.G.incidents.filter((i) => i.round === 2).length).toBeGreaterThan(0);
    expect(t.G.deals.map((d) => [d.status, d.collapsedRound])).toEqual([
      ['collapsed', 2],
      ['collapsed', 2],
      ['verified', undefined],
    ]);
    expect(t.G.feed.filter((f) => f.kind === 'collapse').map((f) => f.dealId)).toEqual([
      'd1',
      'd2',
    ]);
  });
});
