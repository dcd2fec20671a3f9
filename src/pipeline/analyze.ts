import type { Document, DocumentAnalysis } from '../model/index.ts';
import type { ActorRegistry } from '../actors/registry.ts';

export interface AnalyzeContext { registry: ActorRegistry }

/**
 * The per-document analysis pipeline (pure): each stage reads the document and what earlier stages produced.
 * Stages are added here as they land: attribution (speaker/cue/content, chains, dates, stance), then narratives.
 */
export function analyzeDocument(doc: Document, _ctx: AnalyzeContext): DocumentAnalysis {
  return { documentId: doc.id, attributions: [], events: [], assessments: [], narratives: [], mentions: [] };
}

export function analyzerFor(ctx: AnalyzeContext): (docs: Document[]) => DocumentAnalysis[] {
  return (docs) => docs.map((doc) => analyzeDocument(doc, ctx));
}
