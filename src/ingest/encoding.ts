/**
 * Character-encoding detection and decoding for text inputs.
 *
 * Rule: a BOM wins; otherwise a head that is valid UTF-8 is UTF-8 (pure ASCII heads honour a declared
 * XML/HTML charset); otherwise a declared charset, our Cyrillic single-byte scorer (windows-1251, KOI8-R,
 * IBM866, ISO-8859-5 — chardet cannot tell IBM866) and finally chardet decide.
 */
import { Readable } from 'node:stream';
import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { InputSource } from './types.ts';

export const SNIFF_BYTES = 64 * 1024;

const CYRILLIC_SINGLE_BYTE = ['windows-1251', 'koi8-r', 'ibm866', 'iso-8859-5'];

/** Picks the encoding of a sample (the first bytes of an input). `complete`: the sample is the whole input. */
export function detectEncoding(sample: Buffer, complete = false): string {
  if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample.length >= 2 && sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample.length >= 2 && sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  const declared = declaredCharset(sample);
  const utf8 = utf8Status(sample, complete);
  if (utf8 === 'ascii') return declared && !declared.startsWith('utf-16') ? declared : 'utf-8';
  if (utf8 === 'valid') return 'utf-8';
  if (declared && declared !== 'utf-8' && !declared.startsWith('utf-16')) return declared;
  const cyrillic = guessCyrillic(sample);
  if (cyrillic) return cyrillic;
  for (const { name } of chardet.analyse(sample)) {
    const enc = name.toLowerCase();
    if (enc === 'utf-8' || enc === 'ascii') continue;
    if (iconv.encodingExists(enc)) return enc;
  }
  return 'windows-1252';
}

/** A single-byte Cyrillic encoding when the sample reads as Russian/Ukrainian prose in one, else null. */
export function guessCyrillic(sample: Buffer): string | null {
  let ascii = 0;
  let high = 0;
  const n = Math.min(sample.length, SNIFF_BYTES);
  for (let i = 0; i < n; i++) {
    const b = sample[i];
    if (b >= 0x80) high++;
    else if ((b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)) ascii++;
  }
  // Western text has a few accented letters inside ASCII words; Cyrillic words are all high bytes.
  if (high < 8 || high / (ascii + high) < 0.3) return null;
  const part = sample.subarray(0, n);
  let best: string | null = null;
  let bestScore = 0.6;
  for (const enc of CYRILLIC_SINGLE_BYTE) {
    const text = iconv.decode(part, enc);
    let lower = 0;
    let nonAscii = 0;
    for (const ch of text) {
      const c = ch.charCodeAt(0);
      if (c < 0x80) continue;
      nonAscii++;
      // а-я, ё, and Ukrainian і ї є ґ are lowercase; prose is mostly lowercase, wrong code pages are not.
      if ((c >= 0x430 && c <= 0x44f) || c === 0x451 || c === 0x456 || c === 0x457 || c === 0x454 || c === 0x491) lower++;
    }
    const score = nonAscii ? lower / nonAscii : 0;
    if (score > bestScore) {
      bestScore = score;
      best = enc;
    }
  }
  return best;
}

/**
 * 'ascii' (no byte >= 0x80), 'valid' UTF-8, or 'invalid'. A truncated final sequence is fine: in a head, the rest
 * follows; in a whole file (`complete`), the file was cut inside its last character (an interrupted download,
 * `head -c`) and decodes to one U+FFFD at the end — unless that lone lead byte is the only non-ASCII byte, which
 * is no evidence of UTF-8 (it may be a legacy code page's letter).
 */
function utf8Status(sample: Buffer, complete: boolean): 'ascii' | 'valid' | 'invalid' {
  let i = 0;
  const n = sample.length;
  while (i < n && sample[i] < 0x80) i++;
  if (i === n) return 'ascii';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
  } catch {
    return 'invalid';
  }
  // Only the last byte is non-ASCII (so it is an incomplete sequence): in a whole file, no evidence of UTF-8.
  return complete && i === n - 1 ? 'invalid' : 'valid';
}

