// The normal principal: judges every proposal by its own agenda and the scenario's valuation,
// concedes along a curve over the rounds, sets postures from the tracks, and drafts memos that
// trade what it values little for what it values much. Personas shift the curve and the postures.
import { otherPrincipal, sideOf } from '../game/constants';
import { explainMove } from '../game/enumerate';
import {
  blameAllowed,
  claimableDeals,
  clauseSetProblem,
  relativeGiver,
  dueProposals,
  enrichmentRate,
  interdictionBlocked,
  mayGive,
  acceptedThisRound,
  reframesRevealed,
  stonewallCost,
  zoneStart,
} from '../game/facts';
import type { Scenario } from '../game/scenario/schema';
import type {
  SeatView,
  Clause,
  Enforcement,
  Enrichment,
  PostureA,
  PostureB,
  PrincipalSeat,
  Proposal,
  ProxyLeash,
} from '../game/types';
import { memoText, type Voice } from './memo-text';
import type { BotRng } from './rng';
import type { BotAction, Persona } from './types';
import {
  breakoutSeen,
  givenBy,
  otherSide,
  principalValue,
  progress,
  publicValue,
  roundsLeft,
  valuer,
  type Valuer,
} from './value';

export interface PrincipalParams {
  /** How much the other principal's gain (by the valuation table) counts against its own. */
  rivalry: number;
  /** How much the broker's gain from a deal counts against its own. */
  brokerRivalry: number;
  /** How much its objectives count beside the valuation table (1: at their points). */
  objectiveWeight: number;
  /** Lowest worth it accepts in the first round, and in the last (the concession curve). */
  concedeStart: number;
  concedeEnd: number;
  /** How much the other side's (public) worth counts when it drafts a trade. */
  empathy: number;
  /** Memos a round at most. */
  memos: number;
  /** Never gives a clause (the staller). */
  givesNothing: boolean;
  /** Chance it blames the other principal after an incident or a collapse. */
  blameChance: number;
  /** Posture temperament. */
  stance: 'hawk' | 'dove' | 'neutral';
  /**
   * Chance it opens the match with a pure demand (an anchor: the thing it wants most, nothing
   * offered), before trading; a broker may leak such a memo to expose the posturing.
   */
  anchorChance: number;
  /** Trust in the broker it loses for each reframe of its own memos that comes out (from 1). */
  trustLoss: number;
  /** Points more it asks of what the broker puts to it, at no trust left (see `wariness`). */
  distrust: number;
  /**
   * It retaliates for last round's incident (A tightens or interdicts, B slips the proxies' leash)
   * while escalation is at most this; above it, it absorbs the blow.
   */
  retaliateUpTo: number;
}

export const PRINCIPAL_PARAMS: Record<Persona | 'none', PrincipalParams> = {
  none: {
    rivalry: 0.8,
    brokerRivalry: 0.3,
    objectiveWeight: 1,
    concedeStart: 1.5,
    concedeEnd: -1,
    empathy: 0.35,
    memos: 1,
    givesNothing: false,
    blameChance: 0.3,
    stance: 'neutral',
    anchorChance: 0.15,
    trustLoss: 0.5,
    distrust: 0.6,
    retaliateUpTo: 6,
  },
  hawk: {
    rivalry: 0.9,
    brokerRivalry: 0.6,
    objectiveWeight: 1,
    concedeStart: 4,
    concedeEnd: 1,
    empathy: 0.1,
    memos: 1,
    givesNothing: false,
    blameChance: 0.8,
    stance: 'hawk',
    anchorChance: 0.5,
    trustLoss: 0.6,
    distrust: 1,
    retaliateUpTo: 6,
  },
  dove: {
    rivalry: 0.4,
    brokerRivalry: 0.3,
    objectiveWeight: 1,
    concedeStart: 0,
    concedeEnd: -2.5,
    empathy: 0.8,
    memos: 2,
    givesNothing: false,
    blameChance: 0,
    stance: 'dove',
    anchorChance: 0,
    trustLoss: 0.3,
    distrust: 0.4,
    retaliateUpTo: -1,
  },
  staller: {
    rivalry: 1,
    brokerRivalry: 0.6,
    objectiveWeight: 1,
    concedeStart: 0,
    concedeEnd: 0,
    empathy: 0,
    memos: 1,
    givesNothing: true,
    blameChance: 0.4,
    stance: 'neutral',
    anchorChance: 0,
    trustLoss: 0.5,
    distrust: 0.6,
    retaliateUpTo: 4,
  },
};

