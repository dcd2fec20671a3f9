/**
 * Event calendars and their relation to surges.
 *
 * - `parseEventCalendar(text, 'csv' | 'yaml')`: rows `date,title,kind[,source]` (CSV with a header line) or a YAML list
 *   (top-level list or `events:` list) of `{date, title, kind, source?}`. `date` is `YYYY-MM-DD` or an ISO 8601
 *   date-time. Errors name the line.
 * - `precedingEvents(surge, events, maxLagDays = 7)`: events on the onset day or up to `maxLagDays` days before it,
 *   with the lag in whole (UTC) days.
 * - `eventAssociation(onsets, events, kind, opts)`: do surges follow events of a kind more often than chance?
 *   Observed share = fraction of onsets preceded (lag 0..maxLagDays) by an event of that kind. Null model: the
 *   onsets are moved at random within the observed range (default: independently and uniformly by day; option
 *   `null: 'circular'` rotates all onsets by one random offset, keeping their spacing), with a seeded PRNG.
 *   p = (1 + #{permutations with share >= observed}) / (1 + permutations).
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import { DAY_MS, mulberry32 } from './util.ts';

export interface CalendarEvent {
  /** `YYYY-MM-DD` (UTC day). */
  date: string;
  /** ISO 8601 instant (midnight UTC for plain dates). */
  at: string;
  title: string;
  kind: string;
  source?: string;
  /** 1-based line in the calendar file. */
  line?: number;
}

export class EventCalendarError extends Error {
  constructor(message: string, readonly line?: number) {
    super(line !== undefined ? `line ${line}: ${message}` : message);
    this.name = 'EventCalendarError';
  }
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

function normaliseEvent(raw: Record<string, unknown>, line: number | undefined): CalendarEvent {
  const get = (k: string) => {
    const v = raw[k];
    if (v === undefined || v === null) return '';
    if (v instanceof Date) return v.toISOString();
    return String(v).trim();
  };
  const date = get('date');
  const title = get('title');
  const kind = get('kind');
  const source = get('source');
  if (!date) throw new EventCalendarError('missing date', line);
  if (!title) throw new EventCalendarError('missing title', line);
  if (!kind) throw new EventCalendarError('missing kind', line);
  let ms: number;
  if (DATE_RE.test(date)) {
    ms = Date.parse(`${date}T00:00:00Z`);
    if (!Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
      throw new EventCalendarError(`invalid date "${date}"`, line);
    }
  } else {
    ms = /^\d{4}-\d{2}-\d{2}T/.test(date) ? Date.parse(date) : NaN;
    if (!Number.isFinite(ms)) throw new EventCalendarError(`invalid date "${date}" (expected YYYY-MM-DD or ISO 8601)`, line);
  }
  const ev: CalendarEvent = { date: new Date(ms).toISOString().slice(0, 10), at: new Date(ms).toISOString(), title, kind };
  if (source) ev.source = source;
  if (line !== undefined) ev.line = line;
  return ev;
}

/** Parses an event calendar; throws `EventCalendarError` with the line number on bad input. */
export function parseEventCalendar(text: string, format: 'csv' | 'yaml'): CalendarEvent[] {
  const body = text.replace(/^\uFEFF/, '');
  if (format === 'csv') {
    let rows: { record: Record<string, string>; info: { lines: number } }[];
    try {
      rows = parseCsv(body, { columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), skip_empty_lines: true, trim: true, info: true, comment: '#' }) as typeof rows;
    } catch (err) {
      const e = err as { message: string; lines?: number };
      throw new EventCalendarError(`CSV: ${e.message.replace(/^Invalid Record Length: /, '')}`, e.lines);
    }
    if (rows.length) {
      const cols = Object.keys(rows[0].record);
      for (const c of ['date', 'title', 'kind']) if (!cols.includes(c)) throw new EventCalendarError(`CSV header lacks the column "${c}" (need date,title,kind[,source])`, 1);
    } else {
      const header = body.split(/\r?\n/).find((l) => l.trim() && !l.startsWith('#')) ?? '';
      const cols = header.split(',').map((x) => x.trim().toLowerCase());
      if (header && !['date', 'title', 'kind'].every((c) => cols.includes(c))) throw new EventCalendarError('CSV header must contain date,title,kind', 1);
    }
    return rows.map((r) => normaliseEvent(r.record, r.info.lines));
  }
  if (format === 'yaml') {
    const lc = new LineCounter();
    const doc = parseDocument(body, { lineCounter: lc });
    if (doc.errors.length) {
      const e = doc.errors[0];
      throw new EventCalendarError(`YAML: ${e.message.split('\n')[0]}`, e.linePos?.[0]?.line);
    }
    let seq: Node | null | undefined = doc.contents as Node | null;
    if (isMap(seq)) seq = seq.get('events', true) as Node | undefined;
    if (seq === null || seq === undefined) return [];
    if (!isSeq(seq)) throw new EventCalendarError('YAML: expected a list of events (or an `events:` list)', 1);
    return seq.items.map((item) => {
      const line = item && (item as Node).range ? lc.linePos((item as Node).range![0]).line : undefined;
      if (!isMap(item)) throw new EventCalendarError('each event must be a mapping with date, title, kind', line);
      return normaliseEvent(item.toJSON() as Record<string, unknown>, line);
    });
  }
  throw new EventCalendarError(`unknown calendar format: ${String(format)}`);
}

