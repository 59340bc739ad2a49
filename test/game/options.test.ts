// Match options (setupData) and the match's PRNG: defaults, presets, limits, refusals, and that a
// bad setupData starts no match; each match gets its own crypto seed that no client ever holds.
import type { State } from 'boardgame.io';
import { createMatch, InitializeGame } from 'boardgame.io/internal';
import { describe, expect, it } from 'vitest';
import { Backchannel, makeBackchannel } from '../../src/game';
import {
  OptionsError,
  TIMER_PRESETS,
  resolveOptions,
  validateSetupData,
} from '../../src/game/options';
import { PrngPlugin, cryptoSeed, seedState, type PrngData } from '../../src/game/plugins/prng';
import type { BackchannelState } from '../../src/game/types';

/** The OptionsError message for this setupData. */
function refusal(setupData: unknown): string {
  try {
    resolveOptions(setupData);
  } catch (err) {
    expect(err).toBeInstanceOf(OptionsError);
    expect(validateSetupData(setupData, 3)).toBe((err as Error).message);
    return (err as Error).message;
  }
  throw new Error(`accepted: ${JSON.stringify(setupData)}`);
}

const seconds = (drafting: number, mediation = 2, response = 2, press = 2) => ({
  timers: { drafting, mediation, response, press },
});

