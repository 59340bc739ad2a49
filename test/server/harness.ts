// Test harness for the server: the real `tsx server/main.ts` in a child process (as `npm start`
// runs it), the Lobby API over fetch, raw socket.io-client sockets that record every frame they
// receive, a seat client that syncs a seat and makes moves, and a deterministic policy that plays
// a whole match from each seat's own view.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { State } from 'boardgame.io';
import { io, type Socket } from 'socket.io-client';
import { enumerate, type EnumeratedMove } from '../../src/game/enumerate';
import type { SetupData } from '../../src/game/options';
import type { BackchannelState, Seat } from '../../src/game/types';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const GAME = 'backchannel';
export const SEATS: readonly Seat[] = ['0', '1', '2'];
export type BcState = State<BackchannelState>;
export type Credentials = Record<Seat, string>;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// The server process

export interface LogLine {
  level: number;
  time: number;
  event?: string;
  msg?: string;
  [key: string]: unknown;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerHandle {
  url: string;
  port: number;
  dataDir: string;
  proc: ChildProcess;
  /** Every JSON (pino) line printed so far, parsed. */
  logs: LogLine[];
  /** Every line printed so far on stdout and stderr, as printed. */
  output: string[];
  exited: Promise<Exit>;
  /** Sends the signal and waits for the process to exit. */
  kill(signal?: NodeJS.Signals): Promise<Exit>;
  /** SIGTERM (SIGKILL after 5 s), then removes the data directory if the harness made it. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  /** Reuse a data directory (restart tests); otherwise a fresh temp one, removed by stop(). */
  dataDir?: string;
  /** A fixed port (restart tests); default 0, a free one. */
  port?: number;
  timeoutMs?: number;
}

// tsx runs the server in a child Node process and relays SIGTERM/SIGINT to it; SIGKILL cannot be
// relayed, so each server gets its own process group and a SIGKILL goes to that group.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const proc of live) killGroup(proc, 'SIGKILL');
});

function killGroup(proc: ChildProcess, signal: NodeJS.Signals): void {
  if (proc.pid === undefined) return;
  try {
    process.kill(-proc.pid, signal);
  } catch {
    // the group is gone
  }
}

