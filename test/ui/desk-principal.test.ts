// @vitest-environment happy-dom
// A principal's desk, built from real states of fixed-seed matches: the posture choices state the
// scenario's own numbers, and an inbox card says whose memo it is.
import { afterEach, describe, expect, it } from 'vitest';
import { getScenario } from '../../src/game/scenario';
import { viewFor } from '../../src/game/view';
import { MEMO_FATE_WORDS, signed } from '../../src/game/words';
import { radioLabel, renderSeat, type Rendered } from './render';
import { applyMove } from '../../src/bots/engine';
import {
  SCENARIOS,
  allDone,
  freshMatch,
  ratificationMatch,
  rebalanced,
  must,
  type ScenarioId,
} from './states';
import { withView } from '../../src/client/store';

let shown: Rendered | null = null;
afterEach(() => shown?.destroy());

const ALL: ScenarioId[] = [...SCENARIOS, ...SCENARIOS.map(rebalanced)];

describe('posture choices state the scenario’s numbers', () => {
  it.each(ALL)('%s: sanctions enforcement', (id) => {
    const r = freshMatch(id);
    const p = getScenario(id).tunables.postures;
    shown = renderSeat(viewFor(r.G, '0'), '0');
    const label = (v: string) => radioLabel(shown!.root, 'enforcement', v);
    expect(label('relax')).toContain(`oil leak ${signed(p.enforcementLeak.relax)}`);
    expect(label('tighten')).toContain(`oil leak ${signed(p.enforcementLeak.tighten)}`);
    expect(label('interdict')).toContain(`oil leak ${signed(p.enforcementLeak.interdict)}`);
    expect(label('interdict')).toContain(`oil price ${signed(p.interdiction.oilPrice)}`);
    expect(label('interdict')).toContain(`escalation ${signed(p.interdiction.escalation)}`);
    expect(label('hold')).not.toMatch(/oil leak/);
  });

  it.each(ALL)('%s: proxy leash and enrichment', (id) => {
    const r = freshMatch(id);
    const t = getScenario(id).tunables;
    shown = renderSeat(viewFor(r.G, '1'), '1');
    const leash = (v: string) => radioLabel(shown!.root, 'leash', v);
    const enrich = (v: string) => radioLabel(shown!.root, 'enrichment', v);
    expect(leash('unleash')).toContain(`oil leak ${signed(t.postures.leashLeak.unleash)}`);
    expect(leash('unleash')).toContain(
      `incident odds ${signed(Math.round(t.incidents.leash.unleash * 100))}%`,
    );
    expect(leash('restrain')).toContain(
      `incident odds ${signed(Math.round(t.incidents.leash.restrain * 100))}%`,
    );
    expect(enrich('steady')).toContain(`breakout ${signed(t.postures.enrichment.steady)}`);
    expect(enrich('advance')).toContain(`breakout ${signed(t.postures.enrichment.advance)}`);
  });
});

describe('an inbox card names the memo’s author', () => {
  it.each(SCENARIOS)('%s: the author is asked to ratify, the recipient is not', (id) => {
    const r = ratificationMatch(id);
    const s = getScenario(id);
    const proposal = r.G.proposals.find((p) => p.stage === 'ratification');
    expect(proposal?.author).toBe('0');

    shown = renderSeat(viewFor(r.G, '0'), '0');
    const author = shown.root.querySelector('article.proposal')?.textContent ?? '';
    expect(author).toContain(
      `Your memo, as ${s.seats.broker.name} delivered it to ${s.seats.B.name}`,
    );
    expect(author).toMatch(/ratify\?/i);
    expect(shown.root.querySelector('article.proposal button')?.textContent).toBe('Accept');
    shown.destroy();

    shown = renderSeat(viewFor(r.G, '1'), '1');
    const recipient = shown.root.querySelector('article.proposal')?.textContent ?? '';
    expect(recipient).not.toContain('Your memo');
    expect(recipient).not.toMatch(/ratify\?/i);
    expect(recipient).toContain(`${s.seats.A.name}’s memo`);
    expect(shown.root.querySelector('article.proposal button')).toBeNull();
  });
});

