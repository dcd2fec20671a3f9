/**
 * Hostile input for every reader (issue 8), property-based with fast-check: random bytes, format-shaped garbage
 * (tokens of the format in random order, invalid UTF-8, control, RTL and zero-width characters), truncated files
 * and garbage lines between good records, each split into random chunks.
 *
 * Properties:
 *  - a reader never throws, and every item keeps the Reader contract (a known reason, a message, a positive line);
 *  - chunk boundaries change nothing: the same input in random chunks gives the same items;
 *  - nothing else is lost: records before a truncation, and good records around garbage lines, are read exactly.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { READERS } from '../../src/ingest/readers/index.ts';
import { detectEncoding } from '../../src/ingest/encoding.ts';
import { FORMATS, type Format } from '../../src/ingest/types.ts';
import { SEED, assertValidItem, drain, memInput, okTexts, runs, summary } from './helpers.ts';

const NAMES: Record<Format, string> = {
  jsonl: 'x.jsonl', json: 'x.json', csv: 'x.csv', tsv: 'x.tsv', telegram: 'result.json', rss: 'feed.xml', html: 'page.html', text: 'note.txt',
};

/** Pieces of each format: valid tokens, broken ones, and characters that trouble parsers and displays. */
const NASTY: (string | number[])[] = [
  '\u0000', '\u0007', '\u001b[31m', '\r', '\r\n', '\n', '\t', '\u2028', '\u2029', '\u200b', '\u200d', '\u200e', '\u202e', '\u2066',
  '\ufeff', '\ufffd', 'Путин', 'Рutin', 'Пу\u0301тин', '🇷🇺', 'א', 'العربية', ' ', [0xff], [0xc3], [0xe2, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80],
];
const TOKENS: Record<Format, (string | number[])[]> = {
  jsonl: ['{', '}', '[', ']', ':', ',', '"', '\\', '\\u', 'd800', '"text"', '"body"', '"date"', '"id"', '"channel"', '"a b c"', '"2024-02-30"', '"1700000000"', '1e999', '-0', 'null', 'true', '"__proto__"', '{"text":"ok"}\n'],
  json: ['{', '}', '[', ']', ':', ',', '"', '\\', '"items"', '"data"', '"text"', '"title"', '"date"', '"2024-01-01T00:00:00Z"', '"x y z"', '1', '1e999', 'null', '"__proto__"', '{"text":"ok"}'],
  csv: ['text', 'date', 'id', ',', ';', '\t', '"', '""', 'a', 'b c', '2024-01-01', '\n', '\r\n', '\r', '=cmd|\' /C calc\'!A0', 'text,date\n'],
  tsv: ['text', 'id', '\t', '"', '""', 'a', '\n', '\r\n', 'text\tid\n'],
  telegram: ['{', '}', '[', ']', ':', ',', '"', '"messages"', '"chats"', '"list"', '"name"', '"type"', '"message"', '"service"', '"text"', '"text_entities"', '"date_unixtime"', '"1700000000"', '"id"', '1', '"plain"', '"photo"', '"poll"', 'null'],
  rss: ['<?xml version="1.0"?>', '<rss>', '</rss>', '<channel>', '</channel>', '<feed>', '<item>', '</item>', '<entry>', '</entry>', '<title>', '</title>', '<description>', '</description>',
    '<content type="xhtml">', '</content>', '<link href="javascript:alert(1)"/>', '<link>', '</link>', '<pubDate>', 'Mon, 01 Jan 2024 00:00:00 GMT', '</pubDate>', '<![CDATA[', ']]>', '&amp;', '&lol;', '&#0;', '&#x110000;',
    '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>', '<!ENTITY x SYSTEM "file:///etc/passwd">', '&x;', '<', '>', '&', 'text', '<p>', '<script>alert(1)</script>'],
  html: ['<!doctype html>', '<html>', '<head>', '<title>', '</title>', '<body>', '</body>', '<article>', '</article>', '<p>', '</p>', '<div>', '<br>', '<script>', '</script>', '<style>', '</style>',
    '<svg><text>', '</text></svg>', '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" onerror="alert(1)">', '<a href="javascript:alert(1)">', '</a>', '<meta property="article:published_time" content="', '">',
    '<link rel="canonical" href="', '<script type="application/ld+json">{"datePublished":', '&nbsp;', '&amp;', '&#x202e;', 'Text of the page.', '<template>', '<iframe srcdoc="<p>x</p>">', '<!--', '-->', '<![CDATA[', '<'],
  text: ['Title', '\n\n', 'Body text.', ' ', '\n', '\r\n', '«', '»', '—'],
};

