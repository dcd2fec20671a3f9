/**
 * The `narrascope watch` configuration: a YAML file validated with zod. Durations are written as `90s`, `15m`,
 * `1h`, `2d`, `250ms` or a plain number of seconds, and come out of `loadWatchConfig` in milliseconds. Relative
 * paths (folders, state and alerts files) are resolved against the folder of the configuration file. `${VAR}` in
 * the webhook URL and header values is replaced by the environment variable, so secrets stay out of the file.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { FORMATS } from '../ingest/types.ts';
import { VERSION } from '../version.ts';

export class WatchConfigError extends Error {}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `250ms`, `90s`, `15m`, `1h`, `2d` or a number of seconds → milliseconds; null when not a duration. */
export function parseDuration(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(value);
  if (!m) return null;
  return Math.round(Number(m[1]) * UNITS[(m[2] ?? 's').toLowerCase()]);
}

const Duration = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const ms = parseDuration(v);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `not a duration: ${JSON.stringify(v)} (e.g. 30s, 15m, 1h, 2d, 250ms)` });
    return z.NEVER;
  }
  return ms;
});

const HttpUrl = z.string().refine((s) => /^https?:\/\/[^\s]+$/i.test(s), { message: 'must be an http(s) URL' });
const IsoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must be a date (ISO 8601, e.g. 2025-03-01)' });

const UrlSourceSchema = z.strictObject({
  url: HttpUrl,
  /** How often to poll; default: the top-level `interval` (or `--interval`). */
  interval: Duration.optional(),
  /** Source name for documents that carry none (HTML pages). */
  source: z.string().min(1).optional(),
  format: z.enum(FORMATS).optional(),
});

const FolderSourceSchema = z.strictObject({
  path: z.string().min(1),
  /** A file is ingested once its size and modification time have not changed for this long. */
  settle: Duration.optional(),
  /** Full rescan period (fs.watch misses events on network file systems). */
  rescan: Duration.optional(),
  recursive: z.boolean().optional(),
  /** File extensions (without dot) to ingest; default: the formats Narrascope reads. */
  include: z.array(z.string().min(1)).optional(),
  source: z.string().min(1).optional(),
  format: z.enum(FORMATS).optional(),
});

const RuleName = z.string().regex(/^[\w.-]+$/, 'rule names use letters, digits, _ . -');
const RuleBase = {
  name: RuleName,
  enabled: z.boolean().optional(),
  /**
   * Whether findings in data that was already stored when the rule first ran raise alerts (true) or only set the
   * rule's starting point (false). Default true for surges and groups, false for new actors.
   */
  backfill: z.boolean().optional(),
  /** Findings before this date never raise alerts. */
  since: IsoDate.optional(),
  taxonomy: z.string().optional(),
};

const SurgeRuleSchema = z.strictObject({
  ...RuleBase,
  type: z.literal('surge'),
  narrative: z.string().min(1).optional(),
  query: z.string().min(1).optional(),
  kinds: z.array(z.enum(['burst', 'shift'])).min(1).optional(),
  sensitivity: z.number().positive().optional(),
  minMagnitude: z.number().nonnegative().optional(),
  minConfidence: z.number().min(0).max(1).optional(),
  maxLagDays: z.number().int().nonnegative().optional(),
  /** History re-read before the earliest new day, so the baseline is there (default 120d). */
  lookback: Duration.optional(),
}).refine((r) => Boolean(r.narrative) !== Boolean(r.query), { message: 'a surge rule needs exactly one of narrative or query' });

const GroupRuleSchema = z.strictObject({
  ...RuleBase,
  type: z.literal('coordinated_group'),
  /** Only groups with at least one post carrying this narrative. */
  narrative: z.string().min(1).optional(),
  minAccounts: z.number().int().min(2).optional(),
  signals: z.array(z.enum(['near_duplicate', 'co_sharing'])).min(1).optional(),
  /** Near-identical text: maximum time between two posts (default 10m) and minimum similarity (default 0.8). */
  window: Duration.optional(),
  similarity: z.number().min(0).max(1).optional(),
  /** Co-sharing (forwards, links): CooRTweet time window (default 60s), participation, edge weight. */
  coShareWindow: Duration.optional(),
  minParticipation: z.number().int().min(1).optional(),
  edgeWeight: z.number().min(0).max(1).optional(),
});

