/**
 * Cue phrases: a tiny pattern language for the `cues` of a taxonomy node, compiled once and matched over tokens.
 *
 * Syntax of one cue (a string):
 *   cue     := part ( " ~N " part )*        all parts within N words of the first part (default N = 8 for a bare "~")
 *   part    := phrase ( "|" phrase )*       alternatives
 *   phrase  := word ( " " word )*           consecutive words, never across a sentence end
 *   word    := stem-word | prefix* | =exact
 * A plain word is compared by stem (the cue word is stemmed in the cue's language, the text token in the text's),
 * `word*` matches any token that starts with `word` (at least 3 letters), `=word` the lower-cased token exactly.
 * Examples: "war crimes ~10 kursk*", "puppet regime|puppet of the west", "=всу ~6 военные преступления|терроризм".
 *
 * Negation: a match preceded within 3 words (same sentence) by a negation word ("not", "не", "ні", "never", ...) is
 * dropped unless the cue sets `negatable: false`. Quotation: a match lying entirely inside quotation marks is flagged
 * `quoted` (reported speech or scare quotes), which lowers its weight and lets stance logic see the distance.
 */
import { stem } from '../text/stem.ts';
import { tokenize } from '../text/tokens.ts';

export interface CueSpec { cue: string; weight?: number; negatable?: boolean }
export type CueInput = string | CueSpec;

export type CueWord = { kind: 'stem' | 'prefix' | 'exact'; value: string };
export interface CompiledCue {
  nodeId: string;
  lang: string;
  source: string;
  weight: number;
  negatable: boolean;
  /** parts[k] = alternatives (phrases) of part k; a phrase is a list of words. */
  parts: CueWord[][][];
  window: number;
}

export class CueSyntaxError extends Error {}

const DEFAULT_WINDOW = 8;

/** Parses one cue; throws CueSyntaxError with a short reason. */
export function compileCue(input: CueInput, lang: string, nodeId = ''): CompiledCue {
  const spec: CueSpec = typeof input === 'string' ? { cue: input } : input;
  const source = spec.cue;
  if (typeof source !== 'string' || !source.trim()) throw new CueSyntaxError('empty cue');
  const weight = spec.weight ?? 1;
  if (!(weight > 0 && weight <= 10)) throw new CueSyntaxError(`weight must be in (0, 10], got ${spec.weight}`);
  const pieces = source.trim().split(/\s+~(\d*)\s+/);
  const parts: CueWord[][][] = [];
  let window = 0;
  for (let i = 0; i < pieces.length; i++) {
    if (i % 2 === 1) {
      const n = pieces[i] === '' ? DEFAULT_WINDOW : Number(pieces[i]);
      if (!Number.isInteger(n) || n < 1 || n > 60) throw new CueSyntaxError(`window must be 1..60, got "~${pieces[i]}"`);
      window = Math.max(window, n);
      continue;
    }
    const alts = pieces[i].split('|').map((s) => s.trim());
    const phrases: CueWord[][] = [];
    for (const alt of alts) {
      if (!alt) throw new CueSyntaxError(`empty alternative in "${pieces[i]}"`);
      if (/~/.test(alt)) throw new CueSyntaxError(`"~" must be surrounded by spaces: "${alt}"`);
      phrases.push(alt.split(/\s+/).map((w) => compileWord(w, lang)));
    }
    parts.push(phrases);
  }
  return { nodeId, lang, source, weight, negatable: spec.negatable ?? true, parts, window: parts.length > 1 ? window : 0 };
}

function fold(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/[’ʼ]/g, "'").replace(/[‐‑]/g, '-');
}