function groupAlive(proc: ChildProcess): boolean {
  if (proc.pid === undefined) return false;
  try {
    process.kill(-proc.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until no process of the server's group is left. */
async function groupGone(proc: ChildProcess, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (groupAlive(proc)) {
    if (Date.now() > until) {
      killGroup(proc, 'SIGKILL');
      await sleep(100);
      break;
    }
    await sleep(25);
  }
  if (!groupAlive(proc)) live.delete(proc);
}

export function tempDir(prefix = 'bc-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // A DATABASE_URL from the outer environment must not leak into a PGlite test.
  delete env.DATABASE_URL;
  delete env.ORIGINS;
  delete env.PUBLIC_URL;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Spawns `tsx server/main.ts` and records its output. */
export function spawnServer(env: Record<string, string | undefined>): {
  proc: ChildProcess;
  logs: LogLine[];
  output: string[];
  exited: Promise<Exit>;
  onLine(fn: (line: string) => void): void;
} {
  const proc = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    env: childEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  live.add(proc);
  const logs: LogLine[] = [];
  const output: string[] = [];
  const listeners: ((line: string) => void)[] = [];
  const read = (stream: NodeJS.ReadableStream | null) => {
    let buffer = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      buffer += chunk;
      let at: number;
      while ((at = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 1);
        output.push(line);
        if (line.startsWith('{')) {
          try {
            logs.push(JSON.parse(line) as LogLine);
          } catch {
            // not a log line
          }
        }
        for (const fn of listeners) fn(line);
      }
    });
  };
  read(proc.stdout);
  read(proc.stderr);
  const exited = new Promise<Exit>((resolveExit) =>
    proc.once('exit', (code, signal) => {
      if (!groupAlive(proc)) live.delete(proc);
      resolveExit({ code, signal });
    }),
  );
  return { proc, logs, output, exited, onLine: (fn) => listeners.push(fn) };
}

/** Runs the server with this environment and expects it to exit by itself (bad config). */
export async function runToExit(
  env: Record<string, string | undefined>,
  timeoutMs = 30_000,
): Promise<Exit & { output: string }> {
  const child = spawnServer({ SKIP_BUILD: '1', PORT: '0', ...env });
  const timer = setTimeout(() => killGroup(child.proc, 'SIGKILL'), timeoutMs);
  const exit = await child.exited;
  clearTimeout(timer);
  await groupGone(child.proc);
  return { ...exit, output: child.output.join('\n') };
}

export async function startServer(opts: StartOptions = {}): Promise<ServerHandle> {
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? tempDir();
  const child = spawnServer({
    SKIP_BUILD: '1',
    PORT: String(opts.port ?? 0),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    // Tests create many matches from one address; test/server/create-limit.test.ts sets limits.
    MATCH_CREATE_LIMIT: '0',
    SEMINAR_CREATE_LIMIT: '0',
    ...opts.env,
  });
  const { proc, logs, output, exited } = child;
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      killGroup(proc, 'SIGKILL');
      reject(new Error(`the server did not start in time:\n${output.join('\n')}`));
    }, opts.timeoutMs ?? 60_000);
    const check = (line: string) => {
      const m = /is running: (http:\/\/\S+)/.exec(line);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[1]!);
      }
    };
    output.forEach(check);
    child.onLine(check);
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${JSON.stringify(exit)}):\n${output.join('\n')}`));
    });
  });
  const port = Number(new URL(url).port);
  /** SIGKILL kills the whole process group at once (no shutdown of any kind). */
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (signal === 'SIGKILL') killGroup(proc, signal);
    else if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
    const exit = await exited;
    await groupGone(proc);
    return exit;
  };
  return {
    url,
    port,
    dataDir,
    proc,
    logs,
    output,
    exited,
    kill,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        const timer = setTimeout(() => killGroup(proc, 'SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      await groupGone(proc);
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP and the Lobby API

export interface HttpResult {
  status: number;
  text: string;
  /** The parsed JSON body, or undefined when it is not JSON. */
  json: unknown;
  headers: Headers;
}

export async function http(
  url: string,
  path: string,
  init: { method?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpResult> {
  const hasBody = init.body !== undefined || init.raw !== undefined;
  const res = await fetch(`${url}${path}`, {
    method: init.method ?? (hasBody ? 'POST' : 'GET'),
    headers: { ...(hasBody ? { 'content-type': 'application/json' } : {}), ...init.headers },
    ...(hasBody ? { body: init.raw ?? JSON.stringify(init.body) } : {}),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** The `error` of a JSON error body. */
export function errorOf(res: HttpResult): string {
  const body = res.json as { error?: unknown } | undefined;
  return typeof body?.error === 'string' ? body.error : `(no error field: ${res.text})`;
}

export async function createMatch(url: string, setupData: SetupData = { rounds: 4 }) {
  const res = await http(url, `/games/${GAME}/create`, { body: { setupData } });
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${res.text}`);
  return (res.json as { matchID: string }).matchID;
}

export async function joinSeat(url: string, matchID: string, seat: Seat, name = `Seat ${seat}`) {
  const res = await http(url, `/games/${GAME}/${matchID}/join`, {
    body: { playerID: seat, playerName: name },
  });
  if (res.status !== 200) throw new Error(`join failed: ${res.status} ${res.text}`);
  return (res.json as { playerCredentials: string }).playerCredentials;
}

export async function joinAll(url: string, matchID: string): Promise<Credentials> {
  return {
    '0': await joinSeat(url, matchID, '0'),
    '1': await joinSeat(url, matchID, '1'),
    '2': await joinSeat(url, matchID, '2'),
  };
}

export async function leaveSeat(url: string, matchID: string, seat: Seat, credentials: string) {
  return http(url, `/games/${GAME}/${matchID}/leave`, { body: { playerID: seat, credentials } });
}

export async function newMatch(url: string, setupData: SetupData = { rounds: 4 }) {
  const matchID = await createMatch(url, setupData);
  return { matchID, credentials: await joinAll(url, matchID) };
}

export async function getMatch(url: string, matchID: string) {
  return http(url, `/games/${GAME}/${matchID}`);
}

// ---------------------------------------------------------------------------------------------
// Raw sockets

export interface Frame {
  event: string;
  args: unknown[];
  at: number;
}

export interface ConnectOptions {
  origin?: string;
  timeoutMs?: number;
  namespace?: string;
  /** The socket's query (a balancer routes by its matchID, as the browser client sends it). */
  query?: Record<string, string>;
}

