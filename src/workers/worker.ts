import { hostname } from 'node:os';
import { statSync } from 'node:fs';
import pg from 'pg';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { isPostgresUrl } from '../store/open.ts';
import { ingestPaths } from '../pipeline/ingest.ts';
import { analyzerFor } from '../pipeline/analyze.ts';
import { actorRegistry } from '../actors/load.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import type { FieldMap, Format } from '../ingest/types.ts';
import { FORMATS } from '../ingest/types.ts';
import { JOBS_CHANNEL, JobQueue, PermanentJobError, type Job } from './queue.ts';

/** Payload of an `ingest-file` job: what `narrascope ingest` would be given for one file. */
export interface IngestFilePayload {
  path: string;
  format?: Format;
  map?: FieldMap;
  defaults?: { source?: string; publishedAt?: string; url?: string };
}

export interface WorkerOptions {
  /** postgres:// URL: the store and the queue live in the same database. */
  db: string;
  /** Jobs processed at once by this process (default 1). */
  concurrency?: number;
  /** Abort to stop: jobs in progress are finished and recorded, no new job is taken. */
  signal?: AbortSignal;
  /** Extra actor registry folders (as --actors). */
  actors?: string[];
  /** Exit once no job is queued or running anywhere (batch runs, tests). */
  drain?: boolean;
  /** Poll interval when idle (ms, default 1000); NOTIFY wakes idle workers sooner. */
  pollMs?: number;
  leaseMs?: number;
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Documents per transaction (default 1000, as ingest). */
  batchSize?: number;
  workerId?: string;
  log?: (line: string) => void;
}

export interface WorkerSummary { done: number; retried: number; dead: number; stored: number; duplicates: number; seconds: number }

export interface JobContext { store: PostgresStore; registry: ActorRegistry; batchSize: number }
export type JobHandler = (job: Job, ctx: JobContext) => Promise<unknown>;

/** Job kinds this worker knows. */
export const HANDLERS: Record<string, JobHandler> = {
  'ingest-file': ingestFile,
};

/**
 * Runs the existing ingest pipeline on one file. Whole-file failures (missing, unreadable) throw, so the job is
 * retried and finally dead-lettered; bad records are rejections counted in the result, as `narrascope ingest` does.
 * Re-running a job (at-least-once delivery) stores nothing twice: ids are stable and known ids are skipped.
 */
async function ingestFile(job: Job, ctx: JobContext): Promise<unknown> {
  const payload = job.payload as unknown as IngestFilePayload;
  if (!payload || typeof payload.path !== 'string' || payload.path === '') throw new PermanentJobError('payload.path must be a file path');
  if (payload.format !== undefined && !FORMATS.includes(payload.format)) throw new PermanentJobError(`unknown format ${String(payload.format)}`);
  statSync(payload.path); // ENOENT / EACCES: an error worth retrying (shared storage may be late), then a dead letter.
  const fileErrors: string[] = [];
  const summary = await ingestPaths([payload.path], {
    store: ctx.store, registry: ctx.registry, format: payload.format, map: payload.map ?? {}, defaults: payload.defaults ?? {},
    batchSize: ctx.batchSize, analyze: analyzerFor({ registry: ctx.registry }),
    onReject: (r) => { if (r.line === undefined && r.reason === 'io_error') fileErrors.push(r.message); },
  });
  if (fileErrors.length) throw new Error(`io_error: ${fileErrors.join('; ')}`);
  const { read, stored, duplicates, rejected, rejectedByReason, byFormat, seconds } = summary;
  return { read, stored, duplicates, rejected, rejectedByReason, byFormat, seconds };
}

