import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseAnn } from '../../src/attribution/polnear.ts';
import { evaluateAttribution, trainAttributionModel, saveModel, loadModel } from '../../src/attribution/index.ts';
import { newAccumulator, accumulate, report, normalizeFragments } from '../../src/attribution/evaluate.ts';
import { predicateTags } from '../../src/attribution/predicates.ts';
import { tokenize } from '../../src/text/tokens.ts';
import { stemLower } from '../../src/text/stem.ts';

const CORPUS = new URL('../../../shared/corpora/polnear-attribution/', import.meta.url).pathname;
const DEV = join(CORPUS, 'dev');
const TRAIN = join(CORPUS, 'train');
const absent = existsSync(DEV) && existsSync(TRAIN) ? false : `PolNeAR absent at ${CORPUS}`;
const LONG = process.env.NARRASCOPE_LONG_TESTS === '1';

test('parseAnn: events, discontinuous spans, missing source', () => {
  const ann = [
    'T1\tSource 0 5\tPutin', 'T2\tCue 6 10\tsaid', 'T3\tContent 11 20;25 30\tabc def', 'T4\tAttribution 6 10\tsaid',
    'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1', 'T5\tCue 40 44\tsays', 'T6\tContent 45 50\txx', 'E2\tAttribution:T4 Cue:T5 Content:T6',
  ].join('\n');
  const atts = parseAnn(ann);
  assert.equal(atts.length, 2);
  assert.deepEqual(atts[0], { source: [[0, 5]], cue: [[6, 10]], content: [[11, 20], [25, 30]] });
  assert.equal(atts[1].source, undefined);
});

test('metrics: exact after trimming punctuation, token overlap, attribution matching', () => {
  const text = 'Putin said that “Ukraine attacked,” officials said.';
  assert.deepEqual(normalizeFragments(text, [[16, 35]]), [[17, 33]], 'quotes and comma trimmed');
  const gold = [{ source: [[0, 5]] as [number, number][], cue: [[6, 10]] as [number, number][], content: [[11, 35]] as [number, number][] }];
  const acc = newAccumulator();
  accumulate(acc, text, gold, [{ source: [[0, 5]], cue: [[6, 10]], content: [[16, 35]] }]);
  const r = report(acc);
  assert.equal(r.exact.source.f1, 1);
  assert.equal(r.exact.cue.f1, 1);
  assert.equal(r.exact.content.f1, 0, '"that" is part of the gold content');
  assert.equal(r.overlap.content.p, 1);
  assert.equal(r.overlap.content.r, 0.6667);
  // span-level token-overlap matching: the content spans share tokens, so the content span counts
  assert.equal(r.spanOverlap.content.f1, 1);
  assert.equal(r.attribution.f1, 1);
  assert.equal(r.documents, 1);
  assert.deepEqual(Object.keys(r).sort(), ['attribution', 'documents', 'exact', 'overlap', 'spanOverlap']);
  // a predicted cue that touches no gold cue lowers span precision; a gold cue found by a longer prediction counts
  const acc2 = newAccumulator();
  accumulate(acc2, text, [{ cue: [[6, 10]] }, { cue: [[44, 48]] }], [{ cue: [[6, 15]] }, { cue: [[17, 24]] }]);
  const r2 = report(acc2);
  assert.equal(r2.spanOverlap.cue.p, 0.5);
  assert.equal(r2.spanOverlap.cue.r, 0.5);
  assert.equal(r2.exact.cue.f1, 0);
});

test('predicate classes for the tagger: rare evaluation and attitude predicates, irregular forms, phrases', () => {
  const tags = (text: string) => {
    const lower = tokenize(text).map((t) => t.lower);
    const out = predicateTags(lower, lower.map((w) => stemLower(w, 'en')));
    return Object.fromEntries(lower.map((w, i) => [w, (out[i] ?? []).map((t) => `${t.cls}:${t.pos}`).sort().join(' ')]));
  };
  const t = tags('The senator chastised aides, bristled at the plan, thought it wrong and was sure of disdain for it.');
  assert.match(t.chastised, /criticism:V/);
  assert.match(t.bristled, /criticism:P/, '"bristled at" is a phrase');
  assert.match(t.at, /criticism:P/);
  assert.match(t.thought, /cognition:V/, 'irregular form of "think"');
  assert.match(t.sure, /cognition:A/);
  assert.match(t.disdain, /criticism:N/);
  assert.equal(t.senator, '');
  assert.equal(t.the, '');
});

