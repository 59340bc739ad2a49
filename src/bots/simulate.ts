// Simulation settings shared by the `simulate` command, its worker threads and tests: how a
// command line reads, and how each match's seed follows from the run's seed and its index.
import { BOT_LEVELS, PERSONAS, type BotLevel, type Persona } from './types';
import { makeProbe, parseProbe, PROBES, type ProbeSpec } from './probes';
import { runMatch, type SeatSpec } from './runner';
import type { MatchSummary } from './stats';

export interface SimulateConfig {
  matches: number;
  seats: [SeatSpec, SeatSpec, SeatSpec];
  seed: string;
  scenario: string;
  rounds?: number;
  json: boolean;
  workers: number;
  /** A fixed strategy (src/bots/probes.ts) in place of one seat's normal bot. */
  probe?: ProbeSpec;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `usage: npm run simulate -- --matches N [--seats normal,hard,easy] [--personas hawk,dove]
                        [--seed S] [--scenario ID] [--rounds R] [--workers W] [--json]
                        [--probe NAME[:A|:B]]
  --seats      levels for seats 0 (A), 1 (B), 2 (broker); one level applies to all (default normal)
  --personas   personas for A and B: hawk, dove, staller or none; one applies to both
  --seed       the run's seed (default "backchannel"); match i is seeded "<seed>#<i>"
  --workers    worker threads (default: the cores available, at most 2)
  --probe      a fixed strategy in place of one normal bot: ${PROBES.join(', ')}
               (rejecter and accepter play A, or B with ":B"; the other seats stay normal)`;

/** The seed of match `index` of a run. */
export const matchSeed = (seed: string, index: number): string => `${seed}#${index}`;

function list<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value.split(',').map((s) => s.trim());
  for (const item of items)
    if (!allowed.includes(item as T))
      throw new UsageError(`${what}: "${item}" is not one of ${allowed.join(', ')}`);
  return items as T[];
}

/** Reads the command line (without the program name). */
export function parseSimulateArgs(argv: readonly string[], cores = 2): SimulateConfig {
  const values = new Map<string, string>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') {
      json = true;
      continue;
    }
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    if (
      ![
        '--matches',
        '--seats',
        '--personas',
        '--seed',
        '--scenario',
        '--rounds',
        '--workers',
        '--probe',
      ].includes(flag!)
    )
      throw new UsageError(`unknown option "${arg}"`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--'))
      throw new UsageError(`${flag} needs a value`);
    values.set(flag!.slice(2), value);
  }
  const int = (key: string, fallback: number, min: number, max: number) => {
    const raw = values.get(key);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new UsageError(`--${key}: expected an integer from ${min} to ${max}, got "${raw}"`);
    return n;
  };
  const levels = list<BotLevel>(values.get('seats') ?? 'normal', BOT_LEVELS, '--seats');
  if (levels.length !== 1 && levels.length !== 3)
    throw new UsageError('--seats: give one level, or three (A, B, broker)');
  const personaNames = list<Persona | 'none'>(
    values.get('personas') ?? 'none',
    [...PERSONAS, 'none'],
    '--personas',
  );
  if (personaNames.length > 2) throw new UsageError('--personas: give one persona, or two (A, B)');
  const level = (i: number) => levels[levels.length === 1 ? 0 : i]!;
  const persona = (i: number) => personaNames[personaNames.length === 1 ? 0 : i];
  const seat = (i: number): SeatSpec => {
    const p = i < 2 ? persona(i) : undefined;
    return p && p !== 'none' ? { level: level(i), persona: p } : { level: level(i) };
  };
  const config: SimulateConfig = {
    matches: int('matches', 100, 1, 1_000_000),
    seats: [seat(0), seat(1), seat(2)],
    seed: values.get('seed') ?? 'backchannel',
    scenario: values.get('scenario') ?? 'doha-2026',
    json,
    workers: int('workers', Math.max(1, Math.min(2, cores)), 1, 64),
  };
  if (values.has('rounds')) config.rounds = int('rounds', 8, 4, 12);
  const probeText = values.get('probe');
  if (probeText !== undefined) {
    const probe = parseProbe(probeText);
    if (typeof probe === 'string') throw new UsageError(`--probe: ${probe}`);
    const i = Number(probe.seat);
    if (config.seats[i]!.level !== 'normal')
      throw new UsageError('--probe: the probe replaces a normal bot; its seat must be normal');
    config.probe = probe;
  }
  return config;
}

/** Plays match `index` of a run. */
export function playIndexed(config: SimulateConfig, index: number): MatchSummary {
  const seed = matchSeed(config.seed, index);
  const probe = config.probe;
  return runMatch({
    seats: config.seats,
    seed,
    // Seeded as the runner seeds the normal bot it replaces (botsFor), so paired runs compare.
    ...(probe
      ? {
          bots: {
            [probe.seat]: makeProbe(
              probe,
              `${seed}/bot-${probe.seat}`,
              config.seats[Number(probe.seat)]!.persona,
            ),
          },
        }
      : {}),
    scenario: config.scenario,
    ...(config.rounds !== undefined ? { rounds: config.rounds } : {}),
  }).summary;
}
