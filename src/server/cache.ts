/**
 * In-memory response cache keyed by the corpus state: entries are valid until the corpus changes (an ingest by this
 * server or by another process on the same database), so an expensive overview is computed once per corpus state,
 * however many clients ask. Concurrent requests for an entry being computed share one computation.
 */
import { createHash } from 'node:crypto';
import type { Store } from '../store/store.ts';

export interface CachedBody {
  body: string;
  /** The body as UTF-8 bytes, encoded once. */
  bytesUtf8?: Uint8Array;
  /** The body gzipped, computed on the first request that accepts it. */
  gzip?: Uint8Array;
  etag: string;
  bytes: number;
  /** Headers of a non-JSON response (a download); JSON otherwise. */
  headers?: Record<string, string>;
}

/** A response that is not JSON: its body and headers are cached as they are. */
export interface RawBody { body: string; headers: Record<string, string> }
function isRaw(v: unknown): v is RawBody {
  return typeof v === 'object' && v !== null && typeof (v as RawBody).body === 'string' && typeof (v as RawBody).headers === 'object' && (v as { raw?: boolean }).raw === true;
}

/** What `ResponseCache.get` answers: the cached response, and whether it is the current corpus state's. */
export interface CacheAnswer {
  entry: CachedBody;
  /** True when this is an earlier corpus state's answer, served while the current one is being computed. */
  stale: boolean;
  /** Milliseconds since the computation of this answer started (its data is at least that recent). */
  ageMs: number;
}

interface Entry extends CachedBody { seq: number; startedAt: number }

export interface ResponseCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  /** An earlier answer is served while recomputing only if its computation started at most this long ago (default 60 s). */
  maxStaleMs?: number;
  now?: () => number;
}

export class ResponseCache {
  /** The latest answer computed for each key (one corpus state per key, never more), least recently used first. */
  private readonly entries = new Map<string, Entry>();
  /** At most one computation per key at a time. */
  private readonly inflight = new Map<string, { seq: number; promise: Promise<Entry> }>();
  private bytes = 0;
  private version = '';
  /** Increases with every new corpus version, so answers of two versions can be ordered. */
  private seq = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxStaleMs: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;
  /** Answers of an earlier corpus state served while the current one was being computed. */
  staleHits = 0;

  constructor(opts: ResponseCacheOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 1000;
    this.maxBytes = opts.maxBytes ?? 128 * 1024 * 1024;
    this.maxStaleMs = opts.maxStaleMs ?? 60_000;
    this.now = opts.now ?? Date.now;
  }

  /** The corpus state requests are answered for; answers of earlier states stay, for stale-while-revalidate. */
  setVersion(version: string): void {
    if (version === this.version) return;
    this.version = version;
    this.seq++;
  }

  /**
   * The answer for `key` at the current corpus version. Identical concurrent requests share one computation
   * (single flight). When the corpus moved on, the first request recomputes and waits for the fresh answer (so a
   * client that wrote and then reads sees its write); requests arriving while that recomputation runs get the previous
   * answer at once (stale-while-revalidate, if it is recent: `maxStaleMs`; unless `allowStale` is false: they then
   * wait for the running computation). There is never more than one computation per key, so the work in progress is
   * bounded by the number of distinct questions, however many requests and corpus versions come meanwhile.
   */
  async get(key: string, compute: () => Promise<unknown>, allowStale = true): Promise<CacheAnswer> {
    const seq = this.seq;
    const answer = (entry: Entry): CacheAnswer => ({ entry, stale: entry.seq !== seq, ageMs: this.now() - entry.startedAt });
    const hit = this.entries.get(key);
    if (hit && hit.seq === seq) {
      this.hits++;
      this.touch(key, hit);
      return answer(hit);
    }
    const running = this.inflight.get(key);
    if (running) {
      if (allowStale && hit && this.now() - hit.startedAt <= this.maxStaleMs) {
        this.staleHits++;
        this.touch(key, hit);
        return answer(hit);
      }
      // No recent answer to offer (or the client asked for a fresh one): wait for the running computation.
      this.hits++;
      return answer(await running.promise);
    }
    this.misses++;
    const startedAt = this.now();
    const promise = (async () => {
      const value = await compute();
      const raw = isRaw(value) ? value : undefined;
      const body = raw ? raw.body : JSON.stringify(value);
      const entry: Entry = {
        seq, startedAt, body, bytesUtf8: Buffer.from(body, 'utf8'), etag: `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`, bytes: body.length * 3,
        ...(raw ? { headers: raw.headers } : {}),
      };
      if (entry.bytes < this.maxBytes / 4) this.put(key, entry);
      return entry;
    })();
    this.inflight.set(key, { seq, promise });
    try { return answer(await promise); } finally {
      if (this.inflight.get(key)?.promise === promise) this.inflight.delete(key);
    }
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key); // LRU: move to the end
    this.entries.set(key, entry);
  }

  private put(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    if (old) {
      if (old.seq > entry.seq) return;
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, entry);
    this.bytes += entry.bytes;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.bytes;
    }
  }

  get size(): number { return this.entries.size; }
  /** Computations running now. */
  get computing(): number { return this.inflight.size; }
}

