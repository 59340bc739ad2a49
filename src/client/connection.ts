// One boardgame.io client per browser tab, for the seat this person plays, feeding the store
// through one subscription. Solo: the match runs in the browser (Local master) with a bot client
// for every other seat. Online: the game server over socket.io, with this seat's credentials.
import { Client } from 'boardgame.io/client';
import { Local, SocketIO } from 'boardgame.io/multiplayer';
import type { Game, State } from 'boardgame.io';
import { botDelay, makeBot, type BotLevel, type Persona } from '../bots';
import { Backchannel, makeBackchannel } from '../game';
import type { SetupData } from '../game/options';
import type { MoveName } from '../game/moves';
import type { BackchannelState, Final, Seat } from '../game/types';
import { intentKey, type IntentKey, type MoveArgs } from './intents';
import { forPerson, refuse, serverRefusalWords } from './refusals';
import { makeCheck } from './check';
import { serverOffset } from './clock';
import { withView, type TableStore } from './store';
import { botLabel } from '../game/seat-model';
import { cryptoSeed } from '../game/plugins/prng';

export interface BotSeat {
  level: BotLevel;
  persona?: Persona;
}

type BgioClient = ReturnType<typeof Client<BackchannelState>>;

export interface Connection {
  stop(): void;
}

interface Feed {
  stop(): void;
  /** Shows one of the server's refusals beside the control of the last move sent. */
  refused(code: string, reason?: string): void;
}

function feed(store: TableStore, client: BgioClient, seat: Seat | null): Feed {
  const update = (state: State<BackchannelState> | null) => {
    if (!state) return;
    const before = store.getState().view;
    // A refusal belongs to the step it was made in.
    if (before && (before.round !== state.G.round || before.step !== state.G.step))
      store.setState({ refusal: null });
    store.setState({
      // The view and the seat model built from it: every screen renders the model.
      ...withView(store.getState(), state.G, seat),
      gameover: (state.ctx.gameover as Final | undefined) ?? null,
      phase: 'playing',
      error: null,
    });
  };
  // Subscribe once and fan out through the store (the vanilla client can drop subscribers).
  const unsubscribe = client.subscribe(update);
  // The control the last move came from: a refusal the server sends later is shown beside it.
  // Before any move is sent, a refusal goes beside the step's own done control.
  let lastKey: IntentKey = 'done';
  const check = makeCheck(() => store.getState().view, seat);
  const send = <M extends MoveName>(move: M, ...args: MoveArgs<M>): boolean => {
    const view = store.getState().view;
    if (!view || seat === null) return false;
    lastKey = intentKey(move, args);
    const refused = (text: string) => {
      refuse(store, lastKey, text);
      return false;
    };
    // Offline, a move would wait in the socket and reach the server before the page has resynced.
    if (store.getState().online === false) return refused(OFFLINE);
    // The rules' own check, on this seat's view: a refusal is explained before anything is sent.
    const reason = check(move, ...args);
    if (reason !== null) return refused(reason);
    store.setState({ refusal: null });
    const moves = client.moves as Record<string, (...a: unknown[]) => void>;
    moves[move]?.(...args);
    return true;
  };
  store.setState({ seat, send, check });
  return {
    stop: unsubscribe,
    refused: (code, reason) => refuse(store, lastKey, serverRefusalWords(code, reason)),
  };
}

const OFFLINE =
  'The connection to the table is lost: your move was not sent. The page reconnects by itself; try again when it is back.';

/** A game whose setup uses these options even when the master creates the match without them. */
function withOptions(setupData: SetupData, seed?: string): Game<BackchannelState> {
  const base = seed === undefined ? Backchannel : makeBackchannel({ seed });
  return { ...base, setup: (context, data) => base.setup!(context, data ?? setupData) };
}

export interface SoloOptions {
  seat: Seat;
  setupData: SetupData;
  bots: Partial<Record<Seat, BotSeat>>;
  /** Multiplies bot delays (0 in tests that want speed). */
  pace?: number;
  /** A fixed seed for the rules and the bots: the same moves, the same match. Drawn when absent. */
  seed?: string;
  /** The match's id (a kept match resumes under its own). */
  matchID?: string;
  /** Keeps the match in localStorage under this key (boardgame.io's Local persist): a reload resumes it. */
  storageKey?: string;
}

