import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import type { Attribution, Assessment, Document } from '../../src/model/index.ts';
import { loadTaxonomy } from '../../src/narratives/taxonomy.ts';
import { createLexicalClassifier } from '../../src/narratives/lexical.ts';
import { mentionsFor } from '../../src/narratives/mentions.ts';

const SEED_PATH = new URL('../../../shared/seed/ukrinform-isw-kursk.txt', import.meta.url).pathname;
const SEED = existsSync(SEED_PATH) ? readFileSync(SEED_PATH, 'utf8') : '';
const NEEDS_SEED = { skip: SEED ? false : `seed article absent: ${SEED_PATH}` };
const classifier = createLexicalClassifier(loadTaxonomy('urw'));
const MISSION = 'urw-kursk-war-crimes';

const actors = new Map<string, { type: any; alignment: string }>([
  ['ukrinform', { type: 'state_media', alignment: 'ukrainian' }],
  ['isw', { type: 'think_tank', alignment: 'western' }],
  ['putin', { type: 'head_of_state', alignment: 'pro_kremlin' }],
  ['khinshtein', { type: 'regional_official', alignment: 'pro_kremlin' }],
  ['ria-novosti', { type: 'state_media', alignment: 'pro_kremlin' }],
]);

function doc(text: string, source: { name: string; actorId?: string }, lang = 'en'): Document {
  return { id: 'd1', source, publishedAt: '2025-03-16T09:00:00.000Z', lang, text, kind: 'article', meta: {}, ingest: { format: 'text', at: '2025-03-16T10:00:00.000Z' } };
}

function span(text: string, needle: string) {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, needle);
  return { text: needle, start, end: start + needle.length };
}

function attribution(text: string, speaker: string, actorId: string | undefined, type: any, cue: string, content: string, chain: Attribution['chain'], stance: Attribution['stance'], date?: string): Attribution {
  return {
    speaker: { ...span(text, speaker), ...(actorId ? { actorId } : {}), type },
    cue: span(text, cue), content: span(text, content), direct: false, ...(date ? { date } : {}), chain, stance, narratives: [],
  };
}

const UKRINFORM = { name: 'Ukrinform', actorId: 'ukrinform', type: 'state_media' as const };
const ISW = { name: 'Institute for the Study of War', actorId: 'isw', type: 'think_tank' as const };

function seedAttributions(): { attributions: Attribution[]; assessments: Assessment[] } {
  const attributions = [
    attribution(SEED, 'Putin', 'putin', 'head_of_state', 'asked on March 13',
      'whether Russia should let Ukrainian forces leave Kursk Oblast “after they committed a lot of crimes against civilians”',
      [UKRINFORM, ISW], 'relays', '2025-03-13'),
    attribution(SEED, 'Acting Kursk region governor Alexander Khinshtein', 'khinshtein', 'regional_official', 'accusing',
      'Ukrainian forces of war crimes in Kursk region since the start of the incursion in August 2024',
      [UKRINFORM, ISW], 'relays'),
  ];
  // Putin's second statement ("reiterated claims on March 14 that ...")
  const c = span(SEED, 'Ukrainian forces committed “terrorism” in Kursk region');
  attributions.push({
    speaker: { ...attributions[0].speaker }, cue: span(SEED, 'reiterated claims'), content: c, direct: false,
    date: '2025-03-14', chain: [UKRINFORM, ISW], stance: 'relays', narratives: [],
  });
  const a = span(SEED, 'These claims are unsubstantiated');
  const assessments: Assessment[] = [{ by: ISW, verdict: 'unsubstantiated', text: a.text, start: a.start, end: a.end, about: 1 }];
  return { attributions, assessments };
}

test('seed: Putin and Khinshtein assert the mission narrative; ISW and Ukrinform refute it', NEEDS_SEED, () => {
  const { attributions, assessments } = seedAttributions();
  const d = doc(SEED, { name: 'Ukrinform', actorId: 'ukrinform' });
  const r = mentionsFor(d, attributions, { classifier, assessments, actors });
  // attribution.narratives are filled in
  for (const a of attributions) assert.ok(a.narratives.some((h) => h.id === MISSION), a.content.text);
  const mission = r.mentions.filter((m) => m.narrativeId === MISSION);
  const by = (id: string) => mission.filter((m) => m.actorId === id);
  assert.equal(by('putin').length, 2);
  assert.ok(by('putin').every((m) => m.stance === 'asserts' && m.actorType === 'head_of_state'));
  assert.deepEqual(by('putin').map((m) => m.at).sort(), ['2025-03-13T00:00:00.000Z', '2025-03-14T00:00:00.000Z']);
  assert.ok(by('khinshtein').length === 1 && by('khinshtein')[0].stance === 'asserts');
  assert.ok(by('isw').length >= 3 && by('isw').every((m) => m.stance === 'refutes'), JSON.stringify(by('isw')));
  assert.ok(by('ukrinform').length >= 3 && by('ukrinform').every((m) => m.stance === 'refutes'));
  // the publisher's own voice ("... accusing the Ukrainian army of “war crimes” in Kursk region") is a mention too
  assert.ok(by('ukrinform').some((m) => m.attributionIndex === undefined));
  // no amplification by the Ukrainian outlet or the think tank
  assert.ok(!mission.some((m) => (m.actorId === 'ukrinform' || m.actorId === 'isw') && (m.stance === 'asserts' || m.stance === 'relays')));
  const dn = r.documentNarratives.find((n) => n.id === MISSION)!;
  assert.equal(dn.stance, 'refutes');
  assert.ok(dn.score > 0.5 && dn.evidence.length > 0);
  for (const e of dn.evidence) assert.equal(SEED.slice(e.start, e.end), e.text);
});

