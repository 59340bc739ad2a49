// What happens when a track reaches a threshold: a breakout crisis, war, walkouts.
import { PRINCIPALS } from './constants';
import { seatName } from './names';
import type { Rules } from './context';
import { finish } from './finish';
import { addPressure, applyDeltas, pressureOf, trueBreakout } from './tracks';

/**
 * Applies crises and walkouts, and ends the match at war or a double walkout. `at` says where in
 * the round we are: a walkout found at the round's incidents silences this round's drafting,
 * one found later silences the next round's. Returns true when the match ended.
 */
export function checkThresholds(r: Rules, at: 'incidents' | 'step'): boolean {
  const { G, scenario } = r;
  const t = scenario.tunables;

  if (trueBreakout(G) >= scenario.tracks.breakout.max) {
    const value = trueBreakout(G);
    G.breakout.true = t.breakout.resetTo;
    applyDeltas(r, {
      escalation: t.breakout.crisisEscalation,
      pressureA: t.breakout.crisisPressureA,
    });
    G.feed.push({
      round: G.round,
      kind: 'crisis',
      text: `Breakout crisis: ${scenario.seats.B.name}'s programme reached ${value}. Escalation +${t.breakout.crisisEscalation}; the programme is set back to ${t.breakout.resetTo}.`,
    });
  }

  if (G.tracks.escalation >= scenario.tracks.escalation.max) {
    G.feed.push({ round: G.round, kind: 'war', text: 'Regional war.' });
    finish(r, 'war');
    return true;
  }

  const silentRound = at === 'incidents' ? G.round : G.round + 1;
  const walked: string[] = [];
  for (const seat of PRINCIPALS) {
    if (pressureOf(G, seat) < t.pressure.walkoutAt) continue;
    addPressure(r, seat, t.pressure.walkoutResetTo - pressureOf(G, seat));
    if (!G.walkouts[seat].includes(silentRound)) G.walkouts[seat].push(silentRound);
    walked.push(seat);
    const name = seatName(scenario, seat);
    G.feed.push({
      round: G.round,
      kind: 'walkout',
      seat,
      text: `${name} walks out under domestic pressure and will send no memo in round ${silentRound}.`,
    });
  }
  if (walked.length > 0 && PRINCIPALS.every((s) => G.walkouts[s].includes(silentRound))) {
    finish(r, 'walkout');
    return true;
  }
  return false;
}
