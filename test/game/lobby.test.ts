// The lobby step (src/game/lobby.ts, docs/RULES.md "The lobby"): nothing is dealt or timed until
// every seat is ready or the creator starts; the lobby's moves refuse the wrong seat and change
// nothing when refused; the views in the lobby carry no secret.
import { describe, expect, it } from 'vitest';
import { enumerate } from '../../src/game/enumerate';
import { viewFor } from '../../src/game/view';
import { seatModel } from '../../src/game/seat-model';
import { validateSetupData } from '../../src/game/options';
import { table } from './harness';

const BLITZ = { timers: 'blitz', lobby: { host: '0' } } as const;

describe('the lobby', () => {
  it('holds the clock until the third seat is ready, then starts drafting with its full time', () => {
    const t = table(BLITZ);
    expect(t.G.lobby).toEqual({ host: '0', ready: [] });
    expect(t.G.clock.deadline).toBeNull();
    expect(t.G.round).toBe(0);
    expect(t.G.pending).toEqual([]);
    t.must('0', 'ready');
    t.time.now += 40_000;
    t.must('2', 'ready');
    expect(t.G.clock.deadline).toBeNull();
    expect(t.G.lobby?.ready).toEqual(['0', '2']);
    t.time.now += 40_000;
    t.must('1', 'ready');
    expect(t.G.lobby).toBeUndefined();
    expect(t.G.round).toBe(1);
    expect(t.G.step).toBe('drafting');
    expect(t.G.clock.startedAt).toBe(t.time.now);
    expect(t.G.clock.deadline).toBe(t.time.now + 60_000);
    expect(t.G.pending).toEqual(['0', '1']);
    expect(t.G.agendas['0']).toHaveLength(2);
  });

  it('a seat may take its ready back; no move of play is taken in the lobby', () => {
    const t = table(BLITZ);
    t.must('1', 'ready');
    t.must('1', 'ready', false);
    expect(t.G.lobby?.ready).toEqual([]);
    const before = structuredClone(t.G);
    expect(t.act('0', 'setPosture', { enforcement: 'tighten' })).toMatch(/lobby/);
    expect(t.act('0', 'done')).toMatch(/lobby/);
    expect(t.expire({ round: 1, step: 'drafting' })).not.toBeNull();
    expect(t.expire({ round: 0, step: 'drafting' })).not.toBeNull();
    expect(t.G).toEqual(before);
  });

  it('the creator starts with bots in the seats the server names; nobody else can start', () => {
    const t = table(BLITZ);
    t.must('2', 'ready');
    const before = structuredClone(t.G);
    for (const seat of ['1', '2', undefined, 'spectator'])
      expect(t.act(seat, 'start')).toMatch(/only the match’s creator/);
    expect(t.act('0', 'start', { bots: ['0'] })).toMatch(/own seat/);
    expect(t.act('0', 'start', { bots: ['2'] })).toMatch(/ready/);
    expect(t.act('0', 'start', { bots: ['3'] })).not.toBeNull();
    expect(t.act('0', 'start', 'now')).not.toBeNull();
    expect(t.act('0', 'start', {}, {})).not.toBeNull();
    expect(t.G).toEqual(before);
    t.time.now += 5_000;
    t.must('0', 'start', { bots: ['1'] });
    expect(t.G.options.bots).toEqual({ '1': { level: 'normal' } });
    expect(t.G.lobby).toBeUndefined();
    expect(t.G.clock.deadline).toBe(t.time.now + 60_000);
    expect(t.act('0', 'start')).toMatch(/already started/);
    expect(t.act('1', 'ready')).toMatch(/already started/);
  });

  it('bot seats named at creation are ready from the start and cannot say ready', () => {
    const t = table({ ...BLITZ, bots: { '2': { level: 'easy' } } });
    expect(t.G.lobby?.ready).toEqual(['2']);
    expect(t.act('2', 'ready', false)).toMatch(/bot/);
    t.must('0', 'ready');
    t.must('1', 'ready');
    expect(t.G.round).toBe(1);
  });

  it('bad arguments are refused and change nothing', () => {
    const t = table(BLITZ);
    const before = structuredClone(t.G);
    for (const args of [['yes'], [1], [null], [true, true], [{}]])
      expect(t.act('0', 'ready', ...args)).not.toBeNull();
    expect(t.G).toEqual(before);
  });

  it('the host cannot be a bot seat', () => {
    expect(
      validateSetupData({ lobby: { host: '1' }, bots: { '1': { level: 'easy' } } }, 3),
    ).toMatch(/host/);
    expect(validateSetupData({ lobby: { host: '3' } }, 3)).toBeDefined();
    expect(validateSetupData({ lobby: { host: '2' } }, 3)).toBeUndefined();
  });

  it('no view in the lobby holds a secret; the deal is done afresh at the start', () => {
    const t = table(BLITZ, 'lobby-secrets');
    const dealt = structuredClone(t.G.agendas);
    for (const seat of ['0', '1', '2', null] as const) {
      const v = viewFor(t.G, seat);
      expect(v.agendas).toEqual({});
      expect(v.mandate).toBeUndefined();
      expect(v.stats).toBeUndefined();
      expect(v.breakout.true).toBeUndefined();
      expect(v.lobby).toEqual({ host: '0', ready: [] });
      // The seat model builds on a lobby view (the store builds one for every view).
      expect(() => seatModel(v, seat, () => t.time.now)).not.toThrow();
    }
    for (const seat of ['0', '1', '2'] as const) t.must(seat, 'ready');
    expect(viewFor(t.G, '0').lobby).toBeUndefined();
    expect(t.G.agendas).not.toEqual(dealt);
  });

  it('enumerate offers the lobby’s moves, and only to the host the start', () => {
    const t = table(BLITZ);
    expect(enumerate(t.G, '0').map((m) => m.move)).toEqual(['ready', 'ready', 'start']);
    expect(enumerate(t.G, '1').map((m) => m.move)).toEqual(['ready', 'ready']);
    expect(enumerate(t.G, null)).toEqual([]);
  });

  it('without the option the match begins at creation as before', () => {
    const t = table({ timers: 'blitz' });
    expect(t.G.lobby).toBeUndefined();
    expect(t.G.round).toBe(1);
    expect(t.G.clock.deadline).toBe(t.time.now + 60_000);
  });
});
