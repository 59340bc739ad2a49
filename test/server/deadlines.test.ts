// Deadlines: the server ends a timed step when its deadline passes, with nobody connected, after a
// SIGKILL and a restart too; clients cannot end a step early; clients get the deadline and the
// server's clock.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackchannelState, Step } from '../../src/game/types';
import {
  RawSocket,
  SEATS,
  essence,
  fetchView,
  http,
  makeMove,
  newMatch,
  sleep,
  startServer,
  tempDir,
  type ServerHandle,
} from './harness';

const STEPS: Step[] = ['drafting', 'mediation', 'response', 'press', 'over'];
const progress = (G: BackchannelState) =>
  G.step === 'over' ? 1000 : G.round * 10 + STEPS.indexOf(G.step);

const dataDir = tempDir('bc-deadlines-');
let server: ServerHandle;

beforeAll(async () => {
  server = await startServer({ dataDir });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The ticking match, created by the first timed test and watched again after the restart. */
let ticking: { matchID: string } | undefined;

describe('deadlines', { timeout: 90_000 }, () => {
  it('every seat and a spectator get the deadline; GET /api/time is the server clock', async () => {
    const { matchID, credentials } = await newMatch(server.url, {
      rounds: 4,
      timers: { drafting: 600, mediation: 600, response: 600, press: 600 },
    });
    const now = Date.now();
    for (const seat of [...SEATS, null]) {
      const s = await fetchView(server.url, matchID, seat, seat ? credentials[seat] : undefined);
      const { clock } = s.G;
      expect(clock.step).toBe('drafting');
      expect(clock.deadline).toBe(clock.startedAt + 600_000);
      expect(clock.deadline!).toBeGreaterThan(now + 590_000);
      expect(clock.deadline!).toBeLessThan(now + 601_000);
    }
    const before = Date.now();
    const time = await http(server.url, '/api/time');
    const after = Date.now();
    expect(time.status).toBe(200);
    expect(time.headers.get('cache-control')).toMatch(/no-store/);
    const serverNow = (time.json as { now: number }).now;
    expect(serverNow).toBeGreaterThanOrEqual(before - 1_000);
    expect(serverNow).toBeLessThanOrEqual(after + 1_000);
    const health = await http(server.url, '/api/health');
    expect(health.json).toMatchObject({ ok: true, storage: 'pglite' });
    expect((health.json as { deadlines: number }).deadlines).toBeGreaterThanOrEqual(1);
  });

  it('an early expiry from a client is refused and changes nothing', async () => {
    const { matchID, credentials } = await newMatch(server.url, {
      rounds: 4,
      timers: { drafting: 600, mediation: 600, response: 600, press: 600 },
    });
    const before = await fetchView(server.url, matchID, '2', credentials['2']);
    const expire = [{ round: 1, step: 'drafting' }];
    for (const seat of SEATS) {
      const s = await RawSocket.connect(server.url);
      expect((await s.sync(matchID, seat, credentials[seat])).event).toBe('sync');
      const variants: unknown[] = [
        makeMove('expire', expire, seat, credentials[seat]),
        makeMove('expire', [{ round: 1, step: 'drafting', force: true }], seat, credentials[seat]),
        { type: 'GAME_EVENT', payload: { type: 'expire', args: expire, playerID: seat } },
      ];
      for (const action of variants) {
        const r = await s.refusal('update', action, before._stateID, matchID, seat);
        expect(r.code).toBe('malformed');
      }
      s.close();
    }
    const spectator = await RawSocket.connect(server.url);
    expect((await spectator.sync(matchID, null)).event).toBe('sync');
    const r = await spectator.refusal(
      'update',
      makeMove('expire', expire, '2', credentials['2']),
      before._stateID,
      matchID,
      '2',
    );
    expect(['malformed', 'spectator']).toContain(r.code);
    spectator.close();
    await sleep(100);
    const after = await fetchView(server.url, matchID, '2', credentials['2']);
    expect(essence(after)).toEqual(essence(before));
    expect(after.G.step).toBe('drafting');
  });

  it('with no client connected, a timed match advances step by step on its own', async () => {
    const { matchID } = await newMatch(server.url, {
      rounds: 4,
      timers: { drafting: 2, mediation: 2, response: 2, press: 2 },
    });
    ticking = { matchID };
    const seen: { G: BackchannelState; at: number }[] = [];
    const until = Date.now() + 20_000;
    while (seen.length < 5 && Date.now() < until) {
      const s = await fetchView(server.url, matchID);
      const last = seen[seen.length - 1];
      if (!last || progress(s.G) !== progress(last.G)) seen.push({ G: s.G, at: Date.now() });
      await sleep(150);
    }
    expect(seen.map((x) => `${x.G.round}:${x.G.step}`)).toEqual([
      '1:drafting',
      '1:mediation',
      '1:response',
      '1:press',
      '2:drafting',
    ]);
    for (let i = 1; i < seen.length; i++) {
      const prev = seen[i - 1]!;
      const next = seen[i]!;
      expect(prev.G.clock.deadline).toBe(prev.G.clock.startedAt + 2_000);
      // The step ended at its deadline (server clock), not before and not much after,
      const late = next.G.clock.startedAt - prev.G.clock.deadline!;
      expect(late).toBeGreaterThanOrEqual(0);
      expect(late).toBeLessThan(1_500);
      // and the change was visible to a fresh spectator within about 3 s of the step's start.
      expect(next.at - prev.G.clock.startedAt).toBeLessThan(3_500);
    }
    const fired = server.logs.filter((l) => l.event === 'deadline' && l.matchID === matchID);
    expect(fired.length).toBeGreaterThanOrEqual(4);
    expect(fired[0]).toMatchObject({ round: 1, step: 'drafting' });
  });

  it('after SIGKILL and a restart on the same data and port, deadlines still fire on time', async () => {
    expect(ticking).toBeDefined();
    const STEP = 12;
    const { matchID, credentials } = await newMatch(server.url, {
      rounds: 4,
      timers: { drafting: STEP, mediation: STEP, response: STEP, press: STEP },
    });
    const slow = await fetchView(server.url, matchID, '2', credentials['2']);
    const deadline = slow.G.clock.deadline!;
    const fast = await fetchView(server.url, ticking!.matchID);
    const exit = await server.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    expect((await fetch(`${server.url}/api/health`).catch(() => null))?.status).toBeUndefined();

    server = await startServer({ dataDir, port: server.port });
    const restartedAt = Date.now();
    const health = await http(server.url, '/api/health');
    expect((health.json as { deadlines: number }).deadlines).toBeGreaterThanOrEqual(1);

    // The 2 s match's deadline passed while the server was down: it fired at boot.
    const resumed = await fetchView(server.url, ticking!.matchID);
    expect(progress(resumed.G)).toBeGreaterThan(progress(fast.G));
    expect(resumed.G.clock.startedAt).toBeGreaterThanOrEqual(fast.G.clock.deadline!);

    // On time: within a moment of the deadline, or of the boot when the deadline passed while
    // the server was down. A freshly booted server on a loaded machine (load average above 10 on
    // two cores while the suite runs) has been measured to end the step 2 s after the deadline,
    // and 4 s after a slow boot: a timer that was not re-armed would never end it, and one armed
    // from the boot for a whole step would end it 12 s late.
    const onTime = restartedAt < deadline - 500 ? 3_000 : 8_000;
    if (restartedAt < deadline - 500) {
      // The usual case: the slow match is still in its drafting step, with the same deadline,
      const waiting = await fetchView(server.url, matchID, '2', credentials['2']);
      if (Date.now() < deadline) expect(essence(waiting)).toEqual(essence(slow));
      // and the restarted server's timer ends the step at that deadline.
      await sleep(deadline + 1_000 - Date.now());
    } else {
      // A very slow restart (a loaded machine): the deadline passed while the server was down.
      console.warn(`restart took until ${restartedAt - deadline} ms after the deadline`);
    }
    // Read the view until the step has ended (or it is certainly late): when it ended is read
    // from the server's own clock in the state, not from when this test happened to look.
    let moved = await fetchView(server.url, matchID, '2', credentials['2']);
    while (moved.G.step === 'drafting' && Date.now() < Math.max(deadline, restartedAt) + onTime) {
      await sleep(250);
      moved = await fetchView(server.url, matchID, '2', credentials['2']);
    }
    expect(moved.G.round).toBe(1);
    expect(moved.G.step).toBe('mediation');
    expect(moved.G.clock.startedAt).toBeGreaterThanOrEqual(deadline);
    expect(moved.G.clock.startedAt - Math.max(deadline, restartedAt)).toBeLessThan(onTime);
    expect(moved.G.clock.deadline).toBe(moved.G.clock.startedAt + STEP * 1_000);
    const fired = server.logs.find((l) => l.event === 'deadline' && l.matchID === matchID);
    expect(fired).toMatchObject({ round: 1, step: 'drafting' });
  });
});
