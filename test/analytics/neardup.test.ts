import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearDuplicateGroups, normalizeForShingles } from '../../src/analytics/coordination.ts';
import { chooseBands } from '../../src/analytics/neardup.ts';

test('normalisation: case, ё→е, URLs, handles, punctuation and emoji removed (ru/uk/en)', () => {
  assert.equal(normalizeForShingles('Ещё РАЗ: удар «Орешником» 🔥🔥 https://t.me/rian_ru/1 @rian_ru!!'), 'еще раз удар орешником');
  assert.equal(normalizeForShingles("Україна — це Європа! Ґанок, їжак, є… www.pravda.com.ua"), 'україна це європа ґанок їжак є');
  assert.equal(normalizeForShingles("Don't   PANIC -- it's fine."), 'don t panic it s fine');
});

const base = 'Министерство обороны сообщило об уничтожении группы диверсантов в Курской области этой ночью, сообщает агентство';

test('near-duplicates across accounts within the window form one group; same-account copies and late copies do not', () => {
  const t0 = Date.parse('2024-11-21T10:00:00Z');
  const posts = [
    { id: 'p1', accountId: 'a', at: t0, text: base },
    { id: 'p2', accountId: 'b', at: t0 + 30_000, text: `${base}!!! 🔥 https://t.me/x/1` },
    { id: 'p3', accountId: 'c', at: t0 + 50_000, text: base.replace('ночью', 'ночью,').toUpperCase() },
    { id: 'p4', accountId: 'a', at: t0 + 55_000, text: base }, // same account as p1 — links only via others
    { id: 'p5', accountId: 'd', at: t0 + 3_600_000, text: base }, // outside the 10-minute window
    { id: 'p6', accountId: 'e', at: t0 + 10_000, text: 'Совершенно другой текст про погоду в Москве на выходных и пробки' },
  ];
  const res = nearDuplicateGroups(posts, { timeWindowSec: 600, threshold: 0.8 });
  assert.equal(res.groups.length, 1);
  assert.deepEqual(res.groups[0].posts, ['p1', 'p2', 'p3', 'p4']);
  assert.deepEqual(res.groups[0].accounts, ['a', 'b', 'c']);
  for (const e of res.edges) {
    assert.notEqual(e.accountA, e.accountB);
    assert.ok(e.similarity >= 0.8 && e.deltaSec >= 0 && e.deltaSec <= 600);
  }
  assert.ok(!res.edges.some((e) => (e.a === 'p1' && e.b === 'p4') || (e.a === 'p4' && e.b === 'p1')));
  const all = nearDuplicateGroups(posts, { threshold: 0.8 });
  assert.deepEqual(all.groups[0].posts, ['p1', 'p2', 'p3', 'p4', 'p5']);
});

test('estimated similarity tracks the real Jaccard index', () => {
  const words = Array.from({ length: 60 }, (_, i) => `слово${i}`);
  const a = words.join(' ');
  const b = [...words.slice(0, 50), ...Array.from({ length: 10 }, (_, i) => `другое${i}`)].join(' ');
  // 3-shingles: 58 each, 48 shared → J = 48 / 68 ≈ 0.706
  const res = nearDuplicateGroups([{ id: 'a', accountId: 'x', at: 0, text: a }, { id: 'b', accountId: 'y', at: 0, text: b }], { threshold: 0.5 });
  assert.equal(res.edges.length, 1);
  assert.ok(Math.abs(res.edges[0].similarity - 48 / 68) < 0.12, String(res.edges[0].similarity));
  assert.equal(nearDuplicateGroups([{ id: 'a', accountId: 'x', at: 0, text: a }, { id: 'b', accountId: 'y', at: 0, text: b }], { threshold: 0.9 }).edges.length, 0);
});

test('LSH banding finds pairs at the threshold with high probability', () => {
  for (const t of [0.5, 0.7, 0.8, 0.9]) {
    const { bands, rows } = chooseBands(128, t);
    assert.ok(bands * rows <= 128);
    assert.ok(1 - Math.pow(1 - Math.pow(t, rows), bands) >= 0.97);
  }
});
