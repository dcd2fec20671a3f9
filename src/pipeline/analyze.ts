import type { Document, DocumentAnalysis } from '../model/index.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import { extractAttributions, type AttributionModel } from '../attribution/index.ts';
import { analyzeNarratives, createNarrativeClassifier, type NarrativeClassifier } from '../narratives/index.ts';

export interface AnalyzeContext {
  registry: ActorRegistry;
  /** Optional trained attribution tagger (`narrascope train attribution`); rule-based without it. */
  attributionModel?: AttributionModel;
  /** Narrative classifier; default: the lexical cues of the `urw` taxonomy. */
  classifier?: NarrativeClassifier;
}

let defaultClassifier: NarrativeClassifier | undefined;

/**
 * The per-document analysis pipeline (pure): attribution (speakers, cues, contents, chains, dates, stance, events,
 * assessments), then narratives on the attributions and the publisher's own voice, then stance-aware mentions.
 */
export function analyzeDocument(doc: Document, ctx: AnalyzeContext): DocumentAnalysis {
  const attribution = extractAttributions(doc, { registry: ctx.registry, model: ctx.attributionModel });
  const classifier = ctx.classifier ?? (defaultClassifier ??= createNarrativeClassifier());
  const { narratives, mentions } = analyzeNarratives(doc, attribution, { classifier, actors: ctx.registry });
  return { documentId: doc.id, ...attribution, narratives, mentions };
}

export function analyzerFor(ctx: AnalyzeContext): (docs: Document[]) => DocumentAnalysis[] {
  return (docs) => docs.map((doc) => analyzeDocument(doc, ctx));
}
