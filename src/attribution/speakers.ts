import type { Actor, ActorType } from '../model/actor.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import { nameKey } from '../text/normalize.ts';
import { stem, scriptLang } from '../text/stem.ts';
import type { TextAnalysis } from './analysis.ts';
import type { Quote } from './quotes.ts';
import { isCap, isWord, tokenAtOrAfter } from './analysis.ts';

/**
 * Speaker phrases: finding the noun phrase next to a cue (npLeft / npRight) and resolving it to a registry actor,
 * a titled person ("Acting Kursk region governor Alexander Khinshtein" → regional_official), a described group
 * ("Russian state media" → state_media), the current reporter ("analysts", "the report") or a pronoun.
 */
export type SpeakerKind = 'actor' | 'title' | 'group' | 'context' | 'pronoun' | 'name' | 'description' | 'implicit';

export interface SpeakerRef {
  text: string;
  start: number;
  end: number;
  kind: SpeakerKind;
  actorId?: string;
  name?: string;
  type?: ActorType;
  person: boolean;
  gender?: 'm' | 'f';
  plural?: boolean;
  /** Title phrase (lower-case) when the speaker carries one ("governor"). */
  title?: string;
}

const PERSON_TYPES = new Set<ActorType>([
  'head_of_state', 'government_official', 'regional_official', 'military_official', 'legislator', 'milblogger',
]);
const ORG_WORDS = /\b(novosti|pravda|izvestia|izvestiya|gazeta|vedomosti|kommersant|radio|daily|herald|zeitung|monde|agency|today|ria|tass|interfax|ministry|government|kremlin|office|administration|service|agency|council|committee|forces|army|staff|media|news|tv|channel|institute|center|centre|parliament|duma|rada|department|bureau|press|times|post|journal|network|group|party|foundation|fund|bank|company|corporation|union|nato|un|council|court|command|directorate|intelligence|guard|navy|police|prosecutor's|mfa|mod|министерство|минобороны|мид|кремль|правительство|администрация|служба|агентство|совет|комитет|силы|армия|штаб|сми|канал|институт|центр|дума|рада|міністерство|уряд|офіс|адміністрація|служба|агентство|рада|комітет|сили|армія|штаб|зсу|канал|інститут|центр)\b/iu;
const FEMALE_FIRST = new Set(['maria', 'mariya', 'marina', 'anna', 'olena', 'elena', 'yelena', 'iryna', 'irina', 'kamala', 'hillary', 'ursula', 'kaja', 'marine', 'valentina', 'ella', 'natalia', 'natalya', 'nataliya', 'yulia', 'yuliia', 'olga', 'olha', 'tatiana', 'tetiana', 'svetlana', 'margarita', 'lyudmila', 'liudmyla', 'victoria', 'viktoria', 'nancy', 'angela', 'theresa', 'giorgia', 'annalena', 'kristi', 'nikki', 'karine', 'maia', 'oksana', 'kateryna', 'ekaterina', 'yekaterina', 'daria', 'darya', 'alina', 'veronika', 'sophia', 'sofia', 'elizabeth', 'mary', 'sarah', 'jane', 'karen', 'linda', 'susan', 'michelle', 'melania', 'ivanka', 'tulsi', 'liz', 'samantha', 'jen', 'jennifer', 'nina', 'vera', 'galina', 'halyna', 'lyudmyla', 'ирина', 'мария', 'марія', 'анна', 'елена', 'олена', 'ірина', 'юлия', 'юлія', 'ольга', 'наталья', 'наталія', 'татьяна', 'тетяна', 'светлана', 'маргарита', 'людмила', 'валентина', 'элла', 'екатерина', 'катерина', 'дарья', 'дарія', 'вероника', 'вероніка', 'камала', 'урсула', 'кая', 'оксана', 'галина', 'вера', 'віра', 'нина', 'ніна']);

/** Titles whose bearer speaks for the organisation named after them ("пресс-секретарь Кремля", "представитель МИД"). */
const SPOKES_TITLE = /^(официальный представитель|представитель|пресс-секретарь|спикер|офіційний представник|представник|речник|прессекретар|press secretary|spokes)/u;
/** Dative nouns for the outlet or reporter told ("сообщили агентству", "сказал Грэм телеканалу Fox News", "розповіли виданню"). */
export const ADDRESSEE_DATIVE = /^(агентству|изданию|телеканалу|каналу|газете|журналу|порталу|радиостанции|корреспонденту|корреспондентам|журналисту|журналистам|репортеру|репортёру|агенції|виданню|телеканалові|каналові|газеті|журналу|кореспонденту|кореспондентам|журналісту|журналістам)$/;
/** Nouns for a person that a first name may follow ("мать Виктория", "потерпевшая Мария", "сестра Ксенія"). */
const PERSON_HEAD = /^(мать|мама|отец|папа|жена|муж|сестр|брат|сын|доч|бабушк|дедушк|подруг|друг|потерпевш|пострадавш|жительниц|житель|девушк|женщин|мужчин|студент|школьни|пенсионер|врач|учител|мати|батько|дружин|чоловік|донька|бабус|дідус|жінк|дівчин)/;
/** Institutions named by their place ("полиции Омска", "мэрии Казани", "прокуратури Києва"). */
const PLACE_INSTITUTION = /^(полици|прокуратур|администраци|мэри|правительств|власт|жител|управлени|департамент|служб|министерств|ведомств|штаб|больниц|посольств|консульств|дипучрежден|учрежден|суд(а|е|у|ом|ы|ов)?$|поліці|адміністраці|мері|уряд|влад|мешкан|управлінн|міністерств|відомств|лікарн)/;
/** Units of an organisation that speak for themselves ("комитет Госдумы по …", "фракция партии …"). */
const UNIT_NOUN = /^(комитет|комисси|фракци|департамент|управлени|отдел|подразделени|совет|комітет|комісі|фракці|управлінн|відділ)/;
/** Head nouns that take a person's name in the genitive: the speaker is the head, not the person. */
const HEAD_NOUN = /^(пресс-служб|пресслужб|прес-служб|аппарат|апарат|канцеляри|администраци|адміністраці|окружени|оточенн|штаб|команд|адвокат|юрист|защит|захист|семь|сім'|сім’|сын|сина|син|доч|донь|жена|жены|дружин|муж|чоловік|сторонник|прихильник|соратник|родственник|родич|близк|друг|друз|помощник|помічник)/u;

/** Offices that speak for the person or organisation named after them ("В канцелярии президента", "пресс-служба компании"). */
const INSTITUTION_HEAD = /^(пресс-служб|пресслужб|прес-служб|канцеляри|канцеляр|администраци|адміністраці|аппарат|апарат|офис|офіс|мэри|мері|секретариат|секретаріат)/u;

const MEDIA_TYPE = /media|aggregator|news_agency|outlet|fact_checker/;

export function isPersonActor(actor: Actor): boolean {
  // people appear under many types (a NATO secretary general, a state-TV host): decide by the name's shape
  if (ORG_WORDS.test(actor.name)) return false;
  if (!PERSON_TYPES.has(actor.type) && /^(state_media|state_affiliated_media|independent_media|foreign_media|exiled_media|aggregator_channel|fact_checker)$/.test(actor.type) && !/\s/.test(actor.name.trim())) return false;
  const en = [actor.name, ...(actor.aliases.en ?? [])];
  return en.some((a) => /^\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+)+$/u.test(a.trim()));
}

/**
 * The first of a run of capitalised words is an organisation or place in the genitive, not part of the person's name
 * that follows: "Франции Лекорню", "Сбера Станислав Кузнецов", "РФ Мурашко" (a first name and patronymic stay: "Мария
 * Петровна Захарова"; short Asian names stay: "Юн Сок Ёль").
 */
export function genitiveBeforeName(words: string[]): boolean {
  const first = words[0];
  if (words.length >= 3) return first.length >= 4 && /[аяыиу]$/.test(first) && !/(вич|вна|ична|івна)$/.test(words[1].toLowerCase());
  return words.length === 2 && (/^\p{Lu}{2,}$/u.test(first) || /(ии|ії)$/.test(first.toLowerCase()));
}

/** A capitalised word that looks like a place or an abbreviation in the genitive («России», «Болгарии», «МИД»). */
function isPlaceLike(word: string): boolean {
  return /^\p{Lu}{2,}$/u.test(word) || /(ии|ия|ині|ини|ы|ої|ой|ого|ского|ської|ьких|ских)$/u.test(word.toLowerCase()) && /[\u0400-\u04FF]/.test(word);
}

export function guessGender(name: string): 'm' | 'f' | undefined {
  const words = name.trim().split(/\s+/).map((w) => w.toLowerCase().replace(/[^\p{L}-]/gu, ''));
  if (!words.length || !words[0]) return undefined;
  if (words.some((w) => FEMALE_FIRST.has(w))) return 'f';
  const last = words[words.length - 1];
  // (and a first name alone in -ия/-ія: "Виктория", "Марія")
  if (/(ова|ева|єва|ина|іна|ская|ська|цкая|цька|ovna|ova|eva|ina|skaya|ska)$/.test(last) && last.length > 4) return 'f';
  if (words.length === 1 && /[\u0400-\u04FF]{2,}(ия|ія)$/.test(last)) return 'f';
  return 'm';
}

// ------------------------------------------------------------------------------------------------------------------
// Registry lookup with a stemming fallback ("Путіним", "Захаровой" when the inflected form is not listed).

interface StemEntry { actor: Actor; words: string[] }
const stemIndexes = new WeakMap<ActorRegistry, Map<string, StemEntry | null>>();

/**
 * Whether `word` can be an inflected form of the alias word `alias` (Russian/Ukrainian surname and noun endings):
 * it starts with the alias without its final vowel/й/ь (at most two letters) and adds at most four letters.
 * "Захаровой" ← "Захарова", "Путіним" ← "Путін", "Зеленського" ← "Зеленський"; not "Дмитрий" ← "Дмитриев".
 */
function inflectionOf(word: string, alias: string): boolean {
  const w = word.toLowerCase().replace(/ё/g, 'е'), a = alias.toLowerCase().replace(/ё/g, 'е');
  if (w === a) return true;
  let p = a;
  for (let k = 0; k < 2 && /[аеёиоуыэюяіїєйь]$/.test(p); k++) p = p.slice(0, -1);
  // "Кремлёв" (a surname) is no form of "Кремль": surname endings belong to surnames
  if (/(ов|ев|ёв|ова|ева|ёва|ин|ина)$/.test(w) && !/(ов|ев|ёв|ова|ева|ёва|ин|ина)$/.test(a) && w !== a) return false;
  // "мэрии" (city hall) is no form of "мэр": a consonant-final alias word does not take -ия/-ии endings
  if (p === a && /(ия|ии|ию|ией|ія|ії|ію|ією)$/.test(w)) return false;
  return p.length >= 3 && w.startsWith(p) && w.length - p.length <= 4;
}

function stemKey(text: string, lang: string): string {
  return nameKey(text).split(' ').filter(Boolean).map((w) => stem(w, scriptLang(w, lang))).join(' ');
}

function stemIndex(registry: ActorRegistry): Map<string, StemEntry | null> {
  let idx = stemIndexes.get(registry);
  if (idx) return idx;
  idx = new Map();
  for (const actor of registry.all()) {
    const names = new Set([actor.name, ...(actor.aliases.en ?? []), ...(actor.aliases.ru ?? []), ...(actor.aliases.uk ?? [])]);
    for (const n of names) {
      // inflection is a Cyrillic problem: Latin aliases match exactly (plus the possessive rule)
      if (!/[\u0400-\u04FF]/.test(n)) continue;
      const keys = new Set([stemKey(n, 'ru'), stemKey(n, 'uk')]);
      const words = nameKey(n).split(' ').filter(Boolean);
      for (const key of keys) {
        if (!key || key.length < 3) continue;
        const prev = idx.get(key);
        if (prev === undefined) idx.set(key, { actor, words });
        else if (prev && prev.actor.id !== actor.id) idx.set(key, null); // ambiguous
      }
    }
  }
  stemIndexes.set(registry, idx);
  return idx;
}

const lookupCaches = new WeakMap<ActorRegistry, Map<string, Actor | null>>();

/** Registry actor for a name: exact alias, then without a possessive, then by stems (memoised per registry). */
export function lookupActor(registry: ActorRegistry, name: string, lang: string): Actor | undefined {
  let cache = lookupCaches.get(registry);
  if (!cache) { cache = new Map(); lookupCaches.set(registry, cache); }
  const key = lang + '\u0000' + name;
  const hit = cache.get(key);
  if (hit !== undefined) return hit ?? undefined;
  const actor = lookupActorUncached(registry, name, lang);
  if (cache.size > 100_000) cache.clear();
  cache.set(key, actor ?? null);
  return actor;
}

function lookupActorUncached(registry: ActorRegistry, name: string, lang: string): Actor | undefined {
  const clean = name.replace(/[’']s$/u, '').replace(/[«»"“”„]/g, '').trim();
  if (!clean) return undefined;
  const exact = registry.byName(clean) ?? registry.byName(name);
  if (exact) return exact;
  if (!/[\u0400-\u04FF]/.test(clean)) return undefined;
  const key = stemKey(clean, lang);
  if (key.length < 3) return undefined;
  const hit = stemIndex(registry).get(key);
  if (!hit) return undefined;
  const words = nameKey(clean).split(' ').filter(Boolean);
  if (words.length !== hit.words.length || !words.every((w, i) => inflectionOf(w, hit.words[i]))) return undefined;
  return hit.actor;
}

// ------------------------------------------------------------------------------------------------------------------
// Noun phrases next to a cue

function isPronoun(an: TextAnalysis, i: number): boolean {
  return an.lex.pronouns.has(an.tokens[i].lower);
}

/** A true pronoun, which a phrase never continues after («он»), unlike a pronoun-like noun («глава комитета …»). */
function closesPhrase(an: TextAnalysis, i: number): boolean {
  const p = an.lex.pronouns.get(an.tokens[i].lower);
  return !!p && !p.noun;
}

const TITLE_ABBREV = new Set(['sen', 'rep', 'gov', 'gen', 'lt', 'col', 'sgt', 'adm', 'dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'maj', 'capt', 'amb', 'pres']);

function acceptEn(an: TextAnalysis, i: number, lo: number, hi: number): boolean {
  const t = an.tokens[i];
  const l = t.lower;
  if (an.cueAt[i] >= 0 && !an.lexCover[i]) return false;
  if (an.dateOf[i] >= 0) return false;
  if (an.quoteOf[i] >= 0) return false;
  // "Putin and Lavrov", "Institute for the Study of War"
  if ((l === 'and' || l === 'of' || l === 'for' || l === '&') && i - 1 >= lo && i + 1 < hi
    && (isCap(an.tokens[i - 1]) || an.lex.npWords.has(an.tokens[i - 1].lower))
    && (isCap(an.tokens[i + 1]) || (an.lex.determiners.has(an.tokens[i + 1].lower) && isCap(an.tokens[i + 2])))) return true;
  if (an.lex.stopWords.has(l)) return false;
  if (!isWord(t)) return t.text === '(' || t.text === ')' || t.text === '.' && i > 0 && (/^\p{Lu}$/u.test(an.tokens[i - 1].text) || TITLE_ABBREV.has(an.tokens[i - 1].lower));
  if (isCap(t)) return true;
  if (an.lexCover[i] || an.lex.npWords.has(l) || an.lex.determiners.has(l) || isPronoun(an, i)) return true;
  if (l === 'of' || l === 'for') return false;
  return false;
}

function acceptSlavic(an: TextAnalysis, i: number): boolean {
  const t = an.tokens[i];
  if (an.dateOf[i] >= 0) return false;
  if (an.quoteOf[i] >= 0) return quotedName(an, i);
  if (!isWord(t)) {
    // Markdown emphasis around a name inside the phrase: "корреспондент Би-би-си **Павел Аксенов**"
    if (/^[*_]$/.test(t.text)) return emphasisAroundName(an, i);
    // «Рыбарь»-style quoted names are part of the phrase; other quotes are not
    if (/^["“”„«»]$/.test(t.text)) {
      const q = an.quotes.find((x) => x.start === t.start || x.end === t.end);
      if (q) return shortName(an, q);
      if (t.text === '«' || t.text === '»') return /^\p{Lu}/u.test(an.tokens[t.text === '«' ? i + 1 : i - 1]?.text ?? '');
      return false;
    }
    return t.text === '(' || t.text === ')' || t.text === '.' && i > 0 && /^\p{Lu}$/u.test(an.tokens[i - 1].text) || (t.text === '№' && /^\p{N}/u.test(an.tokens[i + 1]?.text ?? ''));
  }
  if (an.cueAt[i] >= 0 && !an.lexCover[i]) return false;
  // (a capitalised stop word inside a sentence is a name: "Ли Чже Мен")
  if (an.lex.stopWords.has(t.lower) && !(isCap(t) && i > an.sentTok[an.sentOf[i]][0] && isCap(an.tokens[i + 1] ?? t) && t.text.length > 1)) return false;
  if (an.lex.adverbs.has(t.lower)) return false;
  // ("ГКБ № 52 Василий …": a number after «№» inside a name)
  if (/^\p{N}/u.test(t.text) && an.tokens[i - 1]?.text === '№') return true;
  // ("24 канал", "5 канал": a number in a channel's name)
  if (/^\p{N}/u.test(t.text)) return OUTLET_NOUN.test(an.tokens[i + 1]?.lower ?? '');
  return true;
}

/** A `*`/`_` of a Markdown emphasis run that opens right before or closes right after a capitalised word. */
function emphasisAroundName(an: TextAnalysis, i: number): boolean {
  const { tokens } = an;
  const mark = tokens[i].text;
  let a = i, b = i + 1;
  while (a > 0 && tokens[a - 1].text === mark && tokens[a - 1].end === tokens[a].start) a--;
  while (b < tokens.length && tokens[b].text === mark && tokens[b].start === tokens[b - 1].end) b++;
  if (b - a > 3) return false;
  const after = tokens[b], before = tokens[a - 1];
  // (not "Пострадавшая** **Ольга": an emphasis closed and reopened splits the phrase)
  const isMark = (t: { text: string } | undefined) => !!t && /^[*_]$/.test(t.text);
  return (!!after && after.start === tokens[b - 1].end && isCap(after) && isWord(after) && !isMark(before))
    || (!!before && before.end === tokens[a].start && isWord(before) && (isCap(before) || an.lexCover[a - 1] === 1) && !isMark(after));
}

/**
 * A token of a short quoted name inside a speaker phrase: «президент «Автоваза» Максим Соколов», «шеф-редактор
 * "Союзмультфильма" …» — at most three words, opening with a capital, not a whole sentence.
 */
function quotedName(an: TextAnalysis, i: number): boolean {
  const q = an.quotes[an.quoteOf[i]];
  return !!q && shortName(an, q);
}

/** Nouns that name a kind of outlet before its quoted name (ru, uk). */
export const OUTLET_NOUN = /^(телеграм-|telegram-)?(канал|каналу|канала|издание|издания|газета|газеты|телеканал|телеканала|агентство|агентства|журнал|журнала|портал|портала|сайт|сайта|паблик|паблика|радиостанция|видання|газети|агенція|агенції|часопис)$/;

/** Nouns of organisations, polls and reports named in quotes after them: «опрос «ВЦИОМ-Спутник»», «партия «Яблоко»». */
const NAMED_KIND = /^(опрос|исследовани|доклад|компани|фонд|центр|парти|движени|организаци|ассоциаци|союз|проект|сервис|банк|холдинг|групп|жк|клуб|ресторан|кафе|завод|театр|музе|университет|библиотек|онлайн-библиотек|приложени|платформ|опитуванн|дослідженн|доповід|парті|рух|організаці|асоціаці)/;

function shortName(an: TextAnalysis, q: Quote): boolean {
  // (an outlet's name after its kind may be longer: «канал «Сводки с передовой Z»»)
  if (q.words > 5 || (q.words > 3 && !OUTLET_NOUN.test(an.tokens[tokenAtOrAfter(an, q.start) - 1]?.lower ?? ''))) return false;
  // only between a title and a person's name; «собеседник «РБК-Украина»» and «цитирует прокурора «Медиазона»» stay
  // as they were (the outlet there is not part of the speaker's name)
  const next = an.tokens[tokenAtOrAfter(an, q.end)];
  const prev = an.tokens[tokenAtOrAfter(an, q.start) - 1];
  const beforeCue = !!next && an.cueAt[tokenAtOrAfter(an, q.end)] >= 0;
  // the name of an outlet after its kind: «пишет канал «Грань фронта»», «сообщает издание «Коммерсантъ»»
  // (and the company of a representative: «Представитель "Азимута" …»; not the outlet of a source: «собеседник «РБК»»)
  const prevIdx = tokenAtOrAfter(an, q.start) - 1;
  const titled = prevIdx >= 0 && an.lexCover[prevIdx] === 1 && /^(представител|сотрудник|работник|директор|глава|руководител|основател|владел|представник|працівник|керівник|засновник)/.test(prev?.lower ?? '');
  // ("Как пишет сам «Архангел спецназа Z»": a channel's name after «сам»)
  const outletName = OUTLET_NOUN.test(prev?.lower ?? '') || NAMED_KIND.test(prev?.lower ?? '') || titled || /^(сам|сама|сами|сам[иа]?)$/.test(prev?.lower ?? '');
  if (!/^(позывным|позивним)$/.test(prev?.lower ?? '') && !beforeCue && !outletName && (!next || !isCap(next) || !isWord(next))) return false;
  const inner = an.text.slice(q.innerStart, q.innerEnd).trim();
  return /^\p{Lu}/u.test(inner) && !/[.!?,:;]/.test(inner);
}

function accept(an: TextAnalysis, i: number, lo: number, hi: number): boolean {
  return an.lang === 'en' ? acceptEn(an, i, lo, hi) : acceptSlavic(an, i);
}

const MAX_NP = 12;

/** The noun phrase ending just before token `end` (exclusive), not crossing `lo`. Returns [s, e) or undefined. */
export function npLeft(an: TextAnalysis, end: number, lo: number): [number, number] | undefined {
  while (end > lo && /^[*_]$/.test(an.tokens[end - 1].text)) end--;
  // "… «Флибуста» (заблокирована в России) сообщил": a parenthetical remark before the verb is skipped
  if (an.lang !== 'en' && end - 1 > lo && an.tokens[end - 1].text === ')') {
    let k = end - 2;
    while (k > lo && an.tokens[k].text !== '(' && end - k < 12) k--;
    if (k > lo && an.tokens[k].text === '(' && !isCap(an.tokens[k + 1]) && isWord(an.tokens[k + 1])) end = k;
  }
  let i = end - 1;
  let paren = 0;
  while (i >= lo && end - i <= MAX_NP) {
    const t = an.tokens[i];
    if (t.text === ')') paren++;
    else if (t.text === '(') { if (paren === 0) break; paren--; }
    // ("Член комитета Госдумы по информполитике Антон Немкин заявил": «по» inside the title, read from the right)
    if (!accept(an, i, lo, end) && !(an.lang !== 'en' && i > lo && (/^(по|при)$/.test(t.lower) || /^(из|з|із)$/.test(t.lower)) && titlePreposition(an, i, lo, end, true))) break;
    // A determiner or pronoun opens the phrase: stop after it.
    if (an.lang === 'en' && (an.lex.determiners.has(t.lower) || isPronoun(an, i)) && paren === 0) {
      // "the Institute for the Study of War": a determiner after a joining "for"/"of" does not open the phrase
      if (i - 1 >= lo && /^(of|for)$/.test(an.tokens[i - 1].lower) && acceptEn(an, i - 1, lo, end)) { i--; continue; }
      i--;
      break;
    }
    if (an.lang !== 'en' && closesPhrase(an, i) && i === end - 1) { i--; break; }
    i--;
  }
  let s = i + 1;
  // "В соцсети X (заблокирована в России) Ривз утверждала": a phrase never starts inside a parenthesis it leaves
  if (an.lang !== 'en') for (let k = end - 1; k >= s; k--) if (an.tokens[k].text === ')' && !an.tokens.slice(s, k).some((t) => t.text === '(')) { s = k + 1; break; }
  // never start inside parentheses or with a closing one, nor with an emphasis mark
  while (s < end && (an.tokens[s].text === ')' || an.tokens[s].text === '.' || /^[*_]$/.test(an.tokens[s].text))) s++;
  if (s >= end) return undefined;
  return an.lang === 'en' ? [s, end] : slavicTrim(an, s, end);
}

const COORD_WORD = /^(и|і|та|й)$/;
/** A time adverbial that may open a sentence before its subject ("Последнее время учёные …"). */
const TIME_OPENER = /^(в\s+)?(последнее\s+время|последние\s+(годы|дни|недели|месяцы)|останнім\s+часом|останні\s+роки)\s+/iu;
/** Adverbs and pronouns in -у/-ю that may open a subject ("Сразу несколько предпринимателей рассказали"). */
const ADVERB_U = /^(сразу|поэтому|почему|потому|внизу|наверху|сверху|снизу|всему|никому|кому|чему|тому|одному|одною|одразу|тому|чому|внизу|нагорі|згори|знизу)$/;
const SLAVIC_PREP_NOT_PLACE = /^(среди|серед|из-за|через|из|от|для|после|до|над|под|против|проти|між|между|від|із|зі|з|с|со|по|о|об|про|к|ко|за|без|вокруг|навколо)$/;
const SLAVIC_ADJ = /(ый|ий|ой|ая|яя|ое|ее|ые|ие|ій|ая|а|е|і|ього|ого|ої|их|іх)$/;
const SLAVIC_OBLIQUE = /(у|ю|ом|ем|ам|ям|ами|ями|ах|ях|ою|ею|ові|еві)$/;

/**
 * Russian/Ukrainian speaker phrases have no determiners to open them: keep the part that starts at a capitalised word,
 * a title/group word, a pronoun, or an adjective right before one ("Российская спецслужба", "губернатор Курской
 * области Александр Хинштейн"), and reject phrases whose head next to the verb is an oblique-case common noun
 * ("… нашему корреспонденту рассказали").
 */
function slavicTrim(an: TextAnalysis, s: number, e: number): [number, number] | undefined {
  const { tokens } = an;
  // the verb after the phrase (over Markdown marks: "Потенциальных жертв **предупреждают …")
  let vi = e;
  while (vi < tokens.length && /^[*_]$/.test(tokens[vi].text)) vi++;
  const verbAfter = tokens[vi]?.lower ?? '';
  const good = (k: number) => isCap(tokens[k]) || an.lexCover[k] === 1 || isPronoun(an, k) || tokens[k].text === '«' || INSTITUTION_HEAD.test(tokens[k].lower);
  while (s < e && !good(s) && !(SLAVIC_ADJ.test(tokens[s].lower) && s + 1 < e && good(s + 1))) s++;
  if (s >= e) return undefined;
  // a time adverbial opening the sentence: "Последнее время учёные продвигают …", "В последние годы эксперты …"
  const time = TIME_OPENER.exec(an.text.slice(tokens[s].start, tokens[e - 1].end));
  if (time) {
    const stop = tokens[s].start + time[0].length;
    while (s < e && tokens[s].end <= stop) s++;
    while (s < e && !good(s) && !(SLAVIC_ADJ.test(tokens[s].lower) && s + 1 < e && good(s + 1))) s++;
    if (s >= e) return undefined;
  }
  // "В Раменском городском округе власти сообщили": after a locative phrase, a lower-case group noun right before the
  // verb is the subject ("власти", "спасатели"); not an institution's head ("В пресс-службе президента")
  if (e - s >= 2 && s > 0 && /^(в|во|на|у)$/.test(tokens[s - 1].lower) && an.lexCover[e - 1] === 1 && !isCap(tokens[e - 1])
    && !INSTITUTION_HEAD.test(tokens[s].lower) && /\p{L}{2,}(е|и|і)$/u.test(tokens[e - 2].lower)) s = e - 1;
  // "Сотрудникам правоохранительных органов Асламбек сообщил": a dative plural opening the phrase is the addressee
  if (e - s >= 2 && /\p{L}{3,}(ам|ям)$/u.test(tokens[s].lower) && !an.lexCover[s]) {
    let k = s + 1;
    while (k < e && !isCap(tokens[k])) k++;
    if (k < e && k > s) s = k;
  }
  // "с президентом ОАЭ шейхом Мухаммедом … президент Сирии сказал": instrumental names before a title belong to a PP
  if (e - s >= 3 && /(ом|ем|ым|им)$/.test(tokens[s].lower)) {
    let k = s + 1;
    while (k < e && !an.lexCover[k]) k++;
    if (k < e && k > s && !/(ом|ем|ым|им)$/.test(tokens[k].lower)) s = k;
  }
  // "СМИ несколько раз сообщали": a frequency adverbial before the verb
  if (e - s >= 3 && /^(раз|рази)$/.test(tokens[e - 1].lower) && /^(несколько|много|не|ещё|еще|уже|кілька|багато|вже)$/.test(tokens[e - 2].lower)) e -= 2;
  // "На просьбу женщины вернуть деньги он твёрдо пообещал": a personal pronoun is the whole subject
  for (let k = e - 1; k > s; k--) {
    if (/^(он|она|оно|они|я|мы|вы|ты|він|вона|воно|вони|ми|ви)$/.test(tokens[k].lower)) { s = k; e = k + 1; break; }
  }
  // an oblique-case common noun next to the verb is an object ("министр журналистам сказал"): drop it
  while (e > s && !isCap(tokens[e - 1]) && !isPronoun(an, e - 1) && SLAVIC_OBLIQUE.test(tokens[e - 1].lower) && tokens[e - 1].text !== '»') e--;
  // a surname in the accusative/dative is an object: «Петрову обещали …», «Петренку пообіцяли …»
  while (e > s && isCap(tokens[e - 1]) && !an.lexCover[e - 1] && /^\p{Lu}\p{Ll}+(ов|ев|ёв|єв|ин|ын|ін|енк)у$/u.test(tokens[e - 1].text)) e--;
  if (e <= s) return undefined;
  // a sentence-initial capital does not make a name: "Курьерам напомнят …" (dative plural)
  if (e === s + 1 && e - 1 === sentenceStart(an, e - 1) && /(ам|ям|ами|ями)$/.test(tokens[e - 1].lower) && !an.lexCover[e - 1]) return undefined;
  // "Водителей предупреждают …", "Жителей призвали …": an accusative plural opening the sentence before a plural verb
  if (e === s + 1 && e - 1 === sentenceStart(an, e - 1) && /(ей|ов|ев|ан|ян)$/.test(tokens[e - 1].lower) && /(ют|ят|ли|ут|ат)$/.test(verbAfter)) return undefined;
  // "Потенциальных жертв предупреждают", "Жертве обещают": a genitive/dative opener before a plural verb
  if (s === sentenceStart(an, s) && /(ют|ят|ли|ут|ат)$/.test(verbAfter) && !an.lexCover[s]
    && (/\p{L}{3,}(ых|их)$/u.test(tokens[s].lower) || (e === s + 1 && /^\p{Lu}\p{Ll}{2,}[^аеёиоуыэюяіїє](е|ю)$/u.test(tokens[s].text) && !/(ане|яне)$/.test(tokens[s].lower)))) return undefined;
  // "Идею принять закон объяснили …", "Версию о поджоге рассматривают …": an accusative (or instrumental) singular in
  // -у/-ю opening the sentence before a plural verb is its object (no nominative plural ends so)
  if (s === sentenceStart(an, s) && /(ют|ят|ли|ут|ат)$/.test(verbAfter) && !an.lexCover[s]
    && /^\p{Lu}\p{Ll}{2,}[ую]$/u.test(tokens[s].text) && !ADVERB_U.test(tokens[s].lower) && !tokens.slice(s, e).some((t) => COORD_WORD.test(t.lower))) return undefined;
  // "Среди причин … называют", "Из-за погоды отменили": a phrase opened by a preposition is no subject ("в / на / у"
  // with an institution are handled by the caller: "В Кремле заявили")
  if (s === sentenceStart(an, s) && SLAVIC_PREP_NOT_PLACE.test(tokens[s].lower)) return undefined;
  // "Абсолютным слухом называют …": an instrumental opening the sentence
  if (s === sentenceStart(an, s) && /\p{L}{3,}(ым|ими|ыми)$/u.test(tokens[s].lower) && !an.lexCover[s]) return undefined;
  // "Голосом Арсения говорят герои …": an instrumental noun opening the sentence before a plural verb
  if (s === sentenceStart(an, s) && /^\p{Lu}\p{Ll}{2,}(ом|ем|ами|ями)$/u.test(tokens[s].text) && !an.lexCover[s]
    && /(ют|ят|ли|ут|ат)$/.test(verbAfter)) return undefined;
  if (e <= s) return undefined;
  if (e - s > 8) s = e - 8;
  return [s, e];
}

/** The first word of the sentence of token k (an emoji or a Markdown mark before it does not count). */
function sentenceStart(an: TextAnalysis, k: number): number {
  const [a, b] = an.sentTok[an.sentOf[k]];
  let s = a;
  while (s < b && !isWord(an.tokens[s])) s++;
  return s;
}

/**
 * «и / і / та» inside an organisation's name before a person's name: «глава центра эпидемиологии и микробиологии
 * Гинцбург». Only between lower-case words, when a capitalised word follows within three words.
 */
function orgConjunction(an: TextAnalysis, i: number, start: number, hi: number): boolean {
  const { tokens } = an;
  if (!/^(и|і|та)$/.test(tokens[i].lower) || i === start || isCap(tokens[i - 1]) || !isWord(tokens[i - 1])) return false;
  for (let k = i + 1; k < Math.min(hi, i + 6); k++) {
    const t = tokens[k];
    if (!isWord(t) || an.cueAt[k] >= 0 || an.lex.stopWords.has(t.lower) || an.quoteOf[k] >= 0) return false;
    if (isCap(t)) return k > i + 1;
  }
  return false;
}

/**
 * «по» inside a title or an organisation's name: «директор по маркетингу компании «…» Антон …», «совета по
 * исламской идеологии Пакистана» — after a lower-case noun, when a capitalised word (or a short quoted name) follows
 * within four words. Not «по телефону», «по словам».
 */
function titlePreposition(an: TextAnalysis, i: number, start: number, hi: number, afterName = false): boolean {
  const { tokens } = an;
  // "одна из сотрудниц", "один з військових", "некоторые из депутатов": a part of a group
  if (/^(из|з|із)$/.test(tokens[i].lower) && i > start && /^(один|одна|одно|одни|одного|одной|некоторые|многие|кто-то|двое|трое|один|одна|одне|одні|деякі|багато|хтось)$/.test(tokens[i - 1].lower)) {
    return isWord(tokens[i + 1] ?? { text: '' }) && !an.lex.stopWords.has(tokens[i + 1].lower) && an.cueAt[i + 1] < 0;
  }
  // "знакомый с ситуацией источник", "близкий к Кремлю собеседник"
  if (/^(с|со|к|ко|з|до)$/.test(tokens[i].lower) && i > start && /^(знаком|близк|приближенн|обізнан|наближен)/.test(tokens[i - 1].lower)) return true;
  // "боец с позывным «Элджей»", "боєць з позивним «…»"
  if (/^(с|з)$/.test(tokens[i].lower) && /^(позывным|позивним)$/.test(tokens[i + 1]?.lower ?? '') && i > start) return true;
  if (i > start + 1 && /^(позывным|позивним)$/.test(tokens[i].lower)) return true;
  if (!/^(по|з|із|при)$/.test(tokens[i].lower) || i === start || isCap(tokens[i - 1]) && tokens[i].lower !== 'при' && !afterName || !isWord(tokens[i - 1])) return false;
  if (/^(телефону|словам|мнению|данным|итогам|видеосвязи|поводу|просьбе|случаю|радио|телевидению|телефоні|словами|даними)$/.test(tokens[i + 1]?.lower ?? '')) return false;
  for (let k = i + 1; k < Math.min(hi, i + 8); k++) {
    const t = tokens[k];
    // ("по информационной политике и информационным проектам Вячеслав …": «и» between lower-case words)
    if (COORD_WORD.test(t.lower) && k > i + 1 && isWord(tokens[k - 1]) && !isCap(tokens[k - 1]) && isWord(tokens[k + 1] ?? { text: '' }) && !isCap(tokens[k + 1])) continue;
    // ("по правам ребенка в Москве Ольга Ярославская": a place inside the title, then the name)
    if (/^(в|во)$/.test(t.lower) && k > i + 1 && isCap(tokens[k + 1] ?? t) && isCap(tokens[k + 2] ?? t) && isWord(tokens[k + 2] ?? t)) continue;
    if (an.cueAt[k] >= 0 || (isWord(t) && an.lex.stopWords.has(t.lower))) return false;
    if (!isWord(t)) { if (/^["“„«]$/.test(t.text) && k > i + 1) return accept(an, k, start, hi); return false; }
    if (an.quoteOf[k] >= 0) return false;
    // ("при Верховном суде Владислав Иванов": after «при» an organisation's capitalised name comes first, then its
    // lower-case noun; "университете при Правительстве РФ" names no person after it)
    if (isCap(t)) {
      if (tokens[i].lower === 'при' && !tokens.slice(i + 1, k).some((x) => isWord(x) && !isCap(x))) continue;
      return k > i + 1;
    }
  }
  return false;
}

/**
 * «в» + a place inside a title before the person's name: «посол России в Осло Николай Корчунов» — a capitalised place
 * followed by at least two capitalised words.
 */
function placeBeforeName(an: TextAnalysis, i: number, start: number, hi: number): boolean {
  const { tokens } = an;
  if (!/^(в|во|у)$/.test(tokens[i].lower) || i === start || !tokens.slice(start, i).some((t, m) => an.lexCover[start + m] === 1 || (m === 0 && !isCap(t)))) return false;
  let k = i + 1;
  while (k < hi && k - i <= 4 && isWord(tokens[k]) && isCap(tokens[k]) && an.cueAt[k] < 0) k++;
  return k - (i + 1) >= 3;
}

/** The noun phrase starting at token `start`, not crossing `hi`. */
/** Where something was said ("в интервью", "в эфире"): never part of the speaker phrase after it. */
const SETTING = /^(интервью|інтерв'ю|інтерв’ю|эфире|ефірі|беседе|разговоре|розмові|программе|програмі|подкасте|студии|речи|промові|выступлении|виступі|обращении|зверненні|послании|посланні)$/;

export function npRight(an: TextAnalysis, start: number, hi: number): [number, number] | undefined {
  while (start < hi && /^[*_]$/.test(an.tokens[start].text)) start++;
  // "рассказал в интервью директор …", "заявил в эфире ведущий …": the setting is no part of the speaker
  // (the caller may have skipped «в» as the opener of an adverbial already)
  // ("в программной речи премьер-министр …": an adjective before the setting)
  // (only when a phrase follows: in "говорится в обращении." the setting is the source)
  {
    let s2 = start;
    if (an.lang !== 'en' && start + 1 < hi && /^(в|во|на)$/.test(an.tokens[start].lower) && SETTING.test(an.tokens[start + 1].lower)) s2 = start + 2;
    else if (an.lang !== 'en' && start + 2 < hi && /^(в|во|на)$/.test(an.tokens[start].lower) && /(ой|ей|ом|ем|ий|ый)$/.test(an.tokens[start + 1].lower) && SETTING.test(an.tokens[start + 2].lower)) s2 = start + 3;
    else if (an.lang !== 'en' && start + 1 < hi && start > 0 && /^(в|во|на)$/.test(an.tokens[start - 1].lower) && SETTING.test(an.tokens[start].lower)) s2 = start + 1;
    else if (an.lang !== 'en' && start + 2 < hi && start > 0 && /^(в|во|на)$/.test(an.tokens[start - 1].lower) && /(ой|ей|ом|ем|ий|ый)$/.test(an.tokens[start].lower) && SETTING.test(an.tokens[start + 1].lower)) s2 = start + 2;
    if (s2 < hi && isWord(an.tokens[s2])) start = s2;
  }
  // "сообщил в экстренные службы неизвестный", "рассказала в полицию …": «в» + an accusative is where it was sent
  {
    // (the caller may have skipped «в» already)
    const p = /^(в|во)$/.test(an.tokens[start]?.lower ?? '') ? start + 1 : start > 0 && /^(в|во)$/.test(an.tokens[start - 1].lower) ? start : -1;
    if (an.lang !== 'en' && p > 0 && p + 1 < hi && !isCap(an.tokens[p]) && /\p{L}{2,}(ую|юю|ые|ие|ию|ью|ку|ту|ду|бу)$/u.test(an.tokens[p].lower)) {
      let k = p;
      while (k < hi && k - p < 3 && isWord(an.tokens[k]) && !isCap(an.tokens[k])
        && (/\p{L}{2,}(ую|юю|ые|ие|ию|ью|у|ю)$/u.test(an.tokens[k].lower) || (k > p && /(ые|ие)$/.test(an.tokens[k - 1].lower) && /\p{L}{2,}[ыи]$/u.test(an.tokens[k].lower)))) k++;
      if (k < hi && k > p) start = k;
    }
  }
  // "зазначили в МЗС України", "заявили в Кремле": an institution as a location
  if (an.lang !== 'en' && start + 1 < hi && /^(в|у|во)$/.test(an.tokens[start].lower) && (isCap(an.tokens[start + 1]) || an.lexCover[start + 1])) start++;
  // "сказал в свое время историк X": a reflexive possessive never opens the subject; skip it with its noun
  if (an.lang !== 'en' && start + 2 < hi && /^(сво(й|е|ё|ей|им|ем|ём|ю|их|ими|ого|его)|свій|своє|своїм|свого)$/.test(an.tokens[start].lower)
    && isWord(an.tokens[start + 1]) && !isCap(an.tokens[start + 1])) start += 2;
  let i = start;
  let paren = 0;
  while (i < hi && i - start < MAX_NP) {
    const t = an.tokens[i];
    if (t.text === '(') paren++;
    else if (t.text === ')') { if (paren === 0) break; paren--; }
    // (after a title's organisation, «по» may go on: "зампред комитета Госдумы по экономической политике Сергей …")
    if (!accept(an, i, start, hi) && !(an.lang !== 'en' && (orgConjunction(an, i, start, hi) || titlePreposition(an, i, start, hi, true) || placeBeforeName(an, i, start, hi)))) break;
    // (a Russian/Ukrainian personal pronoun is a whole subject: "говорит она сквозь слезы")
    if (isPronoun(an, i) && i === start && (an.lang === 'en' || closesPhrase(an, i) || /^(он|она|оно|они|він|вона|воно|вони)$/.test(an.tokens[i].lower))) { i++; break; }
    i++;
  }
  let e = i;
  while (e > start && (an.tokens[e - 1].text === '(' || /^[*_]$/.test(an.tokens[e - 1].text) || (an.lang === 'en' && an.lex.determiners.has(an.tokens[e - 1].lower)))) e--;
  while (start < e && /^[*_]$/.test(an.tokens[start].text)) start++;
  if (e <= start) return undefined;
  // "вице-премьер, глава Аппарата Правительства РФ Дмитрий Григоренко": a title alone, then an apposition that names
  // the person — one speaker
  // ("министр цифрового развития, связи и массовых коммуникаций России Максут Шадаев": a comma inside the title)
  if (an.lang !== 'en' && e + 1 < hi && an.tokens[e].text === ',' && an.lexCover[start] === 1 && isWord(an.tokens[e + 1]) && !isCap(an.tokens[e + 1])
    && an.cueAt[e + 1] < 0 && an.tokens.slice(start, e).every((t) => !isCap(t) || /^\p{Lu}{2,}$/u.test(t.text))) {
    const more = npRight(an, e + 1, hi);
    if (more && more[1] - more[0] >= 2 && more[1] - more[0] <= 10 && isCap(an.tokens[more[1] - 1]) && isCap(an.tokens[more[1] - 2])) return [start, more[1]];
  }
  return [start, e];
}

// ------------------------------------------------------------------------------------------------------------------
// Resolution

/**
 * Resolves the phrase [s, e) to a speaker. Context descriptions ("analysts", "the report") and pronouns are returned
 * with kind 'context' / 'pronoun' for the caller to resolve against the reporter context and the mention history.
 */
export function resolvePhrase(an: TextAnalysis, registry: ActorRegistry, s: number, e: number): SpeakerRef | undefined {
  const { tokens, text } = an;
  if (s >= e) return undefined;
  const spanOf = (a: number, b: number) => ({ start: tokens[a].start, end: tokens[b - 1].end, text: text.slice(tokens[a].start, tokens[b - 1].end) });
  // 1. pronoun
  if (e - s === 1 && isPronoun(an, s)) {
    const p = an.lex.pronouns.get(tokens[s].lower)!;
    return { ...spanOf(s, e), kind: 'pronoun', person: p.kind !== 'org', gender: p.gender, plural: p.number === 'pl' };
  }
  // 2. registry: sub-spans ending at the phrase end first, then longest
  const maxW = Math.min(registry.maxAliasWords + 1, 7, e - s);
  // "the Institute for the Study of War (ISW)": the name ends before the parenthesis
  let eName = e;
  if (tokens[e - 1].text === ')') { let k = e - 1; while (k > s && tokens[k].text !== '(') k--; if (k > s) eName = k; }
  const cands: [number, number][] = [];
  for (let len = maxW; len >= 1; len--) {
    for (let a = e - len; a >= s; a--) if (isWord(tokens[a]) || tokens[a].text === '«') if (isWord(tokens[a + len - 1]) || tokens[a + len - 1].text === '»') cands.push([a, a + len]);
  }
  cands.sort((x, y) => (y[1] === eName ? 1 : 0) - (x[1] === eName ? 1 : 0) || (y[1] - y[0]) - (x[1] - x[0]) || y[0] - x[0]);
  let actorHit: { a: number; b: number; actor: Actor } | undefined;
  for (const [a, b] of cands) {
    // only spans that contain a capitalised word or a quote (names); titles alone are handled below
    let hasCap = false;
    for (let k = a; k < b; k++) if (isCap(tokens[k]) || /[«"“]/.test(tokens[k].text)) hasCap = true;
    if (!hasCap) continue;
    if (!isWord(tokens[a]) && tokens[a].text !== '«') continue;
    const actor = lookupActor(registry, text.slice(tokens[a].start, tokens[b - 1].end), an.lang);
    if (actor) { actorHit = { a, b, actor }; break; }
  }
  // titles and groups within the phrase
  let title: { a: number; b: number; type: ActorType; phrase: string } | undefined;
  let group: { a: number; b: number; type?: ActorType; context?: boolean; phrase: string } | undefined;
  for (let k = s; k < e; k++) {
    // inside a quoted name («Сводки с передовой Z», "The Washington Post") words are no titles or groups
    if (an.quoteOf[k] >= 0) continue;
    const g = an.lex.groups.matchAt(tokens, k, an.stems);
    if (g && k + g.len <= e && (!group || g.len > group.b - group.a)) group = { a: k, b: k + g.len, ...g.value };
    const t = an.lex.titles.matchAt(tokens, k, an.stems);
    // (Russian/Ukrainian titles lead their phrase: "глава Совета при президенте РФ … Фадеев" is a «глава»)
    // (nor a title after a preposition inside the phrase: "при президенте" is whom the council serves)
    const afterPrep = an.lang !== 'en' && k > s && /^(при|у|для|по|від|з|с|со)$/.test(tokens[k - 1].lower);
    if (t && !afterPrep && k + t.len <= e && (!title || t.len > title.b - title.a || (t.len === title.b - title.a && an.lang === 'en'))) title = { a: k, b: k + t.len, ...t.value };
  }
  // "Ural Mash", "Baza Live": a known name inside a longer unknown one of the same script is not that actor
  if (actorHit && an.lang !== 'en' && actorHit.a > s && isCap(tokens[actorHit.a - 1]) && isWord(tokens[actorHit.a - 1]) && !an.lexCover[actorHit.a - 1]
    && /^[A-Za-z]/.test(tokens[actorHit.a - 1].text) && /^[A-Za-z]/.test(tokens[actorHit.a].text) && actorHit.a - 1 !== sentenceStart(an, actorHit.a - 1)) actorHit = undefined;
  if (actorHit && an.lang !== 'en' && actorHit.a > s) {
    // "депутат Госдумы", "зампред комитета Госдумы", "администрация Джо Байдена": the actor in the genitive
    // qualifies the head noun before it; the speaker is that head (a deputy, the administration), not the actor
    const person = isPersonActor(actorHit.actor);
    const titleBefore = title && title.a < actorHit.a && title.a >= s && !SPOKES_TITLE.test(title.phrase);
    const headBefore = person && HEAD_NOUN.test(tokens[actorHit.a - 1].lower);
    // ("глава Совета при президенте РФ", "советник при президенте": a person after a preposition inside the phrase
    // is whom the body or adviser serves, not the speaker)
    const servedPerson = person && actorHit.a - 1 > s && /^(при|у|для|від)$/.test(tokens[actorHit.a - 1].lower)
      && tokens.slice(s, actorHit.a - 1).some((t) => isWord(t));
    if ((titleBefore && !person) || headBefore || servedPerson) actorHit = undefined;
  }
  // "сообщила РИА Новости официальный представитель МИД РФ Мария Захарова": an outlet opening the phrase is the one told
  if (an.lang !== 'en' && e - s >= 3) {
    for (const [a, b] of cands) {
      if (a !== s || b >= e || !isCap(tokens[a])) continue;
      const outlet = lookupActor(registry, text.slice(tokens[a].start, tokens[b - 1].end), an.lang);
      if (outlet && MEDIA_TYPE.test(outlet.type) && tokens.slice(b, e).some((t) => isWord(t))) {
        const rest = resolvePhrase(an, registry, b, e);
        if (rest) return rest;
      }
    }
  }
  if (actorHit && an.lang !== 'en' && MEDIA_TYPE.test(actorHit.actor.type) && actorHit.a > s
    && /^(источник|собеседник|представител|сотрудник|корреспондент|журналист|эксперт|аналитик|подписчик|читател|зрител|слушател|пользовател|джерел|співрозмовник|кореспондент|працівник|підписник|читач|глядач)/.test(tokens[actorHit.a - 1].lower)) {
    // "источник Би-би-си в Пентагоне", "собеседник РБК": the outlet's source speaks, not the outlet
    actorHit = undefined;
  }
  if (actorHit && an.lang !== 'en' && MEDIA_TYPE.test(actorHit.actor.type) && actorHit.a - 1 > s && ADDRESSEE_DATIVE.test(tokens[actorHit.a - 1].lower)) {
    // "сказал Грэм телеканалу Fox News": the outlet told; the phrase before it speaks
    const before = resolvePhrase(an, registry, s, actorHit.a - 1);
    if (before) return before;
  }
  if (actorHit && an.lang !== 'en' && MEDIA_TYPE.test(actorHit.actor.type) && actorHit.b < e && actorHit.b > s - 1
    && tokens.slice(actorHit.b, e).some((t) => isWord(t))) {
    // "заявил РИА Новости Марочко", "В разговоре с Mash молодой человек объяснил": an outlet followed by another
    // phrase is the addressee (dative) or part of a PP; the phrase after it speaks
    const rest = resolvePhrase(an, registry, actorHit.b, e);
    if (rest) return rest;
  }
  if (actorHit && an.lang !== 'en' && !isPersonActor(actorHit.actor) && actorHit.b < e) {
    // "военнослужащий ВСУ Павел", "сотрудник Минздрава Иван Петров", "член комитета Госдумы по информполитике Антон
    // Немкин": an organisation in the genitive before a person's name — the person speaks
    let r = e;
    while (r > actorHit.b && e - r < 3 && isWord(tokens[r - 1]) && isCap(tokens[r - 1]) && !an.lexCover[r - 1]) r--;
    const between = tokens.slice(actorHit.b, r);
    if (r < e && between.length <= 6 && between.every((t, m) => isWord(t) && !isCap(t) && an.cueAt[actorHit!.b + m] < 0)
      && (between.length === 0 || /^(по|при)$/.test(between[0].lower))) {
      const name = spanOf(r, e).text;
      return { ...spanOf(s, e), kind: 'name', name, person: true, gender: guessGender(name) };
    }
  }
  // "профильный комитет Госдумы по …", "фракция партии …": a unit of the organisation speaks, not the organisation
  // ("в комитете по экономической политике Госдумы": the unit's «по …» may stand between them)
  if (actorHit && an.lang !== 'en' && actorHit.a > s && !isPersonActor(actorHit.actor)) {
    let u = actorHit.a - 1;
    while (u > s && actorHit.a - u <= 5 && isWord(tokens[u]) && !isCap(tokens[u]) && !UNIT_NOUN.test(tokens[u].lower)) u--;
    if (UNIT_NOUN.test(tokens[u].lower) && (u === actorHit.a - 1 || /^(по|з)$/.test(tokens[u + 1].lower))) actorHit = undefined;
  }
  if (actorHit) {
    const { actor } = actorHit;
    let a = actorHit.a;
    if (title && title.b <= actorHit.a && title.a >= s) a = Math.min(a, title.a);
    // keep leading modifiers of the title ("Acting Kursk region governor") when they are part of the phrase
    if (title && a === title.a) a = s;
    // keep a determiner and a parenthesised abbreviation: "the Institute for the Study of War (ISW)"
    if (a > s && an.lex.determiners.has(tokens[a - 1].lower)) a--;
    let b = actorHit.b;
    if (b === eName && eName < e) b = e;
    const person = isPersonActor(actor);
    return {
      ...spanOf(a, b), kind: 'actor', actorId: actor.id, name: actor.name, type: actor.type, person,
      gender: person ? guessGender(actor.name) : undefined, title: title?.phrase,
    };
  }
  // 3. titled person with a name: capitalised tokens after (or before) the title
  if (title) {
    // the person's name: the last run of capitalised words after the title
    // ("Губернатор Бєлгородської області В'ячеслав Гладков" → "В'ячеслав Гладков")
    let nameA = -1, nameB = -1;
    for (let k = e - 1; k >= title.b; k--) {
      if (isCap(tokens[k]) && isWord(tokens[k]) && !an.lexCover[k]) { if (nameB < 0) nameB = k + 1; nameA = k; }
      else if (nameB >= 0) break;
    }
    // "представитель Банка России": capitalised words before a place are an organisation's name, not a person's
    if (nameB >= 0 && nameB < e && an.lang !== 'en' && tokens.slice(nameB, e).every((t) => isCap(t) && isWord(t))) nameA = nameB = -1;
    // "Президент Грузии Саломе Зурабишвили", "Офис генпрокурора Украины": a place in the genitive is not the name
    while (nameA >= 0 && nameA < nameB && isPlaceLike(tokens[nameA].text) && (nameB - nameA > 2 || nameB - nameA === 1)) nameA++;
    // "министр Франции Лекорню", "глава Сбера Станислав Кузнецов": an organisation or place in the genitive before
    // the name (a first name and patronymic stay: "Мария Петровна Захарова"; short Asian names stay: "Юн Сок Ёль")
    while (an.lang !== 'en' && nameA >= 0 && nameB - nameA >= 2 && genitiveBeforeName(tokens.slice(nameA, nameB).map((t) => t.text))
      && !lookupActor(registry, text.slice(tokens[nameA].start, tokens[nameB - 1].end), an.lang)) nameA++;
    if (nameA >= nameB) nameA = -1;
    const named = nameA >= 0;
    const name = named ? text.slice(tokens[nameA].start, tokens[nameB - 1].end) : undefined;
    if (named) {
      return { ...spanOf(s, nameB), kind: 'title', name, type: title.type, person: true, gender: guessGender(name!), title: title.phrase };
    }
    // a title alone: a definite description ("the governor") unless it is a group phrase
    // "представитель правительства Германии": a title before a group in the genitive is one person of it (with no
    // title to resolve: the nearest official of the same type is not that spokesman)
    if (group && an.lang !== 'en' && title.b <= group.a) return { ...spanOf(s, e), kind: 'description', type: title.type, person: true };
    if (!group) return { ...spanOf(s, e), kind: 'description', type: title.type, person: true, title: title.phrase, plural: /s$/.test(tokens[title.b - 1].lower) && an.lang === 'en' };
  }
  if (group) {
    if (group.context) return { ...spanOf(s, e), kind: 'context', person: false, plural: true };
    return { ...spanOf(s, e), kind: 'group', name: spanOf(s, e).text.replace(/^(the|these|those)\s+/i, ''), type: group.type, person: false, plural: true };
  }
  // 4. a capitalised name we do not know
  let capA = -1, capB = -1;
  for (let k = s; k < e; k++) {
    if (isCap(tokens[k]) && isWord(tokens[k]) && !an.lex.determiners.has(tokens[k].lower)) { if (capA < 0) capA = k; capB = k + 1; }
  }
  if (capA >= 0) {
    const span = spanOf(s, e);
    // Slavic organisation names mix cases ("Сирийский центр мониторинга"): keep the rest of the phrase
    const nmEnd = an.lang === 'en' ? capB : e;
    const raw = text.slice(tokens[capA].start, tokens[nmEnd - 1].end).replace(/[’']s$/u, '');
    // an outlet's quoted name is its name: канал «Грань фронта» → Грань фронта
    const nm = OUTLET_NOUN.test(tokens[capA - 1]?.lower ?? '') || /^[«"„“]/.test(tokens[capA - 1]?.text ?? '') ? raw.replace(/^[«"„“]+|[»"“”]+$/gu, '') : raw;
    const words = nm.split(/\s+/);
    // "полиции Омска", "жители Раменского": a lower-case head before a place in the genitive — the whole phrase names it
    if (an.lang !== 'en' && words.length === 1 && capA > s && capA === e - 1 && !/^\p{Lu}{2,}$/u.test(words[0])
      && (/(ска|цка)$/.test(words[0]) || PLACE_INSTITUTION.test(tokens[s].lower))) return { ...span, kind: 'name', name: span.text, person: false };
    // (or a description ending in one surname: "директор центра Гинцбург", "боец … Павел")
    // ("ее мать Виктория", "потерпевшая Мария": after a person noun, a first name in -ия is no place)
    const described = an.lang !== 'en' && words.length === 1 && capA > s && capA === e - 1 && !ORG_WORDS.test(nm)
      && (!isPlaceLike(words[0]) || PERSON_HEAD.test(tokens[capA - 1].lower));
    const person = described || (words.length >= 2 && words.length <= 4 && !ORG_WORDS.test(nm) && !/^\p{Lu}{2,}$/u.test(words[0]));
    return { ...span, kind: 'name', name: nm, person, gender: person ? guessGender(nm) : undefined };
  }
  // 5. an unknown lower-case description ("sources", "a spokesman")
  const span = spanOf(s, e);
  if (!tokens.slice(s, e).some((t) => isWord(t))) return undefined;
  return { ...span, kind: 'description', person: false, plural: an.lang === 'en' && /s$/.test(tokens[e - 1].lower) };
}
