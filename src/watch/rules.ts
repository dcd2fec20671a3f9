/**
 * Alert rules, evaluated incrementally. Each rule keeps a snapshot of the per-day counts it depends on (corpus
 * documents per day, the narrative's mentions per day); the days whose count changed since the last check are
 * "what arrived". A rule with no changed day does no work at all; otherwise it re-reads only the window from the
 * earliest changed day (minus the history its detector needs) and compares the findings with what it already
 * knows (surges by kind and overlapping period, coordinated groups by their posts and account sets, actors by
 * key). The snapshots work whoever ingested the documents: this watcher, `narrascope ingest`, or a worker.
 *
 *  - surge: a narrative (or topic query) bursts — or shifts up, with `kinds: [burst, shift]`.
 *  - coordinated_group: accounts posting near-identical text within minutes, or co-sharing (CooRTweet).
 *  - new_actor: an actor never seen pushing a watched narrative starts pushing it.
 */
import { createHash } from 'node:crypto';
import type { ActorRegistry } from '../actors/registry.ts';
import type { Store } from '../store/store.ts';
import { loadTaxonomy, type Taxonomy } from '../narratives/index.ts';
import { queryTarget, resolveNarrative, type Target } from '../insights/target.ts';
import { findSurges, type SurgeFinding } from '../insights/surges.ts';
import { storeCoordination } from '../insights/coordination.ts';
import type { GroupRule, NewActorRule, RuleConfig, SurgeRule } from './config.ts';
import { alertId, type Alert } from './alerts.ts';

const DAY_MS = 86_400_000;
type Days = Record<string, number>;

export interface RuleContext {
  store: Store;
  registry: ActorRegistry;
  /** Default taxonomy of narrative references. */
  taxonomy: string;
  /** Documents per UTC day over the whole corpus, read once per check and shared by the rules. */
  corpusDays: Days;
  now?: () => Date;
}

interface BaseState { configHash: string; checkedAt: string; evaluations: number; lastNewDay?: string }
interface SurgeState extends BaseState { days: Days; targetDays: Days; known: { kind: string; onset: string; end: string; id: string }[] }
interface GroupState extends BaseState { days: Days; knownPosts: Record<string, string>; knownSets: string[][] }
interface NewActorState extends BaseState { days: Days; known: string[]; pending: Record<string, string[]> }

export interface RuleOutcome {
  alerts: Alert[];
  state: unknown;
  /** False when nothing the rule depends on changed (no work done). */
  evaluated: boolean;
  /** Days that changed (what arrived since the last check). */
  changedDays: number;
}

/** Documents per day of the whole corpus. */
export async function corpusDays(store: Store): Promise<Days> {
  const out: Days = {};
  for (const d of await store.dailyCounts()) out[d.day] = d.count;
  return out;
}

/** Days whose count differs from the snapshot (new days included), sorted. */
export function changedDays(current: Days, previous: Days | undefined): string[] {
  if (!previous) return Object.keys(current).sort();
  const out: string[] = [];
  for (const [day, n] of Object.entries(current)) if (previous[day] !== n) out.push(day);
  for (const day of Object.keys(previous)) if (!(day in current)) out.push(day);
  return out.sort();
}

export function ruleConfigHash(rule: RuleConfig, taxonomy: string): string {
  return createHash('sha1').update(JSON.stringify({ taxonomy, rule })).digest('hex').slice(0, 16);
}

const taxonomies = new Map<string, Taxonomy>();
function taxonomyFor(name: string): Taxonomy {
  let t = taxonomies.get(name);
  if (!t) { t = loadTaxonomy(name); taxonomies.set(name, t); }
  return t;
}

function narrativeTarget(ref: string, rule: { taxonomy?: string }, ctx: RuleContext): Target & { kind: 'narrative' } {
  return resolveNarrative(taxonomyFor(rule.taxonomy ?? ctx.taxonomy), ref);
}

/** Checks a rule's references (narratives exist, unique) before the watcher starts. */
export function validateRule(rule: RuleConfig, taxonomy: string): void {
  if ('narrative' in rule && rule.narrative) resolveNarrative(taxonomyFor(rule.taxonomy ?? taxonomy), rule.narrative);
}

