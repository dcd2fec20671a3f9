import type { Document } from '../model/index.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import type { FieldMap, Format, InputSource } from '../ingest/types.ts';
import { READERS } from '../ingest/readers/index.ts';
import { detectFormat } from '../ingest/detect.ts';
import { toDocument } from '../ingest/to-document.ts';
import type { Rejection } from './ingest.ts';

export interface ReadOptions {
  registry: ActorRegistry;
  format?: Format;
  map?: FieldMap;
  defaults?: { source?: string; publishedAt?: string; url?: string };
  maxRecordBytes?: number;
}

export type ReadResult = { doc: Document } | { rejection: Rejection } | { format: Format };

/**
 * Streams one input as Documents: detects the format from the head, runs its reader, normalises each record.
 * Yields the detected format first, then one result per record; never throws for bad records.
 */
export async function* readDocuments(source: InputSource, head: Buffer, options: ReadOptions): AsyncGenerator<ReadResult> {
  const format = detectFormat(source, head, options.format);
  if (typeof format !== 'string') {
    yield { rejection: { file: source.name, reason: format.error, message: format.message } };
    return;
  }
  yield { format };
  const defaults = options.defaults ?? {};
  const ctx = { registry: options.registry, format, file: source.name, at: new Date().toISOString(), defaults };
  try {
    for await (const item of READERS[format](source, {
      map: options.map ?? {}, maxRecordBytes: options.maxRecordBytes ?? 10 * 1024 * 1024, defaults,
    })) {
      if (!item.ok) {
        yield { rejection: { file: source.name, line: item.line, reason: item.reason, message: item.message } };
        continue;
      }
      let result: ReturnType<typeof toDocument>;
      try {
        result = toDocument(item.record, item.line, ctx);
      } catch (err) {
        // A record the normaliser cannot handle costs that record only, never the rest of the file.
        result = { ok: false, reason: 'bad_record', message: (err as Error).message };
      }
      yield result.ok ? { doc: result.doc } : { rejection: { file: source.name, line: item.line, reason: result.reason, message: result.message } };
    }
  } catch (err) {
    yield { rejection: { file: source.name, reason: 'io_error', message: (err as Error).message } };
  }
}
