import * as chrono from 'chrono-node';
import type { Span } from '../model/attribution.ts';
import { tokenize, type Token } from '../text/tokens.ts';

/**
 * Date mentions in a document, resolved against its publication time: chrono-node (en / ru / uk) plus our own rules
 * for what chrono misses (Ukrainian "напередодні"/"вчора", Russian "накануне", typographic apostrophes in
 * "п’ятницю", bare years "in late 2021"). A date without a year is the most recent such date not after publication;
 * a bare weekday is the most recent such weekday not after publication ("on Friday" in a Sunday article = 2 days ago).
 */
export interface DateMention {
  start: number;
  end: number;
  text: string;
  /** YYYY-MM-DD; month precision → first day of month, year precision → 1 January. */
  date: string;
  precision: 'day' | 'month' | 'year';
}

// Words where a date expression may be; chrono runs only on a short window around each (it is the costly part).
const TRIGGER_WORDS = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today', 'tonight',
  'week', 'month', 'year', 'неделе', 'тижня', 'мая', 'май', 'мае', 'марта', 'март', 'среду', 'среда', 'середу', 'середа',
]);
const TRIGGER_PREFIXES = [
  'январ', 'феврал', 'апрел', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр',
  'понедельник', 'вторник', 'четверг', 'пятниц', 'суббот', 'воскресень',
  'січ', 'лют', 'берез', 'квіт', 'травн', 'травень', 'червн', 'червень', 'липн', 'липень', 'серп', 'верес', 'жовт', 'листопад', 'груд',
  'понеділ', 'вівтор', 'четвер', "п'ятниц", 'пятниц', 'субот', 'неділ',
];
const NUMERIC_DATE = /^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|^\d{4}-\d{2}-\d{2}$/;

function isTrigger(lower: string): boolean {
  if (TRIGGER_WORDS.has(lower)) return true;
  const c = lower.charCodeAt(0);
  if (c >= 0x400 && c <= 0x4ff) {
    for (const p of TRIGGER_PREFIXES) if (lower.startsWith(p)) return true;
    return false;
  }
  return c >= 48 && c <= 57 && NUMERIC_DATE.test(lower);
}

const RELATIVE_WORDS: Record<string, number> = {
  'напередодні': -1, 'вчора': -1, 'учора': -1, 'позавчора': -2, 'сьогодні': 0,
  'накануне': -1, 'вчера': -1, 'позавчера': -2, 'сегодня': 0,
  'yesterday': -1, 'today': 0,
};
const RELATIVE_RE = new RegExp(`(?<![\\p{L}])(${Object.keys(RELATIVE_WORDS).join('|')})(?![\\p{L}])`, 'giu');
const YEAR_RE = /(?<![\p{L}\p{N}])((?:(?:late|early|mid|the end of|the beginning of|конце|начале|середине|кінці|початку|середині)[\s-]+)?)((?:19|20)\d{2})(?:\s*(?:года|году|год|г\.|року|рік|р\.))?(?![\p{L}\p{N}])/giu;

interface ChronoParser { parse(text: string, ref?: chrono.ParsingReference | Date, opts?: chrono.ParsingOption): chrono.ParsedResult[] }

