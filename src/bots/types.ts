// The bot contract: a bot is made for one seat and, given that seat's view of the match, returns
// the next move it wants to make through the same move contract as a person (GAME.md), or null
// when the seat has nothing to do.
import type { SeatView, MoveName, Seat } from '../game';

export type BotLevel = 'easy' | 'normal' | 'hard';
export type Persona = 'hawk' | 'dove' | 'staller';

export const BOT_LEVELS: readonly BotLevel[] = ['easy', 'normal', 'hard'];
export const PERSONAS: readonly Persona[] = ['hawk', 'dove', 'staller'];

export interface BotAction {
  move: MoveName;
  args: unknown[];
}

export interface BotOptions {
  seat: Seat;
  level: BotLevel;
  /** Principals only (seats '0' and '1'); the broker ignores it. */
  persona?: Persona;
  /** Seeds the bot's own choices; the same seed and the same views give the same moves. */
  seed?: string;
  /** Hard bots: rollouts per candidate and sample (deterministic). */
  rollouts?: number;
  /** Hard bots: rounds looked ahead past the current one (default: 1 for B, 0 for the others). */
  horizon?: number;
  /** Hard bots: hidden states sampled per decision (deterministic). */
  samples?: number;
  /**
   * Hard bots: a wall-clock budget (ms) for one search. Off by default, since a clock makes play
   * depend on the machine; the server may set it to keep a bot responsive.
   */
  budgetMs?: number;
}

export interface Bot {
  readonly seat: Seat;
  readonly level: BotLevel;
  readonly persona: Persona | undefined;
  /** The next move for this seat, chosen from its view alone; null when it has nothing to do. */
  decide(view: SeatView): BotAction | null;
}
