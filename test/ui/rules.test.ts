// @vitest-environment happy-dom
// The rules reference screen (#/rules, src/ui/rules.ts) as a person reads it, and the "Rules"
// link every screen carries: from a live screen (the table, the lobby, a seminar page) it opens in
// a new tab so nothing there is lost; from the home page it opens in place.
import { afterEach, describe, expect, it } from 'vitest';
import { FIXED_NOW, makePrng } from '../../src/bots/engine';
import { makeTableStore, withView } from '../../src/client/store';
import { getScenario, scenarioIds } from '../../src/game/scenario';
import { setupMatch } from '../../src/game/setup';
import { viewFor } from '../../src/game/view';
import { signed } from '../../src/game/words';
import { renderHome } from '../../src/ui/home';
import { renderLobbyRoom } from '../../src/ui/lobby-room';
import { renderRules } from '../../src/ui/rules';
import { page } from '../../src/ui/seminar/common';
import { projectorView } from '../../src/ui/seminar/projector';
import { renderSeat, type Rendered } from './render';
import { SCENARIOS, freshMatch } from './states';

let shown: Rendered | null = null;
afterEach(() => {
  shown?.destroy();
  shown = null;
  document.body.replaceChildren();
});

function mount(el: HTMLElement): HTMLElement {
  document.body.replaceChildren(el);
  return el;
}

const headings = (root: HTMLElement, tag: string) =>
  [...root.querySelectorAll(tag)].map((h) => h.textContent ?? '');

describe('the rules reference screen', () => {
  it.each(SCENARIOS)('%s: every clause is a heading, with its giver and verification', (id) => {
    const root = mount(renderRules(id).element);
    const s = getScenario(id);
    expect(headings(root, 'h1')).toEqual(['Rules reference']);
    expect(root.textContent).toContain(`Scenario: ${s.name}`);
    const h3 = headings(root, 'h3');
    for (const c of s.catalog) {
      expect(h3).toContain(c.name);
      const card = [...root.querySelectorAll('article.rules-card')].find(
        (a) => a.querySelector('h3')?.textContent === c.name,
      )!;
      const text = card.textContent ?? '';
      expect(text).toContain(
        c.verifyRounds === 0
          ? 'resolution of the round it is signed'
          : `${c.verifyRounds} round${c.verifyRounds === 1 ? '' : 's'} after`,
      );
      for (const z of c.sizes) expect(text).toContain(z.label);
    }
    // The postures with their numbers, the broker's costs.
    const postures = root.querySelector('section.rules-postures')!.textContent ?? '';
    expect(postures).toContain(signed(s.tunables.postures.enforcementLeak.interdict));
    const broker = root.querySelector('section.rules-broker')!.textContent ?? '';
    expect(broker).toContain(`Table a proposal`);
    expect(broker).toContain(`${s.tunables.mediation.tableCost} capital`);
  });

  it('every section has a heading a contents link moves to, and every table a caption', () => {
    const root = mount(renderRules(null).element);
    const links = [...root.querySelectorAll<HTMLAnchorElement>('.rules-contents a')];
    const sections = [...root.querySelectorAll('section.rules-section')];
    expect(links.length).toBe(sections.length);
    expect(links.length).toBeGreaterThanOrEqual(10);
    links[5]!.click();
    expect(document.activeElement).toBe(sections[5]!.querySelector('h2'));
    for (const table of root.querySelectorAll('table')) {
      expect(table.querySelector('caption')?.textContent).toBeTruthy();
      expect(table.querySelectorAll('th[scope="col"]').length).toBeGreaterThan(1);
    }
    // A wide table scrolls by keyboard too: its region takes focus and is named.
    for (const region of root.querySelectorAll('.rules-table')) {
      expect(region.getAttribute('tabindex')).toBe('0');
      expect(region.getAttribute('aria-label')).toBeTruthy();
    }
    expect(root.querySelector<HTMLAnchorElement>('a.rules-back')?.getAttribute('href')).toBe('#/');
  });

  it('the picker lists every scenario and redraws the page for the one picked', () => {
    const root = mount(renderRules('doha-2026').element);
    const picker = root.querySelector<HTMLSelectElement>('#rules-scenario')!;
    expect(root.querySelector('label[for="rules-scenario"]')).not.toBeNull();
    expect([...picker.options].map((o) => o.value)).toEqual(scenarioIds());
    const other = getScenario('meridian-strait');
    picker.value = other.id;
    picker.dispatchEvent(new Event('change'));
    expect(root.textContent).toContain(`Scenario: ${other.name}`);
    expect(headings(root, 'h3')).toContain(other.catalog[0]!.name);
    expect(window.location.hash).toBe('#/rules/meridian-strait');
  });

  it('an unknown scenario shows the default one', () => {
    const root = mount(renderRules('no-such-scenario').element);
    expect(root.textContent).toContain(`Scenario: ${getScenario('doha-2026').name}`);
  });
});

describe('a Rules link on every screen', () => {
  const link = (root: HTMLElement) => root.querySelector<HTMLAnchorElement>('a.rules-link');
  const newTab = (a: HTMLAnchorElement | null) => {
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(a?.getAttribute('rel')).toBe('noopener');
    expect(a?.textContent).toContain('(opens in a new tab)');
  };

  it('home: opens the reference in place', () => {
    const root = mount(renderHome({ solo: () => {}, create: async () => {}, join: () => {} }));
    const a = link(root);
    expect(a?.getAttribute('href')).toBe('#/rules');
    expect(a?.hasAttribute('target')).toBe(false);
  });

  it.each(SCENARIOS)('%s: the table’s header opens the match’s scenario in a new tab', (id) => {
    shown = renderSeat(viewFor(freshMatch(id).G, '0'), '0');
    const a = link(shown.root.querySelector('.table-header')!);
    expect(a?.getAttribute('href')).toBe(`#/rules/${id}`);
    newTab(a);
  });

  it('the lobby room opens the match’s scenario in a new tab', () => {
    const G = setupMatch(
      { scenario: 'meridian-strait', lobby: { host: '0' } },
      makePrng('rules-lobby'),
      FIXED_NOW,
    );
    const store = makeTableStore();
    store.setState({ ...withView(store.getState(), viewFor(G, '0'), '0'), phase: 'playing' });
    const room = renderLobbyRoom(store, { link: () => 'x', onLeave: () => {} });
    try {
      const a = link(mount(room.element));
      expect(a?.getAttribute('href')).toBe('#/rules/meridian-strait');
      newTab(a);
    } finally {
      room.destroy();
    }
  });

  it('the seminar and review pages (one header) and the projector open it in a new tab', () => {
    newTab(link(mount(page('Debrief and replay'))));
    newTab(link(mount(projectorView().element)));
  });
});
