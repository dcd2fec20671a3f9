/**
 * A JSON array of objects, or an object wrapping one (`items`, `data`, `messages`, `posts`, `documents`),
 * streamed with stream-json: only the current record is ever assembled, so memory does not grow with the
 * file. A root object without such an array is read as a single record.
 *
 * Also exports the token-level picker the Telegram reader uses.
 */
import Parser from 'stream-json/Parser.js';
import { decodeStream } from '../encoding.ts';
import type { InputSource, ReadItem, Reader } from '../types.ts';
import { Channel, FieldMapper } from './fields.ts';

export type PathKey = string | number;

export interface Picked {
  path: readonly PathKey[];
  value: unknown;
  /** The value exceeded the byte budget and was dropped while parsing. */
  oversize: boolean;
}

export type PickEvent = Picked | { error: 'bad_json' | 'io_error'; message: string; recordIndex: number };

interface Token {
  name: string;
  value?: unknown;
}

/** Kinds of the unselected containers being walked. */
const ARRAY = 0;
const OBJECT = 1;
/** An object whose current key is longer than the byte budget (the key is not kept; what it holds is oversize). */
const OBJECT_LONG_KEY = 2;

/**
 * Walks a stream-json token stream (keys and strings streamed in chunks), assembling only the values whose path
 * `select` accepts; containers that are not selected are descended into without being kept. The path is kept
 * incrementally, so deep nesting costs linear time; `select` receives it live and must not keep it.
 */
export class JsonPicker {
  /** Path of the unselected containers being walked: an index per array, the current key per object. */
  private at: PathKey[] = [];
  private kinds: number[] = [];
  private longKeys = 0;
  /** A key of an unselected object being read (null: none); `keyLong` once it exceeds the budget. */
  private frameKey: string | null = null;
  private keyLong = false;
  // Assembly of one selected value.
  private depth = 0;
  private stack: (Record<string, unknown> | unknown[])[] = [];
  private keys: (string | null)[] = [];
  private key: string | null = null;
  private str = '';
  private size = 0;
  private oversize = false;
  private path: PathKey[] = [];
  /** A selected string value is being assembled at the top level. */
  private inScalarString = false;

  constructor(
    private readonly select: (path: readonly PathKey[]) => boolean,
    private readonly maxBytes: number,
    private readonly emit: (picked: Picked) => void,
  ) {}

  /** Index in the innermost array being walked (the record being parsed when an error hits). */
  get position(): number {
    for (let i = this.at.length - 1; i >= 0; i--) if (this.kinds[i] === ARRAY) return this.at[i] as number;
    return 0;
  }

  token(t: Token): void {
    if (this.depth > 0 || this.inScalarString) return this.assemble(t);
    switch (t.name) {
      case 'startKey':
        this.frameKey = '';
        this.keyLong = false;
        return;
      case 'stringChunk': {
        if (this.frameKey === null || this.keyLong) return; // a string we did not select, or the rest of a long key
        const s = t.value as string;
        if (this.frameKey.length + s.length > this.maxBytes) {
          this.keyLong = true;
          this.frameKey = '';
        } else this.frameKey += s;
        return;
      }
      case 'endKey': {
        const last = this.at.length - 1;
        this.at[last] = this.frameKey ?? '';
        this.frameKey = null;
        const kind = this.keyLong ? OBJECT_LONG_KEY : OBJECT;
        this.longKeys += (kind === OBJECT_LONG_KEY ? 1 : 0) - (this.kinds[last] === OBJECT_LONG_KEY ? 1 : 0);
        this.kinds[last] = kind;
        return;
      }
      case 'endString':
        return this.valueDone(); // a string we did not select has ended
      case 'endObject':
      case 'endArray':
        this.at.pop();
        if (this.kinds.pop() === OBJECT_LONG_KEY) this.longKeys--;
        return this.valueDone();
      case 'startObject':
      case 'startArray':
      case 'startString':
      case 'numberValue':
      case 'nullValue':
      case 'trueValue':
      case 'falseValue': {
        if (this.select(this.at)) {
          this.path = this.at.slice();
          this.size = 0;
          this.oversize = this.longKeys > 0; // held under a key over the budget: counts as over it
          return this.assemble(t);
        }
        if (t.name === 'startObject') {
          this.at.push('');
          this.kinds.push(OBJECT);
        } else if (t.name === 'startArray') {
          this.at.push(0);
          this.kinds.push(ARRAY);
        } else if (t.name !== 'startString') this.valueDone();
      }
    }
  }

  private valueDone(): void {
    const last = this.at.length - 1;
    if (last >= 0 && this.kinds[last] === ARRAY) this.at[last] = (this.at[last] as number) + 1;
  }

