/**
 * Soak test (issue 8): `narrascope serve` in its own process on 127.0.0.1, on a fresh SQLite database built from the
 * synthetic demo corpus, with a write token and the rate limiter on; then, for NARRASCOPE_SOAK_SECONDS (default 600),
 * an open-loop mix of API reads (documents search, narratives, timeline, surges, claims, one document; 50/s) and ingest
 * writes (POST /api/ingest, small batches of generated documents; 1/s), plus a few deliberate client errors (a bad
 * parameter → 400, a write without the token → 401) that must stay 4xx. Records throughput, p50/p99 latency per
 * endpoint, errors (any non-2xx other than the deliberate ones, network errors, dropped requests), and the server's
 * RSS every 10 s (VmRSS from /proc/PID/status) with first/last/max and a least-squares slope in MB per minute.
 * Prints a JSON summary. Only 127.0.0.1 is contacted; every loop is bounded and the server is stopped at the end.
 *
 * Run alone: `npx tsx bench/soak.bench.ts` (or `npm run bench -- soak`). Environment: NARRASCOPE_SOAK_SECONDS,
 * NARRASCOPE_SOAK_READS (per second, default 50), NARRASCOPE_SOAK_WRITES (per second, default 1),
 * NARRASCOPE_SOAK_RATE_LIMIT (the server's --rate-limit, default 200: exercised, never reached by this load),
 * NARRASCOPE_SOAK_REFRESH (the server's --refresh-interval in seconds; default: the server's own, 5).
 * With NARRASCOPE_SOAK_WRITES=0 the corpus does not change (and no deliberate 4xx are sent): memory growth then is
 * retention, not corpus growth. Answers served stale while recomputing (X-Narrascope-Stale) are counted per endpoint.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { serveUrl } from '../test/helpers/serve.ts';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'narrascope.js');
const MAX_IN_FLIGHT = 256;

function cli(args: string[]): void {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`narrascope ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
}

function startServe(db: string, token: string, rateLimit: number, refresh: string | undefined): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, '--db', db, '--actors', join(ROOT, 'examples', 'demo-actors'), 'serve',
    '--host', '127.0.0.1', '--port', '0', '--no-web', '--rate-limit', String(rateLimit), ...(refresh !== undefined ? ['--refresh-interval', refresh] : [])],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NARRASCOPE_TOKEN: token, NARRASCOPE_READ_TOKEN: '' } });
  return serveUrl(child, 60_000).then((url) => ({ child, url }));
}

function rssMB(pid: number): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Least-squares slope of y over x. */
function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) { num += (xs[i] - mx) * (ys[i] - my); den += (xs[i] - mx) ** 2; }
  return den ? num / den : NaN;
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const round = (x: number, d = 1) => Number(x.toFixed(d));

/** Mean RSS per whole minute of the run (the sawtooth of garbage collection averaged out). */
function minuteMeans(rss: { t: number; mb: number }[]): number[] {
  const out: number[][] = [];
  for (const r of rss) (out[Math.floor(r.t / 60)] ??= []).push(r.mb);
  return out.filter(Boolean).map((l) => round(l.reduce((a, b) => a + b, 0) / l.length, 0));
}
const WORDS = ['Kursk', 'ceasefire', 'civilians', 'talks', 'Putin', 'army', 'weather', 'region', 'crimes', 'surrender'];
const PHRASES = [
  'Putin said that Ukrainian forces committed crimes against civilians in Kursk region',
  'ISW assessed that the Kremlin claims of war crimes in Kursk region are unsubstantiated',
  'The channel wrote that there must be no ceasefire until Kursk region is liberated',
  'City council reported the weather will stay mild and the sports ground reopens',
];

interface Stat { latencies: number[]; errors: number; statuses: Record<string, number>; stale: number }

