// The match state. Public fields are visible to every seat and spectator; the fields marked
// "hidden" are filtered per seat by view.ts. A seat's view has this same shape with the hidden
// parts cut down to what that seat may see, so the rules' checks and `enumerate` run on either.
import type { ClauseEffects, ObjectiveCard, TrackDeltas } from './scenario/schema';

export type Seat = '0' | '1' | '2';
export type PrincipalSeat = '0' | '1';
export type Side = 'A' | 'B';
export type Giver = Side | 'both';
export type Step = 'drafting' | 'mediation' | 'response' | 'press' | 'over';
export type TimedStep = Exclude<Step, 'over'>;

export type Enforcement = 'relax' | 'hold' | 'tighten' | 'interdict';
export type ProxyLeash = 'restrain' | 'loose' | 'unleash';
export type Enrichment = 'pause' | 'steady' | 'advance';
export interface PostureA {
  enforcement: Enforcement;
}
export interface PostureB {
  proxyLeash: ProxyLeash;
  enrichment: Enrichment;
}

/** A clause as stored: catalog id, size id and the side that gives it. */
export interface Clause {
  id: string;
  size: string;
  giver: Giver;
}

/** Seconds each timed step lasts on the wall clock; null when the match is untimed. */
export type StepSeconds = Record<TimedStep, number>;

export interface MatchOptions {
  scenario: string;
  rounds: number;
  timerPreset: 'seminar' | 'blitz' | 'correspondence' | 'untimed' | 'custom';
  stepSeconds: StepSeconds | null;
  /** Seats played by the server's bots in an online match. */
  bots: Partial<
    Record<Seat, { level: 'easy' | 'normal' | 'hard'; persona?: 'hawk' | 'dove' | 'staller' }>
  >;
  /** The match waits in a lobby until its seats are ready (src/game/lobby.ts); `host` may start it. */
  lobby?: { host: Seat };
}

export interface Clock {
  round: number;
  step: Step;
  /** Server time (ms since epoch) when the step began. */
  startedAt: number;
  /** Server time (ms) when the step expires; null when untimed or paused. */
  deadline: number | null;
  /** Seconds a seminar's facilitator has added to this step (capped). */
  extendedSeconds?: number;
}

/** A seminar table paused by its facilitator: the step's time left when it was paused. */
export interface Paused {
  since: number;
  /** ms left on the step's deadline; null when the step has none. */
  remaining: number | null;
}

/** The public tracks at the end of a round (round 0: the start of the match). */
export interface HistoryEntry {
  round: number;
  tracks: Tracks;
  /** The public estimate of breakout at that moment. */
  estimate: number;
}

export interface Tracks {
  escalation: number;
  oilLeak: number;
  oilPrice: number;
  pressureA: number;
  pressureB: number;
  capital: number;
}

export interface BreakoutInfo {
  /** This round's intelligence estimate (true value ± error), public. */
  estimate: number;
  /** Hidden: the true value. Present for B, and for A and the broker while an inspections deal holds. */
  true?: number;
}

/** Breakout in the full state: the true value is always there. */
export interface TrueBreakout extends BreakoutInfo {
  true: number;
}

export interface DeliveredText {
  /** The delivered wording of the text: each struck span shows as ███. */
  text: string;
}

export interface Reframe {
  clause: number;
  from: string;
  to: string;
}

/** A memo as handled by the broker. */
export interface Delivery {
  round: number;
  /** The clauses as delivered, in order; null where a clause was struck. */
  clauses: (Clause | null)[];
  text: string;
  note: string;
  redactClauses: number[];
  redactSpans: [number, number][];
  reframes: Reframe[];
  /**
   * Capital the reframes cost, not yet paid: a reframe is paid when it comes out (the author
   * ratifies, a leak exposes it, or the match ends), so that no public track marks the memo as
   * altered when it arrives. Absent when nothing is owed. The broker's alone (principals never
   * see a delivery).
   */
  owed?: number;
}

