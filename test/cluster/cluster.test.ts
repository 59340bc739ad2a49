// Two nodes behind nginx on loopback, sharing PostgreSQL and Redis (test/cluster/launch.ts, the
// launcher of `npm run cluster`), played by raw socket.io clients through nginx:
// - matches spread over both nodes play to the end, every socket of a match on one node (the
//   node's own log names every seat it connected; /api/health through nginx names the node);
// - a node killed with SIGKILL mid-match: its match goes on through the other node with every
//   acknowledged (bc:accepted) move in storage, and the next deadline of a match nobody is
//   connected to fires within 5 s of its time on the other node (server clock, in the state);
// - the killed node, restarted, takes its matches again (the other node is told to drop them).
import type { State } from 'boardgame.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, SqlStorage, type SqlClient } from '../../server/storage';
import { replayLogTail } from '../../src/game/replay';
import type { BackchannelState, Seat } from '../../src/game/types';
import {
  Policy,
  SEATS,
  SeatClient,
  http,
  newMatch,
  openSeats,
  playToEnd,
  type Credentials,
  type LogLine,
} from '../server/harness';
import { runClusterTests, startCluster, type Cluster } from './launch';

/** Which node nginx sends this match's requests to (the node answers /api/health itself). */
async function routeOf(cluster: Cluster, matchID: string): Promise<string> {
  const res = await http(cluster.url, `/api/health?matchID=${encodeURIComponent(matchID)}`);
  return (res.json as { node: string }).node;
}

const connectedOn = (logs: LogLine[], matchID: string) =>
  logs.filter((l) => l.event === 'connected' && l.matchID === matchID).length;

/** The node's log is read from its output as it comes: wait for the count to be reached. */
const connected = (logs: LogLine[], matchID: string, count: number) =>
  poll(
    async () => (connectedOn(logs, matchID) >= count ? connectedOn(logs, matchID) : undefined),
    5_000,
    `${count} connected seats of ${matchID} in the log`,
  );

