// The round's steps: who acts in each, when each ends (every seat done, or the deadline), and the
// automatic parts between them (incidents at the start of a round, resolution after the response).
import { BROKER, PRINCIPALS, SEATS } from './constants';
import type { Rules } from './context';
import { drawIncidents } from './incidents';
import { closeMediation, openMediation } from './mediation';
import { publishStatements } from './press';
import { resolveRound } from './resolution';
import { settleResponses } from './response';
import { finish, recordHistory } from './finish';
import { checkThresholds } from './thresholds';
import type { Seat, Step, TimedStep } from './types';

export function seatsFor(step: Step): Seat[] {
  switch (step) {
    case 'drafting':
    case 'response':
      return [...PRINCIPALS];
    case 'mediation':
      return [BROKER];
    case 'press':
      return [...SEATS];
    case 'over':
      return [];
  }
}

function startStep(r: Rules, step: TimedStep): void {
  const { G } = r;
  const now = r.now();
  const seconds = G.options.stepSeconds?.[step];
  G.step = step;
  G.pending = seatsFor(step);
  G.clock = {
    round: G.round,
    step,
    startedAt: now,
    deadline: seconds === undefined ? null : now + seconds * 1000,
  };
}

export function startRound(r: Rules, round: number): void {
  const { G } = r;
  recordHistory(r, round - 1);
  G.round = round;
  G.feed.push({ round, kind: 'round', text: `Round ${round} of ${G.options.rounds} begins.` });
  drawIncidents(r);
  if (checkThresholds(r, 'incidents')) return;
  startStep(r, 'drafting');
}

/** Ends the current step; `byDeadline` when the server's deadline ended it rather than the seats. */
export function endStep(r: Rules, byDeadline: boolean): void {
  const { G } = r;
  switch (G.step) {
    case 'drafting':
      for (const memo of G.memos) if (memo.status === 'draft') memo.status = 'pending';
      openMediation(r);
      startStep(r, 'mediation');
      return;
    case 'mediation':
      closeMediation(r);
      if (checkThresholds(r, 'step')) return;
      startStep(r, 'response');
      return;
    case 'response':
      settleResponses(r, byDeadline ? [...G.pending] : []);
      resolveRound(r);
      if (checkThresholds(r, 'step')) return;
      startStep(r, 'press');
      return;
    case 'press':
      publishStatements(r);
      if (checkThresholds(r, 'step')) return;
      if (G.round >= G.options.rounds) finish(r, 'rounds');
      else startRound(r, G.round + 1);
      return;
    case 'over':
      return;
  }
}

/** A seat ends its part in the step; the step ends when no seat is left. */
export function seatDone(r: Rules, seat: Seat): void {
  r.G.pending = r.G.pending.filter((s) => s !== seat);
  if (r.G.pending.length === 0) endStep(r, false);
}
