import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import type { Document, DocumentAnalysis } from '../../src/model/index.ts';
import { tempDir } from '../helpers/tmp.ts';

function doc(id: string, text: string, extra: Partial<Document> = {}): Document {
  return {
    id, text, source: { name: 'РИА Новости', handle: 'rian_ru', actorId: 'ria-novosti' }, publishedAt: '2024-11-21T10:00:00.000Z',
    lang: 'ru', kind: 'post', meta: { views: 10 }, ingest: { format: 'json', at: '2025-01-01T00:00:00.000Z' }, ...extra,
  };
}

test('documents round-trip, duplicates are skipped and counted', async () => {
  const store = new SqliteStore(join(tempDir(), 'a.db'));
  const first = await store.insertDocuments([doc('a'.repeat(24), 'Удар «Орешником» по Днепру'), doc('b'.repeat(24), 'Погода в Москве')]);
  assert.deepEqual([first.inserted, first.duplicates], [2, 0]);
  const again = await store.insertDocuments([doc('a'.repeat(24), 'Удар «Орешником» по Днепру')]);
  assert.deepEqual([again.inserted, again.duplicates], [0, 1]);
  const got = await store.getDocument('a'.repeat(24));
  assert.equal(got?.source.actorId, 'ria-novosti');
  assert.deepEqual(got?.meta, { views: 10 });
  assert.equal(await store.countDocuments(), 2);
  assert.deepEqual(await store.checkIntegrity(), []);
  await store.close();
});

test('full-text search finds inflected forms by prefix and never fails on operator characters', async () => {
  const store = new SqliteStore(join(tempDir(), 'b.db'));
  await store.insertDocuments([
    doc('1'.repeat(24), 'Путин рассказал об ударе ракетой «Орешник»'),
    doc('2'.repeat(24), 'Испытания «Орешника» продолжатся'),
    doc('3'.repeat(24), 'Курс рубля упал'),
  ]);
  assert.equal(await store.countDocuments({ query: 'Орешник' }), 2);
  assert.equal(await store.countDocuments({ query: 'орешник путин' }), 1);
  for (const hostile of ['"', 'a OR', '*', 'NEAR(', "'; DROP TABLE documents; --", ')(']) {
    await store.countDocuments({ query: hostile });
  }
  assert.equal(await store.countDocuments(), 3);
  await store.close();
});

test('filters by language, source and time', async () => {
  const store = new SqliteStore(join(tempDir(), 'c.db'));
  await store.insertDocuments([
    doc('4'.repeat(24), 'one', { lang: 'uk', publishedAt: '2025-03-13T00:00:00.000Z', source: { name: 'Ukrinform', actorId: 'ukrinform' } }),
    doc('5'.repeat(24), 'two', { publishedAt: '2025-03-14T00:00:00.000Z' }),
  ]);
  assert.equal(await store.countDocuments({ lang: 'uk' }), 1);
  assert.equal(await store.countDocuments({ source: 'rian_ru' }), 1);
  assert.equal(await store.countDocuments({ source: 'ukrinform' }), 1);
  assert.equal(await store.countDocuments({ since: '2025-03-14T00:00:00.000Z' }), 1);
  const stats = await store.documentStats();
  assert.equal(stats.count, 2);
  assert.equal(stats.first, '2025-03-13T00:00:00.000Z');
  assert.match(stats.fingerprint, /^sha256:[0-9a-f]{32}$/);
  await store.close();
});

test('analyses are stored with their document in one transaction and only for new documents', async () => {
  const store = new SqliteStore(join(tempDir(), 'd.db'));
  const d = doc('6'.repeat(24), 'Песков заявил, что Кремль ответит.');
  const analysis: DocumentAnalysis = {
    documentId: d.id, events: [], assessments: [], narratives: [], mentions: [],
    attributions: [{
      speaker: { text: 'Песков', start: 0, end: 6, actorId: 'peskov', type: 'government_official' },
      cue: { text: 'заявил', start: 7, end: 13, class: 'statement' }, content: { text: 'Кремль ответит', start: 19, end: 33 },
      direct: false, chain: [{ name: 'РИА Новости', actorId: 'ria-novosti' }], stance: 'relays', narratives: [],
    }],
  };
  await store.insertDocuments([d], [analysis]);
  await store.insertDocuments([d], [analysis]);
  assert.equal(await store.countAttributions(), 1);
  const [a] = await store.listAttributions({ speaker: 'peskov' });
  assert.equal(a.content.text, 'Кремль ответит');
  assert.equal(a.documentId, d.id);
  assert.equal(await store.countAttributions({ stance: 'refutes' }), 0);
  assert.equal(await store.countAttributions({ query: 'ответит' }), 1);
  assert.equal(await store.countAttributions({ speaker: "%' OR 1=1 --" }), 0);
  await store.close();
});
