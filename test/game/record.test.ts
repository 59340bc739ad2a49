// A finished match's record replays exactly: bots play a whole match through boardgame.io's own
// reducer (as the server's master runs it), with facilitator actions and deadlines on a clock
// that moves between actions; the record built from the log replays to the very same final state.
import type { State } from 'boardgame.io';
import { CreateGameReducer, InitializeGame } from 'boardgame.io/internal';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { makeBot } from '../../src/bots';
import { makeBackchannel } from '../../src/game';
import { buildRecord, recordCsv, type MatchRecord } from '../../src/game/record';
import { replayRecord, ReplayError } from '../../src/game/replay';
import type { BackchannelState, Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';

interface Played {
  record: MatchRecord;
  final: State<BackchannelState>;
}

/** Plays a match as the server would: the reducer, a growing log, bots deciding from their views. */
function playMatch(seed: string, setupData: Record<string, unknown>): Played {
  const clock = { now: 1_700_000_000_000 };
  const game = makeBackchannel({ now: () => clock.now });
  let state = InitializeGame({ game, numPlayers: 3, setupData }) as State<BackchannelState>;
  const initialState = state;
  const reducer = CreateGameReducer({ game });
  const log: unknown[] = [];
  const bots = Object.fromEntries(
    (['0', '1', '2'] as Seat[]).map((seat) => [
      seat,
      makeBot({ seat, level: 'normal', seed: `${seed}/${seat}` }),
    ]),
  ) as Record<Seat, ReturnType<typeof makeBot>>;
  const send = (move: string, args: unknown[], seat: Seat): boolean => {
    const before = state._stateID;
    state = reducer(state, {
      type: 'MAKE_MOVE',
      payload: { type: move, args, playerID: seat },
    } as never) as State<BackchannelState>;
    log.push(...((state as unknown as { deltalog: unknown[] }).deltalog ?? []));
    return state._stateID !== before;
  };

  let facilitated = 0;
  for (let i = 0; i < 2000 && !state.ctx.gameover; i++) {
    clock.now += 1_234;
    const { G } = state;
    // A facilitator at work in round 2: pause, an inject, resume, an extension.
    if (G.round === 2 && facilitated === 0) {
      expect(send('facilitate', [{ kind: 'pause' }], '2')).toBe(true);
      clock.now += 60_000;
      expect(send('facilitate', [{ kind: 'inject', inject: 'rial_slides' }], '2')).toBe(true);
      expect(send('facilitate', [{ kind: 'resume' }], '2')).toBe(true);
      expect(send('facilitate', [{ kind: 'extend', seconds: 30 }], '2')).toBe(true);
      facilitated++;
      continue;
    }
    // Seat 0 never acts in press: the deadline ends that step for it.
    const seat = G.pending.find((s) => !(s === '0' && G.step === 'press'));
    if (seat === undefined) {
      clock.now = Math.max(clock.now, (G.clock.deadline ?? clock.now) + 1);
      expect(send('expire', [{ round: G.round, step: G.step }], G.pending[0] ?? '0')).toBe(true);
      continue;
    }
    const action = bots[seat].decide(viewFor(G, seat));
    if (!action || !send(action.move, action.args, seat)) send('done', [], seat);
  }
  expect(state.ctx.gameover).toBeDefined();
  const record = buildRecord({
    matchID: 'm1',
    setupData,
    initialState,
    log: log as never,
    state,
  });
  return { record, final: state };
}

describe('match records', () => {
  const setupData = { timers: 'blitz', rounds: 5 };
  const played = playMatch('record-1', setupData);

  it('hold the seed, the start, every applied action with its time, and the final state', () => {
    const { record, final } = played;
    expect(record.seed).toBe(final.G.seed);
    expect(record.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(record.actions.length).toBeGreaterThan(20);
    expect(record.actions.map((a) => a.move)).toEqual(
      expect.arrayContaining(['facilitate', 'expire', 'draftMemo', 'done']),
    );
    expect(record.final).toBe(final.G);
    // It survives JSON (the export) unchanged.
    expect(JSON.parse(JSON.stringify(record))).toEqual(record);
  });

  it('replay to exactly the recorded final state, from the exported JSON', () => {
    const exported = JSON.parse(JSON.stringify(played.record)) as MatchRecord;
    const replayed = replayRecord(exported);
    expect(replayed.G).toEqual(played.final.G);
    expect(replayed.ctx.gameover).toEqual(played.final.ctx.gameover);
  });

  it('fail loudly when tampered with', () => {
    const wrongSeed = { ...played.record, seed: '0123456789abcdef0123456789abcdef' };
    const diverged = (() => {
      try {
        return JSON.stringify(replayRecord(wrongSeed).G) !== JSON.stringify(played.final.G);
      } catch (err) {
        return err instanceof ReplayError;
      }
    })();
    expect(diverged).toBe(true);

    const early = structuredClone(played.record);
    const expiry = early.actions.findIndex((a) => a.move === 'expire');
    early.actions[expiry]!.at -= 3_600_000; // an expiry before its deadline is refused
    expect(() => replayRecord(early)).toThrow(/action \d+ \(expire by seat \d\) was refused/);
  });

  it('refuse to be built before the end', () => {
    const game = makeBackchannel({ now: () => 1 });
    const state = InitializeGame({ game, numPlayers: 3 }) as State<BackchannelState>;
    expect(() =>
      buildRecord({ matchID: 'x', setupData: {}, initialState: state, log: [], state }),
    ).toThrow(/not over/);
  });

  it('export tracks round by round and memos as written and delivered, as CSV', () => {
    const { record } = played;
    const tracks = Papa.parse<Record<string, string>>(recordCsv(record, 'tracks'), {
      header: true,
    });
    expect(tracks.errors).toEqual([]);
    expect(tracks.data.map((r) => Number(r.round))).toEqual(
      record.final.history.map((h) => h.round),
    );
    expect(tracks.data[0]).toMatchObject({ round: '0', escalation: expect.any(String) });
    const last = tracks.data.at(-1)!;
    expect(Number(last.escalation)).toBe(record.final.tracks.escalation);
    expect(Number(last.breakout_true)).toBe(record.final.breakout.true);

    const memos = Papa.parse<Record<string, string>>(recordCsv(record, 'memos'), { header: true });
    expect(memos.errors).toEqual([]);
    expect(memos.data).toHaveLength(record.final.memos.length);
    const relayed = record.final.memos.find((m) => m.delivery);
    expect(relayed).toBeDefined();
    const row = memos.data.find((r) => r.memo === relayed!.id)!;
    expect(row.text_written).toBe(relayed!.text);
    expect(row.text_delivered).toBe(relayed!.delivery!.text);
  });
});