export type MemoStatus =
  | 'draft'
  | 'pending'
  | 'held'
  | 'relayed'
  | 'leaked'
  | 'bundled'
  | 'expired'
  /** Author's view only: the memo is with the broker and its fate is not known to the author. */
  | 'with-broker';

export interface Memo {
  id: string;
  author: PrincipalSeat;
  round: number;
  clauses: Clause[];
  text: string;
  status: MemoStatus;
  /** Mediation steps this memo has been carried over (held) so far. */
  heldSteps: number;
  /** The last mediation step (round) in which the broker may still deliver it. */
  lastRound: number;
  delivery?: Delivery;
  /** Whether a reframe in this memo was exposed by a leak. */
  exposed?: boolean;
}

export type ProposalKind = 'relay' | 'bundle' | 'table';
export type ProposalStage =
  'message' | 'open' | 'ratification' | 'signed' | 'rejected' | 'lapsed' | 'void';
export type Answer = 'accept' | 'reject';

export interface Proposal {
  id: string;
  kind: ProposalKind;
  round: number;
  /** The relayed memo, for kind `relay`. */
  memoId?: string;
  /** The author of a relayed memo (who ratifies). */
  author?: PrincipalSeat;
  /** The seat(s) it was delivered to. */
  recipients: PrincipalSeat[];
  /** What is on the table: the delivered wording, struck clauses removed. */
  clauses: Clause[];
  /** The delivered wording as the recipient reads it, with struck clauses as null. */
  shown: (Clause | null)[];
  text: string;
  note: string;
  stage: ProposalStage;
  /** Who must answer, and in which round's response step. */
  due: PrincipalSeat[];
  dueRound: number;
  answers: Partial<Record<PrincipalSeat, Answer>>;
  /** For bundles: which memo clauses it merged (broker and debrief only). */
  parts?: { memoId: string; clause: number }[];
  dealId?: string;
}

export type DealStatus = 'verifying' | 'verified' | 'collapsed';
export interface Deal {
  id: string;
  proposalId: string;
  kind: ProposalKind;
  clauses: Clause[];
  signedRound: number;
  /** Resolutions left before it verifies. */
  verifyLeft: number;
  status: DealStatus;
  verifiedRound?: number;
  collapsedRound?: number;
  /** Round until which A may not interdict, if the deal carries an interdiction pause. */
  interdictionBlockedUntil?: number;
}

export interface Incident {
  id: string;
  round: number;
  card: string;
  headline: string;
  place: string;
  effects: TrackDeltas;
}

export type Attribution = 'rogue' | 'directed';

export type StatementKind = 'claim' | 'blame' | 'silence';
export interface Statement {
  seat: Seat;
  round: number;
  kind: StatementKind;
  /** A deal id for a claim, a seat for a blame. */
  target?: string;
}

export type FeedKind =
  | 'round'
  | 'incident'
  | 'collapse'
  | 'signed'
  | 'verified'
  | 'leak'
  | 'exposure'
  | 'expiry'
  | 'stalled'
  | 'walkout'
  | 'crisis'
  | 'statement'
  | 'void'
  | 'war'
  | 'end'
  /** A seminar facilitator's action (pause, resume, extend, end a step, hand a seat to a bot). */
  | 'facilitator'
  /** A seminar inject: a headline and its track changes, sent by the facilitator. */
  | 'inject';

export interface FeedEntry {
  round: number;
  kind: FeedKind;
  text: string;
  /** Public references: the seat, deal, incident or memo the entry is about. */
  seat?: Seat;
  dealId?: string;
  incidentId?: string;
  /** For a leak: the memo as written, now public. */
  memo?: { id: string; author: PrincipalSeat; clauses: Clause[]; text: string };
}

export type Outcome = 'durable-deal' | 'codified-stalemate' | 'collapse' | 'war';

export interface Final {
  reason: 'rounds' | 'war' | 'walkout';
  outcome: Outcome;
  scores: Record<Seat, number>;
  normalised: Record<Seat, number>;
  winners: Seat[];
}

