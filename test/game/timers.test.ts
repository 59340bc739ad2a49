// Timers: each step's deadline from the server clock, and `expire` with GAME.md's defaults.
import { describe, expect, it } from 'vitest';
import type { SetupData } from '../../src/game/options';
import type { StepSeconds, TimedStep } from '../../src/game/types';
import { advanceTo, allDone, table, type Table } from './harness';

const STEPS: TimedStep[] = ['drafting', 'mediation', 'response', 'press'];
const START = 1_000_000;

/** Moves the clock to the current step's deadline and expires the step. */
function expireNow(t: Table): void {
  t.time.now = t.G.clock.deadline!;
  expect(t.expire({ round: t.G.round, step: t.G.step })).toBeNull();
}

/** The expire call is refused and changes nothing. */
function refusedExpire(t: Table, args: unknown): string {
  const before = structuredClone(t.G);
  const reason = t.expire(args);
  expect(reason).toEqual(expect.any(String));
  expect(t.G).toEqual(before);
  return reason!;
}

describe('deadlines', () => {
  it.each([
    ['seminar', { drafting: 150, mediation: 180, response: 90, press: 30 }],
    ['blitz', { drafting: 60, mediation: 60, response: 45, press: 20 }],
    ['correspondence', { drafting: 86400, mediation: 86400, response: 86400, press: 86400 }],
    [
      { drafting: 5, mediation: 6, response: 7, press: 8 },
      { drafting: 5, mediation: 6, response: 7, press: 8 },
    ],
  ] as [SetupData['timers'], StepSeconds][])(
    'preset %j sets every step’s deadline from the server clock',
    (timers, seconds) => {
      const t = table({ timers });
      expect(t.G.options.timerPreset).toBe(typeof timers === 'string' ? timers : 'custom');
      expect(t.G.options.stepSeconds).toEqual(seconds);
      expect(t.G.clock).toEqual({
        round: 1,
        step: 'drafting',
        startedAt: START,
        deadline: START + seconds.drafting * 1000,
      });
      for (const [i, step] of [...STEPS.slice(1), 'drafting' as const].entries()) {
        t.time.now += 1234 * (i + 1);
        allDone(t);
        const round = step === 'drafting' ? 2 : 1;
        expect(t.G.step).toBe(step);
        expect(t.G.clock).toEqual({
          round,
          step,
          startedAt: t.time.now,
          deadline: t.time.now + seconds[step] * 1000,
        });
      }
    },
  );

  it('untimed: no deadline, and expire is always refused', () => {
    const t = table();
    expect(t.G.options).toMatchObject({ timerPreset: 'untimed', stepSeconds: null });
    for (const step of [...STEPS, 'drafting' as const]) {
      expect(t.G.step).toBe(step);
      expect(t.G.clock.deadline).toBeNull();
      t.time.now = 10 ** 15;
      expect(refusedExpire(t, { round: t.G.round, step })).toBe('this step has no deadline');
      allDone(t);
    }
  });

  it('expire before the deadline is refused with no state change', () => {
    const t = table({ timers: 'seminar' });
    const deadline = t.G.clock.deadline!;
    expect(deadline).toBe(START + 150_000);
    t.time.now = START;
    expect(refusedExpire(t, { round: 1, step: 'drafting' })).toBe('the deadline has not passed');
    t.time.now = deadline - 1;
    expect(refusedExpire(t, { round: 1, step: 'drafting' })).toBe('the deadline has not passed');
    t.time.now = deadline;
    expect(t.expire({ round: 1, step: 'drafting' })).toBeNull();
    expect(t.G.step).toBe('mediation');
  });

  it('expire naming the wrong step or round, or malformed, is refused', () => {
    const t = table({ timers: 'blitz' });
    t.time.now = t.G.clock.deadline! + 60_000;
    expect(refusedExpire(t, { round: 1, step: 'mediation' })).toBe(
      'the mediation step of round 1 is not running',
    );
    expect(refusedExpire(t, { round: 2, step: 'drafting' })).toBe(
      'the drafting step of round 2 is not running',
    );
    expect(refusedExpire(t, { round: 0, step: 'drafting' })).toMatch(/^round/);
    expect(refusedExpire(t, { round: '1', step: 'drafting' })).toMatch(/^round/);
    expect(refusedExpire(t, { step: 'drafting' })).toMatch(/^round/);
    expect(refusedExpire(t, { round: 1, step: 'over' })).toMatch(/^step/);
    expect(refusedExpire(t, { round: 1, step: 'drafting', force: true })).toMatch(
      /unrecognized|unexpected/i,
    );
    expect(refusedExpire(t, null)).toEqual(expect.any(String));
    expect(refusedExpire(t, [1, 'drafting'])).toEqual(expect.any(String));
  });

  it('a repeated expire changes nothing', () => {
    const t = table({ timers: 'blitz' });
    expireNow(t);
    expect(t.G.step).toBe('mediation');
    expect(refusedExpire(t, { round: 1, step: 'drafting' })).toBe(
      'the drafting step of round 1 is not running',
    );
    // Even long after, with the next step's deadline passed too.
    t.time.now += 10 * 60_000;
    expect(refusedExpire(t, { round: 1, step: 'drafting' })).toBe(
      'the drafting step of round 1 is not running',
    );
    expect(t.G.step).toBe('mediation');
  });

  it('the next step’s deadline counts from the moment the previous one expired', () => {
    const t = table({ timers: 'blitz' });
    t.time.now = t.G.clock.deadline! + 5_000;
    expect(t.expire({ round: 1, step: 'drafting' })).toBeNull();
    expect(t.G.clock).toEqual({
      round: 1,
      step: 'mediation',
      startedAt: START + 65_000,
      deadline: START + 125_000,
    });
  });

  it('is refused once the match is over', () => {
    const t = table({ timers: 'blitz', rounds: 4 });
    advanceTo(t, 'press', 4);
    expireNow(t);
    expect(t.G.step).toBe('over');
    expect(t.G.final!.reason).toBe('rounds');
    expect(t.G.clock.deadline).toBeNull();
    t.time.now += 10 ** 9;
    expect(refusedExpire(t, { round: 4, step: 'press' })).toBe('the match is over');
  });
});

