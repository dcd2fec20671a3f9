import assert from 'node:assert/strict';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { readJsonl } from '../../src/ingest/readers/jsonl.ts';
import { collect, fileInput, memInput, oks, options, peakRssGrowth, rejectSummary, tempDir } from './helpers.ts';

describe('jsonl reader', () => {
  it('maps common field names and keeps line numbers', async () => {
    const lines = [
      JSON.stringify({ id: 7, body: 'Первый пост', date: '2024-11-21T10:00:00+03:00', channel: 'Канал', username: 'kanal', link: 'https://t.me/kanal/7', views: 120 }),
      '',
      JSON.stringify({ text: 'Second', published_at: 1732170000, author: { name: 'Reuters', username: 'reuters' }, lang: 'en' }),
    ];
    const items = await collect(readJsonl, memInput('a.jsonl', lines.join('\n') + '\n'));
    assert.deepEqual(rejectSummary(items), []);
    const [a, b] = oks(items);
    assert.equal(a.line, 1);
    assert.deepEqual(a.record, {
      text: 'Первый пост',
      publishedAt: '2024-11-21T10:00:00+03:00',
      source: { name: 'Канал', handle: 'kanal' },
      url: 'https://t.me/kanal/7',
      platformId: '7',
      meta: { views: 120 },
    });
    assert.equal(b.line, 3);
    assert.equal(b.record.publishedAt, 1732170000);
    assert.deepEqual(b.record.source, { name: 'Reuters', handle: 'reuters' });
    assert.equal(b.record.lang, 'en');
  });

  it('rejects bad lines with their reason and line number and reads on', async () => {
    const content = Buffer.concat([
      Buffer.from('\uFEFF{"text":"ok 1"}\r\n'),
      Buffer.from('{"text": "broken\n'),
      Buffer.from('[1,2,3]\n'),
      Buffer.from('{"text":"   "}\n'),
      Buffer.from('{"text":"dated","date":"not a date"}\n'),
      Buffer.from('{"text":"'),
      Buffer.from([0xff, 0xfe, 0x41]),
      Buffer.from('"}\n'),
      Buffer.from('{"text":"no newline at end"}'),
    ]);
    const items = await collect(readJsonl, memInput('b.jsonl', content, 7));
    assert.deepEqual(rejectSummary(items), ['bad_json@2', 'bad_record@3', 'empty_text@4', 'bad_date@5', 'invalid_utf8@6']);
    assert.deepEqual(oks(items).map((i) => [i.line, i.record.text]), [[1, 'ok 1'], [7, 'no newline at end']]);
  });

  it('follows --map, including dotted paths into nested objects', async () => {
    const line = JSON.stringify({ payload: { body: 'Nested text' }, author: { name: 'ISW' }, ts: '2025-03-15 18:00:00', kind: 'report' });
    const items = await collect(readJsonl, memInput('c.jsonl', line), options({ map: { text: 'payload.body', source: 'author.name', publishedAt: 'ts' } }));
    const [r] = oks(items);
    assert.equal(r.record.text, 'Nested text');
    assert.deepEqual(r.record.source, { name: 'ISW' });
    assert.equal(r.record.publishedAt, '2025-03-15 18:00:00');
    assert.equal(r.record.kind, 'report');
  });

  it('accepts RFC 822, ISO with offset, "YYYY-MM-DD HH:MM:SS" and unix ms; rejects nonsense', async () => {
    const dates = ['Sat, 15 Mar 2025 18:00:00 +0000', '2025-03-15T18:00:00+02:00', '2025-03-15 18:00:00', 1742061600000, 'yesterday-ish', 99999999999999999];
    const content = dates.map((d) => JSON.stringify({ text: 'x', date: d })).join('\n');
    const items = await collect(readJsonl, memInput('d.jsonl', content));
    assert.deepEqual(rejectSummary(items), ['bad_date@5', 'bad_date@6']);
    assert.equal(oks(items).length, 4);
  });

  it('rejects a 60 MB line as line_too_long without buffering it, and reads the records around it', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.jsonl');
    const fd = openSync(path, 'w');
    writeSync(fd, '{"text":"before"}\n{"text":"');
    const mb = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < 60; i++) writeSync(fd, mb);
    writeSync(fd, '"}\n{"text":"after"}\n');
    closeSync(fd);
    const { result: items, growth } = await peakRssGrowth((sample) =>
      (async () => {
        const out = [];
        for await (const it of readJsonl(fileInput(path), options({ maxRecordBytes: 1024 * 1024 }))) {
          sample();
          out.push(it);
        }
        return out;
      })(),
    );
    assert.deepEqual(rejectSummary(items), ['line_too_long@2']);
    assert.deepEqual(oks(items).map((i) => [i.line, i.record.text]), [[1, 'before'], [3, 'after']]);
    assert.ok(growth < 100 * 1024 * 1024, `RSS grew by ${Math.round(growth / 1048576)} MB`);
  });

  it('decodes a windows-1251 file as such instead of rejecting every line', async () => {
    const content = iconv.encode(
      [
        { text: 'Москва заявила о переговорах с Киевом', source: 'ТАСС' },
        { text: 'Украинские военные сообщили об обстрелах', source: 'Укринформ' },
      ].map((o) => JSON.stringify(o)).join('\n'),
      'windows-1251',
    );
    const items = await collect(readJsonl, memInput('e.jsonl', content));
    assert.deepEqual(oks(items).map((i) => i.record.source?.name), ['ТАСС', 'Укринформ']);
    assert.equal(oks(items)[0].record.text, 'Москва заявила о переговорах с Киевом');
  });

  // Speed is measured in bench/ (npm run bench), not asserted here: tests run on loaded machines.
  it('streams 100,000 short records', async () => {
    const dir = tempDir();
    const path = join(dir, 'many.jsonl');
    const n = 100_000;
    const lines: string[] = [];
    for (let i = 0; i < n; i++) lines.push(JSON.stringify({ id: i, text: `Короткий пост ${i} о событиях дня`, date: '2024-11-21T10:00:00Z', channel: 'Канал' }));
    writeFileSync(path, lines.join('\n'));
    let count = 0;
    for await (const it of readJsonl(fileInput(path), options())) if (it.ok) count++;
    assert.equal(count, n);
  });
});
