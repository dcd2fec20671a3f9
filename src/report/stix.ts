/**
 * STIX 2.1 export (docs/stix.md has the mapping and the reasons behind it).
 *
 * Pure: takes plain data (mentions, the documents they cite, the taxonomy, the actor registry, corpus stats, an
 * optional DISARM catalogue) and returns a bundle. The CLI (`narrascope export stix`) does the store I/O; the API and
 * briefs can call the same builder.
 *
 *  - report            the export itself: query, corpus fingerprint, object_refs to everything
 *  - identity          every actor carrying a narrative (registry actors with their type, alignment, country), plus
 *                      Narrascope itself (identity_class "system") as the creator of every object
 *  - narrative         OpenCTI's Narrative SDO (type `narrative`, new-sdo of OpenCTI's extension definition)
 *  - channel           OpenCTI's Channel SDO: a Telegram channel, a web site or a named source that published evidence
 *  - attack-pattern    DISARM techniques the taxonomy maps onto narratives that were amplified in the evidence
 *  - relationship      identity amplifies|refutes narrative · channel uses narrative · channel amplifies channel
 *                      (forwards) · channel belongs-to identity · narrative subnarrative-of narrative ·
 *                      identity part-of identity · channel uses attack-pattern · narrative related-to attack-pattern
 *  - extension-definition  Narrascope's toplevel-property-extension declaring the x_narrascope_* properties
 *
 * Ids are UUIDv5 over stable keys in Narrascope's namespace, so re-exporting gives the same ids; `modified` is the
 * export time (a re-export is a new version of the same objects), `created` the earliest evidence.
 */
import { createHash } from 'node:crypto';
import type { Actor, ActorType, Mention, Stance } from '../model/index.ts';
import type { Taxonomy, TaxonomyNode } from '../narratives/taxonomy.ts';
import { nameKey, stripInvisible } from '../text/normalize.ts';

// ---------------------------------------------------------------------------------------------------------------
// Identifiers and constants

/** Narrascope's UUIDv5 namespace for STIX ids (never the SCO namespace 00abedb4-…, which STIX reserves). */
export const NARRASCOPE_NAMESPACE = '1b1a869e-436c-41dc-8d33-d7cecb8fd1ac';
/** OpenCTI's extension definition for its own SDOs (Narrative, Channel, Event, ...): `STIX_EXT_OCTI` in OpenCTI. */
export const OPENCTI_EXTENSION_ID = 'extension-definition--ea279b3e-5c71-4632-ac08-831c66a786ba';
/** Creation time of the definitional objects (Narrascope identity, extension definition); bump with their content. */
const DEFINITIONS_TIME = '2025-01-01T00:00:00.000Z';

/** RFC 4122 version 5 (SHA-1, name-based) UUID. */
export function uuidv5(name: string, namespace: string = NARRASCOPE_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`not a UUID: ${namespace}`);
  const b = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A STIX id for an object of `type` identified by a stable Narrascope key. */
export function stixId(type: string, key: string): string {
  return `${type}--${uuidv5(`${type}|${key}`)}`;
}

export const NARRASCOPE_IDENTITY_ID = stixId('identity', 'narrascope');
export const NARRASCOPE_EXTENSION_ID = stixId('extension-definition', 'narrascope-properties');

