// One polite live region that says what changed: a new step, new feed entries, the end, a refusal.
import type { TableStore } from '../client/store';
import { getScenario } from '../game/scenario';
import { OUTCOME_NAMES, STEP_NAMES } from '../game/words';
import { h } from './dom';

export function mountAnnouncer(store: TableStore): {
  element: HTMLElement;
  destroy(): void;
  /** Says one thing once (e.g. the guide's new prompt). */
  say(text: string): void;
} {
  const element = h('div', {
    class: 'visually-hidden',
    'aria-live': 'polite',
    'aria-atomic': 'false',
    id: 'announcer',
  });
  let lastStep = '';
  let lastFeed = 0;
  let lastRefusal = 0;
  const say = (text: string) => {
    element.append(h('p', {}, text));
    while (element.childElementCount > 5) element.firstElementChild?.remove();
  };
  const unsubscribe = store.subscribe((s) => {
    const view = s.view;
    if (s.refusal && s.refusal.serial !== lastRefusal) say(s.refusal.text);
    lastRefusal = s.refusal?.serial ?? lastRefusal;
    if (!view) return;
    const step = `${view.round}:${view.step}`;
    const fresh = view.feed.slice(lastFeed);
    lastFeed = view.feed.length;
    if (fresh.length > 0 && lastStep !== '')
      for (const e of fresh.filter((e) => e.kind !== 'round').slice(-3)) say(e.text);
    if (step !== lastStep) {
      lastStep = step;
      if (view.final) say(`The match is over: ${OUTCOME_NAMES[view.final.outcome]}.`);
      else {
        const yours = s.seat !== null && view.pending.includes(s.seat) ? ' Your move.' : '';
        say(
          `Round ${view.round} of ${view.options.rounds}, ${STEP_NAMES[view.step]}.${yours} (${getScenario(view.options.scenario).name})`,
        );
      }
    }
  });
  return { element, destroy: unsubscribe, say };
}
