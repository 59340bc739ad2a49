// Exploit probes (issue #11, item 4): each fixed strategy of src/bots/probes.ts, in its seat, over
// the same seeded matches as the normal bot in that seat, on both scenarios. The suite fails when
// a fixed strategy scores above the normal bot (mean normalised score) or wins a larger share of
// matches. The figures over 500 matches a probe are in docs/BALANCE.md, "Exploit probes".
import { beforeAll, describe, expect, it } from 'vitest';
import { probeTable } from '../../server/cli/probes';
import { simulateRuns } from '../../server/cli/simulate';
import type { MatchSummary } from '../../src/bots';
import { aboveNoise, paired, type Paired } from '../../src/bots/stats';
import { makeProbe, parseProbe, PROBE_SEATS, PROBES } from '../../src/bots/probes';
import { parseSimulateArgs, UsageError, type SimulateConfig } from '../../src/bots/simulate';
import { runMatch } from '../../src/bots/runner';
import { explainMove } from '../../src/game/enumerate';
import type { Seat, SeatView } from '../../src/game/types';

/** Matches per probe and scenario: fixed seeds, so the figures are the same on every run. */
const MATCHES = 100;
const SEED = 'probe-suite';
const SCENARIOS = ['doha-2026', 'meridian-strait'] as const;

const config = (scenario: string, probe?: string): SimulateConfig =>
  parseSimulateArgs(
    ['--matches', String(MATCHES), '--seed', SEED, '--scenario', scenario].concat(
      probe ? ['--probe', probe] : [],
    ),
    2,
  );

interface Comparison extends Paired {
  probe: string;
  scenario: string;
  seat: Seat;
}

/**
 * What is wrong with a probe's figures beside the normal bot's: empty unless it scores above the
 * normal bot, or wins a larger share, by more than twice the noise of the paired difference.
 */
function beats(c: Comparison): string[] {
  const out: string[] = [];
  const where = `${c.probe} on ${c.scenario}`;
  const above = aboveNoise(c);
  if (above.score)
    out.push(
      `${where} scores ${c.score} against the normal bot's ${c.normalScore} (noise ${c.scoreNoise})`,
    );
  if (above.win)
    out.push(
      `${where} wins ${c.win} of matches against the normal bot's ${c.normalWin} (noise ${c.winNoise})`,
    );
  return out;
}

function compare(
  probe: string,
  scenario: string,
  mine: MatchSummary[],
  normal: MatchSummary[],
): Comparison {
  const spec = parseProbe(probe);
  if (typeof spec === 'string') throw new Error(spec);
  return { probe, scenario, seat: spec.seat, ...paired(spec.seat, mine, normal) };
}

const runs = new Map<string, MatchSummary[]>();
const key = (scenario: string, probe = 'normal') => `${scenario}/${probe}`;

beforeAll(async () => {
  const wanted = SCENARIOS.flatMap((scenario) =>
    [undefined, ...PROBE_SEATS].map((probe) => ({ scenario, probe })),
  );
  const lists = await simulateRuns(
    wanted.map(({ scenario, probe }) => config(scenario, probe)),
    2,
  );
  wanted.forEach(({ scenario, probe }, i) => runs.set(key(scenario, probe), lists[i]!));
}, 240_000);

const figures = (scenario: string, probe: string) =>
  compare(probe, scenario, runs.get(key(scenario, probe))!, runs.get(key(scenario))!);

/**
 * Probes that DO beat the normal bot today, skipped with the figure measured (docs/BALANCE.md,
 * "Exploit probes"). A Tehran that rejects everything wins about 65 % of matches against the
 * normal B's 31 % (500 matches, seed "probes", noise ±2.5 points): with no deal signed, B's cards
 * "Run the clock" (met in 100 % of those matches) and "Keep the allies paid" (88 %) pay for
 * nothing done, while A and the broker score next to nothing. Its mean score falls (0.16 against
 * 0.36): it wins by starving the table, which no bot reaction tried could stop (the normal
 * broker leaking a staller's memos: 65 % still). A rules fix is proposed to the lead; remove an
 * entry once the figure holds, and the test runs again.
 */
const KNOWN: Partial<Record<string, string>> = {};

describe('exploit probes: no fixed strategy beats the normal bot in its seat', () => {
  for (const scenario of SCENARIOS)
    for (const probe of PROBE_SEATS) {
      const known = KNOWN[`${probe} on ${scenario}`];
      (known ? it.skip : it)(`${probe} on ${scenario}${known ? ` (${known})` : ''}`, () => {
        expect(beats(figures(scenario, probe))).toEqual([]);
      });
    }
});

