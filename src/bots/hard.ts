// The hard bot: the normal bot, plus a search over its own choices for the step. It samples the
// hidden state its view leaves open (the other seats' agendas or mandate, their postures, the true
// breakout, answers it cannot see), plays each of its candidate choices forward on every sample
// with normal bots in all seats, and keeps the choice with the best mean normalised score for its
// role. The search is deterministic (a fixed number of samples); a wall-clock budget is optional.
import type { Rules } from '../game/context';
import { PRINCIPALS, isPrincipal, sideOf } from '../game/constants';
import { breakoutWithin } from '../game/facts';
import { getScenario } from '../game/scenario';
import { noStats } from '../game/setup';
import type { Scenario } from '../game/scenario/schema';
import type { BackchannelState, PrincipalSeat, Seat, SeatView } from '../game/types';
import { BROKER_PARAMS, NormalBroker, type BrokerParams } from './broker';
import { applyMove, FIXED_NOW, isOver, makePrng } from './engine';
import {
  NormalPrincipal,
  PRINCIPAL_PARAMS,
  dueProposals,
  enrichmentRate,
  postureA,
  postureB,
  type PrincipalTweak,
} from './principal';
import type { BotRng } from './rng';
import type { BotAction, BotOptions } from './types';
import { chanceMet, delayOf, outlook, survival, tableValue, warRisk } from './value';

/** Normalised points a candidate must gain over the normal choice, per sample, to be preferred. */
const MARGIN = 0.02;

/**
 * Rounds every seat's look-ahead plays past the current one: none, to the next round's start. B
 * looked one round further while identical deals could stack (+0.074 over normal B then, against
 * +0.004); with the rules of issue #11 (stonewalling priced, the broker's capital counting half)
 * that longer look-ahead gave +0.006 ± 0.009 over normal B and two rounds −0.004, while none gives
 * +0.024 ± 0.006 (500 strength matches, paired; +0.019 on meridian-strait, +0.020 on another
 * seed), at a third of the time (docs/BALANCE.md, "Strength").
 */
const HORIZON = 0;

type Variant = { principal?: PrincipalTweak; broker?: Partial<BrokerParams> };

/** One hidden state consistent with what this seat sees. */
export function determinise(
  view: SeatView,
  seat: Seat,
  scenario: Scenario,
  rng: BotRng,
): BackchannelState {
  const V = structuredClone(view);
  for (const p of PRINCIPALS) {
    if (p === seat && V.agendas[p]) continue;
    const deck = scenario.agendas[sideOf(p)];
    V.agendas[p] = rng.shuffle(deck).slice(0, 2);
  }
  const mandate = V.mandate ?? rng.pick(scenario.mandates);
  let breakout = V.breakout.true;
  if (breakout === undefined) {
    // Any value the estimate allows, short of the crisis at the limit.
    const { low, high } = breakoutWithin(V, scenario);
    const { min, max } = scenario.tracks.breakout;
    breakout = Math.min(max - 1, Math.max(min, low + rng.int(high - low + 1)));
  }
  const W: BackchannelState = {
    ...V,
    mandate,
    breakout: { ...V.breakout, true: breakout },
    stats: V.stats ?? noStats(),
  };
  W.postures['0'] ??= postureA(W, scenario, PRINCIPAL_PARAMS.none);
  W.postures['1'] ??= postureB(W, scenario, PRINCIPAL_PARAMS.none);
  // Its own memos whose fate it does not know are taken as dealt with.
  for (const m of W.memos) if (m.status === 'with-broker') m.status = 'relayed';
  // Answers the other principal has already given, which this seat cannot see.
  if (W.step === 'response' && isPrincipal(seat)) {
    for (const p of PRINCIPALS) {
      if (p === seat || W.pending.includes(p)) continue;
      const judge = new NormalPrincipal(p, PRINCIPAL_PARAMS.none, rng);
      for (const proposal of dueProposals(W, p))
        proposal.answers[p] = judge.judge(W, scenario, proposal) ? 'accept' : 'reject';
    }
  }
  return W;
}