/** A socket.io-client socket that records every frame it receives, for waiting and searching. */
export class RawSocket {
  readonly frames: Frame[] = [];
  disconnectReason: string | undefined;
  /** Called on every frame before anyone waiting is told about it. */
  readonly hooks: ((f: Frame) => void)[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(readonly socket: Socket) {
    socket.onAny((event: string, ...args: unknown[]) => {
      const frame = { event, args, at: Date.now() };
      this.frames.push(frame);
      for (const hook of this.hooks) hook(frame);
      this.notify();
    });
    socket.on('disconnect', (reason) => {
      this.disconnectReason = reason;
      this.notify();
    });
  }

  static connect(url: string, opts: ConnectOptions = {}): Promise<RawSocket> {
    const socket = io(`${url}/${opts.namespace ?? GAME}`, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: opts.timeoutMs ?? 5_000,
      ...(opts.origin ? { extraHeaders: { origin: opts.origin } } : {}),
      ...(opts.query ? { query: opts.query } : {}),
    });
    const raw = new RawSocket(socket);
    return new Promise((resolveSocket, reject) => {
      socket.once('connect', () => resolveSocket(raw));
      socket.once('connect_error', (err) => {
        socket.close();
        reject(err);
      });
    });
  }

  private notify(): void {
    for (const fn of [...this.listeners]) fn();
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  emit(event: string, ...args: unknown[]): number {
    const mark = this.frames.length;
    this.socket.emit(event, ...args);
    return mark;
  }

  /** Resolves when `check` returns a value (checked now and on every frame or disconnect). */
  until<T>(check: () => T | undefined, timeoutMs = 5_000, what = 'a frame'): Promise<T> {
    return new Promise<T>((resolveValue, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return false;
        this.listeners.delete(attempt);
        clearTimeout(timer);
        resolveValue(value);
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners.delete(attempt);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      this.listeners.add(attempt);
      attempt();
    });
  }

  /** The first frame from index `from` on that matches. */
  waitFor(pred: (f: Frame) => boolean, from = 0, timeoutMs = 5_000, what?: string) {
    return this.until(
      () => this.frames.slice(from).find(pred),
      timeoutMs,
      what ?? 'a matching frame',
    );
  }

  waitForDisconnect(timeoutMs = 5_000): Promise<string> {
    return this.until(() => this.disconnectReason, timeoutMs, 'a disconnect');
  }

  since(mark: number): Frame[] {
    return this.frames.slice(mark);
  }

  /**
   * Sends a sync and waits for the answer: a sync frame, or a bc:error / bc:refused. A bc:error
   * (unauthorized) is followed by a bc:refused; that one is awaited too, so that it cannot be
   * taken for the answer to the next packet.
   */
  async sync(matchID: unknown, seat: unknown, credentials?: unknown): Promise<Frame> {
    const mark = this.emit('sync', matchID, seat, credentials, 3);
    const answer = await this.waitFor(
      (f) => f.event === 'sync' || f.event === 'bc:error' || f.event === 'bc:refused',
      mark,
      5_000,
      'the answer to a sync',
    );
    if (answer.event === 'bc:error') {
      const at = this.frames.indexOf(answer);
      await this.waitFor((f) => f.event === 'bc:refused', at + 1, 1_000).catch(() => undefined);
    }
    return answer;
  }

  /** Sends any packet and waits for its refusal (bc:refused or bc:error). */
  async refusal(event: string, ...args: unknown[]): Promise<Refusal> {
    const mark = this.emit(event, ...args);
    const f = await this.waitFor(
      (x) => x.event === 'bc:refused' || x.event === 'bc:error',
      mark,
      5_000,
      `a refusal of ${event}`,
    );
    return f.args[0] as Refusal;
  }

  close(): void {
    this.socket.close();
  }
}

export interface Refusal {
  code: string;
  reason?: string;
  message?: string;
}

export function makeMove(
  type: string,
  args: unknown[],
  seat: string,
  credentials: string | undefined,
): { type: 'MAKE_MOVE'; payload: Record<string, unknown> } {
  return {
    type: 'MAKE_MOVE',
    payload: { type, args, playerID: seat, ...(credentials ? { credentials } : {}) },
  };
}

// ---------------------------------------------------------------------------------------------
// A seat (or a spectator) over a raw socket
//
// The server sends a socket an update only when that socket's own filtered view changed, and the
// `_stateID` it shows is the socket's own version counter (its sync is 1, each update it is sent
// one more), not the match's move counter. So state ids are only comparable within one socket: a
// fresh socket starts again at 1. "Unchanged" across sockets means the same G and ctx (essence).

export type MoveResult = { ok: true; state: BcState } | { ok: false; refusal: Refusal };

/** The state a sync or update frame carries. */
export function stateOf(f: Frame): BcState | undefined {
  if (f.event === 'update') return f.args[1] as BcState;
  if (f.event === 'sync') return (f.args[1] as { state: BcState }).state;
  return undefined;
}

/** The sync and update frames among these. */
export function stateFrames(frames: Frame[]): Frame[] {
  return frames.filter((f) => f.event === 'sync' || f.event === 'update');
}

export class SeatClient {
  state!: BcState;
  /** Moves the server acknowledged (bc:accepted). */
  moves = 0;

