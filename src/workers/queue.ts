import pg from 'pg';
import { migrate } from '../store/postgres/migrate.ts';

/**
 * A job queue in PostgreSQL (table `jobs`, src/store/postgres/migrations/003-jobs.sql).
 *
 * - Claiming: `SELECT ... FOR UPDATE SKIP LOCKED`, so any number of workers on any number of machines take
 *   different jobs without blocking one another.
 * - Leases: a claimed job is `running` with `locked_by`/`locked_at`; the worker renews `locked_at` while it works.
 *   A job whose lease expired (worker killed, machine lost) goes back to the queue, or to the dead letters if it has
 *   used all its attempts. Delivery is therefore at-least-once; handlers must be idempotent (ingest is: document ids
 *   are stable and inserts skip known ids).
 * - Failures: retried with exponential backoff (base × 2^(attempt-1), capped, with jitter); after `max_attempts`
 *   the job is `dead`, with every failure's reason kept in `errors` and the last one in `last_error`.
 */
export type JobState = 'queued' | 'running' | 'done' | 'dead';

export interface JobError { at: string; attempt: number; worker: string; error: string }

export interface Job<P = Record<string, unknown>> {
  id: number;
  kind: string;
  payload: P;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAfter: string;
  lockedBy?: string;
  lockedAt?: string;
  lastError?: string;
  errors: JobError[];
  result?: unknown;
  createdAt: string;
  finishedAt?: string;
}

export interface NewJob { kind: string; payload: Record<string, unknown>; maxAttempts?: number; runAfter?: Date }

export interface QueueOptions {
  /** A running job whose lease is not renewed for this long is given to another worker (default 5 min). */
  leaseMs?: number;
  /** First retry delay (default 5 s); doubles with every attempt up to maxBackoffMs (default 15 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/** An error that retrying cannot fix (a malformed payload): the job goes to the dead letters at once. */
export class PermanentJobError extends Error {}

export const JOBS_CHANNEL = 'narrascope_jobs';

interface JobRow {
  id: string; kind: string; payload: Record<string, unknown>; state: JobState; attempts: number; max_attempts: number;
  run_after: Date; locked_by: string | null; locked_at: Date | null; last_error: string | null; errors: JobError[];
  result: unknown; created_at: Date; finished_at: Date | null;
}

function fromRow<P>(r: JobRow): Job<P> {
  return {
    id: Number(r.id), kind: r.kind, payload: r.payload as P, state: r.state, attempts: r.attempts, maxAttempts: r.max_attempts,
    runAfter: r.run_after.toISOString(), ...(r.locked_by ? { lockedBy: r.locked_by } : {}),
    ...(r.locked_at ? { lockedAt: r.locked_at.toISOString() } : {}), ...(r.last_error ? { lastError: r.last_error } : {}),
    errors: r.errors ?? [], ...(r.result !== null && r.result !== undefined ? { result: r.result } : {}),
    createdAt: r.created_at.toISOString(), ...(r.finished_at ? { finishedAt: r.finished_at.toISOString() } : {}),
  };
}

export class JobQueue {
  readonly leaseMs: number;
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  private lastReap = 0;

  constructor(readonly pool: pg.Pool, options: QueueOptions = {}) {
    this.leaseMs = options.leaseMs ?? 5 * 60_000;
    this.backoffMs = options.backoffMs ?? 5_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
  }

