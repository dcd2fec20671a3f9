/**
 * Narratives: taxonomies, classifiers (lexical, trained, example-based; optional LLM and embedding backends),
 * stance-aware mentions, discovery of unknown narratives, and evaluation. Every function returns plain data.
 */
import type { Assessment, Attribution, NarrativeHit } from '../model/attribution.ts';
import type { Document } from '../model/document.ts';
import type { DocumentNarrative, Mention } from '../model/narrative.ts';
import { mentionsFor, type MentionOptions } from './mentions.ts';
import { combineClassifiers, type NarrativeClassifier } from './classifier.ts';
import { createExampleClassifier, type ExampleOptions } from './examples.ts';
import { createLexicalClassifier, type LexicalOptions } from './lexical.ts';
import { loadTaxonomy, toSemEvalLabels, type Taxonomy } from './taxonomy.ts';
import { createTrainedClassifier, loadNarrativeModel, type NarrativeModel } from './trained.ts';

export {
  loadTaxonomy, validateTaxonomy, validateTaxonomyFile, importLabelList, taxonomyToYaml, describeTaxonomy, listTaxonomies, taxonomyStats,
  toSemEvalLabels, nodeById, nodeByLabel, coarseOf, fineOf, ancestry, labelKey, disarmTechniqueIds, formatIssue,
  TaxonomyError, TAXONOMY_DIR,
  type Taxonomy, type TaxonomyNode, type TaxonomyIssue, type TaxonomyValidation, type ImportOptions,
} from './taxonomy.ts';
export { compileCue, CueIndex, prepareTokens, CueSyntaxError, type CueSpec, type CueMatch, type WordToken } from './cues.ts';
export {
  combineClassifiers, mergeHits, classifyAsync,
  type NarrativeClassifier, type AsyncNarrativeClassifier, type AnyNarrativeClassifier, type ClassifyInput,
  type CombineOptions, type NarrativeEvidence,
} from './classifier.ts';
export { createLexicalClassifier, cueScore, type LexicalClassifier, type LexicalOptions } from './lexical.ts';
export {
  trainNarrativeModel, createTrainedClassifier, saveNarrativeModel, loadNarrativeModel, goldNodes, setF1,
  type NarrativeModel, type TrainOptions, type TrainedClassifier, type TrainedOptions,
} from './trained.ts';
export { createExampleClassifier, type ExampleClassifier, type ExampleOptions, type LabelledExample } from './examples.ts';
export { createChatClassifier, parseJsonReply, LlmNotConfiguredError, type ChatClassifier, type ChatOptions, type ChatUsage } from './llm.ts';
export { createEmbeddingClassifier, EMBEDDING_HELP, type EmbeddingOptions } from './embedding.ts';
export { mentionsFor, refutedNear, type MentionOptions, type MentionsResult, type ActorLookup } from './mentions.ts';
export { discoverNarratives, type DiscoveryClaim, type DiscoveryOptions, type DiscoveryResult, type NarrativeCluster } from './discovery.ts';
export { evaluateNarratives, samplesF1, scoreLabelSets, type EvalOptions, type EvalResult, type LabelScore } from './evaluate.ts';
export { readSemEval, readLabelledTsv, readLabelledData, writeSemEval, parseLabels, guessLang, type LabelledDoc } from './semeval.ts';
export { convertUaDisinfoToSemEval, type UaDisinfoOptions, type UaDisinfoSummary } from './uadisinfo.ts';

export interface NarrativeClassifierOptions {
  /** Taxonomy name, path or data. Default "urw" (or the model's taxonomy). */
  taxonomy?: Taxonomy | string;
  /** Trained model (data or path to its JSON). */
  model?: NarrativeModel | string;
  /** Lexical cues (default on); `false` to leave them out. */
  lexical?: LexicalOptions | false;
  /** Example-based neighbours (default off). */
  examples?: ExampleOptions | boolean;
  /** Weights of [lexical, trained, examples] in the noisy-or merge. */
  weights?: { lexical?: number; trained?: number; examples?: number };
}

/** The usual classifier: lexical cues, plus a trained model and/or examples when given, merged by narrative. */
export function createNarrativeClassifier(opts: NarrativeClassifierOptions = {}): NarrativeClassifier & { taxonomy: Taxonomy } {
  const model = typeof opts.model === 'string' ? loadNarrativeModel(opts.model) : opts.model;
  const taxonomy = typeof opts.taxonomy === 'object' ? opts.taxonomy : loadTaxonomy(opts.taxonomy ?? model?.taxonomy ?? 'urw');
  const parts: NarrativeClassifier[] = [];
  const weights: number[] = [];
  if (opts.lexical !== false) { parts.push(createLexicalClassifier(taxonomy, opts.lexical || {})); weights.push(opts.weights?.lexical ?? 1); }
  if (model) { parts.push(createTrainedClassifier(model, { taxonomy })); weights.push(opts.weights?.trained ?? 1); }
  if (opts.examples) {
    parts.push(createExampleClassifier(taxonomy, opts.examples === true ? {} : opts.examples));
    weights.push(opts.weights?.examples ?? 0.8);
  }
  if (!parts.length) throw new Error('no classifier selected');
  const c = parts.length === 1 ? parts[0] : combineClassifiers(parts, { weights });
  return { name: c.name, classify: (input) => c.classify(input), taxonomy };
}

export interface ClassifyResult {
  hits: NarrativeHit[];
  /** the two-level SemEval label sets of the hits */
  narratives: string[];
  subnarratives: string[];
}

/** Classifies one text and returns hits plus SemEval label sets (what `narrascope classify` prints). */
export function classifyText(text: string, lang: string, classifier: NarrativeClassifier & { taxonomy: Taxonomy }): ClassifyResult {
  const hits = classifier.classify({ text, lang });
  const labels = toSemEvalLabels(classifier.taxonomy, hits.map((h) => h.id));
  return { hits, ...labels };
}

/**
 * The narratives stage of the per-document analysis: fills `attribution.narratives` and returns the fields of
 * DocumentAnalysis it owns (`narratives`, `mentions`). Pure apart from the classifier it is given.
 */
export function analyzeNarratives(
  doc: Document,
  result: { attributions: Attribution[]; assessments?: Assessment[] },
  opts: Omit<MentionOptions, 'assessments'> & { classifier: NarrativeClassifier },
): { narratives: DocumentNarrative[]; mentions: Mention[] } {
  const r = mentionsFor(doc, result.attributions, { ...opts, assessments: result.assessments ?? [] });
  return { narratives: r.documentNarratives, mentions: r.mentions };
}