function variants(view: SeatView, seat: Seat, scenario: Scenario): Variant[] {
  if (seat === '2') {
    if (view.step !== 'mediation') return [];
    return [
      {},
      { broker: { edits: false } },
      { broker: { bundles: false } },
      { broker: { holdAt: 99 } },
      { broker: { holdAt: 5 } },
      { broker: { tableBar: 0 } },
      { broker: { tableBar: 999 } },
      { broker: { reserve: 4 } },
    ];
  }
  const p = seat as PrincipalSeat;
  if (view.step === 'drafting') {
    const out: Variant[] = [{}, { principal: { concede: -1.5 } }, { principal: { concede: 1.5 } }];
    if (p === '0') {
      const base = postureA(view, scenario, PRINCIPAL_PARAMS.none).enforcement;
      for (const e of ['hold', 'tighten', 'interdict'] as const)
        if (e !== base) out.push({ principal: { postureA: e } });
    } else {
      // B's postures act over many rounds (breakout, the proxies' incidents), further than the
      // look-ahead sees; only its enrichment is weighed, against the normal choice.
      const base = postureB(view, scenario, PRINCIPAL_PARAMS.none);
      for (const enrichment of ['pause', 'steady'] as const)
        if (enrichment !== base.enrichment)
          out.push({ principal: { postureB: { proxyLeash: base.proxyLeash, enrichment } } });
    }
    return out;
  }
  if (view.step === 'response') {
    const due = dueProposals(view, p).slice(0, 3);
    if (due.length === 0) return [];
    const out: Variant[] = [];
    for (let mask = 0; mask < 1 << due.length; mask++) {
      const answers: Record<string, 'accept' | 'reject'> = {};
      due.forEach((d, i) => (answers[d.id] = mask & (1 << i) ? 'accept' : 'reject'));
      out.push({ principal: { answers } });
    }
    return out;
  }
  return [];
}

interface Agents {
  act(G: BackchannelState, seat: Seat): BotAction;
}

function normalAgents(
  scenario: Scenario,
  rng: BotRng,
  hard: {
    seat: Seat;
    variant: Variant;
    round: number;
    step: string;
    persona: BotOptions['persona'];
  },
): Agents {
  const principals = {
    '0': new NormalPrincipal(
      '0',
      PRINCIPAL_PARAMS[hard.seat === '0' ? (hard.persona ?? 'none') : 'none'],
      rng.fork('p0'),
    ),
    '1': new NormalPrincipal(
      '1',
      PRINCIPAL_PARAMS[hard.seat === '1' ? (hard.persona ?? 'none') : 'none'],
      rng.fork('p1'),
    ),
  };
  const broker = new NormalBroker();
  const tweaked = new NormalBroker({ ...BROKER_PARAMS, ...hard.variant.broker });
  return {
    act(G, seat) {
      const now = G.round === hard.round && G.step === hard.step && seat === hard.seat;
      if (seat === '2') return (now ? tweaked : broker).decide(G, scenario);
      return principals[seat].decide(G, scenario, now ? (hard.variant.principal ?? {}) : {});
    },
  };
}

/**
 * What a state promises a seat, in normalised points: its final score if the match is over;
 * otherwise the score it would have, with deals still verifying weighed by their chance to
 * verify, objectives by their chance to be met, and war by its risk.
 */
export function evaluate(G: BackchannelState, scenario: Scenario, seat: Seat): number {
  if (G.final) return G.final.normalised[seat];
  const s = scenario.tunables.scoring;
  const rate = enrichmentRate(scenario, G.postures['1']?.enrichment);
  const base = outlook(G, scenario, seat, rate);
  const weight = (d: BackchannelState['deals'][number]) =>
    d.status === 'verified'
      ? 1
      : d.status === 'collapsed'
        ? 0
        : survival(G, scenario, d.verifyLeft + 1);
  // Relays accepted by their recipient and awaiting ratification: likely deals.
  const ratifying = G.proposals.filter((p) => p.stage === 'ratification');
  const pending = ratifying.map((p) => ({
    clauses: p.clauses,
    weight: 0.75 * survival(G, scenario, delayOf(G, scenario, p.clauses, 1)),
  }));
  if (seat === '2') {
    let points = G.tracks.capital * s.brokerCapital + G.credit['2'];
    for (const d of G.deals) points += s.brokerPerDeal * weight(d);
    for (const p of pending) points += s.brokerPerDeal * p.weight;
    if (G.mandate) points += s.mandate * chanceMet(G, G.mandate.test, base);
    return points / s.brokerMax;
  }
  const side = sideOf(seat);
  let points = 0;
  for (const card of G.agendas[seat] ?? []) points += s.objective * chanceMet(G, card.test, base);
  for (const d of G.deals) {
    const w = weight(d);
    if (w > 0) for (const c of d.clauses) points += w * tableValue(scenario, c, side);
  }
  for (const p of pending)
    for (const c of p.clauses) points += p.weight * tableValue(scenario, c, side);
  points -= s.warPenalty * warRisk(G, scenario, base.escalation);
  // Response steps in which it turned everything down: charged at the end (RULES.md).
  points -= s.stonewall * (G.stonewalls?.[seat] ?? 0);
  return points / s.principalMax;
}