// Measured on the full dev split (84 documents), see docs/attribution-eval.md. Thresholds sit slightly below.
test('PolNeAR dev: rule-based extractor does not regress', { skip: absent }, () => {
  const r = evaluateAttribution(DEV);
  assert.equal(r.documents, 84);
  assert.ok(r.exact.source.f1 >= 0.50, JSON.stringify(r));
  assert.ok(r.exact.cue.f1 >= 0.47, JSON.stringify(r));
  assert.ok(r.exact.content.f1 >= 0.30, JSON.stringify(r));
  assert.ok(r.overlap.content.f1 >= 0.64, JSON.stringify(r));
  assert.ok(r.attribution.f1 >= 0.53, JSON.stringify(r));
});

test('PolNeAR: a tagger trained on 120 train documents (3 epochs) beats the rules on 30 dev documents', { skip: absent }, () => {
  const model = trainAttributionModel(TRAIN, { limit: 120, epochsCue: 3, epochsArg: 3 });
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-attr-'));
  try {
    const file = join(dir, 'model.json');
    saveModel(model, file);
    const loaded = loadModel(file);
    const r = evaluateAttribution(DEV, { model: loaded, limit: 30 });
    assert.equal(r.documents, 30);
    assert.ok(r.exact.source.f1 >= 0.55, JSON.stringify(r));
    assert.ok(r.exact.cue.f1 >= 0.59, JSON.stringify(r));
    assert.ok(r.exact.content.f1 >= 0.35, JSON.stringify(r));
    assert.ok(r.overlap.content.f1 >= 0.69, JSON.stringify(r));
    // the cue decoding bias 12/24 (0.556 with the old bias 4) and the predicate classes (0.605; 0.586 without them)
    assert.ok(r.overlap.cue.f1 >= 0.595, JSON.stringify(r));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('PolNeAR: full training and dev evaluation (NARRASCOPE_LONG_TESTS=1)', { skip: absent || (LONG ? false : 'set NARRASCOPE_LONG_TESTS=1') }, () => {
  const t0 = Date.now();
  const model = trainAttributionModel(TRAIN);
  const r = evaluateAttribution(DEV, { model });
  const seconds = (Date.now() - t0) / 1000;
  assert.ok(seconds < 900, `train+eval took ${seconds} s`);
  // measured 0.697 / 0.672 / 0.508 exact, 0.747 / 0.660 / 0.818 overlap, 0.754 attribution (docs/attribution-eval.md,
  // round 3: predicate classes; cue overlap 0.648 without them)
  assert.ok(r.exact.source.f1 >= 0.685, JSON.stringify(r));
  assert.ok(r.exact.cue.f1 >= 0.66, JSON.stringify(r));
  assert.ok(r.exact.content.f1 >= 0.495, JSON.stringify(r));
  assert.ok(r.overlap.source.f1 >= 0.735, JSON.stringify(r));
  assert.ok(r.overlap.cue.f1 >= 0.652, JSON.stringify(r));
  assert.ok(r.overlap.content.f1 >= 0.805, JSON.stringify(r));
  assert.ok(r.attribution.f1 >= 0.74, JSON.stringify(r));
  // span-level token-overlap matching (issue 3: ≥ 0.70 per role); measured 0.794 / 0.790 / 0.849
  assert.ok(r.spanOverlap.source.f1 >= 0.77, JSON.stringify(r));
  assert.ok(r.spanOverlap.cue.f1 >= 0.77, JSON.stringify(r));
  assert.ok(r.spanOverlap.content.f1 >= 0.83, JSON.stringify(r));
});
