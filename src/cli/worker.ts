import { Command } from 'commander';
import { resolve } from 'node:path';
import { expandPaths } from '../pipeline/inputs.ts';
import { isPostgresUrl } from '../store/open.ts';
import { JobQueue, type JobState } from '../workers/queue.ts';
import { runWorker } from '../workers/worker.ts';
import { UsageError, globals, printJson } from './context.ts';
import { parseInputOptions, withInputOptions } from './input-options.ts';

function postgresDb(cmd: Command): string {
  const db = globals(cmd).db;
  if (!isPostgresUrl(db)) throw new UsageError(`workers and the job queue need PostgreSQL: --db postgres://user@host/db (got ${db})`);
  return db;
}

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer`);
  return n;
}

/** `narrascope worker`: take ingest jobs from the PostgreSQL queue until stopped (SIGTERM/SIGINT) or drained. */
export function workerCommand(): Command {
  return new Command('worker')
    .description('Process queued jobs (ingest-file) from the PostgreSQL job queue; run as many as you like, on any machine')
    .option('--concurrency <n>', 'jobs processed at once by this process', '1')
    .option('--drain', 'exit once no job is queued or running (instead of waiting for more)')
    .option('--poll <ms>', 'poll interval when idle; new jobs also wake workers at once (LISTEN/NOTIFY)', '1000')
    .option('--lease <seconds>', 'a job not renewed for this long (worker killed) goes to another worker', '300')
    .option('--backoff <ms>', 'first retry delay after a failure; doubles with each attempt', '5000')
    .option('--max-backoff <ms>', 'longest retry delay', '900000')
    .option('--batch <n>', 'documents per transaction', '1000')
    .option('--json', 'print a summary as JSON on stdout when the worker stops')
    .addHelpText('after', `
Examples:
  narrascope --db postgres://narrascope@db/narrascope worker --concurrency 4
  narrascope --db postgres://narrascope@db/narrascope worker --drain      # exit when the queue is empty
  NARRASCOPE_DB=postgres://narrascope@db/narrascope narrascope worker

SIGTERM or Ctrl-C: finish the jobs in progress, record them, take no new one, exit (a second signal exits at once;
a job cut short is retried by another worker when its lease expires, and stores nothing twice).`)
    .action(async (opts, cmd: Command) => {
      const db = postgresDb(cmd);
      const concurrency = positiveInt('--concurrency', opts.concurrency);
      const quiet = Boolean(globals(cmd).quiet);
      const controller = new AbortController();
      let signals = 0;
      const onSignal = (sig: NodeJS.Signals) => {
        signals++;
        if (signals > 1) { process.stderr.write(`narrascope worker: ${sig} again, exiting now\n`); process.exit(128 + (sig === 'SIGINT' ? 2 : 15)); }
        if (!quiet) process.stderr.write(`narrascope worker: ${sig}: finishing the jobs in progress, then exiting\n`);
        controller.abort();
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      try {
        const summary = await runWorker({
          db, concurrency, signal: controller.signal, actors: globals(cmd).actors ?? [], drain: Boolean(opts.drain),
          pollMs: positiveInt('--poll', opts.poll), leaseMs: positiveInt('--lease', opts.lease) * 1000,
          backoffMs: positiveInt('--backoff', opts.backoff), maxBackoffMs: positiveInt('--max-backoff', opts.maxBackoff),
          batchSize: positiveInt('--batch', opts.batch),
          log: quiet ? undefined : (line) => process.stderr.write(`${new Date().toISOString()} ${line}\n`),
        });
        if (opts.json) printJson(summary);
        else if (!quiet) process.stderr.write(`worker stopped: ${summary.done} job(s) done, ${summary.retried} to retry, ${summary.dead} dead-lettered; ${summary.stored} document(s) stored in ${summary.seconds.toFixed(1)} s\n`);
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
    });
}

/** `narrascope enqueue PATH...`: one ingest-file job per file (folders are expanded), for `narrascope worker`. */
export function enqueueCommand(): Command {
  return withInputOptions(new Command('enqueue'))
    .description('Queue files for ingestion by workers (one job per file; folders are expanded recursively)')
    .argument('<paths...>', 'files or folders, visible at the same path to the workers (shared storage)')
    .option('--max-attempts <n>', 'attempts before a failing job is dead-lettered', '5')
    .option('--allow-missing', 'queue paths that do not exist (yet) instead of refusing')
    .option('--json', 'print the queued job ids as JSON on stdout')
    .addHelpText('after', `
