import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { readCsv, readTsv } from '../../src/ingest/readers/csv.ts';
import { collect, fileInput, memInput, oks, options, rejectSummary } from './helpers.ts';

const PUTIN = '/work/shared/corpora/kremlin-zelenskyy-press-releases/putin.csv';

describe('csv reader', () => {
  it('reads quoted multi-line fields, BOM and CRLF, with the line each record starts on', async () => {
    const csv = '\uFEFFlink,headline,date,body\r\n' +
      'https://example.org/1,First,2022-04-03T10:00:00Z,"Line one\r\nline two, with comma"\r\n' +
      'https://example.org/2,"Second ""quoted""",2022-04-04T10:00:00Z,Plain body\r\n';
    const items = await collect(readCsv, memInput('p.csv', csv, 10));
    assert.deepEqual(rejectSummary(items), []);
    const [a, b] = oks(items);
    assert.equal(a.line, 2);
    assert.deepEqual(a.record, { text: 'Line one\nline two, with comma', title: 'First', publishedAt: '2022-04-03T10:00:00Z', url: 'https://example.org/1' });
    assert.equal(b.line, 4);
    assert.equal(b.record.title, 'Second "quoted"');
  });

  it('detects ; and tab delimiters from the header; tsv forces tab', async () => {
    const semi = await collect(readCsv, memInput('s.csv', 'text;source;views\nПривет, мир;ТАСС;10\n'));
    assert.deepEqual(oks(semi).map((i) => [i.record.text, i.record.source?.name, i.record.meta?.views]), [['Привет, мир', 'ТАСС', '10']]);
    const tab = await collect(readCsv, memInput('t.txt', 'text\tsource\nA, b; c\tX\n'));
    assert.equal(oks(tab)[0].record.text, 'A, b; c');
    // One tab and one comma in the header: tsv settles it.
    const forced = await collect(readTsv, memInput('x', 'body\tnote,x\nHello, world\tsee, also\n'));
    assert.deepEqual(oks(forced)[0].record, { text: 'Hello, world', meta: { 'note,x': 'see, also' } });
  });

  it('rejects rows with a wrong field count and goes on', async () => {
    const csv = 'id,text,views\n1,ok one,3\n2,short row\n3,ok three,8\n4,too,many,fields\n5,ok five,1\n';
    const items = await collect(readCsv, memInput('c.csv', csv));
    assert.deepEqual(rejectSummary(items), ['bad_csv_row@3', 'bad_csv_row@5']);
    assert.deepEqual(oks(items).map((i) => [i.line, i.record.text]), [[2, 'ok one'], [4, 'ok three'], [6, 'ok five']]);
  });

  it('recovers from an unclosed quote: the broken row is rejected, the rows after it are read', async () => {
    const csv = 'id,text,views\n1,"unclosed quote,3\n2,second,4\n3,"third",5\n4,fourth,6\n';
    const items = await collect(readCsv, memInput('q.csv', csv));
    assert.deepEqual(rejectSummary(items), ['bad_csv_row@2']);
    assert.deepEqual(oks(items).map((i) => [i.line, i.record.text]), [[3, 'second'], [4, 'third'], [5, 'fourth']]);

    const atEnd = await collect(readCsv, memInput('q2.csv', 'id,text\n1,ok\n2,"never closed\n3,last\n'));
    assert.deepEqual(rejectSummary(atEnd), ['bad_csv_row@3']);
    assert.deepEqual(oks(atEnd).map((i) => [i.line, i.record.text]), [[2, 'ok'], [4, 'last']]);
  });

  it('rejects an over-long line without holding it and reads on', async () => {
    const csv = `id,text\n1,before\n2,${'x'.repeat(50_000)}\n3,after\n`;
    const items = await collect(readCsv, memInput('l.csv', csv, 4096), options({ maxRecordBytes: 1000 }));
    assert.deepEqual(rejectSummary(items), ['line_too_long@3']);
    assert.deepEqual(oks(items).map((i) => i.record.text), ['before', 'after']);
  });

  it('decodes a windows-1251 CSV', async () => {
    const csv = iconv.encode('текст,источник\nВ Курской области объявили эвакуацию жителей,Губернатор\n', 'windows-1251');
    const items = await collect(readCsv, memInput('r.csv', csv), options({ map: { text: 'текст', source: 'источник' } }));
    assert.deepEqual(oks(items).map((i) => [i.record.text, i.record.source?.name]), [['В Курской области объявили эвакуацию жителей', 'Губернатор']]);
  });

  it('maps columns with --map', async () => {
    const items = await collect(readCsv, memInput('m.csv', 'msg,who,when\nHello,Alice,2024-01-02 03:04:05\n'), options({ map: { text: 'msg', source: 'who', publishedAt: 'when' } }));
    assert.deepEqual(oks(items)[0].record, { text: 'Hello', source: { name: 'Alice' }, publishedAt: '2024-01-02 03:04:05' });
  });

  it('reads the Kremlin press releases: 816 records, title = headline', async (t) => {
    if (!existsSync(PUTIN)) return t.skip(`corpus not present: ${PUTIN}`);
    const items = await collect(readCsv, fileInput(PUTIN));
    assert.deepEqual(rejectSummary(items), []);
    const records = oks(items);
    assert.equal(records.length, 816);
    assert.equal(records[0].record.title, 'BRICS+ meeting');
    assert.equal(records[0].record.url, 'http://en.kremlin.ru/events/president/news/68700');
    assert.equal(records[0].record.publishedAt, '2022-06-24T17:30:00Z');
    assert.ok(records.every((r) => r.record.title && r.record.text.length > 0));
  });
});