describe('resolveOptions', () => {
  it('defaults to doha-2026, the scenario rounds (8) and no timers', () => {
    const defaults = {
      scenario: 'doha-2026',
      rounds: 8,
      timerPreset: 'untimed',
      stepSeconds: null,
      bots: {},
    };
    expect(resolveOptions(undefined)).toEqual(defaults);
    expect(resolveOptions(null)).toEqual(defaults);
    expect(resolveOptions({})).toEqual(defaults);
    expect(validateSetupData(undefined, 3)).toBeUndefined();
    expect(validateSetupData({}, 3)).toBeUndefined();
  });

  it('takes the other shipped scenario', () => {
    expect(resolveOptions({ scenario: 'meridian-strait' })).toEqual({
      scenario: 'meridian-strait',
      rounds: 8,
      timerPreset: 'untimed',
      stepSeconds: null,
      bots: {},
    });
  });

  it.each([
    ['seminar', { drafting: 150, mediation: 180, response: 90, press: 30 }],
    ['blitz', { drafting: 60, mediation: 60, response: 45, press: 20 }],
    ['correspondence', { drafting: 86400, mediation: 86400, response: 86400, press: 86400 }],
  ] as const)('gives the %s preset its seconds per step', (preset, stepSeconds) => {
    expect(resolveOptions({ timers: preset })).toEqual({
      scenario: 'doha-2026',
      rounds: 8,
      timerPreset: preset,
      stepSeconds,
      bots: {},
    });
    expect(TIMER_PRESETS[preset]).toEqual(stepSeconds);
  });

  it('gives the untimed preset no seconds', () => {
    expect(resolveOptions({ timers: 'untimed' }).stepSeconds).toBeNull();
    expect(resolveOptions({ timers: 'untimed' }).timerPreset).toBe('untimed');
  });

  it('returns a copy of a preset, never the preset itself', () => {
    const o = resolveOptions({ timers: 'blitz' });
    o.stepSeconds!.drafting = 1;
    expect(TIMER_PRESETS.blitz.drafting).toBe(60);
  });

  it('takes explicit seconds for each step, 2 at least', () => {
    expect(resolveOptions(seconds(2))).toEqual({
      scenario: 'doha-2026',
      rounds: 8,
      timerPreset: 'custom',
      stepSeconds: { drafting: 2, mediation: 2, response: 2, press: 2 },
      bots: {},
    });
    expect(resolveOptions(seconds(7 * 86400, 3, 4, 5)).stepSeconds).toEqual({
      drafting: 604800,
      mediation: 3,
      response: 4,
      press: 5,
    });
  });

  it.each([
    [seconds(1), 'setupData.timers.drafting: expected at least 2 seconds, got 1'],
    [seconds(2, 1), 'setupData.timers.mediation: expected at least 2 seconds, got 1'],
    [seconds(2, 2, 2, 0), 'setupData.timers.press: expected at least 2 seconds, got 0'],
    [seconds(7 * 86400 + 1), 'setupData.timers.drafting: expected at most 604800 seconds (7 days)'],
  ])('refuses explicit seconds out of range (%j)', (setupData, problem) => {
    expect(refusal(setupData)).toContain(problem);
  });

  it('refuses explicit seconds that are not whole numbers, missing steps and extra steps', () => {
    expect(refusal(seconds(2.5))).toContain('setupData.timers');
    expect(refusal({ timers: { drafting: 2, mediation: 2, response: 2 } })).toContain(
      'setupData.timers',
    );
    expect(refusal({ timers: { ...seconds(2).timers, debrief: 2 } })).toContain('setupData.timers');
    expect(refusal({ timers: 'fast' })).toContain('setupData.timers');
  });

  it.each([4, 5, 8, 11, 12])('takes %d rounds', (rounds) => {
    expect(resolveOptions({ rounds }).rounds).toBe(rounds);
    expect(resolveOptions({ rounds, scenario: 'meridian-strait' }).rounds).toBe(rounds);
  });

  it.each([
    [3, 'setupData.rounds: expected an integer from 4 to 12, got 3'],
    [13, 'setupData.rounds: expected an integer from 4 to 12, got 13'],
    [0, 'setupData.rounds: expected an integer from 4 to 12, got 0'],
  ])('refuses %d rounds', (rounds, problem) => {
    expect(refusal({ rounds })).toBe(`invalid match options: ${problem}`);
  });

  it('refuses a fractional or non-numeric number of rounds', () => {
    expect(refusal({ rounds: 4.5 })).toMatch(/^invalid match options: setupData\.rounds: .*4\.5/);
    expect(refusal({ rounds: '8' })).toMatch(/^invalid match options: setupData\.rounds: /);
  });

  it('refuses an unknown scenario, naming the known ids', () => {
    expect(refusal({ scenario: 'atlantis' })).toBe(
      'invalid match options: setupData.scenario: expected a known scenario id ' +
        '(doha-2026, meridian-strait)',
    );
  });

  it('refuses setupData that is not an object', () => {
    for (const bad of ['doha-2026', 8, [], true])
      expect(refusal(bad)).toMatch(/^invalid match options: setupData: expected object, got /);
  });

  it.each([{ seed: 'abc' }, { players: 4 }, { timer: 'blitz' }])(
    'refuses an unknown field (%j)',
    (setupData) => {
      const field = Object.keys(setupData)[0]!;
      expect(refusal(setupData)).toMatch(
        new RegExp(`^invalid match options: setupData.*: unexpected field "${field}"$`),
      );
    },
  );

  it('says of an object with an unknown field what is wrong, not that it is no object', () => {
    expect(refusal({ rounds: 6, seed: 'abc' })).toBe(
      'invalid match options: setupData: unexpected field "seed"',
    );
  });

  it('names every bad field at once', () => {
    const message = refusal({ rounds: 3, scenario: 'atlantis' });
    expect(message).toContain('setupData.rounds: expected an integer from 4 to 12, got 3');
    expect(message).toContain('setupData.scenario: expected a known scenario id');
  });

  it.each([1, 2, 4, 0])('refuses %d players', (numPlayers) => {
    expect(validateSetupData({}, numPlayers)).toBe(
      `backchannel is played by exactly 3 seats, got ${numPlayers}`,
    );
  });
});

