// The "Rules" link every screen carries (home, the table's header, the lobby room, the review and
// the seminar screens) to the rules reference, #/rules/<scenarioId> (src/ui/rules.ts).
//
// From a screen with something live on it (a table, a lobby, a console, a form being filled) it
// opens in a new tab: the match goes on untouched in this one (a solo match lives only in this
// page), and closing the tab returns to it. A drawer inside the table would have to trap focus
// and share the table's narrow phone layout; a tab is a full, readable page with no state to keep.
import { rulesHref } from '../game/model/rules-reference';
import { h } from './dom';

export function rulesLink(
  opts: { scenario?: string | null; newTab?: boolean; class?: string; label?: string } = {},
): HTMLAnchorElement {
  const newTab = opts.newTab ?? true;
  return h(
    'a',
    {
      href: rulesHref(opts.scenario),
      class: `rules-link${opts.class ? ` ${opts.class}` : ''}`,
      ...(newTab ? { target: '_blank', rel: 'noopener' } : {}),
    },
    opts.label ?? 'Rules',
    newTab ? h('span', { class: 'visually-hidden' }, ' (opens in a new tab)') : null,
  );
}

/** Points a rules link at a scenario's reference (once the screen knows the match's scenario). */
export function pointRulesLink(link: HTMLAnchorElement, scenario: string | null | undefined): void {
  const href = rulesHref(scenario);
  if (link.getAttribute('href') !== href) link.setAttribute('href', href);
}
