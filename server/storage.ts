// Match storage for boardgame.io on SQL: PostgreSQL when DATABASE_URL is set, otherwise PGlite
// (PostgreSQL compiled to WebAssembly, in-process, persisted to a folder), so both share one
// schema and one adapter. The log is appended row by row, never rewritten; a state write only
// lands if it is newer than the stored one; each match's deadline is kept in its own column so
// the scheduler can re-arm every unfinished match at boot.
//
// A move's write is its log entries and the match's small columns; the whole state is written
// only every few moves (and at the end), and a read from storage replays the moves logged since
// that snapshot through the rules (`replay`), which give exactly the state the master had
// (docs/STORAGE.md, "Snapshots").
import type { LogEntry, Server, State } from 'boardgame.io';
import { Async } from 'boardgame.io/internal';
import { Worker } from 'node:worker_threads';

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
     state text NOT NULL,
     initial_state text NOT NULL,
     metadata jsonb NOT NULL,
     state_id integer NOT NULL,
     deadline bigint,
     gameover boolean NOT NULL DEFAULT false,
     updated_at bigint NOT NULL
   )`,
  // The first log row after the stored state (a snapshot), or NULL when the stored state is current.
  `ALTER TABLE bc_matches ADD COLUMN IF NOT EXISTS snap_seq integer`,
  `CREATE INDEX IF NOT EXISTS bc_matches_deadline ON bc_matches (deadline) WHERE deadline IS NOT NULL`,
  `CREATE TABLE IF NOT EXISTS bc_log (
     match_id text NOT NULL REFERENCES bc_matches (id) ON DELETE CASCADE,
     seq integer NOT NULL,
     entry jsonb NOT NULL,
     PRIMARY KEY (match_id, seq)
   )`,
];

/**
 * A move's write, as one function so that its plan is made once per connection, not at every move
 * (a third of the embedded database's time went into planning the same statement: docs/STORAGE.md).
 * It lands only when the state is not older than the stored one and, on a cluster, when this node
 * still holds the match's lease (`p_node`, `p_epoch`; the lease row is share-locked until commit,
 * so a takeover waits for the write or fences it out). The whole state is written only when
 * `p_snapshot`; otherwise `snap_seq` keeps the first log row after the stored one.
 */
const MOVE_FUNCTION = `CREATE OR REPLACE FUNCTION bc_move(
    p_id text, p_state text, p_state_id integer, p_deadline bigint, p_gameover boolean,
    p_updated bigint, p_metadata jsonb, p_entries jsonb, p_snapshot boolean,
    p_node text, p_epoch bigint)
  RETURNS boolean LANGUAGE plpgsql AS $fn$
DECLARE last_seq integer;
BEGIN
  IF p_node IS NOT NULL THEN
    PERFORM 1 FROM bc_leases
      WHERE match_id = p_id AND node = p_node AND epoch = p_epoch FOR SHARE;
    IF NOT FOUND THEN RETURN false; END IF;
  END IF;
  SELECT COALESCE(MAX(seq), -1) INTO last_seq FROM bc_log WHERE match_id = p_id;
  UPDATE bc_matches SET state_id = p_state_id, deadline = p_deadline, gameover = p_gameover,
      updated_at = p_updated, metadata = COALESCE(p_metadata, metadata),
      state = CASE WHEN p_snapshot THEN p_state ELSE state END,
      snap_seq = CASE WHEN p_snapshot THEN NULL ELSE COALESCE(snap_seq, last_seq + 1) END
    WHERE id = p_id AND state_id <= p_state_id;
  IF NOT FOUND THEN RETURN false; END IF;
  INSERT INTO bc_log (match_id, seq, entry)
    SELECT p_id, last_seq + e.ord, e.entry
    FROM jsonb_array_elements(p_entries) WITH ORDINALITY AS e(entry, ord);
  RETURN true;
