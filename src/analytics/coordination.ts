/**
 * Coordination detection.
 *
 * (a) Co-sharing networks with CooRTweet semantics (`detectGroups` = CooRTweet's `detect_groups`,
 *     `generateCoordinatedNetwork` = `generate_coordinated_network`, `coordinationNetwork` = both + groups).
 * (b) Near-duplicate text groups (`nearDuplicateGroups`, MinHash/LSH; implemented in `neardup.ts`, re-exported here).
 * (c) Synchronised posting bursts (`syncPostingBursts`): accounts that repeatedly post in the same time bins.
 *
 * CooRTweet semantics reproduced here (ported from reading the data.table implementation of CooRTweet 2.x,
 * R/detect_groups.R, R/calc_group_combinations.R and R/generate_coordinated_network.R; see docs/coordination.md):
 *
 * detect_groups(x, time_window, min_participation, remove_loops = TRUE)
 *  1. Pre-filter: keep the rows of accounts that have at least `min_participation` rows (shares) in the whole
 *     input, whatever the object. (`x[, if (.N >= min_participation) .SD, by = account_id]`.) This also reorders
 *     the rows: accounts in order of first appearance, each account's rows in input order.
 *  2. Per object, every pair of rows (i before j in that order) whose timestamps differ by at most `time_window`
 *     seconds (inclusive: |Δt| <= time_window) is a candidate pair. All pairs, not only consecutive ones: if account
 *     A shared the object twice and B once, both A-shares pair with B's share.
 *  3. remove_loops: drop pairs whose two rows have the same account, or the same content_id, or where either
 *     content_id equals the object_id (an original post paired with its own shares).
 *  4. min_participation refinement: take every content_id that occurs in a surviving pair; count, per account,
 *     the rows of the pre-filtered input whose content_id is among them (rows, not distinct objects); accounts
 *     with count >= min_participation pass; keep a pair when *either* of its content_ids belongs to a passing
 *     account's counted rows. (Note the OR: an account below min_participation stays in the network when its
 *     partner passes.) Content ids are compared by value, as in R.
 *  5. Orientation: `content_id`/`account_id` is the older share, `content_id_y`/`account_id_y` the newer; on equal
 *     timestamps the row that comes first in the order of step 1 is `content_id`. time_delta = |Δt|.
 *
 * generate_coordinated_network(x, edge_weight = 0.5, subgraph = 0)
 *  - Undirected edge per unordered account pair (the pair is sorted, `pmin`/`pmax`; here by JS string order where R
 *    uses the locale's collation; the content columns are not swapped).
 *  - weight = number of pair rows for the two accounts (`.N`): one per co-share pair, NOT distinct objects
 *    (an object shared twice by A and once by B within the window gives 2). avg_time_delta = mean time_delta;
 *    n_content_id / n_content_id_y = distinct older-side / newer-side content ids; edge_symmetry_score =
 *    min/max of the two. object_ids = distinct objects (when `objects = TRUE`; always here).
 *  - threshold = quantile(weights of all edges, edge_weight) with R's default type 7; every edge gets
 *    `weight_threshold = 1` if weight > threshold (strictly) else 0. Edges are marked, not dropped.
 *  - subgraph = 0 (default) returns the full graph; subgraph = 1 keeps only edges with weight_threshold == 1 and
 *    their vertices. (Subgraphs 2 and 3 need `flag_speed_share` and are not ported.)
 *  Groups (not part of CooRTweet's output) are the connected components of the returned graph.
 */
import { Interner, IntColumn, UnionFind, quantileType7 } from './util.ts';

export { nearDuplicateGroups, normalizeForShingles, shingleHashes, minhashSignature } from './neardup.ts';
export type { NearDupPost, NearDupOptions, NearDupEdge, NearDupGroup, NearDupResult } from './neardup.ts';

/** One share (CooRTweet layout): `objectId` shared by `accountId` in post `contentId` at `timestamp` (POSIX s). */
export interface ShareRow {
  objectId: string;
  accountId: string;
  contentId: string;
  timestamp: number;
}

