import type { ActorRegistry } from '../actors/registry.ts';
import type { ActorType } from '../model/actor.ts';
import type { TextAnalysis } from './analysis.ts';
import { isCap } from './analysis.ts';
import { lookupActor, isPersonActor, genitiveBeforeName, guessGender, type SpeakerRef, type SpeakerKind } from './speakers.ts';
import type { Pronoun } from './lexicon.ts';

/** A resolved referent: who a phrase stands for. */
export interface Referent {
  name: string;
  actorId?: string;
  type?: ActorType;
  person: boolean;
  gender?: 'm' | 'f';
  plural?: boolean;
  title?: string;
  kind?: SpeakerKind;
}

interface Mention { pos: number; sentence: number; ref: Referent; speaker: boolean }

/** At most this many earlier mentions are read for one pronoun or description. */
const MAX_SCAN = 400;

/**
 * Mention history for pronoun and definite-description resolution: registry actors and titled persons found in the
 * text, plus every resolved speaker. Pronouns go to the nearest compatible antecedent (person/group, gender, number),
 * preferring recent speakers; "the governor" goes to the nearest mention carrying that title or type.
 */
export class MentionHistory {
  /** Mentions by sentence, each bucket sorted by position: a lookup reads only the few sentences before it. */
  private readonly bySentence = new Map<number, Mention[]>();

  constructor(private readonly an: TextAnalysis, private readonly registry: ActorRegistry) {
    const { tokens } = an;
    const maxW = Math.min(registry.maxAliasWords, 5);
    for (let i = 0; i < tokens.length; i++) {
      if (!isCap(tokens[i]) || an.quoteOf[i] >= 0) continue;
      // n-grams of capitalised words (with "of"/"the"/"for" inside): "Institute for the Study of War"
      let span = 1;
      while (span < maxW && i + span < tokens.length && (isCap(tokens[i + span]) || /^(of|the|for|and|de|al)$/.test(tokens[i + span].lower))) span++;
      let found = false;
      for (let len = span; len >= 1; len--) {
        const last = tokens[i + len - 1];
        if (!isCap(last)) continue;
        const text = an.text.slice(tokens[i].start, last.end);
        const actor = lookupActor(registry, text, an.lang);
        if (actor) {
          const person = isPersonActor(actor);
          this.add(tokens[i].start, an.sentOf[i], {
            name: actor.name, actorId: actor.id, type: actor.type, person, gender: person ? guessGender(actor.name) : undefined, kind: 'actor',
          }, false);
          i += len - 1;
          found = true;
          break;
        }
      }
      // a person we do not know, named in full ("Михаил Мамиашвили", "Олена Коваль"): the antecedent of a later «он»
      // ("в Болгарии Отар Бердзенишвили", "РФ Дмитрий Песков": a place before the name is not part of it — the next
      // token starts the name)
      if (!found && an.lang !== 'en' && span >= 2 && span <= 3 && !genitiveBeforeName(tokens.slice(i, i + span).map((t) => t.text)) && personName(an, i, i + span)) {
        const name = an.text.slice(tokens[i].start, tokens[i + span - 1].end);
        this.add(tokens[i].start, an.sentOf[i], { name, person: true, gender: guessGender(name), kind: 'name' }, false);
        i += span - 1;
      }
    }
  }

