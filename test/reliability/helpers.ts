/**
 * Shared by the reliability tests (issue 8): hostile inputs, bounded memory and time, crash and fault injection.
 *
 * `NARRASCOPE_LONG_TESTS=1` turns on the long mode: more fast-check runs, more kill -9 trials, bigger inputs.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import type { InputSource, ReadItem, Reader, ReaderOptions, RejectReason } from '../../src/ingest/types.ts';
import type { Document } from '../../src/model/index.ts';

export const LONG = process.env.NARRASCOPE_LONG_TESTS === '1';
/** fast-check runs: `short` in the default run, `long` with NARRASCOPE_LONG_TESTS=1. */
export const runs = (short: number, long: number): number => (LONG ? long : short);
/** A fixed seed unless NARRASCOPE_FC_SEED is set, so a failure in CI can be replayed. */
export const SEED = process.env.NARRASCOPE_FC_SEED ? Number(process.env.NARRASCOPE_FC_SEED) : LONG ? Date.now() : 20250316;

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'narrascope.js');
export const MB = 1024 * 1024;

/** A temp folder removed when the test file ends. */
export function tempDir(prefix = 'narrascope-rel-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const REJECT_REASONS: readonly RejectReason[] = [
  'bad_json', 'bad_csv_row', 'bad_xml', 'bad_date', 'empty_text', 'invalid_utf8', 'line_too_long',
  'binary_file', 'unsupported_format', 'fetch_failed', 'too_large', 'bad_record', 'io_error',
];

/** An input from memory, cut into chunks at the given byte positions (to exercise chunk boundaries). */
export function memInput(name: string, content: string | Buffer, cuts: number[] = [], contentType?: string): InputSource {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  const points = [...new Set(cuts.filter((c) => c > 0 && c < buf.length))].sort((a, b) => a - b);
  return {
    name,
    contentType,
    open: () => {
      const chunks: Buffer[] = [];
      let at = 0;
      for (const p of [...points, buf.length]) {
        chunks.push(buf.subarray(at, p));
        at = p;
      }
      return Readable.from(chunks.filter((c) => c.length > 0));
    },
  };
}

export function fileInput(path: string): InputSource {
  return { name: path, open: () => createReadStream(path, { highWaterMark: 256 * 1024 }) };
}

export function readerOptions(over: Partial<ReaderOptions> = {}): ReaderOptions {
  return { map: {}, maxRecordBytes: 10 * MB, defaults: {}, ...over };
}

/** Runs a reader to the end; a throw is returned (not raised) so properties can say what threw. */
export async function drain(reader: Reader, input: InputSource, options = readerOptions()): Promise<{ items: ReadItem[]; thrown?: Error }> {
  const items: ReadItem[] = [];
  try {
    for await (const item of reader(input, options)) items.push(item);
  } catch (err) {
    return { items, thrown: err as Error };
  }
  return { items };
}

/** The Reader contract every item must keep, whatever the input. */
export function assertValidItem(item: ReadItem, context: string): void {
  if (item.ok) {
    assert.equal(typeof item.record.text, 'string', `${context}: record text is a string`);
    assert.ok(item.record.text.trim().length > 0, `${context}: a record has non-empty text`);
  } else {
    assert.ok(REJECT_REASONS.includes(item.reason), `${context}: known reason ${item.reason}`);
    assert.equal(typeof item.message, 'string', `${context}: message is a string`);
    assert.ok(item.message.length > 0, `${context}: a rejection says why`);
  }
  if (item.line !== undefined) assert.ok(Number.isInteger(item.line) && item.line >= 1, `${context}: line ${item.line} is a positive integer`);
}

/** `reason@line` or `ok:text` of each item: what a user reads in an ingest report. */
export const summary = (items: ReadItem[]): string[] => items.map((i) => (i.ok ? `ok:${i.record.text.slice(0, 40)}` : `${i.reason}@${i.line ?? '-'}`));
export const okTexts = (items: ReadItem[]): string[] => items.flatMap((i) => (i.ok ? [i.record.text] : []));

/**
 * Peak RSS growth (bytes) and wall time of `fn`, sampling every 2 ms. A GC first, when exposed, so that garbage of
 * earlier tests does not count.
 */