/** Column-oriented input (faster for 10^6 rows: no per-row objects). */
export interface ShareColumns {
  objectId: ArrayLike<string>;
  accountId: ArrayLike<string>;
  contentId: ArrayLike<string>;
  timestamp: ArrayLike<number>;
}

export interface DetectGroupsOptions {
  /** Seconds; pairs with |Δt| <= timeWindow are coordinated candidates. CooRTweet default 10. */
  timeWindow?: number;
  /** CooRTweet default 2. */
  minParticipation?: number;
  /** CooRTweet default TRUE. */
  removeLoops?: boolean;
}

/** Interned input columns, shared by the detection result and the network. */
export interface ShareTable {
  n: number;
  object: Int32Array;
  account: Int32Array;
  content: Int32Array;
  timestamp: Float64Array;
  objects: string[];
  accounts: string[];
  contents: string[];
  /** Number of input rows per account id. */
  accountRows: Int32Array;
}

/** The result of `detectGroups`: one entry per coordinated pair (CooRTweet's result table), columnar. */
export interface DetectGroupsResult {
  table: ShareTable;
  /** Row index (into the input) of the older share (`content_id`). */
  older: Int32Array;
  /** Row index of the newer share (`content_id_y`). */
  newer: Int32Array;
  params: Required<DetectGroupsOptions>;
  stats: {
    rows: number;
    rowsAfterPrefilter: number;
    accountsAfterPrefilter: number;
    pairsInWindow: number;
    pairsAfterLoops: number;
    pairs: number;
    accountsPassingParticipation: number;
  };
}

/** A CooRTweet result-table row (for inspection, export, or comparison with R). */
export interface CoordinatedPairRecord {
  objectId: string;
  accountId: string;
  accountIdY: string;
  contentId: string;
  contentIdY: string;
  timeDelta: number;
}

function toTable(input: ShareRow[] | ShareColumns): ShareTable {
  const cols: ShareColumns = Array.isArray(input)
    ? {
        objectId: input.map((r) => r.objectId),
        accountId: input.map((r) => r.accountId),
        contentId: input.map((r) => r.contentId),
        timestamp: input.map((r) => r.timestamp),
      }
    : input;
  const n = cols.objectId.length;
  if (cols.accountId.length !== n || cols.contentId.length !== n || cols.timestamp.length !== n) {
    throw new Error('coordination: input columns have different lengths');
  }
  const oi = new Interner();
  const ai = new Interner();
  const ci = new Interner();
  const object = new Int32Array(n);
  const account = new Int32Array(n);
  const content = new Int32Array(n);
  const timestamp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    object[i] = oi.id(String(cols.objectId[i]));
    account[i] = ai.id(String(cols.accountId[i]));
    content[i] = ci.id(String(cols.contentId[i]));
    timestamp[i] = Number(cols.timestamp[i]);
  }
  const accountRows = new Int32Array(ai.size);
  for (let i = 0; i < n; i++) accountRows[account[i]]++;
  return { n, object, account, content, timestamp, objects: oi.values, accounts: ai.values, contents: ci.values, accountRows };
}

/**
 * CooRTweet's `detect_groups`: pairs of shares of the same object by different accounts within `timeWindow`
 * seconds, after the min_participation pre-filter and refinement (see the module comment for the exact rules).
 * O(n log n + pairs): rows are bucketed by object (counting sort) and time-sorted; a two-pointer window emits only
 * pairs inside the window, so an object with thousands of shares spread over days costs O(shares + pairs).
 */
