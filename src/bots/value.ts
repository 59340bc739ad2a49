// How a bot values a set of clauses: the scenario's valuation table (public), the effects on the
// tracks, and, for a principal, its own agenda. Everything here reads only what a seat's view
// holds, and reads it the same way from the full state, so a bot decides alike on either.
import type { clauseDef } from '../game/clauses';
import { sideOf } from '../game/constants';
import {
  breakoutFrozen,
  breakoutRevealed,
  expectedIncidents,
  incidentOdds,
  standing,
  survivalAt,
  verificationTime,
} from '../game/facts';
import type { Objective, Scenario } from '../game/scenario/schema';
import type { SeatView, Clause, ObjectiveCard, PrincipalSeat, Side } from '../game/types';

type SizeDef = NonNullable<ReturnType<typeof clauseDef>>['sizes'][number];
const sizeMaps = new WeakMap<Scenario, Map<string, Map<string, SizeDef>>>();

export function sizeDef(scenario: Scenario, c: Clause): SizeDef | undefined {
  let map = sizeMaps.get(scenario);
  if (!map) {
    map = new Map();
    for (const d of scenario.catalog) map.set(d.id, new Map(d.sizes.map((s) => [s.id, s])));
    sizeMaps.set(scenario, map);
  }
  return map.get(c.id)?.get(c.size);
}

interface Context {
  round: number;
  step: string;
  escalation: number;
  deals: number;
  rate: number;
  drift: number;
  perRoundSurvival: number;
}
const contexts = new WeakMap<SeatView, Context>();

/** Figures a decision reuses many times, computed once per view (views are not changed). */
function contextOf(view: SeatView, scenario: Scenario): Context {
  // The runner hands out fresh views; the hard bots' look-ahead changes one state as it plays, so
  // the cache also checks what the figures depend on.
  let ctx = contexts.get(view);
  if (
    ctx &&
    ctx.round === view.round &&
    ctx.step === view.step &&
    ctx.escalation === view.tracks.escalation &&
    ctx.deals === view.deals.length
  )
    return ctx;
  const rate = expectedIncidents(scenario, incidentOdds(view, scenario, ASSUMED_LEASH));
  let total = 0;
  for (const card of scenario.incidents) total += Math.max(0, card.effects.escalation ?? 0);
  const drift = rate * (total / Math.max(1, scenario.incidents.length));
  // Strain a round ahead: escalation is likely a step higher by the time an incident lands.
  const perIncident = survivalAt(
    scenario,
    Math.min(9, view.tracks.escalation + 1),
    false,
    standing(view),
  );
  ctx = {
    round: view.round,
    step: view.step,
    escalation: view.tracks.escalation,
    deals: view.deals.length,
    rate,
    drift,
    perRoundSurvival: Math.max(0, 1 - rate * (1 - perIncident)),
  };
  contexts.set(view, ctx);
  return ctx;
}

/** A clause's worth to a side in the scenario's valuation table. */
export const tableValue = (scenario: Scenario, c: Clause, side: Side): number =>
  sizeDef(scenario, c)?.value[side] ?? 0;

export const givesClause = (side: Side, c: Clause): boolean =>
  c.giver === side || c.giver === 'both';
export const givenBy = (side: Side, clauses: readonly Clause[]): number =>
  clauses.filter((c) => givesClause(side, c)).length;
export const otherSide = (side: Side): Side => (side === 'A' ? 'B' : 'A');

export const roundsLeft = (view: SeatView): number => view.options.rounds - view.round;
/** 0 in the first round, 1 in the last. */
export const progress = (view: SeatView): number =>
  view.options.rounds <= 1 ? 1 : (view.round - 1) / (view.options.rounds - 1);

const logistic = (z: number) => 1 / (1 + Math.exp(-1.7 * z));

/** The breakout value this seat may rely on: B knows it; others use the estimate unless revealed. */
export function breakoutSeen(view: SeatView, scenario: Scenario, seat: string): number {
  const exact = view.breakout.true;
  if (exact !== undefined && (seat === '1' || breakoutRevealed(view, scenario))) return exact;
  return view.breakout.estimate;
}

export { breakoutFrozen };

/** The leash a bot assumes for B when it reckons incidents (the same for every seat, B too). */
const ASSUMED_LEASH = 'loose' as const;

