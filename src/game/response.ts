// Response: each principal answers what was delivered to it. A relayed memo its recipient accepts
// goes back to its author for ratification in the next round; bundles and tabled proposals go to
// both at once. Accepted by both in the same wording, a proposal is signed and becomes a deal.
import { isPrincipal, sideOf } from './constants';
import { dealName, seatName } from './names';
import {
  alreadyAgreed,
  clausesGivenBy,
  describeClause,
  ruleViolation,
  verificationRounds,
} from './clauses';
import { mayAct, ok, parse, refuse, type Checked, type MoveCheckInput } from './checks';
import type { Rules } from './context';
import type { Scenario } from './scenario/schema';
import { AnswerArg, ProposalId } from './payloads';
import { payReframes } from './mediation';
import { isHardened } from './tracks';
import type { Answer, BackchannelState, SeatView, PrincipalSeat, Proposal, Seat } from './types';

/** Whether a proposal is answered in this round's response step. */
function inThisStep(G: SeatView, p: Proposal): boolean {
  return p.dueRound === G.round && (p.stage === 'open' || p.stage === 'ratification');
}

/** Proposals put to this seat in this round's response step, answered or not. */
function putTo(G: SeatView, seat: PrincipalSeat): Proposal[] {
  return G.proposals.filter((p) => inThisStep(G, p) && p.due.includes(seat));
}

/** Proposals this seat must answer in this round's response step. */
export function dueFor(G: SeatView, seat: PrincipalSeat): Proposal[] {
  return putTo(G, seat).filter((p) => p.answers[seat] === undefined);
}

/** How many clauses a hardened seat would give by accepting (it may give one at most), or 0. */
function hardenedGives(G: SeatView, scenario: Scenario, seat: PrincipalSeat, p: Proposal): number {
  const gives = clausesGivenBy(sideOf(seat), p.clauses);
  return isHardened(G, scenario, seat) && gives > 1 ? gives : 0;
}

export interface RespondMove {
  seat: PrincipalSeat;
  proposal: Proposal;
  answer: Answer;
}

export function checkRespond({ G, scenario, seat, args }: MoveCheckInput): Checked<RespondMove> {
  const step = mayAct(G, seat, 'response');
  if (step) return refuse(step);
  if (!isPrincipal(seat)) return refuse('only a principal answers proposals');
  if (args.length !== 2) return refuse('expected a proposal id and "accept" or "reject"');
  const id = parse(ProposalId, args[0]);
  if (!id.ok) return refuse('expected a proposal id');
  const answer = parse(AnswerArg, args[1]);
  if (!answer.ok) return refuse('answer "accept" or "reject"');
  const proposal = dueFor(G, seat).find((p) => p.id === id.value);
  if (!proposal) return refuse(`no proposal "${id.value}" awaits your answer`);
  const gives = answer.value === 'accept' ? hardenedGives(G, scenario, seat, proposal) : 0;
  if (gives) return refuse(`hardened: cannot accept a proposal in which you give ${gives} clauses`);
  return ok({ seat, proposal, answer: answer.value });
}

export function applyRespond(r: Rules, m: RespondMove): boolean {
  const proposal = r.G.proposals.find((p) => p.id === m.proposal.id)!;
  proposal.answers[m.seat] = m.answer;
  return dueFor(r.G, m.seat).length === 0;
}

/** End of the response step: missing answers are rejections, `stalled` seats are marked. */
export function settleResponses(r: Rules, stalled: Seat[]): void {
  const { G, scenario } = r;
  for (const seat of stalled) {
    if (!isPrincipal(seat)) continue;
    if (G.stats) G.stats.stalls++;
    G.feed.push({
      round: G.round,
      kind: 'stalled',
      seat,
      text: `${seatName(scenario, seat)} gave no answer by the deadline: stalled this round.`,
    });
  }
  const stonewalling = stonewallers(r);
  for (const p of G.proposals) {
    if (!inThisStep(G, p)) continue;
    for (const seat of p.due) p.answers[seat] ??= 'reject';
    const accepted = p.due.every((s) => p.answers[s] === 'accept');
    if (!accepted) {
      p.stage = 'rejected';
      continue;
    }
    if (p.kind === 'relay' && p.stage === 'open' && p.author) {
      // The recipient said yes; the author now sees the delivered wording and ratifies it.
      p.stage = 'ratification';
      // The author is about to see the delivered wording: a reframe comes out, and is paid.
      const memo = G.memos.find((m) => m.id === p.memoId);
      if (memo) payReframes(r, memo);
      p.due = [p.author];
      p.dueRound = G.round + 1;
      continue;
    }
    sign(r, p);
  }
  if (stonewalling.length > 0) {
    const marks = ((G as BackchannelState).stonewalls ??= {});
    for (const seat of stonewalling) marks[seat] = (marks[seat] ?? 0) + 1;
  }
}

/**
 * Principals that turned down (or left unanswered) everything put to them in this step that they
 * could have accepted: at least one such proposal, none accepted. A hardened principal is not
 * blamed for what it could not accept. Counted privately (the other principal must not learn that
 * anything was delivered) and charged at the end (scoring.stonewall; off at 0).
 */
function stonewallers(r: Rules): PrincipalSeat[] {
  const { G, scenario } = r;
  if (!scenario.tunables.scoring.stonewall) return [];
  return (['0', '1'] as const).filter((seat) => {
    const acceptable = putTo(G, seat).filter((p) => !hardenedGives(G, scenario, seat, p));
    return acceptable.length > 0 && !acceptable.some((p) => p.answers[seat] === 'accept');
  });
}

function sign(r: Rules, p: Proposal): void {
  const { G, scenario } = r;
  // Checked again at signing: a deal signed since the proposal was made may carry the same clause.
  const broken = alreadyAgreed(G, scenario, p.clauses) ?? ruleViolation(G, scenario, p.clauses);
  if (broken) {
    p.stage = 'void';
    G.feed.push({ round: G.round, kind: 'void', text: `A proposal fell through: ${broken}` });
    return;
  }
  const deal = {
    id: `d${++G.counters.deal}`,
    proposalId: p.id,
    kind: p.kind,
    clauses: p.clauses.map((c) => ({ ...c })),
    signedRound: G.round,
    verifyLeft: verificationRounds(G, scenario, p.clauses),
    status: 'verifying' as const,
  };
  G.deals.push(deal);
  p.stage = 'signed';
  p.dealId = deal.id;
  G.feed.push({
    round: G.round,
    kind: 'signed',
    dealId: deal.id,
    text: `${dealName(deal.id)} signed: ${deal.clauses.map((c) => describeClause(scenario, c)).join('; ')}. Verification: ${deal.verifyLeft === 0 ? 'immediate' : `${deal.verifyLeft} round${deal.verifyLeft > 1 ? 's' : ''}`}.`,
  });
}
