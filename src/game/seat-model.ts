/**
 * The seat model: everything one seat may see and do now, worked out by the rules alone (their
 * own checks through `explainMove`/`enumerate`, the facts in facts.ts, the scenario and its
 * tunables) from that seat's view. Screens and bots render it; they decide nothing. As chessops
 * hands chessground its `dests`, `seatModel` hands a desk its legal moves with their costs.
 *
 * `seatModel(view, seat, clock, lastSeen?)` is pure: the same view, seat, clock reading and
 * `lastSeen` give the same model. Its fields (`SeatModel`):
 * - `seat`, `role` ('A' | 'B' | 'broker' | 'spectator'), `you` (this seat's name), `scenario`
 *   ({ id, name }), `round`, `rounds`, `step`, `stepName`, `stepHelp`, `over`, `acting` (this
 *   seat still acts in this step), `paused`;
 * - `seats`: each seat's name, title, role, whether it is you, still acting, a bot (and its label),
 *   walked out this round, hardened, and its credit;
 * - `tracks`: each track in the schema's order with its label, short label, help, value, range,
 *   whether the value is an estimate (breakout for every seat but B, unless revealed), the true
 *   value and the estimate where the seat sees both, its danger zones (war, breakout crisis,
 *   hardened, walkout, pressure drift: `facts.dangerZones`) with words, and the zone it is in;
 * - `countdown`: the step, its deadline, ms and seconds left by the injected clock, paused (with
 *   the time left when paused), timed or not, urgent, the words ("1:05 left"), seconds added by a
 *   facilitator, the step's configured seconds and the in-game hours a round lasts;
 * - `objectives`: the seat's own agenda cards (principals) or mandate (broker);
 * - `postures`: a principal's posture choices with the scenario's numbers (each option's effects
 *   from the tunables, whether it is the current one, legal now, and why not);
 * - `inbox`: a principal's proposals of this round (delivered to it, or back to it to ratify),
 *   each with who it is from, its title, the delivered clauses (struck ones marked), for the
 *   author at ratification the clauses the broker reframed, whether it is due, the seat's answer,
 *   whether accepting is legal and why not; the broker's memos on its desk with their turnaround;
 * - `memos`: the seat's own memos (principal) or every memo it has seen (broker) with their true
 *   fate as far as the seat may know it (`MemoFate`, never "with the broker" once the memo cannot
 *   be there any more);
 * - `proposals`: the broker's own deliveries of this round and the last, with each answer in words;
 * - `deals`: every deal with its clauses, status, and verification (left and in all);
 * - `incidents`: every incident with its place, its track effects and, for B, whether it directed it;
 * - `changes`: what changed since `lastSeen` (feed entries with the incidents' track effects, and
 *   for B whether it directed them; deals signed, verified, collapsed; reframes revealed at
 *   ratification) and `trackChanges`, the tracks' movement since then;
 * - `seen`: the `LastSeen` mark to pass back next time, so `changes` holds only what is new;
 * - `reminder`: a word to the seat about its step when it needs one (a principal with nothing to
 *   answer who must still say done, else it is marked stalled at the deadline);
 * - `limits`: the move contract's limits a composer needs (clauses a memo, memos a round, left);
 * - `moves`: for every move of the contract, whether it is possible now, the rules' reason in a
 *   person's words when not, its legal instances from `enumerate` (typed arguments, a label, cost
 *   and effects from the tunables).
 *
 * "Last view": pass the previous model's `seen`. Without it, changes are those of the current
 * round (and, in drafting, of the previous round too: what happened since the seat last acted),
 * and track changes are counted from the end of the previous round (the view's history).
 */
import { BROKER, MAX_CLAUSES, MAX_MEMOS_PER_ROUND, isPrincipal, isSeat, sideOf } from './constants';
import { clauseDef } from './clauses';
import { dealName, seatName } from './names';
import { mayAct } from './checks';
import { enumerate, explainMove, firstRefusal } from './enumerate';
import {
  breakoutFrozen,
  breakoutRevealed,
  capitalFree,
  capitalOwed,
  clausesGivenBy,
  dangerZones,
  dealVerifyTotal,
  dueProposals,
  interdictionBlocked,
  isHardened,
  leakKind,
  acceptedThisRound,
  stonewallCost,
  brokerClaimCost,
  mayHold,
  mediationCosts,
  oilDependence,
  verificationTime,
  type DangerKind,
} from './facts';
import type { MoveArgs } from './move-args';
import { MOVE_NAMES, type MoveName } from './moves';
import { getScenario } from './scenario';
import { TRACK_NAMES, type Scenario, type TrackName } from './scenario/schema';
import type {
  Answer,
  Clause,
  DealStatus,
  Enforcement,
  Enrichment,
  FeedKind,
  Giver,
  Memo,
  PrincipalSeat,
  Proposal,
  ProposalKind,
  ProposalStage,
  ProxyLeash,
  Seat,
  SeatView,
  Step,
  Tracks,
} from './types';
import {
  CHANGE_WORDS,
  DANGER_WORDS,
  DEAL_STATUS_WORDS,
  ENFORCEMENT_WORDS,
  ENRICHMENT_WORDS,
  LEASH_WORDS,
  MEMO_FATE_WORDS,
  MOVE_WORDS,
  PROPOSAL_KIND_WORDS,
  PROPOSAL_STAGE_WORDS,
  ROLE_NAMES,
  STEP_HELP,
  STEP_NAMES,
  TRACK_WORDS,
  forPerson,
  plural,
  signed,
  signedPercent,
  type Glossary,
} from './words';

// ---------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------

/** The server's time in ms since the epoch, as this reader knows it (tests pass a fixed one). */
export type ModelClock = () => number;

export type SeatRole = 'A' | 'B' | 'broker' | 'spectator';

/** One change to something a person follows: "oil leak −2", "incident odds +20%". */
export interface Effect {
  /** The track it moves, where it moves one. */
  track?: TrackName | 'credit';
  /** Whose pressure or credit, where it matters. */
  seat?: Seat;
  /** What it changes, in words ("oil leak", "your credit"). */
  what: string;
  delta: number;
  /** The whole change in words ("oil leak −2", "incident odds +20%"). */
  text: string;
}

export interface SeatInfo {
  seat: Seat;
  /** The scenario's name for the seat ("Washington"). */
  name: string;
  /** Who speaks for it ("The White House"). */
  title: string;
  /** "Principal A", "Principal B", "Broker". */
  role: string;
  you: boolean;
  /** Still has to act (or say done) in this step: public. */
  acting: boolean;
  /** A bot plays the seat: its label ("Bot (hard, hawk)"), else null. */
  bot: string | null;
  /** Sits out this round's drafting after a walkout. */
  walkedOut: boolean;
  /** A principal whose pressure has hardened it (null for the broker). */
  hardened: boolean | null;
  credit: number;
}

