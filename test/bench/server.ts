// bench:server — M concurrent paced matches of bot-driven raw socket.io clients against a server
// this script starts (the embedded default, or PostgreSQL with DATABASE_URL), and the same harness
// against a trivial game on boardgame.io's stock server in the same run, as the baseline.
//
//   npm run bench:server -- --matches 200 [--seconds 30] [--pace 1,3] [--json] [--only backchannel]
//                           [--profile DIR]   (a V8 CPU profile of each server, written at its stop)
//                           [--postgres]      (on a throwaway PostgreSQL rather than the embedded one)
//                           [--cluster N]     (N nodes behind nginx, PostgreSQL and Redis: test/cluster)
// The database's, Redis's and nginx's own CPU is not counted as the server's.
//
// Each match has three raw sockets, one per seat; a seat that has something to do acts every MIN–MAX
// seconds (chosen by the project's easy bot from the seat's own view) and waits for the answer. The
// round trip runs from the send to bc:accepted (Backchannel, which answers only once the move is
// stored) or to the update that carries the move (the stock server). Finished matches are replaced,
// so M stay live. Printed: moves/s, p50/p95/p99 round trip, errors, server CPU ms per move (from
// /proc), MB per match (resident memory growth / M), and the load generator's own CPU, so that a
// reader can tell when the client, not the server, is the limit.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { io, type Socket } from 'socket.io-client';
import { makeBot } from '../../src/bots';
import { startCluster } from '../cluster/launch';
import { startPostgres } from '../server/postgres';
import type { BackchannelState, Seat } from '../../src/game/types';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SEATS: Seat[] = ['0', '1', '2'];

const { values: flags } = parseArgs({
  options: {
    matches: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
    pace: { type: 'string', default: '1,3' },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    // Writes a V8 CPU profile of each server into this directory (open it in Chrome's DevTools).
    profile: { type: 'string' },
    // Backchannel on a throwaway PostgreSQL (test/server/postgres.ts) instead of the embedded one.
    postgres: { type: 'boolean', default: false },
    // Backchannel on N nodes behind nginx sharing PostgreSQL and Redis (test/cluster/launch.ts).
    cluster: { type: 'string' },
  },
});
const M = Number(flags.matches);
const SECONDS = Number(flags.seconds);
const [PACE_MIN, PACE_MAX] = flags.pace.split(',').map(Number) as [number, number];
if (!(M >= 1) || !(SECONDS >= 1) || !(PACE_MIN >= 0) || !(PACE_MAX >= PACE_MIN)) {
  console.error(
    'usage: bench:server -- --matches M [--seconds S] [--pace MIN,MAX] [--json] [--only backchannel|trivial] [--profile DIR] [--postgres] [--cluster N]',
  );
  process.exit(2);
}
const quiet = flags.json;

// ------------------------------------------------------------------------------------------
// Processes

