// Where the round's dial stands, apart from drawing it (pure, so it is tested without a canvas):
// each step's share of the round and the in-game hour, from the scenario's hours a round.
import type { Scenario } from '../../game/scenario/schema';
import type { SeatView, TimedStep } from '../../game/types';

export const STEPS: readonly TimedStep[] = ['drafting', 'mediation', 'response', 'press'];

/** The in-game hours a round lasts, from the scenario's tunables. */
export const roundHours = (scenario: Scenario): number => scenario.tunables.mediation.hoursPerRound;

/** Each timed step's share of the round, from the match's step lengths. */
export function stepSegments(view: SeatView): { from: number; to: number }[] {
  const secs = view.options.stepSeconds;
  const weights = STEPS.map((s) => (secs ? Math.max(1, secs[s]) : 1));
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => {
    const from = acc / total;
    acc += w;
    return { from, to: acc / total };
  });
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** How far through the round the table is: the step's arc, the share of the round, the hour. */
export function roundTime(view: SeatView, scenario: Scenario, left: number | null) {
  const clock = view.clock;
  const current = STEPS.indexOf(view.step as TimedStep);
  let fraction = 0;
  if (view.step === 'over') fraction = 1;
  else if (left !== null && clock.deadline !== null) {
    const span = Math.max(1, clock.deadline - clock.startedAt);
    fraction = clamp(1 - left / span, 0, 1);
  }
  const seg = stepSegments(view)[Math.max(0, current)] ?? { from: 0, to: 1 };
  const roundFraction = view.step === 'over' ? 1 : seg.from + (seg.to - seg.from) * fraction;
  const hours = roundHours(scenario);
  const hour = Math.min(hours, Math.floor(roundFraction * hours));
  return { current, seg, roundFraction, hour, hours };
}
