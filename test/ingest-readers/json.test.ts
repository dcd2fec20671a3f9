import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readJson } from '../../src/ingest/readers/json.ts';
import { collect, fileInput, memInput, oks, options, rejectSummary, tempDir } from './helpers.ts';

const CORPUS = '/work/shared/corpora/telegram-ru-news-channels-2024/raw/1001101170442_messages.json';

describe('json reader', () => {
  it('streams an array of objects with record numbers', async () => {
    const data = [
      { message_id: 1, sender_id: -1001101170442, text: 'Первое сообщение', date: '2024-12-04T08:55:19+00:00', channel: 'РИА Новости', category: 'political' },
      42,
      { message_id: 3, text: '', date: '2024-12-04T08:55:12+00:00' },
      { message_id: 4, text: ['Часть ', { type: 'bold', text: 'жирная' }], date: 1733302512 },
    ];
    const items = await collect(readJson, memInput('a.json', JSON.stringify(data, null, 2), 16));
    assert.deepEqual(rejectSummary(items), ['bad_record@2', 'empty_text@3']);
    const [a, d] = oks(items);
    assert.equal(a.line, 1);
    assert.deepEqual(a.record, {
      text: 'Первое сообщение',
      publishedAt: '2024-12-04T08:55:19+00:00',
      source: { name: 'РИА Новости', platformId: 'tg:1001101170442' },
      platformId: '1',
      meta: { category: 'political' },
    });
    assert.equal(d.line, 4);
    assert.equal(d.record.text, 'Часть жирная');
  });

  for (const key of ['items', 'data', 'messages', 'posts', 'documents']) {
    it(`reads the array inside a {"${key}": [...]} wrapper`, async () => {
      const doc = { meta: { exported: 'today' }, [key]: [{ text: 'one' }, { text: 'two' }] };
      const items = await collect(readJson, memInput('w.json', JSON.stringify(doc)));
      assert.deepEqual(oks(items).map((i) => [i.line, i.record.text]), [[1, 'one'], [2, 'two']]);
    });
  }

  it('reads a single root object as one record', async () => {
    const items = await collect(readJson, memInput('one.json', JSON.stringify({ title: 'Statement', body: 'Full text', date: '2022-04-03' })));
    assert.equal(items.length, 1);
    assert.ok(items[0].ok);
    assert.equal(items[0].ok && items[0].record.title, 'Statement');
  });

  it('keeps the records before a syntax error and reports the broken record number', async () => {
    const text = '[{"text":"a"},{"text":"b"},{"text": "c" "oops"}, {"text":"d"}]';
    const items = await collect(readJson, memInput('bad.json', text));
    assert.deepEqual(oks(items).map((i) => i.record.text), ['a', 'b']);
    assert.deepEqual(rejectSummary(items), ['bad_json@3']);
  });

  it('rejects an oversized record and continues with the next', async () => {
    const text = JSON.stringify([{ text: 'small' }, { text: 'x'.repeat(5000) }, { text: 'after' }]);
    const items = await collect(readJson, memInput('big.json', text, 1000), options({ maxRecordBytes: 1000 }));
    assert.deepEqual(rejectSummary(items), ['line_too_long@2']);
    assert.deepEqual(oks(items).map((i) => i.record.text), ['small', 'after']);
  });

  // Speed is measured in bench/ (npm run bench), not asserted here: tests run on loaded machines.
  it('counts object keys against the record limit (a key is never held whole), wherever the key is', async () => {
    const long = 'k'.repeat(300);
    const opts = options({ maxRecordBytes: 200 });
    const summary = (items: Awaited<ReturnType<typeof collect>>) => items.map((i) => (i.ok ? `ok:${i.record.text}` : `${i.reason}@${i.line}`));
    // A key in a record, in chunks that split it.
    assert.deepEqual(summary(await collect(readJson, memInput('k.json', `[{"text":"a"},{"text":"b","${long}":1},{"text":"c"}]`, 7), opts)),
      ['ok:a', 'line_too_long@2', 'ok:c']);
    // A key of the root object that is itself the record.
    assert.deepEqual(summary(await collect(readJson, memInput('k.json', `{"text":"x","${long}":{"a":1}}`, 7), opts)), ['line_too_long@1']);
    // A long key beside a wrapper array costs nothing: the records are read.
    assert.deepEqual(summary(await collect(readJson, memInput('k.json', `{"${long}":[1,2],"data":[{"text":"a"},{"text":"b"}]}`, 7), opts)), ['ok:a', 'ok:b']);
    // Escaped and split keys are still matched.
    assert.deepEqual(summary(await collect(readJson, memInput('k.json', '{"d\\u0061ta":[{"te\\u0078t":"a"}]}', 3))), ['ok:a']);
  });

  it('streams 100,000 short records', async () => {
    const path = join(tempDir(), 'many.json');
    const rows = [];
    for (let i = 0; i < 100_000; i++) rows.push({ id: i, text: `Короткий пост ${i} о событиях дня`, date: '2024-11-21T10:00:00Z', channel: 'Канал' });
    writeFileSync(path, JSON.stringify(rows));
    let n = 0;
    for await (const it of readJson(fileInput(path), options())) if (it.ok) n++;
    assert.equal(n, 100_000);
  });

  it('reads a Telegram news-channel corpus file with --map text=text,publishedAt=date,source=channel', async (t) => {
    if (!existsSync(CORPUS)) return t.skip(`corpus not present: ${CORPUS}`);
    const opts = options({ map: { text: 'text', publishedAt: 'date', source: 'channel' } });
    const t0 = performance.now();
    const items = await collect(readJson, fileInput(CORPUS), opts);
    const ms = performance.now() - t0;
    t.diagnostic(`${items.length} records in ${ms.toFixed(0)} ms = ${Math.round(items.length / (ms / 1000))} records/s`);
    assert.deepEqual(rejectSummary(items), []);
    assert.equal(oks(items).length, 1000);
    const first = oks(items)[0].record;
    assert.equal(first.source?.name, 'РИА Новости');
    assert.equal(first.source?.platformId, 'tg:1001101170442');
    assert.match(String(first.publishedAt), /^2024-12-04T/);
  });
});
