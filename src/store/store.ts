import type { Assessment, Attribution, Document, DocumentAnalysis, DocumentNarrative, Mention, TextEvent } from '../model/index.ts';

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

export interface MentionFilter {
  /** Any of these narrative ids (the caller expands a narrative to its sub-narratives). */
  narrativeIds?: string[];
  stance?: string;
  actorType?: string;
  actorId?: string;
  since?: string;
  until?: string;
  documentId?: string;
}

export interface MentionCount { narrativeId: string; stance: string; actorType: string; count: number; first: string; last: string }

/** A document reduced to what time-series and coordination analytics need. */
export interface DocumentTime {
  id: string;
  at: string;
  sourceName: string;
  actorId?: string;
  lang: string;
  forwardedFrom?: string;
  replyTo?: string;
}

export interface StoredTextEvent extends TextEvent { documentId: string }
export interface StoredAssessment extends Assessment { documentId: string }
export interface StoredDocumentNarrative extends DocumentNarrative { documentId: string }

/** A user-supplied calendar event (id stable over date + title, so re-importing a calendar adds nothing). */
export interface StoredCalendarEvent { id: string; date: string; title: string; kind: string; source?: string }

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
  listMentions(filter?: MentionFilter, page?: Page): Promise<Mention[]>;
  /** Mentions counted by narrative × stance × actor type, with first and last times. */
  countMentions(filter?: MentionFilter): Promise<MentionCount[]>;
  /** Mentions per narrative, UTC day and stance: sparklines and overviews without reading every mention. */
  dailyMentionCounts(filter?: MentionFilter): Promise<{ narrativeId: string; day: string; stance: string; count: number }[]>;
  /** Publication times (and a little metadata) of matching documents, in time order. */
  documentTimes(filter?: DocumentFilter): Promise<DocumentTime[]>;
  /** Number of documents per UTC day: the corpus volume a narrative's share is measured against. */
  dailyCounts(filter?: DocumentFilter): Promise<{ day: string; count: number }[]>;
  listTextEvents(filter?: { since?: string; until?: string }): Promise<StoredTextEvent[]>;
  listAssessments(filter?: { documentId?: string }): Promise<StoredAssessment[]>;
  listDocumentNarratives(filter?: { documentId?: string; narrativeIds?: string[] }): Promise<StoredDocumentNarrative[]>;
  /** Adds calendar events; returns how many were new. */
  insertCalendarEvents(events: StoredCalendarEvent[]): Promise<number>;
  listCalendarEvents(filter?: { since?: string; until?: string; kind?: string }): Promise<StoredCalendarEvent[]>;
  /** Which of these ids are already stored (used to skip analysis of known documents). */
  existingIds(ids: string[]): Promise<Set<string>>;
  /** Database integrity check; returns problems found (empty when sound). */
  checkIntegrity(): Promise<string[]>;
  close(): Promise<void>;
}
