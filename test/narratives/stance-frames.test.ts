/**
 * Stance of analysts and outlets that mention a narrative as somebody else's allegation ("the Kremlin's allegations
 * of war crimes are unsubstantiated", "так звані «воєнні злочини»"): their mentions refute it, while the people
 * whose claims are reported keep asserting it. Runs the real attribution stage and the urw cues.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Document, Mention, Stance } from '../../src/model/index.ts';
import { extractAttributions } from '../../src/attribution/index.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import { createNarrativeClassifier, mentionsFor } from '../../src/narratives/index.ts';
import { frameOf } from '../../src/narratives/framing.ts';
import { readDocuments } from '../../src/pipeline/read.ts';
import { fileSource, readHead } from '../../src/pipeline/inputs.ts';

const MISSION = 'urw-kursk-war-crimes';
const registry = actorRegistry();
const classifier = createNarrativeClassifier();

function doc(text: string, lang: string, source: string): Document {
  const actorId = registry.get(source) ? source : undefined;
  return {
    id: 'd1', source: { name: source, ...(actorId ? { actorId } : {}) }, publishedAt: '2025-03-16T09:00:00.000Z', lang, text,
    kind: 'article', meta: {}, ingest: { format: 'text', at: '2025-03-16T10:00:00.000Z' },
  };
}

function mentionsOf(d: Document): Mention[] {
  const at = extractAttributions(d, { registry });
  return mentionsFor(d, at.attributions, { classifier, assessments: at.assessments, actors: registry }).mentions
    .filter((m) => m.narrativeId === MISSION);
}

const stanceOf = (ms: Mention[], actorId: string): Stance[] => [...new Set(ms.filter((m) => m.actorId === actorId).map((m) => m.stance))];

// [text, lang, publisher, actor, expected stance of that actor's mentions]
const CASES: Array<[string, string, string, string, Stance]> = [
  // analysts and outlets mentioning the claim as an allegation refute it ...
  ["ISW assessed that the Kremlin's allegations of war crimes by Ukrainian troops in Kursk region are unsubstantiated.", 'en', 'ukrinform', 'isw', 'refutes'],
  ['The Kyiv Independent reported that Russian claims of Ukrainian crimes against civilians in Kursk Oblast are fake.', 'en', 'kyiv-independent', 'kyiv-independent', 'refutes'],
  ['Russian claims of Ukrainian war crimes in Kursk region are unsubstantiated, ISW said.', 'en', 'ukrinform', 'isw', 'refutes'],
  ['Russian claims of Ukrainian war crimes in Kursk region are unsubstantiated, ISW said.', 'en', 'ukrinform', 'ukrinform', 'refutes'],
  ['В ISW отметили, что обвинения Кремля в военных преступлениях ВСУ в Курской области не подкреплены доказательствами.', 'ru', 'ukrinform', 'isw', 'refutes'],
  ['В ISW зазначили, що звинувачення Кремля у воєнних злочинах ЗСУ на Курщині є безпідставними.', 'uk', 'ukrinform', 'isw', 'refutes'],
  // ... and the outlet relaying that refutation refutes too (not "unknown")
  ['В ISW зазначили, що звинувачення Кремля у воєнних злочинах ЗСУ на Курщині є безпідставними.', 'uk', 'ukrinform', 'ukrinform', 'refutes'],
  ['Центр протидії дезінформації заявив, що так звані «воєнні злочини» ЗСУ на Курщині — фейк російської пропаганди.', 'uk', 'ukrinform', 'ccd', 'refutes'],
  // ... while the people whose claims are reported assert them, whatever words the reporter wraps them in
  ['Putin claimed that Ukrainian forces had allegedly committed war crimes against civilians in Kursk region.', 'en', 'ukrinform', 'putin', 'asserts'],
  ['Хинштейн заявил, что украинские боевики совершали военные преступления против мирных жителей Курской области.', 'ru', 'ria-novosti', 'khinshtein', 'asserts'],
  ['Путин заявил о «преступлениях» ВСУ против мирных жителей Курской области — без доказательств.', 'ru', 'ukrinform', 'putin', 'asserts'],
  ['Путін повторив безпідставні твердження про «тероризм» ЗСУ в Курській області.', 'uk', 'ukrinform', 'putin', 'asserts'],
  ['Хінштейн заявив, що ЗСУ нібито чинили воєнні злочини проти мирних жителів на Курщині.', 'uk', 'ukrinform', 'khinshtein', 'asserts'],
  ['Захарова заявила, что так называемые «добровольцы» ВСУ расстреливали мирных жителей в Курской области.', 'ru', 'ria-novosti', 'zakharova', 'asserts'],
  ['Khinshtein accused Ukrainian forces of war crimes against civilians in Kursk region.', 'en', 'tass', 'khinshtein', 'asserts'],
];

for (const [text, lang, publisher, actor, expected] of CASES) {
  test(`${lang} ${actor} ${expected}: ${text.slice(0, 70)}`, () => {
    const ms = mentionsOf(doc(text, lang, publisher));
    assert.deepEqual(stanceOf(ms, actor), [expected], JSON.stringify(ms));
  });
}

test('the Ukrainian publisher of an unframed debunking sentence refutes in its own voice', () => {
  const ms = mentionsOf(doc('Російські пропагандисти поширюють звинувачення ЗСУ у злочинах проти мирних жителів Курської області.', 'uk', 'suspilne'));
  assert.deepEqual(stanceOf(ms, 'suspilne'), ['refutes']);
});

test('frameOf: frames, verdicts and hedges, with their exceptions', () => {
  const f = (text: string, lang: string, ev: string, opts = {}) => {
    const s = text.indexOf(ev);
    return frameOf(text, lang, { start: 0, end: text.length }, { start: s, end: s + ev.length }, opts);
  };
  assert.equal(f("the Kremlin's allegations of war crimes in Kursk", 'en', 'war crimes'), 'frame');
  assert.equal(f('так звані «воєнні злочини» ЗСУ', 'uk', 'воєнні злочини'), 'frame');
  assert.equal(f('ВСУ совершали военные преступления, но это фейк', 'ru', 'военные преступления'), 'verdict');
  assert.equal(f('Ukrainian troops committed war crimes in Kursk', 'en', 'war crimes'), null);
  // a reporting verb is not a frame; "so-called" only governs the next word
  assert.equal(f('Khinshtein accused Ukrainian forces of war crimes', 'en', 'war crimes'), null);
  assert.equal(f('так называемые «добровольцы» ВСУ расстреливали мирных жителей', 'ru', 'расстреливали мирных жителей'), null);
  // hedges count only when asked for; scare quotes are short and lower-case, names in quotes are not
  assert.equal(f('ЗСУ нібито чинили воєнні злочини', 'uk', 'воєнні злочини'), null);
  assert.equal(f('ЗСУ нібито чинили воєнні злочини', 'uk', 'воєнні злочини', { hedges: true }), 'hedge');
  assert.equal(f('Ukrainian “war crimes” in Kursk', 'en', 'war crimes', { hedges: true }), 'hedge');
  assert.equal(f('канал «Курский рубеж» пишет о терроризме ВСУ', 'ru', 'Курский рубеж', { hedges: true }), null);
  // the speaker's own claim, named right after the reporting verb, is not distanced by the reporter's adjective
  assert.equal(f('unsubstantiated claims about Ukrainian crimes in Kursk', 'en', 'crimes in Kursk', { nominal: true }), null);
  assert.equal(f('unsubstantiated claims about Ukrainian crimes in Kursk', 'en', 'crimes in Kursk'), 'verdict');
  assert.equal(f('Russian claims of Ukrainian crimes in Kursk are fake', 'en', 'crimes in Kursk', { nominal: true }), 'verdict');
});

test('seed through the attribution stage: Putin and Khinshtein assert; ISW and Ukrinform only refute', (t) => {
  const seed = '../shared/seed/ukrinform-isw-kursk.txt';
  if (!existsSync(seed)) { t.skip(`${seed} is not here`); return; }
  const ms = mentionsOf(doc(readFileSync(seed, 'utf8'), 'en', 'ukrinform'));
  assert.ok(stanceOf(ms, 'putin').includes('asserts'), JSON.stringify(ms));
  assert.deepEqual(stanceOf(ms, 'khinshtein'), ['asserts']);
  assert.deepEqual(stanceOf(ms, 'isw'), ['refutes']);
  assert.deepEqual(stanceOf(ms, 'ukrinform'), ['refutes']);
  // ISW is the speaker of several statements carrying the narrative ("the narrative accusing …", "claims that …")
  assert.ok(ms.filter((m) => m.actorId === 'isw').length >= 4);
});

test('demo corpus: no Ukrainian or Western actor asserts or relays the mission narrative', async () => {
  const dir = 'examples/demo';
  const files = [join(dir, 'rss/isw-updates.atom'), join(dir, 'rss/ukrinform.xml'), join(dir, 'csv/ua-media.tsv'),
    ...readdirSync(join(dir, 'text')).filter((f) => f.endsWith('.txt')).map((f) => join(dir, 'text', f))].filter(existsSync);
  const by = new Map<string, number>();
  const wrong: string[] = [];
  for (const f of files) {
    for await (const r of readDocuments(fileSource(f), await readHead(f), { registry })) {
      if (!('doc' in r)) continue;
      for (const m of mentionsOf(r.doc)) {
        const alignment = m.actorId ? registry.get(m.actorId)?.alignment : undefined;
        by.set(`${m.actorId}:${m.stance}`, (by.get(`${m.actorId}:${m.stance}`) ?? 0) + 1);
        if ((alignment === 'ukrainian' || alignment === 'western') && (m.stance === 'asserts' || m.stance === 'relays')) wrong.push(`${m.actorId} ${m.stance} ${r.doc.text.slice(0, 120)}`);
      }
    }
  }
  assert.deepEqual(wrong, []);
  assert.ok((by.get('isw:refutes') ?? 0) >= 6 && (by.get('ukrinform:refutes') ?? 0) >= 10, JSON.stringify([...by]));
  assert.ok((by.get('putin:asserts') ?? 0) >= 5, JSON.stringify([...by]));
});
