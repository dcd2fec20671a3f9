import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, PassThrough } from 'node:stream';
import type { InputSource } from '../ingest/types.ts';

/** Expands CLI paths: folders recursively (sorted, hidden files and sidecars skipped), files, "-" for stdin, URLs. */
export function expandPaths(paths: string[]): { files: string[]; urls: string[]; stdin: boolean; missing: string[] } {
  const files: string[] = [];
  const urls: string[] = [];
  const missing: string[] = [];
  let stdin = false;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (st.isFile() && !isSidecar(name)) files.push(path);
    }
  };
  for (const p of paths) {
    if (p === '-') stdin = true;
    else if (/^https?:\/\//i.test(p)) urls.push(p);
    else {
      let st;
      try { st = statSync(p); } catch { missing.push(p); continue; }
      if (st.isDirectory()) walk(p);
      else files.push(p);
    }
  }
  return { files, urls, stdin, missing };
}

/** Sidecar metadata files belong to the text file next to them and are not documents themselves. */
export function isSidecar(name: string): boolean {
  return name.endsWith('.meta.json') || name === 'SOURCE.md';
}

export function fileSource(path: string): InputSource {
  return { name: path, open: () => createReadStream(path, { highWaterMark: 256 * 1024 }) };
}

/**
 * Reads the first bytes of a one-shot stream (stdin, an HTTP body) for format detection and hands back
 * a source whose open() replays them before the rest, so nothing is buffered beyond the head.
 */
export async function peekSource(name: string, stream: Readable, headBytes = 64 * 1024, contentType?: string):
  Promise<{ source: InputSource; head: Buffer }> {
  const chunks: Buffer[] = [];
  let size = 0;
  const iterator = stream[Symbol.asyncIterator]();
  let done = false;
  while (size < headBytes) {
    const next = await iterator.next();
    if (next.done) { done = true; break; }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    size += chunk.length;
  }
  const head = Buffer.concat(chunks);
  let opened = false;
  const source: InputSource = {
    name,
    contentType,
    open() {
      if (opened) throw new Error(`${name}: a one-shot input can be read only once`);
      opened = true;
      const out = new PassThrough({ highWaterMark: 256 * 1024 });
      out.write(head);
      if (done) { out.end(); return out; }
      (async () => {
        try {
          for (;;) {
            const next = await iterator.next();
            if (next.done) break;
            if (!out.write(next.value)) await new Promise((r) => out.once('drain', r));
          }
          out.end();
        } catch (err) { out.destroy(err as Error); }
      })();
      return out;
    },
  };
  return { source, head };
}

/** The first bytes of a file, for format detection. */
export async function readHead(path: string, bytes = 64 * 1024): Promise<Buffer> {
  const { open } = await import('node:fs/promises');
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally { await fh.close(); }
}
