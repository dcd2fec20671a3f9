/**
 * Near-duplicate text detection: MinHash signatures over word 3-shingles + LSH banding.
 *
 * Normalisation (works for ru/uk/en): NFKC, lower-case, ё→е, URLs and @handles removed, everything that is not a
 * letter or digit (punctuation, emoji, symbols, zero-width characters) becomes a space, whitespace collapsed.
 * Shingles are word 3-grams; a text with fewer than 3 words is a single shingle of all its words.
 * Similarity is the MinHash estimate of the Jaccard index of the shingle sets (128 hash functions by default;
 * standard error ≈ sqrt(J(1-J)/128), ±0.035 at J = 0.8).
 */
import { Interner, UnionFind } from './util.ts';

import { stripInvisible } from '../text/normalize.ts';

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/g;
const HANDLE_RE = /(^|\s)@[\p{L}\p{N}_]+/gu;
const NEEDS_NFKC = /[^\u0000-\u007f\u0400-\u04ff]/;
const WORD_CHAR = /^[\p{L}\p{N}]$/u;
const wordCharCache = new Map<number, boolean>();

function isWordCode(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  if (cp >= 0x0400 && cp <= 0x0481) return true; // Cyrillic letters (0x0482-0x0489 are signs and combining marks)
  if (cp >= 0x048a && cp <= 0x04ff) return true;
  let v = wordCharCache.get(cp);
  if (v === undefined) {
    v = WORD_CHAR.test(String.fromCodePoint(cp));
    if (wordCharCache.size < 100_000) wordCharCache.set(cp, v);
  }
  return v;
}

/**
 * Canonical text for shingling: NFKC (only when the text has characters outside ASCII/Cyrillic), lower case,
 * ё→е, URLs and @handles removed, every run of non-letter/non-digit characters (punctuation, emoji, symbols,
 * invisible characters) replaced by one space, trimmed. Same folding as text/normalize.ts, done in one pass
 * because a Unicode-class regex over 10^5 posts costs seconds.
 */
export function normalizeForShingles(text: string): string {
  let s = NEEDS_NFKC.test(text) ? stripInvisible(text).normalize('NFKC') : text;
  s = s.toLowerCase();
  if (s.includes('http') || s.includes('www.')) s = s.replace(URL_RE, ' ');
  if (s.includes('@')) s = s.replace(HANDLE_RE, '$1 ');
  const words: string[] = [];
  let start = -1;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let cp = s.charCodeAt(i);
    let width = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) { cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000; width = 2; }
    }
    if (isWordCode(cp)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push(s.slice(start, i));
      start = -1;
    }
    i += width - 1;
  }
  if (start >= 0) words.push(s.slice(start));
  const out = words.join(' ');
  return out.includes('ё') ? out.replace(/ё/g, 'е') : out;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3 32-bit finaliser: a bijection on uint32 with good avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit hashes of the word 3-shingles of a normalised text (distinct values). */
export function shingleHashes(normalized: string, n = 3): Uint32Array {
  if (!normalized) return new Uint32Array(0);
  const words = normalized.split(' ');
  const wh = words.map(fnv1a);
  if (wh.length < n) {
    let h = 0x9747b28c;
    for (const w of wh) h = fmix32((h ^ w) + 0x9e3779b9);
    return Uint32Array.of(h);
  }
  const out = new Uint32Array(wh.length - n + 1);
  for (let i = 0; i + n <= wh.length; i++) {
    let h = 0x9747b28c;
    for (let k = 0; k < n; k++) h = fmix32(Math.imul(h ^ wh[i + k], 0xcc9e2d51) + k);
    out[i] = h;
  }
  return out;
}

function makeSeeds(k: number, seed: number): Uint32Array {
  const s = new Uint32Array(k);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < k; i++) {
    x = fmix32(x + 0x9e3779b9 + i);
    s[i] = x;
  }
  return s;
}

