// A throwaway PostgreSQL server for the storage tests: TEST_DATABASE_URL when it is set, otherwise
// Debian's binaries (/usr/lib/postgresql/*/bin) run as the `postgres` OS user (PostgreSQL refuses
// to run as root), with the data and socket directories in a fresh temp directory, listening on
// 127.0.0.1 on a free port with trust authentication. Without either, the PostgreSQL tests are
// skipped with a warning, unless REQUIRE_POSTGRES=1 (CI), when they fail loudly.
import { execFile } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Postgres {
  url: string;
  stop(): Promise<void>;
}

interface Plan {
  /** Whether the tests can get a PostgreSQL server. */
  available: boolean;
  /** Why not, or where from. */
  reason: string;
  url?: string;
  bin?: string;
  /** Run the binaries as this OS user (when we are root). */
  user?: { name: string; uid: number; gid: number };
}

function findBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+(\.\d+)?$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (['initdb', 'postgres', 'pg_ctl'].every((b) => existsSync(join(bin, b)))) return bin;
  }
  return undefined;
}

function osUser(name: string): { name: string; uid: number; gid: number } | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${name}:`));
    if (!line) return undefined;
    const [, , uid, gid] = line.split(':');
    return { name, uid: Number(uid), gid: Number(gid) };
  } catch {
    return undefined;
  }
}

function makePlan(): Plan {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return { available: true, reason: 'TEST_DATABASE_URL', url };
  const bin = findBin();
  if (!bin) return { available: false, reason: 'no /usr/lib/postgresql/*/bin/{initdb,postgres}' };
  if (process.getuid?.() !== 0) return { available: true, reason: `binaries in ${bin}`, bin };
  const user = osUser('postgres');
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find(existsSync);
  if (!user || !runuser)
    return { available: false, reason: 'running as root without a postgres user and runuser' };
  return { available: true, reason: `binaries in ${bin}, as user postgres`, bin, user };
}

export const postgresPlan = makePlan();
export const requirePostgres = process.env.REQUIRE_POSTGRES === '1';

/** Whether to run the PostgreSQL tests (warns once when they are skipped). */
export function runPostgresTests(): boolean {
  if (postgresPlan.available || requirePostgres) return true;
  console.warn(
    `PostgreSQL tests skipped: ${postgresPlan.reason}. Install Debian's postgresql package, ` +
      'set TEST_DATABASE_URL, or set REQUIRE_POSTGRES=1 to make this a failure.',
  );
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<Postgres> {
  const plan = postgresPlan;
  if (!plan.available)
    throw new Error(`REQUIRE_POSTGRES=1 but no PostgreSQL is available: ${plan.reason}`);
  if (plan.url) return { url: plan.url, stop: async () => {} };

  const bin = plan.bin!;
  const dir = mkdtempSync(join(tmpdir(), 'bc-pg-'));
  const data = join(dir, 'data');
  const sock = join(dir, 'sock');
  mkdirSync(sock);
  if (plan.user) for (const p of [dir, sock]) chownSync(p, plan.user.uid, plan.user.gid);
  const as = (cmd: string, args: string[]) =>
    plan.user
      ? run('runuser', ['-u', plan.user.name, '--', join(bin, cmd), ...args], { timeout: 60_000 })
      : run(join(bin, cmd), args, { timeout: 60_000 });

  try {
    await as('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
    const port = await freePort();
    const options = `-p ${port} -k ${sock} -h 127.0.0.1 -c fsync=off -c full_page_writes=off`;
    await as('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '30',
      '-o',
      options,
      'start',
    ]);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/postgres`,
      stop: async () => {
        await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '30', 'stop']).catch(
          () => undefined,
        );
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
    if (existsSync(join(data, 'postmaster.pid')))
      await as('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not start PostgreSQL: ${String(err)}\n${log}`, { cause: err });
  }
}
