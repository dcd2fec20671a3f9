/**
 * The actor network: who relays or quotes whom.
 *
 * Nodes are actors (registry actors by id; unresolved speakers and sources by name) with their type, alignment and
 * counts. Directed edges go from the one who reports to the one reported, weighted by how often:
 *  - `quotes`   the immediate reporter of an attribution → its speaker ("TASS: Zakharova said …")
 *  - `relays`   an outer reporter → the inner one of an attribution chain ("Ukrinform, citing ISW, …")
 *  - `forwards` a channel → the channel it forwarded a post from (Telegram "forwarded from")
 * Edges also count how often the reporter refuted what it reported, and first/last times. Mentions add each node's
 * amplifying and refuting counts. Render with `toGraphML` (src/analytics/graph-export.ts).
 */
import type { Actor, Attribution, ChainLink, Mention } from '../model/index.ts';
import { toGraphML, type GraphLike } from '../analytics/graph-export.ts';
import { nameKey } from '../text/normalize.ts';

export interface GraphDocument { id: string; at: string; sourceName: string; actorId?: string; forwardedFrom?: string }
export type GraphAttribution = Pick<Attribution, 'speaker' | 'chain' | 'stance'> & { documentId: string; publishedAt?: string; date?: string };

export interface ActorGraphInput {
  /** Documents in scope (publisher of each attribution, forwards, documents per source). Store.documentTimes fits. */
  documents: Iterable<GraphDocument>;
  attributions?: readonly GraphAttribution[];
  mentions?: readonly Mention[];
  /** The actor registry (an ActorRegistry fits); `byName` resolves forwarded-from names. */
  actors?: { get(id: string): Actor | undefined; byName?(name: string): Actor | undefined };
}

export interface ActorNode {
  id: string;
  label: string;
  kind: 'actor' | 'unresolved';
  type: string;
  alignment: string;
  country?: string;
  documents: number;
  mentions: number;
  amplifying: number;
  refuting: number;
}

export interface ActorEdge {
  source: string;
  target: string;
  weight: number;
  quotes: number;
  relays: number;
  forwards: number;
  refutes: number;
  relation: 'quotes' | 'relays' | 'forwards' | 'mixed';
  first: string;
  last: string;
}

export interface ActorGraph extends GraphLike { nodes: ActorNode[]; edges: ActorEdge[]; directed: true }

/** Builds the directed, weighted actor network. Deterministic order (nodes by id, edges by source, target). */
export function buildActorGraph(input: ActorGraphInput): ActorGraph {
  const actors = input.actors;
  const nodes = new Map<string, ActorNode>();
  const keyOf = (l: { actorId?: string; name?: string; text?: string }): string => {
    if (l.actorId) return l.actorId;
    const name = (l.name ?? l.text ?? '').trim();
    const resolved = name && actors?.byName ? actors.byName(name) : undefined;
    return resolved ? resolved.id : `name:${nameKey(name) || name || '?'}`;
  };
  const node = (key: string, name: string, type?: string): ActorNode => {
    let n = nodes.get(key);
    if (!n) {
      const reg = key.startsWith('name:') ? undefined : actors?.get(key);
      n = {
        id: key, label: reg?.name ?? (name || key), kind: key.startsWith('name:') ? 'unresolved' : 'actor',
        type: reg?.type ?? type ?? 'unknown', alignment: reg?.alignment ?? 'unknown',
        ...(reg?.country ? { country: reg.country } : {}),
        documents: 0, mentions: 0, amplifying: 0, refuting: 0,
      };
      nodes.set(key, n);
    } else if (n.type === 'unknown' && type && type !== 'unknown') n.type = type;
    return n;
  };
  const edges = new Map<string, ActorEdge>();
  const edge = (from: string, to: string, kind: 'quotes' | 'relays' | 'forwards', at: string, refutes: boolean) => {
    if (from === to) return;
    const k = `${from}\u0000${to}`;
    let e = edges.get(k);
    if (!e) { e = { source: from, target: to, weight: 0, quotes: 0, relays: 0, forwards: 0, refutes: 0, relation: kind, first: at, last: at }; edges.set(k, e); }
    e.weight++;
    e[kind]++;
    if (refutes) e.refutes++;
    if (at < e.first) e.first = at;
    if (at > e.last) e.last = at;
    e.relation = [e.quotes, e.relays, e.forwards].filter((x) => x > 0).length > 1 ? 'mixed' : kind;
  };

  const publisher = new Map<string, { key: string; name: string; at: string }>();
  for (const d of input.documents) {
    const key = keyOf({ actorId: d.actorId, name: d.sourceName });
    node(key, d.sourceName).documents++;
    publisher.set(d.id, { key, name: d.sourceName, at: d.at });
    if (d.forwardedFrom && d.forwardedFrom.trim()) {
      const to = keyOf({ name: d.forwardedFrom });
      node(to, d.forwardedFrom.trim());
      edge(key, to, 'forwards', d.at, false);
    }
  }

  for (const a of input.attributions ?? []) {
    const pub = publisher.get(a.documentId);
    const at = a.date ? `${a.date}T00:00:00.000Z` : a.publishedAt ?? pub?.at ?? '';
    const chain: Array<{ key: string; link: ChainLink }> = (a.chain ?? []).map((l) => ({ key: keyOf(l), link: l }));
    if (pub && (chain.length === 0 || chain[0].key !== pub.key)) chain.unshift({ key: pub.key, link: { name: pub.name } });
    for (const c of chain) node(c.key, c.link.name, c.link.type);
    const speakerKey = keyOf(a.speaker);
    node(speakerKey, a.speaker.name ?? a.speaker.text, a.speaker.type);
    for (let j = 0; j + 1 < chain.length; j++) edge(chain[j].key, chain[j + 1].key, 'relays', at, false);
    if (chain.length) edge(chain[chain.length - 1].key, speakerKey, 'quotes', at, a.stance === 'refutes');
  }

  for (const m of input.mentions ?? []) {
    const n = node(keyOf({ actorId: m.actorId, name: m.actorName }), m.actorName, m.actorType);
    n.mentions++;
    if (m.stance === 'asserts' || m.stance === 'relays') n.amplifying++;
    else if (m.stance === 'refutes') n.refuting++;
  }

  return {
    nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
    edges: [...edges.values()].sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target)),
    directed: true,
  };
}

/** GraphML of the actor network. */
export function actorGraphML(input: ActorGraphInput): string {
  return toGraphML(buildActorGraph(input));
}
