/** Request schemas shared by the routes (validation) and the OpenAPI document (generated from them). */
import { z } from 'zod';
import { parsePublishedAt } from '../ingest/dates.ts';

/** An ISO 8601 date or date-time; normalised to ISO UTC. */
export const IsoDate = z.string().max(40)
  .refine((v) => /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v.trim()) && parsePublishedAt(v) !== undefined,
    { message: 'expected an ISO 8601 date (YYYY-MM-DD) or date-time' })
  .transform((v) => parsePublishedAt(v)!)
  .meta({ format: 'date-time', examples: ['2025-03-13', '2025-03-13T12:00:00Z'] });

/** Query-string booleans: true/false/1/0/yes/no/on/off. */
export const QueryBool = z.stringbool();

export const Limit = (def: number, max: number) => z.coerce.number().int().min(1).max(max).default(def)
  .describe(`page size (1..${max})`);
export const Offset = (max = 100_000) => z.coerce.number().int().min(0).max(max).default(0)
  .describe(`items to skip (0..${max}); narrow the filters to go deeper`);

/** Document ids: a platform id or a hash; never path or query syntax. */
export const DocumentId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'expected a document id (letters, digits, . _ : -)');

/** A narrative: id, exact label, or a unique part of its label. */
export const NarrativeRef = z.string().trim().min(1).max(300).describe('narrative id, label, or a unique part of its label');

export const Lang = z.string().regex(/^[a-z]{2,3}$/, 'expected a 2–3 letter language code');
export const ShortText = (max = 200) => z.string().trim().min(1).max(max);
export const SearchText = z.string().max(500).describe('full-text query: every word must appear (prefix match)');

export const Stance = z.enum(['asserts', 'relays', 'refutes', 'unknown']);
export const ActorTypeName = z.string().regex(/^[a-z_]{2,40}$/, 'expected an actor type such as state_media');

export const TimeZone = z.string().max(64)
  .refine((tz) => { try { new Intl.DateTimeFormat('en-US', { timeZone: tz }); return true; } catch { return false; } },
    { message: 'expected an IANA time zone such as UTC or Europe/Kyiv' })
  .default('UTC');

export const Grouping = z.enum(['type', 'actor', 'stance', 'language', 'source', 'none']).default('type');
export const Bucket = z.enum(['hour', 'day', 'week']).default('day');

export function taxonomyParam(names: string[]) {
  return z.enum(names.length ? (names as [string, ...string[]]) : ['urw']).default(names.includes('urw') || !names.length ? 'urw' : names[0])
    .describe('taxonomy (shipped)');
}

export const Period = { since: IsoDate.optional().describe('at or after'), until: IsoDate.optional().describe('before') };

/** One record of POST /api/ingest: the fields the JSON reader maps (DESIGN.md §2 Document, before normalisation). */
export const IngestRecord = z.object({
  id: z.union([z.string().max(200), z.number()]).optional(),
  text: z.string().min(1).max(2_000_000),
  title: z.string().max(2000).optional(),
  publishedAt: z.union([z.string().max(64), z.number()]),
  source: z.union([z.string().min(1).max(300), z.object({ name: z.string().max(300).optional(), handle: z.string().max(300).optional(), url: z.string().max(2000).optional() })]),
  url: z.string().max(2000).optional(),
  lang: z.string().max(12).optional(),
  kind: z.enum(['article', 'post', 'statement', 'transcript', 'report']).optional(),
  meta: z.record(z.string().max(100), z.union([z.string().max(2000), z.number(), z.boolean(), z.null()])).optional(),
}).strict();

export const IngestBody = z.object({
  documents: z.array(IngestRecord).min(1).max(10_000),
  analyze: z.boolean().default(true).describe('run extraction (attributions, narratives, mentions); default true'),
}).strict();

export const AnnotationBody = z.object({
  documentId: DocumentId,
  start: z.number().int().min(0).optional().describe('span start (character offset into the document text)'),
  end: z.number().int().min(0).optional().describe('span end (exclusive)'),
  label: z.enum(['note', 'correct', 'incorrect', 'narrative', 'not_narrative', 'attribution_error']),
  narrativeId: z.string().max(200).optional(),
  stance: Stance.optional(),
  note: z.string().max(4000).default(''),
  author: z.string().trim().max(100).optional(),
}).strict().refine((a) => (a.start === undefined) === (a.end === undefined) && (a.start === undefined || a.start < a.end!),
  { message: 'give both start and end, with start < end', path: ['end'] });
