// Where this person's last look at a match ended, per match and seat, kept in localStorage (issue
// #12, "since you were last here"). The seat model's `seen` mark (src/game/seat-model.ts) is saved
// while the page is in view; on return it is the store's starting point (`seenAtStep`), so the
// model's `changes` are what happened since, and the summary (src/ui/since.ts) shows them. The
// point also says where the match stood (round, step, over), which "My matches" shows for online
// seats.
import type { LastSeen } from '../game/seat-model';
import type { Seat } from '../game/types';
import type { TableStore } from './store';

export interface SeenPoint extends LastSeen {
  round: number;
  rounds: number;
  step: string;
  over: boolean;
  /** The match's scenario id. */
  scenario?: string;
  /** Browser time of the look. */
  at: number;
}

export const seenKey = (matchID: string, seat: Seat) => `backchannel:seen:${matchID}:${seat}`;

export function loadSeen(matchID: string, seat: Seat): SeenPoint | null {
  try {
    const text = globalThis.localStorage?.getItem(seenKey(matchID, seat));
    const point = text ? (JSON.parse(text) as SeenPoint) : null;
    return point && typeof point.feed === 'number' && point.tracks ? point : null;
  } catch {
    return null;
  }
}

export function saveSeen(matchID: string, seat: Seat, point: SeenPoint): void {
  try {
    globalThis.localStorage?.setItem(seenKey(matchID, seat), JSON.stringify(point));
  } catch {
    // A full or blocked storage: the summary is a convenience, the match goes on.
  }
}

export function forgetSeen(matchID: string, seat: Seat): void {
  try {
    globalThis.localStorage?.removeItem(seenKey(matchID, seat));
  } catch {
    // Nothing to do.
  }
}

/** The store's starting point for "what changed" from a saved look. */
export const seenAtStepOf = (point: SeenPoint | null) =>
  point ? { feed: point.feed, tracks: point.tracks, round: point.round, step: point.step } : null;

/**
 * Saves the seat's look at the match whenever its model changes while the page is visible (a
 * hidden tab has not been looked at). Returns the unsubscribe.
 */
export function keepSeen(
  store: TableStore,
  matchID: string,
  seat: Seat,
  deps: { visible?: () => boolean; now?: () => number } = {},
): () => void {
  const visible =
    deps.visible ??
    (() => typeof document === 'undefined' || document.visibilityState !== 'hidden');
  const now = deps.now ?? (() => Date.now());
  const save = () => {
    const { model } = store.getState();
    if (!model || !visible() || model.seat !== seat) return;
    saveSeen(matchID, seat, {
      ...model.seen,
      round: model.round,
      rounds: model.rounds,
      step: model.step,
      over: model.over,
      scenario: model.scenario.id,
      at: now(),
    });
  };
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.model !== prev.model) save();
  });
  const onVisible = () => save();
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisible);
  return () => {
    unsubscribe();
    if (typeof document !== 'undefined')
      document.removeEventListener('visibilitychange', onVisible);
  };
}
