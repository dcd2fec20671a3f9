/**
 * The response cache under a stream of writes (issue 8, load): cached analyses follow the corpus at most once per
 * refresh interval while writes keep coming, a write after a quiet period is seen at once, identical requests share
 * one computation, and while an answer is recomputed the previous one is served instead of queueing more work.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { AttributionFilter, DocumentFilter } from '../../src/store/store.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import { createServerApp, type AppOptions, type NarrascopeApp } from '../../src/server/app.ts';
import { CorpusClock } from '../../src/server/cache.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { fixtureCorpus } from './fixtures.ts';

const TOKEN = 'test-token-0123456789abcdef';
const registry = actorRegistry();
const dir = tempDir('narrascope-cache-');

/** A store that counts the analyses computed over it, and can hold the next overview until released. */
class CountingStore extends SqliteStore {
  statsCalls = 0;
  claimCalls = 0;
  gate: Promise<void> | undefined;
  override async documentStats(filter: DocumentFilter = {}) {
    this.statsCalls++;
    if (this.gate) await this.gate;
    return super.documentStats(filter);
  }
  override async countAttributions(filter: AttributionFilter = {}) {
    this.claimCalls++;
    return super.countAttributions(filter);
  }
}

let store: CountingStore;
before(async () => {
  store = new CountingStore(join(dir, 'cache.db'));
  const { docs, analyses } = fixtureCorpus();
  await store.insertDocuments(docs, analyses);
});
after(async () => { await store.close(); });

const appFor = (extra: Partial<AppOptions> = {}) =>
  createServerApp({ store, registry, token: TOKEN, webRoot: false, log: () => {}, ...extra });

async function get(app: NarrascopeApp, path: string, headers: Record<string, string> = {}) {
  const res = await app.fetch(new Request(`http://127.0.0.1${path}`, { headers }));
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}
let written = 0;
async function write(app: NarrascopeApp): Promise<void> {
  const n = written++;
  const res = await app.fetch(new Request('http://127.0.0.1/api/ingest', {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ analyze: false, documents: [{ text: `Cache load test document ${n}.`, publishedAt: '2025-03-20T10:00:00Z', source: `Load ${n}`, lang: 'en' }] }),
  }));
  const text = await res.text();
  assert.equal(res.status, 200, text);
  assert.equal((JSON.parse(text) as { stored: number }).stored, 1);
}
const documents = async (app: NarrascopeApp) => (await get(app, '/api/stats')).json.documents as number;
const countStored = async () => (await store.documentStats()).count;

