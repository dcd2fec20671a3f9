/**
 * One HTML article page → one record. Main text by @mozilla/readability over a linkedom document (fallback:
 * <article>, then <body>), metadata from Open Graph / article: meta tags, JSON-LD and <time>.
 * Also exports htmlToText, the HTML-fragment-to-plain-text conversion the RSS reader uses.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { decodeBuffer, readWhole } from '../encoding.ts';
import type { RawRecord, ReadItem, Reader } from '../types.ts';
import { checkDate } from './fields.ts';

export const PAGE_MAX_BYTES = 20 * 1024 * 1024;

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'IFRAME', 'SVG', 'OBJECT', 'EMBED', 'CANVAS', 'HEAD', 'TITLE', 'META', 'LINK', 'SELECT', 'TEXTAREA']);
const PARAGRAPH = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TABLE', 'UL', 'OL', 'DL', 'FIGURE', 'HR']);
const LINE = new Set([
  'BR', 'DIV', 'LI', 'TR', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'MAIN', 'FIGCAPTION', 'DD', 'DT',
  'ADDRESS', 'FORM', 'FIELDSET', 'DETAILS', 'SUMMARY', 'CAPTION',
]);
const CELL = new Set(['TD', 'TH']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Plain text of a DOM subtree: block elements on their own lines, scripts and styles dropped. */
export function nodeText(root: DomNode): string {
  const out: string[] = [];
  let owed = 0; // line breaks owed before the next text: adjacent blocks share one boundary
  const put = (s: string) => {
    if (owed) {
      if (!s.trim()) return;
      if (out.length) out.push('\n'.repeat(owed));
      owed = 0;
    }
    out.push(s);
  };
  // Iterative walk: hostile pages nest deep enough to overflow the stack. Numbers are block boundaries.
  const stack: (DomNode | number)[] = [root];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'number') {
      owed = Math.max(owed, item);
      continue;
    }
    if (item.nodeType === 3) {
      put((item.textContent ?? '').replace(/\s+/g, ' '));
      continue;
    }
    if (item.nodeType !== 1 && item.nodeType !== 9 && item.nodeType !== 11) continue;
    const tag = item.nodeName.toUpperCase();
    if (SKIP.has(tag)) continue;
    if (tag === 'BR') {
      owed = Math.min(owed + 1, 2);
      if (owed === 1 && !out.length) owed = 0;
      continue;
    }
    if (tag === 'PRE') {
      owed = Math.max(owed, 2);
      put(item.textContent ?? '');
      owed = 2;
      continue;
    }
    const sep = PARAGRAPH.has(tag) ? 2 : LINE.has(tag) ? 1 : 0;
    if (CELL.has(tag)) put(' ');
    if (sep) stack.push(sep);
    const kids = item.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    if (sep) stack.push(sep);
  }
  return tidy(out.join(''));
}

function tidy(s: string): string {
  return s
    // Blanks around line breaks go. One pattern per whole run (not `[ \t]*\n[ \t]*`, which is quadratic on a long run
    // of blanks without a line break, e.g. in a <pre>).
    .replace(/[ \t\u00a0\n]+/g, (run) => (run.includes('\n') ? run.replace(/[^\n]/g, '') : run))
    .replace(/\n{3,}/g, '\n\n')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Closed by the parser when a sibling opens: they do not nest (a run of unclosed <p>s is not deep). */
const SELF_ENDING = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rb', 'rp', 'rt', 'rtc']);
/** Open elements beyond which tags are dropped before parsing (ordinary pages nest 10–40 deep). */
export const MAX_NESTING = 1000;
const TAG = /<(\/?)([a-zA-Z][^\s/<>]*)[^<>]*>/g;

/**
 * The HTML parser under linkedom (htmlparser2) keeps its open-element stack with `unshift` and `indexOf`: O(depth)
 * per tag, so deep nesting is quadratic (100,000 nested <div>s: ~4 s, 200,000: ~25 s; a 20 MB page of them: hours),
 * and so is a flood of stray closing tags over a deep stack. One linear scan (tags by pattern, no tokenizer, so
 * approximate) finds such input; only then are the tags beyond MAX_NESTING open elements, and closing tags of
 * elements that are not open, dropped — their text is kept. Other input is returned as is.
 */
export function limitNesting(html: string): string {
  const probe = new Nesting();
  const tag = new RegExp(TAG.source, 'g');
  for (let m = tag.exec(html); m; m = tag.exec(html)) probe.keep(m[1], m[2]);
  if (!probe.deep && probe.strays <= MAX_NESTING * 10) return html;
  const nesting = new Nesting();
  return html.replace(TAG, (t, close: string, name: string) => (nesting.keep(close, name) ? t : ' '));
}

/** Open elements by name, as far as a tag pattern can tell. */
class Nesting {
  private open = new Map<string, number>();
  private depth = 0;
  strays = 0;
  deep = false;

  /** Whether the parser should see this tag (`close`: "/" for a closing tag). */
  keep(close: string, rawName: string): boolean {
    const name = rawName.toLowerCase();
    if (VOID.has(name) || SELF_ENDING.has(name)) return true;
    const n = this.open.get(name) ?? 0;
    if (close) {
      if (!n) {
        this.strays++;
        return false;
      }
      this.open.set(name, n - 1);
      return this.depth-- <= MAX_NESTING;
    }
    this.open.set(name, n + 1);
    if (++this.depth <= MAX_NESTING) return true;
    this.deep = true;
    return false;
  }
}

/** Plain text of an HTML fragment (RSS descriptions, Readability output). */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return tidy(html.replace(/[ \t\r\f\v]+/g, ' ').replace(/\r/g, ''));
  const { document } = parseHTML(`<!doctype html><html><head></head><body>${limitNesting(html)}</body></html>`);
  return nodeText(document.body as unknown as DomNode);
}

