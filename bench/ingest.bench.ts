// Ingest throughput (documents/s, with language id and source resolution) on the shared Telegram corpus.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestPaths } from '../src/pipeline/ingest.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { actorRegistry } from '../src/actors/load.ts';
import { analyzerFor } from '../src/pipeline/analyze.ts';

const CORPUS = join(import.meta.dirname, '..', '..', 'shared', 'corpora', 'telegram-ru-news-channels-2024', 'raw');

export async function run(): Promise<Record<string, unknown>> {
  if (!existsSync(CORPUS)) {
    console.log(`skipped: ${CORPUS} is absent`);
    return { skipped: true };
  }
  const results: Record<string, unknown> = {};
  for (const analyze of [false, true]) {
    const dir = mkdtempSync(join(tmpdir(), 'ns-bench-'));
    const db = join(dir, 'bench.db');
    const store = new SqliteStore(db);
    const registry = actorRegistry();
    const started = performance.now();
    const summary = await ingestPaths([CORPUS], {
      store, registry, map: { text: 'text', publishedAt: 'date', source: 'channel' },
      analyze: analyze ? analyzerFor({ registry }) : undefined,
    });
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    const label = analyze ? 'ingestWithAnalysis' : 'ingest';
    results[label] = {
      documents: summary.read, stored: summary.stored, seconds: Number(seconds.toFixed(2)),
      docsPerSecond: Math.round(summary.read / seconds), dbSizeMB: Number((statSync(db).size / 2 ** 20).toFixed(1)),
    };
    console.log(label, JSON.stringify(results[label]));
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
