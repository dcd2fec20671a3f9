// Scale (issue 7): a generated corpus of NARRASCOPE_SCALE_DOCS short posts (default 100,000; the figure is
// 10^6) ingested end to end into one SQLite file by the CLI, with its peak RSS and database size, then the latency
// of the dashboard's main queries on it (p50/p99 over repeated runs, warm).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeCorpus } from './corpus.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { actorRegistry } from '../src/actors/load.ts';
import { loadTaxonomy } from '../src/narratives/index.ts';
import { resolveNarrative } from '../src/insights/target.ts';
import { targetTimeline } from '../src/insights/timeline.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'narrascope.js');

async function latency(label: string, runs: number, fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  await fn();
  for (let i = 0; i < runs; i++) { const t = performance.now(); await fn(); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  const q = (p: number) => Number(times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1));
  const r = { p50: q(0.5), p99: q(0.99) };
  console.log(label, JSON.stringify(r));
  return r;
}

export async function run(): Promise<Record<string, unknown>> {
  const n = Number(process.env.NARRASCOPE_SCALE_DOCS ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'ns-scale-'));
  const results: Record<string, unknown> = {};
  try {
    const file = join(dir, 'corpus.jsonl');
    await writeCorpus(file, { documents: n, kind: 'short', channels: 2000 });
    const db = join(dir, 'scale.db');
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_RSS_KB %M', process.execPath, BIN, '--db', db, '-q', 'ingest', file, '--json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (r.status !== 0) throw new Error(`ingest failed: ${r.stderr.slice(-400)}`);
    const seconds = (performance.now() - t) / 1000;
    results.ingest = {
      documents: n, seconds: Number(seconds.toFixed(1)), docsPerSecond: Math.round(n / seconds),
      peakRssMB: Math.round(Number(/PEAK_RSS_KB (\d+)/.exec(r.stderr)?.[1]) / 1024), dbSizeMB: Math.round(statSync(db).size / 2 ** 20),
    };
    console.log('ingest', JSON.stringify(results.ingest));

    const store = new SqliteStore(db, { readonly: true });
    const registry = actorRegistry();
    const taxonomy = loadTaxonomy('urw');
    const kursk = resolveNarrative(taxonomy, 'urw-kursk-war-crimes');
    results.mentions = await store.countMentions().then((c) => c.reduce((s, x) => s + x.count, 0));
    results.queries = {
      documentSearch: await latency('documents search', 50, () => store.listDocuments({ query: 'Курской' }, { limit: 50 })),
      documentCount: await latency('documents count by source', 50, () => store.countDocuments({ source: 'bench_channel_7' })),
      mentionCounts: await latency('mention counts (overview)', 20, () => store.countMentions()),
      dailyMentions: await latency('daily mention counts (sparklines)', 20, () => store.dailyMentionCounts()),
      narrativeTimeline: await latency('narrative timeline by actor type', 20, () => targetTimeline(store, registry, kursk, { bucket: 'day', by: 'type' })),
      claims: await latency('claims by speaker type', 50, () => store.listAttributions({ speakerType: 'head_of_state' }, { limit: 50 })),
    };
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
