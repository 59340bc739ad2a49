// `npm run simulate -- --matches N [--seats normal,hard,easy] [--personas hawk,dove] [--seed S]
// [--scenario ID] [--rounds R] [--workers W] [--json] [--probe NAME[:A|:B]]`: plays N headless matches on worker threads
// (both cores), with a progress bar on stderr, and prints the figures (or JSON). Match i is seeded
// from S and i alone and results are aggregated in index order, so a seed always gives the same
// figures, whatever the number of workers.
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SingleBar } from 'cli-progress';
import { getScenario } from '../../src/game/scenario';
import { aggregate, formatAggregate, type MatchSummary } from '../../src/bots';
import { parseSimulateArgs, UsageError, USAGE, type SimulateConfig } from '../../src/bots/simulate';

/** Starts a TypeScript worker: a worker thread does not inherit tsx's loader, so it registers it. */
function startWorker(data: unknown): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const target = new URL('./simulate-worker.ts', import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(target)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

export async function simulate(
  config: SimulateConfig,
  onProgress?: (done: number) => void,
): Promise<MatchSummary[]> {
  const results: (MatchSummary | undefined)[] = new Array(config.matches);
  const workers = Math.min(config.workers, config.matches);
  let done = 0;
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const indices: number[] = [];
      for (let i = w; i < config.matches; i += workers) indices.push(i);
      return new Promise<void>((resolve, reject) => {
        const worker = startWorker({ config, indices });
        let received = 0;
        worker.on('message', (m: { index: number; summary: MatchSummary }) => {
          results[m.index] = m.summary;
          onProgress?.(++done);
          if (++received === indices.length) void worker.terminate().then(() => resolve());
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (received < indices.length) reject(new Error(`a worker stopped (exit code ${code})`));
        });
      });
    }),
  );
  return results.map((r, i) => {
    if (!r) throw new Error(`match ${i} is missing`);
    return r;
  });
}

/**
 * Several runs at once on one pool of `workers` threads (each thread started once): the figures
 * of each run are those `simulate` gives for it alone. The exploit-probe suite uses it.
 */
export async function simulateRuns(
  configs: readonly SimulateConfig[],
  workers: number,
): Promise<MatchSummary[][]> {
  const results = configs.map((c) => new Array<MatchSummary | undefined>(c.matches));
  const pairs = configs.flatMap((c, run) =>
    Array.from({ length: c.matches }, (_, index) => [run, index] as [number, number]),
  );
  const pool = Math.max(1, Math.min(workers, pairs.length));
  await Promise.all(
    Array.from({ length: pool }, (_, w) => {
      const mine = pairs.filter((_, i) => i % pool === w);
      return new Promise<void>((resolve, reject) => {
        if (mine.length === 0) return resolve();
        const worker = startWorker({ configs, pairs: mine });
        let received = 0;
        worker.on('message', (m: { run: number; index: number; summary: MatchSummary }) => {
          results[m.run]![m.index] = m.summary;
          if (++received === mine.length) void worker.terminate().then(() => resolve());
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (received < mine.length) reject(new Error(`a worker stopped (exit code ${code})`));
        });
      });
    }),
  );
  return results.map((list, run) =>
    list.map((r, i) => {
      if (!r) throw new Error(`run ${run}, match ${i} is missing`);
      return r;
    }),
  );
}

function describe(config: SimulateConfig): string {
  const seat = (i: number) => {
    const s = config.seats[i]!;
    return s.persona ? `${s.level} (${s.persona})` : s.level;
  };
  const probe = config.probe;
  const probed = (i: number) =>
    probe && Number(probe.seat) === i ? `probe "${probe.name}"` : seat(i);
  return `${config.matches} matches of ${config.scenario}${config.rounds ? `, ${config.rounds} rounds` : ''}, seed "${config.seed}": A ${probed(0)}, B ${probed(1)}, broker ${probed(2)}`;
}

async function main(): Promise<void> {
  let config: SimulateConfig;
  try {
    config = parseSimulateArgs(process.argv.slice(2), availableParallelism());
    getScenario(config.scenario);
  } catch (err) {
    console.error(err instanceof UsageError ? `${err.message}\n${USAGE}` : (err as Error).message);
    process.exit(2);
  }
  const started = Date.now();
  const bar = config.json
    ? null
    : new SingleBar({
        format: 'simulate [{bar}] {value}/{total} matches | {duration}s | eta {eta}s',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: true,
      });
  bar?.start(config.matches, 0);
  const list = await simulate(config, (done) => bar?.update(done));
  bar?.stop();
  const figures = aggregate(list);
  const seconds = (Date.now() - started) / 1000;
  if (config.json) {
    const { json: _json, workers: _workers, ...shown } = config;
    process.stdout.write(`${JSON.stringify({ config: shown, ...figures }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatAggregate(figures, describe(config))}\n`);
    console.error(
      `${config.matches} matches in ${seconds.toFixed(1)} s on ${config.workers} worker(s)`,
    );
  }
}

// Run as a command (not when imported, e.g. by the benchmark).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
