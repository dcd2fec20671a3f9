/**
 * GraphML and GEXF exporters for account / actor graphs (coordination networks, cascades).
 *
 * Input: `{ accounts?|nodes?: (string | {id, ...attrs})[], edges: [{a|source|from, b|target|to, weight?, ...attrs}] }`.
 * Scalar attributes (string, number, boolean) become typed attributes; arrays of scalars are joined with `,`;
 * objects and arrays of objects (e.g. an edge's `shares`) are left out (use JSON for those). Attribute values and ids
 * are XML-escaped and stripped of characters XML 1.0 cannot carry. Nodes referenced only by edges are added.
 */

export interface GraphLike {
  accounts?: readonly (string | object)[];
  nodes?: readonly (string | object)[];
  edges: readonly object[];
  directed?: boolean;
}

type AttrType = 'string' | 'double' | 'long' | 'boolean';

// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for XML element content and attribute values. */
export function xmlEscape(value: string): string {
  return value
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

interface NormNode { id: string; attrs: Record<string, unknown> }
interface NormEdge { source: string; target: string; attrs: Record<string, unknown> }

const EDGE_ENDPOINTS = new Set(['a', 'b', 'source', 'target', 'from', 'to']);

function scalarise(v: unknown): string | number | boolean | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v)) {
    if (v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) return v.join(',');
    return undefined;
  }
  return undefined;
}

function normalise(graph: GraphLike): { nodes: NormNode[]; edges: NormEdge[] } {
  const nodes: NormNode[] = [];
  const seen = new Set<string>();
  for (const n0 of graph.nodes ?? graph.accounts ?? []) {
    const n = n0 as string | Record<string, unknown>;
    const node = typeof n === 'string' ? { id: n, attrs: {} } : { id: String(n.id), attrs: Object.fromEntries(Object.entries(n).filter(([k]) => k !== 'id')) };
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    nodes.push(node);
  }
  const edges: NormEdge[] = [];
  for (const e0 of graph.edges) {
    const e = e0 as Record<string, unknown>;
    const source = String(e.a ?? e.source ?? e.from);
    const target = String(e.b ?? e.target ?? e.to);
    for (const id of [source, target]) if (!seen.has(id)) { seen.add(id); nodes.push({ id, attrs: {} }); }
    edges.push({ source, target, attrs: Object.fromEntries(Object.entries(e).filter(([k]) => !EDGE_ENDPOINTS.has(k))) });
  }
  return { nodes, edges };
}

function collectKeys(items: { attrs: Record<string, unknown> }[]): Map<string, AttrType> {
  const keys = new Map<string, AttrType>();
  for (const it of items) {
    for (const [k, raw] of Object.entries(it.attrs)) {
      const v = scalarise(raw);
      if (v === undefined) continue;
      const t: AttrType = typeof v === 'boolean' ? 'boolean' : typeof v === 'number' ? (Number.isInteger(v) ? 'long' : 'double') : 'string';
      const prev = keys.get(k);
      if (!prev) keys.set(k, t);
      else if (prev !== t) keys.set(k, prev === 'long' && t === 'double' || prev === 'double' && t === 'long' ? 'double' : 'string');
    }
  }
  return keys;
}

