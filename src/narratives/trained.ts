/**
 * Trained narrative classifier: hierarchical multi-label (coarse narratives, then their sub-narratives),
 * one-vs-rest logistic regression over hashed TF-IDF features (stems, stem bigrams, character n-grams, cue hits),
 * per-label thresholds calibrated on cross-validated (out-of-fold) scores, and a decision rule (thresholds or
 * top-1) chosen the same way. The model is a small JSON file.
 */
import { mulberry32 } from '../util/random.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import type { NarrativeHit } from '../model/attribution.ts';
import type { ClassifyInput, NarrativeClassifier, NarrativeEvidence } from './classifier.ts';
import { round } from './classifier.ts';
import { prepareTokens, type WordToken } from './cues.ts';
import { charGramIds, countFeatures, DEFAULT_FEATURES, featureId, fnv1a, GROUP_CONCEPT, GROUP_CUE, GROUP_WORD, groupWeightList, isFeatureToken, vectorize, type FeatureConfig, type SparseVec } from './features.ts';
import { conceptCounts } from './concepts.ts';
import { createLexicalClassifier, type LexicalClassifier } from './lexical.ts';
import { readLabelledData, type LabelledDoc } from './semeval.ts';
import { indexTaxonomy, loadTaxonomy, nodeByLabel, taxonomyStats, type Taxonomy, type TaxonomyNode } from './taxonomy.ts';

export const MODEL_FORMAT = 'narrascope-narrative-model';

export interface ModelLabel {
  id: string;
  label: string;
  /** 0 = coarse narrative, 1 = sub-narrative */
  level: 0 | 1;
  parent?: string;
  support: number;
  bias: number;
  threshold: number;
  /** base64: vocabulary positions, ascending, as LEB128 varint deltas */
  idx: string;
  /** base64: Int16 quantised weights, multiply by `scale` */
  w: string;
  scale: number;
}

export interface NarrativeModel {
  format: typeof MODEL_FORMAT;
  version: 1;
  taxonomy: string;
  createdAt: string;
  features: FeatureConfig;
  cueFeatures: boolean;
  /** hashed feature ids, ascending (position = vocabulary index), as base64 LEB128 varint deltas */
  vocab: string;
  /** base64 Uint16 idf per vocabulary index, × idfMax / 65535 */
  idf: string;
  idfMax: number;
  labels: ModelLabel[];
  decision: { mode: 'threshold' | 'top1'; atLeastOne: boolean };
  stats: {
    documents: number;
    vocabulary: number;
    unknownLabels: Record<string, number>;
    cv?: { folds: number; coarseF1: number; fineF1: number; mode: string };
    trainSeconds: number;
  };
}

export interface TrainOptions {
  taxonomy: Taxonomy | string;
  /** SemEval folder (or folder of them), a TSV file, or documents already read. */
  data: string | LabelledDoc[];
  features?: Partial<FeatureConfig>;
  /** Add the lexical classifier's hits as features (default: when the taxonomy has cues). */
  cueFeatures?: boolean;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Cross-validation folds for threshold calibration (0 = fixed 0.5 thresholds). Default 4. */
  folds?: number;
  /** Labels with fewer positive documents are not learnt. Default 2. */
  minSupport?: number;
  /** Features seen in fewer documents are dropped. Default 2 (1 below 60 documents). */
  minDf?: number;
  maxFeatures?: number;
  /** Non-zero weights kept per label in the saved model. Default 4000. */
  keepWeights?: number;
  seed?: number;
  /** Only documents in these languages. */
  langs?: string[];
  log?: (msg: string) => void;
}

// ---------------------------------------------------------------------------------------------------------------
// helpers


function shuffle<T>(a: T[], rnd: () => number): T[] {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Sorted non-negative integers as base64 of LEB128 varint deltas (weights lists are sorted by index). */
function encodeSorted(ids: number[]): string {
  const bytes: number[] = [];
  let prev = 0;
  for (const id of ids) {
    let d = id - prev;
    prev = id;
    while (d >= 0x80) { bytes.push((d & 0x7f) | 0x80); d >>>= 7; }
    bytes.push(d);
  }
  return Buffer.from(bytes).toString('base64');
}
function decodeSorted(s: string): Uint32Array {
  const b = Buffer.from(s, 'base64');
  const out: number[] = [];
  let prev = 0, cur = 0, shift = 0;
  for (const byte of b) {
    cur |= (byte & 0x7f) << shift;
    if (byte & 0x80) { shift += 7; continue; }
    prev += cur;
    out.push(prev);
    cur = 0; shift = 0;
  }
  return Uint32Array.from(out);
}

function b64(a: ArrayBufferView): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}
function fromB64<T>(s: string, ctor: { new(buf: ArrayBuffer): T }): T {
  const b = Buffer.from(s, 'base64');
  const copy = new ArrayBuffer(b.byteLength);
  new Uint8Array(copy).set(b);
  return new ctor(copy);
}

