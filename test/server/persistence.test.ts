// A match survives a SIGKILL: after a restart on the same storage every seat re-syncs with its
// stored credentials, gets back exactly the view it had, and the match goes on to its end. The
// same test runs on PGlite (the default) and on a real PostgreSQL server (DATABASE_URL).
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seat } from '../../src/game/types';
import {
  Policy,
  RawSocket,
  SEATS,
  SeatClient,
  essence,
  fetchView,
  http,
  makeMove,
  newMatch,
  openSeats,
  playToEnd,
  settle as settleAll,
  startServer,
  tempDir,
  type ServerHandle,
} from './harness';
import { runPostgresTests, startPostgres, type Postgres } from './postgres';

async function killAndResume(storage: 'pglite' | 'postgres', env: Record<string, string>) {
  const dataDir = tempDir('bc-persist-');
  let server: ServerHandle | undefined;
  try {
    server = await startServer({ dataDir, env });
    const health = await http(server.url, '/api/health');
    expect((health.json as { storage: string }).storage).toBe(storage);

    const { matchID, credentials } = await newMatch(server.url, { rounds: 4 });
    const seats = await openSeats(server.url, matchID, credentials);
    const spectator = await SeatClient.open(server.url, matchID, null);
    /** Waits until every socket has received its latest view (state ids differ per socket). */
    const settle = () =>
      settleAll(server!.url, [...SEATS.map((seat) => seats[seat]), spectator], credentials);

    // Round 1, drafting: postures and memos from both sides.
    await seats['0'].must('setPosture', { enforcement: 'tighten' });
    await seats['0'].must('draftMemo', {
      clauses: [
        { id: 'sanctions_relief', size: 'bn2', giver: 'self' },
        { id: 'enrichment_cap', size: 'pause', giver: 'other' },
      ],
      text: 'PERSIST-A-1: relief for a pause.',
    });
    await seats['0'].must('draftMemo', { clauses: [], text: 'PERSIST-A-2: we are listening.' });
    await seats['1'].must('setPosture', { proxyLeash: 'restrain', enrichment: 'pause' });
    await seats['1'].must('draftMemo', {
      clauses: [{ id: 'humanitarian_pause', size: 'd7', giver: 'both' }],
      text: 'PERSIST-B-1: a week of quiet.',
    });
    await seats['0'].must('done');
    await seats['1'].must('done');
    await settle();

    // Mediation: a relay with a reframe and a note, a plain relay of a message, a hold.
    const memos = seats['2'].G.memos;
    expect(memos).toHaveLength(3);
    const a1 = memos.find((m) => m.text.startsWith('PERSIST-A-1'))!;
    const a2 = memos.find((m) => m.text.startsWith('PERSIST-A-2'))!;
    const b1 = memos.find((m) => m.text.startsWith('PERSIST-B-1'))!;
    await seats['2'].must('relay', a1.id, {
      reframes: [{ clause: 0, delta: 1 }],
      note: 'Washington moves first.',
    });
    await seats['2'].must('relay', a2.id);
    await seats['2'].must('hold', b1.id);
    await seats['2'].must('done');
    await settle();

    // Response, mid-step: B accepts A's relayed memo (as delivered); A has not said done yet.
    expect(seats['1'].G.step).toBe('response');
    const delivered = seats['1'].G.proposals.find((p) => p.memoId === a1.id)!;
    expect(delivered.clauses[0]).toMatchObject({ id: 'sanctions_relief', size: 'bn5' });
    await seats['1'].must('respond', delivered.id, 'accept');
    await settle();
    expect(seats['1'].G.pending).toEqual(['0']);

    const before = new Map<Seat | null, ReturnType<typeof essence>>();
    for (const seat of SEATS) before.set(seat, essence(seats[seat].state));
    before.set(null, essence(spectator.state));
    // The same views through fresh syncs: every write has landed (a sync queues after it).
    for (const [seat, view] of before)
      expect(
        essence(
          await fetchView(server.url, matchID, seat, seat === null ? undefined : credentials[seat]),
        ),
      ).toEqual(view);

    const exit = await server.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    for (const seat of SEATS) seats[seat].close();
    spectator.close();

    server = await startServer({ dataDir, env });
    // A tab coming back sends its sync and at once a move it had queued. Nothing is cached after
    // the restart, so the sync takes a while: the move waits for it, and is judged by the rules
    // (this one is not the seat's to make) instead of refused as "not synced".
    const returning = await RawSocket.connect(server.url, { query: { matchID } });
    const mark = returning.emit('sync', matchID, '0', credentials['0'], 3);
    returning.emit('update', makeMove('hold', ['m-x'], '0', credentials['0']), 1, matchID, '0');
    const answer = await returning.waitFor((f) => f.event === 'bc:refused', mark);
    expect((answer.args[0] as { code: string }).code).toBe('illegal-move');
    returning.close();
    const again = await openSeats(server.url, matchID, credentials);
    for (const seat of SEATS) {
      expect(essence(again[seat].state)).toEqual(before.get(seat));
      // A new socket's versions start again at 1: no trace of how many moves were made.
      expect(again[seat].state._stateID).toBe(1);
    }
    const watcher = await SeatClient.open(server.url, matchID, null);
    expect(essence(watcher.state)).toEqual(before.get(null));

    // Wrong credentials are still wrong after the restart.
    const intruder = await RawSocket.connect(server.url);
    for (const wrong of ['not-the-credentials', credentials['1']]) {
      const answer = await intruder.sync(matchID, '0', wrong);
      expect(answer.event).toBe('bc:error');
      expect((answer.args[0] as { code: string }).code).toBe('unauthorized');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(intruder.frames.some((f) => f.event === 'sync' || f.event === 'update')).toBe(false);
    intruder.close();

    // The match goes on to its end.
    const refusals = await playToEnd(again, new Policy({ tag: `P${storage}` }));
    expect(refusals).toEqual([]);
    const G = again['0'].G;
    expect(again['0'].state.ctx.gameover).toBeDefined();
    expect(G.final).toBeDefined();
    const final = new Map(G.memos.map((m) => [m.id, m]));
    expect(final.get(a1.id)?.delivery?.reframes).toEqual([{ clause: 0, from: 'bn2', to: 'bn5' }]);
    expect(final.get(a1.id)?.text).toBe(a1.text);
    expect(final.get(b1.id)?.heldSteps).toBeGreaterThanOrEqual(1);
    expect(G.proposals.find((p) => p.id === delivered.id)?.answers['1']).toBe('accept');
    for (const seat of SEATS) again[seat].close();
    watcher.close();
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('persistence on PGlite (the default)', { timeout: 150_000 }, () => {
  it('SIGKILL mid-match, restart, every seat gets its view back, the match ends', async () => {
    await killAndResume('pglite', {});
  });
});

describe.runIf(runPostgresTests())('persistence on PostgreSQL', { timeout: 150_000 }, () => {
  let pg: Postgres | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 90_000);
  afterAll(async () => {
    await pg?.stop();
  });

  it('SIGKILL mid-match, restart, every seat gets its view back, the match ends', async () => {
    await killAndResume('postgres', { DATABASE_URL: pg!.url });
  });
});
