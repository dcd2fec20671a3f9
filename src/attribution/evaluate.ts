import type { ActorRegistry } from '../actors/registry.ts';
import { actorRegistry } from '../actors/load.ts';
import type { Attribution } from '../model/attribution.ts';
import type { Document } from '../model/document.ts';
import { tokenize, isWordToken } from '../text/tokens.ts';
import { readPolnear, type Fragment, type GoldAttribution, type PolnearDoc } from './polnear.ts';
import { extractRuleBased } from './rules.ts';
import type { AttributionModel } from './model.ts';
import { predictSpans } from './model.ts';

/**
 * PolNeAR evaluation (DESIGN.md §4, §7).
 *
 * Per role (source, cue, content):
 *  - exact: a predicted span matches a gold span when their fragment lists are identical after normalisation, on both
 *    sides alike: each fragment is trimmed of whitespace and punctuation (quotes, brackets, dashes, . , ; : ! ? …),
 *    empty fragments are dropped, and fragments separated only by whitespace/punctuation are merged. Spans are
 *    compared as sets per document (duplicates count once); P/R/F1 are micro-averaged over documents.
 *  - overlap: token-level P/R/F1 — the word tokens (punctuation excluded) covered by predicted spans of the role vs.
 *    those covered by gold spans, micro-averaged over documents.
 *  - spanOverlap: span-level P/R/F1 with token-overlap matching — a predicted span is correct when it shares a word
 *    token with a gold span of the role (P), a gold span is found when a predicted span shares one with it (R); the
 *    same matching as the attribution level, per role (the "partial match" of the quotation-extraction literature).
 * Attribution level: a predicted attribution matches a gold one when their cues share a word token and their contents
 * share a word token (greedy one-to-one matching in text order).
 */
export interface PRF { p: number; r: number; f1: number }
export interface RolePRF { source: PRF; cue: PRF; content: PRF }
export interface AttributionEvalReport { exact: RolePRF; overlap: RolePRF; spanOverlap: RolePRF; attribution: PRF; documents: number }

export interface PredictedAttribution { source?: Fragment[]; cue?: Fragment[]; content?: Fragment[] }

const ROLES = ['source', 'cue', 'content'] as const;
type Role = (typeof ROLES)[number];

