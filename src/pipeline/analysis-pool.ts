import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { Document, DocumentAnalysis } from '../model/index.ts';

/**
 * A pool of worker threads for the CPU-heavy per-document analysis, sized to the cores by default.
 * Each batch is split across the workers and the results come back in document order.
 */
export class AnalysisPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, { resolve: (a: DocumentAnalysis[]) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | undefined;

  constructor(options: { size?: number; actorDirs?: string[] } = {}) {
    const size = Math.max(1, options.size ?? availableParallelism());
    this.workers = Array.from({ length: size }, () => {
      const worker = new Worker(new URL('./analysis-worker-boot.mjs', import.meta.url), { workerData: { actorDirs: options.actorDirs ?? [] } });
      worker.on('message', (msg: { id: number; analyses?: DocumentAnalysis[]; error?: string }) => {
        const job = this.pending.get(msg.id);
        if (!job) return;
        this.pending.delete(msg.id);
        if (msg.error) job.reject(new Error(`analysis failed: ${msg.error}`));
        else job.resolve(msg.analyses!);
      });
      worker.on('error', (err) => this.fail(err));
      worker.on('exit', (code) => { if (code !== 0) this.fail(new Error(`analysis worker exited with code ${code}`)); });
      return worker;
    });
  }

  get size(): number { return this.workers.length; }

  async analyze(docs: Document[]): Promise<DocumentAnalysis[]> {
    if (this.failure) throw this.failure;
    if (docs.length === 0) return [];
    const chunk = Math.ceil(docs.length / this.workers.length);
    const parts = this.workers.map((worker, i) => docs.slice(i * chunk, (i + 1) * chunk)).map((part, i) => {
      if (part.length === 0) return Promise.resolve([]);
      const id = this.nextId++;
      return new Promise<DocumentAnalysis[]>((resolve, reject) => {
        this.pending.set(id, { resolve, reject });
        this.workers[i].postMessage({ id, docs: part });
      });
    });
    return (await Promise.all(parts)).flat();
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const job of this.pending.values()) job.reject(err);
    this.pending.clear();
  }
}
