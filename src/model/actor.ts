import { z } from 'zod';

/** Actor type vocabulary (contract, DESIGN.md §2). */
export const ActorType = z.enum([
  'head_of_state', 'government_official', 'regional_official', 'military_official', 'legislator',
  'state_media', 'state_affiliated_media', 'milblogger', 'pro_government_influencer', 'independent_media',
  'foreign_media', 'exiled_media', 'think_tank', 'fact_checker', 'ngo', 'international_org',
  'aggregator_channel', 'unknown',
]);
export type ActorType = z.infer<typeof ActorType>;

export const Alignment = z.enum(['pro_kremlin', 'ukrainian', 'western', 'independent', 'unknown']);
export type Alignment = z.infer<typeof Alignment>;

const aliasList = z.array(z.string().min(1)).default([]);

export const ActorSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lowercase kebab-case'),
  name: z.string().min(1),
  aliases: z.object({ en: aliasList, ru: aliasList, uk: aliasList }).partial().default({}),
  type: ActorType,
  country: z.string().min(2).max(3).optional(),
  alignment: Alignment.default('unknown'),
  handles: z.array(z.string()).default([]),
  domains: z.array(z.string()).default([]),
  parent: z.string().nullable().optional(),
  notes: z.string().optional(),
  sources: z.array(z.string()).default([]),
});
export type Actor = z.infer<typeof ActorSchema>;

export const ActorFileSchema = z.object({ actors: z.array(z.unknown()) });
