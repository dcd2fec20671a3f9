/** The reader of each input format. */
import type { Format, Reader } from '../types.ts';
import { readCsv, readTsv } from './csv.ts';
import { readJson } from './json.ts';
import { readJsonl } from './jsonl.ts';
import { readTelegram } from './telegram.ts';
import { readText } from './text.ts';

/**
 * The HTML and feed readers pull in a DOM implementation (~30 MB); load them on first use so that ingesting
 * JSON, CSV or Telegram exports does not pay for it.
 */
function lazy(load: () => Promise<Reader>): Reader {
  let reader: Promise<Reader> | undefined;
  return async function* (input, options) {
    reader ??= load();
    yield* (await reader)(input, options);
  };
}

export const READERS: Record<Format, Reader> = {
  jsonl: readJsonl,
  json: readJson,
  csv: readCsv,
  tsv: readTsv,
  telegram: readTelegram,
  rss: lazy(async () => (await import('./rss.ts')).readRss),
  html: lazy(async () => (await import('./html.ts')).readHtml),
  text: readText,
};
