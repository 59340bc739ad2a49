// The seat model, built from real states of fixed-seed matches of both scenarios (and rebalanced
// copies): what each seat reads and may do, with the scenario's own numbers and the rules' own
// reasons, and never an internal code.
import { describe, expect, it } from 'vitest';
import { makePrng } from '../../src/bots/engine';
import { enumerate, explainMove } from '../../src/game/enumerate';
import { getScenario } from '../../src/game/scenario';
import {
  countdownAt,
  seatModel,
  type MoveInstance,
  type SeatModel,
} from '../../src/game/seat-model';
import { leakKind } from '../../src/game/facts';
import { setupMatch } from '../../src/game/setup';
import type { BackchannelState, Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { looksInternal, signed } from '../../src/game/words';
import { randomStates } from '../bots/states';
import {
  SCENARIOS,
  allDone,
  finishedViews,
  freshMatch,
  matchAt,
  mediationWithMemo,
  must,
  randomSeatViews,
  ratificationMatch,
  rebalanced,
  type ScenarioId,
} from '../ui/states';

const ALL: ScenarioId[] = [...SCENARIOS, ...SCENARIOS.map(rebalanced)];
const NOW = () => 0;
const model = (G: BackchannelState, seat: Seat | null): SeatModel =>
  seatModel(viewFor(G, seat), seat, NOW);

/** Every string of the model a person reads (ids and move arguments left out). */
function personText(value: unknown, key = ''): string[] {
  if (key === 'args' || key === 'id' || key === 'size' || key === 'dealId' || key === 'incidentId')
    return [];
  if (typeof value === 'string')
    return [
      'key',
      'kind',
      'stage',
      'fate',
      'status',
      'giver',
      'step',
      'role',
      'move',
      'proposalKind',
      'seat',
      'author',
      'value',
    ].includes(key)
      ? []
      : [value];
  if (Array.isArray(value)) return value.flatMap((v) => personText(v, key));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => (k === 'scenario' ? [] : personText(v, k)));
  return [];
}

describe('posture options state the scenario’s numbers', () => {
  it.each(ALL)('%s: A’s enforcement', (id) => {
    const p = getScenario(id).tunables.postures;
    const m = model(freshMatch(id).G, '0');
    if (m.postures?.seat !== '0') throw new Error('A has no enforcement options');
    const text = (v: string) =>
      m.postures!.seat === '0' && m.postures!.enforcement.find((o) => o.value === v)!.text;
    expect(text('tighten')).toContain(`oil leak ${signed(p.enforcementLeak.tighten)}`);
    expect(text('relax')).toContain(`oil leak ${signed(p.enforcementLeak.relax)}`);
    expect(text('interdict')).toContain(`oil leak ${signed(p.enforcementLeak.interdict)}`);
    expect(text('interdict')).toContain(`oil price ${signed(p.interdiction.oilPrice)}`);
    expect(text('interdict')).toContain(`escalation ${signed(p.interdiction.escalation)}`);
    expect(text('hold')).toBe('Hold');
    expect(m.postures.enforcement.filter((o) => o.current).map((o) => o.value)).toEqual(['hold']);
    expect(m.postures.enforcement.every((o) => o.legal && o.reason === null)).toBe(true);
  });

  it.each(ALL)('%s: B’s leash and enrichment', (id) => {
    const t = getScenario(id).tunables;
    const m = model(freshMatch(id).G, '1');
    if (m.postures?.seat !== '1') throw new Error('B has no leash options');
    const leash = (v: string) =>
      m.postures!.seat === '1' && m.postures!.leash.find((o) => o.value === v)!.text;
    const unleash = leash('unleash') as string;
    expect(unleash).toContain(`oil leak ${signed(t.postures.leashLeak.unleash)}`);
    expect(unleash).toContain(
      `incident odds ${signed(Math.round(t.incidents.leash.unleash * 100))}%`,
    );
    expect(unleash).toContain(
      `${Math.round(t.incidents.directedShare * 100)}% of incidents directed by you`,
    );
    const advance = m.postures.enrichment.find((o) => o.value === 'advance')!;
    expect(advance.text).toContain(`breakout ${signed(t.postures.enrichment.advance)} a round`);
    expect(m.postures.current).toEqual({ proxyLeash: 'loose', enrichment: 'steady' });
  });

  it.each(SCENARIOS)('%s: interdiction, blocked by a verified pause, says why', (id) => {
    const r = freshMatch(id);
    r.G.deals.push({
      id: 'd1',
      proposalId: 'p-x',
      kind: 'table',
      clauses: [],
      signedRound: 1,
      verifyLeft: 0,
      status: 'verified',
      verifiedRound: 1,
      interdictionBlockedUntil: 2,
    });
    const m = model(r.G, '0');
    if (m.postures?.seat !== '0') throw new Error('no options');
    const interdict = m.postures.enforcement.find((o) => o.value === 'interdict')!;
    expect(interdict.legal).toBe(false);
    expect(interdict.reason).toMatch(/interdiction pause is in force/);
    expect(
      m.moves.setPosture.instances.some((i) => JSON.stringify(i.args).includes('interdict')),
    ).toBe(false);
  });
});

