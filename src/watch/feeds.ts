/**
 * Polling a feed or a page: a conditional GET with the validators of the last answer (ETag → If-None-Match,
 * Last-Modified → If-Modified-Since); a 304, or a body identical to the last one, stores nothing; otherwise the
 * body goes through the normal reader for its format and only documents not yet stored are analysed and stored.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ActorRegistry } from '../actors/registry.ts';
import type { Document, DocumentAnalysis } from '../model/index.ts';
import type { InputSource } from '../ingest/types.ts';
import type { Store } from '../store/store.ts';
import type { Rejection } from '../pipeline/ingest.ts';
import { readDocuments } from '../pipeline/read.ts';
import type { UrlSourceConfig } from './config.ts';
import { conditionalGet, type AddressPolicy, type ConditionalGetResult } from './http.ts';
import type { SourceState } from './state.ts';

export interface IngestContext {
  store: Store;
  registry: ActorRegistry;
  analyze?: (docs: Document[]) => DocumentAnalysis[] | Promise<DocumentAnalysis[]>;
  onReject?: (r: Rejection) => void;
  batchSize?: number;
}

export interface SourceIngestResult { read: number; stored: number; duplicates: number; rejected: number; insertedIds: string[] }

const CHUNK = 64 * 1024;

/** A fetched body as an InputSource that can be opened any number of times. */
export function bufferSource(name: string, body: Buffer, contentType?: string): InputSource {
  return {
    name,
    ...(contentType ? { contentType } : {}),
    open: () => Readable.from((function* () { for (let i = 0; i < body.length; i += CHUNK) yield body.subarray(i, i + CHUNK); })()),
  };
}

/**
 * Reads one input into the store like `ingestPaths` does for a file: batched, analysis only for documents whose
 * id is not stored yet, document and analysis in one transaction. Returns what was stored.
 */
export async function ingestSource(source: InputSource, head: Buffer, ctx: IngestContext,
  read: { format?: UrlSourceConfig['format']; defaults?: { source?: string } } = {}): Promise<SourceIngestResult> {
  const out: SourceIngestResult = { read: 0, stored: 0, duplicates: 0, rejected: 0, insertedIds: [] };
  const batchSize = ctx.batchSize ?? 500;
  let batch: Document[] = [];
  const seen = new Set<string>();
  const flush = async () => {
    if (!batch.length) return;
    const docs = batch;
    batch = [];
    let analyses: DocumentAnalysis[] = [];
    if (ctx.analyze) {
      const known = await ctx.store.existingIds(docs.map((d) => d.id));
      analyses = await ctx.analyze(docs.filter((d) => !known.has(d.id)));
    }
    const r = await ctx.store.insertDocuments(docs, analyses);
    out.stored += r.inserted;
    out.duplicates += r.duplicates;
    out.insertedIds.push(...r.insertedIds);
  };
  for await (const result of readDocuments(source, head, {
    registry: ctx.registry, ...(read.format ? { format: read.format } : {}), ...(read.defaults ? { defaults: read.defaults } : {}),
  })) {
    if ('format' in result) continue;
    out.read++;
    if ('rejection' in result) { out.rejected++; ctx.onReject?.(result.rejection); continue; }
    if (seen.has(result.doc.id)) { out.duplicates++; continue; }
    seen.add(result.doc.id);
    batch.push(result.doc);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  return out;
}

export interface PollOptions extends AddressPolicy { timeoutMs: number; maxBytes: number; userAgent: string; signal?: AbortSignal }

export type PollOutcome =
  | { kind: 'not_modified'; status: 304 }
  | { kind: 'unchanged'; status: 200 }
  | { kind: 'ingested'; status: 200; result: SourceIngestResult };

/**
 * The network half of a poll: a conditional GET with the source's validators. Throws an HttpError on failure
 * (the caller decides the backoff); a 304 updates the bookkeeping only.
 */
export async function fetchSource(src: UrlSourceConfig, state: SourceState, opts: PollOptions): Promise<ConditionalGetResult> {
  const res = await conditionalGet(src.url, {
    ...(state.etag ? { etag: state.etag } : {}), ...(state.lastModified ? { lastModified: state.lastModified } : {}),
    maxBytes: opts.maxBytes, timeoutMs: opts.timeoutMs, userAgent: opts.userAgent,
    allowPrivate: opts.allowPrivate, allowHosts: opts.allowHosts, ...(opts.signal ? { signal: opts.signal } : {}),
  });
  state.polls++;
  state.lastPollAt = new Date().toISOString();
  state.lastStatus = res.status;
  return res;
}

/** The storage half: a changed body goes through its reader; only documents not stored yet are analysed and stored. */
export async function ingestFetched(src: UrlSourceConfig, state: SourceState, res: ConditionalGetResult, ctx: IngestContext): Promise<PollOutcome> {
  if (res.status === 304) return { kind: 'not_modified', status: 304 };
  const hash = createHash('sha1').update(res.body).digest('hex');
  const validators = () => {
    // Keep the validators the server sent this time (dropping old ones it no longer sends).
    if (res.etag) state.etag = res.etag; else delete state.etag;
    if (res.lastModified) state.lastModified = res.lastModified; else delete state.lastModified;
  };
  if (hash === state.bodyHash) { validators(); return { kind: 'unchanged', status: 200 }; }
  const source = bufferSource(src.url, res.body, res.contentType);
  const result = await ingestSource(source, res.body.subarray(0, 64 * 1024), ctx, {
    ...(src.format ? { format: src.format } : {}), ...(src.source ? { defaults: { source: src.source } } : {}),
  });
  // Validators only once the body is stored: a crash in between re-fetches rather than skipping documents.
  validators();
  state.bodyHash = hash;
  state.stored += result.stored;
  return { kind: 'ingested', status: 200, result };
}

/** One poll of a feed or URL: fetch, then ingest what changed. */
export async function pollSource(src: UrlSourceConfig, state: SourceState, ctx: IngestContext, opts: PollOptions): Promise<PollOutcome> {
  return ingestFetched(src, state, await fetchSource(src, state, opts), ctx);
}
