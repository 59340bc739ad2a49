// Match storage for boardgame.io on SQL: PostgreSQL when DATABASE_URL is set, otherwise PGlite
// (PostgreSQL compiled to WebAssembly, in-process, persisted to a folder), so both share one
// schema and one adapter. The log is appended row by row, never rewritten; a state write only
// lands if it is newer than the stored one; each match's deadline is kept in its own column so
// the scheduler can re-arm every unfinished match at boot.
import type { LogEntry, Server, State } from 'boardgame.io';
import { Async } from 'boardgame.io/internal';

export interface SqlClient {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs `fn` in one transaction. */
  transaction<T>(fn: (q: SqlClient['query']) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

interface FetchOpts {
  state?: boolean;
  log?: boolean;
  metadata?: boolean;
  initialState?: boolean;
}
interface FetchFields {
  state: State;
  log: LogEntry[];
  metadata: Server.MatchData;
  initialState: State;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS bc_matches (
     id text PRIMARY KEY,
     game text NOT NULL,
     state jsonb NOT NULL,
     initial_state jsonb NOT NULL,
     metadata jsonb NOT NULL,
     state_id integer NOT NULL,
     deadline bigint,
     gameover boolean NOT NULL DEFAULT false,
     updated_at bigint NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS bc_matches_deadline ON bc_matches (deadline) WHERE deadline IS NOT NULL`,
  `CREATE TABLE IF NOT EXISTS bc_log (
     match_id text NOT NULL REFERENCES bc_matches (id) ON DELETE CASCADE,
     seq integer NOT NULL,
     entry jsonb NOT NULL,
     PRIMARY KEY (match_id, seq)
   )`,
];

export interface StoredDeadline {
  matchID: string;
  deadline: number;
}

export class SqlStorage extends Async {
  /** Called after every state write that landed: the scheduler re-arms from it. */
  onState: (matchID: string, state: State) => void = () => {};
  /** May adjust a new match's metadata before it is stored (bot seats are taken here). */
  beforeCreate: (metadata: Server.MatchData) => void = () => {};
  /**
   * cluster: a condition every state write must also meet in the same statement (this node holds
   * the match's lease: server/cluster/lease.ts), and, when a write did not land, whether the fence
   * refused it; a refused write throws, so nobody is told of the move.
   */
  fence?: {
    condition(matchID: string, from: number): { sql: string; params: unknown[] };
    refused(matchID: string): Promise<boolean>;
  };

  constructor(
    private readonly sql: SqlClient,
    private readonly deadlineOf: (state: State) => number | null,
  ) {
    super();
  }

  async connect(): Promise<void> {
    for (const statement of SCHEMA) await this.sql.query(statement);
  }

  async close(): Promise<void> {
    await this.sql.close();
  }

  override async createMatch(
    matchID: string,
    opts: { initialState: State; metadata: Server.MatchData },
  ): Promise<void> {
    const { initialState, metadata } = opts;
    this.beforeCreate(metadata);
    await this.sql.query(
      `INSERT INTO bc_matches (id, game, state, initial_state, metadata, state_id, deadline, gameover, updated_at)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8)`,
      [
        matchID,
        metadata.gameName,
        JSON.stringify(initialState),
        JSON.stringify(metadata),
        initialState._stateID,
        this.deadlineOf(initialState),
        initialState.ctx.gameover !== undefined,
        metadata.updatedAt ?? Date.now(),
      ],
    );
    this.onState(matchID, initialState);
  }

  async setState(matchID: string, state: State, deltalog?: LogEntry[]): Promise<void> {
    const fence = this.fence?.condition(matchID, 7); // cluster: the lease (server/cluster/lease.ts)
    const landed = await this.sql.transaction(async (q) => {
      const result = await q<{ id: string }>(
        `UPDATE bc_matches SET state = $2, state_id = $3, deadline = $4, gameover = $5, updated_at = $6
         WHERE id = $1 AND state_id <= $3${fence ? ` AND ${fence.sql}` : ''} RETURNING id`,
        [
          matchID,
          JSON.stringify(state),
          state._stateID,
          this.deadlineOf(state),
          state.ctx.gameover !== undefined,
          Date.now(),
          ...(fence?.params ?? []),
        ],
      );
      if (result.rows.length === 0) return false;
      if (deltalog && deltalog.length > 0) {
        const { rows } = await q<{ next: number }>(
          `SELECT COALESCE(MAX(seq), -1) + 1 AS next FROM bc_log WHERE match_id = $1`,
          [matchID],
        );
        let seq = Number(rows[0]?.next ?? 0);
        for (const entry of deltalog)
          await q(`INSERT INTO bc_log (match_id, seq, entry) VALUES ($1, $2, $3)`, [
            matchID,
            seq++,
            JSON.stringify(entry),
          ]);
      }
      return true;
    });
    if (landed) this.onState(matchID, state);
    else if (this.fence && (await this.fence.refused(matchID)))
      throw new Error(`state write of match ${matchID} refused: this node lost its lease`);
  }

  async setMetadata(matchID: string, metadata: Server.MatchData): Promise<void> {
    await this.sql.query(`UPDATE bc_matches SET metadata = $2, updated_at = $3 WHERE id = $1`, [
      matchID,
      JSON.stringify(metadata),
      metadata.updatedAt ?? Date.now(),
    ]);
  }

  // boardgame.io types the result by the options asked for; fields of a missing match are absent.
  async fetch<O extends FetchOpts>(matchID: string, opts: O): Promise<never> {
    const out: Partial<FetchFields> = {};
    const columns = [
      opts.state && 'state',
      opts.metadata && 'metadata',
      opts.initialState && 'initial_state',
    ].filter(Boolean);
    if (columns.length > 0) {
      const { rows } = await this.sql.query<{
        state?: State;
        metadata?: Server.MatchData;
        initial_state?: State;
      }>(`SELECT ${columns.join(', ')} FROM bc_matches WHERE id = $1`, [matchID]);
      const row = rows[0];
      if (row) {
        if (opts.state) out.state = parseJson(row.state);
        if (opts.metadata) out.metadata = parseJson(row.metadata);
        if (opts.initialState) out.initialState = parseJson(row.initial_state);
      }
    }
    if (opts.log) {
      const { rows } = await this.sql.query<{ entry: LogEntry }>(
        `SELECT entry FROM bc_log WHERE match_id = $1 ORDER BY seq`,
        [matchID],
      );
      out.log = rows.map((r) => parseJson(r.entry));
    }
    return out as never;
  }

  async wipe(matchID: string): Promise<void> {
    await this.sql.query(`DELETE FROM bc_matches WHERE id = $1`, [matchID]);
  }

  override async listMatches(opts?: {
    gameName?: string;
    where?: { isGameover?: boolean; updatedBefore?: number; updatedAfter?: number };
  }): Promise<string[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      clauses.push(clause.replace('?', `$${params.length}`));
    };
    if (opts?.gameName) add('game = ?', opts.gameName);
    if (opts?.where?.isGameover !== undefined) add('gameover = ?', opts.where.isGameover);
    if (opts?.where?.updatedBefore !== undefined) add('updated_at < ?', opts.where.updatedBefore);
    if (opts?.where?.updatedAfter !== undefined) add('updated_at > ?', opts.where.updatedAfter);
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const { rows } = await this.sql.query<{ id: string }>(
      `SELECT id FROM bc_matches ${where} ORDER BY updated_at DESC`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** Every unfinished match, for re-arming timers and bots at boot. */
  async unfinishedStates(): Promise<{ matchID: string; state: State }[]> {
    const { rows } = await this.sql.query<{ id: string; state: State }>(
      `SELECT id, state FROM bc_matches WHERE NOT gameover`,
    );
    return rows.map((r) => ({ matchID: r.id, state: parseJson<State>(r.state) }));
  }

  /** Every unfinished match with a deadline, for re-arming at boot. */
  async pendingDeadlines(): Promise<StoredDeadline[]> {
    const { rows } = await this.sql.query<{ id: string; deadline: string | number }>(
      `SELECT id, deadline FROM bc_matches WHERE deadline IS NOT NULL AND NOT gameover`,
    );
    return rows.map((r) => ({ matchID: r.id, deadline: Number(r.deadline) }));
  }
}

/** pg returns jsonb parsed; PGlite too, but be tolerant of text. */
function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export async function openPglite(dataDir: string): Promise<SqlClient> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dataDir);
  return {
    query: async (sql, params) => {
      const result = await db.query(sql, params as unknown[]);
      return { rows: result.rows as never[] };
    },
    transaction: (fn) =>
      db.transaction(async (tx) =>
        fn(async (sql, params) => {
          const result = await tx.query(sql, params as unknown[]);
          return { rows: result.rows as never[] };
        }),
      ),
    close: () => db.close(),
  };
}

export async function openPostgres(url: string): Promise<SqlClient> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('SELECT 1');
  return {
    query: async (sql, params) => {
      const result = await pool.query(sql, params as unknown[]);
      return { rows: result.rows as never[] };
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(async (sql, params) => {
          const result = await client.query(sql, params as unknown[]);
          return { rows: result.rows as never[] };
        });
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK');
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
