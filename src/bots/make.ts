// makeBot: a bot for one seat at one level, with an optional persona for principals.
import { getScenario } from '../game/scenario';
import type { SeatView, Seat } from '../game/types';
import { NormalBroker } from './broker';
import { EasyBot } from './easy';
import { HardBot } from './hard';
import { NormalPrincipal, PRINCIPAL_PARAMS } from './principal';
import { makeRng } from './rng';
import type { Bot, BotAction, BotOptions } from './types';

/** Whether this seat has anything to do in this view. */
export const isPending = (view: SeatView, seat: Seat): boolean =>
  !view.final && view.step !== 'over' && view.pending.includes(seat);

export function makeBot(opts: BotOptions): Bot {
  const { seat, level } = opts;
  const persona = seat === '2' ? undefined : opts.persona;
  const rng = makeRng(opts.seed ?? `bot-${seat}-${level}`);
  let inner: { decide(view: SeatView): BotAction };
  if (level === 'easy') {
    const easy = new EasyBot(seat, rng);
    inner = { decide: (view) => easy.decide(view, getScenario(view.options.scenario)) };
  } else if (level === 'hard') {
    inner = new HardBot(opts, rng);
  } else if (seat === '2') {
    const broker = new NormalBroker();
    inner = { decide: (view) => broker.decide(view, getScenario(view.options.scenario)) };
  } else {
    const principal = new NormalPrincipal(seat, PRINCIPAL_PARAMS[persona ?? 'none'], rng);
    inner = { decide: (view) => principal.decide(view, getScenario(view.options.scenario)) };
  }
  return {
    seat,
    level,
    persona,
    decide: (view) => (isPending(view, seat) ? inner.decide(view) : null),
  };
}

/**
 * A human-like pause before a bot's move, in ms, for the browser and seminars: easy bots answer
 * quickly, hard ones seem to think. `random` in [0, 1) spreads it (default: the middle).
 */
export function botDelay(level: BotOptions['level'], random = 0.5): number {
  const [low, high] =
    level === 'easy' ? [600, 1600] : level === 'normal' ? [1200, 2800] : [2000, 4500];
  return Math.round(low + (high - low) * Math.min(1, Math.max(0, random)));
}
