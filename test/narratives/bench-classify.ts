/**
 * Throughput of lexical + trained narrative classification on ~3,000-character documents (not part of npm test).
 *   npx tsx test/narratives/bench-classify.ts [--docs 2000]
 * Documents: Russian Telegram posts (../shared/corpora/telegram-ru-news-channels-2024) and English claims
 * (../shared/corpora/ua-disinfo-narratives-de-it) packed into ~3,000-character documents.
 * Model: a urw model (cue features on) trained on 400 such Russian documents whose labels are the lexical
 * classifier's own output ("silver" labels: fine for timing, meaningless for accuracy).
 * One process, one thread; docs/s are reported per CPU second as well as per wall second (shared machines).
 *   --concept W   weight of the concept-lexicon features (default: the training default; 0 = off, as before it)
 *   --workers K   also run lexical + trained in K worker threads over the same documents (wall-clock docs/s)
 *   --fresh       only the first (cold) single-thread pass
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import {
  trainNarrativeModel, createTrainedClassifier, createLexicalClassifier, loadTaxonomy, combineClassifiers,
  toSemEvalLabels, saveNarrativeModel, type LabelledDoc,
} from '../../src/narratives/index.ts';
import { DEFAULT_FEATURES } from '../../src/narratives/features.ts';

const argN = process.argv.indexOf('--docs');
const N = argN > 0 ? Number(process.argv[argN + 1]) : 2000;
const argW = process.argv.indexOf('--concept');
const features = argW > 0 ? { groupWeights: { ...DEFAULT_FEATURES.groupWeights, concept: Number(process.argv[argW + 1]) } } : undefined;
const TG = '../shared/corpora/telegram-ru-news-channels-2024/raw';
const UAD = '../shared/corpora/ua-disinfo-narratives-de-it/dataEng.json';

function pack(texts: string[], lang: string, n: number, offset = 0): Array<{ text: string; lang: string }> {
  const out: Array<{ text: string; lang: string }> = [];
  let cur = '';
  for (let i = offset; out.length < n; i = (i + 1) % texts.length) {
    cur += texts[i] + '\n\n';
    if (cur.length >= 3000) { out.push({ text: cur.slice(0, 3000), lang }); cur = ''; }
  }
  return out;
}

const ru: string[] = [];
for (const f of readdirSync(TG).sort()) for (const m of JSON.parse(readFileSync(join(TG, f), 'utf8'))) if (m.text) ru.push(m.text);
const en = (JSON.parse(readFileSync(UAD, 'utf8')) as Array<{ Disinfo_cases_en?: string }>).map((r) => r.Disinfo_cases_en ?? '').filter(Boolean);
const urw = loadTaxonomy('urw');
const lexical = createLexicalClassifier(urw);

// silver training set: 400 Russian documents starting with a post that carries a narrative
const carrying = ru.filter((p) => lexical.classify({ text: p, lang: 'ru' }).length > 0);
const train: LabelledDoc[] = [];
for (let i = 0; train.length < 400; i++) {
  let text = carrying[i % carrying.length];
  for (let k = i * 7; text.length < 3000; k++) text += '\n\n' + ru[(k * 31) % ru.length];
  text = text.slice(0, 3000);
  const l = toSemEvalLabels(urw, lexical.classify({ text, lang: 'ru' }).map((h) => h.id));
  train.push({ id: `RU_${i}`, text, lang: 'ru', narratives: l.narratives, subnarratives: l.subnarratives });
}
let c0 = process.cpuUsage();
let w0 = performance.now();
const model = trainNarrativeModel({ taxonomy: urw, data: train, features });
console.log(`training: ${train.length} docs × 3,000 chars, ${model.labels.length} labels, char n-grams ${JSON.stringify(model.features.charNgrams)}: ` +
  `${(process.cpuUsage(c0).user / 1e6).toFixed(1)} CPU s (${((performance.now() - w0) / 1000).toFixed(1)} wall s), model ${(JSON.stringify(model).length / 1e6).toFixed(2)} MB`);

const docs = [...pack(ru, 'ru', Math.ceil(N / 2), 5000), ...pack(en, 'en', Math.floor(N / 2))];
// warm-up on other documents: the stem and cue caches hold common words, as in a long-running ingest, but not the
// test documents' own rare words (each pass below therefore starts cold on those; the first pass is the fair one)
const warm = [...pack(ru, 'ru', 50, 15000), ...pack(en, 'en', 50, 300)];
const fresh = process.argv.includes('--fresh');
const trained = createTrainedClassifier(model, { taxonomy: urw });
const both = combineClassifiers([lexical, trained]);
const run = (name: string, c: { classify(i: { text: string; lang: string }): unknown[] }) => {
  for (const d of warm) c.classify(d);
  c0 = process.cpuUsage();
  w0 = performance.now();
  let hits = 0;
  for (const d of docs) hits += c.classify(d).length;
  const cpu = (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1e6;
  const wall = (performance.now() - w0) / 1000;
  console.log(`${name.padEnd(27)} ${docs.length} docs: ${(docs.length / cpu).toFixed(0)} docs/CPU-s, ${(docs.length / wall).toFixed(0)} docs/wall-s (${hits} hits)`);
};
// the combined classifier first: later passes find the test documents' stems cached
run('lexical+trained', both);
if (!fresh) { run('lexical', lexical); run('trained', trained); run('lexical+trained (2nd pass)', both); }

const argK = process.argv.indexOf('--workers');
const K = argK > 0 ? Number(process.argv[argK + 1]) : 0;
if (K > 1) {
  const dir = mkdtempSync(join(tmpdir(), 'narrascope-bench-'));
  const modelFile = join(dir, 'model.json');
  saveNarrativeModel(model, modelFile);
  const url = new URL('./bench-classify-worker-boot.mjs', import.meta.url);
  const workers = Array.from({ length: K }, (_, k) => new Worker(url, { workerData: { modelFile, warm, docs: docs.filter((_, i) => i % K === k) } }));
  const next = (w: Worker) => new Promise<{ hits?: number }>((res, rej) => { w.once('message', res); w.once('error', rej); });
  await Promise.all(workers.map(next)); // ready
  c0 = process.cpuUsage();
  w0 = performance.now();
  const done = workers.map(next);
  for (const w of workers) w.postMessage('go');
  const hits = (await Promise.all(done)).reduce((a, r) => a + (r.hits ?? 0), 0);
  const wall = (performance.now() - w0) / 1000;
  const cpu = (process.cpuUsage(c0).user + process.cpuUsage(c0).system) / 1e6;
  console.log(`${('lexical+trained, ' + K + ' threads').padEnd(16)} ${docs.length} docs: ${(docs.length / wall).toFixed(0)} docs/wall-s, ${(docs.length / cpu).toFixed(0)} docs/CPU-s (${hits} hits)`);
  await Promise.all(workers.map((w) => w.terminate()));
  rmSync(dir, { recursive: true, force: true });
}
