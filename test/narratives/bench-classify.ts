/**
 * Throughput of lexical + trained narrative classification on ~3,000-character documents (not part of npm test).
 *   npx tsx test/narratives/bench-classify.ts [--docs 2000]
 * Documents: Russian Telegram posts (../shared/corpora/telegram-ru-news-channels-2024) and English claims
 * (../shared/corpora/ua-disinfo-narratives-de-it) concatenated to ~3,000 characters. Model: trained on the
 * ua-disinfo English claims converted to the SemEval layout in a temp folder (68 labels), combined with the urw lexical cues.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  convertUaDisinfoToSemEval, importLabelList, trainNarrativeModel, createTrainedClassifier, createLexicalClassifier,
  loadTaxonomy, combineClassifiers, readSemEval,
} from '../../src/narratives/index.ts';

const N = Number(process.argv[process.argv.indexOf('--docs') + 1]) || 2000;
const TG = '../shared/corpora/telegram-ru-news-channels-2024/raw';
const UAD = '../shared/corpora/ua-disinfo-narratives-de-it';

function pack(texts: string[], lang: string, n: number): Array<{ text: string; lang: string }> {
  const out: Array<{ text: string; lang: string }> = [];
  let cur = '';
  for (let i = 0; out.length < n; i = (i + 1) % texts.length) {
    cur += texts[i] + '\n\n';
    if (cur.length >= 3000) { out.push({ text: cur.slice(0, 3000), lang }); cur = ''; }
  }
  return out;
}

const tmp = mkdtempSync(join(tmpdir(), 'narrascope-bench-'));
try {
  const conv = convertUaDisinfoToSemEval(UAD, tmp, { langs: ['en'] });
  const uad = importLabelList(readFileSync(conv.labelFile, 'utf8'), 'uad');
  const t0 = performance.now();
  const model = trainNarrativeModel({ taxonomy: uad, data: join(tmp, 'all', 'EN') });
  const trainS = (performance.now() - t0) / 1000;
  const en = readSemEval(join(tmp, 'all', 'EN')).map((d) => d.text);
  const ru: string[] = [];
  for (const f of readdirSync(TG)) for (const m of JSON.parse(readFileSync(join(TG, f), 'utf8'))) if (m.text) ru.push(m.text);
  const docs = [...pack(ru, 'ru', Math.ceil(N / 2)), ...pack(en, 'en', Math.floor(N / 2))];
  const urw = loadTaxonomy('urw');
  const lexical = createLexicalClassifier(urw);
  const trained = createTrainedClassifier(model, { taxonomy: uad });
  const both = combineClassifiers([lexical, trained]);
  const run = (name: string, c: { classify(i: { text: string; lang: string }): unknown[] }) => {
    for (const d of docs.slice(0, 50)) c.classify(d); // warm-up
    const s = performance.now();
    let hits = 0;
    for (const d of docs) hits += c.classify(d).length;
    const secs = (performance.now() - s) / 1000;
    console.log(`${name.padEnd(18)} ${docs.length} docs × ~3000 chars: ${(docs.length / secs).toFixed(0)} docs/s (${hits} hits)`);
  };
  console.log(`training on ${model.stats.documents} claims: ${trainS.toFixed(1)} s, model ${(JSON.stringify(model).length / 1e6).toFixed(2)} MB, ${model.labels.length} labels`);
  run('lexical', lexical);
  run('trained', trained);
  run('lexical+trained', both);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
