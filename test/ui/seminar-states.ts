// Real states for the seminar screens' tests and screenshots: a table of the facilitator's
// dashboard cut from a match as server/seminar.ts cuts it (what a spectator sees, and who sits
// where), a timed step paused by the facilitator, and finished matches that signed a deal.
import type { Rules } from '../../src/game/context';
import { applyFacilitate } from '../../src/game/facilitation';
import type { BackchannelState } from '../../src/game/types';
import type { SeminarSeat, SeminarTable } from '../../src/client/seminar';
import { finishedByPlay, viewFor } from './states';

/** Ada at A, a bot standing in for Dan at B, the broker's seat open. */
export const SEATS_AT_TABLE: SeminarSeat[] = [
  { seat: '0', controller: 'student', name: 'Ada', student: true, connected: true, code: 'AD4A22' },
  {
    seat: '1',
    controller: 'bot',
    name: 'Dan',
    student: true,
    bot: { level: 'hard', persona: 'hawk' },
    code: 'DN5B33',
  },
  { seat: '2', controller: 'open', code: 'BR6C44' },
];

/** A table of the dashboard: what a spectator sees of the match, and who sits where. */
export function dashboardTable(
  table: number,
  G: BackchannelState,
  seats: SeminarSeat[] = SEATS_AT_TABLE,
): SeminarTable {
  const view = viewFor(G, null);
  return {
    table,
    matchID: `match-${table}`,
    code: `K7M${table}PQ`,
    over: view.final !== undefined,
    round: view.round,
    rounds: view.options.rounds,
    step: view.step,
    clock: view.clock,
    paused: view.paused ?? null,
    pending: view.pending,
    tracks: view.tracks,
    breakout: { estimate: view.breakout.estimate },
    deals: view.deals,
    feed: view.feed.slice(-20),
    ...(view.final ? { final: view.final } : {}),
    seats,
  };
}

/** A timed match's step, paused by the facilitator with `ms` left (1:05 by default). */
export function paused(r: Rules, ms = 65_000): Rules {
  r.G.clock.deadline = r.now() + ms;
  applyFacilitate(r, { kind: 'pause' });
  return r;
}

/** A finished match of random legal play that signed at least one deal. */
export function finishedWithDeal(scenario: 'doha-2026' | 'meridian-strait'): BackchannelState {
  for (let i = 0; i < 20; i++) {
    const G = finishedByPlay(scenario, `${scenario}/screens-${i}`);
    if (G.deals.length > 0) return G;
  }
  throw new Error('no seed signed a deal');
}
