/**
 * HTTP for the watcher: a conditional GET (If-None-Match / If-Modified-Since → 304) and a JSON POST, both with the
 * SSRF rules of `ingest/fetch.ts` — every hop's host resolved and refused when any of its addresses is loopback,
 * private, link-local, CGNAT, multicast or reserved, unless allowed — redirects followed by hand (at most 5),
 * a size cap and a timeout. `openUrl` takes no request headers, hence this small sibling.
 */
import { FetchError, assertPublicHost } from '../ingest/fetch.ts';

export interface AddressPolicy {
  /** Allow loopback/private addresses (tests, intranet); false by default everywhere. */
  allowPrivate?: boolean;
  /** Host names exempt from the address check; case-insensitive. */
  allowHosts?: string[];
}

/** A failed request; `retryAfterMs` when the server said when to come back (429/503 Retry-After). */
export class HttpError extends FetchError {
  constructor(message: string, url: string, status?: number, readonly retryAfterMs?: number) {
    super(message, url, status);
    this.name = 'HttpError';
  }
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Throws when the URL's host resolves to an address the policy refuses. */
export async function assertAllowedHost(url: URL, policy: AddressPolicy, original = url.href): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpError(`only http and https URLs are supported, not ${url.protocol}`, original);
  try {
    await assertPublicHost(url, policy, original, 'set allowPrivate or allowHosts');
  } catch (err) {
    if (err instanceof FetchError && !(err instanceof HttpError)) throw new HttpError(err.message, original);
    throw err;
  }
}

/** Retry-After as milliseconds (seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface ConditionalGetOptions extends AddressPolicy {
  etag?: string;
  lastModified?: string;
  maxBytes: number;
  timeoutMs: number;
  userAgent: string;
  /** Aborts the request (the watcher is stopping). */
  signal?: AbortSignal;
}

export type ConditionalGetResult =
  | { status: 304; url: string }
  | { status: 200; url: string; finalUrl: string; body: Buffer; contentType?: string; etag?: string; lastModified?: string };

/**
 * GET with the validators of the previous response. A 304 means nothing changed; a 200 brings the body and the
 * new validators. Any other status throws an HttpError (with the status and Retry-After).
 */
export async function conditionalGet(url: string, opts: ConditionalGetOptions): Promise<ConditionalGetResult> {
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  let current: URL;
  try { current = new URL(url); } catch { throw new HttpError(`not a valid URL: ${url}`, url); }
  const headers: Record<string, string> = {
    'user-agent': opts.userAgent,
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, application/json, text/html;q=0.8, text/plain;q=0.7, */*;q=0.5',
  };
  if (opts.etag) headers['if-none-match'] = opts.etag;
  if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
  for (let hop = 0; ; hop++) {
    await assertAllowedHost(current, opts, url);
    let res: Response;
    try {
      res = await fetch(current, { redirect: 'manual', signal, headers });
    } catch (e) {
      throw failure(e, signal, url, opts.timeoutMs);
    }
    if (REDIRECTS.has(res.status)) {
      const location = res.headers.get('location');
      await res.body?.cancel().catch(() => {});
      if (!location) throw new HttpError(`HTTP ${res.status} redirect without a Location header at ${current.href}`, url, res.status);
      if (hop >= MAX_REDIRECTS) throw new HttpError(`more than ${MAX_REDIRECTS} redirects`, url, res.status);
      current = new URL(location, current);
      continue;
    }
    if (res.status === 304) {
      await res.body?.cancel().catch(() => {});
      return { status: 304, url };
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new HttpError(`HTTP ${res.status} ${res.statusText} from ${current.href}`, url, res.status, parseRetryAfter(res.headers.get('retry-after')));
    }
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      await res.body?.cancel().catch(() => {});
      throw new HttpError(`response of ${declared} bytes exceeds the limit of ${opts.maxBytes}`, url, res.status);
    }
    const body = await readCapped(res, opts.maxBytes, signal, url, opts.timeoutMs);
    const etag = res.headers.get('etag') ?? undefined;
    const lastModified = res.headers.get('last-modified') ?? undefined;
    const contentType = res.headers.get('content-type') ?? undefined;
    return {
      status: 200, url, finalUrl: current.href, body,
      ...(contentType ? { contentType } : {}), ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}),
    };
  }
}

export interface PostJsonOptions extends AddressPolicy { headers?: Record<string, string>; timeoutMs: number; userAgent: string }

/** POSTs a JSON body; resolves with the status (redirects are not followed: a webhook that moves is an error). */
export async function postJson(url: string, payload: unknown, opts: PostJsonOptions): Promise<{ status: number; retryAfterMs?: number; body: string }> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let target: URL;
  try { target = new URL(url); } catch { throw new HttpError(`not a valid URL: ${url}`, url); }
  await assertAllowedHost(target, opts, url);
  let res: Response;
  try {
    res = await fetch(target, {
      method: 'POST', redirect: 'manual', signal,
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': opts.userAgent, ...(opts.headers ?? {}) },
      body: JSON.stringify(payload),
    });
  } catch (e) {
    throw failure(e, signal, url, opts.timeoutMs);
  }
  let body = '';
  try { body = (await res.text()).slice(0, 2000); } catch { /* the status is what matters */ }
  const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
  return { status: res.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), body };
}

async function readCapped(res: Response, maxBytes: number, signal: AbortSignal, url: string, timeoutMs: number): Promise<Buffer> {
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new HttpError(`response exceeds the limit of ${maxBytes} bytes`, url, res.status);
      }
      parts.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    }
  } catch (e) {
    if (e instanceof HttpError) throw e;
    throw failure(e, signal, url, timeoutMs);
  }
  return Buffer.concat(parts, size);
}

function failure(e: unknown, signal: AbortSignal, url: string, timeoutMs: number): HttpError {
  if (e instanceof HttpError) return e;
  if (signal.aborted) return new HttpError(signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : 'aborted', url);
  const err = e as Error & { cause?: { code?: string; message?: string } };
  return new HttpError(`cannot fetch ${url}: ${err.cause?.code ?? err.cause?.message ?? err.message}`, url);
}