function dayOf(t: string | Date | number): number {
  const ms = typeof t === 'number' ? t : t instanceof Date ? t.getTime() : Date.parse(t);
  if (!Number.isFinite(ms)) throw new Error(`invalid date: ${String(t)}`);
  return Math.floor(ms / DAY_MS);
}

export type PrecedingEvent = CalendarEvent & { lagDays: number };

/** Events on the onset day or up to `maxLagDays` before it, nearest first. */
export function precedingEvents(surge: { onset: string | Date }, events: CalendarEvent[], maxLagDays = 7): PrecedingEvent[] {
  const onset = dayOf(surge.onset);
  const out: PrecedingEvent[] = [];
  for (const ev of events) {
    const lag = onset - dayOf(ev.at);
    if (lag >= 0 && lag <= maxLagDays) out.push({ ...ev, lagDays: lag });
  }
  return out.sort((a, b) => a.lagDays - b.lagDays || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}

export interface AssociationOptions {
  maxLagDays?: number;
  permutations?: number;
  seed?: number;
  /** Range within which onsets are moved (default: first to last onset). */
  range?: { from: string | Date; to: string | Date };
  null?: 'uniform' | 'circular';
}

export interface AssociationResult {
  kind: string;
  onsets: number;
  /** Onsets preceded by an event of the kind. */
  observed: number;
  observedShare: number;
  expectedShare: number;
  pValue: number;
  permutations: number;
  maxLagDays: number;
  range: { from: string; to: string };
  /** Events of the kind inside the range (plus the lag before it). */
  events: number;
}

/** Permutation test: are surge onsets preceded by events of `kind` more often than randomly placed onsets? */
export function eventAssociation(
  surgeOnsets: (string | Date)[], events: CalendarEvent[], kind: string, opts: AssociationOptions = {},
): AssociationResult {
  const maxLag = opts.maxLagDays ?? 7;
  const P = opts.permutations ?? 999;
  const rnd = mulberry32(opts.seed ?? 1);
  const onsets = surgeOnsets.map(dayOf);
  const from = opts.range ? dayOf(opts.range.from) : onsets.length ? Math.min(...onsets) : 0;
  const to = opts.range ? dayOf(opts.range.to) : onsets.length ? Math.max(...onsets) : 0;
  const span = to - from + 1;
  const rangeIso = { from: new Date(from * DAY_MS).toISOString().slice(0, 10), to: new Date(to * DAY_MS).toISOString().slice(0, 10) };
  // covered[d - from] = some event of the kind in [d - maxLag, d]
  const covered = new Uint8Array(Math.max(0, span));
  let nEvents = 0;
  for (const ev of events) {
    if (ev.kind !== kind) continue;
    const e = dayOf(ev.at);
    if (e > to || e < from - maxLag) continue;
    nEvents++;
    for (let d = Math.max(e, from); d <= Math.min(e + maxLag, to); d++) covered[d - from] = 1;
  }
  const hit = (d: number) => (d >= from && d <= to ? covered[d - from] : 0);
  const n = onsets.length;
  let observed = 0;
  for (const d of onsets) observed += hit(d);
  if (n === 0 || span <= 0) {
    return { kind, onsets: n, observed: 0, observedShare: 0, expectedShare: 0, pValue: 1, permutations: 0, maxLagDays: maxLag, range: rangeIso, events: nEvents };
  }
  let sumShares = 0;
  let atLeast = 0;
  const mode = opts.null ?? 'uniform';
  for (let p = 0; p < P; p++) {
    let k = 0;
    if (mode === 'circular') {
      const off = Math.floor(rnd() * span);
      for (const d of onsets) k += covered[(d - from + off) % span];
    } else {
      for (let i = 0; i < n; i++) k += covered[Math.floor(rnd() * span)];
    }
    sumShares += k / n;
    if (k >= observed) atLeast++;
  }
  return {
    kind,
    onsets: n,
    observed,
    observedShare: observed / n,
    expectedShare: sumShares / P,
    pValue: (1 + atLeast) / (1 + P),
    permutations: P,
    maxLagDays: maxLag,
    range: rangeIso,
    events: nEvents,
  };
}
