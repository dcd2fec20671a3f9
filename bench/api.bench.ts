/**
 * API benchmark (issue 6): a generated store of 10^5 documents with mentions, `narrascope serve` on loopback in its
 * own process, then an open-loop load of 200 requests/s for 10 s at the narratives overview and timeline endpoints
 * (the dashboard's hot paths). Reports cold latencies (first computation) and p50/p99 under load. Target: p99 < 100 ms
 * on 2 cores. Only 127.0.0.1 is ever contacted. Run alone with `npx tsx bench/api.bench.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { serveUrl } from '../test/helpers/serve.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { loadTaxonomy } from '../src/narratives/index.ts';
import { mulberry32 } from '../src/analytics/util.ts';
import type { Document, DocumentAnalysis, Mention } from '../src/model/index.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TYPES = ['state_media', 'milblogger', 'head_of_state', 'government_official', 'regional_official', 'independent_media',
  'think_tank', 'pro_government_influencer', 'foreign_media', 'unknown'] as const;
const STANCES = ['asserts', 'relays', 'refutes', 'unknown'] as const;
const WORDS = 'kursk region forces civilians ceasefire talks kremlin statement report channel war crimes army president minister weather sport city economy'.split(' ');

/** 10^5 documents over a year from 300 accounts; 40 % carry 1–3 narratives (with a surge in one), each with 1–3 mentions. */
export async function generateStore(path: string, n = 100_000, seed = 7): Promise<{ documents: number; mentions: number; seconds: number }> {
  const started = performance.now();
  const rnd = mulberry32(seed);
  const taxonomy = loadTaxonomy('urw');
  const parents = new Set(taxonomy.narratives.map((x) => x.parent).filter(Boolean));
  const leaves = taxonomy.narratives.filter((x) => !parents.has(x.id)).map((x) => x.id).slice(0, 24);
  const store = new SqliteStore(path);
  const start = Date.parse('2024-04-01T00:00:00Z');
  const year = 365 * 86_400_000;
  const surgeDay = start + 300 * 86_400_000;
  let mentions = 0;
  const batch = 5000;
  for (let b = 0; b < n; b += batch) {
    const docs: Document[] = [];
    const analyses: DocumentAnalysis[] = [];
    for (let i = b; i < Math.min(n, b + batch); i++) {
      const account = Math.floor(rnd() ** 1.5 * 300);
      const type = TYPES[account % TYPES.length];
      let t = start + Math.floor(rnd() * year);
      const narrated = rnd() < 0.4;
      if (narrated && rnd() < 0.1) t = surgeDay + Math.floor(rnd() * 3 * 86_400_000);
      const at = new Date(t).toISOString();
      const id = createHash('sha1').update(`bench-${seed}-${i}`).digest('hex').slice(0, 24);
      const text = Array.from({ length: 30 + Math.floor(rnd() * 60) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(' ');
      docs.push({
        id, source: { name: `Account ${account}`, handle: `acc${account}` }, publishedAt: at, lang: ['en', 'ru', 'uk'][account % 3],
        text, kind: 'post', meta: {}, ingest: { format: 'json', at },
      });
      const ms: Mention[] = [];
      if (narrated) {
        const k = 1 + Math.floor(rnd() * 3);
        for (let j = 0; j < k; j++) {
          const narrativeId = t >= surgeDay && t < surgeDay + 3 * 86_400_000 ? leaves[0] : leaves[Math.floor(rnd() ** 2 * leaves.length)];
          const voices = 1 + Math.floor(rnd() * 3);
          for (let v = 0; v < voices; v++) {
            const vt = v === 0 ? type : TYPES[Math.floor(rnd() * TYPES.length)];
            ms.push({
              narrativeId, documentId: id, actorName: v === 0 ? `Account ${account}` : `Speaker ${Math.floor(rnd() * 500)}`, actorType: vt,
              stance: STANCES[Math.floor(rnd() ** 1.5 * STANCES.length)], at, score: 0.5 + rnd() / 2,
            });
          }
        }
      }
      mentions += ms.length;
      analyses.push({ documentId: id, attributions: [], events: [], assessments: [], narratives: [], mentions: ms });
    }
    await store.insertDocuments(docs, analyses);
  }
  await store.insertCalendarEvents([{ id: 'bench-1', date: new Date(surgeDay - 86_400_000).toISOString().slice(0, 10), title: 'Bench event', kind: 'statement' }]);
  await store.close();
  return { documents: n, mentions, seconds: (performance.now() - started) / 1000 };
}

function startServe(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'narrascope.js'), '--db', db, 'serve', '--host', '127.0.0.1', '--port', '0', '--no-web', '--rate-limit', '0'],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NARRASCOPE_TOKEN: '' } });
  return serveUrl(child, 60_000).then((url) => ({ child, url }));
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Open loop: a request every 1000/rate ms whatever the previous ones are doing, at most 512 in flight. */
async function openLoop(base: string, paths: string[], rate: number, seconds: number) {
  const total = rate * seconds;
  const latencies: number[] = [];
  let errors = 0;
  let dropped = 0;
  let inFlight = 0;
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= 512) { dropped++; continue; }
    inFlight++;
    const started = performance.now();
    pending.push(fetch(`${base}${paths[i % paths.length]}`).then(async (res) => {
      await res.arrayBuffer();
      if (!res.ok) errors++;
      latencies.push(performance.now() - started);
    }, () => { errors++; }).finally(() => { inFlight--; }));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length, errors, dropped, seconds: Number(elapsed.toFixed(1)), achievedRps: Number((latencies.length / elapsed).toFixed(1)),
    p50Ms: Number(quantile(latencies, 0.5).toFixed(2)), p99Ms: Number(quantile(latencies, 0.99).toFixed(2)),
    maxMs: Number((latencies[latencies.length - 1] ?? NaN).toFixed(2)),
  };
}

