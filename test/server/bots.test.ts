// Server bots in an online match: normal bots in every seat, created through the Lobby API and
// played by the real server on 2-second steps. Each seat makes a handful of moves a step and the
// match ends. (A bot once compared postures as JSON text: the database gives keys back in
// another order, so B set the same posture hundreds of times a step until the deadline.)
// Then restarts: after a SIGKILL the bots take their match up again from the state its logged
// moves lead to, and a clean stop leaves no move to replay (docs/STORAGE.md, "Snapshots").
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchRecord } from '../../src/game/record';
import { GAME, sleep, startServer, tempDir, type ServerHandle } from './harness';

let server: ServerHandle;

beforeAll(async () => {
  server = await startServer({ env: { BOT_PACE: '0' } });
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

/** A 4-round match with normal bots in every seat, each step `seconds` long; its id. */
async function botMatch(url: string, seconds: number): Promise<string> {
  const level = { level: 'normal' };
  const created = await fetch(`${url}/games/${GAME}/create`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      numPlayers: 3,
      setupData: {
        rounds: 4,
        timers: { drafting: seconds, mediation: seconds, response: seconds, press: seconds },
        bots: { '0': level, '1': level, '2': level },
      },
    }),
  });
  expect(created.status).toBe(200);
  return ((await created.json()) as { matchID: string }).matchID;
}

/** The match's record once it has ended (polled for up to two minutes), or undefined. */
async function recordOf(url: string, matchID: string): Promise<MatchRecord | undefined> {
  for (let i = 0; i < 120; i++) {
    const res = await fetch(`${url}/api/matches/${matchID}/record`);
    if (res.status === 200) return (await res.json()) as MatchRecord;
    await sleep(1000);
  }
  return undefined;
}

/** The bot moves a server has logged so far. */
const botMoves = (h: ServerHandle) => h.logs.filter((l) => l.event === 'bot-move').length;

/** Waits until the server has logged at least `n` bot moves. */
async function untilBotMoves(h: ServerHandle, n: number): Promise<void> {
  for (let i = 0; i < 200 && botMoves(h) < n; i++) await sleep(50);
  expect(botMoves(h), 'bot moves').toBeGreaterThanOrEqual(n);
}

describe('server bots', () => {
  it(
    'play a whole match in every seat, a few moves a step each',
    { timeout: 150_000 },
    async () => {
      const matchID = await botMatch(server.url, 2);

      const record = await recordOf(server.url, matchID);
      expect(record, 'the match never ended').toBeDefined();

      // Moves per seat per step, read off the record: the clock tells the steps apart only
      // through the moves' order, so count runs of the same seat's moves between `done`s.
      const perStep = new Map<string, number>();
      let step = 0;
      for (const a of record!.actions) {
        const key = `${step}:${a.seat}`;
        perStep.set(key, (perStep.get(key) ?? 0) + 1);
        if (a.move === 'expire' || a.move === 'statement') step++;
      }
      const most = Math.max(...perStep.values());
      expect(most, JSON.stringify([...perStep])).toBeLessThanOrEqual(12);
      const postures = record!.actions.filter((a) => a.move === 'setPosture');
      expect(postures.length).toBeLessThanOrEqual(2 * 4 * 2);
      expect(record!.final.final?.outcome).toEqual(expect.any(String));
    },
  );

  it(
    'take up their match again after a SIGKILL, from the state its logged moves lead to',
    { timeout: 150_000 },
    async () => {
      // The whole state is written only at the start: every move before the kill is in the log
      // only, so the restarted server must replay them to know whose turn it is.
      const dataDir = tempDir('bc-bots-restart-');
      const env = { BOT_PACE: '0', SNAPSHOT_EVERY: '1000' };
      let first: ServerHandle | undefined = await startServer({ dataDir, env });
      let second: ServerHandle | undefined;
      try {
        // Long steps: the bots end each one long before its deadline, so a deadline that fires
        // during the restart cannot be what moves the match on.
        const matchID = await botMatch(first.url, 30);
        await untilBotMoves(first, 5);
        await first.kill('SIGKILL');
        first = undefined;

        second = await startServer({ dataDir, env });
        const record = await recordOf(second.url, matchID);
        expect(record, 'the match never ended after the restart').toBeDefined();
        // The bots moved again at once, from the boot's replayed state, not only once a deadline
        // had moved the match on (every state written arms them too).
        const events = second.logs.map((l) => l.event);
        const firstBot = events.indexOf('bot-move');
        const firstDeadline = events.indexOf('deadline');
        expect(firstBot).toBeGreaterThanOrEqual(0);
        expect(firstDeadline === -1 || firstBot < firstDeadline, events.join(' ')).toBe(true);
        expect(record!.final.final?.outcome).toEqual(expect.any(String));
      } finally {
        await first?.kill('SIGKILL');
        await second?.stop();
      }
    },
  );

  it('a clean stop (SIGTERM) leaves no move to replay', { timeout: 150_000 }, async () => {
    const dataDir = tempDir('bc-bots-stop-');
    const env = { BOT_PACE: '0', SNAPSHOT_EVERY: '1000' };
    const running = await startServer({ dataDir, env });
    try {
      await botMatch(running.url, 30);
      await untilBotMoves(running, 5);
      await running.kill('SIGTERM');
      const db = await PGlite.create(join(dataDir, 'pglite'));
      try {
        const { rows } = await db.query<{ tails: number }>(
          `SELECT count(*)::int AS tails FROM bc_matches WHERE snap_seq IS NOT NULL`,
        );
        expect(rows[0]!.tails).toBe(0);
      } finally {
        await db.close();
      }
    } finally {
      await running.stop();
    }
  });
});
