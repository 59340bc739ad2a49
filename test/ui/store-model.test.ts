// The store carries the seat model of its view (src/client/store.ts `withView`): every screen
// renders `model`, built by the rules' own seatModel from the same view, and "what changed" runs
// from where the seat's look stood when the step began.
import { describe, expect, it } from 'vitest';
import { makeTableStore, withView } from '../../src/client/store';
import { seatModel } from '../../src/game/seat-model';
import type { Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { allDone, freshMatch, mediationWithMemo } from './states';

describe('the store’s seat model', () => {
  it('is the rules’ model of the view, for the store’s seat', () => {
    const r = freshMatch('doha-2026');
    for (const seat of ['0', '1', '2', null] as (Seat | null)[]) {
      const store = makeTableStore();
      const view = viewFor(r.G, seat);
      store.setState(withView(store.getState(), view, seat, 5_000));
      const { model } = store.getState();
      expect(model).toEqual(seatModel(view, seat, () => 5_000));
      expect(store.getState().view).toBe(view);
    }
  });

  it('reads the clock with the server offset', () => {
    const r = freshMatch('doha-2026');
    const store = makeTableStore();
    store.setState({ clockOffset: 2_000 });
    const view = viewFor(r.G, '0');
    store.setState(withView(store.getState(), view, '0', 1_000));
    expect(store.getState().model).toEqual(seatModel(view, '0', () => 3_000));
  });

  it('keeps a change listed through the next step, and drops it the step after', () => {
    // A seed whose round 3 opens with an incident (the dice since ids stopped drawing, issue #11).
    const r = mediationWithMemo('doha-2026', 'ui-mediation-7');
    const store = makeTableStore();
    const push = () => store.setState(withView(store.getState(), viewFor(r.G, '0'), '0', 0));
    push();
    const steps: { at: string; kinds: string[] }[] = [];
    for (let i = 0; i < 7; i++) {
      allDone(r);
      push();
      push(); // a second update within the same step changes nothing
      const m = store.getState().model!;
      steps.push({ at: `${m.round} ${m.step}`, kinds: m.changes.map((c) => c.kind) });
      // Within a step, the changes are those since the step began (the look at its start).
      const seen = store.getState().seenAtStep!;
      expect(seen.round).toBe(r.G.round);
      expect(seen.step).toBe(r.G.step);
      expect(m.changes).toEqual(
        seatModel(viewFor(r.G, '0'), '0', () => 0, {
          feed: seen.feed,
          tracks: seen.tracks,
        }).changes,
      );
    }
    // Round 2's response step brings the round-1 memos' expiry; the press step after it does not
    // list it again; round 3's drafting brings an incident.
    const at = (k: string) => steps.find((s) => s.at === k)?.kinds;
    expect(at('2 response')).toContain('expiry');
    expect(at('2 press')).toEqual([]);
    expect(at('3 drafting')).toContain('incident');
  });
});
