// The review's replay model (src/game/model/replay.ts): a finished match's record replayed through
// the rules, step by step. Every step is the state after one more recorded action, its board and
// feed are that state's, and the last step is the stored final state (issue #12, item 4).
import { describe, expect, it } from 'vitest';
import { replayModel } from '../../src/game/model/replay';
import type { MatchRecord } from '../../src/game/record';
import { playedRecord } from './played-record';

describe('the replay model', () => {
  const record = JSON.parse(JSON.stringify(playedRecord('replay-model'))) as MatchRecord;
  const replay = replayModel(record);

  it('has a step for the setup and one for every recorded action', () => {
    expect(replay.steps).toBe(record.actions.length);
    expect(replay.steps).toBeGreaterThan(20);
    expect(replay.frame(0).action).toBe('The match is set up');
    expect(replay.frame(0).state.round).toBe(1);
    // The setup's feed: the round's start and any incident drawn with it, nothing any seat did.
    const setupFeed = replay.frame(0).state.feed;
    expect(setupFeed.some((e) => e.kind === 'round')).toBe(true);
    expect(
      setupFeed.filter((e) => e.round !== 1 || !['round', 'incident'].includes(e.kind)),
    ).toEqual([]);
    // Out of range asks land on the ends.
    expect(replay.frame(-3).index).toBe(0);
    expect(replay.frame(replay.steps + 9).index).toBe(replay.steps);
  });

  it('ends on the stored final state', () => {
    const last = replay.frame(replay.steps);
    expect(last.state).toEqual(record.final);
    expect(last.status).toMatch(/^Ended: /);
    expect(last.waitingFor).toBeNull();
  });

  it('shows every step as it was: its feed grows, each action in words, the time moves on', () => {
    let feedBefore = -1;
    for (let i = 0; i <= replay.steps; i++) {
      const f = replay.frame(i);
      expect(f.index).toBe(i);
      expect(f.position).toBe(
        i === 0 ? `Start (${replay.steps} steps to come)` : `Step ${i} of ${replay.steps}`,
      );
      // The feed is the state's own public feed, newest first, and only ever grows.
      const shown = f.state.feed.filter((e) => e.kind !== 'round');
      expect(f.feed.map((e) => e.round)).toEqual(shown.map((e) => e.round).reverse());
      expect(f.feed.length).toBeGreaterThanOrEqual(feedBefore);
      const fresh = f.feed.filter((e) => e.fresh).length;
      expect(fresh).toBe(i === 0 ? 0 : f.feed.length - feedBefore);
      feedBefore = f.feed.length;
      // The board is the state's public tracks.
      const esc = f.table.tracks.find((t) => t.key === 'escalation')!;
      expect(esc.value).toBe(f.state.tracks.escalation);
      expect(f.table.round).toBe(f.state.round);
      // Words for a person, never a move's code name.
      expect(f.action).not.toMatch(/draftMemo|setPosture|tableProposal|expire|facilitate/);
      if (i > 0) {
        const a = record.actions[i - 1]!;
        if (a.move === 'done') expect(f.action).toMatch(/ said done with /);
        if (a.move === 'draftMemo') expect(f.action).toMatch(/ wrote a memo to the broker$/);
        if (a.move === 'expire') expect(f.action).toMatch(/^Time ran out for /);
      }
    }
  });

  it('lists the first step of each round for jumping', () => {
    expect(replay.rounds[0]).toEqual({ round: 1, label: 'Round 1', index: 0 });
    expect(replay.rounds.map((r) => r.round)).toEqual(replay.rounds.map((_, i) => i + 1));
    for (const r of replay.rounds) expect(replay.frame(r.index).state.round).toBe(r.round);
    for (const r of replay.rounds.slice(1))
      expect(replay.frame(r.index - 1).state.round).toBe(r.round - 1);
  });

  it('refuses a record that does not replay', () => {
    const broken = structuredClone(record);
    const expiry = broken.actions.findIndex((a) => a.move === 'expire');
    broken.actions[expiry]!.at -= 3_600_000;
    expect(() => replayModel(broken)).toThrow(/was refused on replay/);
  });
});
