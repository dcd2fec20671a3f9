import { readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { ActorType } from '../model/actor.ts';
import type { CueClass } from '../model/attribution.ts';
import { tokenize, type Token } from '../text/tokens.ts';
import { stem } from '../text/stem.ts';

/** Shipped lexicons: data/lexicons/{cues,titles,discourse}.{en,ru,uk}.yaml. */
export const LEXICON_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'lexicons');
export const LEXICON_LANGS = ['en', 'ru', 'uk'] as const;

export type CueFrame = 'verb' | 'prep' | 'noun' | 'impersonal' | 'passive';
export interface CueEntry { lemma: string; class: CueClass; frame: CueFrame; weak: boolean }

/**
 * A set of phrases matched on token sequences: each token of the phrase matches a text token by lower-cased form,
 * or (when stemming is on) by stem. Longest match wins.
 */
export class PhraseSet<V> {
  private readonly byFirst = new Map<string, { lowers: string[]; stems: string[]; value: V }[]>();
  private readonly byFirstStem = new Map<string, { lowers: string[]; stems: string[]; value: V }[]>();
  constructor(readonly lang: string, readonly useStems: boolean) {}

  add(phrase: string, value: V): void {
    const toks = tokenize(phrase);
    if (!toks.length) return;
    const lowers = toks.map((t) => t.lower);
    const stems = lowers.map((l) => stem(l, this.lang));
    const item = { lowers, stems, value };
    const put = (map: Map<string, typeof item[]>, key: string) => {
      const list = map.get(key) ?? [];
      list.push(item);
      list.sort((a, b) => b.lowers.length - a.lowers.length);
      map.set(key, list);
    };
    put(this.byFirst, lowers[0]);
    if (this.useStems) put(this.byFirstStem, stems[0]);
  }

  /** The longest phrase starting at token i, as [token count, value]. */
  matchAt(tokens: Token[], i: number, stems?: string[]): { len: number; value: V } | undefined {
    const t = tokens[i];
    if (!t) return undefined;
    let best: { lowers: string[]; stems: string[]; value: V } | undefined;
    const byLower = this.byFirst.get(t.lower);
    if (byLower) best = this.firstMatch(byLower, tokens, i, stems);
    if (this.useStems) {
      const s = stems ? stems[i] : stem(t.lower, this.lang);
      const byStem = this.byFirstStem.get(s);
      if (byStem) {
        const m = this.firstMatch(byStem, tokens, i, stems);
        if (m && (!best || m.lowers.length > best.lowers.length)) best = m;
      }
    }
    return best ? { len: best.lowers.length, value: best.value } : undefined;
  }

  private firstMatch(list: { lowers: string[]; stems: string[]; value: V }[], tokens: Token[], i: number, stems?: string[]) {
    for (const c of list) {
      let ok = true;
      for (let k = 1; k < c.lowers.length; k++) {
        const tk = tokens[i + k];
        if (!tk) { ok = false; break; }
        if (tk.lower === c.lowers[k]) continue;
        if (this.useStems && (stems ? stems[i + k] : stem(tk.lower, this.lang)) === c.stems[k]) continue;
        ok = false;
        break;
      }
      if (ok) return c;
    }
    return undefined;
  }

  has(word: string): boolean {
    const l = word.toLowerCase();
    return this.byFirst.has(l) || (this.useStems && this.byFirstStem.has(stem(l, this.lang)));
  }
}

/**
 * `noun`: a noun that stands in for a person like a pronoun («глава», «політик») — a phrase may continue after it.
 * `oblique`: an oblique form («нём», «ньому») — a source after a preposition, never the subject of a cue verb.
 */
export interface Pronoun { gender?: 'm' | 'f'; number?: 'sg' | 'pl'; kind?: 'org'; self?: boolean; noun?: boolean; oblique?: boolean }
export type Verdict = 'unsubstantiated' | 'false' | 'disputed' | 'confirmed';
export interface GroupInfo { type?: ActorType; context?: boolean; phrase: string }

export interface Lexicon {
  lang: string;
  cues: PhraseSet<CueEntry>;
  /** Slavic only: stems of listed single-word verb forms, so unlisted inflections match too. */
  cueStems: Map<string, CueEntry>;
  titles: PhraseSet<{ type: ActorType; phrase: string }>;
  groups: PhraseSet<GroupInfo>;
  pronouns: Map<string, Pronoun>;
  adverbs: PhraseSet<true>;
  complementizers: Set<string>;
  contentNouns: PhraseSet<true>;
  refute: PhraseSet<true>;
  verdicts: PhraseSet<Verdict>;
  assessmentSubjects: PhraseSet<true>;
  eventNouns: PhraseSet<true>;
  resetMarkers: PhraseSet<true>;
  /** Verbs whose subject makes the claims they govern ("intensified claims that", «поширюють твердження»). */
  claimPushers: PhraseSet<true>;
  reportNouns: PhraseSet<true>;
  /** Parenthetical phrases set off by commas between a subject and its verb («в свою очередь», «зокрема»). */
  parentheticals: PhraseSet<true>;
  /** Rules, plans and norms: after "according to" they are conformity, not a source. */
  norms: PhraseSet<true>;
  /** Adverbial participles of the speaker's own act ("комментируя", "відповідаючи"): a content ends before them. */
  actParticiples: Set<string>;
  npWords: Set<string>;
  stopWords: Set<string>;
  determiners: Set<string>;
}