  private constructor(
    readonly raw: RawSocket,
    readonly matchID: string,
    readonly seat: Seat | null,
    readonly credentials: string | undefined,
  ) {
    // Frames on one socket arrive in the order they were sent: the latest state is the last one.
    raw.hooks.push((f) => {
      const s = stateOf(f);
      if (s) this.state = s;
    });
  }

  /** Connects and syncs; throws if the server does not answer with a sync. */
  static async open(
    url: string,
    matchID: string,
    seat: Seat | null,
    credentials?: string,
  ): Promise<SeatClient> {
    // The match in the query, as the browser client sends it: nginx routes by it (a cluster).
    const raw = await RawSocket.connect(url, { query: { matchID } });
    const client = new SeatClient(raw, matchID, seat, credentials);
    const answer = await raw.sync(matchID, seat, credentials);
    if (answer.event !== 'sync') {
      raw.close();
      throw new Error(`sync refused: ${answer.event} ${JSON.stringify(answer.args)}`);
    }
    client.state = stateOf(answer)!;
    return client;
  }

  get G(): BackchannelState {
    return this.state.G;
  }

  get over(): boolean {
    return this.state.ctx.gameover !== undefined;
  }

  /**
   * Sends a move and waits for the server's answer: bc:accepted (sent after any update the move
   * caused this socket), or a refusal (bc:refused, bc:error). Returns the latest state.
   */
  async move(type: string, ...args: unknown[]): Promise<MoveResult> {
    if (this.seat === null) throw new Error('a spectator makes no moves');
    const seat = this.seat;
    const mark = this.raw.emit(
      'update',
      makeMove(type, args, seat, this.credentials),
      this.state._stateID,
      this.matchID,
      seat,
    );
    const f = await this.raw.waitFor(
      (x) => x.event === 'bc:accepted' || x.event === 'bc:refused' || x.event === 'bc:error',
      mark,
      10_000,
      `the answer to ${type} by seat ${seat}`,
    );
    if (f.event !== 'bc:accepted') return { ok: false, refusal: f.args[0] as Refusal };
    const accepted = (f.args[0] as { move?: unknown } | undefined)?.move;
    if (accepted !== type)
      throw new Error(`seat ${seat} sent ${type} but ${JSON.stringify(accepted)} was accepted`);
    this.moves++;
    return { ok: true, state: this.state };
  }

  /** Like move(), but a refusal throws. */
  async must(type: string, ...args: unknown[]): Promise<BcState> {
    const r = await this.move(type, ...args);
    if (!r.ok) throw new Error(`seat ${this.seat} ${type} refused: ${JSON.stringify(r.refusal)}`);
    return r.state;
  }

  /**
   * Waits for a state newer than `stateID` on this socket (or a finished match). Another socket's
   * state ids are not comparable. A seat hears nothing while the others make moves it cannot see.
   */
  newerThan(stateID: number, timeoutMs = 15_000): Promise<BcState> {
    return this.raw.until(
      () =>
        this.state._stateID > stateID || this.state.ctx.gameover !== undefined
          ? this.state
          : undefined,
      timeoutMs,
      `a state newer than ${stateID} (seat ${this.seat}, round ${this.G.round}, step ${this.G.step}, pending ${this.G.pending.join(',')})`,
    );
  }

  /** Waits until the state satisfies `pred`. */
  when(pred: (s: BcState) => boolean, timeoutMs = 15_000, what = 'a state'): Promise<BcState> {
    return this.raw.until(() => (pred(this.state) ? this.state : undefined), timeoutMs, what);
  }

