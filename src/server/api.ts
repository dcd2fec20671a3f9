/** The API routes: every request part validated by a zod schema that also generates the OpenAPI document. */
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { ActorRegistry } from '../actors/registry.ts';
import type { Document } from '../model/index.ts';
import type { Store, StoredAttribution, StoredTextEvent } from '../store/store.ts';
import { listTaxonomies, loadTaxonomy, type Taxonomy } from '../narratives/index.ts';
import { indexTaxonomy } from '../narratives/taxonomy.ts';
import { resolveNarrative, TargetError, queryTarget, type Target } from '../insights/target.ts';
import { narrativesOverview } from '../insights/narratives.ts';
import { bucketEvidence, targetTimeline } from '../insights/timeline.ts';
import { targetCascade } from '../insights/cascades.ts';
import type { Alert, ReadAlertsOptions } from '../watch/index.ts';
import { findSurges } from '../insights/surges.ts';
import { storeCoordination } from '../insights/coordination.ts';
import { ingestPaths } from '../pipeline/ingest.ts';
import { analyzerFor } from '../pipeline/analyze.ts';
import { VERSION } from '../version.ts';
import type { AnnotationStore } from './annotations.ts';
import { renderBrief } from './brief.ts';
import { buildBrief } from '../report/brief.ts';
import { HttpError, RawResponse, route, type RouteDef } from './routes.ts';
import {
  ActorTypeName, AnnotationBody, Bucket, DocumentId, Grouping, IngestBody, IsoDate, Lang, Limit, NarrativeRef, Offset,
  Period, QueryBool, SearchText, ShortText, Stance, TimeZone, taxonomyParam,
} from './schemas.ts';

export interface ApiDeps {
  store: Store;
  registry: ActorRegistry;
  annotations: AnnotationStore;
  /** Called after this server wrote to the store (invalidates cached responses). */
  onWrite: () => void;
  /** The corpus state (see CorpusClock). */
  version: () => Promise<string>;
  /** Alerts recorded by `narrascope watch` for this database, newest first. */
  alerts?: (q: ReadAlertsOptions) => Promise<Alert[]>;
}

const MAX_TIMELINE_BUCKETS = 20_000;

/** A document reduced to what lists show: no full text (documents can be long), an excerpt instead. */
export interface DocumentSummary {
  id: string; title?: string; excerpt: string; source: Document['source']; actorType?: string;
  publishedAt: string; lang: string; kind: string; url?: string; length: number;
}

export function summarize(doc: Document, registry: ActorRegistry, query?: string): DocumentSummary {
  const actor = doc.source.actorId ? registry.get(doc.source.actorId) : undefined;
  return {
    id: doc.id, ...(doc.title ? { title: doc.title } : {}), excerpt: excerpt(doc.text, query), source: doc.source,
    ...(actor ? { actorType: actor.type } : {}), publishedAt: doc.publishedAt, lang: doc.lang, kind: doc.kind,
    ...(doc.url ? { url: doc.url } : {}), length: doc.text.length,
  };
}

/** ~280 characters of text, around the first query word when there is one. */
export function excerpt(text: string, query?: string, size = 280): string {
  let start = 0;
  if (query) {
    const lower = text.toLowerCase();
    for (const word of query.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      const i = lower.indexOf(word);
      if (i >= 0) { start = Math.max(0, i - 80); break; }
    }
  }
  let out = text.slice(start, start + size);
  if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  if (/^[\uDC00-\uDFFF]/.test(out)) out = out.slice(1);
  return `${start > 0 ? '…' : ''}${out.replace(/\s+/g, ' ').trim()}${start + size < text.length ? '…' : ''}`;
}

async function documentsById(store: Store, ids: Iterable<string>): Promise<Map<string, Document>> {
  const out = new Map<string, Document>();
  for (const id of new Set(ids)) {
    const d = await store.getDocument(id);
    if (d) out.set(id, d);
  }
  return out;
}