/** GraphML document (undirected unless `graph.directed`). */
export function toGraphML(graph: GraphLike): string {
  const { nodes, edges } = normalise(graph);
  const nodeKeys = collectKeys(nodes);
  const edgeKeys = collectKeys(edges);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">');
  const keyId = new Map<string, string>();
  let k = 0;
  for (const [name, type] of nodeKeys) { const id = `n${k++}`; keyId.set(`node:${name}`, id); out.push(`  <key id="${id}" for="node" attr.name="${xmlEscape(name)}" attr.type="${type}"/>`); }
  for (const [name, type] of edgeKeys) { const id = `e${k++}`; keyId.set(`edge:${name}`, id); out.push(`  <key id="${id}" for="edge" attr.name="${xmlEscape(name)}" attr.type="${type}"/>`); }
  out.push(`  <graph id="G" edgedefault="${graph.directed ? 'directed' : 'undirected'}">`);
  const data = (scope: string, attrs: Record<string, unknown>, indent: string) => {
    const lines: string[] = [];
    for (const [name, raw] of Object.entries(attrs)) {
      const v = scalarise(raw);
      const id = keyId.get(`${scope}:${name}`);
      if (v === undefined || !id) continue;
      lines.push(`${indent}<data key="${id}">${xmlEscape(String(v))}</data>`);
    }
    return lines;
  };
  for (const n of nodes) {
    const d = data('node', n.attrs, '      ');
    if (d.length) out.push(`    <node id="${xmlEscape(n.id)}">`, ...d, '    </node>');
    else out.push(`    <node id="${xmlEscape(n.id)}"/>`);
  }
  edges.forEach((e, i) => {
    const d = data('edge', e.attrs, '      ');
    const open = `    <edge id="e${i}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}"`;
    if (d.length) out.push(`${open}>`, ...d, '    </edge>');
    else out.push(`${open}/>`);
  });
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

/** GEXF 1.3 document; edge `weight` maps to GEXF's native weight attribute. */
export function toGEXF(graph: GraphLike): string {
  const { nodes, edges } = normalise(graph);
  const nodeKeys = collectKeys(nodes);
  const edgeAttrs = edges.map((e) => ({ attrs: Object.fromEntries(Object.entries(e.attrs).filter(([k]) => k !== 'weight')) }));
  const edgeKeys = collectKeys(edgeAttrs);
  const gexfType = (t: AttrType) => (t === 'long' ? 'long' : t === 'double' ? 'double' : t === 'boolean' ? 'boolean' : 'string');
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push('<gexf xmlns="http://gexf.net/1.3" version="1.3">');
  out.push('  <meta><creator>narrascope</creator></meta>');
  out.push(`  <graph mode="static" defaultedgetype="${graph.directed ? 'directed' : 'undirected'}">`);
  const nodeIdx = new Map<string, number>();
  let i = 0;
  if (nodeKeys.size) {
    out.push('    <attributes class="node">');
    for (const [name, t] of nodeKeys) { nodeIdx.set(name, i); out.push(`      <attribute id="${i++}" title="${xmlEscape(name)}" type="${gexfType(t)}"/>`); }
    out.push('    </attributes>');
  }
  const edgeIdx = new Map<string, number>();
  if (edgeKeys.size) {
    out.push('    <attributes class="edge">');
    for (const [name, t] of edgeKeys) { edgeIdx.set(name, i); out.push(`      <attribute id="${i++}" title="${xmlEscape(name)}" type="${gexfType(t)}"/>`); }
    out.push('    </attributes>');
  }
  const attvalues = (attrs: Record<string, unknown>, idx: Map<string, number>, indent: string) => {
    const lines: string[] = [];
    for (const [name, raw] of Object.entries(attrs)) {
      const v = scalarise(raw);
      const id = idx.get(name);
      if (v === undefined || id === undefined) continue;
      lines.push(`${indent}<attvalue for="${id}" value="${xmlEscape(String(v))}"/>`);
    }
    return lines;
  };
  out.push('    <nodes>');
  for (const n of nodes) {
    const label = typeof n.attrs.name === 'string' ? n.attrs.name : n.id;
    const av = attvalues(n.attrs, nodeIdx, '          ');
    if (av.length) out.push(`      <node id="${xmlEscape(n.id)}" label="${xmlEscape(label)}">`, '        <attvalues>', ...av, '        </attvalues>', '      </node>');
    else out.push(`      <node id="${xmlEscape(n.id)}" label="${xmlEscape(label)}"/>`);
  }
  out.push('    </nodes>', '    <edges>');
  edges.forEach((e, k) => {
    const w = typeof e.attrs.weight === 'number' && Number.isFinite(e.attrs.weight) ? ` weight="${e.attrs.weight}"` : '';
    const av = attvalues(edgeAttrs[k].attrs, edgeIdx, '          ');
    const open = `      <edge id="${k}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}"${w}`;
    if (av.length) out.push(`${open}>`, '        <attvalues>', ...av, '        </attvalues>', '      </edge>');
    else out.push(`${open}/>`);
  });
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}
