/**
 * A deliberately literal, slow re-statement of CooRTweet's data.table code (detect_groups +
 * generate_coordinated_network, objects = TRUE, fast_net = FALSE, subgraph = 0), used as an oracle for the fast
 * implementation in src/analytics/coordination.ts. Every step mirrors one R statement; nothing is optimised.
 */
export interface RefRow { objectId: string; accountId: string; contentId: string; timestamp: number }
export interface RefPair {
  object_id: string; account_id: string; account_id_y: string; content_id: string; content_id_y: string; time_delta: number;
}

export function refDetectGroups(x0: RefRow[], timeWindow: number, minParticipation: number, removeLoops = true): RefPair[] {
  // x <- x[, if (.N >= min_participation) .SD, by = account_id]   (groups in order of first appearance)
  const byAcc = new Map<string, RefRow[]>();
  for (const r of x0) { if (!byAcc.has(r.accountId)) byAcc.set(r.accountId, []); byAcc.get(r.accountId)!.push(r); }
  const x: RefRow[] = [];
  for (const list of byAcc.values()) if (list.length >= minParticipation) x.push(...list);
  // result <- x[, calc_group_combinations(.SD, time_window), by = object_id]
  const byObj = new Map<string, RefRow[]>();
  for (const r of x) { if (!byObj.has(r.objectId)) byObj.set(r.objectId, []); byObj.get(r.objectId)!.push(r); }
  let result: RefPair[] = [];
  for (const [obj, g] of byObj) {
    // group[group, on = .(id < id)]: x-side id < i-side id; time_delta = x.ts - i.ts
    for (let j = 0; j < g.length; j++) {
      for (let i = 0; i < j; i++) {
        const d = g[i].timestamp - g[j].timestamp;
        if (Math.abs(d) <= timeWindow) {
          result.push({ object_id: obj, content_id: g[i].contentId, content_id_y: g[j].contentId, time_delta: d,
            account_id: g[i].accountId, account_id_y: g[j].accountId });
        }
      }
    }
  }
  if (removeLoops) {
    result = result.filter((r) => r.object_id !== r.content_id);
    result = result.filter((r) => r.object_id !== r.content_id_y);
    result = result.filter((r) => r.content_id !== r.content_id_y);
    result = result.filter((r) => r.account_id !== r.account_id_y);
  }
  if (minParticipation >= 1) {
    const contentIds = new Set<string>();
    for (const r of result) { contentIds.add(r.content_id); contentIds.add(r.content_id_y); }
    const groups = new Map<string, RefRow[]>();
    for (const r of x) if (contentIds.has(r.contentId)) { if (!groups.has(r.accountId)) groups.set(r.accountId, []); groups.get(r.accountId)!.push(r); }
    const filtContent = new Set<string>();
    for (const list of groups.values()) if (list.length >= minParticipation) for (const r of list) filtContent.add(r.contentId);
    result = result.filter((r) => filtContent.has(r.content_id) || filtContent.has(r.content_id_y));
  }
  for (const r of result) {
    if (r.time_delta > 0) {
      [r.content_id, r.content_id_y, r.account_id, r.account_id_y] = [r.content_id_y, r.content_id, r.account_id_y, r.account_id];
    }
    r.time_delta = Math.abs(r.time_delta);
  }
  return result;
}

export interface RefEdge {
  a: string; b: string; weight: number; avgTimeDelta: number; nContentId: number; nContentIdY: number;
  edgeSymmetryScore: number; objects: string[]; weightThreshold: 0 | 1;
}

function refQuantile7(values: number[], p: number): number {
  const x = [...values].sort((u, v) => u - v);
  const n = x.length;
  const index = 1 + Math.max(n - 1, 0) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  let q = x[lo - 1];
  if (index > lo && x[hi - 1] !== q) { const h = index - lo; q = (1 - h) * q + h * x[hi - 1]; }
  return q;
}

export function refNetwork(result: RefPair[], edgeWeight: number): { edges: RefEdge[]; threshold: number } {
  const groups = new Map<string, RefPair[]>();
  for (const r0 of result) {
    const r = { ...r0 };
    const a = r.account_id < r.account_id_y ? r.account_id : r.account_id_y;
    const b = r.account_id < r.account_id_y ? r.account_id_y : r.account_id;
    const key = a + '\u0000' + b;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key)!.push(r);
  }
  const edges: RefEdge[] = [];
  for (const [key, list] of groups) {
    const [a, b] = key.split('\u0000');
    const nA = new Set(list.map((r) => r.content_id)).size;
    const nB = new Set(list.map((r) => r.content_id_y)).size;
    edges.push({ a, b, weight: list.length, avgTimeDelta: list.reduce((s, r) => s + r.time_delta, 0) / list.length,
      nContentId: nA, nContentIdY: nB, edgeSymmetryScore: Math.min(nA, nB) / Math.max(nA, nB),
      objects: [...new Set(list.map((r) => r.object_id))], weightThreshold: 0 });
  }
  const threshold = refQuantile7(edges.map((e) => e.weight), edgeWeight);
  for (const e of edges) e.weightThreshold = e.weight > threshold ? 1 : 0;
  return { edges, threshold };
}
