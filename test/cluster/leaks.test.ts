// Hidden information holds across nodes: the whole leak suite of one server (test/server/
// leak-suite.ts) played through nginx against two nodes sharing PostgreSQL and Redis.
import { describe } from 'vitest';
import { leakSuite } from '../server/leak-suite';
import { runClusterTests, startCluster } from './launch';

describe.runIf(runClusterTests())('through nginx, on a cluster', () => {
  leakSuite(async () => {
    const cluster = await startCluster({ env: { LOG_LEVEL: 'info' } });
    return { url: cluster.url, stop: () => cluster.stop() };
  });
});
