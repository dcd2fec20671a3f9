import type { Taxonomy, TaxonomyNode } from '../narratives/index.ts';
import { indexTaxonomy } from '../narratives/taxonomy.ts';

/** What an analytics command looks at: a narrative (with its sub-narratives) or a full-text topic query. */
export type Target =
  | { kind: 'narrative'; node: TaxonomyNode; narrativeIds: string[]; label: string }
  | { kind: 'query'; query: string; label: string };

export class TargetError extends Error {}

/**
 * Finds a narrative by id, exact label, or a unique case-insensitive part of its label
 * ("Kursk" → the mission narrative), and includes its descendants.
 */
export function resolveNarrative(taxonomy: Taxonomy, ref: string): Target & { kind: 'narrative' } {
  const index = indexTaxonomy(taxonomy);
  const needle = ref.trim().toLowerCase();
  let node = index.byId.get(ref) ?? [...index.byId.values()].find((n) => n.label.toLowerCase() === needle);
  if (!node) {
    const matches = [...index.byId.values()].filter((n) => n.label.toLowerCase().includes(needle) || n.id.toLowerCase().includes(needle));
    if (matches.length === 1) node = matches[0];
    else if (matches.length > 1) {
      // Prefer the most general match: a part that names a narrative also names its children.
      const depth = (n: TaxonomyNode) => index.depth.get(n.id) ?? 0;
      const shallowest = Math.min(...matches.map(depth));
      const top = matches.filter((n) => depth(n) === shallowest);
      if (top.length === 1) node = top[0];
      else throw new TargetError(`"${ref}" matches ${matches.length} narratives: ${matches.slice(0, 6).map((n) => n.id).join(', ')}${matches.length > 6 ? ', …' : ''}`);
    }
  }
  if (!node) throw new TargetError(`no narrative "${ref}" in taxonomy ${taxonomy.name} (see: narrascope taxonomy show ${taxonomy.name})`);
  const ids: string[] = [];
  const walk = (n: TaxonomyNode) => { ids.push(n.id); for (const c of index.children.get(n.id) ?? []) walk(c); };
  walk(node);
  return { kind: 'narrative', node, narrativeIds: ids, label: node.label };
}

export function queryTarget(query: string): Target & { kind: 'query' } {
  if (!query.trim()) throw new TargetError('--query needs words to search for');
  return { kind: 'query', query, label: `query: ${query}` };
}
