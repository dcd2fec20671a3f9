/**
 * Tokenisation shared by attribution, narratives and search.
 *
 * A token is a word (letters/digits with internal apostrophes, hyphens or dots: "don't", "Пушкин-Кутузов", "U.S."),
 * a number ("100,000", "3.5") or a single punctuation character. Offsets are UTF-16 indices into the input
 * (start inclusive, end exclusive), so `text.slice(start, end) === token.text`.
 */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** Lower-cased, ё folded to е, typographic apostrophes unified to '. */
  lower: string;
}

// Order matters: abbreviations with dots (U.S., т.е.), numbers with separators, words with inner joiners, any other char.
// A word starts with a letter or digit: the emoji variation selector in "⚡️Путин" (a mark) is not part of the name.
const TOKEN_RE =
  /(?:\p{L}\.){2,}(?!\p{L})|\p{N}+(?:[.,:]\p{N}+)+|[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['’ʼ\-‐‑][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

const NEEDS_FOLD = /[ёЁ’ʼ‐‑]/;

export function lowerToken(text: string): string {
  const l = text.toLowerCase();
  return NEEDS_FOLD.test(l) ? l.replace(/ё/g, 'е').replace(/[’ʼ]/g, "'").replace(/[‐‑]/g, '-') : l;
}

/** Splits text into word, number and punctuation tokens with character offsets. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text)) !== null) {
    const t = m[0];
    out.push({ text: t, start: m.index, end: m.index + t.length, lower: lowerToken(t) });
  }
  return out;
}

/** True for tokens made of letters or digits (not punctuation). */
export function isWordToken(token: { text: string }): boolean {
  return /[\p{L}\p{N}]/u.test(token.text);
}

/** Word tokens only, lower-cased: a convenience for bag-of-words consumers. */
export function words(text: string): string[] {
  return tokenize(text).filter(isWordToken).map((t) => t.lower);
}
