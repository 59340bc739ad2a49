// The arguments of each move of the contract, typed from its own schemas (payloads.ts), so a
// misspelt move or a wrong argument fails the typecheck instead of being refused at run time.
import type { z } from 'zod';
import type { MoveName } from './moves';
import type {
  BundleArgs,
  MemoArgs,
  PostureArgs,
  RelayArgs,
  StatementArgs,
  TableArgs,
} from './payloads';
import type { Answer } from './types';

export type PostureArg = z.input<(typeof PostureArgs)['A']> | z.input<(typeof PostureArgs)['B']>;

export interface MoveArgMap {
  setPosture: [posture: PostureArg];
  draftMemo: [memo: z.input<typeof MemoArgs>];
  withdrawMemo: [memoId: string];
  relay: [memoId: string, relay?: z.input<typeof RelayArgs>];
  hold: [memoId: string];
  leak: [memoId: string];
  bundle: [bundle: z.input<typeof BundleArgs>];
  tableProposal: [proposal: z.input<typeof TableArgs>];
  respond: [proposalId: string, answer: Answer];
  statement: [statement: z.input<typeof StatementArgs>];
  ready: [ready?: boolean];
  start: [start?: { bots: ('0' | '1' | '2')[] }];
  done: [];
}

// Every move of the contract has an entry, and nothing else does.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _everyMove: Exact<keyof MoveArgMap, MoveName> = true;
void _everyMove;

export type MoveArgs<M extends MoveName> = MoveArgMap[M];

/** One move with its arguments, as a seat would send it. */
export type MoveIntent = { [M in MoveName]: { move: M; args: MoveArgs<M> } }[MoveName];
