import type { Span } from '../model/attribution.ts';

/**
 * Rule-based sentence splitter for en / ru / uk news text.
 * Splits at line breaks and after . ! ? … (plus closing quotes/brackets) when the next sentence starts with an
 * upper-case letter, a digit, an opening quote or a dash — except after known abbreviations and initials.
 * Returns spans trimmed of surrounding whitespace; offsets index the input.
 */
const ABBREV = new Set([
  // en titles and common abbreviations
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm', 'cmdr',
  'st', 'jr', 'sr', 'rev', 'hon', 'pres', 'supt', 'insp', 'messrs', 'mt', 'ft', 'no', 'nos', 'vs', 'etc', 'approx',
  'inc', 'corp', 'ltd', 'co', 'dept', 'univ', 'assn', 'bros', 'est', 'fig', 'vol', 'op', 'al',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'ky', 'la', 'md', 'mass',
  'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va', 'vt', 'wash', 'wis',
  'wyo',
  // ru / uk
  'г', 'гг', 'т', 'е', 'д', 'им', 'ул', 'пр', 'тыс', 'тис', 'млн', 'млрд', 'руб', 'грн', 'коп', 'см', 'стр', 'ст',
  'обл', 'р', 'н', 'э', 'п', 'пп', 'ген', 'проф', 'акад', 'и', 'о', 'в', 'т.е', 'т.д', 'т.п', 'др', 'пер', 'кв',
]);

/** ru/uk abbreviations that close a list or a date: "и т.д.", "и т.п.", "до н.э." end a sentence before a capital. */
const CLOSING_ABBREV = new Set(['т.д', 'т.п', 'н.э', 'н.е']);

const CLOSERS = '"”’»)]\'';
const OPENERS = '"“‘«„(\'[—–-';

export function splitSentences(text: string, _lang?: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const n = text.length;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) spans.push({ text: text.slice(s, e), start: s, end: e });
  };
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (ch === '\n' || ch === '\r') {
      push(start, i);
      start = i + 1;
      continue;
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    // Extend over runs of terminators and closing quotes/brackets.
    let j = i + 1;
    while (j < n && (text[j] === '.' || text[j] === '!' || text[j] === '?' || text[j] === '…')) j++;
    while (j < n && CLOSERS.includes(text[j])) j++;
    // Telegram Markdown: an emphasis that closes after the sentence ("рублей.** Слабый …")
    while (j < n && (text[j] === '*' || text[j] === '_') && text[j - 1] !== ' ') j++;
    if (j < n && !/[ \t\u00A0]/.test(text[j])) {
      if (text[j] !== '\n' && text[j] !== '\r') { i = j - 1; continue; }
    }
    // Next non-space character decides.
    let k = j;
    while (k < n && (text[k] === ' ' || text[k] === '\t' || text[k] === '\u00A0')) k++;
    if (k >= n) { push(start, j); start = j; i = j - 1; continue; }
    // (an emphasis that opens the next sentence: ". **Слабый рубль …")
    let m = k;
    while (m < n && m - k < 3 && (text[m] === '*' || text[m] === '_')) m++;
    const next = text[m] ?? '';
    if (next === '\n' || next === '\r') { i = k - 1; continue; }
    const startsNew = /[\p{Lu}\p{N}]/u.test(next) || OPENERS.includes(next);
    if (!startsNew) { i = j - 1; continue; }
    if (ch === '.' && j === i + 1 && isAbbreviation(text, i, next)) { i = j - 1; continue; }
    push(start, j);
    start = j;
    i = j - 1;
  }
  push(start, n);
  return spans;
}

function isAbbreviation(text: string, dot: number, next: string): boolean {
  // word before the dot
  let s = dot;
  while (s > 0 && /[\p{L}.]/u.test(text[s - 1])) s--;
  const word = text.slice(s, dot);
  if (!word) return false;
  const lower = word.toLowerCase();
  const after = text.slice(dot + 1, dot + 40);
  // Initials and dotted abbreviations: "J.", "U.S." (but not "U.S." at the real end when next is a digit); an initial
  // before a sentence-opening pronoun ends the sentence ("это 37-летняя Яна Д. Она координатор …")
  // (or before a one-letter capitalised word that is no initial: "— Максиму С. В прошлом он …")
  if (/^\p{Lu}$/u.test(word)) return !/^\s*(Она|Он|Они|Оно|Это|Вона|Він|Вони|Воно|Це|She|He|They|It)\s/u.test(after) && !/^\s*[ВКСОУИАЯ]\s+\p{Ll}/u.test(after);
  // an amount before a capitalised word ends the sentence: "… 7-10 млрд руб. При этом …"
  if (/^(руб|тыс|тис|млн|млрд|коп|грн|долл)$/.test(lower) && /^\s*\p{Lu}(\p{Ll}|\s)/u.test(after)) return false;
  // ru/uk lower-case dotted abbreviations: "г.о. Балашиха" goes on, but "в Ленинском г.о. Заблокировать …" ends after
  // the adjective it closes; "и т.д. Потом …" ends too
  if (/^(\p{Ll}\.)+\p{Ll}$/u.test(word) && /[а-яёіїєґ]/.test(lower)) {
    if (CLOSING_ABBREV.has(lower)) return false;
    const before = /(\p{L}+)\s+$/u.exec(text.slice(Math.max(0, s - 40), s));
    // ("в Одинцовском г.о. Московской области" goes on to the region)
    const region = /^\s*\p{Lu}\p{Ll}+(ой|ей|ої)\s+(области|края|республики|округа|області|краю|республіки)/u.test(text.slice(dot + 1, dot + 60));
    return region || !(before && /\p{Ll}{3,}(ом|ем|ой|ей|ым|им)$/u.test(before[1]));
  }
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return true; // "U.S. President ..." is far more common than a final "U.S."
  return ABBREV.has(lower) && !(/\p{N}/u.test(next) && lower.length > 3);
}
