// Starts the server from the environment, prints the address, and stops cleanly on SIGINT or
// SIGTERM. Shared by `npm start` (server/main.ts, which first builds the browser app when its
// sources changed) and the production entry (server/production.ts, built ahead of time).
import { ConfigError, loadConfig } from './config';
import { makeLogger, startServer } from './app';

export async function serve(before?: (staticDir: string) => Promise<void>): Promise<void> {
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
  await before?.(config.staticDir);
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

export function failed(err: unknown): never {
  console.error('Backchannel failed to start:', err);
  process.exit(1);
}
