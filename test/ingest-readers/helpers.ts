/** Shared by the reader tests: temp dirs, in-memory and file inputs, collecting a reader's output. */
import { createReadStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { InputSource, ReadItem, Reader, ReaderOptions } from '../../src/ingest/types.ts';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'narrascope-readers-'));
}

export function fileInput(path: string): InputSource {
  return { name: path, open: () => createReadStream(path) };
}

/** An input served from memory, optionally split into chunks of `chunkSize` bytes to exercise boundaries. */
export function memInput(name: string, content: string | Buffer, chunkSize = 0, contentType?: string): InputSource {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return {
    name,
    contentType,
    open: () => {
      if (!chunkSize) return Readable.from([buf]);
      const chunks: Buffer[] = [];
      for (let i = 0; i < buf.length; i += chunkSize) chunks.push(buf.subarray(i, i + chunkSize));
      return Readable.from(chunks);
    },
  };
}

export function options(over: Partial<ReaderOptions> = {}): ReaderOptions {
  return { map: {}, maxRecordBytes: 1024 * 1024, defaults: {}, ...over };
}

export async function collect(reader: Reader, input: InputSource, opts: ReaderOptions = options()): Promise<ReadItem[]> {
  const out: ReadItem[] = [];
  for await (const item of reader(input, opts)) out.push(item);
  return out;
}

export const oks = (items: ReadItem[]) => items.flatMap((i) => (i.ok ? [i] : []));
export const rejects = (items: ReadItem[]) => items.flatMap((i) => (i.ok ? [] : [i]));
/** `reason@line` of each rejection, the way a user reads an ingest report. */
export const rejectSummary = (items: ReadItem[]) => rejects(items).map((r) => `${r.reason}@${r.line}`);

/** Tracks the peak RSS while `fn` runs (sampling every 5 ms and whenever `sample` is called). */
export async function peakRssGrowth<T>(fn: (sample: () => void) => Promise<T>): Promise<{ result: T; growth: number }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const sample = () => {
    const rss = process.memoryUsage().rss;
    if (rss > peak) peak = rss;
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await fn(sample);
    sample();
    return { result, growth: peak - base };
  } finally {
    clearInterval(timer);
  }
}