const NewActorRuleSchema = z.strictObject({
  ...RuleBase,
  type: z.literal('new_actor'),
  narrative: z.string().min(1),
  /** Only actors of these types (registry types; `unknown` for unresolved sources). */
  actorTypes: z.array(z.string().min(1)).optional(),
  /** Mentions an actor needs before it is announced (default 1). */
  minMentions: z.number().int().min(1).optional(),
  /** Stances that count as pushing (default asserts, relays). */
  stances: z.array(z.enum(['asserts', 'relays', 'refutes', 'unknown'])).min(1).optional(),
});

const RuleSchema = z.discriminatedUnion('type', [SurgeRuleSchema, GroupRuleSchema, NewActorRuleSchema]);

const WebhookSchema = z.strictObject({
  url: z.string().min(1),
  headers: z.record(z.string(), z.string()).optional(),
  /** Attempts after the first one (default 4). */
  retries: z.number().int().min(0).max(20).optional(),
  /** First retry delay, doubled each attempt (default 2s), capped by maxBackoff (default 5m). */
  backoff: Duration.optional(),
  maxBackoff: Duration.optional(),
  timeout: Duration.optional(),
  /** An undelivered alert is retried on later passes until this old (default 24h). */
  giveUpAfter: Duration.optional(),
});

export const WatchConfigSchema = z.strictObject({
  sources: z.strictObject({
    feeds: z.array(UrlSourceSchema).optional(),
    urls: z.array(UrlSourceSchema).optional(),
    folders: z.array(FolderSourceSchema).optional(),
  }).optional(),
  rules: z.array(RuleSchema).optional(),
  webhook: WebhookSchema.optional(),
  /** Fetch from loopback/private/link-local addresses (tests, intranet); blocked by default. */
  allowPrivate: z.boolean().optional(),
  allowHosts: z.array(z.string().min(1)).optional(),
  /** Default poll interval of feeds and URLs (default 15m). */
  interval: Duration.optional(),
  /** At most one request per host per this long (default 5s). */
  politeness: Duration.optional(),
  /** Random spread of every scheduled time, as a fraction (default 0.1 = ±10%). */
  jitter: z.number().min(0).max(1).optional(),
  backoff: z.strictObject({ initial: Duration.optional(), max: Duration.optional() }).optional(),
  timeout: Duration.optional(),
  maxBytes: z.number().int().positive().optional(),
  /** Fetches running at once (never two on one host). Default 4. */
  concurrency: z.number().int().min(1).max(64).optional(),
  /** Rules are re-checked this often even when the watcher stored nothing (others may ingest). Default 5m. */
  checkEvery: Duration.optional(),
  taxonomy: z.string().optional(),
  /** State file (default: DB.watch-state.json next to a SQLite database). */
  state: z.string().optional(),
  /** Alerts file (default: DB.alerts.jsonl next to a SQLite database). */
  alerts: z.string().optional(),
  userAgent: z.string().optional(),
});

type Parsed = z.output<typeof WatchConfigSchema>;
export type SurgeRule = z.output<typeof SurgeRuleSchema>;
export type GroupRule = z.output<typeof GroupRuleSchema>;
export type NewActorRule = z.output<typeof NewActorRuleSchema>;
export type RuleConfig = SurgeRule | GroupRule | NewActorRule;

export interface UrlSourceConfig { kind: 'feed' | 'url'; url: string; interval: number; source?: string; format?: (typeof FORMATS)[number] }
export interface FolderSourceConfig {
  path: string; settle: number; rescan: number; recursive: boolean; include: string[];
  source?: string; format?: (typeof FORMATS)[number];
}
export interface WebhookConfig {
  url: string; headers: Record<string, string>; retries: number; backoff: number; maxBackoff: number; timeout: number; giveUpAfter: number;
}

/** The configuration with every default applied; durations in milliseconds, paths absolute. */
export interface WatchConfig {
  urls: UrlSourceConfig[];
  folders: FolderSourceConfig[];
  rules: RuleConfig[];
  webhook?: WebhookConfig;
  allowPrivate: boolean;
  allowHosts: string[];
  politeness: number;
  jitter: number;
  backoff: { initial: number; max: number };
  timeout: number;
  maxBytes: number;
  concurrency: number;
  checkEvery: number;
  taxonomy: string;
  state?: string;
  alerts?: string;
  userAgent: string;
}

/** Extensions a watched folder ingests by default: what the readers understand. */
export const DEFAULT_INCLUDE = ['json', 'jsonl', 'ndjson', 'csv', 'tsv', 'xml', 'rss', 'atom', 'html', 'htm', 'txt'];

