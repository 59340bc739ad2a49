// The facilitator's move (docs/SEMINAR.md): pause and resume with the time left, extensions
// capped, ending a step as its deadline would, injects from the library and custom ones, seats
// handed to bots and back. Every refusal changes nothing.
import { describe, expect, it } from 'vitest';
import {
  applyFacilitate,
  checkFacilitate,
  MAX_EXTENSION_SECONDS,
} from '../../src/game/facilitation';
import { viewFor } from '../../src/game/view';
import { advanceTo, table, type Table } from './harness';

function facilitate(t: Table, action: unknown): string | null {
  const checked = checkFacilitate(t.G, t.scenario, [action], t.time.now);
  if (!checked.ok) return checked.reason;
  applyFacilitate(t, checked.value);
  return null;
}

function mustFacilitate(t: Table, action: unknown): void {
  const reason = facilitate(t, action);
  if (reason !== null) throw new Error(`facilitate ${JSON.stringify(action)} refused: ${reason}`);
}

/** facilitate must refuse with a reason matching `pattern` and change nothing. */
function refused(t: Table, action: unknown, pattern: RegExp): void {
  const before = structuredClone(t.G);
  expect(facilitate(t, action)).toMatch(pattern);
  expect(t.G).toEqual(before);
}

const blitz = { timers: 'blitz' as const };

describe('pause and resume', () => {
  it('freezes the deadline, refuses every seat, and resumes with the time that was left', () => {
    const t = table(blitz);
    const deadline = t.G.clock.deadline!;
    t.time.now += 20_000;
    mustFacilitate(t, { kind: 'pause' });
    expect(t.G.paused).toEqual({ since: t.time.now, remaining: deadline - t.time.now });
    expect(t.G.clock.deadline).toBeNull();
    expect(t.act('0', 'setPosture', { enforcement: 'tighten' })).toBe(
      'the facilitator has paused the table',
    );
    expect(t.act('2', 'done')).toMatch(/paused/);
    expect(t.expire({ round: 1, step: 'drafting' })).toMatch(/paused/);
    expect(t.G.feed.at(-1)).toMatchObject({ kind: 'facilitator', text: /paused/ });

    t.time.now += 3_600_000; // an hour's pause costs the players nothing
    mustFacilitate(t, { kind: 'resume' });
    expect(t.G.paused).toBeUndefined();
    expect(t.G.clock.deadline).toBe(t.time.now + (deadline - (t.time.now - 3_600_000)));
    t.must('0', 'setPosture', { enforcement: 'tighten' });
  });

  it('is public: every seat and a spectator see the pause', () => {
    const t = table(blitz);
    mustFacilitate(t, { kind: 'pause' });
    for (const seat of ['0', '1', '2', null]) expect(viewFor(t.G, seat).paused).toEqual(t.G.paused);
  });

  it('keeps an untimed step untimed', () => {
    const t = table({ timers: 'untimed' });
    mustFacilitate(t, { kind: 'pause' });
    expect(t.G.paused?.remaining).toBeNull();
    mustFacilitate(t, { kind: 'resume' });
    expect(t.G.clock.deadline).toBeNull();
  });

  it('refuses a second pause, a resume when running, and anything after the end', () => {
    const t = table(blitz);
    refused(t, { kind: 'resume' }, /not paused/);
    mustFacilitate(t, { kind: 'pause' });
    refused(t, { kind: 'pause' }, /already paused/);
  });
});

