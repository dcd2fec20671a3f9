/** Worker of bench-classify.ts --workers N: classifies its share of the documents with lexical + trained. */
import { parentPort, workerData } from 'node:worker_threads';
import { combineClassifiers, createLexicalClassifier, createTrainedClassifier, loadNarrativeModel, loadTaxonomy } from '../../src/narratives/index.ts';

const { modelFile, warm, docs } = workerData as { modelFile: string; warm: Array<{ text: string; lang: string }>; docs: Array<{ text: string; lang: string }> };
const urw = loadTaxonomy('urw');
const both = combineClassifiers([createLexicalClassifier(urw), createTrainedClassifier(loadNarrativeModel(modelFile), { taxonomy: urw })]);
for (const d of warm) both.classify(d); // warm-up on other documents, as the main thread
parentPort!.postMessage({ ready: true });
parentPort!.on('message', () => {
  let hits = 0;
  for (const d of docs) hits += both.classify(d).length;
  parentPort!.postMessage({ done: true, hits });
});
