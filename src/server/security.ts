/** Authentication, security headers, host checks and bounded body reading for the HTTP server. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Context } from 'hono';
import { HttpError } from './routes.ts';

/** Constant-time token check: both sides are hashed first, so neither length nor content leaks through timing. */
export function tokenMatches(expected: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(presented, 'utf8').digest();
  return timingSafeEqual(a, b);
}

export function bearerOf(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (!header) return undefined;
  const m = /^Bearer[ ]+([\x21-\x7e]{1,512})$/i.exec(header.trim());
  return m ? m[1] : undefined;
}

/** Throws 401 when the request does not carry the token. */
export function requireToken(c: Context, token: string): void {
  if (!tokenMatches(token, bearerOf(c))) {
    throw new HttpError(401, 'missing or wrong bearer token (Authorization: Bearer …)');
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h.startsWith('::ffff:')) return h.slice(7).startsWith('127.');
  return false;
}

/** Hostname part of a Host header (`[::1]:8787` → `::1`, `localhost:80` → `localhost`). */
export function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') > 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon >= 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

/** The dashboard: scripts and styles only from this origin; nothing may frame it. */
export const DASHBOARD_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
  "connect-src 'self'", "worker-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** API responses are data: nothing in them may run or load anything. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

export function setSecurityHeaders(headers: Headers, csp: string): void {
  headers.set('Content-Security-Policy', csp);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
}

/**
 * Reads a request body as UTF-8 up to `maxBytes` (413 beyond, whatever Content-Length claims) and parses it as JSON
 * (400 on bad JSON, 415 on another content type).
 */
export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!/^application\/json\s*(;|$)/.test(type)) throw new HttpError(415, 'send the body as application/json');
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > maxBytes) throw new HttpError(413, `body larger than ${maxBytes} bytes`);
  const stream = c.req.raw.body;
  if (!stream) throw new HttpError(400, 'body: expected a JSON document');
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new HttpError(413, `body larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text.trim()) throw new HttpError(400, 'body: expected a JSON document');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body: not valid JSON');
  }
}
