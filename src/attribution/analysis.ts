import type { Span } from '../model/attribution.ts';
import { tokenize, type Token } from '../text/tokens.ts';
import { splitSentences } from '../text/sentences.ts';
import { stemLower } from '../text/stem.ts';
import { maskMarkdownLinks } from '../text/normalize.ts';
import { findQuotes, type Quote } from './quotes.ts';
import { findDates, type DateMention } from './dates.ts';
import { lexicon, type Lexicon, type CueEntry } from './lexicon.ts';

/** A cue occurrence: tokens [tok, tokEnd). */
export interface CueHit { tok: number; tokEnd: number; entry: CueEntry; start: number; end: number }

/** Everything the rule-based stages share about one text: tokens, stems, sentences, quotes, dates, cue hits. */
export interface TextAnalysis {
  text: string;
  lang: string;
  lex: Lexicon;
  tokens: Token[];
  stems: string[];
  sentences: Span[];
  /** Sentence index of each token. */
  sentOf: Int32Array;
  /** [first token, end token) of each sentence. */
  sentTok: [number, number][];
  quotes: Quote[];
  /** Index (into quotes) of the outermost quote whose interior contains the token, or -1. */
  quoteOf: Int32Array;
  dates: DateMention[];
  /** Index (into dates) of the date mention covering the token, or -1. */
  dateOf: Int32Array;
  /** Cue hits in text order (longest match per position, no overlaps). */
  cues: CueHit[];
  /** Cue hit index starting at each token, or -1. */
  cueAt: Int32Array;
  /** 1 where a title / group / content-noun phrase covers the token. */
  lexCover: Uint8Array;
  /** 1 where a token is a cue form or a content noun, whatever its use ("Trump's call to", "claims"). */
  claimWord: Uint8Array;
}

export function analyze(original: string, langIn: string, publishedAt: string, opts: { dates?: boolean } = {}): TextAnalysis {
  // (link targets are hidden, not removed: offsets still index the original text; span texts are re-read from it)
  const text = maskMarkdownLinks(original);
  const lex = lexicon(langIn);
  const lang = lex.lang;
  const tokens = tokenize(text);
  const stems = tokens.map((t) => (isWord(t) && !/^\p{N}+$/u.test(t.text) ? stemLower(t.lower, lang) : t.lower));
  const sentences = splitSentences(text, lang);
  const sentOf = new Int32Array(tokens.length);
  const sentTok: [number, number][] = sentences.map(() => [0, 0]);
  let si = 0;
  for (let i = 0; i < tokens.length; i++) {
    while (si < sentences.length - 1 && tokens[i].start >= sentences[si].end) si++;
    sentOf[i] = si;
  }
  for (let s = 0; s < sentences.length; s++) sentTok[s] = [tokens.length, tokens.length];
  for (let i = tokens.length - 1; i >= 0; i--) sentTok[sentOf[i]][0] = i;
  for (let i = 0; i < tokens.length; i++) sentTok[sentOf[i]][1] = i + 1;

  const quotes = findQuotes(text);
  const quoteOf = new Int32Array(tokens.length).fill(-1);
  {
    let qi = 0;
    // outermost quotes only (depth 0); walk both lists in order
    const outer = quotes.map((q, i) => [q, i] as const).filter(([q]) => q.depth === 0);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      while (qi < outer.length && outer[qi][0].innerEnd <= t.start) qi++;
      if (qi < outer.length && outer[qi][0].innerStart <= t.start && t.end <= outer[qi][0].innerEnd) quoteOf[i] = outer[qi][1];
    }
  }

  const dates = opts.dates === false ? [] : findDates(text, sentences, lang, publishedAt, tokens, sentTok);
  const dateOf = new Int32Array(tokens.length).fill(-1);
  {
    let di = 0;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      while (di < dates.length && dates[di].end <= t.start) di++;
      if (di < dates.length && dates[di].start < t.end && t.start < dates[di].end) dateOf[i] = di;
    }
  }

  const cues: CueHit[] = [];
  const cueAt = new Int32Array(tokens.length).fill(-1);
  const claimWord = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const m = lex.cues.matchAt(tokens, i);
    let entry = m?.value;
    let len = m?.len ?? 0;
    if (!entry && lang !== 'en') {
      const e = lex.cueStems.get(stems[i]);
      // other inflections of a listed verb, but not nouns of the same stem ("заяви", "заявление")
      if (e && tokens[i].lower.length > 3 && SLAVIC_VERB_END.test(tokens[i].lower) && slavicFiniteUse(tokens[i].lower, stems[i], e.lemma, lang)) { entry = e; len = 1; }
    }
    if (!entry) continue;
    claimWord[i] = 1;
    if (lang === 'en' && !englishVerbUse(tokens, i, len, entry, lex)) continue;
    cueAt[i] = cues.length;
    cues.push({ tok: i, tokEnd: i + len, entry, start: tokens[i].start, end: tokens[i + len - 1].end });
    i += len - 1;
  }

  const lexCover = new Uint8Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const m = lex.titles.matchAt(tokens, i, stems) ?? lex.groups.matchAt(tokens, i, stems) ?? lex.contentNouns.matchAt(tokens, i, stems);
    if (m) for (let k = 0; k < m.len; k++) lexCover[i + k] = 1;
    if (lex.contentNouns.matchAt(tokens, i, stems)) claimWord[i] = 1;
  }

  return { text, lang, lex, tokens, stems, sentences, sentOf, sentTok, quotes, quoteOf, dates, dateOf, cues, cueAt, lexCover, claimWord };
}

