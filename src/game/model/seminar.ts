// The seminar screens' models (projector, facilitator console, debrief), built from the seat
// model and the shared words, never worked out again by a screen:
// - `tableModel(table, session, clock)`: one table of the facilitator's dashboard as a spectator
//   sees it. The dashboard sends a spectator's public facts of each table (server/seminar.ts); they
//   are put back into the spectator's view shape (`publicView`) and read through
//   `seatModel(view, null, clock)`, so its tracks, countdown, deals, step and seats are the seat
//   model's own. Only the fields the dashboard carries are kept (`TableModel`).
// - `outcomeModel`: a finished match's outcome, how it ended, and each seat's score.
// - `headlines`: the public feed's latest entries for a room's screen.
// - `trackLine`, `dealNames`, `facilitatorReason`, `seatChangeText`: the words these screens add.
import { getScenario, hasScenario, DEFAULT_SCENARIO } from '../scenario';
import { noSecrets } from '../view';
import { TRACK_NAMES, type Scenario, type TrackName } from '../scenario/schema';
import {
  botLabel,
  formatCountdown,
  seatModel,
  seatName,
  trackLabel,
  type Countdown,
  type DealModel,
  type ModelClock,
  type SeatInfo,
  type SeatModel,
  type TrackModel,
} from '../seat-model';
import type {
  Clock,
  Deal,
  FeedEntry,
  FeedKind,
  Final,
  MatchOptions,
  MemoStatus,
  Paused,
  Seat,
  SeatView,
  Step,
  Tracks,
} from '../types';
import { OUTCOME_NAMES, ROLE_NAMES, STEP_NAMES, looksInternal, plural, signed } from '../words';

export const SEATS: readonly Seat[] = ['0', '1', '2'];

type BotSpec = NonNullable<MatchOptions['bots'][Seat]>;

/** What the dashboard sends of one running table: no more than a spectator sees. */
export interface PublicTable {
  table: number;
  round: number;
  rounds: number;
  step: Step;
  clock: Clock;
  paused?: Paused | null;
  pending: Seat[];
  tracks: Tracks;
  breakout: { estimate: number; true?: number };
  deals: Deal[];
  feed: FeedEntry[];
  final?: Final;
  seats: { seat: Seat; bot?: BotSpec | null }[];
}

/** A session's options as the dashboard sends them. */
export interface PublicSession {
  scenario: string;
  rounds: number;
}

/** The scenario of a session (the default one if this build does not know it). */
export function sessionScenario(id: string | undefined): Scenario {
  return getScenario(id && hasScenario(id) ? id : DEFAULT_SCENARIO);
}

/**
 * A dashboard table in the shape of a spectator's view (`viewFor(G, null)`), so the seat model
 * reads it. What the dashboard does not carry (incidents, statements, the history, credit,
 * walkouts) is left empty: `TableModel` keeps none of the fields built from those.
 */
export function publicView(t: PublicTable, session: PublicSession): SeatView {
  const bots: MatchOptions['bots'] = {};
  for (const s of t.seats) if (s.bot) bots[s.seat] = { ...s.bot };
  return {
    options: {
      scenario: sessionScenario(session.scenario).id,
      rounds: t.rounds,
      timerPreset: 'custom',
      stepSeconds: null,
      bots,
    },
    round: t.round,
    step: t.step,
    clock: t.clock,
    pending: t.pending,
    tracks: t.tracks,
    breakout: { estimate: t.breakout.estimate },
    credit: { '0': 0, '1': 0, '2': 0 },
    walkouts: { '0': [], '1': [] },
    incidents: [],
    deals: t.deals,
    feed: t.feed,
    statements: [],
    counters: { deal: t.deals.length, incident: 0 },
    history: [],
    ...noSecrets(),
    ...(t.paused ? { paused: t.paused } : {}),
    ...(t.final ? { final: t.final } : {}),
  };
}

/** A seat as a dashboard table shows it: the seat model's, without what the dashboard lacks. */
export type TableSeat = Omit<SeatInfo, 'credit' | 'walkedOut' | 'you'>;

export interface TableModel extends Pick<
  SeatModel,
  'round' | 'rounds' | 'step' | 'stepName' | 'over' | 'paused'
> {
  table: number;
  tracks: TrackModel[];
  countdown: Countdown;
  deals: (DealModel & { name: string })[];
  seats: Record<Seat, TableSeat>;
  /** "Round 2 of 6 · Mediation", "Ended: Durable deal". */
  status: string;
  outcome: OutcomeModel | null;
}

