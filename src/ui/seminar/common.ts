// Pieces shared by the seminar screens: tracks as labelled bars with numbers, deals in words, the
// page frame and a copy button. What they show is the seat model's (src/game/seat-model.ts) and
// the seminar models' (src/game/model/seminar.ts); these only lay it out.
import { dealLine, trackLine, type TableModel } from '../../game/model/seminar';
import type { Scenario } from '../../game/scenario/schema';
import { TRACK_NAMES, type TrackName } from '../../game/scenario/schema';
import { trackLabel, type TrackModel } from '../../game/seat-model';
import type { Tracks } from '../../game/types';
import { h } from '../dom';
import { rulesLink } from '../rules-link';

export interface TrackRow {
  key: TrackName;
  label: string;
  value: number;
  max: number;
}

/**
 * The tracks of a view as rows, for src/ui/table.ts until it renders the seat model's `tracks`
 * (the seminar screens do: `trackBars(model.tracks)`).
 */
export function trackRows(
  scenario: Scenario,
  tracks: Tracks,
  breakout: number,
  breakoutText = trackLine({ label: trackLabel(scenario, 'breakout'), estimate: true }),
): TrackRow[] {
  return TRACK_NAMES.map((key) => ({
    key,
    label: key === 'breakout' ? breakoutText : trackLabel(scenario, key),
    value: key === 'breakout' ? breakout : tracks[key],
    max: (key === 'pressureA' || key === 'pressureB'
      ? scenario.tracks.pressure
      : scenario.tracks[key]
    ).max,
  }));
}

type BarTrack = Pick<TrackModel, 'key' | 'label' | 'value' | 'max' | 'estimate'>;

/** Tracks as bars: the number is always written beside the bar, which is only decoration. */
export function trackBars(tracks: readonly BarTrack[], className = 'track-bars'): HTMLElement {
  return h(
    'dl',
    { class: className },
    ...tracks.flatMap((t) => {
      const pct = t.max > 0 ? Math.max(0, Math.min(100, (t.value / t.max) * 100)) : 0;
      return [
        h('dt', {}, trackLine(t)),
        h(
          'dd',
          {},
          h(
            'span',
            { class: `bar bar-${t.key}`, 'aria-hidden': 'true' },
            h('span', { class: 'fill', style: `width:${pct.toFixed(1)}%` }),
          ),
          h('span', { class: 'num' }, `${t.value} / ${t.max}`),
        ),
      ];
    }),
  );
}

/** The deals of a table, each in a line (and, with `withClauses`, its clauses). */
export function dealsList(deals: TableModel['deals'], withClauses = true): HTMLElement {
  if (deals.length === 0) return h('p', { class: 'hint' }, 'No deal signed.');
  return h(
    'ul',
    { class: 'deal-list' },
    ...deals.map((d) =>
      h(
        'li',
        { class: `deal ${d.status}` },
        dealLine(d),
        withClauses ? h('ul', {}, ...d.clauses.map((c) => h('li', {}, c.text))) : null,
      ),
    ),
  );
}

/** A read-only field with its label and a button that copies it. */
export function copyField(label: string, value: string, id: string): HTMLElement {
  const input = h('input', {
    id,
    readonly: true,
    value,
    class: 'copy-input',
    onfocus: (e: Event) => (e.target as HTMLInputElement).select(),
  });
  const done = h('span', { class: 'copied', role: 'status' });
  return h(
    'div',
    { class: 'copy-field' },
    h('label', { for: id }, label),
    h(
      'span',
      { class: 'copy-row' },
      input,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary small',
          'aria-label': `Copy ${label}`,
          onclick: () => {
            const fallback = () => {
              input.select();
              document.execCommand('copy');
            };
            const clip = navigator.clipboard as Clipboard | undefined;
            void (
              clip ? clip.writeText(value).catch(fallback) : Promise.resolve(fallback())
            ).finally(() => {
              done.textContent = 'Copied';
              setTimeout(() => (done.textContent = ''), 2000);
            });
          },
        },
        'Copy',
      ),
      done,
    ),
  );
}

/** A screen of the seminar: a header with a title and a way home, then the content. */
export function page(title: string, ...content: (Node | null)[]): HTMLElement {
  return h(
    'div',
    { class: 'seminar-page' },
    h(
      'header',
      { class: 'seminar-header' },
      h('a', { href: '#/', class: 'home-link' }, 'Backchannel'),
      h('h1', { tabindex: -1 }, title),
      // In a new tab: a console, a form or a replay stays as it is (src/ui/rules-link.ts).
      rulesLink(),
    ),
    ...content,
  );
}

export function errorBox(message: string): HTMLElement {
  return h('p', { class: 'seminar-error', role: 'alert' }, message);
}

/** A seminar screen: its element, and how to stop its polling and timers. */
export interface Screen {
  element: HTMLElement;
  destroy(): void;
}