  private assemble(t: Token): void {
    switch (t.name) {
      case 'startObject':
      case 'startArray': {
        const c = t.name === 'startObject' ? {} : [];
        if (!this.oversize) this.attach(c);
        this.stack.push(c);
        this.keys.push(this.key);
        this.key = null;
        this.depth++;
        return;
      }
      case 'endObject':
      case 'endArray': {
        const c = this.stack.pop()!;
        this.key = this.keys.pop() ?? null;
        this.depth--;
        if (this.depth === 0) this.finish(c);
        return;
      }
      case 'startKey':
        this.str = '';
        return;
      case 'endKey':
        this.key = this.str;
        this.str = '';
        this.grow(4);
        return;
      case 'startString':
        this.str = '';
        this.inScalarString = true;
        return;
      case 'stringChunk': {
        const s = t.value as string;
        this.grow(s.length);
        if (!this.oversize) this.str += s;
        return;
      }
      case 'endString': {
        const s = this.str;
        this.str = '';
        this.inScalarString = false;
        return this.value(s);
      }
      case 'numberValue':
        this.grow(8);
        return this.value(Number(t.value));
      case 'nullValue':
        return this.value(null);
      case 'trueValue':
        return this.value(true);
      case 'falseValue':
        return this.value(false);
    }
  }

  private grow(n: number): void {
    this.size += n;
    if (this.size > this.maxBytes && !this.oversize) {
      this.oversize = true;
      this.str = '';
    }
  }

  private value(v: unknown): void {
    if (this.depth === 0) return this.finish(v);
    if (!this.oversize) this.attach(v);
  }

  private attach(v: unknown): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) return;
    if (Array.isArray(parent)) parent.push(v);
    else if (this.key === '__proto__') Object.defineProperty(parent, '__proto__', { value: v, enumerable: true, writable: true, configurable: true });
    else parent[this.key as string] = v;
  }

  private finish(v: unknown): void {
    const oversize = this.oversize;
    this.emit({ path: this.path, value: oversize ? undefined : v, oversize });
    this.oversize = false;
    this.size = 0;
    this.valueDone();
  }
}

/** Streams the selected values of a JSON input (any encoding decodeStream understands). */
export async function* pickJson(
  input: InputSource,
  select: (path: readonly PathKey[]) => boolean,
  maxBytes: number,
): AsyncGenerator<PickEvent> {
  const source = decodeStream(input);
  // Keys and strings are streamed in chunks (not packed) so that an oversized one is never held whole.
  const parser = new Parser({ packKeys: false, streamKeys: true, packNumbers: true, streamNumbers: false, packStrings: false, streamStrings: true });
  const channel = new Channel<PickEvent>(() => parser.pause(), () => parser.resume(), 256);
  const picker = new JsonPicker(select, maxBytes, (p) => channel.push(p));
  let failed = false;
  const fail = (error: 'bad_json' | 'io_error', message: string) => {
    if (failed) return;
    failed = true;
    channel.push({ error, message, recordIndex: picker.position });
    channel.close();
  };
  source.on('error', (e: Error) => {
    fail('io_error', e.message);
    parser.destroy();
  });
  parser.on('data', (t: Token) => {
    if (!failed) picker.token(t);
  });
  parser.on('error', (e: Error) => fail('bad_json', e.message));
  parser.on('end', () => channel.close());
  source.pipe(parser);
  try {
    yield* channel;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

const WRAPPERS = new Set(['items', 'data', 'messages', 'posts', 'documents']);

export const readJson: Reader = async function* (input, options) {
  const mapper = new FieldMapper(options);
  const select = (p: readonly PathKey[]) =>
    (p.length === 1 && (typeof p[0] === 'number' || !WRAPPERS.has(p[0]))) || (p.length === 2 && WRAPPERS.has(p[0] as string) && typeof p[1] === 'number');
  // Root-object fields are kept until we know whether the object is a wrapper or itself the record.
  let rootFields: Record<string, unknown> | null = null;
  let rootSize = 0;
  let records = 0;
  for await (const ev of pickJson(input, select, options.maxRecordBytes)) {
    if ('error' in ev) {
      yield { ok: false, reason: ev.error, message: `${ev.message} (in record ${ev.recordIndex + 1})`, line: ev.recordIndex + 1 };
      return;
    }
    const { path, value } = ev;
    const isRecord = typeof path[0] === 'number' || path.length === 2;
    if (!isRecord) {
      rootFields ??= {};
      let size: number;
      try { size = ev.oversize ? Infinity : (JSON.stringify(value)?.length ?? 0) + String(path[0]).length; } catch { size = Infinity; } // too deep to serialise: dropped
      rootSize += size;
      if (rootSize <= options.maxRecordBytes) rootFields[path[0] as string] = value;
      continue;
    }
    const index = path[path.length - 1] as number;
    records++;
    yield toItem(ev, mapper, index + 1, options.maxRecordBytes);
  }
  if (records === 0 && rootFields) {
    if (rootSize > options.maxRecordBytes) {
      yield { ok: false, reason: 'line_too_long', message: `record exceeds the limit of ${options.maxRecordBytes} bytes`, line: 1 };
      return;
    }
    yield toItem({ path: [], value: rootFields, oversize: false }, mapper, 1, options.maxRecordBytes);
  }
};

function toItem(ev: Picked, mapper: FieldMapper, line: number, max: number): ReadItem {
  if (ev.oversize) return { ok: false, reason: 'line_too_long', message: `record exceeds the limit of ${max} bytes`, line };
  const v = ev.value;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    return { ok: false, reason: 'bad_record', message: `record is ${Array.isArray(v) ? 'an array' : v === null ? 'null' : `a ${typeof v}`}, not an object`, line };
  }
  const r = mapper.map(v as Record<string, unknown>);
  return r.ok ? { ok: true, record: r.record, line } : { ...r, line };
}
