// The socket side of the server, in place of boardgame.io's SocketIO transport: the same wire
// protocol (sync, update, matchData), so boardgame.io's own client connects unchanged, with a
// guard in front of the master and a filter behind it (see guard.ts and filter.ts).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { createServer } from 'node:http';
import type { Game, Server as BgioServer, State } from 'boardgame.io';
import { Master } from 'boardgame.io/master';
import { Server as IOServer, type Socket } from 'socket.io';
import type { Logger } from 'pino';
import { explainMove } from '../src/game/enumerate';
import { viewFor } from '../src/game/view';
import type { BackchannelState } from '../src/game/types';
import { makeOutgoingFilter } from './filter';
import { SyncPacket, checkUpdate, type Binding, type Refusal } from './guard';
import type { SqlStorage } from './storage';

type Intermediate = Parameters<ConstructorParameters<typeof Master>[2]['sendAll']>[0];

export interface TransportOptions {
  /** Origins allowed to open a socket from a browser; requests without an Origin header pass. */
  origins: string[];
  /** The interface to listen on (boardgame.io's run() passes only the port). */
  host: string;
  maxPayloadBytes: number;
  log: Logger;
}

/** Match updates fan out through here; a Redis-backed one can replace it across processes. */
export interface PubSub {
  publish(channel: string, payload: Intermediate): void;
  subscribe(channel: string, fn: (payload: Intermediate) => void): void;
  unsubscribeAll(channel: string): void;
}

export class InProcessPubSub implements PubSub {
  private readonly subscribers = new Map<string, ((payload: Intermediate) => void)[]>();
  publish(channel: string, payload: Intermediate): void {
    for (const fn of this.subscribers.get(channel) ?? []) fn(payload);
  }
  subscribe(channel: string, fn: (payload: Intermediate) => void): void {
    this.subscribers.set(channel, [...(this.subscribers.get(channel) ?? []), fn]);
  }
  unsubscribeAll(channel: string): void {
    this.subscribers.delete(channel);
  }
}

/**
 * A view's text, computed once per view however many sockets of its seat receive it. Plain JSON:
 * storage keeps a state as the text it was written as (server/storage.ts), so a state read back
 * has its keys in the order of the one a move produced, and equal views give equal text.
 */
const viewTexts = new WeakMap<object, string>();
function viewText(view: State): string {
  let text = viewTexts.get(view);
  if (text === undefined) {
    const { _stateID: _ignored, ...rest } = view;
    text = JSON.stringify(rest);
    viewTexts.set(view, text);
  }
  return text;
}

/** A task refused because the server is stopping (nothing of it ran). */
export class ServerClosing extends Error {
  constructor() {
    super('the server is stopping');
  }
}