function compileWord(w: string, lang: string): CueWord {
  if (w.startsWith('=')) {
    const v = fold(w.slice(1));
    if (!v) throw new CueSyntaxError('"=" needs a word');
    if (/[*=]/.test(v)) throw new CueSyntaxError(`bad word "${w}" ("=" and "*" do not combine)`);
    return { kind: 'exact', value: v };
  }
  if (w.endsWith('*')) {
    const v = fold(w.slice(0, -1));
    if ([...v].length < 3) throw new CueSyntaxError(`prefix "${w}" is too short (3 letters at least)`);
    if (/[*=]/.test(v)) throw new CueSyntaxError(`bad word "${w}"`);
    return { kind: 'prefix', value: v };
  }
  if (/[*=]/.test(w)) throw new CueSyntaxError(`bad word "${w}"`);
  const v = fold(w);
  return { kind: 'stem', value: stem(v, lang) };
}

// ---------------------------------------------------------------------------------------------------------------
// Text preparation

const NEGATIONS = new Set([
  'not', 'no', 'never', 'neither', 'nor', 'without', 'hardly', 'cannot', 'nobody', 'none',
  'не', 'нет', 'ни', 'никогда', 'без', 'ні', 'ніколи', 'немає', 'нема',
]);
const SENTENCE_END = /^[.!?;…]$/;
const QUOTE_OPEN = new Set(['“', '«', '„', '‘', '‹']);
const QUOTE_CLOSE = new Set(['”', '»', '“', '’', '›']);

/** One word token prepared for matching. */
export interface WordToken {
  start: number;
  end: number;
  lower: string;
  stem: string;
  /** a sentence end (or a line break) lies between the previous word and this one */
  breakBefore: boolean;
  quoted: boolean;
  negation: boolean;
}

function langOfWord(word: string, lang: string): string {
  const cyr = /[\u0400-\u04FF]/.test(word);
  if (cyr) {
    if (lang === 'ru' || lang === 'uk') return lang;
    if (/[іїєґ]/.test(word)) return 'uk';
    return 'ru';
  }
  if (/[a-z]/.test(word)) return lang === 'en' || lang === 'ru' || lang === 'uk' ? 'en' : lang === 'und' ? 'en' : lang;
  return lang;
}

// Stems per language, memoised here too (stem() keys its own cache by building strings, which shows in profiles).
const stemMemo = new Map<string, Map<string, string>>();
function stemFast(lower: string, lang: string): string {
  let m = stemMemo.get(lang);
  if (!m) { m = new Map(); stemMemo.set(lang, m); }
  let s = m.get(lower);
  if (s === undefined) {
    s = stem(lower, lang);
    if (m.size > 200_000) m.clear();
    m.set(lower, s);
  }
  return s;
}

// Stems by the text's language (the word's own language follows from it and the word: langOfWord), so the letter
// tests of langOfWord run once per distinct word, not once per token.
const stemByTextLang = new Map<string, Map<string, string>>();
function stemInText(lower: string, lang: string): string {
  let m = stemByTextLang.get(lang);
  if (!m) { m = new Map(); stemByTextLang.set(lang, m); }
  let s = m.get(lower);
  if (s === undefined) {
    s = stemFast(lower, langOfWord(lower, lang));
    if (m.size > 200_000) m.clear();
    m.set(lower, s);
  }
  return s;
}

// The last few results: several classifiers run over the same document one after the other.
const recent: Array<{ text: string; lang: string; from: number; to: number; tokens: WordToken[] }> = [];

/**
 * Tokenises `text` between `from` and `to` into word tokens with stems, sentence breaks, quotation and negation flags.
 * The result is shared with other callers for the same input: treat it as read-only.
 */
export function prepareTokens(text: string, lang: string, from = 0, to = text.length): WordToken[] {
  for (const r of recent) if (r.text === text && r.lang === lang && r.from === from && r.to === to) return r.tokens;
  const tokens = tokenizeWords(text, lang, from, to);
  recent.unshift({ text, lang, from, to, tokens });
  if (recent.length > 4) recent.pop();
  return tokens;
}