END
$fn$`;

export interface StoredDeadline {
  matchID: string;
  deadline: number;
}

interface Cached {
  state: State;
  metadata: Server.MatchData;
  /** Moves logged since the stored snapshot (the state column); unknown when absent. */
  since?: number;
}

export interface StorageOptions {
  /**
   * The state `state` leads to through `entries` (the log rows after it, in order). Without it
   * every move writes the whole state.
   */
  replay?: (state: State, entries: LogEntry[]) => State;
  /** At most this many moves are logged past the stored snapshot (1: every move writes it). */
  snapshotEvery?: number;
}

/** A move the log can replay exactly: a move (not an event) stamped with its time. */
function replayable(entries: LogEntry[] | undefined): boolean {
  return (
    entries !== undefined &&
    entries.length > 0 &&
    entries.every(
      (e) =>
        e.action.type !== 'MAKE_MOVE' ||
        typeof (e.metadata as { at?: unknown } | undefined)?.at === 'number',
    )
  );
}

/** What a metadata write changes that needs no durable write: presence and the clock. */
function sameButPresence(a: Server.MatchData, b: Server.MatchData): boolean {
  const strip = (m: Server.MatchData) =>
    JSON.stringify({
      ...m,
      updatedAt: 0,
      players: Object.fromEntries(
        Object.entries(m.players).map(([k, { isConnected: _c, ...p }]) => [k, p]),
      ),
    });
  return strip(a) === strip(b);
}

/** The log rows after a match's stored snapshot (alias `m` for bc_matches), in order, or NULL. */
const TAIL = `(SELECT json_agg(l.entry ORDER BY l.seq) FROM bc_log l
   WHERE l.match_id = m.id AND l.seq >= m.snap_seq) AS tail`;

/** Matches kept in memory at most; the least recently used beyond this are read back on demand. */
const CACHE_LIMIT = 20_000;

export class SqlStorage extends Async {
  /** Called after every state write that landed: the scheduler re-arms from it. */
  onState: (matchID: string, state: State) => void = () => {};
  /** May adjust a new match's metadata before it is stored (bot seats are taken here). */
  beforeCreate: (metadata: Server.MatchData) => void = () => {};
  /**
   * Current state and metadata of the matches this process serves. This process is their only
   * writer (one queue per match), so after the first read every fetch is answered from memory and
   * a move costs one durable write and no read.
   */
  private readonly cache = new Map<string, Cached>();
  /**
   * Writes of each match still on their way to storage, and when (by `writeSeq`) the last one
   * started: a read that overlapped a write may have read the row from before it, and must not
   * be remembered over what the write puts in the cache.
   */
  private readonly inflight = new Map<string, number>();
  private readonly lastWrite = new Map<string, number>();
  private writeSeq = 0;
  /** A state write that a metadata write of the same master step can still join. */
  private readonly joining = new Map<string, { metadata?: Server.MatchData }>();
  /**
   * cluster: who must hold the match's lease for a state write to land, checked in the write's
   * own transaction (server/cluster/lease.ts), and, when a write did not land, whether the fence
   * refused it; a refused write throws, so nobody is told of the move.
   */
  fence?: {
    /** The node and epoch that must hold the match's lease for its write to land. */
    holder(matchID: string): { node: string; epoch: number };
    refused(matchID: string): Promise<boolean>;
  };

  private readonly replay?: StorageOptions['replay'];
  private readonly snapshotEvery: number;

  constructor(
    private readonly sql: SqlClient,
    private readonly deadlineOf: (state: State) => number | null,
    opts: StorageOptions = {},
  ) {
    super();
    this.replay = opts.replay;
    this.snapshotEvery = opts.replay ? Math.max(1, opts.snapshotEvery ?? 16) : 1;
  }

  async connect(): Promise<void> {
    for (const statement of SCHEMA) await this.sql.query(statement);
    // Stores made before states were kept as text (jsonb, parsed on every write) are converted
    // once, in place (docs/STORAGE.md).
    const { rows } = await this.sql.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns
       WHERE table_name = 'bc_matches' AND column_name IN ('state', 'initial_state')
         AND data_type = 'jsonb'`,
    );
    for (const { column_name: column } of rows)
      await this.sql.query(
        `ALTER TABLE bc_matches ALTER COLUMN ${column} TYPE text USING ${column}::text`,
      );
    // A state is rewritten at every move and read back only on a cold start: kept uncompressed
    // (out of line, no pglz), which halves the cost of a move's write (docs/STORAGE.md).
    await this.sql.query(`ALTER TABLE bc_matches ALTER COLUMN state SET STORAGE EXTERNAL`);
    // Nodes of a cluster may start together: one at a time replaces the function.
    await this.sql.transaction(async (q) => {
      await q(`SELECT pg_advisory_xact_lock(7201)`);
      await q(MOVE_FUNCTION);
    });
  }

  async close(): Promise<void> {
    await this.flush();
    await this.sql.close();
  }

  /**
   * Writes the whole state of every match held here whose stored snapshot is behind, so a clean
   * stop leaves no moves to replay: a new version of the rules then goes on from each match's
   * state itself, not from a replay of moves under rules that may have changed. A write of the
   * same match still on its way either lands first (then this one finds a newer state and does
   * nothing) or after (then its moves follow this snapshot). Resolves to the states written.
   */
  async flush(): Promise<number> {
    let written = 0;
    for (const [matchID, entry] of [...this.cache]) {
      if (!entry.since) continue;
      const { rows } = await this.sql.query(
        `UPDATE bc_matches SET state = $2, snap_seq = NULL WHERE id = $1 AND state_id = $3
         RETURNING id`,
        [matchID, JSON.stringify(entry.state), entry.state._stateID],
      );
      if (rows.length > 0 && this.cache.get(matchID) === entry) entry.since = 0;
      written += rows.length;
    }
    return written;
  }

  private async writing<T>(matchID: string, write: () => Promise<T>): Promise<T> {
    this.inflight.set(matchID, (this.inflight.get(matchID) ?? 0) + 1);
    this.lastWrite.set(matchID, ++this.writeSeq);
    try {
      return await write();
    } finally {
      const left = (this.inflight.get(matchID) ?? 1) - 1;
      if (left > 0) this.inflight.set(matchID, left);
      else this.inflight.delete(matchID);
    }
  }

  /** Forgets a match's cached copy (the next fetch reads storage again). */
  evict(matchID: string): void {
    this.cache.delete(matchID);
  }

  private remember(matchID: string, entry: Cached): void {
    this.cache.delete(matchID);
    this.cache.set(matchID, entry);
    if (this.cache.size > CACHE_LIMIT) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
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
    this.remember(matchID, { state: initialState, metadata: structuredClone(metadata), since: 0 });
    this.onState(matchID, initialState);
  }

  /**
   * One statement, so one durable write per move: the log entries, the match's small columns and
   * (every few moves, or at the end) the whole state, with (when the master's metadata write of the
   * same step joins it) the metadata, land together or not at all. A write that does not land (a
   * newer state is stored) throws, so nobody is told of it.
   */
  async setState(matchID: string, state: State, deltalog?: LogEntry[]): Promise<void> {
    const join: { metadata?: Server.MatchData } = {};
    this.joining.set(matchID, join);
    // boardgame.io's master calls setMetadata right after setState, in the same tick.
    await Promise.resolve();
    if (this.joining.get(matchID) === join) this.joining.delete(matchID);
    const metadata = join.metadata;
    const since = this.cache.get(matchID)?.since;
    // The state itself is written when the moves since the last snapshot would pass the limit,
    // at the end, when the stored snapshot is not known here, or when the log cannot replay it.
    const snapshot =
      since === undefined ||
      since + 1 >= this.snapshotEvery ||
      state.ctx.gameover !== undefined ||
      !replayable(deltalog);
    const fence = this.fence?.holder(matchID); // cluster: the lease (server/cluster/lease.ts)
    const { rows } = await this.writing(matchID, () =>
      this.sql.query<{ landed: boolean }>(
        `SELECT bc_move($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10, $11) AS landed`,
        [
          matchID,
          snapshot ? JSON.stringify(state) : null,
          state._stateID,
          this.deadlineOf(state),
          state.ctx.gameover !== undefined,
          metadata?.updatedAt ?? Date.now(),
          metadata ? JSON.stringify(metadata) : null,
          JSON.stringify(deltalog ?? []),
          snapshot,
          fence?.node ?? null,
          fence?.epoch ?? null,
        ],
      ),
    );
    if (rows[0]?.landed !== true) {
      this.evict(matchID);
      if (this.fence && (await this.fence.refused(matchID)))
        throw new Error(`state write of match ${matchID} refused: this node lost its lease`);
      throw new Error(`state ${state._stateID} of match ${matchID} did not land`);
    }
    const cached = this.cache.get(matchID);
    const known = metadata ?? cached?.metadata;
    const next = snapshot ? 0 : (since ?? 0) + 1;
    if (known) this.remember(matchID, { state, metadata: structuredClone(known), since: next });
    else this.evict(matchID);
    this.onState(matchID, state);
  }

  async setMetadata(matchID: string, metadata: Server.MatchData): Promise<void> {
    const join = this.joining.get(matchID);
    if (join) {
      join.metadata = metadata;
      return;
    }
    const cached = this.cache.get(matchID);
    // Who is connected right now is news for the sockets, not for storage: after a restart
    // nobody is. It stays in memory, and lands with the next write that has to happen.
    if (cached && sameButPresence(cached.metadata, metadata)) {
      cached.metadata = structuredClone(metadata);
      return;
    }
    await this.writing(matchID, () =>
      this.sql.query(`UPDATE bc_matches SET metadata = $2, updated_at = $3 WHERE id = $1`, [
        matchID,
        JSON.stringify(metadata),
        metadata.updatedAt ?? Date.now(),
      ]),
    );
    // The copy in the cache now, which may not be the one read above: the match may have been
    // dropped and read again (a lease gained) while this write was on its way.
    const now = this.cache.get(matchID);
    if (now) now.metadata = structuredClone(metadata);
  }

  // boardgame.io types the result by the options asked for; fields of a missing match are absent.
  async fetch<O extends FetchOpts>(matchID: string, opts: O): Promise<never> {
    const out: Partial<FetchFields> = {};
    let cached = this.cache.get(matchID);
    const columns = [
      (opts.state || opts.metadata) && !cached && `state, metadata, ${TAIL}`,
      opts.initialState && 'initial_state',
    ].filter(Boolean);
    if (columns.length > 0) {
      // Remember what is read only when no write of this match overlapped the read.
      const since = this.writeSeq;
      const quiet = !this.inflight.has(matchID);
      const { rows } = await this.sql.query<{
        state?: State;
        metadata?: Server.MatchData;
        initial_state?: State;
        tail?: unknown;
      }>(`SELECT ${columns.join(', ')} FROM bc_matches m WHERE id = $1`, [matchID]);
      const row = rows[0];
      if (row) {
        if (row.state && row.metadata && !this.cache.has(matchID)) {
          const tail = parseJson<LogEntry[] | null>(row.tail) ?? [];
          cached = {
            state: this.current(parseJson(row.state), tail),
            metadata: parseJson(row.metadata),
            since: tail.length,
          };
          const overlapped =
            !quiet || this.inflight.has(matchID) || (this.lastWrite.get(matchID) ?? 0) > since;
          if (!overlapped) this.remember(matchID, cached);
        }
        if (opts.initialState) out.initialState = parseJson(row.initial_state);
      }
    }
    cached = this.cache.get(matchID) ?? cached;
    if (cached) {
      if (opts.state) out.state = cached.state;
      // Callers (the master among them) change metadata in place before writing it.
      if (opts.metadata) out.metadata = structuredClone(cached.metadata);
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
    this.evict(matchID);
    this.lastWrite.delete(matchID);
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

  /** The state a stored snapshot and the log rows after it lead to. */
  private current(snapshot: State, tail: LogEntry[]): State {
    if (tail.length === 0) return snapshot;
    if (!this.replay) throw new Error('this storage holds moves past its snapshot: replay needed');
    return this.replay(snapshot, tail);
  }

  /**
   * Every unfinished match, for re-arming timers and bots at boot. `needed` may pass over a match
   * from its stored snapshot and the log rows after it, before those are replayed (a restart with
   * thousands of unfinished matches replays only the ones it needs).
   */
  async unfinishedStates(
    needed: (snapshot: State, tail: LogEntry[]) => boolean = () => true,
  ): Promise<{ matchID: string; state: State }[]> {
    const { rows } = await this.sql.query<{ id: string; state: State; tail: unknown }>(
      `SELECT id, state, ${TAIL} FROM bc_matches m WHERE NOT gameover`,
    );
    const out: { matchID: string; state: State }[] = [];
    for (const r of rows) {
      const cached = this.cache.get(r.id)?.state;
      if (cached) {
        out.push({ matchID: r.id, state: cached });
        continue;
      }
      const snapshot = parseJson<State>(r.state);
      const tail = parseJson<LogEntry[] | null>(r.tail) ?? [];
      if (needed(snapshot, tail)) out.push({ matchID: r.id, state: this.current(snapshot, tail) });
    }
    return out;
  }

  /** Every unfinished match with a deadline, for re-arming at boot. */
  async pendingDeadlines(): Promise<StoredDeadline[]> {
    const { rows } = await this.sql.query<{ id: string; deadline: string | number }>(
      `SELECT id, deadline FROM bc_matches WHERE deadline IS NOT NULL AND NOT gameover`,
    );
    return rows.map((r) => ({ matchID: r.id, deadline: Number(r.deadline) }));
  }
}

/** A state column is text (parsed here); pg and PGlite return jsonb columns parsed. */
function parseJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/**
 * The embedded database, on a worker thread of its own (server/pglite-worker.mjs): PGlite runs
 * each statement synchronously where it is called, so on the server's thread it would stall every
 * other match's sockets while it writes (measured in docs/STORAGE.md).
 */
export async function openPglite(dataDir: string): Promise<SqlClient> {
  const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
    workerData: { dataDir },
  });
  type Reply = {
    id: number;
    rows?: unknown[];
    tx?: number;
    ready?: boolean;
    error?: { message: string; code?: string };
  };
  const waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let failed: Error | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: Reply) => {
      if (reply.id === 0) return resolve();
      const call = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!call) return;
      if (reply.error) {
        const err = new Error(reply.error.message) as Error & { code?: string };
        if (reply.error.code) err.code = reply.error.code;
        call.reject(err);
      } else call.resolve(reply);
    });
    worker.on('error', (err) => {
      failed = err;
      reject(err);
      for (const call of waiting.values()) call.reject(err);
      waiting.clear();
    });
  });
  await ready;
  const call = (msg: Record<string, unknown>): Promise<Reply> => {
    if (failed) return Promise.reject(failed);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...msg });
    });
  };
  const query =
    (tx?: number): SqlClient['query'] =>
    async (sql, params) => {
      const reply = await call({ kind: 'query', sql, params, tx });
      return { rows: (reply.rows ?? []) as never[] };
    };
  return {
    query: query(),
    transaction: async (fn) => {
      const { tx } = await call({ kind: 'begin' });
      try {
        const out = await fn(query(tx));
        await call({ kind: 'commit', tx });
        return out;
      } catch (err) {
        await call({ kind: 'rollback', tx }).catch(() => undefined);
        throw err;
      }
    },
    close: async () => {
      await call({ kind: 'close' });
      await worker.terminate();
    },
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