const TRIM = /[\s.,;:!?…"“”«»„‘’'`()[\]{}—–\-]/;

export function normalizeFragments(text: string, frags: Fragment[]): Fragment[] {
  const trimmed: Fragment[] = [];
  for (const [a0, b0] of [...frags].sort((x, y) => x[0] - y[0])) {
    let a = a0, b = b0;
    while (a < b && TRIM.test(text[a])) a++;
    while (b > a && TRIM.test(text[b - 1])) b--;
    if (b > a) trimmed.push([a, b]);
  }
  const merged: Fragment[] = [];
  for (const f of trimmed) {
    const last = merged[merged.length - 1];
    if (last && (f[0] <= last[1] || [...text.slice(last[1], f[0])].every((ch) => TRIM.test(ch)))) last[1] = Math.max(last[1], f[1]);
    else merged.push([f[0], f[1]]);
  }
  return merged;
}

function key(frags: Fragment[]): string {
  return frags.map(([a, b]) => `${a}-${b}`).join(',');
}

interface Counts { tp: number; pred: number; gold: number }
const zero = (): Counts => ({ tp: 0, pred: 0, gold: 0 });
const zeroSpans = (): SpanCounts => ({ predMatched: 0, goldFound: 0, pred: 0, gold: 0 });
function prf(c: Counts): PRF {
  const p = c.pred ? c.tp / c.pred : 0;
  const r = c.gold ? c.tp / c.gold : 0;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  return { p: round(p), r: round(r), f1: round(f1) };
}
const round = (x: number) => Math.round(x * 10000) / 10000;

/** Word-token index sets for a text (token start offsets, for quick coverage tests). */
function wordTokens(text: string): { start: number; end: number }[] {
  return tokenize(text).filter(isWordToken).map((t) => ({ start: t.start, end: t.end }));
}

function covered(tokens: { start: number; end: number }[], frags: Fragment[]): Set<number> {
  const out = new Set<number>();
  for (const [a, b] of frags) {
    // binary search the first token ending after a
    let lo = 0, hi = tokens.length;
    while (lo < hi) { const m = (lo + hi) >> 1; if (tokens[m].end <= a) lo = m + 1; else hi = m; }
    for (let k = lo; k < tokens.length && tokens[k].start < b; k++) out.add(k);
  }
  return out;
}

/** Span-level counts for spanOverlap: predicted spans matched, gold spans found, and the totals. */
interface SpanCounts { predMatched: number; goldFound: number; pred: number; gold: number }

export interface EvalAccumulator {
  exact: Record<Role, Counts>;
  overlap: Record<Role, Counts>;
  spanOverlap: Record<Role, SpanCounts>;
  attribution: Counts;
  documents: number;
}

export function newAccumulator(): EvalAccumulator {
  return {
    exact: { source: zero(), cue: zero(), content: zero() },
    overlap: { source: zero(), cue: zero(), content: zero() },
    spanOverlap: { source: zeroSpans(), cue: zeroSpans(), content: zeroSpans() },
    attribution: zero(),
    documents: 0,
  };
}

/** Adds one document's gold and predicted attributions to the counts. */
export function accumulate(acc: EvalAccumulator, text: string, gold: GoldAttribution[], pred: PredictedAttribution[]): void {
  acc.documents++;
  const toks = wordTokens(text);
  for (const role of ROLES) {
    const g = new Set<string>(), p = new Set<string>();
    const gTok = new Set<number>(), pTok = new Set<number>();
    // (the word tokens of each distinct normalised span, for spanOverlap)
    const gSpans = new Map<string, Set<number>>(), pSpans = new Map<string, Set<number>>();
    const collect = (atts: { [r in Role]?: Fragment[] }[], keys: Set<string>, allTok: Set<number>, spans: Map<string, Set<number>>) => {
      for (const a of atts) {
        const f = a[role];
        if (!f) continue;
        const n = normalizeFragments(text, f);
        if (n.length) {
          keys.add(key(n));
          const t = covered(toks, n);
          if (t.size) spans.set(key(n), t);
        }
        for (const t of covered(toks, f)) allTok.add(t);
      }
    };
    collect(gold, g, gTok, gSpans);
    collect(pred, p, pTok, pSpans);
    const so = acc.spanOverlap[role];
    so.pred += pSpans.size; so.gold += gSpans.size;
    for (const ps of pSpans.values()) if ([...gSpans.values()].some((gs) => intersects(ps, gs))) so.predMatched++;
    for (const gs of gSpans.values()) if ([...pSpans.values()].some((ps) => intersects(ps, gs))) so.goldFound++;
    let tp = 0;
    for (const k of p) if (g.has(k)) tp++;
    acc.exact[role].tp += tp; acc.exact[role].pred += p.size; acc.exact[role].gold += g.size;
    let tpt = 0;
    for (const t of pTok) if (gTok.has(t)) tpt++;
    acc.overlap[role].tp += tpt; acc.overlap[role].pred += pTok.size; acc.overlap[role].gold += gTok.size;
  }
  // attribution level
  const gc = gold.map((a) => ({ cue: covered(toks, a.cue ?? []), content: covered(toks, a.content ?? []) }));
  const used = new Set<number>();
  let matched = 0;
  for (const a of pred) {
    const cue = covered(toks, a.cue ?? []);
    const content = covered(toks, a.content ?? []);
    for (let i = 0; i < gc.length; i++) {
      if (used.has(i)) continue;
      if (intersects(cue, gc[i].cue) && intersects(content, gc[i].content)) { used.add(i); matched++; break; }
    }
  }
  acc.attribution.tp += matched; acc.attribution.pred += pred.length; acc.attribution.gold += gold.length;
}

function intersects(a: Set<number>, b: Set<number>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

export function report(acc: EvalAccumulator): AttributionEvalReport {
  const roles = (src: Record<Role, Counts>): RolePRF => ({ source: prf(src.source), cue: prf(src.cue), content: prf(src.content) });
  const spanPrf = (c: SpanCounts): PRF => {
    const p = c.pred ? c.predMatched / c.pred : 0, r = c.gold ? c.goldFound / c.gold : 0;
    return { p: round(p), r: round(r), f1: round(p + r ? (2 * p * r) / (p + r) : 0) };
  };
  const so = acc.spanOverlap;
  return {
    exact: roles(acc.exact), overlap: roles(acc.overlap),
    spanOverlap: { source: spanPrf(so.source), cue: spanPrf(so.cue), content: spanPrf(so.content) },
    attribution: prf(acc.attribution), documents: acc.documents,
  };
}

/** PolNeAR conventions for a rule-based attribution: the content includes its "that"; implicit sources are absent. */
export function toPolnear(text: string, a: Attribution): PredictedAttribution {
  let cs = a.content.start;
  const before = text.slice(Math.max(0, cs - 6), cs);
  const m = /\bthat\s*,?\s*$/i.exec(before);
  if (m && !a.direct) cs -= before.length - m.index;
  const out: PredictedAttribution = { cue: [[a.cue.start, a.cue.end]], content: [[cs, a.content.end]] };
  if (a.speaker.end > a.speaker.start) out.source = [[a.speaker.start, a.speaker.end]];
  return out;
}

export function polnearDocument(d: PolnearDoc): Document {
  return {
    id: d.name, source: { name: d.name.split('_')[0] }, publishedAt: (/_(\d{4}-\d{2}-\d{2})_/.exec(d.name)?.[1] ?? '2016-01-01') + 'T12:00:00Z',
    lang: 'en', text: d.text, kind: 'article', meta: {}, ingest: { format: 'polnear', at: '' },
  };
}

/** Predictions for one PolNeAR document: the trained tagger when given, else the rule-based extractor. */
export function predictPolnear(d: PolnearDoc, opts: { model?: AttributionModel; registry?: ActorRegistry } = {}): PredictedAttribution[] {
  if (opts.model) return predictSpans(opts.model, d.text);
  const registry = opts.registry ?? actorRegistry();
  const res = extractRuleBased(polnearDocument(d), registry, { weak: true });
  return res.attributions.map((a) => toPolnear(d.text, a));
}

/** Evaluates attribution extraction on a PolNeAR-layout folder (rule-based, or the given trained model). */
export function evaluateAttribution(dir: string, opts: { model?: AttributionModel; limit?: number; registry?: ActorRegistry } = {}): AttributionEvalReport {
  const docs = readPolnear(dir, { limit: opts.limit }).filter((d) => d.annFile);
  const acc = newAccumulator();
  const registry = opts.model ? undefined : (opts.registry ?? actorRegistry());
  for (const d of docs) accumulate(acc, d.text, d.attributions, predictPolnear(d, { model: opts.model, registry }));
  return report(acc);
}
