/**
 * The HTTP server: the JSON API (src/server/api.ts, OpenAPI at /api/openapi.json) and the dashboard (web/dist).
 *
 * Security model: reads are open only on loopback (the CLI refuses another interface without a token unless
 * --public-read); with `readAuth` they need the bearer token too. Writes need the token and are disabled without
 * one. Host headers are checked on loopback (DNS rebinding), CORS is closed unless origins are listed, every
 * response carries CSP / nosniff / no-referrer / frame-ancestors 'none', bodies are size-limited, and clients never
 * see an internal error's details. With `readToken` every read needs a bearer token (the read or the write token), and
 * with `rateLimit` each client address (and the write token) gets a token bucket: beyond it, 429 with Retry-After.
 */
import { gzipSync } from 'node:zlib';
import { Hono, type Context } from 'hono';
import type { ActorRegistry } from '../actors/registry.ts';
import type { Store } from '../store/store.ts';
import { JsonlAnnotationStore, type AnnotationStore } from './annotations.ts';
import { readAlerts, type ReadAlertsOptions } from '../watch/index.ts';
import { buildRoutes } from './api.ts';
import { CorpusClock, DEFAULT_REFRESH_MS, ResponseCache, canonicalJson, type CachedBody } from './cache.ts';
import { ComputePool, type ComputeOptions, type ComputeResult } from './compute.ts';
import { openApiDocument } from './openapi.ts';
import { HttpError, RawResponse, formatIssues, type RouteDef } from './routes.ts';
import { RateLimiter, clientKey, type RateLimitOptions } from './rate-limit.ts';
import { API_CSP, DASHBOARD_CSP, bearerOf, hostnameOf, readJsonBody, requireToken, setSecurityHeaders, tokenMatches } from './security.ts';
import { DEFAULT_WEB_ROOT, StaticFiles } from './static.ts';

export interface AppOptions {
  store: Store;
  registry: ActorRegistry;
  /** Bearer token: enables the write endpoints (and read auth with `readAuth`). */
  token?: string;
  /** Reads need the token too (a non-loopback server without --public-read). */
  readAuth?: boolean;
  /** Folder of the built dashboard; false for API only. Default web/dist. */
  webRoot?: string | false;
  /** Host header names accepted (DNS-rebinding protection); undefined accepts any. */
  allowedHosts?: string[];
  /** Origins allowed to call the API from a browser (CORS); none by default. */
  corsOrigins?: string[];
  annotations?: AnnotationStore;
  /** Where internal errors are logged (never sent to clients). Default stderr. */
  log?: (line: string) => void;
  /** Run heavy analytics in worker threads on this database (a SQLite file); inline without. */
  compute?: ComputeOptions;
  /**
   * Per-client rate limit: a token bucket per remote address (IPv6 per /64) for every request, and one per write
   * token for writes; over the limit → 429 with Retry-After. Off when undefined or rate 0.
   */
  rateLimit?: Omit<RateLimitOptions, 'rate'> & { rate: number };
  /** Every read needs this bearer token (the write token is accepted for reads too). */
  readToken?: string;
  /** The database path or URL, for the alerts `narrascope watch` records next to it (GET /api/alerts). */
  alertsDb?: string;
  /**
   * Under a stream of writes, cached analyses follow the corpus at most once per this many milliseconds (default
   * 5000; 0: after every write). A write after a quiet period is visible to the next read at once.
   */
  refreshIntervalMs?: number;
}

