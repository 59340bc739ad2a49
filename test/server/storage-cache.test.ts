// The storage's cache of a match (server/storage.ts) against reads and writes that overlap: on a
// cluster a node that gains a match's lease drops its copy and reads the match again while a
// join's metadata write may still be on its way. A read from before that write must not be
// remembered over it (found by the cluster test: a seat's fresh credentials were refused).
import { rmSync } from 'node:fs';
import type { Server, State } from 'boardgame.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, SqlStorage, type SqlClient } from '../../server/storage';
import { tempDir } from './harness';

/** Holds every metadata UPDATE until `release` is called (the real PGlite underneath). */
function gated(sql: SqlClient) {
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  let held = 0;
  const client: SqlClient = {
    async query(text, params) {
      if (/^UPDATE bc_matches SET metadata/.test(text)) {
        held++;
        await gate;
      }
      return sql.query(text, params);
    },
    transaction: (fn) => sql.transaction(fn),
    close: () => sql.close(),
  };
  return { client, release: () => open(), held: () => held };
}

const metadata = (credentials?: string): Server.MatchData => ({
  gameName: 'backchannel',
  players: { 0: { id: 0, ...(credentials ? { name: 'Ana', credentials } : {}) } },
  createdAt: 1,
  updatedAt: 1,
});
const state = { _stateID: 0, ctx: { gameover: undefined }, G: {} } as unknown as State;

describe('the storage cache with overlapping reads and writes', () => {
  let dir: string;
  let sql: SqlClient;
  beforeAll(async () => {
    dir = tempDir('bc-cache-');
    sql = await openPglite(dir);
  });
  afterAll(async () => {
    await sql?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a read that overlapped a metadata write is not remembered over it', async () => {
    const g = gated(sql);
    const storage = new SqlStorage(g.client, () => null);
    await storage.connect();
    await storage.createMatch('m1', { initialState: state, metadata: metadata() });

    const joined = storage.setMetadata('m1', metadata('secret-1'));
    await expect.poll(g.held).toBe(1);
    // A lease gained meanwhile: the copy is dropped and the match read again, from before the
    // join's write.
    storage.evict('m1');
    const during = (await storage.fetch('m1', { metadata: true })) as {
      metadata: Server.MatchData;
    };
    expect(during.metadata.players[0]!.credentials).toBeUndefined();
    g.release();
    await joined;

    const after = (await storage.fetch('m1', { metadata: true })) as {
      metadata: Server.MatchData;
    };
    expect(after.metadata.players[0]!.credentials).toBe('secret-1');
  });
});
