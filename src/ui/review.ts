// #/review/<matchID>: every finished match, solo or online, opens the same debrief (the seminar's,
// src/ui/seminar/debrief.ts) under a step-by-step replay viewer. The viewer reads the replay model
// (src/game/model/replay.ts: the record replayed through the rules) and shows each step's public
// board and feed as they were; previous/next, the arrow keys, Home/End, a slider and a round list
// move it. `renderReview(record)` takes a record from anywhere (a solo match's, kept in this
// browser); `renderOnlineReview(matchID)` reads an online match's record from the server.
import { makeRecordLoader, type RecordState } from '../client/debrief';
import { soloRecordKey } from '../client/solo-store';
import { replayModel, type ReplayFrame, type ReplayModel } from '../game/model/replay';
import type { MatchRecord } from '../game/record';
import { h } from './dom';
import { dealsList, errorBox, page, trackBars, type Screen } from './seminar/common';
import { debriefContent } from './seminar/debrief';

function frameView(f: ReplayFrame): HTMLElement[] {
  return [
    h(
      'div',
      { class: 'replay-now' },
      h('p', { class: 'replay-position' }, h('strong', {}, f.position), ` · ${f.elapsed}`),
      h('p', { class: 'replay-action' }, f.action),
      h('p', { class: 'replay-status' }, f.status),
      f.waitingFor ? h('p', { class: 'hint' }, `Still to act: ${f.waitingFor}.`) : null,
    ),
    h(
      'div',
      { class: 'replay-board' },
      h(
        'section',
        { 'aria-labelledby': 'replay-tracks-h' },
        h('h3', { id: 'replay-tracks-h' }, 'Tracks'),
        trackBars(f.table.tracks),
      ),
      h(
        'section',
        { 'aria-labelledby': 'replay-deals-h' },
        h('h3', { id: 'replay-deals-h' }, 'Deals'),
        dealsList(f.table.deals),
      ),
      h(
        'section',
        { 'aria-labelledby': 'replay-feed-h', class: 'replay-feed' },
        h('h3', { id: 'replay-feed-h' }, 'Public feed'),
        f.feed.length === 0
          ? h('p', { class: 'hint' }, 'Nothing yet.')
          : h(
              'ol',
              { tabindex: 0, 'aria-labelledby': 'replay-feed-h' },
              ...f.feed.map((e) =>
                h(
                  'li',
                  { class: `feed-${e.kind}${e.fresh ? ' fresh' : ''}` },
                  h('span', { class: 'meta' }, `${e.when}: `),
                  e.text,
                  e.fresh ? h('span', { class: 'new-mark' }, ' (new at this step)') : null,
                ),
              ),
            ),
      ),
    ),
  ];
}

/** The replay viewer: controls and the board of the step shown. Starts on the final step. */
export function replayViewer(replay: ReplayModel): HTMLElement & { show(index: number): void } {
  let index = replay.steps;
  const live = h('p', { class: 'visually-hidden', role: 'status' });
  const shown = h('div', { class: 'replay-frame' });
  const slider = h('input', {
    type: 'range',
    id: 'replay-slider',
    min: 0,
    max: replay.steps,
    step: 1,
    value: index,
  }) as HTMLInputElement;
  const prev = h('button', { type: 'button', class: 'secondary' }, '← Previous step');
  const next = h('button', { type: 'button', class: 'secondary' }, 'Next step →');
  const first = h('button', { type: 'button', class: 'secondary' }, 'Start');
  const last = h('button', { type: 'button', class: 'secondary' }, 'End');
  const roundPick = h(
    'select',
    { id: 'replay-round' },
    ...replay.rounds.map((r) => h('option', { value: r.index }, r.label)),
  ) as HTMLSelectElement;
  const section = h(
    'section',
    { class: 'debrief-section replay', 'aria-labelledby': 'replay-h' },
    h('h2', { id: 'replay-h' }, 'Replay, step by step'),
    h(
      'p',
      { class: 'hint' },
      'The match as it was at each step: the public board and feed. Use the buttons, the slider, or the arrow keys (Home and End for the ends).',
    ),
    h(
      'div',
      { class: 'replay-controls', role: 'group', 'aria-label': 'Replay controls' },
      first,
      prev,
      next,
      last,
      h(
        'span',
        { class: 'field inline' },
        h('label', { for: 'replay-round' }, 'Jump to '),
        roundPick,
      ),
    ),
    h(
      'div',
      { class: 'field replay-slider' },
      h('label', { for: 'replay-slider' }, 'Step'),
      slider,
    ),
    live,
    shown,
  ) as HTMLElement & { show(index: number): void };
  const show = (wanted: number) => {
    const f = replay.frame(wanted);
    index = f.index;
    slider.value = String(index);
    slider.setAttribute('aria-valuetext', `${f.position}: ${f.action}`);
    prev.toggleAttribute('disabled', index === 0);
    first.toggleAttribute('disabled', index === 0);
    next.toggleAttribute('disabled', index === replay.steps);
    last.toggleAttribute('disabled', index === replay.steps);
    shown.dataset.step = String(index);
    // The round list follows the step shown.
    const round = [...replay.rounds].reverse().find((r) => r.index <= index);
    if (round) roundPick.value = String(round.index);
    shown.replaceChildren(...frameView(f));
    live.textContent = `${f.position}: ${f.action}. ${f.status}.`;
  };
  prev.addEventListener('click', () => show(index - 1));
  next.addEventListener('click', () => show(index + 1));
  first.addEventListener('click', () => show(0));
  last.addEventListener('click', () => show(replay.steps));
  slider.addEventListener('input', () => show(Number(slider.value)));
  roundPick.addEventListener('change', () => show(Number(roundPick.value)));
  section.addEventListener('keydown', (e: KeyboardEvent) => {
    // The slider and the round list handle their own keys.
    if (e.target === slider || e.target === roundPick) return;
    const to =
      e.key === 'ArrowLeft'
        ? index - 1
        : e.key === 'ArrowRight'
          ? index + 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? replay.steps
              : null;
    if (to === null) return;
    e.preventDefault();
    show(to);
  });
  section.show = show;
  show(index);
  return section;
}

