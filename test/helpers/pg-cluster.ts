/**
 * PostgreSQL for tests: the server named by NARRASCOPE_TEST_PG (a postgres:// URL of a role that may CREATE DATABASE),
 * else a throwaway cluster started here (initdb into a temp folder + pg_ctl on 127.0.0.1 and a random free port,
 * run as user `postgres` when we are root), else a reason to skip (no PostgreSQL binaries on this machine).
 *
 * One cluster per test file (call `testPostgres()` once at the top level); every test gets its own database.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import pg from 'pg';

export interface TestPostgres {
  /** URL of the maintenance database (postgres) of the server. */
  url: string;
  /** A fresh, empty database with a random name; dropped by the returned function (and at the end of the file). */
  createDatabase(): Promise<{ url: string; drop: () => Promise<void> }>;
}

export type TestPostgresResult = { pg: TestPostgres; skip?: undefined } | { pg?: undefined; skip: string };

/** Highest installed PostgreSQL bin folder (Debian layout), or undefined. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0], 'bin') : undefined;
}

let shared: Promise<TestPostgresResult> | undefined;

/** Resolves to a server to test against, or to the reason tests must be skipped. Memoised per process (test file). */
export function testPostgres(): Promise<TestPostgresResult> {
  shared ??= resolve();
  return shared;
}

async function resolve(): Promise<TestPostgresResult> {
  const env = process.env.NARRASCOPE_TEST_PG;
  if (env) return { pg: server(env) };
  const bin = postgresBinDir();
  if (!bin) return { skip: 'no PostgreSQL binaries (/usr/lib/postgresql/*/bin/initdb); install postgresql or set NARRASCOPE_TEST_PG' };
  const { url, stop } = await startCluster(bin);
  after(stop);
  return { pg: server(url) };
}

function server(url: string): TestPostgres {
  const created = new Set<string>();
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try { return await fn(client); } finally { await client.end(); }
  };
  const drop = async (name: string) => {
    if (!created.delete(name)) return;
    await admin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  };
  after(async () => { for (const name of [...created]) await drop(name).catch(() => undefined); });
  return {
    url,
    async createDatabase() {
      const name = `narrascope_test_${randomBytes(6).toString('hex')}`;
      await admin((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`));
      created.add(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return { url: u.toString(), drop: () => drop(name) };
    },
  };
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => res(port));
    });
  });
}

function run(asPostgres: boolean, cmd: string, args: string[]): { status: number | null; output: string } {
  const [file, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const r = spawnSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  return { status: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/**
 * initdb + pg_ctl start of a private cluster (trust auth, UTF-8, C.UTF-8 locale, durability off: it is thrown away).
 * Returns its URL and a stop function that also removes the folder.
 */
export async function startCluster(bin: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const asPostgres = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-pg-'));
  const data = join(dir, 'data');
  if (asPostgres) {
    const chown = spawnSync('chown', ['postgres:postgres', dir]);
    if (chown.status !== 0) throw new Error(`chown postgres ${dir} failed (is there a postgres user?)`);
  }
  chmodSync(dir, 0o700);
  const init = run(asPostgres, join(bin, 'initdb'),
    ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync', '--no-instructions']);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.output}`);
  let lastError = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const options = `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off`
      + ' -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB';
    const start = run(asPostgres, join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', '-t', '60', 'start']);
    if (start.status === 0) {
      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        run(asPostgres, join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
        rmSync(dir, { recursive: true, force: true });
      };
      return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
    }
    lastError = `${start.output}\n${existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8').slice(-2000) : ''}`;
  }
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`pg_ctl start failed: ${lastError}`);
}
