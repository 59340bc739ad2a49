// The normal broker: estimates what each side will accept from what it accepted and rejected
// before (its view holds every proposal with its answers), relays what would pass, strikes or
// reframes what would be rejected, bundles where the two sides' memos overlap, holds while
// escalation runs hot, leaks rarely and on purpose, tables proposals toward its mandate and
// claims credit when deals are signed.
import { BROKER } from '../game/constants';
import { explainMove } from '../game/enumerate';
import {
  brokerClaimCost,
  capitalFree,
  claimableDeals,
  clauseSetProblem,
  clausesGivenBy,
  mayGive,
  mayHold,
  mediationCosts,
  leakKind,
  memosAtBroker,
  sizeStep,
} from '../game/facts';
import type { Scenario } from '../game/scenario/schema';
import type { SeatView, Clause, Memo, Proposal, Side } from '../game/types';
import { PRINCIPAL_PARAMS, threshold, wariness } from './principal';
import type { BotAction } from './types';
import { chanceMet, delayOf, outlook, publicValue, sizeDef, survival, type Outlook } from './value';

export interface BrokerParams {
  /** Escalation at which it holds memos rather than let fragile deals be signed. */
  holdAt: number;
  /** Capital it keeps in reserve before spending on reframes, bundles and tabling. */
  reserve: number;
  /** Expected gain (in its own points) a tabled proposal must promise. */
  tableBar: number;
  /** Leaks per match at most. */
  leaks: number;
  /** Uses strikes and reframes. */
  edits: boolean;
  bundles: boolean;
  /** How much more (in its own points) a reframed relay must promise than the best without. */
  reframeBar: number;
  /** A relay promising this little is held for a better moment (while the limit allows). */
  holdBelow: number;
  /** A pure demand whose relay promises no more than this may be leaked (see leakWorth). */
  leakBelow: number;
  /** The least spread it allows a side's bar once answers bound it on both sides. */
  tightSpread: number;
  /** A memo the recipient turns down with at least this chance, as written, has a gap to bridge. */
  bridgeGap: number;
  /** How much a bridging reframe must raise the chance that both sides sign. */
  bridgeGain: number;
  /** The bar (as reframeBar) for a reframe that bridges a gap. */
  bridgeBar: number;
  /** Capital a bridging reframe leaves at least (it may dig into `reserve`). */
  bridgeReserve: number;
  /** What a reframe that comes out costs it in the author's trust, in its own points. */
  trustPrice: number;
}

export const BROKER_PARAMS: BrokerParams = {
  holdAt: 7,
  reserve: 1,
  tableBar: 1,
  leaks: 1,
  edits: true,
  bundles: true,
  reframeBar: 0,
  holdBelow: 0.4,
  leakBelow: 99,
  tightSpread: 0.4,
  bridgeGap: 0.2,
  bridgeGain: 0.05,
  bridgeBar: -1,
  bridgeReserve: 0,
  trustPrice: 0,
};

const RIVALRY = PRINCIPAL_PARAMS.none.rivalry;
const BROKER_RIVALRY = PRINCIPAL_PARAMS.none.brokerRivalry;
/** How unsure the broker is of a side's bar with nothing to bound it (logistic scale). */
const SPREAD = 1.2;
const logistic = (z: number) => 1 / (1 + Math.exp(-1.7 * z));
const sideOfAuthor = (m: Memo): Side => (m.author === '0' ? 'A' : 'B');
const other = (s: Side): Side => (s === 'A' ? 'B' : 'A');
const seatOfSide = (s: Side) => (s === 'A' ? '0' : '1');

/** Subsets of 1..n indices, largest first. */
function subsets(n: number): number[][] {
  const out: number[][] = [];
  for (let mask = (1 << n) - 1; mask > 0; mask--) {
    const s: number[] = [];
    for (let i = 0; i < n; i++) if (mask & (1 << i)) s.push(i);
    out.push(s);
  }
  return out.sort((a, b) => b.length - a.length);
}