/** STIX timestamp: UTC, millisecond precision, `Z`. */
export function stixTime(value: string | number | Date): string {
  const d = value instanceof Date ? value : new Date(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw new Error(`not a time: ${String(value)}`);
  return d.toISOString();
}

// ---------------------------------------------------------------------------------------------------------------
// Types

export type StixObject = { type: string; id: string; [key: string]: unknown };
export interface StixBundle { type: 'bundle'; id: string; objects: StixObject[] }

/** What the exporter needs of a document: enough to cite it and to place it on a channel. */
export interface EvidenceDocument {
  id: string;
  url?: string;
  publishedAt: string;
  title?: string;
  lang?: string;
  source: { name: string; handle?: string; url?: string; actorId?: string };
  meta?: Record<string, unknown>;
  ingest?: { format?: string };
}

export interface DisarmTechnique { id: string; name: string; description?: string; url?: string }

export interface StixExportInput {
  /** Mentions in scope (the store's, already filtered by narrative and period). */
  mentions: readonly Mention[];
  /** The documents the mentions cite (others are ignored). */
  documents: ReadonlyMap<string, EvidenceDocument> | readonly EvidenceDocument[];
  taxonomy: Taxonomy;
  /** Actor registry (an ActorRegistry fits); `byName` resolves actors the analysis left unresolved. */
  actors?: { get(id: string): Actor | undefined; byName?(name: string): Actor | undefined };
  /** The corpus the export was made from (Store.documentStats). */
  corpus: { fingerprint: string; count: number; first?: string; last?: string };
  /** What was asked: recorded in the report. `narrativeIds` adds those narratives even without mentions. */
  query?: { narrative?: string; narrativeIds?: readonly string[]; since?: string; until?: string };
  /** DISARM techniques by id (from DISARM.json); without it only the taxonomy's ids are known. */
  disarm?: ReadonlyMap<string, DisarmTechnique>;
  /** Export time (report `published`, objects' `modified`). Default: now. */
  now?: string | Date;
  /** Narrascope version, recorded in the report. */
  version?: string;
  /** Evidence documents cited per relationship (earliest first). Default 20. */
  maxEvidence?: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Actor vocabulary → STIX

const INDIVIDUAL: ReadonlySet<string> = new Set(['head_of_state', 'government_official', 'regional_official', 'military_official',
  'legislator', 'milblogger', 'pro_government_influencer']);
const ORGANIZATION: ReadonlySet<string> = new Set(['state_media', 'state_affiliated_media', 'independent_media', 'foreign_media',
  'exiled_media', 'think_tank', 'fact_checker', 'ngo', 'international_org']);

/** identity-class-ov for an actor type: people, organisations, anonymous collectives (aggregator channels). */
export function identityClassOf(type: ActorType | string | undefined): 'individual' | 'organization' | 'group' | 'unknown' {
  if (!type) return 'unknown';
  if (INDIVIDUAL.has(type)) return 'individual';
  if (ORGANIZATION.has(type)) return 'organization';
  if (type === 'aggregator_channel') return 'group';
  return 'unknown';
}

/** industry-sector-ov values where an actor type clearly fits one; none otherwise. */
export function sectorsOf(type: ActorType | string | undefined): string[] {
  switch (type) {
    case 'state_media': case 'state_affiliated_media': case 'independent_media': case 'foreign_media': case 'exiled_media':
    case 'aggregator_channel':
      return ['communications'];
    case 'head_of_state': case 'government_official': case 'legislator': return ['government-national'];
    case 'regional_official': return ['government-regional'];
    case 'military_official': return ['defense'];
    case 'ngo': return ['non-profit'];
    default: return [];
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Evidence references

const URI_UNSAFE = /[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g;

/** A URL as an RFC 3986 URI (non-ASCII and unsafe characters percent-encoded), or undefined if it is not a URL. */
export function safeUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let u: URL;
  try { u = new URL(raw.trim()); } catch { return undefined; }
  if (!['http:', 'https:'].includes(u.protocol) || !u.hostname) return undefined;
  return u.href.replace(URI_UNSAFE, (c) => encodeURIComponent(c)).replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}

/** `urn:narrascope:document:<id>`: the reference of a document that has no URL. */
export function documentUrn(id: string): string {
  return `urn:narrascope:document:${encodeURIComponent(id)}`;
}

/** source_name values the OASIS schema reserves for CVE/CAPEC references. */
const RESERVED_SOURCE = /^(cve|capec)$/i;

function evidenceReference(doc: EvidenceDocument): Record<string, string> {
  const source = doc.source.name?.trim() || 'narrascope';
  const title = doc.title?.trim();
  return {
    source_name: RESERVED_SOURCE.test(source) ? `${source} (source)` : source,
    external_id: doc.id,
    url: safeUrl(doc.url) ?? documentUrn(doc.id),
    description: `${stixTime(doc.publishedAt)}${title ? ` — ${title.length > 160 ? `${title.slice(0, 159)}…` : title}` : ''}`,
  };
}

/** A display name without invisible characters (emoji variation selectors, zero-width marks) or stray spaces. */
function cleanName(name: string): string {
  return stripInvisible(name).replace(/[\uFE00-\uFE0F]/g, '').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Channels

interface ChannelInfo { key: string; name: string; types: string[]; url?: string; names: Set<string> }

const TELEGRAM_USERNAME = /^[A-Za-z][A-Za-z0-9_]{3,}$/;

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try { return new URL(url).hostname.toLowerCase().replace(/^www\./, '') || undefined; } catch { return undefined; }
}

function cleanHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').replace(/^https?:\/\/t\.me\/(s\/)?/i, '').replace(/\/.*$/, '');
}

/** The channel a document was published on: its Telegram channel, its web site, else its source name. */
export function channelOf(doc: EvidenceDocument): ChannelInfo {
  const sourceName = cleanName(doc.source.name ?? '') || 'unknown source';
  const telegram = doc.ingest?.format === 'telegram' || /^tg:/i.test(doc.source.handle ?? '');
  if (doc.source.handle && cleanHandle(doc.source.handle)) {
    const handle = cleanHandle(doc.source.handle);
    const username = TELEGRAM_USERNAME.test(handle) && telegram ? handle : undefined;
    return {
      key: `handle:${handle.toLowerCase()}`,
      name: telegram ? `${sourceName} (Telegram)` : `${sourceName} (@${handle})`,
      types: telegram ? ['Telegram'] : [],
      ...(username ? { url: `https://t.me/${username}` } : {}),
      names: new Set([sourceName]),
    };
  }
  const url = doc.source.url ?? doc.url;
  const host = hostOf(url);
  if (host === 't.me' && url) {
    const seg = new URL(url).pathname.split('/').filter(Boolean);
    const handle = seg[0] === 's' ? seg[1] : seg[0];
    if (handle && TELEGRAM_USERNAME.test(handle)) {
      return { key: `handle:${handle.toLowerCase()}`, name: `${sourceName} (Telegram)`, types: ['Telegram'], url: `https://t.me/${handle}`, names: new Set([sourceName]) };
    }
  }
  if (host && host !== 't.me') return { key: `web:${host}`, name: host, types: ['website'], url: `https://${host}/`, names: new Set([sourceName]) };
  return { key: `name:${nameKey(sourceName)}`, name: sourceName, types: [], names: new Set([sourceName]) };
}

// ---------------------------------------------------------------------------------------------------------------
// Builder

const AMPLIFYING: ReadonlySet<Stance> = new Set<Stance>(['asserts', 'relays']);

interface Agg {
  first: string;
  last: string;
  stances: Record<Stance, number>;
  docs: Map<string, string>; // document id → at
  maxScore: number;
  count: number;
}

function newAgg(): Agg {
  return { first: '', last: '', stances: { asserts: 0, relays: 0, refutes: 0, unknown: 0 }, docs: new Map(), maxScore: 0, count: 0 };
}

function addTo(agg: Agg, at: string, stance: Stance, documentId: string, score: number): void {
  if (!agg.first || at < agg.first) agg.first = at;
  if (!agg.last || at > agg.last) agg.last = at;
  agg.stances[stance] = (agg.stances[stance] ?? 0) + 1;
  const prev = agg.docs.get(documentId);
  if (prev === undefined || at < prev) agg.docs.set(documentId, at);
  agg.maxScore = Math.max(agg.maxScore, score);
  agg.count++;
}

function getAgg<K>(map: Map<K, Agg>, key: K): Agg {
  let a = map.get(key);
  if (!a) { a = newAgg(); map.set(key, a); }
  return a;
}

const TYPE_ORDER = ['identity', 'extension-definition', 'report', 'narrative', 'channel', 'attack-pattern', 'relationship'];

function day(iso: string): string { return iso.slice(0, 10); }

function plural(n: number, word: string): string { return `${n} ${word}${n === 1 ? '' : 's'}`; }

/** Builds the STIX 2.1 bundle of an export (see the file comment and docs/stix.md). */
export function buildStixBundle(input: StixExportInput): StixBundle {
  const now = stixTime(input.now ?? new Date());
  const maxEvidence = Math.max(0, input.maxEvidence ?? 20);
  const docs = input.documents instanceof Map
    ? input.documents as ReadonlyMap<string, EvidenceDocument>
    : new Map((input.documents as readonly EvidenceDocument[]).map((d) => [d.id, d]));
  const taxonomy = input.taxonomy;
  const nodes = new Map(taxonomy.narratives.map((n) => [n.id, n]));
  const ancestorsOf = (id: string): TaxonomyNode[] => {
    const out: TaxonomyNode[] = [];
    const seen = new Set<string>();
    let cur = nodes.get(id);
    while (cur?.parent != null && !seen.has(cur.parent)) {
      seen.add(cur.parent);
      cur = nodes.get(cur.parent);
      if (cur) out.push(cur);
    }
    return out;
  };
  const clampCreated = (t: string | undefined) => (!t || t > now ? now : t);

  // -- 1. Mentions, collapsed to the most specific narratives (the store also records their ancestors).
  const byName = new Map<string, string | undefined>();
  const resolvedId = (actorId: string | undefined, name: string): string | undefined => {
    if (actorId || !name || !input.actors?.byName) return actorId;
    if (!byName.has(name)) byName.set(name, input.actors.byName(name)?.id);
    return byName.get(name);
  };
  const keyFor = (actorId: string | undefined, name: string) => {
    const id = resolvedId(actorId, name);
    return id ? `actor:${id}` : `name:${nameKey(name) || name}`;
  };
  const actorKeyOf = (m: { actorId?: string; actorName: string }) => keyFor(m.actorId, m.actorName);
  const groups = new Map<string, Mention[]>();
  for (const m of input.mentions) {
    if (!docs.has(m.documentId)) continue;
    const k = `${m.documentId}\u0000${m.attributionIndex ?? -1}\u0000${actorKeyOf(m)}`;
    const g = groups.get(k);
    if (g) g.push(m); else groups.set(k, [m]);
  }
  const mentions: Mention[] = [];
  for (const g of groups.values()) {
    const covered = new Set<string>();
    for (const m of g) for (const a of ancestorsOf(m.narrativeId)) covered.add(a.id);
    const seen = new Set<string>();
    for (const m of g) {
      if (covered.has(m.narrativeId) || seen.has(m.narrativeId)) continue;
      seen.add(m.narrativeId);
      mentions.push({ ...m, at: stixTime(m.at) });
    }
  }
  mentions.sort((a, b) => a.at.localeCompare(b.at) || a.documentId.localeCompare(b.documentId) || a.narrativeId.localeCompare(b.narrativeId));

  // -- 2. Aggregates.
  interface ActorInfo { key: string; actorId?: string; name: string; type?: string; agg: Agg }
  const actorInfo = new Map<string, ActorInfo>();
  const touchActor = (key: string, actorId: string | undefined, name: string, type: string | undefined, at: string) => {
    let a = actorInfo.get(key);
    if (!a) { a = { key, actorId, name, type, agg: newAgg() }; actorInfo.set(key, a); }
    if ((!a.type || a.type === 'unknown') && type) a.type = type;
    if (!a.agg.first || at < a.agg.first) a.agg.first = at;
    return a;
  };
  const narrativeAgg = new Map<string, Agg>();
  const actorNarrative = new Map<string, Agg>(); // `${actorKey}\0${narrativeId}\0${amplifies|refutes}`
  const channels = new Map<string, ChannelInfo & { agg: Agg; owners: Set<string> }>();
  const channelNarrative = new Map<string, Agg>(); // `${channelKey}\0${narrativeId}`
  const forwards = new Map<string, Agg>(); // `${fromChannelKey}\0${toChannelKey}`

  const channelFor = (doc: EvidenceDocument) => {
    const info = channelOf(doc);
    let c = channels.get(info.key);
    if (!c) { c = { ...info, agg: newAgg(), owners: new Set() }; channels.set(info.key, c); }
    for (const n of info.names) c.names.add(n);
    return c;
  };
  const publisherKeyOf = (doc: EvidenceDocument) => keyFor(doc.source.actorId, doc.source.name);

  // Channels: every document cited; the publisher owns the channel.
  const citedDocs = [...new Set(mentions.map((m) => m.documentId))].sort().map((id) => docs.get(id)!);
  for (const doc of citedDocs) {
    const c = channelFor(doc);
    const at = stixTime(doc.publishedAt);
    addTo(c.agg, at, 'unknown', doc.id, 0);
    const pub = publisherKeyOf(doc);
    const pubId = resolvedId(doc.source.actorId, doc.source.name);
    const reg = pubId ? input.actors?.get(pubId) : undefined;
    touchActor(pub, pubId, reg?.name ?? doc.source.name, reg?.type, at);
    c.owners.add(pub);
  }
  // Forwards between channels (Telegram "forwarded from"): the forwarding channel amplifies the original one.
  const channelByName = new Map<string, string[]>();
  for (const c of channels.values()) for (const n of c.names) {
    const k = nameKey(n);
    channelByName.set(k, [...(channelByName.get(k) ?? []), c.key]);
  }
  for (const doc of citedDocs) {
    const from = doc.meta?.forwardedFrom;
    if (typeof from !== 'string' || !from.trim()) continue;
    const source = channelFor(doc);
    const candidates = (channelByName.get(nameKey(from)) ?? []).map((k) => channels.get(k)!).filter((c) => c.key !== source.key);
    let target = candidates.find((c) => c.types.join() === source.types.join()) ?? candidates[0];
    if (!target) {
      const key = `name:${nameKey(from) || from}`;
      target = channels.get(key) ?? { key, name: from.trim(), types: source.types.includes('Telegram') ? ['Telegram'] : [], names: new Set([from.trim()]), agg: newAgg(), owners: new Set() };
      channels.set(key, target);
    }
    const at = stixTime(doc.publishedAt);
    if (!target.agg.first || at < target.agg.first) target.agg.first = at;
    addTo(getAgg(forwards, `${source.key}\u0000${target.key}`), at, 'relays', doc.id, 0);
  }

  for (const m of mentions) {
    const doc = docs.get(m.documentId)!;
    const key = actorKeyOf(m);
    const id = resolvedId(m.actorId, m.actorName);
    const reg = id ? input.actors?.get(id) : undefined;
    const actor = touchActor(key, id, reg?.name ?? m.actorName, reg?.type ?? m.actorType, m.at);
    addTo(actor.agg, m.at, m.stance, m.documentId, m.score);
    addTo(getAgg(narrativeAgg, m.narrativeId), m.at, m.stance, m.documentId, m.score);
    if (AMPLIFYING.has(m.stance) || m.stance === 'refutes') {
      const kind = m.stance === 'refutes' ? 'refutes' : 'amplifies';
      addTo(getAgg(actorNarrative, `${key}\u0000${m.narrativeId}\u0000${kind}`), m.at, m.stance, m.documentId, m.score);
    }
    // The channel carries what its publisher amplifies in its own name.
    if (AMPLIFYING.has(m.stance) && key === publisherKeyOf(doc)) {
      const c = channelFor(doc);
      addTo(getAgg(channelNarrative, `${c.key}\u0000${m.narrativeId}`), m.at, m.stance, m.documentId, m.score);
    }
  }

  // Registry parents of the actors (part-of), transitively.
  const partOf: Array<[string, string]> = [];
  for (const a of [...actorInfo.values()]) {
    let cur = a.actorId ? input.actors?.get(a.actorId) : undefined;
    const seen = new Set<string>();
    while (cur?.parent && !seen.has(cur.parent)) {
      seen.add(cur.parent);
      const parent = input.actors?.get(cur.parent);
      if (!parent) break;
      const pk = `actor:${parent.id}`;
      if (!actorInfo.has(pk)) touchActor(pk, parent.id, parent.name, parent.type, a.agg.first || now);
      else if (a.agg.first && a.agg.first < actorInfo.get(pk)!.agg.first) actorInfo.get(pk)!.agg.first = a.agg.first;
      partOf.push([`actor:${cur.id}`, pk]);
      cur = parent;
    }
  }

  // Narratives: those mentioned, those asked for, and their ancestors (for subnarrative-of).
  const narrativeIds = new Set<string>([...narrativeAgg.keys(), ...(input.query?.narrativeIds ?? [])]);
  for (const id of [...narrativeIds]) for (const a of ancestorsOf(id)) narrativeIds.add(a.id);
  const narrativeFirst = (id: string): string | undefined => {
    let first = narrativeAgg.get(id)?.first || undefined;
    for (const [other, agg] of narrativeAgg) {
      if (other !== id && ancestorsOf(other).some((a) => a.id === id) && agg.first && (!first || agg.first < first)) first = agg.first;
    }
    return first;
  };

  // DISARM techniques of amplified narratives (the node's own ids and its ancestors').
  const techniquesOf = (id: string): string[] => {
    const ids = new Set<string>();
    for (const n of [nodes.get(id), ...ancestorsOf(id)]) for (const t of n?.disarm ?? []) ids.add(t);
    return [...ids].sort();
  };
  const amplified = [...narrativeAgg.entries()].filter(([, a]) => a.stances.asserts + a.stances.relays > 0).map(([id]) => id).sort();
  const techniqueFirst = new Map<string, string>();
  const narrativeTechnique: Array<[string, string]> = [];
  for (const id of amplified) {
    for (const t of techniquesOf(id)) {
      narrativeTechnique.push([id, t]);
      const f = narrativeAgg.get(id)!.first;
      if (!techniqueFirst.has(t) || f < techniqueFirst.get(t)!) techniqueFirst.set(t, f);
    }
  }
  const channelTechnique = new Map<string, Agg>(); // `${channelKey}\0${technique}`
  for (const m of mentions) {
    if (!AMPLIFYING.has(m.stance)) continue;
    const doc = docs.get(m.documentId)!;
    if (actorKeyOf(m) !== publisherKeyOf(doc)) continue;
    const c = channelOf(doc);
    for (const t of techniquesOf(m.narrativeId)) addTo(getAgg(channelTechnique, `${c.key}\u0000${t}`), m.at, m.stance, m.documentId, m.score);
  }

  // -- 3. Objects.
  const objects: StixObject[] = [];
  const usedProps = new Set<string>();
  const ext = (o: StixObject, base: Record<string, unknown> = {}): StixObject => {
    const props = Object.keys(o).filter((k) => k.startsWith('x_narrascope_'));
    for (const p of props) usedProps.add(p);
    const extensions = { ...base, ...(props.length ? { [NARRASCOPE_EXTENSION_ID]: { extension_type: 'toplevel-property-extension' } } : {}) };
    if (Object.keys(extensions).length) o.extensions = extensions;
    return o;
  };
  const common = (type: string, key: string, created: string | undefined) => ({
    type, spec_version: '2.1', id: stixId(type, key), created_by_ref: NARRASCOPE_IDENTITY_ID,
    created: clampCreated(created), modified: now,
  });
  const evidence = (agg: Agg) => [...agg.docs.entries()].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0]))
    .slice(0, maxEvidence).map(([id]) => evidenceReference(docs.get(id)!));
  const stanceCounts = (agg: Agg) => ({ ...agg.stances });
  const timeRange = (agg: Agg) => ({
    start_time: agg.first,
    ...(agg.last > agg.first ? { stop_time: agg.last } : {}),
  });
  const confidence = (agg: Agg) => Math.max(0, Math.min(100, Math.round(agg.maxScore * 100)));

  // Narrascope, the producer.
  objects.push({
    type: 'identity', spec_version: '2.1', id: NARRASCOPE_IDENTITY_ID, created: DEFINITIONS_TIME, modified: DEFINITIONS_TIME,
    name: 'Narrascope', identity_class: 'system',
    description: 'Narrascope narrative-intelligence engine: the producer of this export. Every object it creates is derived from stored documents, cited in external_references.',
  });

  const actorId = (key: string) => stixId('identity', key);
  for (const a of [...actorInfo.values()].sort((x, y) => x.key.localeCompare(y.key))) {
    const reg = a.actorId ? input.actors?.get(a.actorId) : undefined;
    const type = reg?.type ?? a.type ?? 'unknown';
    const alignment = reg?.alignment ?? 'unknown';
    const aliases = reg ? [...new Set(Object.values(reg.aliases ?? {}).flat().filter((x): x is string => typeof x === 'string' && x !== reg.name))] : [];
    const refs = (reg?.sources ?? []).map((s) => safeUrl(s)).filter((u): u is string => !!u)
      .map((url) => ({ source_name: 'narrascope-actor-registry', url }));
    const sectors = sectorsOf(type);
    const o: StixObject = {
      ...common('identity', a.key, a.agg.first),
      id: actorId(a.key),
      name: cleanName(a.name) || a.key,
      ...(reg?.notes ? { description: reg.notes } : {}),
      identity_class: identityClassOf(type),
      ...(sectors.length ? { sectors } : {}),
      labels: [`actor-type:${type}`, `alignment:${alignment}`],
      ...(refs.length ? { external_references: refs } : {}),
      ...(a.actorId ? { x_narrascope_actor_id: a.actorId } : {}),
      x_narrascope_actor_type: type,
      x_narrascope_alignment: alignment,
      ...(reg?.country ? { x_narrascope_country: reg.country } : {}),
      ...(aliases.length ? { x_narrascope_aliases: aliases } : {}),
      ...(a.agg.count ? { x_narrascope_mentions: stanceCounts(a.agg), x_narrascope_first_seen: a.agg.first, x_narrascope_last_seen: a.agg.last } : {}),
    };
    objects.push(ext(o));
  }

  const narrativeStix = (id: string) => stixId('narrative', `${taxonomy.name}:${id}`);
  for (const id of [...narrativeIds].sort()) {
    const node = nodes.get(id);
    const agg = narrativeAgg.get(id);
    const o: StixObject = {
      ...common('narrative', `${taxonomy.name}:${id}`, narrativeFirst(id)),
      name: node?.label ?? id,
      ...(node?.description ? { description: node.description } : {}),
      ...(node?.aliases?.length ? { aliases: [...node.aliases] } : {}),
      x_narrascope_narrative_id: id,
      x_narrascope_taxonomy: taxonomy.name,
      x_narrascope_mentions: agg ? stanceCounts(agg) : { asserts: 0, relays: 0, refutes: 0, unknown: 0 },
      ...(agg ? { x_narrascope_documents: agg.docs.size, x_narrascope_first_seen: agg.first, x_narrascope_last_seen: agg.last } : {}),
    };
    objects.push(ext(o, { [OPENCTI_EXTENSION_ID]: { extension_type: 'new-sdo' } }));
  }

  const channelStix = (key: string) => stixId('channel', key);
  for (const c of [...channels.values()].sort((x, y) => x.key.localeCompare(y.key))) {
    const aliases = [...c.names].filter((n) => n !== c.name).sort();
    const o: StixObject = {
      ...common('channel', c.key, c.agg.first),
      name: c.name,
      ...(c.types.length ? { channel_types: c.types } : {}),
      ...(aliases.length ? { aliases } : {}),
      ...(c.url ? { external_references: [{ source_name: c.types.includes('Telegram') ? 'Telegram' : 'website', url: c.url }] } : {}),
      x_narrascope_channel_key: c.key,
      ...(c.agg.docs.size ? { x_narrascope_documents: c.agg.docs.size, x_narrascope_first_seen: c.agg.first, x_narrascope_last_seen: c.agg.last } : {}),
    };
    objects.push(ext(o, { [OPENCTI_EXTENSION_ID]: { extension_type: 'new-sdo' } }));
  }

  const techniqueStix = (t: string) => stixId('attack-pattern', `disarm:${t}`);
  for (const [t, first] of [...techniqueFirst.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const known = input.disarm?.get(t);
    objects.push({
      ...common('attack-pattern', `disarm:${t}`, first),
      name: known?.name ?? `DISARM ${t}`,
      ...(known?.description ? { description: known.description } : {}),
      external_references: [{
        source_name: 'DISARM', external_id: t, ...(safeUrl(known?.url) ? { url: safeUrl(known?.url) } : {}),
        description: 'DISARM Red Framework technique (DISARM Foundation, CC BY-SA 4.0)',
      }],
    });
  }

  // Relationships.
  const rel = (type: string, source: string, target: string, key: string, created: string | undefined, extra: Record<string, unknown>) => {
    const o: StixObject = {
      ...common('relationship', `${type}|${key}`, created),
      relationship_type: type, source_ref: source, target_ref: target, ...extra,
    };
    objects.push(ext(o));
  };
  const narrativeName = (id: string) => nodes.get(id)?.label ?? id;
  const actorNames = new Map([...actorInfo.values()].map((a) => [a.key, cleanName(a.name) || a.key]));

  for (const [k, agg] of [...actorNarrative.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const [akey, nid, kind] = k.split('\u0000');
    const verb = kind === 'refutes' ? 'refuted' : 'amplified';
    const detail = kind === 'refutes' ? '' : ` (asserts ${agg.stances.asserts}, relays ${agg.stances.relays})`;
    rel(kind, actorId(akey), narrativeStix(nid), `${akey}|${taxonomy.name}:${nid}`, agg.first, {
      description: `${actorNames.get(akey)} ${verb} “${narrativeName(nid)}” in ${plural(agg.count, 'mention')} across ${plural(agg.docs.size, 'document')}, ${day(agg.first)} – ${day(agg.last)}${detail}.`,
      ...timeRange(agg), confidence: confidence(agg),
      external_references: evidence(agg),
      x_narrascope_stance: kind, x_narrascope_mentions: stanceCounts(agg), x_narrascope_documents: agg.docs.size,
      x_narrascope_first_seen: agg.first, x_narrascope_last_seen: agg.last,
    });
  }
  for (const [k, agg] of [...channelNarrative.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const [ckey, nid] = k.split('\u0000');
    rel('uses', channelStix(ckey), narrativeStix(nid), `${ckey}|${taxonomy.name}:${nid}`, agg.first, {
      description: `${channels.get(ckey)!.name} carried “${narrativeName(nid)}” in the publisher's own name in ${plural(agg.docs.size, 'document')}, ${day(agg.first)} – ${day(agg.last)}.`,
      ...timeRange(agg), confidence: confidence(agg),
      external_references: evidence(agg),
      x_narrascope_stance: 'amplifies', x_narrascope_mentions: stanceCounts(agg), x_narrascope_documents: agg.docs.size,
      x_narrascope_first_seen: agg.first, x_narrascope_last_seen: agg.last,
    });
  }
  for (const [k, agg] of [...forwards.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const [from, to] = k.split('\u0000');
    rel('amplifies', channelStix(from), channelStix(to), `${from}|${to}`, agg.first, {
      description: `${channels.get(from)!.name} forwarded ${plural(agg.docs.size, 'post')} of ${channels.get(to)!.name}, ${day(agg.first)} – ${day(agg.last)}.`,
      ...timeRange(agg), external_references: evidence(agg),
      x_narrascope_documents: agg.docs.size, x_narrascope_first_seen: agg.first, x_narrascope_last_seen: agg.last,
    });
  }
  for (const c of [...channels.values()].sort((x, y) => x.key.localeCompare(y.key))) {
    for (const owner of [...c.owners].sort()) {
      rel('belongs-to', channelStix(c.key), actorId(owner), `${c.key}|${owner}`, c.agg.first, {
        description: `${c.name} publishes as ${actorNames.get(owner)}.`,
      });
    }
  }
  for (const id of [...narrativeIds].sort()) {
    const parent = nodes.get(id)?.parent;
    if (parent != null && narrativeIds.has(parent)) {
      rel('subnarrative-of', narrativeStix(id), narrativeStix(parent), `${taxonomy.name}:${id}|${taxonomy.name}:${parent}`, narrativeFirst(id), {});
    }
  }
  const partOfSeen = new Set<string>();
  for (const [child, parent] of partOf.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))) {
    if (partOfSeen.has(`${child}|${parent}`) || !actorInfo.has(child)) continue;
    partOfSeen.add(`${child}|${parent}`);
    rel('part-of', actorId(child), actorId(parent), `${child}|${parent}`, actorInfo.get(child)!.agg.first, {
      description: `${actorNames.get(child)} is part of ${actorNames.get(parent)} (actor registry).`,
    });
  }
  for (const [nid, t] of narrativeTechnique.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))) {
    rel('related-to', narrativeStix(nid), techniqueStix(t), `${taxonomy.name}:${nid}|disarm:${t}`, narrativeAgg.get(nid)?.first, {
      description: `The ${taxonomy.name} taxonomy maps “${narrativeName(nid)}” (or a narrative it refines) to DISARM ${t}; the narrative was amplified in the evidence.`,
    });
  }
  for (const [k, agg] of [...channelTechnique.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const [ckey, t] = k.split('\u0000');
    rel('uses', channelStix(ckey), techniqueStix(t), `${ckey}|disarm:${t}`, agg.first, {
      description: `${channels.get(ckey)!.name} amplified narratives mapped to DISARM ${t} in ${plural(agg.docs.size, 'document')}, ${day(agg.first)} – ${day(agg.last)}.`,
      ...timeRange(agg), external_references: evidence(agg),
      x_narrascope_documents: agg.docs.size, x_narrascope_first_seen: agg.first, x_narrascope_last_seen: agg.last,
    });
  }

  // Extension definition (declares exactly the x_narrascope_* properties used).
  objects.push({
    type: 'extension-definition', spec_version: '2.1', id: NARRASCOPE_EXTENSION_ID, created_by_ref: NARRASCOPE_IDENTITY_ID,
    created: DEFINITIONS_TIME, modified: DEFINITIONS_TIME,
    name: 'Narrascope properties',
    description: 'Top-level properties Narrascope adds to the objects of its exports: actor vocabulary (type, alignment, country), narrative and channel keys, mention counts by stance, evidence counts and first/last-seen times.',
    schema: 'Narrascope docs/stix.md (the STIX mapping of Narrascope exports); property values are JSON scalars or objects of counts.',
    version: '1.0.0',
    extension_types: ['toplevel-property-extension'],
    extension_properties: usedProps.size ? [...usedProps].sort() : ['x_narrascope_mentions'],
  });

  // -- 4. The report.
  const q = input.query ?? {};
  const target = q.narrative ? (nodes.get(q.narrative)?.label ?? q.narrative) : 'all narratives';
  const period = q.since || q.until ? ` ${q.since ? day(stixTime(q.since)) : '…'} – ${q.until ? day(stixTime(q.until)) : '…'}` : '';
  const refs = objects.map((o) => o.id);
  const reportKey = JSON.stringify([taxonomy.name, q.narrative ?? null, q.since ?? null, q.until ?? null, input.corpus.fingerprint]);
  const description = [
    `Narrascope export of ${target}${period}: who carries which narrative, with what stance, on which channels, with the documents as evidence.`,
    `Query: taxonomy ${taxonomy.name}; narrative ${q.narrative ?? '(all)'}; since ${q.since ?? '(start)'}; until ${q.until ?? '(end)'}.`,
    `Corpus: ${plural(input.corpus.count, 'document')}${input.corpus.first ? `, ${day(input.corpus.first)} – ${day(input.corpus.last ?? input.corpus.first)}` : ''}; fingerprint ${input.corpus.fingerprint}.`,
    `In scope: ${plural(mentions.length, 'mention')} in ${plural(citedDocs.length, 'document')}; ${plural(actorInfo.size, 'actor')}, ${plural(channels.size, 'channel')}, ${plural(narrativeIds.size, 'narrative')}.`,
    input.version ? `Narrascope ${input.version}.` : '',
  ].filter(Boolean).join('\n');
  const report = ext({
    ...common('report', reportKey, input.corpus.last ? stixTime(input.corpus.last) : now),
    name: `Narrascope: ${target}${period}`,
    description,
    report_types: ['threat-report'],
    published: now,
    labels: ['narrascope', `taxonomy:${taxonomy.name}`, `corpus:${input.corpus.fingerprint}`],
    object_refs: refs,
    x_narrascope_query: {
      taxonomy: taxonomy.name, ...(q.narrative ? { narrative: q.narrative } : {}),
      ...(q.since ? { since: q.since } : {}), ...(q.until ? { until: q.until } : {}),
    },
    x_narrascope_corpus: {
      fingerprint: input.corpus.fingerprint, documents: input.corpus.count,
      ...(input.corpus.first ? { first: input.corpus.first } : {}), ...(input.corpus.last ? { last: input.corpus.last } : {}),
    },
    ...(input.version ? { x_narrascope_version: input.version } : {}),
  } as StixObject);
  // The report's properties join the extension definition's list.
  const extDef = objects.find((o) => o.id === NARRASCOPE_EXTENSION_ID)!;
  extDef.extension_properties = [...usedProps].sort();
  objects.push(report);

  const rank = (o: StixObject) => (o.id === NARRASCOPE_IDENTITY_ID ? -1 : TYPE_ORDER.indexOf(o.type));
  objects.sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  return { type: 'bundle', id: `bundle--${uuidv5(`bundle|${report.id}|${now}`)}`, objects };
}

// ---------------------------------------------------------------------------------------------------------------
// DISARM

/** Techniques (id, name, description, page URL) of a DISARM STIX bundle (DISARM.json). */
export function parseDisarmBundle(bundle: unknown): Map<string, DisarmTechnique> {
  const out = new Map<string, DisarmTechnique>();
  const objects = (bundle as { objects?: unknown[] })?.objects;
  if (!Array.isArray(objects)) return out;
  for (const o of objects as Array<{ type?: string; name?: unknown; description?: unknown; revoked?: unknown; external_references?: Array<{ external_id?: unknown; url?: unknown }> }>) {
    if (o?.type !== 'attack-pattern' || typeof o.name !== 'string' || o.revoked === true) continue;
    const ref = (o.external_references ?? []).find((r) => typeof r.external_id === 'string' && /^T\d{4}(\.\d{3})?$/.test(r.external_id));
    if (!ref) continue;
    const id = ref.external_id as string;
    out.set(id, {
      id, name: o.name,
      ...(typeof o.description === 'string' && o.description.trim() ? { description: o.description.trim() } : {}),
      ...(typeof ref.url === 'string' ? { url: ref.url } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Parser invariants

const ID = /^([a-z][a-z0-9-]+[a-z0-9])--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIME_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CUSTOM_PROP = /^[a-z0-9_]{3,250}$/;
const RELATIONSHIP_TYPE = /^[a-z0-9-]+$/;

/** (relationship_type, source type, target type) this exporter may produce. */
export const RELATIONSHIP_SHAPES: ReadonlyArray<readonly [string, string, string]> = [
  ['amplifies', 'identity', 'narrative'], ['refutes', 'identity', 'narrative'],
  ['uses', 'channel', 'narrative'], ['amplifies', 'channel', 'channel'], ['belongs-to', 'channel', 'identity'],
  ['subnarrative-of', 'narrative', 'narrative'], ['part-of', 'identity', 'identity'],
  ['uses', 'channel', 'attack-pattern'], ['related-to', 'narrative', 'attack-pattern'],
];

/**
 * What a STIX 2.1 parser would reject or a consumer would trip on, beyond the JSON schemas: id syntax and type
 * prefix, unique ids, spec_version, millisecond UTC timestamps with modified ≥ created, references that resolve inside
 * the bundle (created_by_ref to an identity), relationship endpoint types, stop_time after start_time, property
 * names, empty lists. Returns the problems (empty when sound).
 */
export function stixProblems(bundle: StixBundle, shapes: ReadonlyArray<readonly [string, string, string]> = RELATIONSHIP_SHAPES): string[] {
  const problems: string[] = [];
  if (bundle?.type !== 'bundle') problems.push('bundle: type is not "bundle"');
  if (!ID.test(bundle?.id ?? '') || !bundle.id.startsWith('bundle--')) problems.push(`bundle: bad id ${bundle?.id}`);
  if (!Array.isArray(bundle?.objects) || bundle.objects.length === 0) return [...problems, 'bundle: no objects'];
  const byId = new Map<string, StixObject>();
  for (const o of bundle.objects) {
    if (byId.has(o.id)) problems.push(`${o.id}: duplicate id`);
    byId.set(o.id, o);
  }
  const uuids = new Map<string, string>();
  const allowed = new Set(shapes.map((s) => s.join('|')));
  const typeOf = (ref: string) => byId.get(ref)?.type;
  for (const o of bundle.objects) {
    const where = o.id ?? '(no id)';
    const m = ID.exec(o.id ?? '');
    if (!m) problems.push(`${where}: id is not type--uuid`);
    else {
      if (m[1] !== o.type) problems.push(`${where}: id prefix differs from type ${o.type}`);
      const uuid = o.id.slice(o.id.indexOf('--') + 2);
      if (uuids.has(uuid) && uuids.get(uuid) !== o.id) problems.push(`${where}: UUID reused by ${uuids.get(uuid)}`);
      uuids.set(uuid, o.id);
    }
    if (o.spec_version !== '2.1') problems.push(`${where}: spec_version is not "2.1"`);
    for (const k of ['created', 'modified'] as const) {
      if (typeof o[k] !== 'string' || !TIME_MS.test(o[k] as string)) problems.push(`${where}: ${k} is not a millisecond UTC timestamp`);
    }
    if (typeof o.created === 'string' && typeof o.modified === 'string' && o.modified < o.created) problems.push(`${where}: modified before created`);
    for (const [k, v] of Object.entries(o)) {
      if (!CUSTOM_PROP.test(k) && k !== 'id') problems.push(`${where}: property name "${k}"`);
      if (Array.isArray(v) && v.length === 0) problems.push(`${where}: empty list ${k}`);
      if (v === null || v === '') problems.push(`${where}: empty value ${k}`);
      if (k.endsWith('_ref') && typeof v === 'string' && !byId.has(v)) problems.push(`${where}: ${k} ${v} is not in the bundle`);
      if (k.endsWith('_refs') && Array.isArray(v)) {
        for (const r of v) if (typeof r !== 'string' || !byId.has(r)) problems.push(`${where}: ${k} has ${String(r)}, not in the bundle`);
      }
    }
    if (o.created_by_ref !== undefined && typeOf(o.created_by_ref as string) !== 'identity') problems.push(`${where}: created_by_ref is not an identity`);
    if (Array.isArray(o.external_references)) {
      for (const r of o.external_references as Array<Record<string, unknown>>) {
        if (typeof r.source_name !== 'string' || !r.source_name) problems.push(`${where}: external reference without source_name`);
        if (!r.external_id && !r.url && !r.description) problems.push(`${where}: external reference needs external_id, url or description`);
      }
    }
    if (o.type === 'relationship') {
      if (typeof o.relationship_type !== 'string' || !RELATIONSHIP_TYPE.test(o.relationship_type)) problems.push(`${where}: bad relationship_type`);
      const shape = `${o.relationship_type}|${typeOf(o.source_ref as string)}|${typeOf(o.target_ref as string)}`;
      if (!allowed.has(shape)) problems.push(`${where}: unexpected relationship ${shape}`);
      if (o.start_time !== undefined && !TIME_MS.test(String(o.start_time))) problems.push(`${where}: start_time format`);
      if (o.stop_time !== undefined && !TIME_MS.test(String(o.stop_time))) problems.push(`${where}: stop_time format`);
      if (o.start_time && o.stop_time && String(o.stop_time) <= String(o.start_time)) problems.push(`${where}: stop_time not after start_time`);
    }
    if (o.type === 'report' && (!Array.isArray(o.object_refs) || !o.object_refs.length || !o.published)) problems.push(`${where}: report needs object_refs and published`);
    if (o.extensions && typeof o.extensions === 'object') {
      for (const [k, v] of Object.entries(o.extensions as Record<string, { extension_type?: string }>)) {
        if (k.startsWith('extension-definition--') && !v?.extension_type) problems.push(`${where}: extension ${k} without extension_type`);
        if (k === NARRASCOPE_EXTENSION_ID && !byId.has(k)) problems.push(`${where}: Narrascope extension definition missing from the bundle`);
      }
      const custom = Object.keys(o).filter((k) => k.startsWith('x_narrascope_'));
      const def = byId.get(NARRASCOPE_EXTENSION_ID);
      const declared = new Set((def?.extension_properties as string[] | undefined) ?? []);
      for (const k of custom) if (!declared.has(k)) problems.push(`${where}: ${k} is not declared by the extension definition`);
    }
  }
  return problems;
}
