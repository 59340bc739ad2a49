// Words for what the rules hold: seat names, clauses, steps, outcomes.
import { clauseDef } from '../game/clauses';
import { TRACK_NAMES, type Scenario, type TrackName } from '../game/scenario/schema';
import type { Clause, Outcome, Seat, Step, TrackDeltas } from '../game/types';

const SEAT_KEY = { '0': 'A', '1': 'B', '2': 'broker' } as const;

export function seatName(scenario: Scenario, seat: Seat): string {
  return scenario.seats[SEAT_KEY[seat]].name;
}

/** Every seat's name, by seat. */
export const seatNames = (scenario: Scenario): Record<Seat, string> => ({
  '0': seatName(scenario, '0'),
  '1': seatName(scenario, '1'),
  '2': seatName(scenario, '2'),
});

export type TrackKey = TrackName;

/** The tracks in the order every screen lists them (the scenario schema's). */
export const TRACK_ORDER: readonly TrackKey[] = TRACK_NAMES;

/** A track's name as a person reads it; `short` for narrow places (gauges on a phone). */
export function trackLabel(scenario: Scenario, key: TrackKey, short = false): string {
  switch (key) {
    case 'escalation':
      return 'Escalation';
    case 'breakout':
      return 'Breakout';
    case 'oilLeak':
      return short ? 'Oil leak' : 'Dark-fleet oil leak';
    case 'oilPrice':
      return 'Oil price';
    case 'pressureA':
    case 'pressureB': {
      const name = seatName(scenario, key === 'pressureA' ? '0' : '1');
      return short ? `Pressure ${key === 'pressureA' ? 'A' : 'B'}` : `Pressure on ${name}`;
    }
    case 'capital':
      return short ? 'Capital' : `${seatName(scenario, '2')}’s capital`;
  }
}

/** The breakout track's label, saying whether this seat sees the true value or the estimate. */
export const breakoutLabel = (estimate: boolean) =>
  `Breakout (${estimate ? 'estimate' : 'true value'})`;

/** A clause's size as a person reads it ("3 days"); the id only if the scenario lacks it. */
export function sizeLabel(scenario: Scenario, clause: Pick<Clause, 'id' | 'size'>): string {
  return (
    clauseDef(scenario, clause.id)?.sizes.find((s) => s.id === clause.size)?.label ?? clause.size
  );
}

export function roleName(seat: Seat): string {
  return seat === '0' ? 'Principal A' : seat === '1' ? 'Principal B' : 'Broker';
}

export function giverName(scenario: Scenario, giver: Clause['giver']): string {
  if (giver === 'both') return 'both sides';
  return seatName(scenario, giver === 'A' ? '0' : '1');
}

export function clauseText(scenario: Scenario, clause: Clause): string {
  const def = clauseDef(scenario, clause.id);
  return `${def?.name ?? clause.id}: ${sizeLabel(scenario, clause)} (given by ${giverName(scenario, clause.giver)})`;
}

export const STEP_NAMES: Record<Step, string> = {
  drafting: 'Drafting',
  mediation: 'Mediation',
  response: 'Response',
  press: 'Press',
  over: 'Match over',
};

export const STEP_HELP: Record<Step, string> = {
  drafting: 'Principals set their postures and write up to two memos to the broker.',
  mediation: 'The broker decides what each side hears: relay, redact, reframe, hold, leak, bundle.',
  response: 'Principals answer what the broker delivered: accept or reject.',
  press: 'Each seat may make one public statement.',
  over: 'The match is over.',
};

export const OUTCOME_NAMES: Record<Outcome, string> = {
  'durable-deal': 'Durable deal',
  'codified-stalemate': 'Codified stalemate',
  collapse: 'Collapse',
  war: 'War',
};

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

/** A signed change as a person reads it: +1, −2 (a true minus sign). */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : '±0';
}

/** "oil leak −2, oil price +1": the non-zero changes, in the order given. */
export function changes(parts: [string, number][]): string {
  return parts
    .filter(([, n]) => n !== 0)
    .map(([label, n]) => `${label} ${signed(n)}`)
    .join(', ');
}

/** Under this many ms left, a countdown is shown as urgent. */
export const URGENT_MS = 15_000;

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
