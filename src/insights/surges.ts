import { createHash } from 'node:crypto';
import {
  attributeDrivers, detectSurges, eventAssociation, precedingEvents,
  type AssociationResult, type CalendarEvent, type DriverAttribution, type PrecedingEvent, type Surge, type SurgeOptions,
} from '../analytics/index.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import type { Store, StoredCalendarEvent } from '../store/store.ts';
import type { Target } from './target.ts';
import { targetItems, type ItemFilter } from './items.ts';

const DAY_MS = 86_400_000;

export interface SurgeQuery extends ItemFilter {
  sensitivity?: number;
  /** Days before an onset within which an event counts as preceding it (default 7). */
  maxLagDays?: number;
}

export interface SurgeFinding extends Surge {
  drivers: DriverAttribution;
  precedingEvents: PrecedingEvent[];
}

export interface SurgeReport {
  target: string;
  surges: SurgeFinding[];
  insufficientData?: boolean;
  reason?: string;
  /** For each event kind: do this target's bursts follow such events more often than chance? */
  eventAssociation: AssociationResult[];
  mentions: number;
  parameters: { bucket: 'day'; sensitivity: number; maxLagDays: number };
}

/**
 * Bursts and lasting shifts of a target's amplification (refutations excluded), measured against the corpus'
 * daily volume so that a narrative rising only because everything rose is no surge; each finding carries its
 * drivers, first movers, evidence documents and the events that preceded it.
 */
export async function findSurges(store: Store, registry: ActorRegistry, target: Target, q: SurgeQuery = {}): Promise<SurgeReport> {
  const sensitivity = q.sensitivity ?? 1;
  const maxLagDays = q.maxLagDays ?? 7;
  const items = await targetItems(store, registry, target, q);
  const amplifying = items.filter((i) => i.amplifying);
  const base = { target: target.label, mentions: items.length, parameters: { bucket: 'day' as const, sensitivity, maxLagDays } };
  const daily = await store.dailyCounts({ since: q.since, until: q.until });
  if (amplifying.length === 0 || daily.length === 0) {
    return { ...base, surges: [], insufficientData: true, reason: 'no amplifying mentions in the period', eventAssociation: [] };
  }
  // One dense daily axis over the corpus period, so quiet days count as zeros.
  const first = Date.parse(`${daily[0].day}T00:00:00Z`);
  const last = Date.parse(`${daily[daily.length - 1].day}T00:00:00Z`);
  const days = Math.round((last - first) / DAY_MS) + 1;
  const counts = new Array<number>(days).fill(0);
  const total = new Array<number>(days).fill(0);
  for (const d of daily) total[Math.round((Date.parse(`${d.day}T00:00:00Z`) - first) / DAY_MS)] = d.count;
  // Count documents, not mentions: one article quoting a speaker through two reporters is one voice in the
  // corpus volume, and a single long document must not make a burst on its own.
  const seen = new Set<string>();
  for (const item of amplifying) {
    const i = Math.floor((Date.parse(item.at) - first) / DAY_MS);
    const key = `${i}\u0000${item.documentId}`;
    if (i < 0 || i >= days || seen.has(key)) continue;
    seen.add(key);
    counts[i]++;
  }
  const detected = detectSurges({ start: new Date(first).toISOString(), counts, total, bucket: 'day' }, { sensitivity } satisfies SurgeOptions);
  const events = await eventsFor(store);
  // attributeDrivers counts every stance but `refutes`; give it the amplifying items and the refutations.
  const driverItems = items.filter((i) => i.amplifying || i.stance === 'refutes');
  const surges = detected.surges.map((s) => ({
    ...s,
    drivers: attributeDrivers(s, driverItems, { bucket: 'day' }),
    precedingEvents: precedingEvents(s, events, maxLagDays),
  }));
  const onsets = surges.filter((s) => s.kind === 'burst').map((s) => s.onset);
  const kinds = [...new Set(events.map((e) => e.kind))].sort();
  const association = onsets.length === 0 ? [] : kinds.map((kind) => eventAssociation(onsets, events, kind, {
    maxLagDays, range: { from: new Date(first).toISOString(), to: new Date(last).toISOString() },
  }));
  return {
    ...base, surges,
    ...(detected.insufficientData ? { insufficientData: true, reason: detected.reason } : {}),
    eventAssociation: association,
  };
}

/** The user's event calendar as the analytics module wants it. */
export async function eventsFor(store: Store, filter: { since?: string; until?: string } = {}): Promise<CalendarEvent[]> {
  return (await store.listCalendarEvents(filter)).map((e) => ({
    date: e.date, at: `${e.date}T00:00:00.000Z`, title: e.title, kind: e.kind, ...(e.source ? { source: e.source } : {}),
  }));
}

/** Stable id of a calendar event: the same calendar imported twice adds nothing. */
export function calendarEventId(e: { date: string; title: string }): string {
  return createHash('sha256').update(`${e.date}\u0000${e.title.trim().toLowerCase()}`).digest('hex').slice(0, 16);
}

export function toStoredEvents(events: CalendarEvent[]): StoredCalendarEvent[] {
  return events.map((e) => ({ id: calendarEventId(e), date: e.date, title: e.title, kind: e.kind, ...(e.source ? { source: e.source } : {}) }));
}
