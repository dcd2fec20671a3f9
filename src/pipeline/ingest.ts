import { Transform, type Readable } from 'node:stream';
import { statSync } from 'node:fs';
import type { Document, DocumentAnalysis } from '../model/index.ts';
import type { Store } from '../store/store.ts';
import type { InputSource, RejectReason } from '../ingest/types.ts';
import type { ReadOptions } from './read.ts';
import { openUrl } from '../ingest/fetch.ts';
import { readDocuments } from './read.ts';
import { expandPaths, fileSource, peekSource, readHead } from './inputs.ts';

export interface IngestOptions extends ReadOptions {
  store: Store;
  batchSize?: number;
  fetch?: { allowPrivate?: boolean; allowHosts?: string[]; maxBytes?: number; timeoutMs?: number };
  stdin?: Readable;
  /** Per-document analysis of the documents not yet stored; stored in the same transaction as they are. */
  analyze?: (docs: Document[]) => DocumentAnalysis[] | Promise<DocumentAnalysis[]>;
  onProgress?: (progress: IngestProgress) => void;
  onReject?: (rejection: Rejection) => void;
}

export interface Rejection { file: string; line?: number; reason: RejectReason | string; message: string }

export interface IngestSummary {
  read: number;
  stored: number;
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
  files: number;
  byFormat: Record<string, number>;
  seconds: number;
}

export interface IngestProgress extends IngestSummary { bytesRead: number; bytesTotal: number; currentFile: string }

/**
 * Streams every input through its reader into the store in batched transactions.
 * Memory stays bounded by the batch size; a crash loses at most the open batch, and re-running skips stored ids.
 */
export async function ingestPaths(paths: string[], options: IngestOptions): Promise<IngestSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? 1000;
  const summary: IngestSummary = { read: 0, stored: 0, duplicates: 0, rejected: 0, rejectedByReason: {}, files: 0, byFormat: {}, seconds: 0 };
  const expanded = expandPaths(paths);
  const bytesTotal = expanded.files.reduce((sum, f) => sum + statSync(f).size, 0);
  let bytesRead = 0;
  let currentFile = '';
  const progress = () => options.onProgress?.({ ...summary, seconds: (Date.now() - started) / 1000, bytesRead, bytesTotal, currentFile });

  const reject = (r: Rejection) => {
    summary.rejected++;
    summary.rejectedByReason[r.reason] = (summary.rejectedByReason[r.reason] ?? 0) + 1;
    options.onReject?.(r);
  };
  for (const path of expanded.missing) reject({ file: path, reason: 'io_error', message: 'no such file or folder' });

  let batch: Document[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const docs = batch;
    batch = [];
    let analyses: DocumentAnalysis[] = [];
    if (options.analyze) {
      // Analyse only what is new: re-running an ingest must be cheap.
      const known = await options.store.existingIds(docs.map((d) => d.id));
      analyses = await options.analyze(docs.filter((d) => !known.has(d.id)));
    }
    const result = await options.store.insertDocuments(docs, analyses);
    summary.stored += result.inserted;
    summary.duplicates += result.duplicates;
    progress();
  };

  const ingestOne = async (source: InputSource, head: Buffer, countBytes: boolean) => {
    currentFile = source.name;
    summary.files++;
    const counted: InputSource = countBytes
      ? { ...source, open: () => source.open().pipe(new Transform({ transform(chunk, _enc, cb) { bytesRead += chunk.length; cb(null, chunk); } })) }
      : source;
    const seenInBatch = new Set<string>();
    for await (const result of readDocuments(counted, head, options)) {
      if ('format' in result) {
        summary.byFormat[result.format] = (summary.byFormat[result.format] ?? 0) + 1;
        continue;
      }
      summary.read++;
      if ('rejection' in result) { reject(result.rejection); continue; }
      // Two identical records in one batch: the second is a duplicate, as INSERT OR IGNORE would count it.
      if (seenInBatch.has(result.doc.id)) { summary.duplicates++; continue; }
      seenInBatch.add(result.doc.id);
      batch.push(result.doc);
      if (batch.length >= batchSize) { await flush(); seenInBatch.clear(); }
    }
    await flush();
  };

  for (const file of expanded.files) {
    let head: Buffer;
    try { head = await readHead(file); } catch (err) {
      reject({ file, reason: 'io_error', message: (err as Error).message });
      continue;
    }
    await ingestOne(fileSource(file), head, true);
  }
  for (const url of expanded.urls) {
    try {
      const source = await openUrl(url, {
        allowPrivate: options.fetch?.allowPrivate ?? false,
        allowHosts: options.fetch?.allowHosts ?? [],
        maxBytes: options.fetch?.maxBytes ?? 50 * 1024 * 1024,
        timeoutMs: options.fetch?.timeoutMs ?? 30_000,
      });
      const peeked = await peekSource(url, source.open(), 64 * 1024, source.contentType);
      await ingestOne(peeked.source, peeked.head, false);
    } catch (err) {
      summary.read++;
      reject({ file: url, reason: 'fetch_failed', message: (err as Error).message });
    }
  }
  if (expanded.stdin) {
    const peeked = await peekSource('-', options.stdin ?? process.stdin);
    await ingestOne(peeked.source, peeked.head, false);
  }
  summary.seconds = (Date.now() - started) / 1000;
  progress();
  return summary;
}