const EN_POSSESSIVE = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'whose', 'no', 'any', 'every', 'each', 'such']);
const EN_PREP_BEFORE_NOUN = new Set(['of', 'in', 'for', 'with', 'by', 'from', 'about', 'on', 'at', 'into', 'under', 'over', 'against', 'amid', 'after', 'before', 'without']);
const EN_QUANTIFIER = new Set(['many', 'several', 'some', 'all', 'both', 'most', 'few', 'other', 'member', 'two', 'three', 'numerous', 'various', 'recent', 'further', 'new', 'such', 'more', 'these', 'those']);
const EN_NOUNISH = new Set(['state', 'note', 'report', 'claim', 'call', 'post', 'question', 'answer', 'comment', 'charge', 'plan', 'support', 'view', 'hope', 'fear', 'doubt', 'attack', 'label', 'brand', 'counter', 'echo', 'quote', 'remark', 'promise', 'pledge', 'vow', 'demand', 'tweet', 'signal', 'hint', 'estimate', 'judge', 'dispute', 'reply', 'repeat', 'stress', 'wish', 'like', 'mention', 'praise', 'blame', 'joke', 'show', 'find', 'release', 'highlight', 'comment', 'record']);
const EN_IRREGULAR_PAST = /^(said|told|wrote|written|thought|knew|known|found|saw|seen|felt|spoke|spoken|sought|understood|shown|showed|learned|learnt)$/;

/**
 * Whether an English cue form is used as a verb here ("the report says" vs "in a report by", "state media",
 * "Trump's call to", "media claims accusing").
 */
