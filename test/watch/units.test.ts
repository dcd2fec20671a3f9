import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadWatchConfig, normalizeWatchConfig, parseDuration, WatchConfigError } from '../../src/watch/config.ts';
import { HostGate, nextPollDelay } from '../../src/watch/scheduler.ts';
import { changedDays } from '../../src/watch/rules.ts';
import { appendAlert, appendDelivery, readAlerts, type Alert } from '../../src/watch/alerts.ts';
import { deliverAlert } from '../../src/watch/webhook.ts';
import { acquireLock, LockedError } from '../../src/watch/state.ts';
import { ROOT } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { localServer, runCliAsync } from './helpers.ts';

const dir = tempDir('narrascope-watch-units-');

const alert = (id: string, createdAt: string): Alert => ({
  id, rule: 'r', type: 'surge', createdAt, at: createdAt, title: `alert ${id}`, details: {}, evidence: ['d1'],
  delivery: { status: 'pending', attempts: 0 },
});

describe('watch: configuration', () => {
  it('parses durations', () => {
    assert.equal(parseDuration('250ms'), 250);
    assert.equal(parseDuration('90s'), 90_000);
    assert.equal(parseDuration('15m'), 900_000);
    assert.equal(parseDuration('1.5h'), 5_400_000);
    assert.equal(parseDuration('2d'), 172_800_000);
    assert.equal(parseDuration(30), 30_000);
    assert.equal(parseDuration('soon'), null);
    assert.equal(parseDuration(-1), null);
  });

  it('applies defaults, resolves paths against the config folder, keeps private addresses blocked', () => {
    const c = normalizeWatchConfig({
      sources: { feeds: [{ url: 'https://a.example/feed' }], urls: [{ url: 'https://b.example/page', interval: '1h' }], folders: [{ path: 'in' }] },
      rules: [{ name: 's', type: 'surge', narrative: 'Kursk' }, { name: 'off', type: 'new_actor', narrative: 'Kursk', enabled: false }],
    }, '/srv/watch', { interval: 600_000 });
    assert.equal(c.allowPrivate, false);
    assert.equal(c.urls[0].interval, 600_000, '--interval is the default interval');
    assert.equal(c.urls[1].interval, 3_600_000);
    assert.equal(c.folders[0].path, '/srv/watch/in');
    assert.equal(c.folders[0].settle, 2000);
    assert.ok(c.folders[0].include.includes('json'));
    assert.equal(c.politeness, 5000);
    assert.deepEqual(c.rules.map((r) => r.name), ['s'], 'disabled rules are dropped');
  });

  it('reports every mistake with its path', () => {
    assert.throws(() => normalizeWatchConfig({
      sources: { feeds: [{ url: 'ftp://x', interval: 'often' }] },
      rules: [{ name: 'x', type: 'surge' }, { name: 'y', type: 'nonsense' }],
      politness: 3,
    }, '/'), (e: Error) => {
      assert.ok(e instanceof WatchConfigError);
      for (const part of ['sources.feeds.0.url', 'sources.feeds.0.interval', 'rules.0', 'politness']) assert.ok(e.message.includes(part), `${part} in ${e.message}`);
      return true;
    });
    assert.throws(() => normalizeWatchConfig({ rules: [{ name: 'a', type: 'surge', query: 'x' }, { name: 'a', type: 'surge', query: 'y' }] }, '/'), /two rules are named "a"/);
  });

  it('expands ${VAR} in the webhook settings and the example configuration is valid', () => {
    const c = normalizeWatchConfig({ webhook: { url: 'https://hooks.example/${HOOK_PATH}', headers: { Authorization: 'Bearer ${TOKEN}' } } }, '/',
      { env: { TOKEN: 't0k', HOOK_PATH: 'abc' } });
    assert.equal(c.webhook!.url, 'https://hooks.example/abc');
    assert.equal(c.webhook!.headers.Authorization, 'Bearer t0k');
    assert.equal(c.webhook!.retries, 4);
    assert.throws(() => normalizeWatchConfig({ webhook: { url: 'https://h.example/', headers: { A: '${NOPE_NOT_SET}' } } }, '/', { env: {} }), /NOPE_NOT_SET/);
    const example = loadWatchConfig(join(ROOT, 'examples', 'watch.example.yaml'), { env: { NARRASCOPE_WEBHOOK_TOKEN: 'x' } });
    assert.ok(example.urls.length > 0 && example.folders.length > 0 && example.rules.length >= 3 && example.webhook);
    assert.equal(example.allowPrivate, false);
  });
});

