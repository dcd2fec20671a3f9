import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import { createServerApp, type AppOptions, type NarrascopeApp } from '../../src/server/app.ts';
import { RateLimiter, clientKey } from '../../src/server/rate-limit.ts';
import { spawn } from 'node:child_process';
import { ROOT, runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { serveUrl } from '../helpers/serve.ts';
import { CALENDAR, fixtureCorpus } from './fixtures.ts';

const TOKEN = 'write-token-0123456789abcdef';
const READ_TOKEN = 'read-token-0123456789abcdef';
const registry = actorRegistry();
const dir = tempDir('narrascope-rate-');
let store: SqliteStore;

/** A fake clock the limiter reads, moved by hand. */
function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

function app(opts: Partial<AppOptions> = {}): NarrascopeApp {
  return createServerApp({ store, registry, webRoot: false, allowedHosts: ['127.0.0.1'], log: () => {}, ...opts });
}

/** A request as @hono/node-server hands it over: the socket's remote address in env.incoming. */
async function from(ns: NarrascopeApp, address: string, path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const req = new Request(`http://127.0.0.1${path}`, { ...init, headers: { host: '127.0.0.1:8787', ...(init.headers ?? {}) } });
  const res = await ns.app.fetch(req, { incoming: { socket: { remoteAddress: address } } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

before(async () => {
  store = new SqliteStore(join(dir, 'rate.db'));
  const { docs, analyses } = fixtureCorpus();
  await store.insertDocuments(docs, analyses);
  await store.insertCalendarEvents(CALENDAR);
});
after(async () => { await store.close(); });

describe('token bucket', () => {
  test('a burst is allowed, then one request per 1/rate seconds; Retry-After is the wait in whole seconds', () => {
    const c = clock();
    const l = new RateLimiter({ rate: 5, burst: 10, now: c.now });
    for (let i = 0; i < 10; i++) assert.equal(l.take('a').ok, true, `request ${i + 1} of the burst`);
    const refused = l.take('a');
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.retryAfterSeconds, 1);
    c.advance(199);
    assert.equal(l.take('a').ok, false, 'not yet a whole token back');
    c.advance(2);
    assert.equal(l.take('a').ok, true, 'one token after 1/rate s');
    const slow = new RateLimiter({ rate: 0.1, burst: 1, now: c.now });
    slow.take('b');
    const wait = slow.take('b');
    assert.equal(!wait.ok && wait.retryAfterSeconds, 10);
    assert.equal(new RateLimiter({ rate: 50 }).burst, 100, 'default burst is twice the rate');
    assert.throws(() => new RateLimiter({ rate: 0 }), /positive/);
  });

  test('client keys: IPv4, IPv4-mapped IPv6, IPv6 by /64', () => {
    assert.equal(clientKey('10.1.2.3'), 'addr:10.1.2.3');
    assert.equal(clientKey('::ffff:10.1.2.3'), 'addr:10.1.2.3');
    assert.equal(clientKey('2001:db8:1:2::1'), clientKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    assert.notEqual(clientKey('2001:db8:1:2::1'), clientKey('2001:db8:1:3::1'));
    assert.equal(clientKey('2001:DB8:0001:0002::1%eth0'), clientKey('2001:db8:1:2::9'));
    assert.equal(clientKey('::1'), 'addr:0:0:0:0::/64');
    assert.equal(clientKey(undefined), 'addr:unknown');
  });

  test('the table stays bounded under 100,000 distinct clients (two generations of at most maxClients / 2), and idle buckets are forgotten', () => {
    const c = clock();
    const l = new RateLimiter({ rate: 10, burst: 20, maxClients: 5000, now: c.now });
    let peak = 0;
    for (let i = 0; i < 100_000; i++) {
      l.take(`addr:10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      if (i % 97 === 0) l.take('addr:192.0.2.1'); // a steady client stays remembered
      peak = Math.max(peak, l.size);
      c.advance(0.01);
    }
    assert.ok(peak <= 5000 && peak >= 4900, `never more than maxClients (peak ${peak})`);
    // ~1,000 requests in 1 s against 10/s: a remembered bucket is empty (a forgotten one would be full again).
    const steady = l.take('addr:192.0.2.1');
    assert.ok(!steady.ok || steady.remaining <= 1, 'the steady client kept its (nearly empty) bucket through the flood');
    c.advance(2001); // burst / rate = 2 s: every bucket is full again, so none needs remembering
    l.take('addr:198.51.100.1');
    assert.equal(l.size, 1, 'idle buckets swept');
    assert.equal(new RateLimiter({ rate: 50 }).maxClients, 10_000, 'default cap');
  });
});

describe('rate limit in the HTTP app', () => {
  test('a burst above the limit gets 429 with Retry-After (and the security headers); below it never', async () => {
    const c = clock();
    const ns = app({ rateLimit: { rate: 5, burst: 10, now: c.now } });
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) statuses.push((await from(ns, '203.0.113.7', '/api/health')).status);
    assert.deepEqual(statuses, [...Array(10).fill(200), ...Array(5).fill(429)]);
    const r = await from(ns, '203.0.113.7', '/api/documents?limit=1');
    assert.equal(r.status, 429);
    assert.match(r.headers.get('retry-after')!, /^[1-9]\d*$/);
    assert.match(JSON.parse(r.text).error, /too many requests/);
    assert.match(r.headers.get('content-security-policy')!, /default-src 'none'/);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    // Every kind of request counts, not only the routes: 404s, 405s and bad Host headers too.
    const d = clock();
    const strict = app({ rateLimit: { rate: 1, burst: 2, now: d.now } });
    assert.equal((await from(strict, '203.0.113.8', '/api/nope')).status, 404);
    assert.equal((await from(strict, '203.0.113.8', '/api/health', { method: 'PUT' })).status, 405);
    assert.equal((await from(strict, '203.0.113.8', '/api/health')).status, 429);

    // Below the limit (4 requests/s against 5/s), 200 requests never meet a 429.
    const slow = clock();
    const steady = app({ rateLimit: { rate: 5, burst: 10, now: slow.now } });
    for (let i = 0; i < 200; i++) {
      const s = (await from(steady, '203.0.113.9', i % 2 ? '/api/health' : '/api/documents?limit=1')).status;
      assert.equal(s, 200, `request ${i} at 4/s`);
      slow.advance(250);
    }
  });

  test('separate clients are limited separately', async () => {
    const c = clock();
    const ns = app({ rateLimit: { rate: 1, burst: 3, now: c.now } });
    for (let i = 0; i < 3; i++) assert.equal((await from(ns, '198.51.100.1', '/api/health')).status, 200);
    assert.equal((await from(ns, '198.51.100.1', '/api/health')).status, 429, 'client 1 is over its limit');
    for (let i = 0; i < 3; i++) assert.equal((await from(ns, '198.51.100.2', '/api/health')).status, 200, 'client 2 is not');
    assert.equal((await from(ns, '::ffff:198.51.100.1', '/api/health')).status, 429, 'IPv4-mapped is the same client');
    for (let i = 0; i < 3; i++) assert.equal((await from(ns, '2001:db8:0:1::1', '/api/health')).status, 200);
    assert.equal((await from(ns, '2001:db8:0:1::2', '/api/health')).status, 429, 'the same IPv6 /64 is one client');
    assert.equal((await from(ns, '2001:db8:0:2::1', '/api/health')).status, 200, 'another /64 is another client');
    c.advance(1000);
    assert.equal((await from(ns, '198.51.100.1', '/api/health')).status, 200, 'a token back after 1/rate s');
    assert.ok(ns.limiter!.size <= 5);
  });

  test('writes are also limited per token, whichever address they come from', async () => {
    const c = clock();
    const ns = app({ token: TOKEN, rateLimit: { rate: 1, burst: 2, now: c.now } });
    const body = (n: number) => JSON.stringify({ analyze: false, documents: [{ text: `rate limited write ${n}`, publishedAt: '2025-03-18T10:00:00Z', source: 'Rate Wire' }] });
    const write = (address: string, n: number) => from(ns, address, '/api/ingest', {
      method: 'POST', body: body(n), headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    });
    assert.equal((await write('192.0.2.10', 1)).status, 200);
    assert.equal((await write('192.0.2.11', 2)).status, 200);
    const third = await write('192.0.2.12', 3);
    assert.equal(third.status, 429, 'a fresh address does not reset the token’s bucket');
    assert.ok(third.headers.get('retry-after'));
    assert.equal((await from(ns, '192.0.2.12', '/api/health')).status, 200, 'reads from that address are unaffected');
    c.advance(1000);
    assert.equal((await write('192.0.2.13', 4)).status, 200);
  });

  test('no limiter unless configured (rate 0 disables)', async () => {
    for (const ns of [app(), app({ rateLimit: { rate: 0 } })]) {
      assert.equal(ns.limiter, undefined);
      for (let i = 0; i < 300; i++) assert.equal((await from(ns, '203.0.113.50', '/api/health')).status, 200);
    }
  });

  test('100,000 distinct clients through the app: the table stays at its cap', async () => {
    const ns = app({ rateLimit: { rate: 50, burst: 100, maxClients: 2000 } });
    let peak = 0;
    for (let i = 0; i < 100_000; i++) {
      const res = await ns.app.fetch(new Request('http://127.0.0.1/api/nope', { headers: { host: '127.0.0.1' } }),
        { incoming: { socket: { remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` } } });
      assert.equal(res.status, 404);
      if (i % 1000 === 0) peak = Math.max(peak, ns.limiter!.size);
    }
    peak = Math.max(peak, ns.limiter!.size);
    assert.ok(peak <= 2000 && peak >= 1900, `peak ${peak}`);
  });
});

describe('read token', () => {
  test('every read needs the read token (or the write token); it does not grant writes', async () => {
    const ns = app({ token: TOKEN, readToken: READ_TOKEN });
    const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
    for (const path of ['/api/documents?limit=1', '/api/health', '/api/narratives', '/api/openapi.json']) {
      const denied = await from(ns, '127.0.0.1', path);
      assert.equal(denied.status, 401, path);
      assert.match(denied.headers.get('www-authenticate') ?? '', /Bearer/, path);
      assert.equal((await from(ns, '127.0.0.1', path, { headers: bearer('wrong-token-0123456789abcdef') })).status, 401, path);
      assert.equal((await from(ns, '127.0.0.1', path, { headers: bearer(READ_TOKEN.slice(0, -1)) })).status, 401, path);
      assert.equal((await from(ns, '127.0.0.1', path, { headers: bearer(READ_TOKEN) })).status, 200, path);
      assert.equal((await from(ns, '127.0.0.1', path, { headers: bearer(TOKEN) })).status, 200, path);
    }
    const doc = JSON.parse((await from(ns, '127.0.0.1', '/api/openapi.json', { headers: bearer(READ_TOKEN) })).text);
    assert.deepEqual(doc.paths['/api/documents'].get.security, [{ bearer: [] }], 'OpenAPI says reads need the token');
    const write = await from(ns, '127.0.0.1', '/api/annotations', {
      method: 'POST', body: '{}', headers: { 'content-type': 'application/json', ...bearer(READ_TOKEN) },
    });
    assert.equal(write.status, 401, 'the read token is not a write token');
    const readOnly = app({ readToken: READ_TOKEN });
    assert.equal((await from(readOnly, '127.0.0.1', '/api/stats')).status, 401);
    assert.equal((await from(readOnly, '127.0.0.1', '/api/stats', { headers: bearer(READ_TOKEN) })).status, 200);
    assert.equal((await from(app(), '127.0.0.1', '/api/stats')).status, 200, 'without a read token, loopback reads stay open');
  });
});

describe('`narrascope serve` wiring', () => {
  test('bad --rate-limit, --rate-burst and short read tokens are usage errors', () => {
    const db = join(dir, 'cli.db');
    for (const [args, env, message] of [
      [['--rate-limit', '-1'], {}, /--rate-limit/],
      [['--rate-limit', 'lots'], {}, /--rate-limit/],
      [['--rate-burst', '0'], {}, /--rate-burst/],
      [['--read-token', 'short'], {}, /read token must be at least 16/],
      [[], { NARRASCOPE_READ_TOKEN: 'short' }, /read token must be at least 16/],
    ] as [string[], Record<string, string>, RegExp][]) {
      const r = runCli(['--db', db, 'serve', '--port', '0', '--no-web', ...args], { env: { NARRASCOPE_TOKEN: '', NARRASCOPE_READ_TOKEN: '', ...env } });
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
  });

  test('over a real socket: the read token from NARRASCOPE_READ_TOKEN, then 429 with Retry-After past --rate-limit', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'narrascope.js'), '--db', join(dir, 'rate.db'), 'serve', '--port', '0', '--no-web',
      '--rate-limit', '0.1', '--rate-burst', '4'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NARRASCOPE_READ_TOKEN: READ_TOKEN, NARRASCOPE_TOKEN: '' } });
    try {
      const url = await serveUrl(child, 30_000, /rate limit 0\.1\/s per client/);
      const auth = { authorization: `Bearer ${READ_TOKEN}` };
      assert.equal((await fetch(`${url}/api/health`)).status, 401, 'read token enforced');
      assert.equal((await fetch(`${url}/api/health`, { headers: auth })).status, 200);
      assert.equal((await fetch(`${url}/api/stats`, { headers: auth })).status, 200);
      assert.equal((await fetch(`${url}/api/health`, { headers: auth })).status, 200);
      const over = await fetch(`${url}/api/health`, { headers: auth });
      assert.equal(over.status, 429, 'the fifth request of a burst of 4');
      assert.match(over.headers.get('retry-after') ?? '', /^([1-9]|10)$/, 'at 0.1/s, up to 10 s');
      assert.equal(over.headers.get('x-frame-options'), 'DENY');
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
  });
});