/**
 * A worker process: takes jobs from the PostgreSQL queue (SKIP LOCKED), `concurrency` at a time, and runs them
 * against the PostgreSQL store. Stops when `signal` aborts, after finishing what it started: every job ends either
 * done, or failed and requeued/dead-lettered, never half-recorded (each ingest batch is one transaction anyway).
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerSummary> {
  if (!isPostgresUrl(options.db)) throw new Error('workers need PostgreSQL: --db postgres://user@host/db');
  const started = Date.now();
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const log = options.log ?? (() => undefined);
  const pollMs = options.pollMs ?? 1000;
  const base = options.workerId ?? `${hostname()}:${process.pid}`;
  const store = await PostgresStore.open(options.db, { poolSize: concurrency + 2, applicationName: `narrascope-worker ${base}` });
  const queue = new JobQueue(store.pool, { leaseMs: options.leaseMs, backoffMs: options.backoffMs, maxBackoffMs: options.maxBackoffMs });
  const ctx: JobContext = { store, registry: actorRegistry(options.actors ?? []), batchSize: options.batchSize ?? 1000 };
  const summary: WorkerSummary = { done: 0, retried: 0, dead: 0, stored: 0, duplicates: 0, seconds: 0 };
  const signal = options.signal;

  // Idle loops sleep until the poll interval passes, a NOTIFY arrives (new jobs) or the signal aborts.
  const sleepers = new Set<() => void>();
  const wakeAll = () => { for (const wake of [...sleepers]) wake(); };
  signal?.addEventListener('abort', wakeAll);
  const sleep = (ms: number) => new Promise<void>((resolve) => {
    const done = () => { clearTimeout(timer); sleepers.delete(done); resolve(); };
    const timer = setTimeout(done, ms);
    sleepers.add(done);
  });
  const listener = new pg.Client({ connectionString: options.db, application_name: `narrascope-worker ${base} listen` });
  listener.on('error', () => undefined);
  listener.on('notification', wakeAll);
  const listening = await listener.connect().then(() => listener.query(`LISTEN ${JOBS_CHANNEL}`)).then(() => true, () => false);

  const loop = async (slot: number) => {
    const workerId = concurrency > 1 ? `${base}/${slot}` : base;
    while (!signal?.aborted) {
      let job: Job | undefined;
      try {
        job = await queue.claim(workerId, Object.keys(HANDLERS));
      } catch (err) {
        log(`worker ${workerId}: cannot claim a job: ${(err as Error).message}`);
        await sleep(pollMs);
        continue;
      }
      if (!job) {
        if (options.drain && await queue.pending() === 0) return;
        await sleep(pollMs);
        continue;
      }
      await runJob(job, workerId);
    }
  };

  const runJob = async (job: Job, workerId: string) => {
    const t0 = Date.now();
    const beat = setInterval(() => { queue.heartbeat(job.id, workerId).catch(() => undefined); }, Math.max(200, queue.leaseMs / 3));
    try {
      const result = await HANDLERS[job.kind](job, ctx);
      clearInterval(beat);
      await queue.complete(job.id, workerId, result);
      summary.done++;
      const r = result as { stored?: number; duplicates?: number } | undefined;
      summary.stored += r?.stored ?? 0;
      summary.duplicates += r?.duplicates ?? 0;
      log(`job ${job.id} ${job.kind} done in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(result)}`);
    } catch (err) {
      clearInterval(beat);
      const message = err instanceof Error ? err.message : String(err);
      const state = await queue.fail(job, workerId, message, { permanent: err instanceof PermanentJobError }).catch(() => undefined);
      if (state === 'dead') summary.dead++;
      else summary.retried++;
      log(`job ${job.id} ${job.kind} failed (attempt ${job.attempts}/${job.maxAttempts})${state === 'dead' ? ', dead-lettered' : ', will retry'}: ${message}`);
    } finally {
      clearInterval(beat);
    }
  };

  try {
    log(`worker ${base}: ${concurrency} slot(s), ${listening ? 'LISTEN + ' : ''}poll ${pollMs} ms${options.drain ? ', exits when the queue is empty' : ''}`);
    await Promise.all(Array.from({ length: concurrency }, (_, i) => loop(i)));
  } finally {
    signal?.removeEventListener('abort', wakeAll);
    await listener.end().catch(() => undefined);
    await store.close();
  }
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}
