/**
 * A plain text file is one document. Metadata comes, in order of precedence, from a sidecar
 * (`a.meta.json` or `a.txt.meta.json` next to `a.txt`), the layout (a short first line followed by a blank
 * line is the title, as in SemEval raw-documents), and the CLI defaults.
 */
import { existsSync, readFileSync } from 'node:fs';
import { decodeBuffer, readWhole } from '../encoding.ts';
import type { RawRecord, ReadItem, Reader } from '../types.ts';
import { checkDate } from './fields.ts';

export const TEXT_MAX_BYTES = 20 * 1024 * 1024;
const TITLE_MAX_CHARS = 300;
const KINDS = new Set(['article', 'post', 'statement', 'transcript', 'report']);

/** The sidecar path of a local file, if one exists. */
export function sidecarPath(name: string): string | null {
  if (name === '-' || /^[a-z][a-z0-9+.-]*:\/\//i.test(name)) return null;
  const candidates = [name.replace(/\.[^./\\]+$/, '') + '.meta.json', name + '.meta.json'];
  return candidates.find((p) => p !== name && existsSync(p)) ?? null;
}

/** Title and body of the SemEval layout (title, blank line, body); null when the text is not laid out so. */
export function splitTitle(text: string): { title: string; body: string } | null {
  const m = /^([^\r\n]{1,300})\r?\n[ \t]*\r?\n/.exec(text);
  if (!m) return null;
  const title = m[1].trim();
  const body = text.slice(m[0].length).trim();
  return title && body && title.length <= TITLE_MAX_CHARS ? { title, body } : null;
}

export const readText: Reader = async function* (input, options) {
  const buf = await readWhole(input, TEXT_MAX_BYTES);
  if (!buf) {
    yield { ok: false, reason: 'too_large', message: `text file larger than ${TEXT_MAX_BYTES / 1024 / 1024} MB` };
    return;
  }
  yield textRecord(decodeBuffer(buf).text, input.name, options.defaults);
};

function textRecord(content: string, name: string, defaults: { source?: string; publishedAt?: string; url?: string }): ReadItem {
  let side: Record<string, unknown> = {};
  const path = sidecarPath(name);
  if (path) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
      side = parsed as Record<string, unknown>;
    } catch (e) {
      return { ok: false, reason: 'bad_json', message: `sidecar ${path}: ${(e as Error).message}` };
    }
  }

  const split = splitTitle(content);
  // No leading trim: character offsets into the file (brat annotations) must stay valid.
  const text = split ? split.body : content.trimEnd();
  if (!text.trim()) return { ok: false, reason: 'empty_text', message: 'file is empty' };
  const record: RawRecord = { text };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : undefined);

  const title = str(side.title) ?? split?.title;
  if (title) record.title = title;
  const source = side.source;
  if (source && typeof source === 'object' && !Array.isArray(source)) {
    const s = source as Record<string, unknown>;
    record.source = {};
    for (const k of ['name', 'handle', 'url', 'platformId'] as const) if (str(s[k])) record.source[k] = str(s[k]);
  } else if (str(source)) record.source = { name: str(source) };
  if (!record.source?.name && defaults.source) record.source = { ...record.source, name: defaults.source };

  const date = side.publishedAt ?? side.published_at ?? side.date ?? defaults.publishedAt;
  if (date !== undefined && date !== null && date !== '') {
    const ok = checkDate(date);
    if (ok === null) return { ok: false, reason: 'bad_date', message: `unparseable date ${JSON.stringify(date).slice(0, 80)}` };
    record.publishedAt = ok;
  }
  const url = str(side.url) ?? defaults.url;
  if (url) record.url = url;
  const lang = str(side.lang);
  if (lang) record.lang = lang;
  const kind = str(side.kind);
  if (kind && KINDS.has(kind)) record.kind = kind as RawRecord['kind'];
  const id = str(side.id) ?? str(side.platformId);
  if (id) record.platformId = id;

  const known = new Set(['title', 'source', 'publishedAt', 'published_at', 'date', 'url', 'lang', 'kind', 'id', 'platformId']);
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(side)) if (!known.has(k) && v !== null && v !== undefined) meta[k] = v;
  if (side.meta && typeof side.meta === 'object' && !Array.isArray(side.meta)) {
    delete meta.meta;
    Object.assign(meta, side.meta);
  }
  if (kind && !record.kind) meta.kind = kind;
  if (Object.keys(meta).length) record.meta = meta;
  return { ok: true, record };
}