Examples:
  narrascope --db postgres://narrascope@db/narrascope enqueue /data/telegram/ /data/feeds/*.xml
  narrascope --db postgres://narrascope@db/narrascope enqueue posts.jsonl --map text=body,publishedAt=date,source=channel
  narrascope --db postgres://narrascope@db/narrascope jobs --dead     # what failed, and why

Paths are stored absolute; every worker must see the files at that path.`)
    .action(async (paths: string[], opts, cmd: Command) => {
      const db = postgresDb(cmd);
      const { format, map, defaults } = parseInputOptions(opts);
      const maxAttempts = positiveInt('--max-attempts', opts.maxAttempts);
      const expanded = expandPaths(paths);
      if (expanded.stdin || expanded.urls.length) throw new UsageError('enqueue takes files and folders (use `narrascope ingest` for URLs and stdin)');
      if (expanded.missing.length && !opts.allowMissing) {
        throw new UsageError(`no such file or folder: ${expanded.missing.join(', ')} (--allow-missing queues them anyway)`);
      }
      const files = [...expanded.files, ...expanded.missing].map((f) => resolve(f));
      const queue = await JobQueue.open(db);
      try {
        const ids = await queue.enqueue(files.map((path) => ({
          kind: 'ingest-file', maxAttempts,
          payload: { path, ...(format ? { format } : {}), ...(Object.keys(map).length ? { map } : {}), ...(Object.keys(defaults).length ? { defaults } : {}) },
        })));
        if (opts.json) printJson({ queued: ids.length, ids });
        else if (!globals(cmd).quiet) process.stderr.write(`queued ${ids.length} job(s)${expanded.missing.length ? ` (${expanded.missing.length} for missing paths)` : ''}\n`);
      } finally {
        await queue.close();
      }
    });
}

/** `narrascope jobs`: the queue at a glance, dead letters with their reasons, and requeueing them. */
export function jobsCommand(): Command {
  return new Command('jobs')
    .description('Show the job queue: counts by state, dead letters and their reasons; requeue dead jobs')
    .option('--dead', 'list dead-lettered jobs with every failure reason')
    .option('--state <state>', 'list jobs in this state (queued, running, done, dead)')
    .option('--retry-dead', 'put every dead job back in the queue with fresh attempts')
    .option('--limit <n>', 'jobs listed at most', '100')
    .option('--json', 'print as JSON on stdout')
    .addHelpText('after', `
Examples:
  narrascope --db postgres://narrascope@db/narrascope jobs
  narrascope --db postgres://narrascope@db/narrascope jobs --dead --json
  narrascope --db postgres://narrascope@db/narrascope jobs --retry-dead`)
    .action(async (opts, cmd: Command) => {
      const db = postgresDb(cmd);
      const state = (opts.dead ? 'dead' : opts.state) as JobState | undefined;
      if (state && !['queued', 'running', 'done', 'dead'].includes(state)) throw new UsageError(`--state: one of queued, running, done, dead`);
      const queue = await JobQueue.open(db);
      try {
        if (opts.retryDead) {
          const n = await queue.retryDead();
          if (opts.json) printJson({ requeued: n });
          else process.stderr.write(`requeued ${n} dead job(s)\n`);
          return;
        }
        const counts = await queue.counts();
        const jobs = state ? await queue.list({ state, limit: positiveInt('--limit', opts.limit) }) : [];
        if (opts.json) { printJson(state ? { counts, jobs } : { counts }); return; }
        process.stdout.write(`${Object.entries(counts).map(([s, n]) => `${s} ${n}`).join(', ')}\n`);
        for (const job of jobs) {
          process.stdout.write(`#${job.id} ${job.kind} ${JSON.stringify(job.payload)} ${job.state} after ${job.attempts}/${job.maxAttempts} attempt(s)\n`);
          for (const e of job.errors) process.stdout.write(`    ${e.at} attempt ${e.attempt} (${e.worker}): ${e.error}\n`);
        }
      } finally {
        await queue.close();
      }
    });
}