export interface NarrascopeApp {
  app: Hono;
  fetch: Hono['fetch'];
  cache: ResponseCache;
  clock: CorpusClock;
  routes: RouteDef[];
  /** The rate limiter, when one is configured. */
  limiter?: RateLimiter;
  /** Computes the expensive default responses once, so the first visitor does not wait. */
  warm: () => Promise<void>;
  /** Stops the compute workers. */
  close: () => Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const MAX_QUEUED = 64;

export function createServerApp(opts: AppOptions): NarrascopeApp {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const refreshIntervalMs = opts.refreshIntervalMs ?? DEFAULT_REFRESH_MS;
  const cache = new ResponseCache();
  const clock = new CorpusClock(opts.store, { intervalMs: refreshIntervalMs });
  const annotations = opts.annotations ?? new JsonlAnnotationStore(undefined);
  const routes = buildRoutes({
    store: opts.store, registry: opts.registry, annotations,
    onWrite: () => clock.bump(), version: () => clock.version(),
    ...(opts.alertsDb ? { alerts: (q: ReadAlertsOptions) => readAlerts(opts.alertsDb!, q) } : {}),
  });
  const allowedHosts = opts.allowedHosts ? new Set(opts.allowedHosts.map((h) => h.toLowerCase())) : undefined;
  const corsOrigins = new Set(opts.corsOrigins ?? []);
  const staticFiles = opts.webRoot === false ? undefined : new StaticFiles(opts.webRoot ?? DEFAULT_WEB_ROOT);
  const pool = opts.compute ? new ComputePool(opts.compute, log) : undefined;
  const readAuth = Boolean(opts.readAuth || opts.readToken);
  const openapi = JSON.stringify(openApiDocument(routes, { readAuth, writes: Boolean(opts.token), refreshSeconds: refreshIntervalMs / 1000 }));
  const limiter = opts.rateLimit && opts.rateLimit.rate > 0 ? new RateLimiter(opts.rateLimit) : undefined;
  /** Reads: the read token or the write token, compared in constant time (401 otherwise). */
  const requireReadToken = (c: Context) => {
    const presented = bearerOf(c);
    const ok = [opts.readToken, opts.token].filter((t): t is string => Boolean(t))
      .map((t) => tokenMatches(t, presented)).includes(true);
    if (!ok) throw new HttpError(401, 'missing or wrong bearer token (Authorization: Bearer …)');
  };
  const rateLimited = (c: Context, retryAfterSeconds: number) => {
    c.header('Retry-After', String(retryAfterSeconds));
    return c.json({ error: 'too many requests: slow down', retryAfter: retryAfterSeconds }, 429);
  };

  const app = new Hono();

  const errorResponse = (c: Context, err: unknown) => {
    if (err instanceof HttpError) {
      if (err.status === 401) c.header('WWW-Authenticate', 'Bearer realm="narrascope"');
      if (err.status === 503) c.header('Retry-After', '5');
      return c.json({ error: err.message, ...err.extra }, err.status);
    }
    log(`api error: ${c.req.method} ${c.req.path}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    return c.json({ error: 'internal error' }, 500);
  };
  app.onError((err, c) => {
    const res = errorResponse(c, err);
    setSecurityHeaders(res.headers, API_CSP);
    return res;
  });

  // Every response: security headers; API responses are never cached by intermediaries unless revalidated.
  app.use('*', async (c, next) => {
    await next();
    const isApi = c.req.path.startsWith('/api/') || c.req.path === '/api';
    setSecurityHeaders(c.res.headers, isApi ? (c.res.headers.get('Content-Security-Policy') ?? API_CSP) : DASHBOARD_CSP);
    if (isApi && !c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });

  // Rate limit before any other work: every request from an address (IPv6: its /64) takes a token.
  if (limiter) {
    app.use('*', async (c, next) => {
      const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
      const d = limiter.take(clientKey(env?.incoming?.socket?.remoteAddress));
      if (!d.ok) return rateLimited(c, d.retryAfterSeconds);
      return next();
    });
  }

  app.use('*', async (c, next) => {
    if (allowedHosts) {
      const host = c.req.header('host');
      if (!host || !allowedHosts.has(hostnameOf(host))) {
        return c.json({ error: 'unexpected Host header (this server answers on its loopback address only)' }, 421);
      }
    }
    const origin = c.req.header('origin');
    if (origin && corsOrigins.has(origin)) {
      c.header('Access-Control-Allow-Origin', origin);
      // let allowed browser clients see that an answer is from the previous corpus version, and when to retry
      c.header('Access-Control-Expose-Headers', 'X-Narrascope-Stale, Retry-After');
      c.header('Vary', 'Origin', { append: true });
    }
    if (c.req.method === 'OPTIONS') {
      if (!origin || !corsOrigins.has(origin)) return c.json({ error: 'cross-origin requests are not allowed' }, 403);
      c.header('Access-Control-Allow-Methods', 'GET, POST');
      c.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
      c.header('Access-Control-Max-Age', '600');
      return c.body(null, 204);
    }
    if (!['GET', 'HEAD', 'POST'].includes(c.req.method)) return c.json({ error: 'method not allowed' }, 405);
    return next();
  });

  const send = (c: Context, entry: CachedBody, cacheable: boolean) => {
    if (cacheable) {
      c.header('ETag', entry.etag);
      c.header('Cache-Control', 'private, no-cache');
      if (c.req.header('if-none-match') === entry.etag) return c.body(null, 304);
    }
    for (const [k, v] of Object.entries(entry.headers ?? { 'Content-Type': JSON_TYPE })) c.header(k, v);
    if (!entry.bytesUtf8) return c.body(entry.body);
    // Large cached answers are gzipped once and sent as they are to every client that accepts gzip.
    if (entry.bytesUtf8.byteLength > 2048) {
      c.header('Vary', 'Accept-Encoding', { append: true });
      if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
        entry.gzip ??= new Uint8Array(gzipSync(entry.bytesUtf8, { level: 6 }));
        c.header('Content-Encoding', 'gzip');
        return c.body(entry.gzip as Uint8Array<ArrayBuffer>);
      }
    }
    return c.body(entry.bytesUtf8 as Uint8Array<ArrayBuffer>);
  };

  for (const def of routes) {
    app.on(def.method.toUpperCase(), def.path, async (c) => {
      if (def.auth === 'write') {
        if (!opts.token) throw new HttpError(403, 'writes are disabled: start the server with --token or NARRASCOPE_TOKEN');
        requireToken(c, opts.token);
        // Writes also take a token from the write token's own bucket, whichever address they come from.
        const d = limiter?.take('write-token');
        if (d && !d.ok) return rateLimited(c, d.retryAfterSeconds);
      } else if (readAuth) {
        requireReadToken(c);
      }
      const params = validate(def.params, c.req.param(), 'path');
      const query = validate(def.query, c.req.query(), 'query');
      const body = def.body ? validate(def.body, await readJsonBody(c, def.maxBodyBytes ?? 64 * 1024), 'body') : undefined;
      const inline = () => Promise.resolve(def.handler({ c, params, query, body }));
      const run = def.heavy && pool?.healthy
        ? async () => {
          // Distinct uncached questions queue up in the workers; past a bound, ask the client to come back.
          if (pool.pending >= MAX_QUEUED) throw new HttpError(503, 'busy computing other analyses: retry in a few seconds', { retryAfter: 5 });
          let answer: ComputeResult;
          try {
            answer = await pool.run({ route: `${def.method} ${def.path}`, params, query });
          } catch (err) {
            log(`compute worker unavailable, computing inline: ${(err as Error).message.split('\n')[0]}`);
            return inline();
          }
          return fromWorker(answer);
        }
        : inline;
      if (def.cache) {
        cache.setVersion(await clock.version());
        // `Cache-Control: no-cache` from the client: wait for the current answer rather than take the previous one.
        const allowStale = !/\bno-cache\b|\bmax-age=0\b/.test(c.req.header('cache-control') ?? '');
        const answer = await cache.get(`${def.method} ${def.path} ${canonicalJson({ params, query })}`, run, allowStale);
        // An earlier corpus state's answer, served while the current one is computed: say how old it is.
        if (answer.stale) c.header('X-Narrascope-Stale', String(Math.round(answer.ageMs / 1000)));
        return send(c, answer.entry, true);
      }
      const result = await run();
      if (result instanceof RawResponse) return send(c, { body: result.body, etag: '', bytes: 0, headers: result.headers }, false);
      return c.body(JSON.stringify(result), undefined, { 'Content-Type': JSON_TYPE });
    });
  }

  app.get('/api/openapi.json', (c) => {
    if (readAuth) requireReadToken(c);
    return c.body(openapi, 200, { 'Content-Type': JSON_TYPE, 'Cache-Control': 'no-cache' });
  });
  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404));
  app.all('/api', (c) => c.json({ error: 'not found' }, 404));

  app.on(['GET', 'HEAD'], '*', (c) => {
    if (!staticFiles) return c.json({ error: 'not found' }, 404);
    let path: string;
    try { path = decodeURIComponent(c.req.path); } catch { return c.text('bad path', 400); }
    const file = staticFiles.lookup(path);
    if (!file) {
      if ((path === '/' || path === '/index.html') && !staticFiles.available) {
        return c.text('The dashboard is not built: run `npm run build:web`. The API is at /api (see /api/openapi.json).', 404);
      }
      return c.text('not found', 404);
    }
    c.header('Content-Type', file.type);
    c.header('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (c.req.method === 'HEAD') return c.body(null);
    return c.body(new Uint8Array(staticFiles.read(file)));
  });
  app.all('*', (c) => c.json({ error: 'method not allowed' }, 405));

  const warm = async () => {
    for (const path of ['/api/stats', '/api/narratives']) {
      const res = await app.fetch(new Request(`http://localhost${path}`, { headers: { host: allowedHosts ? [...allowedHosts][0] : 'localhost', ...(opts.token ?? opts.readToken ? { authorization: `Bearer ${opts.token ?? opts.readToken}` } : {}) } }));
      await res.arrayBuffer();
    }
  };

  return { app, fetch: app.fetch, cache, clock, routes, limiter, warm, close: async () => { await pool?.close(); } };
}

/** A worker's answer as the handler's own would have been: the body as is, or the client error it raised. */
function fromWorker(r: ComputeResult): RawResponse {
  if (!r.ok) throw new HttpError(r.status as HttpError['status'], r.message, r.extra ?? {});
  return new RawResponse(r.body, r.headers);
}

function validate<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false; error: import('zod').ZodError } } | undefined,
  value: unknown, where: string): T {
  if (!schema) return undefined as T;
  const r = schema.safeParse(value);
  if (!r.success) {
    const { message, issues } = formatIssues(r.error, where);
    throw new HttpError(400, message, { issues });
  }
  return r.data;
}

/** Backwards-compatible entry point: the API (and dashboard) for a store. */
export function createApp(deps: { store: Store; registry: ActorRegistry } & Partial<AppOptions>): Hono {
  return createServerApp(deps).app;
}
