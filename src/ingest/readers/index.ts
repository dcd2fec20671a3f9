/** The reader of each input format. */
import type { Format, Reader } from '../types.ts';
import { readCsv, readTsv } from './csv.ts';
import { readHtml } from './html.ts';
import { readJson } from './json.ts';
import { readJsonl } from './jsonl.ts';
import { readRss } from './rss.ts';
import { readTelegram } from './telegram.ts';
import { readText } from './text.ts';

export const READERS: Record<Format, Reader> = {
  jsonl: readJsonl,
  json: readJson,
  csv: readCsv,
  tsv: readTsv,
  telegram: readTelegram,
  rss: readRss,
  html: readHtml,
  text: readText,
};
