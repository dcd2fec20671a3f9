/**
 * Analytics benchmarks (issue 5): coordination on 10^6 synthetic shares, surge detection on 1,000 series × 730 days,
 * near-duplicate detection on 10^5 posts. `run()` prints and returns the measurements; the data are synthetic and
 * seeded, so runs are comparable. Run alone with `npx tsx bench/analytics.bench.ts`.
 */
import { coordinationNetwork, detectGroups, generateCoordinatedNetwork, nearDuplicateGroups, type ShareColumns } from '../src/analytics/coordination.ts';
import { detectSurges } from '../src/analytics/surges.ts';
import { mulberry32 } from '../src/analytics/util.ts';

function poisson(rnd: () => number, lambda: number): number {
  if (lambda > 60) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd())));
  const L = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do { k++; p *= rnd(); } while (p > L);
  return k - 1;
}

/** 10^6 shares: organic retweets of Zipf-popular objects over a year, plus 50 coordinated groups of 20 accounts. */
export function syntheticShares(n = 1_000_000, seed = 1): ShareColumns {
  const rnd = mulberry32(seed);
  const nAccounts = 100_000;
  const nObjects = 150_000;
  const year = 365 * 86_400;
  const objTime = new Float64Array(nObjects);
  for (let o = 0; o < nObjects; o++) objTime[o] = 1_700_000_000 + Math.floor(rnd() * year);
  const objectId: string[] = new Array(n);
  const accountId: string[] = new Array(n);
  const contentId: string[] = new Array(n);
  const timestamp = new Float64Array(n);
  let i = 0;
  // coordinated: 50 groups × 20 accounts × 200 objects = 200,000 shares within 30 s of each other
  for (let g = 0; g < 50 && i < n; g++) {
    for (let k = 0; k < 200 && i < n; k++) {
      const o = Math.floor(rnd() * nObjects);
      for (let a = 0; a < 20 && i < n; a++, i++) {
        objectId[i] = `obj${o}`;
        accountId[i] = `coord${g}_${a}`;
        contentId[i] = `c${i}`;
        timestamp[i] = objTime[o] + 60 + Math.floor(rnd() * 30);
      }
    }
  }
  for (; i < n; i++) {
    const o = Math.min(nObjects - 1, Math.floor(Math.pow(rnd(), 2.5) * nObjects)); // skewed popularity
    objectId[i] = `obj${o}`;
    accountId[i] = `acc${Math.floor(Math.pow(rnd(), 1.5) * nAccounts)}`;
    contentId[i] = `c${i}`;
    timestamp[i] = objTime[o] + Math.floor(-Math.log(rnd() + 1e-12) * 6 * 3600);
  }
  return { objectId, accountId, contentId, timestamp };
}

function syntheticSeries(count = 1000, days = 730, seed = 2) {
  const rnd = mulberry32(seed);
  return Array.from({ length: count }, (_, s) => {
    const base = Math.exp(rnd() * 5 - 2);
    const total = Array.from({ length: days }, (_, i) => poisson(rnd, i % 7 >= 5 ? 600 : 1100));
    const counts = total.map((v) => poisson(rnd, (base * v) / 1000));
    if (s % 10 === 0) { const d = 100 + Math.floor(rnd() * 600); counts[d] += 20 + Math.floor(base * 10); counts[d + 1] += 10; }
    return { start: '2023-01-02', counts, total };
  });
}

function syntheticPosts(n = 100_000, seed = 3) {
  const rnd = mulberry32(seed);
  const vocab = Array.from({ length: 6000 }, (_, i) => `слово${i.toString(36)}`);
  const pick = () => vocab[Math.floor(Math.pow(rnd(), 1.3) * vocab.length)];
  const sentence = (len: number) => Array.from({ length: len }, pick).join(' ');
  const t0 = Date.parse('2024-10-01T00:00:00Z');
  const posts: { id: string; accountId: string; at: number; text: string }[] = [];
  const templates = Array.from({ length: 2000 }, () => ({ text: sentence(20 + Math.floor(rnd() * 25)), at: t0 + rnd() * 60 * 86_400_000 }));
  for (let i = 0; i < n; i++) {
    if (rnd() < 0.15) {
      const tpl = templates[Math.floor(rnd() * templates.length)];
      const words = tpl.text.split(' ');
      if (rnd() < 0.5) words[Math.floor(rnd() * words.length)] = pick(); // small edit
      posts.push({ id: `p${i}`, accountId: `a${Math.floor(rnd() * 5000)}`, at: tpl.at + rnd() * 1_800_000, text: `${words.join(' ')} https://t.me/x/${i} 🔥` });
    } else {
      posts.push({ id: `p${i}`, accountId: `a${Math.floor(rnd() * 5000)}`, at: t0 + rnd() * 60 * 86_400_000, text: sentence(15 + Math.floor(rnd() * 30)) });
    }
  }
  return posts;
}

const time = async <T>(f: () => T): Promise<[T, number]> => {
  const t0 = performance.now();
  const r = f();
  return [r, Math.round(performance.now() - t0)];
};

export async function run(): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};

  {
    const shares = syntheticShares();
    const [res, detectMs] = await time(() => detectGroups(shares, { timeWindow: 60, minParticipation: 2 }));
    const [graph, networkMs] = await time(() => generateCoordinatedNetwork(res, { edgeWeight: 0.5 }));
    const [, leanMs] = await time(() => coordinationNetwork(shares, { timeWindow: 60, minParticipation: 2, edgeWeight: 0.5, includeShares: false }));
    out.coordination = {
      shares: shares.objectId.length,
      detectGroupsMs: detectMs,
      networkMs,
      totalMs: detectMs + networkMs,
      totalWithoutSharesMs: leanMs,
      pairs: res.stats.pairs,
      edges: graph.stats.edges,
      edgesAboveThreshold: graph.stats.edgesAboveThreshold,
      accounts: graph.stats.accounts,
      groups: graph.stats.groups,
      largestGroup: graph.groups[0]?.size ?? 0,
    };
    console.log('coordination (10^6 shares)', out.coordination);
  }
  (globalThis as { gc?: () => void }).gc?.();

  const series = syntheticSeries();
  const [surgeCount, surgeMs] = await time(() => series.reduce((acc, s) => acc + detectSurges(s).surges.length, 0));
  out.surges = { series: series.length, days: 730, ms: surgeMs, surges: surgeCount };
  console.log('surges (1,000 × 730 days)', out.surges);

  const posts = syntheticPosts();
  const [nd, ndMs] = await time(() => nearDuplicateGroups(posts, { timeWindowSec: 3600, threshold: 0.8 }));
  out.nearDuplicates = { posts: posts.length, ms: ndMs, edges: nd.edges.length, groups: nd.groups.length, candidates: nd.stats.candidates, bands: nd.stats.bands, rows: nd.stats.rows };
  console.log('near-duplicates (10^5 posts)', out.nearDuplicates);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await run();
}
