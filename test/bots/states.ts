// Random legal play, for tests: a match where every seat picks uniformly among the moves
// `enumerate` offers it (ending its step with done now and then), with snapshots along the way.
import type { Rules } from '../../src/game/context';
import { enumerate } from '../../src/game/enumerate';
import type { BackchannelState, Seat } from '../../src/game/types';
import { applyMove, isOver, newRules } from '../../src/bots/engine';
import { makeRng } from '../../src/bots/rng';

export interface Snapshot {
  G: BackchannelState;
}

/** Plays `matches` random matches and returns copies of the states met along the way. */
export function randomStates(matches: number, seed: string, every = 1): BackchannelState[] {
  const out: BackchannelState[] = [];
  const rng = makeRng(seed);
  for (let m = 0; m < matches; m++) {
    const scenario = m % 2 === 0 ? 'doha-2026' : 'meridian-strait';
    const r: Rules = newRules({ seed: `${seed}/${m}`, scenario });
    let moves = 0;
    while (!isOver(r.G) && moves < 2000) {
      const seats = [...r.G.pending];
      const seat = rng.pick(seats) as Seat;
      const legal = enumerate(r.G, seat);
      const others = legal.filter((a) => a.move !== 'done');
      const action =
        others.length > 0 && rng.chance(0.75)
          ? rng.pick(others)
          : { move: 'done' as const, args: [] };
      const reason = applyMove(r, seat, action.move, action.args);
      if (reason) throw new Error(`random play: enumerate offered an illegal move: ${reason}`);
      moves++;
      if (!isOver(r.G) && moves % every === 0) out.push(structuredClone(r.G));
    }
  }
  return out;
}
