/**
 * CSV / TSV with a header row (RFC 4180 quoting, multi-line quoted fields, BOM, any encoding decodeStream knows).
 * The delimiter is auto-detected among `,` `;` and tab from the header line (`tsv` forces tab).
 *
 * Our own small scanner rather than csv-parse: csv-parse 6.2 with `skip_records_with_error` loses the rest of
 * the buffer after a CSV_MAX_RECORD_SIZE error, and an unclosed quote swallows the rest of the file into one
 * skipped record. Here a broken row costs one `bad_csv_row` and reading goes on: a record that spans lines and
 * turns out broken (unclosed quote, wrong field count, text after a closing quote, too long) is rejected at
 * its first line and the following lines are read again as rows of their own.
 */
import { decodeStream } from '../encoding.ts';
import type { ReadItem, Reader } from '../types.ts';
import { Channel, FieldMapper } from './fields.ts';

type CsvEvent =
  | { kind: 'row'; fields: string[]; line: number }
  | { kind: 'error'; reason: 'bad_csv_row' | 'line_too_long' | 'io_error'; message: string; line?: number };

const LF = 10;
const CR = 13;
const QUOTE = 34;

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  AfterQuote,
}

/** Push-style CSV scanner: write() decoded text, end(); rows and errors come out through `emit`, in order. */
export class CsvScanner {
  private buf = '';
  private rec = 0; // where the current record starts in buf
  private pos = 0; // scan position in buf
  private line = 1; // line on which the current record starts
  private lines = 0; // line breaks passed inside quotes in the current record
  private state = S.FieldStart;
  private fields: string[] = [];
  private seg = 0; // start of the current field segment
  private value = ''; // text of the current quoted field so far
  private prefix = ''; // quoted text followed by stray characters ("a"b): kept, lenient
  private skipLine = 0; // > 0: discarding an over-long line
  private skipSize = 0;
  private delim: number;
  header: string[] | null = null;

  constructor(
    delimiter: string | null,
    private readonly max: number,
    private readonly emit: (e: CsvEvent) => void,
  ) {
    this.delim = delimiter ? delimiter.charCodeAt(0) : -1;
  }

  write(chunk: string): void {
    if (this.rec > 0) {
      this.buf = this.buf.slice(this.rec);
      this.pos -= this.rec;
      this.seg -= this.rec;
      this.rec = 0;
    }
    this.buf += chunk;
    this.scan(false);
  }

  end(): void {
    this.scan(true);
  }

  private detectDelimiter(final: boolean): boolean {
    const buf = this.buf;
    let end = buf.search(/[\r\n]/);
    if (end < 0) {
      if (!final && buf.length < this.max) return false;
      end = buf.length;
    }
    const counts = new Map<number, number>([[44, 0], [59, 0], [9, 0]]);
    let inQuotes = false;
    for (let i = 0; i < end; i++) {
      const c = buf.charCodeAt(i);
      if (c === QUOTE) inQuotes = !inQuotes;
      else if (!inQuotes && counts.has(c)) counts.set(c, counts.get(c)! + 1);
    }
    let best = 44;
    for (const [c, n] of counts) if (n > counts.get(best)!) best = c;
    this.delim = best;
    return true;
  }

  /** End of the line break at i (\n, \r\n or \r), or -1 when more input is needed to tell. */
  private breakEnd(i: number, final: boolean): number {
    if (this.buf.charCodeAt(i) === LF) return i + 1;
    if (i + 1 < this.buf.length) return this.buf.charCodeAt(i + 1) === LF ? i + 2 : i + 1;
    return final ? i + 1 : -1;
  }

  private reset(at: number): number {
    this.rec = at;
    this.seg = at;
    this.lines = 0;
    this.fields = [];
    this.state = S.FieldStart;
    this.value = '';
    this.prefix = '';
    return at;
  }

  private endRecord(end: number): number {
    const fields = this.fields;
    const multi = this.lines > 0;
    if (!(fields.length === 1 && !multi && fields[0].trim() === '')) {
      if (!this.header) this.header = fields;
      else {
        const want = this.header.length;
        let ok = fields.length === want;
        if (fields.length > want) {
          ok = true; // trailing delimiters are harmless
          for (let k = want; k < fields.length && ok; k++) ok = fields[k].trim() === '';
          if (ok) fields.length = want;
        }
        if (ok) this.emit({ kind: 'row', fields, line: this.line });
        else {
          const message = `expected ${want} fields, got ${fields.length}`;
          if (multi) return this.broken(message);
          this.emit({ kind: 'error', reason: 'bad_csv_row', message, line: this.line });
        }
      }
    }
    this.line += 1 + this.lines;
    return this.reset(end);
  }

  /** Rejects a record that spans lines and reads on from its second line. */
  private broken(message: string): number {
    this.emit({ kind: 'error', reason: 'bad_csv_row', message: `${message} (row spans several lines; unclosed quote?)`, line: this.line });
    const buf = this.buf;
    let i = this.rec;
    while (i < buf.length && buf.charCodeAt(i) !== LF && buf.charCodeAt(i) !== CR) i++;
    const end = i < buf.length ? this.breakEnd(i, true) : buf.length;
    this.line += 1;
    return this.reset(end);
  }

