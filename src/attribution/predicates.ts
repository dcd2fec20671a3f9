import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { stemLower } from '../text/stem.ts';
import { LEXICON_DIR } from './lexicon.ts';

/**
 * English predicate classes (data/lexicons/predicates.en.yaml) for the trainable tagger's cue features only: the class
 * of a word of communication, evaluation, attitude or cognition, so that what the perceptron learns about frequent
 * members of a class carries over to rare ones ("chastised", "bristled at"). The rule-based extractor does not use it.
 */
export interface PredicateTag { cls: string; pos: 'V' | 'N' | 'A' | 'P' }
interface Phrase { rest: string[]; cls: string }
interface Predicates { words: Map<string, PredicateTag[]>; phrases: Map<string, Phrase[]> }

let loaded: Predicates | undefined;

function predicates(): Predicates {
  if (loaded) return loaded;
  const raw = parseYaml(readFileSync(join(LEXICON_DIR, 'predicates.en.yaml'), 'utf8')) as {
    irregular?: Record<string, string[]>;
    classes?: Record<string, { verbs?: string[]; nouns?: string[]; adjectives?: string[]; phrases?: string[] }>;
  };
  const st = (w: string) => stemLower(w.toLowerCase(), 'en');
  // a verb lemma's stem and the stems of its irregular forms
  const verbKeys = (lemma: string) => [st(lemma), ...(raw.irregular?.[lemma] ?? []).map(st)];
  const words = new Map<string, PredicateTag[]>();
  const add = (key: string, tag: PredicateTag) => {
    const list = words.get(key) ?? [];
    if (!list.some((t) => t.cls === tag.cls && t.pos === tag.pos)) list.push(tag);
    words.set(key, list);
  };
  const phrases = new Map<string, Phrase[]>();
  for (const [cls, c] of Object.entries(raw.classes ?? {})) {
    for (const w of c.verbs ?? []) for (const k of verbKeys(String(w))) add(k, { cls, pos: 'V' });
    for (const w of c.nouns ?? []) add(st(String(w)), { cls, pos: 'N' });
    for (const w of c.adjectives ?? []) add(st(String(w)), { cls, pos: 'A' });
    for (const p of c.phrases ?? []) {
      const [head, ...rest] = String(p).toLowerCase().split(/\s+/);
      for (const k of verbKeys(head)) {
        const list = phrases.get(k) ?? [];
        list.push({ rest, cls });
        phrases.set(k, list);
      }
    }
  }
  loaded = { words, phrases };
  return loaded;
}

/**
 * Predicate tags per token: the classes of the word itself (by stem), and 'P' tags on every token of a matched
 * phrase ("went after", "bristled at"). `lower` and `stems` are the tokens' lower-case forms and stems.
 */
export function predicateTags(lower: string[], stems: string[]): (PredicateTag[] | undefined)[] {
  const { words, phrases } = predicates();
  const out: (PredicateTag[] | undefined)[] = stems.map((s, i) => (/\p{L}/u.test(lower[i]) ? words.get(s)?.slice() : undefined));
  for (let i = 0; i < stems.length; i++) {
    for (const ph of phrases.get(stems[i]) ?? []) {
      if (!ph.rest.every((w, k) => lower[i + 1 + k] === w)) continue;
      for (let k = i; k <= i + ph.rest.length; k++) (out[k] ??= []).push({ cls: ph.cls, pos: 'P' });
    }
  }
  return out;
}