async function mentionDays(store: Store, narrativeIds: string[], stances?: string[]): Promise<Days> {
  const out: Days = {};
  for (const r of await store.dailyMentionCounts({ narrativeIds })) {
    if (stances && !stances.includes(r.stance)) continue;
    out[r.day] = (out[r.day] ?? 0) + r.count;
  }
  return out;
}

const dayOf = (iso: string) => iso.slice(0, 10);
const dayMinus = (day: string, ms: number) => new Date(Date.parse(`${day}T00:00:00Z`) - ms).toISOString();

/** Evaluates one rule against what changed since its last check; `previous` is its state (undefined: first run). */
export async function evaluateRule(rule: RuleConfig, previous: unknown, ctx: RuleContext): Promise<RuleOutcome> {
  const hash = ruleConfigHash(rule, ctx.taxonomy);
  // A rule whose definition changed starts afresh (its old findings are no guide).
  const prev = previous && (previous as BaseState).configHash === hash ? previous : undefined;
  if (rule.type === 'surge') return surgeRule(rule, prev as SurgeState | undefined, ctx, hash);
  if (rule.type === 'coordinated_group') return groupRule(rule, prev as GroupState | undefined, ctx, hash);
  return newActorRule(rule, prev as NewActorState | undefined, ctx, hash);
}

function base(prev: BaseState | undefined, hash: string, ctx: RuleContext, changed: string[]): BaseState {
  const now = (ctx.now?.() ?? new Date()).toISOString();
  return {
    configHash: hash, checkedAt: now, evaluations: (prev?.evaluations ?? 0) + 1,
    ...(changed.length ? { lastNewDay: changed[changed.length - 1] } : prev?.lastNewDay ? { lastNewDay: prev.lastNewDay } : {}),
  };
}

function makeAlert(rule: RuleConfig, key: string, fields: Omit<Alert, 'id' | 'rule' | 'type' | 'createdAt' | 'delivery'>, ctx: RuleContext): Alert {
  return {
    id: alertId(rule.name, key), rule: rule.name, type: rule.type, createdAt: (ctx.now?.() ?? new Date()).toISOString(),
    ...fields, delivery: { status: 'none', attempts: 0 },
  };
}

// ─── surge ────────────────────────────────────────────────────────────────────────────────────────────────────

async function surgeRule(rule: SurgeRule, prev: SurgeState | undefined, ctx: RuleContext, hash: string): Promise<RuleOutcome> {
  const target: Target = rule.narrative ? narrativeTarget(rule.narrative, rule, ctx) : queryTarget(rule.query!);
  let targetDays: Days;
  if (target.kind === 'narrative') targetDays = await mentionDays(ctx.store, target.narrativeIds);
  else {
    targetDays = {};
    for (const d of await ctx.store.dailyCounts({ query: target.query })) targetDays[d.day] = d.count;
  }
  const changed = [...new Set([...changedDays(ctx.corpusDays, prev?.days), ...changedDays(targetDays, prev?.targetDays)])].sort();
  if (prev && changed.length === 0) return { alerts: [], state: { ...prev, checkedAt: (ctx.now?.() ?? new Date()).toISOString() }, evaluated: false, changedDays: 0 };
  const first = !prev;
  const lookback = rule.lookback ?? 120 * DAY_MS;
  const since = first || !changed.length ? undefined : dayMinus(changed[0], lookback);
  const report = await findSurges(ctx.store, ctx.registry, target, {
    ...(since ? { since } : {}), ...(rule.sensitivity ? { sensitivity: rule.sensitivity } : {}),
    ...(rule.maxLagDays !== undefined ? { maxLagDays: rule.maxLagDays } : {}),
  });
  const kinds = rule.kinds ?? ['burst'];
  const known = prev ? prev.known.map((k) => ({ ...k })) : [];
  const alerts: Alert[] = [];
  for (const s of report.surges) {
    if (!kinds.includes(s.kind) || (s.kind === 'shift' && s.direction === 'down')) continue;
    if (s.magnitude < (rule.minMagnitude ?? 0) || s.confidence < (rule.minConfidence ?? 0)) continue;
    // A finding that ends before the first new day was not touched by what arrived.
    if (!first && dayOf(s.end) < changed[0]) continue;
    const same = known.find((k) => k.kind === s.kind && k.onset <= s.end && s.onset <= k.end);
    if (same) {
      if (s.end > same.end) same.end = s.end;
      continue;
    }
    const id = alertId(rule.name, `${s.kind}:${dayOf(s.onset)}`);
    known.push({ kind: s.kind, onset: s.onset, end: s.end, id });
    if (first && rule.backfill === false) continue;
    if (rule.since && s.end < rule.since) continue;
    alerts.push(surgeAlert(rule, target, s, ctx));
  }
  const state: SurgeState = { ...base(prev, hash, ctx, changed), days: ctx.corpusDays, targetDays, known };
  return { alerts, state, evaluated: true, changedDays: changed.length };
}

