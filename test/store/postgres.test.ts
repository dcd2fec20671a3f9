import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { LATEST_VERSION } from '../../src/store/postgres/migrate.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import type { Document } from '../../src/model/index.ts';
import { testPostgres } from '../helpers/pg-cluster.ts';
import { tempDir } from '../helpers/tmp.ts';
import { storeContract, snapshot } from './store-contract.ts';
import { corpus, doc, emptyAnalysis, hexId, HOSTILE, mention } from './fixtures.ts';

const server = await testPostgres();
const skip = server.skip ?? false;
if (skip) test(`PostgreSQL tests skipped: ${skip}`, { skip }, () => undefined);

/** A store on a fresh database of its own, dropped when the store is closed. */
async function freshStore(options: { readonly?: boolean } = {}): Promise<PostgresStore & { dbUrl: string }> {
  const db = await server.pg!.createDatabase();
  const store = await PostgresStore.open(db.url, options) as PostgresStore & { dbUrl: string };
  store.dbUrl = db.url;
  const close = store.close.bind(store);
  store.close = async () => { await close(); await db.drop(); };
  return store;
}

storeContract('postgres', () => freshStore(), { skip });

const sqliteDir = tempDir();
const sqliteStore = () => new SqliteStore(join(sqliteDir, `${randomBytes(6).toString('hex')}.db`));

async function withStores(fn: (sqlite: Store, postgres: PostgresStore) => Promise<void>): Promise<void> {
  const [a, b] = [sqliteStore(), await freshStore()];
  try { await fn(a, b); } finally { await a.close(); await b.close(); }
}

/**
 * SQLite orders aggregate rows by count only (`ORDER BY n DESC`), so the order of ties depends on its query plan;
 * PostgreSQL breaks ties by the group key. Equal counts are put in key order on both sides before comparing.
 */
