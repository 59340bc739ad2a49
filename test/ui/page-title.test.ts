// @vitest-environment happy-dom
// The browser tab says whose move it is (issue #12: nothing told a player it was their turn): the
// table sets the page's title from the seat model, "● Your move: …" while this seat acts.
import { afterEach, describe, expect, it } from 'vitest';
import { withView } from '../../src/client/store';
import { viewFor } from '../../src/game/view';
import { renderSeat, type Rendered } from './render';
import { finishedViews, matchAt, SCENARIOS } from './states';

let shown: Rendered | null = null;
afterEach(() => {
  shown?.destroy();
  shown = null;
});

describe('the page title', () => {
  it.each(SCENARIOS)('%s: your move, waiting, paused and over', (id) => {
    const r = matchAt(id, 'drafting', 'title');
    shown = renderSeat(viewFor(r.G, '0'), '0');
    expect(document.title).toBe('● Your move: Drafting · Backchannel');
    shown.destroy();
    // The broker has nothing to do while the principals draft.
    shown = renderSeat(viewFor(r.G, '2'), '2');
    expect(document.title).toBe('Waiting: Drafting · Backchannel');
    shown.destroy();
    const paused = viewFor(r.G, '0');
    paused.paused = { at: 0, remaining: 30_000 } as never;
    shown = renderSeat(paused, '0');
    expect(document.title).toBe('Paused · Backchannel');
    shown.destroy();
    const end = finishedViews(id).find((v) => v.seat === '1')!;
    shown = renderSeat(end.view, '1');
    expect(document.title).toBe('Match over · Backchannel');
    // Leaving the table gives the tab its plain name back.
    shown.destroy();
    shown = null;
    expect(document.title).toBe('Backchannel');
  });

  it('follows the store: the title changes when the seat becomes the one to act', () => {
    const r = matchAt('doha-2026', 'drafting', 'title-2');
    shown = renderSeat(viewFor(r.G, '2'), '2');
    expect(document.title).toMatch(/^Waiting/);
    // The step moves on to mediation, where the broker acts: the store takes the new view.
    const next = matchAt('doha-2026', 'mediation', 'title-2');
    shown.store.setState(withView(shown.store.getState(), viewFor(next.G, '2'), '2'));
    expect(document.title).toBe('● Your move: Mediation · Backchannel');
  });
});