  /** A queue on its own small pool; the schema (jobs table included) is created or upgraded first. */
  static async open(url: string, options: QueueOptions & { poolSize?: number } = {}): Promise<JobQueue> {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4, application_name: 'narrascope-queue' });
    pool.on('error', () => undefined);
    try { await migrate(pool); } catch (err) { await pool.end(); throw err; }
    return new JobQueue(pool, options);
  }

  async close(): Promise<void> {
    if (!(this.pool as unknown as { ending?: boolean }).ending) await this.pool.end();
  }

  async enqueue(jobs: NewJob[]): Promise<number[]> {
    if (jobs.length === 0) return [];
    const r = await this.pool.query(`WITH ins AS (
        INSERT INTO jobs (kind, payload, max_attempts, run_after)
        SELECT t.kind, t.payload, t.max_attempts, coalesce(t.run_after, now())
        FROM unnest($1::text[], $2::jsonb[], $3::int[], $4::timestamptz[]) WITH ORDINALITY AS t(kind, payload, max_attempts, run_after, n)
        ORDER BY t.n RETURNING id)
      SELECT id, pg_notify('${JOBS_CHANNEL}', '') FROM ins ORDER BY id`, [
      jobs.map((j) => j.kind), jobs.map((j) => JSON.stringify(j.payload)), jobs.map((j) => j.maxAttempts ?? 5),
      jobs.map((j) => j.runAfter?.toISOString() ?? null),
    ]);
    return r.rows.map((row) => Number(row.id));
  }

  /**
   * Takes the next ready job (oldest run_after first) for this worker, or undefined when none is ready.
   * Expired leases are reclaimed first (at most every few seconds per queue object).
   */
  async claim(workerId: string, kinds?: string[]): Promise<Job | undefined> {
    if (Date.now() - this.lastReap > Math.min(5_000, this.leaseMs / 2)) {
      this.lastReap = Date.now();
      await this.reapExpired();
    }
    const r = await this.pool.query(`UPDATE jobs j SET state = 'running', attempts = j.attempts + 1, locked_by = $1, locked_at = now()
      WHERE j.id = (SELECT id FROM jobs WHERE state = 'queued' AND run_after <= now() AND ($2::text[] IS NULL OR kind = ANY($2))
                    ORDER BY run_after, id FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING j.*`, [workerId, kinds ?? null]);
    return r.rows.length ? fromRow(r.rows[0] as JobRow) : undefined;
  }

  /** Renews the lease; false when the job is no longer this worker's (it expired and was handed on). */
  async heartbeat(jobId: number, workerId: string): Promise<boolean> {
    const r = await this.pool.query(`UPDATE jobs SET locked_at = now() WHERE id = $1 AND state = 'running' AND locked_by = $2`, [jobId, workerId]);
    return r.rowCount === 1;
  }

  async complete(jobId: number, workerId: string, result?: unknown): Promise<boolean> {
    const r = await this.pool.query(`UPDATE jobs SET state = 'done', finished_at = now(), locked_by = NULL, locked_at = NULL, result = $3
      WHERE id = $1 AND state = 'running' AND locked_by = $2`, [jobId, workerId, result === undefined ? null : JSON.stringify(result)]);
    return r.rowCount === 1;
  }

  /** The wait before retry number `attempt` + 1: base × 2^(attempt-1), capped, plus up to 20 % jitter. */
  backoffFor(attempt: number): number {
    return Math.min(this.maxBackoffMs, this.backoffMs * 2 ** Math.max(0, attempt - 1)) * (1 + Math.random() * 0.2);
  }

  /** Records a failure: back to the queue after a backoff, or dead when attempts are used up (or `permanent`). */
  async fail(job: Pick<Job, 'id' | 'attempts'>, workerId: string, error: string, options: { permanent?: boolean } = {}): Promise<JobState | undefined> {
    const r = await this.pool.query(`UPDATE jobs SET
        state = CASE WHEN $4 OR attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
        run_after = now() + make_interval(secs => $5::float8 / 1000.0),
        finished_at = CASE WHEN $4 OR attempts >= max_attempts THEN now() END,
        locked_by = NULL, locked_at = NULL, last_error = $3,
        errors = errors || jsonb_build_array(jsonb_build_object('at', now(), 'attempt', attempts, 'worker', $2::text, 'error', $3::text))
      WHERE id = $1 AND state = 'running' AND locked_by = $2 RETURNING state`,
    [job.id, workerId, error.slice(0, 10_000), Boolean(options.permanent), this.backoffFor(job.attempts)]);
    return r.rows.length ? r.rows[0].state as JobState : undefined;
  }

  /** Jobs whose lease expired: requeued (the attempt counts) or dead when it was their last. */
  async reapExpired(): Promise<number> {
    const r = await this.pool.query(`UPDATE jobs SET
        state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'queued' END,
        finished_at = CASE WHEN attempts >= max_attempts THEN now() END,
        last_error = 'lease expired: worker ' || coalesce(locked_by, '?') || ' stopped renewing it (killed or lost)',
        errors = errors || jsonb_build_array(jsonb_build_object('at', now(), 'attempt', attempts, 'worker', locked_by,
          'error', 'lease expired: worker stopped renewing it (killed or lost)')),
        locked_by = NULL, locked_at = NULL, run_after = now()
      WHERE state = 'running' AND locked_at < now() - make_interval(secs => $1::float8 / 1000.0)`, [this.leaseMs]);
    return r.rowCount ?? 0;
  }

  async counts(): Promise<Record<JobState, number>> {
    const out: Record<JobState, number> = { queued: 0, running: 0, done: 0, dead: 0 };
    for (const r of (await this.pool.query('SELECT state, count(*) AS n FROM jobs GROUP BY state')).rows) out[r.state as JobState] = Number(r.n);
    return out;
  }

  /** Jobs not finished yet (queued, including those waiting for a retry, or running). */
  async pending(): Promise<number> {
    return Number((await this.pool.query(`SELECT count(*) AS n FROM jobs WHERE state IN ('queued', 'running')`)).rows[0].n);
  }

  async list(filter: { state?: JobState; kind?: string; limit?: number } = {}): Promise<Job[]> {
    const r = await this.pool.query(`SELECT * FROM jobs WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR kind = $2)
      ORDER BY id LIMIT $3`, [filter.state ?? null, filter.kind ?? null, filter.limit ?? 1000]);
    return (r.rows as JobRow[]).map((row) => fromRow(row));
  }

  /** Puts dead jobs (all, or these ids) back in the queue with fresh attempts; returns how many. */
  async retryDead(ids?: number[]): Promise<number> {
    const r = await this.pool.query(`UPDATE jobs SET state = 'queued', attempts = 0, run_after = now(), finished_at = NULL
      WHERE state = 'dead' AND ($1::bigint[] IS NULL OR id = ANY($1))`, [ids ?? null]);
    if (r.rowCount) await this.pool.query(`SELECT pg_notify('${JOBS_CHANNEL}', '')`);
    return r.rowCount ?? 0;
  }
}
