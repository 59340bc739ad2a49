// @vitest-environment happy-dom
// No card a person reads carries an internal code or a schema path: the whole table screen of
// every seat, rendered from many real states of fixed-seed matches of both scenarios.
import { afterEach, describe, expect, it } from 'vitest';
import { INTERNAL_TEXT } from '../../src/client/refusals';
import { getScenario } from '../../src/game/scenario';
import { renderSeat, type Rendered } from './render';
import { makeConsole } from '../../src/client/console';
import { liveTable, type SeminarTable } from '../../src/client/seminar';
import { RECORD_FORMAT, type MatchRecord } from '../../src/game/record';
import { tableModel } from '../../src/game/model/seminar';
import { tableCard } from '../../src/ui/seminar/console-cards';
import { debriefContent } from '../../src/ui/seminar/debrief';
import { SCENARIOS, finishedByPlay, finishedViews, randomSeatViews } from './states';

let shown: Rendered | null = null;
afterEach(() => shown?.destroy());

const views = [...randomSeatViews(4, 'ui-words', 5), ...SCENARIOS.flatMap((s) => finishedViews(s))];

/** Codes of the scenario that must never be read as such: clause, size and scenario ids. */
function codesOf(scenarioId: string): RegExp[] {
  const s = getScenario(scenarioId);
  // Ids that are plain words ("ceasefire") may be read as words; compound ids may not.
  return [s.id, ...s.catalog.map((c) => c.id)]
    .filter((id) => /[-_]/.test(id))
    .map((id) => new RegExp(`\\b${id.replace(/[-_]/g, '[-_]')}\\b`));
}

describe('what a person reads', () => {
  it('covers every step and seat', () => {
    const steps = new Set(views.map((v) => `${v.seat}:${v.view.step}`));
    for (const seat of ['0', '1', '2'])
      for (const step of ['drafting', 'mediation', 'response', 'press'])
        expect(steps, `${seat}:${step}`).toContain(`${seat}:${step}`);
    expect(views.some((v) => v.view.final)).toBe(true);
  });

  it('no card carries an internal code or a schema path', () => {
    const found: string[] = [];
    for (const { seat, view } of views) {
      shown = renderSeat(view, seat);
      const texts = shown.runs();
      shown.destroy();
      shown = null;
      // Player-written memo text is theirs to write: only the program's words are checked.
      for (const re of [...INTERNAL_TEXT, ...codesOf(view.options.scenario)])
        for (const text of texts) {
          const m = re.exec(text);
          if (m)
            found.push(
              `${seat} ${view.step} r${view.round}: “${m[0]}” in “${text.slice(Math.max(0, m.index - 40), m.index + 40)}”`,
            );
        }
    }
    expect([...new Set(found)].slice(0, 20)).toEqual([]);
  });
});

describe('the debrief', () => {
  it.each(SCENARIOS)('%s: no internal code or schema path in a finished match’s debrief', (id) => {
    const found: string[] = [];
    for (const seed of ['ui-debrief-1', 'ui-debrief-2']) {
      const final = finishedByPlay(id, `${id}/${seed}`);
      const record: MatchRecord = {
        format: RECORD_FORMAT,
        matchID: `m-${seed}`,
        setupData: { scenario: id },
        seed: final.seed ?? seed,
        startedAt: 0,
        actions: [],
        final,
      };
      const root = document.createElement('div');
      root.append(...debriefContent(record));
      document.body.replaceChildren(root);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent?.trim() ?? '';
        // What players wrote, and the seed and match id shown for the record, are theirs.
        if (!text || n.parentElement?.closest('blockquote, del, ins, code, .memo-text')) continue;
        for (const re of [...INTERNAL_TEXT, ...codesOf(id)]) {
          const m = re.exec(text);
          if (m) found.push(`“${m[0]}” in “${text.slice(0, 80)}”`);
        }
      }
    }
    expect([...new Set(found)].slice(0, 20)).toEqual([]);
  });
});

describe('the facilitator console', () => {
  it('no internal code or schema path on a table card, running or ended', () => {
    const ctl = makeConsole('s-test');
    const found: string[] = [];
    const spectator = [...views.map((v) => v.view)].filter((_, i) => i % 3 === 0);
    spectator.forEach((view, i) => {
      const scenario = getScenario(view.options.scenario);
      const table: SeminarTable = {
        table: i + 1,
        matchID: `match-${i}`,
        code: 'ABC123',
        round: view.round,
        rounds: view.options.rounds,
        step: view.step,
        clock: view.clock,
        paused: view.paused ?? null,
        pending: view.pending,
        tracks: view.tracks,
        breakout: view.breakout,
        deals: view.deals,
        feed: view.feed.slice(-5),
        ...(view.final ? { final: view.final } : {}),
        seats: [
          { seat: '0', controller: 'student', name: 'Ada', connected: true },
          { seat: '1', controller: 'bot', bot: { level: 'hard', persona: 'hawk' } },
          { seat: '2', controller: 'open', code: 'SEAT22' },
        ],
      };
      const root = document.createElement('section');
      root.append(
        ...tableCard(ctl, scenario, table, tableModel(liveTable(table)!, view.options, Date.now)),
      );
      const text = (root.textContent ?? '').replace(/\s+/g, ' ');
      for (const re of [...INTERNAL_TEXT, ...codesOf(scenario.id)]) {
        const m = re.exec(text);
        if (m) found.push(`“${m[0]}” in “${text.slice(Math.max(0, m.index - 40), m.index + 40)}”`);
      }
    });
    expect([...new Set(found)].slice(0, 20)).toEqual([]);
  });
});
