// Match options, passed as boardgame.io setupData. They are public (the Lobby API shows them), so
// they hold nothing secret: no seed, no agenda.
import { z } from 'zod';
import {
  DEFAULT_SCENARIO,
  describeIssues,
  getScenario,
  hasScenario,
  scenarioIds,
} from './scenario';
import type { MatchOptions, StepSeconds, TimedStep } from './types';

export const TIMED_STEPS: readonly TimedStep[] = ['drafting', 'mediation', 'response', 'press'];

/** Wall-clock seconds per step for each preset (GAME.md, "Time"). */
export const TIMER_PRESETS: Record<'seminar' | 'blitz' | 'correspondence', StepSeconds> = {
  seminar: { drafting: 150, mediation: 180, response: 90, press: 30 },
  blitz: { drafting: 60, mediation: 60, response: 45, press: 20 },
  correspondence: { drafting: 86400, mediation: 86400, response: 86400, press: 86400 },
};

export const MIN_STEP_SECONDS = 2;
export const MAX_STEP_SECONDS = 7 * 86400;
export const MIN_ROUNDS = 4;
export const MAX_ROUNDS = 12;

const stepSeconds = z
  .number()
  .int()
  .min(MIN_STEP_SECONDS, `expected at least ${MIN_STEP_SECONDS} seconds`)
  .max(MAX_STEP_SECONDS, `expected at most ${MAX_STEP_SECONDS} seconds (7 days)`);

/** A timer preset, or seconds for each timed step. */
export const TimersSchema = z.union(
  [
    z.enum(['seminar', 'blitz', 'correspondence', 'untimed']),
    z
      .object({
        drafting: stepSeconds,
        mediation: stepSeconds,
        response: stepSeconds,
        press: stepSeconds,
      })
      .strict(),
  ],
  {
    error: `expected "seminar", "blitz", "correspondence", "untimed" or { drafting, mediation, response, press } in seconds, each from ${MIN_STEP_SECONDS} to ${MAX_STEP_SECONDS}`,
  },
);

export const SetupDataSchema = z
  .object({
    scenario: z
      .string()
      .refine(hasScenario, {
        message: `expected a known scenario id (${scenarioIds().join(', ')})`,
      })
      .optional(),
    rounds: z
      .number()
      .int()
      .min(MIN_ROUNDS, `expected an integer from ${MIN_ROUNDS} to ${MAX_ROUNDS}`)
      .max(MAX_ROUNDS, `expected an integer from ${MIN_ROUNDS} to ${MAX_ROUNDS}`)
      .optional(),
    timers: TimersSchema.optional(),
    /** Seats the server fills with bots in an online match (public: everyone may know). */
    bots: z
      .partialRecord(
        z.enum(['0', '1', '2']),
        z
          .object({
            level: z.enum(['easy', 'normal', 'hard']),
            persona: z.enum(['hawk', 'dove', 'staller']).optional(),
          })
          .strict(),
      )
      .optional(),
    /** Wait in a lobby for the players (docs/RULES.md, "The lobby"); `host` is the creator's seat. */
    lobby: z
      .object({ host: z.enum(['0', '1', '2']) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((d) => !d.lobby || !d.bots?.[d.lobby.host], {
    message: 'the lobby’s host seat cannot be a bot',
    path: ['lobby', 'host'],
  });

export type SetupData = z.input<typeof SetupDataSchema>;

export class OptionsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid match options: ${problems.join('; ')}`);
    this.name = 'OptionsError';
  }
}

/** Turns setupData into match options, or throws OptionsError naming each bad field. */
export function resolveOptions(setupData: unknown): MatchOptions {
  const result = SetupDataSchema.safeParse(setupData ?? {});
  if (!result.success) {
    throw new OptionsError(
      describeIssues(result.error, setupData).map((p) =>
        p.startsWith('(the whole file)')
          ? p.replace('(the whole file)', 'setupData')
          : `setupData.${p}`,
      ),
    );
  }
  const data = result.data;
  const scenario = getScenario(data.scenario ?? DEFAULT_SCENARIO);
  const timers = data.timers ?? 'untimed';
  return {
    scenario: scenario.id,
    rounds: data.rounds ?? scenario.rounds,
    timerPreset: typeof timers === 'string' ? timers : 'custom',
    bots: { ...(data.bots ?? {}) },
    ...(data.lobby ? { lobby: { host: data.lobby.host } } : {}),
    stepSeconds:
      typeof timers === 'string'
        ? timers === 'untimed'
          ? null
          : { ...TIMER_PRESETS[timers] }
        : { ...timers },
  };
}

/** boardgame.io's validateSetupData: an error message, or undefined when the options are good. */
export function validateSetupData(setupData: unknown, numPlayers: number): string | undefined {
  if (numPlayers !== 3) return `backchannel is played by exactly 3 seats, got ${numPlayers}`;
  try {
    resolveOptions(setupData);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