interface Option {
  action: BotAction;
  /** Expected points for the broker. */
  worth: number;
  memos: string[];
  /** A relay that bridges a gap with a reframe (see `relayOption`). */
  bridge?: boolean;
}

export class NormalBroker {
  constructor(readonly params: BrokerParams = BROKER_PARAMS) {}

  /**
   * What it believes a side adds to the public valuation, learnt from the answers in its view: an
   * accept means the side's own worth cleared its bar, a reject that it did not.
   */
  offset(view: SeatView, scenario: Scenario, side: Side): number {
    const seat = seatOfSide(side);
    let low = -Infinity;
    let high = Infinity;
    for (const p of view.proposals) {
      const answer = p.answers[seat];
      if (!answer || p.clauses.length === 0) continue;
      const at = { ...view, round: p.dueRound };
      const bar = threshold(PRINCIPAL_PARAMS.none, at);
      const extra = p.kind === 'relay' && p.author !== seat ? 1 : 0;
      const worth = publicValue(at, scenario, side, p.clauses, extra, RIVALRY, BROKER_RIVALRY);
      if (answer === 'accept') low = Math.max(low, bar - worth);
      else high = Math.min(high, bar - worth);
    }
    this.spreads[side] = SPREAD;
    if (low === -Infinity && high === Infinity) return 0;
    if (low === -Infinity) return Math.min(0, high - 1);
    if (high === Infinity) return Math.max(0, low + 0.5);
    // Bounded on both sides: the gap between what it accepted and what it turned down is what
    // the broker is unsure of (an estimate of the side's bar, not of the table's numbers).
    if (high > low)
      this.spreads[side] = Math.min(SPREAD, Math.max(this.params.tightSpread, (high - low) / 2));
    return (low + high) / 2;
  }

  /** How unsure it is of each side's bar (set by `offset`). */
  private spreads: Record<Side, number> = { A: SPREAD, B: SPREAD };

  /** The chance a side accepts these clauses, `extra` rounds before signing. */
  acceptance(
    view: SeatView,
    scenario: Scenario,
    side: Side,
    clauses: readonly Clause[],
    extra: number,
    offsets: Record<Side, number>,
    fromBroker = false,
  ): number {
    const seat = seatOfSide(side);
    const gives = clausesGivenBy(side, [...clauses]);
    if (!mayGive(view, scenario, seat, gives)) return 0;
    // What the broker puts to a side (its ratification of a relayed memo, a bundle, a tabled
    // proposal) meets that side's wariness: the reframes of its memos that came out (principal.ts).
    const wary = fromBroker ? wariness(PRINCIPAL_PARAMS.none, view, seat) : 0;
    const worth =
      publicValue(view, scenario, side, clauses, extra, RIVALRY, BROKER_RIVALRY) +
      offsets[side] -
      wary;
    return logistic((worth - threshold(PRINCIPAL_PARAMS.none, view)) / this.spreads[side]);
  }

  /** What a deal on these clauses is worth to the broker (per deal, mandate, credit). */
  dealWorth(view: SeatView, scenario: Scenario, clauses: readonly Clause[], extra: number): number {
    const delay = delayOf(view, scenario, clauses, extra);
    if (view.round + delay > view.options.rounds) return 0;
    const s = scenario.tunables.scoring;
    let worth = s.brokerPerDeal + 0.7;
    const mandate = view.mandate;
    if (mandate) {
      const { base, before } = this.mandateBase(view, scenario);
      const after = chanceMet(view, mandate.test, {
        ...base,
        byRound: [
          ...base.byRound,
          ...clauses.map((c) => ({
            id: c.id,
            round: view.round + delay,
            magnitude: sizeDef(scenario, c)?.magnitude ?? 0,
          })),
        ],
        verifiedDeals: [...base.verifiedDeals, { round: view.round + delay }],
      });
      worth += s.mandate * (after - before);
    }
    for (const c of clauses)
      worth += -(sizeDef(scenario, c)?.effects.tracks?.escalation ?? 0) * 0.4;
    return worth * survival(view, scenario, delay);
  }

