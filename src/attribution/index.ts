import type { ActorRegistry } from '../actors/registry.ts';
import type { Document } from '../model/document.ts';
import type { AttributionResult } from '../model/attribution.ts';
import { extractRuleBased } from './rules.ts';
import type { AttributionModel } from './model.ts';
import { applyModel } from './model.ts';

export type { AttributionModel } from './model.ts';
export { trainAttributionModel, saveModel, loadModel } from './model.ts';
export { evaluateAttribution, type AttributionEvalReport } from './evaluate.ts';
export { extractRuleBased } from './rules.ts';

export interface AttributionContext {
  registry: ActorRegistry;
  /** Optional trained tagger (see trainAttributionModel); English only. Without it, extraction is rule-based. */
  model?: AttributionModel;
}

/**
 * Extracts every attributed statement of a document: speaker, cue, content (character offsets into doc.text),
 * direct vs reported, date, reporting chain (outermost first, without the speaker) and the stance of the immediate
 * reporter; plus dated events and assessments (verdicts on claims). Pure and synchronous.
 *
 * With a trained model (English), the model's cue/source/content spans replace the rule-based spans where they do not
 * overlap a rule-based attribution; chains, dates and stance are then computed the same way.
 */
export function extractAttributions(doc: Document, ctx: AttributionContext): AttributionResult {
  const result = extractRuleBased(doc, ctx.registry);
  if (ctx.model && (doc.lang === ctx.model.lang || ctx.model.lang === undefined)) return applyModel(doc, ctx, result);
  return result;
}