/** `${NAME}` (or `${NAME:-fallback}`) → the environment variable; an unset variable without fallback is an error. */
export function expandEnv(text: string, env: NodeJS.ProcessEnv = process.env): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
    if (fallback !== undefined) return fallback;
    throw new WatchConfigError(`environment variable ${name} is not set (used in the webhook settings)`);
  });
}

export interface ConfigOverrides { interval?: number; env?: NodeJS.ProcessEnv }

/** Validates a parsed YAML document and applies the defaults; `baseDir` resolves relative paths. */
export function normalizeWatchConfig(data: unknown, baseDir: string, overrides: ConfigOverrides = {}, file = 'config'): WatchConfig {
  const parsed = WatchConfigSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
    throw new WatchConfigError(`${file}: invalid watch configuration:\n${lines.join('\n')}`);
  }
  const c: Parsed = parsed.data;
  const interval = overrides.interval ?? c.interval ?? 15 * 60_000;
  const urls: UrlSourceConfig[] = [
    ...(c.sources?.feeds ?? []).map((s) => ({ kind: 'feed' as const, ...s, interval: s.interval ?? interval })),
    ...(c.sources?.urls ?? []).map((s) => ({ kind: 'url' as const, ...s, interval: s.interval ?? interval })),
  ];
  const seen = new Set<string>();
  for (const u of urls) {
    if (seen.has(u.url)) throw new WatchConfigError(`${file}: ${u.url} is listed twice`);
    seen.add(u.url);
  }
  const folders = (c.sources?.folders ?? []).map((f) => ({
    path: resolve(baseDir, f.path), settle: f.settle ?? 2000, rescan: f.rescan ?? 60_000, recursive: f.recursive ?? true,
    include: (f.include ?? DEFAULT_INCLUDE).map((e) => e.replace(/^\./, '').toLowerCase()),
    ...(f.source ? { source: f.source } : {}), ...(f.format ? { format: f.format } : {}),
  }));
  const names = new Set<string>();
  for (const r of c.rules ?? []) {
    if (names.has(r.name)) throw new WatchConfigError(`${file}: two rules are named "${r.name}"`);
    names.add(r.name);
  }
  const env = overrides.env ?? process.env;
  const webhook = c.webhook ? {
    url: expandEnv(c.webhook.url, env),
    headers: Object.fromEntries(Object.entries(c.webhook.headers ?? {}).map(([k, v]) => [k, expandEnv(v, env)])),
    retries: c.webhook.retries ?? 4,
    backoff: c.webhook.backoff ?? 2000,
    maxBackoff: c.webhook.maxBackoff ?? 5 * 60_000,
    timeout: c.webhook.timeout ?? 10_000,
    giveUpAfter: c.webhook.giveUpAfter ?? 24 * 3_600_000,
  } : undefined;
  if (webhook && !/^https?:\/\//i.test(webhook.url)) throw new WatchConfigError(`${file}: webhook.url must be an http(s) URL`);
  return {
    urls, folders, rules: (c.rules ?? []).filter((r) => r.enabled !== false),
    ...(webhook ? { webhook } : {}),
    allowPrivate: c.allowPrivate ?? false,
    allowHosts: c.allowHosts ?? [],
    politeness: c.politeness ?? 5000,
    jitter: c.jitter ?? 0.1,
    backoff: { initial: c.backoff?.initial ?? 60_000, max: c.backoff?.max ?? 6 * 3_600_000 },
    timeout: c.timeout ?? 30_000,
    maxBytes: c.maxBytes ?? 50 * 1024 * 1024,
    concurrency: c.concurrency ?? 4,
    checkEvery: c.checkEvery ?? 5 * 60_000,
    taxonomy: c.taxonomy ?? 'urw',
    ...(c.state ? { state: resolve(baseDir, c.state) } : {}),
    ...(c.alerts ? { alerts: resolve(baseDir, c.alerts) } : {}),
    userAgent: c.userAgent ?? `narrascope-watch/${VERSION}`,
  };
}

/** Reads and validates a YAML (or JSON) watch configuration file. */
export function loadWatchConfig(file: string, overrides: ConfigOverrides = {}): WatchConfig {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new WatchConfigError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try { data = parseYaml(text.replace(/^\uFEFF/, '')); } catch (e) {
    throw new WatchConfigError(`${file}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return normalizeWatchConfig(data, dirname(resolve(file)), overrides, file);
}