describe('watch: scheduling', () => {
  const cfg = { interval: 60_000, backoff: { initial: 30_000, max: 3_600_000 }, jitter: 0 };
  it('backs off exponentially from the interval, capped, and honours Retry-After', () => {
    assert.equal(nextPollDelay({ ...cfg, failures: 0 }), 60_000);
    assert.equal(nextPollDelay({ ...cfg, failures: 1 }), 120_000);
    assert.equal(nextPollDelay({ ...cfg, failures: 3 }), 480_000);
    assert.equal(nextPollDelay({ ...cfg, failures: 20 }), 3_600_000);
    assert.equal(nextPollDelay({ ...cfg, failures: 1, retryAfterMs: 900_000 }), 900_000);
    assert.equal(nextPollDelay({ ...cfg, failures: 0, retryAfterMs: 99_000_000 }), 3_600_000, 'Retry-After capped by backoff.max');
    const spread = [0, 0.5, 1].map((r) => nextPollDelay({ ...cfg, jitter: 0.1, failures: 0 }, () => r));
    assert.deepEqual(spread, [54_000, 60_000, 66_000]);
  });

  it('a host gate serialises requests to one host and spaces their starts', async () => {
    const gate = new HostGate(150);
    const starts: number[] = [];
    const t0 = Date.now();
    await Promise.all([1, 2, 3].map(() => gate.run('h:1', async () => { starts.push(Date.now() - t0); })));
    assert.ok(starts[1] - starts[0] >= 140 && starts[2] - starts[1] >= 140, starts.join(','));
    const other = Date.now();
    await gate.run('h:2', async () => {});
    assert.ok(Date.now() - other < 50, 'another host does not wait');
  });

  it('finds the days that changed', () => {
    assert.deepEqual(changedDays({ a: 1, b: 2 }, undefined), ['a', 'b']);
    assert.deepEqual(changedDays({ '2025-01-01': 1, '2025-01-02': 3, '2025-01-03': 1 }, { '2025-01-01': 1, '2025-01-02': 2 }), ['2025-01-02', '2025-01-03']);
    assert.deepEqual(changedDays({ x: 1 }, { x: 1 }), []);
  });
});

describe('watch: alerts file and webhook', () => {
  it('readAlerts folds delivery lines into their alert, newest first, skipping a torn line', async () => {
    const file = join(dir, 'x.alerts.jsonl');
    appendAlert(file, alert('a1', '2025-03-01T00:00:00.000Z'));
    appendAlert(file, alert('a2', '2025-03-02T00:00:00.000Z'));
    appendDelivery(file, 'a1', { status: 'failed', attempts: 3, error: 'HTTP 500' });
    appendDelivery(file, 'a1', { status: 'delivered', attempts: 4, httpStatus: 200 });
    appendFileSync(file, '{"record":"alert","id":"torn",');
    const all = await readAlerts('ignored.db', { file });
    assert.deepEqual(all.map((a) => a.id), ['a2', 'a1']);
    assert.equal(all[1].delivery.status, 'delivered');
    assert.equal(all[1].delivery.attempts, 4);
    assert.deepEqual((await readAlerts('ignored.db', { file, since: '2025-03-02' })).map((a) => a.id), ['a2']);
    assert.deepEqual(await readAlerts(join(dir, 'none.db')), []);
  });

  it('retries 5xx with backoff, gives up on other 4xx at once, refuses private addresses by default', async () => {
    let n = 0;
    const srv = await localServer((req, res) => {
      n++;
      if (req.url === '/bad') { res.writeHead(400); res.end('bad payload'); return; }
      res.writeHead(n < 3 ? 503 : 204);
      res.end();
    });
    try {
      const hook = { url: `${srv.base}/ok`, headers: {}, retries: 4, backoff: 50, maxBackoff: 1000, timeout: 2000, giveUpAfter: 1000 };
      const t0 = Date.now();
      const ok = await deliverAlert(alert('w1', new Date().toISOString()), hook, { userAgent: 't', allowPrivate: true, random: () => 0.5 });
      assert.equal(ok.status, 'delivered');
      assert.equal(ok.attempts, 3);
      assert.ok(Date.now() - t0 >= 140, 'waited 50 + 100 ms between attempts');
      const bad = await deliverAlert(alert('w2', new Date().toISOString()), { ...hook, url: `${srv.base}/bad` }, { userAgent: 't', allowPrivate: true });
      assert.equal(bad.status, 'failed');
      assert.equal(bad.attempts, 1);
      assert.equal(bad.httpStatus, 400);
      const before = srv.hits.length;
      const refused = await deliverAlert(alert('w3', new Date().toISOString()), hook, { userAgent: 't' });
      assert.equal(refused.status, 'failed');
      assert.match(refused.error!, /refusing/);
      assert.equal(srv.hits.length, before);
    } finally { await srv.close(); }
  });

  it('a second watcher on the same state is refused', () => {
    const state = join(dir, 'locked-state.json');
    writeFileSync(`${state}.lock`, String(process.ppid));
    assert.throws(() => acquireLock(state), LockedError);
    writeFileSync(`${state}.lock`, '999999999');
    const release = acquireLock(state);
    assert.equal(readFileSync(`${state}.lock`, 'utf8'), String(process.pid));
    release();
  });
});

describe('watch: command line', () => {
  it('usage errors exit 2: an invalid configuration, an unknown narrative', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'rules:\n  - name: x\n    type: surge\n    narrative: Kursk\n    kinds: [spike]\n');
    const r1 = await runCliAsync(['--db', join(dir, 'cli.db'), 'watch', '--config', bad, '--once']);
    assert.equal(r1.status, 2, r1.stderr);
    assert.match(r1.stderr, /rules\.0\.kinds/);
    const unknown = join(dir, 'unknown.yaml');
    writeFileSync(unknown, 'rules:\n  - name: x\n    type: new_actor\n    narrative: no such narrative at all\n');
    const r2 = await runCliAsync(['--db', join(dir, 'cli.db'), 'watch', '--config', unknown, '--once']);
    assert.equal(r2.status, 2, r2.stderr);
    assert.match(r2.stderr, /no narrative/);
    const r3 = await runCliAsync(['--db', join(dir, 'cli.db'), 'watch', '--config', unknown, '--interval', 'often']);
    assert.equal(r3.status, 2);
    const help = await runCliAsync(['watch', '--help']);
    assert.match(help.stdout, /Examples:/);
  });
});
