import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readAlerts, alertsPath } from '../../src/watch/alerts.ts';
import { tempDir } from '../helpers/tmp.ts';
import { localServer, runCliAsync, type Hit } from './helpers.ts';

const DEMO = ['telegram', 'telegram-single', 'rss', 'csv', 'html', 'text'].map((d) => join('examples', 'demo', d));

interface Summary { stored: number; files: number; rulesEvaluated: number; delivered: number; deliveryFailed: number; alerts: { id: string; rule: string; type: string; at: string; title: string }[] }

describe('watch: alert rules on the demo corpus, webhook delivery, incremental state', () => {
  const dir = tempDir('narrascope-watch-alerts-');
  const db = join(dir, 'demo.db');
  const drop = join(dir, 'drop');
  const config = join(dir, 'watch.yaml');
  let hook: Awaited<ReturnType<typeof localServer>>;
  let answered = 0;

  before(async () => {
    // The webhook receiver answers the very first POST with a 500, then 200.
    hook = await localServer((_req, res) => {
      answered++;
      res.writeHead(answered === 1 ? 500 : 200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    mkdirSync(drop);
    writeFileSync(config, `# test configuration
allowPrivate: true
sources:
  folders:
    - path: drop
      settle: 200ms
rules:
  - name: kursk-surge
    type: surge
    narrative: Kursk
  - name: relay-groups
    type: coordinated_group
    minAccounts: 3
  - name: kursk-new-actor
    type: new_actor
    narrative: Kursk
webhook:
  url: ${hook.base}/hook
  headers:
    X-Token: \${NARRASCOPE_TEST_TOKEN:-secret-token}
  retries: 3
  backoff: 100ms
`);
    const ingest = await runCliAsync(['--db', db, '--actors', 'examples/demo-actors', '-q', 'ingest', ...DEMO], { bin: true, timeoutMs: 60_000 });
    assert.equal(ingest.status, 0, ingest.stderr);
    const events = await runCliAsync(['--db', db, '-q', 'events', 'import', 'examples/demo/events.csv'], { bin: true });
    assert.equal(events.status, 0, events.stderr);
  });
  after(async () => { await hook.close(); });

  const watch = async (): Promise<Summary> => {
    const r = await runCliAsync(['--db', db, '--actors', 'examples/demo-actors', '-q', 'watch', '--config', config, '--once', '--json']);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as Summary;
  };

  it('first pass: the March 2025 Kursk surge and the word-for-word relay groups fire; the webhook gets them after a 500', async () => {
    const s = await watch();
    const surges = s.alerts.filter((a) => a.rule === 'kursk-surge');
    assert.equal(surges.length, 1, JSON.stringify(s.alerts, null, 1));
    assert.equal(surges[0].at.slice(0, 10), '2025-03-13');
    const groups = s.alerts.filter((a) => a.rule === 'relay-groups');
    assert.equal(groups.length, 12, 'the 12 coordinated bursts of the scenario');
    assert.ok(groups.every((g) => g.at >= '2025-02-07' && g.at < '2025-03-16'));
    assert.equal(s.alerts.filter((a) => a.rule === 'kursk-new-actor').length, 0, 'the first check only learns who pushes the narrative');

    // Delivery: 13 alerts, the first POST answered 500 and retried.
    const posts: Hit[] = hook.hits;
    assert.equal(posts.length, 14);
    assert.equal(s.delivered, 13);
    assert.equal(posts[0].body, posts[1].body, 'the failed POST is retried with the same alert');
    assert.equal(posts[0].headers['x-token'], 'secret-token');
    assert.equal(posts[0].headers['content-type'], 'application/json; charset=utf-8');
    const body = JSON.parse(posts[0].body);
    assert.equal(body.event, 'narrascope.alert');
    assert.match(body.text, /narrascope/);
    assert.ok(body.alert.id && body.alert.title && Array.isArray(body.alert.evidence));

    // Recorded next to the database, readable for the API.
    assert.equal(alertsPath(db), `${db}.alerts.jsonl`);
    const recorded = await readAlerts(db);
    assert.equal(recorded.length, 13);
    assert.ok(recorded.every((a) => a.delivery.status === 'delivered'));
    const first = recorded.find((a) => a.id === body.alert.id)!;
    assert.equal(first.delivery.attempts, 2);
    const surge = recorded.find((a) => a.type === 'surge')!;
    assert.equal(surge.narrative?.id, 'urw-kursk-war-crimes');
    assert.ok(surge.evidence.length > 0);
    assert.ok((surge.details.drivers as unknown[]).length > 0);
    assert.equal((await readAlerts(db, { type: 'coordinated_group', limit: 5 })).length, 5);
  });

  it('a second pass without new data fires nothing and re-reads nothing', async () => {
    const before = hook.hits.length;
    const s = await watch();
    assert.equal(s.alerts.length, 0);
    assert.equal(s.rulesEvaluated, 0, 'no rule had anything new to look at');
    assert.equal(hook.hits.length, before);
    assert.equal((await readAlerts(db)).length, 13);
  });

  it('a new document from a new voice: only the new-actor rule fires', async () => {
    // Written old-dated, as a finished export copied into the folder would be.
    writeFileSync(join(drop, 'new-voice.meta.json'), JSON.stringify({ source: 'Новый голос Z', publishedAt: '2025-03-20T10:00:00Z' }));
    writeFileSync(join(drop, 'new-voice.txt'), 'С 6 августа 2024 года, когда ВСУ вторглись в Курскую область, украинские военные совершают '
      + 'преступления против мирных жителей региона. Никаких сделок, пока ВСУ остаются на нашей земле.\n');
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(drop, 'new-voice.txt'), old, old);
    const s = await watch();
    assert.equal(s.files, 1);
    assert.equal(s.stored, 1);
    assert.deepEqual(s.alerts.map((a) => a.rule), ['kursk-new-actor'], JSON.stringify(s.alerts, null, 1));
    assert.match(s.alerts[0].title, /Новый голос Z/);
    const state = JSON.parse(readFileSync(`${db}.watch-state.json`, 'utf8'));
    assert.ok(state.rules['kursk-new-actor'].known.includes('name:новый голос z'));
    assert.equal(state.rules['kursk-surge'].known.filter((k: { kind: string }) => k.kind === 'burst').length, 1);
    assert.equal((await readAlerts(db)).length, 14);
    assert.equal((await readAlerts(db))[0].type, 'new_actor', 'newest first');
  });
});