describe('moves: legal instances from enumerate, reasons from the rules', () => {
  it.each(SCENARIOS)(
    '%s: each seat’s instances are exactly enumerate’s, and each is legal',
    (id) => {
      for (const { seat, view } of randomSeatViews(2, `sm-${id}`, 11)) {
        const m = seatModel(view, seat, NOW);
        const listed: MoveInstance[] = Object.values(m.moves).flatMap(
          (mv): MoveInstance[] => mv.instances,
        );
        expect(listed.length).toBe(enumerate(view, seat).length);
        for (const i of listed) expect(explainMove(view, seat, i.move, i.args)).toBeNull();
        for (const mv of Object.values(m.moves)) {
          expect(mv.possible).toBe(mv.instances.length > 0);
          if (!mv.possible) expect(mv.reason).toBeTruthy();
        }
      }
    },
  );

  it.each(SCENARIOS)('%s: in drafting, the broker and a spectator are told why not', (id) => {
    const G = freshMatch(id).G;
    const broker = model(G, '2');
    expect(broker.moves.relay.reason).toBe(
      'That is done in the mediation step; this is the drafting step.',
    );
    expect(broker.moves.draftMemo.reason).toBe('Only the principals write memos.');
    expect(broker.moves.done.reason).toBe('You have finished this step: wait for the other seats.');
    const a = model(G, '0');
    expect(a.moves.relay.reason).toBe('Only the broker relays memos.');
    expect(a.moves.setPosture.possible).toBe(true);
    const spectator = model(G, null);
    expect(
      Object.values(spectator.moves).every((mv) => /watching this table/.test(mv.reason!)),
    ).toBe(true);
  });

  it.each(ALL)('%s: the broker’s costs are the scenario’s', (id) => {
    const t = getScenario(id).tunables.mediation;
    const m = model(mediationWithMemo(id).G, '2');
    expect(m.moves.tableProposal.cost.map((c) => c.delta)).toEqual([-t.tableCost]);
    expect(m.moves.bundle.cost.map((c) => c.delta)).toEqual([-t.bundleCost]);
    const leak = m.moves.leak.instances[0]!;
    const leaked = mediationWithMemo(id).G.memos.find((x) => x.id === leak.args[0])!;
    // Leaking a pure demand earns credit, a real offer costs it, a message neither (RULES.md).
    const kind = leakKind(leaked);
    const credit = kind === 'message' ? [] : [kind === 'demand' ? t.leakCredit : -t.leakCredit];
    expect(leak.cost.map((c) => c.delta)).toEqual([
      -t.leakCapital,
      t.leakPressure,
      ...credit.filter((x) => x !== 0),
    ]);
    if (credit[0]) expect(leak.cost.at(-1)!.text).toMatch(/^your credit [+−]\d/);
    const reframed = m.moves.relay.instances.find(
      (i) => (i.args[1] as { reframes?: unknown[] } | undefined)?.reframes?.length,
    );
    expect(reframed?.cost.map((c) => c.delta)).toEqual([-t.reframeCost]);
    expect(m.inbox.filter((i) => i.kind === 'memo')).toHaveLength(2);
  });

  it.each(SCENARIOS)('%s: a move with no legal instance gives the rules’ own reason', (id) => {
    // Both memos carry the same clause: every bundle would name it twice.
    const m = model(mediationWithMemo(id).G, '2');
    expect(m.moves.bundle.possible).toBe(false);
    expect(m.moves.bundle.reason).toMatch(/^“.+” is named twice\.$/);
    const broker = getScenario(id).seats.broker.name;
    expect(m.moves.tableProposal.cost.map((c) => c.text)).toEqual([
      `${broker}’s capital ${signed(-getScenario(id).tunables.mediation.tableCost)}`,
    ]);
  });

  it.each(SCENARIOS)('%s: a broker with too little capital is told the price', (id) => {
    const r = mediationWithMemo(id);
    r.G.tracks.capital = 0;
    const m = model(r.G, '2');
    expect(m.moves.tableProposal.possible).toBe(false);
    expect(m.moves.tableProposal.reason).toBe(
      `Tabling a proposal costs ${getScenario(id).tunables.mediation.tableCost} capital; you have 0 to spend.`,
    );
  });
});

