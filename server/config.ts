// Configuration from the environment, validated once at start: a bad value stops the server with
// a message naming the variable.
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

const Env = z.object({
  PORT: port.default(8000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional(),
  ORIGINS: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1024).max(1_048_576).default(65_536),
  STATIC_DIR: z.string().default('dist'),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  BOT_PACE: z.coerce.number().min(0).max(10).default(1),
  JOIN_CODE_MISSES: z.coerce.number().int().min(1).max(10_000).default(30),
  MATCH_CREATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(60),
  SEMINAR_CREATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(10),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'expected a redis:// URL')
    .optional(),
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, _ . - (at most 64)')
    .optional(),
  LEASE_TTL_MS: z.coerce.number().int().min(500).max(600_000).default(4000),
  LEASE_RENEW_MS: z.coerce.number().int().min(100).max(300_000).default(1000),
  LEASE_SCAN_MS: z.coerce.number().int().min(100).max(300_000).default(1000),
  SNAPSHOT_EVERY: z.coerce.number().int().min(1).max(1000).default(16),
  CREATE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(3600),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** Origins allowed to open sockets and call the Lobby API from a browser. */
  origins: string[];
  publicUrl?: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  maxPayloadBytes: number;
  staticDir: string;
  trustProxy: boolean;
  /** Multiplies bots' human-like delays in online matches (0: at once). */
  botPace: number;
  /** Wrong seminar join codes one address may try in 10 minutes. */
  joinCodeMisses: number;
  /** A match's whole state is stored at least every this many moves (server/storage.ts). */
  snapshotEvery: number;
  /** Creation limits per address (server/cluster/limits.ts); 0: no limit. */
  createLimits: { matches: number; seminars: number; windowMs: number };
  /** Several nodes (server/cluster/): set when REDIS_URL is (DATABASE_URL then required). */
  cluster?: { redisUrl: string; node: string; ttlMs: number; renewMs: number; scanMs: number };
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`environment variable ${String(issue.path[0])}: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.DATABASE_URL)
    throw new ConfigError(
      'environment variable REDIS_URL: several nodes share PostgreSQL, so DATABASE_URL must be set too',
    );
  if (e.REDIS_URL && e.LEASE_RENEW_MS * 2 > e.LEASE_TTL_MS)
    throw new ConfigError(
      'environment variable LEASE_RENEW_MS: renew at most every half of LEASE_TTL_MS',
    );
  const explicit = (e.ORIGINS ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    origins: explicit,
    ...(e.PUBLIC_URL ? { publicUrl: e.PUBLIC_URL } : {}),
    logLevel: e.LOG_LEVEL,
    maxPayloadBytes: e.MAX_PAYLOAD_BYTES,
    staticDir: resolve(e.STATIC_DIR),
    trustProxy: e.TRUST_PROXY === '1' || e.TRUST_PROXY === 'true',
    botPace: e.BOT_PACE,
    joinCodeMisses: e.JOIN_CODE_MISSES,
    snapshotEvery: e.SNAPSHOT_EVERY,
    ...(e.REDIS_URL
      ? {
          cluster: {
            redisUrl: e.REDIS_URL,
            node: e.NODE_ID ?? `${hostname().split('.')[0]}-${process.pid}`,
            ttlMs: e.LEASE_TTL_MS,
            renewMs: e.LEASE_RENEW_MS,
            scanMs: e.LEASE_SCAN_MS,
          },
        }
      : {}),
    createLimits: {
      matches: e.MATCH_CREATE_LIMIT,
      seminars: e.SEMINAR_CREATE_LIMIT,
      windowMs: e.CREATE_WINDOW_SECONDS * 1000,
    },
  };
}

/** The browser origins that may talk to this server: configured ones, or the server's own. */
export function allowedOrigins(config: Config, port: number): string[] {
  if (config.origins.length > 0) return config.origins;
  const own = [
    `http://${config.host}:${port}`,
    `http://localhost:${port}`,
    `http://127.0.0.1:${port}`,
  ];
  if (config.publicUrl) own.push(new URL(config.publicUrl).origin);
  return [...new Set(own)];
}
