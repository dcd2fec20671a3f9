import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse';
import {
  coordinationNetwork, nearDuplicateGroups, syncPostingBursts,
  type CoordinationGraph, type DetectGroupsOptions, type NearDupResult, type NetworkOptions, type SyncResult,
} from '../analytics/index.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import type { Store, DocumentFilter } from '../store/store.ts';
import { normalizeForMatch } from '../text/normalize.ts';

export interface ShareTableColumns { object: string; account: string; time: string; content?: string }

export class CoordinationInputError extends Error {}

/**
 * Reads a (account, object, time) table — CSV with a header — into columns for co-sharing detection.
 * Time is POSIX seconds or an ISO date. Streams, so a table of 10^6 shares needs no more than its columns.
 */
export async function readShareTable(path: string, cols: ShareTableColumns): Promise<{ objectId: string[]; accountId: string[]; contentId: string[]; timestamp: number[] }> {
  const out = { objectId: [] as string[], accountId: [] as string[], contentId: [] as string[], timestamp: [] as number[] };
  const parser = createReadStream(path).pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: false }));
  let line = 1;
  for await (const row of parser as AsyncIterable<Record<string, string>>) {
    line++;
    if (line === 2) {
      for (const [name, col] of Object.entries(cols)) {
        if (col && !(col in row)) throw new CoordinationInputError(`${path}: no column "${col}" (for --${name}); columns are ${Object.keys(row).join(', ')}`);
      }
    }
    const object = row[cols.object];
    const account = row[cols.account];
    if (!object || !account) continue; // CooRTweet drops shares without an object (NA)
    const raw = row[cols.time];
    const t = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Date.parse(raw) / 1000;
    if (!Number.isFinite(t)) throw new CoordinationInputError(`${path}:${line}: time "${raw}" is neither POSIX seconds nor a date`);
    out.objectId.push(object);
    out.accountId.push(account);
    out.contentId.push(cols.content ? row[cols.content] : `${line}`);
    out.timestamp.push(t);
  }
  return out;
}

export interface StoreCoordinationOptions extends DetectGroupsOptions, NetworkOptions {
  filter?: DocumentFilter;
  /** Near-duplicate text: maximum seconds between two posts and minimum similarity. */
  nearDuplicate?: { timeWindowSec?: number; threshold?: number };
  sync?: { binSec?: number; minCoOccurrences?: number };
}

export interface AccountInfo { id: string; name: string; actorId?: string; actorType: string }

export interface StoreCoordination {
  /** Same object (a forwarded post, a shared link) shared by several accounts within the time window. */
  coSharing: CoordinationGraph;
  /** Near-identical text posted by different accounts within the time window. */
  nearDuplicates: NearDupResult & { groupsDetail: { id: number; posts: { id: string; account: string; at: string; text: string }[]; accountTypes: string[] }[] };
  /** Accounts posting in the same minutes again and again. */
  synchronised: SyncResult;
  accounts: Record<string, AccountInfo>;
}

const URL_RE = /https?:\/\/[^\s<>"')\]]+/g;

/**
 * All three coordination signals over stored posts. Accounts are the documents' sources (resolved actors when
 * known). Objects for co-sharing are forwarded posts (forward source + text) and links, as CooRTweet uses them.
 */
export async function storeCoordination(store: Store, registry: ActorRegistry, opts: StoreCoordinationOptions = {}): Promise<StoreCoordination> {
  const accounts: Record<string, AccountInfo> = {};
  const posts: { id: string; accountId: string; at: string; text: string; lang: string }[] = [];
  const shares = { objectId: [] as string[], accountId: [] as string[], contentId: [] as string[], timestamp: [] as number[] };
  const pageSize = 5000;
  for (let offset = 0; ; offset += pageSize) {
    const docs = await store.listDocuments(opts.filter ?? {}, { limit: pageSize, offset });
    for (const d of docs) {
      const account = d.source.actorId ?? d.source.handle ?? d.source.name;
      if (!accounts[account]) {
        const actor = d.source.actorId ? registry.get(d.source.actorId) : undefined;
        accounts[account] = { id: account, name: actor?.name ?? d.source.name, ...(actor ? { actorId: actor.id } : {}), actorType: actor?.type ?? 'unknown' };
      }
      posts.push({ id: d.id, accountId: account, at: d.publishedAt, text: d.text, lang: d.lang });
      const t = Date.parse(d.publishedAt) / 1000;
      const objects = new Set<string>();
      const forwarded = d.meta.forwardedFrom;
      if (typeof forwarded === 'string' && forwarded) objects.add(`forward:${forwarded}:${hash(normalizeForMatch(d.text))}`);
      for (const url of d.text.match(URL_RE) ?? []) objects.add(`url:${url.replace(/[.,;:!?]+$/, '')}`);
      for (const object of objects) {
        shares.objectId.push(object);
        shares.accountId.push(account);
        shares.contentId.push(d.id);
        shares.timestamp.push(t);
      }
    }
    if (docs.length < pageSize) break;
  }
  const coSharing = coordinationNetwork(shares, {
    timeWindow: opts.timeWindow ?? 60, minParticipation: opts.minParticipation ?? 2, edgeWeight: opts.edgeWeight ?? 0.5,
    ...(opts.subgraph !== undefined ? { subgraph: opts.subgraph } : {}),
  });
  const nd = nearDuplicateGroups(posts, { timeWindowSec: opts.nearDuplicate?.timeWindowSec ?? 600, threshold: opts.nearDuplicate?.threshold ?? 0.8 });
  const byId = new Map(posts.map((p) => [p.id, p]));
  const groupsDetail = nd.groups.map((g) => ({
    id: g.id,
    posts: g.posts.map((id) => byId.get(id)!).map((p) => ({ id: p.id, account: p.accountId, at: p.at, text: p.text })),
    accountTypes: [...new Set(g.accounts.map((a) => accounts[a]?.actorType ?? 'unknown'))].sort(),
  }));
  const synchronised = syncPostingBursts(posts, { binSec: opts.sync?.binSec ?? 60, minCoOccurrences: opts.sync?.minCoOccurrences ?? 3 });
  return { coSharing, nearDuplicates: { ...nd, groupsDetail }, synchronised, accounts };
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}
