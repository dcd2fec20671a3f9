import { buildCascade, leadLag, nearDuplicateGroups, type Cascade, type CascadeDoc, type LeadLagResult } from '../analytics/index.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import type { Store } from '../store/store.ts';
import type { Target } from './target.ts';
import { targetItems, type ItemFilter } from './items.ts';

export interface TargetCascade {
  target: string;
  cascade: Cascade;
  /** Lead–lag between actor types over the target's claims (groups of near-identical documents) and the target. */
  leadLag: LeadLagResult;
  /** Actor names for the ids in the cascade. */
  actors: Record<string, { name: string; type: string }>;
}

/**
 * Who said it first and who repeated it, when: the documents that amplify a target, linked by Telegram forwards and
 * replies, by attribution chains (RIA quoting Peskov) and by near-identical text in time order.
 */
export async function targetCascade(store: Store, registry: ActorRegistry, target: Target, q: ItemFilter & { maxDocuments?: number } = {}): Promise<TargetCascade> {
  const items = (await targetItems(store, registry, target, q)).filter((i) => i.amplifying);
  let docIds = [...new Set(items.map((i) => i.documentId))];
  if (target.kind === 'narrative') {
    // A document belongs to the cascade when its publisher pushes the narrative, not when it reports a claim to
    // debunk it (a Ukrainian outlet quoting Putin is not a link in the chain of amplification).
    const pushed = new Set((await store.listDocumentNarratives({ narrativeIds: target.narrativeIds }))
      .filter((n) => n.stance === 'asserts' || n.stance === 'relays').map((n) => n.documentId));
    docIds = docIds.filter((id) => pushed.has(id));
  }
  docIds = docIds.slice(0, q.maxDocuments ?? 5000);
  const actors: TargetCascade['actors'] = {};
  const docs: CascadeDoc[] = [];
  for (const id of docIds) {
    const d = await store.getDocument(id);
    if (!d) continue;
    const actorId = d.source.actorId ?? d.source.name;
    const actor = d.source.actorId ? registry.get(d.source.actorId) : undefined;
    actors[actorId] = { name: actor?.name ?? d.source.name, type: actor?.type ?? 'unknown' };
    const attributions = await store.listAttributions({ documentId: id }, { limit: 200 });
    // A chain ends with the speaker: publisher → reporter(s) → speaker, so the speaker's words reached the publisher.
    const chain = attributions.length
      ? [...attributions[0].chain.map((c) => ({ actorId: c.actorId, name: c.name, type: c.type })),
        { actorId: attributions[0].speaker.actorId, name: attributions[0].speaker.name ?? attributions[0].speaker.text, type: attributions[0].speaker.type }]
      : undefined;
    for (const link of chain ?? []) if (link.actorId && !actors[link.actorId]) actors[link.actorId] = { name: link.name ?? link.actorId, type: link.type ?? 'unknown' };
    docs.push({
      id: d.id, at: d.publishedAt, actorId, actorType: actor?.type ?? 'unknown', text: d.text,
      ...(typeof d.meta.forwardedFrom === 'string' ? { forwardedFrom: registry.resolveSource({ name: d.meta.forwardedFrom })?.id ?? d.meta.forwardedFrom } : {}),
      ...(d.meta.replyTo !== undefined ? { replyTo: String(d.meta.replyTo) } : {}),
      ...(chain ? { chain } : {}),
    });
  }
  const cascade = buildCascade(docs, { nearDuplicate: { threshold: 0.8 } });
  // Claims for lead–lag: each group of near-identical documents, plus the whole target.
  const groups = nearDuplicateGroups(docs.map((d) => ({ id: d.id, accountId: d.actorId, at: d.at as string, text: d.text ?? '' })), { threshold: 0.8, differentAccounts: false });
  const byId = new Map(docs.map((d) => [d.id, d]));
  const claims = new Map<string, CascadeDoc[]>([['all', docs]]);
  for (const g of groups.groups) claims.set(`group-${g.id}`, g.posts.map((p) => byId.get(p)!));
  return { target: target.label, cascade, leadLag: leadLag(claims), actors };
}
