// A generator of realistic corpora for benchmarks: texts sampled from our own synthetic demo scenario (en/ru/uk,
// narrative and background), spread over many channels and two years, with daily bursts and word-for-word relays
// by groups of channels within minutes, as the real corpora have them. Deterministic (seeded).
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { READERS } from '../src/ingest/readers/index.ts';
import { fileSource } from '../src/pipeline/inputs.ts';
import { expandPaths } from '../src/pipeline/inputs.ts';
import { detectFormat } from '../src/ingest/detect.ts';
import { readHead } from '../src/pipeline/inputs.ts';
import { mulberry32 } from '../src/analytics/util.ts';

const DEMO = join(import.meta.dirname, '..', 'examples', 'demo');

/** Texts of the demo corpus, split into short posts (first paragraph) and articles (whole text). */
export async function demoTexts(): Promise<{ short: string[]; long: string[] }> {
  const short: string[] = [];
  const long: string[] = [];
  const { files } = expandPaths(['telegram', 'rss', 'csv', 'html', 'text'].map((f) => join(DEMO, f)));
  for (const file of files) {
    const format = detectFormat(fileSource(file), await readHead(file));
    if (typeof format !== 'string') continue;
    for await (const item of READERS[format](fileSource(file), { map: {}, maxRecordBytes: 1e7, defaults: {} })) {
      if (!item.ok) continue;
      const text = item.record.text.trim();
      if (!text) continue;
      short.push(text.split(/\n\s*\n/)[0].slice(0, 600));
      long.push(text);
    }
  }
  return { short, long };
}

export interface CorpusOptions { documents: number; kind: 'short' | 'long'; seed?: number; channels?: number }

/** Writes a JSONL corpus; articles are built from several demo texts to about 3,000 characters. */
export async function writeCorpus(path: string, opts: CorpusOptions): Promise<{ documents: number; bytes: number }> {
  const { short, long } = await demoTexts();
  const rnd = mulberry32(opts.seed ?? 7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const channels = Array.from({ length: opts.channels ?? 400 }, (_, i) => `bench_channel_${i}`);
  const start = Date.UTC(2023, 0, 1);
  const span = 730 * 86_400_000;
  const out = createWriteStream(path);
  let bytes = 0;
  let n = 0;
  const write = async (rec: object) => {
    const line = `${JSON.stringify(rec)}\n`;
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
  };
  while (n < opts.documents) {
    let text: string;
    if (opts.kind === 'short') text = pick(short);
    else {
      const parts: string[] = [];
      while (parts.join('\n\n').length < 3000) parts.push(pick(long));
      text = parts.join('\n\n').slice(0, 3200);
    }
    // Bursty time: a few hot days get many posts.
    const day = rnd() < 0.1 ? Math.floor(rnd() * 20) * 36 : Math.floor(rnd() * 730);
    const at = start + day * 86_400_000 + Math.floor(rnd() * 86_400_000);
    const relay = rnd() < 0.05 ? 2 + Math.floor(rnd() * 4) : 0;
    await write({ id: n, channel: pick(channels), date: new Date(at).toISOString(), text: `${text} #${n}` });
    n++;
    // Word-for-word relays by other channels within minutes.
    for (let r = 0; r < relay && n < opts.documents; r++, n++) {
      await write({ id: n, channel: pick(channels), date: new Date(at + (r + 1) * 40_000).toISOString(), text: `${text} #${n - r - 1}` });
    }
  }
  await new Promise<void>((r) => out.end(() => r()));
  return { documents: n, bytes };
}