  private baseCache: { view: SeatView; key: string; base: Outlook; before: number } | null = null;

  /** The mandate's outlook without a new deal, computed once per decision. */
  private mandateBase(view: SeatView, scenario: Scenario): { base: Outlook; before: number } {
    const key = `${view.round}|${view.step}|${view.deals.length}|${view.tracks.escalation}`;
    if (this.baseCache?.view === view && this.baseCache.key === key) return this.baseCache;
    const base = outlook(view, scenario, BROKER, 1);
    const before = view.mandate ? chanceMet(view, view.mandate.test, base) : 0;
    this.baseCache = { view, key, base, before };
    return this.baseCache;
  }

  decide(view: SeatView, scenario: Scenario): BotAction {
    if (view.step === 'mediation') return this.mediate(view, scenario);
    if (view.step === 'press') return this.press(view, scenario);
    return { move: 'done', args: [] };
  }

  private legal(view: SeatView, action: BotAction): boolean {
    return explainMove(view, BROKER, action.move, action.args) === null;
  }

  /** The best way to pass on one memo, by itself. */
  relayOption(
    view: SeatView,
    scenario: Scenario,
    memo: Memo,
    offsets: Record<Side, number>,
  ): Option {
    const author = sideOfAuthor(memo);
    const recipient = other(author);
    const capital = capitalFree(view);
    const reframeCost = mediationCosts(scenario).reframe;
    const asIs: Option = {
      action: { move: 'relay', args: [memo.id, {}] },
      worth: 0,
      memos: [memo.id],
    };
    if (memo.clauses.length === 0) return asIs;
    // The chance the recipient accepts and then the author ratifies what was delivered.
    const joint = (clauses: Clause[]) =>
      this.acceptance(view, scenario, recipient, clauses, 1, offsets) *
      Math.min(0.95, this.acceptance(view, scenario, author, clauses, 0, offsets, true) + 0.3);
    const value = (clauses: Clause[], cost: number) =>
      joint(clauses) * this.dealWorth(view, scenario, clauses, 1) - cost;
    asIs.worth = value(memo.clauses, 0);
    const pAsIs = joint(memo.clauses);
    // The two sides are apart when the recipient would turn it down or the author would not
    // ratify it: the chance that both sign, as written, leaves a gap.
    const gap = 1 - pAsIs >= this.params.bridgeGap;
    let best = asIs;
    if (!this.params.edits) return best;
    for (const keep of subsets(memo.clauses.length)) {
      const struck = memo.clauses.map((_, i) => i).filter((i) => !keep.includes(i));
      const kept = keep.map((i) => memo.clauses[i]!);
      if (struck.length > 0) {
        const worth = value(kept, 0) - 0.1 * struck.length;
        if (worth > best.worth + 0.2 && !clauseSetProblem(view, scenario, kept))
          best = {
            action: { move: 'relay', args: [memo.id, { redactClauses: struck }] },
            worth,
            memos: [memo.id],
          };
      }
      // A bridge may spend the reserve; any other reframe keeps it.
      const affordable = capital - reframeCost >= 0;
      const spare = capital - reframeCost >= this.params.reserve;
      if (!affordable) continue;
      for (const i of keep) {
        const clause = memo.clauses[i]!;
        for (const delta of [-1, 1] as const) {
          const next = sizeStep(scenario, clause, delta);
          if (!next) continue;
          const changed = keep.map((j) =>
            j === i ? { ...clause, size: next.id } : memo.clauses[j]!,
          );
          // If the recipient accepts, the reframe comes out to the author, who trusts the broker
          // less from then on (principal.ts, wariness): a price beyond the capital.
          const revealed = this.acceptance(view, scenario, recipient, changed, 1, offsets);
          const worth =
            value(changed, reframeCost) - 0.1 * struck.length - revealed * this.params.trustPrice;
          // A bridge: the recipient leans to turning the memo down, and one step makes the
          // chance that both sides sign clearly better without making the deal worth less.
          const bridge =
            gap &&
            this.params.bridgeReserve <= capital - reframeCost &&
            joint(changed) >= pAsIs + this.params.bridgeGain &&
            worth + reframeCost > asIs.worth;
          if (!bridge && !spare) continue;
          const bar = bridge ? this.params.bridgeBar : this.params.reframeBar;
          if (worth > best.worth + bar && !clauseSetProblem(view, scenario, changed)) {
            const opts: Record<string, unknown> = { reframes: [{ clause: i, delta }] };
            if (struck.length > 0) opts.redactClauses = struck;
            best = {
              action: { move: 'relay', args: [memo.id, opts] },
              worth,
              memos: [memo.id],
              bridge,
            };
          }
        }
      }
    }
    return best;
  }

