// Composition of the server: storage, the boardgame.io Server with the guarded transport and the
// Lobby API, deadlines, static files, all on one port.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server as HttpServer } from 'node:http';
import type { Context, Next } from 'koa';
import serveStatic from 'koa-static';
import { Server } from 'boardgame.io/server';
import type { LogEntry, State } from 'boardgame.io';
import { pino, type Logger } from 'pino';
import { Backchannel } from '../src/game';
import { replayLogTail } from '../src/game/replay';
import type { BackchannelState } from '../src/game/types';
import { allowedOrigins, type Config } from './config';
import { BotSeats } from './bots';
import { DeadlineScheduler } from './deadlines';
import { jsonErrors, lobbyGuard } from './lobby';
import { SharedGuessLimit, SqlLimits, creationLimits } from './cluster/limits';
import { clusterNode } from './cluster/node';
import { SeminarApi } from './seminar';
import { SeminarStore } from './seminar-store';
import { SqlStorage, openPglite, openPostgres } from './storage';
import { GuardedTransport } from './transport';
import { randomBytes } from 'node:crypto';

export interface RunningServer {
  url: string;
  port: number;
  storage: 'pglite' | 'postgres';
  scheduler: DeadlineScheduler;
  stop(): Promise<void>;
}

export function makeLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { service: 'backchannel' } });
}

/**
 * Whether a match may have server bots once its logged moves are replayed: bots are in its stored
 * state's options, or a move since may have given it some (the lobby's start, a facilitator's
 * action). The others need no replay at boot.
 */
function mayHaveBots(snapshot: State, tail: LogEntry[]): boolean {
  const G = snapshot.G as BackchannelState;
  if (Object.keys(G.options?.bots ?? {}).length > 0) return true;
  return tail.some((e) => e.action.type === 'MAKE_MOVE' && BOT_MOVES.has(e.action.payload.type));
}
const BOT_MOVES = new Set(['start', 'facilitate']);