function englishVerbUse(tokens: Token[], i: number, len: number, entry: CueEntry, lex: Lexicon): boolean {
  if (entry.frame !== 'verb') return true;
  const t = tokens[i];
  const prev = tokens[i - 1];
  const next = tokens[i + len];
  const form = t.lower;
  if (prev && (EN_POSSESSIVE.has(prev.lower) || /['’]s$/.test(prev.text) || prev.text === "'" || prev.text === '’')) return false;
  // "have stepped up claims that", "intensified allegations": the object of a verb is a noun
  if (prev && (lex.claimPushers.matchAt(tokens, i - 1) || (/^(up|down)$/.test(prev.lower) && lex.claimPushers.matchAt(tokens, i - 2)))) return false;
  if (/^\p{Lu}/u.test(t.text) && prev && !/^[.!?"“”«»:;\-—–(]$/.test(prev.text)) return false; // "State Department", "Post"
  const past = /ed$/.test(form) || EN_IRREGULAR_PAST.test(form);
  const ing = /ing$/.test(form);
  if (!past && !ing) {
    if (prev && EN_PREP_BEFORE_NOUN.has(prev.lower)) return false;
    // "Russian state news agency TASS", "Ukrainian state media": "state" after a nationality is a noun
    if (entry.lemma === 'state' && prev && /^\p{Lu}/u.test(prev.text) && next && /^(news|media|agency|television|tv|broadcaster|run|owned|controlled|department|secretary|outlets?|channels?|duma)$/i.test(next.text)) return false;
    // "a Telegram post", "an Interfax report": an indefinite article and a name make a noun phrase
    if (prev && /^\p{Lu}/u.test(prev.text) && /^(a|an)$/i.test(tokens[i - 2]?.text ?? '')) return false;
    if (prev && EN_QUANTIFIER.has(prev.lower)) return false; // "many states", "several reports"
    // a noun-ambiguous -s form before the sentence end is a plural noun ("… the Western states.")
    if (/s$/.test(form) && (!next || /^[.!?;]$/.test(next.text)) && EN_NOUNISH.has(entry.lemma)) return false;
    if (next && (next.lower === 'of' || next.lower === 'by' || (lex.npWords.has(next.lower) && !lex.determiners.has(next.lower)) && /^[a-z]/.test(next.text))) return false;
    if (next && /^[a-z]+ing$/.test(next.text) && /s$/.test(form)) return false;
  }
  if (past && prev && EN_PREP_BEFORE_NOUN.has(prev.lower) && prev.lower !== 'by') return false;
  return true;
}

/**
 * An unlisted inflection found by stem is a reporting use only as a finite verb or gerund: not a noun equal to the
 * stem («ответ», «в ответ»), not an infinitive («Достаточно указать», «Написать нам»), not a reflexive form of a
 * non-reflexive verb («называется», «отмечается» is listed as impersonal on its own).
 */
function slavicFiniteUse(lower: string, stem: string, lemma: string, lang: string): boolean {
  if (lower === stem) return false;
  // Ukrainian 3sg presents end in -ть too («говорить»): there only -ти is an infinitive
  if (lang === 'uk' ? /ти$/.test(lower) : /(ть|ти|чь)$/.test(lower)) return false;
  if (/(ся|сь)$/.test(lower) && !/(ся|сь)$/.test(lemma.split(' ')[0])) return false;
  return true;
}

const SLAVIC_VERB_END = /(л|ла|ли|ло|лся|лась|лись|лось|в|вши|вшись|ет|ёт|ют|ут|ит|ят|ать|ять|ить|еть|ти|ться|ется|ются|ится|ятся|є|ює|ють|ить|ять|ючи|ячи|ся|сь)$/;

/** Index of the first token whose end is after pos (the token at or after a character offset). */
export function tokenAtOrAfter(a: TextAnalysis, pos: number): number {
  let lo = 0, hi = a.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a.tokens[mid].end <= pos) lo = mid + 1; else hi = mid;
  }
  return lo;
}

export function isCap(t: Token | undefined): boolean {
  if (!t) return false;
  const c = t.text.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  if (c >= 0x400 && c <= 0x42f) return true; // Cyrillic capitals Ѐ..Я
  if (c >= 0x430 && c <= 0x45f) return false;
  return /^\p{Lu}/u.test(t.text);
}

export function isWord(t: Token | undefined): boolean {
  if (!t) return false;
  const c = t.text.charCodeAt(0);
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (t.text.length > 1 && /[\p{L}\p{N}]/u.test(t.text));
  return /[\p{L}\p{N}]/u.test(t.text);
}

export function isPunct(t: Token | undefined): boolean {
  return !!t && !/[\p{L}\p{N}]/u.test(t.text);
}

/** Span of tokens [a, b) as a Span into the text. */
export function tokSpan(an: TextAnalysis, a: number, b: number): Span {
  const start = an.tokens[a].start;
  const end = an.tokens[b - 1].end;
  return { text: an.text.slice(start, end), start, end };
}

/** Trims whitespace and the given punctuation from both ends of [start, end). */
export function trimSpan(text: string, start: number, end: number, chars = /[\s,;:—–\-]/): Span {
  while (start < end && chars.test(text[start])) start++;
  while (end > start && chars.test(text[end - 1])) end--;
  return { text: text.slice(start, end), start, end };
}
