import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  bucketIndex, bucketize, bucketStartMs, shareOfVoice, timeZoneOffsetMs, TimelineAccumulator, type TimelineOptions,
} from '../../src/analytics/timeline.ts';
import type { Mention } from '../../src/model/narrative.ts';

const m = (at: string, actorType: Mention['actorType'], stance: Mention['stance'] = 'asserts', actorId = 'x'): Mention => ({
  narrativeId: 'n1', documentId: `d-${at}-${actorId}`, actorId, actorName: actorId, actorType, stance, at, score: 1,
});

test('day buckets in UTC, grouped by actor type, dense with zero days', () => {
  const tl = bucketize([
    m('2024-11-21T10:00:00Z', 'state_media'), m('2024-11-21T23:59:59Z', 'state_media'),
    m('2024-11-23T00:00:00Z', 'milblogger'),
  ], { bucket: 'day', key: 'actorType' });
  assert.deepEqual(tl.labels, ['2024-11-21', '2024-11-22', '2024-11-23']);
  assert.deepEqual(tl.starts, ['2024-11-21T00:00:00.000Z', '2024-11-22T00:00:00.000Z', '2024-11-23T00:00:00.000Z']);
  assert.deepEqual(tl.series.state_media, [2, 0, 0]);
  assert.deepEqual(tl.series.milblogger, [0, 0, 1]);
  assert.deepEqual(tl.total, [2, 0, 1]);
  assert.deepEqual(tl.keys, ['state_media', 'milblogger']);
});

test('display time zone moves day boundaries (Europe/Moscow is UTC+3)', () => {
  const items = [m('2024-11-21T22:30:00Z', 'state_media')]; // 01:30 on the 22nd in Moscow
  assert.deepEqual(bucketize(items).labels, ['2024-11-21']);
  const msk = bucketize(items, { timeZone: 'Europe/Moscow' });
  assert.deepEqual(msk.labels, ['2024-11-22']);
  assert.deepEqual(msk.starts, ['2024-11-21T21:00:00.000Z']);
  assert.equal(timeZoneOffsetMs('Europe/Moscow', Date.parse('2024-11-21T22:30:00Z')), 3 * 3_600_000);
  assert.throws(() => bucketize(items, { timeZone: 'Mars/Olympus' }), /unknown time zone/);
});

test('DST: Europe/Kyiv offsets change, local midnights stay the boundaries', () => {
  // Kyiv: UTC+3 in summer, UTC+2 from 2024-10-27 03:00 local.
  assert.equal(timeZoneOffsetMs('Europe/Kyiv', Date.parse('2024-10-26T12:00:00Z')), 3 * 3_600_000);
  assert.equal(timeZoneOffsetMs('Europe/Kyiv', Date.parse('2024-10-28T12:00:00Z')), 2 * 3_600_000);
  const idx = bucketIndex(Date.parse('2024-10-28T12:00:00Z'), 'day', 'Europe/Kyiv');
  assert.equal(new Date(bucketStartMs(idx, 'day', 'Europe/Kyiv')).toISOString(), '2024-10-27T22:00:00.000Z');
  assert.equal(new Date(bucketStartMs(idx - 2, 'day', 'Europe/Kyiv')).toISOString(), '2024-10-25T21:00:00.000Z');
});

test('weeks start on Monday; hour buckets', () => {
  const tl = bucketize([m('2024-11-24T23:00:00Z', 'state_media'), m('2024-11-25T00:00:00Z', 'state_media')], { bucket: 'week' });
  assert.deepEqual(tl.labels, ['2024-11-18', '2024-11-25']); // 24 Nov 2024 was a Sunday
  assert.deepEqual(tl.series.all, [1, 1]);
  const hours = bucketize([m('2024-11-21T10:05:00Z', 'state_media'), m('2024-11-21T12:59:00Z', 'state_media')], { bucket: 'hour', timeZone: 'Asia/Kathmandu' });
  assert.deepEqual(hours.labels, ['2024-11-21T15:00', '2024-11-21T16:00', '2024-11-21T17:00', '2024-11-21T18:00']); // UTC+5:45
  assert.deepEqual(hours.total, [1, 0, 0, 1]);
});

test('share of voice by stance', () => {
  const tl = bucketize([
    m('2024-11-21T10:00:00Z', 'state_media', 'asserts'), m('2024-11-21T11:00:00Z', 'state_media', 'asserts'),
    m('2024-11-21T12:00:00Z', 'fact_checker', 'refutes'), m('2024-11-22T12:00:00Z', 'fact_checker', 'refutes'),
  ], { key: 'stance' });
  const sov = shareOfVoice(tl);
  assert.deepEqual(sov.overall, [{ key: 'asserts', count: 2, share: 0.5 }, { key: 'refutes', count: 2, share: 0.5 }]);
  assert.deepEqual(sov.perBucket.asserts, [2 / 3, 0]);
  assert.deepEqual(sov.perBucket.refutes, [1 / 3, 1]);
});

test('keys: actor, language, source and custom functions', () => {
  const docs = [
    { at: '2024-01-01T00:00:00Z', lang: 'ru', source: { name: 'RIA' } },
    { at: '2024-01-01T01:00:00Z', lang: 'uk', source: { name: 'Ukrinform' } },
    { at: '2024-01-01T02:00:00Z' },
  ];
  assert.deepEqual(bucketize(docs, { key: 'language' }).keys.sort(), ['ru', 'uk', 'unknown']);
  assert.deepEqual(bucketize(docs, { key: 'source' }).keys.sort(), ['RIA', 'Ukrinform', 'unknown']);
  assert.deepEqual(bucketize(docs, { key: (d) => (d.lang ? 'tagged' : null) }).series, { tagged: [2], unknown: [1] });
});

test('property: incremental add() equals one-shot bucketing', () => {
  const arb = fc.array(fc.record({
    t: fc.integer({ min: Date.parse('2024-01-01'), max: Date.parse('2024-03-01') }),
    k: fc.constantFrom('a', 'b', 'c'),
  }), { maxLength: 60 });
  fc.assert(fc.property(arb, fc.integer({ min: 0, max: 60 }), fc.constantFrom('hour', 'day', 'week'), fc.constantFrom('UTC', 'Europe/Kyiv', 'America/New_York'),
    (items, cut, bucket, timeZone) => {
      const opts: TimelineOptions<{ t: number; k: string }> = { bucket, timeZone, key: (x) => x.k, time: (x) => x.t };
      const acc = new TimelineAccumulator(opts);
      acc.add(items.slice(0, cut));
      acc.add(items.slice(cut));
      assert.deepEqual(acc.toTimeline(), bucketize(items, opts));
      const tl = acc.toTimeline();
      assert.equal(tl.total.reduce((a, b) => a + b, 0), items.length);
    }), { numRuns: 150, seed: 3 });
});