/** The seat model's public part of a spectator's model, with the seminar screens' words. */
export function publicModel(model: SeatModel, final: Final | undefined, table = 0): TableModel {
  const scenario = getScenario(model.scenario.id);
  const names = dealNames(model.deals);
  const outcome = final ? outcomeModel(scenario, final) : null;
  const seats = Object.fromEntries(
    SEATS.map((s) => {
      const { credit: _c, walkedOut: _w, you: _y, ...rest } = model.seats[s];
      return [s, rest];
    }),
  ) as Record<Seat, TableSeat>;
  return {
    table,
    round: model.round,
    rounds: model.rounds,
    step: model.step,
    stepName: model.stepName,
    over: model.over,
    paused: model.paused,
    tracks: model.tracks,
    countdown: model.countdown,
    // After the last resolution a deal still verifying never verifies: it does not "verify next".
    deals: model.deals.map((d) => ({
      ...d,
      name: names.get(d.id)!,
      ...(model.over && d.status === 'verifying' ? { text: VERIFYING_AT_END } : {}),
    })),
    seats,
    status: outcome
      ? `Ended: ${outcome.name}`
      : model.over
        ? STEP_NAMES.over
        : `Round ${model.round} of ${model.rounds} · ${model.stepName}`,
    outcome,
  };
}

/** A deal still verifying when the match ended. */
export const VERIFYING_AT_END = 'still being verified at the end';

/** One dashboard table, read through the seat model of a spectator. */
export function tableModel(t: PublicTable, session: PublicSession, clock: ModelClock): TableModel {
  return publicModel(seatModel(publicView(t, session), null, clock), t.final, t.table);
}

// ---------------------------------------------------------------------------------------------
// Words the seminar screens add

/** A track as a line of a chart or a bar: its label, and "(estimate)" where it is one. */
export function trackLine(t: Pick<TrackModel, 'label' | 'estimate'>): string {
  return t.estimate ? `${t.label} (estimate)` : t.label;
}

/** The tracks' labels for a column heading of a class summary (public values: estimates). */
export function trackColumns(model: Pick<TableModel, 'tracks'>): string[] {
  return model.tracks.map(trackLine);
}

/** Deals by name, as people count them: "Deal 1", "Deal 2", in the order they were signed. */
export function dealNames(deals: readonly { id: string }[]): Map<string, string> {
  return new Map(deals.map((d, i) => [d.id, `Deal ${i + 1}`]));
}

/** A deal in a line: "Deal 1: signed in round 2, verifies after 2 more resolutions". */
export function dealLine(d: DealModel & { name: string }): string {
  return d.status === 'verifying'
    ? `${d.name}: signed in round ${d.signedRound}, ${d.text}`
    : `${d.name}: ${d.text}`;
}

/** Deals of a table in a sentence: "2 signed, 1 verified, 1 collapsed". */
export function dealCounts(deals: readonly { status: string }[]): string {
  if (deals.length === 0) return 'none signed';
  const n = (s: string) => deals.filter((d) => d.status === s).length;
  return `${deals.length} signed, ${n('verified')} verified, ${n('collapsed')} collapsed`;
}

export interface ScoreLine {
  seat: Seat;
  name: string;
  role: string;
  score: number;
  normalised: number;
  winner: boolean;
}

export interface OutcomeModel {
  outcome: Final['outcome'];
  name: string;
  reason: Final['reason'];
  scores: ScoreLine[];
  /** "Washington and Doha won", "Nobody won". */
  winners: string;
}

export function outcomeModel(scenario: Scenario, final: Final): OutcomeModel {
  const names = final.winners.map((s) => seatName(scenario, s));
  return {
    outcome: final.outcome,
    name: OUTCOME_NAMES[final.outcome],
    reason: final.reason,
    scores: SEATS.map((s) => ({
      seat: s,
      name: seatName(scenario, s),
      role: ROLE_NAMES[s],
      score: final.scores[s],
      normalised: final.normalised[s],
      winner: final.winners.includes(s),
    })),
    winners: names.length ? `${names.join(' and ')} won` : 'Nobody won',
  };
}

/** How a finished match ended, in a clause: "after the last round", "in war in round 3". */
export function endedHow(final: Final, round: number): string {
  return final.reason === 'rounds'
    ? 'after the last round'
    : final.reason === 'war'
      ? `in war in round ${round}`
      : `by a walkout in round ${round}`;
}

export interface Headline {
  round: number;
  kind: FeedKind;
  text: string;
  /** "Round 3". */
  when: string;
}

