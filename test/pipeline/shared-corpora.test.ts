import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ingestPaths } from '../../src/pipeline/ingest.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import { SHARED, tempDir } from '../helpers/tmp.ts';

const TELEGRAM = join(SHARED, 'corpora', 'telegram-ru-news-channels-2024', 'raw');
const PUTIN = join(SHARED, 'corpora', 'kremlin-zelenskyy-press-releases', 'putin.csv');

test('Telegram news corpus: 22,099 posts of 24 channels, Russian detected, RIA resolves to state media, re-run adds nothing',
  { skip: existsSync(TELEGRAM) ? false : `${TELEGRAM} is absent` }, async () => {
    const store = new SqliteStore(join(tempDir(), 'tg.db'));
    const registry = actorRegistry();
    const map = { text: 'text', publishedAt: 'date', source: 'channel' } as const;
    const first = await ingestPaths([TELEGRAM], { store, registry, map: { ...map } });
    // Posts with empty text (media only) are rejected as empty_text; all others are stored. Word-for-word repeats of
    // a post in the same channel are distinct messages (own message ids) and so are stored as documents.
    assert.equal(first.read, 22_099);
    assert.equal(first.stored + (first.rejectedByReason.empty_text ?? 0), 22_099, JSON.stringify(first));
    assert.equal(first.files, 24);

    const db = store.db;
    const channels = db.prepare('SELECT count(DISTINCT source_name) AS n FROM documents').get() as { n: number };
    assert.equal(channels.n, 24);
    const rows = db.prepare('SELECT lang, text FROM documents').all() as { lang: string; text: string }[];
    const long = rows.filter((r) => (r.text.match(/\p{L}/gu) ?? []).length > 20);
    const ru = long.filter((r) => r.lang === 'ru').length / long.length;
    assert.ok(ru >= 0.95, `Russian share ${ru.toFixed(3)}`);
    const ria = db.prepare(`SELECT actor_id, count(*) AS n FROM documents WHERE source_name = 'РИА Новости' GROUP BY actor_id`).all() as { actor_id: string; n: number }[];
    assert.equal(ria.length, 1);
    assert.equal(registry.get(ria[0].actor_id)?.type, 'state_media');

    const second = await ingestPaths([TELEGRAM], { store, registry, map: { ...map } });
    assert.equal(second.stored, 0);
    assert.equal(second.duplicates, first.stored);
    await store.close();
  });

test('Kremlin press releases CSV: headline as title, date as publication time',
  { skip: existsSync(PUTIN) ? false : `${PUTIN} is absent` }, async () => {
    const store = new SqliteStore(join(tempDir(), 'kremlin.db'));
    const summary = await ingestPaths([PUTIN], { store, registry: actorRegistry(), defaults: { source: 'Kremlin' } });
    assert.equal(summary.stored, 816, JSON.stringify(summary));
    const row = store.db.prepare(`SELECT title, published_at, url, actor_id FROM documents WHERE url = 'http://en.kremlin.ru/events/president/news/68700'`).get() as
      { title: string; published_at: string; url: string; actor_id: string };
    assert.equal(row.title, 'BRICS+ meeting');
    assert.equal(row.published_at, '2022-06-24T17:30:00.000Z');
    assert.ok(row.actor_id, 'en.kremlin.ru resolves to an actor');
    await store.close();
  });