describe('no internal code or schema path reaches a person', () => {
  it('in any model of random legal play (both scenarios, every seat)', () => {
    const bad: string[] = [];
    const views = [
      ...randomSeatViews(4, 'sm-words', 5),
      // Spectators, and every seat at the end of a match.
      ...randomStates(2, 'sm-words-spectator', 9).map((G) => ({
        seat: null,
        view: viewFor(G, null),
      })),
      ...SCENARIOS.flatMap((id) => finishedViews(id)),
    ];
    let read = 0;
    for (const { seat, view } of views)
      for (const s of personText(seatModel(view, seat, NOW))) {
        read++;
        if (looksInternal(s)) bad.push(`${seat}: ${s}`);
      }
    // The scan reads the model's words (reasons, labels, titles, feed text), not nothing.
    expect(read).toBeGreaterThan(10_000);
    expect(views.length).toBeGreaterThan(100);
    expect([...new Set(bad)]).toEqual([]);
  });
});

describe('the inbox and the memos say the truth', () => {
  it.each(SCENARIOS)('%s: the ratification card names its author correctly', (id) => {
    const r = ratificationMatch(id);
    const a = model(r.G, '0').inbox.find((i) => i.kind === 'proposal');
    if (a?.kind !== 'proposal') throw new Error('no card for A');
    expect(a.ratifying).toBe(true);
    expect(a.due).toBe(true);
    expect(a.title).toMatch(/^Your memo/);
    const b = model(r.G, '1').inbox.find((i) => i.kind === 'proposal');
    if (b && b.kind === 'proposal') {
      expect(b.ratifying).toBe(false);
      expect(b.title).not.toMatch(/Your memo/);
      expect(b.due).toBe(false);
    }
    expect(model(r.G, '0').memos[0]!.fate).toBe('ratification');
  });

  it.each(SCENARIOS)('%s: a reframe is revealed to the author at ratification', (id) => {
    let wrote = '';
    const r = ratificationMatch(id, 'sm-reframe', (memo) => {
      const c = memo.clauses[0] as { id: string; size: string };
      const sizes = getScenario(id).catalog.find((d) => d.id === c.id)!.sizes;
      const at = sizes.findIndex((s) => s.id === c.size);
      wrote = sizes[at]!.label;
      return { reframes: [{ clause: 0, delta: at > 0 ? -1 : 1 }] };
    });
    const m = model(r.G, '0');
    const card = m.inbox[0];
    if (card?.kind !== 'proposal') throw new Error('no card');
    const first = card.clauses[0]!;
    expect(first.struck === false && first.reframedFrom).toBe(wrote);
    expect(
      m.changes.some((c) => c.kind === 'reframe' && c.text.includes(`you wrote ${wrote}`)),
    ).toBe(true);
    const b = model(r.G, '1');
    expect(b.changes.some((c) => c.kind === 'reframe')).toBe(false);
  });

  it.each(SCENARIOS)('%s: the broker’s ledger: a reframe owed until it comes out', (id) => {
    const r = mediationWithMemo(id, 'sm-ledger');
    const memo = r.G.memos.find((m) => m.author === '0' && m.status === 'pending')!;
    const c = memo.clauses[0] as { id: string; size: string };
    const sizes = getScenario(id).catalog.find((d) => d.id === c.id)!.sizes;
    const at = sizes.findIndex((s) => s.id === c.size);
    const capital = r.G.tracks.capital;
    const cost = getScenario(id).tunables.mediation.reframeCost;
    expect(model(r.G, '2').ledger).toEqual({ owed: 0, free: capital });
    must(r, '2', 'relay', memo.id, { reframes: [{ clause: 0, delta: at > 0 ? -1 : 1 }] });
    expect(model(r.G, '2').ledger).toEqual({ owed: cost, free: capital - cost });
    // The public track has not moved; only the broker keeps a ledger.
    expect(model(r.G, '2').tracks.find((t) => t.key === 'capital')!.value).toBe(capital);
    expect(model(r.G, '0').ledger).toBeNull();
    expect(model(r.G, null).ledger).toBeNull();
  });

  it.each(SCENARIOS)('%s: a memo relayed and rejected no longer reads “with the broker”', (id) => {
    const r = mediationWithMemo(id, 'sm-rejected');
    const memo = r.G.memos.find((m) => m.author === '0' && m.status === 'pending')!;
    must(r, '2', 'relay', memo.id, {});
    allDone(r);
    const p = r.G.proposals.find((x) => x.memoId === memo.id)!;
    must(r, '1', 'respond', p.id, 'reject');
    const at = () => model(r.G, '0').memos.find((m) => m.id === memo.id)!;
    // While it could still be held at the broker, the author is told it does not know.
    expect(at().fate).toBe('with-broker');
    expect(at().fateWords).toMatch(/held or delivered/);
    while (!(r.G.round === 2 && r.G.step === 'response')) allDone(r);
    expect(at().fate).toBe('out-of-hands');
    expect(at().fateWords).not.toMatch(/^Handed to the broker/);
  });

  it.each(SCENARIOS)('%s: stale proposals do not come back in later rounds', (id) => {
    const r = mediationWithMemo(id, 'sm-stale');
    const memo = r.G.memos.find((m) => m.author === '0' && m.status === 'pending')!;
    must(r, '2', 'relay', memo.id, {});
    allDone(r);
    expect(model(r.G, '1').inbox.map((i) => i.id)).toHaveLength(1);
    allDone(r); // B gives no answer: rejected
    while (r.G.round < 2 || r.G.step !== 'response') allDone(r);
    expect(model(r.G, '1').inbox).toEqual([]);
  });

  it.each(SCENARIOS)('%s: the broker learns how its proposals were answered', (id) => {
    const r = mediationWithMemo(id, 'sm-answers');
    const memo = r.G.memos.find((m) => m.author === '0' && m.status === 'pending')!;
    must(r, '2', 'relay', memo.id, {});
    allDone(r);
    const p = r.G.proposals.find((x) => x.memoId === memo.id)!;
    must(r, '1', 'respond', p.id, 'reject');
    const m = model(r.G, '2');
    const mine = m.proposals.find((x) => x.id === p.id)!;
    expect(mine.answers).toContain(`${getScenario(id).seats.B.name} rejected`);
  });
});