export interface ZoneModel {
  kind: DangerKind;
  from: number;
  to: number;
  /** Short words for a gauge ("hardened", "walks out", "war"). */
  note: string;
  /** What the rule does there, for a person. */
  help: string;
}

export interface TrackModel {
  key: TrackName;
  label: string;
  short: string;
  help: string;
  /** The value to show: the true one where the seat knows it, else the estimate. */
  value: number;
  min: number;
  max: number;
  /** The value shown is the intelligence estimate, not the true value. */
  estimate: boolean;
  /** Breakout only: the true value, where this seat sees it. */
  trueValue: number | null;
  /** Breakout only: this round's public estimate. */
  estimateValue: number | null;
  zones: ZoneModel[];
  /** The danger zone the value lies in now, if any. */
  zone: ZoneModel | null;
}

export interface Countdown {
  round: number;
  step: Step;
  stepName: string;
  /** The step has a wall-clock deadline in this match (it may be paused). */
  timed: boolean;
  /** Server time (ms) the step expires; null when untimed or paused. */
  deadline: number | null;
  paused: boolean;
  /** ms left: to the deadline by the clock, or frozen while paused; null when untimed. */
  msLeft: number | null;
  secondsLeft: number | null;
  urgent: boolean;
  /** "1:05 left", "Paused: 1:05 left", "Paused", "Untimed", "Match over". */
  text: string;
  /** Seconds a facilitator has added to this step. */
  extendedSeconds: number;
  /** The step's configured length in seconds; null when untimed. */
  stepSeconds: number | null;
  /** In-game hours a round lasts (the scenario's). */
  roundHours: number;
}

export interface ObjectiveModel {
  title: string;
  text: string;
}

export interface PostureOption<V extends string> {
  value: V;
  label: string;
  effects: Effect[];
  /** The label with its effects: "Tighten (oil leak −2)". */
  text: string;
  current: boolean;
  legal: boolean;
  reason: string | null;
}

export type PostureModel =
  | { seat: '0'; enforcement: PostureOption<Enforcement>[] }
  | {
      seat: '1';
      leash: PostureOption<ProxyLeash>[];
      enrichment: PostureOption<Enrichment>[];
      current: { proxyLeash: ProxyLeash; enrichment: Enrichment };
    };

export interface ClauseModel {
  id: string;
  size: string;
  giver: Giver;
  name: string;
  sizeLabel: string;
  /** "both sides", or the giving seat's name. */
  giverName: string;
  /** "Ceasefire: 30 days (given by Tehran)". */
  text: string;
}

/** A delivered clause: struck by the broker, or as delivered (with the author's size if reframed). */
export type ShownClause =
  | { struck: true; text: string }
  | (ClauseModel & {
      struck: false;
      /** At ratification, for the author: the size it wrote, where the broker changed it. */
      reframedFrom: string | null;
    });

export interface ProposalCard {
  kind: 'proposal';
  id: string;
  proposalKind: ProposalKind;
  round: number;
  /** Who it comes from, in words ("Doha, relaying Tehran’s memo"). */
  from: string;
  /** The card's heading. */
  title: string;
  clauses: ShownClause[];
  text: string;
  note: string;
  stage: ProposalStage;
  stageWords: string;
  /** A memo with no clauses: read, not answered. */
  message: boolean;
  /** This seat must answer it in this response step. */
  due: boolean;
  yourAnswer: Answer | null;
  /** This seat wrote it and ratifies the delivered wording. */
  ratifying: boolean;
  /** For the author at ratification: how many clauses the broker reframed. */
  reframed: number;
  /** Clauses this seat gives in it. */
  gives: number;
  accept: { legal: boolean; reason: string | null };
  reject: { legal: boolean; reason: string | null };
  /** Rounds it would take to verify if signed now. */
  verifyRounds: number;
}

export interface MemoCard {
  kind: 'memo';
  id: string;
  author: PrincipalSeat;
  authorName: string;
  round: number;
  clauses: ClauseModel[];
  text: string;
  heldSteps: number;
  lastRound: number;
  /** The broker must deliver it or leak it now, or it expires undelivered. */
  lastChance: boolean;
  turnaround: string;
}

export type InboxItem = ProposalCard | MemoCard;

export type MemoFate = keyof typeof MEMO_FATE_WORDS;

export interface MemoModel {
  id: string;
  author: PrincipalSeat;
  authorName: string;
  round: number;
  clauses: ClauseModel[];
  text: string;
  fate: MemoFate;
  fateWords: string;
  lastRound: number;
  /** A reframe of it was exposed by a leak. */
  exposed: boolean;
  /** Its author may still take it back (a draft of this round, drafting still running). */
  withdrawable: boolean;
}

export interface BrokerProposalModel {
  id: string;
  proposalKind: ProposalKind;
  round: number;
  clauses: ClauseModel[];
  stage: ProposalStage;
  stageWords: string;
  /** Each recipient's answer in words: "Tehran accepted", "Washington has not answered". */
  answers: string[];
  dealId: string | null;
}

export interface DealModel {
  id: string;
  /** As people count it: "Deal 1". */
  name: string;
  proposalKind: ProposalKind;
  clauses: ClauseModel[];
  status: DealStatus;
  statusWords: string;
  signedRound: number;
  verifyLeft: number;
  verifyTotal: number;
  verifiedRound: number | null;
  collapsedRound: number | null;
  /** "verifies in 2 rounds", "verified in round 3", "collapsed in round 2". */
  text: string;
}

export interface IncidentModel {
  id: string;
  round: number;
  headline: string;
  /** The place's name in the scenario's theatre. */
  place: string;
  effects: Effect[];
  /** For B only: whether it directed this incident (GAME.md: B knows); null for other seats. */
  directedByYou: boolean | null;
}

export interface ChangeItem {
  kind: FeedKind | 'reframe' | 'answered';
  round: number;
  heading: string;
  text: string;
  /** The track changes it brought (incidents, injects). */
  effects: Effect[];
  seat?: Seat;
  dealId?: string;
  incidentId?: string;
  /** For B: this incident was one it directed. */
  directedByYou?: boolean;
}

/** Where a seat's last look at the table ended: pass the previous model's `seen`. */
export interface LastSeen {
  /** Feed entries already seen. */
  feed: number;
  /** The tracks as they were then. */
  tracks: Tracks;
}

