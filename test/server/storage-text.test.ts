// A match's state is stored as the text it was written as (server/storage.ts): no jsonb parse on
// every write, and a state read back has its keys in the order they were written, so the
// transport's plain-JSON view texts compare equal. A store made when the columns were jsonb is
// converted in place when the server connects, and its matches read back whole.
import { rmSync } from 'node:fs';
import type { Server, State } from 'boardgame.io';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite, SqlStorage, type SqlClient } from '../../server/storage';
import { tempDir } from './harness';

const metadata: Server.MatchData = {
  gameName: 'backchannel',
  players: { 0: { id: 0, name: 'Ana' } },
  createdAt: 1,
  updatedAt: 1,
};
// Keys in an order jsonb would not keep (it sorts them by length, then bytes).
const state = {
  _stateID: 3,
  ctx: { gameover: undefined, turn: 2 },
  G: { zeta: 1, alpha: { long_key_name: true, b: [1, 2] }, mid: 'x' },
} as unknown as State;

describe('states stored as text', () => {
  let dir: string | undefined;
  let sql: SqlClient | undefined;
  afterEach(async () => {
    await sql?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reads a state back with its keys in the order it was written', async () => {
    dir = tempDir('bc-text-');
    sql = await openPglite(dir);
    const db = new SqlStorage(sql, () => null);
    await db.connect();
    await db.createMatch('m1', { initialState: state, metadata });
    db.evict('m1');
    const { state: back } = (await db.fetch('m1', { state: true })) as { state: State };
    expect(JSON.stringify(back)).toBe(JSON.stringify(state));
    const { rows } = await sql.query<{ data_type: string }>(
      `SELECT data_type FROM information_schema.columns WHERE table_name = 'bc_matches' AND column_name = 'state'`,
    );
    expect(rows[0]!.data_type).toBe('text');
  });

  it('converts a store whose state columns are jsonb, keeping its matches', async () => {
    dir = tempDir('bc-text-');
    sql = await openPglite(dir);
    await sql.query(`CREATE TABLE bc_matches (
      id text PRIMARY KEY, game text NOT NULL, state jsonb NOT NULL, initial_state jsonb NOT NULL,
      metadata jsonb NOT NULL, state_id integer NOT NULL, deadline bigint,
      gameover boolean NOT NULL DEFAULT false, updated_at bigint NOT NULL)`);
    await sql.query(
      `INSERT INTO bc_matches VALUES ('old', 'backchannel', $1, $1, $2, 3, NULL, false, 1)`,
      [JSON.stringify(state), JSON.stringify(metadata)],
    );
    const db = new SqlStorage(sql, () => null);
    await db.connect();
    const { state: back, initialState } = (await db.fetch('old', {
      state: true,
      initialState: true,
    })) as { state: State; initialState: State };
    expect(back).toEqual(JSON.parse(JSON.stringify(state)));
    expect(initialState).toEqual(JSON.parse(JSON.stringify(state)));
    const { rows } = await sql.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_name = 'bc_matches' AND column_name IN ('state', 'initial_state')`,
    );
    expect(rows.map((r) => r.data_type)).toEqual(['text', 'text']);
    // And it takes a new state.
    await db.setState('old', { ...state, _stateID: 4 } as State, []);
    db.evict('old');
    const { state: next } = (await db.fetch('old', { state: true })) as { state: State };
    expect(next._stateID).toBe(4);
  });
});
