import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tokenize } from '../../src/text/tokens.ts';
import { stem } from '../../src/text/stem.ts';
import { splitSentences } from '../../src/text/sentences.ts';

test('tokenize: words, numbers, punctuation with offsets', () => {
  const text = 'U.S. President Trump’s “30-day” plan: $100,000 — «Путіна» don\'t 3.5%';
  const toks = tokenize(text);
  for (const t of toks) assert.equal(text.slice(t.start, t.end), t.text);
  assert.deepEqual(toks.map((t) => t.text), ['U.S.', 'President', 'Trump’s', '“', '30-day', '”', 'plan', ':', '$', '100,000', '—', '«', 'Путіна', '»', "don't", '3.5', '%']);
  assert.equal(toks[2].lower, "trump's");
  assert.equal(tokenize('Ёлка').at(0)?.lower, 'елка');
});

test('tokenize: offsets always index the input (property)', () => {
  fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => {
    let last = 0;
    for (const t of tokenize(s)) {
      assert.equal(s.slice(t.start, t.end), t.text);
      assert.ok(t.start >= last && t.end > t.start);
      assert.ok(!/^\s+$/.test(t.text));
      last = t.end;
    }
  }), { numRuns: 300 });
});

test('stem: en / ru / uk inflections share a stem', () => {
  assert.equal(stem('says', 'en'), stem('saying', 'en'));
  assert.equal(stem('заявил', 'ru'), stem('заявила', 'ru'));
  assert.equal(stem('заявили', 'ru'), stem('заявило', 'ru'));
  assert.equal(stem('Путина', 'ru'), stem('Путиным', 'ru'));
  assert.equal(stem('Путіна', 'uk'), stem('Путіним', 'uk'));
  assert.equal(stem('word', 'de'), 'word');
});

test('splitSentences: abbreviations, quotes, dashes, line breaks', () => {
  const text = 'U.S. President Trump said "Hi!" he said. Mr. Smith left.\n«Это провокация», — заявил Песков. Он добавил: «Всё». В 2024 г. Путин…';
  const s = splitSentences(text).map((x) => x.text);
  assert.deepEqual(s, ['U.S. President Trump said "Hi!" he said.', 'Mr. Smith left.', '«Это провокация», — заявил Песков.', 'Он добавил: «Всё».', 'В 2024 г. Путин…']);
  for (const x of splitSentences(text)) assert.equal(text.slice(x.start, x.end), x.text);
});