/** Overrides the hard bot's search tries for one step. */
export interface PrincipalTweak {
  concede?: number;
  memos?: number;
  postureA?: Enforcement;
  postureB?: PostureB;
  /** Answers to give, by proposal id (response step). */
  answers?: Record<string, 'accept' | 'reject'>;
}

/**
 * How much of the stonewalling cost a normal principal gives up to avoid it: on the last proposal
 * of a step with nothing accepted, it takes one short of its bar by up to the whole cost (and by
 * what its concession curve still asks above 0), since turning it down costs that for certain.
 */
const STONEWALL_SLACK = 1;

export const threshold = (p: PrincipalParams, view: SeatView, shift = 0): number =>
  p.concedeStart + (p.concedeEnd - p.concedeStart) * progress(view) + shift;

/**
 * How much more a principal asks of what the broker puts to it, from its trust in the broker as a
 * source: trust starts at 1 and falls by `trustLoss` for each reframe of its own memos that came out
 * (at ratification or through a leak). A wary principal forgives less at ratification and asks more
 * of a bundle or a proposal the broker tables. The broker bot reads the same estimate.
 */
export function wariness(p: PrincipalParams, view: SeatView, seat: PrincipalSeat): number {
  const trust = Math.max(0, 1 - p.trustLoss * reframesRevealed(view, seat));
  return (1 - trust) * p.distrust;
}

/** Whether it answers last round's incident in kind (see `retaliateUpTo`). */
export const retaliates = (view: SeatView, p: PrincipalParams): boolean =>
  view.tracks.escalation <= p.retaliateUpTo &&
  view.incidents.some((i) => i.round === view.round - 1);

// The rules' own facts (src/game/facts.ts), re-exported for the bots that import them from here.
export { enrichmentRate, dueProposals };

export function postureA(view: SeatView, scenario: Scenario, p: PrincipalParams): PostureA {
  const { escalation, oilLeak, oilPrice } = view.tracks;
  const agenda = view.agendas['0'] ?? [];
  const choke = agenda.some((c) => c.test.kind === 'track' && c.test.track === 'oilLeak');
  // Hot: escalation high, or the oil price where it pushes A's pressure up.
  const hot = escalation >= 7 || oilPrice >= (zoneStart(scenario, 'oilPrice', 'drift') ?? Infinity);
  let enforcement: Enforcement = 'hold';
  if (p.stance === 'dove') enforcement = oilLeak >= 4 ? 'tighten' : 'hold';
  else if (hot) enforcement = oilLeak >= 3 ? 'tighten' : 'hold';
  else if (oilLeak >= 4 || (choke && oilLeak >= 2))
    enforcement =
      p.stance === 'hawk' || (choke && escalation <= 5 && oilPrice <= 2) ? 'interdict' : 'tighten';
  else if (oilLeak >= 2 && (choke || p.stance === 'hawk' || oilLeak >= 3)) enforcement = 'tighten';
  if (retaliates(view, p) && !hot) enforcement = enforcement === 'hold' ? 'tighten' : 'interdict';
  if (enforcement === 'interdict' && interdictionBlocked(view)) enforcement = 'tighten';
  return { enforcement };
}