/** MinHash signature (k values) of a set of shingle hashes, written into `out` at `offset`. */
export function minhashSignature(shingles: Uint32Array, seeds: Uint32Array, out?: Uint32Array, offset = 0): Uint32Array {
  const k = seeds.length;
  const sig = out ?? new Uint32Array(k);
  for (let i = 0; i < k; i++) sig[offset + i] = 0xffffffff;
  for (let s = 0; s < shingles.length; s++) {
    const x = shingles[s];
    for (let i = 0; i < k; i++) {
      // x is already a well-mixed 32-bit hash: one xor-multiply-xorshift round per function is enough.
      let v = Math.imul(x ^ seeds[i], 0x9e3779b1);
      v = (v ^ (v >>> 15)) >>> 0;
      if (v < sig[offset + i]) sig[offset + i] = v;
    }
  }
  return sig;
}

export interface NearDupPost {
  id: string;
  accountId: string;
  /** ISO string, Date or epoch milliseconds. */
  at: string | Date | number;
  text: string;
  lang?: string;
}

export interface NearDupOptions {
  /** Maximum |Δt| in seconds between the two posts of a pair (default: unlimited). */
  timeWindowSec?: number;
  /** Minimum estimated Jaccard similarity (default 0.8). */
  threshold?: number;
  /** Pairs only between different accounts (default true). */
  differentAccounts?: boolean;
  /** Number of MinHash functions (default 128). */
  numHashes?: number;
  seed?: number;
  /** Texts with fewer normalised words are ignored (default 3). */
  minWords?: number;
}

export interface NearDupEdge {
  a: string;
  b: string;
  accountA: string;
  accountB: string;
  similarity: number;
  /** Seconds between the posts (b later than or equal to a). */
  deltaSec: number;
}

export interface NearDupGroup {
  id: number;
  posts: string[];
  accounts: string[];
  size: number;
  start: string;
  end: string;
}

export interface NearDupResult {
  edges: NearDupEdge[];
  groups: NearDupGroup[];
  stats: { posts: number; indexed: number; candidates: number; bands: number; rows: number };
}

/** Picks (bands, rows) with bands*rows <= k so that a pair at the threshold is found with probability >= 0.97. */
export function chooseBands(k: number, threshold: number): { bands: number; rows: number } {
  let best = { bands: k, rows: 1 };
  for (let r = 1; r <= 32; r++) {
    const b = Math.floor(k / r);
    if (b < 1) break;
    const pFind = 1 - Math.pow(1 - Math.pow(threshold, r), b);
    if (pFind >= 0.97) best = { bands: b, rows: r };
  }
  return best;
}

function toMs(t: string | Date | number): number {
  return typeof t === 'number' ? t : t instanceof Date ? t.getTime() : Date.parse(t);
}

/**
 * Groups of near-identical posts: pairs (by different accounts, within `timeWindowSec`) whose estimated Jaccard
 * similarity of word 3-shingles is >= `threshold` become edges carrying both post ids; groups are the connected
 * components (union-find). Candidates come from LSH buckets, each bucket scanned in time order with a two-pointer
 * window, so only pairs inside the window are ever compared.
 */
