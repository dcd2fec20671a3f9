// Runs in a worker thread: the per-document analysis of batches sent by AnalysisPool.
import { parentPort, workerData } from 'node:worker_threads';
import { actorRegistry } from '../actors/load.ts';
import { analyzeDocument } from './analyze.ts';
import type { Document } from '../model/index.ts';

const registry = actorRegistry((workerData as { actorDirs: string[] }).actorDirs);
parentPort!.on('message', (msg: { id: number; docs: Document[] }) => {
  try {
    parentPort!.postMessage({ id: msg.id, analyses: msg.docs.map((doc) => analyzeDocument(doc, { registry })) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).stack ?? String(err) });
  }
});