export async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; growth: number; ms: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 2);
  const t0 = performance.now();
  try {
    const result = await fn();
    sample();
    return { result, growth: peak - base, ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

/** Writes `before`, then `mb` MiB of `unit` repeated, then `after`, streamed (never held in memory). */
export async function writeBig(path: string, before: string, mb: number, after: string, unit = 'a'): Promise<void> {
  const out = createWriteStream(path);
  out.write(before);
  const chunk = unit.repeat(Math.floor(MB / unit.length));
  for (let i = 0; i < mb; i++) if (!out.write(chunk)) await once(out, 'drain');
  out.end(after);
  await once(out, 'finish');
}

/** A Document for analysis tests. */
export function mkDoc(text: string, lang = 'en', id = 'doc-1'): Document {
  return {
    id, source: { name: 'Test' }, publishedAt: '2025-03-16T00:00:00.000Z', lang, text, kind: 'article', meta: {},
    ingest: { format: 'text', at: '2025-03-16T00:00:00.000Z' },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The CLI in a child process, always with a time limit (a hang is a failure, not a stuck test run).

export interface Run { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; ms: number; timedOut: boolean }

export function cli(args: string[], options: { timeoutMs?: number; uid?: number; gid?: number; cwd?: string } = {}): Run {
  const t0 = performance.now();
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT, encoding: 'utf8', maxBuffer: 64 * MB, timeout: options.timeoutMs ?? 120_000, killSignal: 'SIGKILL',
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
    env: { ...process.env, NARRASCOPE_DB: '' },
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: performance.now() - t0, timedOut };
}

/** The same without blocking the event loop, so that tests can run CLI processes side by side. */
export function cliAsync(args: string[], options: { timeoutMs?: number; uid?: number; gid?: number } = {}): Promise<Run> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
    env: { ...process.env, NARRASCOPE_DB: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, options.timeoutMs ?? 120_000);
  return new Promise((resolve) => {
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: performance.now() - t0, timedOut });
    });
  });
}

export function spawnCli(args: string[]) {
  return spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
}

export interface DbCounts {
  documents: number; attributions: number; mentions: number; textEvents: number; assessments: number; narratives: number;
}

/** Row counts of every table a document's ingest writes (the FTS index is checked by integrityProblems). */
export function dbCounts(path: string): DbCounts {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      documents: n('SELECT count(*) AS n FROM documents'),
      attributions: n('SELECT count(*) AS n FROM attributions'),
      mentions: n('SELECT count(*) AS n FROM mentions'),
      textEvents: n('SELECT count(*) AS n FROM text_events'),
      assessments: n('SELECT count(*) AS n FROM assessments'),
      narratives: n('SELECT count(*) AS n FROM document_narratives'),
    };
  } finally {
    db.close();
  }
}

/** Documents stored so far, 0 while the file or its schema does not exist yet. Never throws. */
export function documentCount(path: string): number {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try { return (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n; } finally { db.close(); }
  } catch {
    return 0;
  }
}

/**
 * `PRAGMA integrity_check` and the FTS5 integrity check against its external content table ('integrity-check' with
 * rank 1). Returns the problems (empty: sound). Opens read-write, as a user's next command would, so a hot WAL is
 * recovered first.
 */
export function integrityProblems(path: string): string[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((r) => r !== 'ok');
    // A kill during the migrations leaves a partial schema (each migration is one transaction): check what exists.
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]));
    if (tables.has('documents_fts')) {
      try {
        db.prepare("INSERT INTO documents_fts (documents_fts, rank) VALUES ('integrity-check', 1)").run();
      } catch (err) {
        problems.push(`fts: ${(err as Error).message}`);
      }
    }
    // Every analysis row belongs to a stored document (the analysis is written in the document's transaction).
    for (const table of ['attributions', 'mentions', 'document_narratives', 'text_events', 'assessments']) {
      if (!tables.has(table)) continue;
      const n = (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE doc_id NOT IN (SELECT id FROM documents)`).get() as { n: number }).n;
      if (n) problems.push(`${n} rows of ${table} without their document`);
    }
    return problems;
  } finally {
    db.close();
  }
}

/** The schema version (PRAGMA user_version) and the number of migrations shipped. */
export function schemaVersion(path: string): { version: number; latest: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const latest = readdirSync(join(ROOT, 'src', 'store', 'sqlite', 'migrations')).filter((f) => /^\d{3}-.*\.sql$/.test(f)).length;
    return { version: db.pragma('user_version', { simple: true }) as number, latest };
  } finally {
    db.close();
  }
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Texts of the synthetic demo Telegram export: realistic en/ru/uk posts that yield attributions and mentions. */
export function demoTexts(): string[] {
  const data = JSON.parse(readFileSync(join(ROOT, 'examples', 'demo', 'telegram', 'result.json'), 'utf8')) as
    { chats: { list: { messages: { text: unknown }[] }[] } };
  const texts: string[] = [];
  for (const chat of data.chats.list) {
    for (const m of chat.messages) {
      const t = typeof m.text === 'string' ? m.text
        : Array.isArray(m.text) ? m.text.map((p) => (typeof p === 'string' ? p : (p as { text?: string }).text ?? '')).join('') : '';
      if (t.trim().length > 40) texts.push(t);
    }
  }
  return [...new Set(texts)];
}

/**
 * A JSON Lines corpus of `n` posts over 12 channels, each text unique (a numbered variant of a demo post).
 * `texts` picks the posts (default: all demo posts), e.g. only those that yield attributions.
 */
export async function writeCorpus(path: string, n: number, texts: string[] = demoTexts()): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < n; i++) {
    const line = JSON.stringify({
      id: i, channel: `channel_${i % 12}`, date: new Date(Date.UTC(2025, 0, 1) + i * 97_000).toISOString(),
      text: `${texts[i % texts.length]}\n\n#${i}`,
    });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
