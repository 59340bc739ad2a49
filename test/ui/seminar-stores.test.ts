// @vitest-environment happy-dom
// The seminar screens' stores (src/client/seminar-create.ts, console.ts, class-join.ts,
// debrief.ts) against the real server over real HTTP: the browser page's origin is the server's,
// so the screens' own fetches of /api/… reach it. Each store holds what its screen shows; these
// tests read only the store, as the screens do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreApi } from 'zustand/vanilla';
import { makeClassJoin } from '../../src/client/class-join';
import { makeConsole, type ConsoleController } from '../../src/client/console';
import { makeRecordLoader } from '../../src/client/debrief';
import { getRecord, savedSecret, type Created } from '../../src/client/seminar';
import { makeSeminarCreate, type SessionAsked } from '../../src/client/seminar-create';
import { startServer, type ServerHandle } from '../server/harness';

let server: ServerHandle;
const consoles: ConsoleController[] = [];

/** Resolves when the store's state passes `check` (now or on a later change). */
function until<S>(store: StoreApi<S>, check: (s: S) => boolean, what: string, ms = 20_000) {
  return new Promise<S>((resolve, reject) => {
    if (check(store.getState())) return resolve(store.getState());
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(store.getState())}`));
    }, ms);
    const stop = store.subscribe((s) => {
      if (!check(s)) return;
      clearTimeout(timer);
      stop();
      resolve(s);
    });
  });
}

const asked = (over: Partial<SessionAsked> = {}): SessionAsked => ({
  label: '  Tuesday seminar  ',
  scenario: 'doha-2026',
  rounds: 4,
  timer: 'seminar',
  seconds: [],
  classList: '',
  tables: 1,
  ...over,
});

beforeAll(async () => {
  server = await startServer({ env: { BOT_PACE: '0' } });
  // The page is served by this server: relative /api/ paths go to it.
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    `${server.url}/`,
  );
}, 90_000);

afterAll(async () => {
  for (const c of consoles) c.stop();
  await server?.stop();
});

describe('creating a session', { timeout: 30_000 }, () => {
  it('refuses a custom step under the minimum in words, before asking the server', async () => {
    const calls: unknown[] = [];
    const create = makeSeminarCreate({
      createSeminar: (body) => {
        calls.push(body);
        return Promise.reject(new Error('not to be sent'));
      },
    });
    const made = await create.create(asked({ timer: 'custom', seconds: [30, 1, 30, 30] }));
    expect(made).toBeNull();
    expect(calls).toEqual([]);
    expect(create.store.getState()).toMatchObject({
      phase: 'editing',
      status: 'Each step needs a whole number of seconds, at least 2.',
      created: null,
    });
  });

  it('says the server’s reason when it refuses, and stays editable', async () => {
    const create = makeSeminarCreate();
    const names = Array.from({ length: 31 }, (_, i) => `Student ${i}`).join('\n');
    expect(await create.create(asked({ classList: names }))).toBeNull();
    const s = create.store.getState();
    expect(s.phase).toBe('editing');
    // The field by what it is to a person, not its name in the request.
    expect(s.status).toBe('Could not create the session: the class list: expected 1 to 30 names.');
  });

  it('creates the tables a class list needs, keeps the secret and says how many', async () => {
    const create = makeSeminarCreate();
    const pending = create.create(asked({ classList: 'Ann\n\nBob\nCy\nDee\n' }));
    expect(create.store.getState().phase).toBe('creating');
    const made = await pending;
    const s = create.store.getState();
    expect(s.phase).toBe('created');
    expect(s.status).toBe('Session created with 2 tables.');
    expect(s.created?.label).toBe('Tuesday seminar');
    expect(s.created?.tables.map((t) => t.seats.map((x) => x.name ?? null))).toEqual([
      ['Ann', 'Bob', 'Cy'],
      ['Dee', null, null],
    ]);
    expect(savedSecret(made!.id)).toBe(made!.secret);
    // A second submit does not make a second session.
    expect(await create.create(asked())).toBe(made);
  });
});

describe('the facilitator console, a student joining and the debrief', { timeout: 120_000 }, () => {
  let session: Created;

  beforeAll(async () => {
    const create = makeSeminarCreate();
    session = (await create.create(asked({ classList: 'Ann\nBob', tables: 1 })))!;
  });

  it('asks for the secret again when the server refuses it, and reads the dashboard with it', async () => {
    localStorage.clear();
    const c = makeConsole(session.id, { pollMs: 100 });
    consoles.push(c);
    c.start();
    expect(c.store.getState().phase).toBe('need-secret');
    c.submitSecret('not-the-secret');
    await until(c.store, (s) => s.secretProblem !== null, 'the refusal');
    expect(c.store.getState()).toMatchObject({
      phase: 'need-secret',
      secretProblem: 'The server refused this secret.',
    });
    c.submitSecret(session.secret);
    const ready = await until(c.store, (s) => s.phase === 'ready', 'the dashboard');
    expect(ready.secretProblem).toBeNull();
    expect(ready.dashboard?.tables).toHaveLength(1);
    expect(ready.dashboard?.tables[0]?.paused).not.toBeNull();
    c.stop();
  });

  it('a seat code seats its student once; the second try says the seat is taken', async () => {
    const join = makeClassJoin();
    expect(await join.lookUp('zz-zz-zz')).toBeNull();
    expect(join.store.getState().status).toBe('That code does not open a table: no such code.');
    const seatCode = session.tables[0]!.seats[0]!.code!;
    const held = await join.join(seatCode.toLowerCase(), 'Ann', () => undefined);
    expect(held).toMatchObject({ matchID: session.tables[0]!.matchID, seat: '0', name: 'Ann' });
    expect(join.store.getState()).toMatchObject({
      busy: false,
      status: 'Seated. Opening the table…',
    });
    const again = makeClassJoin();
    expect(await again.join(seatCode, 'Mallory', () => undefined)).toBeNull();
    expect(again.store.getState().status).toBe('Could not join: this seat is already taken.');
    // It looks the code up again, so the screen shows what is free now.
    const info = await until(again.store, (s) => s.info !== null, 'the lookup');
    expect(info.info?.free).toEqual([]);
  });

  it('reports each action table by table; bots filled in play to the end; the debrief loads then', async () => {
    const c = makeConsole(session.id, { pollMs: 100 });
    consoles.push(c);
    c.start();
    await until(c.store, (s) => s.phase === 'ready', 'the dashboard');
    await c.run('Pause', 'all', { kind: 'pause' });
    expect(c.store.getState().message?.text).toMatch(/^Pause: table 1 refused \(.+\)\.$/);
    expect(c.store.getState().message?.text).not.toMatch(/not-|_|\.kind|\[/);

    const matchID = session.tables[0]!.matchID;
    const reads: number[] = [];
    const loader = makeRecordLoader(matchID, {
      retryMs: 100,
      read: (id) => {
        reads.push(Date.now());
        return getRecord(id);
      },
    });
    loader.start();
    await until(loader.store, (s) => s.phase === 'running', 'a running match');

    c.setBot({ level: 'easy' });
    await c.fill();
    expect(c.store.getState().message?.text).toBe('Open seats filled with bots.');
    // The student seated above is handed to a bot too, so nobody waits for a person.
    await c.seat(1, '0', true);
    // The seat by its scenario name and role, the bot by its label, and whom it stands in for.
    expect(c.store.getState().message?.text).toBe(
      'Table 1: Bot (easy) now plays Washington (Principal A), standing in for Ann.',
    );
    await c.run('Resume', 'all', { kind: 'resume' });
    expect(c.store.getState().message?.text).toBe('Resume: done on table 1.');

    const ended = await until(
      c.store,
      (s) => s.ended.includes(1) && /^Table 1 has ended/.test(s.message?.text ?? ''),
      'the end announced',
      100_000,
    );
    expect(ended.message?.text).toMatch(/^Table 1 has ended: .+\.$/);
    const loaded = await until(loader.store, (s) => s.phase === 'ready', 'the record', 20_000);
    expect(loaded.record?.matchID).toBe(matchID);
    expect(reads.length).toBeGreaterThan(1);
    loader.stop();

    await c.deleteSession(() => true);
    expect(c.store.getState().phase).toBe('deleted');
    expect(savedSecret(session.id)).toBeNull();
    const gone = makeRecordLoader(matchID);
    gone.start();
    const error = await until(gone.store, (s) => s.phase === 'error', 'the error');
    expect(error.error).toBe('no such match');
  });
});
