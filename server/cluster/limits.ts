// Per-address limits that hold across server processes: the hits live in a SQL table (the same
// SqlClient as the matches, so the embedded PGlite and a shared PostgreSQL both work), not in a
// process's memory. Each limit is a sliding window: an address may make `limit` hits in any
// `windowMs`; the next is refused until the oldest of them leaves the window.
//
// Creating matches and seminars is limited so that one address cannot fill a public server
// (every creation request counts, a refused or malformed one too, so nothing is gained by
// probing); wrong seminar join codes are limited so that codes cannot be guessed at speed.
import type { Context, Next } from 'koa';
import type { Logger } from 'pino';
import type { SqlClient } from '../storage';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS bc_limit_hits (
     bucket text NOT NULL,
     address text NOT NULL,
     at bigint NOT NULL
   )`,
  `CREATE INDEX IF NOT EXISTS bc_limit_hits_key ON bc_limit_hits (bucket, address, at)`,
];

export class SqlLimits {
  private hitsSincePrune = 0;

  constructor(
    private readonly sql: SqlClient,
    private readonly now: () => number = Date.now,
  ) {}

  async connect(): Promise<void> {
    for (const statement of SCHEMA) await this.sql.query(statement);
  }

  /**
   * Takes one hit when the address has fewer than `limit` in the window: resolves to 0. Otherwise
   * records nothing and resolves to the milliseconds until it may try again. Two processes taking
   * the last hit at once cannot both have it: each key is serialised by a transaction-scoped
   * advisory lock.
   */
  async take(bucket: string, address: string, limit: number, windowMs: number): Promise<number> {
    const now = this.now();
    const wait = await this.sql.transaction(async (q) => {
      await q(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${bucket} ${address}`]);
      const wait = await this.waitIn(q, bucket, address, limit, windowMs, now);
      if (wait === 0)
        await q(`INSERT INTO bc_limit_hits (bucket, address, at) VALUES ($1, $2, $3)`, [
          bucket,
          address,
          now,
        ]);
      return wait;
    });
    await this.maybePrune(bucket, windowMs, now);
    return wait;
  }

  /** Milliseconds until the address may make another hit; 0 when it may now. */
  async waitFor(bucket: string, address: string, limit: number, windowMs: number) {
    return this.waitIn(this.sql.query.bind(this.sql), bucket, address, limit, windowMs, this.now());
  }

  /** Records a hit whatever the count (a wrong join code has already been tried). */
  async record(bucket: string, address: string, windowMs: number): Promise<void> {
    const now = this.now();
    await this.sql.query(`INSERT INTO bc_limit_hits (bucket, address, at) VALUES ($1, $2, $3)`, [
      bucket,
      address,
      now,
    ]);
    await this.maybePrune(bucket, windowMs, now);
  }

  private async waitIn(
    q: SqlClient['query'],
    bucket: string,
    address: string,
    limit: number,
    windowMs: number,
    now: number,
  ): Promise<number> {
    // The limit-th newest hit in the window: while it is in the window, the address is full.
    const { rows } = await q<{ at: string | number }>(
      `SELECT at FROM bc_limit_hits WHERE bucket = $1 AND address = $2 AND at > $3
       ORDER BY at DESC LIMIT 1 OFFSET $4`,
      [bucket, address, now - windowMs, limit - 1],
    );
    const row = rows[0];
    return row ? Math.max(1, Number(row.at) + windowMs - now) : 0;
  }

  /** Hits older than their window are dropped now and then, so the table stays small. */
  private async maybePrune(bucket: string, windowMs: number, now: number): Promise<void> {
    if (++this.hitsSincePrune < 200) return;
    this.hitsSincePrune = 0;
    await this.sql.query(`DELETE FROM bc_limit_hits WHERE bucket = $1 AND at <= $2`, [
      bucket,
      now - windowMs,
    ]);
  }

  /** Hits stored (tests: pruning keeps the table bounded). */
  async size(): Promise<number> {
    const { rows } = await this.sql.query<{ n: string | number }>(
      `SELECT count(*) AS n FROM bc_limit_hits`,
    );
    return Number(rows[0]?.n ?? 0);
  }
}

/** Wrong seminar join codes per address, in the shared table (see server/guesses.ts). */
export class SharedGuessLimit {
  constructor(
    private readonly limits: SqlLimits,
    private readonly opts: { misses: number; windowMs: number },
  ) {}

  blockedFor(address: string): Promise<number> {
    return this.limits.waitFor('join-miss', address, this.opts.misses, this.opts.windowMs);
  }

  miss(address: string): Promise<void> {
    return this.limits.record('join-miss', address, this.opts.windowMs);
  }
}

export interface CreationLimitOptions {
  /** Matches (create and playAgain) one address may create in a window; 0: no limit. */
  matches: number;
  /** Seminars one address may create in a window; 0: no limit. */
  seminars: number;
  windowMs: number;
}

/** What a request creates, if anything: its bucket. */
function creationBucket(ctx: Context): 'match' | 'seminar' | undefined {
  if (ctx.method !== 'POST') return undefined;
  const path = ctx.path.replace(/\/+$/, '');
  if (path === '/api/seminars') return 'seminar';
  const parts = path.split('/').filter(Boolean);
  if (parts[0] !== 'games') return undefined;
  if (parts.length === 3 && parts[2] === 'create') return 'match';
  if (parts.length === 4 && parts[3] === 'playAgain') return 'match';
  return undefined;
}

/**
 * Koa middleware in front of the Lobby API and the seminar API: a creation over the address's
 * limit is answered 429 with Retry-After (seconds) before anything is read or created.
 */
export function creationLimits(limits: SqlLimits, opts: CreationLimitOptions, log?: Logger) {
  return async (ctx: Context, next: Next) => {
    const bucket = creationBucket(ctx);
    const limit = bucket === 'match' ? opts.matches : bucket === 'seminar' ? opts.seminars : 0;
    if (!bucket || limit === 0) return next();
    const wait = await limits.take(`create-${bucket}`, ctx.ip, limit, opts.windowMs);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      log?.warn(
        { event: 'refused', refusal: 'rate-limit', bucket, address: ctx.ip },
        'too many creations',
      );
      ctx.status = 429;
      ctx.set('Retry-After', String(seconds));
      ctx.set('Cache-Control', 'no-store');
      ctx.body = {
        error: `too many ${bucket === 'match' ? 'matches' : 'seminars'} created from this address: try again in ${seconds} s`,
      };
      return;
    }
    await next();
  };
}
