// @vitest-environment happy-dom
// The broker's desk, built from real states: every cost it states is the scenario's own number.
import { afterEach, describe, expect, it } from 'vitest';
import { applyMove } from '../../src/bots/engine';
import { getScenario } from '../../src/game/scenario';
import { viewFor } from '../../src/game/view';
import { signed } from '../../src/game/words';
import { renderSeat, type Rendered } from './render';
import { SCENARIOS, allDone, mediationWithMemo, rebalanced, type ScenarioId } from './states';

let shown: Rendered | null = null;
afterEach(() => shown?.destroy());

const ALL: ScenarioId[] = [...SCENARIOS, ...SCENARIOS.map(rebalanced)];

describe('the broker’s desk states the scenario’s costs', () => {
  it.each(ALL)('%s: leak and reframe', (id) => {
    const r = mediationWithMemo(id);
    const t = getScenario(id).tunables.mediation;
    shown = renderSeat(viewFor(r.G, '2'), '2');
    const leak = [...shown.root.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Leak'),
    );
    expect(leak?.textContent).toContain(`capital ${signed(-t.leakCapital)}`);
    expect(leak?.textContent).toContain(`${signed(t.leakPressure)}`);
    const options = [...shown.root.querySelectorAll('option')].map((o) => o.textContent ?? '');
    const reframe = options.find((o) => /one size (up|down)/.test(o));
    expect(reframe).toContain(`(${t.reframeCost} capital)`);
  });

  it.each(ALL)('%s: a memo at its turnaround limit states the expiry cost', (id) => {
    const r = mediationWithMemo(id);
    const t = getScenario(id).tunables.mediation;
    // Hold A's memo while it may be held: it comes back each round until its last one.
    for (let guard = 0; guard < 10; guard++) {
      const memo = r.G.memos.find((m) => m.status === 'pending' && m.author === '0');
      if (!memo) throw new Error('A’s memo left the desk');
      if (r.G.round >= memo.lastRound) break;
      const reason = applyMove(r, '2', 'hold', [memo.id]);
      if (reason) throw new Error(reason);
      do allDone(r);
      while (r.G.step !== 'mediation');
    }
    shown = renderSeat(viewFor(r.G, '2'), '2');
    const warning = shown.root.querySelector('article.memo .warning')?.textContent ?? '';
    expect(warning).toContain(`capital ${signed(-t.expiryCapital)}`);
    expect(warning).toContain(
      `pressure on ${getScenario(id).seats.A.name} ${signed(t.expiryPressure)}`,
    );
  });
});

describe('a leak asks to be confirmed (issue #12: no confirmation before a leak)', () => {
  it.each(SCENARIOS)('%s: the first press states every effect; only the second leaks', (id) => {
    const r = mediationWithMemo(id);
    shown = renderSeat(viewFor(r.G, '2'), '2');
    const sent: unknown[][] = [];
    shown.store.setState({ send: ((...a: unknown[]) => sent.push(a)) as never });
    const buttons = () => [...shown!.root.querySelectorAll('button')];
    const leak = buttons().find((b) => b.textContent?.startsWith('Leak'))!;
    const back = () => buttons().find((b) => b.textContent === 'Keep it private')!;
    expect(back().hidden).toBe(true);
    leak.click();
    expect(sent).toEqual([]);
    expect(leak.textContent).toMatch(/^Confirm the leak: .+’s memo goes public as written \(/);
    // The broker's credit is among the effects (a pure demand earns it, a real offer costs it).
    expect(leak.textContent).toMatch(/your credit [+−]1/);
    expect(back().hidden).toBe(false);
    back().click();
    expect(leak.textContent).toMatch(/^Leak \(/);
    expect(sent).toEqual([]);
    leak.click();
    leak.click();
    expect(sent).toHaveLength(1);
    expect(sent[0]![0]).toBe('leak');
  });
});

describe('help beside the broker’s tools (issue #12: what each does and costs)', () => {
  it.each(ALL)('%s: relay, strike, reframe, hold and leak name their help', (id) => {
    const r = mediationWithMemo(id);
    const t = getScenario(id).tunables.mediation;
    shown = renderSeat(viewFor(r.G, '2'), '2');
    const card = shown.root.querySelector('article.memo')!;
    const help = card.querySelector('details.tools-help')!;
    const terms = [...help.querySelectorAll('dt')].map((d) => d.textContent ?? '');
    expect(terms).toEqual([
      'Relay (free)',
      'Strike (redact) (free)',
      `Reframe (${t.reframeCost} capital)`,
      'Hold (free)',
      `Leak (${t.leakCapital} capital)`,
    ]);
    const described = (el: Element | null | undefined) =>
      document.getElementById(el?.getAttribute('aria-describedby') ?? '')?.textContent ?? '';
    const button = (start: string) =>
      [...card.querySelectorAll('button')].find((b) => b.textContent?.startsWith(start));
    expect(described(button('Relay'))).toContain('Deliver the memo');
    expect(described(button('Hold'))).toContain('later mediation step');
    expect(described(button('Leak'))).toContain(`pressure ${signed(t.leakPressure)}`);
    // Every strike box, of a clause or of a sentence, names the strike's help.
    const boxes = [...card.querySelectorAll('input[type="checkbox"]')];
    expect(boxes.length).toBeGreaterThan(0);
    for (const box of boxes) expect(described(box)).toContain('Strike clauses or passages');
    const reframe = card.querySelector('.clause-edit select');
    if (reframe) expect(described(reframe)).toContain(`${t.reframeCost} capital per reframe`);
    // Tabling a proposal of its own says what it costs too.
    const table = [...shown.root.querySelectorAll('button')].find(
      (b) => b.textContent === 'Table it',
    );
    expect(described(table)).toContain(`${t.tableCost} capital`);
  });
});
