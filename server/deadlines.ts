// Deadlines, which boardgame.io lacks: one timer per match, armed from the deadline stored in the
// match state whenever that state is saved and, at boot, for every unfinished match. When it fires
// it runs the `expire` move through the master, inside the match's queue; the rules accept it
// only if the server clock is past the stored deadline of the named step, so an early, late or
// repeated firing changes nothing.
import type { State } from 'boardgame.io';
import type { Logger } from 'pino';
import type { BackchannelState } from '../src/game/types';

export interface DeadlineRunner {
  serverMove(
    matchID: string,
    build: (
      state: State<BackchannelState>,
    ) => { move: string; args: unknown[]; seat?: string } | null,
  ): Promise<boolean>;
}

/** setTimeout's ceiling (about 24.8 days); longer waits are re-armed on the way. */
const MAX_TIMER = 2 ** 31 - 1;

export class DeadlineScheduler {
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();

  constructor(
    private readonly runner: DeadlineRunner,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Arms (or disarms) the match's timer from a saved state. */
  fromState(matchID: string, state: State<BackchannelState>): void {
    const { clock, step } = state.G;
    if (state.ctx.gameover !== undefined || step === 'over' || clock.deadline === null) {
      this.disarm(matchID);
      return;
    }
    this.arm(matchID, clock.deadline);
  }

  arm(matchID: string, at: number): void {
    const existing = this.timers.get(matchID);
    if (existing?.at === at) return;
    if (existing) clearTimeout(existing.timer);
    const wait = Math.min(MAX_TIMER, Math.max(0, at - this.now()));
    const timer = setTimeout(() => void this.fire(matchID, at), wait);
    timer.unref?.();
    this.timers.set(matchID, { at, timer });
  }

  disarm(matchID: string): void {
    const existing = this.timers.get(matchID);
    if (existing) clearTimeout(existing.timer);
    this.timers.delete(matchID);
  }

  armed(): number {
    return this.timers.size;
  }

  private async fire(matchID: string, at: number): Promise<void> {
    if (this.timers.get(matchID)?.at === at) this.timers.delete(matchID);
    if (this.now() < at) {
      this.arm(matchID, at); // a long wait split by MAX_TIMER
      return;
    }
    try {
      let named = { round: 0, step: '' };
      const ran = await this.runner.serverMove(matchID, (state) => {
        const { clock } = state.G;
        if (clock.deadline !== at || state.ctx.gameover !== undefined) return null;
        named = { round: clock.round, step: clock.step };
        return { move: 'expire', args: [named] };
      });
      if (ran) this.log.info({ event: 'deadline', matchID, ...named }, 'deadline passed');
    } catch (err) {
      this.log.error({ event: 'error', matchID, err: String(err) }, 'deadline failed');
    }
  }
}
