/** The API over the PostgreSQL store answers as over SQLite (same fixture corpus, same requests). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import { createServerApp, type NarrascopeApp } from '../../src/server/app.ts';
import { startServer } from '../../src/server/listen.ts';
import { testPostgres } from '../helpers/pg-cluster.ts';
import { tempDir } from '../helpers/tmp.ts';
import { CALENDAR, KURSK, docId, fixtureCorpus } from './fixtures.ts';

const pgResult = await testPostgres();
const registry = actorRegistry();
let pgStore: Store | undefined;
let pgUrl = '';
let sqlite: SqliteStore | undefined;
let drop: (() => Promise<void>) | undefined;

before(async () => {
  if (!pgResult.pg) return;
  const db = await pgResult.pg.createDatabase();
  drop = db.drop;
  pgUrl = db.url;
  pgStore = await openStore(db.url);
  sqlite = new SqliteStore(join(tempDir('narrascope-api-pg-'), 'ref.db'));
  const { docs, analyses } = fixtureCorpus();
  for (const s of [pgStore, sqlite]) {
    await s.insertDocuments(docs, analyses);
    await s.insertCalendarEvents(CALENDAR);
  }
});
after(async () => {
  await pgStore?.close();
  await sqlite?.close();
  await drop?.();
});

async function json(app: NarrascopeApp, path: string): Promise<{ status: number; body: any }> {
  const res = await app.fetch(new Request(`http://localhost${path}`));
  return { status: res.status, body: await res.json() };
}

const PATHS = [
  '/api/documents?limit=5&offset=3', '/api/documents?q=unsubstantiated&limit=50', '/api/documents?lang=ru&since=2025-03-01&limit=3',
  `/api/documents/${docId('push-3')}`, '/api/narratives', `/api/narratives/${KURSK}`, `/api/narratives/${KURSK}/timeline?by=stance&bucket=week`,
  `/api/narratives/${KURSK}/evidence?from=2025-03-13&to=2025-03-14&limit=4`, `/api/surges?narrative=${KURSK}`,
  '/api/claims?speaker=putin&limit=3', `/api/claims?narrative=${KURSK}&stance=refutes`, '/api/events?extracted=true&limit=3', '/api/coordination',
];

test('every read endpoint answers the same over PostgreSQL and SQLite', { skip: pgResult.skip }, async () => {
  const overPg = createServerApp({ store: pgStore!, registry, webRoot: false, log: () => {} });
  const overSqlite = createServerApp({ store: sqlite!, registry, webRoot: false, log: () => {} });
  for (const path of PATHS) {
    const a = await json(overPg, path);
    const b = await json(overSqlite, path);
    assert.equal(a.status, 200, `${path}: ${JSON.stringify(a.body)}`);
    assert.deepEqual(a.body, b.body, path);
  }
});

test('compute workers open their own PostgreSQL connections', { skip: pgResult.skip }, async () => {
  const server = await startServer({ store: pgStore!, registry, port: 0, webRoot: false, warm: false, log: () => {}, compute: { db: pgUrl, actors: [], size: 1 } });
  try {
    const overSqlite = createServerApp({ store: sqlite!, registry, webRoot: false, log: () => {} });
    for (const path of ['/api/narratives', `/api/surges?narrative=${KURSK}`]) {
      const res = await fetch(`${server.url}${path}`);
      assert.equal(res.status, 200, path);
      assert.deepEqual(await res.json(), (await json(overSqlite, path)).body, path);
    }
  } finally {
    await server.close();
  }
});
