import type { Document } from '../model/index.ts';

/** A documents-table row as both adapters read it (meta and ingest as JSON text). */
export interface DocumentRow {
  id: string; source_name: string; source_handle: string | null; source_url: string | null; actor_id: string | null;
  url: string | null; published_at: string; lang: string; title: string | null; text: string; kind: string;
  meta: string; ingest: string;
}

export function documentFromRow(row: DocumentRow): Document {
  const source: Document['source'] = { name: row.source_name };
  if (row.source_handle) source.handle = row.source_handle;
  if (row.source_url) source.url = row.source_url;
  if (row.actor_id) source.actorId = row.actor_id;
  const doc: Document = {
    id: row.id, source, publishedAt: row.published_at, lang: row.lang, text: row.text,
    kind: row.kind as Document['kind'], meta: JSON.parse(row.meta), ingest: JSON.parse(row.ingest),
  };
  if (row.url) doc.url = row.url;
  if (row.title) doc.title = row.title;
  return doc;
}
