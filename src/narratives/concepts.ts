/**
 * Narrative concepts: a multilingual seed lexicon (`data/lexicons/narrative-concepts.yaml`, our own word lists in
 * en/ru/uk/de/it) mapping words of any of those languages to shared, language-independent concept ids ("nato",
 * "sanctions", "war_crimes"…). The trained classifier adds one feature per concept found (features.ts, group
 * "concept"), so what it learns from English claims carries over to the same claims in other languages.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { compileCue, CueIndex, type WordToken } from './cues.ts';

export const CONCEPTS_FILE = fileURLToPath(new URL('../../data/lexicons/narrative-concepts.yaml', import.meta.url));

interface ConceptIndex { all: CueIndex; byLang: Map<string, CueIndex> }
let shared: ConceptIndex | null = null;

/** The compiled concept lexicon: one CueIndex per language (a text is matched against its own language's words,
 *  which keeps this cheap) and one over all languages; a cue's node id is its concept id. */
export function conceptIndex(file = CONCEPTS_FILE): ConceptIndex {
  if (shared && file === CONCEPTS_FILE) return shared;
  const doc = parseYaml(readFileSync(file, 'utf8')) as { concepts?: Record<string, Record<string, string>> };
  if (!doc?.concepts || typeof doc.concepts !== 'object') throw new Error(`${file}: needs a "concepts" map`);
  const cues = Object.entries(doc.concepts).flatMap(([id, byLang]) => Object.entries(byLang).map(([lang, cue]) => {
    try { return compileCue({ cue, negatable: false }, lang, id); } catch (e) { throw new Error(`${file}: concept ${id} (${lang}): ${(e as Error).message}`); }
  }));
  const byLang = new Map<string, CueIndex>();
  for (const lang of new Set(cues.map((c) => c.lang))) byLang.set(lang, new CueIndex(cues.filter((c) => c.lang === lang)));
  const ix = { all: new CueIndex(cues), byLang };
  if (file === CONCEPTS_FILE) shared = ix;
  return ix;
}

/** Concept ids found in prepared tokens of a text in `lang`, with their counts. */
export function conceptCounts(tokens: WordToken[], lang: string, ix: ConceptIndex = conceptIndex()): Map<string, number> {
  const out = new Map<string, number>();
  const seen = new Set<string>();
  for (const m of (ix.byLang.get(lang) ?? ix.all).match(tokens)) {
    // one count per concept and position (alternatives of a concept may match the same words)
    const key = `${m.cue.nodeId}@${m.from}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.set(m.cue.nodeId, (out.get(m.cue.nodeId) ?? 0) + 1);
  }
  return out;
}