export async function startServer(
  config: Config,
  log: Logger = makeLogger(config),
): Promise<RunningServer> {
  const kind = config.databaseUrl ? 'postgres' : 'pglite';
  if (!config.databaseUrl) await mkdir(config.dataDir, { recursive: true });
  const sql = config.databaseUrl
    ? await openPostgres(config.databaseUrl)
    : await openPglite(join(config.dataDir, 'pglite'));
  const storage = new SqlStorage(
    sql,
    (state) => {
      const G = state.G as BackchannelState;
      return state.ctx.gameover === undefined && G.clock?.deadline != null
        ? G.clock.deadline
        : null;
    },
    {
      // A move writes its log entry; the whole state every few moves (docs/STORAGE.md).
      replay: (state, entries) => replayLogTail(state as State<BackchannelState>, entries),
      snapshotEvery: config.snapshotEvery,
    },
  );

  const seminars = new SeminarStore(sql);
  await seminars.connect();
  // cluster: per-address limits in the shared database (server/cluster/limits.ts)
  const limits = new SqlLimits(sql);
  await limits.connect();

  // cluster: updates over Redis, ownership by leases (server/cluster/node.ts)
  const cluster = config.cluster ? await clusterNode(config.cluster, log) : undefined;
  const origins: string[] = [];
  const transport = new GuardedTransport(
    {
      origins,
      host: config.host,
      maxPayloadBytes: config.maxPayloadBytes,
      log,
    },
    cluster?.pubSub,
  );
  const scheduler = new DeadlineScheduler(transport, log);
  const bots = new BotSeats(transport, log, config.botPace);
  storage.beforeCreate = (metadata) => bots.claimSeats(metadata);
  storage.onState = (matchID, state) => {
    if (cluster && !cluster.onState(matchID, state as State<BackchannelState>)) return;
    scheduler.fromState(matchID, state as State<BackchannelState>);
    bots.fromState(matchID, state as State<BackchannelState>);
    const over = state.ctx.gameover as { outcome?: string; reason?: string } | undefined;
    if (over)
      log.info(
        { event: 'match:over', matchID, outcome: over.outcome, reason: over.reason },
        'match over',
      );
  };

  const server = Server({
    games: [Backchannel],
    db: storage,
    transport: transport as never,
    origins,
    // Credentials are 256-bit secrets; match ids are random and short enough to share.
    generateCredentials: () => randomBytes(32).toString('base64url'),
    uuid: () => randomBytes(9).toString('base64url'),
  });
  const app = server.app;
  app.proxy = config.trustProxy;
  // The address is the one the (single) proxy saw: a client's own X-Forwarded-For, further left,
  // would otherwise choose its address and escape the per-address limits.
  app.maxIpsCount = 1;

  app.use(jsonErrors(log) as never);
  app.use((async (ctx: Context, next: Next) => {
    if (ctx.path === '/api/time') {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { now: Date.now() };
      return;
    }
    if (ctx.path === '/api/health') {
      ctx.body = {
        ok: true,
        storage: kind,
        deadlines: scheduler.armed(),
        ...(cluster ? { node: cluster.node, matches: cluster.held() } : {}),
      };
      return;
    }
    await next();
  }) as never);
  app.use(creationLimits(limits, config.createLimits, log) as never); // cluster: creation limits
  const seminarApi = new SeminarApi({
    guesses: new SharedGuessLimit(limits, { misses: config.joinCodeMisses, windowMs: 10 * 60_000 }),
    storage,
    store: seminars,
    transport,
    log,
    forget: (matchID) => {
      scheduler.disarm(matchID);
      bots.forget(matchID);
      cluster?.forget(matchID);
    },
  });
  app.use(seminarApi.middleware() as never);
  const isOver = async (matchID: string) => {
    const { metadata } = (await storage.fetch(matchID, { metadata: true })) as {
      metadata?: { gameover?: unknown };
    };
    return metadata ? metadata.gameover !== undefined && metadata.gameover !== null : undefined;
  };
  const inLobby = async (matchID: string) => {
    const { state } = (await storage.fetch(matchID, { state: true })) as {
      state?: State<BackchannelState>;
    };
    return Boolean(state?.G.lobby);
  };
  // A seat left in the lobby is no longer ready (src/game/lobby.ts): the server takes it back.
  const onLeft = async (matchID: string, seat: string) => {
    await transport.serverMove(matchID, (state) =>
      state.G.lobby?.ready.includes(seat as never) ? { move: 'ready', args: [false], seat } : null,
    );
  };
  app.use(lobbyGuard({ maxBodyBytes: 16 * 1024, log, isOver, inLobby, onLeft }) as never);

  if (existsSync(join(config.staticDir, 'index.html'))) {
    const files = serveStatic(config.staticDir, { index: 'index.html', maxage: 0 });
    app.use((async (ctx: Context, next: Next) => {
      if (ctx.path.startsWith('/games') || ctx.path.startsWith('/socket.io')) return next();
      await files(ctx as never, next);
    }) as never);
  } else {
    log.warn(
      { event: 'static', dir: config.staticDir },
      'no built browser app to serve (run npm run build)',
    );
  }

  const running = await server.run({ port: config.port });
  const http = running.appServer as unknown as HttpServer;
  await new Promise<void>((resolve) =>
    http.listening ? resolve() : http.once('listening', () => resolve()),
  );
  const port = (http.address() as AddressInfo).port;
  origins.push(...allowedOrigins(config, port));

  if (cluster) {
    // cluster: each node arms only the matches whose lease it takes (server/cluster/lease.ts).
    await cluster.join({ sql, storage, transport, scheduler, bots });
  } else {
    // Deadlines survive restarts: re-arm every unfinished match from storage.
    for (const { matchID, deadline } of await storage.pendingDeadlines())
      scheduler.arm(matchID, deadline);
    // And bots (setupData's, or a seminar facilitator's) take up their unfinished matches again.
    for (const { matchID, state } of await storage.unfinishedStates(mayHaveBots))
      bots.fromState(matchID, state as State<BackchannelState>);
  }

  const url =
    config.publicUrl ?? `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log.info(
    { event: 'started', url, storage: kind, deadlines: scheduler.armed(), node: cluster?.node },
    `Backchannel is serving on ${url}`,
  );

  return {
    url,
    port,
    storage: kind,
    scheduler,
    stop: async () => {
      bots.stop();
      await cluster?.stop();
      await transport.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await storage.close();
    },
  };
}
