import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import { createServerApp, type NarrascopeApp } from '../../src/server/app.ts';
import { accessPolicy, startServer, type RunningServer } from '../../src/server/listen.ts';
import { JsonlAnnotationStore } from '../../src/server/annotations.ts';
import { tokenMatches } from '../../src/server/security.ts';
import { alertsPath, appendAlert } from '../../src/watch/alerts.ts';
import { runCli, spawnCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';
import { serveUrl } from '../helpers/serve.ts';
import { CALENDAR, KURSK, XSS_TEXT, docId, fixtureCorpus } from './fixtures.ts';

const TOKEN = 'test-token-0123456789abcdef';
const registry = actorRegistry();
const dir = tempDir('narrascope-api-');
let store: SqliteStore;
let ns: NarrascopeApp;

interface Res { status: number; headers: Headers; text: string; json: any }

async function call(app: NarrascopeApp, path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Res> {
  const res = await app.fetch(new Request(`http://127.0.0.1${path}`, { ...init, headers: { host: '127.0.0.1:8787', ...(init.headers ?? {}) } }));
  const text = await res.text();
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}
const get = (path: string, headers: Record<string, string> = {}) => call(ns, path, { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(ns, path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
const auth = { authorization: `Bearer ${TOKEN}` };

before(async () => {
  store = new SqliteStore(join(dir, 'api.db'));
  const { docs, analyses } = fixtureCorpus();
  await store.insertDocuments(docs, analyses);
  await store.insertCalendarEvents(CALENDAR);
  ns = createServerApp({
    store, registry, token: TOKEN, webRoot: false,
    allowedHosts: ['127.0.0.1', 'localhost', '::1'], annotations: new JsonlAnnotationStore(join(dir, 'api.db.annotations.jsonl')),
    log: () => {},
  });
});
after(async () => { await store.close(); });

describe('read endpoints', () => {
  test('health and OpenAPI document generated from the schemas', async () => {
    assert.deepEqual((await get('/api/health')).json.ok, true);
    const r = await get('/api/openapi.json');
    assert.equal(r.status, 200);
    const doc = r.json;
    assert.equal(doc.openapi, '3.1.0');
    for (const path of ['/api/documents', '/api/documents/{id}', '/api/narratives', '/api/narratives/{id}/timeline', '/api/narratives/{id}/evidence',
      '/api/surges', '/api/events', '/api/coordination', '/api/claims', '/api/brief', '/api/ingest', '/api/annotations', '/api/stats', '/api/taxonomy']) {
      assert.ok(doc.paths[path], `OpenAPI documents ${path}`);
    }
    const params = doc.paths['/api/documents'].get.parameters as { name: string; schema: { maximum?: number; default?: number } }[];
    const limit = params.find((p) => p.name === 'limit')!;
    assert.equal(limit.schema.maximum, 200, 'the same zod schema that validates limit documents it');
    assert.ok(params.some((p) => p.name === 'q'));
    assert.deepEqual(doc.paths['/api/ingest'].post.security, [{ bearer: [] }]);
    assert.ok(doc.paths['/api/ingest'].post.requestBody.content['application/json'].schema.properties.documents);
    const tl = doc.paths['/api/narratives/{id}/timeline'].get.parameters.map((p: { name: string }) => p.name);
    for (const p of ['id', 'by', 'bucket', 'tz']) assert.ok(tl.includes(p), `timeline parameter ${p}`);
  });

  test('documents: full-text search, filters, pagination, excerpts instead of full text', async () => {
    const all = await get('/api/documents?limit=10');
    assert.equal(all.status, 200);
    assert.equal(all.json.count, fixtureCorpus().docs.length);
    assert.equal(all.json.documents.length, 10);
    assert.equal(all.json.documents[0].text, undefined, 'lists carry excerpts, not full texts');
    const page2 = await get('/api/documents?limit=10&offset=10');
    assert.notEqual(page2.json.documents[0].id, all.json.documents[0].id);
    const q = await get('/api/documents?q=unsubstantiated&limit=200');
    assert.ok(q.json.count > 0 && q.json.documents.every((d: { source: { name: string } }) => d.source.name === 'ISW'));
    assert.ok(q.json.documents[0].excerpt.includes('unsubstantiated'));
    const ru = await get('/api/documents?lang=ru&limit=1');
    assert.equal(ru.json.count, 60);
    const period = await get('/api/documents?since=2025-03-13&until=2025-03-14&source=RIA%20Novosti');
    assert.equal(period.json.count, 12);
    const beyond = await get('/api/documents?offset=100000');
    assert.equal(beyond.status, 200);
    assert.deepEqual(beyond.json.documents, []);
  });

  test('one document with its attributions, narratives, mentions, events, assessments', async () => {
    const id = docId('push-0');
    const r = await get(`/api/documents/${id}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.document.id, id);
    assert.equal(r.json.attributions.length, 1);
    assert.equal(r.json.attributions[0].speaker.actorId, 'putin');
    assert.equal(r.json.narratives[0].id, KURSK);
    assert.equal(r.json.mentions.length, 2);
    assert.equal(r.json.events.length, 1);
    const ref = await get(`/api/documents/${docId('refute-1')}`);
    assert.equal(ref.json.assessments[0].verdict, 'unsubstantiated');
    assert.equal((await get(`/api/documents/${'0'.repeat(24)}`)).status, 404);
    assert.equal((await get('/api/documents/..%2F..%2Fetc%2Fpasswd')).status, 400);
  });

  test('narratives overview: counts by stance and actor type, sparkline, surges; cached with ETag', async () => {
    const r = await get('/api/narratives');
    assert.equal(r.status, 200);
    const kursk = r.json.narratives.find((n: { id: string }) => n.id === KURSK);
    assert.ok(kursk, 'the Kursk narrative is listed');
    assert.ok(kursk.byStance.asserts > 0 && kursk.byStance.relays > 0 && kursk.byStance.refutes > 0);
    assert.ok(kursk.byActorType.head_of_state > 0 && kursk.byActorType.state_media > 0);
    assert.equal(kursk.byActorType.think_tank, undefined, 'refutations are not amplification');
    assert.ok(kursk.weekly.length >= 8);
    assert.ok(Array.isArray(kursk.surges) && kursk.surges.some((s: { onset: string }) => s.onset >= '2025-03-12'), JSON.stringify(kursk.surges));
    const parent = r.json.narratives.find((n: { id: string }) => n.id === 'urw-discredit-ua');
    assert.equal(parent.mentions, kursk.mentions, 'sub-narratives roll up');
    const etag = r.headers.get('etag');
    assert.ok(etag);
    const again = await get('/api/narratives', { 'if-none-match': etag! });
    assert.equal(again.status, 304);
    const zipped = await ns.fetch(new Request('http://127.0.0.1/api/narratives', { headers: { host: '127.0.0.1', 'accept-encoding': 'gzip' } }));
    assert.equal(zipped.headers.get('content-encoding'), 'gzip');
    assert.deepEqual(JSON.parse(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')), r.json);
    const one = await get(`/api/narratives/${KURSK}`);
    assert.equal(one.json.narrative.id, KURSK);
    assert.equal(one.json.overview.mentions, kursk.mentions);
    assert.equal(one.json.parent.id, 'urw-discredit-ua-military');
    assert.equal((await get('/api/narratives/Kursk')).json.narrative.id, KURSK, 'a unique part of the label resolves');
    assert.equal((await get('/api/narratives/no-such-narrative-x')).status, 404);
  });

  test('timeline: by, bucket, tz; evidence behind one point', async () => {
    const r = await get(`/api/narratives/${KURSK}/timeline?by=type&bucket=day&tz=UTC`);
    assert.equal(r.status, 200);
    const tl = r.json.timeline;
    const i = tl.labels.indexOf('2025-03-14');
    assert.ok(i >= 0);
    assert.equal(tl.series.head_of_state[i], 12);
    assert.equal(tl.series.state_media[i], 12);
    const week = await get(`/api/narratives/${KURSK}/timeline?by=stance&bucket=week&tz=Europe/Kyiv`);
    assert.equal(week.json.timeline.bucket, 'week');
    assert.equal(week.json.timeline.timeZone, 'Europe/Kyiv');
    assert.ok(week.json.timeline.keys.includes('refutes'));
    const ev = await get(`/api/narratives/${KURSK}/evidence?from=${tl.starts[i]}&to=${tl.starts[i + 1]}&by=type&key=state_media&limit=5`);
    assert.equal(ev.status, 200);
    assert.equal(ev.json.total, 12);
    assert.equal(ev.json.documents.length, 5);
    assert.ok(ev.json.documents.every((d: { document: { source: { name: string } }; mentions: { actorType: string }[] }) =>
      d.document.source.name === 'RIA Novosti' && d.mentions.some((m) => m.actorType === 'state_media')));
    const p2 = await get(`/api/narratives/${KURSK}/evidence?from=${tl.starts[i]}&to=${tl.starts[i + 1]}&limit=5&offset=10`);
    assert.equal(p2.json.documents.length, 2);
    assert.equal((await get(`/api/narratives/${KURSK}/evidence?from=2025-03-15&to=2025-03-14`)).status, 400);
    const cascade = await get(`/api/narratives/${KURSK}/cascade`);
    assert.equal(cascade.status, 200);
    assert.equal(cascade.json.cascade.first?.actorId, 'ria-novosti', 'the first mention, with its document and actor');
    assert.ok(cascade.json.cascade.repeats.every((r: { lagSec: number }) => r.lagSec >= 0));
    assert.equal((await get(`/api/narratives/${KURSK}/cascade?since=yesterday`)).status, 400);
  });

  test('surges (narrative or query), events (calendar and extracted), coordination graph', async () => {
    const s = await get(`/api/surges?narrative=${KURSK}`);
    assert.equal(s.status, 200);
    const after13 = s.json.surges.filter((x: { onset: string }) => x.onset >= '2025-03-12');
    assert.ok(after13.length > 0, JSON.stringify(s.json.surges.map((x: { onset: string }) => x.onset)));
    assert.ok(after13[0].drivers.firstMovers.length > 0);
    assert.ok(after13[0].precedingEvents.some((e: { title: string }) => /Jeddah|Putin/.test(e.title)));
    assert.ok(typeof after13[0].drivers.evidenceTotal === 'number');
    assert.equal((await get('/api/surges?q=crimes')).status, 200);
    assert.equal((await get('/api/surges')).status, 400, 'neither narrative nor q');
    assert.equal((await get(`/api/surges?narrative=${KURSK}&q=x`)).status, 400, 'both');
    const ev = await get('/api/events?extracted=true&limit=5');
    assert.equal(ev.json.calendar.length, 2);
    assert.ok(ev.json.extracted.count > 5);
    assert.equal(ev.json.extracted.events.length, 5);
    const co = await get('/api/coordination');
    assert.equal(co.status, 200);
    const names = co.json.network.nodes.map((n: { name: string }) => n.name).sort();
    assert.deepEqual(names, ['Front Herald Z', 'North Wind Z', 'Trench Truth Z']);
    assert.equal(co.json.network.edges.length, 3);
    assert.ok(co.json.network.edges.every((e: { nearDuplicate: number }) => e.nearDuplicate >= 1));
  });

  test('claims with filters: speaker, type, stance, dates, text, narrative', async () => {
    const all = await get('/api/claims?limit=5');
    assert.equal(all.status, 200);
    assert.ok(all.json.count > 50);
    assert.equal(all.json.claims.length, 5);
    assert.ok(all.json.claims[0].document.source);
    const putin = await get('/api/claims?speaker=putin&limit=200');
    assert.ok(putin.json.claims.every((c: { speaker: { actorId: string } }) => c.speaker.actorId === 'putin'));
    const byName = await get('/api/claims?speaker=Vladimir&limit=1');
    assert.equal(byName.json.count, putin.json.count);
    const refutes = await get('/api/claims?stance=refutes&speakerType=think_tank');
    assert.ok(refutes.json.count > 0 && refutes.json.claims.every((c: { stance: string }) => c.stance === 'refutes'));
    const dated = await get('/api/claims?since=2025-03-13&until=2025-03-14&stance=relays');
    assert.equal(dated.json.count, 12);
    const text = await get('/api/claims?q=unsubstantiated');
    assert.equal(text.json.count, refutes.json.count);
    const narr = await get(`/api/claims?narrative=${KURSK}&stance=refutes&limit=3`);
    assert.equal(narr.json.count, refutes.json.count);
    assert.equal(narr.json.claims[0].mentionStance, 'refutes');
    const narrSpeaker = await get(`/api/claims?narrative=${KURSK}&speaker=putin&since=2025-03-13&until=2025-03-16`);
    assert.equal(narrSpeaker.json.count, 36);
    assert.equal((await get('/api/claims?stance=lies')).status, 400);
  });

  test('brief: JSON, and Markdown/HTML downloads (sandboxed)', async () => {
    const j = await get('/api/brief');
    assert.equal(j.status, 200, j.text);
    assert.equal(j.json.corpus.documents, fixtureCorpus().docs.length);
    assert.ok(j.json.keyTakeaways.length > 0);
    const kursk = j.json.narratives.find((n: { id: string }) => n.id === KURSK);
    assert.ok(kursk && kursk.claims.length > 0 && kursk.findings.every((f: { citations: unknown[] }) => Array.isArray(f.citations)));
    const one = await get(`/api/brief?narrative=${KURSK}&maxClaims=2`);
    assert.equal(one.json.narratives.length, 1);
    assert.ok(one.json.narratives[0].claims.length <= 2);
    assert.equal((await get('/api/brief?narrative=no-such-thing-zz')).status, 404);
    const md = await get('/api/brief?format=md');
    assert.equal(md.status, 200);
    assert.match(md.headers.get('content-type')!, /text\/markdown/);
    assert.match(md.headers.get('content-disposition')!, /attachment; filename="narrascope-brief-.*\.md"/);
    assert.match(md.text, /^# Narrascope brief/);
    const html = await get('/api/brief?format=html');
    assert.match(html.headers.get('content-type')!, /text\/html/);
    assert.match(html.headers.get('content-security-policy')!, /sandbox/);
    assert.match(html.headers.get('content-disposition')!, /attachment/);
    const jd = await get('/api/brief?format=json&download=1');
    assert.match(jd.headers.get('content-disposition')!, /\.json"/);
  });

  test('stats, taxonomy, actors', async () => {
    assert.equal((await get('/api/stats')).json.documents, fixtureCorpus().docs.length);
    const t = await get('/api/taxonomy');
    assert.ok(t.json.narratives.some((n: { id: string }) => n.id === KURSK));
    const a = await get('/api/actors?type=head_of_state&limit=5');
    assert.ok(a.json.actors.length > 0 && a.json.actors.every((x: { type: string }) => x.type === 'head_of_state'));
    assert.equal((await get('/api/taxonomy?taxonomy=../../etc/passwd')).status, 400, 'taxonomies are named, never paths');
  });
});

describe('validation and hostile input', () => {
  test('validation errors are 400 with the offending field', async () => {
    const cases: [string, RegExp][] = [
      ['/api/documents?limit=0', /query\.limit/],
      ['/api/documents?limit=abc', /query\.limit/],
      ['/api/documents?limit=100000', /query\.limit/],
      ['/api/documents?offset=-1', /query\.offset/],
      ['/api/documents?since=yesterday', /query\.since/],
      ['/api/documents?lang=english', /query\.lang/],
      ['/api/documents?unknown=1', /unknown|Unrecognized/i],
      [`/api/narratives/${KURSK}/timeline?bucket=month`, /query\.bucket/],
      [`/api/narratives/${KURSK}/timeline?by=planet`, /query\.by/],
      [`/api/narratives/${KURSK}/timeline?tz=Mars/Olympus`, /query\.tz/],
      [`/api/narratives/${KURSK}/evidence?from=2025-03-01`, /query\.to/],
      ['/api/surges?narrative=Kursk&sensitivity=0', /query\.sensitivity/],
      ['/api/coordination?edgeWeight=2', /query\.edgeWeight/],
      ['/api/events?extracted=maybe', /query\.extracted/],
      ['/api/brief?format=pdf', /query\.format/],
    ];
    for (const [path, message] of cases) {
      const r = await get(path);
      assert.equal(r.status, 400, `${path} → ${r.status} ${r.text}`);
      assert.match(r.json.error, message, path);
      assert.ok(Array.isArray(r.json.issues));
    }
  });

  test('injection strings in every parameter of every read endpoint: 200, 400 or 404, never 500', async () => {
    const nasty = [
      "' OR 1=1 --", '"; DROP TABLE documents; --', '<script>alert(1)</script>', '../../../etc/passwd', '..\\..\\windows',
      '%00', '\u0000', 'a\u0000b', '*', 'NEAR(a b)', '"unterminated', ') OR (', 'title:x', '{{7*7}}', '${7*7}', '$where',
      '-1', '1e309', 'NaN', 'Infinity', '2025-02-30', '9999-99-99T99:99:99Z', '\u202eevil', '🙂'.repeat(50), 'x'.repeat(5000),
      'Europe/../../etc', 'AND', 'OR NOT', '"', "'", '\\', '[]', '{}', 'null', 'true',
    ];
    const doc = (await get('/api/openapi.json')).json;
    let requests = 0;
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { parameters: { name: string; in: string }[] }>>)) {
      const op = ops.get;
      if (!op) continue;
      const pathParams = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
      const base = (v?: string) => path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(v ?? (name === 'id' && path.includes('narratives') ? KURSK : docId('push-0'))));
      const defaults: Record<string, string> = path.includes('evidence') ? { from: '2025-03-13', to: '2025-03-14' } : path === '/api/surges' ? { narrative: KURSK } : {};
      for (const value of nasty) {
        if (pathParams.length) {
          const r = await get(base(value));
          requests++;
          assert.ok([200, 400, 404].includes(r.status), `${path} with path ${JSON.stringify(value)} → ${r.status} ${r.text.slice(0, 200)}`);
        }
        for (const p of op.parameters.filter((x) => x.in === 'query')) {
          const q = new URLSearchParams({ ...defaults, [p.name]: value });
          if (path === '/api/surges' && p.name === 'q') q.delete('narrative');
          const r = await get(`${base()}?${q}`);
          requests++;
          assert.ok([200, 400, 404].includes(r.status), `${path}?${p.name}=${JSON.stringify(value)} → ${r.status} ${r.text.slice(0, 200)}`);
          assert.ok(!/at .*\.ts:\d+/.test(r.text), 'no stack traces');
        }
      }
    }
    assert.ok(requests > 500, `${requests} hostile requests`);
  });

  test('hostile stored text comes back as data (JSON), never as markup', async () => {
    const r = await get(`/api/documents/${docId('xss')}`);
    assert.equal(r.json.document.text, XSS_TEXT);
    assert.match(r.headers.get('content-type')!, /^application\/json/);
    assert.match(r.headers.get('content-security-policy')!, /default-src 'none'/);
  });

  test('internal errors are 500 without details', async () => {
    const broken = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'countDocuments') return async () => { throw new Error('boom at /secret/path/db.sqlite'); };
        return Reflect.get(target, prop, receiver);
      },
    }) as Store;
    const logged: string[] = [];
    const app = createServerApp({ store: broken, registry, webRoot: false, log: (l) => logged.push(l) });
    const r = await call(app, '/api/documents');
    assert.equal(r.status, 500);
    assert.deepEqual(r.json, { error: 'internal error' });
    assert.ok(!r.text.includes('secret') && !r.text.includes('.ts'));
    assert.ok(logged.some((l) => l.includes('boom')), 'logged on the server side');
  });
});

describe('security', () => {
  test('security headers on every response; CORS closed by default', async () => {
    for (const path of ['/api/health', '/api/documents?limit=1', '/api/nope', '/api/documents?limit=0']) {
      const r = await get(path, { origin: 'https://evil.example' });
      assert.match(r.headers.get('content-security-policy')!, /frame-ancestors 'none'/, path);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
      assert.equal(r.headers.get('access-control-allow-origin'), null, 'no CORS');
    }
    const pre = await call(ns, '/api/ingest', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(pre.status, 403);
    assert.equal(pre.headers.get('access-control-allow-origin'), null);
    const open = createServerApp({ store, registry, webRoot: false, corsOrigins: ['https://ok.example'] });
    const ok = await call(open, '/api/health', { headers: { origin: 'https://ok.example' } });
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://ok.example');
    assert.match(ok.headers.get('access-control-expose-headers') ?? '', /X-Narrascope-Stale/, 'an allowed browser client can see stale answers');
    assert.equal((await call(ns, '/api/health', { method: 'PUT' })).status, 405);
  });

  test('Host header checked on loopback (DNS rebinding)', async () => {
    const r = await call(ns, '/api/health', { headers: { host: 'attacker.example:8787' } });
    assert.equal(r.status, 421);
    assert.equal((await call(ns, '/api/health', { headers: { host: 'localhost:8787' } })).status, 200);
    assert.equal((await call(ns, '/api/health', { headers: { host: '[::1]:8787' } })).status, 200);
  });

  test('writes need the bearer token and are disabled without one', async () => {
    const body = { documentId: docId('push-0'), label: 'note', note: 'checked' };
    const readOnly = createServerApp({ store, registry, webRoot: false });
    const disabled = await call(readOnly, '/api/annotations', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...auth } });
    assert.equal(disabled.status, 403);
    assert.match(disabled.json.error, /disabled/);
    assert.equal((await call(readOnly, '/api/ingest', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })).status, 403);
    assert.equal((await post('/api/annotations', body)).status, 401);
    const wrong = await post('/api/annotations', body, { authorization: 'Bearer wrong-token-0123456789abcdef' });
    assert.equal(wrong.status, 401);
    assert.match(wrong.headers.get('www-authenticate')!, /Bearer/);
    assert.equal((await post('/api/annotations', body, { authorization: `Basic ${TOKEN}` })).status, 401);
    const ok = await post('/api/annotations', { ...body, start: 0, end: 5 }, auth);
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.json.annotation.documentId, body.documentId);
    const list = await get(`/api/annotations?documentId=${body.documentId}`);
    assert.equal(list.json.count, 1);
    assert.equal((await get(`/api/documents/${body.documentId}`)).json.annotations.length, 1);
    assert.equal((await post('/api/annotations', { ...body, start: 5, end: 2 }, auth)).status, 400);
    assert.equal((await post('/api/annotations', { ...body, start: 0, end: 100_000 }, auth)).status, 400);
    assert.equal((await post('/api/annotations', { ...body, documentId: '0'.repeat(24) }, auth)).status, 404);
    assert.equal((await post('/api/annotations', { ...body, label: 'x' }, auth)).status, 400);
    assert.equal((await post('/api/annotations', { ...body, extra: 1 }, auth)).status, 400);
  });

  test('token comparison is exact (constant-time over digests)', () => {
    assert.ok(tokenMatches(TOKEN, TOKEN));
    assert.ok(!tokenMatches(TOKEN, `${TOKEN}x`));
    assert.ok(!tokenMatches(TOKEN, TOKEN.slice(0, -1)));
    assert.ok(!tokenMatches(TOKEN, undefined));
    assert.ok(!tokenMatches(TOKEN, ''));
  });

  test('bodies: size limit, JSON only, valid JSON', async () => {
    const big = JSON.stringify({ documentId: docId('push-0'), label: 'note', note: 'x'.repeat(70 * 1024) });
    assert.equal((await post('/api/annotations', big, auth)).status, 413);
    assert.equal((await post('/api/annotations', '{not json', auth)).status, 400);
    assert.equal((await post('/api/annotations', '', auth)).status, 400);
    const form = await call(ns, '/api/annotations', { method: 'POST', body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded', ...auth } });
    assert.equal(form.status, 415);
  });

  test('POST /api/ingest stores documents through the ingest pipeline and refreshes cached answers', async () => {
    const before = (await get('/api/stats')).json.documents;
    const overviewBefore = await get('/api/narratives');
    const r = await post('/api/ingest', {
      documents: [
        { text: 'Putin said that Ukrainian forces committed crimes against civilians in Kursk region.', publishedAt: '2025-03-18T10:00:00Z', source: 'Test Wire', lang: 'en' },
        { text: XSS_TEXT, title: '<svg onload=alert(1)>', publishedAt: '2025-03-18T11:00:00Z', source: { name: 'Hostile' } },
        { text: 'no date here', publishedAt: 'not a date', source: 'X' },
      ],
    }, auth);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.read, 3);
    assert.equal(r.json.stored, 2);
    assert.equal(r.json.rejected, 1);
    assert.ok(r.json.rejections[0].reason);
    const after = (await get('/api/stats')).json.documents;
    assert.equal(after, before + 2, 'the cache follows the corpus');
    const again = await post('/api/ingest', { documents: [{ text: XSS_TEXT, title: '<svg onload=alert(1)>', publishedAt: '2025-03-18T11:00:00Z', source: { name: 'Hostile' } }] }, auth);
    assert.equal(again.json.duplicates, 1);
    const overviewAfter = await get('/api/narratives', { 'if-none-match': overviewBefore.headers.get('etag')! });
    assert.ok([200, 304].includes(overviewAfter.status));
    assert.equal((await post('/api/ingest', { documents: [] }, auth)).status, 400);
    assert.equal((await post('/api/ingest', { documents: [{ text: 'x', publishedAt: '2025-01-01', source: 'a', evil: 1 }] }, auth)).status, 400);
    assert.equal((await post('/api/ingest', [{ text: 'x' }], auth)).status, 400);
  });

  test('alerts recorded by watch are listed newest first, filtered by type', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'w.db');
    const file = alertsPath(dbPath);
    const alert = (id: string, type: 'surge' | 'new_actor', createdAt: string) => ({
      id, rule: `r-${type}`, type, createdAt, at: createdAt, title: `${type} ${id}`, details: {}, evidence: [docId(1)],
      delivery: { status: 'none' as const, attempts: 0 },
    });
    appendAlert(file, alert('a1', 'surge', '2025-03-13T10:00:00.000Z'));
    appendAlert(file, alert('a2', 'new_actor', '2025-03-14T10:00:00.000Z'));
    const app = createServerApp({ store, registry, webRoot: false, alertsDb: dbPath });
    const all = await call(app, '/api/alerts');
    assert.equal(all.status, 200);
    assert.deepEqual(all.json.alerts.map((a: { id: string }) => a.id), ['a2', 'a1']);
    const surges = await call(app, '/api/alerts?type=surge');
    assert.deepEqual(surges.json.alerts.map((a: { id: string }) => a.id), ['a1']);
    assert.equal((await call(app, '/api/alerts?type=bogus')).status, 400);
  });

  test('reads need the token off loopback (readAuth)', async () => {
    const app = createServerApp({ store, registry, webRoot: false, token: TOKEN, readAuth: true });
    assert.equal((await call(app, '/api/documents')).status, 401);
    assert.equal((await call(app, '/api/openapi.json')).status, 401);
    assert.equal((await call(app, '/api/documents?limit=1', { headers: auth })).status, 200);
  });

  test('listening rules: loopback only without a token, unless --public-read', () => {
    assert.equal(accessPolicy('127.0.0.1', undefined, false).readAuth, false);
    assert.equal(accessPolicy('::1', undefined, false).readAuth, false);
    assert.throws(() => accessPolicy('0.0.0.0', undefined, false), /refusing to listen/);
    assert.throws(() => accessPolicy('192.168.1.5', undefined, false), /--token/);
    assert.equal(accessPolicy('0.0.0.0', TOKEN, false).readAuth, true);
    assert.equal(accessPolicy('0.0.0.0', undefined, true).readAuth, false);
    assert.throws(() => accessPolicy('127.0.0.1', 'short', false), /16 characters/);
    const r = runCli(['--db', join(dir, 'cli.db'), 'serve', '--host', '0.0.0.0', '--port', '0'], { env: { NARRASCOPE_TOKEN: '' } });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /refusing to listen on 0\.0\.0\.0/);
  });
});

test('`narrascope serve` end to end: listens on loopback, API with compute workers, Ctrl-C stops it', async () => {
  const child = spawnCli(['--db', join(dir, 'api.db'), 'serve', '--port', '0', '--no-web']);
  try {
    const url = await serveUrl(child);
    assert.equal((await fetch(`${url}/api/health`)).status, 200);
    const overview = await (await fetch(`${url}/api/narratives`)).json() as { narratives: { id: string }[] };
    assert.ok(overview.narratives.some((n) => n.id === KURSK));
    assert.equal((await fetch(`${url}/`)).status, 404, '--no-web: API only');
    const ann = await fetch(`${url}/api/annotations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(ann.status, 403, 'no token: writes disabled');
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
  }
});

describe('compute workers', () => {
  test('heavy analytics in worker threads answer exactly as inline, errors included', async () => {
    const server = await startServer({ store, registry, port: 0, webRoot: false, warm: false, log: () => {}, compute: { db: join(dir, 'api.db'), actors: [], size: 2 } });
    try {
      for (const path of ['/api/narratives', `/api/narratives/${KURSK}/timeline?bucket=week`, `/api/surges?narrative=${KURSK}`, '/api/coordination', '/api/stats',
        `/api/claims?narrative=${KURSK}&limit=3`, `/api/narratives/${KURSK}/evidence?from=2025-03-13&to=2025-03-14`]) {
        const viaWorker = await fetch(`${server.url}${path}`);
        assert.equal(viaWorker.status, 200, path);
        const inline = await get(path);
        assert.deepEqual(await viaWorker.json(), inline.json, path);
      }
      const missing = await fetch(`${server.url}/api/narratives/no-such-narrative-x/timeline`);
      assert.equal(missing.status, 404);
      assert.match(((await missing.json()) as { error: string }).error, /no narrative/);
      const md = await fetch(`${server.url}/api/brief?format=md`);
      assert.match(md.headers.get('content-disposition')!, /attachment/);
      assert.match(await md.text(), /^# Narrascope brief/);
      // Concurrent cold requests share one computation; light endpoints are not held up meanwhile.
      const [a, b, health] = await Promise.all([fetch(`${server.url}/api/narratives?minMentions=2`), fetch(`${server.url}/api/narratives?minMentions=2`), fetch(`${server.url}/api/health`)]);
      assert.equal(await a.text(), await b.text());
      assert.equal(health.status, 200);
    } finally {
      await server.close();
    }
  });

  test('a worker that cannot start leaves the server computing inline', async () => {
    const server = await startServer({ store, registry, port: 0, webRoot: false, warm: false, log: () => {}, compute: { db: join(dir, 'missing', 'nope.db'), actors: [], size: 1 } });
    try {
      const r = await fetch(`${server.url}/api/stats`);
      assert.equal(r.status, 200);
      assert.equal(((await r.json()) as { documents: number }).documents, (await get('/api/stats')).json.documents);
    } finally {
      await server.close();
    }
  });
});

describe('static dashboard files', () => {
  let server: RunningServer;
  let web: string;
  before(async () => {
    web = join(dir, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>dash</title><div id="app"></div>');
    writeFileSync(join(web, 'assets', 'app-123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'TOP-SECRET');
    server = await startServer({ store, registry, port: 0, host: '127.0.0.1', webRoot: web, warm: false, log: () => {} });
  });
  after(async () => { await server.close(); });

  function raw(path: string, method = 'GET'): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => { body += c; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('serves the dashboard with a strict CSP', async () => {
    const index = await raw('/');
    assert.equal(index.status, 200);
    assert.match(index.body, /<div id="app">/);
    assert.match(String(index.headers['content-security-policy']), /script-src 'self'/);
    assert.match(String(index.headers['content-security-policy']), /frame-ancestors 'none'/);
    assert.equal(index.headers['x-content-type-options'], 'nosniff');
    const js = await raw('/assets/app-123.js');
    assert.equal(js.status, 200);
    assert.match(String(js.headers['content-type']), /javascript/);
    assert.match(String(js.headers['cache-control']), /immutable/);
    assert.equal((await raw('/api/health')).status, 200, 'the API on the same port');
  });

  test('path traversal attempts are refused', async () => {
    for (const path of [
      '/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/assets/../../secret.txt',
      '/assets/..%2f..%2fsecret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt', '/assets/..\\..\\secret.txt',
      '//secret.txt', '/%252e%252e/secret.txt', '/index.html%00.js', '/./../secret.txt', '/assets/%c0%ae%c0%ae/secret.txt',
      `/${'../'.repeat(20)}etc/passwd`, '/etc/passwd', '/C:/Windows/win.ini', '/assets/', '/assets',
    ]) {
      const r = await raw(path);
      assert.ok([400, 404].includes(r.status), `${path} → ${r.status}`);
      assert.ok(!r.body.includes('TOP-SECRET') && !r.body.includes('root:'), path);
    }
  });
});
