import type { ActorRegistry } from '../actors/registry.ts';
import type { Store } from '../store/store.ts';
import type { Target } from './target.ts';

/** One dated voice carrying the target: a narrative mention, or a document matching the topic query. */
export interface TargetItem {
  documentId: string;
  at: string;
  actorId?: string;
  actorName: string;
  actorType: string;
  stance: string;
  /** Counts as amplification: asserts or relays for a narrative; every matching document for a topic query. */
  amplifying: boolean;
  lang?: string;
  source?: string;
}

export interface ItemFilter { since?: string; until?: string }

/**
 * The items behind every timeline, surge and brief figure. For a narrative these are its stored mentions
 * (speakers and reporters with their stance); for a query, the matching documents voiced by their publisher.
 */
export async function targetItems(store: Store, registry: ActorRegistry, target: Target, filter: ItemFilter = {}): Promise<TargetItem[]> {
  if (target.kind === 'narrative') {
    const mentions = await store.listMentions({ narrativeIds: target.narrativeIds, since: filter.since, until: filter.until });
    return mentions.map((m) => ({
      documentId: m.documentId, at: m.at, ...(m.actorId ? { actorId: m.actorId } : {}), actorName: m.actorName,
      actorType: m.actorType, stance: m.stance, amplifying: isAmplifyingStance(m.stance),
    }));
  }
  const docs = await store.documentTimes({ query: target.query, since: filter.since, until: filter.until });
  return docs.map((d) => {
    const actor = d.actorId ? registry.get(d.actorId) : undefined;
    return {
      documentId: d.id, at: d.at, ...(d.actorId ? { actorId: d.actorId } : {}), actorName: actor?.name ?? d.sourceName,
      actorType: actor?.type ?? 'unknown', stance: 'unknown', amplifying: true, lang: d.lang, source: d.sourceName,
    };
  });
}

/** Amplification counts `asserts` and `relays`; `refutes` is counter-messaging, `unknown` neither (DESIGN.md §2). */
export function isAmplifyingStance(stance: string): boolean {
  return stance === 'asserts' || stance === 'relays';
}
