// The pure rules without boardgame.io: a match state, the scenario, the server's dice and a clock,
// and each move's own check and application (src/game/moves.ts). The runner and the hard bots'
// look-ahead both play on this.
import type { Rules } from '../game/context';
import { MOVES, applyChecked, type MoveName } from '../game/moves';
import { PrngPlugin, type PrngApi, type PrngData } from '../game/plugins/prng';
import { getScenario } from '../game/scenario';
import { setupMatch } from '../game/setup';
import type { BackchannelState, Seat } from '../game/types';

/** The match's dice from a seed string, as the server's plugin makes them. */
export function makePrng(seed: string): PrngApi {
  const data = PrngPlugin.setup!({ game: { seed } } as never) as PrngData;
  return PrngPlugin.api!({ data } as never) as PrngApi;
}

/** A fixed clock: untimed matches never read a deadline. */
export const FIXED_NOW = () => 0;

export interface NewMatch {
  scenario?: string;
  rounds?: number;
  seed: string;
}

export function newRules({ scenario, rounds, seed }: NewMatch): Rules {
  const prng = makePrng(seed);
  const setupData: { scenario?: string; rounds?: number } = {};
  if (scenario !== undefined) setupData.scenario = scenario;
  if (rounds !== undefined) setupData.rounds = rounds;
  const G = setupMatch(setupData, prng, FIXED_NOW);
  return { G, scenario: getScenario(G.options.scenario), prng, now: FIXED_NOW };
}

/** Checks a move and applies it when legal. Returns the refusal reason, or null when applied. */
export function applyMove(r: Rules, seat: Seat, move: MoveName, args: unknown[]): string | null {
  const def = MOVES[move];
  const checked = def.check({ G: r.G, scenario: r.scenario, seat, args });
  if (!checked.ok) return checked.reason;
  applyChecked(r, move, checked.value, seat);
  return null;
}

export function isOver(G: BackchannelState): boolean {
  return G.step === 'over' || G.final !== undefined;
}
