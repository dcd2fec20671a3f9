import type { Document, DocumentKind } from '../model/index.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import { detectLanguage } from '../text/language.ts';
import { stripInvisible } from '../text/normalize.ts';
import { parsePublishedAt } from './dates.ts';
import { documentId } from './ids.ts';
import type { Format, RawRecord, RejectReason } from './types.ts';

export interface ToDocumentContext {
  registry: ActorRegistry;
  format: Format;
  file?: string;
  /** Ingest time, ISO. */
  at: string;
  defaults: { source?: string; publishedAt?: string; url?: string };
}

export type ToDocumentResult = { ok: true; doc: Document } | { ok: false; reason: RejectReason; message: string };

const DEFAULT_KIND: Record<Format, DocumentKind> = {
  telegram: 'post', jsonl: 'post', json: 'post', csv: 'post', tsv: 'post', rss: 'article', html: 'article', text: 'article',
};

const SINGLE_DOCUMENT_FORMATS = new Set<Format>(['text', 'html']);

/** Normalises one reader record into a Document: dates, id, language, source actor. Pure apart from the registry. */
export function toDocument(record: RawRecord, line: number | undefined, ctx: ToDocumentContext): ToDocumentResult {
  const text = stripInvisible(record.text ?? '').replace(/\r\n?/g, '\n').trim();
  if (!text) return { ok: false, reason: 'empty_text', message: 'record has no text' };

  let publishedAt: string | undefined;
  const given = record.publishedAt ?? ctx.defaults.publishedAt;
  if (given !== undefined && given !== '') {
    publishedAt = parsePublishedAt(given);
    if (!publishedAt) return { ok: false, reason: 'bad_date', message: `unparseable date ${JSON.stringify(String(given)).slice(0, 80)}` };
  }

  // A default URL only fits inputs that hold one document; on a multi-record file it would merge documents.
  const url = record.url ?? (SINGLE_DOCUMENT_FORMATS.has(ctx.format) ? ctx.defaults.url : undefined);
  const src = record.source ?? {};
  const platformSource = telegramSourceId(src.platformId);
  const handle = src.handle?.replace(/^@/, '');
  const name = src.name?.trim() || ctx.defaults.source || handle || hostOf(src.url ?? url) || 'unknown';
  const actor = ctx.registry.resolveSource({ platformId: platformSource, handle, url: src.url ?? url, name });

  const sourceKey = platformSource ?? handle ?? name;
  const title = record.title ? stripInvisible(record.title).trim() || undefined : undefined;
  const lang = normaliseLang(record.lang) ?? detectLanguage(title ? `${title}\n${text}` : text);
  const meta: Record<string, unknown> = { ...(record.meta ?? {}) };
  if (!publishedAt) meta.publishedAtMissing = true;

  const doc: Document = {
    // Without a platform id, an article's own URL identifies it better than its text (two releases can share a body).
    id: documentId(sourceKey, record.platformId ?? record.url, text),
    source: { name },
    publishedAt: publishedAt ?? ctx.at,
    lang,
    text,
    kind: record.kind ?? (actor && isOfficial(actor.type) ? 'statement' : DEFAULT_KIND[ctx.format]),
    meta,
    ingest: { format: ctx.format, at: ctx.at },
  };
  if (handle) doc.source.handle = handle;
  else if (platformSource) doc.source.handle = platformSource;
  if (src.url) doc.source.url = src.url;
  if (actor) doc.source.actorId = actor.id;
  if (url) doc.url = url;
  if (title) doc.title = title;
  if (ctx.file) doc.ingest.file = ctx.file;
  if (line !== undefined) doc.ingest.line = line;
  return { ok: true, doc };
}

/**
 * One form for Telegram chat ids: readers of exports already give `tg:…`; Bot-API dumps give -1001101170442
 * for channels and supergroups, which becomes tg:1001101170442. Anything else is kept as it is.
 */
function telegramSourceId(platformId: string | undefined): string | undefined {
  if (!platformId) return undefined;
  const s = String(platformId).trim();
  const m = /^-(100\d{7,})$/.exec(s);
  return m ? `tg:${m[1]}` : s;
}

function normaliseLang(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  const code = lang.trim().toLowerCase().slice(0, 2);
  return /^[a-z]{2}$/.test(code) ? code : undefined;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try { return new URL(url).hostname.replace(/^www\./, ''); } catch { return undefined; }
}

function isOfficial(type: string): boolean {
  return type === 'head_of_state' || type === 'government_official' || type === 'regional_official'
    || type === 'military_official' || type === 'legislator';
}
