// #/debrief/<matchID>: a finished match from its record, for the table and the facilitator: the
// outcome and scores with prompts for discussion (debrief-outcome.ts), every track over the rounds
// (debrief-charts.ts), and round by round every memo as written beside as delivered, held, leaked
// and expired memos, incidents with their true attribution, deals and their fate
// (debrief-memos.ts). Printable; the record downloads as JSON and CSV. The record is read into the
// debrief's store (src/client/debrief.ts).
import { makeRecordLoader, type RecordState } from '../../client/debrief';
import { csvPath, recordPath } from '../../client/seminar';
import { sessionScenario } from '../../game/model/seminar';
import type { MatchRecord } from '../../game/record';
import { STEP_NAMES } from '../../game/words';
import { h } from '../dom';
import { errorBox, page, type Screen } from './common';
import { chartSection } from './debrief-charts';
import { fateLists, dealFate, incidentList, plural, roundSection } from './debrief-memos';
import { discussionPrompts, outcomeLede, scoresTable } from './debrief-outcome';

export { discussionPrompts };

export function debriefContent(record: MatchRecord): HTMLElement[] {
  const G = record.final;
  const scenario = sessionScenario(G.options.scenario);
  const top = outcomeLede(G, scenario);
  const id = record.matchID;
  const rounds = Array.from(
    { length: Math.max(1, Math.min(G.round, G.options.rounds)) },
    (_, i) => i + 1,
  );
  return [
    h(
      'section',
      { class: 'debrief-section debrief-top', 'aria-labelledby': 'outcome-h' },
      h('h2', { id: 'outcome-h' }, top.heading),
      h('p', { class: 'lede' }, top.lede),
      h(
        'div',
        { class: 'downloads', role: 'group', 'aria-label': 'Downloads' },
        h(
          'a',
          { href: recordPath(id), download: `backchannel-${id}.json`, class: 'button-link' },
          'Download the record (JSON)',
        ),
        h(
          'a',
          {
            href: csvPath(id, 'tracks'),
            download: `backchannel-${id}-tracks.csv`,
            class: 'button-link',
          },
          'Download the tracks (CSV)',
        ),
        h(
          'a',
          {
            href: csvPath(id, 'memos'),
            download: `backchannel-${id}-memos.csv`,
            class: 'button-link',
          },
          'Download the memos (CSV)',
        ),
        h('button', { type: 'button', class: 'secondary', onclick: () => window.print() }, 'Print'),
      ),
      h(
        'div',
        { class: 'scroll-x', tabindex: 0, role: 'region', 'aria-label': 'Scores' },
        scoresTable(G, scenario),
      ),
    ),
    h(
      'section',
      { class: 'debrief-section', 'aria-labelledby': 'prompts-h' },
      h('h2', { id: 'prompts-h' }, 'For discussion'),
      h('ol', { class: 'prompts' }, ...discussionPrompts(G, scenario).map((p) => h('li', {}, p))),
    ),
    chartSection(G),
    h(
      'section',
      { class: 'debrief-section', 'aria-labelledby': 'incidents-h' },
      h('h2', { id: 'incidents-h' }, 'Incidents and who was really behind them'),
      incidentList(G, scenario) ?? h('p', {}, 'No incident.'),
    ),
    h(
      'section',
      { class: 'debrief-section', 'aria-labelledby': 'deals-h' },
      h('h2', { id: 'deals-h' }, 'Deals and their fate'),
      G.deals.length
        ? h('ul', { class: 'deal-fates' }, ...G.deals.map((d) => dealFate(G, scenario, d)))
        : h('p', {}, 'No deal was signed.'),
    ),
    fateLists(G, scenario),
    h(
      'section',
      { class: 'debrief-section', 'aria-labelledby': 'rounds-h' },
      h('h2', { id: 'rounds-h' }, 'Round by round'),
      h(
        'p',
        { class: 'hint' },
        'Each memo as written beside as delivered. Struck text is marked “struck” and crossed out; a reframed clause shows its size as written → as delivered.',
      ),
      ...rounds.map((r) => roundSection(G, scenario, r)),
    ),
    h(
      'p',
      { class: 'meta' },
      'Match ',
      h('code', {}, id),
      ' · seed ',
      h('code', {}, record.seed),
      ` · ${plural(record.actions.length, 'recorded action')} · ${STEP_NAMES.over}.`,
    ),
  ];
}

export function renderDebrief(matchID: string): Screen {
  const loader = makeRecordLoader(matchID);
  const body = h('div', { class: 'debrief-body' });
  const render = ({ phase, record, error }: RecordState) => {
    if (phase === 'loading')
      body.replaceChildren(h('p', { role: 'status' }, 'Loading the record…'));
    else if (phase === 'ready' && record) body.replaceChildren(...debriefContent(record));
    else if (phase === 'running')
      body.replaceChildren(
        h(
          'p',
          { class: 'card', role: 'status' },
          'The debrief opens when the match ends. This page checks again every 5 seconds.',
        ),
        h(
          'p',
          {},
          h('a', { href: `#/watch/${encodeURIComponent(matchID)}` }, 'Watch the match meanwhile'),
        ),
      );
    else body.replaceChildren(errorBox(`Could not load the record of ${matchID}: ${error}.`));
  };
  const unsubscribe = loader.store.subscribe((s, prev) => {
    if (s.phase !== prev.phase || s.record !== prev.record) render(s);
  });
  render(loader.store.getState());
  loader.start();
  return {
    element: page('Debrief', body),
    destroy: () => {
      unsubscribe();
      loader.stop();
    },
  };
}
