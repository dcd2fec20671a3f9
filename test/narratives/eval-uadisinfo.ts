/**
 * The numbers of docs/narratives-eval.md (not part of npm test):
 *   npx tsx test/narratives/eval-uadisinfo.ts
 * Converts ../shared/corpora/ua-disinfo-narratives-de-it to the SemEval layout in a temp folder, imports its label
 * list as a taxonomy, trains on the train split and evaluates on the held-out split (split by source article).
 *   --concept W   weight of the concept-lexicon feature group (default: the training default; 0 = off)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  convertUaDisinfoToSemEval, importLabelList, trainNarrativeModel, evaluateNarratives, readSemEval,
  createExampleClassifier, type Taxonomy,
} from '../../src/narratives/index.ts';
import type { NarrativeHit } from '../../src/model/attribution.ts';
import { DEFAULT_FEATURES } from '../../src/narratives/features.ts';

const UAD = '../shared/corpora/ua-disinfo-narratives-de-it';
const argW = process.argv.indexOf('--concept');
const features = argW > 0 ? { groupWeights: { ...DEFAULT_FEATURES.groupWeights, concept: Number(process.argv[argW + 1]) } } : undefined;
const tmp = mkdtempSync(join(tmpdir(), 'narrascope-eval-'));
const fmt = (x: number) => x.toFixed(3);

/** Nearest-neighbour baseline: best example label and its best child. */
function knn(t: Taxonomy, examples: ReturnType<typeof readSemEval>) {
  const ex = createExampleClassifier(t, { examples, k: 5, minScore: 0.05, minSimilarity: 0.05, taxonomyExamples: false });
  const byId = new Map(t.narratives.map((n) => [n.id, n]));
  return {
    name: 'knn',
    classify: (i: { text: string; lang: string }): NarrativeHit[] => {
      const h = ex.classify(i);
      const coarse = h.find((x) => byId.get(x.id)?.parent == null);
      if (!coarse) return [];
      const child = h.find((x) => byId.get(x.id)?.parent === coarse.id);
      return child ? [coarse, child] : [coarse];
    },
  };
}

const SEEDS = [7, 11, 23];
const results = new Map<string, Array<{ c: number; f: number; cm: number; fm: number; n: number }>>();
const add = (key: string, r: ReturnType<typeof evaluateNarratives>) => {
  const list = results.get(key) ?? [];
  list.push({ c: r.coarse.f1, f: r.fine.f1, cm: r.coarse.macroF1, fm: r.fine.macroF1, n: r.documents });
  results.set(key, list);
};
try {
  for (const seed of SEEDS) {
    const out = join(tmp, String(seed));
    const s = convertUaDisinfoToSemEval(UAD, out, { seed });
    console.log(`seed ${seed}: ${s.claims} claims, ${s.narratives} narratives, ${s.subnarratives} sub-narratives;`,
      Object.entries(s.perLang).map(([l, c]) => `${l} train ${c.train} / test ${c.test}`).join(', '));
    const t = importLabelList(readFileSync(s.labelFile, 'utf8'), 'uad');
    const report = (name: string, train: string, run: (dir: string) => ReturnType<typeof evaluateNarratives>) => {
      for (const L of ['EN', 'DE', 'IT']) add(`${name} | ${train} | ${L}`, run(join(out, 'test', L)));
    };
    let c0 = process.cpuUsage();
    const en = trainNarrativeModel({ taxonomy: t, data: join(out, 'train', 'EN'), seed, features });
    console.log(`  trained EN: ${en.stats.documents} docs, ${en.labels.length} labels, ${(process.cpuUsage(c0).user / 1e6).toFixed(1)} CPU s, ` +
      `${(JSON.stringify(en).length / 1e6).toFixed(2)} MB, decision ${en.stats.cv?.mode}, cv coarse ${en.stats.cv?.coarseF1} fine ${en.stats.cv?.fineF1}`);
    report('trained (LR)', 'EN', (dir) => evaluateNarratives(dir, { taxonomy: t, model: en }));
    const multiDocs = ['EN', 'DE', 'IT'].flatMap((L) => readSemEval(join(out, 'train', L)));
    c0 = process.cpuUsage();
    const multi = trainNarrativeModel({ taxonomy: t, data: multiDocs, seed, features });
    console.log(`  trained EN+DE+IT: ${multi.stats.documents} docs, ${(process.cpuUsage(c0).user / 1e6).toFixed(1)} CPU s`);
    report('trained (LR)', 'EN+DE+IT', (dir) => evaluateNarratives(dir, { taxonomy: t, model: multi }));
    const nn = knn(t, readSemEval(join(out, 'train', 'EN')));
    report('nearest examples (BM25, k=5)', 'EN', (dir) => evaluateNarratives(dir, { taxonomy: t, classifier: nn }));
    // majority baseline: the most frequent sub-narrative of the training split
    const train = readSemEval(join(out, 'train', 'EN'));
    const count = (xs: string[]) => { const m = new Map<string, number>(); for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1); return [...m].sort((a, b) => b[1] - a[1])[0][0]; };
    const fineNode = t.narratives.find((n) => n.label === count(train.flatMap((d) => d.subnarratives)))!;
    report('majority label', 'EN', (dir) => evaluateNarratives(dir, { taxonomy: t, classifier: { name: 'majority', classify: () => [{ id: fineNode.id, label: fineNode.label, score: 1, evidence: [] }] } }));
  }
  const ms = (xs: number[]) => {
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / Math.max(1, xs.length - 1));
    return `${fmt(m)} ± ${sd.toFixed(3)}`;
  };
  console.log(`\nmean ± sd over ${SEEDS.length} article-level splits (seeds ${SEEDS.join(', ')})`);
  console.log('| classifier | trained on | test | docs | coarse samples-F1 | fine samples-F1 | coarse macro-F1 | fine macro-F1 |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [key, list] of results) {
    console.log(`| ${key} | ${Math.round(list.reduce((a, b) => a + b.n, 0) / list.length)} | ${ms(list.map((x) => x.c))} | ${ms(list.map((x) => x.f))} | ${ms(list.map((x) => x.cm))} | ${ms(list.map((x) => x.fm))} |`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