function bytes(parts: (string | number[])[]): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
}

/** Random cut points inside a buffer of length n. */
const cutsArb = fc.array(fc.nat(), { maxLength: 12 });
const cutsFor = (cuts: number[], n: number) => cuts.map((c) => (n > 1 ? 1 + (c % (n - 1)) : 0));

/** Shaped garbage for a format: its tokens and nasty characters in random order. */
function shaped(format: Format): fc.Arbitrary<Buffer> {
  return fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...TOKENS[format]) }, { weight: 1, arbitrary: fc.constantFrom(...NASTY) }),
    { maxLength: 60 }).map(bytes);
}

async function checkReader(format: Format, input: Buffer, cuts: number[]): Promise<void> {
  const whole = await drain(READERS[format], memInput(NAMES[format], input));
  assert.equal(whole.thrown, undefined, `${format} threw ${whole.thrown?.stack} on ${JSON.stringify(input.toString('latin1'))}`);
  whole.items.forEach((item, i) => assertValidItem(item, `${format} item ${i}`));
  const chunked = await drain(READERS[format], memInput(NAMES[format], input, cutsFor(cuts, input.length)));
  assert.equal(chunked.thrown, undefined, `${format} threw in chunks: ${chunked.thrown?.message}`);
  assert.deepEqual(chunked.items, whole.items, `${format}: chunk boundaries changed the output for ${JSON.stringify(input.toString('latin1'))}`);
}

describe('every reader on hostile bytes', () => {
  for (const format of FORMATS) {
    it(`${format}: random bytes — no throw, valid items, chunking changes nothing`, async () => {
      await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), cutsArb, async (arr, cuts) => {
        await checkReader(format, Buffer.from(arr), cuts);
      }), { numRuns: runs(200, 3000), seed: SEED });
    });
    it(`${format}: format-shaped garbage (tokens, invalid UTF-8, control/RTL/zero-width) — no throw, valid items, chunking changes nothing`, async () => {
      await fc.assert(fc.asyncProperty(shaped(format), cutsArb, async (buf, cuts) => {
        await checkReader(format, buf, cuts);
      }), { numRuns: runs(400, 6000), seed: SEED });
    });
  }
  // Found here, fixed by the lead: linkedom gave no documentElement and `doc.title` threw a TypeError out of the reader.
  it('html: a page without any element (empty, plain text, comment, doctype) is a clear rejection, not a throw', async () => {
    for (const page of ['', ' ', 'Plain text saved as .html.', '<!-- comment -->', '<!doctype html>']) {
      const { items, thrown } = await drain(READERS.html, memInput('page.html', page));
      assert.equal(thrown, undefined, `${JSON.stringify(page)}: ${thrown?.message}`);
      assert.equal(items.length, 1);
    }
  });

  // Found here, fixed (B12): linkedom makes the first element of a fragment the root and an empty <body> beside the
  // text, so these were rejected as empty_text and the text lost.
  it('html: a fragment without <html>/<body> keeps its text (and <html lang>, <head> metadata)', async () => {
    for (const page of ['<p>Putin said that the talks had failed.</p>', '<body><p>Putin said that the talks had failed.</p></body>',
      '<div>Putin said that the talks had failed.</div>', '<!doctype html><p>Putin said that the talks had failed.</p>',
      '<html><p>Putin said that the talks had failed.</p></html>']) {
      const { items } = await drain(READERS.html, memInput('page.html', page));
      assert.deepEqual(okTexts(items), ['Putin said that the talks had failed.'], page);
    }
    const { items } = await drain(READERS.html, memInput('page.html', '<html lang="uk"><head><title>Заява</title></head><p>Путін заявив, що переговори провалилися.</p></html>'));
    assert.deepEqual(items.map((i) => i.ok && { text: i.record.text, title: i.record.title, lang: i.record.lang }),
      [{ text: 'Путін заявив, що переговори провалилися.', title: 'Заява', lang: 'uk' }]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Truncated files: every record that ends before the cut is read exactly.

/** Text a record may carry: any Unicode (valid code points), at least one visible character. */
const anyText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }).filter((s) => s.trim().length > 0);
/** Plain words, for formats that normalise spacing and markup (RSS). */
const wordText = fc.array(fc.constantFrom('Путин', 'заявил', 'Зеленський', 'said', 'talks', 'мир', 'ISW', '«цитата»', '2024', 'і', 'ґ'), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));

