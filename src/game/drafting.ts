// Drafting: each principal sets its postures and writes up to two memos, all addressed to the
// broker (there is no field for any other recipient).
import { MAX_MEMOS_PER_ROUND, isPrincipal } from './constants';
import { seatName } from './names';
import { clauseSetProblem, resolveGiver } from './clauses';
import { mayAct, ok, parse, refuse, type Checked, type MoveCheckInput } from './checks';
import type { Rules } from './context';
import { MemoArgs, PostureArgs } from './payloads';
import type { Clause, PostureA, PostureB, PrincipalSeat } from './types';

/** A verified interdiction pause is in force this round. */
export function interdictionBlocked(G: MoveCheckInput['G']): boolean {
  return G.deals.some(
    (d) => d.interdictionBlockedUntil !== undefined && d.interdictionBlockedUntil >= G.round,
  );
}

export interface PostureMove {
  seat: PrincipalSeat;
  posture: PostureA | PostureB;
}

export function checkSetPosture({ G, seat, args }: MoveCheckInput): Checked<PostureMove> {
  const step = mayAct(G, seat, 'drafting');
  if (step) return refuse(step);
  if (!isPrincipal(seat)) return refuse('only a principal sets postures');
  if (args.length !== 1) return refuse('expected one argument: the posture');
  if (seat === '0') {
    const parsed = parse(PostureArgs.A, args[0]);
    if (!parsed.ok) return parsed;
    if (parsed.value.enforcement === 'interdict' && interdictionBlocked(G))
      return refuse('an interdiction pause is in force: no interdiction this round');
    return ok({ seat, posture: parsed.value });
  }
  const parsed = parse(PostureArgs.B, args[0]);
  return parsed.ok ? ok({ seat, posture: parsed.value }) : parsed;
}

export function applySetPosture(r: Rules, m: PostureMove): void {
  if (m.seat === '0') r.G.postures['0'] = { ...(m.posture as PostureA) };
  else r.G.postures['1'] = { ...(m.posture as PostureB) };
}

export interface MemoMove {
  seat: PrincipalSeat;
  clauses: Clause[];
  text: string;
}

export function memosThisRound(G: MoveCheckInput['G'], seat: PrincipalSeat): number {
  return G.memos.filter((m) => m.author === seat && m.round === G.round).length;
}

export function checkDraftMemo({ G, scenario, seat, args }: MoveCheckInput): Checked<MemoMove> {
  const step = mayAct(G, seat, 'drafting');
  if (step) return refuse(step);
  if (!isPrincipal(seat)) return refuse('only a principal writes memos');
  if (args.length !== 1) return refuse('expected one argument: the memo');
  if (G.walkouts[seat].includes(G.round)) return refuse('walked out: no memo this round');
  if (memosThisRound(G, seat) >= MAX_MEMOS_PER_ROUND)
    return refuse(`at most ${MAX_MEMOS_PER_ROUND} memos a round`);
  const parsed = parse(MemoArgs, args[0]);
  if (!parsed.ok) return parsed;
  const { text } = parsed.value;
  const clauses = parsed.value.clauses.map((c) => ({
    id: c.id,
    size: c.size,
    giver: resolveGiver(seat, c.giver),
  }));
  if (clauses.length === 0 && text.trim() === '') return refuse('an empty memo says nothing');
  const problem = clauseSetProblem(G, scenario, clauses);
  if (problem) return refuse(problem);
  return ok({ seat, clauses, text });
}

export function applyDraftMemo(r: Rules, m: MemoMove): void {
  const { G, scenario } = r;
  const t = scenario.tunables.mediation;
  G.memos.push({
    id: r.prng.id('m-'),
    author: m.seat,
    round: G.round,
    clauses: m.clauses,
    text: m.text,
    status: 'draft',
    heldSteps: 0,
    lastRound: G.round + Math.floor(t.turnaroundHours / t.hoursPerRound),
  });
  if (G.stats) G.stats.memosWritten++;
}

/**
 * Withdrawing a memo: until drafting ends, a principal may take back a memo it wrote this round.
 * The broker has seen nothing of it (drafts reach the broker when the step ends), so the memo is
 * gone as if never written, and the round's memo allowance is given back.
 */
export function checkWithdrawMemo({ G, seat, args }: MoveCheckInput): Checked<MemoWithdrawal> {
  const step = mayAct(G, seat, 'drafting');
  if (step) return refuse(step);
  if (!isPrincipal(seat)) return refuse('only a principal withdraws memos');
  if (args.length !== 1 || typeof args[0] !== 'string')
    return refuse('expected one argument: the memo id');
  const memo = G.memos.find((m) => m.id === args[0]);
  if (!memo || memo.author !== seat) return refuse('no such memo of yours');
  if (memo.status !== 'draft' || memo.round !== G.round)
    return refuse('this memo has gone to the broker: it can no longer be withdrawn');
  return ok({ seat, memoId: memo.id });
}

export interface MemoWithdrawal {
  seat: PrincipalSeat;
  memoId: string;
}

export function applyWithdrawMemo(r: Rules, m: MemoWithdrawal): void {
  const { G } = r;
  G.memos = G.memos.filter((x) => x.id !== m.memoId);
  if (G.stats) G.stats.memosWritten--;
}

export const sideName = (r: Pick<Rules, 'scenario'>, seat: PrincipalSeat) =>
  seatName(r.scenario, seat);