describe('exploit probes: the check and the probes themselves', () => {
  it('`npm run probes` prints the table of docs/BALANCE.md, a row a probe, from the same pairing', async () => {
    const table = await probeTable(['--matches', '4', '--seed', SEED, '--workers', '2']);
    const rows = table.split('\n').filter((l) => l.startsWith('| doha-2026'));
    expect(rows.map((r) => r.split('|')[2]!.trim())).toEqual([...PROBE_SEATS]);
    // The verbatim row's figures are those of the same pairing the suite checks.
    const [mine, normal] = await simulateRuns(
      [config('doha-2026', 'verbatim'), config('doha-2026')].map((c) => ({ ...c, matches: 4 })),
      2,
    );
    const f = paired('2', mine!, normal!);
    expect(rows[0]).toContain(`${f.score.toFixed(3)} (${f.normalScore.toFixed(3)})`);
    await expect(probeTable(['--probe', 'verbatim'])).rejects.toThrow(UsageError);
  }, 60_000);

  it('the check fails when a strategy beats the normal bot (the normal bot against the leaker)', () => {
    // Swapped roles: the normal broker, measured as if it were a probe against the leaker,
    // scores above it, and the check says so.
    const scenario = SCENARIOS[0];
    const swapped = compare(
      'leaker',
      scenario,
      runs.get(key(scenario))!,
      runs.get(key(scenario, 'leaker'))!,
    );
    expect(beats(swapped).length).toBeGreaterThan(0);
  });

  it('each probe plays as it says', () => {
    const seen: Record<string, Set<string>> = {};
    for (const probe of PROBE_SEATS) {
      const spec = parseProbe(probe);
      if (typeof spec === 'string') throw new Error(spec);
      const moves = (seen[probe] = new Set<string>());
      for (let i = 0; i < 3; i++) {
        const bot = makeProbe(spec, `look#${i}/bot-${spec.seat}`);
        runMatch({
          seats: [{ level: 'normal' }, { level: 'normal' }, { level: 'normal' }],
          seed: `look#${i}`,
          bots: {
            [spec.seat]: {
              ...bot,
              decide: (view: SeatView) => {
                const action = bot.decide(view);
                if (action) {
                  const opts = action.args[1] as { reframes?: unknown[] } | undefined;
                  const tag =
                    action.move === 'relay' && opts?.reframes?.length
                      ? 'relay:reframed'
                      : action.move === 'respond'
                        ? // A reject the rules forced (a hardened seat may not accept) is its own tag.
                          action.args[1] === 'reject' &&
                          explainMove(view, spec.seat, 'respond', [action.args[0], 'accept']) !==
                            null
                          ? 'respond:reject-forced'
                          : `respond:${String(action.args[1])}`
                        : action.move === 'draftMemo'
                          ? `draft:${(action.args[0] as { clauses: unknown[] }).clauses.length ? 'clauses' : 'empty'}`
                          : action.move;
                  moves.add(tag);
                }
                return action;
              },
            },
          },
        });
      }
    }
    const only = (probe: string, allowed: string[]) =>
      expect(
        [...seen[probe]!].filter((m) => !allowed.includes(m)),
        probe,
      ).toEqual([]);
    only('verbatim', ['relay', 'done', 'statement']);
    expect(seen.verbatim).toContain('relay');
    only('reframer', ['relay', 'relay:reframed', 'done', 'statement']);
    expect(seen.reframer).toContain('relay:reframed');
    only('leaker', ['relay', 'leak', 'done', 'statement']);
    expect(seen.leaker).toContain('leak');
    for (const seat of ['A', 'B']) {
      only(`rejecter:${seat}`, [
        'setPosture',
        'draft:empty',
        'respond:reject',
        'respond:reject-forced',
        'done',
        'statement',
      ]);
      expect(seen[`rejecter:${seat}`]).toContain('respond:reject');
      only(`accepter:${seat}`, [
        'setPosture',
        'draft:empty',
        'draft:clauses',
        'respond:accept',
        'respond:reject-forced',
        'done',
        'statement',
      ]);
      expect(seen[`accepter:${seat}`]).toContain('respond:accept');
    }
  });

  it('the command line names a probe and its seat, and refuses the rest', () => {
    expect(parseSimulateArgs(['--probe', 'verbatim']).probe).toEqual({
      name: 'verbatim',
      seat: '2',
    });
    expect(parseSimulateArgs(['--probe', 'rejecter:B']).probe).toEqual({
      name: 'rejecter',
      seat: '1',
    });
    expect(parseSimulateArgs(['--probe', 'accepter']).probe).toEqual({
      name: 'accepter',
      seat: '0',
    });
    expect(parseSimulateArgs([]).probe).toBeUndefined();
    for (const bad of ['cheater', 'verbatim:A', 'rejecter:C', 'accepter:A:B'])
      expect(() => parseSimulateArgs(['--probe', bad]), bad).toThrow(UsageError);
    expect(() => parseSimulateArgs(['--probe', 'cheater'])).toThrow(
      /not a probe; probes are verbatim/,
    );
    expect(() => parseSimulateArgs(['--probe', 'leaker', '--seats', 'hard'])).toThrow(UsageError);
    expect(PROBES).toHaveLength(5);
  });
});