/** Per-document F1 of two label sets (both empty = 1). */
export function setF1(gold: Set<string>, pred: Set<string>): number {
  if (gold.size === 0 && pred.size === 0) return 1;
  let tp = 0;
  for (const p of pred) if (gold.has(p)) tp++;
  if (tp === 0) return 0;
  const p = tp / pred.size;
  const r = tp / gold.size;
  return (2 * p * r) / (p + r);
}

// ---------------------------------------------------------------------------------------------------------------
// gold labels

interface Gold { coarse: Set<string>; fine: Set<string> }

/** Maps a document's labels to taxonomy node ids (coarse and depth-1), counting labels the taxonomy lacks. */
export function goldNodes(t: Taxonomy, d: LabelledDoc, unknown?: Map<string, number>): Gold {
  const ix = indexTaxonomy(t);
  const coarse = new Set<string>();
  const fine = new Set<string>();
  for (const l of [...d.narratives, ...d.subnarratives, ...(d.labels ?? [])]) {
    if (l.trim().toLowerCase() === t.otherLabel.toLowerCase()) continue;
    const n = nodeByLabel(t, l);
    if (!n) { unknown?.set(l, (unknown.get(l) ?? 0) + 1); continue; }
    let cur: TaxonomyNode | undefined = n;
    const chain: TaxonomyNode[] = [];
    while (cur) { chain.unshift(cur); cur = cur.parent != null ? ix.byId.get(cur.parent) : undefined; }
    coarse.add(chain[0].id);
    if (chain[1]) fine.add(chain[1].id);
  }
  return { coarse, fine };
}

// ---------------------------------------------------------------------------------------------------------------
// feature pipeline shared by training and inference

interface Featurizer {
  counts(text: string, lang: string, spans?: ClassifyInput['spans']): { counts: Map<number, number>; tokens: WordToken[] };
}

