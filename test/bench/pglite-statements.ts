// bench:pglite — what one move's write costs the embedded database, statement by statement
// (docs/STORAGE.md, "Snapshots"). PGlite in this process, the server's own schema and bc_move
// function (SqlStorage.connect), 500 matches holding a real match's last state before its end (an
// 8-round match played by bots), then N writes of each kind:
//
//   npm run bench:pglite [-- --writes 3000]
//
// "before" is the statement a move was until the snapshots: the whole state, compressed, in one
// CTE statement planned at every call. `SELECT 1` is what any statement costs PGlite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { SqlStorage, type SqlClient } from '../../server/storage';
import { replayRecord } from '../../src/game/replay';
import { playedRecord } from '../game/played-record';

const { values } = parseArgs({ options: { writes: { type: 'string', default: '3000' } } });
const WRITES = Number(values.writes);
const MATCHES = 500;

const CTE = `WITH last AS (SELECT COALESCE(MAX(seq), -1) AS seq FROM bc_log WHERE match_id = $1),
  upd AS (UPDATE bc_matches SET state_id = $3, deadline = $4, gameover = $5, updated_at = $6,
      metadata = COALESCE($7::jsonb, metadata),
      state = CASE WHEN $9::boolean THEN $2 ELSE state END,
      snap_seq = CASE WHEN $9::boolean THEN NULL ELSE COALESCE(snap_seq, (SELECT seq FROM last) + 1) END
    WHERE id = $1 AND state_id <= $3 RETURNING id),
  ins AS (INSERT INTO bc_log (match_id, seq, entry)
    SELECT upd.id, (SELECT seq FROM last) + e.ord, e.entry
    FROM upd, jsonb_array_elements($8::jsonb) WITH ORDINALITY AS e(entry, ord))
  SELECT count(*) AS landed FROM upd`;
const FUNCTION = `SELECT bc_move($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, NULL, NULL) AS landed`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bc-bench-pglite-'));
  const db = await PGlite.create(dir);
  const client: SqlClient = {
    query: async (sql, params) => ({ rows: (await db.query(sql, params ?? [])).rows as never[] }),
    transaction: (fn) =>
      db.transaction((tx) =>
        fn(async (sql, params) => ({ rows: (await tx.query(sql, params ?? [])).rows as never[] })),
      ),
    close: () => db.close(),
  };
  await new SqlStorage(client, () => null).connect();
  // A real match's state, where it is largest: its last one before the end (a played match).
  const record = playedRecord('bench-pglite', { timers: 'blitz', rounds: 8 });
  let last = '';
  replayRecord(record, (s) => {
    if (s.ctx.gameover === undefined) last = JSON.stringify(s);
  });
  const state = last;
  const metadata = JSON.stringify({ gameName: 'backchannel', players: { 0: { id: 0 } } });
  const entry = JSON.stringify([
    {
      action: { type: 'MAKE_MOVE', payload: { type: 'relay', args: ['m1', {}], playerID: '2' } },
      _stateID: 5,
      turn: 1,
      phase: null,
      metadata: { at: 1_700_000_000_000 },
    },
  ]);
  for (let i = 0; i < MATCHES; i++)
    await db.query(
      `INSERT INTO bc_matches (id, game, state, initial_state, metadata, state_id, deadline, updated_at)
       VALUES ($1, 'backchannel', $2, $2, $3, 0, 5, 0)`,
      [`m${i}`, state, metadata],
    );
  let stateID = 1;
  const rows: [string, number][] = [];
  const time = async (label: string, fn: (i: number) => Promise<unknown>) => {
    const start = performance.now();
    for (let i = 0; i < WRITES; i++) await fn(i);
    rows.push([label, (performance.now() - start) / WRITES]);
  };
  const params = (i: number, whole: boolean) => [
    `m${i % MATCHES}`,
    whole ? state.replace('"G":{', `"G":{"n":${i},`) : null,
    stateID++,
    5,
    false,
    i,
    metadata,
    entry,
    whole,
  ];
  await time('before: the whole state, compressed, CTE statement', (i) =>
    db.query(CTE, params(i, true)),
  );
  await db.query(`ALTER TABLE bc_matches ALTER COLUMN state SET STORAGE EXTERNAL`);
  await time('the whole state, uncompressed, CTE statement', (i) => db.query(CTE, params(i, true)));
  await time('log row and small columns, CTE statement', (i) => db.query(CTE, params(i, false)));
  await time('log row and small columns, bc_move', (i) => db.query(FUNCTION, params(i, false)));
  await time('the whole state, uncompressed, bc_move', (i) => db.query(FUNCTION, params(i, true)));
  await time('SELECT 1', () => db.query('SELECT 1'));
  await db.close();
  rmSync(dir, { recursive: true, force: true });
  console.info(
    `bench:pglite: ${MATCHES} matches, a ${state.length}-byte state, ${WRITES} writes each\n`,
  );
  console.info('| write of one move | ms |\n|---|---|');
  for (const [label, ms] of rows) console.info(`| ${label} | ${ms.toFixed(3)} |`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