interface Child {
  proc: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

function startChild(
  args: string[],
  env: Record<string, string>,
  ready: RegExp,
  toUrl: (m: RegExpExecArray) => string,
): Promise<Child> {
  const profile = flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(flags.profile)}`] : [];
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  return new Promise((resolveChild, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = ready.exec(output.join(''));
      if (m) {
        clearTimeout(timer);
        resolveChild({
          proc,
          url: toUrl(m),
          stop: () =>
            new Promise((done) => {
              if (proc.exitCode !== null) return done();
              proc.once('exit', () => done());
              proc.kill('SIGTERM');
              setTimeout(() => proc.kill('SIGKILL'), 5_000).unref();
            }),
        });
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    proc.once('exit', (code) => reject(new Error(`exited ${code}:\n${output.join('')}`)));
  });
}

/** The processes measured: one server, or every process of each cluster node's group. */
type Measured = { pids: number[] } | { groups: number[] };

function statOf(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null; // gone meanwhile
  }
}

function pidsOf(measured: Measured): number[] {
  if ('pids' in measured) return measured.pids;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => measured.groups.includes(Number(statOf(pid)?.[2]))); // field 5: pgrp
}

/** CPU seconds (user + system) of the measured processes so far, from /proc. */
function cpuSeconds(measured: Measured): number {
  return pidsOf(measured).reduce((sum, pid) => {
    const fields = statOf(pid);
    return sum + (fields ? (Number(fields[11]) + Number(fields[12])) / 100 : 0); // utime, stime
  }, 0);
}

function rssMb(measured: Measured): number {
  return pidsOf(measured).reduce((sum, pid) => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return sum + (m ? Number(m[1]) / 1024 : 0);
    } catch {
      return sum;
    }
  }, 0);
}

async function post(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

// ------------------------------------------------------------------------------------------
// The load

interface Figures {
  rtts: number[];
  errors: number;
  moves: number;
  measuring: boolean;
}

interface Target {
  name: string;
  game: string;
  url: string;
  setupData?: unknown;
  /** The move a seat makes now, or null when it has nothing to do. */
  decide(
    seat: Seat,
    state: unknown,
    matchNo: number,
    counter: number,
  ): { move: string; args: unknown[] } | null;
  /** Whether this frame answers the seat's pending move. */
  answers(event: string, args: unknown[], seat: Seat, counter: number): boolean;
  over(state: unknown): boolean;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const paceMs = () => (PACE_MIN + Math.random() * (PACE_MAX - PACE_MIN)) * 1000;

async function runMatch(target: Target, figures: Figures, slot: number, stop: { done: boolean }) {
  while (!stop.done) {
    const { matchID } = (await post(target.url, `/games/${target.game}/create`, {
      numPlayers: 3,
      ...(target.setupData ? { setupData: target.setupData } : {}),
    })) as { matchID: string };
    const credentials: Record<string, string> = {};
    for (const seat of SEATS)
      credentials[seat] = (
        (await post(target.url, `/games/${target.game}/${matchID}/join`, {
          playerID: seat,
          playerName: `Seat ${seat}`,
        })) as { playerCredentials: string }
      ).playerCredentials;
    let finished = false;
    await Promise.all(
      SEATS.map(async (seat) => {
        const socket: Socket = io(`${target.url}/${target.game}`, {
          transports: ['websocket'],
          query: { matchID },
        });
        let state: unknown;
        let stateID = 0;
        let waiting: ((ok: boolean) => void) | null = null;
        const onState = (s: { _stateID: number }) => {
          state = s;
          stateID = s._stateID;
          if (target.over(s)) finished = true;
        };
        let counter = 0;
        socket.on('sync', (_id: string, info: { state: { _stateID: number } }) =>
          onState(info.state),
        );
        socket.onAny((event: string, ...args: unknown[]) => {
          if (event === 'update') onState(args[1] as { _stateID: number });
          if (waiting && target.answers(event, args, seat, counter)) waiting(true);
          if (waiting && (event === 'bc:refused' || event === 'bc:error')) waiting(false);
        });
        socket.emit('sync', matchID, seat, credentials[seat], 3);
        while (state === undefined && !stop.done) await pause(20);
        await pause(Math.random() * paceMs());
        while (!finished && !stop.done) {
          const action = target.decide(seat, state, slot, ++counter);
          if (action) {
            const sent = performance.now();
            const answered = await new Promise<boolean>((done) => {
              const timer = setTimeout(() => done(false), 10_000);
              waiting = (ok) => {
                clearTimeout(timer);
                done(ok);
              };
              socket.emit(
                'update',
                {
                  type: 'MAKE_MOVE',
                  payload: {
                    type: action.move,
                    args: action.args,
                    playerID: seat,
                    credentials: credentials[seat],
                  },
                },
                stateID,
                matchID,
                seat,
              );
            });
            waiting = null;
            if (figures.measuring) {
              if (answered) {
                figures.rtts.push(performance.now() - sent);
                figures.moves++;
              } else figures.errors++;
            }
          }
          await pause(paceMs());
        }
        socket.close();
      }),
    );
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Result {
  name: string;
  matches: number;
  seconds: number;
  moves: number;
  movesPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  serverCpuMsPerMove: number;
  serverCpuPercent: number;
  mbPerMatch: number;
  clientCpuPercent: number;
}

async function measure(target: Target, pid: Measured): Promise<Result> {
  const figures: Figures = { rtts: [], errors: 0, moves: 0, measuring: false };
  const stop = { done: false };
  const rssBefore = rssMb(pid);
  const slots = Array.from({ length: M }, (_, i) => i);
  const running: Promise<void>[] = [];
  // Start the matches a few at a time, as a community would, not all in one burst.
  for (const slot of slots) {
    running.push(
      runMatch(target, figures, slot, stop).catch((err: unknown) => {
        if (figures.errors++ === 0) console.error(`\n${target.name}: ${String(err)}`);
      }),
    );
    if (slot % 20 === 19) await pause(100);
  }
  await pause(Math.max(3_000, PACE_MAX * 1000 + 1_000)); // every seat has synced and acted once
  const bar = quiet
    ? null
    : new cliProgress.SingleBar(
        { format: `  ${target.name.padEnd(12)} {bar} {value}/{total} s  {moves} moves` },
        cliProgress.Presets.shades_classic,
      );
  bar?.start(SECONDS, 0, { moves: 0 });
  figures.measuring = true;
  const cpu0 = cpuSeconds(pid);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  for (let s = 1; s <= SECONDS; s++) {
    await pause(t0 + s * 1000 - performance.now());
    bar?.update(s, { moves: figures.moves });
  }
  figures.measuring = false;
  const elapsed = (performance.now() - t0) / 1000;
  const serverCpu = cpuSeconds(pid) - cpu0;
  const client = process.cpuUsage(client0);
  const rssAfter = rssMb(pid);
  bar?.stop();
  stop.done = true;
  await Promise.race([Promise.all(running), pause(15_000)]);
  const sorted = [...figures.rtts].sort((a, b) => a - b);
  return {
    name: target.name,
    matches: M,
    seconds: Math.round(elapsed),
    moves: figures.moves,
    movesPerSecond: figures.moves / elapsed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: figures.errors,
    serverCpuMsPerMove: (serverCpu * 1000) / Math.max(1, figures.moves),
    serverCpuPercent: (serverCpu / elapsed) * 100,
    mbPerMatch: (rssAfter - rssBefore) / M,
    clientCpuPercent: ((client.user + client.system) / 1e6 / elapsed) * 100,
  };
}

// ------------------------------------------------------------------------------------------

function backchannelTarget(url: string): Target {
  const bots = new Map<string, ReturnType<typeof makeBot>>();
  return {
    name: 'backchannel',
    game: 'backchannel',
    url,
    setupData: { rounds: 4 },
    decide: (seat, state, slot) => {
      const G = (state as { G: BackchannelState }).G;
      if (!G.pending.includes(seat)) return null;
      const key = `${slot}:${seat}`;
      let bot = bots.get(key);
      if (!bot) {
        bot = makeBot({ seat, level: 'easy', seed: key });
        bots.set(key, bot);
      }
      return bot.decide(G) ?? { move: 'done', args: [] };
    },
    answers: (event) => event === 'bc:accepted',
    over: (s) => (s as { ctx: { gameover?: unknown } }).ctx.gameover !== undefined,
  };
}

function trivialTarget(url: string): Target {
  return {
    name: 'trivial stock',
    game: 'trivial',
    url,
    decide: (seat, _state, _slot, counter) => ({ move: 'inc', args: [seat, counter] }),
    answers: (event, args, seat, counter) =>
      event === 'update' &&
      (args[1] as { G?: { last?: Record<string, number> } }).G?.last?.[seat] === counter,
    over: () => false,
  };
}

async function main(): Promise<void> {
  const results: Result[] = [];
  const storage = flags.cluster
    ? `PostgreSQL and Redis, ${flags.cluster} nodes behind nginx`
    : process.env.DATABASE_URL || flags.postgres
      ? 'PostgreSQL'
      : 'embedded (PGlite)';
  if (!quiet)
    console.info(
      `bench:server: ${M} matches, ${SECONDS} s, each seat acts every ${PACE_MIN}–${PACE_MAX} s; storage: ${storage}`,
    );
  if (flags.only !== 'trivial' && flags.cluster) {
    const cluster = await startCluster({
      nodes: Number(flags.cluster),
      env: { LOG_LEVEL: 'warn', BOT_PACE: '0', MATCH_CREATE_LIMIT: '0' },
    });
    try {
      const target = { ...backchannelTarget(cluster.url), name: `backchannel ×${flags.cluster}` };
      results.push(await measure(target, { groups: cluster.nodes.map((n) => n.server.proc.pid!) }));
    } finally {
      await cluster.stop();
    }
  } else if (flags.only !== 'trivial') {
    const dataDir = mkdtempSync(join(tmpdir(), 'bc-bench-'));
    const pg = flags.postgres ? await startPostgres() : null;
    try {
      const server = await startChild(
        ['server/main.ts'],
        {
          SKIP_BUILD: '1',
          PORT: '0',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
          BOT_PACE: '0',
          MATCH_CREATE_LIMIT: '0',
          ...(pg ? { DATABASE_URL: pg.url } : {}),
        },
        /is running: (http:\/\/\S+)/,
        (m) => m[1]!,
      );
      try {
        results.push(await measure(backchannelTarget(server.url), { pids: [server.proc.pid!] }));
      } finally {
        await server.stop();
      }
    } finally {
      await pg?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (flags.only !== 'backchannel') {
    const trivial = await startChild(
      ['test/bench/trivial-server.ts'],
      // As the Backchannel server runs (server/env.ts): boardgame.io's production mode.
      { NODE_ENV: process.env.NODE_ENV ?? 'production' },
      /listening on (\d+)/,
      (m) => `http://127.0.0.1:${m[1]}`,
    );
    try {
      results.push(await measure(trivialTarget(trivial.url), { pids: [trivial.proc.pid!] }));
    } finally {
      await trivial.stop();
    }
  }
  if (quiet) {
    console.info(JSON.stringify({ storage, pace: [PACE_MIN, PACE_MAX], results }, null, 2));
  } else {
    const f = (n: number, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '–');
    console.info('');
    console.info(
      '| server | matches | moves/s | p50 ms | p95 ms | p99 ms | errors | server CPU ms/move | server CPU % | MB/match | client CPU % |',
    );
    console.info('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of results)
      console.info(
        `| ${r.name} | ${r.matches} | ${f(r.movesPerSecond)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${r.errors} | ${f(r.serverCpuMsPerMove, 2)} | ${f(r.serverCpuPercent, 0)} | ${f(r.mbPerMatch, 2)} | ${f(r.clientCpuPercent, 0)} |`,
      );
    const [bc, base] = results;
    if (bc && base)
      console.info(
        `\nratios, Backchannel / trivial stock game: CPU per move ${f(bc.serverCpuMsPerMove / base.serverCpuMsPerMove, 2)}×, p95 ${f(bc.p95 / base.p95, 2)}×`,
      );
    for (const r of results)
      if (r.clientCpuPercent > 85)
        console.info(
          `note: the load generator used ${f(r.clientCpuPercent, 0)} % of a core in the ${r.name} run: there the client, not the server, may be the limit`,
        );
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
