// Seminar join codes cannot be guessed at speed: an address that misses JOIN_CODE_MISSES times in
// ten minutes is refused every code lookup (429, with Retry-After) and changes nothing, even with a
// right code. The counting itself, on a fake clock: the window slides, memory stays bounded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuessLimit } from '../../server/guesses';
import { startServer, type ServerHandle } from './harness';

let server: ServerHandle;
beforeAll(async () => {
  server = await startServer({ env: { JOIN_CODE_MISSES: '5' } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

async function call(path: string, body?: unknown) {
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as never };
}

describe('join codes over HTTP', () => {
  it('refuse an address that keeps guessing, right codes included, changing nothing', async () => {
    const created = await call('/api/seminars', { tables: 1 });
    expect(created.status).toBe(201);
    const { id, secret, tables } = created.json as {
      id: string;
      secret: string;
      tables: { code: string; seats: { seat: string; code: string }[] }[];
    };
    const good = tables[0]!.seats[0]!.code;
    expect((await call(`/api/join/${good}`)).status).toBe(200);

    for (let i = 0; i < 5; i++) {
      const wrong = await call(`/api/join/ZZZZZ${'ABCDE'[i]}`);
      expect(wrong.status).toBe(404);
    }
    const blocked = await call(`/api/join/${good}`, { name: 'Mallory' });
    expect(blocked.status).toBe(429);
    expect((blocked.json as { error: string }).error).toMatch(/too many wrong codes/);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(500);
    expect((await call(`/api/join/${good}`)).status).toBe(429);

    // Nothing changed: the seat is still open on the facilitator's dashboard.
    const res = await fetch(`${server.url}/api/seminars/${id}`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    const dash = (await res.json()) as { tables: { seats: { controller: string }[] }[] };
    expect(dash.tables[0]!.seats[0]!.controller).toBe('open');
  });
});

describe('GuessLimit', () => {
  it('counts misses in a sliding window per address', () => {
    const clock = { now: 0 };
    const limit = new GuessLimit({ misses: 3, windowMs: 1000, now: () => clock.now });
    for (let i = 0; i < 3; i++) {
      expect(limit.blockedFor('a')).toBe(0);
      limit.miss('a');
      clock.now += 100;
    }
    expect(limit.blockedFor('a')).toBe(700); // the first miss leaves the window at t=1000
    expect(limit.blockedFor('b')).toBe(0);
    clock.now = 1000;
    expect(limit.blockedFor('a')).toBe(0);
  });

  it('forgets old addresses when it grows', () => {
    const clock = { now: 0 };
    const limit = new GuessLimit({ misses: 1, windowMs: 10, now: () => clock.now });
    for (let i = 0; i < 10_001; i++) limit.miss(`x${i}`);
    clock.now = 100;
    limit.miss('y');
    limit.miss('z'); // beyond 10,000 entries: the stale ones go
    expect((limit as unknown as { misses: Map<string, number[]> }).misses.size).toBeLessThan(10);
  });
});