  close(): void {
    this.raw.close();
  }
}

/** Opens one seat client per seat. */
export async function openSeats(
  url: string,
  matchID: string,
  credentials: Credentials,
): Promise<Record<Seat, SeatClient>> {
  return {
    '0': await SeatClient.open(url, matchID, '0', credentials['0']),
    '1': await SeatClient.open(url, matchID, '1', credentials['1']),
    '2': await SeatClient.open(url, matchID, '2', credentials['2']),
  };
}

/** A seat's (or the spectator's) current view, read through a fresh socket's sync. */
export async function fetchView(
  url: string,
  matchID: string,
  seat: Seat | null = null,
  credentials?: string,
): Promise<BcState> {
  const c = await SeatClient.open(url, matchID, seat, credentials);
  c.close();
  return c.state;
}

// ---------------------------------------------------------------------------------------------
// A deterministic policy

export interface PolicyOptions {
  /** Tag inside every memo marker (unique per match). */
  tag: string;
  /** Whether the broker may leak memos. */
  leaks?: boolean;
}

export interface PlantedMarker {
  marker: string;
  seat: Seat;
  round: number;
}

const side = (seat: Seat) => (seat === '0' ? 'A' : 'B');

function hash(s: string): number {
  let h = 7;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h;
}

/**
 * Picks a move for a seat from `enumerate` on the seat's own view: a posture and a memo (or two)
 * with a unique marker in drafting; a varied handling of each memo in mediation; answers in
 * response; a statement in press; `done` when nothing substantive is left.
 */
export class Policy {
  readonly planted: PlantedMarker[] = [];
  private readonly did = new Set<string>();
  private tabled = false;

  constructor(readonly opts: PolicyOptions) {}

  marker(seat: Seat, round: number, k: number): string {
    return `SECRET-${side(seat)}-${this.opts.tag}-r${round}-m${k}`;
  }