describe('cached analyses under a stream of writes', () => {
  test('20 writes in quick succession, each followed by a read: a bounded number of recomputations, all writes visible after the interval', async () => {
    const interval = 1500;
    const app = appFor({ refreshIntervalMs: interval });
    const start = await documents(app);
    const calls = store.statsCalls;
    const t0 = Date.now();
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) {
      await write(app);
      seen.push(await documents(app));
    }
    const elapsed = Date.now() - t0;
    const recomputed = store.statsCalls - calls;
    // Three writes are published at once (the burst), then at most one version per interval.
    assert.ok(recomputed <= 3 + Math.ceil(elapsed / interval), `${recomputed} recomputations for 20 writes in ${elapsed} ms`);
    assert.ok(recomputed < 20, `${recomputed} recomputations for 20 writes`);
    assert.deepEqual(seen.slice(0, 3), [start + 1, start + 2, start + 3], 'the first writes after a quiet period are seen at once');
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i] >= seen[i - 1], 'never goes back');
    await new Promise((r) => setTimeout(r, interval + 50));
    assert.equal(await documents(app), start + 20, 'one interval later, every write is in the answer');
    await app.close();
  });

  test('the clock: a burst is published at once, then one version per interval, never more than an interval behind', async () => {
    let now = 0;
    const clock = new CorpusClock(store, { intervalMs: 5000, burst: 3, now: () => now });
    const v0 = await clock.version();
    const versions = [v0];
    for (let i = 0; i < 3; i++) { clock.bump(); versions.push(await clock.version()); }
    assert.equal(new Set(versions).size, 4, 'three writes after a quiet period: each visible at once');
    clock.bump();
    const held = await clock.version();
    assert.equal(held, versions[3], 'the fourth write within the interval waits');
    // A write every 100 ms for a minute, a read every 100 ms: the version read is never more than 5 s behind.
    let lastPublishedAt = 0;
    let published = held;
    let firstUnpublished: number | undefined = 0;
    for (let t = 100; t <= 60_000; t += 100) {
      now = t;
      const v = await clock.version();
      if (v !== published) { published = v; lastPublishedAt = t; firstUnpublished = undefined; }
      if (firstUnpublished !== undefined) assert.ok(t - firstUnpublished <= 5000, `write of ${firstUnpublished} ms unseen at ${t} ms`);
      clock.bump();
      firstUnpublished ??= t;
    }
    assert.ok(lastPublishedAt > 55_000);
    assert.ok(clock.publications <= 4 + 60_000 / 5000 + 1, `${clock.publications} versions in a minute of writes`);
    // After a quiet period the next write is visible at once again.
    now += 20_000;
    await clock.version();
    clock.bump();
    assert.notEqual(await clock.version(), published);
    const immediate = new CorpusClock(store, { intervalMs: 0, now: () => now });
    const a = await immediate.version();
    for (let i = 0; i < 5; i++) { immediate.bump(); assert.notEqual(await immediate.version(), a); }
  });

  test('claims are cached: a repeated question costs no database work and revalidates with its ETag', async () => {
    const app = appFor();
    const calls = store.claimCalls;
    const first = await get(app, '/api/claims?limit=3&stance=asserts');
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag');
    assert.ok(etag, 'claims carry an ETag');
    const second = await get(app, '/api/claims?limit=3&stance=asserts');
    assert.deepEqual(second.json, first.json);
    assert.equal((await get(app, '/api/claims?limit=3&stance=asserts', { 'if-none-match': etag })).status, 304);
    assert.equal(store.claimCalls - calls, 1, 'counted once for three requests');
    await app.close();
  });

  test('identical concurrent requests share one computation', async () => {
    const app = appFor();
    const calls = store.statsCalls;
    const answers = await Promise.all(Array.from({ length: 10 }, () => get(app, '/api/stats')));
    assert.equal(store.statsCalls - calls, 1);
    assert.equal(new Set(answers.map((a) => a.json.documents)).size, 1);
    await app.close();
  });

  test('while an answer is recomputed, the previous one is served at once (marked stale) instead of queueing more work', async () => {
    const app = appFor({ refreshIntervalMs: 0 });
    const before = await documents(app);
    await write(app);
    let release!: () => void;
    store.gate = new Promise<void>((r) => { release = r; });
    const calls = store.statsCalls;
    try {
      // The first read after the write recomputes, and waits for it (it must see the write).
      const fresh = get(app, '/api/stats');
      await new Promise((r) => setTimeout(r, 20));
      // Meanwhile: 30 more reads, and two more writes (new corpus versions).
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 3000));
      const during: Awaited<ReturnType<typeof get>>[] = [];
      for (let i = 0; i < 30; i++) {
        if (i === 10 || i === 20) await write(app);
        const r = await Promise.race([get(app, '/api/stats'), timeout]);
        assert.notEqual(r, 'timeout', 'a read waited for the recomputation');
        during.push(r as Awaited<ReturnType<typeof get>>);
      }
      assert.ok(during.every((r) => r.status === 200 && r.json.documents === before), 'the previous answer');
      assert.ok(during.every((r) => r.headers.get('x-narrascope-stale') !== null), 'marked stale');
      assert.equal(store.statsCalls - calls, 1, 'one computation in flight, however many reads and versions');
      // A client that asks for a fresh answer waits for the running computation instead (and adds no work).
      let waited = false;
      const noCache = get(app, '/api/stats', { 'cache-control': 'no-cache' }).then((x) => { waited = true; return x; });
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(waited, false, 'Cache-Control: no-cache waits');
      release();
      const r = await fresh;
      assert.ok(r.json.documents >= before + 1, 'the waiting reader sees its write');
      assert.equal((await noCache).json.documents, r.json.documents);
      assert.equal(store.statsCalls - calls, 1);
    } finally {
      release();
      store.gate = undefined;
    }
    // Once computed, the next read after the later writes recomputes and sees them all.
    const latest = await get(app, '/api/stats');
    assert.equal(latest.json.documents, await countStored());
    assert.equal(latest.headers.get('x-narrascope-stale'), null);
    await app.close();
  });

  test('the OpenAPI document states the staleness bound; `serve --refresh-interval` is validated', async () => {
    const app = appFor({ refreshIntervalMs: 7000 });
    const doc = (await get(app, '/api/openapi.json')).json;
    assert.match(doc.info.description, /at most once every 7 s/);
    assert.match(doc.info.description, /X-Narrascope-Stale/);
    await app.close();
    const r = runCli(['--db', join(dir, 'cli.db'), 'serve', '--port', '0', '--refresh-interval', 'soon']);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /--refresh-interval/);
  });
});
