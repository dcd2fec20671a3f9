/**
 * Example-based (few-shot) narrative classifier: the nearest labelled examples by BM25 over stems, votes weighted by
 * self-normalised similarity. Examples come from the taxonomy (`examples` of each node) and/or labelled documents.
 */
import type { NarrativeHit } from '../model/attribution.ts';
import type { ClassifyInput, NarrativeClassifier, NarrativeEvidence } from './classifier.ts';
import { round } from './classifier.ts';
import { prepareTokens, type WordToken } from './cues.ts';
import type { LabelledDoc } from './semeval.ts';
import { ancestry, indexTaxonomy, type Taxonomy } from './taxonomy.ts';
import { goldNodes } from './trained.ts';

export interface LabelledExample { text: string; lang: string; labels: string[] }

export interface ExampleOptions {
  /** Extra labelled examples: node ids in `labels`, or labelled documents (labels by label string). */
  examples?: Array<LabelledExample | LabelledDoc>;
  /** Use the taxonomy's own examples (default true). */
  taxonomyExamples?: boolean;
  /** Neighbours that vote. Default 5. */
  k?: number;
  /** Neighbours less similar than this are ignored (0..1, self-normalised BM25). Default 0.12. */
  minSimilarity?: number;
  minScore?: number;
  /** Query terms kept for long inputs (highest tf·idf). Default 80. */
  maxQueryTerms?: number;
}

const STOP = new Set([
  'the', 'a', 'an', 'of', 'to', 'in', 'and', 'or', 'is', 'are', 'was', 'were', 'be', 'it', 'that', 'this', 'on', 'for',
  'with', 'as', 'by', 'at', 'from', 'its', 'has', 'have', 'had', 'not', 'but',
  'и', 'в', 'во', 'на', 'с', 'со', 'не', 'что', 'это', 'как', 'по', 'к', 'из', 'за', 'о', 'об', 'от', 'для', 'а', 'но', 'же',
  'і', 'й', 'у', 'та', 'що', 'це', 'як', 'до', 'з', 'із', 'від', 'для', 'але', 'на',
]);

function terms(tokens: WordToken[]): Map<string, { tf: number; first: WordToken }> {
  const m = new Map<string, { tf: number; first: WordToken }>();
  for (const t of tokens) {
    if (STOP.has(t.lower) || t.stem.length < 2 || !/\p{L}/u.test(t.stem)) continue;
    const e = m.get(t.stem);
    if (e) e.tf++; else m.set(t.stem, { tf: 1, first: t });
  }
  return m;
}

export interface ExampleClassifier extends NarrativeClassifier {
  size: number;
  /** Nearest examples with their similarity, for explanations. */
  neighbours(input: ClassifyInput, k?: number): Array<{ text: string; labels: string[]; similarity: number }>;
}

export function createExampleClassifier(taxonomy: Taxonomy, opts: ExampleOptions = {}): ExampleClassifier {
  const ix = indexTaxonomy(taxonomy);
  const k = opts.k ?? 5;
  const minSim = opts.minSimilarity ?? 0.12;
  const minScore = opts.minScore ?? 0.3;
  const maxQ = opts.maxQueryTerms ?? 80;
  const ex: LabelledExample[] = [];
  if (opts.taxonomyExamples ?? true) {
    for (const n of taxonomy.narratives) for (const e of n.examples) ex.push({ text: e.text, lang: e.lang, labels: [n.id] });
  }
  for (const e of opts.examples ?? []) {
    if ('narratives' in e) {
      const g = goldNodes(taxonomy, e);
      const labels = [...g.fine, ...[...g.coarse].filter((c) => ![...g.fine].some((f) => ix.byId.get(f)?.parent === c))];
      if (labels.length) ex.push({ text: e.text, lang: e.lang, labels });
    } else ex.push(e);
  }
  // index
  const docTerms = ex.map((e) => terms(prepareTokens(e.text, e.lang)));
  const lens = docTerms.map((m) => [...m.values()].reduce((s, x) => s + x.tf, 0));
  const avgLen = lens.reduce((a, b) => a + b, 0) / Math.max(1, lens.length);
  const postings = new Map<string, Array<[number, number]>>();
  docTerms.forEach((m, d) => { for (const [t, { tf }] of m) { const p = postings.get(t); if (p) p.push([d, tf]); else postings.set(t, [[d, tf]]); } });
  const N = ex.length;
  const idf = (t: string) => { const n = postings.get(t)?.length ?? 0; return Math.log(1 + (N - n + 0.5) / (n + 0.5)); };
  const K1 = 1.2, Bp = 0.75;
  const termScore = (tf: number, len: number, t: string) => idf(t) * (tf * (K1 + 1)) / (tf + K1 * (1 - Bp + Bp * len / (avgLen || 1)));
  // self-score of each example normalises similarities to 0..1
  const self = docTerms.map((m, d) => { let s = 0; for (const [t, { tf }] of m) s += termScore(tf, lens[d], t); return s || 1; });

  const search = (input: ClassifyInput, kk: number) => {
    const tokens = input.spans?.length
      ? input.spans.flatMap((s) => prepareTokens(input.text, input.lang, Math.max(0, s.start), Math.min(input.text.length, s.end)))
      : prepareTokens(input.text, input.lang);
    let q = [...terms(tokens)].filter(([t]) => postings.has(t));
    if (q.length > maxQ) q = q.sort((a, b) => b[1].tf * idf(b[0]) - a[1].tf * idf(a[0])).slice(0, maxQ);
    const acc = new Map<number, number>();
    const matched = new Map<number, WordToken[]>();
    for (const [t, { first }] of q) {
      for (const [d, tf] of postings.get(t)!) {
        acc.set(d, (acc.get(d) ?? 0) + termScore(tf, lens[d], t));
        const m = matched.get(d);
        if (m) m.push(first); else matched.set(d, [first]);
      }
    }
    return [...acc].map(([d, s]) => ({ d, sim: Math.min(1, s / self[d]), tokens: matched.get(d)! }))
      .filter((x) => x.sim >= minSim).sort((a, b) => b.sim - a.sim).slice(0, kk);
  };

  return {
    name: 'examples',
    size: N,
    neighbours(input, kk = k) {
      return search(input, kk).map(({ d, sim }) => ({ text: ex[d].text, labels: ex[d].labels, similarity: round(sim) }));
    },
    classify(input): NarrativeHit[] {
      const nn = search(input, k);
      const score = new Map<string, number>();
      const evidence = new Map<string, NarrativeEvidence[]>();
      for (const { d, sim, tokens } of nn) {
        const ids = new Set(ex[d].labels.flatMap((id) => ancestry(taxonomy, id).map((n) => n.id)));
        for (const id of ids) {
          score.set(id, 1 - (1 - (score.get(id) ?? 0)) * (1 - sim));
          const ev = evidence.get(id) ?? [];
          for (const t of tokens.slice(0, 3)) {
            if (ev.length < 6 && !ev.some((e) => e.start === t.start)) ev.push({ text: input.text.slice(t.start, t.end), start: t.start, end: t.end, classifier: 'examples' });
          }
          evidence.set(id, ev);
        }
      }
      const out: NarrativeHit[] = [];
      for (const [id, s] of score) {
        const node = ix.byId.get(id);
        if (!node || s < minScore) continue;
        out.push({ id, label: node.label, score: round(s), evidence: (evidence.get(id) ?? []).sort((a, b) => a.start - b.start) });
      }
      return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    },
  };
}
