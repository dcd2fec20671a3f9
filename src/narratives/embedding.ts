/**
 * Optional sentence-embedding backend: cosine similarity between the text and a prototype per narrative (its
 * description and examples), computed by a local model through @huggingface/transformers. The package is not a
 * dependency: it is loaded with a dynamic import() only when this backend is asked for, and the model is read from
 * a local folder (no downloads).
 */
import type { NarrativeHit } from '../model/attribution.ts';
import type { AsyncNarrativeClassifier, ClassifyInput } from './classifier.ts';
import { round } from './classifier.ts';
import { ancestry, indexTaxonomy, type Taxonomy } from './taxonomy.ts';

export const EMBEDDING_HELP = 'the embedding backend is optional: install @huggingface/transformers and give a local model directory ' +
  '(ONNXRUNTIME_NODE_INSTALL=skip npm install @huggingface/transformers; modelDir = a local sentence-transformers ONNX export)';

export interface EmbeddingOptions {
  taxonomy: Taxonomy;
  /** Local folder of the model (ONNX export with tokenizer files). */
  modelDir?: string;
  /** Cosine similarity mapped to score 0 and 1: (cos - low) / (high - low). Default [0.25, 0.75]. */
  range?: [number, number];
  minScore?: number;
  maxChars?: number;
  /** Module loader (tests); default dynamic import of '@huggingface/transformers'. */
  load?: () => Promise<unknown>;
}

type Extractor = (texts: string | string[], o: { pooling: string; normalize: boolean }) => Promise<{ tolist(): number[][] }>;

export async function createEmbeddingClassifier(opts: EmbeddingOptions): Promise<AsyncNarrativeClassifier> {
  if (!opts.modelDir) throw new Error(EMBEDDING_HELP);
  let mod: { pipeline?: (task: string, model: string, o?: object) => Promise<Extractor>; env?: Record<string, unknown> };
  try {
    const spec = '@huggingface/transformers';
    mod = (await (opts.load ? opts.load() : import(spec))) as typeof mod;
  } catch (e) {
    throw new Error(`${EMBEDDING_HELP} (${(e as Error).message.split('\n')[0]})`);
  }
  if (!mod?.pipeline) throw new Error(EMBEDDING_HELP);
  if (mod.env) { mod.env.allowRemoteModels = false; mod.env.allowLocalModels = true; }
  let extractor: Extractor;
  try {
    extractor = await mod.pipeline('feature-extraction', opts.modelDir, { local_files_only: true });
  } catch (e) {
    throw new Error(`cannot load the embedding model from ${opts.modelDir}: ${(e as Error).message}. ${EMBEDDING_HELP}`);
  }
  const embed = async (texts: string[]) => (await extractor(texts, { pooling: 'mean', normalize: true })).tolist();
  const taxonomy = opts.taxonomy;
  const ix = indexTaxonomy(taxonomy);
  const nodes = taxonomy.narratives.filter((n) => !n.other && (n.description || n.examples.length));
  const protos: number[][] = [];
  for (const n of nodes) {
    const vecs = await embed([n.description || n.label, ...n.examples.map((e) => e.text)]);
    const mean = vecs[0].map((_, k) => vecs.reduce((s, v) => s + v[k], 0) / vecs.length);
    const norm = Math.sqrt(mean.reduce((s, x) => s + x * x, 0)) || 1;
    protos.push(mean.map((x) => x / norm));
  }
  const [low, high] = opts.range ?? [0.25, 0.75];
  const minScore = opts.minScore ?? 0.35;
  const maxChars = opts.maxChars ?? 2000;
  return {
    name: 'embedding',
    async classify(input: ClassifyInput): Promise<NarrativeHit[]> {
      const parts = input.spans?.length ? input.spans.map((s) => input.text.slice(s.start, s.end)) : [input.text];
      const vecs = await embed(parts.map((p) => p.slice(0, maxChars)));
      const best = new Map<string, number>();
      for (const v of vecs) {
        protos.forEach((p, i) => {
          const cos = p.reduce((s, x, k) => s + x * v[k], 0);
          const score = Math.max(0, Math.min(1, (cos - low) / (high - low)));
          for (const a of ancestry(taxonomy, nodes[i].id)) best.set(a.id, Math.max(best.get(a.id) ?? 0, score));
        });
      }
      return [...best].filter(([, s]) => s >= minScore)
        .map(([id, s]) => ({ id, label: ix.byId.get(id)!.label, score: round(s), evidence: [] }))
        .sort((a, b) => b.score - a.score);
    },
  };
}