/** A solo match's record (kept in this browser): its downloads are made here, not by the server. */
function localDownloads(root: HTMLElement, record: MatchRecord): void {
  const json = root.querySelector<HTMLAnchorElement>('.downloads a[href$="/record"]');
  if (json && typeof URL.createObjectURL === 'function')
    json.href = URL.createObjectURL(
      new Blob([JSON.stringify(record)], { type: 'application/json' }),
    );
  // The CSV exports are the server's; a solo match offers the record itself.
  root.querySelectorAll('.downloads a[href*="record.csv"]').forEach((a) => a.remove());
}

/** The review of a finished match from its record: the replay viewer, then the debrief. */
export function reviewContent(record: MatchRecord, local = false): HTMLElement[] {
  let viewer: HTMLElement;
  try {
    viewer = replayViewer(replayModel(record));
  } catch (err) {
    viewer = errorBox(`This record does not replay: ${(err as Error).message}.`);
  }
  const debrief = h('div', { class: 'debrief-body' }, ...debriefContent(record));
  if (local) localDownloads(debrief, record);
  return [viewer, debrief];
}

/** A record handed in (a solo match's, from this browser's storage). */
export function renderReview(record: MatchRecord): Screen {
  return {
    element: page('Debrief and replay', ...reviewContent(record, true)),
    destroy: () => {},
  };
}

/** An online match's review: its record read from the server once the match is over. */
export function renderOnlineReview(matchID: string): Screen {
  const loader = makeRecordLoader(matchID);
  const body = h('div', { class: 'review-body' });
  const render = ({ phase, record, error }: RecordState) => {
    if (phase === 'loading')
      body.replaceChildren(h('p', { role: 'status' }, 'Loading the record…'));
    else if (phase === 'ready' && record) body.replaceChildren(...reviewContent(record));
    else if (phase === 'running')
      body.replaceChildren(
        h(
          'p',
          { class: 'card', role: 'status' },
          'The debrief and replay open when the match ends. This page checks again every 5 seconds.',
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
    element: page('Debrief and replay', body),
    destroy: () => {
      unsubscribe();
      loader.stop();
    },
  };
}

/**
 * The route's loader: a solo match's record kept in this browser (`local`, given by whoever
 * stores them), else the server's record of an online match.
 */
export function renderReviewRoute(
  matchID: string,
  local: (matchID: string) => MatchRecord | null = () => null,
): Screen {
  const kept = local(matchID);
  if (kept) return renderReview(kept);
  // A solo match ran in a browser: the server never had it.
  if (matchID.startsWith('solo-'))
    return {
      element: page(
        'Debrief and replay',
        errorBox('This solo match is not kept in this browser, so it cannot be replayed here.'),
        h('p', {}, h('a', { href: '#/' }, 'Back to the home page')),
      ),
      destroy: () => {},
    };
  return renderOnlineReview(matchID);
}

/** Where this browser keeps a finished solo match's record (written by src/client/solo-store.ts). */
export { soloRecordKey };

/** A solo match's record kept in this browser's storage, if there is one. */
export function storedRecord(matchID: string): MatchRecord | null {
  try {
    const text = globalThis.localStorage?.getItem(soloRecordKey(matchID));
    return text ? (JSON.parse(text) as MatchRecord) : null;
  } catch {
    return null;
  }
}
