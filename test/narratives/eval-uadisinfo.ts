/**
 * The numbers of docs/narratives-eval.md (not part of npm test):
 *   npx tsx test/narratives/eval-uadisinfo.ts
 * Converts ../shared/corpora/ua-disinfo-narratives-de-it to the SemEval layout in a temp folder, imports its label
 * list as a taxonomy, trains on the train split and evaluates on the held-out split (split by source article).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  convertUaDisinfoToSemEval, importLabelList, trainNarrativeModel, evaluateNarratives, readSemEval,
  createExampleClassifier, type Taxonomy,
} from '../../src/narratives/index.ts';
import type { NarrativeHit } from '../../src/model/attribution.ts';

const UAD = '../shared/corpora/ua-disinfo-narratives-de-it';
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

try {
  const s = convertUaDisinfoToSemEval(UAD, tmp);
  console.log(`converted: ${s.claims} claims, ${s.narratives} narratives, ${s.subnarratives} sub-narratives;`,
    Object.entries(s.perLang).map(([l, c]) => `${l} train ${c.train} / test ${c.test}`).join(', '));
  const t = importLabelList(readFileSync(s.labelFile, 'utf8'), 'uad');
  const rows: string[] = [];
  const report = (name: string, train: string, run: (dir: string) => ReturnType<typeof evaluateNarratives>) => {
    for (const L of ['EN', 'DE', 'IT']) {
      const r = run(join(tmp, 'test', L));
      rows.push(`| ${name} | ${train} | ${L} (${r.documents}) | ${fmt(r.coarse.f1)} | ${fmt(r.fine.f1)} | ${fmt(r.coarse.macroF1)} | ${fmt(r.fine.macroF1)} |`);
    }
  };
  let t0 = performance.now();
  const en = trainNarrativeModel({ taxonomy: t, data: join(tmp, 'train', 'EN') });
  const enSecs = (performance.now() - t0) / 1000;
  console.log(`trained EN: ${en.stats.documents} docs, ${en.labels.length} labels, ${enSecs.toFixed(1)} s, ${(JSON.stringify(en).length / 1e6).toFixed(2)} MB, decision ${en.stats.cv?.mode}, cv coarse ${en.stats.cv?.coarseF1} fine ${en.stats.cv?.fineF1}`);
  report('trained (LR)', 'EN', (dir) => evaluateNarratives(dir, { taxonomy: t, model: en }));
  const multiDocs = ['EN', 'DE', 'IT'].flatMap((L) => readSemEval(join(tmp, 'train', L)));
  t0 = performance.now();
  const multi = trainNarrativeModel({ taxonomy: t, data: multiDocs });
  console.log(`trained EN+DE+IT: ${multi.stats.documents} docs, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  report('trained (LR)', 'EN+DE+IT', (dir) => evaluateNarratives(dir, { taxonomy: t, model: multi }));
  const nn = knn(t, readSemEval(join(tmp, 'train', 'EN')));
  report('nearest examples (BM25, k=5)', 'EN', (dir) => evaluateNarratives(dir, { taxonomy: t, classifier: nn }));
  // majority baseline: the most frequent narrative and sub-narrative of the training split
  const train = readSemEval(join(tmp, 'train', 'EN'));
  const count = (xs: string[]) => { const m = new Map<string, number>(); for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1); return [...m].sort((a, b) => b[1] - a[1])[0][0]; };
  const topFine = count(train.flatMap((d) => d.subnarratives));
  const fineNode = t.narratives.find((n) => n.label === topFine)!;
  report('majority label', 'EN', (dir) => evaluateNarratives(dir, { taxonomy: t, classifier: { name: 'majority', classify: () => [{ id: fineNode.id, label: fineNode.label, score: 1, evidence: [] }] } }));
  console.log('\n| classifier | trained on | test split (docs) | coarse samples-F1 | fine samples-F1 | coarse macro-F1 | fine macro-F1 |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
