/**
 * The classifier interface shared by every narrative backend, and score merging across backends.
 */
import type { Evidence, NarrativeHit } from '../model/attribution.ts';

/** What a classifier reads: the text, its language and optionally the spans (offsets into text) to look at. */
export interface ClassifyInput {
  text: string;
  lang: string;
  /** Only these parts of the text are classified (e.g. attribution contents); evidence offsets stay into `text`. */
  spans?: Array<{ start: number; end: number }>;
}

/** Evidence with the flags the lexical classifier adds. */
export interface NarrativeEvidence extends Evidence {
  /** the match lies inside quotation marks */
  quoted?: boolean;
}

export interface NarrativeClassifier {
  name: string;
  classify(input: ClassifyInput): NarrativeHit[];
}

/** Backends that need I/O (LLM endpoint, embedding model) classify asynchronously. */
export interface AsyncNarrativeClassifier {
  name: string;
  classify(input: ClassifyInput): Promise<NarrativeHit[]>;
}

export type AnyNarrativeClassifier = NarrativeClassifier | AsyncNarrativeClassifier;

export interface CombineOptions {
  /** Per-classifier weight (by position), default 1 each. */
  weights?: number[];
  /** How scores of one narrative from several classifiers merge. Default "noisy-or". */
  mode?: 'noisy-or' | 'max' | 'mean';
  /** Drop merged hits scoring below this. Default 0. */
  minScore?: number;
  /** Evidence entries kept per narrative. Default 12. */
  maxEvidence?: number;
  name?: string;
}

/** Merges the hit lists of several classifiers (same taxonomy ids) into one list. */
export function mergeHits(lists: NarrativeHit[][], opts: CombineOptions = {}): NarrativeHit[] {
  const mode = opts.mode ?? 'noisy-or';
  const weights = opts.weights ?? lists.map(() => 1);
  const maxEvidence = opts.maxEvidence ?? 12;
  const acc = new Map<string, { hit: NarrativeHit; scores: number[] }>();
  lists.forEach((list, i) => {
    const w = weights[i] ?? 1;
    for (const h of list) {
      let a = acc.get(h.id);
      if (!a) {
        a = { hit: { id: h.id, label: h.label, score: 0, evidence: [] }, scores: lists.map(() => 0) };
        acc.set(h.id, a);
      }
      a.scores[i] = Math.max(a.scores[i], Math.min(1, Math.max(0, h.score * w)));
      for (const e of h.evidence) {
        if (a.hit.evidence.length >= maxEvidence) break;
        if (!a.hit.evidence.some((x) => x.start === e.start && x.end === e.end && x.classifier === e.classifier)) a.hit.evidence.push(e);
      }
    }
  });
  const out: NarrativeHit[] = [];
  for (const { hit, scores } of acc.values()) {
    let s: number;
    if (mode === 'max') s = Math.max(...scores);
    else if (mode === 'mean') s = Math.min(1, scores.reduce((x, y) => x + y, 0) / Math.max(1, lists.length));
    else s = 1 - scores.reduce((p, x) => p * (1 - x), 1);
    hit.score = round(s);
    if (hit.score >= (opts.minScore ?? 0)) out.push(hit);
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

export function combineClassifiers(classifiers: NarrativeClassifier[], opts?: CombineOptions): NarrativeClassifier;
export function combineClassifiers(classifiers: AnyNarrativeClassifier[], opts?: CombineOptions): AsyncNarrativeClassifier;
/**
 * One classifier out of several: every hit list is merged by narrative id (noisy-or of weighted scores by default,
 * evidence concatenated). Synchronous when all parts are; a Promise-returning classifier otherwise.
 */
export function combineClassifiers(classifiers: AnyNarrativeClassifier[], opts: CombineOptions = {}): AnyNarrativeClassifier {
  const name = opts.name ?? classifiers.map((c) => c.name).join('+');
  return {
    name,
    classify(input: ClassifyInput): any {
      const results = classifiers.map((c) => c.classify(input));
      if (results.some((r) => r instanceof Promise)) {
        return Promise.all(results).then((lists) => mergeHits(lists, opts));
      }
      return mergeHits(results as NarrativeHit[][], opts);
    },
  };
}

/** Runs any classifier and always returns a Promise. */
export async function classifyAsync(c: AnyNarrativeClassifier, input: ClassifyInput): Promise<NarrativeHit[]> {
  return await c.classify(input);
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