interface Serialized { bytes: Buffer; ends: number[]; texts: string[] }

function join(parts: string[], texts: string[], head: string, tail: string): Serialized {
  const ends: number[] = [];
  let size = Buffer.byteLength(head);
  for (const p of parts) {
    size += Buffer.byteLength(p);
    ends.push(size);
  }
  return { bytes: Buffer.from(head + parts.join('') + tail), ends, texts };
}

function csvField(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

const SERIALIZERS: Partial<Record<Format, (texts: string[]) => Serialized>> = {
  jsonl: (texts) => join(texts.map((t, i) => `${JSON.stringify({ id: i, channel: 'c', text: t })}\n`), texts, '', ''),
  json: (texts) => join(texts.map((t, i) => `${i ? ',' : ''}${JSON.stringify({ id: i, channel: 'c', text: t })}`), texts, '[', ']'),
  csv: (texts) => join(texts.map((t, i) => `${i},c,${csvField(t)}\r\n`), texts, 'id,channel,text\r\n', ''),
  telegram: (texts) => join(texts.map((t, i) => `${i ? ',' : ''}${JSON.stringify({ id: i, type: 'message', date_unixtime: '1700000000', text: t })}`), texts,
    '{"name":"Chan","type":"public_channel","id":1234567890,"messages":[', ']}'),
  rss: (texts) => join(texts.map((t, i) => `<item><guid>g${i}</guid><description>${t.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</description></item>\n`), texts,
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Feed</title>\n', '</channel></rss>\n'),
};

describe('truncated files keep every record before the cut', () => {
  // Found by the long run (seed 424242), fixed: a UTF-8 file of at most 64 KB (the whole file is the encoding
  // sample) cut inside its last character was decoded as windows-1257 (chardet) — every record mojibake.
  it('a small UTF-8 file cut inside its last character is still read as UTF-8, one U+FFFD at the end', async () => {
    const cutInside = (s: string) => Buffer.from(s).subarray(0, Buffer.byteLength(s) - 2); // "𐀀" is 4 bytes
    const json = await drain(READERS.json, memInput('x.json', cutInside('[{"text":"Привет, мир"},{"text":"¡Hola 𐀀"}]')));
    assert.deepEqual(okTexts(json.items), ['Привет, мир']);
    const csv = await drain(READERS.csv, memInput('x.csv', cutInside('id,text\n1,Привет мир\n2,Слава 𐀀')));
    assert.deepEqual(okTexts(csv.items), ['Привет мир', 'Слава \ufffd']);
    const text = await drain(READERS.text, memInput('x.txt', cutInside('Путин заявил, что переговоры провалились 𐀀')));
    assert.deepEqual(okTexts(text.items), ['Путин заявил, что переговоры провалились \ufffd']);
  });

  it('a whole file whose only non-ASCII byte is its last is not taken for cut UTF-8 (code-page guess kept)', () => {
    // "abc" + windows-1251 "Я" (0xdf, a UTF-8 lead byte): no UTF-8 evidence, so not decoded as "abc\ufffd".
    assert.notEqual(detectEncoding(Buffer.from([0x61, 0x62, 0x63, 0xdf]), true), 'utf-8');
  });

  for (const [format, serialize] of Object.entries(SERIALIZERS) as [Format, (t: string[]) => Serialized][]) {
    it(`${format}: cut at a random byte, in random chunks`, async () => {
      const texts = format === 'rss' ? wordText : format === 'csv' ? anyText.map((s) => s.replace(/\r/g, '')).filter((s) => s.trim().length > 0) : anyText;
      await fc.assert(fc.asyncProperty(fc.array(texts, { minLength: 1, maxLength: 20 }), fc.double({ min: 0, max: 1, noNaN: true }), cutsArb, async (recs, at, cuts) => {
        const s = serialize(recs);
        const cut = Math.floor(at * s.bytes.length);
        const buf = s.bytes.subarray(0, cut);
        const { items, thrown } = await drain(READERS[format], memInput(NAMES[format], buf, cutsFor(cuts, buf.length)));
        assert.equal(thrown, undefined, `${format} threw ${thrown?.message}`);
        items.forEach((item, i) => assertValidItem(item, `${format} item ${i}`));
        const complete = s.ends.filter((end) => end <= cut).length;
        const got = okTexts(items);
        assert.deepEqual(got.slice(0, complete), s.texts.slice(0, complete), `${format}: the ${complete} records before byte ${cut} of ${s.bytes.length} are read exactly (${summary(items).join(' ')})`);
      }), { numRuns: runs(200, 3000), seed: SEED });
    });
  }
});

// ---------------------------------------------------------------------------------------------------------------
// Garbage lines between good records: every good record is read, each bad line costs one rejection on its line.

describe('good records around bad ones are all read', () => {
  const garbageLine = fc.array(fc.oneof(fc.constantFrom('{', '}', '"', ':', ',', '[', 'text', '\\', '\u0000', '\u202e', '\t', ' ', 'Путин'), fc.constantFrom(...NASTY.filter((n) => n !== '\n' && n !== '\r\n' && n !== '\r'))),
    { minLength: 1, maxLength: 20 }).map(bytes);

  it('jsonl: random garbage lines (invalid JSON or UTF-8, control characters) in between', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(anyText.map((t) => ({ t })), garbageLine.map((g) => ({ g }))), { minLength: 1, maxLength: 30 }), cutsArb, async (lines, cuts) => {
      const parts: Buffer[] = [];
      const good: string[] = [];
      const bad: number[] = [];
      lines.forEach((l, i) => {
        if ('t' in l) {
          good.push(l.t);
          parts.push(Buffer.from(`${JSON.stringify({ id: i, text: l.t })}\n`));
        } else {
          // A garbage line that happens to be a valid record with text is not garbage: skip it in the expectation.
          parts.push(Buffer.concat([l.g, Buffer.from('\n')]));
          bad.push(i + 1);
        }
      });
      const buf = Buffer.concat(parts);
      const { items, thrown } = await drain(READERS.jsonl, memInput('x.jsonl', buf, cutsFor(cuts, buf.length)));
      assert.equal(thrown, undefined);
      const oks = items.flatMap((it) => (it.ok ? [it] : []));
      assert.deepEqual(oks.filter((it) => !bad.includes(it.line!)).map((it) => it.record.text), good, 'every good line is read');
      for (const it of items) if (!it.ok) assert.ok(bad.includes(it.line!), `rejection on line ${it.line} is a garbage line`);
    }), { numRuns: runs(400, 6000), seed: SEED });
  });

  it('csv: rows with wrong field counts, stray delimiters and an unclosed quote in between', async () => {
    const plain = fc.array(fc.constantFrom('Путин', 'заявил', 'said', 'ISW', 'мир', 'x'), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
    const garbage = fc.oneof(
      fc.array(fc.constantFrom(',', ';', 'a', ' ', '\t', '\u0000', '\u202e', 'Путин'), { minLength: 1, maxLength: 12 }).map((p) => p.join('')),
      fc.constantFrom('"unclosed, quote', 'a,"b', 'x,y,"z'),
    );
    await fc.assert(fc.asyncProperty(fc.array(fc.oneof(plain.map((t) => ({ t })), garbage.map((g) => ({ g }))), { minLength: 1, maxLength: 30 }), cutsArb, async (rows, cuts) => {
      const lines = ['id,text'];
      const good: { line: number; text: string }[] = [];
      rows.forEach((r, i) => {
        if ('t' in r) {
          good.push({ line: lines.length + 1, text: r.t });
          lines.push(`${i},${r.t}`);
        } else lines.push(r.g);
      });
      const buf = Buffer.from(`${lines.join('\n')}\n`);
      const { items, thrown } = await drain(READERS.csv, memInput('x.csv', buf, cutsFor(cuts, buf.length)));
      assert.equal(thrown, undefined);
      items.forEach((item, i) => assertValidItem(item, `csv item ${i}`));
      const byLine = new Map(items.flatMap((it) => (it.ok ? [[it.line!, it.record.text] as const] : [])));
      for (const g of good) assert.equal(byLine.get(g.line), g.text, `good row on line ${g.line} is read (${summary(items).join(' ')})`);
    }), { numRuns: runs(400, 6000), seed: SEED });
  });
});