describe('at ratification the author sees what the broker changed', () => {
  it.each(SCENARIOS)('%s: a reframed clause is marked against what the author wrote', (id) => {
    let wrote = '';
    const r = ratificationMatch(id, 'ui-reframe', (memo) => {
      const c = memo.clauses[0] as { id: string; size: string };
      const sizes = getScenario(id).catalog.find((d) => d.id === c.id)!.sizes;
      const at = sizes.findIndex((s) => s.id === c.size);
      wrote = sizes[at]!.label;
      return { reframes: [{ clause: 0, delta: at > 0 ? -1 : 1 }] };
    });
    shown = renderSeat(viewFor(r.G, '0'), '0');
    const card = shown.root.querySelector('article.proposal')!;
    expect(card.querySelector('li.reframed')?.textContent).toContain(
      `reframed by the broker: you wrote ${wrote}`,
    );
    shown.destroy();
    // The recipient is not told what the author wrote.
    shown = renderSeat(viewFor(r.G, '1'), '1');
    expect(shown.root.querySelector('article.proposal')?.textContent).not.toContain('you wrote');
  });
});

describe('the inbox holds what is current', () => {
  it.each(SCENARIOS)(
    '%s: a card back for ratification does not come back before its step',
    (id) => {
      const r = ratificationMatch(id, 'ui-stale', () => ({}), 'mediation');
      for (const seat of ['0', '1'] as const) {
        shown = renderSeat(viewFor(r.G, seat), seat);
        const inboxText =
          shown.root.querySelector('[aria-labelledby="inbox-h"]')?.textContent ?? '';
        expect(inboxText, seat).toContain('Nothing was delivered to you this round.');
        shown.destroy();
        shown = null;
      }
    },
  );
});

describe('the author’s memos say what the author may know of their fate', () => {
  it.each(SCENARIOS)('%s: handed over, then back to ratify, then signed', (id) => {
    const r = ratificationMatch(id, 'ui-fate');
    const memo = r.G.memos.find((m) => m.author === '0')!;
    shown = renderSeat(viewFor(r.G, '0'), '0');
    const line = () =>
      [...shown!.root.querySelectorAll('[aria-labelledby="sent-h"] .meta')].map(
        (e) => e.textContent,
      );
    expect(line()).toContain(`Round ${memo.round} · ${MEMO_FATE_WORDS.ratification}`);
    shown.destroy();
    const p = r.G.proposals.find((x) => x.stage === 'ratification')!;
    expect(applyMove(r, '0', 'respond', [p.id, 'accept'])).toBeNull();
    allDone(r); // the response step ends: signed
    shown = renderSeat(viewFor(r.G, '0'), '0');
    expect(line()).toContain(`Round ${memo.round} · ${MEMO_FATE_WORDS.signed}`);
  });
});

describe('an inbox with nothing to answer', () => {
  it.each(SCENARIOS)('%s: a message only: the seat is told to end its step', (id) => {
    const r = freshMatch(id, 'ui-message');
    expect(
      applyMove(r, '0', 'draftMemo', [{ clauses: [], text: 'We remain ready to talk.' }]),
    ).toBeNull();
    allDone(r); // to mediation
    const memo = r.G.memos.find((m) => m.author === '0')!;
    expect(applyMove(r, '2', 'relay', [memo.id, {}])).toBeNull();
    allDone(r); // to response
    expect(r.G.step).toBe('response');
    shown = renderSeat(viewFor(r.G, '1'), '1');
    const inboxText = shown.root.querySelector('[aria-labelledby="inbox-h"]')?.textContent ?? '';
    expect(inboxText).toContain('A message: read, not answered.');
    // The reminder to end the step stands beside the done control, else the seat is stalled.
    const done = shown.root.querySelector('button.done')!;
    expect(done.textContent).toBe('Done answering');
    const reminder = shown.root.querySelector('.desk .reminder');
    expect(reminder?.textContent).toMatch(/^Nothing awaits your answer: say you are done/);
    expect(done.parentElement).toBe(reminder?.parentElement);
  });
});

