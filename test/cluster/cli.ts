// `npm run cluster`: a local cluster for trying several nodes (test/cluster/launch.ts): PostgreSQL,
// Redis, two nodes and nginx on loopback. Prints the address; Ctrl+C stops everything.
import { clusterMissing, startCluster } from './launch';

async function main(): Promise<void> {
  const missing = clusterMissing();
  if (missing.length > 0) {
    console.error(`A local cluster needs: ${missing.join(', ')}.`);
    process.exit(2);
  }
  const cluster = await startCluster({ build: true, log: (line) => console.info(line) });
  console.info(
    `\n  Backchannel cluster: ${cluster.url}  (through nginx)\n` +
      cluster.nodes.map((n) => `    ${n.id}: ${n.direct}\n`).join('') +
      `    PostgreSQL: ${cluster.databaseUrl}\n    Redis: ${cluster.redisUrl}\n` +
      '  Stop with Ctrl+C.\n',
  );
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.info('stopping the cluster…');
    await cluster.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  console.error('The cluster failed to start:', err);
  process.exit(1);
});
