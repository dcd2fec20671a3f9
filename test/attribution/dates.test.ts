import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findDates } from '../../src/attribution/dates.ts';
import { splitSentences } from '../../src/text/sentences.ts';

function dates(text: string, lang: string, published = '2025-03-16T00:00:00Z'): [string, string, string][] {
  return findDates(text, splitSentences(text), lang, published).map((d) => [d.text, d.date, d.precision]);
}

test('dates: explicit, weekday, relative and month/year precision, relative to publication (2025-03-16, a Sunday)', () => {
  assert.deepEqual(dates('Putin asked on March 13 and said on Friday, since August 2024, in late 2021.', 'en'), [
    ['March 13', '2025-03-13', 'day'], ['Friday', '2025-03-14', 'day'], ['August 2024', '2024-08-01', 'month'], ['late 2021', '2021-01-01', 'year'],
  ]);
  assert.deepEqual(dates('Песков 13 марта заявил, а вчера и в пятницу повторил; накануне — тоже. С февраля 2025 года.', 'ru'), [
    ['13 марта', '2025-03-13', 'day'], ['вчера', '2025-03-15', 'day'], ['в пятницу', '2025-03-14', 'day'], ['накануне', '2025-03-15', 'day'], ['февраля 2025 года', '2025-02-01', 'month'],
  ]);
  assert.deepEqual(dates('Сибіга 13 березня заявив, напередодні — у п’ятницю. З серпня 2024 року.', 'uk'), [
    ['13 березня', '2025-03-13', 'day'], ['напередодні', '2025-03-15', 'day'], ['у п’ятницю', '2025-03-14', 'day'], ['серпня 2024 року', '2024-08-01', 'month'],
  ]);
});

test('dates: year inference picks the most recent date not after publication; chrono handles the rest', () => {
  assert.deepEqual(dates('He spoke on December 28.', 'en', '2025-01-05T10:00:00Z'), [['December 28', '2024-12-28', 'day']]);
  assert.deepEqual(dates('He spoke on Sunday.', 'en', '2025-03-16T10:00:00Z'), [['Sunday', '2025-03-16', 'day']]);
  const lastWeek = dates('Officials met last week.', 'en');
  assert.equal(lastWeek.length, 1);
  assert.ok(lastWeek[0][1] < '2025-03-16' && lastWeek[0][1] >= '2025-03-07', JSON.stringify(lastWeek));
  assert.deepEqual(dates('Trump may visit in 2030 soldiers.', 'en'), []);
});
