import type { Token } from '../text/tokens.ts';
import { analyze, type TextAnalysis } from './analysis.ts';
import { hashString, mix, type Sequence } from './perceptron.ts';
import { predicateTags } from './predicates.ts';

/**
 * Features of the trainable attribution tagger (English, PolNeAR conventions).
 *
 * Stage 1 — cue tagger: BIO over each sentence; word, stem, affixes, shape, neighbours, bigrams, cue-lexicon
 *   membership (and whether the rule-based extractor accepts the token as a verb cue), content nouns, titles, groups,
 *   pronouns, quote status, and the predicate classes of the token and its neighbours (communication, criticism,
 *   cognition… from data/lexicons/predicates.en.yaml, see predicates.ts).
 * Stage 2 — source/content tagger, one sequence per cue over the cue's paragraph (at most 3 sentences either side):
 *   labels O, B-S, I-S, B-C, I-C; the token features conjoined with the side of the cue, signed distance buckets,
 *   sentence offset, commas / quotes / other cues / sentence ends between token and cue, cue lemma × side, and
 *   cue-context flags (followed by "that", a comma, the sentence end; preceded by a comma or a closing quote).
 */
export const CUE_LABELS = ['O', 'B', 'I'] as const;
export const ARG_LABELS = ['O', 'B-S', 'I-S', 'B-C', 'I-C'] as const;

export function cueAllowed(prev: number, next: number): boolean {
  if (next === 2) return prev === 1 || prev === 2;
  return true;
}
export function argAllowed(prev: number, next: number): boolean {
  if (next === 2) return prev === 1 || prev === 2;
  if (next === 4) return prev === 3 || prev === 4;
  return true;
}

export interface TaggerDoc {
  an: TextAnalysis;
  /** Static feature hashes per token: feats[off[i] .. off[i+1]); the core ones (used by both taggers) end at core[i]. */
  feats: Int32Array;
  off: Int32Array;
  core: Int32Array;
  /** Word hash per token (for conjunctions). */
  wordHash: Uint32Array;
  shapeHash: Uint32Array;
  /** Paragraph index per token, and [first, end) tokens per paragraph. */
  paraOf: Int32Array;
  paraTok: [number, number][];
  /** Prefix counts for "between" features. */
  commaPrefix: Int32Array;
  quotePrefix: Int32Array;
  cuePrefix: Int32Array;
}

function shape(t: string): string {
  let s = t.replace(/\p{Lu}/gu, 'X').replace(/\p{Ll}/gu, 'x').replace(/\p{N}/gu, 'd');
  s = s.replace(/(.)\1+/g, '$1$1');
  return s.length > 6 ? s.slice(0, 6) : s;
}

const H = (s: string) => hashString(s);
const BOS = H('<s>'), EOS = H('</s>');
/** Feature template ids. */
const T = Object.fromEntries([
  'b', 'w', 's', 'x3', 'x2', 'sh', 'wm1', 'wp1', 'wm2', 'wp2', 'shm1', 'shp1', 'bm', 'bp', 'pos', 'cls', 'cue', 'rc', 'cuem1',
  'cuep1', 'claim', 'lex', 'np', 'pron', 'det', 'stop', 'comp', 'qin', 'qshort', 'qlong', 'oq', 'cq', 'cap0', 'cap', 'sm1', 'sp1',
  'wm1p1', 'tri', 'bpp', 'bmm', 'wp3', 'wm3', 'x3s', 'cm1x2', 'cp1x2', 'cm1cp1', 'cm2cm1x2', 'cm1w', 'cp1w', 'near',
  'pc', 'pcp', 'pcn', 'pcm1', 'pcp1', 'pany',
].map((k) => [k, H('tpl:' + k)])) as Record<string, number>;

const AUX = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'will', 'would', 'can', 'could', 'should', 'may', 'might', 'must', 'do', 'does', 'did', 'not', "n't", "'s", 'also']);
const PREP = new Set(['in', 'on', 'at', 'by', 'for', 'with', 'about', 'from', 'of', 'into', 'over', 'against', 'after', 'before', 'during', 'under', 'between', 'through', 'without', 'toward', 'towards', 'amid', 'since']);

