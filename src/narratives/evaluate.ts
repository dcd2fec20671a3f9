/**
 * Evaluation on the SemEval-2025 Task 10 subtask-2 layout (DESIGN.md §4): samples-F1 (per-document F1 of gold vs
 * predicted label sets, averaged over documents paired by id) on coarse and fine labels, plus per-label P/R/F1.
 */
import type { NarrativeHit } from '../model/attribution.ts';
import type { NarrativeClassifier } from './classifier.ts';
import { round } from './classifier.ts';
import { createLexicalClassifier } from './lexical.ts';
import { readLabelledData, type LabelledDoc } from './semeval.ts';
import { labelKey, loadTaxonomy, toSemEvalLabels, type Taxonomy } from './taxonomy.ts';
import { createTrainedClassifier, goldNodes, loadNarrativeModel, setF1, type NarrativeModel } from './trained.ts';

export interface EvalOptions {
  /** Taxonomy (name, path or data). Default: the model's taxonomy name, else "urw". */
  taxonomy?: Taxonomy | string;
  /** Trained model (data or path). Without it (and without `classifier`) the lexical classifier is evaluated. */
  model?: NarrativeModel | string;
  classifier?: NarrativeClassifier;
  /** Only documents in these languages. */
  langs?: string[];
  /** Include per-document predictions in the result. */
  predictions?: boolean;
}

export interface LabelScore { p: number; r: number; f1: number; support: number }

export interface EvalResult {
  documents: number;
  classifier: string;
  taxonomy: string;
  coarse: { f1: number; macroF1: number };
  fine: { f1: number; macroF1: number };
  perLabel: Record<string, LabelScore>;
  /** documents present in raw-documents but missing from the annotation file (not scored) */
  unannotated: number;
  seconds: number;
  predictions?: Array<{ id: string; narratives: string[]; subnarratives: string[]; gold: { narratives: string[]; subnarratives: string[] } }>;
}

/** Samples-F1 over paired label sets (labels compared after labelKey normalisation). */
export function samplesF1(gold: string[][], pred: string[][]): number {
  if (!gold.length) return 0;
  let s = 0;
  for (let i = 0; i < gold.length; i++) s += setF1(new Set(gold[i].map(labelKey)), new Set((pred[i] ?? []).map(labelKey)));
  return s / gold.length;
}

function perLabelScores(gold: string[][], pred: string[][], into: Record<string, LabelScore>): number {
  const names = new Map<string, string>();
  const tp = new Map<string, number>(), fp = new Map<string, number>(), fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (let i = 0; i < gold.length; i++) {
    const g = new Set(gold[i].map(labelKey));
    const p = new Set(pred[i].map(labelKey));
    for (const l of gold[i]) if (!names.has(labelKey(l))) names.set(labelKey(l), l);
    for (const l of pred[i]) if (!names.has(labelKey(l))) names.set(labelKey(l), l);
    for (const k of p) inc(g.has(k) ? tp : fp, k);
    for (const k of g) if (!p.has(k)) inc(fn, k);
  }
  let macro = 0, n = 0;
  for (const [k, name] of [...names].sort((a, b) => a[1].localeCompare(b[1]))) {
    const a = tp.get(k) ?? 0, b = fp.get(k) ?? 0, c = fn.get(k) ?? 0;
    const p = a + b ? a / (a + b) : 0;
    const r = a + c ? a / (a + c) : 0;
    const f1 = p + r ? (2 * p * r) / (p + r) : 0;
    into[name] = { p: round(p), r: round(r), f1: round(f1), support: a + c };
    if (a + c > 0) { macro += f1; n++; }
  }
  return n ? macro / n : 0;
}

/** Scores predictions already made (gold and predicted label sets per document). */
export function scoreLabelSets(gold: Array<{ narratives: string[]; subnarratives: string[] }>, pred: Array<{ narratives: string[]; subnarratives: string[] }>, otherLabel = 'Other') {
  const fix = (ls: string[]) => (ls.length ? ls : [otherLabel]);
  const gc = gold.map((g) => fix(g.narratives)), gf = gold.map((g) => fix(g.subnarratives));
  const pc = pred.map((p) => fix(p.narratives)), pf = pred.map((p) => fix(p.subnarratives));
  const perLabel: Record<string, LabelScore> = {};
  const macroC = perLabelScores(gc, pc, perLabel);
  const macroF = perLabelScores(gf, pf, perLabel);
  return {
    coarse: { f1: round(samplesF1(gc, pc)), macroF1: round(macroC) },
    fine: { f1: round(samplesF1(gf, pf)), macroF1: round(macroF) },
    perLabel,
  };
}

/** Evaluates a classifier (trained model, given classifier, or the taxonomy's lexical cues) on labelled data. */
export function evaluateNarratives(dir: string | LabelledDoc[], opts: EvalOptions = {}): EvalResult {
  const t0 = performance.now();
  const model = typeof opts.model === 'string' ? loadNarrativeModel(opts.model) : opts.model;
  const taxonomy = typeof opts.taxonomy === 'object' ? opts.taxonomy : loadTaxonomy(opts.taxonomy ?? model?.taxonomy ?? 'urw');
  const classifier = opts.classifier ?? (model ? createTrainedClassifier(model, { taxonomy }) : createLexicalClassifier(taxonomy));
  let docs = typeof dir === 'string' ? readLabelledData(dir) : dir;
  if (opts.langs) docs = docs.filter((d) => opts.langs!.includes(d.lang));
  const unannotated = docs.filter((d) => d.annotated === false).length;
  docs = docs.filter((d) => d.annotated !== false);
  const preds = docs.map((d) => {
    const hits: NarrativeHit[] = classifier.classify({ text: d.text, lang: d.lang });
    return toSemEvalLabels(taxonomy, hits.map((h) => h.id));
  });
  const gold = docs.map((d) => {
    if (d.narratives.length || !d.labels?.length) return { narratives: d.narratives, subnarratives: d.subnarratives };
    // TSV: labels of any level, completed to the two SemEval levels through the taxonomy
    const g = goldNodes(taxonomy, d);
    return toSemEvalLabels(taxonomy, [...g.coarse, ...g.fine]);
  });
  const s = scoreLabelSets(gold, preds, taxonomy.otherLabel);
  const result: EvalResult = {
    documents: docs.length, classifier: classifier.name, taxonomy: taxonomy.name,
    coarse: s.coarse, fine: s.fine, perLabel: s.perLabel, unannotated,
    seconds: round((performance.now() - t0) / 1000, 2),
  };
  if (opts.predictions) {
    result.predictions = docs.map((d, i) => ({ id: d.id, narratives: preds[i].narratives, subnarratives: preds[i].subnarratives, gold: gold[i] }));
  }
  return result;
}