function tiesInKeyOrder(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  if ('byLang' in v && 'bySource' in v) {
    const byLang = Object.fromEntries(Object.entries(v.byLang as Record<string, number>).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
    const key = (s: { sourceName: string; actorId?: string; count: number }) => `${s.sourceName}\u0000${s.actorId ?? ''}`;
    const bySource = [...(v.bySource as { sourceName: string; actorId?: string; count: number }[])]
      .sort((a, b) => b.count - a.count || (key(a) < key(b) ? -1 : 1));
    return { ...v, byLang, bySource };
  }
  if (Array.isArray(value) && value.length && typeof value[0] === 'object' && 'narrativeId' in value[0] && 'count' in value[0]) {
    const key = (c: { stance: string; actorType: string }) => `${c.stance}\u0000${c.actorType}`;
    return [...value].sort((a, b) => (a.narrativeId < b.narrativeId ? -1 : a.narrativeId > b.narrativeId ? 1 : b.count - a.count || (key(a) < key(b) ? -1 : 1)));
  }
  return value;
}

/** Runs the same call on both stores and requires byte-identical JSON (results, order and key order) or the same failure. */
async function same<T>(a: Store, b: Store, call: (s: Store) => Promise<T>, note: string): Promise<T | undefined> {
  const run = async (s: Store) => { try { return { ok: JSON.stringify(tiesInKeyOrder(await call(s))) }; } catch { return { error: true }; } };
  const [ra, rb] = [await run(a), await run(b)];
  assert.deepEqual(rb, ra, note);
  return 'ok' in ra && ra.ok !== undefined ? JSON.parse(ra.ok) as T : undefined;
}

test('SQLite and PostgreSQL give identical results for every method, filter, page and hostile input', { skip }, async () => {
  await withStores(async (lite, pgs) => {
    const { docs, analyses } = corpus();
    await same(lite, pgs, (s) => s.insertDocuments(docs.slice(0, 20), analyses.slice(0, 20)), 'insert');
    await same(lite, pgs, (s) => s.insertDocuments([...docs.slice(15), docs[3], docs[29]], analyses), 'insert with duplicates');
    await same(lite, pgs, (s) => s.insertCalendarEvents([{ id: 'a', date: '2024-11-21', title: 'x', kind: 'k' }, { id: 'a', date: 'x', title: 'y', kind: 'z' }]), 'calendar');
    const snap = async (s: Store) => JSON.stringify(Object.fromEntries(Object.entries(await snapshot(s) as Record<string, unknown>).map(([k, v]) => [k, tiesInKeyOrder(v)])));
    assert.equal(await snap(pgs), await snap(lite), 'snapshots');
    const values = ['ru', 'uk', 'rian_ru', 'Ukrinform', 'tass', 'ria-novosti', '2024-11-05', '2024-11-05T04:00:00.000Z', 'nato-aggression',
      'refutes', 'asserts', 'state_media', 'government_official', 'peskov', 'Песков', 'PESKOV', 'орешник', 'Орешн', 'cafe naive', 'ёлка',
      'σίσυφος', '100', 'Кремль 1', hexId(1000), '', ...HOSTILE];
    for (const v of values) {
      const n = `value ${JSON.stringify(v.slice(0, 30))}`;
      for (const key of ['lang', 'source', 'actorId', 'query', 'since', 'until'] as const) {
        const f = { [key]: v };
        await same(lite, pgs, (s) => s.listDocuments(f, { limit: -1 }), `${n} listDocuments ${key}`);
        await same(lite, pgs, (s) => s.countDocuments(f), `${n} countDocuments ${key}`);
        await same(lite, pgs, (s) => s.documentStats(f), `${n} documentStats ${key}`);
        await same(lite, pgs, (s) => s.documentTimes(f), `${n} documentTimes ${key}`);
        await same(lite, pgs, (s) => s.dailyCounts(f), `${n} dailyCounts ${key}`);
      }
      for (const key of ['speaker', 'speakerType', 'stance', 'since', 'until', 'query', 'documentId'] as const) {
        await same(lite, pgs, (s) => s.listAttributions({ [key]: v }, { limit: 7, offset: 1 }), `${n} listAttributions ${key}`);
        await same(lite, pgs, (s) => s.countAttributions({ [key]: v }), `${n} countAttributions ${key}`);
      }
      for (const key of ['stance', 'actorType', 'actorId', 'since', 'until', 'documentId'] as const) {
        await same(lite, pgs, (s) => s.listMentions({ [key]: v }), `${n} listMentions ${key}`);
        await same(lite, pgs, (s) => s.countMentions({ [key]: v }), `${n} countMentions ${key}`);
      }
      await same(lite, pgs, (s) => s.listMentions({ narrativeIds: [v, 'west-provokes'] }, { limit: 5, offset: 2 }), `${n} mentions ids`);
      await same(lite, pgs, (s) => s.listTextEvents({ since: v }), `${n} events since`);
      await same(lite, pgs, (s) => s.listTextEvents({ until: v }), `${n} events until`);
      await same(lite, pgs, (s) => s.listAssessments({ documentId: v }), `${n} assessments`);
      await same(lite, pgs, (s) => s.listDocumentNarratives({ documentId: v }), `${n} narratives doc`);
      await same(lite, pgs, (s) => s.listDocumentNarratives({ narrativeIds: [v] }), `${n} narratives ids`);
      await same(lite, pgs, (s) => s.listCalendarEvents({ since: v, kind: 'k' }), `${n} calendar`);
      await same(lite, pgs, (s) => s.getDocument(v), `${n} getDocument`);
      await same(lite, pgs, async (s) => [...await s.existingIds([v, hexId(1000)])], `${n} existingIds`);
    }
    for (const page of [{}, { limit: 3 }, { limit: 3, offset: 28 }, { limit: -1, offset: 5 }, { limit: 2, offset: -1 }, { limit: 0 }, { limit: 1.5 }, { offset: Number.NaN }]) {
      await same(lite, pgs, (s) => s.listDocuments({}, page), `page ${JSON.stringify(page)}`);
      await same(lite, pgs, (s) => s.listAttributions({}, page), `page ${JSON.stringify(page)}`);
      await same(lite, pgs, (s) => s.listMentions({}, page), `page ${JSON.stringify(page)}`);
    }
  });
});

test('full-text search matches SQLite FTS5 on random texts and queries (tokenizer and folding fuzz)', { skip }, async () => {
  await withStores(async (lite, pgs) => {
    // Words chosen to exercise inflection, ё/й/ї, Latin diacritics, Greek sigma, digits, glued symbols and emoji.
    const vocab = ['Орешник', 'Орешника', 'орешником', 'ёлка', 'елка', 'йод', 'иод', 'Їжак', 'ґанок', 'Café', 'cafe', 'naïve', 'İstanbul',
      'Straße', 'STRASSE', 'ΣΊΣΥΦΟΣ', 'σίσυφος', 'COVID-19', 'don\'t', '100₽', '₽100', 'x_y', 'a.b', 'e-mail@x.com', '😀ok', 'ok😀',
      '🤣привет', 'привет', '½', '①', 'Ⅻ', 'ﬁne', 'fine', 'Ǆemal', 'ǆemal', 'µm', 'μm', 'Å', 'Ångström', 'ŀl', 'Øre', 'ore', 'Ωmega',
      'бутʼ', 'бут', 'Zelensky’s', '北京', 'ภาษา', 'हिन्दी', 'שָׁלוֹם', 'مرحبا', 'и\u0306од', 'e\u0301te', 'ete', '#тег', '@user'];
    let seed = 42;
    const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    const docs: Document[] = [];
    for (let i = 0; i < 120; i++) {
      const words = Array.from({ length: 3 + rnd(6) }, () => vocab[rnd(vocab.length)]);
      docs.push(doc(hexId(i + 1), words.join(rnd(3) ? ' ' : ', '), { lang: ['ru', 'uk', 'en', 'el', 'de'][rnd(5)], ...(rnd(4) ? {} : { title: vocab[rnd(vocab.length)] }) }));
    }
    await lite.insertDocuments(docs);
    await pgs.insertDocuments(docs);
    const queries = new Set<string>();
    for (const w of vocab) {
      queries.add(w);
      for (const cut of [1, 2, 3]) if ([...w].length > cut) queries.add([...w].slice(0, -cut).join(''));
      queries.add(w.toUpperCase());
      queries.add(w.slice(1));
    }
    for (let i = 0; i < 150; i++) queries.add(`${vocab[rnd(vocab.length)]} ${vocab[rnd(vocab.length)].slice(0, 3)}`);
    let matched = 0;
    for (const q of queries) {
      const ids = await same(lite, pgs, async (s) => (await s.listDocuments({ query: q }, { limit: -1 })).map((d) => d.id), `query ${JSON.stringify(q)}`);
      if (ids && (ids as string[]).length) matched++;
    }
    assert.ok(matched > queries.size / 3, `most queries match something (${matched}/${queries.size})`);
  });
});

test('migrations: versioned, applied once even when many processes open a new database at once', { skip }, async () => {
  const db = await server.pg!.createDatabase();
  const stores = await Promise.all(Array.from({ length: 6 }, () => PostgresStore.open(db.url, { poolSize: 2 })));
  const r = await stores[0].pool.query('SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version');
  assert.deepEqual(r.rows.map((row) => [row.version, Number(row.n)]), Array.from({ length: LATEST_VERSION }, (_, i) => [i + 1, 1]));
  const again = await PostgresStore.open(db.url);
  assert.deepEqual(await again.checkIntegrity(), []);
  for (const s of [...stores, again]) await s.close();
  await db.drop();
});

test('mentions are partitioned by month; partitions appear on demand, odd times go to the default partition', { skip }, async () => {
  const store = await freshStore();
  try {
    const mk = (n: number, at: string) => ({ ...emptyAnalysis(hexId(n)), mentions: [mention(hexId(n), 'nato', at)] });
    await store.insertDocuments([doc(hexId(1), 'a'), doc(hexId(2), 'b'), doc(hexId(3), 'c'), doc(hexId(4), 'd')],
      [mk(1, '2024-11-21T10:00:00.000Z'), mk(2, '2024-12-31T23:59:59.999Z'), mk(3, '2025-01-01T00:00:00.000Z'), mk(4, 'yesterday')]);
    const parts = await store.pool.query(`SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound,
      (SELECT count(*) FROM mentions m WHERE m.tableoid = c.oid) AS n
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'mentions'::regclass ORDER BY c.relname`);
    assert.deepEqual(parts.rows.map((r) => [r.relname, Number(r.n)]),
      [['mentions_default', 1], ['mentions_p2024_11', 1], ['mentions_p2024_12', 1], ['mentions_p2025_01', 1]]);
    assert.match(parts.rows[2].bound, /FROM \('2024-12'\) TO \('2025-01'\)/);
    assert.deepEqual((await store.listMentions()).map((m) => m.at), ['2024-11-21T10:00:00.000Z', '2024-12-31T23:59:59.999Z', '2025-01-01T00:00:00.000Z', 'yesterday']);
    const plan = await store.pool.query(`EXPLAIN SELECT * FROM mentions WHERE at >= '2024-12-01' AND at < '2024-12-15'`);
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    assert.match(text, /mentions_p2024_12/);
    assert.doesNotMatch(text, /mentions_p2024_11/, 'partition pruning');
  } finally { await store.close(); }
});

test('concurrent writers with overlapping batches: no deadlock, every id stored once, duplicates counted', { skip }, async () => {
  const store = await freshStore();
  const others = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open(store.dbUrl, { poolSize: 3 })));
  try {
    const all = Array.from({ length: 400 }, (_, i) => doc(hexId(i + 1), `документ ${i}`));
    const batches: Document[][] = [];
    for (let w = 0; w < 8; w++) {
      const shuffled = [...all].sort(() => Math.random() - 0.5).slice(0, 250);
      for (let i = 0; i < shuffled.length; i += 50) batches.push(shuffled.slice(i, i + 50));
    }
    const results = await Promise.all(batches.map((b, i) => [store, ...others][i % 5].insertDocuments(b,
      b.map((d) => ({ ...emptyAnalysis(d.id), mentions: [mention(d.id, 'n', '2024-11-01T00:00:00Z')] })))));
    const inserted = results.reduce((n, r) => n + r.inserted, 0);
    const stored = await store.countDocuments();
    assert.equal(inserted, stored);
    assert.equal(results.reduce((n, r) => n + r.inserted + r.duplicates, 0), batches.reduce((n, b) => n + b.length, 0));
    assert.equal((await store.listMentions()).length, stored, 'one analysis per stored document');
  } finally {
    for (const o of others) await o.close();
    await store.close();
  }
});

