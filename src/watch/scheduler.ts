/**
 * Timing for the watcher: when a source is next due (its interval, exponential backoff after failures, the
 * server's Retry-After, jitter), per-host politeness (at most one request per host per N ms, never two at once),
 * and sleeps that an abort signal or a wake-up (a file appeared) cut short.
 */

/** Resolves after `ms`, or at once when the signal aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { clearTimeout(timer); signal?.removeEventListener('abort', done); resolve(); };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** `ms` spread by ±jitter (a fraction): 0.1 turns 10 minutes into 9–11 minutes. */
export function jittered(ms: number, jitter: number, random: () => number = Math.random): number {
  return Math.max(0, ms * (1 + jitter * (2 * random() - 1)));
}

export interface DelayInput {
  interval: number;
  /** Consecutive failures so far, including the one just seen (0 after a success). */
  failures: number;
  backoff: { initial: number; max: number };
  jitter: number;
  /** The server's Retry-After, when it sent one. */
  retryAfterMs?: number;
}

/**
 * Milliseconds until the next poll. After a success: the interval. After n consecutive failures:
 * max(interval, initial) × 2^n, capped at backoff.max (but never below the interval); a Retry-After longer
 * than that wins (up to backoff.max). Jitter spreads the result.
 */
export function nextPollDelay(d: DelayInput, random: () => number = Math.random): number {
  let base = d.interval;
  if (d.failures > 0) {
    base = Math.max(d.interval, Math.min(d.backoff.max, Math.max(d.interval, d.backoff.initial) * 2 ** Math.min(d.failures, 30)));
  }
  if (d.retryAfterMs !== undefined) base = Math.max(base, Math.min(d.backoff.max, d.retryAfterMs));
  return jittered(base, d.jitter, random);
}

/** Lower-cased host (with port) of a URL: the unit of politeness. */
export function hostOf(url: string): string {
  try { return new URL(url).host.toLowerCase(); } catch { return url; }
}

/**
 * Per-host politeness: requests to one host run one at a time, each starting at least `intervalMs` after the
 * previous one finished (so the server, too, sees them that far apart). Different hosts do not wait for each other.
 */
export class HostGate {
  private readonly last = new Map<string, number>();
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly intervalMs: number, private readonly now: () => number = Date.now) {}

  /** Earliest instant a new request to this host may start (ignoring one in flight). */
  freeAt(host: string): number {
    const last = this.last.get(host);
    return last === undefined ? 0 : last + this.intervalMs;
  }

  async run<T>(host: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const previous = this.tails.get(host) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((r) => { release = r; });
    const tail = previous.then(() => mine);
    this.tails.set(host, tail);
    await previous;
    try {
      const wait = this.freeAt(host) - this.now();
      if (wait > 0) await sleep(wait, signal);
      if (signal?.aborted) throw new Error('stopped');
      this.last.set(host, this.now());
      return await fn();
    } finally {
      if (this.last.has(host)) this.last.set(host, this.now());
      release();
      if (this.tails.get(host) === tail) this.tails.delete(host);
    }
  }
}

/** Runs tasks one after another (store writes: SQLite has one writer, and analysis is CPU work anyway). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => {});
    return next;
  }
}

/** A sleep that `wake()` ends early (used by the main loop when a watched folder changes). */
export class Waker {
  private wakeUp: (() => void) | undefined;
  private pending = false;

  wake(): void {
    this.pending = true;
    this.wakeUp?.();
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.pending) { this.pending = false; return; }
    const ctrl = new AbortController();
    const onAbort = () => ctrl.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    this.wakeUp = () => ctrl.abort();
    try {
      await sleep(ms, ctrl.signal);
    } finally {
      this.wakeUp = undefined;
      this.pending = false;
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