export function detectGroups(input: ShareRow[] | ShareColumns | ShareTable, opts: DetectGroupsOptions = {}): DetectGroupsResult {
  const params: Required<DetectGroupsOptions> = {
    timeWindow: opts.timeWindow ?? 10,
    minParticipation: opts.minParticipation ?? 2,
    removeLoops: opts.removeLoops ?? true,
  };
  const tw = params.timeWindow;
  const mp = params.minParticipation;
  const t: ShareTable = 'accountRows' in input ? input : toTable(input);
  const { n, object, account, content, timestamp } = t;
  const nAcc = t.accounts.length;

  // 1. Pre-filter by total rows per account; rank = position after data.table's `by = account_id` regrouping.
  const keptAcc = new Uint8Array(nAcc);
  let accountsAfterPrefilter = 0;
  for (let a = 0; a < nAcc; a++) if (t.accountRows[a] >= mp) { keptAcc[a] = 1; accountsAfterPrefilter++; }
  const accOffset = new Int32Array(nAcc);
  let rowsAfterPrefilter = 0;
  for (let a = 0; a < nAcc; a++) if (keptAcc[a]) { accOffset[a] = rowsAfterPrefilter; rowsAfterPrefilter += t.accountRows[a]; }
  const rank = new Int32Array(n).fill(-1);
  const byRank = new Int32Array(rowsAfterPrefilter);
  {
    const seen = new Int32Array(nAcc);
    for (let i = 0; i < n; i++) {
      const a = account[i];
      if (!keptAcc[a]) continue;
      const r = accOffset[a] + seen[a]++;
      rank[i] = r;
      byRank[r] = i;
    }
  }

  // Loop flags: a content id equal to the object id (compared as strings, as R does after as.character).
  let objEqContent: Uint8Array | null = null;
  if (params.removeLoops) {
    objEqContent = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (t.objects[object[i]] === t.contents[content[i]]) objEqContent[i] = 1;
  }

  // 2. Bucket kept rows by object (stable in rank order), then sort each bucket by (timestamp, rank).
  const nObj = t.objects.length;
  const objStart = new Int32Array(nObj + 1);
  for (let r = 0; r < rowsAfterPrefilter; r++) {
    const i = byRank[r];
    if (Number.isFinite(timestamp[i])) objStart[object[i] + 1]++;
  }
  for (let o = 0; o < nObj; o++) objStart[o + 1] += objStart[o];
  const slots = new Int32Array(objStart[nObj]);
  {
    const fill = objStart.slice(0, nObj);
    for (let r = 0; r < rowsAfterPrefilter; r++) {
      const i = byRank[r];
      if (Number.isFinite(timestamp[i])) slots[fill[object[i]]++] = i;
    }
  }
  const cmp = (x: number, y: number) => (timestamp[x] - timestamp[y]) || (rank[x] - rank[y]);
  const olderCol = new IntColumn(1 << 16);
  const newerCol = new IntColumn(1 << 16);
  let pairsInWindow = 0;
  for (let o = 0; o < nObj; o++) {
    const s = objStart[o];
    const e = objStart[o + 1];
    if (e - s < 2) continue;
    const g = slots.subarray(s, e);
    if (e - s > 2) g.sort(cmp); else if (cmp(g[0], g[1]) > 0) { const tmp = g[0]; g[0] = g[1]; g[1] = tmp; }
    let lo = 0;
    for (let j = 1; j < g.length; j++) {
      const rj = g[j];
      const tj = timestamp[rj];
      while (tj - timestamp[g[lo]] > tw) lo++;
      for (let k = lo; k < j; k++) {
        const rk = g[k];
        pairsInWindow++;
        if (objEqContent) {
          // 3. remove loops
          if (account[rk] === account[rj] || content[rk] === content[rj] || objEqContent[rk] || objEqContent[rj]) continue;
        }
        olderCol.push(rk);
        newerCol.push(rj);
      }
    }
  }
  let older = olderCol.view();
  let newer = newerCol.view();
  const pairsAfterLoops = older.length;

  // 4. min_participation refinement (CooRTweet's filter_min_participation), by content-id value.
  let accountsPassingParticipation = 0;
  if (mp >= 1) {
    const nCont = t.contents.length;
    const inResult = new Uint8Array(nCont);
    for (let p = 0; p < older.length; p++) { inResult[content[older[p]]] = 1; inResult[content[newer[p]]] = 1; }
    const cnt = new Int32Array(nAcc);
    for (let r = 0; r < rowsAfterPrefilter; r++) {
      const i = byRank[r];
      if (inResult[content[i]]) cnt[account[i]]++;
    }
    const filtContent = new Uint8Array(nCont);
    for (let r = 0; r < rowsAfterPrefilter; r++) {
      const i = byRank[r];
      if (inResult[content[i]] && cnt[account[i]] >= mp) filtContent[content[i]] = 1;
    }
    for (let a = 0; a < nAcc; a++) if (cnt[a] >= mp) accountsPassingParticipation++;
    let w = 0;
    for (let p = 0; p < older.length; p++) {
      if (filtContent[content[older[p]]] || filtContent[content[newer[p]]]) {
        older[w] = older[p];
        newer[w] = newer[p];
        w++;
      }
    }
    older = older.slice(0, w);
    newer = newer.slice(0, w);
  } else {
    older = older.slice();
    newer = newer.slice();
  }

  return {
    table: t,
    older,
    newer,
    params,
    stats: {
      rows: n,
      rowsAfterPrefilter,
      accountsAfterPrefilter,
      pairsInWindow,
      pairsAfterLoops,
      pairs: older.length,
      accountsPassingParticipation,
    },
  };
}

