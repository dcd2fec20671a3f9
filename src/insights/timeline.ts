import { shareOfVoice, TimelineAccumulator, type ShareOfVoice, type Timeline, type TimelineBucket } from '../analytics/index.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import type { Store } from '../store/store.ts';
import type { Target } from './target.ts';
import { targetItems, type ItemFilter, type TargetItem } from './items.ts';

export type TimelineGrouping = 'type' | 'actor' | 'stance' | 'language' | 'source' | 'none';

export interface TimelineQuery extends ItemFilter {
  bucket?: TimelineBucket;
  by?: TimelineGrouping;
  timeZone?: string;
}

export interface TargetTimeline {
  target: string;
  by: TimelineGrouping;
  items: number;
  timeline: Timeline;
  shareOfVoice: ShareOfVoice;
}

const KEY: Record<TimelineGrouping, (i: TargetItem) => string> = {
  type: (i) => i.actorType,
  actor: (i) => i.actorId ?? i.actorName,
  stance: (i) => i.stance,
  language: (i) => i.lang ?? 'unknown',
  source: (i) => i.source ?? i.actorName,
  none: () => 'all',
};

/** Mentions (or matching documents) of a target per time bucket, grouped, with share of voice. */
export async function targetTimeline(store: Store, registry: ActorRegistry, target: Target, q: TimelineQuery = {}): Promise<TargetTimeline> {
  const items = await targetItems(store, registry, target, q);
  const by = q.by ?? 'type';
  const acc = new TimelineAccumulator<TargetItem>({ bucket: q.bucket ?? 'day', timeZone: q.timeZone ?? 'UTC', key: KEY[by], time: (i) => i.at });
  acc.add(items);
  const timeline = acc.toTimeline({ ...(q.since ? { from: q.since } : {}), ...(q.until ? { to: new Date(Date.parse(q.until) - 1) } : {}) });
  return { target: target.label, by, items: items.length, timeline, shareOfVoice: shareOfVoice(timeline) };
}

/** The documents behind one bucket of a timeline (optionally one key of it): what a click on a point opens. */
export async function bucketEvidence(store: Store, registry: ActorRegistry, target: Target,
  q: { from: string; to: string; by?: TimelineGrouping; key?: string; limit?: number }): Promise<TargetItem[]> {
  const items = await targetItems(store, registry, target, { since: q.from, until: q.to });
  const keyOf = KEY[q.by ?? 'type'];
  return items.filter((i) => q.key === undefined || keyOf(i) === q.key).slice(0, q.limit ?? 200);
}

/** CSV of a timeline: one row per bucket, one column per key. Keys are data, so they are quoted. */
export function timelineCsv(t: Timeline): string {
  const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const rows = [['bucket', ...t.keys, 'total'].map(quote).join(',')];
  t.labels.forEach((label, i) => rows.push([quote(label), ...t.keys.map((k) => String(t.series[k][i])), String(t.total[i])].join(',')));
  return `${rows.join('\n')}\n`;
}
