// @vitest-environment happy-dom
// The home page puts a solo start first (issue #12: "Start a solo match" sat below the fold and
// defaulted to the broker, the hardest seat): one button, before every form, starts a match as
// principal A against normal bots; the solo form's own default seat is A too.
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../src/game/scenario';
import { renderHome, type SoloChoice } from '../../src/ui/home';

function home() {
  const started: SoloChoice[] = [];
  const root = renderHome({ solo: (c) => started.push(c), create: async () => {}, join: () => {} });
  document.body.replaceChildren(root);
  return { root, started };
}

describe('the home page', () => {
  it('starts a solo match as principal A in one click, from a button before every form', () => {
    const { root, started } = home();
    const name = getScenario('doha-2026').seats.A.name;
    const quick = [...root.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Play now as'),
    )!;
    expect(quick.textContent).toBe(`Play now as ${name}`);
    // Before the first form in the page's order (so above the fold at any width).
    const firstForm = root.querySelector('form')!;
    expect(
      quick.compareDocumentPosition(firstForm) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    quick.click();
    expect(started).toHaveLength(1);
    expect(started[0]).toMatchObject({
      seat: '0',
      setupData: { scenario: 'doha-2026', rounds: 8 },
      bots: { '1': { level: 'normal' }, '2': { level: 'normal' } },
    });
  });

  it('the solo form starts with principal A chosen, not the broker', () => {
    const { root } = home();
    const checked = root.querySelector<HTMLInputElement>('input[name="solo-seat"]:checked')!;
    expect(checked.value).toBe('0');
  });
});