function surgeAlert(rule: SurgeRule, target: Target, s: SurgeFinding, ctx: RuleContext): Alert {
  const what = s.kind === 'burst' ? 'burst' : 'lasting rise';
  const mag = s.kind === 'burst' ? `${s.peakCount} documents on the peak day, ${s.magnitude.toFixed(1)}× expected` : `${s.magnitude.toFixed(1)}× the earlier rate`;
  return makeAlert(rule, `${s.kind}:${dayOf(s.onset)}`, {
    at: s.onset,
    title: `Surge (${what}) of "${shortLabel(target.label)}" from ${dayOf(s.onset)}, peak ${dayOf(s.peak)}: ${mag}`,
    ...(target.kind === 'narrative' ? { narrative: { id: target.node.id, label: target.label } } : {}),
    details: {
      target: target.label, kind: s.kind, onset: s.onset, peak: s.peak, end: s.end, magnitude: s.magnitude,
      confidence: s.confidence, peakCount: s.peakCount, expectedAtPeak: s.expectedAtPeak, count: s.count,
      ...(s.direction ? { direction: s.direction } : {}),
      drivers: s.drivers.actors.slice(0, 8).map((a) => ({ key: a.key, name: a.name, actorType: a.actorType, count: a.count, lift: a.lift })),
      actorTypes: s.drivers.actorTypes.slice(0, 6).map((a) => ({ type: a.key, count: a.count, share: a.share })),
      firstMovers: s.drivers.firstMovers.slice(0, 5),
      counterMentions: s.drivers.counterMentions,
      precedingEvents: s.precedingEvents.slice(0, 5).map((e) => ({ date: e.date, title: e.title, kind: e.kind, lagDays: e.lagDays })),
    },
    evidence: s.drivers.evidence.slice(0, 50),
  }, ctx);
}

function shortLabel(label: string): string {
  const parts = label.split(': ');
  return parts[parts.length - 1];
}

// ─── coordinated group ────────────────────────────────────────────────────────────────────────────────────────

