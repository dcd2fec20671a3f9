/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom 1.0, streamed through sax in strict mode.
 *
 * Entities: the five XML ones and the fixed HTML set (&nbsp; is common in feeds) are decoded; anything a DTD
 * declares is never expanded but kept as literal text, so entity bombs (billion laughs) cost nothing.
 * Malformed XML ends the feed with one `bad_xml` rejection carrying the line; items read before it stay.
 * An item whose text exceeds `maxRecordBytes` is `line_too_long`: its text stops being kept once over the limit (sax
 * hands text over in 64 KB pieces), so memory stays bounded and the items after it are read.
 */
import sax from 'sax';
import { decodeStream } from '../encoding.ts';
import type { RawRecord, ReadItem, Reader } from '../types.ts';
import { Channel, checkDate } from './fields.ts';
import { htmlToText } from './html.ts';

const HTML_ENTITIES = (sax as unknown as { ENTITIES: Record<string, string | number> }).ENTITIES;
const TEXT_FIELDS = ['content:encoded', 'content', 'description', 'summary', 'media:description'];
const DATE_FIELDS = ['pubdate', 'published', 'dc:date', 'updated', 'issued', 'modified', 'dcterms:created'];
const BLOCK_TAGS = new Set(['p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'tr', 'section']);

interface Item {
  line: number;
  fields: Map<string, string>;
  /** Fields whose text came from inline child elements (Atom xhtml): already plain text. */
  plain: Set<string>;
  links: { rel: string; href: string }[];
  categories: string[];
  /** UTF-8 bytes of text kept so far; over `maxRecordBytes` the item is rejected and nothing more is kept. */
  bytes: number;
  tooLong: boolean;
}

interface Capture {
  field: string;
  depth: number;
  parts: string[];
  markup: boolean;
  /** Characters seen (feed title/link only: beyond the record limit the rest is dropped). */
  bytes: number;
}

export const readRss: Reader = async function* (input, options) {
  const source = decodeStream(input);
  const channel = new Channel<ReadItem>(() => source.pause(), () => source.resume());
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  // Strict mode knows only the XML entities; add the fixed HTML set, never DTD-declared ones.
  const entities: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(HTML_ENTITIES)) entities[k] = typeof v === 'number' ? String.fromCodePoint(v) : v;
  parser.ENTITIES = entities;

  const stack: string[] = [];
  const feed = { title: '', link: '' };
  let feedCapture: Capture | null = null;
  let item: Item | null = null;
  let itemDepth = 0;
  let capture: Capture | null = null;
  let fatal = false;
  const max = options.maxRecordBytes;
  /** An attribute value over the record limit was dropped: the attributes of the tag it is in are not used. */
  let truncatedAttribute = false;
  /** The item is over the record limit: what it holds is dropped, it will be line_too_long. */
  const overLimit = (it: Item) => {
    it.tooLong = true;
    it.fields.clear();
    it.links.length = 0;
    it.categories.length = 0;
    if (capture) capture.parts.length = 0;
  };
  /** Counts `text` against the current item's budget; false once the item is over it (and its text dropped). */
  const fits = (it: Item, text: string): boolean => {
    if (it.tooLong) return false;
    it.bytes += Buffer.byteLength(text);
    if (it.bytes <= max) return true;
    overLimit(it);
    return false;
  };

  parser.onerror = (e: Error) => {
    // Undeclared / DTD entities are left as literal text; everything else is malformed XML.
    if (/entity/i.test(e.message)) {
      parser.resume();
      return;
    }
    // sax refuses any buffer over 64 KB, but a long attribute value (a data: image), comment or DOCTYPE is not
    // malformed: let it grow up to the record limit, then drop what it held (the item it is in is too long).
    const over = /^Max buffer length exceeded: (attribValue|comment|doctype|sgmlDecl|procInstBody)\b/.exec(e.message);
    if (over && !fatal) {
      const buffers = parser as unknown as Record<string, string>;
      if (buffers[over[1]].length > max) {
        buffers[over[1]] = '';
        if (over[1] === 'attribValue') {
          truncatedAttribute = true;
          if (item) overLimit(item);
        }
      }
      parser.resume();
      return;
    }
    if (fatal) return;
    fatal = true;
    channel.push({ ok: false, reason: 'bad_xml', message: e.message.split('\n')[0], line: parser.line + 1 });
    channel.close();
  };

  parser.onopentag = (node) => {
    const name = node.name.toLowerCase();
    const attrs = truncatedAttribute ? {} : (node.attributes as Record<string, string>);
    truncatedAttribute = false;
    stack.push(name);
    const depth = stack.length;
    if (capture) {
      capture.markup = true;
      if (BLOCK_TAGS.has(name)) capture.parts.push('\n');
      return;
    }
    if (!item && (name === 'item' || name === 'entry')) {
      item = { line: parser.line + 1, fields: new Map(), plain: new Set(), links: [], categories: [], bytes: 0, tooLong: false };
      itemDepth = depth;
      return;
    }
    if (item) {
      if (depth === itemDepth + 1) {
        if (name === 'link' && attrs.href && fits(item, attrs.href)) item.links.push({ rel: (attrs.rel ?? 'alternate').toLowerCase(), href: attrs.href });
        if (name === 'category' && attrs.term && fits(item, attrs.term)) item.categories.push(attrs.term);
        capture = { field: name, depth, parts: [], markup: false, bytes: 0 };
      }
      return;
    }
    const parent = stack[depth - 2];
    if ((parent === 'channel' || parent === 'feed') && (name === 'title' || name === 'link')) {
      if (name === 'link' && attrs.href && (attrs.rel ?? 'alternate') === 'alternate' && !feed.link) feed.link = attrs.href;
      feedCapture = { field: name, depth, parts: [], markup: false, bytes: 0 };
    }
  };

  const onText = (t: string) => {
    // Atom <author> holds <name>, <email>, <uri>: keep the name only.
    if (capture?.field === 'author' && capture.markup && stack[stack.length - 1] !== 'name') return;
    if (capture) {
      if (item ? fits(item, t) : true) capture.parts.push(t);
    } else if (feedCapture && (feedCapture.bytes += t.length) <= max) feedCapture.parts.push(t);
  };
  parser.ontext = onText;
  parser.oncdata = onText;

  parser.onclosetag = () => {
    const depth = stack.length;
    stack.pop();
    if (capture && depth === capture.depth) {
      const text = capture.parts.join('');
      if (item && !item.tooLong) {
        if (capture.field === 'category' && text.trim()) item.categories.push(text.trim());
        else if (text.trim() && !item.fields.has(capture.field)) {
          item.fields.set(capture.field, text);
          if (capture.markup) item.plain.add(capture.field);
        }
      }
      capture = null;
      return;
    }
    if (feedCapture && depth === feedCapture.depth) {
      const text = feedCapture.parts.join('').trim();
      if (feedCapture.field === 'title' && !feed.title) feed.title = text;
      if (feedCapture.field === 'link' && !feed.link && text) feed.link = text;
      feedCapture = null;
      return;
    }
    if (item && depth === itemDepth) {
      channel.push(item.tooLong
        ? { ok: false, reason: 'line_too_long', message: `item exceeds the limit of ${max} bytes`, line: item.line }
        : itemRecord(item, feed, options.defaults));
      item = null;
    }
  };

  source.on('data', (chunk: string) => {
    if (fatal) return;
    try {
      parser.write(chunk);
    } catch (e) {
      parser.onerror(e as Error);
    }
  });
  source.on('end', () => {
    if (!fatal) {
      try {
        parser.close();
      } catch (e) {
        parser.onerror(e as Error);
      }
    }
    channel.close();
  });
  source.on('error', (e: Error) => {
    channel.push({ ok: false, reason: 'io_error', message: e.message });
    channel.close();
  });
  try {
    for await (const it of channel) yield it;
  } finally {
    source.destroy();
  }
};

function itemRecord(item: Item, feed: { title: string; link: string }, defaults: { source?: string }): ReadItem {
  const f = item.fields;
  const asText = (field: string): string => {
    const v = f.get(field) ?? '';
    return item.plain.has(field) ? v.replace(/\s+/g, (run) => (run.includes('\n') ? '\n' : run.replace(/[ \t]+/g, ' '))).trim() : htmlToText(v);
  };
  const title = f.has('title') ? asText('title') : '';
  let text = '';
  for (const field of TEXT_FIELDS) {
    if (!f.has(field)) continue;
    text = asText(field);
    if (text) break;
  }
  // Headline-only feeds (news agencies) still carry a statement worth keeping.
  if (!text) text = title;
  if (!text) return { ok: false, reason: 'empty_text', message: 'item has neither text nor title', line: item.line };

  const record: RawRecord = { text, kind: 'article' };
  if (title) record.title = title;
  const alternate = item.links.find((l) => l.rel === 'alternate') ?? item.links[0];
  const guid = f.get('guid')?.trim() ?? f.get('id')?.trim();
  const url = alternate?.href ?? f.get('link')?.trim() ?? (guid && /^https?:\/\//.test(guid) ? guid : undefined);
  if (url) record.url = url;
  if (guid) record.platformId = guid;
  const dateField = DATE_FIELDS.find((d) => f.get(d)?.trim());
  if (dateField) {
    const raw = f.get(dateField)!.trim();
    const ok = checkDate(raw);
    if (ok === null) return { ok: false, reason: 'bad_date', message: `unparseable date ${JSON.stringify(raw).slice(0, 80)}`, line: item.line };
    record.publishedAt = ok;
  }
  const name = feed.title || defaults.source;
  if (name || feed.link) record.source = { ...(name ? { name } : {}), ...(feed.link ? { url: feed.link } : {}) };
  const meta: Record<string, unknown> = {};
  const author = f.get('author') ?? f.get('dc:creator');
  if (author?.trim()) meta.author = author.trim();
  if (item.categories.length) meta.categories = item.categories.slice(0, 50);
  if (Object.keys(meta).length) record.meta = meta;
  return { ok: true, record, line: item.line };
}