  bundleOption(
    view: SeatView,
    scenario: Scenario,
    memos: Memo[],
    offsets: Record<Side, number>,
  ): Option | null {
    const cost = mediationCosts(scenario).bundle;
    if (!this.params.bundles || capitalFree(view) - cost < this.params.reserve) return null;
    let best: Option | null = null;
    const fromA = memos.filter((m) => m.author === '0' && m.clauses.length > 0);
    const fromB = memos.filter((m) => m.author === '1' && m.clauses.length > 0);
    for (const a of fromA)
      for (const b of fromB) {
        for (const sa of subsets(a.clauses.length))
          for (const sb of subsets(b.clauses.length)) {
            if (sa.length + sb.length > 4) continue;
            const clauses = [...sa.map((i) => a.clauses[i]!), ...sb.map((i) => b.clauses[i]!)];
            if (clauseSetProblem(view, scenario, clauses)) continue;
            const p =
              this.acceptance(view, scenario, 'A', clauses, 0, offsets, true) *
              this.acceptance(view, scenario, 'B', clauses, 0, offsets, true);
            const worth = p * this.dealWorth(view, scenario, clauses, 0) - cost;
            if (!best || worth > best.worth)
              best = {
                action: {
                  move: 'bundle',
                  args: [
                    {
                      parts: [
                        ...sa.map((clause) => ({ memoId: a.id, clause })),
                        ...sb.map((clause) => ({ memoId: b.id, clause })),
                      ],
                      note: 'Both of you have asked for parts of this. Here it is, together.',
                    },
                  ],
                },
                worth,
                memos: [a.id, b.id],
              };
          }
      }
    return best;
  }

  tableOption(view: SeatView, scenario: Scenario, offsets: Record<Side, number>): Option | null {
    const cost = mediationCosts(scenario).table;
    if (capitalFree(view) - cost < this.params.reserve) return null;
    if (view.proposals.some((p) => p.kind === 'table' && p.round === view.round)) return null;
    const all = scenario.catalog.flatMap((d) =>
      d.sizes.map((s) => ({ id: d.id, size: s.id, giver: d.giver }) as Clause),
    );
    const sets: Clause[][] = all.map((c) => [c]);
    for (let i = 0; i < all.length; i++)
      for (let j = i + 1; j < all.length; j++)
        if (all[i]!.id !== all[j]!.id && all[i]!.giver !== all[j]!.giver)
          sets.push([all[i]!, all[j]!]);
    let best: Option | null = null;
    for (const clauses of sets) {
      if (clauseSetProblem(view, scenario, clauses)) continue;
      const pA = this.acceptance(view, scenario, 'A', clauses, 0, offsets, true);
      if (pA < 0.15) continue;
      const p = pA * this.acceptance(view, scenario, 'B', clauses, 0, offsets, true);
      if (p < 0.1) continue;
      const worth = p * this.dealWorth(view, scenario, clauses, 0) - cost;
      if (!best || worth > best.worth)
        best = {
          action: {
            move: 'tableProposal',
            args: [{ clauses, note: 'A proposal of our own, fair to both.' }],
          },
          worth,
          memos: [],
        };
    }
    return best && best.worth >= this.params.tableBar ? best : null;
  }