  add(pos: number, sentence: number, ref: Referent, speaker: boolean): void {
    let b = this.bySentence.get(sentence);
    if (!b) this.bySentence.set(sentence, b = []);
    // mostly appended in text order; otherwise inserted at its place
    let lo = 0, hi = b.length;
    if (hi > 0 && b[hi - 1].pos <= pos) lo = hi;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (b[mid].pos <= pos) lo = mid + 1; else hi = mid; }
    if (lo === b.length) b.push({ pos, sentence, ref, speaker });
    else b.splice(lo, 0, { pos, sentence, ref, speaker });
  }

  /**
   * Mentions before `pos` within `window` sentences, nearest first, at most MAX_SCAN of them: a text of one endless
   * sentence full of names must not make every lookup read all of them (RELIABILITY.md B15).
   */
  private *before(pos: number, sentence: number, window: number): Generator<Mention> {
    let n = 0;
    for (let s = sentence; s >= Math.max(0, sentence - window); s--) {
      const b = this.bySentence.get(s);
      if (!b) continue;
      let lo = 0, hi = b.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (b[mid].pos < pos) lo = mid + 1; else hi = mid; }
      for (let k = lo - 1; k >= 0; k--) {
        if (++n > MAX_SCAN) return;
        yield b[k];
      }
    }
  }

  private compatible(m: Referent, p: Pronoun, cueGender?: 'm' | 'f' | 'pl'): boolean {
    if (p.self) return false;
    // (a singular description, "жена пострадавшего", is no antecedent of «их»; "источники", "очевидцы" are)
    if (p.number === 'pl' || cueGender === 'pl') return !!m.plural || (!m.person && (m.kind !== 'description' || PLURAL_NOUN.test(m.name)));
    if (p.kind === 'org') return !m.person && !m.plural;
    if (!m.person || m.plural) return false;
    const g = p.gender ?? (cueGender === 'm' || cueGender === 'f' ? cueGender : undefined);
    if (g && m.gender && g !== m.gender) return false;
    return true;
  }

  resolvePronoun(pos: number, sentence: number, word: string, cueGender?: 'm' | 'f' | 'pl'): Referent | undefined {
    const p = this.an.lex.pronouns.get(word.toLowerCase());
    if (!p) return undefined;
    for (const m of this.before(pos, sentence, 2)) if (m.speaker && this.compatible(m.ref, p, cueGender)) return m.ref;
    for (const m of this.before(pos, sentence, 5)) if (this.compatible(m.ref, p, cueGender)) return m.ref;
    return undefined;
  }

  /**
   * "the governor", «президент»: the nearest person with that title, else of that type. With `country` ("Президент
   * Турции"), a registry actor of another country is not a candidate.
   */
  resolveDescription(pos: number, sentence: number, title: string | undefined, type: ActorType | undefined, country?: string): Referent | undefined {
    const sameCountry = (m: Mention) => {
      const held = country && m.ref.actorId ? this.registry.get(m.ref.actorId)?.country : undefined;
      return !held || held === country;
    };
    if (title) for (const m of this.before(pos, sentence, 10)) if (m.ref.title === title && m.ref.person && sameCountry(m)) return m.ref;
    if (type) for (const m of this.before(pos, sentence, 10)) if (m.ref.type === type && m.ref.person && sameCountry(m)) return m.ref;
    return undefined;
  }
}

/** A Russian/Ukrainian description whose last word is plural ("источники", "очевидцы", "студентов", "учащиеся"). */
const PLURAL_NOUN = /[\u0400-\u04FF]{2,}(ы|и|і|ие|ые|ов|ев|ей|ів|ях|ам|ами|ах)$|^(два|две|три|четыре|оба|обе|несколько|дві|чотири|кілька|\d+)\s/iu;

/** Russian/Ukrainian surname endings (Петров, Шойгу excepted), used to tell a person's full name from other names. */
const SURNAME = /(ов|ев|ёв|ин|ын|ова|ева|ина|ына|ский|ская|цкий|цкая|ський|ська|цький|цька|енко|ко|ук|юк|чук|швили|дзе|ян|ич|ович|евич)$/;

/** Tokens [a, b) look like a person's full name: capitalised Cyrillic words, no title or group, ending in a surname. */
function personName(an: TextAnalysis, a: number, b: number): boolean {
  for (let k = a; k < b; k++) {
    const t = an.tokens[k];
    if (an.lexCover[k] || !/^\p{Lu}\p{Ll}+(-\p{Lu}?\p{Ll}+)?$/u.test(t.text) || !/[\u0400-\u04FF]/.test(t.text)) return false;
  }
  return SURNAME.test(an.tokens[b - 1].lower);
}

/** Grammatical gender/number of a ru/uk past-tense verb ("заявила" → f, "заявили" → pl). */
export function cueGender(word: string, lang: string): 'm' | 'f' | 'pl' | undefined {
  const w = word.toLowerCase();
  if (lang === 'ru') {
    if (/(ли|лись)$/.test(w)) return 'pl';
    if (/(ла|лась)$/.test(w)) return 'f';
    if (/(л|лся)$/.test(w)) return 'm';
  } else if (lang === 'uk') {
    if (/(ли|лися|лись)$/.test(w)) return 'pl';
    if (/(ла|лася|лась)$/.test(w)) return 'f';
    if (/(в|вся)$/.test(w)) return 'm';
  } else {
    return undefined;
  }
  return undefined;
}

export function referentOf(s: SpeakerRef): Referent {
  return { name: s.name ?? s.text, actorId: s.actorId, type: s.type, person: s.person, gender: s.gender, plural: s.plural, title: s.title, kind: s.kind };
}