const XML_DECL = /<\?xml[^>]{0,200}?encoding\s*=\s*["']([\w.:-]+)["']/i;
const META_CHARSET = /<meta[^>]{0,300}?charset\s*=\s*["']?([\w.:-]+)/i;

function declaredCharset(sample: Buffer): string | null {
  const head = sample.subarray(0, 4096).toString('latin1');
  const m = XML_DECL.exec(head) ?? META_CHARSET.exec(head);
  if (!m) return null;
  const enc = m[1].toLowerCase();
  if (enc === 'utf8' || enc === 'utf-8') return 'utf-8';
  return iconv.encodingExists(enc) ? enc : null;
}

function hasBom(buf: Buffer, encoding: string): number {
  if (encoding === 'utf-8' && buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 3;
  return 0;
}

/** Reads up to `bytes` from an async iterator of chunks; returns them with the iterator to continue from. */
export async function takeHead(
  source: AsyncIterable<Buffer | string>,
  bytes = SNIFF_BYTES,
): Promise<{ head: Buffer; rest: AsyncIterator<Buffer | string>; ended: boolean }> {
  const it = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await it.next();
    if (next.done) {
      ended = true;
      break;
    }
    const buf = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    parts.push(buf);
    size += buf.length;
  }
  return { head: parts.length === 1 ? parts[0] : Buffer.concat(parts), rest: it, ended };
}

/** Decodes chunks in `encoding` into strings (BOM removed; invalid UTF-8 becomes U+FFFD). */
export async function* decodeChunks(
  first: Buffer,
  rest: AsyncIterator<Buffer | string> | null,
  encoding: string,
): AsyncGenerator<string> {
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
    if (first.length) yield decoder.decode(first, { stream: true });
    if (rest) {
      for (let next = await rest.next(); !next.done; next = await rest.next()) {
        const s = decoder.decode(toBuffer(next.value), { stream: true });
        if (s) yield s;
      }
    }
    const tail = decoder.decode();
    if (tail) yield tail;
    return;
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  const s0 = decoder.write(first);
  if (s0) yield s0;
  if (rest) {
    for (let next = await rest.next(); !next.done; next = await rest.next()) {
      const s = decoder.write(toBuffer(next.value));
      if (s) yield s;
    }
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

function toBuffer(chunk: Buffer | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

/**
 * A stream of decoded strings (never Buffers) for an input of unknown encoding.
 * Sniffs the first 64 KB; the detected encoding is available as `stream.encoding` once reading started.
 */
export function decodeStream(input: InputSource | Readable): Readable & { detectedEncoding?: string } {
  const raw = input instanceof Readable ? input : input.open();
  let out!: Readable & { detectedEncoding?: string };
  out = Readable.from(
    (async function* () {
      const { head, rest, ended } = await takeHead(raw);
      const encoding = detectEncoding(head, ended);
      out.detectedEncoding = encoding;
      yield* decodeChunks(head, ended ? null : rest, encoding);
    })(),
    { objectMode: true },
  );
  // Destroying the decoded stream must release the file.
  out.once('close', () => raw.destroy());
  return out;
}

/** Decodes a whole buffer (small inputs: text, HTML). */
export function decodeBuffer(buf: Buffer): { text: string; encoding: string } {
  const encoding = detectEncoding(buf.subarray(0, SNIFF_BYTES), buf.length <= SNIFF_BYTES);
  if (encoding === 'utf-8') return { text: buf.subarray(hasBom(buf, encoding)).toString('utf8'), encoding };
  return { text: iconv.decode(buf, encoding, { stripBOM: true }), encoding };
}

/**
 * For formats that are UTF-8 by spec (JSON Lines): the legacy Cyrillic encoding of a head that is clearly
 * not UTF-8 — invalid, hardly any valid multi-byte sequences, and reads as Cyrillic — else null, so that a
 * UTF-8 file with a few corrupt lines keeps rejecting those lines as invalid UTF-8.
 */
export function legacyCyrillicEncoding(sample: Buffer, complete = false): string | null {
  if (utf8Status(sample, complete) !== 'invalid') return null;
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i];
    if (b < 0x80) continue;
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    let ok = need > 0 && i + need < sample.length;
    for (let j = 1; ok && j <= need; j++) ok = (sample[i + j] & 0xc0) === 0x80;
    if (ok) {
      valid++;
      i += need;
    } else invalid++;
  }
  if (valid * 4 > invalid) return null;
  const enc = detectEncoding(sample, complete);
  return CYRILLIC_SINGLE_BYTE.includes(enc) ? enc : null;
}

/** Reads a whole input, or returns null as soon as it exceeds `limit` bytes (without reading the rest). */
export async function readWhole(input: InputSource, limit: number): Promise<Buffer | null> {
  const stream = input.open();
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += buf.length;
      if (size > limit) return null;
      parts.push(buf);
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(parts, size);
}
