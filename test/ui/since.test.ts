// @vitest-environment happy-dom
// "Since you were last here" (issue #12): the seat's last look at a match is kept per match and seat
// (src/client/last-seen.ts) while the page is in view; on return the summary (src/ui/since.ts)
// shows what the seat model says changed since that look, in the desk model's words.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  keepSeen,
  loadSeen,
  saveSeen,
  seenAtStepOf,
  seenKey,
  type SeenPoint,
} from '../../src/client/last-seen';
import { makeTableStore, withView } from '../../src/client/store';
import { deskModel } from '../../src/game/model/desk';
import { agoText, sinceSummary } from '../../src/game/model/since';
import { seatModel } from '../../src/game/seat-model';
import type { BackchannelState, Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { mountSince } from '../../src/ui/since';
import { randomStates } from '../bots/states';

const NOW = 1_800_000_000_000;
beforeEach(() => localStorage.clear());
afterEach(() => document.body.replaceChildren());

/** Two states of one match, the later one with new feed entries and moved tracks. */
function twoLooks(): [BackchannelState, BackchannelState] {
  const states = randomStates(1, 'since', 5);
  const first = states[2]!;
  const later = states.find(
    (g) =>
      g.round > first.round &&
      g.feed.length > first.feed.length &&
      g.tracks.escalation !== first.tracks.escalation,
  )!;
  return [first, later];
}

function pointOf(G: BackchannelState, seat: Seat, at: number): SeenPoint {
  const m = seatModel(viewFor(G, seat), seat, () => NOW);
  return { ...m.seen, round: m.round, rounds: m.rounds, step: m.step, over: m.over, at };
}

describe('the last look, kept per match and seat', () => {
  it('is saved while the page is in view, and not while it is hidden', () => {
    const [G] = twoLooks();
    const store = makeTableStore();
    let visible = false;
    const stop = keepSeen(store, 'm1', '0', { visible: () => visible, now: () => NOW });
    store.setState({ seat: '0', ...withView(store.getState(), viewFor(G, '0'), '0') });
    expect(loadSeen('m1', '0')).toBeNull();
    visible = true;
    document.dispatchEvent(new Event('visibilitychange'));
    const saved = loadSeen('m1', '0')!;
    expect(saved).toMatchObject({
      feed: G.feed.length,
      round: G.round,
      step: G.step,
      over: false,
      scenario: G.options.scenario,
      at: NOW,
    });
    expect(saved.tracks.escalation).toBe(G.tracks.escalation);
    // Another seat's look is its own.
    expect(loadSeen('m1', '1')).toBeNull();
    stop();
  });

  it('becomes the store\'s starting point for "what changed"', () => {
    const [first, later] = twoLooks();
    const point = pointOf(first, '0', NOW);
    const store = makeTableStore();
    store.setState({ seenAtStep: seenAtStepOf(point) });
    store.setState(withView(store.getState(), viewFor(later, '0'), '0', NOW));
    const model = store.getState().model!;
    // Every public entry since the look, and nothing from before it.
    const since = seatModel(viewFor(later, '0'), '0', () => NOW, point);
    expect(model.changes).toEqual(since.changes);
    expect(model.trackChanges.length).toBeGreaterThan(0);
    expect(seenAtStepOf(null)).toBeNull();
  });

  it('reads a broken or foreign entry as none', () => {
    localStorage.setItem(seenKey('m', '0'), '{oops');
    expect(loadSeen('m', '0')).toBeNull();
    localStorage.setItem(seenKey('m', '0'), '{"round":1}');
    expect(loadSeen('m', '0')).toBeNull();
    saveSeen('m', '0', pointOf(twoLooks()[0], '0', 1));
    expect(loadSeen('m', '0')?.at).toBe(1);
  });
});

describe('the summary', () => {
  it('says nothing when nothing changed and the step is the same', () => {
    expect(
      sinceSummary(
        { changes: [], trackChanges: null },
        { round: 2, step: 'drafting', over: false },
        { round: 2, step: 'drafting', at: 0, feed: 0, tracks: {} as SeenPoint['tracks'] },
        NOW,
      ),
    ).toBeNull();
  });

  it('says when and where the person last looked, and where the match is now', () => {
    const s = sinceSummary(
      { changes: [], trackChanges: 'Escalation +1' },
      { round: 3, step: 'response', over: false },
      {
        round: 2,
        step: 'mediation',
        at: NOW - 3 * 3_600_000,
        feed: 0,
        tracks: {} as SeenPoint['tracks'],
      },
      NOW,
    )!;
    expect(s.heading).toBe('Since you were last here');
    expect(s.where).toBe(
      'You last looked 3 hours ago (round 2, Mediation); now round 3, Response.',
    );
    expect(s.tracks).toBe('Escalation +1');
    expect([0, 59_000, 60_000, 125 * 60_000, 3 * 86_400_000].map(agoText)).toEqual([
      'just now',
      'just now',
      '1 minute ago',
      '2 hours ago',
      '3 days ago',
    ]);
  });

  it("on return shows the model's changes since the last look, and can be dismissed", () => {
    const [first, later] = twoLooks();
    const point = pointOf(first, '1', NOW - 600_000);
    const store = makeTableStore();
    const said: string[] = [];
    const panel = mountSince(
      store,
      point,
      () => NOW,
      (t) => said.push(t),
    );
    document.body.append(panel.element);
    expect(panel.element.hidden).toBe(true);
    const view = viewFor(later, '1');
    store.setState({ seat: '1', ...withView(store.getState(), view, '1', NOW) });
    expect(panel.element.hidden).toBe(false);
    const desk = deskModel(
      view,
      seatModel(view, '1', () => NOW, point),
    );
    const items = [...panel.element.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toHaveLength(desk.changes.length);
    expect(items[0]).toContain(desk.changes[0]!.text);
    expect(panel.element.textContent).toContain('You last looked 10 minutes ago');
    expect(panel.element.textContent).toContain(desk.trackChanges!);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^Since you were last here: You last looked 10 minutes ago \(round /);
    expect(said[0]).toContain(
      items.length === 1 ? ' 1 change listed' : ` ${items.length} changes listed`,
    );
    // Drawn once: later views do not redraw it (nor say it again).
    const drawn = panel.element.innerHTML;
    store.setState(withView(store.getState(), viewFor(later, '1'), '1', NOW + 1));
    expect(panel.element.innerHTML).toBe(drawn);
    expect(said).toHaveLength(1);
    panel.element.querySelector('button')!.click();
    expect(panel.element.hidden).toBe(true);
    panel.destroy();
  });
});
