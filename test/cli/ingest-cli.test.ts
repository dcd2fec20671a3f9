import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const dir = tempDir();
const db = join(dir, 't.db');

test('a JSONL file with bad records: good ones stored, bad ones reported with line and reason, exit 3', () => {
  const file = join(dir, 'posts.jsonl');
  writeFileSync(file, [
    JSON.stringify({ id: 1, channel: 'rian_ru', date: '2024-11-21T10:00:00+03:00', body: 'Путин заявил об ударе ракетой «Орешник» по Днепру.' }),
    '{"id": 2, "channel": "rian_ru", "body": "broken',
    JSON.stringify({ id: 3, channel: 'rian_ru', date: '2024-11-21T11:00:00Z', body: '   ' }),
    JSON.stringify({ id: 4, channel: 'rian_ru', date: 'the day after tomorrow', body: 'Песков ответил на вопросы журналистов.' }),
    JSON.stringify({ id: 5, channel: 'rian_ru', date: '2024-11-22T09:30:00Z', body: 'Захарова прокомментировала заявление Госдепа.' }),
  ].join('\n'));
  const errors = join(dir, 'errors.jsonl');
  const r = runCli(['--db', db, 'ingest', file, '--map', 'text=body,source=channel', '--errors', errors, '--json']);
  assert.equal(r.status, 3, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.deepEqual({ read: summary.read, stored: summary.stored, duplicates: summary.duplicates, rejected: summary.rejected },
    { read: 5, stored: 2, duplicates: 0, rejected: 3 });
  assert.deepEqual(summary.rejectedByReason, { bad_json: 1, empty_text: 1, bad_date: 1 });
  const rejected = readFileSync(errors, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(rejected.map((e) => [e.line, e.reason]), [[2, 'bad_json'], [3, 'empty_text'], [4, 'bad_date']]);
  assert.ok(rejected.every((e) => e.file === file));

  const docs = JSON.parse(runCli(['--db', db, 'documents', '--json']).stdout);
  assert.equal(docs.count, 2);
  const first = docs.documents[0];
  assert.equal(first.publishedAt, '2024-11-21T07:00:00.000Z', 'offsets are converted to UTC');
  assert.equal(first.lang, 'ru');
  assert.equal(first.source.name, 'rian_ru');
});

test('re-ingesting the same input stores nothing new and says so', () => {
  const file = join(dir, 'posts.jsonl');
  const r = runCli(['--db', db, 'ingest', file, '--map', 'text=body,source=channel']);
  assert.equal(r.status, 3);
  assert.match(r.stderr, /stored 0 new/);
  assert.match(r.stderr, /2 duplicate\(s\) already stored — nothing new/);
});

test('usage errors exit 2 with a message; help exits 0 with examples', () => {
  const bad = runCli(['--db', db, 'ingest', 'x', '--format', 'docx']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown --format docx/);
  assert.equal(runCli(['ingest', '--no-such-flag', 'x']).status, 2);
  const help = runCli(['ingest', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Examples:/);
  for (const cmd of ['extract', 'documents', 'actors', 'brief', 'serve']) {
    const h = runCli([cmd, '--help']);
    assert.equal(h.status, 0, cmd);
    assert.match(h.stdout, /Examples:/, cmd);
  }
});

test('CSV with a broken row, a binary file and a cp1251 text file in one folder', () => {
  const folder = join(dir, 'mixed');
  mkdirSync(folder);
  writeFileSync(join(folder, 'a.csv'), '\uFEFFid,source,date,text\n1,TASS,2025-03-13,"Песков: ""Кремль изучит предложение""\nвторая строка"\n2,TASS,2025-03-14,"незакрытая кавычка\n3,TASS,2025-03-14,Лавров провёл переговоры\n');
  writeFileSync(join(folder, 'b.bin'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  writeFileSync(join(folder, 'c.txt'), iconv.encode('Как заявил губернатор Курской области, обстановка остаётся сложной. Жители получат помощь.', 'win1251'));
  const mixedDb = join(dir, 'mixed.db');
  const r = runCli(['--db', mixedDb, 'ingest', folder, '--source', 'Test', '--published', '2025-03-15T12:00:00Z', '--json']);
  assert.equal(r.status, 3, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.ok(s.rejectedByReason.binary_file >= 1, JSON.stringify(s));
  const docs = JSON.parse(runCli(['--db', mixedDb, 'documents', '--json', '--limit', '50']).stdout).documents;
  const texts = docs.map((d: { text: string }) => d.text);
  assert.ok(texts.some((t: string) => t.includes('Песков: "Кремль изучит предложение"\nвторая строка')), texts.join('|'));
  assert.ok(texts.some((t: string) => t.startsWith('Как заявил губернатор Курской области')), 'cp1251 decoded');
});
