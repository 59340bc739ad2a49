// The one store of the browser app (zustand vanilla). One boardgame.io client subscription feeds
// it (connection.ts); Phaser scenes and DOM panels only read it and send intents through it.
import { createStore } from 'zustand/vanilla';
import type { SeatView, Final, Seat } from '../game/types';
import { leftUntil } from './clock';
import type { Check, Send } from './intents';

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
  /** The seat this browser plays; null for a spectator. */
  seat: Seat | null;
  matchID: string | null;
  seats: Record<Seat, SeatInfo>;
  /** The state as this seat may see it (the server's filtered view, or the local master's). */
  view: SeatView | null;
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
  key: string;
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
  seat: null,
  matchID: null,
  seats: emptySeats(),
  view: null,
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
