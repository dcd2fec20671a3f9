import { z } from 'zod';

/** Kinds of document Narrascope distinguishes (DESIGN.md §2). */
export const DocumentKind = z.enum(['article', 'post', 'statement', 'transcript', 'report']);
export type DocumentKind = z.infer<typeof DocumentKind>;

export const SourceRef = z.object({
  name: z.string(),
  handle: z.string().optional(),
  url: z.string().optional(),
  actorId: z.string().optional(),
});
export type SourceRef = z.infer<typeof SourceRef>;

export const IngestInfo = z.object({
  file: z.string().optional(),
  line: z.number().int().optional(),
  format: z.string(),
  at: z.string(),
});
export type IngestInfo = z.infer<typeof IngestInfo>;

/** The Document contract of DESIGN.md §2: one analysed unit (article, post, statement...). */
export const DocumentSchema = z.object({
  id: z.string(),
  source: SourceRef,
  url: z.string().optional(),
  publishedAt: z.string(),
  lang: z.string(),
  title: z.string().optional(),
  text: z.string(),
  kind: DocumentKind,
  meta: z.record(z.string(), z.unknown()),
  ingest: IngestInfo,
});
export type Document = z.infer<typeof DocumentSchema>;
