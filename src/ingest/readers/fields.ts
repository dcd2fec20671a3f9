/**
 * Shared by the json, jsonl and csv readers: maps a flat or nested object onto a RawRecord
 * (user `--map` first, then automatic mapping of common field names), validates text and date.
 * Also holds small helpers the streaming readers share (date check, text flattening, Channel).
 */
import type { DocumentKind } from '../../model/index.ts';
import type { FieldMap, RawRecord, ReaderOptions, RejectReason } from '../types.ts';

export type MapResult = { ok: true; record: RawRecord } | { ok: false; reason: RejectReason; message: string };

const AUTO: Record<string, readonly string[]> = {
  text: ['text', 'body', 'content', 'message', 'full_text', 'article', 'description'],
  title: ['title', 'headline', 'subject'],
  publishedAt: ['publishedAt', 'published_at', 'date', 'datetime', 'timestamp', 'created_at', 'pubDate', 'time', 'published'],
  source: ['source', 'channel', 'outlet', 'publisher', 'author', 'from', 'site', 'sender'],
  handle: ['handle', 'username', 'channel_username', 'screen_name'],
  url: ['url', 'link', 'permalink', 'href'],
  id: ['id', 'message_id', 'post_id', 'guid', 'uuid'],
  lang: ['lang', 'language'],
  kind: ['kind'],
  sourceId: ['sender_id', 'channel_id', 'from_id'],
};
type Slot = keyof typeof AUTO;
const SLOTS = Object.keys(AUTO) as Slot[];
const KINDS = new Set<string>(['article', 'post', 'statement', 'transcript', 'report']);

const META_MAX_STRING = 2000;
const META_MAX_JSON = 1024;

/** Where each slot's value comes from for one shape of object: a key, or a dotted path. */
interface Plan {
  slots: Partial<Record<Slot, string | string[]>>;
  metaKeys: string[];
}

/**
 * Maps objects to RawRecords. Keeps a plan per key set (records of one file share their keys), so the
 * case-insensitive name matching runs once per shape rather than once per record.
 */
export class FieldMapper {
  private plans = new Map<string, Plan>();

  constructor(
    private readonly options: ReaderOptions,
    private readonly defaultKind?: DocumentKind,
  ) {}

  map(obj: Record<string, unknown>): MapResult {
    const keys = Object.keys(obj);
    const sig = keys.join('\u0000');
    let plan = this.plans.get(sig);
    if (!plan) {
      plan = makePlan(keys, this.options.map);
      if (this.plans.size > 1000) this.plans.clear();
      this.plans.set(sig, plan);
    }
    return applyPlan(obj, plan, this.options, this.defaultKind);
  }
}

function makePlan(keys: string[], map: FieldMap): Plan {
  const lower = new Map<string, string>();
  for (const k of keys) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), k);
  const slots: Plan['slots'] = {};
  const used = new Set<string>();
  for (const slot of SLOTS) {
    const mapped = slot in map ? map[slot as keyof FieldMap] : undefined;
    if (mapped !== undefined) {
      const key = keys.includes(mapped) ? mapped : lower.get(mapped.toLowerCase());
      if (key !== undefined) {
        slots[slot] = key;
        used.add(key);
      } else if (mapped.includes('.')) {
        const path = mapped.split('.');
        const head = keys.includes(path[0]) ? path[0] : lower.get(path[0].toLowerCase());
        if (head !== undefined) slots[slot] = [head, ...path.slice(1)];
      }
      continue; // a mapped field never falls back to automatic names
    }
    for (const name of AUTO[slot]) {
      const key = lower.get(name.toLowerCase());
      if (key !== undefined && !used.has(key)) {
        slots[slot] = key;
        used.add(key);
        break;
      }
    }
  }
  return { slots, metaKeys: keys.filter((k) => !used.has(k)) };
}

