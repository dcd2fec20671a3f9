import type { Attribution, Document, DocumentAnalysis } from '../model/index.ts';

export interface DocumentFilter {
  lang?: string;
  /** Source name, handle or resolved actor id. */
  source?: string;
  actorId?: string;
  /** Full-text query (FTS5 syntax on SQLite; plain words are ANDed). */
  query?: string;
  since?: string;
  until?: string;
}

export interface AttributionFilter {
  /** Speaker actor id or (part of) the speaker's name. */
  speaker?: string;
  speakerType?: string;
  stance?: string;
  since?: string;
  until?: string;
  /** Words that must appear in the content. */
  query?: string;
  documentId?: string;
}

export interface StoredAttribution extends Attribution { documentId: string; index: number; publishedAt: string; lang: string }

export interface SourceStats { sourceName: string; actorId?: string; count: number; first: string; last: string }
export interface DocumentStats {
  count: number;
  first?: string;
  last?: string;
  byLang: Record<string, number>;
  bySource: SourceStats[];
  /** A hash of the stored ids, so a brief records exactly which corpus it was made from. */
  fingerprint: string;
}

export interface Page { limit?: number; offset?: number }

export interface InsertResult { inserted: number; duplicates: number; insertedIds: string[] }

/**
 * What every storage backend offers. Async so that SQLite (embedded, synchronous underneath) and PostgreSQL
 * (network) share one interface and one test suite.
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Inserts documents and their analyses in one transaction, so a crash never leaves a document without its
   * analysis; ids already present are skipped (with their analyses) and counted as duplicates.
   */
  insertDocuments(docs: Document[], analyses?: DocumentAnalysis[]): Promise<InsertResult>;
  listAttributions(filter?: AttributionFilter, page?: Page): Promise<StoredAttribution[]>;
  countAttributions(filter?: AttributionFilter): Promise<number>;
  getDocument(id: string): Promise<Document | undefined>;
  countDocuments(filter?: DocumentFilter): Promise<number>;
  listDocuments(filter?: DocumentFilter, page?: Page): Promise<Document[]>;
  /** Aggregates for briefs and overviews. */
  documentStats(filter?: DocumentFilter): Promise<DocumentStats>;
  /** Which of these ids are already stored (used to skip analysis of known documents). */
  existingIds(ids: string[]): Promise<Set<string>>;
  /** Database integrity check; returns problems found (empty when sound). */
  checkIntegrity(): Promise<string[]>;
  close(): Promise<void>;
}
