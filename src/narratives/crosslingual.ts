/**
 * Cross-lingual check: narratives trained with English examples, recognised in Russian and Ukrainian text of the same
 * claims. Data: a parallel set of claims (one JSON object a line: `id`, `labels` (taxonomy node ids), and the claim in
 * `en`, `ru`, `uk`, …), by default `data/eval/urw-parallel-claims.jsonl` — 88 short claims written by the Narrascope
 * developers for this check (our own wording, not from any corpus), labelled with `urw` sub-narratives.
 *
 * Protocol: k-fold by claim. For each fold a model is trained on the English side of the other folds only; it then
 * classifies the held-out claims in every language. Predictions of all folds are pooled and scored per language
 * (macro-F1 and samples-F1 on coarse and fine labels); the ratio of each language's coarse macro-F1 to the English
 * one is the transfer figure. The same claims are scored in every language, so the ratio isolates the language.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { combineClassifiers, round, type NarrativeClassifier } from './classifier.ts';
import { DEFAULT_FEATURES } from './features.ts';
import { createLexicalClassifier } from './lexical.ts';
import { scoreLabelSets } from './evaluate.ts';
import type { LabelledDoc } from './semeval.ts';
import { loadTaxonomy, nodeById, toSemEvalLabels, type Taxonomy } from './taxonomy.ts';
import { createTrainedClassifier, trainNarrativeModel, type TrainOptions } from './trained.ts';
import { mulberry32 } from '../util/random.ts';

export const PARALLEL_CLAIMS = fileURLToPath(new URL('../../data/eval/urw-parallel-claims.jsonl', import.meta.url));

export interface ParallelClaim { id: string; labels: string[]; text: Record<string, string> }

/** Reads a parallel claim file; throws with the line number on a bad line or an unknown label. */
export function readParallelClaims(path = PARALLEL_CLAIMS, taxonomy?: Taxonomy): ParallelClaim[] {
  const out: ParallelClaim[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let o: Record<string, unknown>;
    try { o = JSON.parse(line); } catch (e) { throw new Error(`${path}:${i + 1}: ${(e as Error).message}`); }
    const { id, labels, ...rest } = o;
    if (typeof id !== 'string' || !Array.isArray(labels) || !labels.length) throw new Error(`${path}:${i + 1}: needs "id" and "labels"`);
    for (const l of labels) if (taxonomy && !nodeById(taxonomy, String(l))) throw new Error(`${path}:${i + 1}: unknown label "${l}"`);
    const text: Record<string, string> = {};
    for (const [k, v] of Object.entries(rest)) if (typeof v === 'string' && /^[a-z]{2}$/.test(k)) text[k] = v;
    out.push({ id, labels: labels.map(String), text });
  });
  return out;
}

export interface CrossLingualOptions {
  taxonomy?: Taxonomy | string;
  claims?: ParallelClaim[] | string;
  /** Training language. Default "en". */
  from?: string;
  /** Test languages. Default: every language of the claims. */
  to?: string[];
  /** Folds by claim. Default 5. */
  folds?: number;
  seed?: number;
  /** Options passed to trainNarrativeModel (e.g. `cueFeatures: false`). */
  train?: Partial<TrainOptions>;
  /** Evaluate this classifier instead of training (e.g. the lexical cues, for reference). */
  classifier?: NarrativeClassifier;
  /** Merge each fold's trained model with this classifier (e.g. the lexical cues: the default pipeline). */
  combineWith?: NarrativeClassifier;
}

export interface CrossLingualResult {
  claims: number;
  folds: number;
  from: string;
  classifier: string;
  perLang: Record<string, { coarse: { f1: number; macroF1: number }; fine: { f1: number; macroF1: number }; ratio: number }>;
}