  private mediate(view: SeatView, scenario: Scenario): BotAction {
    const pending = memosAtBroker(view);
    const offsets = { A: this.offset(view, scenario, 'A'), B: this.offset(view, scenario, 'B') };
    const hot = view.tracks.escalation >= this.params.holdAt;
    const holdable = (m: Memo) => mayHold(view, m);

    // Bundle first: it needs memos of both sides still on the desk.
    const bundle = this.bundleOption(view, scenario, pending, offsets);
    if (bundle && bundle.worth > 0.5) {
      // Memos that ask for the same things compete: relaying both is worth little more than one.
      const [one, two] = bundle.memos.map((id) =>
        Math.max(
          0,
          this.relayOption(
            view,
            scenario,
            pending.find((m) => m.id === id)!,
            offsets,
          ).worth,
        ),
      ) as [number, number];
      const [m1, m2] = bundle.memos.map((id) => pending.find((m) => m.id === id)!) as [Memo, Memo];
      const overlap = m1.clauses.some((c) => m2.clauses.some((d) => d.id === c.id));
      const separate = overlap ? Math.max(one, two) + 0.3 * Math.min(one, two) : one + two;
      if (bundle.worth > separate && !hot && this.legal(view, bundle.action)) return bundle.action;
    }

    for (const memo of pending) {
      if (hot && holdable(memo)) return { move: 'hold', args: [memo.id] };
      const relay = this.relayOption(view, scenario, memo, offsets);
      const leak = this.leakWorth(view, scenario, memo, relay);
      if (leak) return { move: 'leak', args: [memo.id] };
      // Nothing worth passing on yet: wait a round for a better partner to bundle with.
      // A bridge is judged before its capital (what it waited for, unless it promises little).
      const gross = relay.worth + (relay.bridge ? 0.5 * mediationCosts(scenario).reframe : 0);
      if (gross <= this.params.holdBelow && memo.clauses.length > 0 && holdable(memo))
        return { move: 'hold', args: [memo.id] };
      if (this.legal(view, relay.action)) return relay.action;
      const plain: BotAction = { move: 'relay', args: [memo.id] };
      if (this.legal(view, plain)) return plain;
    }

    if (!hot) {
      const table = this.tableOption(view, scenario, offsets);
      if (table && this.legal(view, table.action)) return table.action;
    }
    return { move: 'done', args: [] };
  }

  /** A leak, rarely and on purpose: a pure demand at its limit, from a side under little pressure. */
  private leakWorth(view: SeatView, scenario: Scenario, memo: Memo, relay: Option): boolean {
    // A pure demand that nothing would make worth passing on: leaking it
    // exposes posturing, which earns credit (RULES.md) and puts pressure on its author.
    if (relay.worth > this.params.leakBelow || leakKind(memo) !== 'demand') return false;
    const leaks = view.feed.filter((f) => f.kind === 'leak').length;
    if (leaks >= this.params.leaks) return false;
    const author = sideOfAuthor(memo);
    const pressure = author === 'A' ? view.tracks.pressureA : view.tracks.pressureB;
    // A leak invites scrutiny of this author's reframed memos (still owed or not yet exposed).
    const reframed = view.memos.some(
      (m) => m.author === memo.author && !m.exposed && (m.delivery?.reframes.length ?? 0) > 0,
    );
    const cost = mediationCosts(scenario).leak;
    return !reframed && pressure <= 4 && capitalFree(view) - cost >= this.params.reserve;
  }

  private press(view: SeatView, scenario: Scenario): BotAction {
    const free = brokerClaimCost(view, scenario) === 0;
    const claimable = claimableDeals(view, BROKER);
    if (claimable[0] && free)
      return { move: 'statement', args: [{ kind: 'claim', target: claimable[0] }] };
    return { move: 'statement', args: [{ kind: 'silence' }] };
  }
}

export type { Proposal };
