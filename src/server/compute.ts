/**
 * Heavy analytics (overview, surges, coordination, brief…) run in worker threads with their own read-only
 * connection to the database, so a recomputation after the corpus changed (seconds on 10^5 documents, synchronous
 * SQLite underneath) never blocks the server's event loop: cached answers and light endpoints stay fast meanwhile.
 * The workers run the very same route handlers (api.ts) on input the main thread has already validated.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';

export interface ComputeRequest { route: string; params: unknown; query: unknown }
export type ComputeResult =
  | { ok: true; body: string; headers: Record<string, string> }
  | { ok: false; status: number; message: string; extra?: Record<string, unknown> };

export interface ComputeOptions {
  /** Database the workers open read-only (a SQLite file path). */
  db: string;
  /** Extra actor registry folders, as given to the CLI. */
  actors: string[];
  /** Worker threads (default: 2, or more on machines with more than 4 cores). */
  size?: number;
}

interface Task { id: number; resolve: (r: ComputeResult) => void; reject: (e: Error) => void }
interface Slot { worker: Worker; tasks: Map<number, Task>; ready: Promise<void>; started: boolean }

const BOOT = new URL('./compute-boot.mjs', import.meta.url);

export class ComputePool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private closed = false;
  private restarts: number[] = [];

  constructor(private readonly opts: ComputeOptions, private readonly log: (line: string) => void = () => {}) {
    const size = opts.size ?? Math.max(2, Math.min(4, availableParallelism() - 1));
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(BOOT, { workerData: { db: this.opts.db, actors: this.opts.actors } });
    const tasks = new Map<number, Task>();
    let started!: () => void;
    const slot: Slot = { worker, tasks, ready: new Promise<void>((r) => { started = r; }), started: false };
    worker.on('message', (m: { ready?: true; id?: number; result?: ComputeResult; error?: string }) => {
      if (m.ready) { slot.started = true; started(); return; }
      const task = m.id !== undefined ? tasks.get(m.id) : undefined;
      if (!task) return;
      tasks.delete(task.id);
      if (m.result) task.resolve(m.result);
      else task.reject(new Error(m.error ?? 'compute worker failed'));
    });
    const fail = (why: string) => {
      for (const t of tasks.values()) t.reject(new Error(why));
      tasks.clear();
      started(); // release waiters; run() then sees the slot gone
      const i = this.slots.indexOf(slot);
      if (i < 0 || this.closed) return;
      const now = Date.now();
      this.restarts = this.restarts.filter((t) => now - t < 60_000);
      if (!slot.started || this.restarts.length >= 10) {
        // A worker that cannot even start (or keeps dying) is not restarted: the server computes inline instead.
        this.slots.splice(i, 1);
        this.log(`compute worker disabled: ${why}`);
        return;
      }
      this.restarts.push(now);
      this.log(`compute worker restarted: ${why}`);
      this.slots[i] = this.spawn();
    };
    worker.on('error', (err) => fail(`compute worker error: ${err.stack ?? err.message}`));
    worker.on('exit', (code) => { if (!this.closed) fail(`compute worker exited with ${code}`); });
    worker.unref();
    return slot;
  }

  /** Tasks queued or running. */
  get pending(): number { return this.slots.reduce((n, s) => n + s.tasks.size, 0); }

  /** False once every worker failed to start: callers then compute inline. */
  get healthy(): boolean { return !this.closed && this.slots.length > 0; }

  /** Runs a route's handler in the least busy worker. */
  async run(req: ComputeRequest): Promise<ComputeResult> {
    if (!this.healthy) throw new Error('compute pool unavailable');
    const slot = this.slots.reduce((a, b) => (b.tasks.size < a.tasks.size ? b : a));
    await slot.ready;
    if (!this.slots.includes(slot)) return this.run(req);
    const id = this.nextId++;
    return new Promise<ComputeResult>((resolve, reject) => {
      slot.tasks.set(id, { id, resolve, reject });
      slot.worker.postMessage({ id, ...req });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
