/**
 * Timelines: bucket timestamped items (mentions, documents, anything with a time) into hour / day / week buckets,
 * grouped by a key (actor type, actor, stance, language, source, narrative, or a custom function).
 *
 * Buckets are UTC by default. With `timeZone` (IANA name), bucket boundaries are local midnights / hours / Monday
 * midnights in that zone; UTC offsets come from `Intl.DateTimeFormat` (cached per 15-minute slot, so DST changes are
 * honoured). Weeks start on Monday (ISO 8601). With a DST zone and hour buckets, the repeated autumn hour falls into
 * one local-hour bucket and the skipped spring hour is an empty bucket.
 *
 * `TimelineAccumulator.add(items)` updates counts incrementally; `toTimeline()` materialises dense series.
 */
import { DAY_MS, HOUR_MS } from './util.ts';

export type TimelineBucket = 'hour' | 'day' | 'week';
export type TimelineKeyName = 'actorType' | 'actor' | 'stance' | 'language' | 'source' | 'narrative';

export interface TimelineOptions<T> {
  bucket?: TimelineBucket;
  /** IANA time zone for bucket boundaries and labels (default UTC). */
  timeZone?: string;
  /** Grouping key: a known field name or a function; items with no key count under `unknown`. Default: no grouping (key `all`). */
  key?: TimelineKeyName | ((item: T) => string | null | undefined);
  /** Timestamp accessor (default: `item.at`, else `item.publishedAt`, else `item.date`). */
  time?: (item: T) => string | Date | number;
  /** Optional weight accessor (default 1 per item). */
  weight?: (item: T) => number;
}

export interface Timeline {
  bucket: TimelineBucket;
  timeZone: string;
  /** ISO UTC instant at which each bucket starts. */
  starts: string[];
  /** Local label of each bucket: `YYYY-MM-DD` (day, week = its Monday) or `YYYY-MM-DDTHH:00` (hour). */
  labels: string[];
  /** Keys by descending total. */
  keys: string[];
  series: Record<string, number[]>;
  /** Sum over keys per bucket. */
  total: number[];
}

// ---------------------------------------------------------------------------------------------------------------
// Time-zone offsets

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();
const SLOT_MS = 15 * 60_000;

/** Offset (ms) of `timeZone` from UTC at the instant `utcMs` (local = utc + offset). */
export function timeZoneOffsetMs(timeZone: string, utcMs: number): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0;
  let cache = offsetCache.get(timeZone);
  if (!cache) { cache = new Map(); offsetCache.set(timeZone, cache); }
  const slot = Math.floor(utcMs / SLOT_MS);
  const hit = cache.get(slot);
  if (hit !== undefined) return hit;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const t = slot * SLOT_MS; // offsets change on slot boundaries in every real zone
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(t))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour === 24 ? 0 : parts.hour, parts.minute, parts.second);
  const off = local - t;
  if (cache.size > 200_000) cache.clear();
  cache.set(slot, off);
  return off;
}

/** Throws a clear error for an unknown IANA zone. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new Error(`unknown time zone: ${timeZone}`);
  }
}

/** Bucket index (hours/days/weeks since the epoch, local to the zone) of a UTC instant. */
export function bucketIndex(utcMs: number, bucket: TimelineBucket, timeZone = 'UTC'): number {
  const local = utcMs + timeZoneOffsetMs(timeZone, utcMs);
  if (bucket === 'hour') return Math.floor(local / HOUR_MS);
  const day = Math.floor(local / DAY_MS);
  if (bucket === 'day') return day;
  return Math.floor((day + 3) / 7); // 1970-01-01 was a Thursday: day + 3 counts from Monday 1969-12-29
}

function localStartMs(idx: number, bucket: TimelineBucket): number {
  if (bucket === 'hour') return idx * HOUR_MS;
  if (bucket === 'day') return idx * DAY_MS;
  return (idx * 7 - 3) * DAY_MS;
}

/** UTC instant at which a bucket starts. */
export function bucketStartMs(idx: number, bucket: TimelineBucket, timeZone = 'UTC'): number {
  const local = localStartMs(idx, bucket);
  const guess = local - timeZoneOffsetMs(timeZone, local);
  return local - timeZoneOffsetMs(timeZone, guess);
}

