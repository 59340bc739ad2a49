// Match ownership across server processes. Each unfinished match has one lease in the shared
// database (bc_leases: match, node, epoch, expiry); only the node holding it runs the match's
// deadlines and server bots and writes its state.
//
// - A node renews every lease it holds in one batched UPDATE every `renewMs`; a lease expires
//   `ttlMs` after its last renewal, so a dead node's matches are free again within ttlMs.
// - A node that gets work for a match it does not hold (a socket, a seminar action) takes the
//   lease at once, bumping the epoch, whoever held it; it tells the old holder over Redis to drop
//   the match (disarm its timers, evict it, close its sockets so they reconnect through the
//   balancer to the new owner).
// - Every node scans every `scanMs` for unfinished matches whose lease has expired (or that never
//   had one) and takes them, so deadlines fire with nobody connected after their owner died: at
//   most about ttlMs + scanMs after the death, or on time when they fall due later.
// - Fencing: the state write carries `EXISTS (… lease row of this node and epoch … FOR SHARE)`
//   in the same statement. The taker's UPDATE of that row waits for a write in flight to commit,
//   and a write after the takeover finds no row: a node that lost its lease cannot write, and the
//   taker reads the last state that landed.
import type { Logger } from 'pino';
import type { SqlClient } from '../storage';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS bc_leases (
     match_id text PRIMARY KEY,
     node text NOT NULL,
     epoch bigint NOT NULL,
     expires_at bigint NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS bc_leases_expiry ON bc_leases (expires_at)`,
];

export interface LeaseOptions {
  node: string;
  ttlMs: number;
  renewMs: number;
  scanMs: number;
  /** Matches taken in one scan at most (a dead node's matches spread over several scans). */
  scanBatch?: number;
  now?: () => number;
}

/** A write refused because this node no longer holds the match's lease. */
export class LeaseLost extends Error {
  constructor(readonly matchID: string) {
    super(`this node no longer holds the lease of match ${matchID}`);
  }
}

/** Who must still hold a match's lease for a state write of it to land (server/storage.ts). */
export interface Fence {
  node: string;
  epoch: number;
}

export class Leases {
  /** Matches this node holds, with the epoch it holds them at. */
  private readonly held = new Map<string, number>();
  /** Takes in progress, so that concurrent work for one match takes it once. */
  private readonly taking = new Map<string, Promise<void>>();
  private renewTimer?: NodeJS.Timeout;
  /** Set by stop(): a stopping node takes nothing more (its sockets closing must not take). */
  private stopping = false;
  private scanTimer?: NodeJS.Timeout;
  private readonly now: () => number;

  /** Called after this node took a match (load it, arm its timers and bots). */
  onGained: (matchID: string) => Promise<void> = async () => {};
  /** Called when this node lost a match (disarm, evict, close its sockets). */
  onLost: (matchID: string) => void = () => {};
  /** Called when this node took a match from a live holder: tell it to drop the match. */
  onTakenFrom: (matchID: string, node: string, epoch: number) => void = () => {};

  constructor(
    private readonly sql: SqlClient,
    private readonly opts: LeaseOptions,
    private readonly log: Logger,
  ) {
    this.now = opts.now ?? Date.now;
  }

  get node(): string {
    return this.opts.node;
  }

  async connect(): Promise<void> {
    for (const statement of SCHEMA) await this.sql.query(statement);
  }

  start(): void {
    this.renewTimer = setInterval(
      () => void this.renew().catch((e) => this.fail('renew', e)),
      this.opts.renewMs,
    );
    this.scanTimer = setInterval(
      () => void this.scan().catch((e) => this.fail('scan', e)),
      this.opts.scanMs,
    );
    void this.scan().catch((e) => this.fail('scan', e));
  }

  stop(): void {
    this.stopping = true;
    clearInterval(this.renewTimer);
    clearInterval(this.scanTimer);
  }

  /** Gives up every lease (a clean shutdown), so another node takes the matches at once. */
  async releaseAll(): Promise<void> {
    const ids = [...this.held.keys()];
    this.held.clear();
    if (ids.length > 0)
      await this.sql.query(`DELETE FROM bc_leases WHERE node = $1 AND match_id = ANY($2::text[])`, [
        this.opts.node,
        ids,
      ]);
  }

  private fail(what: string, err: unknown): void {
    this.log.error({ event: 'error', lease: what, err: String(err) }, `lease ${what} failed`);
  }

  holds(matchID: string): boolean {
    return this.held.has(matchID);
  }

  epochOf(matchID: string): number | undefined {
    return this.held.get(matchID);
  }

  count(): number {
    return this.held.size;
  }

  /**
   * What a state write of this match must find in the lease row: this node, at the epoch it took
   * (checked inside the write's own transaction, under a share lock on the row: bc_move).
   */
  fence(matchID: string): Fence {
    return { node: this.opts.node, epoch: this.held.get(matchID) ?? -1 };
  }

  /** Whether the lease row still names this node at the epoch it holds (after a refused write). */
  async stillHeld(matchID: string): Promise<boolean> {
    const epoch = this.held.get(matchID);
    if (epoch === undefined) return false;
    const { rows } = await this.sql.query(
      `SELECT 1 FROM bc_leases WHERE match_id = $1 AND node = $2 AND epoch = $3`,
      [matchID, this.opts.node, epoch],
    );
    return rows.length > 0;
  }

  /** Takes the match if this node does not hold it: whoever held it, expired or not. */
  async ensure(matchID: string): Promise<void> {
    if (this.held.has(matchID) || this.stopping) return;
    const pending = this.taking.get(matchID);
    if (pending) return pending;
    const take = this.take(matchID).finally(() => this.taking.delete(matchID));
    this.taking.set(matchID, take);
    return take;
  }

  private async take(matchID: string): Promise<void> {
    const now = this.now();
    const expires = now + this.opts.ttlMs;
    const { epoch, previous } = await this.sql.transaction(async (q) => {
      const { rows } = await q<{
        node: string;
        epoch: string | number;
        expires_at: string | number;
      }>(`SELECT node, epoch, expires_at FROM bc_leases WHERE match_id = $1 FOR UPDATE`, [matchID]);
      const row = rows[0];
      if (!row) {
        // Two nodes inserting at once: one waits on the key and then bumps the other's epoch.
        const inserted = await q<{ epoch: string | number }>(
          `INSERT INTO bc_leases (match_id, node, epoch, expires_at) VALUES ($1, $2, 1, $3)
           ON CONFLICT (match_id) DO UPDATE SET node = $2, epoch = bc_leases.epoch + 1, expires_at = $3
           RETURNING epoch`,
          [matchID, this.opts.node, expires],
        );
        return { epoch: Number(inserted.rows[0]!.epoch), previous: undefined };
      }
      const next = Number(row.epoch) + 1;
      await q(`UPDATE bc_leases SET node = $2, epoch = $3, expires_at = $4 WHERE match_id = $1`, [
        matchID,
        this.opts.node,
        next,
        expires,
      ]);
      const live = row.node !== this.opts.node && Number(row.expires_at) > now;
      return { epoch: next, previous: live ? row.node : undefined };
    });
    this.held.set(matchID, epoch);
    this.log.info({ event: 'lease:taken', matchID, epoch, from: previous }, 'match taken');
    if (previous) this.onTakenFrom(matchID, previous, epoch);
    await this.onGained(matchID);
  }

  /** A drop notice: another node took the match at `epoch`. */
  dropped(matchID: string, epoch: number): void {
    const mine = this.held.get(matchID);
    if (mine === undefined || mine >= epoch) return;
    this.lose(matchID, 'taken');
  }

  /** This node's write was fenced out, or its renewal missed: the match is no longer its own. */
  lose(matchID: string, why: string): void {
    if (!this.held.delete(matchID)) return;
    this.log.info({ event: 'lease:lost', matchID, why }, 'match lost');
    this.onLost(matchID);
  }

  /** Lets a match go (it is over or deleted): nobody needs to hold it. */
  async release(matchID: string): Promise<void> {
    const epoch = this.held.get(matchID);
    if (epoch === undefined) return;
    this.held.delete(matchID);
    await this.sql.query(`DELETE FROM bc_leases WHERE match_id = $1 AND node = $2 AND epoch = $3`, [
      matchID,
      this.opts.node,
      epoch,
    ]);
  }

  /** Renews every held lease in one statement; the ones it did not find are lost. */
  async renew(): Promise<void> {
    if (this.held.size === 0) return;
    const ids = [...this.held.keys()];
    const epochs = ids.map((id) => this.held.get(id)!);
    const { rows } = await this.sql.query<{ match_id: string }>(
      `UPDATE bc_leases l SET expires_at = $1
       FROM (SELECT unnest($3::text[]) AS match_id, unnest($4::bigint[]) AS epoch) mine
       WHERE l.match_id = mine.match_id AND l.epoch = mine.epoch AND l.node = $2
       RETURNING l.match_id`,
      [this.now() + this.opts.ttlMs, this.opts.node, ids, epochs],
    );
    const renewed = new Set(rows.map((r) => r.match_id));
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      // Still held at the same epoch locally (not re-taken meanwhile) but not renewed: lost.
      if (!renewed.has(id) && this.held.get(id) === epochs[i]) this.lose(id, 'renewal');
    }
  }

  /** Takes unfinished matches whose lease expired or that never had one. */
  async scan(): Promise<void> {
    const now = this.now();
    const expires = now + this.opts.ttlMs;
    const batch = this.opts.scanBatch ?? 200;
    const expired = await this.sql.query<{ match_id: string; epoch: string | number }>(
      `UPDATE bc_leases l SET node = $1, epoch = l.epoch + 1, expires_at = $2
       WHERE l.match_id IN (
         SELECT l2.match_id FROM bc_leases l2 JOIN bc_matches m ON m.id = l2.match_id
         WHERE l2.expires_at < $3 AND NOT m.gameover LIMIT $4)
       AND l.expires_at < $3
       RETURNING l.match_id, l.epoch`,
      [this.opts.node, expires, now, batch],
    );
    const fresh = await this.sql.query<{ match_id: string; epoch: string | number }>(
      `INSERT INTO bc_leases (match_id, node, epoch, expires_at)
       SELECT m.id, $1, 1, $2 FROM bc_matches m
       WHERE NOT m.gameover AND NOT EXISTS (SELECT 1 FROM bc_leases l WHERE l.match_id = m.id)
       LIMIT $3
       ON CONFLICT (match_id) DO NOTHING
       RETURNING match_id, epoch`,
      [this.opts.node, expires, batch],
    );
    for (const row of [...expired.rows, ...fresh.rows]) {
      // A lease of its own that expired (its renewal was late): held again at the new epoch.
      const had = this.held.has(row.match_id) || this.taking.has(row.match_id);
      this.held.set(row.match_id, Math.max(Number(row.epoch), this.held.get(row.match_id) ?? 0));
      if (had) continue;
      this.log.info(
        { event: 'lease:claimed', matchID: row.match_id, epoch: Number(row.epoch) },
        'unowned match claimed',
      );
      await this.onGained(row.match_id).catch((e) => this.fail('gain', e));
    }
  }
}
