import type { Assessment, Attribution, TextEvent } from './attribution.ts';
import type { DocumentNarrative, Mention } from './narrative.ts';

/** Everything the per-document analysis stages produce for one document (stored alongside it). */
export interface DocumentAnalysis {
  documentId: string;
  attributions: Attribution[];
  events: TextEvent[];
  assessments: Assessment[];
  narratives: DocumentNarrative[];
  mentions: Mention[];
}