function sameSecret(a: string | undefined | null, b: string | undefined | null): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class GuardedTransport {
  io?: IOServer;
  private http?: HttpServer;
  private db!: SqlStorage;
  private game!: Game;
  private readonly bindings = new Map<string, Binding & { socket: Socket }>();
  /**
   * Each socket's sync still being handled. A socket that comes back sends its sync and then its
   * moves; the sync binds it only once the match's queue reaches it, so its moves wait for that
   * instead of being refused as "not synced".
   */
  private readonly syncing = new Map<string, Promise<void>>();
  /** Per socket: the last view it was sent and its version number. */
  private readonly versions = new Map<string, { text: string; version: number }>();
  private readonly rooms = new Map<string, Set<string>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly pubSub: PubSub;
  private filter!: ReturnType<typeof makeOutgoingFilter>;
  /** Set by close(): no new task runs, and close() waits for the ones under way. */
  private closing = false;

  constructor(
    private readonly opts: TransportOptions,
    pubSub: PubSub = new InProcessPubSub(),
  ) {
    this.pubSub = pubSub;
  }

  /** Called by boardgame.io's Server(): attach socket.io when the app starts listening. */
  init(app: BgioServer.App, games: Game[]): void {
    this.db = app.context.db as unknown as SqlStorage;
    this.game = games[0]!;
    this.filter = makeOutgoingFilter(this.game, (G, playerID) =>
      viewFor(G as BackchannelState, playerID, { share: true }),
    );
    // Build the HTTP server at listen time, so app.callback() includes every middleware
    // registered after this point (the Lobby API router, static files).
    app.listen = ((port: number, callback?: () => void) => {
      const server = createServer(app.callback());
      this.attach(server);
      return server.listen(port, this.opts.host, callback);
    }) as typeof app.listen;
  }

  private attach(server: HttpServer): void {
    this.http = server;
    const io = new IOServer(server, {
      serveClient: false,
      maxHttpBufferSize: this.opts.maxPayloadBytes,
      pingTimeout: 20_000,
      pingInterval: 10_000,
      cors: { origin: this.opts.origins, methods: ['GET', 'POST'] },
      allowRequest: (req: IncomingMessage, callback) => {
        const origin = req.headers.origin;
        const allowed = origin === undefined || this.opts.origins.includes(origin);
        if (!allowed)
          this.opts.log.warn(
            { event: 'refused', refusal: 'origin', origin },
            'socket origin refused',
          );
        callback(null, allowed);
      },
    });
    this.io = io;
    // Only the game's namespace exists; the default one answers nothing.
    io.of('/').use((_socket, next) => next(new Error('use the /backchannel namespace')));
    io.of(`/${this.game.name}`).on('connection', (socket) => this.onConnection(socket));
  }

  private refuse(socket: Socket, refusal: Refusal, detail?: Record<string, unknown>): void {
    const binding = this.bindings.get(socket.id);
    this.opts.log.warn(
      {
        event: 'refused',
        refusal,
        socket: socket.id,
        matchID: binding?.matchID,
        seat: binding?.playerID,
        ...detail,
      },
      'packet refused',
    );
    socket.emit('bc:refused', {
      code: refusal,
      ...(detail?.reason ? { reason: detail.reason } : {}),
    });
  }

  private onConnection(socket: Socket): void {
    let tokens = 40;
    const refill = setInterval(() => (tokens = Math.min(40, tokens + 20)), 1000);
    socket.use(([event], next) => {
      if (--tokens < 0) return this.refuse(socket, 'malformed', { reason: 'too many packets' });
      if (event === 'sync' || event === 'update') return next();
      this.refuse(socket, event === 'chat' ? 'no-chat' : 'unknown-event', {
        packet: String(event).slice(0, 32),
      });
    });
    socket.on('sync', (...args: unknown[]) => {
      const synced = this.onSync(socket, args).catch((err) => this.fail(socket, err));
      this.syncing.set(socket.id, synced);
      void synced.then(() => {
        if (this.syncing.get(socket.id) === synced) this.syncing.delete(socket.id);
      });
    });
    socket.on(
      'update',
      (...args: unknown[]) =>
        void this.onUpdate(socket, args).catch((err) => this.fail(socket, err)),
    );
    socket.on('disconnect', () => {
      clearInterval(refill);
      this.versions.delete(socket.id);
      this.syncing.delete(socket.id);
      void this.unbind(socket, true).catch((err) => this.fail(socket, err));
    });
  }

  private fail(socket: Socket, err: unknown): void {
    if (err instanceof ServerClosing) return;
    this.opts.log.error(
      { event: 'error', socket: socket.id, err: String(err) },
      'socket handler failed',
    );
  }

  /**
   * cluster: runs inside the match's queue before each of its tasks: takes the match's lease when
   * this node does not hold it (server/cluster/lease.ts). Unset on a single node.
   */
  claim?: (matchID: string) => Promise<void>;

  /** Runs `task` after every earlier task of the same match (one writer per match). */
  enqueue<T>(matchID: string, task: () => Promise<T>): Promise<T> {
    if (this.closing) return Promise.reject(new ServerClosing());
    const previous = this.queues.get(matchID) ?? Promise.resolve();
    const claim = this.claim;
    const run = claim ? () => claim(matchID).then(task) : task;
    const next = previous.then(run, run);
    const settled = next.catch(() => undefined);
    this.queues.set(matchID, settled);
    void settled.then(() => {
      if (this.queues.get(matchID) === settled) this.queues.delete(matchID);
    });
    return next;
  }

  /**
   * A master whose messages wait in `out` until the caller flushes them: boardgame.io's master
   * broadcasts a move before it writes it, and here no socket may hear of a move before it is
   * stored, so a crash never loses a move that anyone was told of.
   */
  private master(matchID: string, out: (() => void)[], socket?: Socket): Master {
    return new Master(this.game, this.db as never, {
      send: ({ playerID, ...data }) => {
        if (!socket) return;
        out.push(() => {
          const filtered = this.filter(playerID ?? null, data as Intermediate);
          if (filtered) this.deliver(socket, filtered);
        });
      },
      sendAll: (payload) => out.push(() => this.pubSub.publish(`match:${matchID}`, payload)),
    });
  }

  /** Runs one master call and, once what it stored has landed, tells the sockets. */
  private async run<T>(
    matchID: string,
    call: (master: Master) => Promise<T>,
    socket?: Socket,
  ): Promise<T> {
    const out: (() => void)[] = [];
    const result = await call(this.master(matchID, out, socket));
    for (const send of out) send();
    return result;
  }

  private async metadata(matchID: string) {
    const { metadata } = (await this.db.fetch(matchID, { metadata: true })) as {
      metadata?: BgioServer.MatchData;
    };
    return metadata;
  }

  private async onSync(socket: Socket, args: unknown[]): Promise<void> {
    const parsed = SyncPacket.safeParse(
      args.length < 4 ? [...args, ...Array(4 - args.length).fill(undefined)] : args,
    );
    if (!parsed.success) return this.refuse(socket, 'malformed');
    const [matchID, seat, credentials] = parsed.data;
    const playerID = seat ?? null;
    await this.enqueue(matchID, async () => {
      const metadata = await this.metadata(matchID);
      // Unlike the stock server, a sync never creates a match.
      if (!metadata) return this.refuse(socket, 'unknown-match');
      if (playerID !== null) {
        const player = metadata.players[Number(playerID)];
        if (!player || !sameSecret(credentials, player.credentials)) {
          socket.emit('bc:error', {
            code: 'unauthorized',
            message: 'These credentials do not hold this seat.',
          });
          return this.refuse(socket, 'unauthorized', { attempted: playerID, match: matchID });
        }
      }
      await this.unbind(socket, false);
      const binding = { matchID, playerID, socket, ...(credentials ? { credentials } : {}) };
      this.bind(binding);
      await this.run(
        matchID,
        (master) => master.onSync(matchID, playerID, credentials ?? undefined, 3),
        socket,
      );
      if (playerID !== null) {
        await this.run(matchID, (master) =>
          master.onConnectionChange(matchID, playerID, credentials ?? undefined, true),
        );
        this.opts.log.info({ event: 'connected', matchID, seat: playerID }, 'seat connected');
      }
    });
  }

  private bind(binding: Binding & { socket: Socket }): void {
    this.bindings.set(binding.socket.id, binding);
    let room = this.rooms.get(binding.matchID);
    if (!room) {
      room = new Set();
      this.rooms.set(binding.matchID, room);
      const matchID = binding.matchID;
      this.pubSub.subscribe(`match:${matchID}`, (payload) => this.broadcast(matchID, payload));
    }
    room.add(binding.socket.id);
  }

  private async unbind(socket: Socket, disconnected: boolean): Promise<void> {
    const binding = this.bindings.get(socket.id);
    if (!binding) return;
    this.bindings.delete(socket.id);
    const room = this.rooms.get(binding.matchID);
    room?.delete(socket.id);
    if (room && room.size === 0) {
      this.rooms.delete(binding.matchID);
      this.pubSub.unsubscribeAll(`match:${binding.matchID}`);
    }
    if (disconnected && binding.playerID !== null) {
      const { matchID, playerID, credentials } = binding;
      // Another socket (a second tab) still holds the seat: it has not gone away.
      for (const other of this.bindings.values())
        if (other.matchID === matchID && other.playerID === playerID) return;
      await this.enqueue(matchID, () =>
        this.run(matchID, (master) =>
          master.onConnectionChange(matchID, playerID, credentials, false),
        ),
      );
      this.opts.log.info({ event: 'disconnected', matchID, seat: playerID }, 'seat disconnected');
    }
  }

  /** Sends each socket of the match its own filtered copy. */
  private broadcast(matchID: string, payload: Intermediate): void {
    // One filtered view per seat, shared by every socket of that seat (a second tab).
    const views = new Map<string | null, ReturnType<GuardedTransport['filter']>>();
    for (const id of this.rooms.get(matchID) ?? []) {
      const binding = this.bindings.get(id);
      if (!binding) continue;
      if (!views.has(binding.playerID))
        views.set(binding.playerID, this.filter(binding.playerID, payload));
      const out = views.get(binding.playerID);
      if (out) this.deliver(binding.socket, out);
    }
  }

  /**
   * Emits a filtered message. A seat hears about a move only when its own view changed, and the
   * state ids it sees count its own versions, not the match's moves, so neither the number nor the
   * timing of another seat's invisible moves (postures, drafts, holds) can carry a signal.
   */
  private deliver(socket: Socket, out: NonNullable<ReturnType<GuardedTransport['filter']>>): void {
    if (out.type === 'sync' || out.type === 'update') {
      const view = out.type === 'sync' ? out.args[1].state : out.args[1];
      const text = viewText(view);
      const seen = this.versions.get(socket.id);
      if (out.type === 'update' && seen?.text === text) return;
      const version = out.type === 'sync' ? 1 : (seen?.version ?? 0) + 1;
      this.versions.set(socket.id, { text, version });
      // The view may be shared by several sockets of one seat: each gets its own version.
      const numbered = { ...view, _stateID: version };
      if (out.type === 'sync')
        socket.emit('sync', out.args[0], { ...out.args[1], state: numbered });
      else socket.emit('update', out.args[0], numbered, out.args[2]);
      return;
    }
    socket.emit(out.type, ...out.args);
  }

  private async onUpdate(socket: Socket, args: unknown[]): Promise<void> {
    const syncing = this.syncing.get(socket.id);
    if (syncing) await syncing;
    const checked = checkUpdate(this.bindings.get(socket.id), args);
    if (!checked.ok) return this.refuse(socket, checked.refusal);
    const [action, , matchID, playerID] = checked.packet;
    await this.enqueue(matchID, async () => {
      const { state } = (await this.db.fetch(matchID, { state: true })) as {
        state?: State<BackchannelState>;
      };
      if (!state) return this.refuse(socket, 'unknown-match');
      // The seat may have been given up or handed over since this socket synced.
      const player = (await this.metadata(matchID))?.players[Number(playerID)];
      if (!player || !sameSecret(action.payload.credentials, player.credentials))
        return this.refuse(socket, 'bad-credentials');
      // A seminar's facilitator has handed this seat to a server bot for now (docs/SEMINAR.md).
      if (state.G.options.bots[playerID] && state.ctx.gameover === undefined)
        return this.refuse(socket, 'illegal-move', {
          move: action.payload.type,
          reason: 'a bot plays this seat for now',
        });
      // The lobby's start (src/game/lobby.ts): the server, not the client, names the empty seats,
      // from the match's metadata; they go to bots.
      const metadata = action.payload.type === 'start' ? await this.metadata(matchID) : undefined;
      const empty = Object.values(metadata?.players ?? {})
        .filter((p) => !p.name)
        .map((p) => String(p.id) as '0' | '1' | '2');
      const moveArgs = metadata ? [{ bots: empty }] : (action.payload.args ?? []);
      const reason = explainMove(state.G, playerID, action.payload.type, moveArgs);
      if (reason !== null)
        return this.refuse(socket, 'illegal-move', { move: action.payload.type, reason });
      await this.run(matchID, (master) =>
        master.onUpdate(
          {
            type: 'MAKE_MOVE',
            payload: {
              type: action.payload.type,
              args: moveArgs,
              playerID,
              credentials: action.payload.credentials,
            },
          } as never,
          state._stateID,
          matchID,
          playerID,
        ),
      );
      if (metadata) await this.nameBotSeats(matchID);
      this.opts.log.info(
        { event: 'move', matchID, seat: playerID, move: action.payload.type },
        'move',
      );
      // The mover hears that its move went through even when its own view did not change.
      socket.emit('bc:accepted', { move: action.payload.type });
    });
  }

  /**
   * Runs a server-side move (a deadline's expiry, a bot's move, a facilitator's action) inside the
   * match's queue. `build` sees the current state and returns the move, or null to run nothing.
   * Resolves to whether the rules applied it (the stored state moved on); a move the rules refuse
   * (INVALID_MOVE) leaves the state as it was.
   */
  async serverMove(
    matchID: string,
    build: (
      state: State<BackchannelState>,
    ) => { move: string; args: unknown[]; seat?: string } | null,
  ): Promise<boolean> {
    // A stopping server runs no more deadlines or bot moves: the next start re-arms them.
    if (this.closing) return Promise.resolve(false);
    return this.enqueue(matchID, async () => {
      const { state } = (await this.db.fetch(matchID, { state: true })) as {
        state?: State<BackchannelState>;
      };
      const planned = state ? build(state) : null;
      if (!state || !planned) return false;
      const seat = planned.seat ?? state.G.pending[0] ?? '2';
      await this.run(matchID, (master) =>
        master.onUpdate(
          {
            type: 'MAKE_MOVE',
            payload: { type: planned.move, args: planned.args, playerID: seat },
          } as never,
          state._stateID,
          matchID,
          seat,
        ),
      );
      const { state: after } = (await this.db.fetch(matchID, { state: true })) as {
        state?: State<BackchannelState>;
      };
      return after !== undefined && after._stateID > state._stateID;
    });
  }

  /**
   * After a lobby's start: the seats its bots took are named in the metadata (so nobody can join
   * them) and every socket of the match hears the new names.
   */
  private async nameBotSeats(matchID: string): Promise<void> {
    const { metadata, state } = (await this.db.fetch(matchID, {
      metadata: true,
      state: true,
    })) as { metadata?: BgioServer.MatchData; state?: State<BackchannelState> };
    if (!metadata || !state || state.G.lobby) return;
    let named = false;
    for (const [seat, spec] of Object.entries(state.G.options.bots)) {
      const player = metadata.players[Number(seat)];
      if (player && !player.name) {
        player.name = `Bot (${spec?.level ?? 'normal'})`;
        named = true;
      }
    }
    if (!named) return;
    await this.db.setMetadata(matchID, { ...metadata, updatedAt: Date.now() });
    const players = Object.values(metadata.players).map((p) => ({
      id: p.id,
      ...(p.name ? { name: p.name } : {}),
      ...(p.isConnected !== undefined ? { isConnected: p.isConnected } : {}),
    }));
    this.pubSub.publish(`match:${matchID}`, {
      type: 'matchData',
      args: [matchID, players],
    } as unknown as Intermediate);
  }

  /** Reads and rewrites a match's metadata inside its queue (no write of the master in between). */
  async updateMetadata<T>(
    matchID: string,
    change: (metadata: BgioServer.MatchData, state: State<BackchannelState>) => T,
  ): Promise<T | undefined> {
    return this.enqueue(matchID, async () => {
      const { metadata, state } = (await this.db.fetch(matchID, {
        metadata: true,
        state: true,
      })) as { metadata?: BgioServer.MatchData; state?: State<BackchannelState> };
      if (!metadata || !state) return undefined;
      const before = JSON.stringify(metadata);
      const out = change(metadata, state);
      if (JSON.stringify(metadata) !== before)
        await this.db.setMetadata(matchID, { ...metadata, updatedAt: Date.now() });
      return out;
    });
  }

  /** Closes the sockets bound to a match (it has been deleted). */
  dropMatch(matchID: string): void {
    for (const id of [...(this.rooms.get(matchID) ?? [])]) {
      const binding = this.bindings.get(id);
      binding?.socket.emit('bc:error', { code: 'deleted', message: 'This match was deleted.' });
      binding?.socket.disconnect(true);
    }
  }

  /**
   * cluster: another node owns this match now. Its sockets here are closed without telling the
   * match (their seats are not gone: they reconnect through the balancer to the new owner).
   */
  releaseMatch(matchID: string): void {
    const room = this.rooms.get(matchID);
    if (!room) return;
    this.rooms.delete(matchID);
    this.pubSub.unsubscribeAll(`match:${matchID}`);
    for (const id of room) {
      const binding = this.bindings.get(id);
      this.bindings.delete(id);
      // Closing the connection (not the namespace) makes the client reconnect by itself.
      binding?.socket.conn.close();
    }
  }

  /**
   * Stops taking tasks, closes the sockets and waits until every match's queue has run out, so
   * that storage, closed next, has every write that anyone was told of and none after.
   */
  async close(): Promise<void> {
    this.closing = true;
    await new Promise<void>((resolve) => {
      if (!this.io) return resolve();
      // io.close() ends with the HTTP server's close, which waits for every open connection. A
      // request under way is let finish (a page loading a script), but a browser whose socket was
      // just closed reconnects at once on its keep-alive connection, and would hold the close
      // open for ever: connections are closed as soon as they are idle, and all of them after 5 s.
      const idle = setInterval(() => this.http?.closeIdleConnections(), 50);
      const all = setTimeout(() => this.http?.closeAllConnections(), 5_000);
      void this.io.close(() => {
        clearInterval(idle);
        clearTimeout(all);
        resolve();
      });
    });
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }
}
