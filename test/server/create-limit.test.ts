// A public server cannot be filled by one address: creating matches (POST /games/backchannel/create,
// playAgain) and seminars (POST /api/seminars) is limited per address in a sliding window, answered
// 429 with Retry-After and nothing created; other addresses are not affected. The hits live in the
// database, so two server processes sharing PostgreSQL count together, and so do their wrong
// join codes. The window itself, on an injected clock, against both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SharedGuessLimit, SqlLimits } from '../../server/cluster/limits';
import { openPglite, openPostgres, type SqlClient } from '../../server/storage';
import { GAME, errorOf, http, startServer, type ServerHandle } from './harness';
import { runPostgresTests, startPostgres, type Postgres } from './postgres';

const from = (address: string) => ({ 'x-forwarded-for': address });

async function createMatch(url: string, address: string) {
  return http(url, `/games/${GAME}/create`, {
    body: { setupData: { rounds: 4 } },
    headers: from(address),
  });
}

async function createSeminar(url: string, address: string) {
  return http(url, '/api/seminars', { body: { tables: 1 }, headers: from(address) });
}

async function matchCount(url: string): Promise<number> {
  const res = await http(url, `/games/${GAME}`);
  return (res.json as { matches: unknown[] }).matches.length;
}

describe('creation limits over HTTP', () => {
  let server: ServerHandle;
  beforeAll(async () => {
    server = await startServer({
      env: {
        TRUST_PROXY: '1',
        MATCH_CREATE_LIMIT: '3',
        SEMINAR_CREATE_LIMIT: '2',
        CREATE_WINDOW_SECONDS: '3600',
      },
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('refuse the match past the limit with 429 and Retry-After, creating nothing', async () => {
    for (let i = 0; i < 3; i++)
      expect((await createMatch(server.url, '10.0.0.1')).status).toBe(200);
    const before = await matchCount(server.url);
    const refused = await createMatch(server.url, '10.0.0.1');
    expect(refused.status).toBe(429);
    expect(errorOf(refused)).toMatch(/too many matches created from this address/);
    const retry = Number(refused.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(3500);
    expect(retry).toBeLessThanOrEqual(3600);
    expect(await matchCount(server.url)).toBe(before);
    // Another address still may.
    expect((await createMatch(server.url, '10.0.0.2')).status).toBe(200);
    expect(await matchCount(server.url)).toBe(before + 1);
  });

  it('count playAgain as a creation', async () => {
    for (let i = 0; i < 3; i++)
      expect((await createMatch(server.url, '10.0.0.3')).status).toBe(200);
    const res = await http(server.url, `/games/${GAME}/someMatch/playAgain`, {
      body: { playerID: '0', credentials: 'x' },
      headers: from('10.0.0.3'),
    });
    expect(res.status).toBe(429);
  });

  it('refuse the seminar past the limit, creating none of its tables', async () => {
    for (let i = 0; i < 2; i++)
      expect((await createSeminar(server.url, '10.0.1.1')).status).toBe(201);
    const before = await matchCount(server.url);
    const refused = await createSeminar(server.url, '10.0.1.1');
    expect(refused.status).toBe(429);
    expect(errorOf(refused)).toMatch(/too many seminars/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3500);
    expect(await matchCount(server.url)).toBe(before);
    // Seminars and matches are counted apart.
    expect((await createMatch(server.url, '10.0.1.1')).status).toBe(200);
  });
});

describe('SqlLimits on an injected clock (PGlite)', () => {
  let sql: SqlClient;
  beforeAll(async () => {
    sql = await openPglite('memory://');
  });
  afterAll(async () => {
    await sql?.close();
  });

  it('slides the window and says exactly how long to wait', async () => {
    const clock = { now: 1_000_000 };
    const limits = new SqlLimits(sql, () => clock.now);
    await limits.connect();
    for (let i = 0; i < 3; i++) {
      expect(await limits.take('t', 'a', 3, 1000)).toBe(0);
      clock.now += 100;
    }
    // Hits at 0, 100, 200; now 300: the first leaves the window at 1000.
    expect(await limits.take('t', 'a', 3, 1000)).toBe(700);
    expect(await limits.take('t', 'b', 3, 1000)).toBe(0);
    expect(await limits.take('other', 'a', 3, 1000)).toBe(0);
    clock.now = 1_000_999;
    expect(await limits.take('t', 'a', 3, 1000)).toBe(1);
    clock.now = 1_001_000;
    expect(await limits.take('t', 'a', 3, 1000)).toBe(0);
    // A refused take records nothing: the next frees up when the hit at 100 leaves.
    expect(await limits.take('t', 'a', 3, 1000)).toBe(100);
  });

  it('keeps the table bounded', async () => {
    const clock = { now: 5_000_000 };
    const limits = new SqlLimits(sql, () => clock.now);
    for (let i = 0; i < 450; i++) {
      await limits.record('p', `x${i}`, 10);
      clock.now += 1;
    }
    expect(await limits.size()).toBeLessThan(300);
  });

  it('counts wrong join codes', async () => {
    const clock = { now: 9_000_000 };
    const guesses = new SharedGuessLimit(new SqlLimits(sql, () => clock.now), {
      misses: 2,
      windowMs: 600_000,
    });
    expect(await guesses.blockedFor('g')).toBe(0);
    await guesses.miss('g');
    clock.now += 1000;
    await guesses.miss('g');
    expect(await guesses.blockedFor('g')).toBe(599_000);
    clock.now += 599_000;
    expect(await guesses.blockedFor('g')).toBe(0);
  });
});

describe.runIf(runPostgresTests())('limits across processes sharing PostgreSQL', () => {
  let pg: Postgres;
  const nodes: ServerHandle[] = [];
  beforeAll(async () => {
    pg = await startPostgres();
    const env = {
      DATABASE_URL: pg.url,
      TRUST_PROXY: '1',
      MATCH_CREATE_LIMIT: '4',
      JOIN_CODE_MISSES: '3',
    };
    // One after the other: both create the schema at boot.
    nodes.push(await startServer({ env }));
    nodes.push(await startServer({ env }));
  }, 180_000);
  afterAll(async () => {
    for (const node of nodes) await node.stop();
    await pg?.stop();
  });

  it('count one address on both nodes together', async () => {
    const [a, b] = nodes as [ServerHandle, ServerHandle];
    expect((await createMatch(a.url, '10.1.0.1')).status).toBe(200);
    expect((await createMatch(b.url, '10.1.0.1')).status).toBe(200);
    expect((await createMatch(a.url, '10.1.0.1')).status).toBe(200);
    expect((await createMatch(b.url, '10.1.0.1')).status).toBe(200);
    expect((await createMatch(a.url, '10.1.0.1')).status).toBe(429);
    expect((await createMatch(b.url, '10.1.0.1')).status).toBe(429);
  });

  it('count wrong join codes on both nodes together', async () => {
    const [a, b] = nodes as [ServerHandle, ServerHandle];
    const seminar = await createSeminar(a.url, '10.1.1.9');
    expect(seminar.status).toBe(201);
    const good = (seminar.json as { tables: { seats: { code: string }[] }[] }).tables[0]!.seats[0]!
      .code;
    const join = (url: string, code: string) =>
      http(url, `/api/join/${code}`, { headers: from('10.1.1.1') });
    expect((await join(a.url, 'ZZZZZA')).status).toBe(404);
    expect((await join(b.url, 'ZZZZZB')).status).toBe(404);
    expect((await join(b.url, good)).status).toBe(200);
    expect((await join(a.url, 'ZZZZZC')).status).toBe(404);
    const blocked = await join(b.url, good);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(500);
    expect((await join(a.url, good)).status).toBe(429);
  });

  it('never let two processes take the last hit at once', async () => {
    const one = await openPostgres(pg.url);
    const two = await openPostgres(pg.url);
    try {
      const a = new SqlLimits(one);
      const b = new SqlLimits(two);
      await a.connect();
      const takes = await Promise.all(
        Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).take('race', 'r', 7, 60_000)),
      );
      expect(takes.filter((w) => w === 0)).toHaveLength(7);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
