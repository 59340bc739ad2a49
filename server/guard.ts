// What a socket may send. boardgame.io's master accepts any action type (UPDATE, RESET, SYNC,
// PATCH, events, undo) and runs a move as the playerID inside the action while checking
// credentials for the seat the socket names. Here a socket first authenticates one seat of one
// match (sync); after that only MAKE_MOVE actions of the game's own moves, for that seat and
// that match, get through, and the rules must accept the move in the current state.
import { z } from 'zod';
import { MOVE_NAMES } from '../src/game/moves';

export const MAX_ID = 64;
export const MAX_CREDENTIALS = 128;

const matchID = z
  .string()
  .min(1)
  .max(MAX_ID)
  .regex(/^[A-Za-z0-9_-]+$/);
const seat = z.enum(['0', '1', '2']);

export const SyncPacket = z.tuple([
  matchID,
  z.union([seat, z.null(), z.undefined()]),
  z.string().max(MAX_CREDENTIALS).optional().nullable(),
  z.number().int().optional().nullable(),
]);

export const UpdatePacket = z.tuple([
  z
    .object({
      type: z.literal('MAKE_MOVE'),
      payload: z
        .object({
          type: z.enum(MOVE_NAMES as [string, ...string[]]),
          args: z.array(z.unknown()).max(4).nullable().optional(),
          playerID: seat,
          credentials: z.string().max(MAX_CREDENTIALS).optional(),
        })
        .strict(),
    })
    .strict(),
  z.number().int().min(0),
  matchID,
  seat,
]);
export type UpdatePacket = z.infer<typeof UpdatePacket>;

export interface Binding {
  matchID: string;
  playerID: string | null;
  credentials?: string;
}

export type Refusal =
  | 'malformed'
  | 'not-synced'
  | 'wrong-match'
  | 'wrong-seat'
  | 'spectator'
  | 'bad-credentials'
  | 'illegal-move'
  | 'stale'
  | 'unknown-match'
  | 'unauthorized'
  | 'no-chat'
  | 'unknown-event';

/** Checks an update packet against the socket's binding; the rules' check comes after. */
export function checkUpdate(
  binding: Binding | undefined,
  args: unknown[],
): { ok: true; packet: UpdatePacket } | { ok: false; refusal: Refusal } {
  const parsed = UpdatePacket.safeParse(args);
  if (!parsed.success) return { ok: false, refusal: 'malformed' };
  if (!binding) return { ok: false, refusal: 'not-synced' };
  const [action, , id, playerID] = parsed.data;
  if (id !== binding.matchID) return { ok: false, refusal: 'wrong-match' };
  if (binding.playerID === null) return { ok: false, refusal: 'spectator' };
  if (playerID !== binding.playerID || action.payload.playerID !== binding.playerID)
    return { ok: false, refusal: 'wrong-seat' };
  if (action.payload.credentials !== binding.credentials)
    return { ok: false, refusal: 'bad-credentials' };
  return { ok: true, packet: parsed.data };
}
