// The storage writes a match's whole state only every few moves (server/storage.ts); a read from
// storage replays the moves logged since through the rules. Whole matches are played through
// boardgame.io's own master on that storage, and after every move a second storage with nothing
// in memory reads the match back: its state must be the master's, to the byte.
import { rmSync } from 'node:fs';
import type { LogEntry, Server, State } from 'boardgame.io';
import { InitializeGame } from 'boardgame.io/internal';
import { Master } from 'boardgame.io/master';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBot } from '../../src/bots';
import { makeBackchannel } from '../../src/game';
import { replayLogTail } from '../../src/game/replay';
import type { BackchannelState, Seat } from '../../src/game/types';
import { viewFor } from '../../src/game/view';
import { openPglite, openPostgres, SqlStorage, type SqlClient } from '../../server/storage';
import { tempDir } from './harness';
import { runPostgresTests, startPostgres, type Postgres } from './postgres';

type BcState = State<BackchannelState>;
const deadlineOf = (state: State) => (state as BcState).G.clock?.deadline ?? null;
const replay = (state: State, entries: LogEntry[]) => replayLogTail(state as BcState, entries);

const engines: [string, () => Promise<{ sql: SqlClient; stop: () => Promise<void> }>][] = [
  [
    'PGlite (the default)',
    async () => {
      const dir = tempDir('bc-snap-');
      const sql = await openPglite(dir);
      return {
        sql,
        stop: async () => {
          await sql.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  ],
];
if (runPostgresTests())
  engines.push([
    'PostgreSQL',
    async () => {
      const pg: Postgres = await startPostgres();
      const sql = await openPostgres(pg.url);
      return {
        sql,
        stop: async () => {
          await sql.close();
          await pg.stop();
        },
      };
    },
  ]);

describe.each(engines)('snapshots every few moves, the log replayed on a read: %s', (_, open) => {
  let sql: SqlClient;
  let stop: (() => Promise<void>) | undefined;
  // A database given by TEST_DATABASE_URL outlives the run: ids of this run only.
  const run = Date.now().toString(36);
  beforeAll(async () => {
    ({ sql, stop } = await open());
  }, 120_000);
  afterAll(async () => {
    await stop?.();
  });

  /** Plays a whole match on `storage`; after each move `check` sees the master's state. */
  async function play(
    matchID: string,
    seed: string,
    storage: SqlStorage,
    check: (state: BcState) => Promise<void>,
  ): Promise<BcState> {
    const clock = { now: 1_700_000_000_000 };
    const game = { ...makeBackchannel({ now: () => clock.now }), seed };
    const initialState = InitializeGame({
      game,
      numPlayers: 3,
      setupData: { rounds: 4, timers: 'blitz' },
    }) as BcState;
    const metadata: Server.MatchData = {
      gameName: 'backchannel',
      players: { 0: { id: 0 }, 1: { id: 1 }, 2: { id: 2 } },
      createdAt: 1,
      updatedAt: 1,
    };
    await storage.createMatch(matchID, { initialState, metadata });
    const master = new Master(game, storage as never, { send: () => {}, sendAll: () => {} });
    const bots = Object.fromEntries(
      (['0', '1', '2'] as Seat[]).map((s) => [s, makeBot({ seat: s, level: 'normal', seed })]),
    ) as Record<Seat, ReturnType<typeof makeBot>>;
    const current = async () =>
      ((await storage.fetch(matchID, { state: true })) as { state: BcState }).state;
    const send = async (move: string, args: unknown[], seat: Seat) => {
      const before = await current();
      await master.onUpdate(
        { type: 'MAKE_MOVE', payload: { type: move, args, playerID: seat } } as never,
        before._stateID,
        matchID,
        seat,
      );
      const after = await current();
      if (after._stateID !== before._stateID) await check(after);
      return after._stateID !== before._stateID;
    };
    for (let i = 0; i < 2000; i++) {
      const { G, ctx } = await current();
      if (ctx.gameover) break;
      clock.now += 1_234;
      const seat = G.pending.find((s) => !(s === '0' && G.step === 'press'));
      if (seat === undefined) {
        clock.now = Math.max(clock.now, (G.clock.deadline ?? clock.now) + 1);
        await send('expire', [{ round: G.round, step: G.step }], G.pending[0] ?? '0');
        continue;
      }
      const action = bots[seat].decide(viewFor(G, seat));
      if (!action || !(await send(action.move, action.args, seat))) await send('done', [], seat);
    }
    const end = await current();
    expect(end.ctx.gameover, 'the match ended').toBeDefined();
    return end;
  }

  const snapSeq = async (matchID: string) =>
    (
      await sql.query<{ snap_seq: number | null }>(
        `SELECT snap_seq FROM bc_matches WHERE id = $1`,
        [matchID],
      )
    ).rows[0]?.snap_seq ?? null;

  it('a cold read after every move gives the master state exactly', async () => {
    const storage = new SqlStorage(sql, deadlineOf, { replay, snapshotEvery: 5 });
    await storage.connect();
    let moves = 0;
    let replayed = 0;
    let snapshots = 0;
    const end = await play(`snap-1-${run}`, 'snapshots-1', storage, async (state) => {
      moves++;
      const cold = new SqlStorage(sql, deadlineOf, { replay, snapshotEvery: 5 });
      const read = (await cold.fetch(`snap-1-${run}`, { state: true })) as { state: BcState };
      expect(JSON.stringify(read.state), `after move ${moves}`).toBe(JSON.stringify(state));
      const [unfinished] = await cold.unfinishedStates();
      if (!state.ctx.gameover)
        expect(JSON.stringify(unfinished?.state), 'the state re-armed at boot').toBe(
          JSON.stringify(state),
        );
      if ((await snapSeq(`snap-1-${run}`)) === null) snapshots++;
      else replayed++;
    });
    expect(moves).toBeGreaterThan(30);
    // Most reads replayed a tail; about one move in five wrote the whole state.
    expect(replayed).toBeGreaterThan(moves / 2);
    expect(snapshots).toBeGreaterThanOrEqual(Math.floor(moves / 5));
    expect(snapshots).toBeLessThan(moves / 2);
    // The end is always written whole: a finished match reads without any replay.
    expect(await snapSeq(`snap-1-${run}`)).toBeNull();
    expect(end.G.final).toBeDefined();
  }, 120_000);

  it('a storage that cannot replay refuses a tail instead of serving an old state', async () => {
    const storage = new SqlStorage(sql, deadlineOf, { replay, snapshotEvery: 1_000 });
    await storage.connect();
    let checked = false;
    await play(`snap-2-${run}`, 'snapshots-2', storage, async (state) => {
      if (checked || state._stateID < 3) return;
      checked = true;
      const blind = new SqlStorage(sql, deadlineOf);
      await expect(blind.fetch(`snap-2-${run}`, { state: true })).rejects.toThrow(/replay needed/);
    });
    expect(checked).toBe(true);
  }, 120_000);

  it('a clean stop writes the whole state of every match it holds', async () => {
    const storage = new SqlStorage(sql, deadlineOf, { replay, snapshotEvery: 1_000 });
    await storage.connect();
    const id = `snap-4-${run}`;
    let flushed = false;
    await play(id, 'snapshots-4', storage, async (state) => {
      if (flushed || state._stateID < 10) return;
      flushed = true;
      expect(await snapSeq(id), 'moves in the log only').not.toBeNull();
      expect(await storage.flush()).toBe(1);
      expect(await snapSeq(id), 'the state written whole').toBeNull();
      // Read back without any replay, it is the master's.
      const blind = new SqlStorage(sql, deadlineOf);
      const read = (await blind.fetch(id, { state: true })) as { state: BcState };
      expect(JSON.stringify(read.state)).toBe(JSON.stringify(state));
      // Nothing is left to write; the next move is logged after this snapshot.
      expect(await storage.flush()).toBe(0);
    });
    expect(flushed).toBe(true);
    // The moves after the flush replay from it.
    const cold = new SqlStorage(sql, deadlineOf, { replay });
    const end = (await cold.fetch(id, { state: true })) as { state: BcState };
    expect(end.state.ctx.gameover).toBeDefined();
  }, 120_000);

  it('writes every move whole when told to (snapshotEvery 1)', async () => {
    const storage = new SqlStorage(sql, deadlineOf, { replay, snapshotEvery: 1 });
    await storage.connect();
    let tails = 0;
    await play(`snap-3-${run}`, 'snapshots-3', storage, async () => {
      if ((await snapSeq(`snap-3-${run}`)) !== null) tails++;
    });
    expect(tails).toBe(0);
  }, 120_000);
});
