import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { loadTaxonomy } from '../../src/narratives/taxonomy.ts';
import { createLexicalClassifier } from '../../src/narratives/lexical.ts';
import { compileCue, CueSyntaxError } from '../../src/narratives/cues.ts';
import { combineClassifiers, mergeHits } from '../../src/narratives/classifier.ts';
import { ancestry } from '../../src/narratives/taxonomy.ts';

const SEED_PATH = new URL('../../../shared/seed/ukrinform-isw-kursk.txt', import.meta.url).pathname;
const SEED = existsSync(SEED_PATH) ? readFileSync(SEED_PATH, 'utf8') : '';
const NEEDS_SEED = { skip: SEED ? false : `seed article absent: ${SEED_PATH}` };
const taxonomy = loadTaxonomy('urw');
const lexical = createLexicalClassifier(taxonomy);
const MISSION = 'urw-kursk-war-crimes';

function span(text: string, needle: string) {
  const start = text.indexOf(needle);
  assert.ok(start >= 0, `not in text: ${needle}`);
  return { start, end: start + needle.length };
}

test('seed: the mission narrative is found in Putin\'s and Khinshtein\'s statements', NEEDS_SEED, () => {
  const statements = {
    putin13: 'whether Russia should let Ukrainian forces leave Kursk Oblast “after they committed a lot of crimes against civilians”',
    putin14: 'Ukrainian forces committed “terrorism” in Kursk region',
    khinshtein: 'Ukrainian forces of war crimes in Kursk region since the start of the incursion in August 2024',
  };
  for (const [who, content] of Object.entries(statements)) {
    const s = span(SEED, content);
    const hits = lexical.classify({ text: SEED, lang: 'en', spans: [s] });
    const m = hits.find((h) => h.id === MISSION);
    assert.ok(m, `${who}: ${JSON.stringify(hits.map((h) => h.id))}`);
    assert.ok(m.score >= 0.5);
    // the parents come along, so SemEval labels see "Discrediting Ukrainian military"
    assert.ok(hits.some((h) => h.id === 'urw-discredit-ua-military'));
    assert.ok(hits.some((h) => h.id === 'urw-discredit-ua'));
    // evidence: exact spans inside the statement, tagged with cue and classifier
    for (const e of m.evidence) {
      assert.equal(SEED.slice(e.start, e.end), e.text);
      assert.ok(e.start >= s.start && e.end <= s.end, `${who}: evidence outside the span`);
      assert.equal(e.classifier, 'lexical');
      assert.ok(e.cue && e.cue.length > 0);
    }
  }
  // the whole article carries it too
  assert.ok(lexical.classify({ text: SEED, lang: 'en' }).some((h) => h.id === MISSION));
});

test('mission cues work in Russian and Ukrainian', () => {
  const ru = 'Боевики ВСУ совершали военные преступления против мирных жителей Курской области, заявил Хинштейн.';
  const uk = 'Російська пропаганда стверджує, що ЗСУ чинили воєнні злочини проти мирних жителів на Курщині.';
  const ru2 = 'Украинские каратели расстреливали мирных жителей в Судже, это настоящий террор.';
  for (const [lang, text] of [['ru', ru], ['uk', uk], ['ru', ru2]]) {
    const hits = lexical.classify({ text, lang });
    assert.ok(hits.some((h) => h.id === MISSION), `${lang}: ${text} → ${hits.map((h) => h.id)}`);
  }
});

test('proximity: war crimes far from Kursk, or Russian crimes elsewhere, are not the mission narrative', () => {
  const far = 'War crimes were documented in Bucha and Irpin by investigators. ' + 'The weather was cold and the roads were long. '.repeat(3) + 'Kursk is a city in Russia.';
  assert.ok(!lexical.classify({ text: far, lang: 'en' }).some((h) => h.id === MISSION));
});

test('negation drops a match; quotation marks are flagged', () => {
  assert.deepEqual(lexical.classify({ text: 'Ukraine is not a puppet of the West.', lang: 'en' }), []);
  const pos = lexical.classify({ text: 'Kyiv is a puppet of the West.', lang: 'en' });
  assert.ok(pos.some((h) => h.id === 'urw-discredit-ua-puppet'));
  const quoted = lexical.classify({ text: 'The Kremlin calls Kyiv “a puppet of the West”.', lang: 'en' });
  const ev = quoted.find((h) => h.id === 'urw-discredit-ua-puppet')!.evidence[0] as { quoted?: boolean };
  assert.equal(ev.quoted, true);
  // quoted matches weigh less than unquoted ones
  assert.ok(quoted[0].score < pos[0].score);
  const matches = lexical.matches({ text: 'Ukraine is not a puppet of the West.', lang: 'en' });
  assert.ok(matches.length > 0 && matches.every((m) => m.negated));
});

test('every example of the taxonomy is recognised by its own node\'s cues', () => {
  let n = 0;
  for (const node of taxonomy.narratives) {
    for (const e of node.examples) {
      n++;
      const ids = lexical.classify({ text: e.text, lang: e.lang }).map((h) => h.id);
      assert.ok(ids.includes(node.id), `${node.id} (${e.lang}): ${e.text} → ${ids.join(', ')}`);
      // and the coarse ancestor comes along
      assert.ok(ids.includes(ancestry(taxonomy, node.id).at(-1)!.id));
    }
  }
  assert.ok(n >= 90);
});

test('cue syntax errors are reported', () => {
  assert.throws(() => compileCue('ab*', 'en'), CueSyntaxError);
  assert.throws(() => compileCue('war ~0 crimes', 'en'), CueSyntaxError);
  assert.throws(() => compileCue('a||b', 'en'), CueSyntaxError);
  assert.throws(() => compileCue({ cue: 'x', weight: 0 }, 'en'), CueSyntaxError);
  const c = compileCue('war crime*|atrocit* ~12 kursk*', 'en');
  assert.equal(c.parts.length, 2);
  assert.equal(c.window, 12);
});

test('combineClassifiers merges scores (noisy-or) and evidence', () => {
  const a = { name: 'a', classify: () => [{ id: 'x', label: 'X', score: 0.5, evidence: [{ text: 'p', start: 0, end: 1, classifier: 'a' }] }] };
  const b = { name: 'b', classify: () => [{ id: 'x', label: 'X', score: 0.5, evidence: [{ text: 'q', start: 2, end: 3, classifier: 'b' }] }, { id: 'y', label: 'Y', score: 0.2, evidence: [] }] };
  const c = combineClassifiers([a, b]);
  const hits = c.classify({ text: 'p q', lang: 'en' });
  assert.equal(c.name, 'a+b');
  assert.equal(hits[0].id, 'x');
  assert.equal(hits[0].score, 0.75);
  assert.equal(hits[0].evidence.length, 2);
  assert.equal(mergeHits([[hits[0]], [{ ...hits[0], score: 0.9 }]], { mode: 'max' })[0].score, 0.9);
  const asyncC = combineClassifiers([a, { name: 'z', classify: async () => [] }]);
  assert.ok(asyncC.classify({ text: '', lang: 'en' }) instanceof Promise);
});
