// `npm start`: builds the browser app if it is missing or older than its sources, then serves it,
// the Lobby API and the game's sockets on one port, and prints the address (server/serve.ts).
import './env';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { failed, serve } from './serve';

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

// In development the app is rebuilt when its sources changed (vite is a dev dependency, imported
// only here); production runs the prebuilt server/production.ts instead.
serve(process.env.SKIP_BUILD === '1' ? undefined : buildIfNeeded).catch(failed);
