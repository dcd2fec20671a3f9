import { Command } from 'commander';
import { FORMATS, MAPPABLE_FIELDS, type FieldMap, type Format } from '../ingest/types.ts';
import { parsePublishedAt } from '../ingest/dates.ts';
import { UsageError, parseKeyValues } from './context.ts';

/** The options that say how to read inputs, shared by `ingest` and `enqueue`. */
export function withInputOptions(cmd: Command): Command {
  return cmd
    .option('--format <format>', `force the input format (${FORMATS.join(', ')})`)
    .option('--map <mapping>', `field mapping for JSON/CSV, e.g. text=body,publishedAt=date,source=channel (fields: ${MAPPABLE_FIELDS.join(', ')})`)
    .option('--source <name>', 'source name for inputs that have none (plain text, HTML)')
    .option('--published <iso>', 'publication time for inputs that have none')
    .option('--url <url>', 'URL for inputs that have none');
}

export interface InputOptions {
  format?: Format;
  map: FieldMap;
  defaults: { source?: string; publishedAt?: string; url?: string };
}

/** Validates the input options; a wrong value is a usage error naming the option. */
export function parseInputOptions(opts: { format?: string; map?: string; source?: string; published?: string; url?: string }): InputOptions {
  const format = opts.format as Format | undefined;
  if (format && !FORMATS.includes(format)) throw new UsageError(`unknown --format ${format}; one of ${FORMATS.join(', ')}`);
  const map = opts.map ? parseKeyValues(opts.map) : {};
  for (const key of Object.keys(map)) {
    if (!(MAPPABLE_FIELDS as readonly string[]).includes(key)) throw new UsageError(`--map: unknown field "${key}"; fields are ${MAPPABLE_FIELDS.join(', ')}`);
  }
  if (opts.published && !parsePublishedAt(opts.published)) throw new UsageError(`--published: not a date: ${opts.published}`);
  const defaults = Object.fromEntries(Object.entries({ source: opts.source, publishedAt: opts.published, url: opts.url })
    .filter(([, v]) => v !== undefined)) as InputOptions['defaults'];
  return { ...(format ? { format } : {}), map: map as FieldMap, defaults };
}