export function startSolo(store: TableStore, opts: SoloOptions): Connection {
  const seed = opts.seed ?? cryptoSeed();
  const game = withOptions(opts.setupData, seed);
  const multiplayer = Local(opts.storageKey ? { persist: true, storageKey: opts.storageKey } : {});
  const matchID = opts.matchID ?? `solo-${Date.now().toString(36)}`;
  const make = (playerID: Seat) => {
    const c = Client<BackchannelState>({ game, numPlayers: 3, multiplayer, matchID, playerID });
    c.start();
    return c;
  };
  const human = make(opts.seat);
  const stops: (() => void)[] = [feed(store, human, opts.seat).stop, () => human.stop()];
  const seats: Record<Seat, { name: string; connected: boolean; bot?: string }> = {
    '0': { name: 'You', connected: true },
    '1': { name: 'You', connected: true },
    '2': { name: 'You', connected: true },
  };

  for (const seat of ['0', '1', '2'] as const) {
    const spec = opts.bots[seat];
    if (!spec) continue;
    // A bot may play the player's own seat too: the player watches it play from that chair.
    const own = seat === opts.seat;
    if (!own)
      seats[seat] = {
        name: botLabel(spec),
        connected: true,
        bot: spec.level,
      };
    const client = own ? human : make(seat);
    const bot = makeBot({
      seat,
      level: spec.level,
      ...(spec.persona ? { persona: spec.persona } : {}),
      seed: `${seed}-${seat}`,
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const act = () => {
      timer = undefined;
      const state = client.getState();
      if (!state || state.ctx.gameover) return;
      const action = bot.decide(state.G);
      if (!action) return;
      (client.moves as Record<string, (...a: unknown[]) => void>)[action.move]?.(...action.args);
    };
    const unsubscribe = client.subscribe((state) => {
      if (!state || state.ctx.gameover || timer !== undefined) return;
      if (!state.G.pending.includes(seat)) return;
      timer = setTimeout(act, botDelay(spec.level, Math.random()) * (opts.pace ?? 1));
    });
    stops.push(unsubscribe, () => timer !== undefined && clearTimeout(timer));
    if (!own) stops.push(() => client.stop());
  }
  const self = opts.bots[opts.seat];
  store.setState({
    mode: 'solo',
    phase: 'connecting',
    matchID,
    seats: {
      ...seats,
      [opts.seat]: self
        ? { name: `You (a ${self.level} bot plays for you)`, connected: true, bot: self.level }
        : { name: 'You', connected: true },
    },
  });
  return { stop: () => stops.forEach((s) => s()) };
}

export interface OnlineOptions {
  server: string;
  matchID: string;
  seat: Seat | null;
  credentials?: string;
}

interface SocketTransport {
  isConnected?: boolean;
  socket?: {
    on(
      event: string,
      fn: (payload: { code: string; message?: string; reason?: string }) => void,
    ): void;
  };
}

export function startOnline(store: TableStore, opts: OnlineOptions): Connection {
  const client = Client<BackchannelState>({
    game: Backchannel,
    numPlayers: 3,
    // The match in the socket's query lets a balancer route every socket of a match to one node.
    multiplayer: SocketIO({
      server: opts.server,
      socketOpts: { query: { matchID: opts.matchID } },
    }),
    matchID: opts.matchID,
    ...(opts.seat !== null ? { playerID: opts.seat } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
  });
  client.start();
  const fed = feed(store, client, opts.seat);
  const stops = [fed.stop, () => client.stop()];
  store.setState({ mode: 'online', phase: 'connecting', matchID: opts.matchID });

  // Our server's refusals and errors arrive as their own socket events.
  const transport = (client as unknown as { transport?: SocketTransport }).transport;
  const watch = () => {
    const socket = transport?.socket;
    if (!socket) return setTimeout(watch, 50);
    socket.on('bc:error', (e) =>
      store.setState({ phase: 'error', error: forPerson(e.message ?? serverRefusalWords(e.code)) }),
    );
    socket.on('bc:refused', (e) => fed.refused(e.code, e.reason));
  };
  watch();
  client.subscribe(() => {
    // The socket's state: lost, the page says so at once; back, the transport resyncs by itself,
    // and a refusal made while offline no longer stands.
    const online = Boolean(transport?.isConnected);
    const was = store.getState().online;
    // (Not yet connected at the start is "connecting", not "lost".)
    if (online !== was && !(was === null && !online))
      store.setState(online && was === false ? { online, refusal: null } : { online });
    const meta = (
      client as unknown as { matchData?: { id: number; name?: string; isConnected?: boolean }[] }
    ).matchData;
    if (!meta) return;
    const seats = { ...store.getState().seats };
    for (const p of meta)
      seats[String(p.id) as Seat] = { name: p.name ?? '', connected: Boolean(p.isConnected) };
    store.setState({ seats });
  });
  void syncClock(store, opts.server);
  return { stop: () => stops.forEach((s) => s()) };
}

/** Sets the store's clock offset from the server's time (src/client/clock.ts). */
export async function syncClock(store: TableStore, server: string): Promise<void> {
  store.setState({ clockOffset: await serverOffset(server) });
}