/** Plays a state forward (to the end of the next round, at most) and values what it reaches. */
function playOut(r: Rules, agents: Agents, seat: Seat, horizon: number): number {
  let guard = 0;
  while (!isOver(r.G) && r.G.round <= horizon && guard++ < 500) {
    for (const s of [...r.G.pending]) {
      if (isOver(r.G) || !r.G.pending.includes(s)) continue;
      const action = agents.act(r.G, s);
      if (applyMove(r, s, action.move, action.args) !== null) applyMove(r, s, 'done', []);
    }
  }
  return evaluate(r.G, r.scenario, seat);
}

export class HardBot {
  private plan: { key: string; variant: Variant } | null = null;
  private readonly principal: NormalPrincipal | null;
  private readonly persona: BotOptions['persona'];
  /** Searches made, and rollouts played (for tests and the benchmark). */
  readonly counters = { searches: 0, rollouts: 0 };

  constructor(
    private readonly opts: BotOptions,
    private readonly rng: BotRng,
  ) {
    this.persona = opts.seat === '2' ? undefined : opts.persona;
    this.principal =
      opts.seat === '2'
        ? null
        : new NormalPrincipal(opts.seat, PRINCIPAL_PARAMS[this.persona ?? 'none'], rng);
  }

  decide(view: SeatView): BotAction {
    const scenario = getScenario(view.options.scenario);
    const key = `${view.round}:${view.step}`;
    if (this.plan?.key !== key) this.plan = { key, variant: this.search(view, scenario) };
    const variant = this.plan.variant;
    if (this.opts.seat === '2')
      return new NormalBroker({ ...BROKER_PARAMS, ...variant.broker }).decide(view, scenario);
    return this.principal!.decide(view, scenario, variant.principal ?? {});
  }

  private search(view: SeatView, scenario: Scenario): Variant {
    const seat = this.opts.seat;
    const options = variants(view, seat, scenario);
    if (options.length <= 1) return options[0] ?? {};
    this.counters.searches++;
    const rng = this.rng.fork(`search:${view.round}:${view.step}`);
    const samples = this.opts.samples ?? 3;
    const rollouts = this.opts.rollouts ?? 1;
    const started = Date.now();
    const totals = options.map(() => 0);
    let played = 0;
    for (let s = 0; s < samples; s++) {
      const world = determinise(view, seat, scenario, rng.fork(`world${s}`));
      for (let k = 0; k < rollouts; k++) {
        const dice = `${rng.seed}/dice${s}.${k}`;
        options.forEach((variant, i) => {
          // Common random numbers: every candidate faces the same dice on the same sample.
          const r: Rules = {
            G: structuredClone(world),
            scenario,
            prng: makePrng(dice),
            now: FIXED_NOW,
          };
          const agents = normalAgents(scenario, rng.fork(`agents${s}.${k}`), {
            seat,
            variant,
            round: view.round,
            step: view.step,
            persona: this.persona,
          });
          totals[i]! += playOut(r, agents, seat, view.round + (this.opts.horizon ?? HORIZON));
          this.counters.rollouts++;
        });
        played++;
      }
      if (this.opts.budgetMs !== undefined && Date.now() - started > this.opts.budgetMs) break;
    }
    let best = 0;
    // The normal bot's own choice (the first) stands unless another is clearly better: with few
    // samples, the best of many noisy estimates is often just the luckiest.
    const margin = MARGIN * played;
    totals.forEach((t, i) => {
      if (t > totals[best]! + (best === 0 ? margin : 1e-9)) best = i;
    });
    return played > 0 ? options[best]! : {};
  }
}