function wordClass(text: string, l: string, lex: import('./lexicon.ts').Lexicon, cue: boolean): string {
  if (cue) return 'CUE';
  if (lex.pronouns.has(l)) return 'PRON';
  if (lex.determiners.has(l)) return 'DET';
  if (AUX.has(l)) return 'AUX';
  if (PREP.has(l)) return 'PREP';
  if (l === 'to') return 'TO';
  if (l === 'that') return 'THAT';
  if (l === ',') return 'COMMA';
  if (/^["“”«»'‘’]$/.test(text)) return 'QUOTE';
  if (/^[.!?]$/.test(text)) return 'END';
  if (/^\p{Lu}/u.test(text)) return 'CAP';
  if (/^\p{N}/u.test(text)) return 'NUM';
  if (/ly$/.test(l)) return 'LY';
  if (/ing$/.test(l)) return 'ING';
  if (/ed$/.test(l)) return 'ED';
  if (/s$/.test(l)) return 'S';
  return /[\p{L}]/u.test(text) ? 'W' : 'P';
}

export function taggerDoc(text: string, an0?: TextAnalysis): TaggerDoc {
  const an = an0 ?? analyze(text, 'en', '2016-01-01T00:00:00Z', { dates: false });
  const { tokens, stems, lex } = an;
  const n = tokens.length;
  const feats: number[] = [];
  const off = new Int32Array(n + 1);
  const core = new Int32Array(n);
  const wordHash = new Uint32Array(n);
  const shapeHash = new Uint32Array(n);
  const ruleCue = new Uint8Array(n);
  for (const c of an.cues) for (let k = c.tok; k < c.tokEnd; k++) ruleCue[k] = k === c.tok ? 1 : 2;
  const cueForm = (k: number): string | undefined => {
    const m = lex.cues.matchAt(tokens, k);
    return m ? `${m.value.class}${m.value.weak ? 'w' : ''}${m.value.frame === 'verb' ? '' : m.value.frame}` : undefined;
  };
  const forms: (string | undefined)[] = tokens.map((_, k) => cueForm(k));
  const shapes = tokens.map((t) => shape(t.text));
  const wclass = tokens.map((t, k) => wordClass(t.text, t.lower, lex, !!forms[k]));
  const ptags = predicateTags(tokens.map((t) => t.lower), stems);
  const hP = tokens.map((_, k) => (ptags[k] ?? []).map((t) => H(t.cls)));
  const hPP = tokens.map((_, k) => (ptags[k] ?? []).map((t) => H(t.cls + ':' + t.pos)));
  // per-token value hashes; features are integer mixes of a template id and values (no string building)
  const hL = new Uint32Array(n), hS = new Uint32Array(n), hX3 = new Uint32Array(n), hX2 = new Uint32Array(n);
  const hSh = new Uint32Array(n), hC = new Uint32Array(n), hF = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const l = tokens[i].lower;
    hL[i] = H(l); hS[i] = H(stems[i]); hX3[i] = H(l.slice(-3)); hX2[i] = H(l.slice(-2));
    hSh[i] = H(shapes[i]); hC[i] = H(wclass[i]); hF[i] = forms[i] ? H(forms[i]!) : 0;
  }
  for (let i = 0; i < n; i++) {
    off[i] = feats.length;
    const t = tokens[i];
    const [s0, s1] = an.sentTok[an.sentOf[i]];
    const l = t.lower;
    const at = (arr: Uint32Array, k: number) => (k < s0 ? BOS : k >= s1 ? EOS : arr[k]);
    wordHash[i] = mix(T.w, hL[i]);
    shapeHash[i] = mix(T.sh, hSh[i]);
    const push = (x: number) => feats.push(x | 0);
    // core features (both taggers)
    push(T.b); push(wordHash[i]); push(mix(T.s, hS[i])); push(mix(T.x3, hX3[i])); push(mix(T.x2, hX2[i])); push(shapeHash[i]);
    push(mix(T.wm1, at(hL, i - 1))); push(mix(T.wp1, at(hL, i + 1))); push(mix(T.wm2, at(hL, i - 2))); push(mix(T.wp2, at(hL, i + 2)));
    push(mix(T.shm1, at(hSh, i - 1))); push(mix(T.shp1, at(hSh, i + 1)));
    push(mix(mix(T.bm, at(hL, i - 1)), hL[i])); push(mix(mix(T.bp, hL[i]), at(hL, i + 1)));
    push(mix(T.pos, i === s0 ? 1 : i === s1 - 1 ? 2 : i === s1 - 2 ? 3 : 4)); push(mix(T.cls, hC[i]));
    if (hF[i]) push(mix(T.cue, hF[i]));
    if (ruleCue[i]) push(mix(T.rc, ruleCue[i]));
    if (i > s0 && hF[i - 1]) push(mix(T.cuem1, hF[i - 1]));
    if (i + 1 < s1 && hF[i + 1]) push(mix(T.cuep1, hF[i + 1]));
    if (an.claimWord[i]) push(T.claim);
    if (an.lexCover[i]) push(T.lex);
    if (lex.npWords.has(l)) push(T.np);
    if (lex.pronouns.has(l)) push(T.pron);
    if (lex.determiners.has(l)) push(T.det);
    if (lex.stopWords.has(l)) push(T.stop);
    if (lex.complementizers.has(l)) push(T.comp);
    if (an.quoteOf[i] >= 0) { push(T.qin); push(an.quotes[an.quoteOf[i]].words <= 4 ? T.qshort : T.qlong); }
    if (/^["“«„‘]$/.test(t.text)) push(T.oq);
    if (/^["”»’]$/.test(t.text)) push(T.cq);
    if (/^\p{Lu}/u.test(t.text)) push(i === s0 ? T.cap0 : T.cap);
    core[i] = feats.length;
    // extra context for the cue tagger: wider window, trigrams, word-class conjunctions (a poor man's POS context)
    const c_1 = at(hC, i - 1), c1 = at(hC, i + 1), c_2 = at(hC, i - 2);
    push(mix(T.sm1, at(hS, i - 1))); push(mix(T.sp1, at(hS, i + 1)));
    push(mix(mix(T.wm1p1, at(hL, i - 1)), at(hL, i + 1)));
    push(mix(mix(mix(T.tri, at(hL, i - 1)), hL[i]), at(hL, i + 1)));
    push(mix(mix(T.bpp, at(hL, i + 1)), at(hL, i + 2)));
    push(mix(mix(T.bmm, at(hL, i - 2)), at(hL, i - 1)));
    push(mix(T.wp3, at(hL, i + 3))); push(mix(T.wm3, at(hL, i - 3)));
    push(mix(mix(T.x3s, hX3[i]), at(hSh, i - 1)));
    push(mix(mix(T.cm1x2, c_1), hX2[i])); push(mix(mix(T.cp1x2, c1), hX2[i])); push(mix(mix(T.cm1cp1, c_1), c1));
    push(mix(mix(mix(T.cm2cm1x2, c_2), c_1), hX2[i]));
    push(mix(mix(T.cm1w, c_1), hL[i])); push(mix(mix(T.cp1w, c1), hL[i]));
    // a cue-lexicon word nearby (cues come in phrases: "did not immediately respond to")
    for (let k = Math.max(s0, i - 3); k < Math.min(s1, i + 4); k++) if (k !== i && forms[k]) push(mix(T.near, k - i + 10));
    // predicate classes (data/lexicons/predicates.en.yaml) of the token, with its neighbours' word classes, and of
    // the neighbours within two tokens: rare predicates share weights with the frequent members of their class
    for (const h of hP[i]) { push(mix(T.pc, h)); push(mix(mix(T.pcm1, h), c_1)); push(mix(mix(T.pcp1, h), c1)); }
    for (const h of hPP[i]) push(mix(T.pcp, h));
    if (hP[i].length) push(mix(T.pany, hC[i]));
    for (let k = Math.max(s0, i - 2); k < Math.min(s1, i + 3); k++) if (k !== i) for (const h of hP[k]) push(mix(mix(T.pcn, h), k - i + 10));
  }
  off[n] = feats.length;

  // paragraphs: blank-line separated blocks (or lines when the text has no blank lines)
  const paraOf = new Int32Array(n);
  const paraTok: [number, number][] = [];
  const sep = /\n\s*\n/.test(text) ? /\n\s*\n/g : /\n/g;
  const breaks: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = sep.exec(text)) !== null) breaks.push(m.index);
  let b = 0;
  for (let i = 0; i < n; i++) {
    while (b < breaks.length && breaks[b] < tokens[i].start) b++;
    paraOf[i] = b;
  }
  // renumber densely and collect [first, end) per paragraph
  let last = -1;
  for (let i = 0; i < n; i++) {
    if (paraOf[i] !== last) { last = paraOf[i]; paraTok.push([i, i + 1]); }
    paraTok[paraTok.length - 1][1] = i + 1;
    paraOf[i] = paraTok.length - 1;
  }
  const commaPrefix = new Int32Array(n + 1), quotePrefix = new Int32Array(n + 1), cuePrefix = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    commaPrefix[i + 1] = commaPrefix[i] + (tokens[i].text === ',' ? 1 : 0);
    quotePrefix[i + 1] = quotePrefix[i] + (/^["“”«»„]$/.test(tokens[i].text) ? 1 : 0);
    cuePrefix[i + 1] = cuePrefix[i] + (ruleCue[i] === 1 ? 1 : 0);
  }
  return { an, feats: Int32Array.from(feats), off, core, wordHash, shapeHash, paraOf, paraTok, commaPrefix, quotePrefix, cuePrefix };
}

/** Cue-tagger sequence for sentence s. */
export function cueSequence(d: TaggerDoc, s: number, mask: number): Sequence {
  const [a, b] = d.an.sentTok[s];
  const offsets = new Int32Array(b - a + 1);
  const feats = new Int32Array(d.off[b] - d.off[a]);
  for (let i = a; i < b; i++) offsets[i - a] = d.off[i] - d.off[a];
  offsets[b - a] = d.off[b] - d.off[a];
  for (let k = d.off[a]; k < d.off[b]; k++) feats[k - d.off[a]] = d.feats[k] & mask;
  return { feats, offsets };
}

/** Token window of a cue: its paragraph, clipped to 3 sentences either side. */
export function cueWindow(d: TaggerDoc, c0: number, c1: number): [number, number] {
  const [pa, pb] = d.paraTok[d.paraOf[c0]];
  const s = d.an.sentOf[c0];
  const lo = d.an.sentTok[Math.max(0, s - 3)][0];
  const hi = d.an.sentTok[Math.min(d.an.sentences.length - 1, d.an.sentOf[c1 - 1] + 3)][1];
  return [Math.max(pa, lo), Math.min(pb, hi)];
}

function bucket(d: number): number {
  const a = Math.abs(d);
  const v = a <= 5 ? a : a <= 10 ? 6 : a <= 20 ? 7 : a <= 40 ? 8 : 9;
  return d < 0 ? -v : v;
}

/** Source/content-tagger sequence for the cue tokens [c0, c1) over window [w0, w1). */
export function argSequence(d: TaggerDoc, c0: number, c1: number, w0: number, w1: number, mask: number): Sequence {
  const { an } = d;
  const { tokens } = an;
  const n = w1 - w0;
  const offsets = new Int32Array(n + 1);
  const out: number[] = [];
  const cueLemma = H('cl=' + an.stems[c0] + (c1 - c0 > 1 ? '+' : ''));
  const cs = an.sentOf[c0];
  const [s0, s1] = an.sentTok[cs];
  const next = tokens[c1];
  const prev = tokens[c0 - 1];
  const flags: number[] = [];
  if (next && next.lower === 'that') flags.push(H('cf=that'));
  if (next && next.text === ',') flags.push(H('cf=nextComma'));
  if (next && next.text === ':') flags.push(H('cf=nextColon'));
  if (!next || c1 >= s1 || /^[.!?]$/.test(next.text)) flags.push(H('cf=nextEnd'));
  if (next && /^["“«]$/.test(next.text)) flags.push(H('cf=nextQuote'));
  if (prev && prev.text === ',' && c0 > s0) flags.push(H('cf=prevComma'));
  if (prev && /^["”»]$/.test(prev.text)) flags.push(H('cf=prevQuote'));
  if (c0 === s0) flags.push(H('cf=sentStart'));
  if (an.quoteOf[c0] >= 0) flags.push(H('cf=inQuote'));
  if (next && an.lex.pronouns.has(next.lower)) flags.push(H('cf=nextPron'));
  if (next && /^\p{Lu}/u.test(next.text)) flags.push(H('cf=nextCap'));
  const cueClassHash = H('cc=' + (an.cueAt[c0] >= 0 ? an.cues[an.cueAt[c0]].entry.class : 'none'));
  for (let i = w0; i < w1; i++) {
    offsets[i - w0] = out.length;
    const side = i < c0 ? 1 : i >= c1 ? 3 : 2;
    const dist = i < c0 ? i - c0 : i >= c1 ? i - c1 + 1 : 0;
    const db = bucket(dist);
    const so = Math.max(-3, Math.min(3, an.sentOf[i] - cs));
    for (let k = d.off[i]; k < d.core[i]; k++) out.push(mix(d.feats[k], side));
    out.push(mix(H('db'), db + 100));
    out.push(mix(H('so'), so + 10));
    out.push(mix(mix(H('so,side'), so + 10), side));
    out.push(mix(d.shapeHash[i], db + 200));
    if (Math.abs(dist) <= 4) out.push(mix(d.wordHash[i], db + 300));
    out.push(mix(cueLemma, side));
    out.push(mix(mix(cueLemma, side), Math.max(-3, Math.min(3, db))));
    out.push(mix(cueClassHash, side));
    const lo = Math.min(i, c0), hi = Math.max(i + 1, c1);
    const commas = Math.min(3, d.commaPrefix[hi] - d.commaPrefix[lo]);
    const quotes = Math.min(2, d.quotePrefix[hi] - d.quotePrefix[lo]);
    const cues = Math.min(2, d.cuePrefix[hi] - d.cuePrefix[lo] - (an.cueAt[c0] >= 0 ? 1 : 0));
    out.push(mix(mix(H('commas'), commas), side));
    out.push(mix(mix(H('quotes'), quotes), side));
    out.push(mix(mix(H('cues'), Math.max(0, cues)), side));
    out.push(mix(mix(mix(H('cq'), commas), quotes), side * 10 + Math.sign(so) + 1));
    for (const f of flags) {
      out.push(mix(f, side));
      out.push(mix(mix(f, side), Math.max(-3, Math.min(3, db))));
    }
    if (an.quoteOf[i] >= 0 && an.quoteOf[i] === an.quoteOf[c0]) out.push(H('sameQuote'));
    if (an.quoteOf[i] >= 0) out.push(mix(mix(H('inq'), side), so + 10));
  }
  offsets[n] = out.length;
  const feats = new Int32Array(out.length);
  for (let k = 0; k < out.length; k++) feats[k] = out[k] & mask;
  // the cue itself is never source or content
  const forbid = new Uint8Array(n);
  for (let i = Math.max(w0, c0); i < Math.min(w1, c1); i++) forbid[i - w0] = 0b11110;
  return { feats, offsets, forbid };
}

/** Token segments [a, b) of the labels in `which` (B, I pairs), in order. */
export function segments(labels: Uint8Array, begin: number, inside: number, offset = 0): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= labels.length; i++) {
    const l = i < labels.length ? labels[i] : 0;
    if (start >= 0 && l !== inside) { out.push([start + offset, i + offset]); start = -1; }
    if (l === begin) start = i;
  }
  return out;
}

export function tokenFragments(tokens: Token[], segs: [number, number][]): [number, number][] {
  return segs.map(([a, b]) => [tokens[a].start, tokens[b - 1].end]);
}
