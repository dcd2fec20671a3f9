import Database from 'better-sqlite3';
import { documentFromRow, type DocumentRow } from '../document-row.ts';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Attribution, Document, DocumentAnalysis, Mention } from '../../model/index.ts';
import type {
  AttributionFilter, DocumentFilter, DocumentStats, DocumentTime, InsertResult, MentionCount, MentionFilter, Page, Store,
  StoredAssessment, StoredAttribution, StoredCalendarEvent, StoredDocumentNarrative, StoredTextEvent,
} from '../store.ts';
import { migrate } from './migrate.ts';
import { ftsQuery } from '../fts-query.ts';

/** The embedded default store: one SQLite file in WAL mode, so a crash mid-ingest loses at most the open batch. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly db: Database.Database;
  private readonly insertStmt: Database.Statement;
  private readonly insertMany: (docs: Document[], analyses: Map<string, DocumentAnalysis>) => InsertResult;
  private readonly analysisStmts: Record<'attribution' | 'event' | 'assessment' | 'narrative' | 'mention', Database.Statement>;

  private readonly readonly: boolean;

  constructor(readonly path: string, options: { readonly?: boolean } = {}) {
    // A database the user may not write (an archive, a read-only share) is opened read-only rather than refused.
    this.readonly = options.readonly ?? (existsSync(path) && !writable(path));
    this.db = new Database(path, { readonly: this.readonly, fileMustExist: this.readonly });
    if (!this.readonly) {
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      migrate(this.db);
    }
    this.db.pragma('busy_timeout = 5000');
    this.insertStmt = this.db.prepare(`INSERT OR IGNORE INTO documents
      (id, source_name, source_handle, source_url, actor_id, url, published_at, lang, title, text, kind, meta, ingest)
      VALUES (@id, @source_name, @source_handle, @source_url, @actor_id, @url, @published_at, @lang, @title, @text, @kind, @meta, @ingest)`);
    this.analysisStmts = {
      attribution: this.db.prepare(`INSERT INTO attributions (doc_id, idx, published_at, said_on, speaker_text, speaker_name,
        speaker_actor, speaker_type, cue_text, cue_class, content_text, direct, stance, reporter_actor, lang, json)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      event: this.db.prepare('INSERT INTO text_events (doc_id, idx, date, text, json) VALUES (?, ?, ?, ?, ?)'),
      assessment: this.db.prepare('INSERT INTO assessments (doc_id, idx, by_name, by_actor, verdict, text, json) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      narrative: this.db.prepare('INSERT INTO document_narratives (doc_id, narrative_id, score, stance, json) VALUES (?, ?, ?, ?, ?)'),
      mention: this.db.prepare(`INSERT INTO mentions (narrative_id, doc_id, attribution_idx, actor_id, actor_name, actor_type, stance, at, score)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
    this.insertMany = this.db.transaction((docs: Document[], analyses: Map<string, DocumentAnalysis>) => {
      const insertedIds: string[] = [];
      for (const doc of docs) {
        if (this.insertStmt.run(toRow(doc)).changes === 0) continue;
        insertedIds.push(doc.id);
        const analysis = analyses.get(doc.id);
        if (analysis) this.insertAnalysis(doc, analysis);
      }
      return { inserted: insertedIds.length, duplicates: docs.length - insertedIds.length, insertedIds };
    });
  }

  async insertDocuments(docs: Document[], analyses: DocumentAnalysis[] = []): Promise<InsertResult> {
    return this.insertMany(docs, new Map(analyses.map((a) => [a.documentId, a])));
  }

  private insertAnalysis(doc: Document, analysis: DocumentAnalysis): void {
    const s = this.analysisStmts;
    analysis.attributions.forEach((a, i) => {
      const reporter = a.chain[a.chain.length - 1];
      s.attribution.run(doc.id, i, doc.publishedAt, a.date ?? null, a.speaker.text, a.speaker.name ?? null,
        a.speaker.actorId ?? null, a.speaker.type ?? null, a.cue.text, a.cue.class ?? null, a.content.text,
        a.direct ? 1 : 0, a.stance, reporter?.actorId ?? null, doc.lang, JSON.stringify(a));
    });
    analysis.events.forEach((e, i) => s.event.run(doc.id, i, e.date, e.text, JSON.stringify(e)));
    analysis.assessments.forEach((a, i) =>
      s.assessment.run(doc.id, i, a.by.name, a.by.actorId ?? null, a.verdict, a.text, JSON.stringify(a)));
    for (const n of analysis.narratives) s.narrative.run(doc.id, n.id, n.score, n.stance, JSON.stringify(n));
    for (const m of analysis.mentions) {
      s.mention.run(m.narrativeId, doc.id, m.attributionIndex ?? null, m.actorId ?? null, m.actorName, m.actorType,
        m.stance, m.at, m.score);
    }
  }

  async listAttributions(filter: AttributionFilter = {}, page: Page = {}): Promise<StoredAttribution[]> {
    const { where, params } = attributionWhere(filter);
    const rows = this.db.prepare(`SELECT doc_id, idx, published_at, lang, json FROM attributions a ${where}
      ORDER BY coalesce(a.said_on, a.published_at), a.doc_id, a.idx LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: page.limit ?? 100, offset: page.offset ?? 0 }) as
      { doc_id: string; idx: number; published_at: string; lang: string; json: string }[];
    return rows.map((r) => ({ ...(JSON.parse(r.json) as Attribution), documentId: r.doc_id, index: r.idx, publishedAt: r.published_at, lang: r.lang }));
  }

  async countAttributions(filter: AttributionFilter = {}): Promise<number> {
    const { where, params } = attributionWhere(filter);
    return (this.db.prepare(`SELECT count(*) AS n FROM attributions a ${where}`).get(params) as { n: number }).n;
  }

  async getDocument(id: string): Promise<Document | undefined> {
    const row = this.db.prepare('SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
    return row ? documentFromRow(row) : undefined;
  }

  async countDocuments(filter: DocumentFilter = {}): Promise<number> {
    const { where, params, join } = whereClause(filter);
    const row = this.db.prepare(`SELECT count(*) AS n FROM documents d ${join} ${where}`).get(params) as { n: number };
    return row.n;
  }

  async listDocuments(filter: DocumentFilter = {}, page: Page = {}): Promise<Document[]> {
    const { where, params, join } = whereClause(filter);
    const rows = this.db.prepare(`SELECT d.* FROM documents d ${join} ${where}
      ORDER BY d.published_at, d.id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: page.limit ?? 100, offset: page.offset ?? 0 }) as DocumentRow[];
    return rows.map(documentFromRow);
  }

  async documentStats(filter: DocumentFilter = {}): Promise<DocumentStats> {
    const { where, params, join } = whereClause(filter);
    const totals = this.db.prepare(`SELECT count(*) AS n, min(d.published_at) AS first, max(d.published_at) AS last
      FROM documents d ${join} ${where}`).get(params) as { n: number; first: string | null; last: string | null };
    const byLang: Record<string, number> = {};
    for (const r of this.db.prepare(`SELECT d.lang, count(*) AS n FROM documents d ${join} ${where} GROUP BY d.lang ORDER BY n DESC, d.lang`)
      .all(params) as { lang: string; n: number }[]) byLang[r.lang] = r.n;
    const bySource = (this.db.prepare(`SELECT d.source_name, d.actor_id, count(*) AS n, min(d.published_at) AS first,
        max(d.published_at) AS last FROM documents d ${join} ${where} GROUP BY d.source_name, d.actor_id ORDER BY n DESC, d.source_name, d.actor_id`)
      .all(params) as { source_name: string; actor_id: string | null; n: number; first: string; last: string }[])
      .map((r) => ({ sourceName: r.source_name, ...(r.actor_id ? { actorId: r.actor_id } : {}), count: r.n, first: r.first, last: r.last }));
    const hash = createHash('sha256');
    for (const id of this.db.prepare(`SELECT d.id FROM documents d ${join} ${where} ORDER BY d.id`).pluck().iterate(params)) {
      hash.update(id as string).update('\n');
    }
    return {
      count: totals.n, ...(totals.first ? { first: totals.first } : {}), ...(totals.last ? { last: totals.last } : {}),
      byLang, bySource, fingerprint: `sha256:${hash.digest('hex').slice(0, 32)}`,
    };
  }

  async listMentions(filter: MentionFilter = {}, page: Page = {}): Promise<Mention[]> {
    const { where, params } = mentionWhere(filter);
    const rows = this.db.prepare(`SELECT * FROM mentions m ${where} ORDER BY m.at, m.id LIMIT @limit OFFSET @offset`)
      .all({ ...params, limit: page.limit ?? 1_000_000, offset: page.offset ?? 0 }) as MentionRow[];
    return rows.map((r) => ({
      narrativeId: r.narrative_id, documentId: r.doc_id, ...(r.attribution_idx !== null ? { attributionIndex: r.attribution_idx } : {}),
      ...(r.actor_id ? { actorId: r.actor_id } : {}), actorName: r.actor_name, actorType: r.actor_type as Mention['actorType'],
      stance: r.stance as Mention['stance'], at: r.at, score: r.score,
    }));
  }

  async countMentions(filter: MentionFilter = {}): Promise<MentionCount[]> {
    const { where, params } = mentionWhere(filter);
    return (this.db.prepare(`SELECT narrative_id, stance, actor_type, count(*) AS n, min(at) AS first, max(at) AS last
      FROM mentions m ${where} GROUP BY narrative_id, stance, actor_type ORDER BY narrative_id, n DESC, stance, actor_type`).all(params) as
      { narrative_id: string; stance: string; actor_type: string; n: number; first: string; last: string }[])
      .map((r) => ({ narrativeId: r.narrative_id, stance: r.stance, actorType: r.actor_type, count: r.n, first: r.first, last: r.last }));
  }

  async dailyMentionCounts(filter: MentionFilter = {}): Promise<{ narrativeId: string; day: string; stance: string; count: number }[]> {
    const { where, params } = mentionWhere(filter);
    return (this.db.prepare(`SELECT narrative_id, substr(at, 1, 10) AS day, stance, count(*) AS n FROM mentions m ${where}
      GROUP BY narrative_id, day, stance ORDER BY narrative_id, day, stance`).all(params) as { narrative_id: string; day: string; stance: string; n: number }[])
      .map((r) => ({ narrativeId: r.narrative_id, day: r.day, stance: r.stance, count: r.n }));
  }

  async documentTimes(filter: DocumentFilter = {}): Promise<DocumentTime[]> {
    const { where, params, join } = whereClause(filter);
    const rows = this.db.prepare(`SELECT d.id, d.published_at, d.source_name, d.actor_id, d.lang,
        json_extract(d.meta, '$.forwardedFrom') AS fwd, json_extract(d.meta, '$.replyTo') AS reply
      FROM documents d ${join} ${where} ORDER BY d.published_at, d.id`).all(params) as
      { id: string; published_at: string; source_name: string; actor_id: string | null; lang: string; fwd: unknown; reply: unknown }[];
    return rows.map((r) => ({
      id: r.id, at: r.published_at, sourceName: r.source_name, lang: r.lang, ...(r.actor_id ? { actorId: r.actor_id } : {}),
      ...(r.fwd !== null && r.fwd !== undefined ? { forwardedFrom: String(r.fwd) } : {}),
      ...(r.reply !== null && r.reply !== undefined ? { replyTo: String(r.reply) } : {}),
    }));
  }

  async dailyCounts(filter: DocumentFilter = {}): Promise<{ day: string; count: number }[]> {
    const { where, params, join } = whereClause(filter);
    return (this.db.prepare(`SELECT substr(d.published_at, 1, 10) AS day, count(*) AS n FROM documents d ${join} ${where}
      GROUP BY day ORDER BY day`).all(params) as { day: string; n: number }[]).map((r) => ({ day: r.day, count: r.n }));
  }

  async listTextEvents(filter: { since?: string; until?: string } = {}): Promise<StoredTextEvent[]> {
    const rows = this.db.prepare(`SELECT doc_id, json FROM text_events WHERE (@since IS NULL OR date >= @since)
      AND (@until IS NULL OR date < @until) ORDER BY date, doc_id, idx`)
      .all({ since: filter.since?.slice(0, 10) ?? null, until: filter.until?.slice(0, 10) ?? null }) as { doc_id: string; json: string }[];
    return rows.map((r) => ({ ...JSON.parse(r.json), documentId: r.doc_id }));
  }

  async listAssessments(filter: { documentId?: string } = {}): Promise<StoredAssessment[]> {
    const rows = this.db.prepare(`SELECT doc_id, json FROM assessments WHERE (@doc IS NULL OR doc_id = @doc) ORDER BY doc_id, idx`)
      .all({ doc: filter.documentId ?? null }) as { doc_id: string; json: string }[];
    return rows.map((r) => ({ ...JSON.parse(r.json), documentId: r.doc_id }));
  }

  async listDocumentNarratives(filter: { documentId?: string; narrativeIds?: string[] } = {}): Promise<StoredDocumentNarrative[]> {
    const conditions: string[] = [];
    const params: Record<string, unknown> = {};
    if (filter.documentId) { conditions.push('doc_id = @doc'); params.doc = filter.documentId; }
    if (filter.narrativeIds) {
      conditions.push(`narrative_id IN (SELECT value FROM json_each(@ids))`);
      params.ids = JSON.stringify(filter.narrativeIds);
    }
    const rows = this.db.prepare(`SELECT doc_id, json FROM document_narratives ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY doc_id, narrative_id`).all(params) as { doc_id: string; json: string }[];
    return rows.map((r) => ({ ...JSON.parse(r.json), documentId: r.doc_id }));
  }

  async insertCalendarEvents(events: StoredCalendarEvent[]): Promise<number> {
    const stmt = this.db.prepare('INSERT OR IGNORE INTO calendar_events (id, date, title, kind, source) VALUES (?, ?, ?, ?, ?)');
    return this.db.transaction(() => events.reduce((n, e) => n + stmt.run(e.id, e.date, e.title, e.kind, e.source ?? null).changes, 0))();
  }

  async listCalendarEvents(filter: { since?: string; until?: string; kind?: string } = {}): Promise<StoredCalendarEvent[]> {
    const rows = this.db.prepare(`SELECT id, date, title, kind, source FROM calendar_events
      WHERE (@since IS NULL OR date >= @since) AND (@until IS NULL OR date < @until) AND (@kind IS NULL OR kind = @kind)
      ORDER BY date, title, id`).all({ since: filter.since?.slice(0, 10) ?? null, until: filter.until?.slice(0, 10) ?? null, kind: filter.kind ?? null }) as
      { id: string; date: string; title: string; kind: string; source: string | null }[];
    return rows.map((r) => ({ id: r.id, date: r.date, title: r.title, kind: r.kind, ...(r.source ? { source: r.source } : {}) }));
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    const stmt = this.db.prepare('SELECT id FROM documents WHERE id = ?').pluck();
    for (const id of ids) if (stmt.get(id) !== undefined) found.add(id);
    return found;
  }

  async checkIntegrity(): Promise<string[]> {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    const fts = this.db.prepare(`INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')`);
    try { fts.run(); } catch (err) { problems.push(`fts: ${(err as Error).message}`); }
    return problems;
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    if (!this.readonly) {
      // Leave a self-contained file: without WAL side files it can be copied, and opened where it cannot be written.
      // Fails harmlessly while another connection (a server, a second ingest) still has the database open.
      try { this.db.pragma('journal_mode = DELETE'); } catch { /* still shared: stays in WAL mode */ }
    }
    this.db.close();
  }
}