export interface MoveInstance<M extends MoveName = MoveName> {
  move: M;
  args: MoveArgs<M>;
  label: string;
  cost: Effect[];
  effects: Effect[];
}

export interface MoveModel<M extends MoveName = MoveName> {
  move: M;
  label: string;
  possible: boolean;
  /** Why not, in a person's words; null when possible. */
  reason: string | null;
  /** The legal instances `enumerate` finds (representative: a composer may build others). */
  instances: MoveInstance<M>[];
  /** What making it costs in general, from the tunables (e.g. tabling: capital −2). */
  cost: Effect[];
}

export type MovesModel = { [M in MoveName]: MoveModel<M> };

export interface SeatModel {
  seat: Seat | null;
  role: SeatRole;
  /** This seat's name ("Washington"), or "Spectator". */
  you: string;
  scenario: { id: string; name: string };
  round: number;
  rounds: number;
  step: Step;
  stepName: string;
  stepHelp: string;
  over: boolean;
  acting: boolean;
  paused: boolean;
  seats: Record<Seat, SeatInfo>;
  tracks: TrackModel[];
  countdown: Countdown;
  objectives: ObjectiveModel[];
  postures: PostureModel | null;
  inbox: InboxItem[];
  memos: MemoModel[];
  proposals: BrokerProposalModel[];
  deals: DealModel[];
  /** Every incident so far, newest last, with its effects (and, for B, whether it directed it). */
  incidents: IncidentModel[];
  changes: ChangeItem[];
  trackChanges: Effect[];
  seen: LastSeen;
  moves: MovesModel;
  /**
   * A word to this seat about its step, when it needs one: e.g. a principal with nothing to
   * answer who must still say done (else it is marked stalled in public at the deadline).
   */
  reminder: string | null;
  /** Fixed limits of the move contract the composers need. */
  limits: { clausesPerMemo: number; memosPerRound: number; memosLeft: number };
  /**
   * The broker's private ledger (null for other seats): capital owed for reframes that have not
   * come out yet (paid at ratification, exposure or the end), and what is left to spend now.
   */
  ledger: { owed: number; free: number } | null;
}

// ---------------------------------------------------------------------------------------------
// Words built from the scenario
// ---------------------------------------------------------------------------------------------

/** Under this many ms left, a countdown is shown as urgent. */
export const URGENT_MS = 15_000;

export { seatName };

function fill(scenario: Scenario, text: string): string {
  return text
    .replaceAll('{A}', scenario.seats.A.name)
    .replaceAll('{B}', scenario.seats.B.name)
    .replaceAll('{broker}', scenario.seats.broker.name);
}

/** A track's label for a person, in this scenario. */
export function trackLabel(scenario: Scenario, key: TrackName, short = false): string {
  return fill(scenario, short ? TRACK_WORDS[key].short : TRACK_WORDS[key].label);
}

/** The names a person knows for what the rules name by code, in this scenario. */
export function glossaryFor(scenario: Scenario): Glossary {
  return {
    clause: (id) => clauseDef(scenario, id)?.name ?? 'that clause',
    seat: (s) => (isSeat(s) ? seatName(scenario, s) : 'that seat'),
    step: (step) => (STEP_NAMES as Record<string, string>)[step]?.toLowerCase() ?? 'current',
  };
}