describe('extend', () => {
  it('adds seconds to the deadline, at most MAX_EXTENSION_SECONDS a step', () => {
    const t = table(blitz);
    const deadline = t.G.clock.deadline!;
    mustFacilitate(t, { kind: 'extend', seconds: 60 });
    expect(t.G.clock.deadline).toBe(deadline + 60_000);
    mustFacilitate(t, { kind: 'extend', seconds: MAX_EXTENSION_SECONDS - 60 });
    refused(t, { kind: 'extend', seconds: 1 }, /extended by 600 s in all; 0 s are left/);
    // The next step starts with its own allowance.
    advanceTo(t, 'mediation');
    expect(t.G.clock.extendedSeconds).toBeUndefined();
    mustFacilitate(t, { kind: 'extend', seconds: 30 });
  });

  it('extends a paused step by adding to the time left', () => {
    const t = table(blitz);
    mustFacilitate(t, { kind: 'pause' });
    const left = t.G.paused!.remaining!;
    mustFacilitate(t, { kind: 'extend', seconds: 10 });
    expect(t.G.paused!.remaining).toBe(left + 10_000);
  });

  it('refuses an untimed step, bad seconds and a passed deadline', () => {
    refused(table({ timers: 'untimed' }), { kind: 'extend', seconds: 10 }, /no deadline/);
    const t = table(blitz);
    refused(t, { kind: 'extend', seconds: 0 }, /seconds/);
    refused(t, { kind: 'extend', seconds: 601 }, /seconds/);
    refused(t, { kind: 'extend', seconds: 1.5 }, /seconds/);
    t.time.now = t.G.clock.deadline! + 1;
    refused(t, { kind: 'extend', seconds: 10 }, /already passed/);
  });
});

describe('endStep', () => {
  it("ends the named step as its deadline would: unsent drafts dropped, the broker's turn", () => {
    const t = table(blitz);
    mustFacilitate(t, { kind: 'endStep', round: 1, step: 'drafting' });
    expect(t.G.step).toBe('mediation');
    expect(
      t.G.feed.some((f) => f.kind === 'facilitator' && /ended the drafting/.test(f.text)),
    ).toBe(true);
  });

  it('leaves a paused table paused, in the next step, with its whole time', () => {
    const t = table(blitz);
    mustFacilitate(t, { kind: 'pause' });
    mustFacilitate(t, { kind: 'endStep', round: 1, step: 'drafting' });
    expect(t.G.step).toBe('mediation');
    expect(t.G.paused?.remaining).toBe(t.G.options.stepSeconds!.mediation * 1000);
    expect(t.G.clock.deadline).toBeNull();
  });

  it('refuses a step that is not running', () => {
    refused(table(blitz), { kind: 'endStep', round: 1, step: 'press' }, /not running/);
    refused(table(blitz), { kind: 'endStep', round: 2, step: 'drafting' }, /not running/);
  });

  it('unanswered proposals are rejected and the seats marked stalled, as at a deadline', () => {
    const t = table(blitz);
    const memo = { clauses: [{ id: 'humanitarian_pause', size: 'd3', giver: 'both' }], text: '' };
    t.must('0', 'draftMemo', memo);
    advanceTo(t, 'mediation');
    t.must('2', 'relay', t.G.memos[0]!.id, {});
    advanceTo(t, 'response');
    const stallsBefore = t.G.stats!.stalls;
    mustFacilitate(t, { kind: 'endStep', round: 1, step: 'response' });
    expect(t.G.step).toBe('press');
    expect(t.G.stats!.stalls).toBeGreaterThan(stallsBefore);
    expect(t.G.proposals[0]!.stage).toBe('rejected');
  });
});