export function buildRoutes(deps: ApiDeps): RouteDef[] {
  const { store, registry } = deps;
  const taxonomyNames = listTaxonomies().flatMap((t) => ('error' in t ? [] : [t.name]));
  const taxonomies = new Map<string, Taxonomy>();
  const taxonomy = (name: string): Taxonomy => {
    let t = taxonomies.get(name);
    if (!t) { t = loadTaxonomy(name); taxonomies.set(name, t); }
    return t;
  };
  const Taxonomy = taxonomyParam(taxonomyNames);
  const narrativeTarget = (tax: string, ref: string): Target & { kind: 'narrative' } => {
    try { return resolveNarrative(taxonomy(tax), ref); } catch (err) {
      if (err instanceof TargetError) throw new HttpError(/ matches \d+ narratives/.test(err.message) ? 400 : 404, err.message);
      throw err;
    }
  };
  const NarrativePath = z.object({ id: NarrativeRef });
  // Extracted events indexed by document once per corpus state (the store lists them by date only).
  let eventsIndex: { version: string; byDoc: Promise<Map<string, StoredTextEvent[]>> } | undefined;
  const textEventsByDocument = async () => {
    const version = await deps.version();
    if (!eventsIndex || eventsIndex.version !== version) {
      eventsIndex = { version, byDoc: store.listTextEvents().then((all) => {
        const byDoc = new Map<string, StoredTextEvent[]>();
        for (const e of all) { const l = byDoc.get(e.documentId); if (l) l.push(e); else byDoc.set(e.documentId, [e]); }
        return byDoc;
      }) };
    }
    return eventsIndex.byDoc;
  };

  const documentsQuery = z.object({
    q: SearchText.optional(), lang: Lang.optional(), source: ShortText().optional().describe('source name, handle or actor id'),
    ...Period, limit: Limit(25, 200), offset: Offset(),
  }).strict();

  const claimsQuery = z.object({
    narrative: NarrativeRef.optional().describe('only claims carrying this narrative (with its sub-narratives)'),
    taxonomy: Taxonomy,
    speaker: ShortText().optional().describe('speaker actor id or part of the speaker’s name'),
    speakerType: ActorTypeName.optional(),
    stance: Stance.optional(),
    q: SearchText.optional().describe('words that must appear in the claim content'),
    ...Period, limit: Limit(25, 200), offset: Offset(),
  }).strict();

  const surgeQuery = z.object({
    narrative: NarrativeRef.optional(), q: SearchText.optional().describe('a topic query instead of a narrative'),
    taxonomy: Taxonomy,
    sensitivity: z.coerce.number().min(0.1).max(10).default(1).describe('more than 1 finds more, less than 1 fewer'),
    maxLag: z.coerce.number().int().min(0).max(60).default(7).describe('days before an onset within which an event counts as preceding it'),
    maxEvidence: z.coerce.number().int().min(1).max(500).default(50).describe('evidence document ids listed per finding'),
    ...Period,
  }).strict().refine((v) => (v.narrative === undefined) !== (v.q === undefined || !v.q.trim()), { message: 'give either narrative or q', path: ['narrative'] });

  return [
    route({
      method: 'get', path: '/api/health', tag: 'meta', summary: 'Liveness and version',
      responses: { 200: { description: '{ ok, version }' } },
      handler: () => ({ ok: true, version: VERSION }),
    }),

    route({
      method: 'get', path: '/api/stats', heavy: true, tag: 'meta', summary: 'Corpus size, period, languages, top sources', cache: true,
      responses: { 200: { description: '{ documents, first, last, byLang, sources, fingerprint }' } },
      handler: async () => {
        const s = await store.documentStats();
        return {
          documents: s.count, first: s.first, last: s.last, byLang: s.byLang, fingerprint: s.fingerprint,
          sources: s.bySource.slice(0, 100).map((x) => ({ ...x, actorType: x.actorId ? registry.get(x.actorId)?.type : undefined })),
          sourceCount: s.bySource.length,
        };
      },
    }),

    route({
      method: 'get', path: '/api/documents', tag: 'documents', summary: 'Search and list documents (full-text, filters, pagination)',
      description: 'Documents in publication order; each with an excerpt (around the first query word) instead of the full text.',
      query: documentsQuery,
      responses: { 200: { description: '{ count, limit, offset, documents: DocumentSummary[] }' }, 400: { description: 'invalid parameter' } },
      handler: async ({ query }) => {
        const { q, limit, offset, ...rest } = query;
        const filter = { ...rest, query: q };
        const count = await store.countDocuments(filter);
        const docs = offset < count ? await store.listDocuments(filter, { limit, offset }) : [];
        return { count, limit, offset, documents: docs.map((d) => summarize(d, registry, q)) };
      },
    }),

    route({
      method: 'get', path: '/api/documents/:id', tag: 'documents', summary: 'One document with its attributions, narratives, mentions, events and annotations',
      params: z.object({ id: DocumentId }),
      responses: { 200: { description: '{ document, actor, attributions, narratives, mentions, events, assessments, annotations }' }, 404: { description: 'no such document' } },
      handler: async ({ params }) => {
        const doc = await store.getDocument(params.id);
        if (!doc) throw new HttpError(404, 'no such document');
        const [attributions, narratives, mentions, assessments] = await Promise.all([
          store.listAttributions({ documentId: doc.id }, { limit: 1000 }),
          store.listDocumentNarratives({ documentId: doc.id }),
          store.listMentions({ documentId: doc.id }, { limit: 2000 }),
          store.listAssessments({ documentId: doc.id }),
        ]);
        const events = (await textEventsByDocument()).get(doc.id) ?? [];
        const index = indexTaxonomy(taxonomy('urw'));
        const actor = doc.source.actorId ? registry.get(doc.source.actorId) : undefined;
        return {
          document: doc,
          actor: actor ? { id: actor.id, name: actor.name, type: actor.type, alignment: actor.alignment, country: actor.country } : undefined,
          attributions, narratives: narratives.map((n) => ({ ...n, label: n.label || index.byId.get(n.id)?.label || n.id })),
          mentions, events, assessments,
          annotations: deps.annotations.list({ documentId: doc.id }, { limit: 500, offset: 0 }).annotations,
        };
      },
    }),

    route({
      method: 'get', path: '/api/taxonomy', tag: 'narratives', summary: 'The narratives of a taxonomy (id, label, parent, description)', cache: true,
      query: z.object({ taxonomy: Taxonomy }).strict(),
      responses: { 200: { description: '{ name, title, narratives: [{ id, label, parent, description }] }' } },
      handler: ({ query }) => {
        const t = taxonomy(query.taxonomy);
        return { name: t.name, title: t.title, taxonomies: taxonomyNames,
          narratives: t.narratives.map((n) => ({ id: n.id, label: n.label, parent: n.parent, description: n.description })) };
      },
    }),

    route({
      method: 'get', path: '/api/narratives', heavy: true, tag: 'narratives', summary: 'Narratives overview: mentions by stance and actor type, weekly sparkline, surges',
      description: 'Sub-narratives are rolled up into their parents; most mentioned first. Amplification counts asserts, relays and unknown; refutes is counter-messaging.',
      cache: true,
      query: z.object({
        taxonomy: Taxonomy, ...Period,
        surges: QueryBool.default(true).describe('add surge findings per narrative (slower, cached)'),
        minMentions: z.coerce.number().int().min(1).max(1_000_000).default(1),
        limit: Limit(200, 500), offset: Offset(10_000),
      }).strict(),
      responses: { 200: { description: '{ taxonomy, count, narratives: NarrativeOverview[] }' }, 400: { description: 'invalid parameter' } },
      handler: async ({ query }) => {
        const all = await narrativesOverview(store, registry, taxonomy(query.taxonomy), {
          since: query.since, until: query.until, surges: query.surges, minMentions: query.minMentions,
        });
        return { taxonomy: query.taxonomy, count: all.length, limit: query.limit, offset: query.offset,
          narratives: all.slice(query.offset, query.offset + query.limit) };
      },
    }),

    route({
      method: 'get', path: '/api/narratives/:id', heavy: true, tag: 'narratives', summary: 'One narrative: its place in the taxonomy and its overview counts', cache: true,
      params: NarrativePath, query: z.object({ taxonomy: Taxonomy, ...Period }).strict(),
      responses: { 200: { description: '{ narrative, parent, children, overview }' }, 404: { description: 'no such narrative' } },
      handler: async ({ params, query }) => {
        const tax = taxonomy(query.taxonomy);
        const target = narrativeTarget(query.taxonomy, params.id);
        const index = indexTaxonomy(tax);
        const node = target.node;
        const counts = await store.countMentions({ narrativeIds: target.narrativeIds, since: query.since, until: query.until });
        const overview = { id: node.id, label: node.label, mentions: 0, byStance: {} as Record<string, number>, byActorType: {} as Record<string, number>, first: undefined as string | undefined, last: undefined as string | undefined };
        for (const c of counts) {
          overview.mentions += c.count;
          overview.byStance[c.stance] = (overview.byStance[c.stance] ?? 0) + c.count;
          if (c.stance !== 'refutes') overview.byActorType[c.actorType] = (overview.byActorType[c.actorType] ?? 0) + c.count;
          if (!overview.first || c.first < overview.first) overview.first = c.first;
          if (!overview.last || c.last > overview.last) overview.last = c.last;
        }
        const parent = node.parent ? index.byId.get(node.parent) : undefined;
        return {
          narrative: { id: node.id, label: node.label, parent: node.parent, description: node.description, disarm: node.disarm },
          parent: parent ? { id: parent.id, label: parent.label } : undefined,
          children: (index.children.get(node.id) ?? []).map((n) => ({ id: n.id, label: n.label })),
          overview,
        };
      },
    }),

    route({
      method: 'get', path: '/api/narratives/:id/timeline', heavy: true, tag: 'narratives', summary: 'Mentions of a narrative per time bucket, grouped, with share of voice', cache: true,
      params: NarrativePath,
      query: z.object({ taxonomy: Taxonomy, by: Grouping, bucket: Bucket, tz: TimeZone, ...Period }).strict(),
      responses: { 200: { description: '{ target, by, items, timeline: { bucket, timeZone, starts, labels, keys, series, total }, shareOfVoice }' }, 400: { description: 'invalid parameter or too many buckets' }, 404: { description: 'no such narrative' } },
      handler: async ({ params, query }) => {
        const target = narrativeTarget(query.taxonomy, params.id);
        const result = await targetTimeline(store, registry, target, { bucket: query.bucket, by: query.by, timeZone: query.tz, since: query.since, until: query.until });
        if (result.timeline.labels.length > MAX_TIMELINE_BUCKETS) {
          throw new HttpError(400, `${result.timeline.labels.length} buckets: narrow since/until or use a larger bucket (at most ${MAX_TIMELINE_BUCKETS})`);
        }
        return { narrativeId: target.node.id, ...result };
      },
    }),

    route({
      method: 'get', path: '/api/narratives/:id/cascade', heavy: true, tag: 'narratives', summary: 'First mention, repeats by actor with lags, forward/reply/attribution/near-duplicate edges, lead-lag between actor types', cache: true,
      params: NarrativePath,
      query: z.object({ taxonomy: Taxonomy, ...Period }).strict(),
      responses: { 200: { description: '{ target, cascade: { first, repeats, actors, edges, size, spanSec }, leadLag, actors }' }, 404: { description: 'no such narrative' } },
      handler: async ({ params, query }) => {
        const target = narrativeTarget(query.taxonomy, params.id);
        const result = await targetCascade(store, registry, target, { since: query.since, until: query.until, maxDocuments: 2000 });
        return { narrativeId: target.node.id, ...result, cascade: { ...result.cascade, repeats: result.cascade.repeats.slice(0, 500), edges: result.cascade.edges.slice(0, 2000) } };
      },
    }),

    route({
      method: 'get', path: '/api/narratives/:id/evidence', heavy: true, tag: 'narratives', summary: 'The documents behind one timeline point (one bucket, optionally one key)',
      params: NarrativePath,
      query: z.object({
        taxonomy: Taxonomy, from: IsoDate.describe('bucket start'), to: IsoDate.describe('bucket end (exclusive)'),
        by: Grouping, key: z.string().max(200).optional().describe('only mentions with this key of the grouping (e.g. state_media)'),
        limit: Limit(25, 200), offset: Offset(5000),
      }).strict().refine((v) => v.from < v.to, { message: 'from must be before to', path: ['to'] }),
      responses: { 200: { description: '{ total, documents: [{ document: DocumentSummary, mentions }] }' }, 404: { description: 'no such narrative' } },
      handler: async ({ params, query }) => {
        const target = narrativeTarget(query.taxonomy, params.id);
        const items = await bucketEvidence(store, registry, target, { from: query.from, to: query.to, by: query.by, key: query.key, limit: 20_000 });
        const byDoc = new Map<string, typeof items>();
        for (const i of items) { const list = byDoc.get(i.documentId); if (list) list.push(i); else byDoc.set(i.documentId, [i]); }
        const ids = [...byDoc.keys()];
        const page = ids.slice(query.offset, query.offset + query.limit);
        const docs = await documentsById(store, page);
        return {
          narrativeId: target.node.id, from: query.from, to: query.to, key: query.key, total: ids.length, limit: query.limit, offset: query.offset,
          documents: page.flatMap((id) => {
            const d = docs.get(id);
            return d ? [{ document: summarize(d, registry), mentions: byDoc.get(id)!.map((m) => ({ actorName: m.actorName, actorId: m.actorId, actorType: m.actorType, stance: m.stance, at: m.at })) }] : [];
          }),
        };
      },
    }),

    route({
      method: 'get', path: '/api/surges', heavy: true, tag: 'analytics', summary: 'Bursts and lasting shifts of a narrative (or topic query), with drivers, first movers, evidence, preceding events', cache: true,
      query: surgeQuery,
      responses: { 200: { description: 'SurgeReport (evidence lists capped at maxEvidence, with evidenceTotal)' }, 400: { description: 'invalid parameter' }, 404: { description: 'no such narrative' } },
      handler: async ({ query }) => {
        const target = query.narrative ? narrativeTarget(query.taxonomy, query.narrative) : queryTarget(query.q!);
        const report = await findSurges(store, registry, target, { sensitivity: query.sensitivity, maxLagDays: query.maxLag, since: query.since, until: query.until });
        return {
          ...report, ...(target.kind === 'narrative' ? { narrativeId: target.node.id } : { query: target.query }),
          surges: report.surges.map((s) => ({
            ...s,
            drivers: { ...s.drivers, actors: s.drivers.actors.slice(0, 25), evidence: s.drivers.evidence.slice(0, query.maxEvidence), evidenceTotal: s.drivers.evidence.length },
          })),
        };
      },
    }),

    route({
      method: 'get', path: '/api/alerts', tag: 'analytics', summary: 'Alerts fired by `narrascope watch` rules (surges, new coordinated groups, new actors), newest first',
      query: z.object({
        since: IsoDate.optional().describe('alerts created at or after'),
        rule: z.string().max(100).optional(), type: z.enum(['surge', 'coordinated_group', 'new_actor']).optional(),
        limit: Limit(50, 500),
      }).strict(),
      responses: { 200: { description: '{ alerts }' } },
      handler: async ({ query }) => ({
        alerts: deps.alerts ? await deps.alerts({ since: query.since, rule: query.rule, type: query.type, limit: query.limit }) : [],
      }),
    }),

    route({
      method: 'get', path: '/api/events', heavy: true, tag: 'analytics', summary: 'Event calendar and (optionally) dated events extracted from documents', cache: true,
      query: z.object({
        ...Period, kind: z.string().regex(/^[\p{L}\p{N}_ -]{1,40}$/u, 'expected an event kind such as diplomacy').optional(),
        extracted: QueryBool.default(false).describe('also list events extracted from the documents'),
        limit: Limit(100, 1000), offset: Offset(),
      }).strict(),
      responses: { 200: { description: '{ calendar, extracted: { count, events } }' } },
      handler: async ({ query }) => {
        const period = { since: query.since, until: query.until };
        const calendar = await store.listCalendarEvents({ ...period, kind: query.kind });
        const extracted = query.extracted ? await store.listTextEvents(period) : [];
        return {
          calendar: calendar.slice(0, 2000), calendarCount: calendar.length,
          extracted: { count: extracted.length, limit: query.limit, offset: query.offset, events: extracted.slice(query.offset, query.offset + query.limit) },
        };
      },
    }),

    route({
      method: 'get', path: '/api/coordination', heavy: true, tag: 'analytics', summary: 'Coordination graph over stored posts: co-sharing (CooRTweet), near-identical posts, synchronised posting', cache: true,
      query: z.object({
        ...Period,
        timeWindow: z.coerce.number().min(0).max(86_400).default(60).describe('seconds within which two shares of one object are coordinated'),
        minParticipation: z.coerce.number().int().min(1).max(1000).default(2),
        edgeWeight: z.coerce.number().min(0).max(1).default(0.5).describe('edge-weight quantile above which edges are marked'),
        nearWindow: z.coerce.number().min(0).max(86_400).default(600).describe('near-duplicate text: seconds between posts'),
        maxEdges: z.coerce.number().int().min(1).max(20_000).default(2000),
      }).strict(),
      responses: { 200: { description: '{ accounts, edges, groups, threshold, stats, nearDuplicates, synchronised, truncated }' } },
      handler: async ({ query }) => {
        const r = await storeCoordination(store, registry, {
          filter: { since: query.since, until: query.until }, timeWindow: query.timeWindow, minParticipation: query.minParticipation,
          edgeWeight: query.edgeWeight, nearDuplicate: { timeWindowSec: query.nearWindow },
        });
        const g = r.coSharing;
        const edges = [...g.edges].sort((a, b) => b.weight - a.weight).slice(0, query.maxEdges);
        const inEdges = new Set(edges.flatMap((e) => [e.a, e.b]));
        const info = (id: string) => r.accounts[id] ?? { id, name: id, actorType: 'unknown' };
        const nearEdges = r.nearDuplicates.edges.slice(0, query.maxEdges);
        const syncEdges = [...r.synchronised.edges].sort((a, b) => b.weight - a.weight).slice(0, query.maxEdges);
        // One account-level network of the three signals, for drawing: edge weight = co-shares + near-identical
        // post pairs + shared posting minutes.
        const pairs = new Map<string, { a: string; b: string; coSharing: number; nearDuplicate: number; synchronised: number; weight: number }>();
        const addPair = (x: string, y: string, field: 'coSharing' | 'nearDuplicate' | 'synchronised', w: number) => {
          if (x === y) return;
          const [a, b] = x < y ? [x, y] : [y, x];
          const k = `${a}\u0000${b}`;
          const p = pairs.get(k) ?? { a, b, coSharing: 0, nearDuplicate: 0, synchronised: 0, weight: 0 };
          p[field] += w;
          p.weight += w;
          pairs.set(k, p);
        };
        for (const e of g.edges) addPair(e.a, e.b, 'coSharing', e.weight);
        for (const e of r.nearDuplicates.edges) addPair(e.accountA, e.accountB, 'nearDuplicate', 1);
        for (const e of r.synchronised.edges) addPair(e.a, e.b, 'synchronised', e.weight);
        const networkEdges = [...pairs.values()].sort((x, y) => y.weight - x.weight || (x.a + x.b).localeCompare(y.a + y.b)).slice(0, query.maxEdges);
        const degree = new Map<string, number>();
        for (const e of networkEdges) { degree.set(e.a, (degree.get(e.a) ?? 0) + e.weight); degree.set(e.b, (degree.get(e.b) ?? 0) + e.weight); }
        const network = {
          nodes: [...degree.entries()].sort((x, y) => y[1] - x[1]).map(([id, strength]) => ({ id, name: info(id).name, actorType: info(id).actorType, strength })),
          edges: networkEdges, truncated: networkEdges.length < pairs.size,
        };
        return {
          network,
          accounts: g.accounts.filter((a) => inEdges.has(a.id)).map((a) => ({ ...a, name: info(a.id).name, actorType: info(a.id).actorType })),
          edges: edges.map(({ shares: _shares, objects, ...e }) => ({ ...e, objects: objects.slice(0, 10), objectCount: objects.length })),
          groups: g.groups, threshold: g.threshold, stats: g.stats, params: g.params,
          truncated: edges.length < g.edges.length,
          nearDuplicates: {
            groups: r.nearDuplicates.groupsDetail.slice(0, 200).map((x) => ({
              ...x, posts: x.posts.slice(0, 50).map((p) => ({ ...p, name: info(p.account).name, text: excerpt(p.text) })),
            })),
            groupCount: r.nearDuplicates.groupsDetail.length,
            edges: nearEdges,
          },
          synchronised: { groups: r.synchronised.groups, edges: syncEdges.map((e) => ({ ...e, bins: e.bins.slice(0, 20) })), stats: r.synchronised.stats },
          accountInfo: Object.fromEntries([...inEdges, ...r.nearDuplicates.groupsDetail.slice(0, 200).flatMap((x) => x.posts.map((p) => p.account)),
            ...syncEdges.flatMap((e) => [e.a, e.b])].map((id) => [id, info(id)])),
        };
      },
    }),

    route({
      method: 'get', path: '/api/claims', heavy: true, tag: 'claims', summary: 'Claims (attributions) with filters: narrative, speaker, speaker type, stance, dates, text', cache: true,
      description: 'Without `narrative`, filters run in the database. With `narrative`, claims are those whose mentions carry it; `speaker` and `q` then filter the 5,000 most recent such claims.',
      query: claimsQuery,
      responses: { 200: { description: '{ count, claims: [attribution + documentId, index, publishedAt, document: { title, source, url }] }' }, 400: { description: 'invalid parameter' }, 404: { description: 'no such narrative' } },
      handler: async ({ query }) => {
        const { narrative, limit, offset } = query;
        let count: number;
        let claims: (StoredAttribution & { mentionStance?: string })[];
        if (!narrative) {
          const filter = { speaker: query.speaker, speakerType: query.speakerType, stance: query.stance, since: query.since, until: query.until, query: query.q };
          count = await store.countAttributions(filter);
          claims = offset < count ? await store.listAttributions(filter, { limit, offset }) : [];
        } else {
          const target = narrativeTarget(query.taxonomy, narrative);
          const mentions = await store.listMentions({ narrativeIds: target.narrativeIds, stance: query.stance, actorType: query.speakerType, since: query.since, until: query.until });
          const seen = new Map<string, { documentId: string; index: number; stance: string }>();
          for (let i = mentions.length - 1; i >= 0; i--) {
            const m = mentions[i];
            if (m.attributionIndex === undefined) continue;
            const k = `${m.documentId}\u0000${m.attributionIndex}`;
            if (!seen.has(k)) seen.set(k, { documentId: m.documentId, index: m.attributionIndex, stance: m.stance });
          }
          let keys = [...seen.values()];
          const filtering = query.speaker || query.q;
          if (filtering) keys = keys.slice(0, 5000);
          const attributionsOf = new Map<string, StoredAttribution[]>();
          const load = async (docId: string) => {
            let list = attributionsOf.get(docId);
            if (!list) { list = await store.listAttributions({ documentId: docId }, { limit: 1000 }); attributionsOf.set(docId, list); }
            return list;
          };
          const speaker = query.speaker?.toLowerCase();
          const words = (query.q ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
          const matches = (a: StoredAttribution) => (!speaker || a.speaker.actorId === query.speaker || (a.speaker.name ?? '').toLowerCase().includes(speaker) || a.speaker.text.toLowerCase().includes(speaker))
            && words.every((w) => a.content.text.toLowerCase().includes(w));
          if (filtering) {
            const kept: typeof keys = [];
            for (const k of keys) { const a = (await load(k.documentId)).find((x) => x.index === k.index); if (a && matches(a)) kept.push(k); }
            keys = kept;
          }
          count = keys.length;
          claims = [];
          for (const k of keys.slice(offset, offset + limit)) {
            const a = (await load(k.documentId)).find((x) => x.index === k.index);
            if (a) claims.push({ ...a, mentionStance: k.stance });
          }
        }
        const docs = await documentsById(store, claims.map((c) => c.documentId));
        return {
          count, limit, offset,
          claims: claims.map((c) => {
            const d = docs.get(c.documentId);
            return { ...c, document: d ? { title: d.title, source: d.source.name, actorId: d.source.actorId, url: d.url, publishedAt: d.publishedAt } : undefined };
          }),
        };
      },
    }),

    route({
      method: 'get', path: '/api/brief', heavy: true, tag: 'reports', summary: 'The analyst brief (json, or md/html as a download)', cache: true,
      description: 'Key takeaways, then per narrative: claims, pushers, surges and preceding events, coordination, assessments; every finding cites documents.',
      query: z.object({
        format: z.enum(['json', 'md', 'html']).default('json'), taxonomy: Taxonomy,
        narrative: NarrativeRef.optional().describe('only this narrative'), ...Period,
        maxNarratives: z.coerce.number().int().min(1).max(20).default(3).describe('narratives covered when none is named'),
        maxClaims: z.coerce.number().int().min(1).max(200).default(12).describe('claims per narrative'),
        download: QueryBool.default(false).describe('send as an attachment'),
      }).strict(),
      responses: {
        200: { description: 'Brief (json), or the rendered brief (text/markdown, text/html) as an attachment' },
        400: { description: 'invalid parameter' }, 404: { description: 'no such narrative' },
      },
      handler: async ({ query }) => {
        if (query.narrative) narrativeTarget(query.taxonomy, query.narrative); // 404 / 400 before the work
        const brief = await buildBrief(store, registry, taxonomy(query.taxonomy), {
          narrative: query.narrative, since: query.since, until: query.until, maxNarratives: query.maxNarratives,
          maxClaims: query.maxClaims, version: VERSION,
        });
        if (query.format === 'json' && !query.download) return brief;
        return renderBrief(brief, query.format);
      },
    }),

    route({
      method: 'get', path: '/api/actors', tag: 'meta', summary: 'The actor registry (with filters and pagination)',
      query: z.object({ type: ActorTypeName.optional(), q: ShortText().optional(), limit: Limit(100, 1000), offset: Offset() }).strict(),
      responses: { 200: { description: '{ count, actors }' } },
      handler: ({ query }) => {
        const q = query.q?.toLowerCase();
        const all = registry.all().filter((a) => (!query.type || a.type === query.type)
          && (!q || a.id.includes(q) || a.name.toLowerCase().includes(q)));
        return { count: all.length, limit: query.limit, offset: query.offset, actors: all.slice(query.offset, query.offset + query.limit) };
      },
    }),

    route({
      method: 'get', path: '/api/annotations', tag: 'annotations', summary: 'Analyst annotations',
      query: z.object({ documentId: DocumentId.optional(), limit: Limit(100, 1000), offset: Offset() }).strict(),
      responses: { 200: { description: '{ count, annotations }' } },
      handler: ({ query }) => deps.annotations.list({ documentId: query.documentId }, { limit: query.limit, offset: query.offset }),
    }),

    route({
      method: 'post', path: '/api/annotations', tag: 'annotations', summary: 'Add an annotation (bearer token)', auth: 'write', maxBodyBytes: 64 * 1024,
      body: AnnotationBody,
      responses: { 201: { description: '{ annotation }' }, 400: { description: 'invalid body' }, 401: { description: 'missing or wrong token' }, 403: { description: 'writes disabled (no token configured)' }, 404: { description: 'no such document' } },
      handler: async ({ body, c }) => {
        const doc = await store.getDocument(body.documentId);
        if (!doc) throw new HttpError(404, 'no such document');
        if (body.end !== undefined && body.end > doc.text.length) throw new HttpError(400, `body.end: beyond the end of the text (${doc.text.length})`);
        if (body.narrativeId && !indexTaxonomy(taxonomy('urw')).byId.has(body.narrativeId)) throw new HttpError(400, 'body.narrativeId: no such narrative');
        const annotation = deps.annotations.add(body);
        deps.onWrite();
        c.status(201);
        return { annotation };
      },
    }),

    route({
      method: 'post', path: '/api/ingest', tag: 'documents', summary: 'Ingest documents (JSON body; bearer token)', auth: 'write', maxBodyBytes: 32 * 1024 * 1024,
      description: 'Records go through the same normalisation, dedupe and analysis as `narrascope ingest`; ids already stored count as duplicates.',
      body: IngestBody,
      responses: { 200: { description: '{ read, stored, duplicates, rejected, rejectedByReason, rejections }' }, 400: { description: 'invalid body' }, 401: { description: 'missing or wrong token' }, 403: { description: 'writes disabled (no token configured)' }, 413: { description: 'body too large' } },
      handler: async ({ body }) => {
        const rejections: { line?: number; reason: string; message: string }[] = [];
        const json = JSON.stringify({ documents: body.documents });
        const summary = await ingestPaths(['-'], {
          store, registry, format: 'json', stdin: Readable.from([Buffer.from(json)]),
          analyze: body.analyze ? analyzerFor({ registry }) : undefined,
          onReject: (r) => { if (rejections.length < 100) rejections.push({ line: r.line, reason: r.reason, message: r.message }); },
        });
        if (summary.stored > 0) deps.onWrite();
        const { read, stored, duplicates, rejected, rejectedByReason } = summary;
        return { read, stored, duplicates, rejected, rejectedByReason, rejections };
      },
    }),
  ];
}

/** Re-exported so tests can check the routes' error mapping. */
export { RawResponse };