test('openStore picks PostgreSQL for postgres:// URLs; read-only stores refuse writes', { skip }, async () => {
  const store = await freshStore();
  try {
    await store.insertDocuments([doc(hexId(1), 'x')]);
    const opened = await openStore(store.dbUrl.replace(/^postgres:/, 'postgresql:'));
    assert.equal(opened.kind, 'postgres');
    assert.equal(await opened.countDocuments(), 1);
    await opened.close();
    const ro = await openStore(store.dbUrl, { readonly: true });
    assert.equal(await ro.countDocuments(), 1);
    await assert.rejects(ro.insertDocuments([doc(hexId(2), 'y')]), /read-only/);
    await ro.close();
    const empty = await server.pg!.createDatabase();
    await assert.rejects(openStore(empty.url, { readonly: true }), /no Narrascope schema/);
    await empty.drop();
  } finally { await store.close(); }
});

test('text columns sort bytewise (COLLATE "C") whatever the database locale; NUL characters cannot break a write', { skip }, async () => {
  const store = await freshStore();
  try {
    await store.insertDocuments([doc(hexId(1), 'a', { publishedAt: 'b' }), doc(hexId(2), 'b', { publishedAt: 'B' }), doc(hexId(3), 'c', { publishedAt: 'ä' }),
      doc(hexId(4), 'with\0nul', { title: 'ti\0tle', source: { name: 'N\0S' } })]);
    assert.deepEqual((await store.listDocuments({ since: 'A' })).map((d) => d.publishedAt), ['B', 'b', 'ä']);
    assert.equal((await store.getDocument(hexId(4)))?.text, 'withnul');
    const c = new pg.Client({ connectionString: store.dbUrl });
    await c.connect();
    const r = await c.query(`SELECT count(*) AS n FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'text'
      AND collation_name IS DISTINCT FROM 'C' AND table_name IN ('documents', 'attributions', 'mentions', 'text_events', 'assessments', 'document_narratives', 'calendar_events')`);
    await c.end();
    assert.equal(Number(r.rows[0].n), 0);
  } finally { await store.close(); }
});