export function evaluateCrossLingual(opts: CrossLingualOptions = {}): CrossLingualResult {
  const taxonomy = typeof opts.taxonomy === 'object' ? opts.taxonomy : loadTaxonomy(opts.taxonomy ?? 'urw');
  const claims = Array.isArray(opts.claims) ? opts.claims : readParallelClaims(opts.claims ?? PARALLEL_CLAIMS, taxonomy);
  const from = opts.from ?? 'en';
  const langs = opts.to ?? [...new Set(claims.flatMap((c) => Object.keys(c.text)))].sort((a, b) => (a === from ? -1 : b === from ? 1 : a.localeCompare(b)));
  const k = Math.max(2, Math.min(opts.folds ?? 5, claims.length));
  const rnd = mulberry32(opts.seed ?? 7);
  const order = claims.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [order[i], order[j]] = [order[j], order[i]]; }
  const fold = new Array<number>(claims.length);
  order.forEach((ci, r) => { fold[ci] = r % k; });
  const gold = claims.map((c) => toSemEvalLabels(taxonomy, c.labels));
  const doc = (c: ParallelClaim, i: number, lang: string): LabelledDoc => ({ id: c.id, text: c.text[lang], lang, ...gold[i] });
  const preds: Record<string, Array<{ narratives: string[]; subnarratives: string[] }>> = {};
  for (const l of langs) preds[l] = new Array(claims.length);
  const classifyInto = (classifier: NarrativeClassifier, which: (i: number) => boolean) => claims.forEach((c, i) => {
    if (!which(i)) return;
    for (const l of langs) if (c.text[l]) preds[l][i] = toSemEvalLabels(taxonomy, classifier.classify({ text: c.text[l], lang: l }).map((h) => h.id));
  });
  if (opts.classifier) classifyInto(opts.classifier, () => true);
  else {
    for (let f = 0; f < k; f++) {
      const train = claims.map((c, i) => [c, i] as const).filter(([c, i]) => fold[i] !== f && c.text[from]).map(([c, i]) => doc(c, i, from));
      const model = trainNarrativeModel({ folds: 3, ...opts.train, taxonomy, data: train, seed: (opts.seed ?? 7) + f });
      const trained = createTrainedClassifier(model, { taxonomy });
      classifyInto(opts.combineWith ? combineClassifiers([opts.combineWith, trained]) : trained, (i) => fold[i] === f);
    }
  }
  const perLang: CrossLingualResult['perLang'] = {};
  for (const l of langs) {
    const idx = claims.map((_, i) => i).filter((i) => preds[l][i]);
    const s = scoreLabelSets(idx.map((i) => gold[i]), idx.map((i) => preds[l][i]), taxonomy.otherLabel);
    perLang[l] = { coarse: s.coarse, fine: s.fine, ratio: 0 };
  }
  const base = perLang[from]?.coarse.macroF1 ?? 0;
  for (const l of langs) perLang[l].ratio = base > 0 ? round(perLang[l].coarse.macroF1 / base) : 0;
  const name = opts.classifier?.name ?? (opts.combineWith ? `${opts.combineWith.name}+trained` : 'trained');
  return { claims: claims.length, folds: opts.classifier ? 0 : k, from, classifier: name, perLang };
}

/** The configurations reported by `narrascope eval crosslingual` and docs/narratives-eval.md. */
export function crossLingualConfigs(taxonomy: Taxonomy): Array<{ name: string; transfer: boolean; opts: CrossLingualOptions }> {
  const surface = { cueFeatures: false, features: { groupWeights: { ...DEFAULT_FEATURES.groupWeights, concept: 0 } } };
  return [
    { name: 'trained on EN: words + character n-grams only', transfer: true, opts: { train: surface } },
    { name: 'trained on EN: + concept lexicon', transfer: true, opts: { train: { cueFeatures: false } } },
    { name: 'trained on EN: + concepts + urw cue features (default)', transfer: true, opts: {} },
    { name: 'urw cues, English cues only (no training)', transfer: true, opts: { classifier: createLexicalClassifier(taxonomy, { langs: ['en'] }) } },
    { name: 'urw cues in en/ru/uk (no training; not a transfer)', transfer: false, opts: { classifier: createLexicalClassifier(taxonomy) } },
    { name: 'urw cues + trained on EN (default pipeline)', transfer: false, opts: { combineWith: createLexicalClassifier(taxonomy) } },
  ];
}

export interface CrossLingualRow { name: string; transfer: boolean; seeds: number[]; perLang: Record<string, { coarseMacroF1: number; coarseF1: number; fineF1: number; ratio: number }> }

/** Every configuration of crossLingualConfigs, averaged over seeds (fold assignments). */
export function crossLingualReport(opts: { taxonomy?: Taxonomy | string; claims?: ParallelClaim[] | string; seeds?: number[]; folds?: number } = {}): CrossLingualRow[] {
  const taxonomy = typeof opts.taxonomy === 'object' ? opts.taxonomy : loadTaxonomy(opts.taxonomy ?? 'urw');
  const claims = Array.isArray(opts.claims) ? opts.claims : readParallelClaims(opts.claims ?? PARALLEL_CLAIMS, taxonomy);
  const seeds = opts.seeds ?? [7, 11, 23];
  return crossLingualConfigs(taxonomy).map((c) => {
    const runs = (c.opts.classifier ? seeds.slice(0, 1) : seeds).map((seed) => evaluateCrossLingual({ ...c.opts, taxonomy, claims, seed, folds: opts.folds }));
    const perLang: CrossLingualRow['perLang'] = {};
    const mean = (f: (r: CrossLingualResult) => number) => round(runs.reduce((a, r) => a + f(r), 0) / runs.length);
    for (const l of Object.keys(runs[0].perLang)) {
      perLang[l] = {
        coarseMacroF1: mean((r) => r.perLang[l].coarse.macroF1), coarseF1: mean((r) => r.perLang[l].coarse.f1),
        fineF1: mean((r) => r.perLang[l].fine.f1), ratio: 0,
      };
    }
    const base = perLang[runs[0].from]?.coarseMacroF1 ?? 0;
    for (const l of Object.keys(perLang)) perLang[l].ratio = base > 0 ? round(perLang[l].coarseMacroF1 / base) : 0;
    return { name: c.name, transfer: c.transfer, seeds: c.opts.classifier ? seeds.slice(0, 1) : seeds, perLang };
  });
}