async function groupRule(rule: GroupRule, prev: GroupState | undefined, ctx: RuleContext, hash: string): Promise<RuleOutcome> {
  const changed = changedDays(ctx.corpusDays, prev?.days);
  if (prev && changed.length === 0) return { alerts: [], state: { ...prev, checkedAt: (ctx.now?.() ?? new Date()).toISOString() }, evaluated: false, changedDays: 0 };
  const first = !prev;
  const window = rule.window ?? 600_000;
  const coWindow = rule.coShareWindow ?? 60_000;
  // The window reaches back far enough for a group straddling the first new day to be seen whole.
  const since = first ? undefined : dayMinus(changed[0], Math.max(window, coWindow) + DAY_MS);
  const signals = rule.signals ?? ['near_duplicate', 'co_sharing'];
  const minAccounts = rule.minAccounts ?? 3;
  const coord = await storeCoordination(ctx.store, ctx.registry, {
    ...(since ? { filter: { since } } : {}),
    nearDuplicate: { timeWindowSec: window / 1000, threshold: rule.similarity ?? 0.8 },
    timeWindow: coWindow / 1000, minParticipation: rule.minParticipation ?? 2, edgeWeight: rule.edgeWeight ?? 0.5,
  });
  let narrativeDocs: Set<string> | undefined;
  let narrative: { id: string; label: string } | undefined;
  if (rule.narrative) {
    const target = narrativeTarget(rule.narrative, rule, ctx);
    narrative = { id: target.node.id, label: target.label };
    const mentions = await ctx.store.listMentions({ narrativeIds: target.narrativeIds, ...(since ? { since: dayMinus(dayOf(since), 30 * DAY_MS) } : {}) });
    narrativeDocs = new Set(mentions.map((m) => m.documentId));
  }
  const knownPosts = { ...(prev?.knownPosts ?? {}) };
  const knownSets = (prev?.knownSets ?? []).map((s) => [...s]);
  const alerts: Alert[] = [];
  const info = (a: string) => ({ id: a, name: coord.accounts[a]?.name ?? a, actorType: coord.accounts[a]?.actorType ?? 'unknown' });

  if (signals.includes('near_duplicate')) {
    for (const g of coord.nearDuplicates.groupsDetail) {
      const accounts = [...new Set(g.posts.map((p) => p.account))];
      if (accounts.length < minAccounts) continue;
      if (narrativeDocs && !g.posts.some((p) => narrativeDocs!.has(p.id))) continue;
      const knownId = g.posts.map((p) => knownPosts[p.id]).find(Boolean);
      if (knownId) { for (const p of g.posts) knownPosts[p.id] = knownId; continue; }
      const posts = [...g.posts].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      const key = `near_duplicate:${posts.map((p) => p.id).sort()[0]}`;
      const id = alertId(rule.name, key);
      for (const p of posts) knownPosts[p.id] = id;
      if (first && rule.backfill === false) continue;
      if (rule.since && posts[posts.length - 1].at < rule.since) continue;
      const span = Math.round((Date.parse(posts[posts.length - 1].at) - Date.parse(posts[0].at)) / 1000);
      alerts.push(makeAlert(rule, key, {
        at: posts[0].at,
        title: `Coordinated group: ${accounts.length} accounts posted near-identical text within ${span} s on ${posts[0].at.slice(0, 16).replace('T', ' ')} UTC (${accounts.map((a) => info(a).name).join(', ')})`,
        ...(narrative ? { narrative } : {}),
        details: {
          signal: 'near_duplicate', accounts: accounts.map(info), accountTypes: g.accountTypes, spanSeconds: span,
          posts: posts.map((p) => ({ id: p.id, account: p.account, at: p.at })), text: posts[0].text.slice(0, 500),
        },
        evidence: posts.map((p) => p.id),
      }, ctx));
    }
  }
  if (signals.includes('co_sharing')) {
    for (const g of coord.coSharing.groups) {
      if (g.edgesAboveThreshold === 0 || g.size < minAccounts) continue;
      const members = new Set(g.accounts);
      const shares = coord.coSharing.edges.filter((e) => members.has(e.a) && members.has(e.b) && e.weightThreshold === 1).flatMap((e) => e.shares ?? []);
      const docs = [...new Set(shares.flatMap((s) => [s.contentId, s.contentIdY]))];
      if (narrativeDocs && !docs.some((d) => narrativeDocs!.has(d))) continue;
      const accounts = [...g.accounts].sort();
      if (knownSets.some((set) => accounts.every((a) => set.includes(a)))) continue;
      const key = `co_sharing:${accounts.join(',')}`;
      knownSets.push(accounts);
      if (first && rule.backfill === false) continue;
      const times = shares.map((s) => s.timestamp).sort((a, b) => a - b);
      const at = times.length ? new Date(times[0] * 1000).toISOString() : (ctx.now?.() ?? new Date()).toISOString();
      if (rule.since && times.length && new Date(times[times.length - 1] * 1000).toISOString() < rule.since) continue;
      alerts.push(makeAlert(rule, key, {
        at,
        title: `Coordinated group: ${accounts.length} accounts co-shared the same posts or links within ${coWindow / 1000} s (${accounts.map((a) => info(a).name).join(', ')})`,
        ...(narrative ? { narrative } : {}),
        details: {
          signal: 'co_sharing', accounts: accounts.map(info), edges: g.edges, edgesAboveThreshold: g.edgesAboveThreshold,
          objects: [...new Set(shares.map((s) => s.objectId))].slice(0, 20),
        },
        evidence: docs.slice(0, 100),
      }, ctx));
    }
  }
  const state: GroupState = { ...base(prev, hash, ctx, changed), days: ctx.corpusDays, knownPosts, knownSets };
  return { alerts, state, evaluated: true, changedDays: changed.length };
}

