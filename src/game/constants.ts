// Fixed limits of the move contract (GAME.md); not tunable, so not in the scenario file.
import type { PrincipalSeat, Seat, Side } from './types';

export const GAME_NAME = 'backchannel';
/** boardgame.io's INVALID_MOVE value, kept here so the rules need no value import from it. */
export const INVALID_MOVE = 'INVALID_MOVE' as const;

export const SEATS: readonly Seat[] = ['0', '1', '2'];
export const PRINCIPALS: readonly PrincipalSeat[] = ['0', '1'];
export const BROKER: Seat = '2';

export const MAX_CLAUSES = 4;
export const MAX_TEXT = 600;
export const MAX_NOTE = 280;
export const MAX_MEMOS_PER_ROUND = 2;
export const MAX_SPANS = 16;
/** What a recipient reads where the broker struck a clause or a span of text. */
export const REDACTED = '███';

export const sideOf = (seat: PrincipalSeat): Side => (seat === '0' ? 'A' : 'B');
export const seatOf = (side: Side): PrincipalSeat => (side === 'A' ? '0' : '1');
export const otherPrincipal = (seat: PrincipalSeat): PrincipalSeat => (seat === '0' ? '1' : '0');
export const isPrincipal = (seat: unknown): seat is PrincipalSeat => seat === '0' || seat === '1';
export const isSeat = (seat: unknown): seat is Seat => seat === '0' || seat === '1' || seat === '2';
