// Renders the real table screen (src/ui/table.ts) for one seat's view in the test's DOM, and
// reads it back as a person would: by visible text, labels and roles.
import { makeCheck } from '../../src/client/check';
import { makeTableStore, withView, type TableStore } from '../../src/client/store';
import type { Seat, SeatView } from '../../src/game/types';
import { renderTable, type TableScreen } from '../../src/ui/table';

export interface Rendered {
  store: TableStore;
  screen: TableScreen;
  root: HTMLElement;
  text(): string;
  /** Each run of text on its own (a text node, an attribute a person hears). */
  runs(): string[];
  /** The label text of every radio button and checkbox, and every button's text. */
  controls(): string[];
  destroy(): void;
}

export function renderSeat(view: SeatView, seat: Seat | null): Rendered {
  const store = makeTableStore();
  store.setState({
    ...withView(store.getState(), view, seat),
    seat,
    phase: 'playing',
    mode: 'solo',
    // The rules' own check on this view, as the connection sets it.
    check: makeCheck(() => store.getState().view, seat),
  });
  const screen = renderTable(store, () => {});
  document.body.replaceChildren(screen.element);
  const root = screen.element;
  return {
    store,
    screen,
    root,
    text: () => (root.textContent ?? '').replace(/\s+/g, ' '),
    runs: () => {
      const out: string[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode())
        if (n.textContent?.trim()) out.push(n.textContent.trim());
      for (const el of root.querySelectorAll('[aria-label], [title], [placeholder]'))
        for (const a of ['aria-label', 'title', 'placeholder'])
          if (el.getAttribute(a)) out.push(el.getAttribute(a)!);
      return out;
    },
    controls: () => [
      ...[...root.querySelectorAll('label')].map((l) => l.textContent ?? ''),
      ...[...root.querySelectorAll('button, option, summary')].map((b) => b.textContent ?? ''),
    ],
    destroy: () => {
      screen.destroy();
      document.body.replaceChildren();
    },
  };
}

/** The text of the radio labelled for the input with this name and value. */
export function radioLabel(root: HTMLElement, name: string, value: string): string {
  const input = root.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
  if (!input) throw new Error(`no ${name} choice "${value}"`);
  return root.querySelector(`label[for="${input.id}"]`)?.textContent ?? '';
}