function tokenizeWords(text: string, lang: string, from: number, to: number): WordToken[] {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  const toks = tokenize(slice);
  const out: WordToken[] = [];
  let breakPending = true;
  let depth = 0;
  let straight = false;
  let prevEnd = 0;
  for (const t of toks) {
    if (prevEnd < t.start && /[\n\r]/.test(slice.slice(prevEnd, t.start))) breakPending = true;
    prevEnd = t.end;
    const ch = t.text;
    if (ch.length === 1 && !/[\p{L}\p{N}]/u.test(ch)) {
      if (SENTENCE_END.test(ch)) breakPending = true;
      if (ch === '"') straight = !straight;
      else if (QUOTE_OPEN.has(ch) && !(ch === '“' && depth > 0)) depth++;
      else if (QUOTE_CLOSE.has(ch) && depth > 0) depth--;
      continue;
    }
    if (!/[\p{L}\p{N}]/u.test(ch)) continue;
    const lower = t.lower;
    out.push({
      start: t.start + from,
      end: t.end + from,
      lower,
      stem: stemInText(lower, lang),
      breakBefore: breakPending,
      quoted: depth > 0 || straight,
      negation: NEGATIONS.has(lower) || lower.endsWith("n't"),
    });
    breakPending = false;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Matching

export interface CueMatch {
  cue: CompiledCue;
  /** word-token indices, inclusive start, exclusive end */
  from: number;
  to: number;
  start: number;
  end: number;
  quoted: boolean;
  negated: boolean;
}

interface PhraseRef { id: number; words: CueWord[] }
interface TrieNode { next: Map<string, TrieNode>; ids?: number[] }

/** An index over many compiled cues, so one pass over the tokens finds all of them. */
export class CueIndex {
  readonly cues: CompiledCue[];
  private phrases: PhraseRef[] = [];
  private byStem = new Map<string, number[]>();
  private byExact = new Map<string, number[]>();
  private byPrefix = new Map<string, number[]>();
  /** cue index → part index → phrase ids */
  private cueParts: number[][][] = [];
  /** phrase id → cue indices that use it in part 0 */
  private anchors = new Map<number, number[]>();

  constructor(cues: CompiledCue[]) {
    this.cues = cues;
    const phraseIds = new Map<string, number>();
    cues.forEach((cue, ci) => {
      const partsIds: number[][] = [];
      cue.parts.forEach((alts, pi) => {
        const ids: number[] = [];
        for (const words of alts) {
          const key = words.map((w) => w.kind[0] + w.value).join(' ');
          let id = phraseIds.get(key);
          if (id === undefined) {
            id = this.phrases.length;
            phraseIds.set(key, id);
            this.phrases.push({ id, words });
            const first = words[0];
            const map = first.kind === 'stem' ? this.byStem : first.kind === 'exact' ? this.byExact : this.byPrefix;
            const list = map.get(first.value);
            if (list) list.push(id); else map.set(first.value, [id]);
          }
          ids.push(id);
          if (pi === 0) {
            const a = this.anchors.get(id);
            if (a) { if (!a.includes(ci)) a.push(ci); } else this.anchors.set(id, [ci]);
          }
        }
        partsIds.push(ids);
      });
      this.cueParts.push(partsIds);
    });
    for (const [prefix, ids] of this.byPrefix) {
      let node = this.trie;
      for (let i = 0; i < prefix.length; i++) {
        const ch = prefix[i];
        let next = node.next.get(ch);
        if (!next) { next = { next: new Map() }; node.next.set(ch, next); }
        node = next;
      }
      node.ids = ids;
    }
  }

  private wordMatches(w: CueWord, t: WordToken): boolean {
    if (w.kind === 'stem') return t.stem === w.value;
    if (w.kind === 'exact') return t.lower === w.value;
    return t.lower.startsWith(w.value);
  }

  // word → phrases whose first word is a prefix of it (words repeat across documents: memoised, bounded)
  private prefixMemo = new Map<string, number[] | null>();
  /** the prefixes as a character trie: one walk along a word finds every prefix phrase, without slicing */
  private trie: TrieNode = { next: new Map() };
  private prefixPhrases(lower: string): number[] | null {
    let r = this.prefixMemo.get(lower);
    if (r !== undefined) return r;
    r = null;
    let node: TrieNode | undefined = this.trie;
    for (let i = 0; i < lower.length && node; i++) {
      node = node.next.get(lower[i]);
      if (node?.ids) r = r ? r.concat(node.ids) : node.ids;
    }
    if (this.prefixMemo.size > 200_000) this.prefixMemo.clear();
    this.prefixMemo.set(lower, r);
    return r;
  }

  /** All phrase occurrences: phrase id → list of [from, to) word indices. */
  private phraseOccurrences(tokens: WordToken[]): Map<number, Array<[number, number]>> {
    const occ = new Map<number, Array<[number, number]>>();
    const tryPhrase = (id: number, i: number) => {
      const words = this.phrases[id].words;
      if (i + words.length > tokens.length) return;
      for (let k = 1; k < words.length; k++) {
        const t = tokens[i + k];
        if (t.breakBefore || !this.wordMatches(words[k], t)) return;
      }
      const list = occ.get(id);
      const span: [number, number] = [i, i + words.length];
      if (list) list.push(span); else occ.set(id, [span]);
    };
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const s = this.byStem.get(t.stem);
      if (s) for (const id of s) tryPhrase(id, i);
      const e = this.byExact.get(t.lower);
      if (e) for (const id of e) tryPhrase(id, i);
      const p = this.prefixPhrases(t.lower);
      if (p) for (const id of p) tryPhrase(id, i);
    }
    return occ;
  }

  private memo = new WeakMap<WordToken[], CueMatch[]>();

  /** Finds every cue match in the tokens (one per anchor occurrence and cue), with negation and quotation flags.
   *  Results are memoised per token array (several classifiers read the same document). */
  match(tokens: WordToken[]): CueMatch[] {
    if (tokens.length === 0) return [];
    const known = this.memo.get(tokens);
    if (known) return known;
    const out = this.matchUncached(tokens);
    this.memo.set(tokens, out);
    return out;
  }

  private matchUncached(tokens: WordToken[]): CueMatch[] {
    const occ = this.phraseOccurrences(tokens);
    const out: CueMatch[] = [];
    for (const [pid, spans] of occ) {
      const cueIds = this.anchors.get(pid);
      if (!cueIds) continue;
      for (const ci of cueIds) {
        const cue = this.cues[ci];
        const parts = this.cueParts[ci];
        for (const [from0, to0] of spans) {
          let from = from0;
          let to = to0;
          let ok = true;
          for (let p = 1; p < parts.length && ok; p++) {
            let best: [number, number] | null = null;
            let bestDist = Infinity;
            for (const id of parts[p]) {
              const list = occ.get(id);
              if (!list) continue;
              for (const [a, b] of list) {
                const dist = a >= to0 ? a - to0 : b <= from0 ? from0 - b : 0;
                if (dist <= cue.window && dist < bestDist) { best = [a, b]; bestDist = dist; }
              }
            }
            if (!best) ok = false;
            else { from = Math.min(from, best[0]); to = Math.max(to, best[1]); }
          }
          if (!ok) continue;
          let negated = false;
          if (cue.negatable) {
            for (let k = from0 - 1; k >= Math.max(0, from0 - 3); k--) {
              if (tokens[k + 1].breakBefore) break;
              if (tokens[k].negation) { negated = true; break; }
            }
          }
          let quoted = true;
          for (let k = from; k < to; k++) if (!tokens[k].quoted) { quoted = false; break; }
          out.push({ cue, from, to, start: tokens[from].start, end: tokens[to - 1].end, quoted, negated });
        }
      }
    }
    out.sort((a, b) => a.start - b.start || b.end - a.end);
    return out;
  }
}
