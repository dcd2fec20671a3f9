/**
 * HTTP for the watcher: a conditional GET (If-None-Match / If-Modified-Since → 304) and a JSON POST, both with the
 * SSRF rules of `ingest/fetch.ts` — every hop's host resolved and refused when any of its addresses is loopback,
 * private, link-local, CGNAT, multicast or reserved, unless allowed, at connect time (`pinnedRequest`: the address
 * checked is the address connected to, so DNS rebinding cannot slip in a second answer) — redirects followed by hand
 * (at most 5), a size cap on the decoded body and a timeout.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { FetchError, assertPublicHost, pinnedRequest, readDecodedCapped, redirectTarget, type Resolver } from '../ingest/fetch.ts';

export interface AddressPolicy {
  /** Allow loopback/private addresses (tests, intranet); false by default everywhere. */
  allowPrivate?: boolean;
  /** Host names exempt from the address check; case-insensitive. */
  allowHosts?: string[];
  /** The resolver used at connect time (tests stub it); default dns.lookup. */
  resolve?: Resolver;
}

const HINT = 'set allowPrivate or allowHosts';

/** A failed request; `retryAfterMs` when the server said when to come back (429/503 Retry-After). */
export class HttpError extends FetchError {
  constructor(message: string, url: string, status?: number, readonly retryAfterMs?: number) {
    super(message, url, status);
    this.name = 'HttpError';
  }
}

/** Throws when the URL's host resolves to an address the policy refuses. */
export async function assertAllowedHost(url: URL, policy: AddressPolicy, original = url.href): Promise<void> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpError(`only http and https URLs are supported, not ${url.protocol}`, original);
  try {
    await assertPublicHost(url, policy, original, HINT);
  } catch (err) {
    if (err instanceof FetchError && !(err instanceof HttpError)) throw new HttpError(err.message, original);
    throw err;
  }
}

/** Retry-After as milliseconds (seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
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
  headers['accept-encoding'] = 'gzip, deflate, br';
  for (let hop = 0; ; hop++) {
    const res = await send(current, opts, { method: 'GET', headers, signal, original: url }, opts.timeoutMs);
    const status = res.statusCode ?? 0;
    const next = redirectTarget(res, current, hop, (message) => new HttpError(message, url, status));
    if (next) { current = next; continue; }
    if (status === 304) {
      res.destroy();
      return { status: 304, url };
    }
    if (status < 200 || status > 299) {
      res.destroy();
      throw new HttpError(`HTTP ${status} ${res.statusMessage ?? ''} from ${current.href}`.replace('  ', ' '), url, status, parseRetryAfter(header(res, 'retry-after')));
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      res.destroy();
      throw new HttpError(`response of ${declared} bytes exceeds the limit of ${opts.maxBytes}`, url, status);
    }
    const body = await readCapped(res, opts.maxBytes, signal, url, opts.timeoutMs);
    const etag = header(res, 'etag');
    const lastModified = header(res, 'last-modified');
    const contentType = header(res, 'content-type');
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
  const res = await send(target, opts, {
    method: 'POST', signal, original: url,
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': opts.userAgent, ...(opts.headers ?? {}) },
    body: JSON.stringify(payload),
  }, opts.timeoutMs);
  const status = res.statusCode ?? 0;
  let body = '';
  try { body = (await readCapped(res, 64 * 1024, signal, url, opts.timeoutMs)).toString('utf8').slice(0, 2000); } catch { /* the status is what matters */ }
  const retryAfterMs = parseRetryAfter(header(res, 'retry-after'));
  return { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}), body };
}

/** One request, its host checked at connect time (an IP literal, never looked up, is checked first). */
async function send(url: URL, policy: AddressPolicy, req: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; signal: AbortSignal; original: string }, timeoutMs: number): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HttpError(`only http and https URLs are supported, not ${url.protocol}`, req.original);
  if (isIP(url.hostname.replace(/^\[|\]$/g, ''))) await assertAllowedHost(url, policy, req.original);
  try {
    return await pinnedRequest(url, { ...req, allowPrivate: policy.allowPrivate, allowHosts: policy.allowHosts, resolve: policy.resolve, hint: HINT });
  } catch (e) {
    if (e instanceof FetchError && !(e instanceof HttpError)) throw new HttpError(e.message, req.original);
    throw failure(e, req.signal, req.original, timeoutMs);
  }
}

function header(res: IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v ?? undefined;
}

function readCapped(res: IncomingMessage, maxBytes: number, signal: AbortSignal, url: string, timeoutMs: number): Promise<Buffer> {
  return readDecodedCapped(res, maxBytes, {
    tooLarge: () => new HttpError(`response exceeds the limit of ${maxBytes} bytes`, url, res.statusCode),
    failed: (e) => failure(e, signal, url, timeoutMs),
  });
}

function failure(e: unknown, signal: AbortSignal, url: string, timeoutMs: number): HttpError {
  if (e instanceof HttpError) return e;
  if (signal.aborted) return new HttpError(signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : 'aborted', url);
  const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
  return new HttpError(`cannot fetch ${url}: ${err.cause?.code ?? err.cause?.message ?? err.code ?? err.message}`, url);
}
