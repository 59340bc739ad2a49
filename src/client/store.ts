// The one store of the browser app (zustand vanilla). One boardgame.io client subscription feeds
// it (connection.ts); Phaser scenes and DOM panels only read it and send intents through it.
import { createStore } from 'zustand/vanilla';
import type { SeatView, Final, Seat } from '../game/types';
import { seatModel, type LastSeen, type SeatModel } from '../game/seat-model';
import { leftUntil } from './clock';
import type { Check, IntentKey, Send } from './intents';

export type Mode = 'home' | 'solo' | 'online';
export type Phase = 'idle' | 'connecting' | 'playing' | 'error';

export interface SeatInfo {
  name: string;
  connected: boolean;
  bot?: string;
}

export interface TableState {
  mode: Mode;
  phase: Phase;
  /** A message for the person when something went wrong (bad credentials, lost server). */
  error: string | null;
  /**
   * Online: whether the socket to the server is up now (false: lost, reconnecting by itself).
   * Null in a solo match, which runs in the browser.
   */
  online: boolean | null;
  /** The seat this browser plays; null for a spectator. */
  seat: Seat | null;
  matchID: string | null;
  seats: Record<Seat, SeatInfo>;
  /** The state as this seat may see it (the server's filtered view, or the local master's). */
  view: SeatView | null;
  /**
   * The rules' answer to "what may this seat see and do now" (src/game/seat-model.ts), built from
   * `view` whenever it changes. Every screen renders this and decides nothing itself.
   */
  model: SeatModel | null;
  /**
   * Where this seat's look at the table stood when the current step began: the model's "what
   * changed" runs from here, so a change stays listed for the whole step it happened before.
   */
  seenAtStep: (LastSeen & { round: number; step: string }) | null;
  gameover: Final | null;
  /** Server time minus this browser's time, in ms, so countdowns follow the server's clock. */
  clockOffset: number;
  reducedMotion: boolean;
  /** The last refusal of one of this seat's moves, in words, and the control it came from. */
  refusal: Refusal | null;
  /** Sends a move of the contract as this seat. Set by the connection. */
  send: Send;
  /** The rules' own check of a move for this seat on its current view (null: legal). */
  check: Check;
}

export interface Refusal {
  /** What was refused and why, written for the person at the desk. */
  text: string;
  /** The control the move came from (`intentKey`), so the words appear beside it. */
  key: IntentKey;
  /** Counts refusals, so the same words refused twice are announced twice. */
  serial: number;
}

const emptySeats = (): Record<Seat, SeatInfo> => ({
  '0': { name: '', connected: false },
  '1': { name: '', connected: false },
  '2': { name: '', connected: false },
});

export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export const initialTableState = (): TableState => ({
  mode: 'home',
  phase: 'idle',
  error: null,
  online: null,
  seat: null,
  matchID: null,
  seats: emptySeats(),
  view: null,
  model: null,
  seenAtStep: null,
  gameover: null,
  clockOffset: 0,
  reducedMotion: prefersReducedMotion(),
  refusal: null,
  send: () => {},
  check: () => 'Not connected to a table.',
});

export const makeTableStore = () => createStore<TableState>()(() => initialTableState());
export type TableStore = ReturnType<typeof makeTableStore>;

/** Milliseconds left in the current step by the server's clock; null when untimed. */
export function timeLeft(
  state: Pick<TableState, 'view' | 'clockOffset'>,
  now = Date.now(),
): number | null {
  const deadline = state.view?.clock.deadline;
  if (deadline === null || deadline === undefined) return null;
  return leftUntil(deadline, state.clockOffset, now);
}

/**
 * The store's fields for a new view of `seat`: the view, its seat model, and where "what changed"
 * starts. At each new step the look so far (the previous model's `seen`) becomes the starting
 * point, so a change shows through the step after it and is not shown again later.
 */
export function withView(
  state: Pick<TableState, 'model' | 'seenAtStep' | 'clockOffset'>,
  view: SeatView,
  seat: Seat | null,
  now = Date.now(),
): Pick<TableState, 'view' | 'model' | 'seenAtStep'> {
  const prev = state.model;
  let seenAtStep = state.seenAtStep;
  if (prev && (prev.round !== view.round || prev.step !== view.step))
    seenAtStep = { ...prev.seen, round: view.round, step: view.step };
  const clock = () => now + state.clockOffset;
  const lastSeen = seenAtStep ? { feed: seenAtStep.feed, tracks: seenAtStep.tracks } : undefined;
  return { view, model: seatModel(view, seat, clock, lastSeen), seenAtStep };
}