export function postureB(view: SeatView, scenario: Scenario, p: PrincipalParams): PostureB {
  const { escalation, oilLeak } = view.tracks;
  const agenda = view.agendas['1'] ?? [];
  const wants = (track: string, op: 'atLeast' | 'atMost') =>
    agenda.find((c) => c.test.kind === 'track' && c.test.track === track && c.test.op === op);
  const verifying = view.deals.some((d) => d.status === 'verifying');
  // Escalation runs hot one step before it starts to push both sides' domestic pressure up.
  const hot = escalation >= (zoneStart(scenario, 'escalation', 'drift') ?? Infinity) - 1;
  let proxyLeash: ProxyLeash = 'loose';
  if (hot || (verifying && escalation >= 4) || p.stance === 'dove') proxyLeash = 'restrain';
  else if (
    escalation <= 4 &&
    (p.stance === 'hawk' || (wants('oilLeak', 'atLeast') && oilLeak < 3 && !verifying))
  )
    proxyLeash = 'unleash';
  else if (proxyLeash === 'loose' && retaliates(view, p)) proxyLeash = 'unleash';

  const b = breakoutSeen(view, scenario, '1');
  const crisisAt = scenario.tracks.breakout.max;
  const left = roundsLeft(view) + 1;
  const option = wants('breakout', 'atLeast');
  let enrichment: Enrichment = 'steady';
  if (option && option.test.kind === 'track') {
    const need = option.test.value - b;
    if (need <= 0 || b + 1 >= crisisAt - 1) enrichment = b >= crisisAt - 1 ? 'pause' : 'pause';
    else {
      const steady = Math.max(0, enrichmentRate(scenario, 'steady'));
      enrichment =
        need > steady * left ? 'advance' : need >= steady * (left - 1) ? 'steady' : 'pause';
    }
    if (b + enrichmentRate(scenario, enrichment) >= crisisAt) enrichment = 'pause';
  } else if (p.stance === 'dove' || b >= crisisAt - 3) enrichment = 'pause';
  else if (p.stance === 'hawk' && b <= crisisAt - 5) enrichment = 'advance';
  return { proxyLeash, enrichment };
}

interface Draft {
  clauses: Clause[];
  text: string;
}

function candidateSets(scenario: Scenario, seat: PrincipalSeat, givesNothing: boolean): Clause[][] {
  const side = sideOf(seat);
  const all = scenario.catalog.flatMap((d) =>
    d.sizes.map((s) => ({ id: d.id, size: s.id, giver: d.giver }) as Clause),
  );
  const mine = all.filter((c) => c.giver === side);
  const theirs = all.filter((c) => c.giver === otherSide(side));
  const both = all.filter((c) => c.giver === 'both');
  const out: Clause[][] = [];
  if (givesNothing) {
    for (const a of theirs) out.push([a]);
    return out;
  }
  for (const c of [...both, ...theirs, ...mine]) out.push([c]);
  for (const g of [...mine, ...both]) for (const a of theirs) out.push([g, a]);
  for (const g of mine) for (const b of both) out.push([g, b]);
  // Three-clause trades: the largest thing asked, something small given, a joint step.
  const largest = theirs.filter((c, i) => theirs[i + 1]?.id !== c.id);
  const smallest = mine.filter((c, i) => mine[i - 1]?.id !== c.id);
  const joint = both.filter((c, i) => both[i + 1]?.id !== c.id);
  for (const g of smallest) for (const a of largest) for (const b of joint) out.push([g, a, b]);
  return out;
}

export class NormalPrincipal {
  private memoPlan: { round: number; drafts: Draft[] } | null = null;

  constructor(
    readonly seat: PrincipalSeat,
    readonly params: PrincipalParams,
    private readonly rng: BotRng,
  ) {}

  private enrichment(view: SeatView, scenario: Scenario): number {
    if (this.seat === '1')
      return enrichmentRate(scenario, postureB(view, scenario, this.params).enrichment);
    return 1;
  }

  valuer(view: SeatView, scenario: Scenario): Valuer {
    return valuer(
      view,
      scenario,
      this.seat,
      this.enrichment(view, scenario),
      this.params.rivalry,
      this.params.brokerRivalry,
    );
  }