describe('inject', () => {
  it("applies a library inject's effects and headline", () => {
    const t = table(blitz);
    const inject = t.scenario.injects.find((i) => i.id === 'rial_slides')!;
    const before = t.G.tracks.pressureB;
    mustFacilitate(t, { kind: 'inject', inject: 'rial_slides' });
    expect(t.G.tracks.pressureB).toBe(before + inject.effects.pressureB!);
    expect(t.G.feed.at(-1)).toEqual({ round: 1, kind: 'inject', text: inject.headline });
  });

  it('applies a custom headline with effects, clamped to the tracks', () => {
    const t = table(blitz);
    t.G.tracks.oilPrice = t.scenario.tracks.oilPrice.max;
    mustFacilitate(t, {
      kind: 'inject',
      headline: '  Markets panic  ',
      effects: { oilPrice: 3, capital: -2 },
    });
    expect(t.G.tracks.oilPrice).toBe(t.scenario.tracks.oilPrice.max);
    expect(t.G.feed.at(-1)!.text).toBe('Markets panic');
  });

  it('can push the table to war, which ends it and lifts a pause', () => {
    const t = table(blitz);
    mustFacilitate(t, { kind: 'pause' });
    t.G.tracks.escalation = t.scenario.tracks.escalation.max - 1;
    mustFacilitate(t, {
      kind: 'inject',
      headline: 'Strikes on the coast',
      effects: { escalation: 3 },
    });
    expect(t.G.step).toBe('over');
    expect(t.G.final?.outcome).toBe('war');
    expect(t.G.paused).toBeUndefined();
    refused(t, { kind: 'resume' }, /over/);
  });

  it('refuses unknown injects, effects out of range, both or neither of inject and headline', () => {
    const t = table(blitz);
    refused(t, { kind: 'inject', inject: 'nope' }, /no inject "nope"/);
    refused(t, { kind: 'inject', headline: 'x', effects: { escalation: 4 } }, /escalation/);
    refused(t, { kind: 'inject', headline: 'x', effects: { morale: 1 } }, /morale|unrecognized/i);
    refused(t, { kind: 'inject', inject: 'rial_slides', headline: 'x' }, /either/);
    refused(t, { kind: 'inject' }, /either/);
    refused(t, { kind: 'inject', headline: '   ' }, /headline/);
    refused(t, { kind: 'inject', headline: 'x'.repeat(141) }, /headline/);
  });
});

describe('seat', () => {
  it('hands a seat to a bot and back, publicly', () => {
    const t = table(blitz);
    mustFacilitate(t, { kind: 'seat', seat: '1', bot: { level: 'hard', persona: 'staller' } });
    expect(t.G.options.bots['1']).toEqual({ level: 'hard', persona: 'staller' });
    expect(viewFor(t.G, null).options.bots['1']).toEqual({ level: 'hard', persona: 'staller' });
    expect(t.G.feed.at(-1)!.text).toBe('A bot now plays Tehran.');
    mustFacilitate(t, { kind: 'seat', seat: '1', bot: null });
    expect(t.G.options.bots['1']).toBeUndefined();
    expect(t.G.feed.at(-1)!.text).toBe("Tehran's seat is back with its player.");
    refused(t, { kind: 'seat', seat: '1', bot: null }, /no bot plays seat 1/);
    refused(t, { kind: 'seat', seat: '3', bot: null }, /seat/);
    refused(t, { kind: 'seat', seat: '0', bot: { level: 'genius' } }, /level/);
  });
});

describe('malformed actions', () => {
  it('are refused with a reason and change nothing', () => {
    const t = table(blitz);
    for (const bad of [null, 'pause', 42, [], {}, { kind: 'explode' }, { kind: 'pause', x: 1 }])
      refused(t, bad, /./);
    expect(checkFacilitate(t.G, t.scenario, [], t.time.now)).toEqual({
      ok: false,
      reason: 'facilitate takes one action',
    });
  });
});

describe('history', () => {
  it('keeps the tracks at the start and at the end of every round, true breakout hidden', () => {
    const t = table(blitz);
    expect(t.G.history.map((h) => h.round)).toEqual([0]);
    advanceTo(t, 'drafting', 2);
    expect(t.G.history.map((h) => h.round)).toEqual([0, 1]);
    expect(t.G.history[1]!.tracks).toEqual(
      expect.objectContaining({ escalation: expect.any(Number) }),
    );
    expect(t.G.breakoutHistory).toHaveLength(2);
    for (const seat of ['0', '1', '2', null]) {
      expect(viewFor(t.G, seat).history).toEqual(t.G.history);
      expect(viewFor(t.G, seat).breakoutHistory).toEqual([]);
    }
  });
});
