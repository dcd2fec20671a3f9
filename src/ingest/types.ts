import type { Readable } from 'node:stream';
import type { DocumentKind } from '../model/index.ts';

/** Input formats a reader exists for. */
export const FORMATS = ['jsonl', 'json', 'csv', 'tsv', 'telegram', 'rss', 'html', 'text'] as const;
export type Format = (typeof FORMATS)[number];

/** Field mapping from the user's `--map text=body,publishedAt=date,source=channel`. */
export type FieldMap = Partial<Record<MappableField, string>>;
export const MAPPABLE_FIELDS = ['id', 'text', 'title', 'publishedAt', 'source', 'handle', 'url', 'lang', 'kind'] as const;
export type MappableField = (typeof MAPPABLE_FIELDS)[number];

/**
 * One record as a reader sees it, before normalisation into a Document.
 * Readers stay close to the source format; the ingest pipeline turns this into a Document.
 */
export interface RawRecord {
  text: string;
  title?: string;
  /** As found in the source (ISO string, RFC 822, unix seconds...); parsed by the pipeline. */
  publishedAt?: string | number | Date;
  source?: { name?: string; handle?: string; url?: string; platformId?: string };
  url?: string;
  /** The platform's own id of the item (Telegram message id, RSS guid, CSV id column). */
  platformId?: string;
  kind?: DocumentKind;
  lang?: string;
  meta?: Record<string, unknown>;
}

export type ReadItem =
  | { ok: true; record: RawRecord; line?: number }
  | { ok: false; reason: RejectReason; message: string; line?: number };

/** Reasons a record is rejected; also the keys of `rejectedByReason`. */
export type RejectReason =
  | 'bad_json' | 'bad_csv_row' | 'bad_xml' | 'bad_date' | 'empty_text' | 'invalid_utf8' | 'line_too_long'
  | 'binary_file' | 'unsupported_format' | 'fetch_failed' | 'too_large' | 'bad_record' | 'io_error';

/** Where the bytes come from: a file, stdin or a URL the user gave. */
export interface InputSource {
  /** Path, URL or "-": used in error messages and in Document.ingest.file. */
  name: string;
  /** A fresh byte stream each call. */
  open(): Readable;
  /** Content type when known (HTTP), to help format detection. */
  contentType?: string;
}

export interface ReaderOptions {
  map: FieldMap;
  /** Upper bound on one line / record in bytes; longer ones are rejected as `line_too_long`. */
  maxRecordBytes: number;
  /** Defaults applied by readers that have no such field (plain text): from CLI flags or a sidecar. */
  defaults: { source?: string; publishedAt?: string; url?: string };
}

/** A reader: streams records out of one input. Must not hold the whole input in memory (except HTML/text pages). */
export type Reader = (input: InputSource, options: ReaderOptions) => AsyncIterable<ReadItem>;
