import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '../../src/store/open.ts';
import { testPostgres } from '../helpers/pg-cluster.ts';
import { tempDir } from '../helpers/tmp.ts';
import { ROOT } from '../helpers/cli.ts';

const server = await testPostgres();
const skip = server.skip ?? false;

// The real CLI once main.ts registers worker/enqueue/jobs; until then the same commands behind test/store/worker-cli.ts.
const BIN = join(ROOT, 'bin', 'narrascope.js');
const help = skip ? '' : spawnSync(process.execPath, [BIN, '--help'], { cwd: ROOT, encoding: 'utf8' }).stdout ?? '';
const registered = ['worker', 'enqueue', 'jobs'].every((name) => new RegExp(`^\\s+${name}\\b`, 'm').test(help));
const ENTRY = registered ? [BIN] : ['--import', 'tsx', join(ROOT, 'test', 'store', 'worker-cli.ts')];
const INGEST = [BIN];

function cli(args: string[], entry = ENTRY): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...entry, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function startWorker(args: string[]) {
  const child = spawn(process.execPath, [...ENTRY, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => setImmediate(() => resolve({ code, signal, stdout, stderr }))));
  return { child, exited };
}

/**
 * Files of Telegram-like posts (JSON Lines, every fourth one CSV). Each file repeats its first record at the end, so
 * every job also meets a duplicate; records are not shared between files, so which job stores a record (and so its
 * ingest.file) does not depend on scheduling.
 */
function writeCorpus(dir: string, files: number, perFile: number): void {
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < files; f++) {
    const records = Array.from({ length: perFile }, (_, i) => {
      const n = f * perFile + (i === perFile - 1 ? 0 : i);
      return { id: n, channel: `chan${n % 7}`, date: new Date(Date.UTC(2024, 10, 1) + n * 3_600_000).toISOString(),
        text: `Сообщение ${n}: губернатор заявил, что обстановка в регионе ${n % 13} остаётся напряжённой. Орешник ${n % 5}.` };
    });
    if (f % 4 === 3) {
      const csv = ['id,channel,date,text', ...records.map((r) => [r.id, r.channel, r.date, `"${r.text.replace(/"/g, '""')}"`].join(','))];
      writeFileSync(join(dir, `part-${String(f).padStart(3, '0')}.csv`), `${csv.join('\n')}\n`);
    } else {
      writeFileSync(join(dir, `part-${String(f).padStart(3, '0')}.jsonl`), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    }
  }
}

/** A hash of every stored document (all columns, the ingest time aside), plus the ids: equal hashes mean equal tables. */
async function documentsDigest(db: string): Promise<{ count: number; ids: string[]; hash: string }> {
  const store = await openStore(db, { readonly: true });
  try {
    const docs = await store.listDocuments({}, { limit: -1 });
    const hash = createHash('sha256');
    for (const d of [...docs].sort((a, b) => (a.id < b.id ? -1 : 1))) {
      const { at: _at, ...ingest } = d.ingest;
      hash.update(JSON.stringify({ ...d, ingest })).update('\n');
    }
    return { count: docs.length, ids: docs.map((d) => d.id).sort(), hash: hash.digest('hex') };
  } finally {
    await store.close();
  }
}

async function jobStates(url: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query('SELECT state, count(*) AS n FROM jobs GROUP BY state');
    return Object.fromEntries(r.rows.map((row) => [row.state, Number(row.n)]));
  } finally { await c.end(); }
}

