import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discoverNarratives, type DiscoveryClaim } from '../../src/narratives/discovery.ts';
import { createLexicalClassifier } from '../../src/narratives/lexical.ts';
import { loadTaxonomy } from '../../src/narratives/taxonomy.ts';

const day = (d: number) => new Date(Date.UTC(2024, 10, 1 + d, 12)).toISOString();

function corpus(): DiscoveryClaim[] {
  const claims: DiscoveryClaim[] = [];
  let n = 0;
  const add = (text: string, lang: string, d: number, actorId?: string) => claims.push({ id: `c${n++}`, text, lang, at: day(d), ...(actorId ? { actorId } : {}) });
  // topic A (en), growing in the last week
  const refinery = [
    'Drones attacked the oil refinery in Tuapse overnight, the regional governor said.',
    'The Tuapse oil refinery was hit by drones overnight; a fire broke out at the refinery.',
    'Governor: fire at Tuapse refinery after overnight drone attack on oil facilities.',
    'Oil refinery in Tuapse burns after drone strike, governor reports.',
    'Another drone attack on the Tuapse oil refinery caused a fire, officials said.',
    'Refinery fire in Tuapse: drones hit oil tanks overnight.',
    'Tuapse refinery halts work after drones set oil tanks on fire.',
    'Drone attack sparks fire at Tuapse oil refinery for the second time this month.',
  ];
  refinery.forEach((t, i) => add(t, 'en', i < 2 ? 10 : 20 + i, i % 2 ? 'ch1' : 'ch2'));
  // topic B (ru)
  const fair = [
    'В Москве на ВДНХ открылась новогодняя ярмарка с катком и ёлкой.',
    'Новогодняя ярмарка и каток заработали на ВДНХ в Москве.',
    'На ВДНХ открыли каток и новогоднюю ярмарку: посетителей ждут ёлка и подарки.',
    'Каток на ВДНХ и новогодняя ярмарка открылись для москвичей.',
    'Москвичей приглашают на новогоднюю ярмарку на ВДНХ, где работает каток.',
  ];
  fair.forEach((t, i) => add(t, 'ru', 15 + i, 'ch3'));
  // near-duplicates (copy-paste network)
  const base = 'BREAKING: Central bank raises the key rate to 21 percent to fight inflation, the statement says';
  for (let i = 0; i < 5; i++) add(`${base}${'!'.repeat(i)} #${i}`, 'en', 25, `bot${i}`);
  // known narrative: left out
  add('Ukrainian forces committed war crimes against civilians in Kursk region, the governor claims.', 'en', 22);
  add('Боевики ВСУ совершали военные преступления против мирных жителей Курской области.', 'ru', 23);
  // unrelated singletons
  add('A rare comet will be visible from the southern hemisphere next spring.', 'en', 5);
  add('Футбольный клуб объявил о продаже нападающего в испанский клуб.', 'ru', 6);
  add('The library extends its opening hours during exam season.', 'en', 7);
  return claims;
}

test('discovery clusters unknown claims, groups near-duplicates and describes each cluster', () => {
  const claims = corpus();
  const classifier = createLexicalClassifier(loadTaxonomy('urw'));
  const r = discoverNarratives(claims, { classifier, now: day(27), assignment: true });
  assert.equal(r.stats.known, 2);
  assert.equal(r.stats.candidates, claims.length - 2);
  const byMember = (id: string) => r.clusters.find((c) => c.claimIds.includes(id));
  const a = byMember('c0')!;
  assert.ok(a, 'refinery cluster');
  assert.ok(a.size >= 6, `refinery cluster size ${a.size}`);
  assert.ok(a.labels.en.some((w) => /refiner|tuapse/.test(w)), JSON.stringify(a.labels));
  assert.ok(/Tuapse/i.test(a.central.text));
  assert.equal(a.firstSeen, day(10));
  assert.ok(a.growth.last7 > a.growth.prev7 && a.growth.ratio > 1);
  assert.equal(a.actors, 2);
  const b = byMember('c8')!;
  assert.ok(b && b.size >= 4, 'fair cluster');
  assert.ok(b.labels.ru.some((w) => /ярмарк|каток|вднх/.test(w)), JSON.stringify(b.labels));
  assert.deepEqual(Object.keys(b.langs), ['ru']);
  const dup = byMember('c13')!;
  assert.ok(dup && dup.size === 5 && dup.nearDuplicates === 4, JSON.stringify(dup));
  // singletons stay out, and are a minority here
  assert.ok(!byMember('c20') && !byMember('c21') && !byMember('c22'));
  assert.equal(r.stats.outliers, 3);
  assert.ok(r.stats.outlierShare < 0.5);
  assert.equal(r.assignment?.c0, a.id);
  assert.ok(JSON.parse(JSON.stringify(r)).clusters.length === r.clusters.length, 'plain data');
});

test('discovery handles a few thousand claims without quadratic work', () => {
  const topics = ['refinery drone fire oil', 'ярмарка каток вднх ёлка', 'inflation central bank rate hike', 'storm snow roads traffic', 'election vote candidate polls'];
  const claims: DiscoveryClaim[] = [];
  let seed = 7;
  const r = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed / 4294967296; };
  for (let i = 0; i < 3000; i++) {
    const words = topics[i % topics.length].split(' ');
    const extra = Array.from({ length: 6 }, () => `w${Math.floor(r() * 400)}`);
    claims.push({ id: `x${i}`, text: [...words.sort(() => r() - 0.5), ...extra].join(' '), lang: i % 5 === 1 ? 'ru' : 'en', at: day(i % 30) });
  }
  const t0 = performance.now();
  const res = discoverNarratives(claims);
  assert.ok(performance.now() - t0 < 20_000);
  assert.ok(res.stats.outlierShare < 0.2, JSON.stringify(res.stats));
  assert.ok(res.clusters.length >= 5);
});