export function formatCountdown(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0
    ? `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
    : `${m}:${String(s).padStart(2, '0')}`;
}

/** A bot seat as a person reads it: "Bot (hard, hawk)". */
export function botLabel(bot: { level: string; persona?: string | undefined }): string {
  return `Bot (${bot.level}${bot.persona ? `, ${bot.persona}` : ''})`;
}

function effect(what: string, delta: number, extra: Partial<Effect> = {}): Effect {
  return { what, delta, text: `${what} ${signed(delta)}`, ...extra };
}

const nonZero = (effects: Effect[]) => effects.filter((e) => e.delta !== 0);

/** A track's label inside a sentence: "oil leak", "pressure on Tehran", "Doha’s capital". */
function trackWord(scenario: Scenario, track: TrackName): string {
  const label = trackLabel(scenario, track);
  return TRACK_WORDS[track].label.startsWith('{')
    ? label
    : label.charAt(0).toLowerCase() + label.slice(1);
}

function trackEffect(scenario: Scenario, track: TrackName, delta: number): Effect {
  return effect(trackWord(scenario, track), delta, { track });
}

function deltasToEffects(
  scenario: Scenario,
  deltas: Partial<Record<TrackName, number | undefined>>,
): Effect[] {
  return nonZero(TRACK_NAMES.map((k) => trackEffect(scenario, k, deltas[k] ?? 0)));
}

export function clauseModel(scenario: Scenario, c: Clause): ClauseModel {
  const def = clauseDef(scenario, c.id);
  const sizeLabel = def?.sizes.find((s) => s.id === c.size)?.label ?? 'unknown size';
  const giverName =
    c.giver === 'both' ? 'both sides' : seatName(scenario, c.giver === 'A' ? '0' : '1');
  const name = def?.name ?? 'a clause not in this scenario';
  return {
    id: c.id,
    size: c.size,
    giver: c.giver,
    name,
    sizeLabel,
    giverName,
    text: `${name}: ${sizeLabel} (given by ${giverName})`,
  };
}

// ---------------------------------------------------------------------------------------------
// The parts
// ---------------------------------------------------------------------------------------------

interface Ctx {
  view: SeatView;
  seat: Seat | null;
  scenario: Scenario;
  g: Glossary;
}

function roleOf(seat: Seat | null): SeatRole {
  return seat === '0' ? 'A' : seat === '1' ? 'B' : seat === '2' ? 'broker' : 'spectator';
}

function seatsOf({ view, seat, scenario }: Ctx): Record<Seat, SeatInfo> {
  const info = (s: Seat): SeatInfo => {
    const bot = view.options.bots[s];
    const side =
      s === '0' ? scenario.seats.A : s === '1' ? scenario.seats.B : scenario.seats.broker;
    return {
      seat: s,
      name: side.name,
      title: side.title,
      role: ROLE_NAMES[s],
      you: s === seat,
      acting: view.pending.includes(s),
      bot: bot ? botLabel(bot) : null,
      walkedOut: isPrincipal(s) && view.walkouts[s].includes(view.round),
      hardened: isPrincipal(s) ? isHardened(view, scenario, s) : null,
      credit: view.credit[s],
    };
  };
  return { '0': info('0'), '1': info('1'), '2': info('2') };
}

function tracksOf({ view, scenario }: Ctx): TrackModel[] {
  const zones = dangerZones(scenario);
  const drifting = oilDependence(view, scenario);
  const driftN = scenario.tunables.pressure.drift;
  const zoneWords = (key: TrackName, kind: DangerKind): { note: string; help: string } => {
    const w = DANGER_WORDS[kind];
    if (kind !== 'drift') return w;
    const who =
      key === 'oilLeak'
        ? scenario.seats.B.name
        : key === 'oilPrice'
          ? scenario.seats.A.name
          : `${scenario.seats.A.name} and ${scenario.seats.B.name}`;
    return { note: w.note, help: w.help.replace('{who}', who).replace('{n}', String(driftN)) };
  };
  return TRACK_NAMES.map((key): TrackModel => {
    const range =
      key === 'pressureA' || key === 'pressureB' ? scenario.tracks.pressure : scenario.tracks[key];
    const breakout = key === 'breakout';
    const trueValue = breakout ? (view.breakout.true ?? null) : null;
    const value = breakout ? (trueValue ?? view.breakout.estimate) : view.tracks[key];
    const list = zones[key]
      .filter(() => !(key === 'oilLeak' && !drifting))
      .map((z): ZoneModel => ({ kind: z.kind, from: z.from, to: z.to, ...zoneWords(key, z.kind) }));
    return {
      key,
      label: trackLabel(scenario, key),
      short: trackLabel(scenario, key, true),
      help: fill(scenario, TRACK_WORDS[key].help),
      value,
      min: range.min,
      max: range.max,
      estimate: breakout && trueValue === null,
      trueValue,
      estimateValue: breakout ? view.breakout.estimate : null,
      zones: list,
      zone: list.find((z) => value >= z.from && value <= z.to) ?? null,
    };
  });
}

function countdownOf({ view, scenario }: Ctx, now: number): Countdown {
  const over = view.step === 'over' || view.final !== undefined;
  const stepSeconds = over
    ? null
    : (view.options.stepSeconds?.[view.step as Exclude<Step, 'over'>] ?? null);
  const paused = view.paused !== undefined;
  let msLeft: number | null = null;
  if (paused) msLeft = view.paused!.remaining;
  else if (view.clock.deadline !== null) msLeft = Math.max(0, view.clock.deadline - now);
  const timed =
    !over && (view.clock.deadline !== null || (paused && view.paused!.remaining !== null));
  let text: string;
  if (over) text = STEP_NAMES.over;
  else if (paused) text = msLeft === null ? 'Paused' : `Paused: ${formatCountdown(msLeft)} left`;
  else text = msLeft === null ? 'Untimed' : `${formatCountdown(msLeft)} left`;
  return {
    round: view.round,
    step: view.step,
    stepName: STEP_NAMES[view.step],
    timed,
    deadline: paused ? null : view.clock.deadline,
    paused,
    msLeft,
    secondsLeft: msLeft === null ? null : Math.ceil(msLeft / 1000),
    urgent: !paused && !over && msLeft !== null && msLeft < URGENT_MS,
    text,
    extendedSeconds: view.clock.extendedSeconds ?? 0,
    stepSeconds,
    roundHours: scenario.tunables.mediation.hoursPerRound,
  };
}

function objectivesOf({ view, seat }: Ctx): ObjectiveModel[] {
  const cards = isPrincipal(seat)
    ? (view.agendas[seat] ?? [])
    : seat === BROKER && view.mandate
      ? [view.mandate]
      : [];
  return cards.map((c) => ({ title: c.title, text: c.text }));
}

/** Refusal words for the move `move` with `args`, or null when legal. */
function why(c: Ctx, move: MoveName, args: unknown[]): string | null {
  const reason = explainMove(c.view, c.seat, move, args);
  return reason === null ? null : forPerson(reason, c.g);
}

function withEffects(label: string, effects: Effect[]): string {
  const list = nonZero(effects);
  return list.length ? `${label} (${list.map((e) => e.text).join(', ')})` : label;
}

/** What each posture does in this scenario, from its tunables (resolution.ts, incidents.ts). */
export function postureEffects(scenario: Scenario) {
  const p = scenario.tunables.postures;
  const odds = scenario.tunables.incidents;
  const leak = (n: number) => trackEffect(scenario, 'oilLeak', n);
  return {
    enforcement: (e: Enforcement): Effect[] =>
      nonZero([
        leak(p.enforcementLeak[e]),
        ...(e === 'interdict'
          ? [
              trackEffect(scenario, 'oilPrice', p.interdiction.oilPrice),
              trackEffect(scenario, 'escalation', p.interdiction.escalation),
            ]
          : []),
      ]),
    leash: (l: ProxyLeash): Effect[] => {
      const out = nonZero([leak(p.leashLeak[l])]);
      if (odds.leash[l] !== 0)
        out.push({
          what: 'incident odds',
          delta: odds.leash[l],
          text: `incident odds ${signedPercent(odds.leash[l])}`,
        });
      if (l === 'unleash' && odds.directedShare > 0)
        out.push({
          what: 'incidents directed by you',
          delta: odds.directedShare,
          text: `${Math.round(odds.directedShare * 100)}% of incidents directed by you`,
        });
      return out;
    },
    enrichment: (e: Enrichment): Effect[] => [
      {
        ...trackEffect(scenario, 'breakout', p.enrichment[e]),
        text: `breakout ${signed(p.enrichment[e])} a round`,
      },
    ],
  };
}

function posturesOf(c: Ctx): PostureModel | null {
  const { view, seat, scenario } = c;
  if (!isPrincipal(seat) || view.step === 'over') return null;
  const fx = postureEffects(scenario);
  if (seat === '0') {
    const current = view.postures['0']?.enforcement ?? 'hold';
    const options = (Object.keys(ENFORCEMENT_WORDS) as Enforcement[]).map((value) => {
      const effects = fx.enforcement(value);
      const reason = why(c, 'setPosture', [{ enforcement: value }]);
      return {
        value,
        label: ENFORCEMENT_WORDS[value],
        effects,
        text: withEffects(ENFORCEMENT_WORDS[value], effects),
        current: value === current,
        legal: reason === null,
        reason,
      };
    });
    return { seat, enforcement: options };
  }
  const current = {
    proxyLeash: view.postures['1']?.proxyLeash ?? 'loose',
    enrichment: view.postures['1']?.enrichment ?? 'steady',
  };
  const frozen = breakoutFrozen(view, scenario);
  const leash = (Object.keys(LEASH_WORDS) as ProxyLeash[]).map((value) => {
    const effects = fx.leash(value);
    const reason = why(c, 'setPosture', [{ ...current, proxyLeash: value }]);
    return {
      value,
      label: LEASH_WORDS[value],
      effects,
      text: withEffects(LEASH_WORDS[value], effects),
      current: value === current.proxyLeash,
      legal: reason === null,
      reason,
    };
  });
  const enrichment = (Object.keys(ENRICHMENT_WORDS) as Enrichment[]).map((value) => {
    const effects = fx.enrichment(value);
    const reason = why(c, 'setPosture', [{ ...current, enrichment: value }]);
    const rising = effects.some((e) => e.delta > 0);
    return {
      value,
      label: ENRICHMENT_WORDS[value],
      effects,
      text:
        withEffects(ENRICHMENT_WORDS[value], effects) +
        (frozen && rising ? ': frozen by a verified deal' : ''),
      current: value === current.enrichment,
      legal: reason === null,
      reason,
    };
  });
  return { seat, leash, enrichment, current };
}

function proposalCard(c: Ctx, p: Proposal, seat: PrincipalSeat): ProposalCard {
  const { view, scenario } = c;
  const broker = scenario.seats.broker.name;
  const ratifying = p.kind === 'relay' && p.author === seat && !p.recipients.includes(seat);
  const memo = ratifying ? view.memos.find((m) => m.id === p.memoId) : undefined;
  let reframed = 0;
  const clauses = p.shown.map((cl, i): ShownClause => {
    if (cl === null) return { struck: true, text: 'Struck by the broker: ███' };
    const written = memo?.clauses[i];
    const changed = written && written.id === cl.id && written.size !== cl.size;
    if (changed) reframed++;
    return {
      ...clauseModel(scenario, cl),
      struck: false,
      reframedFrom: changed ? clauseModel(scenario, written).sizeLabel : null,
    };
  });
  const otherName = seatName(scenario, seat === '0' ? '1' : '0');
  const from =
    p.kind === 'relay'
      ? ratifying
        ? `${broker}, delivering your memo to ${otherName}`
        : `${broker}, relaying ${otherName}’s memo`
      : broker;
  const title =
    p.kind === 'relay'
      ? ratifying
        ? `Your memo, as ${broker} delivered it to ${otherName}, who accepted it: ratify?`
        : p.stage === 'ratification'
          ? `${otherName}’s memo, as ${broker} delivered it: you accepted; ${otherName} now ratifies it`
          : `${otherName}’s memo, as ${broker} delivered it`
      : p.kind === 'bundle'
        ? `A bundle from ${broker}, sent to both sides`
        : `A proposal tabled by ${broker}, sent to both sides`;
  const due = dueProposals(view, seat).some((d) => d.id === p.id);
  const accept = due ? why(c, 'respond', [p.id, 'accept']) : 'Nothing to answer here now.';
  const reject = due ? why(c, 'respond', [p.id, 'reject']) : 'Nothing to answer here now.';
  return {
    kind: 'proposal',
    id: p.id,
    proposalKind: p.kind,
    round: p.round,
    from,
    title,
    clauses,
    text: p.text,
    note: p.note,
    stage: p.stage,
    stageWords: PROPOSAL_STAGE_WORDS[p.stage],
    message: p.stage === 'message',
    due,
    yourAnswer: p.answers[seat] ?? null,
    ratifying,
    reframed,
    gives: clausesGivenBy(sideOf(seat), p.clauses),
    accept: { legal: accept === null, reason: accept },
    reject: { legal: reject === null, reason: reject },
    verifyRounds: verificationTime(view, scenario, p.clauses),
  };
}

function memoCard({ view, scenario }: Ctx, m: Memo): MemoCard {
  const lastChance = !mayHold(view, m);
  return {
    kind: 'memo',
    id: m.id,
    author: m.author,
    authorName: seatName(scenario, m.author),
    round: m.round,
    clauses: m.clauses.map((cl) => clauseModel(scenario, cl)),
    text: m.text,
    heldSteps: m.heldSteps,
    lastRound: m.lastRound,
    lastChance,
    turnaround: lastChance
      ? 'Last chance: deliver it or leak it now, or it expires undelivered.'
      : `May be held until the mediation step of round ${m.lastRound}.`,
  };
}

function inboxOf(c: Ctx): InboxItem[] {
  const { view, seat } = c;
  if (seat === BROKER)
    return view.step === 'mediation'
      ? view.memos.filter((m) => m.status === 'pending').map((m) => memoCard(c, m))
      : [];
  if (!isPrincipal(seat)) return [];
  const late = view.step === 'response' || view.step === 'press' || view.step === 'over';
  return view.proposals
    .filter((p) => {
      // This round's only: what is due (or was answered) now, and messages delivered now.
      const thisRound =
        p.dueRound === view.round || (p.stage === 'message' && p.round === view.round);
      // A card back for ratification (due next round) shows from that round's response step.
      const ripe = p.stage !== 'ratification' || p.dueRound < view.round || late;
      return thisRound && ripe;
    })
    .map((p) => proposalCard(c, p, seat));
}

/** Whether a memo may still be with the broker (held), by the turnaround the rules set. */
function mayBeAtBroker(view: SeatView, m: Memo): boolean {
  if (view.step === 'over') return false;
  if (view.round < m.lastRound) return true;
  return view.round === m.lastRound && (view.step === 'drafting' || view.step === 'mediation');
}

function memoFate(view: SeatView, m: Memo, seat: Seat | null): MemoFate {
  if (seat === BROKER || m.status !== 'with-broker') {
    if (m.status === 'with-broker') return 'with-broker';
    return m.status === 'draft' || m.status === 'leaked' || m.status === 'expired'
      ? m.status
      : seat === BROKER
        ? m.status
        : 'with-broker';
  }
  const back = view.proposals.find((p) => p.memoId === m.id && p.author === m.author);
  if (back) {
    switch (back.stage) {
      case 'ratification':
        return 'ratification';
      case 'signed':
        return 'signed';
      case 'rejected':
        return 'not-ratified';
      case 'lapsed':
        return 'lapsed';
      case 'void':
        return 'void';
      default:
        break;
    }
  }
  return mayBeAtBroker(view, m) ? 'with-broker' : 'out-of-hands';
}

function memosOf(c: Ctx): MemoModel[] {
  const { view, seat, scenario } = c;
  if (seat === null) return [];
  return view.memos
    .filter((m) => seat === BROKER || m.author === seat)
    .map((m) => {
      const fate = memoFate(view, m, seat);
      return {
        id: m.id,
        author: m.author,
        authorName: seatName(scenario, m.author),
        round: m.round,
        clauses: m.clauses.map((cl) => clauseModel(scenario, cl)),
        text: m.text,
        fate,
        fateWords: MEMO_FATE_WORDS[fate],
        lastRound: m.lastRound,
        exposed: m.exposed === true,
        withdrawable: m.author === seat && explainMove(view, seat, 'withdrawMemo', [m.id]) === null,
      };
    });
}

function brokerProposalsOf({ view, seat, scenario }: Ctx): BrokerProposalModel[] {
  if (seat !== BROKER) return [];
  return view.proposals
    .filter((p) => p.round >= view.round - 1 || p.dueRound >= view.round)
    .map((p) => ({
      id: p.id,
      proposalKind: p.kind,
      round: p.round,
      clauses: p.clauses.map((cl) => clauseModel(scenario, cl)),
      stage: p.stage,
      stageWords: PROPOSAL_STAGE_WORDS[p.stage],
      answers: (p.stage === 'message'
        ? []
        : p.recipients.concat(p.author && p.stage !== 'open' ? [p.author] : [])
      )
        .filter((s, i, all) => all.indexOf(s) === i)
        .map((s) => {
          const a = p.answers[s];
          const name = seatName(scenario, s);
          return a === 'accept'
            ? `${name} accepted`
            : a === 'reject'
              ? `${name} rejected`
              : `${name} has not answered`;
        }),
      dealId: p.dealId ?? null,
    }));
}

function dealsOf({ view, scenario }: Ctx): DealModel[] {
  return view.deals.map((d) => {
    const total = dealVerifyTotal(view, scenario, d);
    const text =
      d.status === 'verified'
        ? `verified in round ${d.verifiedRound ?? d.signedRound}`
        : d.status === 'collapsed'
          ? `collapsed in round ${d.collapsedRound ?? d.signedRound}`
          : d.verifyLeft === 0
            ? 'verifies at the next resolution'
            : `verifies after ${plural(d.verifyLeft + 1, 'more resolution')}`;
    return {
      id: d.id,
      name: dealName(d.id),
      proposalKind: d.kind,
      clauses: d.clauses.map((cl) => clauseModel(scenario, cl)),
      status: d.status,
      statusWords: DEAL_STATUS_WORDS[d.status],
      signedRound: d.signedRound,
      verifyLeft: d.verifyLeft,
      verifyTotal: total,
      verifiedRound: d.verifiedRound ?? null,
      collapsedRound: d.collapsedRound ?? null,
      text,
    };
  });
}

function incidentsOf({ view, seat, scenario }: Ctx): IncidentModel[] {
  return view.incidents.map((i) => ({
    id: i.id,
    round: i.round,
    headline: i.headline,
    place: scenario.theatre.places.find((p) => p.id === i.place)?.name ?? '',
    effects: deltasToEffects(scenario, i.effects),
    directedByYou: seat === '1' ? view.attributions[i.id] === 'directed' : null,
  }));
}

function defaultSince(view: SeatView): number {
  const from = view.step === 'drafting' ? view.round - 1 : view.round;
  const i = view.feed.findIndex((e) => e.round >= from);
  return i < 0 ? view.feed.length : i;
}

function changesOf(c: Ctx, inbox: InboxItem[], lastSeen?: LastSeen): ChangeItem[] {
  const { view, seat, scenario } = c;
  const since = lastSeen ? Math.min(lastSeen.feed, view.feed.length) : defaultSince(view);
  const out: ChangeItem[] = view.feed.slice(since).flatMap((e): ChangeItem[] => {
    if (e.kind === 'round' || e.kind === 'statement' || e.kind === 'end') return [];
    const incident = e.incidentId ? view.incidents.find((i) => i.id === e.incidentId) : undefined;
    const item: ChangeItem = {
      kind: e.kind,
      round: e.round,
      heading: CHANGE_WORDS[e.kind] ?? STEP_NAMES[view.step],
      text: e.text,
      effects: e.kind === 'incident' && incident ? deltasToEffects(scenario, incident.effects) : [],
    };
    if (e.seat !== undefined) item.seat = e.seat;
    if (e.dealId !== undefined) item.dealId = e.dealId;
    if (e.incidentId !== undefined) item.incidentId = e.incidentId;
    if (e.kind === 'incident' && seat === '1' && e.incidentId)
      item.directedByYou = view.attributions[e.incidentId] === 'directed';
    return [item];
  });
  for (const card of inbox) {
    if (card.kind !== 'proposal' || !card.ratifying || card.reframed === 0) continue;
    const lines = card.clauses.flatMap((cl) =>
      !cl.struck && cl.reframedFrom
        ? [`${cl.name}: you wrote ${cl.reframedFrom}, delivered as ${cl.sizeLabel}`]
        : [],
    );
    out.push({
      kind: 'reframe',
      round: view.round,
      heading: 'Your memo was reframed',
      text: `The broker changed your memo before delivering it: ${lines.join('; ')}.`,
      effects: [],
    });
  }
  if (seat === BROKER)
    for (const p of view.proposals) {
      if (p.dueRound !== view.round || p.stage === 'open' || p.stage === 'message') continue;
      if (view.step !== 'press' && view.step !== 'over') continue;
      out.push({
        kind: 'answered',
        round: view.round,
        heading: 'Answered',
        text: `${PROPOSAL_KIND_WORDS[p.kind]}: ${PROPOSAL_STAGE_WORDS[p.stage]}.`,
        effects: [],
      });
    }
  return out;
}

function trackChangesOf({ view, scenario }: Ctx, lastSeen?: LastSeen): Effect[] {
  const before = lastSeen?.tracks ?? view.history[view.history.length - 1]?.tracks;
  if (!before) return [];
  const keys = TRACK_NAMES.filter((k): k is Exclude<TrackName, 'breakout'> => k !== 'breakout');
  return nonZero(keys.map((k) => trackEffect(scenario, k, view.tracks[k] - before[k])));
}

// ---------------------------------------------------------------------------------------------
// Moves
// ---------------------------------------------------------------------------------------------

/** The step each move belongs to ('done' belongs to every step). */
const MOVE_STEP: Record<Exclude<MoveName, 'done' | 'ready' | 'start'>, Step> = {
  setPosture: 'drafting',
  draftMemo: 'drafting',
  withdrawMemo: 'drafting',
  relay: 'mediation',
  hold: 'mediation',
  leak: 'mediation',
  bundle: 'mediation',
  tableProposal: 'mediation',
  respond: 'response',
  statement: 'press',
};

/** Who may make each move, in words for the seat that may not. */
const MOVE_ROLE: Record<
  Exclude<MoveName, 'done' | 'statement' | 'ready' | 'start'>,
  ['principal' | 'broker', string]
> = {
  setPosture: ['principal', 'Only the principals set postures.'],
  draftMemo: ['principal', 'Only the principals write memos.'],
  withdrawMemo: ['principal', 'Only the principals withdraw memos.'],
  relay: ['broker', 'Only the broker relays memos.'],
  hold: ['broker', 'Only the broker holds memos.'],
  leak: ['broker', 'Only the broker can leak a memo.'],
  bundle: ['broker', 'Only the broker bundles clauses.'],
  tableProposal: ['broker', 'Only the broker tables proposals.'],
  respond: ['principal', 'Only the principals answer proposals.'],
};

/** What a move costs in general, from the tunables. */
function moveCost(scenario: Scenario, move: MoveName): Effect[] {
  const costs = mediationCosts(scenario);
  const capital = (n: number) => trackEffect(scenario, 'capital', -n);
  switch (move) {
    case 'relay':
      return costs.reframe
        ? [
            {
              ...capital(costs.reframe),
              text: `${trackWord(scenario, 'capital')} ${signed(-costs.reframe)} a reframe, paid when it comes out (ratification, a leak’s exposure or the end)`,
            },
          ]
        : [];
    case 'bundle':
      return nonZero([capital(costs.bundle)]);
    case 'tableProposal':
      return nonZero([capital(costs.table)]);
    case 'leak':
      return nonZero([
        capital(costs.leak),
        effect('its author’s pressure', scenario.tunables.mediation.leakPressure),
      ]);
    default:
      return [];
  }
}

function instanceOf(c: Ctx, move: MoveName, args: unknown[]): MoveInstance {
  const { view, scenario, seat } = c;
  const m = scenario.tunables.mediation;
  const capital = (n: number) => nonZero([trackEffect(scenario, 'capital', -n)]);
  const memoName = (id: unknown) => {
    const memo = view.memos.find((x) => x.id === id);
    return memo ? `${seatName(scenario, memo.author)}’s memo of round ${memo.round}` : 'a memo';
  };
  let label: string = MOVE_WORDS[move];
  let cost: Effect[] = [];
  let effects: Effect[] = [];
  switch (move) {
    case 'setPosture': {
      const fx = postureEffects(scenario);
      const a = args[0] as {
        enforcement?: Enforcement;
        proxyLeash?: ProxyLeash;
        enrichment?: Enrichment;
      };
      if (a.enforcement) {
        effects = fx.enforcement(a.enforcement);
        label = withEffects(ENFORCEMENT_WORDS[a.enforcement], effects);
      } else if (a.proxyLeash && a.enrichment) {
        effects = [...fx.leash(a.proxyLeash), ...fx.enrichment(a.enrichment)];
        label = `${LEASH_WORDS[a.proxyLeash]}; ${ENRICHMENT_WORDS[a.enrichment]} (${effects.map((e) => e.text).join(', ')})`;
      }
      break;
    }
    case 'draftMemo': {
      const a = args[0] as {
        clauses: { id: string; size: string; giver: 'self' | 'other' | 'both' }[];
      };
      const words = a.clauses.map((cl) => {
        const def = clauseDef(scenario, cl.id);
        return `${def?.name ?? 'a clause'}: ${def?.sizes.find((s) => s.id === cl.size)?.label ?? ''}`;
      });
      label = words.length ? `Memo: ${words.join('; ')}` : 'Memo: a message without clauses';
      break;
    }
    case 'relay': {
      const o = (args[1] ?? {}) as {
        redactClauses?: number[];
        reframes?: unknown[];
        redactSpans?: unknown[];
      };
      const parts: string[] = [];
      if (o.redactClauses?.length)
        parts.push(`striking ${plural(o.redactClauses.length, 'clause')}`);
      if (o.redactSpans?.length) parts.push('striking part of the text');
      if (o.reframes?.length) parts.push(`reframing ${plural(o.reframes.length, 'clause')}`);
      label = `Relay ${memoName(args[0])}${parts.length ? `, ${parts.join(', ')}` : ' as written'}`;
      cost = capital((o.reframes?.length ?? 0) * m.reframeCost);
      break;
    }
    case 'hold':
      label = `Hold ${memoName(args[0])}`;
      break;
    case 'leak': {
      label = `Leak ${memoName(args[0])}`;
      cost = moveCost(scenario, 'leak');
      const memo = view.memos.find((x) => x.id === args[0]);
      if (memo && m.leakCredit && leakKind(memo) !== 'message') {
        const posturing = leakKind(memo) === 'demand';
        cost = [
          ...cost,
          {
            ...effect('your credit', posturing ? m.leakCredit : -m.leakCredit),
            text: posturing
              ? `your credit ${signed(m.leakCredit)}: the memo gives nothing, so the leak exposes posturing`
              : `your credit ${signed(-m.leakCredit)}: the memo makes a real offer, and leaking it burns it`,
          },
        ];
      }
      break;
    }
    case 'bundle':
      label = 'Bundle clauses from memos of both sides';
      cost = capital(m.bundleCost);
      break;
    case 'tableProposal': {
      const a = args[0] as { clauses: Clause[] };
      label = `Table: ${a.clauses.map((cl) => clauseModel(scenario, cl).text).join('; ')}`;
      cost = capital(m.tableCost);
      break;
    }
    case 'respond':
      label = args[1] === 'accept' ? 'Accept' : 'Reject';
      break;
    case 'statement': {
      const p = scenario.tunables.press;
      const a = args[0] as { kind: 'claim' | 'blame' | 'silence'; target?: string };
      if (a.kind === 'silence') label = 'No comment';
      else if (a.kind === 'claim') {
        label = `Claim credit for ${dealName(a.target ?? '')}`;
        effects = [
          effect('your credit', p.claimCredit, { track: 'credit', ...(seat ? { seat } : {}) }),
        ];
        if (seat === BROKER) cost = capital(brokerClaimCost(view, scenario));
      } else {
        const target = isSeat(a.target) ? a.target : null;
        label = `Blame ${target ? seatName(scenario, target) : 'another seat'}`;
        effects = nonZero([
          effect('their credit', -p.blameCredit, {
            track: 'credit',
            ...(target ? { seat: target } : {}),
          }),
          ...(isPrincipal(target) ? [effect('their pressure', p.blamePressure)] : []),
        ]);
      }
      break;
    }
    case 'done':
      label = MOVE_WORDS.done;
      break;
  }
  return { move, args, label, cost, effects } as MoveInstance;
}

function moveReason(c: Ctx, move: MoveName, instances: MoveInstance[]): string | null {
  const { view, seat } = c;
  if (instances.length > 0) return null;
  if (seat === null) return 'You are watching this table: only the seated players make moves.';
  if (view.final || view.step === 'over') return 'The match is over.';
  // The lobby's moves (src/game/lobby.ts): the rules' own reason.
  if (move === 'ready' || move === 'start') return forPerson(firstRefusal(view, seat, move), c.g);
  if (move !== 'done' && move !== 'statement') {
    const [who, words] = MOVE_ROLE[move];
    if ((who === 'broker') !== (seat === BROKER)) return words;
  }
  const step = move === 'done' ? view.step : MOVE_STEP[move];
  const turn = mayAct(view, seat, step);
  if (turn) return forPerson(turn, c.g);
  switch (move) {
    case 'relay':
    case 'hold':
    case 'leak':
      if (!view.memos.some((m) => m.status === 'pending')) return 'No memo is on your desk.';
      if (move === 'hold')
        return 'Every memo on your desk is at its turnaround limit: deliver it, leak it, or let it expire.';
      break;
    case 'bundle': {
      const sides = new Set(view.memos.filter((m) => m.status === 'pending').map((m) => m.author));
      if (sides.size < 2) return 'A bundle needs memos from both sides on your desk.';
      const cost = c.scenario.tunables.mediation.bundleCost;
      if (cost > capitalFree(view))
        return `A bundle costs ${cost} capital; you have ${capitalFree(view)} to spend.`;
      break;
    }
    case 'tableProposal': {
      const cost = c.scenario.tunables.mediation.tableCost;
      if (cost > capitalFree(view))
        return `Tabling a proposal costs ${cost} capital; you have ${capitalFree(view)} to spend.`;
      break;
    }
    case 'respond':
      return 'Nothing awaits your answer.';
    case 'draftMemo':
      return (
        why(c, 'draftMemo', [{ clauses: [], text: 'A probe.' }]) ?? 'No memo can be written now.'
      );
    default:
      break;
  }
  return forPerson(firstRefusal(view, seat, move), c.g);
}

function movesOf(c: Ctx): MovesModel {
  const legal = isSeat(c.seat) ? enumerate(c.view, c.seat) : [];
  const out: Partial<Record<MoveName, MoveModel>> = {};
  for (const move of MOVE_NAMES) {
    const instances = legal
      .filter((e) => e.move === move)
      .map((e) => instanceOf(c, e.move, e.args));
    const reason = moveReason(c, move, instances);
    out[move] = {
      move,
      label: MOVE_WORDS[move],
      possible: reason === null,
      reason,
      instances,
      cost: moveCost(c.scenario, move),
    };
  }
  return out as MovesModel;
}

/**
 * Every principal is in every response step and one still in it at the deadline is marked
 * stalled, whether or not it had anything to answer (docs/RULES.md: a mark tied to what was
 * delivered would reveal the delivery). So the seat is told to say done.
 */
function reminderOf({ view, seat, scenario }: Ctx, inbox: InboxItem[]): string | null {
  if (!isPrincipal(seat) || view.step !== 'response' || !view.pending.includes(seat)) return null;
  if (inbox.some((i) => i.kind === 'proposal' && i.due)) {
    const cost = stonewallCost(scenario);
    if (!cost || acceptedThisRound(view, seat)) return null;
    return `Turning down everything put to you this round costs you ${cost} point${cost === 1 ? '' : 's'} at the end (no other seat is told).`;
  }
  const timed = view.clock.deadline !== null || view.paused?.remaining != null;
  return timed
    ? 'Nothing awaits your answer: say you are done, or you will be marked stalled in public at the deadline.'
    : 'Nothing awaits your answer: say you are done.';
}

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

/**
 * Everything `seat` may see and do now, from its view (`viewFor(G, seat)`; a spectator passes
 * null). `clock` reads the server's time; `lastSeen` is the previous model's `seen`.
 */
export function seatModel(
  view: SeatView,
  seat: Seat | null,
  clock: ModelClock,
  lastSeen?: LastSeen,
): SeatModel {
  const scenario = getScenario(view.options.scenario);
  const c: Ctx = { view, seat, scenario, g: glossaryFor(scenario) };
  const inbox = inboxOf(c);
  const memosLeft = isPrincipal(seat)
    ? Math.max(
        0,
        MAX_MEMOS_PER_ROUND -
          view.memos.filter((m) => m.author === seat && m.round === view.round).length,
      )
    : 0;
  return {
    seat,
    role: roleOf(seat),
    you: seat === null ? 'Spectator' : seatName(scenario, seat),
    scenario: { id: scenario.id, name: scenario.name },
    round: view.round,
    rounds: view.options.rounds,
    step: view.step,
    stepName: STEP_NAMES[view.step],
    stepHelp: STEP_HELP[view.step],
    over: view.step === 'over' || view.final !== undefined,
    acting: seat !== null && view.pending.includes(seat),
    paused: view.paused !== undefined,
    seats: seatsOf(c),
    tracks: tracksOf(c),
    countdown: countdownOf(c, clock()),
    objectives: objectivesOf(c),
    postures: posturesOf(c),
    inbox,
    memos: memosOf(c),
    proposals: brokerProposalsOf(c),
    deals: dealsOf(c),
    incidents: incidentsOf(c),
    changes: changesOf(c, inbox, lastSeen),
    trackChanges: trackChangesOf(c, lastSeen),
    seen: { feed: view.feed.length, tracks: { ...view.tracks } },
    moves: movesOf(c),
    reminder: reminderOf(c, inbox),
    limits: { clausesPerMemo: MAX_CLAUSES, memosPerRound: MAX_MEMOS_PER_ROUND, memosLeft },
    ledger: seat === BROKER ? { owed: capitalOwed(view), free: capitalFree(view) } : null,
  };
}

/**
 * The countdown as it stands at `now` (server time): a screen that ticks every second re-reads
 * the model's countdown through this rather than working out the time left itself.
 */
export function countdownAt(countdown: Countdown, now: number): Countdown {
  if (countdown.paused || countdown.deadline === null) return countdown;
  const msLeft = Math.max(0, countdown.deadline - now);
  return {
    ...countdown,
    msLeft,
    secondsLeft: Math.ceil(msLeft / 1000),
    urgent: msLeft < URGENT_MS,
    text: `${formatCountdown(msLeft)} left`,
  };
}

/** Whether the true breakout value is shown to A and the broker (a verified inspections deal). */
export { breakoutRevealed, interdictionBlocked };
