// What the server sends a seat or a spectator. boardgame.io's own filter applies playerView to G
// and hides plugin data, and nothing else: it leaves other seats' log entries (move names, timing),
// per-seat move counters in ctx, the initial state inside sync (unfiltered: the agendas as
// dealt), and player metadata `data`. This filter starts from its output and removes all of that.
import type { Ctx, FilteredMetadata, Game, LogEntry, State } from 'boardgame.io';
import { getFilterPlayerView } from 'boardgame.io/internal';

type Payload = Parameters<ReturnType<typeof getFilterPlayerView>>[1];
type Outgoing = ReturnType<ReturnType<typeof getFilterPlayerView>>;

/** Only the counters that say nothing about other seats survive. */
export function publicCtx(ctx: Ctx): Ctx {
  const {
    numMoves: _numMoves,
    _activePlayersNumMoves: _perSeat,
    _activePlayersMinMoves: _min,
    _activePlayersMaxMoves: _max,
    _prevActivePlayers: _prev,
    _nextActivePlayers: _next,
    ...rest
  } = ctx as Ctx & Record<string, unknown>;
  return rest as Ctx;
}

/**
 * No log until the match is over: even a seat's own entries carry the match's move counter, which
 * would count the other seats' moves. Each seat's view already says what it did. After the end,
 * the whole log (the debrief).
 */
export function logFor(log: LogEntry[] | undefined, over: boolean): LogEntry[] {
  if (!log || !over) return [];
  return log.map(({ metadata: _metadata, ...entry }) => entry as LogEntry);
}

export function metadataFor(players: FilteredMetadata | undefined): FilteredMetadata {
  return (players ?? []).map((p) => ({
    id: p.id,
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.isConnected !== undefined ? { isConnected: p.isConnected } : {}),
  }));
}

/**
 * `share`: the game's view of a seat without its own copy of each part (the view is serialised at
 * once and dropped: src/game/view.ts `ViewOptions`).
 */
export function makeOutgoingFilter(
  game: Game,
  share?: (G: unknown, playerID: string | null) => unknown,
) {
  const base = getFilterPlayerView(
    share ? { ...game, playerView: ({ G, playerID }) => share(G, playerID) } : game,
  );
  const view = (playerID: string | null, state: State): State => {
    const filtered = base(playerID, { type: 'update', args: ['', state] });
    const s = (filtered.args as [string, State, LogEntry[]])[1];
    return { ...s, ctx: publicCtx(s.ctx), deltalog: undefined, _undo: [], _redo: [] } as State;
  };

  return (playerID: string | null, payload: Payload): Outgoing | null => {
    switch (payload.type) {
      case 'update': {
        const [matchID, state] = payload.args;
        const over = state.ctx.gameover !== undefined;
        return {
          type: 'update',
          args: [matchID, view(playerID, state), logFor(state.deltalog, over)],
        };
      }
      case 'sync': {
        const [matchID, info] = payload.args;
        const over = info.state.ctx.gameover !== undefined;
        return {
          type: 'sync',
          args: [
            matchID,
            {
              state: view(playerID, info.state),
              log: logFor(info.log, over),
              filteredMetadata: metadataFor(info.filteredMetadata),
              initialState: info.initialState ? view(playerID, info.initialState) : undefined,
            },
          ],
        } as Outgoing;
      }
      case 'matchData':
        return { type: 'matchData', args: [payload.args[0], metadataFor(payload.args[1])] };
      case 'patch':
        // The game sends whole updates (deltaState is off): a patch would be computed from
        // unfiltered states, so none is ever forwarded.
        return null;
      case 'chat':
        // There is no chat in Backchannel: the broker is the only channel between principals.
        return null;
    }
  };
}