describe('tracks, countdown and changes', () => {
  it.each(SCENARIOS)('%s: danger zones are the rules’ thresholds', (id) => {
    const s = getScenario(id);
    const r = freshMatch(id);
    r.G.tracks.pressureA = s.tunables.pressure.hardenedAt;
    const m = model(r.G, '0');
    const pa = m.tracks.find((t) => t.key === 'pressureA')!;
    expect(pa.zone?.kind).toBe('hardened');
    expect(pa.zones.map((z) => [z.kind, z.from, z.to])).toEqual([
      ['hardened', s.tunables.pressure.hardenedAt, s.tunables.pressure.walkoutAt - 1],
      ['walkout', s.tunables.pressure.walkoutAt, s.tracks.pressure.max],
    ]);
    expect(m.seats['0'].hardened).toBe(true);
    const esc = m.tracks.find((t) => t.key === 'escalation')!;
    expect(esc.zones.find((z) => z.kind === 'war')).toMatchObject({
      from: s.tracks.escalation.max,
    });
    // Breakout: an estimate for A, the true value for B.
    expect(m.tracks.find((t) => t.key === 'breakout')!.estimate).toBe(true);
    const b = model(r.G, '1').tracks.find((t) => t.key === 'breakout')!;
    expect(b.estimate).toBe(false);
    expect(b.trueValue).toBe(r.G.breakout.true);
  });

  it('counts down by the injected clock, and freezes while paused', () => {
    const G = setupMatch({ timers: 'blitz' }, makePrng('sm-clock'), () => 1_000);
    const view = viewFor(G, '0');
    const c = seatModel(view, '0', () => 1_000 + 15_000).countdown;
    expect(c).toMatchObject({
      timed: true,
      paused: false,
      secondsLeft: 45,
      text: '0:45 left',
      stepSeconds: 60,
      roundHours: 72,
    });
    expect(seatModel(view, '0', () => 1_000 + 50_000).countdown.urgent).toBe(true);
    const paused = {
      ...view,
      paused: { since: 5_000, remaining: 30_000 },
      clock: { ...view.clock, deadline: null },
    };
    const p = seatModel(paused, '0', () => 999_999).countdown;
    expect(p).toMatchObject({
      paused: true,
      secondsLeft: 30,
      text: 'Paused: 0:30 left',
      urgent: false,
    });
    expect(model(freshMatch('doha-2026').G, '0').countdown).toMatchObject({
      timed: false,
      text: 'Untimed',
    });
  });

  it('countdownAt re-reads a model’s countdown at a later time, and leaves a paused one alone', () => {
    const G = setupMatch({ timers: 'blitz' }, makePrng('sm-clock'), () => 1_000);
    const view = viewFor(G, '0');
    const c = seatModel(view, '0', () => 1_000).countdown;
    expect(countdownAt(c, 1_000 + 15_000)).toEqual(seatModel(view, '0', () => 16_000).countdown);
    expect(countdownAt(c, 1_000 + 50_000)).toMatchObject({ urgent: true, text: '0:10 left' });
    expect(countdownAt(c, 1_000 + 90_000)).toMatchObject({ msLeft: 0, secondsLeft: 0 });
    const paused = {
      ...view,
      paused: { since: 5_000, remaining: 30_000 },
      clock: { ...view.clock, deadline: null },
    };
    const p = seatModel(paused, '0', () => 0).countdown;
    expect(countdownAt(p, 999_999)).toBe(p);
  });

  it('incidents come with their track effects; Tehran is told which it directed', () => {
    let checked = 0;
    for (const { seat, view } of randomSeatViews(6, 'sm-incidents', 3)) {
      const m = seatModel(view, seat, NOW);
      for (const c of m.changes.filter((x) => x.kind === 'incident')) {
        const incident = view.incidents.find((i) => i.id === c.incidentId)!;
        const total = Object.values(incident.effects).filter((n) => n !== 0).length;
        expect(c.effects).toHaveLength(total);
        if (seat === '1')
          expect(c.directedByYou).toBe(view.attributions[incident.id] === 'directed');
        else expect(c.directedByYou).toBeUndefined();
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('Tehran is told during play which incidents it directed; no other seat is', () => {
    let directed = 0;
    for (const { seat, view } of randomSeatViews(6, 'sm-directed', 3)) {
      const m = seatModel(view, seat, NOW);
      expect(m.incidents.map((i) => i.id)).toEqual(view.incidents.map((i) => i.id));
      for (const i of m.incidents) {
        expect(i.place).not.toBe('');
        if (seat === '1') {
          expect(i.directedByYou).toBe(view.attributions[i.id] === 'directed');
          if (i.directedByYou) directed++;
        } else expect(i.directedByYou).toBeNull();
      }
    }
    expect(directed).toBeGreaterThan(0);
  });

  it('passing `seen` back leaves only what is new', () => {
    const r = matchAt('doha-2026', 'press');
    const first = model(r.G, '0');
    const again = seatModel(viewFor(r.G, '0'), '0', NOW, first.seen);
    expect(again.changes).toEqual([]);
    expect(again.trackChanges).toEqual([]);
    allDone(r); // the next round begins
    const next = seatModel(viewFor(r.G, '0'), '0', NOW, first.seen);
    expect(next.changes.length).toBeGreaterThanOrEqual(0);
    expect(next.seen.feed).toBe(r.G.feed.length);
  });

  it('deals carry the rules’ verification time', () => {
    for (const { seat, view } of randomSeatViews(4, 'sm-deals', 9)) {
      for (const d of seatModel(view, seat, NOW).deals) {
        expect(d.verifyTotal).toBeGreaterThanOrEqual(d.verifyLeft);
        if (d.status === 'verifying') expect(d.text).toMatch(/^verifies/);
      }
    }
  });
});
