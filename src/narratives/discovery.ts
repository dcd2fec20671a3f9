/**
 * Narrative discovery: groups claims that match no known narrative into candidate narratives.
 *
 * 1. Boilerplate removal: short lines repeated across many claims (channel signatures, "subscribe" links) are dropped.
 * 2. Near-duplicates: MinHash over word 3-shingles of the normalised text (normalizeForMatch), LSH banding, union-find
 *    verified by the estimated Jaccard similarity. Each group is clustered once, through its earliest claim.
 * 3. Term clustering: TF-IDF over stems (top terms per claim), single-pass leader clustering in time order with an
 *    inverted index from terms to clusters (bounded candidate lists, so O(n · terms · candidates), never O(n²)),
 *    then one k-means style reassignment pass against the final centroids that also absorbs singletons.
 * 4. Each cluster gets distinctive terms per language, its most central claim, size, growth (last 7 days vs the
 *    7 before), first/last seen, languages and actors.
 */
import type { NarrativeClassifier } from './classifier.ts';
import { round } from './classifier.ts';
import { prepareTokens } from './cues.ts';
import { fnv1a } from './features.ts';
import { normalizeForMatch } from '../text/normalize.ts';

export interface DiscoveryClaim { id: string; text: string; lang: string; at: string; actorId?: string }

export interface DiscoveryOptions {
  /** Claims on which this classifier finds a narrative (score ≥ knownScore) are left out as "known". */
  classifier?: NarrativeClassifier;
  knownScore?: number;
  /** Cosine similarity to join a cluster in the first pass. Default 0.3. */
  similarity?: number;
  /** Cosine similarity for the reassignment pass (absorbs singletons). Default 0.2. */
  reassignSimilarity?: number;
  /** Estimated Jaccard of word 3-shingles for near-duplicates. Default 0.5. */
  nearDuplicate?: number;
  /** Terms kept per claim vector. Default 12. */
  claimTerms?: number;
  /** Clusters smaller than this are dissolved into outliers. Default 2. */
  minClusterSize?: number;
  /** Candidate clusters checked per claim. Default 30. */
  candidates?: number;
  /** Reference time for growth (ISO); default the latest claim. */
  now?: string;
  /** Distinctive terms per language in a cluster label. Default 6. */
  labelTerms?: number;
  /** Claim ids listed per cluster (the size is always complete). Default 100. */
  maxClaimIds?: number;
  /** Remove lines of at most this many characters that repeat in at least `boilerplateMin` claims. */
  boilerplateMaxChars?: number;
  boilerplateMin?: number;
  /** Return the claim → cluster map (large for big inputs). Default false. */
  assignment?: boolean;
}

export interface NarrativeCluster {
  id: string;
  size: number;
  /** distinctive terms per language (surface forms) */
  labels: Record<string, string[]>;
  central: { id: string; text: string };
  firstSeen: string;
  lastSeen: string;
  growth: { last7: number; prev7: number; ratio: number };
  langs: Record<string, number>;
  actors: number;
  nearDuplicates: number;
  claimIds: string[];
}

export interface DiscoveryResult {
  clusters: NarrativeCluster[];
  stats: {
    claims: number;
    known: number;
    candidates: number;
    empty: number;
    clustered: number;
    outliers: number;
    /** outliers / candidates */
    outlierShare: number;
    nearDuplicateGroups: number;
    seconds: number;
  };
  /** claim id → cluster id for claims in clusters (outliers and known claims absent); only with `assignment: true` */
  assignment?: Record<string, string>;
}

const STOP = new Set(`
the a an of to in and or is are was were be been it its that this these those on for with as by at from has have had not
but he she they we you i his her their our your will would can could should may might do does did so than then there here
what which who whom when where why how all any some no more most other into over after before about also just only said says
и в во на с со не что это как по к из за о об от для а но же ли бы то так там тут уже еще ещё его ее её их он она они мы вы
я ты был была были быть будет будут есть этот эта эти того этого тем том при до после под над без через или если чтобы
также только может можно нужно очень всё все всех весь вся свой своей свои который которая которые которых
і й у та що це як до з із від для але на його її їх він вона вони ми ви я ти був була були бути буде є цей ця ці той
також тільки може можна дуже все всі свій своєї свої який яка які яких
подписаться подписывайтесь подпишись подписка канал прислать новость http https www com ru
`.split(/\s+/).filter(Boolean));

