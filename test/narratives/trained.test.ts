import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTaxonomy, importLabelList, indexTaxonomy } from '../../src/narratives/taxonomy.ts';
import { trainNarrativeModel, createTrainedClassifier, saveNarrativeModel, loadNarrativeModel } from '../../src/narratives/trained.ts';
import { evaluateNarratives, samplesF1, scoreLabelSets } from '../../src/narratives/evaluate.ts';
import { readSemEval, writeSemEval, readLabelledTsv } from '../../src/narratives/semeval.ts';
import { convertUaDisinfoToSemEval } from '../../src/narratives/uadisinfo.ts';
import { createExampleClassifier } from '../../src/narratives/examples.ts';

const UAD = '../shared/corpora/ua-disinfo-narratives-de-it';

// A small synthetic corpus in the SemEval layout (written by us; labels from the urw set).
const TOPICS: Record<string, { coarse: string; words: string[] }> = {
  'URW: Amplifying war-related fears: There is a real possibility that nuclear weapons will be employed':
    { coarse: 'URW: Amplifying war-related fears', words: ['nuclear', 'strike', 'warheads', 'doctrine', 'arsenal', 'escalation', 'missiles', 'apocalypse'] },
  'URW: Praise of Russia: Praise of Russian military might':
    { coarse: 'URW: Praise of Russia', words: ['liberated', 'village', 'troops', 'advance', 'destroyed', 'tanks', 'glorious', 'victory'] },
  'URW: Discrediting Ukraine: Ukraine is a puppet of the West':
    { coarse: 'URW: Discrediting Ukraine', words: ['puppet', 'washington', 'orders', 'colony', 'controlled', 'sovereignty', 'handlers', 'regime'] },
  'URW: Discrediting Ukraine: Discrediting Ukrainian military':
    { coarse: 'URW: Discrediting Ukraine', words: ['soldiers', 'looting', 'deserters', 'brigade', 'mercenaries', 'shelling', 'civilians', 'atrocities'] },
};
const FILLER = ['today', 'report', 'officials', 'region', 'week', 'city', 'people', 'statement', 'meeting', 'local', 'news', 'said', 'source', 'year', 'country', 'government'];

function rng(seed: number) { let a = seed; return () => { a = (a * 1664525 + 1013904223) >>> 0; return a / 4294967296; }; }

function makeCorpus(n: number, seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const fine = Object.keys(TOPICS);
  return Array.from({ length: n }, (_, i) => {
    const k = r() < 0.15 ? 0 : r() < 0.8 ? 1 : 2;
    const labels = [...new Set(Array.from({ length: k }, () => pick(fine)))];
    const words: string[] = [];
    for (let s = 0; s < 6; s++) {
      const sentence = Array.from({ length: 10 }, () => (labels.length && r() < 0.35 ? pick(TOPICS[pick(labels)].words) : pick(FILLER)));
      words.push(sentence.join(' ') + '.');
    }
    return {
      id: `EN_${seed}_${i}`, title: 'Synthetic', text: words.join(' '),
      narratives: labels.length ? [...new Set(labels.map((l) => TOPICS[l].coarse))] : ['Other'],
      subnarratives: labels.length ? labels : ['Other'],
    };
  });
}

