/**
 * Per-client rate limiting for the HTTP server: one token bucket per key (a client's address, or a write token).
 *
 * A bucket holds up to `burst` tokens and refills at `rate` tokens per second; a request takes one token or, when
 * the bucket is empty, is refused with the number of seconds until a token will be there (the 429's Retry-After).
 *
 * Memory is bounded by keeping the buckets in two generations (current and previous Maps), each of at most
 * maxClients / 2 keys. A request finds its bucket in the current generation, or moves it there from the previous one.
 * The generations rotate (previous dropped whole, current becomes previous) when the current one is full, and when
 * `burst / rate` seconds have passed since the last rotation — a bucket untouched that long has refilled completely
 * and is indistinguishable from a fresh one, so forgetting it changes nothing. Every operation is O(1) (no scans, no
 * iteration over deleted Map entries): a flood of distinct addresses costs at most `maxClients` entries (~110 bytes
 * each); the price is that under such a flood a client's bucket may be forgotten early (it then starts full again).
 */
import { isIP } from 'node:net';

export interface RateLimitOptions {
  /** Sustained requests per second per key (> 0). */
  rate: number;
  /** Bucket size: requests allowed at once after a quiet period. Default 2 × rate (at least 1). */
  burst?: number;
  /** Most keys remembered at once. Default 10,000. */
  maxClients?: number;
  /** Clock in milliseconds (tests). Default performance.now. */
  now?: () => number;
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

interface Bucket { tokens: number; at: number }

export const DEFAULT_RATE = 50;
export const DEFAULT_MAX_CLIENTS = 10_000;

export class RateLimiter {
  readonly rate: number;
  readonly burst: number;
  readonly maxClients: number;
  private readonly now: () => number;
  private readonly half: number;
  private current = new Map<string, Bucket>();
  private previous = new Map<string, Bucket>();
  /** A bucket untouched this long is full again (burst / rate seconds): forgetting it changes nothing. */
  private readonly idleMs: number;
  private rotatedAt: number;
  private lastTake: number;

  constructor(opts: RateLimitOptions) {
    if (!(opts.rate > 0) || !Number.isFinite(opts.rate)) throw new RangeError('rate limit: rate must be a positive number');
    this.rate = opts.rate;
    this.burst = Math.max(1, opts.burst ?? Math.ceil(2 * opts.rate));
    this.maxClients = Math.max(2, Math.floor(opts.maxClients ?? DEFAULT_MAX_CLIENTS));
    this.half = Math.floor(this.maxClients / 2);
    this.now = opts.now ?? (() => performance.now());
    this.idleMs = (this.burst / this.rate) * 1000;
    this.rotatedAt = this.lastTake = this.now();
  }

  /** Keys currently remembered. */
  get size(): number { return this.current.size + this.previous.size; }

  /** Takes `cost` tokens from `key`'s bucket, or says how long to wait. */
  take(key: string, cost = 1): RateDecision {
    const now = this.now();
    this.expire(now);
    this.lastTake = now;
    let b = this.current.get(key);
    if (b) {
      b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.rate);
    } else {
      b = this.previous.get(key);
      if (b) {
        this.previous.delete(key);
        b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.rate);
      } else {
        b = { tokens: this.burst, at: now };
      }
      if (this.current.size >= this.half) this.rotate(now);
      this.current.set(key, b);
    }
    b.at = now;
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return { ok: true, remaining: Math.floor(b.tokens) };
    }
    const wait = (cost - b.tokens) / this.rate;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }

  /** Forgets the buckets idle long enough to be full again. */
  private expire(now: number): void {
    if (now - this.lastTake >= this.idleMs) {
      // Nothing was touched for burst / rate seconds: every bucket is full.
      this.current = new Map();
      this.previous = new Map();
      this.rotatedAt = now;
    } else if (now - this.rotatedAt >= this.idleMs) {
      // The previous generation was last touched before the last rotation, at least idleMs ago.
      this.rotate(now);
    }
  }

  private rotate(now: number): void {
    this.previous = this.current;
    this.current = new Map();
    this.rotatedAt = now;
  }

  clear(): void { this.current = new Map(); this.previous = new Map(); }
}

/**
 * The key of a client address: IPv4 as is (also when IPv4-mapped), IPv6 by its /64 prefix (one host usually owns a
 * whole /64, so per-address buckets would be trivial to multiply). Unknown addresses share one bucket.
 */
export function clientKey(address: string | undefined): string {
  if (!address) return 'addr:unknown';
  let a = address.trim().toLowerCase();
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  if (a.startsWith('::ffff:') && isIP(a.slice(7)) === 4) return `addr:${a.slice(7)}`;
  if (isIP(a) === 4) return `addr:${a}`;
  if (isIP(a) === 6) return `addr:${expandIpv6(a).slice(0, 4).join(':')}::/64`;
  return `addr:${a.slice(0, 64)}`;
}

function expandIpv6(a: string): string[] {
  let s = a;
  // An embedded IPv4 tail (::1.2.3.4) as two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const p = v4[1].split('.').map(Number);
    s = `${s.slice(0, -v4[1].length)}${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array(Math.max(0, 8 - h.length - t.length)).fill('0');
  return [...h, ...fill, ...t].map((g) => g.replace(/^0+(?=.)/, ''));
}
