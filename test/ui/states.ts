// Real states for the screen tests: fixed-seed matches of both shipped scenarios, played by the
// rules themselves (random legal play from `enumerate`, and one scripted line of play), cut down
// to each seat's view exactly as the server sends it.
import { applyMove, newRules } from '../../src/bots/engine';
import type { Rules } from '../../src/game/context';
import { enumerate } from '../../src/game/enumerate';
import { getScenario, hasScenario, parseScenario, registerScenario } from '../../src/game/scenario';
import type { Scenario } from '../../src/game/scenario/schema';
import type { BackchannelState, Seat, SeatView as View } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { makeRng } from '../../src/bots/rng';
import { randomStates } from '../bots/states';

export const SCENARIOS = ['doha-2026', 'meridian-strait'] as const;
export type ScenarioId = (typeof SCENARIOS)[number] | `${(typeof SCENARIOS)[number]}-rebalanced`;
export const SEATS: readonly Seat[] = ['0', '1', '2'];

export interface SeatView {
  seat: Seat;
  view: View;
}

/** Every seat's view of many states met in random legal play (both scenarios, fixed seeds). */
export function randomSeatViews(matches = 4, seed = 'ui-states', every = 7): SeatView[] {
  return randomStates(matches, seed, every).flatMap((G) =>
    SEATS.map((seat) => ({ seat, view: viewFor(G, seat) })),
  );
}

function must(r: Rules, seat: Seat, move: Parameters<typeof applyMove>[2], ...args: unknown[]) {
  const reason = applyMove(r, seat, move, args);
  if (reason !== null) throw new Error(`${move} by ${seat} refused: ${reason}`);
}

function allDone(r: Rules): void {
  for (const seat of [...r.G.pending]) must(r, seat, 'done');
}

/** The first legal memo `enumerate` offers this principal that carries a clause. */
function firstMemo(r: Rules, seat: '0' | '1'): unknown {
  const memo = enumerate(r.G, seat).find(
    (m) => m.move === 'draftMemo' && (m.args[0] as { clauses: unknown[] }).clauses.length > 0,
  );
  if (!memo) throw new Error(`no memo for seat ${seat}`);
  return memo.args[0];
}

/**
 * A scripted line: Principal A writes a memo, the broker relays it to B, B accepts it; the next
 * round's response step is where A is asked to ratify (and B only watches).
 */
export function ratificationMatch(
  scenario: ScenarioId,
  seed = 'ui-ratify',
  relay: (memo: { id: string; clauses: unknown[] }) => Record<string, unknown> = () => ({}),
  until: BackchannelState['step'] = 'response',
): Rules {
  const r = newRules({ scenario, seed });
  must(r, '0', 'draftMemo', firstMemo(r, '0'));
  allDone(r); // drafting ends: the memo reaches the broker
  if (r.G.step !== 'mediation') throw new Error(`expected mediation, got ${r.G.step}`);
  const memo = r.G.memos.find((m) => m.author === '0' && m.status === 'pending');
  if (!memo) throw new Error('A’s memo is not on the broker’s desk');
  must(r, '2', 'relay', memo.id, relay(memo));
  allDone(r); // mediation ends
  const proposal = r.G.proposals.find((p) => p.memoId === memo.id);
  if (!proposal) throw new Error('no proposal from the relay');
  must(r, '1', 'respond', proposal.id, 'accept');
  const round = r.G.round;
  const at = (G: BackchannelState) => G.step === until && G.round === round + 1;
  for (let guard = 0; !at(r.G); guard++) {
    if ((r.G.step as string) === 'over' || guard > 20) throw new Error('no ratification step');
    allDone(r);
  }
  return r;
}

/** Every seat's view of a match played to its end (everyone saying done): the end screens. */
export function finishedViews(scenario: ScenarioId, seed = 'ui-end'): SeatView[] {
  const r = newRules({ scenario, seed, rounds: 4 });
  for (let guard = 0; r.G.step !== 'over' && guard < 200; guard++) allDone(r);
  return SEATS.map((seat) => ({ seat, view: viewFor(r.G, seat) }));
}

/** The state at a step of the first round where a seat acts, with nothing played yet. */
export function freshMatch(scenario: ScenarioId, seed = 'ui-fresh'): Rules {
  return newRules({ scenario, seed });
}

/** A match advanced (everyone saying done) to the given step of round 1. */
export function matchAt(scenario: ScenarioId, step: BackchannelState['step'], seed = 'ui-step') {
  const r = newRules({ scenario, seed });
  while (r.G.step !== step) allDone(r);
  return r;
}

/** A principal-A memo on the broker's desk in mediation. */
export function mediationWithMemo(scenario: ScenarioId, seed = 'ui-mediation'): Rules {
  const r = newRules({ scenario, seed });
  must(r, '0', 'draftMemo', firstMemo(r, '0'));
  must(r, '1', 'draftMemo', firstMemo(r, '1'));
  allDone(r);
  return r;
}

export { must, allDone, viewFor };

/**
 * A copy of a shipped scenario with its posture and mediation numbers changed, registered under
 * its own id: a screen that states these numbers must state the changed ones.
 */
export function rebalanced(base: (typeof SCENARIOS)[number]): ScenarioId {
  const id = `${base}-rebalanced` as const;
  if (hasScenario(id)) return id;
  const s = structuredClone(getScenario(base)) as Scenario & { id: string };
  s.id = id;
  const p = s.tunables.postures;
  p.enforcementLeak = { relax: 2, hold: 0, tighten: -1, interdict: -4 };
  p.leashLeak = { restrain: -1, loose: 0, unleash: 2 };
  p.enrichment = { pause: 0, steady: 2, advance: 3 };
  p.interdiction = { oilPrice: 2, escalation: 1 };
  s.tunables.incidents.leash = { restrain: -0.1, loose: 0, unleash: 0.3 };
  const m = s.tunables.mediation;
  Object.assign(m, { leakCapital: 2, leakPressure: 3, expiryCapital: 2, expiryPressure: 2 });
  m.reframeCost = 2;
  m.hoursPerRound = 48;
  m.turnaroundHours = 48;
  registerScenario(parseScenario(s, `test/ui/${id}.json`));
  return id;
}

/** Random legal play (as test/bots/states.ts plays) to the end of the match: the final state. */
export function finishedByPlay(scenario: ScenarioId, seed: string): BackchannelState {
  const r = newRules({ scenario, seed });
  const rng = makeRng(seed);
  for (let moves = 0; r.G.step !== 'over' && moves < 4000; moves++) {
    const seat = rng.pick([...r.G.pending]) as Seat;
    const legal = enumerate(r.G, seat).filter((a) => a.move !== 'done');
    const action =
      legal.length > 0 && rng.chance(0.75) ? rng.pick(legal) : { move: 'done' as const, args: [] };
    const reason = applyMove(r, seat, action.move, action.args);
    if (reason) throw new Error(`random play refused: ${reason}`);
  }
  if (!r.G.final) throw new Error('the match did not end');
  return r.G;
}