// ─── new actor ────────────────────────────────────────────────────────────────────────────────────────────────

async function newActorRule(rule: NewActorRule, prev: NewActorState | undefined, ctx: RuleContext, hash: string): Promise<RuleOutcome> {
  const target = narrativeTarget(rule.narrative, rule, ctx);
  const stances = rule.stances ?? ['asserts', 'relays'];
  const days = await mentionDays(ctx.store, target.narrativeIds, stances);
  const changed = changedDays(days, prev?.days);
  if (prev && changed.length === 0) return { alerts: [], state: { ...prev, checkedAt: (ctx.now?.() ?? new Date()).toISOString() }, evaluated: false, changedDays: 0 };
  const first = !prev;
  // Mentions are dated by when the statement was made, so the changed mention days bound what to read.
  const mentions = await ctx.store.listMentions({ narrativeIds: target.narrativeIds, ...(first ? {} : { since: `${changed[0]}T00:00:00.000Z` }) });
  const known = new Set(prev?.known ?? []);
  const pending: Record<string, string[]> = { ...(prev?.pending ?? {}) };
  const actors = new Map<string, { actorId?: string; name: string; type: string; docs: Set<string>; first: string; last: string; stances: Record<string, number> }>();
  for (const m of mentions) {
    if (!stances.includes(m.stance)) continue;
    if (rule.actorTypes && !rule.actorTypes.includes(m.actorType)) continue;
    const key = m.actorId ?? `name:${m.actorName.trim().toLowerCase()}`;
    if (known.has(key)) continue;
    let a = actors.get(key);
    if (!a) {
      a = { ...(m.actorId ? { actorId: m.actorId } : {}), name: m.actorName, type: m.actorType, docs: new Set(pending[key] ?? []), first: m.at, last: m.at, stances: {} };
      actors.set(key, a);
    }
    a.docs.add(m.documentId);
    if (m.at < a.first) a.first = m.at;
    if (m.at > a.last) a.last = m.at;
    a.stances[m.stance] = (a.stances[m.stance] ?? 0) + 1;
  }
  const alerts: Alert[] = [];
  const minMentions = rule.minMentions ?? 1;
  const shortName = shortLabel(target.label);
  for (const [key, a] of actors) {
    // The first check learns who already pushes the narrative; from then on, newcomers are announced.
    if (first && rule.backfill !== true) { known.add(key); continue; }
    if (a.docs.size < minMentions) { pending[key] = [...a.docs].slice(0, 1000); continue; }
    known.add(key);
    delete pending[key];
    if (rule.since && a.last < rule.since) continue;
    const actor = a.actorId ? ctx.registry.get(a.actorId) : undefined;
    alerts.push(makeAlert(rule, `actor:${key}`, {
      at: a.first,
      title: `New actor pushing "${shortName}": ${actor?.name ?? a.name} (${actor?.type ?? a.type}), ${a.docs.size} document(s) since ${dayOf(a.first)}`,
      narrative: { id: target.node.id, label: target.label },
      details: {
        actor: { ...(a.actorId ? { id: a.actorId } : {}), name: actor?.name ?? a.name, type: actor?.type ?? a.type },
        documents: a.docs.size, first: a.first, last: a.last, stances: a.stances,
      },
      evidence: [...a.docs].slice(0, 50),
    }, ctx));
  }
  const state: NewActorState = { ...base(prev, hash, ctx, changed), days, known: [...known].sort(), pending };
  return { alerts, state, evaluated: true, changedDays: changed.length };
}
