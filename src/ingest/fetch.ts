/**
 * Fetches a URL the user gave to `ingest`, defensively: http(s) only, every hop's host resolved and refused
 * when it points at a loopback / private / link-local / CGNAT / multicast / reserved address (SSRF, cloud
 * metadata at 169.254.169.254), at most 5 redirects followed by hand, a size cap and an overall timeout.
 *
 * DNS rebinding: the check is made where the connection is made. `openUrl` requests through node:http(s) with a
 * connect-time `lookup` that refuses the host when any address it resolves to is not public, so the address
 * checked is the address connected to (no second lookup a rebinding DNS server could answer differently). The
 * Host header and TLS SNI stay the URL's host name.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { InputSource } from './types.ts';

export class FetchError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface OpenUrlOptions {
  /** Allow private and local addresses (tests, intranet feeds). */
  allowPrivate?: boolean;
  /** Host names exempt from the address check (e.g. an intranet feed server); matched case-insensitively. */
  allowHosts?: string[];
  maxBytes: number;
  timeoutMs: number;
  /** The resolver used at connect time (tests stub it); default dns.lookup. */
  resolve?: Resolver;
}

/** dns.lookup with `all: true`. */
export type Resolver = (hostname: string, options: LookupAllOptions, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

const MAX_REDIRECTS = 5;
const HINT = 'allow with --allow-private';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CHUNK = 64 * 1024;

/**
 * The next URL when `res` is a redirect (the response is then discarded), else undefined; a redirect without a
 * Location or past MAX_REDIRECTS fails with `error(message)`. Shared by `ingest` URLs and the watcher.
 */
export function redirectTarget(res: IncomingMessage, current: URL, hop: number, error: (message: string) => Error): URL | undefined {
  const status = res.statusCode ?? 0;
  if (!REDIRECTS.has(status)) return undefined;
  const location = res.headers.location;
  res.destroy();
  if (!location) throw error(`HTTP ${status} redirect without a Location header at ${current.href}`);
  if (hop >= MAX_REDIRECTS) throw error(`more than ${MAX_REDIRECTS} redirects`);
  return new URL(location, current);
}

/** Why an IPv4 address (dotted) is not public, or null. */
function privateV4(ip: string): string | null {
  const p = ip.split('.').map(Number);
  if (p.length !== 4 || p.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return 'malformed IPv4 address';
  const [a, b, c] = p;
  if (a === 0) return '0.0.0.0/8 ("this network")';
  if (a === 10) return 'private (10/8)';
  if (a === 127) return 'loopback';
  if (a === 100 && b >= 64 && b <= 127) return 'carrier-grade NAT (100.64/10)';
  if (a === 169 && b === 254) return 'link-local / cloud metadata (169.254/16)';
  if (a === 172 && b >= 16 && b <= 31) return 'private (172.16/12)';
  if (a === 192 && b === 168) return 'private (192.168/16)';
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return 'reserved (192.0.0/24, 192.0.2/24)';
  if (a === 198 && (b === 18 || b === 19)) return 'benchmarking (198.18/15)';
  if ((a === 198 && b === 51 && c === 100) || (a === 203 && b === 0 && c === 113)) return 'documentation range';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved (240/4)';
  return null;
}

/** The eight 16-bit groups of an IPv6 address, or null. */
function v6Groups(ip: string): number[] | null {
  let s = ip.replace(/%.*$/, '');
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const p = v4[1].split('.').map(Number);
    s = s.slice(0, -v4[1].length) + `${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0) return null;
  const groups = [...head, ...Array(fill).fill('0'), ...tail].map((g) => parseInt(g, 16));
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

const embeddedV4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** Why an address is not public (loopback, private, link-local...), or null when it is. */
export function privateAddressReason(ip: string): string | null {
  const family = isIP(ip.replace(/%.*$/, ''));
  if (family === 4) return privateV4(ip);
  if (family !== 6) return 'not an IP address';
  const g = v6Groups(ip);
  if (!g) return 'malformed IPv6 address';
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(8)) return 'unspecified address (::)';
  if (zeroTo(7) && g[7] === 1) return 'loopback (::1)';
  if (zeroTo(5) && g[5] === 0xffff) return privateV4(embeddedV4(g[6], g[7])) && `IPv4-mapped ${privateV4(embeddedV4(g[6], g[7]))}`;
  if (zeroTo(6)) return privateV4(embeddedV4(g[6], g[7])) && `IPv4-compatible ${privateV4(embeddedV4(g[6], g[7]))}`;
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) {
    const r = privateV4(embeddedV4(g[6], g[7]));
    return r && `NAT64 ${r}`;
  }
  if (g[0] === 0x2002) {
    const r = privateV4(embeddedV4(g[1], g[2]));
    return r && `6to4 ${r}`;
  }
  if ((g[0] & 0xfe00) === 0xfc00) return 'unique local (fc00::/7)';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local (fe80::/10)';
  if ((g[0] & 0xffc0) === 0xfec0) return 'site-local (fec0::/10)';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast (ff00::/8)';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'documentation (2001:db8::/32)';
  return null;
}

/**
 * Refuses a URL whose host resolves to a loopback, private, link-local or metadata address (any of its addresses),
 * unless the policy allows private addresses or names the host. Shared by ingest and watch.
 */
export async function assertPublicHost(url: URL, opts: Pick<OpenUrlOptions, 'allowPrivate' | 'allowHosts'>, original: string,
  hint = HINT): Promise<void> {
  if (opts.allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (opts.allowHosts?.some((h) => h.toLowerCase() === host.toLowerCase())) return;
  let addresses: { address: string }[];
  try {
    addresses = isIP(host) ? [{ address: host }] : await lookup(host, { all: true, verbatim: true });
  } catch (e) {
    throw new FetchError(`cannot resolve ${host}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, original);
  }
  if (!addresses.length) throw new FetchError(`cannot resolve ${host}`, original);
  // Any bad address refuses the host: a round-robin answer must not let one private address through.
  for (const { address } of addresses) {
    const refused = refusal(url, host, address, hint);
    if (refused) throw new FetchError(refused, original);
  }
}

