// A worker thread of `simulate`: plays the match indices it is given and posts each summary; or,
// for several runs at once (simulateRuns), the (run, match) pairs it is given.
import { parentPort, workerData } from 'node:worker_threads';
import { playIndexed, type SimulateConfig } from '../../src/bots/simulate';

const data = workerData as
  | { config: SimulateConfig; indices: number[] }
  | { configs: SimulateConfig[]; pairs: [number, number][] };
if ('pairs' in data)
  for (const [run, index] of data.pairs) {
    const summary = playIndexed(data.configs[run]!, index);
    parentPort!.postMessage({ run, index, summary });
  }
else
  for (const index of data.indices) {
    const summary = playIndexed(data.config, index);
    parentPort!.postMessage({ index, summary });
  }
