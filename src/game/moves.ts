// The move table: for each move of the contract, its check and its application. The Game wraps
// each in boardgame.io's long-form move; `enumerate` and `explainMove` use the checks alone.
import {
  applyDraftMemo,
  applySetPosture,
  applyWithdrawMemo,
  checkDraftMemo,
  checkSetPosture,
  checkWithdrawMemo,
} from './drafting';
import { mayAct, ok, parse, refuse, type Checked, type MoveCheckInput } from './checks';
import type { Rules } from './context';
import { endStep, seatDone } from './flow';
import {
  applyBundle,
  applyHold,
  applyLeak,
  applyRelay,
  applyTable,
  checkBundle,
  checkHold,
  checkLeak,
  checkRelay,
  checkTable,
} from './mediation';
import { applyReady, applyStart, checkReady, checkStart } from './lobby';
import { ExpireArgs } from './payloads';
import { applyStatement, checkStatement } from './press';
import { applyRespond, checkRespond } from './response';
import type { BackchannelState, JournalEntry, Seat, Statement } from './types';

export interface MoveRule<T> {
  check(input: MoveCheckInput): Checked<T>;
  apply(r: Rules, value: T, seat: Seat): void;
  /** Hide the arguments from other seats in the log. */
  secret: boolean;
}

const rule = <T>(r: MoveRule<T>): MoveRule<T> => r;

function checkDone({ G, seat, args }: MoveCheckInput): Checked<null> {
  if (args.length !== 0) return refuse('done takes no arguments');
  if (G.step === 'over' || G.final) return refuse('the match is over');
  return mayAct(G, seat, G.step) ? refuse(mayAct(G, seat, G.step)!) : ok(null);
}

function checkExpire(input: MoveCheckInput & { now: number }): Checked<null> {
  const { G, args, now } = input;
  if (args.length !== 1) return refuse('expire takes { round, step }');
  const parsed = parse(ExpireArgs, args[0]);
  if (!parsed.ok) return parsed;
  if (G.step === 'over') return refuse('the match is over');
  if (parsed.value.step !== G.step || parsed.value.round !== G.round)
    return refuse(`the ${parsed.value.step} step of round ${parsed.value.round} is not running`);
  if (G.paused) return refuse('the table is paused');
  if (G.clock.deadline === null) return refuse('this step has no deadline');
  if (now < G.clock.deadline) return refuse('the deadline has not passed');
  return ok(null);
}

export const MOVES = {
  setPosture: rule({ check: checkSetPosture, apply: applySetPosture, secret: true }),
  draftMemo: rule({ check: checkDraftMemo, apply: applyDraftMemo, secret: true }),
  withdrawMemo: rule({ check: checkWithdrawMemo, apply: applyWithdrawMemo, secret: true }),
  relay: rule({ check: checkRelay, apply: applyRelay, secret: true }),
  hold: rule({ check: checkHold, apply: applyHold, secret: true }),
  leak: rule({ check: checkLeak, apply: applyLeak, secret: true }),
  bundle: rule({ check: checkBundle, apply: applyBundle, secret: true }),
  tableProposal: rule({ check: checkTable, apply: applyTable, secret: true }),
  respond: rule({
    check: checkRespond,
    apply: (r, m, seat) => {
      if (applyRespond(r, m)) seatDone(r, seat);
    },
    secret: true,
  }),
  statement: rule<Statement>({
    check: checkStatement,
    apply: (r, s, seat) => {
      applyStatement(r, s);
      seatDone(r, seat);
    },
    secret: true,
  }),
  ready: rule({ check: checkReady, apply: applyReady, secret: false }),
  start: rule({ check: checkStart, apply: applyStart, secret: false }),
  done: rule({ check: checkDone, apply: (r, _v, seat) => seatDone(r, seat), secret: false }),
} as const;

export type MoveName = keyof typeof MOVES;

/**
 * Applies a move its check accepted, as `seat`, and keeps it in the seat's action log. Every
 * path that plays a move (the Game, the bots' engine, tests) goes through here.
 */
export function applyChecked(r: Rules, move: MoveName, value: unknown, seat: Seat): void {
  const { round, step } = r.G;
  (MOVES[move].apply as (r: Rules, v: unknown, s: Seat) => void)(r, value, seat);
  const note = journalNote(r.G, move, value);
  if (!note) return;
  r.G.journal ??= {};
  (r.G.journal[seat] ??= []).push({ round, step, at: r.now(), move, ...note });
}

/**
 * What a seat's action log keeps of one of its accepted moves (run after the move applied): what it
 * acted on and the choice made. The lobby's moves are not kept (the match has not begun).
 */
export function journalNote(
  G: BackchannelState,
  move: MoveName,
  value: unknown,
): Omit<JournalEntry, 'round' | 'step' | 'at' | 'move'> | null {
  switch (move) {
    case 'ready':
    case 'start':
      return null;
    case 'setPosture': {
      const p = (value as { posture: Record<string, string> }).posture;
      return { detail: Object.values(p).join(' ') };
    }
    case 'draftMemo':
      return { ref: G.memos[G.memos.length - 1]!.id };
    case 'withdrawMemo':
      return { ref: (value as { memoId: string }).memoId };
    case 'relay':
      return { ref: (value as { memo: { id: string } }).memo.id };
    case 'hold':
    case 'leak':
      return { ref: (value as { id: string }).id };
    case 'bundle':
    case 'tableProposal':
      return { ref: G.proposals[G.proposals.length - 1]!.id };
    case 'respond': {
      const v = value as { proposal: { id: string }; answer: string };
      return { ref: v.proposal.id, detail: v.answer };
    }
    case 'statement': {
      const s = value as Statement;
      return { detail: s.kind, ...(s.target !== undefined ? { ref: s.target } : {}) };
    }
    case 'done':
      return {};
  }
}
export const MOVE_NAMES = Object.keys(MOVES) as MoveName[];

export const EXPIRE = {
  check: checkExpire,
  apply: (r: Rules) => endStep(r, true),
};
