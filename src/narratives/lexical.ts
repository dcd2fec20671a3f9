/**
 * Lexical narrative classifier: the cue phrases of a taxonomy, matched by stem with proximity windows, negation and
 * quotation awareness. Every hit carries the matched spans as evidence.
 */
import type { NarrativeHit } from '../model/attribution.ts';
import type { ClassifyInput, NarrativeClassifier, NarrativeEvidence } from './classifier.ts';
import { round } from './classifier.ts';
import { compileCue, CueIndex, prepareTokens, type CompiledCue, type CueInput, type CueMatch, type WordToken } from './cues.ts';
import { indexTaxonomy, type Taxonomy } from './taxonomy.ts';

export interface LexicalOptions {
  /** Hits scoring below this are dropped. Default 0.35 (one full-weight cue scores 0.55). */
  minScore?: number;
  /** Weight factor of a match lying inside quotation marks. Default 0.75. */
  quotedFactor?: number;
  /** Report child hits on their ancestors as well (default true). */
  propagate?: boolean;
  /** Evidence entries kept per narrative. Default 8. */
  maxEvidence?: number;
  /** Only cues of these languages (default: all the taxonomy has). A text is matched against the cues of its own
   *  language when the taxonomy has some, else against all. */
  langs?: string[];
}

export interface LexicalClassifier extends NarrativeClassifier {
  /** Raw cue matches (including negated ones), for debugging and for `narrascope classify --explain`. */
  matches(input: ClassifyInput): CueMatch[];
  /** Classifies tokens already prepared with prepareTokens (offsets into `text`). */
  classifyTokens(text: string, tokens: WordToken[], lang?: string): NarrativeHit[];
  readonly cueCount: number;
}

/** Saturating score of summed cue weights: 1 cue of weight 1 → 0.55, 2 → 0.80, 3 → 0.91. */
export function cueScore(sum: number): number {
  return 1 - Math.exp(-0.8 * sum);
}

interface Compiled { compiled: CompiledCue[]; index: CueIndex; byLang: Map<string, CueIndex> }
const compiledCache = new WeakMap<Taxonomy, Map<string, Compiled>>();

/** Cue indices of a taxonomy, compiled once per taxonomy object and language selection (and shared, so that
 *  classifiers over the same document reuse each other's matches). */
function compiledFor(taxonomy: Taxonomy, langs?: string[]): Compiled {
  const key = langs ? [...langs].sort().join(',') : '*';
  let perTax = compiledCache.get(taxonomy);
  if (!perTax) { perTax = new Map(); compiledCache.set(taxonomy, perTax); }
  const hit = perTax.get(key);
  if (hit) return hit;
  const compiled: CompiledCue[] = [];
  for (const n of taxonomy.narratives) {
    if (n.other) continue;
    for (const [lang, cues] of Object.entries(n.cues)) {
      if (langs && !langs.includes(lang)) continue;
      for (const c of cues) compiled.push(compileCue(c as CueInput, lang, n.id));
    }
  }
  // one index per cue language (a text is matched against its own language's cues) and one over all of them
  // (texts in languages the taxonomy has no cues for)
  const index = new CueIndex(compiled);
  const byLang = new Map<string, CueIndex>();
  for (const lang of new Set(compiled.map((c) => c.lang))) byLang.set(lang, new CueIndex(compiled.filter((c) => c.lang === lang)));
  const out = { compiled, index, byLang };
  perTax.set(key, out);
  return out;
}

export function createLexicalClassifier(taxonomy: Taxonomy, opts: LexicalOptions = {}): LexicalClassifier {
  const minScore = opts.minScore ?? 0.35;
  const quotedFactor = opts.quotedFactor ?? 0.75;
  const propagate = opts.propagate ?? true;
  const maxEvidence = opts.maxEvidence ?? 8;
  const ix = indexTaxonomy(taxonomy);
  const { compiled, index, byLang } = compiledFor(taxonomy, opts.langs);
  const indexFor = (lang: string) => byLang.get(lang) ?? index;
  // parents in bottom-up order (deepest first) for propagation
  const order = [...taxonomy.narratives].sort((a, b) => (ix.depth.get(b.id) ?? 0) - (ix.depth.get(a.id) ?? 0));

  const matches = (input: ClassifyInput): CueMatch[] => {
    const spans = input.spans?.length ? input.spans : [{ start: 0, end: input.text.length }];
    const out: CueMatch[] = [];
    for (const s of spans) {
      const start = Math.max(0, s.start);
      const end = Math.min(input.text.length, s.end);
      if (end <= start) continue;
      const tokens = prepareTokens(input.text, input.lang, start, end);
      for (const m of indexFor(input.lang).match(tokens)) out.push(m);
    }
    return out;
  };

  const hitsOf = (text: string, ms: CueMatch[]): NarrativeHit[] => {
    if (ms.length === 0) return [];
    const perNode = new Map<string, { sum: number; seen: Map<CompiledCue, number>; evidence: NarrativeEvidence[] }>();
    for (const m of ms) {
      if (m.negated) continue;
      let a = perNode.get(m.cue.nodeId);
      if (!a) { a = { sum: 0, seen: new Map(), evidence: [] }; perNode.set(m.cue.nodeId, a); }
      const w = m.cue.weight * (m.quoted ? quotedFactor : 1);
      const times = a.seen.get(m.cue) ?? 0;
      // first match of a cue counts fully, repeats add a little (at most two more)
      if (times === 0) a.sum += w; else if (times <= 2) a.sum += 0.1 * w;
      a.seen.set(m.cue, times + 1);
      if (a.evidence.length < maxEvidence && !a.evidence.some((e) => e.start === m.start && e.end === m.end)) {
        const ev: NarrativeEvidence = { text: text.slice(m.start, m.end), start: m.start, end: m.end, cue: m.cue.source, classifier: 'lexical' };
        if (m.quoted) ev.quoted = true;
        a.evidence.push(ev);
      }
    }
    const scores = new Map<string, { score: number; evidence: NarrativeEvidence[] }>();
    for (const [id, a] of perNode) scores.set(id, { score: cueScore(a.sum), evidence: a.evidence });
    if (propagate) {
      for (const n of order) {
        const s = scores.get(n.id);
        if (!s || n.parent == null || s.score < minScore) continue;
        const p = scores.get(n.parent);
        if (!p) scores.set(n.parent, { score: s.score, evidence: s.evidence.slice(0, maxEvidence) });
        else {
          p.score = Math.max(p.score, 1 - (1 - p.score) * (1 - s.score));
          for (const e of s.evidence) {
            if (p.evidence.length >= maxEvidence) break;
            if (!p.evidence.some((x) => x.start === e.start && x.end === e.end)) p.evidence.push(e);
          }
        }
      }
    }
    const out: NarrativeHit[] = [];
    for (const [id, s] of scores) {
      if (s.score < minScore) continue;
      const node = ix.byId.get(id);
      if (!node) continue;
      out.push({ id, label: node.label, score: round(s.score), evidence: s.evidence.sort((a, b) => a.start - b.start) });
    }
    return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  };

  return {
    name: 'lexical',
    classify: (input) => hitsOf(input.text, matches(input)),
    classifyTokens: (text, tokens, lang) => hitsOf(text, (lang ? indexFor(lang) : index).match(tokens)),
    matches,
    cueCount: compiled.length,
  };
}