test('several worker processes ingest a corpus concurrently into exactly what one process stores; failures end as dead letters', { skip }, async () => {
  const dir = join(tempDir(), 'corpus');
  writeCorpus(dir, 30, 30);
  const multi = await server.pg!.createDatabase();
  const single = await server.pg!.createDatabase();
  const sqlite = join(tempDir(), 'single.db');

  const q = cli(['--db', multi.url, 'enqueue', dir, '--json']);
  assert.equal(q.status, 0, q.stderr);
  assert.equal(JSON.parse(q.stdout).queued, 30);
  const missing = join(dir, 'not-there.jsonl');
  assert.equal(cli(['--db', multi.url, 'enqueue', missing]).status, 2, 'a missing path is refused by default');
  const qm = cli(['--db', multi.url, 'enqueue', missing, '--allow-missing', '--max-attempts', '3', '--json']);
  assert.equal(qm.status, 0, qm.stderr);

  const t0 = Date.now();
  const workers = Array.from({ length: 3 }, () => startWorker(['--db', multi.url, 'worker', '--concurrency', '2', '--drain',
    '--poll', '100', '--backoff', '50', '--batch', '7', '--json']));
  const results = await Promise.all(workers.map((w) => w.exited));
  const multiSeconds = (Date.now() - t0) / 1000;
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const summaries = results.map((r) => JSON.parse(r.stdout));
  assert.equal(summaries.reduce((n, s) => n + s.done, 0), 30);
  assert.equal(summaries.reduce((n, s) => n + s.dead, 0), 1);
  assert.equal(summaries.reduce((n, s) => n + s.retried, 0), 2, 'two retries before the dead letter');
  assert.ok(summaries.filter((s) => s.done > 0).length >= 2, 'the work was shared between processes');

  const t1 = Date.now();
  const one = cli(['--db', single.url, 'ingest', dir, '--json'], INGEST);
  const singleSeconds = (Date.now() - t1) / 1000;
  assert.equal(one.status, 0, one.stderr);
  const lite = cli(['--db', sqlite, 'ingest', dir, '--json'], INGEST);
  assert.equal(lite.status, 0, lite.stderr);

  const [a, b, c] = [await documentsDigest(multi.url), await documentsDigest(single.url), await documentsDigest(sqlite)];
  assert.equal(a.count, 30 * 29, 'every distinct record once');
  assert.equal(a.count, JSON.parse(one.stdout).stored);
  assert.deepEqual(a.ids, b.ids);
  assert.equal(a.hash, b.hash, 'N workers == one process, row for row');
  assert.equal(a.hash, c.hash, 'PostgreSQL == SQLite, row for row');
  assert.equal(summaries.reduce((n, s) => n + s.stored, 0), a.count, 'stored counts add up: nothing stored twice');
  assert.equal(summaries.reduce((n, s) => n + s.duplicates, 0), 30, 'the repeated record of each file');

  const dead = cli(['--db', multi.url, 'jobs', '--dead', '--json']);
  assert.equal(dead.status, 0, dead.stderr);
  const report = JSON.parse(dead.stdout);
  assert.deepEqual(report.counts, { queued: 0, running: 0, done: 30, dead: 1 });
  assert.equal(report.jobs.length, 1);
  const [job] = report.jobs;
  assert.equal(job.payload.path, missing);
  assert.equal(job.attempts, 3);
  assert.equal(job.errors.length, 3);
  assert.match(job.lastError, /ENOENT/);
  assert.ok(job.errors.every((e: { error: string }) => /ENOENT/.test(e.error)));
  const requeued = cli(['--db', multi.url, 'jobs', '--retry-dead', '--json']);
  assert.equal(JSON.parse(requeued.stdout).requeued, 1);
  assert.deepEqual(await jobStates(multi.url), { queued: 1, done: 30 });
  process.stderr.write(`# ${a.count} documents: 3 workers × 2 slots ${multiSeconds.toFixed(2)} s (incl. start-up), one process ${singleSeconds.toFixed(2)} s\n`);
  await multi.drop();
  await single.drop();
});

test('SIGTERM: a worker finishes the job in progress, records it, takes no new one and exits 0', { skip }, async () => {
  const dir = join(tempDir(), 'big');
  writeCorpus(dir, 3, 3000);
  const db = await server.pg!.createDatabase();
  assert.equal(cli(['--db', db.url, 'enqueue', dir]).status, 0);
  const w = startWorker(['--db', db.url, 'worker', '--poll', '50', '--batch', '200', '--json']);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const docs = Number((await c.query('SELECT count(*) AS n FROM documents')).rows[0].n);
      if (docs > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    w.child.kill('SIGTERM');
    const r = await w.exited;
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /SIGTERM: finishing/);
    const states = await jobStates(db.url);
    assert.equal(states.running ?? 0, 0, 'nothing left half-done');
    assert.ok((states.done ?? 0) >= 1 && (states.queued ?? 0) >= 1, JSON.stringify(states));
    const done = (await c.query(`SELECT result FROM jobs WHERE state = 'done'`)).rows.map((row) => row.result);
    const stored = Number((await c.query('SELECT count(*) AS n FROM documents')).rows[0].n);
    assert.equal(stored, done.reduce((n, res) => n + res.stored, 0), 'exactly the finished jobs are stored');
    assert.equal(JSON.parse(r.stdout).done, states.done);
  } finally {
    await c.end();
    await db.drop();
  }
});

test('a worker killed mid-job loses its lease; another worker redoes the job and nothing is stored twice', { skip }, async () => {
  const dir = join(tempDir(), 'crash');
  writeCorpus(dir, 2, 4000);
  const db = await server.pg!.createDatabase();
  assert.equal(cli(['--db', db.url, 'enqueue', dir]).status, 0);
  const w = startWorker(['--db', db.url, 'worker', '--poll', '50', '--batch', '100', '--concurrency', '2']);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && Number((await c.query('SELECT count(*) AS n FROM documents')).rows[0].n) < 300) {
      await new Promise((r) => setTimeout(r, 10));
    }
    w.child.kill('SIGKILL');
    await w.exited;
    const mid = await jobStates(db.url);
    assert.ok((mid.running ?? 0) >= 1, `killed while running: ${JSON.stringify(mid)}`);
    const r2 = startWorker(['--db', db.url, 'worker', '--poll', '100', '--lease', '1', '--drain', '--json']);
    const r = await r2.exited;
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(await jobStates(db.url), { done: 2 });
    const stored = Number((await c.query('SELECT count(*) AS n FROM documents')).rows[0].n);
    assert.equal(stored, 2 * 3999);
    const jobs = (await c.query('SELECT attempts, errors FROM jobs ORDER BY id')).rows;
    assert.ok(jobs.some((j) => j.attempts === 2 && /lease expired/.test(JSON.stringify(j.errors))), JSON.stringify(jobs));
  } finally {
    await c.end();
    await db.drop();
  }
});