export async function run(opts: { seconds?: number; readsPerSecond?: number; writesPerSecond?: number; rateLimit?: number; refreshSeconds?: number } = {}) {
  const seconds = opts.seconds ?? Number(process.env.NARRASCOPE_SOAK_SECONDS ?? 600);
  const readRate = opts.readsPerSecond ?? Number(process.env.NARRASCOPE_SOAK_READS ?? 50);
  const writeRate = opts.writesPerSecond ?? Number(process.env.NARRASCOPE_SOAK_WRITES ?? 1);
  const rateLimit = opts.rateLimit ?? Number(process.env.NARRASCOPE_SOAK_RATE_LIMIT ?? 200);
  const refresh = opts.refreshSeconds !== undefined ? String(opts.refreshSeconds) : process.env.NARRASCOPE_SOAK_REFRESH || undefined;
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-soak-'));
  const db = join(dir, 'soak.db');
  const token = randomBytes(24).toString('hex');
  let child: ChildProcess | undefined;
  try {
    const t0 = performance.now();
    const demo = (name: string) => join(ROOT, 'examples', 'demo', name);
    cli(['--db', db, '--actors', join(ROOT, 'examples', 'demo-actors'), 'ingest',
      ...['telegram', 'telegram-single', 'rss', 'csv', 'html', 'text'].map(demo)]);
    cli(['--db', db, 'events', 'import', demo('events.csv')]);
    const buildSeconds = (performance.now() - t0) / 1000;
    const server = await startServe(db, token, rateLimit, refresh);
    child = server.child;
    const base = server.url;
    const pid = child.pid!;
    const auth = { authorization: `Bearer ${token}` };

    // What to ask about: the narratives and some documents of the demo corpus.
    const overview = await (await fetch(`${base}/api/narratives`)).json() as { narratives: { id: string; total?: number }[] };
    const narratives = overview.narratives.map((n) => n.id).slice(0, 6);
    if (!narratives.length) throw new Error('the demo corpus has no narratives');
    const listed = await (await fetch(`${base}/api/documents?limit=200`)).json() as { count: number; documents: { id: string }[] };
    const docIds = listed.documents.map((d) => d.id);
    const startDocs = listed.count;

    let k = 0;
    const reads: [string, () => string][] = [
      ['documents search', () => `/api/documents?q=${encodeURIComponent(WORDS[k % WORDS.length])}&limit=20&offset=${(k >> 4) % 3 * 20}`],
      ['narratives', () => '/api/narratives'],
      ['timeline', () => `/api/narratives/${encodeURIComponent(narratives[k % narratives.length])}/timeline?by=${['type', 'stance'][k % 2]}`],
      ['surges', () => `/api/surges?narrative=${encodeURIComponent(narratives[k % narratives.length])}`],
      ['claims', () => `/api/claims?limit=20${k % 2 ? `&narrative=${encodeURIComponent(narratives[k % narratives.length])}` : ''}`],
      ['document', () => `/api/documents/${docIds[k % docIds.length]}`],
    ];
    const stats = new Map<string, Stat>();
    const stat = (name: string) => {
      let s = stats.get(name);
      if (!s) { s = { latencies: [], errors: 0, statuses: {}, stale: 0 }; stats.set(name, s); }
      return s;
    };
    const errorSamples: string[] = [];
    let inFlight = 0;
    let dropped = 0;
    let written = 0;
    let deliberateOk = 0;
    let deliberateWrong = 0;
    const pending = new Set<Promise<void>>();

    const issue = (name: string, path: string, init: RequestInit, expect: (status: number) => boolean) => {
      if (inFlight >= MAX_IN_FLIGHT) { dropped++; return; }
      inFlight++;
      const started = performance.now();
      const s = stat(name);
      const p = fetch(`${base}${path}`, init).then(async (res) => {
        const body = await res.text();
        s.latencies.push(performance.now() - started);
        s.statuses[res.status] = (s.statuses[res.status] ?? 0) + 1;
        if (res.headers.has('x-narrascope-stale')) s.stale++;
        if (!expect(res.status)) {
          s.errors++;
          if (errorSamples.length < 20) errorSamples.push(`${name} ${path} → ${res.status} ${body.slice(0, 200)}`);
        } else if (name === 'ingest') {
          written += (JSON.parse(body) as { stored: number }).stored;
        }
      }, (err: Error) => {
        s.errors++;
        if (errorSamples.length < 20) errorSamples.push(`${name} ${path} → ${err.message}`);
      }).finally(() => { inFlight--; pending.delete(p); });
      pending.add(p);
    };
    const ok = (status: number) => status >= 200 && status < 300;

    let batch = 0;
    const ingestBody = () => {
      const docs = Array.from({ length: 5 }, (_v, i) => {
        const n = batch * 5 + i;
        const at = new Date(Date.parse('2025-03-10T00:00:00Z') + (n % 14) * 86_400_000 + (n % 1440) * 60_000).toISOString();
        return {
          text: `${PHRASES[n % PHRASES.length]} (soak ${n}, ${WORDS[n % WORDS.length]}).`, title: `Soak ${n}`, publishedAt: at,
          source: { name: `Soak Channel ${n % 17}`, handle: `soak_${n % 17}` }, lang: 'en',
        };
      });
      batch++;
      return JSON.stringify({ documents: docs });
    };

    const rss: { t: number; mb: number }[] = [];
    const loadBefore = loadavg();
    const start = performance.now();
    const sampleRss = () => { rss.push({ t: (performance.now() - start) / 1000, mb: rssMB(pid) }); };
    sampleRss();
    const rssTimer = setInterval(sampleRss, 10_000);
    let lastProgress = start;

    // Open loop on a 20 ms tick: reads and writes are due by the clock, whatever the earlier requests are doing.
    const tickMs = 20;
    const ticks = Math.floor((seconds * 1000) / tickMs);
    let readsIssued = 0;
    let writesIssued = 0;
    for (let i = 0; i < ticks; i++) {
      const due = start + i * tickMs;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const elapsed = (i + 1) * tickMs / 1000;
      while (readsIssued < Math.floor(elapsed * readRate)) {
        const [name, path] = reads[readsIssued % reads.length];
        k = Math.floor(readsIssued / reads.length);
        issue(name, path(), {}, ok);
        readsIssued++;
      }
      while (writesIssued < Math.floor(elapsed * writeRate)) {
        issue('ingest', '/api/ingest', { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: ingestBody() }, ok);
        writesIssued++;
        // Every 10th write second, two deliberate client errors that must be answered 400 and 401 (never 5xx).
        if (writesIssued % 10 === 0) {
          for (const [path, init, want] of [
            ['/api/documents?limit=0', {}, 400],
            ['/api/ingest', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ingestBody() }, 401],
          ] as [string, RequestInit, number][]) {
            issue('deliberate 4xx', path, init, (st) => { if (st === want) deliberateOk++; else deliberateWrong++; return st === want; });
          }
        }
      }
      if (performance.now() - lastProgress > 60_000) {
        lastProgress = performance.now();
        const errs = [...stats.values()].reduce((a, s) => a + s.errors, 0);
        process.stderr.write(`soak: ${Math.round((lastProgress - start) / 1000)} s, ${readsIssued} reads, ${writesIssued} writes, ${errs} errors, ${dropped} dropped, RSS ${rss.at(-1)?.mb.toFixed(0)} MB\n`);
      }
    }
    await Promise.all([...pending]);
    const elapsed = (performance.now() - start) / 1000;
    clearInterval(rssTimer);
    sampleRss();
    const loadAfter = loadavg();

    const after = await (await fetch(`${base}/api/stats`)).json() as { documents: number };
    const endpoints: Record<string, unknown> = {};
    let requests = 0;
    let errors = 0;
    for (const [name, s] of stats) {
      const sorted = [...s.latencies].sort((a, b) => a - b);
      requests += sorted.length;
      errors += name === 'deliberate 4xx' ? 0 : s.errors;
      endpoints[name] = {
        requests: sorted.length, rps: round(sorted.length / elapsed, 2), errors: s.errors, statuses: s.statuses, staleAnswers: s.stale,
        p50Ms: round(quantile(sorted, 0.5), 2), p99Ms: round(quantile(sorted, 0.99), 2), maxMs: round(sorted.at(-1) ?? NaN, 2),
      };
    }
    const xs = rss.map((r) => r.t / 60);
    const ys = rss.map((r) => r.mb);
    const warm = rss.filter((r) => r.t >= 60);
    return {
      bench: 'soak',
      machine: { cores: cpus().length, cpu: cpus()[0]?.model, memGiB: round(totalmem() / 2 ** 30, 0), node: process.version },
      loadAverage: { before: loadBefore.map((x) => round(x, 2)), after: loadAfter.map((x) => round(x, 2)) },
      config: { seconds, readsPerSecond: readRate, writesPerSecond: writeRate, documentsPerWrite: 5, serverRateLimit: rateLimit, refreshIntervalSeconds: refresh ?? 'default (5)' },
      corpus: { buildSeconds: round(buildSeconds), documentsAtStart: startDocs, documentsAtEnd: after.documents, storedBySoak: written, narratives: narratives.length },
      seconds: round(elapsed), requests, throughputRps: round(requests / elapsed, 2), errors, dropped,
      deliberate: { asExpected: deliberateOk, unexpected: deliberateWrong },
      errorSamples,
      endpoints,
      rss: {
        samples: rss.length, everySeconds: 10, firstMB: round(ys[0]), lastMB: round(ys.at(-1)!), maxMB: round(Math.max(...ys)),
        slopeMBPerMin: round(slope(xs, ys), 3),
        slopeAfterFirstMinuteMBPerMin: round(slope(warm.map((r) => r.t / 60), warm.map((r) => r.mb)), 3),
        minuteMeansMB: minuteMeans(rss),
        series: rss.map((r) => [round(r.t, 0), round(r.mb)]),
      },
    };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGINT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const summary = await run();
  console.log(JSON.stringify(summary, null, 2));
  process.exit(summary.errors === 0 && summary.dropped === 0 ? 0 : 1);
}
