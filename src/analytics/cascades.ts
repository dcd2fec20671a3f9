/**
 * Cascades: how one claim / narrative travelled. Given the documents that carry it:
 *  - the first mention, then who repeated it and when (lag from the first mention);
 *  - explicit edges: forwards (`forwardedFrom`: a document id in the set, else an actor id — then the latest earlier
 *    document of that actor, else the actor itself), replies (`replyTo`), attribution chains (`chain`, outermost
 *    reporter first: ["RIA", "Peskov"] = RIA quoting Peskov → edge Peskov → RIA's document);
 *  - implicit edges from near-identical text (MinHash, see neardup.ts): each later near-duplicate document is linked
 *    to its earliest near-duplicate by another actor.
 * Node ids in edges are document ids, or `actor:<id>` for actors with no document in the set.
 *
 * Lead–lag between actor types over many claims (`leadLag`): for each pair of types, the median lag from type A's
 * first mention of a claim to type B's first mention (claims where both occur), the share of claims A had first,
 * and the cross-correlation of their daily activity at lags −7..7 days (r at lag k = corr(A_t, B_{t+k}); a peak at
 * k > 0 means A leads B).
 */
import { nearDuplicateGroups } from './neardup.ts';
import { DAY_MS, median } from './util.ts';

export interface CascadeDoc {
  id: string;
  at: string | Date | number;
  actorId: string;
  actorType?: string;
  text?: string;
  forwardedFrom?: string;
  replyTo?: string;
  chain?: { actorId?: string; name?: string; type?: string }[];
}

export type CascadeEdgeKind = 'forward' | 'reply' | 'attribution' | 'near_duplicate';

export interface CascadeEdge {
  from: string;
  to: string;
  fromActor?: string;
  toActor?: string;
  kind: CascadeEdgeKind;
  /** Document that evidences the edge. */
  documentId: string;
  /** Seconds between the two documents (when both are documents in the set). */
  lagSec?: number;
  similarity?: number;
}

export interface CascadeRepeat {
  documentId: string;
  actorId: string;
  actorType?: string;
  at: string;
  /** Seconds after the first mention. */
  lagSec: number;
}

export interface Cascade {
  first: CascadeRepeat | null;
  /** Every later document, in time order. */
  repeats: CascadeRepeat[];
  /** Actors in order of their first document, with that document and the lag. */
  actors: (CascadeRepeat & { documents: number })[];
  edges: CascadeEdge[];
  size: number;
  /** Seconds from the first to the last document. */
  spanSec: number;
}

export interface CascadeOptions {
  /** Near-duplicate linking: false to disable; default threshold 0.8, no time window. */
  nearDuplicate?: false | { threshold?: number; timeWindowSec?: number };
}

function ms(t: string | Date | number): number {
  return typeof t === 'number' ? t : t instanceof Date ? t.getTime() : Date.parse(t);
}

