// Presentation helpers for the screens that do not yet read the seat model directly (the seminar
// screens, the Phaser widgets). No rule lives here: seat names, labels, clause words and step
// names are the seat model's and the words' own (src/game/seat-model.ts, src/game/words.ts),
// re-exported under the names these screens import; the rest only formats numbers and lists.
import { clauseModel, formatCountdown, seatName, trackLabel, URGENT_MS } from '../game/seat-model';
import { TRACK_NAMES, type Scenario, type TrackName } from '../game/scenario/schema';
import type { Clause, Seat, TrackDeltas } from '../game/types';
import { ROLE_NAMES, signed } from '../game/words';

export { botLabel, formatCountdown, seatName, trackLabel, URGENT_MS } from '../game/seat-model';
export { OUTCOME_NAMES, STEP_HELP, STEP_NAMES, signed } from '../game/words';

/** Every seat's name, by seat. */
export const seatNames = (scenario: Scenario): Record<Seat, string> => ({
  '0': seatName(scenario, '0'),
  '1': seatName(scenario, '1'),
  '2': seatName(scenario, '2'),
});

export type TrackKey = TrackName;

/** The tracks in the order every screen lists them (the scenario schema's). */
export const TRACK_ORDER: readonly TrackKey[] = TRACK_NAMES;

/** The breakout track's label, saying whether this seat sees the true value or the estimate. */
export const breakoutLabel = (estimate: boolean) =>
  `Breakout (${estimate ? 'estimate' : 'true value'})`;

/** A clause's size as a person reads it ("3 days"). */
export const sizeLabel = (scenario: Scenario, clause: Pick<Clause, 'id' | 'size'>): string =>
  clauseModel(scenario, { ...clause, giver: 'both' }).sizeLabel;

export const roleName = (seat: Seat): string => ROLE_NAMES[seat];

export function giverName(scenario: Scenario, giver: Clause['giver']): string {
  if (giver === 'both') return 'both sides';
  return seatName(scenario, giver === 'A' ? '0' : '1');
}

/** "Ceasefire: 30 days (given by Tehran)". */
export const clauseText = (scenario: Scenario, clause: Clause): string =>
  clauseModel(scenario, clause).text;

/** "oil leak −2, oil price +1": the non-zero changes, in the order given. */
export function changes(parts: [string, number][]): string {
  return parts
    .filter(([, n]) => n !== 0)
    .map(([label, n]) => `${label} ${signed(n)}`)
    .join(', ');
}

/**
 * A step's countdown in words, the same on every screen: "1:05 left", "Paused: 1:05 left",
 * "Paused", or "Untimed" (when `untimed` is given; some screens show nothing then).
 */
export function countdownText(
  paused: { remaining: number | null } | null | undefined,
  left: number | null,
  untimed = 'Untimed',
): string {
  if (paused)
    return paused.remaining === null
      ? 'Paused'
      : `Paused: ${formatCountdown(paused.remaining)} left`;
  return left === null ? untimed : `${formatCountdown(left)} left`;
}

export const isUrgent = (paused: unknown, left: number | null): boolean =>
  !paused && left !== null && left < URGENT_MS;

/** Track changes in words: "Escalation +1, Oil price −1" (tracks in the usual order). */
export function trackChanges(scenario: Scenario, deltas: TrackDeltas): string {
  return changes(
    TRACK_ORDER.map((k): [string, number] => [trackLabel(scenario, k), deltas[k] ?? 0]),
  );
}