export const incidentRate = (view: SeatView, scenario: Scenario): number =>
  contextOf(view, scenario).rate;

/** Chance a deal survives `rounds` rounds of incidents before it verifies. */
export function survival(view: SeatView, scenario: Scenario, rounds: number): number {
  if (rounds <= 0) return 1;
  return contextOf(view, scenario).perRoundSurvival ** rounds;
}

/** Resolutions until a deal on these clauses verifies, counted from now (the rules' count). */
export function delayOf(
  view: SeatView,
  scenario: Scenario,
  clauses: readonly Clause[],
  extra: number,
): number {
  return verificationTime(view, scenario, [...clauses]) + extra;
}

/** Expected escalation per round from incidents, at this escalation. */
const escalationDrift = (view: SeatView, scenario: Scenario): number =>
  contextOf(view, scenario).drift;

/** The chance that escalation reaches its limit by the end, from a projected final value. */
export function warRisk(view: SeatView, scenario: Scenario, projected: number): number {
  const left = roundsLeft(view);
  const spread = 0.8 + 0.45 * left;
  const limit = scenario.tracks.escalation.max;
  return logistic((projected - (limit - 0.5)) / spread) * Math.min(1, 0.25 + 0.25 * left);
}

export interface Outlook {
  escalation: number;
  oilLeak: number;
  breakout: number;
  /** Per clause id, magnitudes of verified deals (and of deals still verifying, which may fail). */
  totals: Record<string, number>;
  /** Per clause id and round, magnitudes verifying by that round. */
  byRound: { id: string; round: number; magnitude: number }[];
  /** Rounds in which a deal with a clause given by the side (or both) verifies. */
  givingRounds: Record<Side, number[]>;
  verifiedDeals: { round: number }[];
}

/** Where the tracks are heading by the end of the match, as this seat sees them. */
export function outlook(
  view: SeatView,
  scenario: Scenario,
  seat: string,
  enrichmentPerRound: number,
): Outlook {
  const left = roundsLeft(view);
  const frozen = breakoutFrozen(view, scenario);
  const b = breakoutSeen(view, scenario, seat);
  const max = scenario.tracks.breakout.max;
  const o: Outlook = {
    escalation: view.tracks.escalation + escalationDrift(view, scenario) * left,
    oilLeak: view.tracks.oilLeak,
    breakout: frozen ? b : Math.min(max - 1, b + enrichmentPerRound * left),
    totals: {},
    byRound: [],
    givingRounds: { A: [], B: [] },
    verifiedDeals: [],
  };
  for (const d of view.deals) {
    if (d.status === 'collapsed') continue;
    const round =
      d.status === 'verified' ? (d.verifiedRound ?? view.round) : view.round + d.verifyLeft;
    if (round > view.options.rounds) continue;
    o.verifiedDeals.push({ round });
    for (const c of d.clauses) {
      const m = sizeDef(scenario, c)?.magnitude ?? 0;
      o.totals[c.id] = (o.totals[c.id] ?? 0) + m;
      o.byRound.push({ id: c.id, round, magnitude: m });
      if (c.giver === 'A' || c.giver === 'both') o.givingRounds.A.push(round);
      if (c.giver === 'B' || c.giver === 'both') o.givingRounds.B.push(round);
      if (d.status === 'verifying') applyEffects(o, scenario, c, view);
    }
  }
  return o;
}

function applyEffects(o: Outlook, scenario: Scenario, c: Clause, view: SeatView): void {
  const e = sizeDef(scenario, c)?.effects;
  if (!e) return;
  o.escalation += e.tracks?.escalation ?? 0;
  o.oilLeak += e.tracks?.oilLeak ?? 0;
  if (e.tracks?.breakout) o.breakout += e.tracks.breakout;
  if (e.freezeBreakout) o.breakout = Math.min(o.breakout, breakoutNow(view, o));
  // Fewer incidents for the rounds left.
  if (e.incidentOdds) o.escalation += e.incidentOdds * 1.4 * roundsLeft(view);
}

const breakoutNow = (view: SeatView, o: Outlook) =>
  Math.min(o.breakout, view.breakout.true ?? view.breakout.estimate);

