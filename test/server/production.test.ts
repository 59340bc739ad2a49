// The production server runs without dev tools: the build's server bundle, in a folder holding
// only package.json, the lock file and what `npm ci --omit=dev` installs (no tsx, no vite), on
// plain node, serves the app, the Lobby API and a seat's socket.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { SeatClient, http, newMatch, tempDir } from './harness';

const run = promisify(execFile);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = tempDir('bc-prod-');
let stopServer: (() => void) | undefined;

afterAll(() => {
  stopServer?.();
  rmSync(dir, { recursive: true, force: true });
});

describe('production start', () => {
  it('npm ci --omit=dev, then node dist-server/production.js serves the game', async () => {
    const vite = join(ROOT, 'node_modules/.bin/vite');
    await run(vite, ['build', '--logLevel', 'warn', '--outDir', join(dir, 'dist')], { cwd: ROOT });
    await run(
      vite,
      ['build', '--mode', 'server', '--logLevel', 'warn', '--outDir', join(dir, 'dist-server')],
      { cwd: ROOT },
    );
    for (const file of ['package.json', 'package-lock.json'])
      copyFileSync(join(ROOT, file), join(dir, file));
    // From the npm cache that the project's own install filled: no network needed.
    await run(
      'npm',
      ['ci', '--omit=dev', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'],
      { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
    );
    for (const tool of ['tsx', 'vite', 'vitest', 'cli-progress'])
      expect(existsSync(join(dir, 'node_modules', tool)), `${tool} is not installed`).toBe(false);

    const proc = spawn(process.execPath, ['dist-server/production.js'], {
      cwd: dir,
      env: { PATH: process.env.PATH, PORT: '0', DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    stopServer = () => proc.kill('SIGKILL');
    const output: string[] = [];
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(() => reject(new Error(output.join(''))), 60_000);
      const read = (chunk: Buffer) => {
        output.push(chunk.toString());
        const m = /is running: (http:\/\/\S+)/.exec(output.join(''));
        if (m) {
          clearTimeout(timer);
          resolveUrl(m[1]!);
        }
      };
      proc.stdout.on('data', read);
      proc.stderr.on('data', read);
      proc.once('exit', (code) => reject(new Error(`exited ${code}: ${output.join('')}`)));
    });

    const page = await http(url, '/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('id="app"');
    const health = await http(url, '/api/health');
    expect(health.json).toMatchObject({ ok: true, storage: 'pglite' });
    const { matchID, credentials } = await newMatch(url, { rounds: 4 });
    const seat = await SeatClient.open(url, matchID, '0', credentials['0']);
    expect(seat.G.round).toBe(1);
    await seat.must('setPosture', { enforcement: 'tighten' });
    expect(seat.G.postures['0']).toMatchObject({ enforcement: 'tighten' });
    seat.raw.close();
  }, 180_000);
});
