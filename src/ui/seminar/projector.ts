// #/projector/<matchID>: one table for a room's screen, in large type, from a spectator's
// connection (public information only): round, step, countdown, paused, tracks, deals, headlines.
// Everything shown is the store's seat model of a spectator (src/client/store.ts) read through the
// seminar models (src/game/model/seminar.ts); the countdown ticks by the server's clock.
import { startOnline } from '../../client/connection';
import { makeTableStore, type TableState } from '../../client/store';
import { clockWords, headlines, publicModel } from '../../game/model/seminar';
import { countdownAt } from '../../game/seat-model';
import { h, renderKeyed } from '../dom';
import { dealsList, trackBars } from './common';
import { pointRulesLink, rulesLink } from '../rules-link';
import type { Screen } from './common';

/** The projector's content for a store's state; `now` reads the local clock. */
export function projectorView(now: () => number = Date.now) {
  const title = h('h1', { tabindex: -1 }, 'Backchannel');
  // In a new tab: the room's screen keeps its table (src/ui/rules-link.ts).
  const rules = rulesLink();
  const step = h('p', { class: 'proj-step' });
  const help = h('p', { class: 'proj-help' });
  const paused = h('p', { class: 'proj-paused', hidden: true });
  const countdown = h('p', { class: 'proj-countdown', role: 'timer', 'aria-live': 'off' });
  const tracks = h('section', { class: 'proj-tracks', 'aria-labelledby': 'proj-tracks-h' });
  const deals = h('section', { class: 'proj-deals', 'aria-labelledby': 'proj-deals-h' });
  const feed = h('section', { class: 'proj-feed', 'aria-labelledby': 'proj-feed-h' });
  const element = h(
    'div',
    { class: 'projector' },
    h(
      'header',
      { class: 'proj-header' },
      h('div', {}, title, step, help),
      h('div', { class: 'proj-clock' }, paused, countdown, rules),
    ),
    h('div', { class: 'proj-grid' }, tracks, h('div', { class: 'proj-right' }, feed, deals)),
  );

  const render = (s: TableState) => {
    const { view, model } = s;
    if (!view || !model) {
      step.textContent =
        s.phase === 'error' ? (s.error ?? 'Something went wrong.') : 'Connecting to the table…';
      return;
    }
    const table = publicModel(model, view.final);
    pointRulesLink(rules, view.options.scenario);
    title.textContent = model.scenario.name;
    if (table.outcome) {
      step.textContent = `The match is over: ${table.outcome.name}`;
      help.textContent = table.outcome.winners;
    } else {
      step.textContent = table.status;
      help.textContent = model.stepHelp;
    }
    renderKeyed(tracks, JSON.stringify(table.tracks), () => [
      h('h2', { id: 'proj-tracks-h' }, 'Tracks'),
      trackBars(table.tracks, 'track-bars large'),
    ]);
    renderKeyed(deals, JSON.stringify(table.deals), () => [
      h('h2', { id: 'proj-deals-h' }, 'Deals'),
      dealsList(table.deals, false),
    ]);
    const news = headlines(view.feed);
    renderKeyed(feed, JSON.stringify(news), () => [
      h('h2', { id: 'proj-feed-h' }, 'Headlines'),
      news.length === 0
        ? h('p', { class: 'hint' }, 'Nothing yet.')
        : h(
            'ol',
            { class: 'headlines' },
            ...news.map((e) =>
              h(
                'li',
                { class: `feed-${e.kind}` },
                h('span', { class: 'meta' }, `${e.when}: `),
                e.text,
              ),
            ),
          ),
    ]);
    tick(s);
  };

  const tick = (s: TableState) => {
    if (!s.model) return;
    const c = countdownAt(s.model.countdown, now() + s.clockOffset);
    const words = clockWords(c, s.model.over);
    paused.hidden = words.badge === null;
    paused.textContent = words.badge ? `‖ ${words.badge}` : '';
    countdown.textContent = words.time;
    countdown.classList.toggle('urgent', c.urgent);
  };

  return { element, render, tick };
}

export function renderProjector(server: string, matchID: string): Screen {
  const store = makeTableStore();
  const connection = startOnline(store, { server, matchID, seat: null });
  const screen = projectorView();
  const unsubscribe = store.subscribe((s) => screen.render(s));
  const timer = setInterval(() => screen.tick(store.getState()), 250);
  screen.render(store.getState());
  return {
    element: screen.element,
    destroy: () => {
      unsubscribe();
      clearInterval(timer);
      connection.stop();
    },
  };
}
