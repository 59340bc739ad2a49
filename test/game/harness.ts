// Test harness for the rules. Two layers:
// - `table()`: the pure rules (check + apply) on a plain state, with a seeded PRNG and a clock the
//   test controls, for unit tests that need to set up exact situations;
// - `localMatch()`: boardgame.io clients, one per seat, over `Local()`, for scenario tests that
//   exercise the real framework path (views, log redaction, INVALID_MOVE handling).
import { Client } from 'boardgame.io/client';
import { Local } from 'boardgame.io/multiplayer';
import type { Rules } from '../../src/game/context';
import { MOVES, applyChecked, type MoveName } from '../../src/game/moves';
import { EXPIRE } from '../../src/game/moves';
import { makeBackchannel } from '../../src/game';
import { PrngPlugin, type PrngApi, type PrngData } from '../../src/game/plugins/prng';
import { getScenario, parseScenario, registerScenario } from '../../src/game/scenario';
import fixture from './fixtures/doha-fixture.json';
import { setupMatch } from '../../src/game/setup';
import type { BackchannelState, Seat } from '../../src/game/types';
import type { SetupData } from '../../src/game/options';

export interface Table extends Rules {
  /** Current fake server time in ms. */
  time: { now: number };
  /** Runs a move's check and, if legal, applies it. Returns the refusal reason or null. */
  act(seat: string | undefined, move: MoveName, ...args: unknown[]): string | null;
  /** Like act, but throws with the reason when the move is refused. */
  must(seat: string | undefined, move: MoveName, ...args: unknown[]): void;
  expire(args: unknown): string | null;
}

export function prngFor(seed: string): PrngApi {
  const setup = PrngPlugin.setup!({ game: { seed } } as never) as PrngData;
  // One live generator for the whole table: apply each draw to the same state.
  const data = { ...setup };
  const api = PrngPlugin.api!({ data } as never) as PrngApi;
  return api;
}

/**
 * The rules tests play on a frozen copy of doha-2026 (test/game/fixtures), so that balancing the
 * shipped scenario's tunable numbers never changes what these tests expect. Tests that name a
 * scenario get that scenario.
 */
export const FIXTURE = 'doha-fixture';
registerScenario(parseScenario(fixture, 'test/game/fixtures/doha-fixture.json'));
const withFixture = (setupData: SetupData): SetupData => ({ scenario: FIXTURE, ...setupData });

export function table(setupData: SetupData = {}, seed = 'test-seed', start = 1_000_000): Table {
  setupData = withFixture(setupData);
  const time = { now: start };
  const prng = prngFor(seed);
  const now = () => time.now;
  const G = setupMatch(setupData, prng, now);
  const scenario = getScenario(G.options.scenario);
  const t: Table = {
    G,
    scenario,
    prng,
    now,
    time,
    act(seat, move, ...args) {
      const def = MOVES[move];
      const checked = def.check({ G: t.G, scenario, seat, args });
      if (!checked.ok) return checked.reason;
      applyChecked(t, move, checked.value, seat as Seat);
      return null;
    },
    must(seat, move, ...args) {
      const reason = t.act(seat, move, ...args);
      if (reason !== null) throw new Error(`${move} by ${seat} refused: ${reason}`);
    },
    expire(args) {
      const checked = EXPIRE.check({
        G: t.G,
        scenario,
        seat: undefined,
        args: [args],
        now: time.now,
      });
      if (!checked.ok) return checked.reason;
      EXPIRE.apply(t);
      return null;
    },
  };
  return t;
}

/** Everyone still pending says done (ends the current step). */
export function allDone(t: Table): void {
  for (const seat of [...t.G.pending]) t.must(seat, 'done');
}

/** Plays on, everyone saying done, until the given step (of the given round, if named). */
export function advanceTo(t: Table, step: BackchannelState['step'], round?: number): void {
  for (let guard = 0; guard < 100; guard++) {
    if (t.G.step === step && (round === undefined || t.G.round === round)) return;
    if (t.G.step === 'over') throw new Error(`match ended before ${step}`);
    allDone(t);
  }
  throw new Error(`never reached ${step}`);
}

export interface LocalMatch {
  clients: Record<Seat, ReturnType<typeof Client<BackchannelState>>>;
  spectator: ReturnType<typeof Client<BackchannelState>>;
  time: { now: number };
  stop(): void;
}

export function localMatch(setupData: SetupData = {}, seed = 'local-seed'): LocalMatch {
  setupData = withFixture(setupData);
  const time = { now: 1_000_000 };
  const base = makeBackchannel({ seed, now: () => time.now });
  // Local() creates its match on the first sync without setupData: bind the options here, as a
  // solo game in the browser does.
  const game = { ...base, setup: (c: never, data: unknown) => base.setup!(c, data ?? setupData) };
  const multiplayer = Local();
  const make = (playerID?: string) => {
    const c = Client<BackchannelState>({
      game,
      numPlayers: 3,
      multiplayer,
      ...(playerID !== undefined ? { playerID } : {}),
    } as never);
    c.start();
    return c;
  };
  const clients = { '0': make('0'), '1': make('1'), '2': make('2') };
  const spectator = make();
  return {
    clients,
    spectator,
    time,
    stop: () => {
      for (const c of [...Object.values(clients), spectator]) c.stop();
    },
  };
}

/**
 * Tables the clauses in the next mediation step (this round's, if it has not passed) and has both
 * principals accept them: they are signed in that response step, unless a rule voids them.
 */
export function signTabled(t: Table, clauses: unknown[]): void {
  const early = t.G.step === 'drafting' || t.G.step === 'mediation';
  advanceTo(t, 'mediation', early ? t.G.round : t.G.round + 1);
  t.G.tracks.capital = 5;
  t.must('2', 'tableProposal', { clauses });
  t.must('2', 'done');
  const p = t.G.proposals.at(-1)!;
  t.must('0', 'respond', p.id, 'accept');
  t.must('1', 'respond', p.id, 'accept');
}
