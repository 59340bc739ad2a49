// Match ownership on a real PostgreSQL, two nodes as two connection pools: a lease is taken whole
// (the epoch goes up and the old holder is named), the old holder's state write is fenced out and
// throws (so no socket is told of its move), a lost lease is noticed at renewal, and the periodic
// scan takes unfinished matches whose lease expired, never a finished one. Updates cross nodes over
// a real Redis.
import type { State } from 'boardgame.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Leases } from '../../server/cluster/lease';
import { RedisPubSub, type ControlMessage } from '../../server/cluster/redis-pubsub';
import { SqlStorage, openPostgres, type SqlClient } from '../../server/storage';
import { startPostgres, type Postgres } from '../server/postgres';
import { runClusterTests, startRedis } from './launch';

const log = pino({ level: 'silent' });

function stateAt(id: number, over = false): State {
  return {
    G: {},
    ctx: {
      numPlayers: 3,
      turn: 0,
      currentPlayer: '0',
      playOrder: ['0', '1', '2'],
      ...(over ? { gameover: {} } : {}),
    },
    plugins: {},
    _undo: [],
    _redo: [],
    _stateID: id,
  } as unknown as State;
}

const metadata = (id: string) =>
  ({ gameName: 'backchannel', players: {}, createdAt: 0, updatedAt: 0, matchID: id }) as never;

describe.runIf(runClusterTests())('leases and fencing on PostgreSQL', () => {
  let pg: Postgres;
  const clients: SqlClient[] = [];
  const clock = { now: 1_000_000 };
  type Node = {
    leases: Leases;
    storage: SqlStorage;
    gained: string[];
    lost: string[];
    takenFrom: string[];
  };
  const nodes: Record<'a' | 'b', Node> = {} as never;

  beforeAll(async () => {
    pg = await startPostgres();
    for (const name of ['a', 'b'] as const) {
      const sql = await openPostgres(pg.url);
      clients.push(sql);
      const storage = new SqlStorage(sql, () => null);
      await storage.connect();
      const leases = new Leases(
        sql,
        { node: name, ttlMs: 4000, renewMs: 1000, scanMs: 1000, now: () => clock.now },
        log,
      );
      await leases.connect();
      const node: Node = { leases, storage, gained: [], lost: [], takenFrom: [] };
      leases.onGained = async (m) => void node.gained.push(m);
      leases.onLost = (m) => void node.lost.push(m);
      leases.onTakenFrom = (m, from, epoch) => void node.takenFrom.push(`${m}:${from}:${epoch}`);
      storage.fence = {
        holder: (m) => leases.fence(m),
        refused: async (m) => {
          if (await leases.stillHeld(m)) return false;
          leases.lose(m, 'fenced');
          return true;
        },
      };
      nodes[name] = node;
    }
  }, 120_000);
  afterAll(async () => {
    for (const c of clients) await c.close();
    await pg?.stop();
  });

  /** What storage holds (not node a's copy in memory). */
  const stored = async (m: string) => {
    nodes.a.storage.evict(m);
    return ((await nodes.a.storage.fetch(m, { state: true })) as { state: State }).state._stateID;
  };

  it('fence a node that lost its lease out of the state, and tell nobody of its move', async () => {
    const { a, b } = nodes;
    await a.storage.createMatch('m1', { initialState: stateAt(0), metadata: metadata('m1') });
    await a.leases.ensure('m1');
    expect(a.leases.epochOf('m1')).toBe(1);
    await a.storage.setState('m1', stateAt(1));
    expect(await stored('m1')).toBe(1);

    await b.leases.ensure('m1');
    expect(b.leases.epochOf('m1')).toBe(2);
    expect(b.takenFrom).toEqual(['m1:a:2']);
    expect(b.gained).toContain('m1');

    // a still believes it holds the match: its write is refused and throws.
    expect(a.leases.holds('m1')).toBe(true);
    await expect(a.storage.setState('m1', stateAt(2))).rejects.toThrow(/lost its lease/);
    expect(await stored('m1')).toBe(1);
    expect(a.leases.holds('m1')).toBe(false);
    expect(a.lost).toContain('m1');

    await b.storage.setState('m1', stateAt(2));
    expect(await stored('m1')).toBe(2);
    // A stale (older) write by the holder lands nothing and throws too (docs/STORAGE.md: a write
    // that does not land is never told to anyone).
    await expect(b.storage.setState('m1', stateAt(1))).rejects.toThrow(/did not land/);
    expect(await stored('m1')).toBe(2);
  });

  it('notice a lease lost at renewal, and a drop notice only for an older epoch', async () => {
    const { a, b } = nodes;
    await a.storage.createMatch('m2', { initialState: stateAt(0), metadata: metadata('m2') });
    await a.leases.ensure('m2');
    a.leases.dropped('m2', 1); // an old notice: a holds epoch 1 and keeps it
    expect(a.leases.holds('m2')).toBe(true);
    await b.leases.ensure('m2');
    await a.leases.renew();
    expect(a.leases.holds('m2')).toBe(false);
    expect(a.lost).toContain('m2');
    await b.leases.renew();
    expect(b.leases.holds('m2')).toBe(true);
  });

  it('take unfinished matches whose lease expired, not finished ones', async () => {
    const { a, b } = nodes;
    await a.storage.createMatch('m3', { initialState: stateAt(0), metadata: metadata('m3') });
    await a.storage.createMatch('m4', { initialState: stateAt(0, true), metadata: metadata('m4') });
    await a.leases.ensure('m3');
    await a.leases.ensure('m4');
    // b's scan: nothing of a's is expired yet (b takes only matches nobody ever held, if any).
    await b.leases.scan();
    expect(b.leases.holds('m3')).toBe(false);
    clock.now += 4001; // a died: no renewal for longer than the ttl
    await b.leases.scan();
    expect(b.leases.holds('m3')).toBe(true);
    expect(b.leases.holds('m4')).toBe(false);
    expect(b.gained).toContain('m3');
    await expect(a.storage.setState('m3', stateAt(1))).rejects.toThrow(/lost its lease/);
  });
});

