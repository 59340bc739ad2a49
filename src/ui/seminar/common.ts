// Pieces shared by the seminar screens: tracks as labelled bars with numbers, deals in words, the
// page frame and a copy button.
import type { Scenario } from '../../game/scenario/schema';
import type { Deal, Tracks } from '../../game/types';
import { h } from '../dom';
import { breakoutLabel, clauseText, TRACK_ORDER, trackLabel, type TrackKey } from '../format';

export interface TrackRow {
  key: TrackKey;
  label: string;
  value: number;
  max: number;
}

export function trackRows(
  scenario: Scenario,
  tracks: Tracks,
  breakout: number,
  breakoutText = breakoutLabel(true),
): TrackRow[] {
  const r = scenario.tracks;
  const max: Record<TrackKey, number> = {
    escalation: r.escalation.max,
    breakout: r.breakout.max,
    oilLeak: r.oilLeak.max,
    oilPrice: r.oilPrice.max,
    pressureA: r.pressure.max,
    pressureB: r.pressure.max,
    capital: r.capital.max,
  };
  return TRACK_ORDER.map((key) => ({
    key,
    label: key === 'breakout' ? breakoutText : trackLabel(scenario, key),
    value: key === 'breakout' ? breakout : tracks[key],
    max: max[key],
  }));
}

/** Tracks as bars: the number is always written beside the bar, which is only decoration. */
export function trackBars(rows: TrackRow[], className = 'track-bars'): HTMLElement {
  return h(
    'dl',
    { class: className },
    ...rows.flatMap((row) => {
      const pct = row.max > 0 ? Math.max(0, Math.min(100, (row.value / row.max) * 100)) : 0;
      return [
        h('dt', {}, row.label),
        h(
          'dd',
          {},
          h(
            'span',
            { class: `bar bar-${row.key}`, 'aria-hidden': 'true' },
            h('span', { class: 'fill', style: `width:${pct.toFixed(1)}%` }),
          ),
          h('span', { class: 'num' }, `${row.value} / ${row.max}`),
        ),
      ];
    }),
  );
}

export function dealLine(deal: Deal): string {
  return deal.status === 'verifying'
    ? `signed round ${deal.signedRound}, verifying (${deal.verifyLeft + 1} resolution${deal.verifyLeft ? 's' : ''} left)`
    : deal.status === 'verified'
      ? `verified round ${deal.verifiedRound}`
      : `collapsed round ${deal.collapsedRound}`;
}

export function dealsList(scenario: Scenario, deals: Deal[], withClauses = true): HTMLElement {
  if (deals.length === 0) return h('p', { class: 'hint' }, 'No deal signed.');
  return h(
    'ul',
    { class: 'deal-list' },
    ...deals.map((d) =>
      h(
        'li',
        { class: `deal ${d.status}` },
        h('strong', {}, `${d.id}: `),
        dealLine(d),
        withClauses
          ? h('ul', {}, ...d.clauses.map((c) => h('li', {}, clauseText(scenario, c))))
          : null,
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
