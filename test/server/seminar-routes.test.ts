// The seminar API's routes (server/seminar.ts, on @koa/router) over real HTTP: every route answers
// only its own methods (405 with an Allow header naming them, the API's `{ error }` body), every
// other /api/ path is 404 "no such route", case matters, a trailing slash does not, and a
// percent-encoded code reaches its route decoded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, http, startServer, type ServerHandle } from './harness';

let server: ServerHandle;
let created: { id: string; secret: string; tables: { matchID: string; code: string }[] };

const api = (path: string, init: Parameters<typeof http>[2] = {}) => http(server.url, path, init);

beforeAll(async () => {
  server = await startServer({ env: { BOT_PACE: '0' } });
  const res = await api('/api/seminars', { body: { tables: 1 } });
  expect(res.status, res.text).toBe(201);
  created = res.json as typeof created;
}, 90_000);

afterAll(async () => {
  await server?.stop();
});

describe('seminar routes', { timeout: 30_000 }, () => {
  it('answers a wrong method 405 with Allow naming the route’s methods, and says so in words', async () => {
    const { id, secret, tables } = created;
    const auth = { authorization: `Bearer ${secret}` };
    const cases: [string, string, string[]][] = [
      ['/api/seminars', 'GET', ['POST']],
      ['/api/seminars', 'DELETE', ['POST']],
      [`/api/seminars/${id}`, 'POST', ['GET', 'DELETE']],
      [`/api/seminars/${id}`, 'PUT', ['GET', 'DELETE']],
      [`/api/seminars/${id}`, 'OPTIONS', ['GET', 'DELETE']],
      [`/api/seminars/${id}/actions`, 'GET', ['POST']],
      [`/api/seminars/${id}/fill`, 'DELETE', ['POST']],
      [`/api/seminars/${id}/tables/1/seats/0`, 'GET', ['POST']],
      [`/api/join/${tables[0]!.code}`, 'DELETE', ['GET', 'POST']],
      [`/api/matches/${tables[0]!.matchID}/record`, 'POST', ['GET']],
      [`/api/matches/${tables[0]!.matchID}/record.csv`, 'PATCH', ['GET']],
    ];
    for (const [path, method, allow] of cases) {
      const res = await api(path, { method, headers: auth });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(errorOf(res)).toBe('method not allowed');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const named = (res.headers.get('allow') ?? '').split(/,\s*/);
      for (const m of allow) expect(named, `${method} ${path}`).toContain(m);
      for (const m of ['PUT', 'PATCH', 'OPTIONS'])
        expect(named, `${method} ${path}`).not.toContain(m);
    }
    // Nothing was done by any of them: the session is still there.
    const still = await api(`/api/seminars/${id}`, { headers: auth });
    expect(still.status).toBe(200);
  });

  it('answers every other /api/ path 404 "no such route", whatever the method', async () => {
    const paths = [
      '/api/',
      '/api/Seminars',
      `/api/seminars/${created.id}/Actions`,
      `/api/seminars/${created.id}/tables/1/seats`,
      `/api/seminars/${created.id}/tables/1/seats/0/more`,
      `/api/join/${created.tables[0]!.code}/more`,
      '/api/join',
      `/api/matches/${created.tables[0]!.matchID}/record.json`,
      `/api/matches/${created.tables[0]!.matchID}`,
    ];
    for (const path of paths)
      for (const method of ['GET', 'POST', 'PUT']) {
        const res = await api(path, { method });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(errorOf(res), `${method} ${path}`).toBe('no such route');
      }
  });

  it('reaches the routes with a trailing slash and with percent-encoded parameters', async () => {
    const { id, secret, tables } = created;
    const auth = { authorization: `Bearer ${secret}` };
    expect((await api(`/api/seminars/${id}/`, { headers: auth })).status).toBe(200);
    // The route's own answers, not the router's: a wrong code is the join route's 404.
    const wrong = await api('/api/join/%5A%5A%5A%5A%5A%5A');
    expect(wrong.status).toBe(404);
    expect(errorOf(wrong)).toBe('no such code');
    const code = tables[0]!.code;
    const encoded = [...code].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    const info = await api(`/api/join/${encoded}`);
    expect(info.status, info.text).toBe(200);
    expect((info.json as { table: number }).table).toBe(1);
    // HEAD goes with GET.
    expect((await api(`/api/seminars/${id}`, { method: 'HEAD', headers: auth })).status).toBe(200);
  });
});
