// The end of a match (the last round, war, or a double walkout) and the round-by-round history the
// debrief charts. Apart from flow.ts so that thresholds.ts, which ends a match at war, and flow.ts,
// which runs the thresholds, need not import each other.
import type { Rules } from './context';
import { payAllReframes } from './mediation';
import { finalResult } from './scoring';

/** Keeps the round's closing tracks for the debrief's chart (round 0: the match's start). */
export function recordHistory(r: Rules, round: number): void {
  const { G } = r;
  G.history.push({ round, tracks: { ...G.tracks }, estimate: G.breakout.estimate });
  G.breakoutHistory.push(G.breakout.true);
}

export function finish(r: Rules, reason: 'rounds' | 'war' | 'walkout'): void {
  const { G } = r;
  // Ratifications that would have fallen due after the last round cannot happen.
  for (const p of G.proposals)
    if (p.stage === 'ratification' || p.stage === 'open') p.stage = 'lapsed';
  payAllReframes(r);
  G.step = 'over';
  G.pending = [];
  delete G.paused;
  recordHistory(r, G.round);
  G.clock = { round: G.round, step: 'over', startedAt: r.now(), deadline: null };
  G.final = finalResult(G, r.scenario, reason);
  G.seed = r.prng.seed();
  G.feed.push({ round: G.round, kind: 'end', text: endText(reason) });
}

function endText(reason: 'rounds' | 'war' | 'walkout'): string {
  if (reason === 'war')
    return 'Escalation has reached its limit: regional war. The talks are over.';
  if (reason === 'walkout')
    return 'Both principals walked out in the same round. The talks are over.';
  return 'The last round is over.';
}
