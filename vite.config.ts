import { readFileSync } from 'node:fs';
import type { Plugin, UserConfig } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `vite build --mode server` bundles the production server (server/production.ts) into
 * dist-server/, to run on plain node with production dependencies only. boardgame.io is bundled
 * in: its subpath imports fail under plain Node ESM (docs/boardgameio notes). The embedded
 * database's worker is copied beside the bundle, where storage.ts looks for it.
 */
const server: UserConfig = {
  build: {
    ssr: 'server/production.ts',
    outDir: 'dist-server',
    target: 'node20',
    sourcemap: true,
    emptyOutDir: true,
    copyPublicDir: false,
    // boardgame.io's FlatFile storage, never used here, requires it lazily.
    rolldownOptions: { external: ['node-persist'] },
  },
  ssr: { noExternal: ['boardgame.io'], target: 'node' },
  plugins: [
    <Plugin>{
      name: 'pglite-worker',
      generateBundle() {
        this.emitFile({
          type: 'asset',
          fileName: 'pglite-worker.mjs',
          source: readFileSync('server/pglite-worker.mjs', 'utf8'),
        });
      },
    },
  ],
};

export default defineConfig(({ mode }) =>
  mode === 'server'
    ? server
    : {
        build: { target: 'es2022', outDir: 'dist', sourcemap: true },
        server: { host: '127.0.0.1', port: 5173 },
        test: {
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          pool: 'forks',
        },
      },
);
