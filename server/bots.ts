// Bots in online matches: the seats named in a match's setupData.bots are taken at creation (so no
// person can join them) and played by the server. After every saved state, each bot seat that
// has something to do decides from its own seat's view (never the full state) and moves through
// the same queue and master as a person's move, after a human-like delay.
import type { Server as BgioServer, State } from 'boardgame.io';
import type { Logger } from 'pino';
import { botDelay, makeBot, type Bot } from '../src/bots';
import { viewFor } from '../src/game/view';
import type { BackchannelState, MatchOptions, Seat } from '../src/game/types';
import type { DeadlineRunner } from './deadlines';

export const botName = (spec: MatchOptions['bots'][Seat]) =>
  `Bot (${spec?.level ?? 'normal'}${spec?.persona ? `, ${spec.persona}` : ''})`;

/** Moves a bot may make in one step before it is made to say done (as the headless runner). */
const MAX_MOVES_PER_STEP = 40;

export class BotSeats {
  private readonly bots = new Map<string, Bot>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Moves each bot seat made in its current step (match:seat → round:step and count). */
  private readonly moves = new Map<string, { step: string; count: number }>();

  constructor(
    private readonly runner: DeadlineRunner,
    private readonly log: Logger,
    /** Multiplies the human-like delay; 0 plays at once (tests, simulations). */
    private readonly pace: number,
  ) {}

  /** Marks bot seats as taken in a new match's metadata. */
  claimSeats(metadata: BgioServer.MatchData): void {
    const bots = (metadata.setupData as { bots?: MatchOptions['bots'] } | undefined)?.bots ?? {};
    for (const [seat, spec] of Object.entries(bots)) {
      const player = metadata.players[Number(seat)];
      if (player) player.name = botName(spec);
    }
  }

  fromState(matchID: string, state: State<BackchannelState>): void {
    const { G } = state;
    const specs = G.options?.bots ?? {};
    for (const [seat, spec] of Object.entries(specs) as [
      Seat,
      NonNullable<MatchOptions['bots'][Seat]>,
    ][]) {
      const key = `${matchID}:${seat}`;
      // A paused table refuses every seat's move: a bot would only be refused (and, its refused
      // move being saved again, re-armed at once).
      if (state.ctx.gameover !== undefined || G.paused || !G.pending.includes(seat)) continue;
      if (this.timers.has(key)) continue;
      const delay = botDelay(spec.level, Math.random()) * this.pace;
      const timer = setTimeout(() => void this.act(matchID, seat, spec), delay);
      timer.unref?.();
      this.timers.set(key, timer);
    }
  }

  private bot(matchID: string, seat: Seat, spec: NonNullable<MatchOptions['bots'][Seat]>): Bot {
    // A facilitator may hand the seat to another level or persona: one bot per spec.
    const key = `${matchID}:${seat}:${spec.level}:${spec.persona ?? ''}`;
    let bot = this.bots.get(key);
    if (!bot) {
      bot = makeBot({
        seat,
        level: spec.level,
        ...(spec.persona ? { persona: spec.persona } : {}),
        seed: `${matchID}:${seat}`,
        budgetMs: 500,
      });
      this.bots.set(key, bot);
    }
    return bot;
  }

  private async act(
    matchID: string,
    seat: Seat,
    spec: NonNullable<MatchOptions['bots'][Seat]>,
  ): Promise<void> {
    const key = `${matchID}:${seat}`;
    this.timers.delete(key);
    try {
      let step = '';
      let made = '';
      const applied = await this.runner.serverMove(matchID, (state) => {
        const { G } = state;
        if (state.ctx.gameover !== undefined || G.paused || !G.pending.includes(seat)) return null;
        // The seat may have been given back (or handed to another bot) since the timer was set.
        const now = G.options.bots[seat];
        if (!now || now.level !== spec.level || now.persona !== spec.persona) return null;
        step = `${G.round}:${G.step}`;
        const moves = this.moves.get(key);
        const count = moves?.step === step ? moves.count + 1 : 1;
        this.moves.set(key, { step, count });
        // A bot that keeps moving without ending its step is stopped: it says done.
        const decided =
          count > MAX_MOVES_PER_STEP
            ? null
            : this.bot(matchID, seat, spec).decide(viewFor(G, seat));
        const action = decided ?? { move: 'done', args: [] };
        made = action.move;
        return { move: action.move, args: action.args, seat };
      });
      if (applied) this.log.info({ event: 'bot-move', matchID, seat, move: made }, 'bot move');
      // A move the rules refused saves nothing, so nothing would wake the bot again: it says done.
      if (!applied && step !== '')
        await this.runner.serverMove(matchID, (state) => {
          const { G } = state;
          if (state.ctx.gameover !== undefined || G.paused || !G.pending.includes(seat))
            return null;
          if (`${G.round}:${G.step}` !== step || !G.options.bots[seat]) return null;
          this.log.warn({ event: 'bot-refused', matchID, seat }, 'a bot move was refused');
          return { move: 'done', args: [], seat };
        });
    } catch (err) {
      this.log.error({ event: 'error', matchID, seat, err: String(err) }, 'bot move failed');
    }
  }

  /** Forgets a deleted match: its timers and its bots. */
  forget(matchID: string): void {
    for (const [key, timer] of this.timers)
      if (key.startsWith(`${matchID}:`)) {
        clearTimeout(timer);
        this.timers.delete(key);
      }
    for (const key of [...this.bots.keys()])
      if (key.startsWith(`${matchID}:`)) this.bots.delete(key);
    for (const key of [...this.moves.keys()])
      if (key.startsWith(`${matchID}:`)) this.moves.delete(key);
  }

  /** Timers armed for this match (tests, health). */
  pendingFor(matchID: string): number {
    return [...this.timers.keys()].filter((k) => k.startsWith(`${matchID}:`)).length;
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
