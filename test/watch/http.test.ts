// The watcher's HTTP (feeds, pages, webhooks) checks the address it connects to, not a separate earlier lookup:
// a name that resolves to a loopback address at connect time is refused and the local server never sees a request.
import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Resolver } from '../../src/ingest/fetch.ts';
import { HttpError, conditionalGet, postJson } from '../../src/watch/http.ts';
import { localServer } from './helpers.ts';

function resolverTo(address: string): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = ((hostname, _options, callback) => {
    calls.push(hostname);
    setImmediate(() => callback(null, [{ address, family: 4 } as LookupAddress]));
  }) as Resolver & { calls: string[] };
  resolve.calls = calls;
  return resolve;
}

const get = { maxBytes: 10_000, timeoutMs: 5_000, userAgent: 'narrascope-test' };

describe('watch HTTP: connect-time address check (DNS rebinding)', () => {
  it('a feed whose name resolves to 127.0.0.1 is refused once, at connect time; allowed by name, it is fetched from that address', async () => {
    const srv = await localServer((_req, res) => { res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' }); res.end('<rss/>'); });
    try {
      const port = new URL(srv.base).port;
      const resolve = resolverTo('127.0.0.1');
      await assert.rejects(conditionalGet(`http://feed.rebind.test:${port}/f.xml`, { ...get, resolve }),
        (e: unknown) => e instanceof HttpError && /feed\.rebind\.test resolves to 127\.0\.0\.1, loopback/.test(e.message));
      assert.deepEqual(resolve.calls, ['feed.rebind.test'], 'one resolution, the one connected with');
      assert.equal(srv.hits.length, 0, 'no request reached the loopback server');

      const ok = await conditionalGet(`http://feed.rebind.test:${port}/f.xml`, { ...get, resolve, allowHosts: ['feed.rebind.test'] });
      assert.equal(ok.status, 200);
      assert.equal(ok.status === 200 && ok.etag, '"v1"');
      assert.equal(srv.hits[0].headers.host, `feed.rebind.test:${port}`, 'the Host header is the URL\'s');
    } finally { await srv.close(); }
  });

  it('a webhook whose name resolves to a private address is refused before any byte is sent', async () => {
    const srv = await localServer((_req, res) => { res.writeHead(204); res.end(); });
    try {
      const port = new URL(srv.base).port;
      await assert.rejects(postJson(`http://hook.rebind.test:${port}/h`, { a: 1 }, { timeoutMs: 5_000, userAgent: 't', resolve: resolverTo('127.0.0.1') }),
        /hook\.rebind\.test resolves to 127\.0\.0\.1/);
      assert.equal(srv.hits.length, 0);
      const sent = await postJson(`${srv.base}/h`, { a: 1 }, { timeoutMs: 5_000, userAgent: 't', allowPrivate: true });
      assert.equal(sent.status, 204);
      assert.deepEqual(JSON.parse(srv.hits[0].body), { a: 1 });
    } finally { await srv.close(); }
  });

  it('a gzip-encoded feed is decoded and the size cap applies to the decoded bytes', async () => {
    const srv = await localServer((req, res) => {
      const body = req.url === '/bomb' ? gzipSync(Buffer.alloc(1_000_000, 0x20)) : gzipSync('<rss>ok</rss>');
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-type': 'application/rss+xml' });
      res.end(body);
    });
    try {
      const ok = await conditionalGet(`${srv.base}/feed`, { ...get, allowPrivate: true });
      assert.equal(ok.status === 200 && ok.body.toString(), '<rss>ok</rss>');
      await assert.rejects(conditionalGet(`${srv.base}/bomb`, { ...get, allowPrivate: true }), /exceeds the limit of 10000 bytes/);
    } finally { await srv.close(); }
  });
});
