import type { ActorRegistry } from '../actors/registry.ts';
import type { Store } from '../store/store.ts';
import type { Taxonomy } from '../narratives/index.ts';
import { indexTaxonomy } from '../narratives/taxonomy.ts';
import { resolveNarrative } from './target.ts';
import { findSurges } from './surges.ts';
import { isAmplifyingStance } from './items.ts';

export interface NarrativeOverview {
  id: string;
  label: string;
  parent?: string;
  /** Mentions of the narrative and its sub-narratives. */
  mentions: number;
  byStance: Record<string, number>;
  /** Amplifying mentions (asserts, relays) by actor type. */
  byActorType: Record<string, number>;
  first?: string;
  last?: string;
  /** Amplifying mentions per ISO week (Monday), oldest first: the sparkline. */
  weekly: { week: string; count: number }[];
  surges?: { kind: string; onset: string; peak: string; magnitude: number }[];
}

/**
 * Every narrative of the taxonomy that has mentions, with counts by stance and actor type (sub-narratives rolled
 * up into their parents), most mentioned first. With `surges`, each also gets its surge findings (slower).
 */
export async function narrativesOverview(store: Store, registry: ActorRegistry, taxonomy: Taxonomy,
  opts: { since?: string; until?: string; surges?: boolean; minMentions?: number } = {}): Promise<NarrativeOverview[]> {
  const index = indexTaxonomy(taxonomy);
  const counts = await store.countMentions({ since: opts.since, until: opts.until });
  const rows = new Map<string, NarrativeOverview>();
  const row = (id: string) => {
    let r = rows.get(id);
    if (!r) {
      const node = index.byId.get(id);
      r = { id, label: node?.label ?? id, ...(node?.parent ? { parent: node.parent } : {}), mentions: 0, byStance: {}, byActorType: {}, weekly: [] };
      rows.set(id, r);
    }
    return r;
  };
  for (const c of counts) {
    // Roll each count up the tree: a mention of a sub-narrative is a mention of its parents too.
    for (let id: string | undefined = c.narrativeId; id; id = index.byId.get(id)?.parent ?? undefined) {
      const r = row(id);
      r.mentions += c.count;
      r.byStance[c.stance] = (r.byStance[c.stance] ?? 0) + c.count;
      if (isAmplifyingStance(c.stance)) r.byActorType[c.actorType] = (r.byActorType[c.actorType] ?? 0) + c.count;
      if (!r.first || c.first < r.first) r.first = c.first;
      if (!r.last || c.last > r.last) r.last = c.last;
      if (!index.byId.has(id)) break;
    }
  }
  const out = [...rows.values()].filter((r) => r.mentions >= (opts.minMentions ?? 1)).sort((a, b) => b.mentions - a.mentions || a.id.localeCompare(b.id));
  // Weekly sparklines from per-day counts, rolled up the tree like the totals.
  const weekly = new Map<string, Map<string, number>>();
  for (const c of await store.dailyMentionCounts({ since: opts.since, until: opts.until })) {
    if (!isAmplifyingStance(c.stance)) continue;
    const week = mondayOf(c.day);
    for (let id: string | undefined = c.narrativeId; id; id = index.byId.get(id)?.parent ?? undefined) {
      const w = weekly.get(id) ?? new Map<string, number>();
      w.set(week, (w.get(week) ?? 0) + c.count);
      weekly.set(id, w);
      if (!index.byId.has(id)) break;
    }
  }
  for (const r of out) {
    const weeks = weekly.get(r.id);
    if (weeks?.size) {
      const keys = [...weeks.keys()].sort();
      for (let t = Date.parse(keys[0]); t <= Date.parse(keys[keys.length - 1]); t += 7 * 86_400_000) {
        const w = new Date(t).toISOString().slice(0, 10);
        r.weekly.push({ week: w, count: weeks.get(w) ?? 0 });
      }
    }
    if (opts.surges && index.byId.has(r.id)) {
      const report = await findSurges(store, registry, resolveNarrative(taxonomy, r.id), { since: opts.since, until: opts.until });
      r.surges = report.surges.map((s) => ({ kind: s.kind, onset: s.onset, peak: s.peak, magnitude: s.magnitude }));
    }
  }
  return out;
}

function mondayOf(iso: string): string {
  const d = new Date(iso.slice(0, 10) + 'T00:00:00Z');
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * 86_400_000).toISOString().slice(0, 10);
}
