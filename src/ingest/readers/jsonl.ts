/**
 * JSON Lines / NDJSON. Streams line by line over raw bytes with a hard cap on line length: an over-long line
 * is counted and skipped up to its newline, never buffered. Lines must be UTF-8 (checked per line, so one
 * corrupt line costs one record). Exception: a file whose head is clearly a single-byte Cyrillic encoding
 * (windows-1251, KOI8-R...) is decoded as such — such exports exist and rejecting every line helps nobody.
 */
import { isUtf8 } from 'node:buffer';
import { decodeChunks, legacyCyrillicEncoding, takeHead } from '../encoding.ts';
import type { ReadItem, Reader, ReaderOptions } from '../types.ts';
import { FieldMapper } from './fields.ts';

const NL = 0x0a;

export const readJsonl: Reader = async function* (input, options) {
  const { head, rest, ended } = await takeHead(input.open());
  const mapper = new FieldMapper(options);
  const legacy = legacyCyrillicEncoding(head, ended);
  const utf16 = head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
  if (legacy || utf16) {
    const enc = legacy ?? (head[0] === 0xff ? 'utf-16le' : 'utf-16be');
    yield* readDecodedLines(decodeChunks(head, ended ? null : rest, enc), options, mapper);
    return;
  }
  yield* readByteLines(head, ended ? null : rest, options, mapper);
};

async function* readByteLines(
  head: Buffer,
  rest: AsyncIterator<Buffer | string> | null,
  options: ReaderOptions,
  mapper: FieldMapper,
): AsyncGenerator<ReadItem> {
  const max = options.maxRecordBytes;
  let parts: Buffer[] = [];
  let size = 0; // bytes of the current line so far (also counted while skipping)
  let skipping = false;
  let lineNo = 0;

  const finish = (): ReadItem | null => {
    lineNo++;
    if (skipping) {
      const item: ReadItem = { ok: false, reason: 'line_too_long', message: `line of ${size} bytes exceeds the limit of ${max}`, line: lineNo };
      skipping = false;
      size = 0;
      return item;
    }
    let buf = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
    parts = [];
    size = 0;
    if (lineNo === 1 && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    if (!isUtf8(buf)) return { ok: false, reason: 'invalid_utf8', message: 'line is not valid UTF-8', line: lineNo };
    return parseLine(buf.toString('utf8'), lineNo, mapper);
  };

  let chunk: Buffer | null = head;
  while (chunk) {
    let pos = 0;
    const len = chunk.length;
    while (pos < len) {
      const nl = chunk.indexOf(NL, pos);
      const end = nl === -1 ? len : nl;
      const piece = end - pos;
      size += piece;
      if (!skipping) {
        if (size > max) {
          skipping = true;
          parts = [];
        } else if (piece) parts.push(chunk.subarray(pos, end));
      }
      if (nl === -1) break;
      const item = finish();
      if (item) yield item;
      pos = nl + 1;
    }
    if (!rest) break;
    const next = await rest.next();
    chunk = next.done ? null : typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
  }
  if (size > 0 || skipping) {
    const item = finish();
    if (item) yield item;
  }
}

/** Same line logic over already decoded text (legacy encodings, UTF-16); the cap counts characters. */
async function* readDecodedLines(
  chunks: AsyncIterable<string>,
  options: ReaderOptions,
  mapper: FieldMapper,
): AsyncGenerator<ReadItem> {
  const max = options.maxRecordBytes;
  let partial = '';
  let size = 0;
  let skipping = false;
  let lineNo = 0;
  const finish = (): ReadItem | null => {
    lineNo++;
    const item: ReadItem | null = skipping
      ? { ok: false, reason: 'line_too_long', message: `line of ${size} characters exceeds the limit of ${max}`, line: lineNo }
      : parseLine(partial, lineNo, mapper);
    partial = '';
    size = 0;
    skipping = false;
    return item;
  };
  for await (const chunk of chunks) {
    let pos = 0;
    while (pos < chunk.length) {
      const nl = chunk.indexOf('\n', pos);
      const end = nl === -1 ? chunk.length : nl;
      size += end - pos;
      if (!skipping) {
        if (size > max) {
          skipping = true;
          partial = '';
        } else partial += chunk.slice(pos, end);
      }
      if (nl === -1) break;
      const item = finish();
      if (item) yield item;
      pos = nl + 1;
    }
  }
  if (size > 0 || skipping) {
    const item = finish();
    if (item) yield item;
  }
}

function parseLine(text: string, line: number, mapper: FieldMapper): ReadItem | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    if (!text.trim()) return null; // blank lines separate nothing and are not errors
    return { ok: false, reason: 'bad_json', message: (e as Error).message, line };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: 'bad_record', message: `line holds ${Array.isArray(value) ? 'an array' : `a ${value === null ? 'null' : typeof value}`}, not an object`, line };
  }
  const r = mapper.map(value as Record<string, unknown>);
  return r.ok ? { ok: true, record: r.record, line } : { ...r, line };
}
