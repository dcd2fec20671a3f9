import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import { normalizeWatchConfig } from '../../src/watch/config.ts';
import { Watcher } from '../../src/watch/watcher.ts';
import { tempDir } from '../helpers/tmp.ts';
import { localServer, rssFeed } from './helpers.ts';

const registry = actorRegistry([]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function watcherFor(dir: string, store: Store, config: Record<string, unknown>): Watcher {
  return new Watcher({ config: normalizeWatchConfig(config, dir), store, registry, db: join(dir, 'w.db') });
}

describe('watch: feeds and URLs', () => {
  const dir = tempDir('narrascope-watch-feeds-');
  let store: Store;
  before(async () => {
    store = await openStore(join(dir, 'w.db'));
  });
  after(async () => { await store.close(); });

  it('stores a feed once, then sends If-None-Match/If-Modified-Since and gets 304, then stores only new items', async () => {
    let version = 1;
    let items = 3;
    const lastModified = () => new Date(Date.UTC(2025, 2, 20, version)).toUTCString();
    const srv = await localServer((req, res) => {
      const etag = `"v${version}"`;
      if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }); res.end(); return; }
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'last-modified': lastModified() });
      res.end(rssFeed(1, items));
    });
    try {
      const url = `${srv.base}/feed.xml`;
      const config = { allowPrivate: true, politeness: 0, jitter: 0, sources: { feeds: [{ url, interval: '10ms' }] } };
      const w1 = watcherFor(dir, store, config);
      const first = await w1.runOnce();
      w1.close();
      assert.equal(first.stored, 3);
      assert.equal(await store.countDocuments(), 3);
      assert.equal(srv.hits[0].headers['if-none-match'], undefined);

      // A new process (cron --once) remembers the validators through the state file.
      await sleep(20);
      const w2 = watcherFor(dir, store, config);
      const second = await w2.runOnce();
      assert.equal(srv.hits.length, 2);
      assert.equal(srv.hits[1].headers['if-none-match'], '"v1"');
      assert.equal(srv.hits[1].headers['if-modified-since'], lastModified());
      assert.equal(second.notModified, 1);
      assert.equal(second.stored, 0);
      assert.equal(await store.countDocuments(), 3, 'nothing new stored on 304');

      version = 2;
      items = 5;
      await sleep(20);
      const third = await w2.runOnce();
      assert.equal(srv.hits[2].headers['if-none-match'], '"v1"');
      assert.equal(third.stored, 2, 'only the two new items');
      assert.equal(await store.countDocuments(), 5);
      const titles = (await store.listDocuments({}, { limit: 10 })).map((d) => d.title).sort();
      assert.deepEqual(titles, ['Report 1', 'Report 2', 'Report 3', 'Report 4', 'Report 5']);
      w2.close();
      const state = JSON.parse(readFileSync(w2.statePath, 'utf8'));
      assert.equal(state.sources[url].etag, '"v2"');
      assert.equal(state.sources[url].stored, 5);
      assert.equal(state.sources[url].failures, 0);
    } finally { await srv.close(); }
  });

  it('backs off after a 500: the next attempt waits, doubling per failure; success resets it', async () => {
    let failuresLeft = 2;
    const srv = await localServer((_req, res) => {
      if (failuresLeft > 0) { failuresLeft--; res.writeHead(500); res.end('boom'); return; }
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rssFeed(100, 100));
    });
    try {
      const url = `${srv.base}/flaky.xml`;
      const w = watcherFor(dir, store, {
        allowPrivate: true, politeness: 0, jitter: 0, backoff: { initial: '300ms', max: '5s' }, state: 'backoff-state.json',
        sources: { urls: [{ url, interval: '50ms' }] },
      });
      const t0 = Date.now();
      const a = await w.runOnce();
      assert.equal(a.failed, 1);
      const st = w.state.sources[url];
      assert.equal(st.failures, 1);
      assert.equal(st.lastStatus, 500);
      // max(interval, initial) × 2^1 = 600 ms, where the plain interval would be 50 ms.
      const wait1 = Date.parse(st.nextAt!) - t0;
      assert.ok(wait1 >= 590 && wait1 < 5000, `first backoff ${wait1} ms`);
      await sleep(100);
      await w.runOnce();
      assert.equal(srv.hits.length, 1, 'not polled again before the backoff ends');
      await sleep(Date.parse(st.nextAt!) - Date.now() + 20);
      const t1 = Date.now();
      const b = await w.runOnce();
      assert.equal(b.failed, 1);
      assert.equal(srv.hits.length, 2);
      assert.ok(srv.hits[1].at - srv.hits[0].at >= 590, 'second attempt after the backoff');
      const wait2 = Date.parse(st.nextAt!) - t1;
      assert.ok(wait2 >= 1190, `second backoff doubles: ${wait2} ms`);
      await sleep(Date.parse(st.nextAt!) - Date.now() + 20);
      const c = await w.runOnce();
      assert.equal(c.failed, 0);
      assert.equal(c.stored, 1);
      assert.equal(st.failures, 0);
      assert.ok(Date.parse(st.nextAt!) - Date.now() <= 60, 'back to the normal interval');
      w.close();
    } finally { await srv.close(); }
  });

  it('honours Retry-After on 503', async () => {
    const srv = await localServer((_req, res) => { res.writeHead(503, { 'retry-after': '3' }); res.end(); });
    try {
      const url = `${srv.base}/busy`;
      const w = watcherFor(dir, store, {
        allowPrivate: true, politeness: 0, jitter: 0, backoff: { initial: '10ms', max: '1h' }, state: 'retry-after-state.json',
        sources: { urls: [{ url, interval: '10ms' }] },
      });
      const t0 = Date.now();
      await w.runOnce();
      const wait = Date.parse(w.state.sources[url].nextAt!) - t0;
      assert.ok(wait >= 2900, `waits for Retry-After: ${wait} ms`);
      w.close();
    } finally { await srv.close(); }
  });

  it('keeps two URLs on one host apart by the politeness delay; another host does not wait', async () => {
    const feed = (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rssFeed(200, 200));
    };
    const one = await localServer(feed);
    const other = await localServer(feed);
    try {
      const w = watcherFor(dir, store, {
        allowPrivate: true, politeness: '400ms', jitter: 0, concurrency: 4, state: 'polite-state.json',
        sources: { feeds: [{ url: `${one.base}/a.xml` }, { url: `${one.base}/b.xml` }, { url: `${other.base}/c.xml` }] },
      });
      await w.runOnce();
      w.close();
      assert.equal(one.hits.length, 2);
      assert.equal(other.hits.length, 1);
      const gap = Math.abs(one.hits[1].at - one.hits[0].at);
      assert.ok(gap >= 380, `same host ${gap} ms apart`);
      assert.ok(other.hits[0].at < Math.max(one.hits[0].at, one.hits[1].at), 'the other host is fetched meanwhile');
    } finally { await one.close(); await other.close(); }
  });

  it('refuses private addresses unless allowPrivate (the default blocks them)', async () => {
    const srv = await localServer((_req, res) => { res.writeHead(200); res.end(rssFeed(300, 300)); });
    try {
      const url = `${srv.base}/feed.xml`;
      const w = watcherFor(dir, store, { jitter: 0, state: 'private-state.json', sources: { feeds: [{ url }] } });
      const s = await w.runOnce();
      w.close();
      assert.equal(s.failed, 1);
      assert.equal(srv.hits.length, 0, 'no request reached the server');
      assert.match(w.state.sources[url].lastError!, /refusing .*loopback/);
      assert.ok(!existsSync(join(dir, 'w.db.alerts.jsonl')));
    } finally { await srv.close(); }
  });
});
