// The `simulate` command: reading its command line, determinism (a seed gives the same figures,
// whatever the number of workers), the shape of its output, and a fixed small run whose figures
// are recorded here, so any change to the bots or the tunables shows up as a diff.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { aggregate, OUTCOMES } from '../../src/bots';
import { matchSeed, parseSimulateArgs, playIndexed, UsageError } from '../../src/bots/simulate';

const run = promisify(execFile);
const cli = (...args: string[]) =>
  run(process.execPath, ['--import', 'tsx', 'server/cli/simulate.ts', ...args], {
    cwd: process.cwd(),
    maxBuffer: 1 << 20,
  });

describe('simulate: command line', () => {
  it('reads levels, personas, seed, scenario and workers', () => {
    const c = parseSimulateArgs(
      [
        '--matches',
        '7',
        '--seats',
        'normal,hard,easy',
        '--personas',
        'hawk,dove',
        '--seed=S',
        '--scenario',
        'meridian-strait',
        '--json',
      ],
      2,
    );
    expect(c).toEqual({
      matches: 7,
      seats: [
        { level: 'normal', persona: 'hawk' },
        { level: 'hard', persona: 'dove' },
        { level: 'easy' },
      ],
      seed: 'S',
      scenario: 'meridian-strait',
      json: true,
      workers: 2,
    });
    expect(parseSimulateArgs(['--seats', 'easy', '--personas', 'staller']).seats).toEqual([
      { level: 'easy', persona: 'staller' },
      { level: 'easy', persona: 'staller' },
      { level: 'easy' },
    ]);
    expect(matchSeed('S', 3)).toBe('S#3');
  });

  it('refuses what it does not understand', () => {
    for (const bad of [
      ['--matches', '0'],
      ['--seats', 'normal,easy'],
      ['--personas', 'owl'],
      ['--frobnicate'],
      ['--seed'],
    ])
      expect(() => parseSimulateArgs(bad), bad.join(' ')).toThrow(UsageError);
  });
});

describe('simulate: figures', () => {
  const config = parseSimulateArgs(['--matches', '12', '--seed', 'fixture']);

  it('a fixed seed gives the recorded figures', () => {
    const figures = aggregate(Array.from({ length: 12 }, (_, i) => playIndexed(config, i)));
    // Recorded from this run (docs/BALANCE.md): update both when the bots or tunables change.
    expect({
      winRate: figures.winRate,
      outcomes: figures.outcomes,
      deals: figures.deals.signed,
    }).toEqual(FIXTURE);
  });

  it('the same seed gives the same JSON, on one worker or two; the output has every figure', async () => {
    const [one, two] = await Promise.all([
      cli('--matches', '6', '--seed', 'cli', '--json', '--workers', '1'),
      cli('--matches', '6', '--seed', 'cli', '--json', '--workers', '2'),
    ]);
    expect(two.stdout).toBe(one.stdout);
    expect(one.stderr).toBe('');
    const out = JSON.parse(one.stdout) as Record<string, unknown> & ReturnType<typeof aggregate>;
    expect(out.matches).toBe(6);
    expect(Object.keys(out.winRate).sort()).toEqual(['A', 'B', 'broker']);
    expect(Object.keys(out.outcomes).sort()).toEqual([...OUTCOMES].sort());
    expect(Object.keys(out.meanTracks).sort()).toEqual(
      ['breakout', 'capital', 'escalation', 'oilLeak', 'oilPrice', 'pressureA', 'pressureB'].sort(),
    );
    for (const k of ['relayed', 'redacted', 'reframed', 'held', 'leaked', 'expired'] as const)
      expect(typeof out.memos[k]).toBe('number');
    expect(Object.keys(out.deals)).toEqual(
      expect.arrayContaining(['signed', 'verified', 'collapsed']),
    );
    expect(typeof out.incidents.total).toBe('number');
    expect(out.length.meanRounds).toBeGreaterThan(0);
    expect(out.config).toMatchObject({ matches: 6, seed: 'cli', scenario: 'doha-2026' });
    const sum = Object.values(out.outcomes).reduce((a, b) => a + b, 0);
    // Each share is rounded to four places: six of them sum to 1 within that rounding.
    expect(Math.abs(sum - 1)).toBeLessThanOrEqual(6 * 0.00005);
  }, 120_000);

  it('prints a report for people, and a usage message on bad options', async () => {
    const { stdout } = await cli('--matches', '2', '--seed', 'report', '--workers', '1');
    for (const heading of [
      'Win rate',
      'Outcome',
      'Mean final tracks',
      'Deals',
      'Memos',
      'Incidents and length',
    ])
      expect(stdout).toContain(heading);
    await expect(cli('--matches', 'many')).rejects.toMatchObject({ code: 2 });
  }, 120_000);
});

// Recorded again when memo and proposal ids stopped drawing from the match's generator (issue #11):
// the same seeds then roll other dice from round 1 on. Recorded again when the broker bot began to
// bridge gaps with reframes, principals to keep a trust estimate of the broker and to retaliate for
// incidents, and incidents.base rose to 0.23 (issue #11). Recorded again when the broker's capital
// came to count half, stonewalling 2, durable deals escalation ≤ 3 and incidents.base 0.26, and
// principals stopped paying for stonewalls they could have avoided (issue #11).
const FIXTURE = {
  winRate: { A: 0.2917, B: 0.2917, broker: 0.4167 },
  outcomes: { 'durable-deal': 0.25, 'codified-stalemate': 0.5833, collapse: 0.1667, war: 0 },
  deals: 47,
};