  private scan(final: boolean): void {
    if (this.delim < 0 && !this.detectDelimiter(final)) return;
    const buf = this.buf;
    const n = buf.length;
    const d = this.delim;
    let i = this.pos;
    for (;;) {
      if (this.skipLine) {
        let j = i;
        while (j < n && buf.charCodeAt(j) !== LF && buf.charCodeAt(j) !== CR) j++;
        this.skipSize += j - i;
        const end = j < n ? this.breakEnd(j, final) : final ? n : -1;
        if (end < 0) {
          i = this.rec = this.seg = j;
          break;
        }
        this.emit({ kind: 'error', reason: 'line_too_long', message: `line of ${this.skipSize} characters exceeds the limit of ${this.max}`, line: this.skipLine });
        this.line = this.skipLine + 1;
        this.skipLine = 0;
        i = this.reset(end);
        continue;
      }
      if (i - this.rec > this.max) {
        if (this.lines > 0) i = this.broken(`row longer than ${this.max} characters`);
        else {
          this.skipLine = this.line;
          this.skipSize = i - this.rec;
          i = this.reset(i);
        }
        continue;
      }
      if (i >= n) break;
      if (this.state === S.FieldStart) {
        if (buf.charCodeAt(i) === QUOTE) {
          this.state = S.Quoted;
          this.value = '';
          this.seg = ++i;
        } else {
          this.state = S.Unquoted;
          this.seg = i;
        }
      } else if (this.state === S.Unquoted) {
        let c = 0;
        while (i < n && (c = buf.charCodeAt(i)) !== d && c !== LF && c !== CR) i++;
        if (i >= n || i - this.rec > this.max) continue;
        if (c === d) {
          this.fields.push(this.prefix + buf.slice(this.seg, i));
          this.prefix = '';
          this.state = S.FieldStart;
          i++;
          continue;
        }
        const end = this.breakEnd(i, final);
        if (end < 0) break;
        this.fields.push(this.prefix + buf.slice(this.seg, i));
        i = this.endRecord(end);
      } else if (this.state === S.Quoted) {
        let c = 0;
        let wait = false;
        while (i < n) {
          c = buf.charCodeAt(i);
          if (c === QUOTE) break;
          if (c === LF) this.lines++;
          else if (c === CR) {
            if (i + 1 >= n && !final) {
              wait = true;
              break;
            }
            if (i + 1 >= n || buf.charCodeAt(i + 1) !== LF) this.lines++;
          }
          i++;
        }
        if (wait || i >= n) {
          if (i - this.rec > this.max) continue;
          break;
        }
        if (i + 1 >= n && !final) break; // is it "" or a closing quote?
        if (buf.charCodeAt(i + 1) === QUOTE) {
          this.value += buf.slice(this.seg, i + 1);
          i += 2;
          this.seg = i;
          continue;
        }
        this.value += buf.slice(this.seg, i);
        this.state = S.AfterQuote;
        i++;
      } else {
        const c = buf.charCodeAt(i);
        if (c === d) {
          this.fields.push(unixNewlines(this.value));
          this.state = S.FieldStart;
          i++;
        } else if (c === LF || c === CR) {
          const end = this.breakEnd(i, final);
          if (end < 0) break;
          this.fields.push(unixNewlines(this.value));
          i = this.endRecord(end);
        } else if (this.lines > 0) {
          i = this.broken('text after a closing quote');
        } else {
          this.prefix = unixNewlines(this.value);
          this.state = S.Unquoted;
          this.seg = i;
        }
      }
    }
    this.pos = i;
    if (!final) return;
    // End of input: close the last record.
    if (this.skipLine) return; // reported in the loop
    if (this.state === S.Quoted) {
      if (this.lines > 0) {
        this.pos = this.broken('quote not closed at end of input');
        this.scan(true);
        return;
      }
      this.emit({ kind: 'error', reason: 'bad_csv_row', message: 'quote not closed at end of input', line: this.line });
      this.reset(n);
      return;
    }
    if (this.state === S.Unquoted) this.fields.push(this.prefix + buf.slice(this.seg, n));
    else if (this.state === S.AfterQuote) this.fields.push(unixNewlines(this.value));
    else if (this.fields.length) this.fields.push('');
    else return;
    this.pos = this.endRecord(n);
    if (this.pos < n) this.scan(true); // a broken last record: read its remaining lines
  }
}

function unixNewlines(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

function headerNames(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    let name = h.trim() || `column_${i + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n) name = `${name}_${n + 1}`;
    return name;
  });
}

function csvReader(tab: boolean): Reader {
  return async function* (input, options) {
    const source = decodeStream(input);
    const channel = new Channel<CsvEvent>(() => source.pause(), () => source.resume());
    const delimiter = tab || /\.(tsv|tab)$/i.test(input.name) ? '\t' : null;
    const scanner = new CsvScanner(delimiter, options.maxRecordBytes, (e) => channel.push(e));
    source.on('data', (chunk: string) => scanner.write(chunk));
    source.on('end', () => {
      scanner.end();
      channel.close();
    });
    source.on('error', (e: Error) => {
      channel.push({ kind: 'error', reason: 'io_error', message: e.message });
      channel.close();
    });
    const mapper = new FieldMapper(options);
    let names: string[] | null = null;
    try {
      for await (const ev of channel) {
        if (ev.kind === 'error') {
          yield { ok: false, reason: ev.reason, message: ev.message, line: ev.line } satisfies ReadItem;
          continue;
        }
        names ??= headerNames(scanner.header!);
        const obj: Record<string, unknown> = {};
        for (let k = 0; k < names.length; k++) obj[names[k]] = ev.fields[k];
        const r = mapper.map(obj);
        yield r.ok ? { ok: true, record: r.record, line: ev.line } : { ...r, line: ev.line };
      }
    } finally {
      source.destroy();
    }
  };
}

export const readCsv: Reader = csvReader(false);
export const readTsv: Reader = csvReader(true);