/** The public feed's latest `n` entries, newest first (round markers left out). */
export function headlines(feed: readonly FeedEntry[], n = 6): Headline[] {
  return feed
    .filter((e) => e.kind !== 'round')
    .slice(-n)
    .reverse()
    .map((e) => ({
      round: e.round,
      kind: e.kind,
      text: feedWords(e.text),
      when: `Round ${e.round}`,
    }));
}

/**
 * A public feed entry's text as people read it: the rules write a deal by its id ("Deal d2
 * signed"); people count deals ("Deal 2 signed"), as `dealNames` does.
 */
export function feedWords(text: string): string {
  return text.replace(/\bDeal d(\d+)\b/g, 'Deal $1');
}

/** Said when the server's reason for refusing is not a person's words. */
export const FACILITATOR_FALLBACK = 'the server refused it';

/** The fields of the seminar API's requests, as a person knows them (server/seminar.ts). */
const FIELD_WORDS: Record<string, string> = {
  classList: 'the class list',
  label: 'the session label',
  rounds: 'the number of rounds',
  tables: 'the number of tables',
  timer: 'the timers',
  scenario: 'the scenario',
  name: 'your name',
  seat: 'the seat',
  level: 'the bot level',
  persona: 'the bot persona',
};

/**
 * The seminar server's or the rules' reason for refusing, in a person's words: a request field by
 * what it is ("the class list: …"), seats by their scenario names (with a scenario), steps by
 * their names; anything else internal is not shown (`fallback` instead).
 */
export function serverReason(
  reason: string | undefined,
  scenario?: Scenario,
  fallback = FACILITATOR_FALLBACK,
): string {
  if (!reason) return fallback;
  const steps = STEP_NAMES as Record<string, string>;
  const text = reason
    .replace(/^(\w+): /, (m, field: string) => (FIELD_WORDS[field] ? `${FIELD_WORDS[field]}: ` : m))
    .replace(/\bseat ([012])\b/g, (m, s: Seat) => (scenario ? seatName(scenario, s) : m))
    .replace(/\bthe (\w+) step\b/g, (m, step: string) =>
      steps[step] ? `the ${steps[step].toLowerCase()} step` : m,
    )
    .replace(/^the scenario has no inject "[^"]*"$/, 'the scenario has no such inject');
  return looksInternal(text) ? fallback : text;
}

/** The reason a facilitator's action was refused, in the facilitator's words. */
export const facilitatorReason = (reason: string | undefined, scenario: Scenario): string =>
  serverReason(reason, scenario);

/** What the facilitator is told a seat change did, seat by its scenario name and role. */
export function seatChangeText(
  scenario: Scenario,
  table: number,
  seat: Seat,
  change:
    | { toBot: true; bot: BotSpec; student: string | null }
    | { toBot: false; student: string | null; kept: string | null },
): string {
  const who = `${seatName(scenario, seat)} (${ROLE_NAMES[seat]})`;
  if (change.toBot)
    return `Table ${table}: ${botLabel(change.bot)} now plays ${who}${change.student ? `, standing in for ${change.student}` : ''}.`;
  if (change.student) return `Table ${table}: ${who} is back with ${change.student}.`;
  return change.kept
    ? `Table ${table}: ${who} is an open seat again, kept for ${change.kept}.`
    : `Table ${table}: ${who} is an open seat again.`;
}

/** "3 tables", "1 table". */
export const tablesWord = (n: number): string => plural(n, 'table');

/** A table's clock for a screen that shows a paused badge beside it: the badge, then the time. */
export function clockWords(c: Countdown, over: boolean): { badge: string | null; time: string } {
  if (over) return { badge: null, time: '' };
  if (!c.paused) return { badge: null, time: c.text };
  return {
    badge: 'Paused by the facilitator',
    time: c.msLeft === null ? '' : `${formatCountdown(c.msLeft)} left`,
  };
}

/** Track changes in words, tracks in the usual order: "Escalation +1, Oil price −1" (or "none"). */
export function trackChangeWords(
  scenario: Scenario,
  deltas: Partial<Record<TrackName, number | undefined>>,
): string {
  const parts = TRACK_NAMES.filter((k) => (deltas[k] ?? 0) !== 0).map(
    (k) => `${trackLabel(scenario, k)} ${signed(deltas[k]!)}`,
  );
  return parts.length ? parts.join(', ') : 'none';
}

/** What the record says became of a memo, for the debrief ("relayed", "leaked to the press"). */
export const MEMO_RECORD_WORDS: Record<MemoStatus, string> = {
  relayed: 'relayed',
  leaked: 'leaked to the press',
  bundled: 'bundled',
  expired: 'expired unanswered',
  held: 'still held at the end',
  pending: 'never handled',
  draft: 'never sent',
  'with-broker': 'with the broker',
};
