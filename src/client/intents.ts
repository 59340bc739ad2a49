// What a seat may ask the rules to do, typed from the move contract's own argument schemas
// (src/game/payloads.ts), so a misspelt move or a wrong argument fails the typecheck instead of
// being refused at run time. The types live with the rules (src/game/move-args.ts); re-exported.
import type { MoveName } from '../game/moves';
import type { MoveArgs } from '../game/move-args';

export type { MoveName, MoveArgs };

/** Sends one move of the contract as this seat. */
/** Sends a move; false when it was refused before it left (the refusal is in the store). */
export type Send = <M extends MoveName>(move: M, ...args: MoveArgs<M>) => boolean | void;

/**
 * Which control a move came from, so its refusal is shown beside that control: the move, or the
 * move and the memo or proposal it names (`relay:m-1`, `respond:p-2`).
 */
export type IntentKey = MoveName | `${MoveName}:${string}`;

/** What a refusal slot takes: intents' keys, or `*` for any refusal with no slot of its own. */
export type SlotKey = IntentKey | '*';

export function intentKey<M extends MoveName>(move: M, args: readonly unknown[]): IntentKey {
  const first = args[0];
  return typeof first === 'string' ? `${move}:${first}` : move;
}

/** The move an intent's key names. */
export const keyMove = (key: IntentKey): MoveName => key.split(':')[0] as MoveName;

/** The rules' own check of a move for this seat, now: null when legal, else why not (in words). */
export type Check = <M extends MoveName>(move: M, ...args: MoveArgs<M>) => string | null;

/** What a desk may do: send a move, and ask beforehand whether the rules would take it. */
export interface Intents {
  send: Send;
  check: Check;
}