function whereClause(filter: DocumentFilter): { where: string; params: Record<string, unknown>; join: string } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  let join = '';
  if (filter.lang) { conditions.push('d.lang = @lang'); params.lang = filter.lang; }
  if (filter.source) {
    conditions.push('(d.source_name = @source OR d.source_handle = @source OR d.actor_id = @source)');
    params.source = filter.source;
  }
  if (filter.actorId) { conditions.push('d.actor_id = @actorId'); params.actorId = filter.actorId; }
  if (filter.since) { conditions.push('d.published_at >= @since'); params.since = filter.since; }
  if (filter.until) { conditions.push('d.published_at < @until'); params.until = filter.until; }
  if (filter.query) {
    const match = ftsQuery(filter.query);
    if (match) {
      join = 'JOIN documents_fts f ON f.rowid = d.rowid';
      conditions.push('documents_fts MATCH @match');
      params.match = match;
    }
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params, join };
}

interface MentionRow {
  narrative_id: string; doc_id: string; attribution_idx: number | null; actor_id: string | null; actor_name: string;
  actor_type: string; stance: string; at: string; score: number;
}

function mentionWhere(filter: MentionFilter): { where: string; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.narrativeIds) {
    conditions.push('m.narrative_id IN (SELECT value FROM json_each(@narrativeIds))');
    params.narrativeIds = JSON.stringify(filter.narrativeIds);
  }
  if (filter.stance) { conditions.push('m.stance = @stance'); params.stance = filter.stance; }
  if (filter.actorType) { conditions.push('m.actor_type = @actorType'); params.actorType = filter.actorType; }
  if (filter.actorId) { conditions.push('m.actor_id = @actorId'); params.actorId = filter.actorId; }
  if (filter.since) { conditions.push('m.at >= @since'); params.since = filter.since; }
  if (filter.until) { conditions.push('m.at < @until'); params.until = filter.until; }
  if (filter.documentId) { conditions.push('m.doc_id = @documentId'); params.documentId = filter.documentId; }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function attributionWhere(filter: AttributionFilter): { where: string; params: Record<string, unknown> } {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.speaker) {
    conditions.push(`(a.speaker_actor = @speaker OR a.speaker_name LIKE @speakerLike ESCAPE '\\' OR a.speaker_text LIKE @speakerLike ESCAPE '\\')`);
    params.speaker = filter.speaker;
    params.speakerLike = `%${escapeLike(filter.speaker)}%`;
  }
  if (filter.speakerType) { conditions.push('a.speaker_type = @speakerType'); params.speakerType = filter.speakerType; }
  if (filter.stance) { conditions.push('a.stance = @stance'); params.stance = filter.stance; }
  if (filter.since) { conditions.push('coalesce(a.said_on, a.published_at) >= @since'); params.since = filter.since; }
  if (filter.until) { conditions.push('coalesce(a.said_on, a.published_at) < @until'); params.until = filter.until; }
  if (filter.documentId) { conditions.push('a.doc_id = @documentId'); params.documentId = filter.documentId; }
  if (filter.query) {
    (filter.query.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16).forEach((word, i) => {
      conditions.push(`a.content_text LIKE @q${i} ESCAPE '\\'`);
      params[`q${i}`] = `%${escapeLike(word)}%`;
    });
  }
  return { where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

function escapeLike(text: string): string {
  // NUL would end SQLite's LIKE pattern early and match everything: drop it.
  return text.replace(/\u0000/g, '').replace(/[\\%_]/g, (c) => `\\${c}`);
}

function toRow(doc: Document): Record<string, unknown> {
  return {
    id: doc.id,
    source_name: doc.source.name,
    source_handle: doc.source.handle ?? null,
    source_url: doc.source.url ?? null,
    actor_id: doc.source.actorId ?? null,
    url: doc.url ?? null,
    published_at: doc.publishedAt,
    lang: doc.lang,
    title: doc.title ?? null,
    text: doc.text,
    kind: doc.kind,
    meta: JSON.stringify(doc.meta),
    ingest: JSON.stringify(doc.ingest),
  };
}

/**
 * What a user should read for a SQLite error about the database file at `path` (as given on the command line):
 * disk full, read-only file, folder or mount, a file that cannot be created — each naming the file. Null for any
 * other error.
 */
export function describeSqliteError(err: unknown, path: string): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  const dir = dirname(path);
  // better-sqlite3's own check, before SQLite: "Cannot open database because the directory does not exist".
  if (err instanceof TypeError && /directory does not exist/.test(err.message) && !existsSync(dir)) return `cannot open ${path}: its folder does not exist`;
  if (typeof code !== 'string') return null;
  if (code === 'SQLITE_FULL') return `cannot write ${path}: the disk is full`;
  if (code.startsWith('SQLITE_READONLY')) return `cannot write ${path}: the file or its folder is read-only`;
  if (!code.startsWith('SQLITE_CANTOPEN')) return null;
  if (!existsSync(dir)) return `cannot open ${path}: its folder does not exist`;
  if (!existsSync(path)) return canWrite(dir) ? null : `cannot create ${path}: its folder is read-only`;
  return writable(path) ? null : `cannot write ${path}: the file or its folder is read-only`;
}

function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function writable(path: string): boolean {
  return canWrite(path) && canWrite(dirname(path));
}
