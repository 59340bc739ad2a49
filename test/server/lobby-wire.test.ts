// The lobby at the wire (src/game/lobby.ts, server/transport.ts, server/lobby.ts): a blitz match
// created with a lobby has no deadline until the third seat is ready; forged ready/start packets
// (another seat, wrong credentials, a spectator) are refused and change nothing; a seat left in
// the lobby can be taken again and is no longer ready; the creator's start puts bots in the empty
// seats and the clock starts then; no lobby frame carries a secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SeatClient,
  createMatch,
  essence,
  fetchView,
  getMatch,
  joinSeat,
  leaveSeat,
  makeMove,
  startServer,
  stateFrames,
  stateOf,
  type ServerHandle,
} from './harness';

let server: ServerHandle;
beforeAll(async () => {
  server = await startServer({ env: { BOT_PACE: '0' } });
}, 90_000);
afterAll(async () => server?.stop());

const BLITZ = { rounds: 4, timers: 'blitz', lobby: { host: '0' } } as const;

describe('the lobby over raw sockets', { timeout: 60_000 }, () => {
  it('the deadline is not set until the third seat is ready; forgeries change nothing', async () => {
    const matchID = await createMatch(server.url, BLITZ);
    const cred = {
      '0': await joinSeat(server.url, matchID, '0'),
      '1': await joinSeat(server.url, matchID, '1'),
      '2': await joinSeat(server.url, matchID, '2'),
    };
    const a = await SeatClient.open(server.url, matchID, '0', cred['0']);
    const b = await SeatClient.open(server.url, matchID, '1', cred['1']);
    const broker = await SeatClient.open(server.url, matchID, '2', cred['2']);
    const watcher = await SeatClient.open(server.url, matchID, null);
    expect(a.G.lobby).toEqual({ host: '0', ready: [] });
    expect(a.G.clock.deadline).toBeNull();

    await a.must('ready');
    await b.must('ready');
    expect(a.G.clock.deadline).toBeNull();
    const before = essence(await fetchView(server.url, matchID, '2', cred['2']));

    // Forgeries: another seat's ready or start, wrong credentials, a spectator, the wrong match.
    const forged = [
      ['update', makeMove('ready', [], '2', cred['2']), 1, matchID, '2'],
      ['update', makeMove('start', [], '0', cred['0']), 1, matchID, '0'],
      ['update', makeMove('ready', [], '1', 'not-the-credentials'), 1, matchID, '1'],
      ['update', makeMove('start', [], '1', cred['1']), 1, matchID, '1'],
    ] as const;
    // The broker's socket sends packets for seats 0 and 1, and seat 1 with bad credentials.
    for (const [event, ...args] of forged.slice(0, 2)) {
      const r = await b.raw.refusal(event, ...args);
      expect(r.code).toMatch(/wrong-seat|bad-credentials/);
    }
    const bad = await b.raw.refusal(...forged[2]);
    expect(bad.code).toBe('bad-credentials');
    // Seat 1 itself may not start: only the creator's seat may.
    const notHost = await b.move('start');
    expect(notHost.ok).toBe(false);
    const spectator = await watcher.raw.refusal(
      'update',
      makeMove('ready', [], '2', cred['2']),
      1,
      matchID,
      '2',
    );
    expect(spectator.code).toBe('spectator');
    // A fresh socket with wrong credentials cannot even bind the broker's seat.
    await expect(SeatClient.open(server.url, matchID, '2', 'forged')).rejects.toThrow(/sync/);
    expect(essence(await fetchView(server.url, matchID, '2', cred['2']))).toEqual(before);

    const readyAt = Date.now();
    await broker.must('ready');
    const started = await a.when((s) => s.G.clock.deadline !== null, 10_000, 'the clock');
    expect(started.G.lobby).toBeUndefined();
    expect(started.G.step).toBe('drafting');
    expect(started.G.clock.deadline! - started.G.clock.startedAt).toBe(60_000);
    expect(started.G.clock.startedAt).toBeGreaterThanOrEqual(readyAt - 1_000);

    // No frame of the lobby carried an agenda, the mandate, or the broker's counts.
    for (const c of [a, b, broker, watcher]) {
      for (const f of stateFrames(c.raw.frames)) {
        const G = stateOf(f)!.G;
        if (!G.lobby) continue;
        expect(G.agendas).toEqual({});
        expect(G.mandate).toBeUndefined();
        expect(G.stats).toBeUndefined();
        expect(G.breakout.true).toBeUndefined();
      }
    }
    for (const c of [a, b, broker, watcher]) c.close();
  });

  it('a seat left in the lobby is taken again; the creator starts with a bot in the empty seat', async () => {
    const matchID = await createMatch(server.url, BLITZ);
    const host = await joinSeat(server.url, matchID, '0', 'Ann');
    const leaver = await joinSeat(server.url, matchID, '1', 'Bob');
    const a = await SeatClient.open(server.url, matchID, '0', host);
    const b = await SeatClient.open(server.url, matchID, '1', leaver);
    await b.must('ready');
    b.close();
    const left = await leaveSeat(server.url, matchID, '1', leaver);
    expect(left.status).toBe(200);
    await a.when((s) => s.G.lobby?.ready.length === 0, 10_000, 'the ready taken back');
    // Taken again by someone else.
    const again = await joinSeat(server.url, matchID, '1', 'Cleo');
    const c = await SeatClient.open(server.url, matchID, '1', again);
    expect(a.G.clock.deadline).toBeNull();

    // The creator starts: the broker's empty seat goes to a bot; Cleo, joined but not ready,
    // keeps hers (the server names the empty seats, not the client's view of who is ready).
    await a.must('start');
    const s = await a.when((x) => x.G.clock.deadline !== null, 10_000, 'the clock');
    expect(s.G.options.bots).toEqual({ '2': { level: 'normal' } });
    const info = await getMatch(server.url, matchID);
    const players = (info.json as { players: { id: number; name?: string }[] }).players;
    expect(players.map((p) => p.name)).toEqual(['Ann', 'Cleo', 'Bot (normal)']);
    // Once the match is under way a seat can no longer be left.
    expect((await leaveSeat(server.url, matchID, '1', again)).status).toBe(409);
    a.close();
    c.close();
  });
});
