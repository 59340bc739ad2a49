// No move that anyone was told of is lost in a crash. Two seats make moves as fast as the server
// answers them, the server is killed with SIGKILL while more are in flight, and storage is read
// directly afterwards: every move a seat saw acknowledged (bc:accepted), and every view change a
// seat was sent, is in the stored log. Then the server restarts on the same storage and the
// match's state is the one that log leads to.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import type { LogEntry } from 'boardgame.io';
import {
  SeatClient,
  makeMove,
  newMatch,
  openSeats,
  startServer,
  tempDir,
  type ServerHandle,
} from './harness';

const dataDir = tempDir('bc-acked-');
let server: ServerHandle | undefined;

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const POSTURES = {
  '0': [{ enforcement: 'relax' }, { enforcement: 'tighten' }],
  '1': [
    { proxyLeash: 'restrain', enrichment: 'steady' },
    { proxyLeash: 'loose', enrichment: 'steady' },
  ],
} as const;

describe('a SIGKILL loses no acknowledged move', () => {
  it('every acknowledged move and every view sent is in storage after the kill', async () => {
    server = await startServer({ dataDir });
    const { matchID, credentials } = await newMatch(server.url, { rounds: 4 });
    const seats = await openSeats(server.url, matchID, credentials);
    const acked = { '0': 0, '1': 0 };
    const PER_SEAT = 25;

    // Each principal changes its posture back and forth: each accepted move changes its own view
    // (and nobody else's: postures are secret in drafting).
    await Promise.all(
      (['0', '1'] as const).map(async (seat) => {
        for (let i = 0; i < PER_SEAT; i++) {
          await seats[seat].must('setPosture', POSTURES[seat][(i + 1) % 2]);
          acked[seat]++;
        }
      }),
    );
    // More moves in flight, and the kill at the very moment the first of them is seen: had the
    // server told a socket before the write landed, that write would still be under way.
    const running = server;
    let killed: Promise<unknown> | undefined;
    seats['0'].raw.hooks.push((f) => {
      if (!killed && (f.event === 'update' || f.event === 'bc:accepted')) killed = running.kill();
    });
    for (const seat of ['0', '1'] as const)
      for (let i = 0; i < 3; i++)
        seats[seat].raw.emit(
          'update',
          makeMove('setPosture', [POSTURES[seat][i % 2]], seat, credentials[seat]),
          seats[seat].state._stateID,
          matchID,
          seat,
        );
    await seats['0'].raw.until(() => killed, 10_000, 'the first in-flight answer');
    await killed;
    const viewsSent = { '0': seats['0'].state._stateID - 1, '1': seats['1'].state._stateID - 1 };
    for (const seat of ['0', '1', '2'] as const) seats[seat].raw.close();

    const db = await PGlite.create(join(dataDir, 'pglite'));
    let lastStored: Record<string, unknown> = {};
    try {
      const { rows } = await db.query<{ entry: LogEntry }>(
        `SELECT entry FROM bc_log WHERE match_id = $1 ORDER BY seq`,
        [matchID],
      );
      const stored = { '0': 0, '1': 0 };
      for (const { entry } of rows) {
        const { type, playerID, args } = entry.action.payload as {
          type: string;
          playerID: '0' | '1';
          args: unknown[];
        };
        if (type !== 'setPosture') continue;
        stored[playerID]++;
        lastStored = { ...lastStored, [playerID]: args[0] };
      }
      for (const seat of ['0', '1'] as const) {
        expect(acked[seat]).toBe(PER_SEAT);
        expect(stored[seat], `seat ${seat}: acknowledged moves in storage`).toBeGreaterThanOrEqual(
          acked[seat],
        );
        expect(
          stored[seat],
          `seat ${seat}: views sent, each from a stored move`,
        ).toBeGreaterThanOrEqual(viewsSent[seat]);
        // Positive control: the seat really was sent a view per acknowledged move (B's first
        // one may repeat its starting posture).
        expect(viewsSent[seat]).toBeGreaterThanOrEqual(PER_SEAT - 1);
      }
    } finally {
      await db.close();
    }

    // The restarted server serves the state the stored log leads to.
    server = await startServer({ dataDir });
    for (const seat of ['0', '1'] as const) {
      const client = await SeatClient.open(server.url, matchID, seat, credentials[seat]);
      expect(client.G.postures[seat]).toMatchObject(lastStored[seat] as object);
      client.raw.close();
    }
  });
});