export function nearDuplicateGroups(posts: NearDupPost[], opts: NearDupOptions = {}): NearDupResult {
  const threshold = opts.threshold ?? 0.8;
  const windowMs = (opts.timeWindowSec ?? Infinity) * 1000;
  const different = opts.differentAccounts ?? true;
  const k = opts.numHashes ?? 128;
  const minWords = opts.minWords ?? 3;
  const seeds = makeSeeds(k, opts.seed ?? 42);
  const { bands, rows } = chooseBands(k, threshold);

  const n = posts.length;
  const ai = new Interner();
  const acc = new Int32Array(n);
  const time = new Float64Array(n);
  const indexed: number[] = [];
  const sigs = new Uint32Array(n * k);
  for (let i = 0; i < n; i++) {
    const p = posts[i];
    acc[i] = ai.id(p.accountId);
    time[i] = toMs(p.at);
    if (!Number.isFinite(time[i])) continue;
    const norm = normalizeForShingles(p.text ?? '');
    if (!norm) continue;
    let words = 1;
    for (let c = 0; c < norm.length; c++) if (norm.charCodeAt(c) === 32) words++;
    if (words < minWords) continue;
    minhashSignature(shingleHashes(norm), seeds, sigs, i * k);
    indexed.push(i);
  }

  const m = indexed.length;
  const seen = new Set<number>();
  const edgesA: number[] = [];
  const edgesB: number[] = [];
  const sims: number[] = [];
  let candidates = 0;
  const keys = new Float64Array(m);
  const order = new Int32Array(m);
  for (let band = 0; band < bands; band++) {
    const off = band * rows;
    for (let q = 0; q < m; q++) {
      const base = indexed[q] * k + off;
      let h1 = 0x12345678 ^ band;
      let h2 = 0x6a09e667 ^ band;
      for (let r = 0; r < rows; r++) {
        const v = sigs[base + r];
        h1 = fmix32(Math.imul(h1 ^ v, 0x01000193) + r);
        h2 = fmix32((h2 + v) ^ 0x5bd1e995);
      }
      keys[q] = h1 * 1048576 + (h2 & 0xfffff);
      order[q] = q;
    }
    order.sort((x, y) => keys[x] - keys[y] || time[indexed[x]] - time[indexed[y]]);
    let s = 0;
    while (s < m) {
      let e = s + 1;
      while (e < m && keys[order[e]] === keys[order[s]]) e++;
      if (e - s >= 2) {
        // bucket order[s..e) is time-sorted; two-pointer over the window.
        let lo = s;
        for (let j = s + 1; j < e; j++) {
          const pj = indexed[order[j]];
          while (time[pj] - time[indexed[order[lo]]] > windowMs) lo++;
          for (let x = lo; x < j; x++) {
            const pi = indexed[order[x]];
            if (different && acc[pi] === acc[pj]) continue;
            const a = pi < pj ? pi : pj;
            const b = pi < pj ? pj : pi;
            const key = a * n + b;
            if (seen.has(key)) continue;
            seen.add(key);
            candidates++;
            let eq = 0;
            const ba = a * k;
            const bb = b * k;
            for (let h = 0; h < k; h++) if (sigs[ba + h] === sigs[bb + h]) eq++;
            const sim = eq / k;
            if (sim >= threshold) {
              const first = time[a] <= time[b] ? a : b;
              edgesA.push(first);
              edgesB.push(first === a ? b : a);
              sims.push(sim);
            }
          }
        }
      }
      s = e;
    }
  }

  const uf = new UnionFind(n);
  const edges: NearDupEdge[] = edgesA.map((a, i) => {
    const b = edgesB[i];
    uf.union(a, b);
    return {
      a: posts[a].id,
      b: posts[b].id,
      accountA: posts[a].accountId,
      accountB: posts[b].accountId,
      similarity: sims[i],
      deltaSec: (time[b] - time[a]) / 1000,
    };
  });
  const comp = new Map<number, number[]>();
  const inEdge = new Uint8Array(n);
  for (let i = 0; i < edgesA.length; i++) { inEdge[edgesA[i]] = 1; inEdge[edgesB[i]] = 1; }
  for (let i = 0; i < n; i++) {
    if (!inEdge[i]) continue;
    const r = uf.find(i);
    let l = comp.get(r);
    if (!l) { l = []; comp.set(r, l); }
    l.push(i);
  }
  const list = [...comp.values()].map((ids) => ids.sort((x, y) => time[x] - time[y] || x - y));
  list.sort((x, y) => y.length - x.length || time[x[0]] - time[y[0]]);
  const groups: NearDupGroup[] = list.map((ids, g) => ({
    id: g + 1,
    posts: ids.map((i) => posts[i].id),
    accounts: [...new Set(ids.map((i) => posts[i].accountId))].sort(),
    size: ids.length,
    start: new Date(time[ids[0]]).toISOString(),
    end: new Date(time[ids[ids.length - 1]]).toISOString(),
  }));
  return { edges, groups, stats: { posts: n, indexed: m, candidates, bands, rows } };
}