interface Doc {
  querySelector(sel: string): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(sel: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }>;
  title: string;
  body: unknown;
  documentElement: { getAttribute(name: string): string | null };
}

function metaContent(doc: Doc, ...selectors: string[]): string | undefined {
  for (const sel of selectors) {
    const v = doc.querySelector(sel)?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return undefined;
}

/** Objects of all JSON-LD blocks, @graph entries flattened. */
function jsonLd(doc: Doc): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const scripts = doc.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    let data: unknown;
    try {
      data = JSON.parse(scripts[i].textContent ?? '');
    } catch {
      continue;
    }
    const queue = [data];
    while (queue.length && out.length < 100) {
      const v = queue.shift();
      if (Array.isArray(v)) queue.push(...v);
      else if (v && typeof v === 'object') {
        out.push(v as Record<string, unknown>);
        const graph = (v as Record<string, unknown>)['@graph'];
        if (graph) queue.push(graph);
      }
    }
  }
  return out;
}

function resolveUrl(href: string | undefined, base: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    // Only web addresses: a page's canonical link of javascript: or data: must never become a document URL.
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined; // relative without a base: no usable URL
  }
}

const isHttpUrl = (s: string) => /^https?:\/\//i.test(s);

export const readHtml: Reader = async function* (input, options) {
  const buf = await readWhole(input, PAGE_MAX_BYTES);
  if (!buf) {
    yield { ok: false, reason: 'too_large', message: `HTML page larger than ${PAGE_MAX_BYTES / 1024 / 1024} MB` };
    return;
  }
  yield pageRecord(decodeBuffer(buf).text, isHttpUrl(input.name) ? input.name : undefined, options.defaults);
};

/**
 * A fragment inside a whole page: its <head> in the head, the rest in the body, <html>'s attributes kept. Tag
 * patterns stop at the next "<", so that hostile input ("<body <body <body…") cannot make them quadratic.
 */
function wholePage(html: string): string {
  const attrs = /<html\b([^<>]*)>/i.exec(html)?.[1] ?? '';
  let head = '';
  let rest = html;
  const open = /<head\b[^<>]*>/i.exec(html);
  if (open) {
    const close = /<\/head\s*>/gi;
    close.lastIndex = open.index + open[0].length;
    const end = close.exec(html);
    if (end) {
      head = html.slice(open.index + open[0].length, end.index);
      rest = html.slice(0, open.index) + html.slice(close.lastIndex);
    }
  }
  const body = rest.replace(/<\/?(?:html|body)\b[^<>]*>/gi, '');
  return `<!doctype html><html${attrs}><head>${head}</head><body>${body}</body></html>`;
}

/** Beyond these, Readability is not run (ordinary article pages stay far below: depth ~10–40, a few thousand elements). */
export const READABILITY_MAX_DEPTH = 100;
export const READABILITY_MAX_ELEMENTS = 20_000;

/** Whether the DOM under `root` is within the Readability limits; measured iteratively, stops at the first excess. */
function withinReadabilityLimits(root: DomNode | null): boolean {
  if (!root) return true;
  let elements = 0;
  const stack: [DomNode, number][] = [[root, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > READABILITY_MAX_DEPTH || ++elements > READABILITY_MAX_ELEMENTS) return false;
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) if (kids[i].nodeType === 1) stack.push([kids[i], depth + 1]);
  }
  return true;
}