/** Stable JSON of a validated input (sorted keys), for cache keys. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

/** How often a stream of writes may change the corpus version that cached answers are keyed by. */
export interface RefreshOptions {
  /** At most one new version per this many milliseconds while writes keep coming (0: every write, at once). Default 5000. */
  intervalMs?: number;
  /** Changes published at once after a quiet period, before the interval applies (default 3). */
  burst?: number;
  now?: () => number;
}

export const DEFAULT_REFRESH_MS = 5000;

/**
 * What identifies the corpus state. On SQLite: `PRAGMA data_version`, which changes whenever another connection
 * commits (a CLI ingest next to the server), plus a counter of this server's own writes; it costs microseconds.
 * Other stores: the document count, re-read at most once a second.
 *
 * The version reads are answered for is published through a token bucket, so a stream of writes does not invalidate
 * every cached analysis on every write: up to `burst` changes are published at once (a write after a quiet period is
 * visible to the very next read), then at most one per `intervalMs`. No read ever sees a version more than
 * `intervalMs` older than the last write: a change not yet published is published by the first read once a token is
 * back, and tokens come back one per interval.
 */
export class CorpusClock {
  private generation = 0;
  private counted: { at: number; value: string } | undefined;
  private readonly pragma: (() => number) | undefined;
  private published: string | undefined;
  private readonly intervalMs: number;
  private readonly burst: number;
  private readonly now: () => number;
  private tokens: number;
  private filledAt: number;
  /** Versions published so far (each one invalidates the cached answers). */
  publications = 0;

  constructor(private readonly store: Store, refresh: RefreshOptions = {}) {
    const db = (store as unknown as { db?: { pragma?: (sql: string, opts: { simple: boolean }) => unknown } }).db;
    if (store.kind === 'sqlite' && db && typeof db.pragma === 'function') {
      this.pragma = () => Number(db.pragma!('data_version', { simple: true }));
    }
    this.intervalMs = Math.max(0, refresh.intervalMs ?? DEFAULT_REFRESH_MS);
    this.burst = Math.max(1, refresh.burst ?? 3);
    this.now = refresh.now ?? Date.now;
    this.tokens = this.burst;
    this.filledAt = this.now();
  }

  /** Call after this process wrote to the store. */
  bump(): void { this.generation++; this.counted = undefined; }

  /** The corpus state as it is now, every write included. */
  async current(): Promise<string> {
    if (this.pragma) return `${this.pragma()}.${this.generation}`;
    const now = Date.now();
    if (!this.counted || now - this.counted.at > 1000) {
      this.counted = { at: now, value: `${await this.store.countDocuments()}.${this.generation}` };
    }
    return this.counted.value;
  }

  /** The corpus state cached answers are keyed by: the current one, published at most once per interval under a write stream. */
  async version(): Promise<string> {
    const current = await this.current();
    if (this.published === undefined || this.intervalMs === 0) {
      if (current !== this.published) this.publications++;
      this.published = current;
      return current;
    }
    if (current !== this.published) {
      const now = this.now();
      this.tokens = Math.min(this.burst, this.tokens + (now - this.filledAt) / this.intervalMs);
      this.filledAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        this.published = current;
        this.publications++;
      }
    }
    return this.published;
  }
}
