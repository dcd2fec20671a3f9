import { createRequire } from 'node:module';

/**
 * Stemming for en / ru / uk.
 * - en, ru: Snowball (snowball-stemmers).
 * - uk: natural's Ukrainian Porter stemmer through a deep import (importing all of natural is slow and prints).
 * Other languages: the lower-cased word. Results are memoised (bounded cache), so calling per token is cheap.
 */
const require = createRequire(import.meta.url);

interface Stemmer { stem(word: string): string }

let snowball: { newStemmer(lang: string): Stemmer } | undefined;
const stemmers = new Map<string, Stemmer | null>();

function stemmerFor(lang: string): Stemmer | null {
  let s = stemmers.get(lang);
  if (s !== undefined) return s;
  s = null;
  try {
    if (lang === 'en' || lang === 'ru') {
      snowball ??= require('snowball-stemmers') as { newStemmer(lang: string): Stemmer };
      s = snowball.newStemmer(lang === 'en' ? 'english' : 'russian');
    } else if (lang === 'uk') {
      s = require('natural/lib/natural/stemmers/porter_stemmer_uk.js') as Stemmer;
    }
  } catch {
    s = null;
  }
  stemmers.set(lang, s);
  return s;
}

const CACHE_LIMIT = 100_000;
const caches = new Map<string, Map<string, string>>();

/** Stem of one word in a language ('en', 'ru', 'uk'); lower-cases and folds ё→е first. */
export function stem(word: string, lang: string): string {
  let lower = word.toLowerCase();
  if (/[ёʼ’]/.test(lower)) lower = lower.replace(/ё/g, 'е').replace(/[’ʼ]/g, "'");
  return stemLower(lower, lang);
}

/** stem() for a word that is already lower-cased and folded (Token.lower). */
export function stemLower(lower: string, lang: string): string {
  let cache = caches.get(lang);
  if (!cache) { cache = new Map(); caches.set(lang, cache); }
  const hit = cache.get(lower);
  if (hit !== undefined) return hit;
  const stemmer = stemmerFor(lang);
  let out = lower;
  if (stemmer && /\p{L}/u.test(lower)) {
    try { out = stemmer.stem(lower) || lower; } catch { out = lower; }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(lower, out);
  return out;
}

/** Guesses en/ru/uk from the letters of a single word (for stemming mixed-language names). */
export function scriptLang(word: string, fallback = 'en'): string {
  if (/[іїєґ]/i.test(word)) return 'uk';
  if (/[ыэъё]/i.test(word)) return 'ru';
  if (/[\u0400-\u04FF]/.test(word)) return fallback === 'uk' ? 'uk' : 'ru';
  return /[a-z]/i.test(word) ? 'en' : fallback;
}
