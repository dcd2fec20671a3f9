import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { decodeBuffer, decodeStream, detectEncoding, legacyCyrillicEncoding } from '../../src/ingest/encoding.ts';
import { memInput } from './helpers.ts';

const RU = 'Президент России заявил журналистам, что переговоры с Украиной продолжатся на следующей неделе. Москва, 21 ноября. Ёлки и съезд.';
const UK = 'Збройні сили України повідомили про знищення ворожої техніки. Київ, 21 листопада. Ґанок, їжак, єдність.';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const chunk of stream) out += chunk as string;
  return out;
}

describe('encoding', () => {
  for (const enc of ['windows-1251', 'koi8-r', 'ibm866', 'iso-8859-5']) {
    it(`detects and decodes Russian in ${enc}`, async () => {
      const bytes = iconv.encode(RU, enc);
      assert.equal(detectEncoding(bytes, true), enc);
      assert.equal(decodeBuffer(bytes).text, RU);
      // Streamed in small chunks through decodeStream.
      assert.equal(await readAll(decodeStream(memInput('x.txt', bytes, 7))), RU);
    });
  }

  it('decodes Ukrainian in windows-1251 (і ї є ґ)', () => {
    assert.equal(decodeBuffer(iconv.encode(UK, 'windows-1251')).text, UK);
  });

  it('keeps UTF-8 (split multi-byte sequences across chunks) and strips a BOM', async () => {
    const bytes = Buffer.from('\uFEFF' + RU);
    assert.equal(detectEncoding(bytes), 'utf-8');
    assert.equal(await readAll(decodeStream(memInput('u.txt', bytes, 3))), RU);
  });

  it('handles UTF-16 LE and BE with BOM', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(RU, 'utf16le')]);
    assert.equal(await readAll(decodeStream(memInput('le.txt', le, 5))), RU);
    const be = iconv.encode(RU, 'utf-16be', { addBOM: true });
    assert.equal(decodeBuffer(be).text, RU);
  });

  it('does not take Western European text for Cyrillic', () => {
    const fr = iconv.encode('Le président a déclaré à la presse que les négociations continueront. Ça va être très intéressant.', 'latin1');
    assert.ok(!['windows-1251', 'koi8-r', 'ibm866', 'iso-8859-5'].includes(detectEncoding(fr, true)));
    assert.match(decodeBuffer(fr).text, /président a déclaré/);
  });

  it('honours a declared charset when the head is plain ASCII', () => {
    const html = Buffer.concat([Buffer.from('<html><head><meta charset="koi8-r"></head><body>'), iconv.encode('Привет', 'koi8-r')]);
    assert.equal(detectEncoding(html.subarray(0, 40)), 'koi8-r');
  });

  it('legacyCyrillicEncoding: only for clearly non-UTF-8 Cyrillic, not for UTF-8 with one corrupt line', () => {
    assert.equal(legacyCyrillicEncoding(iconv.encode(`{"text":"${RU}"}\n`, 'windows-1251'), true), 'windows-1251');
    const mostlyUtf8 = Buffer.concat([Buffer.from(`{"text":"${RU}"}\n{"text":"`), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]);
    assert.equal(legacyCyrillicEncoding(mostlyUtf8, true), null);
    assert.equal(legacyCyrillicEncoding(Buffer.from(`{"text":"${RU}"}`), true), null);
  });
});