describe.runIf(runClusterTests())('updates over Redis', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let one: RedisPubSub;
  let two: RedisPubSub;
  beforeAll(async () => {
    redis = await startRedis();
    one = await RedisPubSub.connect(redis.url, log, 'one');
    two = await RedisPubSub.connect(redis.url, log, 'two');
  }, 60_000);
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await redis?.stop();
  });

  const next = <T>(register: (fn: (v: T) => void) => void) =>
    new Promise<T>((resolve) => register(resolve));

  it('carry a match update from one node to the other, until unsubscribed', async () => {
    const got: unknown[] = [];
    const first = next<unknown>((fn) =>
      two.subscribe('match:x', (p) => {
        got.push(p);
        fn(p);
      }),
    );
    // The subscription is live once a message on it comes back: publish until one does.
    const payload = { type: 'update', args: ['x', { G: { secret: 1 } }] } as never;
    const pump = setInterval(() => one.publish('match:x', payload), 20);
    expect(await first).toEqual(payload);
    clearInterval(pump);
    two.unsubscribeAll('match:x');
    // After unsubscribing, a later message on the same channel is not heard: a message on another
    // channel published after it arrives first and the count stays.
    const count = got.length;
    const marker = next<unknown>((fn) => two.subscribe('match:y', fn));
    const pump2 = setInterval(() => {
      one.publish('match:x', payload);
      one.publish('match:y', { type: 'update', args: ['y', {}] } as never);
    }, 20);
    await marker;
    clearInterval(pump2);
    // Messages already in flight before the unsubscribe may land; none after the marker.
    const settled = got.length;
    await next<unknown>((fn) => {
      two.subscribe('match:z', fn);
      const p = setInterval(
        () => one.publish('match:z', { type: 'update', args: ['z', {}] } as never),
        20,
      );
      setTimeout(() => clearInterval(p), 2000);
    });
    expect(got.length).toBe(settled);
    expect(settled).toBeGreaterThanOrEqual(count);
  });

  it('deliver control messages to every node', async () => {
    const message: ControlMessage = { type: 'drop', matchID: 'm', node: 'b', epoch: 3 };
    const heard = next<ControlMessage>((fn) => two.onControlMessage(fn));
    await one.control(message);
    expect(await heard).toEqual(message);
  });
});
