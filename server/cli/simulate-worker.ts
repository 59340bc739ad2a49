// A worker thread of `simulate`: plays the match indices it is given and posts each summary.
import { parentPort, workerData } from 'node:worker_threads';
import { playIndexed, type SimulateConfig } from '../../src/bots/simulate';

const { config, indices } = workerData as { config: SimulateConfig; indices: number[] };
for (const index of indices) {
  const summary = playIndexed(config, index);
  parentPort!.postMessage({ index, summary });
}
