/**
 * Runs a named task in a worker thread with a time limit, so that a test of "finishes within N seconds" fails after
 * N seconds instead of hanging on a synchronous super-linear loop (which no in-thread timer can interrupt).
 *
 * The worker registers tsx itself (workers do not inherit the loader) and imports this file, which then runs the task.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

export type TaskName = keyof typeof TASKS;

const TASKS = {
  /**
   * A reader over a file: the first 10 items as `reason@line` / `ok:text`, how many items, the last one, and the peak
   * RSS growth seen while reading. Items are not kept, so millions of them cost the harness nothing.
   */
  async read(arg: { format: string; path: string }) {
    const { READERS } = await import('../../src/ingest/readers/index.ts');
    const { fileInput, measure, summary } = await import('./helpers.ts');
    const reader = READERS[arg.format as keyof typeof READERS];
    const { result, growth, ms } = await measure(async () => {
      const items: string[] = [];
      let count = 0;
      let last = '';
      for await (const item of reader(fileInput(arg.path), { map: {}, maxRecordBytes: 10 * 1024 * 1024, defaults: {} })) {
        last = summary([item])[0].slice(0, 40);
        if (items.length < 10) items.push(last);
        count++;
      }
      return { items, count, last };
    });
    return { ...result, growth, ms };
  },
  /** pageRecord of a page whose text sits `depth` <div>s deep. */
  async htmlDeep(depth: number) {
    const { pageRecord } = await import('../../src/ingest/readers/html.ts');
    const r = pageRecord(`<!doctype html><html><body><p>Top paragraph of the page.</p>${'<div>'.repeat(depth)}Deep text here.${'</div>'.repeat(depth)}</body></html>`, undefined);
    return r.ok ? { ok: true, text: r.record.text } : { ok: false, reason: r.reason };
  },
  /** htmlToText (RSS descriptions) of a fragment whose text sits `depth` <div>s deep. */
  async htmlToTextDeep(depth: number) {
    const { htmlToText } = await import('../../src/ingest/readers/html.ts');
    return { text: htmlToText(`<p>Top.</p>${'<div>'.repeat(depth)}Deep text here.${'</div>'.repeat(depth)}<p>After.</p>`) };
  },
  /** A run of `n` blanks without a line break: in a <pre> (htmlToText) and in an Atom xhtml content (plain text). */
  async blankRuns(n: number) {
    const { htmlToText } = await import('../../src/ingest/readers/html.ts');
    const { readRss } = await import('../../src/ingest/readers/rss.ts');
    const { Readable } = await import('node:stream');
    const pre = htmlToText(`<pre>a${' '.repeat(n)}b</pre>`);
    const feed = `<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>t</title><content type="xhtml"><div>a${'\u00a0'.repeat(n)}b</div></content></entry></feed>`;
    const texts: string[] = [];
    for await (const item of readRss({ name: 'feed.xml', open: () => Readable.from([Buffer.from(feed)]) }, { map: {}, maxRecordBytes: 10 * 1024 * 1024, defaults: {} })) texts.push(item.ok ? item.record.text : item.reason);
    return { pre: pre.length, feed: texts.map((t) => t.length) };
  },
  /** The Telegram reader on `depth` nested arrays (a root that is not an export at all). */
  async telegramDeep(depth: number) {
    const { readTelegram } = await import('../../src/ingest/readers/telegram.ts');
    const { Readable } = await import('node:stream');
    const body = Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    const items = [];
    for await (const item of readTelegram({ name: 'result.json', open: () => Readable.from([body]) }, { map: {}, maxRecordBytes: 10 * 1024 * 1024, defaults: {} })) items.push(item);
    return { items: items.length };
  },
  /** analyzeDocument of a text; returns what would be stored. */
  async analyze(arg: { text: string; lang: string }) {
    const { actorRegistry } = await import('../../src/actors/load.ts');
    const { analyzeDocument } = await import('../../src/pipeline/analyze.ts');
    const { mkDoc } = await import('./helpers.ts');
    const a = analyzeDocument(mkDoc(arg.text, arg.lang), { registry: actorRegistry() });
    return {
      attributions: a.attributions.length,
      mentions: a.mentions.length,
      chainLinks: a.attributions.reduce((n, x) => n + x.chain.length, 0),
      storedBytes: JSON.stringify(a).length,
    };
  },
};

export interface Bounded<T> { result?: T; error?: string; ms: number; timedOut: boolean }

/**
 * Runs `task(arg)` in a worker thread, giving up after `timeoutMs`. With `maxHeapMb` it runs in a child process
 * started with `--max-old-space-size=maxHeapMb` instead: a task that needs more heap dies there ('out of memory'),
 * a hard, GC-independent memory bound that cannot take the test process down with it.
 */
export function bounded<K extends TaskName>(task: K, arg: Parameters<(typeof TASKS)[K]>[0], timeoutMs: number, maxHeapMb?: number):
  Promise<Bounded<Awaited<ReturnType<(typeof TASKS)[K]>>>> {
  type R = Bounded<Awaited<ReturnType<(typeof TASKS)[K]>>>;
  const t0 = performance.now();
  return new Promise<R>((resolve) => {
    let done = false;
    let stop = () => {};
    const finish = (r: { result?: unknown; error?: string; timedOut: boolean }) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stop();
      resolve({ ...r, ms: performance.now() - t0 } as R);
    };
    const timer = setTimeout(() => finish({ timedOut: true }), timeoutMs);
    if (maxHeapMb) {
      const child = spawn(process.execPath, [`--max-old-space-size=${maxHeapMb}`, '--import', 'tsx', fileURLToPath(import.meta.url), CHILD_FLAG, JSON.stringify({ task, arg })],
        { stdio: ['ignore', 'pipe', 'pipe'] });
      stop = () => child.kill('SIGKILL');
      let out = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
      child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
      child.on('close', (code, signal) => {
        const line = out.split('\n').find((l) => l.startsWith('{"result"') || l.startsWith('{"error"'));
        if (line) return finish({ ...(JSON.parse(line) as object), timedOut: false });
        const oom = /heap out of memory|Allocation failed|OutOfMemory/i.test(err);
        finish({ error: oom ? 'out of memory' : `exit ${code ?? signal}: ${err.slice(-500)}`, timedOut: false });
      });
      return;
    }
    const tsx = import.meta.resolve('tsx/esm/api');
    const worker = new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`,
      { eval: true, workerData: { task, arg } });
    stop = () => { void worker.terminate(); };
    worker.on('message', (m: { result?: unknown; error?: string }) => finish({ ...m, timedOut: false }));
    worker.on('error', (e: Error) => finish({ error: e.message, timedOut: false }));
  });
}

const CHILD_FLAG = '--narrascope-bounded-task';

function runHere(task: TaskName, arg: never, send: (m: object) => void): void {
  TASKS[task](arg).then(
    (result) => send({ result }),
    (err: Error) => send({ error: err.stack ?? err.message }),
  );
}

if (!isMainThread && workerData && (workerData as { task?: string }).task) {
  const { task, arg } = workerData as { task: TaskName; arg: never };
  runHere(task, arg, (m) => parentPort!.postMessage(m));
} else if (isMainThread && process.argv[2] === CHILD_FLAG) {
  const { task, arg } = JSON.parse(process.argv[3]) as { task: TaskName; arg: never };
  runHere(task, arg, (m) => process.stdout.write(`${JSON.stringify(m)}\n`));
}
