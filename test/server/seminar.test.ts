// Seminar mode over real HTTP and real sockets (docs/SEMINAR.md): a facilitator's session of
// several paused tables, students seated by codes, pause / resume / extend / end step / injects,
// seats handed to bots and back, nothing hidden shown before the end, a finished match's record
// that replays exactly, deletion of everything, and a restart that keeps the session.
import { rmSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enumerate } from '../../src/game/enumerate';
import type { MatchRecord } from '../../src/game/record';
import { replayRecord } from '../../src/game/replay';
import { getScenario } from '../../src/game/scenario';
import type { Seat } from '../../src/game/types';
import {
  GAME,
  RawSocket,
  SeatClient,
  errorOf,
  essence,
  fetchView,
  http,
  makeMove,
  sleep,
  startServer,
  tempDir,
  type HttpResult,
  type ServerHandle,
} from './harness';

const CODE = /^[A-HJKMNP-Z2-9]{6}$/;
const CLASS = ['Ann', 'Bob', 'Cy', 'Dee', 'Eve', 'Fay', 'Gus'];
// The names the server writes for hidden parts of the state: none may appear before the end.
const HIDDEN_KEYS = [
  'agendas',
  'mandate',
  'postures',
  'memos',
  'attributions',
  'sealedStatements',
  'breakoutHistory',
  'seed',
  'true',
  'stats',
  'credentials',
].map((key) => `"${key}":`);

interface SessionSeat {
  seat: Seat;
  role: string;
  code: string;
  name?: string;
}
interface SessionTable {
  table: number;
  matchID: string;
  code: string;
  seats: SessionSeat[];
}
interface Created {
  id: string;
  secret: string;
  label: string;
  tables: SessionTable[];
}
interface DashSeat {
  seat: Seat;
  role: string;
  name: string | null;
  controller: 'open' | 'student' | 'bot';
  bot?: { level: string; persona?: string };
  connected?: boolean;
}
interface DashTable {
  table: number;
  matchID: string;
  over: boolean;
  round: number;
  step: string;
  clock: { deadline: number | null; round: number; step: string; extendedSeconds?: number };
  paused: { since: number; remaining: number | null } | null;
  pending: Seat[];
  tracks: Record<string, number>;
  breakout: Record<string, number>;
  deals: unknown[];
  feed: { kind: string; text: string; round: number }[];
  final?: unknown;
  seats: DashSeat[];
}
interface Dashboard {
  id: string;
  now: number;
  tables: DashTable[];
}
interface Joined {
  matchID: string;
  playerID: Seat;
  credentials: string;
  table: number;
  seminarId: string;
}

let server: ServerHandle;
let dataDir: string;
let A: Created; // the class session: 3 tables, the seminar timer
const open: SeatClient[] = [];
/** Table 1's three students, seated by their seat codes. */
let students: { ann: SeatClient; bob: SeatClient; cy: SeatClient };
/** A memo Bob writes: its text must never reach the facilitator before the end. */
const MEMO = `MEMO-SECRET-${Math.random().toString(36).slice(2)}`;

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

function api(
  path: string,
  init: { method?: string; body?: unknown; secret?: string; raw?: string } = {},
): Promise<HttpResult> {
  return http(server.url, path, {
    ...(init.method ? { method: init.method } : {}),
    ...(init.body !== undefined ? { body: init.body } : {}),
    ...(init.raw !== undefined ? { raw: init.raw } : {}),
    ...(init.secret ? { headers: bearer(init.secret) } : {}),
  });
}

async function dashboard(s: Created = A): Promise<Dashboard> {
  const res = await api(`/api/seminars/${s.id}`, { secret: s.secret });
  expect(res.status, res.text).toBe(200);
  return res.json as Dashboard;
}

async function table(n: number, s: Created = A): Promise<DashTable> {
  return (await dashboard(s)).tables.find((t) => t.table === n)!;
}

async function act(tables: number[] | 'all', action: unknown, s: Created = A) {
  return api(`/api/seminars/${s.id}/actions`, { body: { tables, action }, secret: s.secret });
}

async function setSeat(n: number, seat: Seat, body: unknown, s: Created = A) {
  return api(`/api/seminars/${s.id}/tables/${n}/seats/${seat}`, { body, secret: s.secret });
}

async function join(code: string, body: unknown): Promise<HttpResult> {
  return api(`/api/join/${code}`, { body });
}

async function seated(code: string, body: unknown): Promise<Joined> {
  const res = await join(code, body);
  expect(res.status, res.text).toBe(200);
  return res.json as Joined;
}

