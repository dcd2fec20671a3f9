import pg from 'pg';
import { documentFromRow, type DocumentRow } from '../document-row.ts';
import { createHash } from 'node:crypto';
import type { Attribution, Document, DocumentAnalysis, Mention } from '../../model/index.ts';
import type {
  AttributionFilter, DocumentFilter, DocumentStats, DocumentTime, InsertResult, MentionCount, MentionFilter, Page, Store,
  StoredAssessment, StoredAttribution, StoredCalendarEvent, StoredDocumentNarrative, StoredTextEvent,
} from '../store.ts';
import { LATEST_VERSION, migrate, schemaVersion } from './migrate.ts';

export interface PostgresStoreOptions {
  readonly?: boolean;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** Name shown in pg_stat_activity. */
  applicationName?: string;
}

/** pg_advisory_xact_lock key serialising the creation of mention partitions ("narrpart"). */
const PARTITION_LOCK = '7953205237614162292';
/** Columns of documents returned to callers (never the tsvector). */
const DOC_COLUMNS = 'd.id, d.source_name, d.source_handle, d.source_url, d.actor_id, d.url, d.published_at, d.lang, d.title, d.text, d.kind, d.meta::text AS meta, d.ingest::text AS ingest';

/**
 * PostgreSQL storage (teams and workers, DESIGN.md §5): the same results, ordering and duplicate counting as
 * SqliteStore, checked by the shared contract tests (test/store/store-contract.ts).
 *
 * - Text columns are COLLATE "C", so ordering is bytewise like SQLite's BINARY collation.
 * - DocumentFilter.query: a generated tsvector (migrations/001) holds the document's words folded exactly as
 *   SQLite's unicode61 tokenizer folds them (weight A) plus the words stemmed for the document's language (weight D);
 *   each query word becomes a weight-A prefix term, ANDed, so "Орешник" finds "Орешника" and nothing more than
 *   SQLite finds. The stemmed lexemes are there for stemmed search and ranking.
 * - Substring filters on attributions (LIKE, ASCII-only case-insensitive as in SQLite) use pg_trgm indexes.
 * - Mentions are partitioned by month of `at`; partitions are created on demand before inserting.
 */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  readonly pool: pg.Pool;
  private readonly knownPartitions = new Set<string>();
  private partitionsLoaded = false;

  private constructor(readonly url: string, private readonly options: PostgresStoreOptions = {}) {
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'narrascope',
      ...(options.readonly ? { options: '-c default_transaction_read_only=on' } : {}),
    });
    // An idle connection dropped by the server must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  /** Connects and brings the schema up to date (read-only stores only check that it is). */
  static async open(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const store = new PostgresStore(url, options);
    try {
      if (options.readonly) {
        const version = await schemaVersion(store.pool);
        if (version === 0) throw new Error('this PostgreSQL database has no Narrascope schema yet (ingest something first)');
        if (version < LATEST_VERSION) throw new Error(`this PostgreSQL database has schema version ${version}; open it read-write once to upgrade to ${LATEST_VERSION}`);
      } else {
        await migrate(store.pool);
      }
    } catch (err) {
      await store.pool.end().catch(() => undefined);
      throw err;
    }
    return store;
  }

  private async tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (err as { code?: string }).code;
        // Deadlock or serialization failure between concurrent writers: the transaction is safe to retry.
        if ((code === '40P01' || code === '40001') && attempt < 5) continue;
        throw err;
      } finally {
        client.release();
      }
    }
  }

  async insertDocuments(docs: Document[], analyses: DocumentAnalysis[] = []): Promise<InsertResult> {
    if (docs.length === 0) return { inserted: 0, duplicates: 0, insertedIds: [] };
    const byId = new Map(analyses.map((a) => [a.documentId, a]));
    // INSERT OR IGNORE semantics: the first occurrence of an id wins; later ones (in this call or stored) are duplicates.
    const unique = new Map<string, Document>();
    for (const doc of docs) if (!unique.has(doc.id) && insertable(doc)) unique.set(doc.id, doc);
    const months = new Set<string>();
    for (const id of unique.keys()) for (const m of byId.get(id)?.mentions ?? []) { const k = monthOf(m.at); if (k) months.add(k); }
    await this.ensureMentionPartitions([...months]);
    // Rows go in id order so that concurrent writers take unique-index locks in one order (no deadlocks).
    const sorted = [...unique.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const insertedSet = await this.tx(async (client) => {
      // Known ids are skipped before the INSERT, so their full-text vector is never computed; ON CONFLICT still
      // settles races with concurrent writers. (A plain SELECT also keeps the INSERT simple enough for Citus.)
      const known = new Set((await client.query('SELECT id FROM documents WHERE id = ANY($1::text[])', [sorted.map((d) => d.id)]))
        .rows.map((r) => r.id as string));
      const rows = sorted.filter((d) => !known.has(d.id));
      if (rows.length === 0) return new Set<string>();
      const col = <T>(f: (d: Document) => T) => rows.map(f);
      const res = await client.query(`INSERT INTO documents
          (id, source_name, source_handle, source_url, actor_id, url, published_at, lang, title, text, kind, meta, ingest)
        SELECT t.id, t.source_name, t.source_handle, t.source_url, t.actor_id, t.url, t.published_at, t.lang, t.title, t.text,
          t.kind, t.meta::json, t.ingest::json
        FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
          $10::text[], $11::text[], $12::text[], $13::text[])
          AS t(id, source_name, source_handle, source_url, actor_id, url, published_at, lang, title, text, kind, meta, ingest)
        ON CONFLICT (id) DO NOTHING RETURNING id`, [
        col((d) => d.id), col((d) => clean(d.source.name)), col((d) => cleanOpt(d.source.handle)), col((d) => cleanOpt(d.source.url)),
        col((d) => cleanOpt(d.source.actorId)), col((d) => cleanOpt(d.url)), col((d) => clean(d.publishedAt)), col((d) => clean(d.lang)),
        col((d) => cleanOpt(d.title)), col((d) => clean(d.text)), col((d) => clean(d.kind)), col((d) => JSON.stringify(d.meta)),
        col((d) => JSON.stringify(d.ingest)),
      ]);
      const inserted = new Set(res.rows.map((r) => r.id as string));
      const newDocs = [...unique.values()].filter((d) => inserted.has(d.id));
      await this.insertAnalyses(client, newDocs.flatMap((d) => { const a = byId.get(d.id); return a ? [[d, a] as const] : []; }));
      return inserted;
    });
    const insertedIds = [...unique.keys()].filter((id) => insertedSet.has(id));
    return { inserted: insertedIds.length, duplicates: docs.length - insertedIds.length, insertedIds };
  }

  private async insertAnalyses(client: pg.PoolClient, items: (readonly [Document, DocumentAnalysis])[]): Promise<void> {
    if (items.length === 0) return;
    const at: unknown[][] = Array.from({ length: 16 }, () => []);
    const ev: unknown[][] = Array.from({ length: 5 }, () => []);
    const as: unknown[][] = Array.from({ length: 7 }, () => []);
    const na: unknown[][] = Array.from({ length: 5 }, () => []);
    const me: unknown[][] = Array.from({ length: 9 }, () => []);
    const push = (cols: unknown[][], values: unknown[]) => values.forEach((v, i) => cols[i].push(v));
    for (const [doc, analysis] of items) {
      analysis.attributions.forEach((a, i) => {
        const reporter = a.chain[a.chain.length - 1];
        push(at, [doc.id, i, clean(doc.publishedAt), cleanOpt(a.date), clean(a.speaker.text), cleanOpt(a.speaker.name),
          cleanOpt(a.speaker.actorId), cleanOpt(a.speaker.type), clean(a.cue.text), cleanOpt(a.cue.class), clean(a.content.text),
          a.direct, clean(a.stance), cleanOpt(reporter?.actorId), clean(doc.lang), JSON.stringify(a)]);
      });
      analysis.events.forEach((e, i) => push(ev, [doc.id, i, clean(e.date), clean(e.text), JSON.stringify(e)]));
      analysis.assessments.forEach((a, i) =>
        push(as, [doc.id, i, clean(a.by.name), cleanOpt(a.by.actorId), clean(a.verdict), clean(a.text), JSON.stringify(a)]));
      for (const n of analysis.narratives) push(na, [doc.id, clean(n.id), n.score, clean(n.stance), JSON.stringify(n)]);
      for (const m of analysis.mentions) {
        push(me, [clean(m.narrativeId), doc.id, m.attributionIndex ?? null, cleanOpt(m.actorId), clean(m.actorName),
          clean(m.actorType), clean(m.stance), clean(m.at), m.score]);
      }
    }
    if (at[0].length) {
      await client.query(`INSERT INTO attributions (doc_id, idx, published_at, said_on, speaker_text, speaker_name, speaker_actor,
          speaker_type, cue_text, cue_class, content_text, direct, stance, reporter_actor, lang, json)
        SELECT t.doc_id, t.idx, t.published_at, t.said_on, t.speaker_text, t.speaker_name, t.speaker_actor, t.speaker_type,
          t.cue_text, t.cue_class, t.content_text, t.direct, t.stance, t.reporter_actor, t.lang, t.json::json
        FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
          $10::text[], $11::text[], $12::bool[], $13::text[], $14::text[], $15::text[], $16::text[])
          AS t(doc_id, idx, published_at, said_on, speaker_text, speaker_name, speaker_actor, speaker_type, cue_text, cue_class,
            content_text, direct, stance, reporter_actor, lang, json)`, at);
    }
    if (ev[0].length) {
      await client.query(`INSERT INTO text_events (doc_id, idx, date, text, json)
        SELECT t.a, t.b, t.c, t.d, t.e::json FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS t(a, b, c, d, e)`, ev);
    }
    if (as[0].length) {
      await client.query(`INSERT INTO assessments (doc_id, idx, by_name, by_actor, verdict, text, json)
        SELECT t.a, t.b, t.c, t.d, t.e, t.f, t.g::json
        FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(a, b, c, d, e, f, g)`, as);
    }
    if (na[0].length) {
      // (doc_id, narrative_id) is the key: a repeated narrative id in one analysis fails the batch, as on SQLite.
      await client.query(`INSERT INTO document_narratives (doc_id, narrative_id, score, stance, json)
        SELECT t.a, t.b, t.c, t.d, t.e::json
        FROM unnest($1::text[], $2::text[], $3::float8[], $4::text[], $5::text[]) AS t(a, b, c, d, e)`, na);
    }
    if (me[0].length) {
      // WITH ORDINALITY + ORDER BY: mention ids follow the order of the analyses, as SQLite's rowids do.
      await client.query(`INSERT INTO mentions (narrative_id, doc_id, attribution_idx, actor_id, actor_name, actor_type, stance, at, score)
        SELECT t.a, t.b, t.c, t.d, t.e, t.f, t.g, t.h, t.i
        FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::float8[])
          WITH ORDINALITY AS t(a, b, c, d, e, f, g, h, i, n) ORDER BY t.n`, me);
    }
  }

  /**
   * Creates the monthly mention partitions these months need (YYYY-MM), in their own short transaction under an
   * advisory lock, before the insert transaction: DDL inside concurrent insert transactions would deadlock them.
   */
  async ensureMentionPartitions(months: string[]): Promise<void> {
    if (!this.partitionsLoaded) {
      const r = await this.pool.query(`SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'mentions'::regclass`);
      for (const row of r.rows) { const m = /^mentions_p(\d{4})_(\d{2})$/.exec(row.relname); if (m) this.knownPartitions.add(`${m[1]}-${m[2]}`); }
      this.partitionsLoaded = true;
    }
    const missing = months.filter((m) => !this.knownPartitions.has(m)).sort();
    if (missing.length === 0) return;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = '60s'`);
      await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [PARTITION_LOCK]);
      for (const month of missing) {
        await client.query('SAVEPOINT p');
        try {
          await client.query(`CREATE TABLE IF NOT EXISTS mentions_p${month.replace('-', '_')} PARTITION OF mentions
            FOR VALUES FROM ('${month}') TO ('${nextMonth(month)}')`);
          await client.query('RELEASE SAVEPOINT p');
        } catch (err) {
          // The default partition already holds rows of this month (inserted by hand): they stay there, still correct.
          await client.query('ROLLBACK TO SAVEPOINT p');
          if ((err as { code?: string }).code !== '23514') throw err;
        }
      }
      await client.query('COMMIT');
      for (const month of missing) this.knownPartitions.add(month);
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async listAttributions(filter: AttributionFilter = {}, page: Page = {}): Promise<StoredAttribution[]> {
    const p = new Params();
    const where = attributionWhere(filter, p);
    const rows = (await this.pool.query(`SELECT a.doc_id, a.idx, a.published_at, a.lang, a.json::text AS json FROM attributions a ${where}
      ORDER BY coalesce(a.said_on, a.published_at), a.doc_id, a.idx ${limitOffset(page, 100, p)}`, p.values)).rows as
      { doc_id: string; idx: number; published_at: string; lang: string; json: string }[];
    return rows.map((r) => ({ ...(JSON.parse(r.json) as Attribution), documentId: r.doc_id, index: r.idx, publishedAt: r.published_at, lang: r.lang }));
  }

  async countAttributions(filter: AttributionFilter = {}): Promise<number> {
    const p = new Params();
    const where = attributionWhere(filter, p);
    return Number((await this.pool.query(`SELECT count(*) AS n FROM attributions a ${where}`, p.values)).rows[0].n);
  }

  async getDocument(id: string): Promise<Document | undefined> {
    if (typeof id !== 'string' || id.includes('\0')) return undefined;
    const r = await this.pool.query(`SELECT ${DOC_COLUMNS} FROM documents d WHERE d.id = $1`, [id]);
    return r.rows.length ? documentFromRow(r.rows[0] as DocumentRow) : undefined;
  }

  async countDocuments(filter: DocumentFilter = {}): Promise<number> {
    const p = new Params();
    const where = documentWhere(filter, p);
    return Number((await this.pool.query(`SELECT count(*) AS n FROM documents d ${where}`, p.values)).rows[0].n);
  }

  async listDocuments(filter: DocumentFilter = {}, page: Page = {}): Promise<Document[]> {
    const p = new Params();
    const where = documentWhere(filter, p);
    const r = await this.pool.query(`SELECT ${DOC_COLUMNS} FROM documents d ${where}
      ORDER BY d.published_at, d.id ${limitOffset(page, 100, p)}`, p.values);
    return (r.rows as DocumentRow[]).map(documentFromRow);
  }

  async documentStats(filter: DocumentFilter = {}): Promise<DocumentStats> {
    const p = new Params();
    const where = documentWhere(filter, p);
    // One snapshot for all the aggregates, so a concurrent ingest cannot make them disagree.
    return this.readSnapshot(async (client) => {
      const totals = (await client.query(`SELECT count(*) AS n, min(d.published_at) AS first, max(d.published_at) AS last
        FROM documents d ${where}`, p.values)).rows[0] as { n: string; first: string | null; last: string | null };
      const byLang: Record<string, number> = {};
      for (const r of (await client.query(`SELECT d.lang, count(*) AS n FROM documents d ${where}
          GROUP BY d.lang ORDER BY n DESC, d.lang`, p.values)).rows) byLang[r.lang] = Number(r.n);
      const bySource = (await client.query(`SELECT d.source_name, d.actor_id, count(*) AS n, min(d.published_at) AS first,
          max(d.published_at) AS last FROM documents d ${where}
          GROUP BY d.source_name, d.actor_id ORDER BY n DESC, d.source_name, d.actor_id NULLS FIRST`, p.values)).rows
        .map((r) => ({ sourceName: r.source_name as string, ...(r.actor_id ? { actorId: r.actor_id as string } : {}),
          count: Number(r.n), first: r.first as string, last: r.last as string }));
      const hash = createHash('sha256');
      await client.query(`DECLARE fingerprint NO SCROLL CURSOR FOR SELECT d.id FROM documents d ${where} ORDER BY d.id`, p.values);
      for (;;) {
        const chunk = await client.query('FETCH 10000 FROM fingerprint');
        for (const r of chunk.rows) hash.update(r.id as string).update('\n');
        if (chunk.rows.length < 10000) break;
      }
      return {
        count: Number(totals.n), ...(totals.first ? { first: totals.first } : {}), ...(totals.last ? { last: totals.last } : {}),
        byLang, bySource, fingerprint: `sha256:${hash.digest('hex').slice(0, 32)}`,
      };
    });
  }

  private async readSnapshot<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async listMentions(filter: MentionFilter = {}, page: Page = {}): Promise<Mention[]> {
    const p = new Params();
    const where = mentionWhere(filter, p);
    const rows = (await this.pool.query(`SELECT m.narrative_id, m.doc_id, m.attribution_idx, m.actor_id, m.actor_name, m.actor_type,
        m.stance, m.at, m.score FROM mentions m ${where} ORDER BY m.at, m.id ${limitOffset(page, 1_000_000, p)}`, p.values)).rows as MentionRow[];
    return rows.map((r) => ({
      narrativeId: r.narrative_id, documentId: r.doc_id, ...(r.attribution_idx !== null ? { attributionIndex: r.attribution_idx } : {}),
      ...(r.actor_id ? { actorId: r.actor_id } : {}), actorName: r.actor_name, actorType: r.actor_type as Mention['actorType'],
      stance: r.stance as Mention['stance'], at: r.at, score: r.score,
    }));
  }

  async countMentions(filter: MentionFilter = {}): Promise<MentionCount[]> {
    const p = new Params();
    const where = mentionWhere(filter, p);
    const rows = (await this.pool.query(`SELECT m.narrative_id, m.stance, m.actor_type, count(*) AS n, min(m.at) AS first, max(m.at) AS last
      FROM mentions m ${where} GROUP BY m.narrative_id, m.stance, m.actor_type
      ORDER BY m.narrative_id, n DESC, m.stance, m.actor_type`, p.values)).rows;
    return rows.map((r) => ({ narrativeId: r.narrative_id, stance: r.stance, actorType: r.actor_type, count: Number(r.n), first: r.first, last: r.last }));
  }

  async dailyMentionCounts(filter: MentionFilter = {}): Promise<{ narrativeId: string; day: string; stance: string; count: number }[]> {
    const p = new Params();
    const where = mentionWhere(filter, p);
    const rows = (await this.pool.query(`SELECT m.narrative_id, substr(m.at, 1, 10) AS day, m.stance, count(*) AS n FROM mentions m ${where}
      GROUP BY m.narrative_id, day, m.stance ORDER BY m.narrative_id, day, m.stance`, p.values)).rows;
    return rows.map((r) => ({ narrativeId: r.narrative_id, day: r.day, stance: r.stance, count: Number(r.n) }));
  }

  async documentTimes(filter: DocumentFilter = {}): Promise<DocumentTime[]> {
    const p = new Params();
    const where = documentWhere(filter, p);
    const rows = (await this.pool.query(`SELECT d.id, d.published_at, d.source_name, d.actor_id, d.lang,
        (d.meta -> 'forwardedFrom')::text AS fwd, (d.meta -> 'replyTo')::text AS reply
      FROM documents d ${where} ORDER BY d.published_at, d.id`, p.values)).rows as
      { id: string; published_at: string; source_name: string; actor_id: string | null; lang: string; fwd: string | null; reply: string | null }[];
    return rows.map((r) => {
      const fwd = jsonExtract(r.fwd);
      const reply = jsonExtract(r.reply);
      return {
        id: r.id, at: r.published_at, sourceName: r.source_name, lang: r.lang, ...(r.actor_id ? { actorId: r.actor_id } : {}),
        ...(fwd !== undefined ? { forwardedFrom: fwd } : {}), ...(reply !== undefined ? { replyTo: reply } : {}),
      };
    });
  }

  async dailyCounts(filter: DocumentFilter = {}): Promise<{ day: string; count: number }[]> {
    const p = new Params();
    const where = documentWhere(filter, p);
    const rows = (await this.pool.query(`SELECT substr(d.published_at, 1, 10) AS day, count(*) AS n FROM documents d ${where}
      GROUP BY 1 ORDER BY 1`, p.values)).rows;
    return rows.map((r) => ({ day: r.day as string, count: Number(r.n) }));
  }

  async listTextEvents(filter: { since?: string; until?: string } = {}): Promise<StoredTextEvent[]> {
    const p = new Params();
    const conditions: string[] = [];
    // SQLite binds `filter.since?.slice(0, 10) ?? null`: an empty string is a bound (so until '' matches nothing).
    if (filter.since !== undefined && filter.since !== null) conditions.push(since('date', filter.since.slice(0, 10), p));
    if (filter.until !== undefined && filter.until !== null) conditions.push(until('date', filter.until.slice(0, 10), p));
    const rows = (await this.pool.query(`SELECT doc_id, json::text AS json FROM text_events ${whereOf(conditions)}
      ORDER BY date, doc_id, idx`, p.values)).rows as { doc_id: string; json: string }[];
    return rows.map((r) => ({ ...JSON.parse(r.json), documentId: r.doc_id }));
  }

  async listAssessments(filter: { documentId?: string } = {}): Promise<StoredAssessment[]> {
    const p = new Params();
    const conditions = filter.documentId !== undefined && filter.documentId !== null ? [equals('doc_id', filter.documentId, p)] : [];
    const rows = (await this.pool.query(`SELECT doc_id, json::text AS json FROM assessments ${whereOf(conditions)} ORDER BY doc_id, idx`,
      p.values)).rows as { doc_id: string; json: string }[];
    return rows.map((r) => ({ ...JSON.parse(r.json), documentId: r.doc_id }));
  }

  async listDocumentNarratives(filter: { documentId?: string; narrativeIds?: string[] } = {}): Promise<StoredDocumentNarrative[]> {
    const p = new Params();
    const conditions: string[] = [];
    if (filter.documentId) conditions.push(equals('doc_id', filter.documentId, p));
    if (filter.narrativeIds) conditions.push(anyOf('narrative_id', filter.narrativeIds, p));
    const rows = (await this.pool.query(`SELECT doc_id, json::text AS json FROM document_narratives ${whereOf(conditions)}
      ORDER BY doc_id, narrative_id`, p.values)).rows as { doc_id: string; json: string }[];
    return rows.map((r) => ({ ...JSON.parse(r.json), documentId: r.doc_id }));
  }

  async insertCalendarEvents(events: StoredCalendarEvent[]): Promise<number> {
    // INSERT OR IGNORE also skips rows that break NOT NULL on SQLite.
    const rows = events.filter((e) => e.id != null && e.date != null && e.title != null && e.kind != null);
    if (rows.length === 0) return 0;
    const r = await this.pool.query(`INSERT INTO calendar_events (id, date, title, kind, source)
      SELECT t.a, t.b, t.c, t.d, t.e FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(a, b, c, d, e, n)
      ORDER BY t.n ON CONFLICT (id) DO NOTHING`, [rows.map((e) => clean(e.id)), rows.map((e) => clean(e.date)),
      rows.map((e) => clean(e.title)), rows.map((e) => clean(e.kind)), rows.map((e) => cleanOpt(e.source))]);
    return r.rowCount ?? 0;
  }

  async listCalendarEvents(filter: { since?: string; until?: string; kind?: string } = {}): Promise<StoredCalendarEvent[]> {
    const p = new Params();
    const conditions: string[] = [];
    if (filter.since !== undefined && filter.since !== null) conditions.push(since('date', filter.since.slice(0, 10), p));
    if (filter.until !== undefined && filter.until !== null) conditions.push(until('date', filter.until.slice(0, 10), p));
    if (filter.kind !== undefined && filter.kind !== null) conditions.push(equals('kind', filter.kind, p));
    const rows = (await this.pool.query(`SELECT id, date, title, kind, source FROM calendar_events ${whereOf(conditions)}
      ORDER BY date, title, id`, p.values)).rows as { id: string; date: string; title: string; kind: string; source: string | null }[];
    return rows.map((r) => ({ id: r.id, date: r.date, title: r.title, kind: r.kind, ...(r.source ? { source: r.source } : {}) }));
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const r = await this.pool.query('SELECT id FROM documents WHERE id = ANY($1::text[])', [ids.filter((id) => !id.includes('\0'))]);
    return new Set(r.rows.map((row) => row.id as string));
  }

  async checkIntegrity(): Promise<string[]> {
    const problems: string[] = [];
    const version = await schemaVersion(this.pool);
    if (version !== LATEST_VERSION) problems.push(`schema version ${version}, expected ${LATEST_VERSION}`);
    const enc = (await this.pool.query(`SELECT current_setting('server_encoding') AS e`)).rows[0].e;
    if (enc !== 'UTF8') problems.push(`database encoding is ${enc}, not UTF8`);
    for (const r of (await this.pool.query(`SELECT i.indexrelid::regclass::text AS name FROM pg_index i
        JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready)`)).rows) problems.push(`invalid index ${r.name}`);
    for (const table of ['attributions', 'text_events', 'assessments', 'document_narratives', 'mentions']) {
      const n = Number((await this.pool.query(`SELECT count(*) AS n FROM ${table} x
        WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = x.doc_id)`)).rows[0].n);
      if (n > 0) problems.push(`${table}: ${n} row(s) whose document is missing`);
    }
    return problems;
  }

  async close(): Promise<void> {
    if (!(this.pool as unknown as { ending?: boolean }).ending) await this.pool.end();
  }
}

/** Positional parameters ($1, $2...) collected while a WHERE clause is built. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function whereOf(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

// PostgreSQL text cannot hold NUL; stored values never contain it, so a filter value containing one behaves as SQLite:
// equality and LIKE match nothing, and a comparison with 'ab\0c' is one with 'ab' (bytewise: 'ab' < 'ab\0c' < 'ab\x01').
function equals(column: string, value: string, p: Params): string {
  return value.includes('\0') ? 'false' : `${column} = ${p.add(value)}`;
}
function since(column: string, value: string, p: Params): string {
  const nul = value.indexOf('\0');
  return nul < 0 ? `${column} >= ${p.add(value)}` : `${column} > ${p.add(value.slice(0, nul))}`;
}
function until(column: string, value: string, p: Params): string {
  const nul = value.indexOf('\0');
  return nul < 0 ? `${column} < ${p.add(value)}` : `${column} <= ${p.add(value.slice(0, nul))}`;
}
function anyOf(column: string, values: string[], p: Params): string {
  return `${column} = ANY(${p.add(values.filter((v) => !String(v).includes('\0')).map(String))}::text[])`;
}

function documentWhere(filter: DocumentFilter, p: Params): string {
  const conditions: string[] = [];
  if (filter.lang) conditions.push(equals('d.lang', filter.lang, p));
  if (filter.source) {
    conditions.push(filter.source.includes('\0') ? 'false'
      : `(d.source_name = ${p.add(filter.source)} OR d.source_handle = $${p.values.length} OR d.actor_id = $${p.values.length})`);
  }
  if (filter.actorId) conditions.push(equals('d.actor_id', filter.actorId, p));
  if (filter.since) conditions.push(since('d.published_at', filter.since, p));
  if (filter.until) conditions.push(until('d.published_at', filter.until, p));
  if (filter.query) {
    const words = queryWords(filter.query);
    if (words.length) conditions.push(`d.fts @@ narrascope_prefix_query(${p.add(words)}::text[])`);
  }
  return whereOf(conditions);
}

/** The words of a full-text query exactly as src/store/fts-query.ts picks them for SQLite (NFKC, letters/digits, 32). */
export function queryWords(input: string): string[] {
  return (input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 32);
}

interface MentionRow {
  narrative_id: string; doc_id: string; attribution_idx: number | null; actor_id: string | null; actor_name: string;
  actor_type: string; stance: string; at: string; score: number;
}

function mentionWhere(filter: MentionFilter, p: Params): string {
  const conditions: string[] = [];
  if (filter.narrativeIds) conditions.push(anyOf('m.narrative_id', filter.narrativeIds, p));
  if (filter.stance) conditions.push(equals('m.stance', filter.stance, p));
  if (filter.actorType) conditions.push(equals('m.actor_type', filter.actorType, p));
  if (filter.actorId) conditions.push(equals('m.actor_id', filter.actorId, p));
  if (filter.since) conditions.push(since('m.at', filter.since, p));
  if (filter.until) conditions.push(until('m.at', filter.until, p));
  if (filter.documentId) conditions.push(equals('m.doc_id', filter.documentId, p));
  return whereOf(conditions);
}

function attributionWhere(filter: AttributionFilter, p: Params): string {
  const conditions: string[] = [];
  if (filter.speaker) {
    const id = filter.speaker.includes('\0') ? 'NULL' : p.add(filter.speaker);
    const like = p.add(likePattern(filter.speaker));
    conditions.push(`(a.speaker_actor = ${id} OR narrascope_ascii_lower(a.speaker_name) LIKE ${like} ESCAPE '\\'`
      + ` OR narrascope_ascii_lower(a.speaker_text) LIKE ${like} ESCAPE '\\')`);
  }
  if (filter.speakerType) conditions.push(equals('a.speaker_type', filter.speakerType, p));
  if (filter.stance) conditions.push(equals('a.stance', filter.stance, p));
  if (filter.since) conditions.push(since('coalesce(a.said_on, a.published_at)', filter.since, p));
  if (filter.until) conditions.push(until('coalesce(a.said_on, a.published_at)', filter.until, p));
  if (filter.documentId) conditions.push(equals('a.doc_id', filter.documentId, p));
  if (filter.query) {
    for (const word of (filter.query.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16)) {
      conditions.push(`narrascope_ascii_lower(a.content_text) LIKE ${p.add(likePattern(word))} ESCAPE '\\'`);
    }
  }
  return whereOf(conditions);
}

/**
 * `%text%` for LIKE, ASCII-lowered. SQLite reads a LIKE pattern as a C string, so it ends at a NUL character
 * ('%a\0b%' acts as '%a'); we cut it there too, to give the same rows (reported upstream as a SQLite-side quirk).
 */
function likePattern(text: string): string {
  const pattern = asciiLower(`%${escapeLike(text)}%`);
  const nul = pattern.indexOf('\0');
  return nul < 0 ? pattern : pattern.slice(0, nul);
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** SQLite's LIKE folds ASCII letters only. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/**
 * LIMIT/OFFSET as SQLite applies them: a negative limit means none, a negative offset means 0, and a value that is
 * not an integer is an error ("datatype mismatch"), where PostgreSQL would reject or round differently.
 */
function limitOffset(page: Page, defaultLimit: number, p: Params): string {
  const limit = page.limit ?? defaultLimit;
  const offset = page.offset ?? 0;
  for (const v of [limit, offset]) {
    if (typeof v !== 'number' || !Number.isInteger(v) || Math.abs(v) >= 2 ** 63) throw new Error('datatype mismatch');
  }
  return `LIMIT ${limit < 0 ? 'ALL' : p.add(limit)} OFFSET ${p.add(Math.max(0, offset))}`;
}

/** What SQLite's json_extract gives for a scalar of a JSON text, as the string SqliteStore makes of it. */
function jsonExtract(text: string | null): string | undefined {
  if (text === null) return undefined;
  const value: unknown = JSON.parse(text);
  if (value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

function monthOf(at: string): string | undefined {
  const m = /^(\d{4})-(\d{2})/.exec(at);
  if (!m) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${m[2]}` : undefined;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
}

/** PostgreSQL text cannot hold NUL characters; ingest already strips control characters from document text. */
function clean(text: string): string {
  return typeof text === 'string' && text.includes('\0') ? text.replace(/\0/g, '') : text;
}
function cleanOpt(text: string | undefined | null): string | null {
  return text === undefined || text === null ? null : clean(text);
}

/** SQLite's INSERT OR IGNORE silently skips a row that breaks a NOT NULL constraint; so do we (it counts as a duplicate). */
function insertable(doc: Document): boolean {
  return doc.id != null && doc.source?.name != null && doc.publishedAt != null && doc.lang != null && doc.text != null
    && doc.kind != null && doc.meta !== undefined && doc.ingest !== undefined;
}