/** Regular English inflections of a verb lemma (note → note, notes, noted, noting). */
export function englishForms(lemma: string): string[] {
  if (lemma.includes(' ')) return [lemma];
  const out = new Set([lemma]);
  const l = lemma;
  if (/(s|sh|ch|x|z)$/.test(l)) out.add(l + 'es');
  else if (/[^aeiou]y$/.test(l)) out.add(l.slice(0, -1) + 'ies');
  else out.add(l + 's');
  if (l.endsWith('e')) { out.add(l + 'd'); out.add(l.slice(0, -1) + 'ing'); }
  else if (/[^aeiou]y$/.test(l)) { out.add(l.slice(0, -1) + 'ied'); out.add(l + 'ing'); }
  else { out.add(l + 'ed'); out.add(l + 'ing'); }
  return [...out];
}

/** A data file of `data/lexicons/`, parsed ({} when absent). */
export function readYaml(file: string): Record<string, unknown> {
  const path = join(LEXICON_DIR, file);
  if (!existsSync(path)) return {};
  return (parseYaml(readFileSync(path, 'utf8')) ?? {}) as Record<string, unknown>;
}

function phraseSet(lang: string, list: unknown, useStems: boolean): PhraseSet<true> {
  const set = new PhraseSet<true>(lang, useStems);
  for (const p of (Array.isArray(list) ? list : [])) set.add(String(p), true);
  return set;
}

function wordSet(list: unknown): Set<string> {
  return new Set((Array.isArray(list) ? list : []).map((w) => String(w).toLowerCase().replace(/ё/g, 'е')));
}

const cache = new Map<string, Lexicon>();

/** The lexicon of a language (en, ru, uk; anything else falls back to en). Loaded once per process. */
export function lexicon(langIn: string): Lexicon {
  const lang = (LEXICON_LANGS as readonly string[]).includes(langIn) ? langIn : 'en';
  const hit = cache.get(lang);
  if (hit) return hit;
  const slavic = lang !== 'en';
  const cueData = readYaml(`cues.${lang}.yaml`);
  const cues = new PhraseSet<CueEntry>(lang, false);
  for (const raw of (cueData.cues as Record<string, unknown>[] | undefined) ?? []) {
    const entry: CueEntry = {
      lemma: String(raw.lemma),
      class: (raw.class as CueClass) ?? 'statement',
      frame: (raw.frame as CueFrame) ?? 'verb',
      weak: Boolean(raw.weak),
    };
    const forms = Array.isArray(raw.forms) ? raw.forms.map(String) : lang === 'en' ? englishForms(entry.lemma) : [entry.lemma];
    for (const f of forms) cues.add(f, entry);
  }
  // Slavic: other inflections of the same stems (single-word verb forms only).
  const cueStems = new Map<string, CueEntry>();
  if (slavic) {
    for (const raw of (cueData.cues as Record<string, unknown>[] | undefined) ?? []) {
      if ((raw.frame ?? 'verb') !== 'verb' || !Array.isArray(raw.forms)) continue;
      const entry: CueEntry = { lemma: String(raw.lemma), class: (raw.class as CueClass) ?? 'statement', frame: 'verb', weak: Boolean(raw.weak) };
      for (const f of raw.forms.map(String)) if (!f.includes(' ')) cueStems.set(stem(f, lang), entry);
    }
  }
  const titleData = readYaml(`titles.${lang}.yaml`);
  const titles = new PhraseSet<{ type: ActorType; phrase: string }>(lang, true);
  for (const [phrase, type] of Object.entries((titleData.titles as Record<string, string>) ?? {})) {
    titles.add(phrase, { type: type as ActorType, phrase });
  }
  const groups = new PhraseSet<GroupInfo>(lang, true);
  for (const g of (titleData.groups as { match: string[]; type?: ActorType; context?: boolean }[]) ?? []) {
    for (const phrase of g.match ?? []) groups.add(phrase, { type: g.type, context: g.context, phrase });
  }
  const disc = readYaml(`discourse.${lang}.yaml`);
  const pronouns = new Map<string, Pronoun>();
  for (const [w, p] of Object.entries((disc.pronouns as Record<string, Pronoun>) ?? {})) pronouns.set(w.toLowerCase(), p ?? {});
  const verdicts = new PhraseSet<Verdict>(lang, slavic);
  for (const [verdict, list] of Object.entries((disc.verdicts as Record<string, string[]>) ?? {})) {
    for (const p of list ?? []) verdicts.add(String(p), verdict as Verdict);
  }
  const lex: Lexicon = {
    lang,
    cues,
    cueStems,
    titles,
    groups,
    pronouns,
    adverbs: phraseSet(lang, disc.adverbs, false),
    complementizers: new Set(((disc.complementizers as string[]) ?? []).map((s) => String(s).toLowerCase())),
    contentNouns: phraseSet(lang, disc.contentNouns, true),
    refute: phraseSet(lang, disc.refute, slavic),
    verdicts,
    assessmentSubjects: phraseSet(lang, disc.assessmentSubjects, slavic),
    eventNouns: phraseSet(lang, disc.eventNouns, true),
    resetMarkers: phraseSet(lang, disc.resetMarkers, false),
    claimPushers: phraseSet(lang, disc.claimPushers, slavic),
    reportNouns: phraseSet(lang, disc.reportNouns, true),
    parentheticals: phraseSet(lang, disc.parentheticals, false),
    norms: phraseSet(lang, disc.norms, slavic),
    actParticiples: wordSet(disc.actParticiples),
    npWords: wordSet(disc.npWords),
    stopWords: wordSet(disc.stopWords),
    determiners: wordSet(disc.determiners),
  };
  cache.set(lang, lex);
  return lex;
}