/** The chance an objective is met at the end, given an outlook. */
export function chanceMet(view: SeatView, test: Objective, o: Outlook): number {
  const spread = 0.6 + 0.4 * roundsLeft(view);
  const soft = (margin: number) => logistic((margin + 0.5) / spread);
  switch (test.kind) {
    case 'track': {
      const value =
        test.track === 'escalation'
          ? o.escalation
          : test.track === 'oilLeak'
            ? o.oilLeak
            : test.track === 'breakout'
              ? o.breakout
              : trackNow(view, test.track);
      return soft(test.op === 'atMost' ? test.value - value : value - test.value);
    }
    case 'clauseTotal': {
      const total = o.byRound
        .filter(
          (x) => x.id === test.clause && (test.byRound === undefined || x.round <= test.byRound),
        )
        .reduce((t, x) => t + x.magnitude, 0);
      return (test.op === 'atMost' ? total <= test.value : total >= test.value) ? 1 : 0;
    }
    case 'noVerifiedGiving':
      return o.givingRounds[test.giver].some((r) => r < test.beforeRound) ? 0 : 1;
    case 'verifiedDeals': {
      const n = o.verifiedDeals.filter(
        (d) => test.byRound === undefined || d.round <= test.byRound,
      ).length;
      return (test.op === 'atMost' ? n <= test.value : n >= test.value) ? 1 : 0;
    }
    case 'noWar':
      return 1;
  }
}

export interface Valuer {
  view: SeatView;
  scenario: Scenario;
  seat: PrincipalSeat;
  side: Side;
  agenda: ObjectiveCard[];
  base: Outlook;
  pressure: number;
  /** How much the other principal's gain counts against its own (a win is relative). */
  rivalry: number;
  /** How much the broker's gain from one more deal counts against its own. */
  brokerRivalry: number;
  /** How much a change in its objectives' chances counts (1: at their full points). */
  objectiveWeight: number;
  /** Per agenda card: its chance without the proposal, and (clause totals) the total so far. */
  baseChances: number[];
  baseTotals: number[];
  baseWar: number;
  breakoutNow: number;
}

/** The broker's points for one verified deal, in a principal's points (by the normalisers). */
export function brokerDealEquivalent(scenario: Scenario): number {
  const s = scenario.tunables.scoring;
  return (s.brokerPerDeal * s.principalMax) / s.brokerMax;
}

export function valuer(
  view: SeatView,
  scenario: Scenario,
  seat: PrincipalSeat,
  enrichmentPerRound: number,
  rivalry = 0,
  brokerRivalry = 0,
  objectiveWeight = 1,
): Valuer {
  const base = outlook(view, scenario, seat, enrichmentPerRound);
  const agenda = view.agendas[seat] ?? [];
  return {
    rivalry,
    brokerRivalry,
    objectiveWeight,
    view,
    scenario,
    seat,
    side: sideOf(seat),
    agenda,
    base,
    pressure: seat === '0' ? view.tracks.pressureA : view.tracks.pressureB,
    baseChances: agenda.map((card) => chanceMet(view, card.test, base)),
    baseTotals: agenda.map((card) => {
      const test = card.test;
      if (test.kind !== 'clauseTotal') return 0;
      return base.byRound
        .filter(
          (x) => x.id === test.clause && (test.byRound === undefined || x.round <= test.byRound),
        )
        .reduce((t, x) => t + x.magnitude, 0);
    }),
    baseWar: warRisk(view, scenario, base.escalation),
    breakoutNow: breakoutSeen(view, scenario, seat),
  };
}

/**
 * What signing these clauses now is worth to the principal, `extra` rounds before it can be
 * signed (1 for a relay that still needs ratification): table values, agenda objectives, war risk
 * and its own pressure, weighed by the chance the deal survives to verification.
 */