/** Builds the cascade of one claim/narrative from its documents. */
export function buildCascade(docs: CascadeDoc[], opts: CascadeOptions = {}): Cascade {
  const items = docs
    .map((d) => ({ d, t: ms(d.at) }))
    .filter((x) => Number.isFinite(x.t))
    .sort((a, b) => a.t - b.t || (a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : 0));
  if (items.length === 0) return { first: null, repeats: [], actors: [], edges: [], size: 0, spanSec: 0 };
  const t0 = items[0].t;
  const rep = (x: { d: CascadeDoc; t: number }): CascadeRepeat => ({
    documentId: x.d.id, actorId: x.d.actorId, actorType: x.d.actorType, at: new Date(x.t).toISOString(), lagSec: (x.t - t0) / 1000,
  });
  const byId = new Map(items.map((x) => [x.d.id, x]));
  const actorDocs = new Map<string, { d: CascadeDoc; t: number }[]>();
  for (const x of items) {
    let l = actorDocs.get(x.d.actorId);
    if (!l) { l = []; actorDocs.set(x.d.actorId, l); }
    l.push(x);
  }
  const edges: CascadeEdge[] = [];
  const edgeKeys = new Set<string>();
  const addEdge = (e: CascadeEdge) => {
    const k = `${e.from}\u0000${e.to}\u0000${e.kind}`;
    if (edgeKeys.has(k)) return;
    edgeKeys.add(k);
    edges.push(e);
  };
  for (const x of items) {
    const d = x.d;
    if (d.forwardedFrom) {
      const src = byId.get(d.forwardedFrom);
      if (src) {
        addEdge({ from: src.d.id, to: d.id, fromActor: src.d.actorId, toActor: d.actorId, kind: 'forward', documentId: d.id, lagSec: (x.t - src.t) / 1000 });
      } else {
        const earlier = (actorDocs.get(d.forwardedFrom) ?? []).filter((y) => y.t <= x.t && y.d.id !== d.id);
        const last = earlier[earlier.length - 1];
        if (last) addEdge({ from: last.d.id, to: d.id, fromActor: last.d.actorId, toActor: d.actorId, kind: 'forward', documentId: d.id, lagSec: (x.t - last.t) / 1000 });
        else addEdge({ from: `actor:${d.forwardedFrom}`, to: d.id, fromActor: d.forwardedFrom, toActor: d.actorId, kind: 'forward', documentId: d.id });
      }
    }
    if (d.replyTo) {
      const src = byId.get(d.replyTo);
      addEdge(src
        ? { from: src.d.id, to: d.id, fromActor: src.d.actorId, toActor: d.actorId, kind: 'reply', documentId: d.id, lagSec: (x.t - src.t) / 1000 }
        : { from: d.replyTo, to: d.id, toActor: d.actorId, kind: 'reply', documentId: d.id });
    }
    const chain = (d.chain ?? []).map((c) => c.actorId ?? c.name).filter((c): c is string => !!c);
    if (chain.length) {
      // chain[0] is the outermost reporter; when it is the publisher, the next link quotes into the document.
      const links = chain[0] === d.actorId ? chain : [d.actorId, ...chain];
      for (let i = links.length - 1; i >= 1; i--) {
        const to = i - 1 === 0 ? d.id : `actor:${links[i - 1]}`;
        addEdge({ from: `actor:${links[i]}`, to, fromActor: links[i], toActor: links[i - 1], kind: 'attribution', documentId: d.id });
      }
    }
  }
  const nd = opts.nearDuplicate === false ? null : opts.nearDuplicate ?? {};
  if (nd) {
    const withText = items.filter((x) => x.d.text);
    if (withText.length > 1) {
      const res = nearDuplicateGroups(
        withText.map((x) => ({ id: x.d.id, accountId: x.d.actorId, at: x.t, text: x.d.text! })),
        { threshold: nd.threshold ?? 0.8, timeWindowSec: nd.timeWindowSec, differentAccounts: true },
      );
      const parent = new Map<string, { id: string; t: number; sim: number }>();
      for (const e of res.edges) {
        const a = byId.get(e.a)!;
        const b = byId.get(e.b)!;
        const [early, late] = a.t <= b.t ? [a, b] : [b, a];
        const cur = parent.get(late.d.id);
        if (!cur || early.t < cur.t) parent.set(late.d.id, { id: early.d.id, t: early.t, sim: e.similarity });
      }
      for (const [to, p] of parent) {
        const late = byId.get(to)!;
        addEdge({ from: p.id, to, fromActor: byId.get(p.id)!.d.actorId, toActor: late.d.actorId, kind: 'near_duplicate', documentId: to, lagSec: (late.t - p.t) / 1000, similarity: p.sim });
      }
    }
  }
  const actors: Cascade['actors'] = [];
  for (const [, list] of actorDocs) actors.push({ ...rep(list[0]), documents: list.length });
  actors.sort((a, b) => a.lagSec - b.lagSec || (a.actorId < b.actorId ? -1 : 1));
  return {
    first: rep(items[0]),
    repeats: items.slice(1).map(rep),
    actors,
    edges,
    size: items.length,
    spanSec: (items[items.length - 1].t - t0) / 1000,
  };
}

export interface LeadLagOptions {
  /** Cross-correlation lags in days (default 7 → −7..7). */
  maxLagDays?: number;
  /** Restrict to these actor types. */
  types?: string[];
}

export interface LeadLagPair {
  a: string;
  b: string;
  /** Claims in which both types appear. */
  claims: number;
  /** Median of (first B − first A) in hours; positive = A earlier. */
  medianLagHours: number | null;
  /** Share of those claims where A's first mention came strictly before B's. */
  aFirstShare: number | null;
  /** corr(A_t, B_{t+lag}) of daily document counts. */
  ccf: { lag: number; r: number | null }[];
  /** Lag with the highest correlation (positive = A leads). */
  bestLag: number | null;
  bestR: number | null;
}

