// Replays a match record through the rules: the same setup data, seed and clock readings, and every
// action in order, through boardgame.io's own reducer (as its master runs it). The final state
// must equal the recorded one exactly; `replayRecord` says where it first went astray if not.
import type { LogEntry, State } from 'boardgame.io';
import { CreateGameReducer, InitializeGame } from 'boardgame.io/internal';
import { makeBackchannel } from '.';
import type { MatchRecord } from './record';
import type { BackchannelState } from './types';

export class ReplayError extends Error {}

/**
 * The final state the record's actions lead to, from its seed and setup. `each` sees every state
 * on the way: the initial one (index 0), then the state after each action (index i + 1).
 */
export function replayRecord(
  record: MatchRecord,
  each?: (state: State<BackchannelState>, index: number) => void,
): State<BackchannelState> {
  let now = record.startedAt;
  // A match set up before ids stopped drawing from the generator replays with the draws they took.
  const game = makeBackchannel({
    now: () => now,
    seed: record.seed,
    ...(record.separateIds === true ? {} : { legacyIdDraws: true }),
  });
  let state = InitializeGame({
    game,
    numPlayers: 3,
    setupData: record.setupData,
  }) as State<BackchannelState>;
  const reducer = CreateGameReducer({ game });
  each?.(state, 0);
  record.actions.forEach((action, i) => {
    now = action.at;
    const before = state._stateID;
    state = reducer(state, {
      type: 'MAKE_MOVE',
      payload: { type: action.move, args: action.args, playerID: action.seat },
    } as never) as State<BackchannelState>;
    if (state._stateID === before)
      throw new ReplayError(
        `action ${i} (${action.move} by seat ${action.seat}) was refused on replay`,
      );
    each?.(state, i + 1);
  });
  return state;
}

let replayClock = 0;
let tailReducer: ReturnType<typeof CreateGameReducer> | undefined;

/**
 * The state a stored state leads to through the log entries written after it: the server's
 * storage writes the whole state only every few moves (server/storage.ts), and a read replays the
 * moves since through boardgame.io's reducer, as its master ran them, each at the time its entry
 * was stamped with. Events in the log (a turn's end, the match's end) follow from the moves and
 * are not replayed themselves. Throws when a move is refused on the way: the log does not lead
 * from that state.
 */
export function replayLogTail(
  state: State<BackchannelState>,
  entries: LogEntry[],
): State<BackchannelState> {
  tailReducer ??= CreateGameReducer({ game: makeBackchannel({ now: () => replayClock }) });
  for (const entry of entries) {
    if (entry.action.type !== 'MAKE_MOVE') continue;
    const at = (entry.metadata as { at?: unknown } | undefined)?.at;
    if (typeof at !== 'number' || entry._stateID !== state._stateID)
      throw new ReplayError(
        `log entry for state ${entry._stateID} does not follow state ${state._stateID}`,
      );
    replayClock = at;
    const next = tailReducer(state, entry.action as never) as State<BackchannelState> & {
      transients?: unknown;
    };
    if (next._stateID === state._stateID)
      throw new ReplayError(`${entry.action.payload.type} was refused on replay`);
    // As the master stores it: without the step's own log, nor anything transient.
    const { deltalog: _log, transients: _transients, ...stored } = next;
    state = stored as State<BackchannelState>;
  }
  return state;
}
