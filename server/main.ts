// `npm start`: builds the browser app if it is missing or older than its sources, then serves it,
// the Lobby API and the game's sockets on one port, and prints the address.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config';
import { makeLogger, startServer } from './app';

function newestSource(paths: string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

async function buildIfNeeded(staticDir: string): Promise<void> {
  const built = join(staticDir, 'index.html');
  const stale =
    !existsSync(built) ||
    newestSource(['src', 'assets', 'index.html', 'vite.config.ts']) > statSync(built).mtimeMs;
  if (!stale) return;
  console.info('Building the browser app…');
  const { build } = await import('vite');
  await build({ logLevel: 'warn', build: { outDir: staticDir } });
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Backchannel cannot start: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const log = makeLogger(config);
  if (process.env.SKIP_BUILD !== '1') await buildIfNeeded(config.staticDir);
  const server = await startServer(config, log);
  console.info(
    `\n  Backchannel is running: ${server.url}\n  (storage: ${server.storage}; stop with Ctrl+C)\n`,
  );
  const stop = async (signal: string) => {
    log.info({ event: 'stopping', signal }, 'stopping');
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('Backchannel failed to start:', err);
  process.exit(1);
});
