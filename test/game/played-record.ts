// A finished match's record, played as the server plays one: boardgame.io's own reducer, a growing
// log, bots deciding from their views, deadlines on a clock that moves between actions. For the
// review's replay tests (test/game/replay-model.test.ts, test/ui/review.test.ts).
import type { State } from 'boardgame.io';
import { CreateGameReducer, InitializeGame } from 'boardgame.io/internal';
import { makeBot } from '../../src/bots';
import { makeBackchannel, type BackchannelOptions } from '../../src/game';
import { buildRecord, type MatchRecord } from '../../src/game/record';
import type { BackchannelState, Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';

export function playedRecord(
  seed = 'review',
  setupData: Record<string, unknown> = { timers: 'blitz', rounds: 4 },
  matchID = 'm-review',
  options: Omit<BackchannelOptions, 'now' | 'seed'> = {},
): MatchRecord {
  const clock = { now: 1_700_000_000_000 };
  // Seeded: boardgame.io draws a random seed for a game without one, and the match would differ
  // from run to run (an incident in round 1 one time in a few).
  const game = { ...makeBackchannel({ ...options, now: () => clock.now }), seed };
  let state = InitializeGame({ game, numPlayers: 3, setupData }) as State<BackchannelState>;
  const initialState = state;
  const reducer = CreateGameReducer({ game });
  const log: unknown[] = [];
  const bots = Object.fromEntries(
    (['0', '1', '2'] as Seat[]).map((seat) => [
      seat,
      makeBot({ seat, level: 'normal', seed: `${seed}/${seat}` }),
    ]),
  ) as Record<Seat, ReturnType<typeof makeBot>>;
  const send = (move: string, args: unknown[], seat: Seat): boolean => {
    const before = state._stateID;
    state = reducer(state, {
      type: 'MAKE_MOVE',
      payload: { type: move, args, playerID: seat },
    } as never) as State<BackchannelState>;
    log.push(...((state as unknown as { deltalog: unknown[] }).deltalog ?? []));
    return state._stateID !== before;
  };
  for (let i = 0; i < 2000 && !state.ctx.gameover; i++) {
    clock.now += 1_234;
    const { G } = state;
    // Seat 0 never acts in press: the deadline ends that step for it.
    const seat = G.pending.find((s) => !(s === '0' && G.step === 'press'));
    if (seat === undefined) {
      clock.now = Math.max(clock.now, (G.clock.deadline ?? clock.now) + 1);
      send('expire', [{ round: G.round, step: G.step }], G.pending[0] ?? '0');
      continue;
    }
    const action = bots[seat].decide(viewFor(G, seat));
    if (!action || !send(action.move, action.args, seat)) send('done', [], seat);
  }
  if (!state.ctx.gameover) throw new Error('the match did not end');
  return buildRecord({ matchID, setupData, initialState, log: log as never, state });
}
