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
  'январ', 'феврал', 'март', 'апрел', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр',
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

/** The part of a chrono result we use (our fast parser yields the same shape). */
interface DateResult {
  index: number;
  text: string;
  start: { isCertain(k: 'day' | 'month' | 'year' | 'weekday'): boolean; get(k: 'day' | 'month' | 'year' | 'weekday'): number | null };
}

const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_EN_RE = '(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)';
const MONTH_SL = [
  ['январ', 'січ'], ['феврал', 'лют'], ['март', 'берез'], ['апрел', 'квіт'], ['ма[йяе]', 'трав'], ['июн', 'черв'],
  ['июл', 'лип'], ['август', 'серп'], ['сентябр', 'верес'], ['октябр', 'жовт'], ['ноябр', 'листопад'], ['декабр', 'груд'],
];
const MONTH_SL_RE = '(' + MONTH_SL.map(([ru, uk]) => `${ru}[\\p{L}]*|${uk}[\\p{L}]*`).join('|') + ')';
const WEEKDAYS: Record<string, number> = {
  sunday: 0, monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5, saturday: 6,
  'воскресенье': 0, 'понедельник': 1, 'вторник': 2, 'среду': 3, 'четверг': 4, 'пятницу': 5, 'субботу': 6,
  'неділю': 0, 'понеділок': 1, 'вівторок': 2, 'середу': 3, 'четвер': 4, "п'ятницю": 5, 'суботу': 6,
};
const FAST_EN = [
  new RegExp(`(?<![\\p{L}\\p{N}])${MONTH_EN_RE}\\.? (\\d{1,2})(?:st|nd|rd|th)?(?![\\p{L}\\p{N}])(?:,? (\\d{4})(?!\\d))?`, 'giu'),
  new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2})(?:st|nd|rd|th)? (?:of )?${MONTH_EN_RE}(?![\\p{L}])(?:,? (\\d{4})(?!\\d))?`, 'giu'),
  new RegExp(`(?<![\\p{L}\\p{N}])${MONTH_EN_RE} (?:of )?(\\d{4})(?!\\d)`, 'giu'),
  /(?<![\p{L}])(sunday|monday|tuesday|wednesday|thursday|friday|saturday)(?![\p{L}])/giu,
  new RegExp(`(?<![\\p{L}\\p{N}])${MONTH_EN_RE}(?![\\p{L}\\p{N}])`, 'gu'),
];
const FAST_SL = [
  new RegExp(`(?<![\\p{L}\\p{N}])(\\d{1,2}) ${MONTH_SL_RE}(?: (\\d{4})(?!\\d)(?: ?(?:года|году|г\\.|року|р\\.))?)?`, 'giu'),
  new RegExp(`(?<![\\p{L}\\p{N}])${MONTH_SL_RE} (\\d{4})(?!\\d)(?: ?(?:года|году|г\\.|року|р\\.))?`, 'giu'),
  /(?<![\p{L}])(?:в|во|у) (воскресенье|понедельник|вторник|среду|четверг|пятницу|субботу|неділю|понеділок|вівторок|середу|четвер|п'ятницю|суботу)(?![\p{L}])/giu,
  new RegExp(`(?<![\\p{L}])(?:в|во|у|с|со|з|із|до|к|по|начале|конце|середине|початку|кінці|середині) ${MONTH_SL_RE}(?![\\p{L}])`, 'giu'),
];

function monthIndex(word: string, lang: string): number {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (lang === 'en') {
    const i = MONTHS_EN.findIndex((m) => m === w || (w.length >= 3 && m.startsWith(w)));
    return i >= 0 ? i + 1 : 0;
  }
  for (let i = 0; i < MONTH_SL.length; i++) {
    const [ru, uk] = MONTH_SL[i];
    if (new RegExp(`^(?:${ru}|${uk})`, 'u').test(w)) return i + 1;
  }
  return 0;
}

type Parts = { day?: number; month?: number; year?: number; weekday?: number };

function result(index: number, text: string, parts: Parts, implied: Parts = {}): DateResult {
  return {
    index, text,
    start: {
      isCertain: (k) => parts[k] !== undefined,
      get: (k) => parts[k] ?? implied[k] ?? null,
    },
  };
}

/** The year of the most recent such month not after publication. */
function inferYear(month: number, pub: Date): Parts {
  const y = pub.getUTCFullYear();
  return { year: month > pub.getUTCMonth() + 1 ? y - 1 : y, day: 1 };
}

/** The most recent given weekday not after the publication day, as implied day/month/year. */
function weekdayParts(weekday: number, pub: Date): Parts {
  const back = (pub.getUTCDay() - weekday + 7) % 7;
  const d = new Date(pub.getTime() - back * 86400000);
  return { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear() };
}

/**
 * Common date patterns ("March 13", "13 March 2025", "August 2024", "on Friday", "13 марта", "серпня 2024 року",
 * "у п'ятницю"). Returns null when a trigger word of the window is not covered, so chrono handles it.
 */
function fastParse(text: string, lang: string, triggers: number[], pub: Date): DateResult[] | null {
  const out: DateResult[] = [];
  const covered = (pos: number) => out.some((r) => r.index <= pos && pos < r.index + r.text.length);
  const run = (re: RegExp, make: (m: RegExpExecArray) => DateResult | undefined) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (covered(m.index)) continue;
      const r = make(m);
      if (r) out.push(r);
    }
  };
  const isMay = (w: string) => /^may$/i.test(w) && w !== 'May';
  // relative periods: "last week", "this year"; the RELATIVE pass handles "yesterday"/"today"
  const skip: [number, number][] = [];
  {
    const re = /(?<![\p{L}])(last|this|past|previous|next|прошлой|прошлом|прошлого|этой|этом|этого|минулого|минулому|цього|цьому) ?(week|month|year|неделе|месяце|году|тижня|тижні|місяця|місяці|року)(?![\p{L}])/giu;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const which = m[1].toLowerCase(), unit = m[2].toLowerCase();
      const prevP = /^(last|past|previous|прошл|минул)/.test(which), next = which === 'next';
      if (next) { skip.push([m.index, m.index + m[0].length]); continue; }
      const u = /^(week|недел|тиж)/.test(unit) ? 'week' : /^(month|месяц|місяц)/.test(unit) ? 'month' : 'year';
      const y = pub.getUTCFullYear(), mo = pub.getUTCMonth() + 1;
      if (u === 'week') {
        const d = new Date(pub.getTime() - (prevP ? 7 : 0) * 86400000);
        out.push(result(m.index, m[0], { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear() }));
      } else if (u === 'month') {
        const pm = prevP ? (mo === 1 ? 12 : mo - 1) : mo, py = prevP && mo === 1 ? y - 1 : y;
        out.push(result(m.index, m[0], { month: pm, year: py }));
      } else {
        out.push(result(m.index, m[0], { year: prevP ? y - 1 : y }));
      }
    }
  }
  for (const t of triggers) if (/^(yesterday|today|tonight)$/i.test(text.slice(t, t + 9).split(/[^\p{L}]/u)[0])) skip.push([t, t + 9]);
  if (lang === 'en') {
    run(FAST_EN[0], (m) => (isMay(m[1]) ? undefined : result(m.index, m[0], { month: monthIndex(m[1], 'en'), day: Number(m[2]), ...(m[3] ? { year: Number(m[3]) } : {}) })));
    run(FAST_EN[1], (m) => (isMay(m[2]) ? undefined : result(m.index, m[0], { day: Number(m[1]), month: monthIndex(m[2], 'en'), ...(m[3] ? { year: Number(m[3]) } : {}) })));
    run(FAST_EN[2], (m) => (isMay(m[1]) ? undefined : result(m.index, m[0], { month: monthIndex(m[1], 'en'), year: Number(m[2]) })));
    run(FAST_EN[4], (m) => (isMay(m[1]) || !/^\p{Lu}/u.test(m[1]) ? undefined : result(m.index, m[0], { month: monthIndex(m[1], 'en') }, inferYear(monthIndex(m[1], 'en'), pub))));
    run(FAST_EN[3], (m) => result(m.index, m[0], { weekday: WEEKDAYS[m[1].toLowerCase()] }, weekdayParts(WEEKDAYS[m[1].toLowerCase()], pub)));
  } else {
    run(FAST_SL[0], (m) => result(m.index, m[0], { day: Number(m[1]), month: monthIndex(m[2], lang), ...(m[3] ? { year: Number(m[3]) } : {}) }));
    run(FAST_SL[1], (m) => result(m.index, m[0], { month: monthIndex(m[1], lang), year: Number(m[2]) }));
    run(FAST_SL[3], (m) => result(m.index, m[0], { month: monthIndex(m[1], lang) }, inferYear(monthIndex(m[1], lang), pub)));
    run(FAST_SL[2], (m) => result(m.index, m[0], { weekday: WEEKDAYS[m[1].toLowerCase()] }, weekdayParts(WEEKDAYS[m[1].toLowerCase()], pub)));
  }
  const valid = out.filter((r) => {
    const d = r.start.get('day'), mo = r.start.get('month');
    return (mo === null || (mo >= 1 && mo <= 12)) && (d === null || (d >= 1 && d <= 31));
  });
  for (const t of triggers) {
    if (skip.some(([a, b]) => a <= t && t < b)) continue;
    if (!valid.some((r) => r.index <= t && t < r.index + r.text.length)) return null;
  }
  return valid;
}

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
export function findDates(text: string, sentences: Span[], lang: string, publishedAt: string, tokens?: Token[], sentTok?: [number, number][]): DateMention[] {
  const toks = tokens ?? tokenize(text);
  let ti = 0;
  let si = 0;
  const sentenceTokens = (s: Span): Token[] => {
    if (sentTok) {
      while (si < sentences.length && sentences[si] !== s) si++;
      if (si < sentences.length) return toks.slice(sentTok[si][0], sentTok[si][1]);
    }
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
    const stoks = sentenceTokens(s);
    const trig: number[] = [];
    for (let ti2 = 0; ti2 < stoks.length; ti2++) {
      const tok = stoks[ti2];
      if (!isTrigger(tok.lower)) continue;
      // "may" is mostly the modal; "week"/"month"/"year" only count after last/this/next/past
      if (tok.lower === 'may' && tok.text === 'may') continue;
      if (/^(week|month|year)$/.test(tok.lower) && !/^(last|this|next|past|previous)$/.test(stoks[ti2 - 1]?.lower ?? '')) continue;
      trig.push(tok.start - s.start);
      let a = Math.max(0, tok.start - s.start - 16), b = Math.min(s.text.length, tok.end - s.start + 18);
      while (a > 0 && /[\p{L}\p{N}]/u.test(s.text[a - 1])) a--;
      while (b < s.text.length && /[\p{L}\p{N}]/u.test(s.text[b])) b++;
      const last = windows[windows.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b); else windows.push([a, b]);
    }
    const results: (DateResult & { offset: number })[] = [];
    for (const [wa, wb] of windows) {
      const sentence = s.text.slice(wa, wb).replace(/[’ʼ]/g, "'"); // same length: offsets stay valid
      // common patterns without chrono (it costs ~0.2 ms a call); chrono for anything else
      const fast = fastParse(sentence, lang, trig.filter((p) => p >= wa && p < wb).map((p) => p - wa), pub);
      if (fast) {
        for (const r of fast) results.push(Object.assign(r, { offset: wa }));
        continue;
      }
      try {
        let rs = parser.parse(sentence, { instant: ref, timezone: 0 }, { forwardDate: false });
        if (lang !== 'en' && /[a-z]{3}/i.test(sentence)) rs = rs.concat(chrono.en.parse(sentence, { instant: ref, timezone: 0 }, { forwardDate: false }));
        for (const r of rs) results.push(Object.assign(r as unknown as DateResult, { offset: wa }));
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
    if (!stoks.some((t) => t.lower in RELATIVE_WORDS || /^(?:19|20)\d\d$/.test(t.lower))) continue;
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
