// What a seat may ask the rules to do, typed from the move contract's own argument schemas
// (src/game/payloads.ts), so a misspelt move or a wrong argument fails the typecheck instead of
// being refused at run time. When the seat model exports its own `MoveArgs`, this file re-exports
// it and nothing else changes.
import type { z } from 'zod';
import type { MoveName } from '../game/moves';
import type {
  BundleArgs,
  MemoArgs,
  PostureArgs,
  RelayArgs,
  StatementArgs,
  TableArgs,
} from '../game/payloads';
import type { Answer } from '../game/types';

type Posture = z.input<(typeof PostureArgs)['A']> | z.input<(typeof PostureArgs)['B']>;

interface MoveArgMap {
  setPosture: [posture: Posture];
  draftMemo: [memo: z.input<typeof MemoArgs>];
  relay: [memoId: string, relay?: z.input<typeof RelayArgs>];
  hold: [memoId: string];
  leak: [memoId: string];
  bundle: [bundle: z.input<typeof BundleArgs>];
  tableProposal: [proposal: z.input<typeof TableArgs>];
  respond: [proposalId: string, answer: Answer];
  statement: [statement: z.input<typeof StatementArgs>];
  done: [];
}

// Every move of the contract has an entry, and nothing else does.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _everyMove: Exact<keyof MoveArgMap, MoveName> = true;
void _everyMove;

export type { MoveName };
export type MoveArgs<M extends MoveName> = MoveArgMap[M];

/** Sends one move of the contract as this seat. */
export type Send = <M extends MoveName>(move: M, ...args: MoveArgs<M>) => void;

/**
 * Which control a move came from, so its refusal is shown beside that control: the move and the
 * memo or proposal it names, if any.
 */
export function intentKey(move: MoveName, args: readonly unknown[]): string {
  const first = args[0];
  return typeof first === 'string' ? `${move}:${first}` : move;
}

/** The rules' own check of a move for this seat, now: null when legal, else why not (in words). */
export type Check = <M extends MoveName>(move: M, ...args: MoveArgs<M>) => string | null;

/** What a desk may do: send a move, and ask beforehand whether the rules would take it. */
export interface Intents {
  send: Send;
  check: Check;
}
