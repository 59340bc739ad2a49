// "Since you were last here": a region under the table's header when a person comes back to a match,
// with what changed since their last look (src/game/model/since.ts, from the seat model's changes
// in the desk model's words). It is drawn once, from the first view after the return, and stays
// until dismissed: later changes are the table's own "Since your last step" panel's.
import type { LastLook } from '../game/model/since';
import { sinceSummary } from '../game/model/since';
import { deskModel } from '../game/model/desk';
import { seatModel } from '../game/seat-model';
import type { TableStore } from '../client/store';
import { h } from './dom';

export interface SincePanel {
  element: HTMLElement;
  destroy(): void;
}

export function mountSince(
  store: TableStore,
  last: LastLook,
  now: () => number = () => Date.now(),
  /** Says the summary once through the app's announcer (the region is not a live region). */
  say?: (text: string) => void,
): SincePanel {
  const element = h('section', {
    class: 'since-summary',
    'aria-labelledby': 'since-h',
    hidden: true,
  });
  let unsubscribe: (() => void) | null = null;
  const draw = (): boolean => {
    const { view, seat, clockOffset } = store.getState();
    if (!view || view.lobby) return false;
    // The model as of the last look: its changes run from there.
    const model = seatModel(view, seat, () => now() + clockOffset, {
      feed: last.feed,
      tracks: last.tracks,
    });
    const summary = sinceSummary(deskModel(view, model), model, last, now());
    if (!summary) return true;
    element.hidden = false;
    const count = summary.changes.length;
    say?.(
      `${summary.heading}: ${summary.where} ${count === 1 ? '1 change' : `${count} changes`} listed under the header.`,
    );
    element.replaceChildren(
      ...[
        h('h2', { id: 'since-h' }, summary.heading),
        h('p', {}, summary.where),
        summary.tracks ? h('p', {}, h('strong', {}, 'Tracks: '), summary.tracks) : null,
        summary.changes.length
          ? h(
              'ul',
              {},
              ...summary.changes.map((c) =>
                h(
                  'li',
                  {},
                  h('strong', {}, `${c.heading}: `),
                  c.text,
                  c.effects ? ` (${c.effects})` : '',
                  c.directed ? h('span', { class: 'directed' }, ' Directed by you.') : null,
                ),
              ),
            )
          : h('p', {}, 'No news on the public feed and no track moves since then.'),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              element.hidden = true;
              element.replaceChildren();
            },
          },
          'Dismiss',
        ),
      ].filter((x) => x !== null),
    );
    return true;
  };
  if (!draw())
    unsubscribe = store.subscribe(() => {
      if (draw()) {
        unsubscribe?.();
        unsubscribe = null;
      }
    });
  return { element, destroy: () => unsubscribe?.() };
}
