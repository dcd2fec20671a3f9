import { Command } from 'commander';
import { openStore } from '../store/open.ts';
import type { Store } from '../store/store.ts';
import { actorRegistry } from '../actors/load.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import { parsePublishedAt } from '../ingest/dates.ts';

/** Exit codes (issue 2): 0 ok, 1 error, 2 usage, 3 partial (some input rejected). */
export const EXIT = { ok: 0, error: 1, usage: 2, partial: 3 } as const;

export class UsageError extends Error {}

export interface GlobalOptions { db: string; actors?: string[]; quiet?: boolean }

export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}

export async function withStore<T>(cmd: Command, fn: (store: Store) => Promise<T>, options: { readonly?: boolean } = {}): Promise<T> {
  const store = await openStore(globals(cmd).db, options);
  try { return await fn(store); } finally { await store.close(); }
}

export function registryFor(cmd: Command): ActorRegistry {
  return actorRegistry(globals(cmd).actors ?? []);
}

/** Data output: one JSON document on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** `k=v,k2=v2` → object; used by --map. */
export function parseKeyValues(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`expected key=value in "${part}"`);
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** --since/--until as ISO UTC instants; a value that is not a date is a usage error. */
export function parsePeriod(opts: { since?: string; until?: string }): { since?: string; until?: string } {
  const since = opts.since ? parsePublishedAt(opts.since) : undefined;
  const until = opts.until ? parsePublishedAt(opts.until) : undefined;
  if ((opts.since && !since) || (opts.until && !until)) throw new UsageError('--since/--until must be dates (ISO 8601, e.g. 2025-03-13)');
  return { since, until };
}
