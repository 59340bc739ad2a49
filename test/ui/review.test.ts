// @vitest-environment happy-dom
// The review screen (#/review/<matchID>, src/ui/review.ts): the replay viewer steps through a
// finished match's record by button, key and slider, showing each step's board and feed, and ends
// on the stored final state; the debrief follows; the end screen links to it.
import { describe, expect, it } from 'vitest';
import { replayModel } from '../../src/game/model/replay';
import { renderReview } from '../../src/ui/review';
import { playedRecord } from '../game/played-record';

const text = (el: Element | null) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('the review screen', () => {
  const record = playedRecord('review-ui');
  const replay = replayModel(record);

  it('steps through the match and ends on the stored final state', () => {
    const screen = renderReview(record);
    document.body.replaceChildren(screen.element);
    const frame = () => document.querySelector<HTMLElement>('.replay-frame')!;
    const button = (name: RegExp) =>
      [...document.querySelectorAll('button')].find((b) => name.test(b.textContent ?? ''))!;
    // It opens on the end.
    expect(frame().dataset.step).toBe(String(replay.steps));
    expect(text(frame())).toContain(replay.frame(replay.steps).status);
    button(/^Start$/).click();
    expect(frame().dataset.step).toBe('0');
    expect(text(frame())).toContain('The match is set up');
    expect(button(/Previous/).disabled).toBe(true);
    // Every step by the next button: the action and the feed of that step.
    for (let i = 1; i <= replay.steps; i++) {
      button(/Next step/).click();
      expect(frame().dataset.step).toBe(String(i));
      const f = replay.frame(i);
      expect(text(frame().querySelector('.replay-action'))).toBe(f.action);
      expect(frame().querySelectorAll('.replay-feed li')).toHaveLength(f.feed.length);
    }
    expect(button(/Next step/).disabled).toBe(true);
    expect(replay.frame(Number(frame().dataset.step)).state).toEqual(record.final);
    // Keys: left, Home, End.
    const section = document.querySelector<HTMLElement>('.replay')!;
    const key = (k: string) =>
      section.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    key('ArrowLeft');
    expect(frame().dataset.step).toBe(String(replay.steps - 1));
    key('Home');
    expect(frame().dataset.step).toBe('0');
    key('End');
    expect(frame().dataset.step).toBe(String(replay.steps));
    // The slider.
    const slider = document.querySelector<HTMLInputElement>('#replay-slider')!;
    slider.value = '5';
    slider.dispatchEvent(new Event('input'));
    expect(frame().dataset.step).toBe('5');
    expect(document.querySelector('[role="status"]')?.textContent).toContain('Step 5 of');
    // The round list follows: the last step is in the last round.
    key('End');
    const pick = document.querySelector<HTMLSelectElement>('#replay-round')!;
    expect(pick.value).toBe(String(replay.rounds.at(-1)!.index));
    // The debrief follows, without the server's CSV links for a record kept in the browser.
    expect(document.querySelector('#outcome-h')).not.toBeNull();
    expect(document.querySelector('.downloads a[href*="record.csv"]')).toBeNull();
    screen.destroy();
  });
});

describe('the review route', () => {
  it('says so when a solo match is not kept in this browser', async () => {
    const { renderReviewRoute } = await import('../../src/ui/review');
    const screen = renderReviewRoute('solo-gone', () => null);
    document.body.replaceChildren(screen.element);
    expect(document.querySelector('[role="alert"]')?.textContent).toMatch(
      /not kept in this browser/,
    );
    const record = playedRecord('review-route', undefined, 'solo-kept');
    const kept = renderReviewRoute('solo-kept', (id) => (id === 'solo-kept' ? record : null));
    document.body.replaceChildren(kept.element);
    expect(document.querySelector('.replay-frame')).not.toBeNull();
  });
});
