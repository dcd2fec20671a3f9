import assert from 'node:assert/strict';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { readText, splitTitle } from '../../src/ingest/readers/text.ts';
import { collect, fileInput, memInput, oks, options, rejectSummary, tempDir } from './helpers.ts';

describe('text reader', () => {
  it('reads a whole file as one document, CLI defaults filling the metadata', async () => {
    const path = join(tempDir(), 'note.txt');
    writeFileSync(path, 'Первая строка длинного текста без заголовка, которая продолжается.\nВторая строка.\n');
    const items = await collect(readText, fileInput(path), options({ defaults: { source: 'Manual', publishedAt: '2025-03-16T00:00:00Z', url: 'https://x.example/1' } }));
    assert.deepEqual(oks(items)[0].record, {
      text: 'Первая строка длинного текста без заголовка, которая продолжается.\nВторая строка.',
      source: { name: 'Manual' },
      publishedAt: '2025-03-16T00:00:00Z',
      url: 'https://x.example/1',
    });
  });

  it('takes a short first line followed by a blank line as the title (SemEval layout, BOM included)', async () => {
    const path = join(tempDir(), 'EN_UA_001.txt');
    writeFileSync(path, '\uFEFFUkraine war: what we know\r\n\r\nThe body starts here.\r\nAnd goes on.\r\n');
    const [{ record }] = oks(await collect(readText, fileInput(path)));
    assert.equal(record.title, 'Ukraine war: what we know');
    assert.equal(record.text, 'The body starts here.\r\nAnd goes on.');
    assert.equal(splitTitle('One paragraph only, no blank line.\nStill body.'), null);
  });

  for (const sidecar of ['a.meta.json', 'a.txt.meta.json']) {
    it(`merges the sidecar ${sidecar}; CLI defaults only fill what it leaves open`, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'a.txt'), 'Title line\n\nBody of the statement.');
      writeFileSync(join(dir, sidecar), JSON.stringify({ source: { name: 'Kremlin', url: 'http://en.kremlin.ru' }, publishedAt: '2022-04-05T10:00:00Z', lang: 'en', kind: 'statement', speaker: 'Putin' }));
      const [{ record }] = oks(await collect(readText, fileInput(join(dir, 'a.txt')), options({ defaults: { source: 'CLI', publishedAt: '2000-01-01', url: 'https://cli.example' } })));
      assert.deepEqual(record, {
        text: 'Body of the statement.',
        title: 'Title line',
        source: { name: 'Kremlin', url: 'http://en.kremlin.ru' },
        publishedAt: '2022-04-05T10:00:00Z',
        url: 'https://cli.example',
        lang: 'en',
        kind: 'statement',
        meta: { speaker: 'Putin' },
      });
    });
  }

  it('rejects a broken sidecar, a bad sidecar date and an empty file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'b.txt'), 'text');
    writeFileSync(join(dir, 'b.meta.json'), '{ not json');
    writeFileSync(join(dir, 'c.txt'), 'text');
    writeFileSync(join(dir, 'c.meta.json'), '{"date": "the other day"}');
    writeFileSync(join(dir, 'd.txt'), ' \n\n ');
    assert.deepEqual(rejectSummary(await collect(readText, fileInput(join(dir, 'b.txt')))), ['bad_json@undefined']);
    assert.deepEqual(rejectSummary(await collect(readText, fileInput(join(dir, 'c.txt')))), ['bad_date@undefined']);
    assert.deepEqual(rejectSummary(await collect(readText, fileInput(join(dir, 'd.txt')))), ['empty_text@undefined']);
  });

  for (const enc of ['windows-1251', 'koi8-r']) {
    it(`decodes Russian text in ${enc}`, async () => {
      const text = 'Министерство обороны России заявило об уничтожении техники в Курской области.';
      const [{ record }] = oks(await collect(readText, memInput('ru.txt', iconv.encode(text, enc))));
      assert.equal(record.text, text);
    });
  }

  it('refuses files over 20 MB as too_large', async () => {
    const path = join(tempDir(), 'big.txt');
    const fd = openSync(path, 'w');
    const mb = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < 21; i++) writeSync(fd, mb);
    closeSync(fd);
    assert.deepEqual(rejectSummary(await collect(readText, fileInput(path))), ['too_large@undefined']);
  });
});