  choose(G: BackchannelState, seat: Seat): EnumeratedMove | null {
    const moves = enumerate(G, seat);
    if (moves.length === 0) return null;
    const done = moves.find((m) => m.move === 'done') ?? null;
    const of = (name: string) => moves.filter((m) => m.move === name);
    const once = (kind: string) => {
      const key = `${seat}:${G.round}:${G.step}:${kind}`;
      if (this.did.has(key)) return false;
      this.did.add(key);
      return true;
    };

    if (G.step === 'drafting') {
      // Never the most escalatory postures: whole matches must last (a war in round 2 would
      // leave too little play for the tests that read a whole match).
      const postures = of('setPosture').filter((m) => {
        const p = m.args[0] as { enforcement?: string; proxyLeash?: string };
        return p.enforcement !== 'interdict' && p.proxyLeash !== 'unleash';
      });
      if (postures.length > 0 && once('posture'))
        return postures[(G.round * 5 + Number(seat)) % postures.length]!;
      const written = G.memos.filter((m) => m.author === seat && m.round === G.round).length;
      const wanted = (G.round + Number(seat)) % 2 === 0 ? 2 : 1;
      if (written < wanted) {
        // The first memo carries clauses; a second one is a message (text only).
        const drafts = of('draftMemo').filter((m) => {
          const n = (m.args[0] as { clauses: unknown[] }).clauses.length;
          return written === 0 ? n > 0 : n === 0;
        });
        if (drafts.length > 0 && once(`memo${written}`)) {
          const pick = drafts[(G.round * 3 + Number(seat) * 7) % drafts.length]!;
          const marker = this.marker(seat, G.round, written + 1);
          this.planted.push({ marker, seat, round: G.round });
          const memo = pick.args[0] as { clauses: unknown[] };
          return {
            move: 'draftMemo',
            args: [{ ...memo, text: `${marker}: our terms, in confidence. Ref ${marker}` }],
          };
        }
      }
      return done;
    }

    if (G.step === 'mediation') {
      const pending = G.memos.filter((m) => m.status === 'pending');
      const memo = pending[0];
      if (memo) {
        const i = G.memos.indexOf(memo);
        const styles = ['relay', 'redact', 'reframe', 'hold', 'note', 'bundle'];
        if (this.opts.leaks) styles.push('leak');
        const style = styles[(G.round * 3 + i) % styles.length]!;
        const forMemo = moves.filter((m) => m.args[0] === memo.id);
        const relay = (key?: string) =>
          forMemo.find((m) => {
            if (m.move !== 'relay') return false;
            const o = (m.args[1] ?? {}) as Record<string, unknown>;
            return key === undefined ? Object.keys(o).length === 0 : o[key] !== undefined;
          });
        const bundle = moves.find(
          (m) =>
            m.move === 'bundle' &&
            (m.args[0] as { parts: { memoId: string }[] }).parts.some((p) => p.memoId === memo.id),
        );
        const chosen =
          style === 'redact'
            ? relay('redactSpans')
            : style === 'reframe'
              ? relay('reframes')
              : style === 'note'
                ? relay('note')
                : style === 'hold'
                  ? forMemo.find((m) => m.move === 'hold')
                  : style === 'leak'
                    ? forMemo.find((m) => m.move === 'leak')
                    : style === 'bundle'
                      ? bundle
                      : undefined;
        return chosen ?? relay() ?? forMemo[0] ?? done;
      }
      const table = of('tableProposal');
      if (!this.tabled && G.round === 2 && table.length > 0) {
        this.tabled = true;
        return table[hash(this.opts.tag) % table.length]!;
      }
      return done;
    }

    if (G.step === 'response') {
      const answers = of('respond');
      const first = answers[0];
      if (first) {
        const id = first.args[0] as string;
        const accept = answers.find((m) => m.args[0] === id && m.args[1] === 'accept');
        const reject = answers.find((m) => m.args[0] === id && m.args[1] === 'reject');
        const wantAccept = hash(id + this.opts.tag) % 4 !== 0;
        return (wantAccept ? accept : reject) ?? accept ?? reject!;
      }
      return done;
    }

    if (G.step === 'press') {
      const statements = of('statement');
      const claim = statements.find((m) => (m.args[0] as { kind: string }).kind === 'claim');
      if (claim) return claim;
      if ((G.round + Number(seat)) % 3 === 0) {
        const blame = statements.find((m) => (m.args[0] as { kind: string }).kind === 'blame');
        if (blame) return blame;
      }
      return statements.find((m) => (m.args[0] as { kind: string }).kind === 'silence') ?? done;
    }
    return done;
  }
}

/**
 * Plays the match to its end: each seat acts on its own view whenever it is pending. Returns
 * when every seat has seen the end. Refusals are collected (a handful from races are tolerated).
 */
export async function playToEnd(
  seats: Record<Seat, SeatClient>,
  policy: Policy,
  opts: { timeoutMs?: number; maxMoves?: number; onMove?: (seat: Seat) => void } = {},
): Promise<Refusal[]> {
  const refusals: Refusal[] = [];
  const deadline = Date.now() + (opts.timeoutMs ?? 90_000);
  let total = 0;
  const loop = async (c: SeatClient) => {
    const seat = c.seat!;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`seat ${seat}: the match did not end in time`);
      const s = c.state;
      if (s.ctx.gameover !== undefined) return;
      const choice = s.G.pending.includes(seat) ? policy.choose(s.G, seat) : null;
      if (!choice) {
        // No update comes while the other seats make moves this seat cannot see (a whole
        // mediation step, for a principal): wait up to the match's own deadline.
        await c.newerThan(s._stateID, Math.max(1, deadline - Date.now()));
        continue;
      }
      if (++total > (opts.maxMoves ?? 400)) throw new Error('too many moves');
      const r = await c.move(choice.move, ...choice.args);
      if (!r.ok) {
        refusals.push(r.refusal);
        if (refusals.length > 10)
          throw new Error(`too many refusals: ${JSON.stringify(refusals.slice(-3))}`);
        await c.newerThan(s._stateID, 1_000).catch(() => undefined);
      } else opts.onMove?.(seat);
    }
  };
  await Promise.all(SEATS.map((seat) => loop(seats[seat])));
  return refusals;
}

/**
 * The parts of a state that a re-sync must give back unchanged. Not `_stateID`: it counts the
 * versions one socket was sent, and a fresh socket's sync is always 1.
 */
export function essence(s: BcState): { G: BackchannelState; ctx: unknown } {
  return { G: s.G, ctx: s.ctx };
}

/**
 * Waits until every client holds its seat's latest view: the view a fresh sync gives now (a sync
 * is queued after every earlier write of the match), compared by G and ctx.
 */
export async function settle(
  url: string,
  clients: SeatClient[],
  credentials: Credentials,
  timeoutMs = 5_000,
): Promise<void> {
  for (const c of clients) {
    const fresh = essence(
      await fetchView(url, c.matchID, c.seat, c.seat === null ? undefined : credentials[c.seat]),
    );
    await c.when(
      (s) => isDeepStrictEqual(essence(s), fresh),
      timeoutMs,
      `seat ${c.seat}'s latest view (round ${fresh.G.round}, step ${fresh.G.step})`,
    );
  }
}