/** CooRTweet's result table as records (older share first). */
export function pairRecords(res: DetectGroupsResult): CoordinatedPairRecord[] {
  const t = res.table;
  const out: CoordinatedPairRecord[] = new Array(res.older.length);
  for (let p = 0; p < res.older.length; p++) {
    const a = res.older[p];
    const b = res.newer[p];
    out[p] = {
      objectId: t.objects[t.object[a]],
      accountId: t.accounts[t.account[a]],
      accountIdY: t.accounts[t.account[b]],
      contentId: t.contents[t.content[a]],
      contentIdY: t.contents[t.content[b]],
      timeDelta: Math.abs(t.timestamp[b] - t.timestamp[a]),
    };
  }
  return out;
}

export interface NetworkOptions {
  /** Quantile (0..1) of the edge-weight distribution; edges with weight strictly above it get weightThreshold 1. */
  edgeWeight?: number;
  /** 0 (default): full graph, edges marked; 1: only edges above the threshold and their vertices. */
  subgraph?: 0 | 1;
  /** Attach the co-share pairs to every edge (default true). */
  includeShares?: boolean;
}

/** One co-share pair behind an edge: the older share (`contentId`) and the newer (`contentIdY`). */
export interface EdgeShare {
  objectId: string;
  accountId: string;
  contentId: string;
  timestamp: number;
  accountIdY: string;
  contentIdY: string;
  timestampY: number;
  timeDelta: number;
}

export interface CoordinationEdge {
  a: string;
  b: string;
  /** CooRTweet weight: number of co-share pairs between a and b. */
  weight: number;
  /** 1 when weight > the edge_weight quantile, else 0 (CooRTweet `weight_threshold`). */
  weightThreshold: 0 | 1;
  avgTimeDelta: number;
  nContentId: number;
  nContentIdY: number;
  edgeSymmetryScore: number;
  /** Distinct objects co-shared (CooRTweet `object_ids`), in order of first co-share. */
  objects: string[];
  shares?: EdgeShare[];
}

export interface CoordinationAccount {
  id: string;
  /** Rows of this account in the input. */
  shares: number;
  /** Distinct own content ids involved in the returned edges. */
  coordinatedShares: number;
  degree: number;
  /** Sum of incident edge weights. */
  strength: number;
  group: number;
}

export interface CoordinationGroup {
  id: number;
  accounts: string[];
  size: number;
  edges: number;
  /** Edges of the group above the weight threshold. */
  edgesAboveThreshold: number;
}

export interface CoordinationGraph {
  accounts: CoordinationAccount[];
  edges: CoordinationEdge[];
  groups: CoordinationGroup[];
  /** The edge-weight quantile value (CooRTweet `threshold_full`). */
  threshold: number;
  params: Required<DetectGroupsOptions> & { edgeWeight: number; subgraph: 0 | 1 };
  stats: DetectGroupsResult['stats'] & { edges: number; edgesAboveThreshold: number; accounts: number; groups: number };
}