async function client(j: Joined): Promise<SeatClient> {
  const c = await SeatClient.open(server.url, j.matchID, j.playerID, j.credentials);
  open.push(c);
  return c;
}

/** Polls until `check` holds (for what bots and timers do on their own). */
async function eventually<T>(
  what: string,
  get: () => Promise<T>,
  check: (v: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await get();
    if (check(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await sleep(100);
  }
}

function expectNoHidden(text: string, secrets: string[] = []): void {
  for (const key of HIDDEN_KEYS) expect(text, `"${key}" is shown`).not.toContain(key);
  for (const s of secrets) expect(text, `a secret is shown: ${s}`).not.toContain(s);
}

beforeAll(async () => {
  dataDir = tempDir('bc-seminar-');
  server = await startServer({ dataDir, env: { BOT_PACE: '0' } });
}, 90_000);

afterAll(async () => {
  for (const c of open) c.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('seminar sessions', { timeout: 60_000 }, () => {
  it('refuses bad bodies with a 400 naming the field, big bodies with 413, unknown routes with 404', async () => {
    const bad: [unknown, RegExp][] = [
      [{ tables: 0 }, /^tables: /],
      [{ tables: 11 }, /^tables: /],
      [{}, /^tables: give tables or a classList/],
      [{ tables: 2, rounds: 3 }, /^rounds: /],
      [{ tables: 2, scenario: 'atlantis' }, /^scenario: /],
      [{ tables: 2, timer: 'fast' }, /^timer: /],
      [{ tables: 2, timer: { drafting: 1, mediation: 2, response: 2, press: 2 } }, /^timer/],
      [{ classList: Array.from({ length: 31 }, (_, i) => `S${i}`) }, /^classList: /],
      [{ classList: ['Ann', 'x'.repeat(41)] }, /^classList\[1\]: /],
      [{ classList: ['Ann', 'B\u0007b'] }, /^classList\[1\]: /],
      [{ tables: 1, classList: ['a', 'b', 'c', 'd'] }, /^classList: 4 names need 2 tables/],
      [{ tables: 1, secret: 'mine' }, /secret/],
    ];
    for (const [body, error] of bad) {
      const res = await api('/api/seminars', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(res)).toMatch(error);
    }
    const notJson = await api('/api/seminars', { raw: '{"tables": 1' });
    expect(notJson.status).toBe(400);
    const big = await api('/api/seminars', {
      body: { tables: 1, label: 'x'.repeat(17 * 1024) },
    });
    expect(big.status).toBe(413);
    expect(errorOf(big)).toMatch(/16384 bytes/);
    for (const path of ['/api/seminar', '/api/seminars/x/y/z', '/api/matches/x', '/api/nothing']) {
      const res = await api(path);
      expect(res.status, path).toBe(404);
      expect(errorOf(res)).toBe('no such route');
    }
    expect((await api('/api/seminars')).status).toBe(405);
  });

  it('creates a session of three paused tables from a class list, with codes and a secret', async () => {
    const res = await api('/api/seminars', {
      body: { classList: CLASS.join('\n'), timer: 'seminar', label: 'Tuesday class' },
    });
    expect(res.status, res.text).toBe(201);
    A = res.json as Created;
    expect(A.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(A.label).toBe('Tuesday class');
    expect(A.tables.map((t) => t.table)).toEqual([1, 2, 3]);
    const codes = A.tables.flatMap((t) => [t.code, ...t.seats.map((s) => s.code)]);
    for (const code of codes) expect(code).toMatch(CODE);
    expect(new Set(codes).size).toBe(12);
    // Names in class-list order: seat 0, 1, 2 of table 1, then table 2, then table 3.
    const names = A.tables.flatMap((t) => t.seats.map((s) => s.name));
    expect(names).toEqual([...CLASS, undefined, undefined]);
    expect(A.tables[0]!.seats.map((s) => s.role)).toEqual(['Washington', 'Tehran', 'Doha']);

    const d = await dashboard();
    expect(d.tables).toHaveLength(3);
    for (const t of d.tables) {
      expect(t.round).toBe(1);
      expect(t.step).toBe('drafting');
      expect(t.clock.deadline).toBeNull();
      expect(t.paused?.remaining).toBeGreaterThan(140_000);
      expect(t.paused?.remaining).toBeLessThanOrEqual(150_000);
      expect(t.feed.at(-1)).toMatchObject({ kind: 'facilitator' });
    }
    expect(d.tables[2]!.seats.map((s) => [s.name, s.controller])).toEqual([
      ['Gus', 'open'],
      [null, 'open'],
      [null, 'open'],
    ]);
    // Seminar tables are not listed in the Lobby; the secret is nowhere but in the answer.
    const listed = await http(server.url, `/games/${GAME}`);
    for (const t of A.tables) expect(listed.text).not.toContain(t.matchID);
    expect(server.output.join('\n')).not.toContain(A.secret);
    expect(JSON.stringify(d)).not.toContain(A.secret);
  });

  it('the facilitator routes need the secret: 401 without or with a wrong one, and nothing changes', async () => {
    const before = await dashboard();
    const wrong = [undefined, 'x'.repeat(43), `${A.secret}x`, A.secret.slice(0, -1)];
    for (const secret of wrong) {
      const label = String(secret);
      const get = await api(`/api/seminars/${A.id}`, secret ? { secret } : {});
      expect(get.status, label).toBe(401);
      expect(get.text).not.toContain(A.tables[0]!.matchID);
      const run = await api(`/api/seminars/${A.id}/actions`, {
        body: { tables: 'all', action: { kind: 'resume' } },
        ...(secret ? { secret } : {}),
      });
      expect(run.status, label).toBe(401);
      const fill = await api(`/api/seminars/${A.id}/fill`, {
        body: { level: 'easy' },
        ...(secret ? { secret } : {}),
      });
      expect(fill.status).toBe(401);
      const seat = await api(`/api/seminars/${A.id}/tables/1/seats/0`, {
        body: { controller: 'bot', level: 'easy' },
        ...(secret ? { secret } : {}),
      });
      expect(seat.status).toBe(401);
      const del = await api(`/api/seminars/${A.id}`, {
        method: 'DELETE',
        ...(secret ? { secret } : {}),
      });
      expect(del.status).toBe(401);
    }
    // Another session's secret does not open this one.
    const other = (await api('/api/seminars', { body: { tables: 1 } })).json as Created;
    expect((await api(`/api/seminars/${A.id}`, { secret: other.secret })).status).toBe(401);
    expect((await api(`/api/seminars/nope`, { secret: A.secret })).status).toBe(404);
    const after = await dashboard();
    expect({ ...after, now: 0 }).toEqual({ ...before, now: 0 });
    // The other session goes again (and with it its table).
    const gone = await api(`/api/seminars/${other.id}`, { method: 'DELETE', secret: other.secret });
    expect(gone.status).toBe(204);
  });

  it('students join by table code (a free seat) and by seat code (that seat); a taken seat is 409', async () => {
    const t3 = A.tables[2]!;
    // What a code opens: only role names, never who sits where.
    const info = await api(`/api/join/${t3.code.toLowerCase()}`);
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({
      kind: 'table',
      table: 3,
      scenario: { id: 'doha-2026' },
      free: [
        { seat: '1', role: 'Tehran' },
        { seat: '2', role: 'Doha' },
      ],
    });
    expect(info.text).not.toContain('Gus');
    expectNoHidden(info.text);

    for (const [body, error] of [
      [{}, /^name: /],
      [{ name: '   ' }, /^name: /],
      [{ name: 'x'.repeat(41) }, /^name: /],
      [{ name: 'Ha\nna' }, /^name: /],
      [{ name: 'Hana', seat: '3' }, /^seat: /],
      [{ name: 'Hana', extra: 1 }, /extra/],
    ] as [unknown, RegExp][]) {
      const res = await join(t3.code, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(errorOf(res)).toMatch(error);
    }
    // Gus's seat is his: the table code does not give it.
    expect(errorOf(await join(t3.code, { name: 'Mallory', seat: '0' }))).toMatch(/taken/);

    const hana = await seated(t3.code, { name: 'Hana' });
    expect(hana).toMatchObject({ matchID: t3.matchID, playerID: '1', table: 3, seminarId: A.id });
    expect(hana.credentials).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const ivo = await seated(t3.code, { name: '  Ivo  ' });
    expect(ivo.playerID).toBe('2');
    const full = await join(t3.code, { name: 'Jo' });
    expect(full.status).toBe(409);
    expect(errorOf(full)).toMatch(/no seat is free/);

    // Seat codes: the class list's name unless the student types one.
    const t1 = A.tables[0]!;
    const seatInfo = await api(`/api/join/${t1.seats[0]!.code}`);
    expect(seatInfo.json).toMatchObject({
      kind: 'seat',
      seat: '0',
      role: 'Washington',
      name: 'Ann',
    });
    const ann = await seated(t1.seats[0]!.code, {});
    expect(ann.playerID).toBe('0');
    const bob = await seated(t1.seats[1]!.code, { name: 'Bobby' });
    const cy = await seated(t1.seats[2]!.code, { name: 'Cy', seat: '2' });
    expect([bob.playerID, cy.playerID]).toEqual(['1', '2']);
    const again = await join(t1.seats[0]!.code, { name: 'Ann' });
    expect(again.status).toBe(409);
    expect(errorOf(again)).toMatch(/already taken/);
    expect((await join(t1.seats[1]!.code, { name: 'Bob', seat: '0' })).status).toBe(400);
    expect((await join('ZZZZZZ', { name: 'Bob' })).status).toBe(404);
    expect((await api('/api/join/0OIL1x')).status).toBe(404);

    // The Lobby's own join is closed for every seat the session handed out.
    for (const seat of ['0', '1', '2']) {
      const lobby = await http(server.url, `/games/${GAME}/${t1.matchID}/join`, {
        body: { playerID: seat, playerName: 'Mallory' },
      });
      expect(lobby.status).toBe(409);
    }
    const d = await dashboard();
    expect(d.tables[0]!.seats.map((s) => [s.name, s.controller])).toEqual([
      ['Ann', 'student'],
      ['Bobby', 'student'],
      ['Cy', 'student'],
    ]);
    expect(d.tables[2]!.seats.map((s) => s.controller)).toEqual(['open', 'student', 'student']);
    // The students' credentials work on the socket.
    for (const j of [ann, bob, cy, hana, ivo]) await client(j);
    const connected = await eventually(
      'seats shown connected',
      () => table(1),
      (t) => t.seats.every((s) => s.connected === true),
    );
    expect(connected.seats.map((s) => s.connected)).toEqual([true, true, true]);
    students = { ann: open[0]!, bob: open[1]!, cy: open[2]! };
  });

  it('paused: a move is refused and the deadline is frozen; resume sets it to now + what was left', async () => {
    const { bob } = students;
    const r = await bob.move('setPosture', { proxyLeash: 'unleash', enrichment: 'advance' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.reason).toMatch(/paused/);
    const paused = await table(1);
    await sleep(300);
    const still = await table(1);
    expect(still.clock.deadline).toBeNull();
    expect(still.paused).toEqual(paused.paused);
    const remaining = paused.paused!.remaining!;

    const again = await act([1], { kind: 'pause' });
    expect(again.status).toBe(409);
    expect(errorOf(again)).toBe('the table is already paused');

    const t0 = Date.now();
    const res = await act([1], { kind: 'resume' });
    const t1 = Date.now();
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({ results: [{ table: 1, ok: true }] });
    const resumed = await table(1);
    expect(resumed.paused).toBeNull();
    expect(resumed.clock.deadline).toBeGreaterThanOrEqual(t0 + remaining - 50);
    expect(resumed.clock.deadline).toBeLessThanOrEqual(t1 + remaining + 50);
    // The student's client hears of it and may move again.
    await bob.when((s) => !s.G.paused, 5_000, 'the resumed table');
    expect(bob.state.G.clock.deadline).toBe(resumed.clock.deadline);
    await bob.must('setPosture', { proxyLeash: 'unleash', enrichment: 'advance' });
    const notPaused = await act([1], { kind: 'resume' });
    expect(notPaused.status).toBe(409);
    expect(errorOf(notPaused)).toBe('the table is not paused');

    // Paused again: what is left is kept.
    await sleep(200);
    const p0 = Date.now();
    expect((await act([1], { kind: 'pause' })).status).toBe(200);
    const p = await table(1);
    expect(p.clock.deadline).toBeNull();
    expect(p.paused!.remaining).toBeLessThanOrEqual(resumed.clock.deadline! - p0 + 50);
    expect(p.paused!.remaining).toBeGreaterThan(resumed.clock.deadline! - p0 - 2_000);
  });

  it('extend adds time, capped at 600 s a step; bad actions are 400 naming the field', async () => {
    const before = (await table(1)).paused!.remaining!;
    expect((await act([1], { kind: 'extend', seconds: 500 })).status).toBe(200);
    const t = await table(1);
    expect(t.paused!.remaining).toBe(before + 500_000);
    expect(t.clock.extendedSeconds).toBe(500);
    const capped = await act([1], { kind: 'extend', seconds: 101 });
    expect(capped.status).toBe(409);
    expect(errorOf(capped)).toMatch(/600 s in all; 100 s are left/);
    expect((await act([1], { kind: 'extend', seconds: 100 })).status).toBe(200);
    expect((await table(1)).paused!.remaining).toBe(before + 600_000);
    expect((await act([1], { kind: 'extend', seconds: 1 })).status).toBe(409);

    for (const [action, error] of [
      [{ kind: 'extend', seconds: 601 }, /^action\.seconds/],
      [{ kind: 'extend' }, /^action\.seconds/],
      [{ kind: 'nap' }, /^action\.kind/],
      [{ kind: 'seat', seat: '0', bot: null }, /^action\.kind: seats/],
      [{ kind: 'inject', headline: 'x'.repeat(141) }, /^action\.headline/],
      [{ kind: 'inject', headline: 'News', effects: { escalation: 4 } }, /^action\.effects/],
    ] as [unknown, RegExp][]) {
      const res = await act([1], action);
      expect(res.status, JSON.stringify(action)).toBe(400);
      expect(errorOf(res)).toMatch(error);
    }
    expect((await act([4], { kind: 'pause' })).status).toBe(404);
    expect((await table(1)).paused!.remaining).toBe(before + 600_000);
  });

  it('a seat handed to a bot refuses its student ("a bot plays this seat for now"); given back, the student moves again', async () => {
    const { ann, bob } = students;
    // Paused: the bot cannot act yet, the student is told who has the seat.
    const toBot = await setSeat(1, '1', { controller: 'bot', level: 'easy' });
    expect(toBot.status, toBot.text).toBe(200);
    expect((toBot.json as DashTable).seats[1]).toMatchObject({
      name: 'Bobby',
      controller: 'bot',
      bot: { level: 'easy' },
    });
    const refused = await bob.move('setPosture', { proxyLeash: 'restrain', enrichment: 'pause' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.refusal.reason).toBe('a bot plays this seat for now');
    const back = await setSeat(1, '1', { controller: 'student' });
    expect(back.status).toBe(200);
    expect((back.json as DashTable).seats[1]).toMatchObject({
      name: 'Bobby',
      controller: 'student',
    });
    expect((back.json as DashTable).seats[1]!.bot).toBeUndefined();
    const twice = await setSeat(1, '1', { controller: 'student' });
    expect(twice.status).toBe(409);
    expect(errorOf(twice)).toMatch(/no bot plays seat 1/);
    expect((await setSeat(1, '3' as Seat, { controller: 'student' })).status).toBe(404);
    expect((await setSeat(9, '1', { controller: 'student' })).status).toBe(404);
    expect((await setSeat(1, '1', { controller: 'bot', level: 'genius' })).status).toBe(400);

    expect((await act([1], { kind: 'resume' })).status).toBe(200);
    await bob.when((s) => !s.G.paused, 5_000, 'resumed');
    await bob.must('setPosture', { proxyLeash: 'restrain', enrichment: 'pause' });
    // Bob writes a memo: its text must never reach the dashboard before the end.
    const draft = enumerate(bob.G, '1').find((m) => m.move === 'draftMemo')!;
    await bob.must('draftMemo', { ...(draft.args[0] as object), text: `${MEMO} in confidence` });

    // Ann's seat to a bot while the table runs: the bot plays it (drafting done for seat 0).
    const annToBot = await setSeat(1, '0', { controller: 'bot', level: 'normal', persona: 'hawk' });
    expect(annToBot.status).toBe(200);
    const r = await ann.move('setPosture', { enforcement: 'tighten' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.refusal.reason).toBe('a bot plays this seat for now');
    const played = await eventually(
      'the bot to finish drafting for seat 0',
      () => table(1),
      (t) => !t.pending.includes('0'),
    );
    expect(played.feed.map((f) => f.text)).toContain('A bot now plays Washington.');
    const annBack = await setSeat(1, '0', { controller: 'student' });
    expect((annBack.json as DashTable).seats[0]).toMatchObject({
      name: 'Ann',
      controller: 'student',
    });
    expect(played.pending).toContain('1');
  });

  it('end step ends the named step only; injects change the tracks and show in the feed', async () => {
    const wrong = await act([1], { kind: 'endStep', round: 1, step: 'press' });
    expect(wrong.status).toBe(409);
    expect(errorOf(wrong)).toBe('the press step of round 1 is not running');
    expect((await act([1], { kind: 'endStep', round: 1, step: 'drafting' })).status).toBe(200);
    const t1 = await table(1);
    expect(t1.step).toBe('mediation');
    expect(t1.pending).toEqual(['2']);
    expect(t1.feed.map((f) => f.text)).toContain('The facilitator ended the drafting step.');

    const inject = getScenario('doha-2026').injects.find((i) => i.id === 'rial_slides')!;
    const before = await table(2);
    const res = await act([2], { kind: 'inject', inject: 'rial_slides' });
    expect(res.status, res.text).toBe(200);
    const after = await table(2);
    expect(after.tracks.pressureB).toBe(before.tracks.pressureB! + inject.effects.pressureB!);
    expect(after.feed.at(-1)).toEqual({ round: 1, kind: 'inject', text: inject.headline });
    const custom = await act([2], {
      kind: 'inject',
      headline: 'Snow closes the mountain passes',
      effects: { escalation: -1 },
    });
    expect(custom.status).toBe(200);
    const later = await table(2);
    expect(later.tracks.escalation).toBe(after.tracks.escalation! - 1);
    expect(later.feed.at(-1)).toMatchObject({
      kind: 'inject',
      text: 'Snow closes the mountain passes',
    });
    const unknown = await act([2], { kind: 'inject', inject: 'martians' });
    expect(unknown.status).toBe(409);
    expect(errorOf(unknown)).toMatch(/no inject "martians"/);

    // On every table at once: the running one pauses, the paused ones say why not.
    const all = await act('all', { kind: 'pause' });
    expect(all.status).toBe(200);
    expect(all.json).toEqual({
      results: [
        { table: 1, ok: true },
        { table: 2, ok: false, error: 'the table is already paused' },
        { table: 3, ok: false, error: 'the table is already paused' },
      ],
    });
  });

  it('fill puts bots in every open seat (marked taken); a late student still takes a class-list seat', async () => {
    const res = await api(`/api/seminars/${A.id}/fill`, {
      body: { level: 'easy', persona: 'dove' },
      secret: A.secret,
    });
    expect(res.status, res.text).toBe(200);
    const results = (res.json as { results: { table: number; seat: Seat; ok: boolean }[] }).results;
    expect(results.map((r) => `${r.table}:${r.seat}:${r.ok}`)).toEqual([
      '2:0:true',
      '2:1:true',
      '2:2:true',
      '3:0:true',
    ]);
    const d = await dashboard();
    expect(d.tables[0]!.seats.map((s) => s.controller)).toEqual(['student', 'student', 'student']);
    expect(d.tables[1]!.seats.map((s) => [s.name, s.controller])).toEqual([
      ['Bot (easy, dove)', 'bot'],
      ['Bot (easy, dove)', 'bot'],
      ['Bot (easy, dove)', 'bot'],
    ]);
    expect(d.tables[2]!.seats.map((s) => s.controller)).toEqual(['bot', 'student', 'student']);
    // Taken for the Lobby and for the table code.
    const lobby = await http(server.url, `/games/${GAME}/${A.tables[1]!.matchID}/join`, {
      body: { playerID: '1', playerName: 'Mallory' },
    });
    expect(lobby.status).toBe(409);
    expect((await join(A.tables[1]!.code, { name: 'Mallory' })).status).toBe(409);
    const players = await http(server.url, `/games/${GAME}/${A.tables[1]!.matchID}`);
    expect((players.json as { players: { name?: string }[] }).players.map((p) => p.name)).toEqual([
      'Bot (easy, dove)',
      'Bot (easy, dove)',
      'Bot (easy, dove)',
    ]);
    // Filling again finds nothing open.
    const none = await api(`/api/seminars/${A.id}/fill`, {
      body: { level: 'easy' },
      secret: A.secret,
    });
    expect((none.json as { results: unknown[] }).results).toEqual([]);

    // Gus comes late with his seat code: seated, the bot plays on until the seat is given back.
    const gus = await seated(A.tables[2]!.seats[0]!.code, {});
    expect(gus.playerID).toBe('0');
    let t3 = await table(3);
    expect(t3.seats[0]).toMatchObject({ name: 'Gus', controller: 'bot' });
    await setSeat(3, '0', { controller: 'student' });
    t3 = await table(3);
    expect(t3.seats[0]).toMatchObject({ name: 'Gus', controller: 'student' });
    // A filled seat with no student given back is open again.
    await setSeat(2, '2', { controller: 'student' });
    const t2 = await table(2);
    expect(t2.seats[2]).toMatchObject({ name: 'Fay', controller: 'open' });
  });

  it('a socket never gets facilitate or expire through, even for its own seat', async () => {
    const { bob } = students;
    const before = essence(await fetchView(server.url, A.tables[0]!.matchID));
    const s = await RawSocket.connect(server.url);
    try {
      expect((await s.sync(bob.matchID, '1', bob.credentials)).event).toBe('sync');
      for (const [move, args] of [
        ['facilitate', [{ kind: 'resume' }]],
        ['facilitate', [{ kind: 'seat', seat: '0', bot: null }]],
        ['expire', [{ round: 1, step: 'mediation' }]],
      ] as [string, unknown[]][]) {
        const r = await s.refusal(
          'update',
          makeMove(move, args, '1', bob.credentials),
          1,
          bob.matchID,
          '1',
        );
        expect(r.code).toBe('malformed');
      }
    } finally {
      s.close();
    }
    await sleep(100);
    expect(essence(await fetchView(server.url, A.tables[0]!.matchID))).toEqual(before);
  });

  it('before the end nothing hidden reaches the dashboard, the join info or the record routes', async () => {
    const { ann, bob, cy } = students;
    // What the seats know and a spectator must not: agendas, the mandate, postures, the memo.
    const annView = await fetchView(server.url, ann.matchID, '0', ann.credentials);
    const bobView = await fetchView(server.url, bob.matchID, '1', bob.credentials);
    const cyView = await fetchView(server.url, cy.matchID, '2', cy.credentials);
    const secrets = [
      ...(annView.G.agendas['0'] ?? []).flatMap((o) => [o.title, o.text]),
      ...(bobView.G.agendas['1'] ?? []).flatMap((o) => [o.title, o.text]),
      cyView.G.mandate!.title,
      cyView.G.mandate!.text,
      MEMO,
      ann.credentials!,
      bob.credentials!,
      cy.credentials!,
    ];
    expect(secrets.length).toBeGreaterThan(8);
    expect(JSON.stringify(cyView.G.memos)).toContain(MEMO);
    expect(bobView.G.postures['1']).toEqual({ proxyLeash: 'restrain', enrichment: 'pause' });
    expect(bobView.G.breakout.true).toEqual(expect.any(Number));

    const d = await api(`/api/seminars/${A.id}`, { secret: A.secret });
    expectNoHidden(d.text, secrets);
    // Each table is the spectator's view, field for field.
    for (const t of (d.json as Dashboard).tables) {
      const spectator = (await fetchView(server.url, t.matchID)).G;
      expect(t.breakout).toEqual({ estimate: spectator.breakout.estimate });
      expect(t.tracks).toEqual(spectator.tracks);
      expect(t.clock).toEqual(spectator.clock);
      expect(t.pending).toEqual(spectator.pending);
      expect(t.deals).toEqual(spectator.deals);
      expect(t.feed).toEqual(spectator.feed.slice(-20));
      expect(t.paused).toEqual(spectator.paused ?? null);
    }
    for (const t of A.tables) {
      const join = await api(`/api/join/${t.code}`);
      expectNoHidden(join.text, secrets);
      for (const path of ['record', 'record.csv', 'record.csv?of=memos']) {
        const res = await api(`/api/matches/${t.matchID}/${path}`);
        expect(res.status, path).toBe(409);
        expect(res.json).toEqual({ error: 'the match is not over' });
        expectNoHidden(res.text, secrets);
      }
    }
    expect((await api(`/api/matches/nope/record`)).status).toBe(404);
    expect((await api(`/api/matches/nope/record.csv`)).status).toBe(404);
    expect((await api(`/api/matches/${A.tables[0]!.matchID}/record.csv?of=deals`)).status).toBe(
      400,
    );
    // And the logs carry no secret, no credentials, no code.
    const logs = server.output.join('\n');
    for (const s of [A.secret, ann.credentials!, A.tables[0]!.seats[0]!.code, MEMO])
      expect(logs).not.toContain(s);
    expect(server.logs.some((l) => l.event === 'seminar:action')).toBe(true);
  });
});

describe('a finished table', { timeout: 120_000 }, () => {
  let B: Created;

  it('bots in every seat play it to the end on 2-second steps', async () => {
    const res = await api('/api/seminars', {
      body: {
        tables: 1,
        rounds: 4,
        timer: { drafting: 2, mediation: 2, response: 2, press: 2 },
      },
    });
    expect(res.status, res.text).toBe(201);
    B = res.json as Created;
    const fill = await api(`/api/seminars/${B.id}/fill`, {
      body: { level: 'easy' },
      secret: B.secret,
    });
    expect((fill.json as { results: unknown[] }).results).toHaveLength(3);
    // Paused, the bots wait.
    await sleep(500);
    const waiting = await table(1, B);
    expect(waiting.step).toBe('drafting');
    expect(waiting.pending).toEqual(['0', '1']);
    expect(waiting.seats.map((s) => s.controller)).toEqual(['bot', 'bot', 'bot']);
    expect((await act('all', { kind: 'resume' }, B)).status).toBe(200);
    const over = await eventually(
      'the end of the match',
      () => table(1, B),
      (t) => t.over,
      90_000,
    );
    expect(over.final).toMatchObject({ outcome: expect.any(String) as unknown });
    // Nothing more to facilitate.
    const late = await act([1], { kind: 'pause' }, B);
    expect(late.status).toBe(409);
    expect(errorOf(late)).toBe('the match is over');
  });

  it('its record replays to the stored final state exactly; the CSVs parse', async () => {
    const matchID = B.tables[0]!.matchID;
    const res = await api(`/api/matches/${matchID}/record`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="backchannel-${matchID}.json"`,
    );
    const record = res.json as MatchRecord;
    expect(record.format).toBe('backchannel-record/1');
    expect(record.matchID).toBe(matchID);
    expect(record.seed).toMatch(/^[0-9a-f]{32}$/);
    expect(record.actions.filter((a) => a.move === 'facilitate').length).toBeGreaterThanOrEqual(5);
    // The stored final state, as any seat or spectator reads it after the end.
    const stored = (await fetchView(server.url, matchID)).G;
    expect(record.final).toEqual(stored);
    const replayed = replayRecord(record);
    expect(JSON.parse(JSON.stringify(replayed.G))).toStrictEqual(
      JSON.parse(JSON.stringify(stored)),
    );
    expect(isDeepStrictEqual(JSON.parse(JSON.stringify(replayed.G)), record.final)).toBe(true);

    const tracks = await api(`/api/matches/${matchID}/record.csv?of=tracks`);
    expect(tracks.status).toBe(200);
    expect(tracks.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(tracks.headers.get('content-disposition')).toMatch(
      /attachment; filename=".*tracks\.csv"/,
    );
    const rows = Papa.parse<Record<string, string>>(tracks.text.trim(), { header: true });
    expect(rows.errors).toEqual([]);
    expect(rows.data).toHaveLength(record.final.history.length);
    expect(rows.meta.fields).toContain('breakout_true');
    expect(Number(rows.data[0]!.escalation)).toBe(record.final.history[0]!.tracks.escalation);
    const memos = await api(`/api/matches/${matchID}/record.csv?of=memos`);
    const memoRows = Papa.parse<Record<string, string>>(memos.text.trim(), { header: true });
    expect(memoRows.errors).toEqual([]);
    expect(memoRows.data).toHaveLength(record.final.memos.length);
    expect((await api(`/api/matches/${matchID}/record.csv`)).text).toBe(tracks.text);
  });

  it('the session survives a restart; deleting it removes its matches, codes, timers and row', async () => {
    const port = server.port;
    await server.kill('SIGTERM');
    for (const c of open) c.close();
    server = await startServer({ dataDir, port, env: { BOT_PACE: '0' } });
    const d = await dashboard();
    expect(d.tables).toHaveLength(3);
    expect(d.tables[0]!.seats.map((s) => s.name)).toEqual(['Ann', 'Bobby', 'Cy']);
    const health = await api('/api/health');
    expect((health.json as { deadlines: number }).deadlines).toBe(0); // every table is paused

    // Resume one so that a deadline is armed, then delete.
    expect((await act([1], { kind: 'resume' })).status).toBe(200);
    expect(((await api('/api/health')).json as { deadlines: number }).deadlines).toBe(1);
    const spectator = await SeatClient.open(server.url, A.tables[0]!.matchID, null);
    open.push(spectator);
    const del = await api(`/api/seminars/${A.id}`, { method: 'DELETE', secret: A.secret });
    expect(del.status).toBe(204);
    expect(((await api('/api/health')).json as { deadlines: number }).deadlines).toBe(0);
    await spectator.raw.waitForDisconnect();
    expect((await api(`/api/seminars/${A.id}`, { secret: A.secret })).status).toBe(404);
    for (const t of A.tables) {
      expect((await http(server.url, `/games/${GAME}/${t.matchID}`)).status).toBe(404);
      expect((await api(`/api/matches/${t.matchID}/record`)).status).toBe(404);
      expect((await api(`/api/join/${t.code}`)).status).toBe(404);
      for (const s of t.seats) expect((await api(`/api/join/${s.code}`)).status).toBe(404);
      const s = await RawSocket.connect(server.url);
      const answer = await s.sync(t.matchID, null);
      s.close();
      expect(answer.event).toBe('bc:refused');
    }
    // The finished session is still there, and goes too.
    expect((await api(`/api/matches/${B.tables[0]!.matchID}/record`)).status).toBe(200);
    expect(
      (await api(`/api/seminars/${B.id}`, { method: 'DELETE', secret: B.secret })).status,
    ).toBe(204);
    expect((await api(`/api/matches/${B.tables[0]!.matchID}/record`)).status).toBe(404);
  });
});
