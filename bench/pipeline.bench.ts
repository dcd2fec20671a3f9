// End to end and per stage (issues 2, 3, 4, 7): ingest with language id, attribution, narratives and mentions on
// generated corpora of short posts and ~3,000-character articles; peak RSS and database size of the CLI process;
// per-stage throughput in one thread. Sizes: NARRASCOPE_BENCH_DOCS (default 20,000 posts, 2,000 articles).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { writeCorpus, demoTexts } from './corpus.ts';
import { detectLanguage } from '../src/text/language.ts';
import { extractAttributions } from '../src/attribution/index.ts';
import { createNarrativeClassifier, analyzeNarratives } from '../src/narratives/index.ts';
import { actorRegistry } from '../src/actors/load.ts';
import type { Document } from '../src/model/index.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'narrascope.js');

function cliIngest(db: string, file: string, extra: string[] = []): { seconds: number; peakRssMB: number; summary: { read: number; stored: number } } {
  const t = performance.now();
  // GNU time reports the child's peak resident set size (KB) on stderr.
  const r = spawnSync('/usr/bin/time', ['-f', 'PEAK_RSS_KB %M', process.execPath, BIN, '--db', db, '-q', 'ingest', file, '--json', ...extra], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t) / 1000;
  const rss = Number(/PEAK_RSS_KB (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  if (r.status !== 0) throw new Error(`ingest failed (${r.status}): ${r.stderr.slice(-500)}`);
  return { seconds, peakRssMB: Math.round(rss), summary: JSON.parse(r.stdout) };
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'ns-pipeline-'));
  const results: Record<string, unknown> = {};
  try {
    const nShort = Number(process.env.NARRASCOPE_BENCH_DOCS ?? 20_000);
    for (const [kind, n] of [['short', nShort], ['long', Math.max(1000, Math.round(nShort / 10))]] as const) {
      const file = join(dir, `${kind}.jsonl`);
      const corpus = await writeCorpus(file, { documents: n, kind });
      for (const threads of ['0', '2']) {
        const db = join(dir, `${kind}-${threads}.db`);
        const r = cliIngest(db, file, ['--threads', threads]);
        const key = `endToEnd_${kind}_threads${threads}`;
        results[key] = {
          documents: r.summary.read, avgBytes: Math.round(corpus.bytes / corpus.documents), seconds: Number(r.seconds.toFixed(1)),
          docsPerSecond: Math.round(r.summary.read / r.seconds), peakRssMB: r.peakRssMB, dbSizeMB: Number((statSync(db).size / 2 ** 20).toFixed(1)),
        };
        console.log(key, JSON.stringify(results[key]));
      }
    }

    // Per stage, one thread, in this process.
    const { short, long } = await demoTexts();
    const registry = actorRegistry();
    const classifier = createNarrativeClassifier();
    // Articles of ~3,000 characters, as the throughput targets are stated for.
    const articles: string[] = [];
    for (let i = 0; articles.length < 300; i++) {
      const parts: string[] = [];
      for (let k = i; parts.join('\n\n').length < 3000; k += 7) parts.push(long[k % long.length]);
      articles.push(parts.join('\n\n').slice(0, 3000));
    }
    const docs: Document[] = articles.map((text, i) => ({
      id: String(i), text, source: { name: 'bench' }, publishedAt: '2025-03-16T00:00:00.000Z', lang: detectLanguage(text),
      kind: 'article', meta: {}, ingest: { format: 'text', at: '2025-03-16T00:00:00.000Z' },
    }));
    const chars = docs.reduce((s, d) => s + d.text.length, 0);
    // Warm up: lexicons and indexes load on first use, and the rules' regular expressions are compiled on theirs — one
    // untimed pass, so that the figures below are steady-state throughput (a cold process pays ~0.2 s once).
    for (const d of docs) analyzeNarratives(d, extractAttributions(d, { registry }), { classifier, actors: registry });
    let t = performance.now();
    for (const s of short) detectLanguage(s);
    results.languageIdPerSecond = Math.round(short.length / ((performance.now() - t) / 1000));
    t = performance.now();
    const extracted = docs.map((d) => extractAttributions(d, { registry }));
    const extractMs = performance.now() - t;
    results.attributionMsPer1000Chars = Number((extractMs / (chars / 1000)).toFixed(3));
    t = performance.now();
    docs.forEach((d, i) => analyzeNarratives(d, extracted[i], { classifier, actors: registry }));
    const narrMs = performance.now() - t;
    results.narrativesMsPer1000Chars = Number((narrMs / (chars / 1000)).toFixed(3));
    results.attributionPlusNarrativesDocsPerSecond = Math.round(docs.length / ((extractMs + narrMs) / 1000));
    results.stageDocs = { documents: docs.length, avgChars: Math.round(chars / docs.length) };
    console.log('stages', JSON.stringify({ languageIdPerSecond: results.languageIdPerSecond, attributionMsPer1000Chars: results.attributionMsPer1000Chars, narrativesMsPer1000Chars: results.narrativesMsPer1000Chars, ...results.stageDocs as object }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}
