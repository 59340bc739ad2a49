// Bots for every seat at three levels, and a headless runner for simulations.
export { makeBot, botDelay, isPending } from './make';
export { runMatch, botsFor, IllegalBotMove } from './runner';
export type { RunOptions, RunResult, SeatSpec } from './runner';
export { summarise, aggregate, formatAggregate, OUTCOMES, ROLES } from './stats';
export type { Aggregate, MatchSummary, Role } from './stats';
export { BOT_LEVELS, PERSONAS } from './types';
export type { Bot, BotAction, BotLevel, BotOptions, Persona } from './types';
