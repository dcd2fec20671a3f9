import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFormat } from '../../src/ingest/detect.ts';
import { READERS } from '../../src/ingest/readers/index.ts';
import { FORMATS, type InputSource } from '../../src/ingest/types.ts';
import { memInput } from './helpers.ts';

const detect = (name: string, head: string | Buffer, contentType?: string, forced?: (typeof FORMATS)[number]) => {
  const input: InputSource = memInput(name, head, 0, contentType);
  return detectFormat(input, typeof head === 'string' ? Buffer.from(head) : head, forced);
};

const TG_CHANNEL = '{\n "name": "Канал",\n "type": "public_channel",\n "id": 1101170442,\n "messages": [\n  {\n   "id": 1,\n   "type": "message",\n   "date": "2024-11-21T10:00:00",\n   "date_unixtime": "1732172400",';
const TG_ACCOUNT = '{\n "about": "Here is the data you requested.",\n "personal_information": {},\n "chats": {\n  "about": "",\n  "list": [';
const CORPUS_JSON = '[\n    {\n        "message_id": 271643,\n        "sender_id": -1001101170442,\n        "text": "Вопрос",\n        "date": "2024-12-04T08:55:19+00:00",';

describe('detectFormat', () => {
  it('goes by extension', () => {
    const cases: [string, string, string][] = [
      ['a.jsonl', '{"text":"x"}\n', 'jsonl'], ['a.ndjson', '{"text":"x"}\n', 'jsonl'], ['a.json', '[{"text":"x"}]', 'json'],
      ['a.csv', 'a,b\n1,2\n', 'csv'], ['a.tsv', 'a\tb\n', 'tsv'], ['feed.xml', '<rss>', 'rss'], ['f.rss', '<rss>', 'rss'], ['f.atom', '<feed>', 'rss'],
      ['p.html', '<html>', 'html'], ['p.HTM', '<html>', 'html'], ['n.txt', 'hello', 'text'], ['n.md', '# hi', 'text'],
    ];
    for (const [name, head, want] of cases) assert.equal(detect(name, head), want, name);
  });

  it('tells a Telegram export from a plain JSON array', () => {
    assert.equal(detect('result.json', TG_CHANNEL), 'telegram');
    assert.equal(detect('result.json', TG_ACCOUNT), 'telegram');
    // A long contact list can push "chats" past the head.
    assert.equal(detect('result.json', '{\n "about": "Here is the data you requested.",\n "personal_information": {"user_id": 1},\n "contacts": {"list": ['), 'telegram');
    assert.equal(detect('1001101170442_messages.json', CORPUS_JSON), 'json');
    assert.equal(detect('wrapped.json', '{"messages": [{"text": "a", "date": "2024-01-01"}]}'), 'json');
  });

  it('recognises JSON Lines saved as .json', () => {
    assert.equal(detect('lines.json', '{"text":"a"}\n{"text":"b"}\n'), 'jsonl');
  });

  it('uses the content type for URLs without a telling extension', () => {
    assert.equal(detect('https://x.example/feed', '<?xml version="1.0"?><rss>', 'application/rss+xml; charset=utf-8'), 'rss');
    assert.equal(detect('https://x.example/api', '[{"text":"a"}]', 'application/json'), 'json');
    assert.equal(detect('https://x.example/news/1', '<!doctype html><html>', 'text/html'), 'html');
    assert.equal(detect('https://x.example/export?format=csv', 'a,b\n1,2\n', 'text/csv'), 'csv');
    assert.equal(detect('https://x.example/data.jsonl?x=1', '{"a":1}\n', 'text/plain'), 'jsonl');
  });

  it('sniffs stdin and unknown extensions', () => {
    assert.equal(detect('-', '  [{"text":"x"}]'), 'json');
    assert.equal(detect('-', '{"text":"a"}\n{"text":"b"}'), 'jsonl');
    assert.equal(detect('-', TG_CHANNEL), 'telegram');
    assert.equal(detect('-', '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'), 'rss');
    assert.equal(detect('-', '<!DOCTYPE html>\n<html lang="en">'), 'html');
    assert.equal(detect('-', 'id,text,date\n1,hello,2024-01-01\n2,world,2024-01-02\n'), 'csv');
    assert.equal(detect('-', 'id\ttext\n1\thello\n2\tworld\n'), 'tsv');
    assert.equal(detect('-', 'Just some prose, with a comma.\nAnd another line, also with one.\n'), 'text');
    assert.equal(detect('-', '[link](http://x) is markdown'), 'text');
  });

  it('refuses binary files, even with a forced format', () => {
    const heads: [string, Buffer][] = [
      ['doc.pdf', Buffer.from('%PDF-1.7\n%âãÏÓ\n')],
      ['a.zip', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0])],
      ['img.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
      ['img.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
      ['data.jsonl.gz', Buffer.from([0x1f, 0x8b, 0x08, 0])],
      ['renamed.txt', Buffer.from('text\0with\0nuls')],
      ['ctrl.csv', Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 ? 0x41 : 0x01)))],
    ];
    for (const [name, head] of heads) {
      const r = detect(name, head);
      assert.ok(typeof r === 'object' && r.error === 'binary_file', name);
    }
    const forced = detect('x.pdf', Buffer.from('%PDF-1.4'), undefined, 'text');
    assert.ok(typeof forced === 'object' && forced.error === 'binary_file');
    // UTF-16 with BOM has NUL bytes but is text.
    assert.equal(detect('u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hello', 'utf16le')])), 'text');
  });

  it('honours a forced format', () => {
    assert.equal(detect('weird.dat', 'a;b\n', undefined, 'csv'), 'csv');
  });

  it('has a reader for every format', () => {
    for (const f of FORMATS) assert.equal(typeof READERS[f], 'function', f);
  });
});
