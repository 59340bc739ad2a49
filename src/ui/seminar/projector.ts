// #/projector/<matchID>: one table for a room's screen, in large type, from a spectator's
// connection (public information only): round, step, countdown, paused, tracks, deals, headlines.
import { startOnline } from '../../client/connection';
import { makeTableStore, timeLeft } from '../../client/store';
import { getScenario } from '../../game/scenario';
import { h, renderKeyed } from '../dom';
import {
  breakoutLabel,
  countdownText,
  isUrgent,
  OUTCOME_NAMES,
  STEP_HELP,
  STEP_NAMES,
} from '../format';
import { dealsList, trackBars, trackRows } from './common';
import type { Screen } from './common';

export function renderProjector(server: string, matchID: string): Screen {
  const store = makeTableStore();
  const connection = startOnline(store, { server, matchID, seat: null });
  const title = h('h1', { tabindex: -1 }, 'Backchannel');
  const step = h('p', { class: 'proj-step' });
  const help = h('p', { class: 'proj-help' });
  const paused = h('p', { class: 'proj-paused', hidden: true }, '‖ Paused by the facilitator');
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
      h('div', { class: 'proj-clock' }, paused, countdown),
    ),
    h('div', { class: 'proj-grid' }, tracks, h('div', { class: 'proj-right' }, feed, deals)),
  );

  const render = () => {
    const s = store.getState();
    const view = s.view;
    if (!view) {
      step.textContent =
        s.phase === 'error' ? (s.error ?? 'Something went wrong.') : 'Connecting to the table…';
      return;
    }
    const scenario = getScenario(view.options.scenario);
    title.textContent = scenario.name;
    if (view.final) {
      step.textContent = `The match is over: ${OUTCOME_NAMES[view.final.outcome]}`;
      help.textContent = '';
    } else {
      step.textContent = `Round ${view.round} of ${view.options.rounds} · ${STEP_NAMES[view.step]}`;
      help.textContent = STEP_HELP[view.step];
    }
    paused.hidden = !view.paused || Boolean(view.final);
    renderKeyed(tracks, JSON.stringify([view.tracks, view.breakout]), () => [
      h('h2', { id: 'proj-tracks-h' }, 'Tracks'),
      trackBars(
        trackRows(
          scenario,
          view.tracks,
          view.breakout.true ?? view.breakout.estimate,
          breakoutLabel(view.breakout.true === undefined),
        ),
        'track-bars large',
      ),
    ]);
    renderKeyed(deals, JSON.stringify(view.deals), () => [
      h('h2', { id: 'proj-deals-h' }, 'Deals'),
      dealsList(scenario, view.deals, false),
    ]);
    renderKeyed(feed, String(view.feed.length), () => {
      const entries = view.feed
        .filter((e) => e.kind !== 'round')
        .slice(-6)
        .reverse();
      return [
        h('h2', { id: 'proj-feed-h' }, 'Headlines'),
        entries.length === 0
          ? h('p', { class: 'hint' }, 'Nothing yet.')
          : h(
              'ol',
              { class: 'headlines' },
              ...entries.map((e) =>
                h(
                  'li',
                  { class: `feed-${e.kind}` },
                  h('span', { class: 'meta' }, `Round ${e.round}: `),
                  e.text,
                ),
              ),
            ),
      ];
    });
  };
  const tick = () => {
    const s = store.getState();
    const view = s.view;
    if (!view || view.final) return void (countdown.textContent = '');
    const left = timeLeft(s);
    // The badge beside it already says the table is paused.
    countdown.textContent = view.paused
      ? view.paused.remaining === null
        ? ''
        : countdownText(null, view.paused.remaining)
      : countdownText(null, left);
    countdown.classList.toggle('urgent', isUrgent(view.paused, left));
  };
  const unsubscribe = store.subscribe(render);
  const timer = setInterval(tick, 250);
  render();
  return {
    element,
    destroy: () => {
      unsubscribe();
      clearInterval(timer);
      connection.stop();
    },
  };
}