/** CooRTweet's `generate_coordinated_network` on a `detectGroups` result, plus connected-component groups. */
export function generateCoordinatedNetwork(res: DetectGroupsResult, opts: NetworkOptions = {}): CoordinationGraph {
  const edgeWeight = opts.edgeWeight ?? 0.5;
  if (!(edgeWeight >= 0 && edgeWeight <= 1)) throw new Error('edge_weight must be a numeric value between 0 and 1');
  const subgraph = opts.subgraph ?? 0;
  const includeShares = opts.includeShares ?? true;
  const t = res.table;
  const nAcc = t.accounts.length;
  const P = res.older.length;

  // Aggregate pairs into undirected account-pair edges.
  const edgeOf = new Int32Array(P);
  const keyToEdge = new Map<number, number>();
  const eLo: number[] = [];
  const eHi: number[] = [];
  for (let p = 0; p < P; p++) {
    const x = t.account[res.older[p]];
    const y = t.account[res.newer[p]];
    const lo = x < y ? x : y;
    const hi = x < y ? y : x;
    const key = lo * nAcc + hi;
    let e = keyToEdge.get(key);
    if (e === undefined) {
      e = eLo.length;
      keyToEdge.set(key, e);
      eLo.push(lo);
      eHi.push(hi);
    }
    edgeOf[p] = e;
  }
  const E = eLo.length;
  // CSR: pairs per edge, in pair order.
  const start = new Int32Array(E + 1);
  for (let p = 0; p < P; p++) start[edgeOf[p] + 1]++;
  for (let e = 0; e < E; e++) start[e + 1] += start[e];
  const members = new Int32Array(P);
  {
    const fill = start.slice(0, E);
    for (let p = 0; p < P; p++) members[fill[edgeOf[p]]++] = p;
  }
  const weights = new Float64Array(E);
  for (let e = 0; e < E; e++) weights[e] = start[e + 1] - start[e];
  const threshold = E > 0 ? quantileType7(weights, edgeWeight) : NaN;

  const contentMarkA = new Int32Array(t.contents.length).fill(-1);
  const contentMarkB = new Int32Array(t.contents.length).fill(-1);
  const objectMark = new Int32Array(t.objects.length).fill(-1);
  const edges: CoordinationEdge[] = [];
  const keptEdgeIdx: number[] = [];
  for (let e = 0; e < E; e++) {
    const w = weights[e];
    const above: 0 | 1 = w > threshold ? 1 : 0;
    if (subgraph === 1 && !above) continue;
    let sumDelta = 0;
    let nA = 0;
    let nB = 0;
    const objects: string[] = [];
    const shares: EdgeShare[] | undefined = includeShares ? [] : undefined;
    for (let k = start[e]; k < start[e + 1]; k++) {
      const p = members[k];
      const ra = res.older[p];
      const rb = res.newer[p];
      const delta = Math.abs(t.timestamp[rb] - t.timestamp[ra]);
      sumDelta += delta;
      if (contentMarkA[t.content[ra]] !== e) { contentMarkA[t.content[ra]] = e; nA++; }
      if (contentMarkB[t.content[rb]] !== e) { contentMarkB[t.content[rb]] = e; nB++; }
      const o = t.object[ra];
      if (objectMark[o] !== e) { objectMark[o] = e; objects.push(t.objects[o]); }
      if (shares) {
        shares.push({
          objectId: t.objects[o],
          accountId: t.accounts[t.account[ra]],
          contentId: t.contents[t.content[ra]],
          timestamp: t.timestamp[ra],
          accountIdY: t.accounts[t.account[rb]],
          contentIdY: t.contents[t.content[rb]],
          timestampY: t.timestamp[rb],
          timeDelta: delta,
        });
      }
    }
    let a = t.accounts[eLo[e]];
    let b = t.accounts[eHi[e]];
    if (b < a) { const tmp = a; a = b; b = tmp; }
    const edge: CoordinationEdge = {
      a,
      b,
      weight: w,
      weightThreshold: above,
      avgTimeDelta: sumDelta / w,
      nContentId: nA,
      nContentIdY: nB,
      edgeSymmetryScore: Math.min(nA, nB) / Math.max(nA, nB),
      objects,
    };
    if (shares) edge.shares = shares;
    edges.push(edge);
    keptEdgeIdx.push(e);
  }

  // Vertices, degree/strength, coordinated shares, components.
  const uf = new UnionFind(nAcc);
  const inGraph = new Uint8Array(nAcc);
  const degree = new Int32Array(nAcc);
  const strength = new Float64Array(nAcc);
  for (const e of keptEdgeIdx) {
    const x = eLo[e];
    const y = eHi[e];
    inGraph[x] = 1; inGraph[y] = 1;
    degree[x]++; degree[y]++;
    strength[x] += weights[e]; strength[y] += weights[e];
    uf.union(x, y);
  }
  const ownContentMark = new Uint8Array(t.contents.length);
  const coordinatedShares = new Int32Array(nAcc);
  for (const e of keptEdgeIdx) {
    for (let k = start[e]; k < start[e + 1]; k++) {
      const p = members[k];
      for (const r of [res.older[p], res.newer[p]]) {
        const c = t.content[r];
        if (!ownContentMark[c]) { ownContentMark[c] = 1; coordinatedShares[t.account[r]]++; }
      }
    }
  }
  const compMembers = new Map<number, number[]>();
  for (let a = 0; a < nAcc; a++) {
    if (!inGraph[a]) continue;
    const r = uf.find(a);
    let list = compMembers.get(r);
    if (!list) { list = []; compMembers.set(r, list); }
    list.push(a);
  }
  const comps = [...compMembers.entries()].map(([root, list]) => ({ root, ids: list.map((a) => t.accounts[a]).sort() }));
  comps.sort((x, y) => y.ids.length - x.ids.length || (x.ids[0] < y.ids[0] ? -1 : x.ids[0] > y.ids[0] ? 1 : 0));
  const groupOfRoot = new Map<number, number>();
  const groups: CoordinationGroup[] = comps.map((c, i) => {
    groupOfRoot.set(c.root, i + 1);
    return { id: i + 1, accounts: c.ids, size: c.ids.length, edges: 0, edgesAboveThreshold: 0 };
  });
  for (const e of keptEdgeIdx) {
    const g = groups[groupOfRoot.get(uf.find(eLo[e]))! - 1];
    g.edges++;
    if (weights[e] > threshold) g.edgesAboveThreshold++;
  }
  const accounts: CoordinationAccount[] = [];
  for (let a = 0; a < nAcc; a++) {
    if (!inGraph[a]) continue;
    accounts.push({
      id: t.accounts[a],
      shares: t.accountRows[a],
      coordinatedShares: coordinatedShares[a],
      degree: degree[a],
      strength: strength[a],
      group: groupOfRoot.get(uf.find(a))!,
    });
  }
  accounts.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  let edgesAboveThreshold = 0;
  for (let e = 0; e < E; e++) if (weights[e] > threshold) edgesAboveThreshold++;
  return {
    accounts,
    edges,
    groups,
    threshold,
    params: { ...res.params, edgeWeight, subgraph },
    stats: { ...res.stats, edges: edges.length, edgesAboveThreshold, accounts: accounts.length, groups: groups.length },
  };
}