describe('a draft can be withdrawn or edited until drafting ends', () => {
  const MEMO = {
    clauses: [{ id: 'ceasefire', size: 'regional', giver: 'other' }],
    text: 'Calm first.',
  };

  it('Withdraw sends withdrawMemo; Edit puts the memo back in the composer', () => {
    const r = freshMatch('doha-2026');
    must(r, '0', 'draftMemo', MEMO);
    const id = r.G.memos[0]!.id;
    shown = renderSeat(viewFor(r.G, '0'), '0');
    const sent: unknown[][] = [];
    shown.store.setState({
      send: (move: string, ...args: unknown[]) => void sent.push([move, ...args]),
    });
    const button = (label: string) =>
      [...shown!.root.querySelectorAll<HTMLButtonElement>('button')].find(
        (b) => b.textContent === label,
      );
    expect(button('Withdraw')).toBeDefined();
    button('Withdraw')!.click();
    expect(sent).toEqual([['withdrawMemo', id]]);

    button('Edit')!.click();
    expect(sent.at(-1)).toEqual(['withdrawMemo', id]);
    // The rules take the memo back; the redrawn composer starts from it.
    must(r, '0', 'withdrawMemo', id);
    shown.store.setState(withView(shown.store.getState(), viewFor(r.G, '0'), '0'));
    const form = shown.root.querySelector<HTMLFormElement>('.memo-form')!;
    expect((form.elements.namedItem('clause-0') as HTMLSelectElement).value).toBe('ceasefire');
    expect((form.elements.namedItem('size-0') as HTMLSelectElement).value).toBe('regional');
    expect((form.elements.namedItem('text') as HTMLTextAreaElement).value).toBe('Calm first.');
    expect(button('Withdraw')).toBeUndefined();
  });

  it('offers neither once drafting is over', () => {
    const r = freshMatch('doha-2026');
    must(r, '0', 'draftMemo', MEMO);
    allDone(r);
    shown = renderSeat(viewFor(r.G, '0'), '0');
    const labels = [...shown.root.querySelectorAll('button')].map((b) => b.textContent);
    expect(labels).not.toContain('Withdraw');
    expect(labels).not.toContain('Edit');
  });
});

describe('help beside the memo composer (issue #12: what a clause does, how long it takes)', () => {
  const verifyPhrase = (n: number) =>
    n === 0 ? 'resolution of the round it is signed' : `${n} round${n === 1 ? '' : 's'} after`;

  it.each(ALL)('%s: each clause row says what the chosen clause and size do', (id) => {
    const r = freshMatch(id);
    const s = getScenario(id);
    shown = renderSeat(viewFor(r.G, '0'), '0');
    const clause = shown.root.querySelector<HTMLSelectElement>('select[name="clause-0"]')!;
    const size = shown.root.querySelector<HTMLSelectElement>('select[name="size-0"]')!;
    const help = () => document.getElementById(clause.getAttribute('aria-describedby')!)!;
    expect(size.getAttribute('aria-describedby')).toBe(clause.getAttribute('aria-describedby'));
    expect(help().textContent).toBe('Pick a clause to see what it does.');
    for (const def of s.catalog) {
      clause.value = def.id;
      clause.dispatchEvent(new Event('change'));
      const text = help().textContent ?? '';
      expect(text).toContain(def.summary);
      const giver =
        def.giver === 'both' ? 'both sides' : def.giver === 'A' ? s.seats.A.name : s.seats.B.name;
      expect(text).toContain(`Given by ${giver}`);
      expect(text).toContain(verifyPhrase(def.verifyRounds));
      // The size list follows the clause, its first size chosen; the help states that size.
      expect([...size.options].map((o) => o.textContent)).toEqual(def.sizes.map((z) => z.label));
      expect(text).toContain(`${def.sizes[0]!.label}, when verified:`);
    }
    // The chosen size's effects, with the scenario's numbers.
    const pause = s.catalog.find((c) => c.sizes.some((z) => z.effects.tracks?.escalation))!;
    const z = pause.sizes.find((x) => x.effects.tracks?.escalation)!;
    clause.value = pause.id;
    clause.dispatchEvent(new Event('change'));
    size.value = z.id;
    size.dispatchEvent(new Event('change'));
    expect(help().textContent).toContain(
      `${z.label}, when verified: Escalation ${signed(z.effects.tracks!.escalation!)}`,
    );
  });

  it.each(SCENARIOS)('%s: a disclosure lists every clause with what it does', (id) => {
    const r = freshMatch(id);
    shown = renderSeat(viewFor(r.G, '1'), '1');
    const details = shown.root.querySelector('details.catalog-help')!;
    expect(details.querySelector('summary')?.textContent).toContain('What each clause does');
    const terms = [...details.querySelectorAll('dt')].map((d) => d.textContent ?? '');
    const s = getScenario(id);
    expect(terms).toHaveLength(s.catalog.length);
    s.catalog.forEach((c, i) => expect(terms[i]).toContain(c.name));
    const texts = [...details.querySelectorAll('dd')].map((d) => d.textContent ?? '');
    s.catalog.forEach((c, i) => {
      expect(texts[i]).toContain(verifyPhrase(c.verifyRounds));
      for (const z of c.sizes) expect(texts[i]).toContain(z.label);
    });
  });
});