/** Why `host` may not be connected to at `address` (the refusal message), or null. */
function refusal(url: URL, host: string, address: string, hint: string): string | null {
  const reason = privateAddressReason(address);
  return reason && `refusing ${url.href}: ${host} resolves to ${address}, ${reason} (${hint})`;
}

/**
 * A `lookup` for net/tls connections: resolves once and fails the connection when `refuse` objects to any of the
 * addresses, so the connection is made only to addresses that were checked.
 */
export function pinnedLookup(resolve: Resolver, refuse: (hostname: string, address: string) => Error | null): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      if (!addresses.length) return callback(Object.assign(new Error(`cannot resolve ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      for (const { address } of addresses) {
        const refused = refuse(hostname, address);
        if (refused) return callback(refused as NodeJS.ErrnoException, '', 0);
      }
      if (options.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

const ACCEPT = 'application/json, application/x-ndjson, application/rss+xml, application/atom+xml, text/csv, text/html;q=0.9, text/plain;q=0.8, */*;q=0.5';

export interface PinnedRequestOptions extends Pick<OpenUrlOptions, 'allowPrivate' | 'allowHosts' | 'resolve'> {
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string | Buffer;
  signal: AbortSignal;
  /** The URL the user gave (named in errors; differs from `url` after redirects). */
  original: string;
  /** How to allow a refused address, named in the refusal ("allow with --allow-private"). */
  hint?: string;
}

/**
 * One request through node:http(s) whose host name is resolved, and checked unless allowed, at connect time
 * (`pinnedLookup`): the address checked is the address connected to. IP literals are not looked up: callers check
 * them with `assertPublicHost`. Shared by `ingest` URLs and the watcher's feeds and webhooks.
 */
export function pinnedRequest(url: URL, opts: PinnedRequestOptions): Promise<IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const checked = !opts.allowPrivate && !opts.allowHosts?.some((h) => h.toLowerCase() === host.toLowerCase());
  const lookup = pinnedLookup(opts.resolve ?? (dnsLookup as Resolver), (hostname, address) => {
    const refused = checked && refusal(url, hostname, address, opts.hint ?? HINT);
    return refused ? new FetchError(refused, opts.original) : null;
  });
  return new Promise((resolvePromise, reject) => {
    const req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, {
      method: opts.method ?? 'GET',
      agent: false,
      lookup,
      signal: opts.signal,
      headers: opts.headers,
    }, resolvePromise);
    req.once('error', reject);
    req.end(opts.body);
  });
}

function get(url: URL, opts: OpenUrlOptions, signal: AbortSignal, original: string): Promise<IncomingMessage> {
  return pinnedRequest(url, {
    ...opts, signal, original,
    headers: { 'user-agent': 'narrascope-ingest/0.1', accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br' },
  });
}

/** The decoded body (gzip, deflate, br undone), so that the size cap applies to what is read. */
function decodedBody(res: IncomingMessage): Readable {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const inflate = encoding === 'gzip' || encoding === 'x-gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : null;
  if (!inflate) return res;
  res.once('error', (e) => inflate.destroy(e));
  return res.pipe(inflate);
}

/** Downloads a URL (size-capped) and returns it as an InputSource that can be opened any number of times. */
export async function openUrl(url: string, opts: OpenUrlOptions): Promise<InputSource> {
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new FetchError(`not a valid URL: ${url}`, url);
  }
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') {
      throw new FetchError(`only http and https URLs are supported, not ${current.protocol}${hop ? ` (redirected to ${current.href})` : ''}`, url);
    }
    // An IP literal is never looked up: check it here. Names are checked by the connect-time lookup.
    if (isIP(current.hostname.replace(/^\[|\]$/g, ''))) await assertPublicHost(current, opts, url);
    let res: IncomingMessage;
    try {
      res = await get(current, opts, signal, url);
    } catch (e) {
      throw e instanceof FetchError ? e : fetchFailure(e, signal, url, opts.timeoutMs);
    }
    const status = res.statusCode ?? 0;
    const next = redirectTarget(res, current, hop, (message) => new FetchError(message, url, status));
    if (next) { current = next; continue; }
    if (status < 200 || status > 299) {
      res.destroy();
      throw new FetchError(`HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''} from ${current.href}`, url, status);
    }
    const declared = Number(res.headers['content-length']);
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      res.destroy();
      throw new FetchError(`response of ${declared} bytes exceeds the limit of ${opts.maxBytes}`, url, status);
    }
    const body = await readCapped(res, status, opts, signal, url);
    const contentType = res.headers['content-type'] ?? undefined;
    return {
      name: url,
      contentType,
      open: () =>
        Readable.from(
          (function* () {
            for (let i = 0; i < body.length; i += CHUNK) yield body.subarray(i, i + CHUNK);
          })(),
        ),
    };
  }
}

function readCapped(res: IncomingMessage, status: number, opts: OpenUrlOptions, signal: AbortSignal, url: string): Promise<Buffer> {
  return readDecodedCapped(res, opts.maxBytes, {
    tooLarge: () => new FetchError(`response exceeds the limit of ${opts.maxBytes} bytes`, url, status),
    failed: (e) => fetchFailure(e, signal, url, opts.timeoutMs),
  });
}

/**
 * Reads a response's decoded body, failing with `tooLarge()` as soon as it exceeds `maxBytes` and with `failed(e)`
 * on any read error; the response is destroyed either way. Shared by `ingest` URLs and the watcher.
 */
export async function readDecodedCapped(res: IncomingMessage, maxBytes: number,
  errors: { tooLarge: () => Error; failed: (e: unknown) => Error }): Promise<Buffer> {
  const body = decodedBody(res);
  const parts: Buffer[] = [];
  let size = 0;
  let tooLarge: Error | undefined;
  try {
    for await (const chunk of body) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > maxBytes) throw (tooLarge = errors.tooLarge());
      parts.push(buf);
    }
  } catch (e) {
    throw e === tooLarge ? e : errors.failed(e);
  } finally {
    body.destroy();
    res.destroy();
  }
  return Buffer.concat(parts, size);
}

function fetchFailure(e: unknown, signal: AbortSignal, url: string, timeoutMs: number): FetchError {
  if (signal.aborted) return new FetchError(`timed out after ${timeoutMs} ms`, url);
  const err = e as Error & { code?: string; cause?: { code?: string; message?: string } };
  return new FetchError(`cannot fetch ${url}: ${err.cause?.code ?? err.cause?.message ?? err.code ?? err.message}`, url);
}