/** detect_groups + generate_coordinated_network in one call (the CLI's `coordination` command). */
export function coordinationNetwork(
  input: ShareRow[] | ShareColumns,
  opts: DetectGroupsOptions & NetworkOptions = {},
): CoordinationGraph {
  return generateCoordinatedNetwork(detectGroups(input, opts), opts);
}

// ---------------------------------------------------------------------------------------------------------------
// (c) Synchronised posting bursts

export interface TimedPost {
  id?: string;
  accountId: string;
  /** ISO string, Date, or epoch milliseconds. */
  at: string | Date | number;
}

export interface SyncOptions {
  /** Bin width in seconds (default 60). */
  binSec?: number;
  /** Minimum number of shared bins for an edge (default 3). */
  minCoOccurrences?: number;
  /** Bins with more distinct accounts than this are skipped as generic rush hours (default 50). */
  maxAccountsPerBin?: number;
}

export interface SyncEdge {
  a: string;
  b: string;
  /** Number of bins in which both accounts posted. */
  weight: number;
  /** Expected shared bins if both posted independently in the active bins: n_a * n_b / activeBins. */
  expected: number;
  /** weight / expected. */
  lift: number;
  /** ISO start of every shared bin. */
  bins: string[];
}

export interface SyncResult {
  accounts: { id: string; activeBins: number; group: number }[];
  edges: SyncEdge[];
  groups: { id: number; accounts: string[]; size: number }[];
  stats: { posts: number; bins: number; skippedBins: number };
}

