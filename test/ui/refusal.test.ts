// @vitest-environment happy-dom
// A refusal appears beside the control that caused it and is announced, in words for a person;
// the server guard's codes ("not-synced") never reach the screen as codes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSolo, type Connection } from '../../src/client/connection';
import { looksInternal, serverRefusalWords } from '../../src/client/refusals';
import { makeTableStore, type TableStore } from '../../src/client/store';
import { mountAnnouncer } from '../../src/ui/announcer';
import { renderTable } from '../../src/ui/table';

let stop: (() => void)[] = [];
afterEach(() => {
  stop.forEach((s) => s());
  stop = [];
  document.body.replaceChildren();
});

function until(store: TableStore, ok: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ok()) return resolve();
    const timer = setTimeout(() => reject(new Error(`never: ${what}`)), 10_000);
    const off = store.subscribe(() => {
      if (!ok()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

async function soloDesk(seat: '0' | '1') {
  const store = makeTableStore();
  const announcer = mountAnnouncer(store);
  const screen = renderTable(store, () => {});
  document.body.append(announcer.element, screen.element);
  const connection: Connection = startSolo(store, {
    seat,
    setupData: { scenario: 'doha-2026' },
    bots: { '0': { level: 'easy' }, '1': { level: 'easy' }, '2': { level: 'easy' } },
    pace: 0,
  });
  stop.push(
    () => connection.stop(),
    () => screen.destroy(),
    () => announcer.destroy(),
  );
  await until(store, () => store.getState().view?.step === 'drafting', 'drafting');
  return { store, root: screen.element, announcer: announcer.element };
}

describe('a refusal beside its control', () => {
  it('a memo naming one clause twice is refused under the memo form, and announced', async () => {
    const { store, root, announcer } = await soloDesk('0');
    const form = root.querySelector<HTMLFormElement>('form.memo-form')!;
    for (const i of [0, 1]) {
      const clause = form.querySelector<HTMLSelectElement>(`select[name="clause-${i}"]`)!;
      clause.value = clause.options[1]!.value;
      clause.dispatchEvent(new Event('change'));
    }
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(store, () => store.getState().refusal !== null, 'a refusal');

    const slot = form.querySelector<HTMLElement>('.refusal:not([hidden])');
    expect(slot?.textContent).toBeTruthy();
    expect(looksInternal(slot!.textContent!)).toBe(false);
    // Only one place shows it, and the announcer says the same words.
    expect(root.querySelectorAll('.refusal:not([hidden])')).toHaveLength(1);
    expect(announcer.textContent).toContain(slot!.textContent);
    expect(root.textContent).not.toContain('Not allowed:');
    // Nothing was sent: the memo is not among A's memos.
    expect(store.getState().view?.memos.filter((m) => m.author === '0')).toHaveLength(0);
  });

  it('a refusal whose control is not on this desk appears beside its done control', async () => {
    const { store, root } = await soloDesk('0');
    // A move made while this seat may not act (another seat's move) is refused by the rules.
    store.getState().send('relay', 'no-such-memo');
    await until(store, () => store.getState().refusal !== null, 'a refusal');
    const shown = [...root.querySelectorAll<HTMLElement>('.refusal:not([hidden])')];
    expect(shown).toHaveLength(1);
    // No relay control on a principal's desk: it lands beside the step's own "done" control.
    expect(shown[0]!.dataset.refusalFor).toContain('done');
    expect(looksInternal(shown[0]!.textContent!)).toBe(false);
  });
});

describe('the server guard’s refusals in words', () => {
  // Every code the guard can send (server/guard.ts's `Refusal` union) has a sentence.
  const guard = readFileSync(join(import.meta.dirname, '../../server/guard.ts'), 'utf8');
  const union = /export type Refusal =([^;]+);/.exec(guard)?.[1] ?? '';
  const codes = [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]!);

  it('lists the guard’s codes', () => {
    expect(codes).toContain('not-synced');
    expect(codes.length).toBeGreaterThan(5);
  });

  it.each(codes)('%s reads as a sentence, not a code', (code) => {
    const words = serverRefusalWords(code);
    expect(words).not.toContain(code);
    expect(looksInternal(words)).toBe(false);
    expect(words).toMatch(/^[A-Z].*[.!?]$/);
  });

  it('a reason from the rules that reads as a schema path is not shown', () => {
    const words = serverRefusalWords(
      'illegal-move',
      'parts: Too small: expected array to have >=2 items',
    );
    expect(looksInternal(words)).toBe(false);
    expect(words).not.toMatch(/parts|Too small/);
  });
});
