import { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { ingestPaths, type IngestSummary } from '../pipeline/ingest.ts';
import { EXIT, UsageError, globals, printJson, registryFor, withStore, collect } from './context.ts';
import { parseInputOptions, withInputOptions } from './input-options.ts';
import { formatRate, progressBar } from './progress.ts';
import { analyzerFor } from '../pipeline/analyze.ts';
import { AnalysisPool } from '../pipeline/analysis-pool.ts';
import { availableParallelism } from 'node:os';

export function ingestCommand(): Command {
  return withInputOptions(new Command('ingest'))
    .description('Read documents from files, folders, URLs or stdin into the database (format auto-detected)')
    .argument('<paths...>', 'files, folders (recursive), http(s) URLs, or - for stdin')
    .option('--errors <file>', 'write rejected records as JSON Lines (file, line, reason, message)')
    .option('--batch <n>', 'documents per transaction', '1000')
    .option('--no-analyze', 'store documents without running extraction')
    .option('--threads <n>', 'worker threads for the analysis (0: analyse on the main thread)', String(defaultThreads()))
    .option('--allow-private', 'allow fetching URLs on loopback/private networks (blocked by default)')
    .option('--allow-host <host>', 'allow this host even if it resolves to a private address (repeatable)', collect, [])
    .option('--json', 'print the summary as JSON on stdout')
    .addHelpText('after', `
Examples:
  narrascope ingest examples/demo
  narrascope ingest posts.jsonl --map text=body,publishedAt=date,source=channel
  narrascope ingest result.json                      # Telegram Desktop export
  narrascope ingest https://example.org/feed.xml     # RSS/Atom feed or article page
  cat article.txt | narrascope ingest - --source Reuters --published 2025-03-14T10:00:00Z
  narrascope ingest data/ --errors rejected.jsonl --json

Exit code 3 when some records were rejected (the rest is stored).`)
    .action(async (paths: string[], opts, cmd: Command) => {
      const input = parseInputOptions(opts);
      const batchSize = Number(opts.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError('--batch must be a positive integer');
      const errors = opts.errors ? createWriteStream(opts.errors) : undefined;
      const registry = registryFor(cmd);
      const threads = Number(opts.threads);
      if (!Number.isInteger(threads) || threads < 0) throw new UsageError('--threads must be a non-negative integer');
      const pool = opts.analyze !== false && threads > 0 ? new AnalysisPool({ size: threads, actorDirs: globals(cmd).actors ?? [] }) : undefined;
      const bar = progressBar('ingest', { quiet: globals(cmd).quiet });
      let barStarted = false;
      const summary = await withStore(cmd, async (store) => ingestPaths(paths, {
        store, registry, ...input, batchSize,
        fetch: { allowPrivate: Boolean(opts.allowPrivate), allowHosts: opts.allowHost },
        analyze: opts.analyze === false ? undefined : pool ? (docs) => pool.analyze(docs) : analyzerFor({ registry }),
        onReject: (r) => {
          errors?.write(`${JSON.stringify(r)}\n`);
          if (!opts.json && r.reason !== 'empty_text') {
            process.stderr.write(`rejected: ${r.file}${r.line !== undefined ? `:${r.line}` : ''}: ${r.reason}: ${r.message}\n`);
          }
        },
        onProgress: (p) => {
          if (!barStarted) { bar.start(p.bytesTotal || 1); barStarted = true; }
          bar.update(p.bytesTotal ? p.bytesRead : 0,
            `${p.read} read, ${p.stored} stored, ${p.duplicates} duplicates, ${p.rejected} rejected ${formatRate(p.read, p.seconds)}`);
        },
      })).finally(() => {
        // Stop the bar whatever happened: its timer would otherwise keep the process alive after an error.
        bar.stop();
        return pool?.close();
      });
      if (errors) await new Promise((resolve) => errors.end(resolve));
      report(summary, Boolean(opts.json));
      if (summary.rejected > 0) process.exitCode = EXIT.partial;
    });
}

function report(summary: IngestSummary, json: boolean): void {
  if (json) {
    const { read, stored, duplicates, rejected, rejectedByReason } = summary;
    printJson({ read, stored, duplicates, rejected, rejectedByReason, files: summary.files, seconds: summary.seconds });
    return;
  }
  const reasons = Object.entries(summary.rejectedByReason).map(([r, n]) => `${r} ${n}`).join(', ');
  const lines = [
    `Read ${summary.read} records from ${summary.files} input(s) in ${summary.seconds.toFixed(1)} s (${formatRate(summary.read, summary.seconds)})`,
    `  stored ${summary.stored} new document(s)`,
    `  ${summary.duplicates} duplicate(s) already stored${summary.stored === 0 && summary.duplicates > 0 ? ' — nothing new' : ''}`,
    `  rejected ${summary.rejected}${reasons ? ` (${reasons})` : ''}`,
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

/**
 * Analysis on the main thread by default: on the 2-core reference machine a pool of worker threads measured no
 * faster for short posts and slower for long articles (BENCHMARKS.md), as documents and results are copied between
 * threads. `--threads N` turns the pool on for machines with more cores.
 */
function defaultThreads(): number {
  return availableParallelism() > 4 ? availableParallelism() - 1 : 0;
}
