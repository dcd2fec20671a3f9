import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli, spawnCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const TOTAL = 60_000;

async function writeCorpus(path: string): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < TOTAL; i++) {
    const line = JSON.stringify({ id: i, channel: `chan${i % 17}`, date: new Date(Date.UTC(2024, 10, 1) + i * 60_000).toISOString(),
      text: `Сообщение номер ${i}: губернатор заявил, что обстановка в регионе ${i % 13} остаётся напряжённой.` });
    if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

function count(db: string): number {
  try {
    const conn = new Database(db, { readonly: true, fileMustExist: true });
    try { return (conn.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n; } finally { conn.close(); }
  } catch { return 0; }
}

test('kill -9 in the middle of an ingest leaves a valid database; re-running completes it with no duplicates', async () => {
  const dir = tempDir();
  const corpus = join(dir, 'big.jsonl');
  const db = join(dir, 'crash.db');
  await writeCorpus(corpus);

  const child = spawnCli(['--db', db, '--quiet', 'ingest', corpus, '--batch', '500']);
  let killedAt = 0;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    const n = count(db);
    if (n >= 2000) { child.kill('SIGKILL'); killedAt = n; break; }
    if (child.exitCode !== null) break;
  }
  await new Promise((r) => child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r));
  assert.ok(killedAt > 0 && killedAt < TOTAL, `the ingest was killed mid-way (at ${killedAt} documents)`);
  assert.equal(child.signalCode, 'SIGKILL');

  const conn = new Database(db);
  assert.equal(conn.pragma('integrity_check', { simple: true }), 'ok');
  conn.close();

  const r = runCli(['--db', db, 'ingest', corpus, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.read, TOTAL);
  assert.equal(summary.stored + summary.duplicates, TOTAL);
  assert.ok(summary.duplicates >= killedAt, 'what was stored before the kill is recognised');
  assert.equal(count(db), TOTAL, 'nothing lost, nothing doubled');
});