export async function run(opts: { documents?: number; rate?: number; seconds?: number } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-api-bench-'));
  const db = join(dir, 'bench.db');
  let child: ChildProcess | undefined;
  try {
    const gen = await generateStore(db, opts.documents ?? 100_000);
    console.log(`generated ${gen.documents} documents, ${gen.mentions} mentions in ${gen.seconds.toFixed(1)} s`);
    const server = await startServe(db);
    child = server.child;
    const taxonomy = loadTaxonomy('urw');
    const parents = new Set(taxonomy.narratives.map((x) => x.parent).filter(Boolean));
    const leaves = taxonomy.narratives.filter((x) => !parents.has(x.id)).map((x) => x.id);
    const paths = [
      '/api/narratives',
      ...leaves.slice(0, 4).flatMap((id) => [
        `/api/narratives/${id}/timeline?by=type&bucket=day`,
        `/api/narratives/${id}/timeline?by=stance&bucket=week`,
      ]),
    ];
    // Cold: the first computation of each response (what the cache saves every later request).
    const cold: Record<string, number> = {};
    for (const p of paths) {
      const t = performance.now();
      const res = await fetch(`${server.url}${p}`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${p}: ${res.status}`);
      cold[p] = Math.round(performance.now() - t);
    }
    console.log('cold (ms):', cold);

    const steady = await openLoop(server.url, paths, opts.rate ?? 200, opts.seconds ?? 10);
    const result = {
      documents: gen.documents, mentions: gen.mentions, generateSeconds: Number(gen.seconds.toFixed(1)), coldMs: cold, ...steady, targetP99Ms: 100,
    };
    console.log(`${steady.requests} requests in ${steady.seconds} s (${steady.achievedRps}/s): p50 ${steady.p50Ms} ms, p99 ${steady.p99Ms} ms, max ${steady.maxMs} ms, ${steady.errors} errors, ${steady.dropped} dropped — target p99 < 100 ms: ${steady.p99Ms < 100 ? 'met' : 'NOT met'}`);

    // Another process changes the corpus: every cached answer is stale, the overview is recomputed (in a compute
    // worker). Light requests must not wait for it.
    const writer = new SqliteStore(db);
    await writer.insertDocuments([{ id: 'bench-extra-0000000000000', source: { name: 'Late source' }, publishedAt: '2025-03-01T00:00:00Z', lang: 'en', text: 'late arrival', kind: 'post', meta: {}, ingest: { format: 'json', at: '2025-03-01T00:00:00Z' } }]);
    await writer.close();
    const light = openLoop(server.url, ['/api/health', '/api/documents?limit=5', '/api/actors?limit=5'], 50, 5);
    const heavyStart = performance.now();
    const heavy = fetch(`${server.url}/api/narratives`).then(async (r) => { await r.arrayBuffer(); return Math.round(performance.now() - heavyStart); });
    const [lightResult, overviewRecomputeMs] = await Promise.all([light, heavy]);
    console.log(`while the overview was recomputed (${overviewRecomputeMs} ms): light requests p50 ${lightResult.p50Ms} ms, p99 ${lightResult.p99Ms} ms, ${lightResult.errors} errors`);
    const duringRecompute = { overviewRecomputeMs, lightP50Ms: lightResult.p50Ms, lightP99Ms: lightResult.p99Ms, lightErrors: lightResult.errors };
    return { ...result, duringRecompute, targetMet: result.p99Ms < 100 && result.errors === 0 };
  } finally {
    child?.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await run();
  console.log(JSON.stringify(r));
}
