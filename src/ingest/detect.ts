/**
 * Picks the reader for an input: binary content is refused first (even with --format), then a forced format,
 * the file extension, the HTTP content type, and finally a sniff of the head.
 */
import type { Format, InputSource, RejectReason } from './types.ts';

export type Detected = Format | { error: RejectReason; message: string };

const MAGIC: [string, number[]][] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['ZIP (also docx/xlsx/epub)', [0x50, 0x4b, 0x03, 0x04]],
  ['ZIP', [0x50, 0x4b, 0x05, 0x06]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GZIP', [0x1f, 0x8b]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['BZIP2', [0x42, 0x5a, 0x68]],
  ['XZ', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['7-Zip', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['SQLite', [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66]],
  ['ELF', [0x7f, 0x45, 0x4c, 0x46]],
  ['OLE2 (doc/xls)', [0xd0, 0xcf, 0x11, 0xe0]],
];

const EXTENSIONS: Record<string, Format | 'json?'> = {
  jsonl: 'jsonl', ndjson: 'jsonl', json: 'json?',
  csv: 'csv', tsv: 'tsv', tab: 'tsv',
  xml: 'rss', rss: 'rss', atom: 'rss', rdf: 'rss',
  html: 'html', htm: 'html', xhtml: 'html',
  txt: 'text', text: 'text', md: 'text', markdown: 'text',
};

const CONTENT_TYPES: Record<string, Format | 'json?'> = {
  'application/json': 'json?', 'text/json': 'json?',
  'application/x-ndjson': 'jsonl', 'application/ndjson': 'jsonl', 'application/jsonl': 'jsonl', 'application/x-jsonlines': 'jsonl',
  'text/csv': 'csv', 'application/csv': 'csv', 'text/tab-separated-values': 'tsv',
  'application/rss+xml': 'rss', 'application/atom+xml': 'rss', 'application/rdf+xml': 'rss', 'application/xml': 'rss', 'text/xml': 'rss',
  'text/html': 'html', 'application/xhtml+xml': 'html',
  'text/markdown': 'text',
};

function startsWith(head: Buffer, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

function hasUtf16Bom(head: Buffer): boolean {
  return head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
}

/** A reason to refuse the head as binary, or null for text. */
export function binaryReason(head: Buffer): string | null {
  for (const [name, bytes] of MAGIC) if (startsWith(head, bytes)) return `${name} file`;
  if (hasUtf16Bom(head)) return null; // UTF-16 text is full of NUL bytes
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return 'contains NUL bytes';
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x0b && b !== 0x1b) control++;
  }
  return n > 0 && control / n > 0.1 ? 'too many control characters' : null;
}

function extensionOf(name: string): string {
  let path = name;
  if (/^https?:\/\//i.test(name)) {
    try {
      path = new URL(name).pathname;
    } catch {
      /* keep the name */
    }
  }
  const m = /\.([a-z0-9]+)$/i.exec(path);
  return m ? m[1].toLowerCase() : '';
}

function textHead(head: Buffer): string {
  let start = 0;
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
  if (hasUtf16Bom(head)) return head.subarray(2).toString(head[0] === 0xff ? 'utf16le' : 'latin1').replace(/\0/g, '');
  return head.subarray(start, start + 65536).toString('utf8');
}

/** A Telegram Desktop export: a root object with `chats`, or with `messages` that look like Telegram's. */
export function isTelegramExport(text: string): boolean {
  if (!/^\s*\{/.test(text)) return false;
  if (/"chats"\s*:\s*\{/.test(text) && /"list"\s*:/.test(text)) return true;
  // Account exports can list thousands of contacts before "chats"; their opening is distinctive.
  if (/^\s*\{\s*"about"\s*:/.test(text) && /"personal_information"\s*:/.test(text)) return true;
  return /"messages"\s*:\s*\[/.test(text) && (/"date_unixtime"\s*:/.test(text) || /"type"\s*:\s*"(message|service)"/.test(text));
}

/** JSON Lines mistaken for JSON: a first line that is a whole object and a second line that starts another. */
function looksLikeJsonl(text: string): boolean {
  const lines = text.split('\n', 3);
  if (lines.length < 2 || !/^\s*\{/.test(lines[1])) return false;
  try {
    const v: unknown = JSON.parse(lines[0]);
    return !!v && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

function resolveJson(text: string): Format {
  if (isTelegramExport(text)) return 'telegram';
  return looksLikeJsonl(text) ? 'jsonl' : 'json';
}

/** Sniffs the head when neither extension nor content type settles the format. */
export function sniff(text: string): Format {
  const t = text.replace(/^\s+/, '');
  if (/^(\{\s*["}]|\[\s*[{["\]\d-]|\[\s*$)/.test(t)) return resolveJson(t);
  if (t.startsWith('<')) {
    const lower = t.slice(0, 4096).toLowerCase();
    if (/<(rss|feed|rdf:rdf)[\s>]/.test(lower)) return 'rss';
    if (/<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<article[\s>]|<p[\s>]|<div[\s>]/.test(lower)) return 'html';
    if (lower.startsWith('<?xml')) return 'rss';
  }
  const lines = t.split(/\r?\n/, 6).filter((l) => l.length > 0);
  const whole = lines.length > 2 ? lines.slice(0, -1) : lines; // the last line may be cut off
  if (whole.length >= 2) {
    for (const [delim, format] of [['\t', 'tsv'], [',', 'csv'], [';', 'csv']] as const) {
      const counts = whole.map((l) => l.split(delim).length - 1);
      // A header of short column names, and rows with as many delimiters.
      const header = lines[0].split(delim).map((c) => c.trim().replace(/^"|"$/g, ''));
      if (counts[0] >= 1 && counts.every((c) => c === counts[0]) && header.every((c) => c.length > 0 && c.length <= 64 && !/[.!?…]$/.test(c) && c.split(/\s+/).length <= 5)) return format;
    }
  }
  return 'text';
}

export function detectFormat(input: InputSource, head: Buffer, forced?: Format): Detected {
  const binary = binaryReason(head);
  if (binary) return { error: 'binary_file', message: `${input.name}: binary content (${binary}), not a supported text format` };
  if (forced) return forced;
  const text = textHead(head);
  const byExt = EXTENSIONS[extensionOf(input.name)];
  if (byExt) return byExt === 'json?' ? resolveJson(text) : byExt;
  const type = input.contentType?.split(';')[0].trim().toLowerCase();
  const byType = type ? CONTENT_TYPES[type] : undefined;
  if (byType) return byType === 'json?' ? resolveJson(text) : byType;
  return sniff(text);
}
