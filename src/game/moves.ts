// The move table: for each move of the contract, its check and its application. The Game wraps
// each in boardgame.io's long-form move; `enumerate` and `explainMove` use the checks alone.
import { checkDraftMemo, applyDraftMemo, checkSetPosture, applySetPosture } from './drafting';
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
import type { Seat, Statement } from './types';

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
export const MOVE_NAMES = Object.keys(MOVES) as MoveName[];

export const EXPIRE = {
  check: checkExpire,
  apply: (r: Rules) => endStep(r, true),
};