  decide(view: SeatView, scenario: Scenario, tweak: PrincipalTweak = {}): BotAction {
    switch (view.step) {
      case 'drafting':
        return this.draft(view, scenario, tweak);
      case 'response':
        return this.respond(view, scenario, tweak);
      case 'press':
        return this.press(view);
      default:
        return { move: 'done', args: [] };
    }
  }

  /** The voice its memos are written in, from its persona's parameters. */
  private voice(): Voice {
    if (this.params.givesNothing) return 'staller';
    return this.params.stance === 'neutral' ? 'none' : this.params.stance;
  }

  private legal(view: SeatView, action: BotAction): boolean {
    return explainMove(view, this.seat, action.move, action.args) === null;
  }

  desiredPosture(view: SeatView, scenario: Scenario, tweak: PrincipalTweak): PostureA | PostureB {
    if (this.seat === '0')
      return tweak.postureA
        ? { enforcement: tweak.postureA }
        : postureA(view, scenario, this.params);
    return tweak.postureB ?? postureB(view, scenario, this.params);
  }

  private draft(view: SeatView, scenario: Scenario, tweak: PrincipalTweak): BotAction {
    const want = this.desiredPosture(view, scenario, tweak);
    const have = view.postures[this.seat];
    // Field by field: a state read back from the database may list its keys in another order.
    const differs =
      !have ||
      Object.entries(want).some(([k, v]) => (have as unknown as Record<string, unknown>)[k] !== v);
    if (differs) {
      const action: BotAction = { move: 'setPosture', args: [want] };
      if (this.legal(view, action)) return action;
    }
    const written = view.memos.filter((m) => m.author === this.seat && m.round === view.round);
    const drafts = this.plannedMemos(view, scenario, tweak);
    for (const draft of drafts.slice(written.length)) {
      const action: BotAction = {
        move: 'draftMemo',
        args: [
          {
            clauses: draft.clauses.map((c) => ({
              id: c.id,
              size: c.size,
              giver: relativeGiver(this.seat, c.giver),
            })),
            text: draft.text,
          },
        ],
      };
      if (this.legal(view, action)) return action;
      break;
    }
    return { move: 'done', args: [] };
  }

  /** This round's memos, planned once (the plan survives the memos it writes). */
  plannedMemos(view: SeatView, scenario: Scenario, tweak: PrincipalTweak = {}): Draft[] {
    const key = view.round;
    if (this.memoPlan?.round === key && tweak.memos === undefined && tweak.concede === undefined)
      return this.memoPlan.drafts;
    const drafts = this.planMemos(view, scenario, tweak);
    if (tweak.memos === undefined && tweak.concede === undefined)
      this.memoPlan = { round: key, drafts };
    return drafts;
  }

