// @vitest-environment happy-dom
// "My matches" (issue #12): this browser's own matches, solo and online, newest first, and what can
// be done with each (src/client/my-matches.ts); the home page lists them with those controls, and
// keeps its one-click solo start first.
import { describe, expect, it } from 'vitest';
import { myMatches, onlineItem, soloItem } from '../../src/client/my-matches';
import type { HeldSeat } from '../../src/client/lobby';
import type { SeenPoint } from '../../src/client/last-seen';
import type { SoloEntry } from '../../src/client/solo-store';
import { getScenario } from '../../src/game/scenario';
import { renderHome } from '../../src/ui/home';
import type { Rematch } from '../../src/client/my-matches';

const solo = (over: Partial<SoloEntry> = {}): SoloEntry => ({
  matchID: 'solo-a',
  seat: '2',
  setupData: { scenario: 'doha-2026', rounds: 6 },
  bots: { '0': { level: 'normal' }, '1': { level: 'hard', persona: 'hawk' } },
  pace: 0.3,
  seed: 'the-seed',
  createdAt: 1000,
  updatedAt: 2000,
  round: 3,
  rounds: 6,
  step: 'mediation',
  finished: false,
  ...over,
});
const held = (over: Partial<HeldSeat> = {}): HeldSeat => ({
  matchID: 'OnLine1',
  seat: '1',
  credentials: 'secret',
  name: 'Cy',
  ...over,
});
const seen = (over: Partial<SeenPoint> = {}): SeenPoint => ({
  feed: 4,
  tracks: {} as SeenPoint['tracks'],
  round: 2,
  rounds: 8,
  step: 'response',
  over: false,
  scenario: 'doha-2026',
  at: 5000,
  ...over,
});
const doha = getScenario('doha-2026');

describe('a solo match in the list', () => {
  it('unfinished: resumes at its own route, no debrief yet, a rematch of the same setup', () => {
    const item = soloItem(solo());
    expect(item).toMatchObject({
      kind: 'solo',
      title: `${doha.name} · solo, as ${doha.seats.broker.name} (Broker)`,
      status: 'Round 3 of 6, Mediation',
      finished: false,
      resume: '#/solo/solo-a',
      debrief: null,
      at: 2000,
    });
    // The same seat, setup, bots and pace; no seed, so the rematch draws a new one.
    expect(item.rematch).toEqual({
      kind: 'solo',
      start: {
        seat: '2',
        setupData: { scenario: 'doha-2026', rounds: 6 },
        bots: { '0': { level: 'normal' }, '1': { level: 'hard', persona: 'hawk' } },
        pace: 0.3,
      },
    });
  });

  it('finished: the debrief and replay instead of resume', () => {
    const item = soloItem(solo({ finished: true, step: 'over' }));
    expect(item).toMatchObject({
      status: 'Finished',
      resume: null,
      debrief: '#/review/solo-a',
    });
    expect(item.rematch?.kind).toBe('solo');
  });

  it('a guided match says so, and its rematch is an ordinary match (the guide is not repeated)', () => {
    const item = soloItem(solo({ guide: true, round: 0, step: null }));
    expect(item.title).toContain('guided');
    expect(item.status).toBe('Just started');
    expect(item.rematch).toMatchObject({ kind: 'solo' });
    expect((item.rematch as Extract<Rematch, { kind: 'solo' }>).start).not.toHaveProperty('guide');
  });
});

describe('an online seat in the list', () => {
  it('never opened: resumes at the seat, nothing known of where it stands', () => {
    const item = onlineItem(held(), null);
    expect(item).toMatchObject({
      kind: 'online',
      title: 'online, as Principal B',
      status: 'Not opened yet',
      resume: '#/play/OnLine1/1',
      debrief: null,
      rematch: null,
    });
  });

  it('last seen running: where it stood', () => {
    const item = onlineItem(held(), seen());
    expect(item.title).toBe(`${doha.name} · online, as ${doha.seats.B.name} (Principal B)`);
    expect(item.status).toBe('Round 2 of 8, Response');
    expect(item.at).toBe(5000);
  });

  it('last seen over: the debrief and a rematch with the same seat and name', () => {
    const item = onlineItem(held(), seen({ over: true, step: 'over' }));
    expect(item).toMatchObject({
      status: 'Finished',
      resume: null,
      debrief: '#/review/OnLine1',
      rematch: { kind: 'online', matchID: 'OnLine1', seat: '1', name: 'Cy' },
    });
  });

  it("a class's seat has no rematch (the facilitator starts the class's matches)", () => {
    const item = onlineItem(held({ seminar: true }), seen({ over: true }));
    expect(item.title).toContain('(class)');
    expect(item.rematch).toBeNull();
  });
});

describe('the list', () => {
  it('holds solo and online matches, newest look first', () => {
    const list = myMatches(
      [
        solo({ matchID: 'solo-old', updatedAt: 100 }),
        solo({ matchID: 'solo-new', updatedAt: 9000 }),
      ],
      [held(), held({ matchID: 'Never', seat: '0' })],
      (id) => (id === 'OnLine1' ? seen() : null),
    );
    expect(list.map((m) => m.id)).toEqual(['solo-new', 'OnLine1', 'solo-old', 'Never']);
  });
});

describe('"My matches" on the home page', () => {
  const render = (
    matches = myMatches([solo(), solo({ matchID: 'solo-b', finished: true })], [], () => null),
  ) => {
    const rematches: Rematch[] = [];
    const root = renderHome({
      solo: () => {},
      create: async () => {},
      join: () => {},
      matches,
      rematch: (r) => rematches.push(r),
    });
    document.body.replaceChildren(root);
    return { root, rematches };
  };

  it('lists each match with its controls, each naming its match', () => {
    const { root, rematches } = render();
    const section = root.querySelector('section[aria-labelledby="my-matches-title"]')!;
    expect(section.querySelector('h2')!.textContent).toBe('My matches');
    const items = [...section.querySelectorAll('li.my-match')];
    expect(items.map((li) => li.getAttribute('data-match'))).toEqual(['solo-a', 'solo-b']);
    const [running, done] = items as HTMLElement[];
    const links = (li: HTMLElement) =>
      [...li.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
    const title = soloItem(solo()).title;
    expect(links(running!)).toEqual([[`Resume: ${title}`, '#/solo/solo-a']]);
    expect(links(done!)).toEqual([[`Debrief and replay: ${title}`, '#/review/solo-b']]);
    done!.querySelector('button')!.click();
    expect(rematches).toHaveLength(1);
    expect(rematches[0]!.kind).toBe('solo');
  });

  it('keeps the one-click solo start before the list, and shows no list when there is none', () => {
    const { root } = render();
    const quick = [...root.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Play now as'),
    )!;
    const list = root.querySelector('.my-matches')!;
    expect(quick.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(render([]).root.querySelector('.my-matches')).toBeNull();
  });

  it('folds away all but the newest five', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      soloItem(solo({ matchID: `solo-${i}`, updatedAt: 100 - i })),
    );
    const { root } = render(many);
    expect(root.querySelectorAll('.my-matches > ul > li')).toHaveLength(5);
    expect(root.querySelector('.my-matches details summary')!.textContent).toBe(
      'Older matches (3)',
    );
    expect(root.querySelectorAll('.my-matches details li')).toHaveLength(3);
  });
});