export interface Stats {
  memosWritten: number;
  relayed: number;
  redacted: number;
  reframed: number;
  held: number;
  leaked: number;
  bundled: number;
  tabled: number;
  expired: number;
  stalls: number;
}

/**
 * What the full state and a seat's view share. The three secrets that only some readers may hold
 * (the true breakout value, the broker's handling counts, the broker's mandate) are declared apart
 * in `BackchannelState` (required) and `SeatView` (optional), so the compiler refuses code that
 * reads a secret from a view as if it were there.
 */
export interface StateCommon {
  options: MatchOptions;
  round: number;
  step: Step;
  clock: Clock;
  /** Seats that still have to act (or say done) in the current step: public, so tables show who has acted. */
  pending: Seat[];
  tracks: Tracks;
  credit: Record<Seat, number>;
  /** Round in which a principal sits out drafting after walking out. */
  walkouts: Record<PrincipalSeat, number[]>;
  incidents: Incident[];
  deals: Deal[];
  feed: FeedEntry[];
  statements: Statement[];
  /** Counters used to build public ids (deals, incidents). */
  counters: { deal: number; incident: number };
  final?: Final;
  /**
   * Set while the match waits in its lobby (public): the creator's seat and the seats that said
   * ready. Nothing is dealt or timed until it is gone (src/game/lobby.ts).
   */
  lobby?: { host: Seat; ready: Seat[] };
  /** Set while a seminar's facilitator has paused the table (public). */
  paused?: Paused;
  /** The public tracks round by round, for the debrief's chart. */
  history: HistoryEntry[];

  // hidden: filtered per seat in view.ts
  /** The true breakout value at the same moments as `history` (debrief only). */
  breakoutHistory: number[];

  // hidden: filtered per seat in view.ts
  agendas: Partial<Record<PrincipalSeat, ObjectiveCard[]>>;
  postures: { '0'?: PostureA; '1'?: PostureB };
  memos: Memo[];
  proposals: Proposal[];
  attributions: Record<string, Attribution>;
  /** Statements made in this press step, published when it ends. */
  sealedStatements: Partial<Record<Seat, Statement>>;
  /** The PRNG seed, revealed once the match is over (debrief). */
  seed?: string;
  /**
   * Each seat's own accepted moves, in order, for its action log (src/game/model/journal.ts).
   * Hidden: a seat sees only its own. Absent in matches stored before it existed.
   */
  journal?: Partial<Record<Seat, JournalEntry[]>>;
}

/** One accepted move of a seat, as its own action log lists it. */
export interface JournalEntry {
  round: number;
  step: Step;
  /** Server time it ran at. */
  at: number;
  move: string;
  /** What it acted on: a memo, a proposal (by id), or a statement's target. */
  ref?: string;
  /** The choice made: an answer, a statement's kind, the postures set. */
  detail?: string;
}

export type { ClauseEffects, ObjectiveCard, TrackDeltas };

/** The full match state, as the server holds it: every secret present. */
export interface BackchannelState extends StateCommon {
  breakout: TrueBreakout;
  /** Hidden: the broker's handling counts (broker and debrief only). */
  stats: Stats;
  /** Hidden: the broker's mandate (broker and debrief only). */
  mandate: ObjectiveCard;
  /**
   * Hidden until the end: response steps in which each principal turned down everything it could
   * accept (scoring.stonewall). Absent in states from before the rule, and in every view.
   */
  stonewalls?: Partial<Record<PrincipalSeat, number>>;
}

/**
 * A seat's view of the match (view.ts `viewFor`): the state with the hidden parts cut down to
 * what that seat may see, so each secret is optional. The full state is also a view (the
 * debrief's, after the end), so the rules' checks, `enumerate` and the seat model take this type
 * and run on either.
 */
export interface SeatView extends StateCommon {
  breakout: BreakoutInfo;
  stats?: Stats;
  mandate?: ObjectiveCard;
}
