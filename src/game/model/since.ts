// "Since you were last here" (issue #12): when a person comes back to a match (a solo match resumed,
// an online seat reopened), what changed since their last look. The seat model works the changes
// out from the saved look (`seatModel(view, seat, clock, lastSeen)`: `changes`, `trackChanges`) and
// the desk model puts them in words; this only says whether there is anything to say and where the
// person last was, for the summary above the table (src/ui/since.ts).
import type { DeskModel } from './desk';
import type { LastSeen, SeatModel } from '../seat-model';
import type { Step } from '../types';
import { STEP_NAMES } from '../words';

export interface LastLook extends LastSeen {
  round: number;
  step: string;
  /** Browser time of the look (ms since the epoch). */
  at: number;
}

export interface SinceSummary {
  heading: string;
  /** Where the person last looked and where the match is now. */
  where: string;
  /** The tracks' movement since, in words; null when none moved. */
  tracks: string | null;
  changes: DeskModel['changes'];
}

/** "5 minutes ago", "2 hours ago", "3 days ago", "just now". */
export function agoText(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'just now';
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  return plural(Math.floor(hours / 24), 'day');
}

const stepName = (step: string) => STEP_NAMES[step as Step] ?? step;

/**
 * The summary for a person back at the table after `last`, from the desk model built on the seat
 * model whose `lastSeen` was that look. Null when nothing changed since.
 */
export function sinceSummary(
  desk: Pick<DeskModel, 'changes' | 'trackChanges'>,
  model: Pick<SeatModel, 'round' | 'step' | 'over'>,
  last: LastLook,
  now: number,
): SinceSummary | null {
  const moved = last.round !== model.round || last.step !== model.step;
  if (desk.changes.length === 0 && !desk.trackChanges && !moved) return null;
  const then = `round ${last.round}, ${stepName(last.step)}`;
  const current = model.over
    ? 'the match is over'
    : `now round ${model.round}, ${stepName(model.step)}`;
  return {
    heading: 'Since you were last here',
    where: `You last looked ${agoText(now - last.at)} (${then})${moved ? `; ${current}` : ''}.`,
    tracks: desk.trackChanges,
    changes: desk.changes,
  };
}