  private planMemos(view: SeatView, scenario: Scenario, tweak: PrincipalTweak): Draft[] {
    const p = this.params;
    const limit = tweak.memos ?? p.memos;
    if (limit <= 0 || view.walkouts[this.seat].includes(view.round)) return [];
    const v = this.valuer(view, scenario);
    const side = sideOf(this.seat);
    const mine = threshold(p, view, tweak.concede ?? 0);
    const theirs = threshold(PRINCIPAL_PARAMS.none, view);
    const scored: { clauses: Clause[]; me: number; them: number; score: number }[] = [];
    for (const clauses of candidateSets(scenario, this.seat, p.givesNothing)) {
      if (clauseSetProblem(view, scenario, clauses)) continue;
      const me = principalValue(v, clauses, 1);
      if (me < mine) continue;
      const them = publicValue(
        view,
        scenario,
        otherSide(side),
        clauses,
        1,
        PRINCIPAL_PARAMS.none.rivalry,
        PRINCIPAL_PARAMS.none.brokerRivalry,
      );
      const feasible = them >= theirs - (p.givesNothing ? 99 : 0.5);
      const score = me + p.empathy * them + (feasible ? 100 : 0);
      scored.push({ clauses, me, them, score });
    }
    scored.sort((a, b) => b.score - a.score || a.clauses.length - b.clauses.length);
    const drafts: Draft[] = [];
    const used = new Set<string>();
    const write = (clauses: Clause[]): Draft => ({
      clauses,
      text: memoText(
        view,
        scenario,
        this.seat,
        clauses,
        this.voice(),
        this.rng.fork(`text${view.round}:${drafts.length}`),
      ),
    });
    // An opening anchor: the one thing it wants most, nothing offered.
    if (view.round === 1 && !p.givesNothing && this.rng.fork('anchor').chance(p.anchorChance)) {
      const anchor = scored
        .filter((s) => s.clauses.length === 1 && givenBy(side, s.clauses) === 0)
        .sort((a, b) => b.me - a.me)[0];
      if (anchor) {
        drafts.push(write(anchor.clauses));
        for (const c of anchor.clauses) used.add(c.id);
      }
    }
    for (const s of scored) {
      if (drafts.length >= limit) break;
      if (s.score < 100 && !p.givesNothing) break;
      if (s.clauses.some((c) => used.has(c.id))) continue;
      for (const c of s.clauses) used.add(c.id);
      drafts.push(write(s.clauses));
    }
    if (p.givesNothing && drafts.length < limit && this.rng.fork(`msg${view.round}`).chance(0.5))
      drafts.push(write([]));
    if (drafts.length === 0 && p.stance !== 'hawk') drafts.push(write([]));
    return drafts.slice(0, limit);
  }

  /** Whether it would accept this proposal now. */
  judge(view: SeatView, scenario: Scenario, p: Proposal, v?: Valuer, slack = 0): boolean {
    const side = sideOf(this.seat);
    const params = this.params;
    if (params.givesNothing && givenBy(side, p.clauses) > 0) return false;
    if (!mayGive(view, scenario, this.seat, givenBy(side, p.clauses))) return false;
    const extra = p.kind === 'relay' && p.stage === 'open' ? 1 : 0;
    const worth = principalValue(v ?? this.valuer(view, scenario), p.clauses, extra);
    const wary = wariness(params, view, this.seat);
    const ratifying = p.stage === 'ratification' ? 0.5 - wary : 0;
    const brokers = p.kind === 'bundle' || p.kind === 'table' ? wary : 0;
    return worth >= threshold(params, view) - ratifying + brokers - slack;
  }

  private respond(view: SeatView, scenario: Scenario, tweak: PrincipalTweak): BotAction {
    const due = dueProposals(view, this.seat);
    const first = due[0];
    if (!first) return { move: 'done', args: [] };
    const forced = tweak.answers?.[first.id];
    let answer: 'accept' | 'reject' =
      forced ?? (this.judge(view, scenario, first) ? 'accept' : 'reject');
    // Turning down everything put to it this step costs points at the end (stonewalling): on the
    // last proposal left, with nothing accepted yet, a near miss is worth taking.
    const cost = stonewallCost(scenario);
    if (
      !forced &&
      answer === 'reject' &&
      cost > 0 &&
      due.length === 1 &&
      !this.params.givesNothing
    ) {
      if (
        !acceptedThisRound(view, this.seat) &&
        this.judge(
          view,
          scenario,
          first,
          undefined,
          Math.max(0, threshold(this.params, view)) + cost * STONEWALL_SLACK,
        )
      )
        answer = 'accept';
    }
    const action: BotAction = { move: 'respond', args: [first.id, answer] };
    if (answer === 'accept' && !this.legal(view, action)) answer = 'reject';
    return { move: 'respond', args: [first.id, answer] };
  }

  private press(view: SeatView): BotAction {
    const claimable = claimableDeals(view, this.seat);
    if (claimable[0]) return { move: 'statement', args: [{ kind: 'claim', target: claimable[0] }] };
    const rng = this.rng.fork(`press${view.round}`);
    if (blameAllowed(view) && rng.chance(this.params.blameChance))
      return { move: 'statement', args: [{ kind: 'blame', target: otherPrincipal(this.seat) }] };
    return { move: 'statement', args: [{ kind: 'silence' }] };
  }
}