/**
 * Accounts whose posting times fall into the same fixed bins (default 1 minute) at least `minCoOccurrences` times.
 * Pairs are counted per bin over distinct accounts (several posts by one account in a bin count once). Bins crowded
 * with more than `maxAccountsPerBin` accounts are skipped: co-presence there says little and costs O(m²).
 */
export function syncPostingBursts(posts: TimedPost[], opts: SyncOptions = {}): SyncResult {
  const binMs = (opts.binSec ?? 60) * 1000;
  const minCo = opts.minCoOccurrences ?? 3;
  const maxPerBin = opts.maxAccountsPerBin ?? 50;
  const ai = new Interner();
  const binMap = new Map<number, number[]>();
  for (const p of posts) {
    const ms = typeof p.at === 'number' ? p.at : p.at instanceof Date ? p.at.getTime() : Date.parse(p.at);
    if (!Number.isFinite(ms)) continue;
    const bin = Math.floor(ms / binMs);
    const a = ai.id(p.accountId);
    let list = binMap.get(bin);
    if (!list) { list = []; binMap.set(bin, list); }
    list.push(a);
  }
  const nAcc = ai.size;
  const activeBins = new Int32Array(nAcc);
  const pairBins = new Map<number, number[]>();
  let skippedBins = 0;
  const mark = new Int32Array(nAcc).fill(-1);
  for (const [bin, list] of binMap) {
    const uniq: number[] = [];
    for (const a of list) if (mark[a] !== bin) { mark[a] = bin; uniq.push(a); }
    for (const a of uniq) activeBins[a]++;
    if (uniq.length > maxPerBin) { skippedBins++; continue; }
    uniq.sort((x, y) => x - y);
    for (let i = 0; i < uniq.length; i++) {
      for (let j = i + 1; j < uniq.length; j++) {
        const key = uniq[i] * nAcc + uniq[j];
        let bins = pairBins.get(key);
        if (!bins) { bins = []; pairBins.set(key, bins); }
        bins.push(bin);
      }
    }
  }
  const totalBins = binMap.size;
  const uf = new UnionFind(nAcc);
  const edges: SyncEdge[] = [];
  const inGraph = new Uint8Array(nAcc);
  for (const [key, bins] of pairBins) {
    if (bins.length < minCo) continue;
    const x = Math.floor(key / nAcc);
    const y = key - x * nAcc;
    const expected = (activeBins[x] * activeBins[y]) / Math.max(1, totalBins);
    let a = ai.values[x];
    let b = ai.values[y];
    if (b < a) { const tmp = a; a = b; b = tmp; }
    bins.sort((u, v) => u - v);
    edges.push({ a, b, weight: bins.length, expected, lift: bins.length / expected, bins: bins.map((k) => new Date(k * binMs).toISOString()) });
    uf.union(x, y);
    inGraph[x] = 1; inGraph[y] = 1;
  }
  edges.sort((u, v) => v.weight - u.weight || (u.a < v.a ? -1 : u.a > v.a ? 1 : u.b < v.b ? -1 : 1));
  const comp = new Map<number, string[]>();
  for (let a = 0; a < nAcc; a++) {
    if (!inGraph[a]) continue;
    const r = uf.find(a);
    let l = comp.get(r);
    if (!l) { l = []; comp.set(r, l); }
    l.push(ai.values[a]);
  }
  const comps = [...comp.entries()].map(([root, ids]) => ({ root, ids: ids.sort() }));
  comps.sort((x, y) => y.ids.length - x.ids.length || (x.ids[0] < y.ids[0] ? -1 : 1));
  const groupOf = new Map<number, number>();
  const groups = comps.map((c, i) => { groupOf.set(c.root, i + 1); return { id: i + 1, accounts: c.ids, size: c.ids.length }; });
  const accounts: SyncResult['accounts'] = [];
  for (let a = 0; a < nAcc; a++) if (inGraph[a]) accounts.push({ id: ai.values[a], activeBins: activeBins[a], group: groupOf.get(uf.find(a))! });
  accounts.sort((x, y) => (x.id < y.id ? -1 : 1));
  return { accounts, edges, groups, stats: { posts: posts.length, bins: totalBins, skippedBins } };
}