describe('creating a match', () => {
  it('with bad setupData starts no match: the Lobby gets the error, setup throws', () => {
    expect(
      createMatch({ game: Backchannel, numPlayers: 3, setupData: { rounds: 3 }, unlisted: false }),
    ).toEqual({
      setupDataError:
        'invalid match options: setupData.rounds: expected an integer from 4 to 12, got 3',
    });
    expect(
      createMatch({ game: Backchannel, numPlayers: 2, setupData: {}, unlisted: false }),
    ).toEqual({ setupDataError: 'backchannel is played by exactly 3 seats, got 2' });
    expect(() =>
      InitializeGame({ game: Backchannel, numPlayers: 3, setupData: { scenario: 'atlantis' } }),
    ).toThrow(OptionsError);
    expect(() =>
      InitializeGame({ game: Backchannel, numPlayers: 3, setupData: seconds(1) }),
    ).toThrow('setupData.timers.drafting: expected at least 2 seconds, got 1');
  });

  it('with good setupData starts round 1 with the options in the public state', () => {
    const match = createMatch({
      game: Backchannel,
      numPlayers: 3,
      setupData: { rounds: 5, timers: 'blitz' },
      unlisted: false,
    });
    if (!('initialState' in match)) throw new Error(match.setupDataError);
    const G = match.initialState.G as BackchannelState;
    expect(G.options).toEqual({
      scenario: 'doha-2026',
      rounds: 5,
      timerPreset: 'blitz',
      stepSeconds: { drafting: 60, mediation: 60, response: 45, press: 20 },
      bots: {},
    });
    expect(G.round).toBe(1);
    expect(G.step).toBe('drafting');
    expect(G.clock.deadline! - G.clock.startedAt).toBe(60_000);
    // The setupData the Lobby keeps is what was asked for, and nothing of the match's secrets.
    expect(match.metadata.setupData).toEqual({ rounds: 5, timers: 'blitz' });
    const seed = (match.initialState.plugins.prng!.data as PrngData).seed;
    const text = JSON.stringify(match.metadata);
    for (const secret of [
      seed,
      ...G.agendas['0']!.map((c) => c.text),
      ...G.agendas['1']!.map((c) => c.text),
      G.mandate!.text,
    ])
      expect(text).not.toContain(secret);
    expect(G.seed).toBeUndefined();
  });
});

describe('the match PRNG', () => {
  const prngOf = (s: State) => s.plugins.prng!.data as PrngData;

  it('seeds each match from crypto when the game has no fixed seed', () => {
    const a = InitializeGame({ game: Backchannel, numPlayers: 3 });
    const b = InitializeGame({ game: Backchannel, numPlayers: 3 });
    expect(prngOf(a).seed).toMatch(/^[0-9a-f]{32}$/);
    expect(prngOf(b).seed).toMatch(/^[0-9a-f]{32}$/);
    expect(prngOf(a).seed).not.toBe(prngOf(b).seed);
    expect(prngOf(a).state).not.toEqual(prngOf(b).state);
    expect(Backchannel.seed).toBeUndefined();
    const seeds = new Set(Array.from({ length: 50 }, () => cryptoSeed()));
    expect(seeds.size).toBe(50);
  });

  it('gives identical matches for the same fixed seed, different ones for another', () => {
    const make = (seed: string) =>
      InitializeGame({
        game: makeBackchannel({ seed, now: () => 1_000_000 }),
        numPlayers: 3,
        setupData: { rounds: 6 },
      });
    const a = make('fixed-seed');
    const b = make('fixed-seed');
    expect(a.G).toEqual(b.G);
    expect(prngOf(a)).toEqual(prngOf(b));
    expect(prngOf(a).seed).toBe('fixed-seed');
    const c = make('other-seed');
    expect(prngOf(c).state).not.toEqual(prngOf(a).state);
    const deals = (s: State) => JSON.stringify([s.G.agendas, s.G.mandate, s.G.breakout]);
    const others = ['s1', 's2', 's3', 's4', 's5'].map((s) => deals(make(s)));
    expect(new Set(others).size).toBeGreaterThan(1);
  });

  it('turns a 32-hex-digit seed into its own words, any other string through a hash', () => {
    expect(seedState('0000000100000002000000030000000f')).toEqual([1, 2, 3, 15]);
    expect(seedState('fixed-seed')).toEqual(seedState('fixed-seed'));
    expect(seedState('fixed-seed')).not.toEqual(seedState('fixed-seee'));
    expect(seedState('fixed-seed').some((w) => w !== 0)).toBe(true);
    expect(seedState('00000000000000000000000000000000').some((w) => w !== 0)).toBe(true);
  });

  it('hides the seed and the generator state from every client (playerView)', () => {
    const state = InitializeGame({ game: Backchannel, numPlayers: 3 });
    const data = prngOf(state);
    for (const playerID of ['0', '1', '2', null]) {
      const view = PrngPlugin.playerView!({
        data,
        G: state.G,
        ctx: state.ctx,
        game: Backchannel,
        playerID,
      } as never);
      expect(view).toEqual({ seed: '', state: [] });
    }
    // The plugin's own data keeps them.
    expect(data.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(data.state).toHaveLength(4);
  });

  it('a client-side copy of the PRNG refuses to draw', () => {
    const api = PrngPlugin.api!({ data: { seed: '', state: [] } } as never) as {
      int(n: number): number;
    };
    expect(() => api.int(6)).toThrow('prng: no generator state here (client side)');
  });
});
