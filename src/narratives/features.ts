/**
 * Hashed text features for the trained classifier and the example-based one: word stems, stem bigrams,
 * character n-grams of words (help across inflection, transliteration and languages) and cue hits.
 */
import type { WordToken } from './cues.ts';

export interface FeatureConfig {
  /** log2 of the hash space. */
  hashBits: number;
  /** stem n-grams up to this length (1 or 2). */
  wordNgrams: number;
  /** character n-gram lengths [min, max] inside words, or null for none. */
  charNgrams: [number, number] | null;
  /** relative weight of each feature group after per-group L2 normalisation (`concept`: the multilingual concept
   *  lexicon of concepts.ts; absent in models trained before it, which then use no concept features) */
  groupWeights: { word: number; char: number; cue: number; concept?: number };
}

export const DEFAULT_FEATURES: FeatureConfig = {
  hashBits: 22,
  wordNgrams: 2,
  charNgrams: [3, 5],
  groupWeights: { word: 1, char: 1, cue: 0.5, concept: 1 },
};

export const GROUP_WORD = 0;
export const GROUP_CHAR = 1;
export const GROUP_CUE = 2;
export const GROUP_CONCEPT = 3;

/** Weights of the feature groups by group number. */
export function groupWeightList(cfg: FeatureConfig): number[] {
  return [cfg.groupWeights.word, cfg.groupWeights.char, cfg.groupWeights.cue, cfg.groupWeights.concept ?? 0];
}

/** FNV-1a over a string, 32 bits. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** A feature id carries its group in the top 2 bits so normalisation per group stays possible after hashing. */
export function featureId(group: number, key: string, bits: number): number {
  const mask = (1 << bits) - 1;
  return ((group << bits) | (fnv1a(key) & mask)) >>> 0;
}

export function groupOf(id: number, bits: number): number {
  return id >>> bits;
}

const LETTER = /\p{L}/u;

/** Feature ids of the character n-grams of one word (padded with < and >), hashed incrementally (no slicing). */
export function charGramIds(word: string, cfg: FeatureConfig): number[] {
  if (!cfg.charNgrams) return [];
  const [lo, hi] = cfg.charNgrams;
  const bits = cfg.hashBits;
  const mask = (1 << bits) - 1;
  const top = (GROUP_CHAR << bits) >>> 0;
  const L = word.length + 2;
  const code = (k: number) => (k === 0 ? 60 : k === L - 1 ? 62 : word.charCodeAt(k - 1));
  const out: number[] = [];
  for (let k = 0; k < L; k++) {
    let h = 0x811c9dc5;
    for (let n = 1; n <= hi && k + n <= L; n++) {
      h ^= code(k + n - 1);
      h = Math.imul(h, 16777619);
      if (n >= lo) out.push((top | ((h >>> 0) & mask)) >>> 0);
    }
  }
  return out;
}

/** Feature id of a stem (word unigram) or a stem bigram ("a b"). */
export function wordFeatureId(key: string, cfg: FeatureConfig): number {
  return featureId(GROUP_WORD, key, cfg.hashBits);
}

/** True for tokens that make word features (letters, or 2–4 digit numbers such as years). */
export function isFeatureToken(stem: string): boolean {
  return LETTER.test(stem) || /^\d{2,4}$/.test(stem);
}

/** Raw term counts of one text: feature id → count. */
export function countFeatures(tokens: WordToken[], cfg: FeatureConfig, cueHits?: Array<{ id: string; score: number }>, concepts?: Map<string, number>): Map<number, number> {
  const bits = cfg.hashBits;
  const counts = new Map<number, number>();
  const add = (id: number, v: number) => counts.set(id, (counts.get(id) ?? 0) + v);
  const wordTf = new Map<string, number>();
  let prev: string | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const s = t.stem;
    if (t.breakBefore) prev = null;
    if (!isFeatureToken(s)) { prev = null; continue; }
    add(featureId(GROUP_WORD, s, bits), 1);
    if (cfg.wordNgrams >= 2 && prev !== null) add(featureId(GROUP_WORD, prev + ' ' + s, bits), 1);
    prev = s;
    if (cfg.charNgrams && t.lower.length >= 2) wordTf.set(t.lower, (wordTf.get(t.lower) ?? 0) + 1);
  }
  if (cfg.charNgrams) {
    for (const [w, tf] of wordTf) for (const id of charGramIds(w, cfg)) add(id, tf);
  }
  if (cueHits) for (const h of cueHits) add(featureId(GROUP_CUE, h.id, bits), h.score);
  if (concepts) for (const [id, n] of concepts) add(featureId(GROUP_CONCEPT, id, bits), n);
  return counts;
}

/** A sparse vector over a model's vocabulary. */
export interface SparseVec { idx: Int32Array; val: Float32Array }

/**
 * TF-IDF vector over a vocabulary: sublinear tf × idf, L2-normalised per feature group, scaled by group weights and
 * normalised again as a whole.
 */
export function vectorize(counts: Map<number, number>, vocab: Map<number, number>, idf: Float32Array, cfg: FeatureConfig): SparseVec {
  const bits = cfg.hashBits;
  const gw = groupWeightList(cfg);
  const ids: number[] = [];
  const vals: number[] = [];
  const groups: number[] = [];
  const norms = [0, 0, 0, 0];
  for (const [f, c] of counts) {
    const j = vocab.get(f);
    if (j === undefined) continue;
    const g = groupOf(f, bits);
    const v = (1 + Math.log(c)) * idf[j];
    ids.push(j); vals.push(v); groups.push(g);
    norms[g] += v * v;
  }
  let total = 0;
  for (let k = 0; k < vals.length; k++) {
    const g = groups[k];
    vals[k] = norms[g] > 0 ? (vals[k] / Math.sqrt(norms[g])) * gw[g] : 0;
    total += vals[k] * vals[k];
  }
  const scale = total > 0 ? 1 / Math.sqrt(total) : 0;
  const idx = Int32Array.from(ids);
  const val = new Float32Array(vals.length);
  for (let k = 0; k < vals.length; k++) val[k] = vals[k] * scale;
  return { idx, val };
}