function makeFeaturizer(cfg: FeatureConfig, lexical: LexicalClassifier | null): Featurizer {
  return {
    counts(text, lang, spans) {
      let tokens: WordToken[];
      if (spans?.length) tokens = spans.flatMap((s) => prepareTokens(text, lang, Math.max(0, s.start), Math.min(text.length, s.end)));
      else tokens = prepareTokens(text, lang);
      const cue = lexical ? lexical.classifyTokens(text, tokens, lang) : undefined;
      const concepts = (cfg.groupWeights.concept ?? 0) > 0 ? conceptCounts(tokens, lang) : undefined;
      return { counts: countFeatures(tokens, cfg, cue, concepts), tokens };
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// logistic regression (multi-output, masked)

interface LRProblem {
  X: SparseVec[];
  /** Y[d][l] in {0,1} */
  Y: Uint8Array[];
  /** active[d] = labels trained on document d */
  active: Int32Array[];
  L: number;
  D: number;
  posWeight: Float32Array;
}

interface LRWeights { W: Float32Array; B: Float32Array; L: number }

function trainLR(p: LRProblem, docs: number[], epochs: number, lr: number, l2: number, rnd: () => number): LRWeights {
  const { L, D } = p;
  const W = new Float32Array(D * L);
  const G = new Float32Array(D * L);
  const B = new Float32Array(L);
  const GB = new Float32Array(L);
  // bias start: log-odds of the label among its active documents
  const pos = new Float64Array(L), tot = new Float64Array(L);
  for (const d of docs) for (const l of p.active[d]) { tot[l]++; pos[l] += p.Y[d][l]; }
  for (let l = 0; l < L; l++) {
    const q = (pos[l] + 0.5) / (tot[l] + 1);
    B[l] = Math.log(q / (1 - q));
  }
  const order = docs.slice();
  const z = new Float64Array(L);
  const g = new Float64Array(L);
  const upd = new Int32Array(L);
  for (let ep = 0; ep < epochs; ep++) {
    shuffle(order, rnd);
    for (const d of order) {
      const act = p.active[d];
      const A = act.length;
      if (!A) continue;
      const { idx, val } = p.X[d];
      const y = p.Y[d];
      const nnz = idx.length;
      for (let a = 0; a < A; a++) z[act[a]] = B[act[a]];
      for (let k = 0; k < nnz; k++) {
        const base = idx[k] * L;
        const x = val[k];
        for (let a = 0; a < A; a++) { const l = act[a]; z[l] += W[base + l] * x; }
      }
      // labels this document still teaches something (negligible gradients skip the sparse update)
      let U = 0;
      for (let a = 0; a < A; a++) {
        const l = act[a];
        const yl = y[l];
        const gl = (sigmoid(z[l]) - yl) * (yl ? p.posWeight[l] : 1);
        g[l] = gl;
        GB[l] += gl * gl;
        B[l] -= (lr * gl) / Math.sqrt(GB[l] + 1e-8);
        if (gl > 1e-3 || gl < -1e-3) upd[U++] = l;
      }
      for (let k = 0; k < nnz; k++) {
        const base = idx[k] * L;
        const x = val[k];
        for (let a = 0; a < U; a++) {
          const l = upd[a];
          const j = base + l;
          const w = W[j];
          const grad = g[l] * x + l2 * w;
          const G2 = G[j] + grad * grad;
          G[j] = G2;
          W[j] = w - (lr * grad) / Math.sqrt(G2 + 1e-8);
        }
      }
    }
  }
  return { W, B, L };
}

function predictLR(w: LRWeights, x: SparseVec): Float64Array {
  const { W, B, L } = w;
  const z = Float64Array.from(B);
  for (let k = 0; k < x.idx.length; k++) {
    const base = x.idx[k] * L;
    const v = x.val[k];
    for (let l = 0; l < L; l++) z[l] += W[base + l] * v;
  }
  for (let l = 0; l < L; l++) z[l] = sigmoid(z[l]);
  return z;
}

// ---------------------------------------------------------------------------------------------------------------
// hierarchical decision

interface LabelMeta { id: string; level: 0 | 1; parentIdx: number; threshold: number }

interface Decision { mode: 'threshold' | 'top1'; atLeastOne: boolean }

/** Chooses label indices from probabilities: coarse first, then the children of each chosen coarse label. */
function decide(probs: ArrayLike<number>, labels: LabelMeta[], children: number[][], coarseIdx: number[], dec: Decision): number[] {
  const chosen: number[] = [];
  let coarse: number[];
  if (dec.mode === 'top1') {
    let best = -1;
    for (const c of coarseIdx) if (best < 0 || probs[c] > probs[best]) best = c;
    coarse = best >= 0 && (dec.atLeastOne || probs[best] >= labels[best].threshold) ? [best] : [];
  } else {
    coarse = coarseIdx.filter((c) => probs[c] >= labels[c].threshold);
    if (!coarse.length && dec.atLeastOne && coarseIdx.length) {
      let best = coarseIdx[0];
      for (const c of coarseIdx) if (probs[c] > probs[best]) best = c;
      if (probs[best] >= labels[best].threshold * 0.5) coarse = [best];
    }
  }
  for (const c of coarse) {
    chosen.push(c);
    const kids = children[c];
    if (!kids?.length) continue;
    if (dec.mode === 'top1') {
      let best = kids[0];
      for (const k of kids) if (probs[k] > probs[best]) best = k;
      chosen.push(best);
    } else {
      for (const k of kids) if (probs[k] >= labels[k].threshold) chosen.push(k);
    }
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------------------------
// training

/** Trains a model from labelled documents; returns plain JSON-able data (write it with saveNarrativeModel). */
export function trainNarrativeModel(opts: TrainOptions): NarrativeModel {
  const t0 = performance.now();
  const log = opts.log ?? (() => {});
  const taxonomy = typeof opts.taxonomy === 'string' ? loadTaxonomy(opts.taxonomy) : opts.taxonomy;
  const ix = indexTaxonomy(taxonomy);
  let docs = typeof opts.data === 'string' ? readLabelledData(opts.data) : opts.data;
  docs = docs.filter((d) => d.annotated !== false && (!opts.langs || opts.langs.includes(d.lang)));
  if (docs.length < 4) throw new Error(`training needs at least 4 labelled documents, got ${docs.length}`);
  const cfg: FeatureConfig = { ...DEFAULT_FEATURES, ...opts.features, groupWeights: { ...DEFAULT_FEATURES.groupWeights, ...opts.features?.groupWeights } };
  if (opts.features?.charNgrams === undefined) {
    // character n-grams pay off on short texts (claims, posts) and cost most on long ones (articles)
    const lens = docs.map((d) => d.text.length).sort((a, b) => a - b);
    const median = lens[Math.floor(lens.length / 2)];
    cfg.charNgrams = median <= 1500 ? [3, 5] : median <= 4000 ? [4, 4] : null;
  }
  const cueFeatures = opts.cueFeatures ?? taxonomyStats(taxonomy).cues > 0;
  const lexical = cueFeatures ? createLexicalClassifier(taxonomy, { minScore: 0.2 }) : null;
  const feat = makeFeaturizer(cfg, lexical);
  const rnd = mulberry32(opts.seed ?? 17);
  const epochs = opts.epochs ?? 10;
  const lr = opts.learningRate ?? 0.4;
  const l2 = opts.l2 ?? 1e-5;
  const minSupport = opts.minSupport ?? 2;

  // gold labels
  const unknown = new Map<string, number>();
  const gold = docs.map((d) => goldNodes(taxonomy, d, unknown));

  // features and vocabulary
  const counts = docs.map((d) => feat.counts(d.text, d.lang).counts);
  const df = new Map<number, number>();
  for (const c of counts) for (const f of c.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const minDf = opts.minDf ?? (docs.length < 60 ? 1 : 2);
  const maxFeatures = opts.maxFeatures ?? 80_000;
  const kept = [...df.entries()].filter(([, n]) => n >= minDf).sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, maxFeatures);
  const vocabIds = Uint32Array.from(kept.map(([f]) => f));
  const vocab = new Map<number, number>();
  vocabIds.forEach((f, j) => vocab.set(f, j));
  const N = docs.length;
  const idf = Float32Array.from(kept.map(([, n]) => Math.log((N + 1) / (n + 1)) + 1));
  const X = counts.map((c) => vectorize(c, vocab, idf, cfg));
  log(`features: ${vocab.size} (of ${df.size}), ${docs.length} documents, ${Math.round(X.reduce((n, x) => n + x.idx.length, 0) / Math.max(1, X.length))} per document`);

  // labels: coarse, then fine under learnt coarse parents
  const supportOf = new Map<string, number>();
  for (const g of gold) for (const id of [...g.coarse, ...g.fine]) supportOf.set(id, (supportOf.get(id) ?? 0) + 1);
  const labels: LabelMeta[] = [];
  const labelIndex = new Map<string, number>();
  for (const n of taxonomy.narratives) {
    if ((ix.depth.get(n.id) ?? 0) !== 0 || (supportOf.get(n.id) ?? 0) < minSupport) continue;
    labelIndex.set(n.id, labels.length);
    labels.push({ id: n.id, level: 0, parentIdx: -1, threshold: 0.5 });
  }
  for (const n of taxonomy.narratives) {
    if ((ix.depth.get(n.id) ?? 0) !== 1 || (supportOf.get(n.id) ?? 0) < minSupport) continue;
    const pi = labelIndex.get(n.parent!);
    if (pi === undefined) continue;
    labelIndex.set(n.id, labels.length);
    labels.push({ id: n.id, level: 1, parentIdx: pi, threshold: 0.5 });
  }
  const L = labels.length;
  if (!L) throw new Error(`no label has ${minSupport}+ documents; check that the data's labels match taxonomy "${taxonomy.name}"`);
  const coarseIdx = labels.map((l, i) => (l.level === 0 ? i : -1)).filter((i) => i >= 0);
  const children: number[][] = labels.map(() => []);
  labels.forEach((l, i) => { if (l.parentIdx >= 0) children[l.parentIdx].push(i); });

  const Y = gold.map((g) => {
    const y = new Uint8Array(L);
    for (const id of [...g.coarse, ...g.fine]) { const i = labelIndex.get(id); if (i !== undefined) y[i] = 1; }
    return y;
  });
  const active = Y.map((y) => Int32Array.from(labels.map((l, i) => (l.level === 0 || y[l.parentIdx] ? i : -1)).filter((i) => i >= 0)));
  const posWeight = new Float32Array(L);
  for (let l = 0; l < L; l++) {
    let pos = 0, tot = 0;
    for (let d = 0; d < N; d++) if (labels[l].level === 0 || Y[d][labels[l].parentIdx]) { tot++; pos += Y[d][l]; }
    posWeight[l] = Math.min(4, Math.max(1, Math.sqrt((tot - pos) / Math.max(1, pos))));
  }
  const problem: LRProblem = { X, Y, active, L, D: vocab.size, posWeight };
  const all = docs.map((_, i) => i);

  // cross-validated calibration
  const folds = Math.min(opts.folds ?? 4, N);
  let decision: Decision = { mode: 'threshold', atLeastOne: false };
  let cv: NarrativeModel['stats']['cv'];
  if (folds >= 2) {
    const oof: Float64Array[] = new Array(N);
    const perm = shuffle(all.slice(), rnd);
    for (let f = 0; f < folds; f++) {
      const test = perm.filter((_, k) => k % folds === f);
      const testSet = new Set(test);
      const train = perm.filter((d) => !testSet.has(d));
      const w = trainLR(problem, train, epochs, lr, l2, rnd);
      for (const d of test) oof[d] = predictLR(w, X[d]);
    }
    // per-label thresholds on the documents the label is decided for
    const grid: number[] = [];
    for (let th = 0.05; th <= 0.9001; th += 0.025) grid.push(round(th, 3));
    const bestShared = [0.5, 0.5];
    for (const level of [0, 1] as const) {
      let bestF = -1;
      for (const th of grid) {
        let tp = 0, fp = 0, fn = 0;
        for (let l = 0; l < L; l++) {
          if (labels[l].level !== level) continue;
          for (let d = 0; d < N; d++) {
            if (level === 1 && !Y[d][labels[l].parentIdx]) continue;
            const p = oof[d][l] >= th, y = Y[d][l] === 1;
            if (p && y) tp++; else if (p) fp++; else if (y) fn++;
          }
        }
        const f1 = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
        if (f1 > bestF) { bestF = f1; bestShared[level] = th; }
      }
    }
    for (let l = 0; l < L; l++) {
      let bestF = -1, bestT = bestShared[labels[l].level], support = 0;
      for (let d = 0; d < N; d++) support += Y[d][l];
      for (const th of grid) {
        let tp = 0, fp = 0, fn = 0;
        for (let d = 0; d < N; d++) {
          if (labels[l].level === 1 && !Y[d][labels[l].parentIdx]) continue;
          const p = oof[d][l] >= th, y = Y[d][l] === 1;
          if (p && y) tp++; else if (p) fp++; else if (y) fn++;
        }
        const f1 = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
        if (f1 > bestF + 1e-9) { bestF = f1; bestT = th; }
      }
      if (bestF <= 0) bestT = bestShared[labels[l].level];
      // few positives: shrink towards the level's shared threshold
      const k = Math.min(1, support / 8);
      labels[l].threshold = round(k * bestT + (1 - k) * bestShared[labels[l].level], 3);
    }
    // decision rule chosen on out-of-fold samples-F1
    const toSets = (chosen: number[]) => {
      const c = new Set<string>(), f = new Set<string>();
      for (const i of chosen) (labels[i].level === 0 ? c : f).add(labels[i].id);
      return { c, f };
    };
    const goldSets = gold.map((g) => ({ c: g.coarse, f: withOther(taxonomy, g.coarse, g.fine) }));
    const score = (dec: Decision) => {
      let cs = 0, fs = 0;
      for (let d = 0; d < N; d++) {
        const { c, f } = toSets(decide(oof[d], labels, children, coarseIdx, dec));
        cs += setF1(goldSets[d].c, c);
        fs += setF1(goldSets[d].f, withOther(taxonomy, c, f));
      }
      return { coarse: cs / N, fine: fs / N };
    };
    let best = -1;
    for (const dec of [
      { mode: 'threshold', atLeastOne: false }, { mode: 'threshold', atLeastOne: true },
      { mode: 'top1', atLeastOne: true }, { mode: 'top1', atLeastOne: false },
    ] as Decision[]) {
      const s = score(dec);
      log(`cv ${dec.mode}${dec.atLeastOne ? '+1' : ''}: coarse ${s.coarse.toFixed(3)} fine ${s.fine.toFixed(3)}`);
      if ((s.coarse + s.fine) / 2 > best + 1e-9) { best = (s.coarse + s.fine) / 2; decision = dec; cv = { folds, coarseF1: round(s.coarse), fineF1: round(s.fine), mode: dec.mode + (dec.atLeastOne ? '+atLeastOne' : '') }; }
    }
  }

  // final model on all documents, pruned and quantised
  const w = trainLR(problem, all, epochs, lr, l2, rnd);
  const keep = opts.keepWeights ?? 4000;
  const perLabel: Array<{ idx: number[]; val: number[] }> = [];
  for (let l = 0; l < L; l++) {
    const cand: Array<[number, number]> = [];
    for (let j = 0; j < vocab.size; j++) { const v = w.W[j * L + l]; if (v !== 0) cand.push([j, v]); }
    cand.sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
    const top = cand.slice(0, keep).sort((a, b) => a[0] - b[0]);
    perLabel.push({ idx: top.map((x) => x[0]), val: top.map((x) => x[1]) });
  }
  // the whole vocabulary stays (every feature counts in the L2 norms, as in training), sorted by feature id so it
  // packs as varint deltas; idf quantised to 16 bits
  const order = Array.from(vocabIds.keys()).sort((a, b) => vocabIds[a] - vocabIds[b]);
  const remap = new Int32Array(vocab.size);
  order.forEach((j, k) => { remap[j] = k; });
  const idfMax = idf.reduce((m, x) => Math.max(m, x), 0) || 1;
  const vocabOut = order.map((j) => vocabIds[j]);
  const idfOut = Uint16Array.from(order.map((j) => Math.round((idf[j] / idfMax) * 65535)));
  const outLabels: ModelLabel[] = labels.map((l, i) => {
    const node = ix.byId.get(l.id)!;
    const pairs = perLabel[i].idx.map((j, k) => [remap[j], perLabel[i].val[k]] as [number, number]).sort((a, b) => a[0] - b[0]);
    const idx = pairs.map((p) => p[0]);
    const val = pairs.map((p) => p[1]);
    const maxAbs = val.reduce((m, v) => Math.max(m, Math.abs(v)), 0) || 1;
    const scale = maxAbs / 32767;
    return {
      id: l.id, label: node.label, level: l.level, ...(l.parentIdx >= 0 ? { parent: labels[l.parentIdx].id } : {}),
      support: supportOf.get(l.id) ?? 0, bias: round(w.B[i], 6), threshold: l.threshold,
      idx: encodeSorted(idx),
      w: b64(Int16Array.from(val.map((v) => Math.round(v / scale)))),
      scale,
    };
  });
  const model: NarrativeModel = {
    format: MODEL_FORMAT, version: 1, taxonomy: taxonomy.name, createdAt: new Date().toISOString(),
    features: cfg, cueFeatures,
    vocab: encodeSorted(vocabOut), idf: b64(idfOut), idfMax,
    labels: outLabels, decision,
    stats: {
      documents: N, vocabulary: vocabOut.length, unknownLabels: Object.fromEntries(unknown), ...(cv ? { cv } : {}),
      trainSeconds: round((performance.now() - t0) / 1000, 2),
    },
  };
  log(`trained ${L} labels in ${model.stats.trainSeconds}s`);
  return model;
}

/** Fine label set with the SemEval "<Narrative>: Other" completion, as ids (other node id or a synthetic key). */
function withOther(t: Taxonomy, c: Set<string>, f: Set<string>): Set<string> {
  const ix = indexTaxonomy(t);
  const out = new Set(f);
  for (const id of c) {
    if (![...f].some((x) => ix.byId.get(x)?.parent === id)) out.add(ix.otherOf.get(id)?.id ?? `${id}:other`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// persistence and inference

export function saveNarrativeModel(model: NarrativeModel, file: string): void {
  writeFileSync(file, JSON.stringify(model));
}

export function loadNarrativeModel(file: string): NarrativeModel {
  const m = JSON.parse(readFileSync(file, 'utf8')) as NarrativeModel;
  if (m.format !== MODEL_FORMAT) throw new Error(`${file}: not a Narrascope narrative model (format ${String(m.format)})`);
  if (m.version !== 1) throw new Error(`${file}: unsupported model version ${m.version}`);
  return m;
}

export interface TrainedClassifier extends NarrativeClassifier {
  model: NarrativeModel;
  /** Probabilities of every learnt label (id → p), without decision rule. */
  probabilities(input: ClassifyInput): Record<string, number>;
}

export interface TrainedOptions {
  /** Taxonomy for cue features and labels; default: loadTaxonomy(model.taxonomy). */
  taxonomy?: Taxonomy;
  /** Evidence tokens reported per label. Default 3. */
  evidence?: number;
}

/** A classifier from a trained model (plain data or a path to its JSON). */
export function createTrainedClassifier(modelOrPath: NarrativeModel | string, opts: TrainedOptions = {}): TrainedClassifier {
  const model = typeof modelOrPath === 'string' ? loadNarrativeModel(modelOrPath) : modelOrPath;
  const cfg = model.features;
  let lexical: LexicalClassifier | null = null;
  if (model.cueFeatures) {
    const taxonomy = opts.taxonomy ?? loadTaxonomy(model.taxonomy);
    lexical = createLexicalClassifier(taxonomy, { minScore: 0.2 });
  }
  const vocabIds = decodeSorted(model.vocab);
  const idf = Float32Array.from(fromB64(model.idf, Uint16Array), (q) => (q / 65535) * model.idfMax);
  const vocab = new Map<number, number>();
  vocabIds.forEach((f, j) => vocab.set(f, j));
  const L = model.labels.length;
  // CSR by feature: which labels weigh it and how much
  const perFeat: Array<Array<[number, number]>> = Array.from({ length: vocabIds.length }, () => []);
  model.labels.forEach((l, li) => {
    const idx = decodeSorted(l.idx);
    const w = fromB64(l.w, Int16Array);
    for (let k = 0; k < idx.length; k++) perFeat[idx[k]].push([li, w[k] * l.scale]);
  });
  const start = new Int32Array(vocabIds.length + 1);
  for (let j = 0; j < vocabIds.length; j++) start[j + 1] = start[j] + perFeat[j].length;
  const csrLabel = new Int32Array(start[vocabIds.length]);
  const csrW = new Float32Array(start[vocabIds.length]);
  for (let j = 0; j < vocabIds.length; j++) perFeat[j].forEach(([l, w], k) => { csrLabel[start[j] + k] = l; csrW[start[j] + k] = w; });
  const byId = new Map(model.labels.map((l, i) => [l.id, i]));
  const metas: LabelMeta[] = model.labels.map((l) => ({ id: l.id, level: l.level, parentIdx: l.parent ? byId.get(l.parent) ?? -1 : -1, threshold: l.threshold }));
  const coarseIdx = metas.map((m, i) => (m.level === 0 ? i : -1)).filter((i) => i >= 0);
  const children: number[][] = metas.map(() => []);
  metas.forEach((m, i) => { if (m.parentIdx >= 0) children[m.parentIdx].push(i); });
  const nEvidence = opts.evidence ?? 3;

  // Inference features: the same ids as countFeatures, but counted straight into vocabulary positions with caches
  // per word (char n-grams) and per stem/bigram, so a 3,000-character document costs well under a millisecond.
  const V = vocabIds.length;
  const bits = cfg.hashBits;
  const groupOfJ = new Uint8Array(V);
  vocabIds.forEach((f, j) => { groupOfJ[j] = f >>> bits; });
  const gw = groupWeightList(cfg);
  const useConcepts = gw[GROUP_CONCEPT] > 0;
  const tf = new Float64Array(V);
  const touched: number[] = [];
  const gramCache = new Map<string, Int32Array>();
  // per stem: its unigram's vocabulary position and the FNV state of "stem " (bigram ids continue from it)
  const stemCache = new Map<string, { j: number; h: number }>();
  const CACHE_MAX = 300_000;
  const mask = (1 << bits) - 1;
  const wordTop = (GROUP_WORD << bits) >>> 0;
  const stemInfo = (stem: string) => {
    let e = stemCache.get(stem);
    if (!e) {
      let h = fnv1a(stem);
      const j = vocab.get((wordTop | (h & mask)) >>> 0) ?? -1;
      h = Math.imul(h ^ 32, 16777619) >>> 0;
      e = { j, h };
      if (stemCache.size > CACHE_MAX) stemCache.clear();
      stemCache.set(stem, e);
    }
    return e;
  };
  /** vocabulary position of the bigram "prev stem", from prev's FNV state (same id as wordFeatureId(prev + ' ' + stem)) */
  const bigramJ = (prevState: number, stem: string): number => {
    let h = prevState;
    for (let i = 0; i < stem.length; i++) { h ^= stem.charCodeAt(i); h = Math.imul(h, 16777619); }
    return vocab.get((wordTop | ((h >>> 0) & mask)) >>> 0) ?? -1;
  };
  const addJ = (j: number, v: number) => { if (tf[j] === 0) touched.push(j); tf[j] += v; };

  const score = (input: ClassifyInput) => {
    const tokens = input.spans?.length
      ? input.spans.flatMap((s) => prepareTokens(input.text, input.lang, Math.max(0, s.start), Math.min(input.text.length, s.end)))
      : prepareTokens(input.text, input.lang);
    const tokJ = new Int32Array(tokens.length).fill(-1);
    const wordTf = new Map<string, number>();
    let prev = -1;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.breakBefore) prev = -1;
      const s = t.stem;
      if (!isFeatureToken(s)) { prev = -1; continue; }
      const e = stemInfo(s);
      tokJ[i] = e.j;
      if (e.j >= 0) addJ(e.j, 1);
      if (cfg.wordNgrams >= 2 && prev !== -1) { const b = bigramJ(prev, s); if (b >= 0) addJ(b, 1); }
      prev = e.h;
      if (cfg.charNgrams && t.lower.length >= 2) wordTf.set(t.lower, (wordTf.get(t.lower) ?? 0) + 1);
    }
    for (const [w, c] of wordTf) {
      let ids = gramCache.get(w);
      if (!ids) {
        ids = Int32Array.from(charGramIds(w, cfg).map((f) => vocab.get(f) ?? -1).filter((j) => j >= 0));
        if (gramCache.size > CACHE_MAX) gramCache.clear();
        gramCache.set(w, ids);
      }
      for (const j of ids) addJ(j, c);
    }
    if (lexical) {
      for (const h of lexical.classifyTokens(input.text, tokens, input.lang)) {
        const j = vocab.get(featureId(GROUP_CUE, h.id, bits));
        if (j !== undefined) addJ(j, h.score);
      }
    }
    if (useConcepts) {
      for (const [id, n] of conceptCounts(tokens, input.lang)) {
        const j = vocab.get(featureId(GROUP_CONCEPT, id, bits));
        if (j !== undefined) addJ(j, n);
      }
    }
    // tf-idf, per-group L2, group weights, overall L2 (as vectorize)
    const norms = [0, 0, 0, 0];
    const vals = new Float64Array(touched.length);
    for (let k = 0; k < touched.length; k++) {
      const j = touched[k];
      const v = (1 + Math.log(tf[j])) * idf[j];
      vals[k] = v;
      norms[groupOfJ[j]] += v * v;
    }
    let total = 0;
    for (let k = 0; k < touched.length; k++) {
      const g = groupOfJ[touched[k]];
      vals[k] = norms[g] > 0 ? (vals[k] / Math.sqrt(norms[g])) * gw[g] : 0;
      total += vals[k] * vals[k];
    }
    const scale = total > 0 ? 1 / Math.sqrt(total) : 0;
    const z = new Float64Array(L);
    for (let l = 0; l < L; l++) z[l] = model.labels[l].bias;
    for (let k = 0; k < touched.length; k++) {
      const j = touched[k];
      const v = vals[k] * scale;
      for (let e = start[j]; e < start[j + 1]; e++) z[csrLabel[e]] += csrW[e] * v;
      tf[j] = 0;
    }
    touched.length = 0;
    for (let l = 0; l < L; l++) z[l] = sigmoid(z[l]);
    return { probs: z, tokens, tokJ };
  };

  const weightOf = (j: number, l: number): number => {
    for (let e = start[j]; e < start[j + 1]; e++) if (csrLabel[e] === l) return csrW[e];
    return 0;
  };

  const evidenceFor = (text: string, tokens: WordToken[], tokJ: Int32Array, l: number): NarrativeEvidence[] => {
    const best = new Map<number, { w: number; t: WordToken }>();
    for (let i = 0; i < tokens.length; i++) {
      const j = tokJ[i];
      if (j < 0) continue;
      const w = weightOf(j, l) * idf[j];
      if (w <= 0) continue;
      const prev = best.get(j);
      if (!prev || prev.w < w) best.set(j, { w, t: tokens[i] });
    }
    return [...best.values()].sort((a, b) => b.w - a.w).slice(0, nEvidence)
      .map(({ t }) => ({ text: text.slice(t.start, t.end), start: t.start, end: t.end, classifier: 'trained' }))
      .sort((a, b) => a.start - b.start);
  };

  return {
    name: 'trained',
    model,
    probabilities(input) {
      const { probs } = score(input);
      return Object.fromEntries(model.labels.map((l, i) => [l.id, round(probs[i])]));
    },
    classify(input) {
      const { probs, tokens, tokJ } = score(input);
      const chosen = decide(probs, metas, children, coarseIdx, model.decision);
      return chosen.map((i): NarrativeHit => ({
        id: model.labels[i].id, label: model.labels[i].label, score: round(probs[i]),
        evidence: evidenceFor(input.text, tokens, tokJ, i),
      })).sort((a, b) => b.score - a.score);
    },
  };
}
