// The Backchannel game for boardgame.io: the same rules run on the server, in the browser for
// solo play, and in simulations.
import type { Ctx, Game, LongFormMove } from 'boardgame.io';
import { GAME_NAME, INVALID_MOVE } from './constants';
import type { Rules } from './context';
import { enumerate } from './enumerate';
import { EXPIRE, MOVES, applyChecked, type MoveName } from './moves';
import { validateSetupData } from './options';
import { applyFacilitate, checkFacilitate } from './facilitation';
import { makeClockPlugin, type ClockApi } from './plugins/clock';
import { PrngPlugin, makePrngPlugin, type PrngApi } from './plugins/prng';
import { getScenario } from './scenario';
import { setupMatch } from './setup';
import type { BackchannelState, Seat } from './types';
import { viewFor } from './view';

interface PluginApis {
  prng: PrngApi;
  clock: ClockApi;
  log: { setMetadata(metadata: unknown): void };
}
type MoveContext = { G: BackchannelState; ctx: Ctx; playerID?: string } & PluginApis;

function rulesOf({ G, prng, clock }: MoveContext): Rules {
  return { G, scenario: getScenario(G.options.scenario), prng, now: () => clock.now() };
}

/** Every applied move records the server time it ran at, for exact replays (record.ts). */
function stamp(c: MoveContext, r: Rules): void {
  c.log.setMetadata({ at: r.now() });
}

function longForm(name: MoveName): LongFormMove<BackchannelState> {
  const def = MOVES[name];
  return {
    move: (context, ...args: unknown[]) => {
      const c = context as unknown as MoveContext;
      const r = rulesOf(c);
      const checked = def.check({ G: c.G, scenario: r.scenario, seat: c.playerID, args });
      if (!checked.ok) return INVALID_MOVE;
      applyChecked(r, name, checked.value, c.playerID as Seat);
      stamp(c, r);
    },
    // Moves run on the server only: a client's copy of the state is its seat's view and must not
    // compute anything that decides an outcome.
    client: false,
    redact: def.secret,
    // Seats act at the same time and every move names what it acts on (memo, proposal), and is
    // checked against the current state: a move sent just after another seat's is still valid.
    ignoreStaleStateID: true,
  };
}

export interface BackchannelOptions {
  /** The server's clock (ms since the epoch); tests pass a fake one. */
  now?: () => number;
  /** A fixed PRNG seed, for tests and replays. Without one, each match is seeded from crypto. */
  seed?: string;
  /**
   * Memo and proposal ids take six draws of the generator, as in matches set up before issue #11's
   * fix: only to replay such a match's record exactly (replay.ts).
   */
  legacyIdDraws?: boolean;
}

export function makeBackchannel(opts: BackchannelOptions = {}): Game<BackchannelState> {
  const now = opts.now ?? (() => Date.now());
  const moves = Object.fromEntries(
    (Object.keys(MOVES) as MoveName[]).map((name) => [name, longForm(name)]),
  ) as Record<MoveName, LongFormMove<BackchannelState>>;

  return {
    name: GAME_NAME,
    minPlayers: 3,
    maxPlayers: 3,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    plugins: [
      opts.legacyIdDraws ? makePrngPlugin({ legacyIdDraws: true }) : PrngPlugin,
      makeClockPlugin(now),
    ],
    disableUndo: true,
    validateSetupData: (setupData, numPlayers) => validateSetupData(setupData, numPlayers),

    setup: (context, setupData) => {
      const c = context as unknown as PluginApis;
      return setupMatch(setupData, c.prng, () => c.clock.now());
    },

    moves: {
      ...moves,
      /** The server's deadline: succeeds only when the clock is past the named step's deadline. */
      expire: {
        move: (context, ...args: unknown[]) => {
          const c = context as unknown as MoveContext;
          const r = rulesOf(c);
          const checked = EXPIRE.check({
            G: c.G,
            scenario: r.scenario,
            seat: c.playerID,
            args,
            now: r.now(),
          });
          if (!checked.ok) return INVALID_MOVE;
          EXPIRE.apply(r);
          stamp(c, r);
        },
        client: false,
      },
      /**
       * A seminar facilitator's action (docs/SEMINAR.md). The server runs it for a facilitator
       * it authenticated; the guard never accepts it from a seat's socket.
       */
      facilitate: {
        move: (context, ...args: unknown[]) => {
          const c = context as unknown as MoveContext;
          const r = rulesOf(c);
          const checked = checkFacilitate(c.G, r.scenario, args, r.now());
          if (!checked.ok) return INVALID_MOVE;
          applyFacilitate(r, checked.value);
          stamp(c, r);
        },
        client: false,
      },
    },

    // Every seat may always send a move; the rules decide whether it is that seat's to make.
    turn: { activePlayers: { all: null } as never },

    endIf: ({ G }) => (G.final ? { ...G.final } : undefined),
    playerView: ({ G, playerID }) => viewFor(G, playerID),

    events: {
      endGame: false,
      endPhase: false,
      setPhase: false,
      endTurn: false,
      pass: false,
      setActivePlayers: false,
      endStage: false,
      setStage: false,
    },

    ai: { enumerate: (G, ctx, playerID) => enumerate(G, playerID) },
  };
}

/** The game as served: real clock, a fresh crypto seed per match. */
export const Backchannel = makeBackchannel();

export type { BackchannelState } from './types';
export * from './types';
export { MOVES, MOVE_NAMES, type MoveName } from './moves';
export { explainMove } from './enumerate';
export { checkFacilitate, FacilitatorAction, MAX_EXTENSION_SECONDS } from './facilitation';
export { viewFor } from './view';
export {
  getScenario,
  scenarioIds,
  registerScenario,
  parseScenario,
  parseScenarioText,
  ScenarioError,
} from './scenario';
export { resolveOptions, validateSetupData, TIMER_PRESETS, OptionsError } from './options';
export * from './seat-model';
export * as facts from './facts';
export * from './words';
export type { MoveArgs, MoveArgMap, MoveIntent, PostureArg } from './move-args';