const URL_RE = /(?:https?:\/\/|www\.|t\.me\/)\S+/gi;
const MD_LINK = /\[([^\]]*)\]\([^)]*\)/g;

function cleanText(text: string): string {
  return text.replace(MD_LINK, '$1').replace(URL_RE, ' ').replace(/[*_`~]+/g, ' ');
}

class UnionFind {
  p: Int32Array;
  constructor(n: number) { this.p = new Int32Array(n); for (let i = 0; i < n; i++) this.p[i] = i; }
  find(x: number): number { while (this.p[x] !== x) { this.p[x] = this.p[this.p[x]]; x = this.p[x]; } return x; }
  union(a: number, b: number): void { const ra = this.find(a), rb = this.find(b); if (ra !== rb) this.p[Math.max(ra, rb)] = Math.min(ra, rb); }
}

const H = 32, BANDS = 8, ROWS = 4;
const SEEDS = Array.from({ length: H }, (_, i) => fnv1a(`minhash-seed-${i}`));

function minhash(shingles: number[], out: Uint32Array, off: number): void {
  for (let i = 0; i < H; i++) out[off + i] = 0xffffffff;
  for (const s of shingles) {
    for (let i = 0; i < H; i++) {
      let h = Math.imul(s ^ SEEDS[i], 0x9e3779b1);
      h ^= h >>> 15; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13;
      h >>>= 0;
      if (h < out[off + i]) out[off + i] = h;
    }
  }
}

interface Vec { terms: Int32Array; w: Float32Array }

export function discoverNarratives(claimsIn: DiscoveryClaim[], opts: DiscoveryOptions = {}): DiscoveryResult {
  const t0 = performance.now();
  const knownScore = opts.knownScore ?? 0.5;
  const tau = opts.similarity ?? 0.3;
  const tau2 = opts.reassignSimilarity ?? 0.2;
  const nearDup = opts.nearDuplicate ?? 0.5;
  const claimTerms = opts.claimTerms ?? 12;
  const minSize = opts.minClusterSize ?? 2;
  const maxCand = opts.candidates ?? 30;
  const labelTerms = opts.labelTerms ?? 6;
  const maxIds = opts.maxClaimIds ?? 100;
  const bpMax = opts.boilerplateMaxChars ?? 160;

  // 0. known narratives out
  let known = 0;
  const claims = claimsIn.filter((c) => {
    if (!opts.classifier) return true;
    const hits = opts.classifier.classify({ text: c.text, lang: c.lang });
    if (hits.some((h) => h.score >= knownScore)) { known++; return false; }
    return true;
  });
  // time order (stable) for the streaming pass
  const order = claims.map((_, i) => i).sort((a, b) => (claims[a].at < claims[b].at ? -1 : claims[a].at > claims[b].at ? 1 : a - b));
  const n = claims.length;

  // 1. boilerplate lines
  const lineCount = new Map<number, number>();
  const linesOf = claims.map((c) => cleanText(c.text).split(/\n+/).map((l) => l.trim()).filter(Boolean));
  for (const lines of linesOf) {
    const seen = new Set<number>();
    for (const l of lines) if (l.length <= bpMax) { const h = fnv1a(normalizeForMatch(l)); if (!seen.has(h)) { seen.add(h); lineCount.set(h, (lineCount.get(h) ?? 0) + 1); } }
  }
  const bpMin = opts.boilerplateMin ?? Math.max(5, Math.ceil(n * 0.002));
  // a claim made only of repeated lines is itself the repeated content (copy-paste campaigns): keep it whole
  const bodies = linesOf.map((lines) => {
    const kept = lines.filter((l) => l.length > bpMax || (lineCount.get(fnv1a(normalizeForMatch(l))) ?? 0) < bpMin);
    return (kept.length ? kept : lines).join('\n');
  });
  lineCount.clear();

  // 2. near-duplicates
  const sig = new Uint32Array(n * H);
  const uf = new UnionFind(n);
  const bands: Array<Map<string, number>> = Array.from({ length: BANDS }, () => new Map());
  const hasShingles = new Uint8Array(n);
  for (const i of order) {
    const words = normalizeForMatch(bodies[i]).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (!words.length) continue;
    const sh: number[] = [];
    if (words.length < 3) sh.push(fnv1a(words.join(' ')));
    else for (let k = 0; k + 3 <= words.length; k++) sh.push(fnv1a(`${words[k]} ${words[k + 1]} ${words[k + 2]}`));
    hasShingles[i] = 1;
    minhash(sh, sig, i * H);
    for (let b = 0; b < BANDS; b++) {
      let key = '';
      for (let r = 0; r < ROWS; r++) key += sig[i * H + b * ROWS + r].toString(36) + ',';
      const rep = bands[b].get(key);
      if (rep === undefined) { bands[b].set(key, i); continue; }
      if (uf.find(rep) === uf.find(i)) continue;
      let same = 0;
      for (let k = 0; k < H; k++) if (sig[i * H + k] === sig[rep * H + k]) same++;
      if (same / H >= nearDup) uf.union(rep, i);
    }
  }
  bands.length = 0;
  const groupSize = new Int32Array(n);
  for (let i = 0; i < n; i++) if (hasShingles[i]) groupSize[uf.find(i)]++;
  // the earliest claim of each group represents it
  const earliest = new Map<number, number>();
  for (const i of order) if (hasShingles[i]) { const r = uf.find(i); if (!earliest.has(r)) earliest.set(r, i); }
  const repOf = (i: number) => earliest.get(uf.find(i))!;
  const repList = [...earliest.values()];
  const nearDuplicateGroups = [...earliest.keys()].filter((r) => groupSize[r] > 1).length;

  // 3. term vectors of representatives
  const termId = new Map<string, number>();
  const surface: Array<Map<string, number>> = [];
  const df: number[] = [];
  const repTerms = new Map<number, Map<number, number>>();
  for (const i of repList) {
    const c = claims[i];
    const tf = new Map<number, number>();
    for (const t of prepareTokens(bodies[i], c.lang)) {
      if (t.lower.length < 3 || STOP.has(t.lower) || STOP.has(t.stem) || !/\p{L}/u.test(t.lower)) continue;
      let id = termId.get(t.stem);
      if (id === undefined) { id = df.length; termId.set(t.stem, id); df.push(0); surface.push(new Map()); }
      tf.set(id, (tf.get(id) ?? 0) + 1);
      const sf = surface[id];
      if (sf.size < 6 || sf.has(t.lower)) sf.set(t.lower, (sf.get(t.lower) ?? 0) + 1);
    }
    for (const id of tf.keys()) df[id]++;
    repTerms.set(i, tf);
  }
  const R = repList.length;
  const idf = df.map((d) => Math.log((R + 1) / (d + 1)) + 1);
  const maxDf = Math.max(20, R * 0.15);
  const vecs = new Map<number, Vec>();
  const rawTerms = new Map<number, Int32Array>();
  const rawTop = (i: number) => rawTerms.get(i) ?? new Int32Array(0);
  for (const i of repList) {
    const tf = repTerms.get(i)!;
    if ((groupSize[uf.find(i)] || 1) >= minSize) {
      rawTerms.set(i, Int32Array.from([...tf].sort((a, b) => b[1] * idf[b[0]] - a[1] * idf[a[0]]).slice(0, claimTerms).map((x) => x[0])));
    }
    const items: Array<[number, number]> = [];
    for (const [id, c] of tf) if (df[id] >= 2 && df[id] <= maxDf) items.push([id, (1 + Math.log(c)) * idf[id]]);
    items.sort((a, b) => b[1] - a[1]);
    const top = items.slice(0, claimTerms);
    const norm = Math.sqrt(top.reduce((s, [, w]) => s + w * w, 0)) || 1;
    vecs.set(i, { terms: Int32Array.from(top.map((x) => x[0])), w: Float32Array.from(top.map((x) => x[1] / norm)) });
  }
  repTerms.clear();

  // leader clustering with an inverted index (term → recent clusters)
  interface Cluster { sum: Map<number, number>; norm2: number; members: number[]; indexed: Set<number> }
  const clusters: Cluster[] = [];
  const postings = new Map<number, number[]>();
  const POSTING_CAP = 150;
  const index = (ci: number, terms: Int32Array) => {
    const c = clusters[ci];
    for (const t of terms) {
      if (c.indexed.has(t)) continue;
      c.indexed.add(t);
      let p = postings.get(t);
      if (!p) { p = []; postings.set(t, p); }
      p.push(ci);
      // keep the most recent clusters per term (news streams move on); compact in batches
      if (p.length > POSTING_CAP * 2) postings.set(t, p.slice(-POSTING_CAP));
    }
  };
  const addTo = (c: Cluster, v: Vec, weight: number) => {
    for (let k = 0; k < v.terms.length; k++) {
      const t = v.terms[k];
      const old = c.sum.get(t) ?? 0;
      const nw = old + v.w[k] * weight;
      c.norm2 += nw * nw - old * old;
      c.sum.set(t, nw);
    }
  };
  const cosine = (c: Cluster, v: Vec) => {
    let dot = 0;
    for (let k = 0; k < v.terms.length; k++) dot += (c.sum.get(v.terms[k]) ?? 0) * v.w[k];
    return c.norm2 > 0 ? dot / Math.sqrt(c.norm2) : 0;
  };
  const acc = new Float64Array(repList.length + 1);
  const touched: number[] = [];
  const best = (v: Vec, exclude = -1): [number, number] => {
    touched.length = 0;
    for (let k = 0; k < v.terms.length; k++) {
      const p = postings.get(v.terms[k]);
      if (!p) continue;
      const from = Math.max(0, p.length - POSTING_CAP);
      for (let q = from; q < p.length; q++) {
        const ci = p[q];
        if (ci === exclude) continue;
        if (acc[ci] === 0) touched.push(ci);
        acc[ci] += v.w[k];
      }
    }
    let cand = touched;
    if (cand.length > maxCand) cand = touched.slice().sort((a, b) => acc[b] - acc[a]).slice(0, maxCand);
    let bi = -1, bs = 0;
    for (const ci of cand) { const s = cosine(clusters[ci], v); if (s > bs) { bs = s; bi = ci; } }
    for (const ci of touched) acc[ci] = 0;
    return [bi, bs];
  };
  const assign = new Map<number, number>();
  for (const i of repList) {
    const v = vecs.get(i)!;
    if (!v.terms.length) {
      // no shared terms, but a group of near-duplicates is a cluster of its own
      if ((groupSize[uf.find(i)] || 1) >= minSize) {
        clusters.push({ sum: new Map(), norm2: 0, members: [i], indexed: new Set() });
        assign.set(i, clusters.length - 1);
      }
      continue;
    }
    const w = Math.sqrt(groupSize[uf.find(i)] || 1);
    const [bi, bs] = best(v);
    if (bi >= 0 && bs >= tau) {
      addTo(clusters[bi], v, w);
      clusters[bi].members.push(i);
      index(bi, v.terms);
      assign.set(i, bi);
    } else {
      const c: Cluster = { sum: new Map(), norm2: 0, members: [i], indexed: new Set() };
      addTo(c, v, w);
      clusters.push(c);
      index(clusters.length - 1, v.terms);
      assign.set(i, clusters.length - 1);
    }
  }
  // reassignment pass against final centroids (members of singletons may join a real cluster)
  const sizeOf = clusters.map((c) => c.members.reduce((s, m) => s + (groupSize[uf.find(m)] || 1), 0));
  const final = new Map<number, number>();
  for (const i of repList) {
    const v = vecs.get(i)!;
    const own = assign.get(i);
    if (own === undefined) continue;
    if (!v.terms.length) { final.set(i, own); continue; }
    const ownSim = cosine(clusters[own], v);
    if (sizeOf[own] >= minSize && ownSim >= tau2) { final.set(i, own); continue; }
    const [bi, bs] = best(v, own);
    if (bi >= 0 && bs >= tau2 && sizeOf[bi] >= minSize && bs > ownSim) final.set(i, bi);
    else final.set(i, own);
  }

  // 4. cluster descriptions
  const members = new Map<number, number[]>();
  for (const i of order) {
    if (!hasShingles[i]) continue;
    const r = repOf(i);
    const ci = final.get(r);
    if (ci === undefined) continue;
    const m = members.get(ci);
    if (m) m.push(i); else members.set(ci, [i]);
  }
  const times = claims.map((c) => Date.parse(c.at));
  const now = opts.now ? Date.parse(opts.now) : Math.max(...times.filter((x) => Number.isFinite(x)), 0);
  const DAY = 86_400_000;
  const out: NarrativeCluster[] = [];
  const assignment: Record<string, string> = {};
  let clustered = 0;
  for (const [ci, ms] of members) {
    if (ms.length < minSize) continue;
    const c = clusters[ci];
    const repsIn = [...new Set(ms.map(repOf))];
    // central: the representative closest to the centroid
    let central = repsIn[0], cs = -1;
    for (const r of repsIn) { const s = cosine(c, vecs.get(r)!); if (s > cs) { cs = s; central = r; } }
    if (c.norm2 === 0) central = repsIn.sort((x, y) => (groupSize[uf.find(y)] || 1) - (groupSize[uf.find(x)] || 1))[0];
    // distinctive terms per language: document frequency in the cluster × idf
    const perLang = new Map<string, Map<number, number>>();
    for (const r of repsIn) {
      const lang = claims[r].lang || 'und';
      let m = perLang.get(lang);
      if (!m) { m = new Map(); perLang.set(lang, m); }
      const terms = vecs.get(r)!.terms.length ? vecs.get(r)!.terms : rawTop(r);
      for (const t of terms) m.set(t, (m.get(t) ?? 0) + (groupSize[uf.find(r)] || 1));
    }
    const labels: Record<string, string[]> = {};
    for (const [lang, m] of perLang) {
      labels[lang] = [...m].map(([t, k]) => [t, k * idf[t]] as [number, number]).sort((a, b) => b[1] - a[1]).slice(0, labelTerms)
        .map(([t]) => [...surface[t]].sort((a, b) => b[1] - a[1])[0]?.[0] ?? String(t));
    }
    const ts = ms.map((i) => times[i]).filter((x) => Number.isFinite(x));
    const last7 = ts.filter((x) => x > now - 7 * DAY && x <= now).length;
    const prev7 = ts.filter((x) => x > now - 14 * DAY && x <= now - 7 * DAY).length;
    const langs: Record<string, number> = {};
    const actors = new Set<string>();
    for (const i of ms) { langs[claims[i].lang] = (langs[claims[i].lang] ?? 0) + 1; if (claims[i].actorId) actors.add(claims[i].actorId!); }
    const id = `disc-${fnv1a(claims[ms[0]].id).toString(36)}`;
    if (opts.assignment) for (const i of ms) assignment[claims[i].id] = id;
    clustered += ms.length;
    out.push({
      id, size: ms.length, labels,
      central: { id: claims[central].id, text: claims[central].text.slice(0, 500) },
      firstSeen: new Date(Math.min(...ts)).toISOString(), lastSeen: new Date(Math.max(...ts)).toISOString(),
      growth: { last7, prev7, ratio: round((last7 + 1) / (prev7 + 1), 3) },
      langs, actors: actors.size, nearDuplicates: ms.length - repsIn.length,
      claimIds: ms.slice(0, maxIds).map((i) => claims[i].id),
    });
  }
  out.sort((a, b) => b.size - a.size || a.id.localeCompare(b.id));
  const empty = n - hasShingles.reduce((s, x) => s + x, 0);
  const candidates = n - empty;
  return {
    clusters: out,
    stats: {
      claims: claimsIn.length, known, candidates, empty, clustered, outliers: candidates - clustered,
      outlierShare: candidates ? round((candidates - clustered) / candidates) : 0,
      nearDuplicateGroups, seconds: round((performance.now() - t0) / 1000, 2),
    },
    ...(opts.assignment ? { assignment } : {}),
  };
}