test('train on the SemEval layout, save, load, classify, evaluate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'narr-train-'));
  try {
    writeSemEval(join(dir, 'train'), makeCorpus(90, 1));
    writeSemEval(join(dir, 'test'), makeCorpus(40, 2));
    const docs = readSemEval(join(dir, 'train'));
    assert.equal(docs.length, 90);
    assert.equal(docs[0].lang, 'en');
    const taxonomy = loadTaxonomy('urw');
    const t0 = performance.now();
    const model = trainNarrativeModel({ taxonomy, data: join(dir, 'train'), folds: 3, epochs: 8 });
    assert.ok(performance.now() - t0 < 8000, 'trains in seconds');
    assert.equal(model.format, 'narrascope-narrative-model');
    assert.ok(model.labels.some((l) => l.level === 0) && model.labels.some((l) => l.level === 1));
    for (const l of model.labels) assert.ok(l.threshold > 0 && l.threshold < 1);
    const file = join(dir, 'model.json');
    saveNarrativeModel(model, file);
    assert.ok(statSync(file).size < 2_000_000, 'small model file');
    const loaded = loadNarrativeModel(file);
    const c = createTrainedClassifier(loaded, { taxonomy });
    const text = 'The puppet regime takes orders from Washington handlers; its sovereignty is a colony fiction.';
    const hits = c.classify({ text, lang: 'en' });
    assert.ok(hits.some((h) => h.id === 'urw-discredit-ua-puppet'), JSON.stringify(hits.map((h) => [h.id, h.score])));
    const h = hits.find((x) => x.id === 'urw-discredit-ua-puppet')!;
    assert.ok(h.evidence.length > 0);
    for (const e of h.evidence) { assert.equal(text.slice(e.start, e.end), e.text); assert.equal(e.classifier, 'trained'); }
    const probs = c.probabilities({ text, lang: 'en' });
    assert.ok(probs['urw-discredit-ua'] > 0.5);
    const res = evaluateNarratives(join(dir, 'test'), { taxonomy, model: file });
    assert.equal(res.documents, 40);
    assert.ok(res.coarse.f1 > 0.75, JSON.stringify(res.coarse));
    assert.ok(res.fine.f1 > 0.6, JSON.stringify(res.fine));
    assert.ok(res.perLabel['URW: Discrediting Ukraine'].support > 0);
    // the lexical baseline runs on the same data without a model
    const lex = evaluateNarratives(join(dir, 'test'), { taxonomy });
    assert.equal(lex.classifier, 'lexical');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('TSV training data (text<TAB>labels) works too', () => {
  const dir = mkdtempSync(join(tmpdir(), 'narr-tsv-'));
  try {
    const rows = makeCorpus(40, 3).map((d) => `${d.text}\t${d.subnarratives.join(';')}`);
    const file = join(dir, 'data.tsv');
    writeFileSync(file, 'text\tlabels\n' + rows.join('\n') + '\n');
    const docs = readLabelledTsv(file);
    assert.equal(docs.length, 40);
    const model = trainNarrativeModel({ taxonomy: 'urw', data: file, folds: 2, epochs: 6 });
    assert.ok(model.labels.length >= 4);
    assert.deepEqual(model.stats.unknownLabels, {});
    const r = evaluateNarratives(file, { taxonomy: 'urw', model });
    assert.ok(r.coarse.f1 > 0.6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('samples-F1 pairs documents and averages per-document F1', () => {
  assert.equal(samplesF1([['A'], ['B', 'C']], [['A'], ['B']]), (1 + 2 / 3) / 2);
  assert.equal(samplesF1([['Other']], [['Other']]), 1);
  assert.equal(samplesF1([['A']], [[]]), 0);
  const s = scoreLabelSets([{ narratives: ['A'], subnarratives: ['A: x'] }], [{ narratives: ['A', 'B'], subnarratives: ['A: x', 'B: Other'] }]);
  assert.equal(s.coarse.f1, 0.6667);
  assert.equal(s.perLabel.B.p, 0);
  assert.equal(s.perLabel.A.f1, 1);
});

test('example-based classifier finds the nearest labelled examples', () => {
  const taxonomy = loadTaxonomy('urw');
  const ex = createExampleClassifier(taxonomy, { examples: makeCorpus(30, 4).map((d) => ({ ...d, lang: 'en' })) });
  assert.ok(ex.size > 100);
  const hits = ex.classify({ text: 'Russia is preparing a nuclear strike and its doctrine allows the use of the arsenal.', lang: 'en' });
  assert.ok(hits.some((h) => h.id === 'urw-fears-nuclear'), JSON.stringify(hits.map((h) => h.id)));
  assert.ok(hits.some((h) => h.id === 'urw-fears'));
  const ru = ex.classify({ text: 'Украина давно под внешним управлением, а Зеленский — марионетка Запада.', lang: 'ru' });
  assert.equal(ru[0]?.id === 'urw-discredit-ua-puppet' || ru[0]?.id === 'urw-discredit-ua', true, JSON.stringify(ru.map((h) => h.id)));
  assert.ok(ex.neighbours({ text: 'puppet regime of Washington', lang: 'en' }).length > 0);
});

test('ua-disinfo corpus: converter, label list import, train and test on English', { skip: !existsSync(UAD) && 'corpus not present' }, () => {
  const out = mkdtempSync(join(tmpdir(), 'narr-uad-'));
  try {
    const s = convertUaDisinfoToSemEval(UAD, out, { langs: ['en', 'de'] });
    assert.equal(s.claims, 611);
    assert.equal(s.narratives, 13);
    assert.equal(s.subnarratives, 69);
    assert.ok(s.perLang.en.train > 350 && s.perLang.en.test > 150);
    assert.ok(s.perLang.de.all > 590 && !s.perLang.it);
    const t = importLabelList(readFileSync(s.labelFile, 'utf8'), 'uad');
    const ix = indexTaxonomy(t);
    assert.equal(t.domain, 'UAD');
    assert.equal(t.narratives.filter((n) => ix.depth.get(n.id) === 0).length, 13);
    assert.equal(t.narratives.filter((n) => ix.depth.get(n.id) === 1 && !n.other).length, 69);
    const de = readSemEval(join(out, 'test', 'DE'));
    assert.equal(de[0].lang, 'de');
    assert.ok(de[0].subnarratives[0].startsWith('UAD: '), 'labels come from the English records');
    // a quick model (the full measurement is test/narratives/eval-uadisinfo.ts)
    const model = trainNarrativeModel({ taxonomy: t, data: join(out, 'train', 'EN'), folds: 2, epochs: 5, features: { charNgrams: [3, 4] } });
    const en = evaluateNarratives(join(out, 'test', 'EN'), { taxonomy: t, model });
    assert.ok(en.coarse.f1 > 0.45, JSON.stringify(en.coarse));
    assert.ok(en.fine.f1 > 0.2, JSON.stringify(en.fine));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