export interface LeadLagResult {
  types: string[];
  claims: number;
  pairs: LeadLagPair[];
}

/** Lead–lag between actor types over many claims/clusters (`claims`: claim id → its documents). */
export function leadLag(claims: Map<string, CascadeDoc[]> | Record<string, CascadeDoc[]>, opts: LeadLagOptions = {}): LeadLagResult {
  const maxLag = opts.maxLagDays ?? 7;
  const entries = claims instanceof Map ? [...claims.entries()] : Object.entries(claims);
  const allow = opts.types ? new Set(opts.types) : null;
  const firsts: Map<string, number>[] = [];
  const daily = new Map<string, Map<number, number>>();
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (const [, docs] of entries) {
    const first = new Map<string, number>();
    for (const d of docs) {
      const type = d.actorType ?? 'unknown';
      if (allow && !allow.has(type)) continue;
      const t = ms(d.at);
      if (!Number.isFinite(t)) continue;
      const prev = first.get(type);
      if (prev === undefined || t < prev) first.set(type, t);
      const day = Math.floor(t / DAY_MS);
      let m = daily.get(type);
      if (!m) { m = new Map(); daily.set(type, m); }
      m.set(day, (m.get(day) ?? 0) + 1);
      if (day < minDay) minDay = day;
      if (day > maxDay) maxDay = day;
    }
    firsts.push(first);
  }
  const types = [...daily.keys()].sort();
  const nDays = Number.isFinite(minDay) ? maxDay - minDay + 1 : 0;
  const series = new Map<string, Float64Array>();
  for (const type of types) {
    const arr = new Float64Array(nDays);
    for (const [day, v] of daily.get(type)!) arr[day - minDay] = v;
    series.set(type, arr);
  }
  const pairs: LeadLagPair[] = [];
  for (let i = 0; i < types.length; i++) {
    for (let j = i + 1; j < types.length; j++) {
      const a = types[i];
      const b = types[j];
      const lags: number[] = [];
      let aFirst = 0;
      for (const f of firsts) {
        const ta = f.get(a);
        const tb = f.get(b);
        if (ta === undefined || tb === undefined) continue;
        lags.push((tb - ta) / 3_600_000);
        if (ta < tb) aFirst++;
      }
      const ccf: { lag: number; r: number | null }[] = [];
      let bestLag: number | null = null;
      let bestR: number | null = null;
      const A = series.get(a)!;
      const B = series.get(b)!;
      for (let k = -maxLag; k <= maxLag; k++) {
        const r = lagCorrelation(A, B, k);
        ccf.push({ lag: k, r: r === null ? null : Math.round(r * 1e4) / 1e4 });
        if (r !== null && (bestR === null || r > bestR)) { bestR = r; bestLag = k; }
      }
      pairs.push({
        a, b,
        claims: lags.length,
        medianLagHours: lags.length ? Math.round(median(lags) * 100) / 100 : null,
        aFirstShare: lags.length ? Math.round((aFirst / lags.length) * 1e4) / 1e4 : null,
        ccf,
        bestLag,
        bestR: bestR === null ? null : Math.round(bestR * 1e4) / 1e4,
      });
    }
  }
  return { types, claims: entries.length, pairs };
}

/** Pearson correlation of A_t and B_{t+k} over the overlapping range; null when undefined. */
export function lagCorrelation(A: ArrayLike<number>, B: ArrayLike<number>, k: number): number | null {
  const n = Math.min(A.length, B.length);
  const s = Math.max(0, -k);
  const e = Math.min(n, n - k);
  const m = e - s;
  if (m < 3) return null;
  let sa = 0, sb = 0;
  for (let t = s; t < e; t++) { sa += A[t]; sb += B[t + k]; }
  const ma = sa / m;
  const mb = sb / m;
  let cov = 0, va = 0, vb = 0;
  for (let t = s; t < e; t++) {
    const x = A[t] - ma;
    const y = B[t + k] - mb;
    cov += x * y; va += x * x; vb += y * y;
  }
  if (va === 0 || vb === 0) return null;
  return cov / Math.sqrt(va * vb);
}