/** Waits (polling) for a value; fails with `what` after timeoutMs. */
async function poll<T>(
  check: () => Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(runClusterTests())('two nodes behind nginx', { timeout: 120_000 }, () => {
  let cluster: Cluster;
  let sql: SqlClient;
  /** Matches created through nginx, by the node nginx routes them to. */
  const pool: Record<string, { matchID: string; credentials: Credentials }[]> = {};

  beforeAll(async () => {
    cluster = await startCluster({ env: { BOT_PACE: '0', LOG_LEVEL: 'info' } });
    sql = await openPostgres(cluster.databaseUrl);
  }, 180_000);
  afterAll(async () => {
    await sql?.close();
    await cluster?.stop();
  });

  /** A new untimed (or timed) match that nginx routes to `node`. */
  async function matchOn(node: string, setupData = { rounds: 4 } as object) {
    for (let i = 0; i < 40; i++) {
      const m = await newMatch(cluster.url, setupData);
      const at = await routeOf(cluster, m.matchID);
      if (at === node) return m;
      (pool[at] ??= []).push(m);
    }
    throw new Error(`no match routed to ${node} in 40 tries`);
  }

  /** Every move a seat made in storage (the server's own expiries left out), in order. */
  async function storedMoves(matchID: string, seat: Seat): Promise<string[]> {
    const { rows } = await sql.query<{
      entry: { action: { type: string; payload: { type: string; playerID: string } } };
    }>(`SELECT entry FROM bc_log WHERE match_id = $1 ORDER BY seq`, [matchID]);
    return rows
      .map((r) => r.entry.action)
      .filter(
        (a) => a.type === 'MAKE_MOVE' && a.payload.playerID === seat && a.payload.type !== 'expire',
      )
      .map((a) => a.payload.type);
  }

  /** The match's state as storage holds it: its last snapshot and the moves logged since. */
  async function storedState(matchID: string): Promise<State<BackchannelState>> {
    // A storage of its own with nothing in memory, so every call reads the database.
    const storage = new SqlStorage(sql, () => null, {
      replay: (state, entries) => replayLogTail(state as State<BackchannelState>, entries),
    });
    const { state } = (await storage.fetch(matchID, { state: true })) as {
      state: State<BackchannelState>;
    };
    return state;
  }

  it('spreads matches over both nodes and plays them to the end, each on one node', async () => {
    const [one, two] = cluster.nodes.map((n) => n.id) as [string, string];
    const matches = [
      await matchOn(one),
      await matchOn(one),
      await matchOn(two),
      await matchOn(two),
    ];
    const seats = await Promise.all(
      matches.map((m) => openSeats(cluster.url, m.matchID, m.credentials)),
    );
    const results = await Promise.all(
      seats.map((s, i) => playToEnd(s, new Policy({ tag: `C${i}` }), { timeoutMs: 60_000 })),
    );
    for (const refusals of results) expect(refusals).toEqual([]);
    for (const [i, m] of matches.entries()) {
      expect(seats[i]!['2'].over).toBe(true);
      const home = i < 2 ? cluster.nodes[0]! : cluster.nodes[1]!;
      const away = i < 2 ? cluster.nodes[1]! : cluster.nodes[0]!;
      // Every seat connected on the node nginx routes the match to, none on the other.
      expect(await connected(home.server.logs, m.matchID, 3)).toBe(3);
      expect(connectedOn(away.server.logs, m.matchID)).toBe(0);
      expect((await storedState(m.matchID)).ctx.gameover).toBeDefined();
      for (const s of SEATS) seats[i]![s].close();
    }
  });

  it('survives SIGKILL of a node: acknowledged moves kept, deadlines on time, the node rejoins', async () => {
    const [victim, survivor] = cluster.nodes as [Cluster['nodes'][0], Cluster['nodes'][0]];
    const STEP = 6;
    const played = await matchOn(victim.id);
    const timed = await matchOn(victim.id, {
      rounds: 4,
      timers: { drafting: STEP, mediation: STEP, response: STEP, press: STEP },
    });

    // The played match: seats play on the victim until round 2, every acknowledged move counted.
    const acked: Record<Seat, string[]> = { '0': [], '1': [], '2': [] };
    const policy = new Policy({ tag: 'K1' });
    let seats = await openSeats(cluster.url, played.matchID, played.credentials);
    // Each seat acts on its own view. When none can, wait for a newer view on any socket (a
    // principal does not hear the broker's moves; a seat's view may lag the broker's). Never a
    // bare loop on views already in hand: that spins on microtasks, and no timeout can fire.
    const stepUntil = async (stop: () => boolean) => {
      const until = Date.now() + 60_000;
      while (!stop()) {
        if (Date.now() > until) throw new Error('the played match did not reach round 2 in time');
        let progress = false;
        for (const seat of SEATS) {
          const c = seats[seat];
          const choice = c.G.pending.includes(seat) ? policy.choose(c.G, seat) : null;
          if (!choice) continue;
          const r = await c.move(choice.move, ...choice.args);
          if (r.ok) acked[seat].push(choice.move);
          progress = true;
          if (stop()) break;
        }
        if (!progress) {
          const ids = SEATS.map((s) => seats[s].state._stateID);
          const wait = Math.max(1, Math.min(5_000, until - Date.now()));
          await Promise.any(SEATS.map((s, i) => seats[s].newerThan(ids[i]!, wait))).catch(
            () => undefined, // none newer within `wait`: look again (the deadline above ends it)
          );
        }
      }
    };
    await stepUntil(() => seats['2'].G.round >= 2);
    expect(seats['2'].G.round).toBe(2);
    expect(await connected(victim.server.logs, played.matchID, 3)).toBe(3);

    // The timed match: two postures acknowledged, then everyone leaves.
    const timedSeats = await openSeats(cluster.url, timed.matchID, timed.credentials);
    const timedAcked: Record<Seat, string[]> = { '0': [], '1': [], '2': [] };
    for (const seat of ['0', '1'] as const) {
      const posture = new Policy({ tag: 'T' }).choose(timedSeats[seat].G, seat)!;
      expect(posture.move).toBe('setPosture');
      await timedSeats[seat].must(posture.move, ...posture.args);
      timedAcked[seat].push(posture.move);
    }
    for (const s of SEATS) timedSeats[s].close();
    expect(await connected(victim.server.logs, timed.matchID, 3)).toBe(3);

    // SIGKILL, mid-match, 1.5 s before the timed match's deadline: its lease is still the dead
    // node's when the deadline falls due, so only the survivor's scan can fire it.
    const pending = await storedState(timed.matchID);
    const deadline = pending.G.clock.deadline!;
    expect(deadline).toBeGreaterThan(0);
    await poll(
      async () => (Date.now() >= deadline - 1_500 ? true : undefined),
      STEP * 1000,
      '1.5 s before the deadline',
    );
    const killedAt = Date.now();
    await cluster.kill(0);

    // Every acknowledged move is in storage, for both matches.
    for (const seat of SEATS) {
      expect((await storedMoves(played.matchID, seat)).slice(0, acked[seat].length)).toEqual(
        acked[seat],
      );
      expect(await storedMoves(played.matchID, seat)).toHaveLength(acked[seat].length);
      expect(await storedMoves(timed.matchID, seat)).toEqual(timedAcked[seat]);
    }

    // The played match goes on through nginx, now on the survivor, to its end.
    for (const s of SEATS) seats[s].close();
    seats = await openSeats(cluster.url, played.matchID, played.credentials);
    expect(seats['2'].G.round).toBe(2);
    expect(await connected(survivor.server.logs, played.matchID, 3)).toBe(3);
    expect(await playToEnd(seats, policy, { timeoutMs: 60_000 })).toEqual([]);
    for (const s of SEATS) seats[s].close();

    // Nobody is connected to the timed match: the survivor claims it once the lease expires and
    // its next deadline fires within 5 s of its time (read from the server clock in the state).
    const moved = await poll(
      async () => {
        const s = await storedState(timed.matchID);
        return s.G.clock.startedAt >= deadline && s.G.clock.step !== pending.G.clock.step
          ? s
          : undefined;
      },
      Math.max(0, deadline - Date.now()) + 15_000,
      'the timed match to move past its deadline',
    );
    const late = moved.G.clock.startedAt - deadline;
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(5_000);
    await poll(
      async () =>
        survivor.server.logs.some((l) => l.event === 'deadline' && l.matchID === timed.matchID)
          ? true
          : undefined,
      5_000,
      'the deadline in the log of survivor',
    );
    console.info(
      `killed ${deadline - killedAt} ms before the deadline; it fired ${late} ms after it on ${survivor.id}`,
    );

    // The killed node restarted joins again: nginx routes its matches back to it, and it takes
    // the timed match from the survivor (which is told to drop it).
    await cluster.restart(0);
    const back = cluster.nodes[0]!;
    await poll(
      async () => ((await routeOf(cluster, timed.matchID)) === back.id ? true : undefined),
      15_000,
      'nginx to route to the restarted node',
    );
    const spectator = await SeatClient.open(
      cluster.url,
      timed.matchID,
      '2',
      timed.credentials['2'],
    );
    expect(await connected(back.server.logs, timed.matchID, 1)).toBe(1);
    await poll(
      async () =>
        survivor.server.logs.some((l) => l.event === 'lease:lost' && l.matchID === timed.matchID)
          ? true
          : undefined,
      10_000,
      'the survivor to drop the timed match',
    );
    // And the next deadline fires on the restarted node, which the connected broker hears.
    const next = spectator.G.clock.deadline!;
    const after = await spectator.when(
      (s) => s.G.clock.startedAt >= next,
      STEP * 1000 + 10_000,
      'the next step of the timed match',
    );
    expect(after.G.clock.startedAt - next).toBeLessThan(5_000);
    await poll(
      async () =>
        back.server.logs.some((l) => l.event === 'deadline' && l.matchID === timed.matchID)
          ? true
          : undefined,
      5_000,
      'the deadline in the log of back',
    );
    spectator.close();

    // A fresh match routed to the restarted node plays there to the end.
    const fresh = await matchOn(back.id);
    const freshSeats = await openSeats(cluster.url, fresh.matchID, fresh.credentials);
    expect(await playToEnd(freshSeats, new Policy({ tag: 'R1' }), { timeoutMs: 60_000 })).toEqual(
      [],
    );
    expect(await connected(back.server.logs, fresh.matchID, 3)).toBe(3);
    for (const s of SEATS) freshSeats[s].close();
  });
});