describe('defaults at the deadline', () => {
  it('drafting: postures not set are kept; memos written go to the broker', () => {
    const t = table({ timers: 'blitz' });
    t.must('1', 'setPosture', { proxyLeash: 'restrain', enrichment: 'pause' });
    t.must('0', 'draftMemo', { clauses: [], text: 'Sent before the deadline.' });
    expireNow(t);
    expect(t.G.step).toBe('mediation');
    expect(t.G.pending).toEqual(['2']);
    expect(t.G.postures).toEqual({
      '0': { enforcement: 'hold' },
      '1': { proxyLeash: 'restrain', enrichment: 'pause' },
    });
    expect(t.G.memos.map((m) => [m.author, m.status, m.text])).toEqual([
      ['0', 'pending', 'Sent before the deadline.'],
    ]);
    // Next round, nobody touches their postures: last round's stay.
    advanceTo(t, 'drafting', 2);
    t.must('0', 'setPosture', { enforcement: 'tighten' });
    advanceTo(t, 'drafting', 3);
    expireNow(t);
    expect(t.G.postures).toEqual({
      '0': { enforcement: 'tighten' },
      '1': { proxyLeash: 'restrain', enrichment: 'pause' },
    });
    expect(t.G.memos).toHaveLength(1);
  });

  it('mediation: unmediated memos are held, and expire at their turnaround limit', () => {
    const t = table({ timers: 'blitz' });
    t.must('0', 'draftMemo', { clauses: [], text: 'Hold me.' });
    t.must('1', 'draftMemo', { clauses: [], text: 'Relay me.' });
    advanceTo(t, 'mediation', 1);
    const [a, b] = t.G.memos;
    t.must('2', 'relay', b!.id);
    const tracks = structuredClone(t.G.tracks);
    expireNow(t);
    expect(t.G.step).toBe('response');
    expect(t.G.memos.map((m) => [m.status, m.heldSteps])).toEqual([
      ['held', 1],
      ['relayed', 0],
    ]);
    expect(t.G.tracks).toEqual(tracks);

    advanceTo(t, 'mediation', 2);
    expect(t.G.memos[0]!.status).toBe('pending');
    const before = structuredClone(t.G.tracks);
    expireNow(t);
    expect(t.G.memos.find((m) => m.id === a!.id)!.status).toBe('expired');
    expect(t.G.tracks.pressureA).toBe(before.pressureA + 1);
    expect(t.G.tracks.capital).toBe(before.capital - 1);
    expect(t.G.feed.filter((f) => f.kind === 'expiry').map((f) => [f.round, f.seat])).toEqual([
      [2, '0'],
    ]);
  });

  it('response: unanswered proposals are rejected and seats still in the step stalled', () => {
    const t = table({ timers: 'blitz' });
    advanceTo(t, 'mediation', 1);
    const clauses = [{ id: 'humanitarian_pause', size: 'd3', giver: 'both' }];
    t.must('2', 'tableProposal', { clauses });
    t.must('2', 'tableProposal', { clauses: [{ id: 'ceasefire', size: 'partial', giver: 'B' }] });
    t.must('2', 'done');
    const [p, q] = t.G.proposals;
    // A answers everything (and is done); B answers one of two.
    t.must('0', 'respond', p!.id, 'accept');
    t.must('0', 'respond', q!.id, 'accept');
    t.must('1', 'respond', q!.id, 'accept');
    expect(t.G.pending).toEqual(['1']);
    expireNow(t);
    expect(t.G.step).toBe('press');
    expect(t.G.proposals.map((x) => [x.stage, x.answers])).toEqual([
      ['rejected', { '0': 'accept', '1': 'reject' }],
      ['signed', { '0': 'accept', '1': 'accept' }],
    ]);
    expect(t.G.feed.filter((f) => f.kind === 'stalled').map((f) => f.seat)).toEqual(['1']);
  });

  it('response: a principal with nothing to answer still in the step is stalled (RULES.md)', () => {
    const t = table({ timers: 'blitz' });
    advanceTo(t, 'response', 1);
    t.must('1', 'done');
    expireNow(t);
    expect(t.G.feed.filter((f) => f.kind === 'stalled').map((f) => f.seat)).toEqual(['0']);
    expect(t.G.stats!.stalls).toBe(1);
  });

  it('press: seats that said nothing are silent', () => {
    const t = table({ timers: 'blitz' });
    advanceTo(t, 'press', 1);
    t.must('2', 'statement', { kind: 'silence' });
    expireNow(t);
    expect(t.G.statements).toEqual([
      { seat: '0', round: 1, kind: 'silence' },
      { seat: '1', round: 1, kind: 'silence' },
      { seat: '2', round: 1, kind: 'silence' },
    ]);
    expect(t.G.feed.filter((f) => f.kind === 'statement').map((f) => f.text)).toEqual([
      'Doha: no comment.',
    ]);
    expect(t.G.credit).toEqual({ '0': 0, '1': 0, '2': 0 });
    expect(t.G.step).toBe('drafting');
    expect(t.G.round).toBe(2);
    expect(t.G.clock.deadline).toBe(t.time.now + 60_000);
  });

  it('a whole match can run on deadlines alone', () => {
    const t = table({ timers: 'blitz', rounds: 4 }, 'clockwork');
    for (let guard = 0; guard < 40 && t.G.step !== 'over'; guard++) expireNow(t);
    expect(t.G.step).toBe('over');
    expect(t.G.final!.reason).toBe('rounds');
    // Both principals stalled in each of the 4 response steps.
    const stalls = t.G.feed.filter((f) => f.kind === 'stalled');
    expect(stalls.map((f) => `${f.round}:${f.seat}`)).toEqual([
      '1:0',
      '1:1',
      '2:0',
      '2:1',
      '3:0',
      '3:1',
      '4:0',
      '4:1',
    ]);
    expect(t.G.stats!.stalls).toBe(8);
  });
});