function pick(obj: Record<string, unknown>, where: string | string[] | undefined): unknown {
  if (where === undefined) return undefined;
  if (typeof where === 'string') return obj[where];
  let v: unknown = obj;
  for (const part of where) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

function applyPlan(obj: Record<string, unknown>, plan: Plan, options: ReaderOptions, defaultKind?: DocumentKind): MapResult {
  const s = plan.slots;
  const rawText = pick(obj, s.text);
  const text = flattenText(rawText);
  if (text === null) return { ok: false, reason: 'bad_record', message: `text field is ${describe(rawText)}, not a string` };
  if (!text.trim()) {
    const message = s.text ? 'text is empty' : options.map.text ? `no field "${options.map.text}" (from --map text=...)` : 'no text field (use --map text=FIELD)';
    return { ok: false, reason: 'empty_text', message };
  }

  const record: RawRecord = { text };
  const title = scalarString(pick(obj, s.title));
  if (title) record.title = title;

  const date = pick(obj, s.publishedAt);
  if (date !== undefined && date !== null && date !== '') {
    const checked = checkDate(date);
    if (checked === null) return { ok: false, reason: 'bad_date', message: `unparseable date ${JSON.stringify(date).slice(0, 80)}` };
    record.publishedAt = checked;
  } else if (options.defaults.publishedAt) {
    record.publishedAt = options.defaults.publishedAt;
  }

  const source = sourceOf(pick(obj, s.source));
  const handle = scalarString(pick(obj, s.handle));
  if (handle) source.handle = handle;
  const sourceId = pick(obj, s.sourceId);
  if (typeof sourceId === 'string' || typeof sourceId === 'number') source.platformId = platformSourceId(sourceId);
  if (!source.name && options.defaults.source) source.name = options.defaults.source;
  if (source.name || source.handle || source.url || source.platformId) record.source = source;

  // No defaults.url here: one URL for every record of a file would merge distinct documents.
  const url = scalarString(pick(obj, s.url));
  if (url) record.url = url;
  const id = pick(obj, s.id);
  if (typeof id === 'string' ? id !== '' : typeof id === 'number') record.platformId = String(id);
  const lang = scalarString(pick(obj, s.lang));
  if (lang) record.lang = lang;
  const kind = scalarString(pick(obj, s.kind));
  if (kind && KINDS.has(kind)) record.kind = kind as DocumentKind;
  else if (defaultKind) record.kind = defaultKind;

  const meta = smallMeta(obj, plan.metaKeys);
  if (kind && !record.kind) meta.kind = kind;
  for (const _ in meta) {
    record.meta = meta;
    break;
  }
  return { ok: true, record };
}

function smallMeta(obj: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  for (const k of keys) {
    const v = obj[k];
    if (v === null || v === undefined || v === '') continue;
    if (typeof v === 'number' || typeof v === 'boolean') meta[k] = v;
    else if (typeof v === 'string') {
      if (v.length <= META_MAX_STRING) meta[k] = v;
    } else if (typeof v === 'object') {
      // A value nested too deeply to serialise (a hostile 100,000-level array) is dropped, not fatal.
      let json: string;
      try { json = JSON.stringify(v); } catch { continue; }
      if (json.length <= META_MAX_JSON) meta[k] = v;
    }
  }
  return meta;
}

/** `source` may be a name, or an object like `{name, username, url}` (author objects in exports). */
function sourceOf(v: unknown): NonNullable<RawRecord['source']> {
  if (typeof v === 'string' || typeof v === 'number') {
    const name = String(v).trim();
    return name ? { name } : {};
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    const out: NonNullable<RawRecord['source']> = {};
    const name = scalarString(o.name) ?? scalarString(o.title) ?? scalarString(o.display_name);
    const handle = scalarString(o.username) ?? scalarString(o.screen_name) ?? scalarString(o.handle);
    const url = scalarString(o.url);
    if (name ?? handle) out.name = (name ?? handle)!;
    if (handle) out.handle = handle;
    if (url) out.url = url;
    return out;
  }
  return {};
}

/** Bot-API chat ids (-100…) become `tg:100…`, the form the Telegram reader uses; other ids pass as strings. */
export function platformSourceId(v: string | number): string {
  const s = String(v).trim();
  return /^-100\d+$/.test(s) ? `tg:${s.slice(1)}` : s;
}

function scalarString(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t ? t : undefined;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function describe(v: unknown): string {
  return Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`;
}

/**
 * Plain text from a string, a number, or a Telegram-style array of strings and `{type, text}` entities.
 * Returns '' for absent text, null for a shape that cannot be text.
 */
export function flattenText(v: unknown): string | null {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    let out = '';
    for (const part of v) {
      if (typeof part === 'string') out += part;
      else if (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') {
        out += (part as { text: string }).text;
      } else return null;
    }
    return out;
  }
  return null;
}

const MIN_YEAR_MS = Date.UTC(1900, 0, 1);
const MAX_YEAR_MS = Date.UTC(2200, 0, 1);
const UNIX_DIGITS = /^-?\d{9,13}(\.\d+)?$/;

/**
 * Checks a date as found in the source and returns it for the pipeline to parse: strings Date.parse accepts
 * (ISO 8601 with offset, RFC 822, "YYYY-MM-DD HH:MM:SS"), or unix seconds / milliseconds (digit strings become
 * numbers so the pipeline need not guess). null when the value is not a usable date.
 */
export function checkDate(v: unknown): string | number | null {
  if (typeof v === 'number') return unixOk(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (UNIX_DIGITS.test(s)) {
    const n = Number(s);
    return unixOk(n) ? n : null;
  }
  const t = Date.parse(s);
  // V8's fallback parser accepts odd strings ("x 1", "12"); insist on a four-digit year in a plausible range.
  return Number.isFinite(t) && t >= MIN_YEAR_MS && t < MAX_YEAR_MS && /\d{4}/.test(s) ? s : null;
}

function unixOk(n: number): boolean {
  if (!Number.isFinite(n)) return false;
  const ms = Math.abs(n) < 1e11 ? n * 1000 : n;
  return ms >= 0 && ms < MAX_YEAR_MS;
}

/**
 * A bounded queue between a push-style parser (events) and an async generator consumer.
 * Calls `pause` when `highWater` items are waiting and `resume` once the consumer takes them.
 */
export class Channel<T> implements AsyncIterable<T> {
  private buf: T[] = [];
  private closed = false;
  private paused = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly pause: () => void = () => {},
    private readonly resume: () => void = () => {},
    private readonly highWater = 512,
  ) {}

  push(item: T): void {
    if (this.closed) return;
    this.buf.push(item);
    if (!this.paused && this.buf.length >= this.highWater) {
      this.paused = true;
      this.pause();
    }
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private notify(): void {
    const w = this.wake;
    if (w) {
      this.wake = null;
      w();
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      if (this.buf.length) {
        const batch = this.buf;
        this.buf = [];
        if (this.paused) {
          this.paused = false;
          this.resume();
        }
        for (const item of batch) yield item;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }
}