export function principalValue(v: Valuer, clauses: readonly Clause[], extra = 0): number {
  if (clauses.length === 0) return 0;
  const { view, scenario, side } = v;
  const delay = delayOf(view, scenario, clauses, extra);
  const verifyRound = view.round + delay;
  if (verifyRound > view.options.rounds) return -0.25 * givenBy(side, clauses);
  const rival = otherSide(side);
  const left = roundsLeft(view);
  let worth = 0;
  let escalation = v.base.escalation;
  let oilLeak = v.base.oilLeak;
  let breakout = v.base.breakout;
  let pressure = 0;
  for (const c of clauses) {
    const size = sizeDef(scenario, c);
    if (!size) continue;
    worth += size.value[side] - v.rivalry * size.value[rival];
    const e = size.effects;
    escalation += (e.tracks?.escalation ?? 0) + (e.incidentOdds ?? 0) * 1.4 * left;
    oilLeak += e.tracks?.oilLeak ?? 0;
    breakout += e.tracks?.breakout ?? 0;
    if (e.freezeBreakout) breakout = Math.min(breakout, v.breakoutNow + (e.tracks?.breakout ?? 0));
    pressure += (side === 'A' ? e.tracks?.pressureA : e.tracks?.pressureB) ?? 0;
  }
  const objective = scenario.tunables.scoring.objective * v.objectiveWeight;
  const spread = 0.6 + 0.4 * left;
  v.agenda.forEach((card, i) => {
    const test = card.test;
    let chance: number;
    switch (test.kind) {
      case 'track': {
        const value =
          test.track === 'escalation'
            ? escalation
            : test.track === 'oilLeak'
              ? oilLeak
              : test.track === 'breakout'
                ? breakout
                : trackNow(view, test.track);
        const margin = test.op === 'atMost' ? test.value - value : value - test.value;
        chance = logistic((margin + 0.5) / spread);
        break;
      }
      case 'clauseTotal': {
        let total = v.baseTotals[i] ?? 0;
        if (test.byRound === undefined || verifyRound <= test.byRound)
          for (const c of clauses)
            if (c.id === test.clause) total += sizeDef(scenario, c)?.magnitude ?? 0;
        chance = (test.op === 'atMost' ? total <= test.value : total >= test.value) ? 1 : 0;
        break;
      }
      case 'noVerifiedGiving':
        chance =
          v.baseChances[i] === 0 ||
          (verifyRound < test.beforeRound && clauses.some((c) => givesClause(test.giver, c)))
            ? 0
            : 1;
        break;
      default:
        chance = v.baseChances[i] ?? 0;
    }
    worth += objective * (chance - (v.baseChances[i] ?? 0));
  });
  const war = scenario.tunables.scoring.warPenalty;
  worth += war * (v.baseWar - warRisk(view, scenario, escalation));
  worth += -pressure * (v.pressure >= 6 ? 0.8 : 0.3);
  worth -= v.brokerRivalry * brokerDealEquivalent(scenario);
  return worth * survival(view, scenario, delay);
}

function trackNow(view: SeatView, track: string): number {
  if (track === 'breakout') return view.breakout.true ?? view.breakout.estimate;
  return view.tracks[track as keyof SeatView['tracks']] ?? 0;
}

/**
 * The public part of a side's valuation, as any seat can estimate it: the valuation table, war
 * risk and pressure relief. Agendas are secret, so the broker learns the rest from answers.
 */
export function publicValue(
  view: SeatView,
  scenario: Scenario,
  side: Side,
  clauses: readonly Clause[],
  extra = 0,
  rivalry = 0,
  brokerRivalry = 0,
): number {
  if (clauses.length === 0) return 0;
  const delay = delayOf(view, scenario, clauses, extra);
  if (view.round + delay > view.options.rounds) return -0.25 * givenBy(side, clauses);
  let worth = 0;
  let escalation = 0;
  let pressure = 0;
  const rival = otherSide(side);
  for (const c of clauses) {
    worth += tableValue(scenario, c, side) - rivalry * tableValue(scenario, c, rival);
    const e = sizeDef(scenario, c)?.effects;
    escalation += (e?.tracks?.escalation ?? 0) + (e?.incidentOdds ?? 0) * 1.4 * roundsLeft(view);
    pressure += (side === 'A' ? e?.tracks?.pressureA : e?.tracks?.pressureB) ?? 0;
  }
  const base = view.tracks.escalation + escalationDrift(view, scenario) * roundsLeft(view);
  const war = scenario.tunables.scoring.warPenalty;
  worth += war * (warRisk(view, scenario, base) - warRisk(view, scenario, base + escalation));
  worth += -pressure * 0.3;
  worth -= brokerRivalry * brokerDealEquivalent(scenario);
  return worth * survival(view, scenario, delay);
}