/** Local label of a bucket. */
export function bucketLabel(idx: number, bucket: TimelineBucket): string {
  const s = new Date(localStartMs(idx, bucket)).toISOString();
  return bucket === 'hour' ? `${s.slice(0, 13)}:00` : s.slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// Keys

function keyFunction<T>(key: TimelineOptions<T>['key']): (item: T) => string {
  if (key === undefined) return () => 'all';
  if (typeof key === 'function') return (item) => key(item) ?? 'unknown';
  const get = (item: T, ...names: string[]) => {
    const rec = item as unknown as Record<string, unknown>;
    for (const n of names) {
      const v = rec?.[n];
      if (v !== undefined && v !== null && v !== '') {
        if (typeof v === 'object' && 'name' in (v as object)) return String((v as { name: unknown }).name);
        return String(v);
      }
    }
    return 'unknown';
  };
  switch (key) {
    case 'actorType': return (i) => get(i, 'actorType');
    case 'actor': return (i) => get(i, 'actorId', 'actorName');
    case 'stance': return (i) => get(i, 'stance');
    case 'language': return (i) => get(i, 'lang', 'language');
    case 'source': return (i) => get(i, 'sourceId', 'source', 'sourceName');
    case 'narrative': return (i) => get(i, 'narrativeId', 'narrative');
    default: throw new Error(`unknown timeline key: ${String(key)}`);
  }
}

function defaultTime(item: unknown): string | Date | number {
  const r = item as Record<string, unknown>;
  return (r.at ?? r.publishedAt ?? r.date ?? r.timestamp) as string | Date | number;
}

// ---------------------------------------------------------------------------------------------------------------
// Accumulator

/** Incremental bucket counts: `add` is O(items), `toTimeline` O(buckets × keys). */
export class TimelineAccumulator<T = unknown> {
  readonly bucket: TimelineBucket;
  readonly timeZone: string;
  private readonly keyOf: (item: T) => string;
  private readonly timeOf: (item: T) => string | Date | number;
  private readonly weightOf: ((item: T) => number) | undefined;
  private readonly counts = new Map<string, Map<number, number>>();
  private minIdx = Infinity;
  private maxIdx = -Infinity;
  /** Items skipped because their time did not parse. */
  skipped = 0;
  added = 0;

  constructor(opts: TimelineOptions<T> = {}) {
    this.bucket = opts.bucket ?? 'day';
    this.timeZone = opts.timeZone ?? 'UTC';
    if (!['hour', 'day', 'week'].includes(this.bucket)) throw new Error(`unknown bucket: ${this.bucket}`);
    assertTimeZone(this.timeZone);
    this.keyOf = keyFunction(opts.key);
    this.timeOf = opts.time ?? (defaultTime as (item: T) => string | Date | number);
    this.weightOf = opts.weight;
  }

  add(items: Iterable<T>): this {
    for (const item of items) {
      const t = this.timeOf(item);
      const ms = typeof t === 'number' ? t : t instanceof Date ? t.getTime() : Date.parse(t);
      if (!Number.isFinite(ms)) { this.skipped++; continue; }
      const idx = bucketIndex(ms, this.bucket, this.timeZone);
      const key = this.keyOf(item);
      let m = this.counts.get(key);
      if (!m) { m = new Map(); this.counts.set(key, m); }
      m.set(idx, (m.get(idx) ?? 0) + (this.weightOf ? this.weightOf(item) : 1));
      if (idx < this.minIdx) this.minIdx = idx;
      if (idx > this.maxIdx) this.maxIdx = idx;
      this.added++;
    }
    return this;
  }

  /** Dense series from the first to the last bucket seen (or over `from`..`to` when given). */
  toTimeline(range: { from?: string | Date | number; to?: string | Date | number } = {}): Timeline {
    const toIdx = (v: string | Date | number) => bucketIndex(typeof v === 'number' ? v : v instanceof Date ? v.getTime() : Date.parse(v), this.bucket, this.timeZone);
    const lo = range.from !== undefined ? toIdx(range.from) : this.minIdx;
    const hi = range.to !== undefined ? toIdx(range.to) : this.maxIdx;
    const n = Number.isFinite(lo) && Number.isFinite(hi) && hi >= lo ? hi - lo + 1 : 0;
    const starts: string[] = new Array(n);
    const labels: string[] = new Array(n);
    for (let i = 0; i < n; i++) {
      starts[i] = new Date(bucketStartMs(lo + i, this.bucket, this.timeZone)).toISOString();
      labels[i] = bucketLabel(lo + i, this.bucket);
    }
    const series: Record<string, number[]> = {};
    const total = new Array<number>(n).fill(0);
    const sums: [string, number][] = [];
    for (const [key, m] of this.counts) {
      const arr = new Array<number>(n).fill(0);
      let s = 0;
      for (const [idx, v] of m) {
        if (idx < lo || idx > hi) continue;
        arr[idx - lo] += v;
        total[idx - lo] += v;
        s += v;
      }
      series[key] = arr;
      sums.push([key, s]);
    }
    sums.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return { bucket: this.bucket, timeZone: this.timeZone, starts, labels, keys: sums.map((k) => k[0]), series, total };
  }
}

/** One-shot bucketing. */
export function bucketize<T>(items: Iterable<T>, opts: TimelineOptions<T> = {}): Timeline {
  return new TimelineAccumulator<T>(opts).add(items).toTimeline();
}

export interface ShareOfVoice {
  /** Per key: count and share of the whole period, by descending count. */
  overall: { key: string; count: number; share: number }[];
  /** Per key: share of each bucket's total (0 where the bucket is empty). */
  perBucket: Record<string, number[]>;
}

/** Share of voice by key, overall and per bucket. */
export function shareOfVoice(timeline: Timeline): ShareOfVoice {
  let grand = 0;
  for (const v of timeline.total) grand += v;
  const overall = timeline.keys.map((key) => {
    const count = timeline.series[key].reduce((a, b) => a + b, 0);
    return { key, count, share: grand > 0 ? count / grand : 0 };
  });
  const perBucket: Record<string, number[]> = {};
  for (const key of timeline.keys) {
    perBucket[key] = timeline.series[key].map((v, i) => (timeline.total[i] > 0 ? v / timeline.total[i] : 0));
  }
  return { overall, perBucket };
}
