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

export class ResponseCache {
  private readonly entries = new Map<string, CachedBody>();
  private readonly inflight = new Map<string, Promise<CachedBody>>();
  private bytes = 0;
  private version = '';
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 1000, private readonly maxBytes = 128 * 1024 * 1024) {}

  /** Drops everything when the corpus version moves on. */
  setVersion(version: string): void {
    if (version === this.version) return;
    this.version = version;
    this.entries.clear();
    this.bytes = 0;
  }

  async get(key: string, compute: () => Promise<unknown>): Promise<CachedBody> {
    const k = `${this.version}\u0000${key}`;
    const hit = this.entries.get(k);
    if (hit) {
      this.hits++;
      this.entries.delete(k); // LRU: move to the end
      this.entries.set(k, hit);
      return hit;
    }
    const running = this.inflight.get(k);
    if (running) { this.hits++; return running; }
    this.misses++;
    const version = this.version;
    const p = (async () => {
      const value = await compute();
      const raw = isRaw(value) ? value : undefined;
      const body = raw ? raw.body : JSON.stringify(value);
      const entry: CachedBody = {
        body, bytesUtf8: Buffer.from(body, 'utf8'), etag: `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`, bytes: body.length * 3,
        ...(raw ? { headers: raw.headers } : {}),
      };
      if (version === this.version && entry.bytes < this.maxBytes / 4) this.put(k, entry);
      return entry;
    })();
    this.inflight.set(k, p);
    try { return await p; } finally { this.inflight.delete(k); }
  }

  private put(k: string, entry: CachedBody): void {
    this.entries.set(k, entry);
    this.bytes += entry.bytes;
    for (const [key, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= e.bytes;
    }
  }

  get size(): number { return this.entries.size; }
}

/** Stable JSON of a validated input (sorted keys), for cache keys. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : v));
}

/**
 * What identifies the corpus state. On SQLite: `PRAGMA data_version`, which changes whenever another connection
 * commits (a CLI ingest next to the server), plus a counter of this server's own writes; it costs microseconds.
 * Other stores: the document count, re-read at most once a second.
 */
export class CorpusClock {
  private generation = 0;
  private counted: { at: number; value: string } | undefined;
  private readonly pragma: (() => number) | undefined;

  constructor(private readonly store: Store) {
    const db = (store as unknown as { db?: { pragma?: (sql: string, opts: { simple: boolean }) => unknown } }).db;
    if (store.kind === 'sqlite' && db && typeof db.pragma === 'function') {
      this.pragma = () => Number(db.pragma!('data_version', { simple: true }));
    }
  }

  /** Call after this process wrote to the store. */
  bump(): void { this.generation++; this.counted = undefined; }

  async version(): Promise<string> {
    if (this.pragma) return `${this.pragma()}.${this.generation}`;
    const now = Date.now();
    if (!this.counted || now - this.counted.at > 1000) {
      this.counted = { at: now, value: `${await this.store.countDocuments()}.${this.generation}` };
    }
    return this.counted.value;
  }
}