function parserFor(lang: string): ChronoParser {
  if (lang === 'ru') return chrono.ru;
  if (lang === 'uk') return chrono.uk;
  return chrono.en;
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function ymd(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

/** Publication instant → a UTC Date at midnight of the publication day. */
export function publicationDay(publishedAt: string): Date {
  const d = new Date(publishedAt);
  if (Number.isNaN(d.getTime())) return new Date(Date.UTC(1970, 0, 1));
  return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Finds date mentions in the given sentences of text (offsets into text). */
export function findDates(text: string, sentences: Span[], lang: string, publishedAt: string, tokens?: Token[]): DateMention[] {
  const toks = tokens ?? tokenize(text);
  let ti = 0;
  const sentenceTokens = (s: Span): Token[] => {
    while (ti < toks.length && toks[ti].end <= s.start) ti++;
    const out: Token[] = [];
    for (let k = ti; k < toks.length && toks[k].start < s.end; k++) out.push(toks[k]);
    return out;
  };
  const pub = publicationDay(publishedAt);
  const ref = new Date(pub.getTime() + 12 * 3600 * 1000); // noon UTC: keeps chrono away from day boundaries
  const parser = parserFor(lang);
  const out: DateMention[] = [];
  for (const s of sentences) {
    // windows of ±40 characters around trigger words, merged
    const windows: [number, number][] = [];
    for (const tok of sentenceTokens(s)) {
      if (!isTrigger(tok.lower)) continue;
      let a = Math.max(0, tok.start - s.start - 40), b = Math.min(s.text.length, tok.end - s.start + 40);
      while (a > 0 && /[\p{L}\p{N}]/u.test(s.text[a - 1])) a--;
      while (b < s.text.length && /[\p{L}\p{N}]/u.test(s.text[b])) b++;
      const last = windows[windows.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b); else windows.push([a, b]);
    }
    const results: (chrono.ParsedResult & { offset: number })[] = [];
    for (const [wa, wb] of windows) {
      const sentence = s.text.slice(wa, wb).replace(/[’ʼ]/g, "'"); // same length: offsets stay valid
      try {
        let rs = parser.parse(sentence, { instant: ref, timezone: 0 }, { forwardDate: false });
        if (lang !== 'en' && /[a-z]{3}/i.test(sentence)) rs = rs.concat(chrono.en.parse(sentence, { instant: ref, timezone: 0 }, { forwardDate: false }));
        for (const r of rs) results.push(Object.assign(r, { offset: wa }));
      } catch {
        /* chrono failure: no dates from this window */
      }
    }
    for (const r of results) {
      const c = r.start;
      const day = c.isCertain('day');
      const month = c.isCertain('month');
      const year = c.isCertain('year');
      const weekday = c.isCertain('weekday');
      if (!day && !month && !year && !weekday) continue;
      // Skip pure numbers chrono reads as dates ("30-day", "7 of them")
      if (!/[\p{L}]/u.test(r.text) && !/\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}/.test(r.text)) continue;
      let y = c.get('year') ?? pub.getUTCFullYear();
      const m = c.get('month') ?? 1;
      const d = c.get('day') ?? 1;
      let date = ymd(y, m, d);
      let precision: DateMention['precision'] = day || weekday ? 'day' : month ? 'month' : 'year';
      if (weekday && !day) {
        // bare weekday: the most recent such day not after publication
        while (date > pub) date = new Date(date.getTime() - 7 * 86400000);
        if (pub.getTime() - date.getTime() >= 7 * 86400000) date = new Date(date.getTime() + 7 * 86400000);
      } else if (!year) {
        while (date > pub) { y -= 1; date = ymd(y, m, d); }
      }
      if (precision === 'month') date = ymd(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
      if (precision === 'year') date = ymd(date.getUTCFullYear(), 1, 1);
      const start = s.start + r.offset + r.index;
      let textOut = text.slice(start, start + r.text.length);
      // chrono.en includes a leading "on"/"in"; keep the mention itself tight
      const lead = /^(?:on|in|at|since|by|the)\s+/i.exec(textOut);
      let st = start;
      if (lead) { st += lead[0].length; textOut = textOut.slice(lead[0].length); }
      const trail = /[\s,.;:!?]+$/.exec(textOut);
      if (trail) textOut = textOut.slice(0, -trail[0].length);
      if (!textOut) continue;
      out.push({ start: st, end: st + textOut.length, text: textOut, date: isoDay(date), precision });
    }
    // Relative day words chrono misses (uk "напередодні", "вчора"; ru "накануне").
    if (!sentenceTokens(s).some((t) => t.lower in RELATIVE_WORDS || /^(?:19|20)\d\d$/.test(t.lower))) continue;
    RELATIVE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = RELATIVE_RE.exec(s.text)) !== null) {
      const start = s.start + m.index;
      const end = start + m[0].length;
      if (out.some((o) => o.start <= start && end <= o.end + 1 && o.end >= start)) continue;
      const delta = RELATIVE_WORDS[m[0].toLowerCase()] ?? 0;
      out.push({ start, end, text: m[0], date: isoDay(new Date(pub.getTime() + delta * 86400000)), precision: 'day' });
    }
    // Ukrainian weekdays with typographic apostrophes are handled by the normalisation above; bare years here.
    YEAR_RE.lastIndex = 0;
    while ((m = YEAR_RE.exec(s.text)) !== null) {
      const start = s.start + m.index;
      const end = start + m[0].length;
      const yStart = start + m[1].length;
      if (out.some((o) => o.start < end && yStart < o.end)) continue;
      const yv = Number(m[2]);
      if (yv > pub.getUTCFullYear() + 1) continue;
      // a number followed by units is not a year ("2000 soldiers")
      const after = s.text.slice(m.index + m[0].length, m.index + m[0].length + 12);
      if (/^\s*(?:people|soldiers|troops|km|kilometers|miles|человек|военных|км|людей|осіб|військових)/i.test(after)) continue;
      out.push({ start, end, text: text.slice(start, end), date: `${yv}-01-01`, precision: 'year' });
    }
  }
  // dedupe overlapping mentions, keeping the longer one
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateMention[] = [];
  for (const d of out) {
    const prev = kept[kept.length - 1];
    if (prev && d.start < prev.end) {
      if (d.end - d.start > prev.end - prev.start) kept[kept.length - 1] = d;
      continue;
    }
    kept.push(d);
  }
  return kept;
}
