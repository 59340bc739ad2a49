// A local cluster on loopback, for `npm run cluster` and the cluster test: a throwaway PostgreSQL
// (test/server/postgres.ts), a redis-server, two (or more) server nodes sharing both, and nginx in
// front with the shipped configuration (docs/nginx-cluster.conf, its listen port and upstream
// servers replaced). Everything lives in temp directories and goes when stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT, sleep, startServer, tempDir, type ServerHandle } from '../server/harness';
import { postgresPlan, startPostgres, type Postgres } from '../server/postgres';

export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find(
  existsSync,
);
export const NGINX = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx'].find(
  existsSync,
);

/** What is missing for a cluster here ([] when everything is installed). */
export function clusterMissing(): string[] {
  const missing: string[] = [];
  if (!postgresPlan.available) missing.push(`PostgreSQL (${postgresPlan.reason})`);
  if (!REDIS_SERVER) missing.push('redis-server');
  if (!NGINX) missing.push('nginx');
  return missing;
}

export const requireCluster = process.env.REQUIRE_CLUSTER === '1';

/** Whether to run the cluster tests (warns when they are skipped). */
export function runClusterTests(): boolean {
  const missing = clusterMissing();
  if (missing.length === 0 || requireCluster) return true;
  console.warn(
    `Cluster tests skipped: missing ${missing.join(', ')}. Install Debian's postgresql, ` +
      'redis-server and nginx-light, or set REQUIRE_CLUSTER=1 to make this a failure.',
  );
  return false;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

interface Daemon {
  proc: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

function daemon(cmd: string, args: string[], ready: RegExp, what: string): Promise<Daemon> {
  const proc = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${what} did not start:\n${output.join('')}`));
    }, 20_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (ready.test(output.join(''))) {
        clearTimeout(timer);
        resolve({
          proc,
          output,
          stop: async () => {
            if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    proc.stdout?.on('data', onData);
    proc.stderr?.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${what} exited:\n${output.join('')}`));
    });
  });
}

export async function startRedis(): Promise<Daemon & { url: string }> {
  const port = await freePort();
  const redis = await daemon(
    REDIS_SERVER!,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    /Ready to accept connections/,
    'redis-server',
  );
  return { ...redis, url: `redis://127.0.0.1:${port}` };
}

/** nginx.conf around the shipped http-context file, with this cluster's ports. */
export function nginxConfig(dir: string, listen: number, nodePorts: number[]): string {
  const shipped = readFileSync(join(ROOT, 'docs/nginx-cluster.conf'), 'utf8');
  const servers = nodePorts
    .map((p) => `  server 127.0.0.1:${p} max_fails=1 fail_timeout=2s;`)
    .join('\n');
  const http = shipped
    .replace(/^\s*server 127\.0\.0\.1:\d+ .*;\n/gm, '')
    .replace(/(hash \$bc_route consistent;\n)/, `$1${servers}\n`)
    .replace(/listen 127\.0\.0\.1:\d+;/, `listen 127.0.0.1:${listen};`);
  if (!http.includes(`listen 127.0.0.1:${listen};`) || !http.includes(servers))
    throw new Error('docs/nginx-cluster.conf no longer has the expected listen/server lines');
  const temp = (name: string) => `${name}_temp_path ${join(dir, 'tmp', name)};`;
  return [
    process.getuid?.() === 0 ? 'user root root;' : '',
    'worker_processes 1;',
    'daemon off;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 4096; }',
    'http {',
    '  access_log off;',
    `  ${temp('client_body')}`,
    `  ${temp('proxy')}`,
    `  ${temp('fastcgi')}`,
    `  ${temp('uwsgi')}`,
    `  ${temp('scgi')}`,
    http,
    '}',
    '',
  ].join('\n');
}

async function startNginx(listen: number, nodePorts: number[]): Promise<Daemon & { dir: string }> {
  const dir = tempDir('bc-nginx-');
  mkdirSync(join(dir, 'tmp'));
  mkdirSync(join(dir, 'logs'));
  chmodSync(dir, 0o755);
  writeFileSync(join(dir, 'nginx.conf'), nginxConfig(dir, listen, nodePorts));
  const proc = spawn(
    NGINX!,
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output: string[] = [];
  proc.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
  proc.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  // Ready when it answers: a request through it reaches a node.
  const until = Date.now() + 20_000;
  for (;;) {
    if (proc.exitCode !== null) {
      const log = existsSync(join(dir, 'error.log'))
        ? readFileSync(join(dir, 'error.log'), 'utf8')
        : '';
      throw new Error(`nginx exited: ${output.join('')}\n${log}`);
    }
    const ok = await fetch(`http://127.0.0.1:${listen}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > until) throw new Error(`nginx did not answer: ${output.join('')}`);
    await sleep(50);
  }
  return {
    proc,
    output,
    dir,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGQUIT');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ClusterNodeHandle {
  id: string;
  port: number;
  /** The node's own address (bypassing nginx). */
  direct: string;
  server: ServerHandle;
}

export interface Cluster {
  /** The address of nginx, where everyone connects. */
  url: string;
  nodes: ClusterNodeHandle[];
  databaseUrl: string;
  redisUrl: string;
  /** SIGKILL to the node's whole process group. */
  kill(index: number): Promise<void>;
  /** Starts the node again on its port with its id. */
  restart(index: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  nodes?: number;
  /** Extra environment for every node. */
  env?: Record<string, string>;
  /** Let the first node build the browser app when it is missing or stale (npm run cluster). */
  build?: boolean;
  log?: (line: string) => void;
}

export async function startCluster(opts: ClusterOptions = {}): Promise<Cluster> {
  const say = opts.log ?? (() => {});
  const started: { stop(): Promise<void> }[] = [];
  const stopAll = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
    started.length = 0;
  };
  try {
    say('starting PostgreSQL…');
    const pg: Postgres = await startPostgres();
    started.push(pg);
    say('starting redis-server…');
    const redis = await startRedis();
    started.push(redis);
    const listen = await freePort();
    const count = opts.nodes ?? 2;
    const ports: number[] = [];
    for (let i = 0; i < count; i++) ports.push(await freePort());
    const origins = [`http://127.0.0.1:${listen}`, `http://localhost:${listen}`].join(',');
    const envFor = (i: number): Record<string, string> => ({
      DATABASE_URL: pg.url,
      REDIS_URL: redis.url,
      NODE_ID: `node-${i + 1}`,
      TRUST_PROXY: '1',
      ORIGINS: origins,
      ...(opts.build && i === 0 ? { SKIP_BUILD: '0' } : {}),
      ...opts.env,
    });
    const nodes: ClusterNodeHandle[] = [];
    const boot = async (i: number) => {
      say(`starting node-${i + 1} on port ${ports[i]}…`);
      const server = await startServer({ env: envFor(i), port: ports[i]!, timeoutMs: 180_000 });
      return { id: `node-${i + 1}`, port: ports[i]!, direct: server.url, server };
    };
    // One after the other: each creates the schema at boot.
    for (let i = 0; i < count; i++) nodes.push(await boot(i));
    started.push({ stop: async () => void (await Promise.all(nodes.map((n) => n.server.stop()))) });
    say('starting nginx…');
    const nginx = await startNginx(listen, ports);
    started.push(nginx);
    return {
      url: `http://127.0.0.1:${listen}`,
      nodes,
      databaseUrl: pg.url,
      redisUrl: redis.url,
      kill: async (i) => void (await nodes[i]!.server.kill('SIGKILL')),
      restart: async (i) => {
        nodes[i] = await boot(i);
      },
      stop: stopAll,
    };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