test('a pro-Kremlin outlet relaying the minister amplifies; its own voice asserts', () => {
  const text = 'Боевики ВСУ совершали военные преступления против мирных жителей Курской области, заявил Хинштейн. ' +
    'Украинские каратели расстреливали мирных жителей в Судже.';
  const d = doc(text, { name: 'РИА Новости', actorId: 'ria-novosti' }, 'ru');
  const a = attribution(text, 'Хинштейн', 'khinshtein', 'regional_official', 'заявил',
    'Боевики ВСУ совершали военные преступления против мирных жителей Курской области', [{ name: 'РИА Новости', actorId: 'ria-novosti' }], 'relays');
  const r = mentionsFor(d, [a], { classifier, actors });
  const m = r.mentions.filter((x) => x.narrativeId === MISSION);
  assert.equal(m.find((x) => x.actorId === 'khinshtein')?.stance, 'asserts');
  const ria = m.filter((x) => x.actorId === 'ria-novosti');
  assert.ok(ria.some((x) => x.attributionIndex === 0 && x.stance === 'relays'));
  assert.ok(ria.some((x) => x.attributionIndex === undefined && x.stance === 'asserts'));
  assert.equal(ria[0].actorType, 'state_media');
  assert.equal(r.documentNarratives.find((n) => n.id === MISSION)?.stance, 'asserts');
});

test('a Ukrainian outlet reporting the claim without comment does not amplify it', () => {
  const text = 'Хінштейн заявив, що ЗСУ чинили воєнні злочини проти мирних жителів на Курщині.';
  const d = doc(text, { name: 'Ukrinform', actorId: 'ukrinform' }, 'uk');
  const a = attribution(text, 'Хінштейн', 'khinshtein', 'regional_official', 'заявив',
    'ЗСУ чинили воєнні злочини проти мирних жителів на Курщині', [{ name: 'Ukrinform', actorId: 'ukrinform' }], 'relays');
  const r = mentionsFor(d, [a], { classifier, actors });
  const uk = r.mentions.filter((x) => x.actorId === 'ukrinform');
  assert.ok(uk.length > 0);
  assert.ok(uk.every((x) => x.stance !== 'asserts' && x.stance !== 'relays'), JSON.stringify(uk));
  // with a debunking sentence in its own voice it refutes
  const text2 = text + ' Це черговий фейк російської пропаганди про воєнні злочини на Курщині.';
  const r2 = mentionsFor(doc(text2, { name: 'Ukrinform', actorId: 'ukrinform' }, 'uk'), [{ ...a, narratives: [] }], { classifier, actors });
  assert.equal(r2.documentNarratives.find((n) => n.id === MISSION)?.stance, 'refutes');
  assert.ok(r2.mentions.filter((x) => x.actorId === 'ukrinform').every((x) => x.stance === 'refutes'));
});

test('precomputed hits work without a classifier; a denial cue makes the speaker refute', NEEDS_SEED, () => {
  const { attributions, assessments } = seedAttributions();
  const d = doc(SEED, { name: 'Ukrinform', actorId: 'ukrinform' });
  for (const a of attributions) a.narratives = classifier.classify({ text: SEED, lang: 'en', spans: [a.content] });
  attributions[1].cue.class = 'denial';
  const hits = classifier.classify({ text: SEED, lang: 'en' });
  const r = mentionsFor(d, attributions, hits, { assessments, actors });
  const kh = r.mentions.filter((m) => m.actorId === 'khinshtein' && m.narrativeId === MISSION);
  assert.equal(kh[0].stance, 'refutes');
  assert.ok(r.mentions.some((m) => m.actorId === 'ukrinform' && m.attributionIndex === undefined));
});

test('integration with the attribution stage on the seed (Putin\'s statements)', NEEDS_SEED, async (t) => {
  let mod: any, load: any;
  try {
    mod = await import('../../src/attribution/index.ts');
    load = await import('../../src/actors/load.ts');
  } catch {
    t.skip('attribution stage not available');
    return;
  }
  const d = doc(SEED, { name: 'Ukrinform', actorId: 'ukrinform' });
  let res: any;
  try { res = mod.extractAttributions(d, { registry: load.actorRegistry() }); } catch (e) { t.skip(`attribution stage failed: ${(e as Error).message}`); return; }
  const r = mentionsFor(d, res.attributions, { classifier, assessments: res.assessments, actors: load.actorRegistry() });
  const putin = r.mentions.filter((m) => m.narrativeId === MISSION && m.actorId === 'putin');
  if (!putin.length) { t.skip('attribution stage found no Putin statement with content'); return; }
  assert.ok(putin.every((m) => m.stance === 'asserts'));
  assert.ok(!r.mentions.some((m) => m.narrativeId === MISSION && m.actorId === 'ukrinform' && (m.stance === 'asserts' || m.stance === 'relays')));
});

test('analyzeNarratives returns the DocumentAnalysis fields of the narratives stage', NEEDS_SEED, async () => {
  const { analyzeNarratives } = await import('../../src/narratives/index.ts');
  const { attributions, assessments } = seedAttributions();
  const d = doc(SEED, { name: 'Ukrinform', actorId: 'ukrinform' });
  const r = analyzeNarratives(d, { attributions, assessments }, { classifier, actors });
  assert.equal(r.narratives.find((n) => n.id === MISSION)?.stance, 'refutes');
  assert.ok(r.mentions.some((m) => m.actorId === 'putin' && m.stance === 'asserts'));
  assert.ok(attributions.every((a) => a.narratives.length > 0));
});