/** One page's record; `pageUrl` is where it was fetched from, when it was. */
export function pageRecord(html: string, pageUrl: string | undefined, defaults: { source?: string; publishedAt?: string; url?: string } = {}): ReadItem {
  // linkedom does not build a page around fragments ("<p>text</p>", "<body>…</body>", "<html><p>…</p></html>"): the
  // first element becomes the root and an empty <body> is made up beside the text. When the root is not <html> or
  // the body has no text, parse the input again inside a whole page (keeping <html>'s attributes, e.g. lang).
  html = limitNesting(html);
  let { document } = parseHTML(html);
  if (document.documentElement?.nodeName !== 'HTML' || !document.body?.textContent?.trim()) {
    ({ document } = parseHTML(wholePage(html)));
  }
  const doc = document as unknown as Doc;
  const ld = jsonLd(doc);
  const ldValue = (key: string): unknown => ld.find((o) => o[key] !== undefined)?.[key];

  // Metadata first: Readability rewrites the document.
  const url =
    resolveUrl(doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? undefined, pageUrl) ??
    resolveUrl(metaContent(doc, 'meta[property="og:url"]'), pageUrl) ??
    pageUrl ??
    defaults.url;
  const dateCandidates = [
    metaContent(doc, 'meta[property="article:published_time"]', 'meta[name="article:published_time"]'),
    metaContent(doc, 'meta[property="og:published_time"]', 'meta[name="og:published_time"]'),
    ldValue('datePublished'),
    doc.querySelector('[itemprop="datePublished"]')?.getAttribute('content') ?? doc.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime'),
    doc.querySelector('article time[datetime]')?.getAttribute('datetime') ?? doc.querySelector('time[datetime]')?.getAttribute('datetime'),
    metaContent(doc, 'meta[name="pubdate"]', 'meta[name="publishdate"]', 'meta[name="date"]', 'meta[name="dc.date"]', 'meta[name="DC.date.issued"]', 'meta[name="dcterms.created"]'),
  ];
  const publisher = ldValue('publisher');
  const siteName =
    metaContent(doc, 'meta[property="og:site_name"]', 'meta[name="og:site_name"]', 'meta[name="application-name"]') ??
    (publisher && typeof publisher === 'object' && typeof (publisher as { name?: unknown }).name === 'string' ? (publisher as { name: string }).name : undefined);
  const ogTitle = metaContent(doc, 'meta[property="og:title"]', 'meta[name="twitter:title"]');
  let docTitle: string | undefined;
  try { docTitle = doc.title?.trim() || undefined; } catch { docTitle = undefined; }
  const synthetic = metaContent(doc, 'meta[name="narrascope:synthetic"]')?.toLowerCase() === 'true';
  const author = metaContent(doc, 'meta[name="author"]', 'meta[property="article:author"]');
  const lang = doc.documentElement?.getAttribute('lang')?.trim().toLowerCase().split(/[-_]/)[0] || undefined;
  const fallbackNode = (doc.querySelector('article') ?? doc.body) as DomNode | null;
  const fallbackText = fallbackNode ? nodeText(fallbackNode) : '';

  let article: ReturnType<Readability['parse']> = null;
  // Readability is super-linear in nesting depth (1,000 nested <div>s: 7 s, 2,500: 53 s) and slow on huge DOMs:
  // beyond ordinary pages, the plain text of <article>/<body> (iterative) is the text.
  if (withinReadabilityLimits(document.documentElement as unknown as DomNode)) {
    try {
      article = new Readability(document as unknown as globalThis.Document).parse();
    } catch {
      article = null; // Readability can trip over odd DOMs; the fallback text is still good
    }
  }
  let text = article?.content ? htmlToText(article.content) : '';
  // Readability sometimes keeps a teaser only; prefer the plain page text when that is far longer.
  if (!text || (fallbackNode && text.length < 0.2 * fallbackText.length)) text = fallbackText;
  if (!text.trim()) return { ok: false, reason: 'empty_text', message: 'page has no readable text' };

  const record: RawRecord = { text, kind: 'article' };
  const title = article?.title?.trim() || ogTitle || docTitle;
  if (title) record.title = title;
  for (const d of [...dateCandidates, article?.publishedTime]) {
    if (d === undefined || d === null || d === '') continue;
    const ok = checkDate(d);
    if (ok !== null) {
      record.publishedAt = ok;
      break;
    }
  }
  if (record.publishedAt === undefined && defaults.publishedAt) record.publishedAt = defaults.publishedAt;
  if (url) record.url = url;
  let host: string | undefined;
  let origin: string | undefined;
  try {
    const u = url ? new URL(url) : undefined;
    host = u?.hostname.replace(/^www\./, '');
    origin = u?.origin;
  } catch {
    host = undefined;
  }
  const name = siteName ?? defaults.source ?? host;
  if (name) record.source = origin && origin !== 'null' ? { name, url: origin } : { name };
  if (lang) record.lang = lang;
  const meta: Record<string, unknown> = {};
  if (synthetic) meta.synthetic = true;
  if (author ?? article?.byline) meta.author = author ?? article?.byline;
  if (Object.keys(meta).length) record.meta = meta;
  return { ok: true, record };
}
