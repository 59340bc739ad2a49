// A headless match: the pure rules (src/game) with a bot in every seat, untimed, seeded. Each bot
// is given its own seat's view only (viewFor), exactly what the server would send to that seat.
import type { Rules } from '../game/context';
import type { BackchannelState, Seat, SeatView } from '../game/types';
import { viewFor } from '../game/view';
import { applyMove, isOver, newRules } from './engine';
import { makeBot } from './make';
import { summarise, type MatchSummary } from './stats';
import type { Bot, BotLevel, Persona } from './types';

export interface SeatSpec {
  level: BotLevel;
  persona?: Persona;
}

export interface RunOptions {
  /** Seats '0', '1', '2' in order. */
  seats: readonly [SeatSpec, SeatSpec, SeatSpec];
  seed: string;
  scenario?: string;
  rounds?: number;
  /** Replace a seat's bot (tests wrap bots to inspect what they receive). */
  bots?: Partial<Record<Seat, Bot>>;
  /** Called with what a bot is about to receive, and the full state (tests). */
  inspect?: (seat: Seat, input: SeatView, G: BackchannelState) => void;
  /** Record each decision's wall time, per seat. */
  timing?: boolean;
  /** Test hook: how the runner builds a seat's input. The default is viewFor. */
  viewOf?: (G: BackchannelState, seat: Seat) => SeatView;
}

export interface RunResult {
  G: BackchannelState;
  summary: MatchSummary;
  /** Decisions asked of each seat. */
  decisions: Record<Seat, number>;
  /** Wall time of each decision in ms, per seat (with `timing`). */
  times: Record<Seat, number[]>;
  /** Times a pending seat's bot returned null (it is then made to say done). */
  nulls: number;
}

export class IllegalBotMove extends Error {
  constructor(
    readonly seat: Seat,
    readonly move: string,
    readonly args: unknown[],
    readonly reason: string,
  ) {
    super(`bot in seat ${seat} tried an illegal ${move}(${JSON.stringify(args)}): ${reason}`);
    this.name = 'IllegalBotMove';
  }
}

/** Moves one seat may make in one step before the runner ends its step for it. */
const MAX_MOVES_PER_STEP = 40;

export function botsFor(seats: RunOptions['seats'], seed: string): Record<Seat, Bot> {
  const make = (seat: Seat, spec: SeatSpec) =>
    makeBot({
      seat,
      level: spec.level,
      ...(spec.persona ? { persona: spec.persona } : {}),
      seed: `${seed}/bot-${seat}`,
    });
  return { '0': make('0', seats[0]), '1': make('1', seats[1]), '2': make('2', seats[2]) };
}

export function runMatch(opts: RunOptions): RunResult {
  const r: Rules = newRules({
    seed: `${opts.seed}/rules`,
    ...(opts.scenario !== undefined ? { scenario: opts.scenario } : {}),
    ...(opts.rounds !== undefined ? { rounds: opts.rounds } : {}),
  });
  const bots = { ...botsFor(opts.seats, opts.seed), ...opts.bots };
  const viewOf = opts.viewOf ?? viewFor;
  const decisions: Record<Seat, number> = { '0': 0, '1': 0, '2': 0 };
  const times: Record<Seat, number[]> = { '0': [], '1': [], '2': [] };
  let nulls = 0;
  let stepKey = '';
  let movesInStep: Record<Seat, number> = { '0': 0, '1': 0, '2': 0 };

  while (!isOver(r.G)) {
    const key = `${r.G.round}:${r.G.step}`;
    if (key !== stepKey) {
      stepKey = key;
      movesInStep = { '0': 0, '1': 0, '2': 0 };
    }
    for (const seat of [...r.G.pending]) {
      if (isOver(r.G) || `${r.G.round}:${r.G.step}` !== stepKey || !r.G.pending.includes(seat))
        continue;
      const input = viewOf(r.G, seat);
      opts.inspect?.(seat, input, r.G);
      const started = opts.timing ? performance.now() : 0;
      const action = bots[seat].decide(input);
      if (opts.timing) times[seat].push(performance.now() - started);
      decisions[seat]++;
      if (++movesInStep[seat] > MAX_MOVES_PER_STEP || action === null) {
        if (action === null) nulls++;
        const reason = applyMove(r, seat, 'done', []);
        if (reason) throw new IllegalBotMove(seat, 'done', [], reason);
        continue;
      }
      const reason = applyMove(r, seat, action.move, action.args);
      if (reason) throw new IllegalBotMove(seat, action.move, action.args, reason);
    }
  }
  return { G: r.G, summary: summarise(r.G, opts.seed), decisions, times, nulls };
}
