// @vitest-environment happy-dom
// Solo matches kept in this browser (issue #12): a solo match lives in the Local master's storage,
// so stopping it (reload, Back, Leave) and starting it again under its id resumes it where it was
// and its bots carry on; a finished one leaves a record in the online format that replays exactly
// (src/game/replay.ts) under the key the review reads, and the master's own copy goes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeBot } from '../../src/bots';
import { startSolo, type Connection } from '../../src/client/connection';
import {
  KEEP,
  finishSolo,
  forgetSolo,
  masterCopy,
  newSolo,
  resumable,
  settleSolo,
  soloMasterKey,
  soloMatch,
  soloMatches,
  soloRecord,
  soloRecordKey,
  touchSolo,
  type SoloEntry,
} from '../../src/client/solo-store';
import { keepSolo } from '../../src/client/solo-keeper';
import { makeTableStore, type TableStore } from '../../src/client/store';
import { replayRecord } from '../../src/game/replay';
import { soloRecordKey as reviewKey, storedRecord } from '../../src/ui/review';

let stops: (() => void)[] = [];
beforeEach(() => localStorage.clear());
afterEach(() => {
  stops.forEach((s) => s());
  stops = [];
});

function until(store: TableStore, ok: () => boolean, what: string, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ok()) return resolve();
    const timer = setTimeout(() => {
      off();
      reject(new Error(`never: ${what}`));
    }, ms);
    const off = store.subscribe(() => {
      if (!ok()) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

const START = {
  seat: '0' as const,
  setupData: { scenario: 'doha-2026', rounds: 4 },
  bots: { '1': { level: 'easy' as const }, '2': { level: 'easy' as const } },
  pace: 0,
};

/** Runs a kept solo match; `autoplay` has a bot play the person's seat too. */
function run(entry: SoloEntry, autoplay = false): { store: TableStore; stop: () => void } {
  const store = makeTableStore();
  const connection: Connection = startSolo(store, {
    ...entry,
    storageKey: soloMasterKey(entry.matchID),
  });
  const keeper = keepSolo(store, entry.matchID);
  let off = () => {};
  if (autoplay) {
    const bot = makeBot({ seat: entry.seat, level: 'easy', seed: 'person' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    off = store.subscribe(({ view, model }) => {
      if (!view || !model?.acting || timer !== undefined || model.over) return;
      timer = setTimeout(() => {
        timer = undefined;
        const s = store.getState();
        if (!s.view || !s.model?.acting) return;
        const action = bot.decide(s.view);
        // The bot's action as the desk would send it (its arguments are the move's own).
        const check = s.check as (move: string, ...args: unknown[]) => string | null;
        const send = s.send as (move: string, ...args: unknown[]) => void;
        if (action && check(action.move, ...action.args) === null)
          send(action.move, ...action.args);
        else s.send('done');
      }, 0);
    });
  }
  const stop = () => {
    off();
    keeper();
    connection.stop();
  };
  stops.push(stop);
  return { store, stop };
}

describe('a solo match kept in this browser', () => {
  it('resumes where it was after a stop, and its bots carry on', async () => {
    const entry = newSolo(START);
    expect(entry.seed).toMatch(/^[0-9a-f]{32}$/);
    const first = run(entry, true);
    await until(first.store, () => (first.store.getState().view?.round ?? 0) >= 2, 'round 2');
    // The person's seat stops acting: the bots finish their part of the step and wait for it.
    first.stop();
    const before = masterCopy(entry.matchID)!.state.G;
    expect(resumable(entry.matchID)).toBe(true);
    expect(soloMatch(entry.matchID)).toMatchObject({ round: before.round, step: before.step });

    const again = run(entry);
    await until(again.store, () => again.store.getState().view !== null, 'a view');
    const view = again.store.getState().view!;
    expect([view.round, view.step, view.feed.length]).toEqual([
      before.round,
      before.step,
      before.feed.length,
    ]);
    expect(view.memos.filter((m) => m.author === '0').length).toBe(
      before.memos.filter((m) => m.author === '0').length,
    );
    again.stop();
    // The bots carry on after a resume, and the person's moves still go through.
    const third = run(entry, true);
    await until(
      third.store,
      () => (third.store.getState().view?.feed.length ?? 0) > before.feed.length,
      'the match goes on',
    );
  });

  it('once over, keeps a record that replays exactly, under the key the review reads', async () => {
    const entry = newSolo(START);
    const { store } = run(entry, true);
    await until(store, () => store.getState().gameover !== null, 'the end', 60_000);
    // The record is written once the master has stored the final state, just after.
    await vi.waitFor(() => expect(soloMatch(entry.matchID)?.finished).toBe(true));
    expect(store.getState().gameover).not.toBeNull();
    const record = soloRecord(entry.matchID)!;
    expect(reviewKey(entry.matchID)).toBe(soloRecordKey(entry.matchID));
    expect(storedRecord(entry.matchID)).toEqual(record);
    expect(record).toMatchObject({
      format: 'backchannel-record/1',
      matchID: entry.matchID,
      seed: entry.seed,
      setupData: START.setupData,
    });
    expect(record.actions.length).toBeGreaterThan(10);
    expect(record.actions.every((a) => typeof a.at === 'number')).toBe(true);
    // The same format as an online match's: the rules replay it to the stored final state.
    expect(replayRecord(record).G).toEqual(record.final);
    // The master's own copy is gone; the entry says it is over.
    expect(masterCopy(entry.matchID)).toBeNull();
    expect(localStorage.getItem(`${soloMasterKey(entry.matchID)}_log`)).toBeNull();
    expect(soloMatch(entry.matchID)).toMatchObject({ finished: true, round: record.final.round });
    // A second call finds nothing more to do.
    expect(finishSolo(entry.matchID)).toBeNull();
  }, 90_000);

  it('finishes a match that ended as the tab closed, when the list is next read', async () => {
    const entry = newSolo(START);
    const { store, stop } = run(entry, true);
    await until(store, () => store.getState().gameover !== null, 'the end', 60_000);
    // The tab closes at once: the keeper had no time to write the record.
    stop();
    await new Promise((r) => setTimeout(r, 0));
    expect(soloRecord(entry.matchID)).toBeNull();
    expect(soloMatch(entry.matchID)).toMatchObject({ finished: false, step: 'over' });
    settleSolo();
    expect(soloMatch(entry.matchID)?.finished).toBe(true);
    expect(replayRecord(soloRecord(entry.matchID)!).G).toEqual(soloRecord(entry.matchID)!.final);
  }, 90_000);
});

describe('the index of solo matches', () => {
  it('generates an id and a seed, or keeps the seed given', () => {
    const a = newSolo(START, 1000);
    const b = newSolo({ ...START, seed: 'fixed', guide: true }, 2000);
    expect(a.matchID).toMatch(/^solo-/);
    expect(a.matchID).not.toBe(b.matchID);
    expect(b).toMatchObject({ seed: 'fixed', guide: true, finished: false, rounds: 4 });
    expect(soloMatches().map((e) => e.matchID)).toEqual([b.matchID, a.matchID]);
  });

  it('records where a match stands, newest first', () => {
    const a = newSolo(START, 1000);
    const b = newSolo(START, 2000);
    touchSolo(a.matchID, { round: 2, rounds: 4, step: 'mediation' }, 3000);
    expect(soloMatches()[0]).toMatchObject({
      matchID: a.matchID,
      round: 2,
      step: 'mediation',
      updatedAt: 3000,
    });
    expect(soloMatches()[1]!.matchID).toBe(b.matchID);
  });

  it(`keeps ${KEEP} matches, forgetting the oldest finished ones first`, () => {
    const first = newSolo(START, 1);
    localStorage.setItem(soloRecordKey(first.matchID), '{}');
    const list = soloMatches();
    list[0]!.finished = true;
    localStorage.setItem('backchannel:solo-matches', JSON.stringify(list));
    for (let i = 0; i < KEEP; i++) newSolo(START, 10 + i);
    const ids = soloMatches().map((e) => e.matchID);
    expect(ids).toHaveLength(KEEP);
    expect(ids).not.toContain(first.matchID);
    expect(localStorage.getItem(soloRecordKey(first.matchID))).toBeNull();
    // Then the oldest unfinished one.
    const oldest = soloMatches().at(-1)!.matchID;
    newSolo(START, 100);
    expect(soloMatches().map((e) => e.matchID)).not.toContain(oldest);
  });

  it('forgets a match with everything kept of it', () => {
    const a = newSolo(START);
    localStorage.setItem(`${soloMasterKey(a.matchID)}_state`, '[]');
    localStorage.setItem(soloRecordKey(a.matchID), '{}');
    forgetSolo(a.matchID);
    expect(soloMatch(a.matchID)).toBeUndefined();
    expect(localStorage.getItem(`${soloMasterKey(a.matchID)}_state`)).toBeNull();
    expect(localStorage.getItem(soloRecordKey(a.matchID))).toBeNull();
  });

  it('reads a broken index as empty', () => {
    localStorage.setItem('backchannel:solo-matches', '{not json');
    expect(soloMatches()).toEqual([]);
    expect(masterCopy('nothing')).toBeNull();
  });
});
