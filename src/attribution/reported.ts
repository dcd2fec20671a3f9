import type { ActorRegistry } from '../actors/registry.ts';
import type { Span } from '../model/attribution.ts';
import type { TextAnalysis, CueHit } from './analysis.ts';
import { isWord, isPunct, isCap, trimSpan, tokenAtOrAfter } from './analysis.ts';
import { npLeft, npRight, resolvePhrase, ADDRESSEE_DATIVE, OUTLET_NOUN, type SpeakerRef } from './speakers.ts';
import type { Quote } from './quotes.ts';
import { CLOSE_QUOTES, OPEN_QUOTES } from './quotes.ts';

/**
 * Cue frames: for each cue occurrence, find the speaker phrase and the content span.
 *  - verb:       "X said (on Friday) that C" · "C, X said" · "«C», — заявил X" · "X said: “C”" · "X accused Y of C"
 *                "Об этом заявил X" / "This was stated by X" (content = previous sentence) · ", accusing Y of C"
 *                "… and reiterated claims that C" (coordination: same speaker)
 *  - prep:       "according to X, C" · "C, according to X" · "по словам X, C" · "за словами X, C"
 *  - impersonal: "сообщается, что C" · "it was reported that C" (no speaker, or "в докладе X")
 *  - passive:    "This is stated in a report by X"
 *  - noun:       "X's claims that C" · "their claims that C"
 * Continuation quotes ("“A,” he said. “B.”") reuse the previous speaker.
 */
export interface RawAttribution {
  cue: Span & { hit?: CueHit };
  cueClass: CueHit['entry']['class'];
  speakerTok?: [number, number];
  speaker?: SpeakerRef;
  /** Speaker taken from another attribution (coordination, continuation). */
  sameSpeakerAs?: number;
  /** Possessive pronoun / clause subject to resolve ("their claims"). */
  implicit?: boolean;
  content: Span;
  direct: boolean;
  weak: boolean;
  /** Tokens [a, b) of the content (for nesting and date search). */
  contentTok: [number, number];
  /** Token range of the cue clause that is not content (speaker + cue + adverbials) — where its date is. */
  frameTok: [number, number];
  anaphoric?: boolean;
}

const COORD = new Set(['and', 'but', 'и', 'а', 'но', 'і', 'й', 'та', 'але']);
const THAT = new Set(['that', 'что', 'що', 'чтобы', 'щоб', 'будто', 'ніби']);
const PREPS_EN = new Set(['in', 'on', 'at', 'during', 'after', 'before', 'to', 'via', 'with', 'without', 'from', 'for', 'through', 'while', 'speaking', 'writing', 'according', 'earlier', 'later', 'last', 'this', 'late', 'early', 'amid', 'despite', 'over', 'again', 'repeatedly', 'publicly', 'privately', 'falsely', 'baselessly', 'wrongly', 'once', 'also', 'yesterday', 'today', 'tonight', 'recently', 'previously', 'separately']);
const TELL = new Set(['tell', 'ask', 'warn', 'urge', 'assure', 'reassure', 'inform', 'remind', 'accuse', 'blame', 'charge', 'question', 'call', 'promise', 'convince', 'persuade', 'advise', 'notify', 'brief', 'caution', 'show', 'find']);
const ANAPHOR_START = new Set(['this', 'that', 'it', 'об', 'о', 'про', 'це', 'это', 'такі', 'такие', 'подобные', 'ці', 'эти', 'such', 'these']);
const ANAPHOR_WORD = new Set(['this', 'этом', 'том', 'це', 'цьому', 'том', 'that', 'such', 'these']);
const POSSESSIVE = new Set(['his', 'her', 'their', 'its', 'его', 'ее', 'её', 'их', 'його', 'її', 'їхні', 'їхня', 'їхній', 'свои', 'свої']);

function isDash(t: { text: string } | undefined): boolean {
  return !!t && /^[—–-]$/.test(t.text);
}

function isSentenceEnd(t: { text: string } | undefined): boolean {
  return !!t && /^[.!?…]$/.test(t.text);
}

function isOpenQuoteTok(an: TextAnalysis, k: number): Quote | undefined {
  const t = an.tokens[k];
  if (!t || !OPEN_QUOTES.includes(t.text)) return undefined;
  return an.quotes.find((q) => q.start === t.start && q.depth === 0) ?? an.quotes.find((q) => q.start === t.start);
}

function isCloseQuoteTok(an: TextAnalysis, k: number): Quote | undefined {
  const t = an.tokens[k];
  if (!t || !CLOSE_QUOTES.includes(t.text)) return undefined;
  return an.quotes.find((q) => q.end === t.end && q.depth === 0) ?? an.quotes.find((q) => q.end === t.end);
}

function wordCount(an: TextAnalysis, a: number, b: number): number {
  let n = 0;
  for (let k = a; k < b; k++) if (isWord(an.tokens[k])) n++;
  return n;
}

function skipAdverbsLeft(an: TextAnalysis, j: number, lo: number, markdown = false): number {
  while (j >= lo) {
    const t = an.tokens[j];
    // with `markdown`, also emphasis marks between a subject and its verb: "Депутат **призвал …**"
    if (an.dateOf[j] >= 0 || an.lex.adverbs.has(t.lower) || (markdown && /^[*_]+$/.test(t.text))) { j--; continue; }
    // English contraction "n't" is inside the token; also skip "on"/"in" that open a date ("on Friday")
    if ((t.lower === 'on' || t.lower === 'in' || t.lower === 'в' || t.lower === 'у') && j + 1 < an.tokens.length && an.dateOf[j + 1] >= 0) { j--; continue; }
    break;
  }
  return j;
}

const SUBORDINATOR = /^(поскольку|потому|так как|ведь|хотя|если|оскільки|бо|тому|адже|хоча|якщо|because|since|although|while)$/;
const OBLIQUE_PRONOUN = /^(мне|нам|вам|тебе|ей|им|ним|нему|ней|нею|его|ее|её|их|него|нее|неё|них|мені|їй|їм|нею|тобі|його|її|їх|нього|неї)$/;
/** Verbs whose content is an infinitive clause right after them (призвать делать, пообещать сделать). */
const INFINITIVE_CUES = new Set(['призвать', 'пообещать', 'обещать', 'предложить', 'потребовать', 'закликати', 'пообіцяти', 'запропонувати', 'вимагати']);
/** Head nouns of an apposition after a source's name ("…, генерального директора компании X, …"). */
const APPOSITION_HEAD = /^(генеральн|директор|председател|глав|руководител|министр|замест|президент|губернатор|мэр|депутат|сенатор|посл[ао]|пресс-секретар|официальн|представител|основател|владел|профессор|советник|командир|начальник|голов|керівник|міністр|заступник|речник|засновник|радник)/;
const SLAVIC_PREP = /^(в|во|на|по|с|со|у|из|за|о|об|обо|про|к|ко|от|для|при|после|из-за|до|над|под|між|від|із|зі|з)$/;

/**
 * The subject before a chain of prepositional phrases that ends at `prep` (a preposition): walks left over
 * "prep + words" up to 20 tokens, without crossing punctuation or a quote, and returns the phrase before the first
 * preposition when it opens the clause (sentence start, comma, conjunction, date or adverb before it).
 */
function subjectBeforePPs(an: TextAnalysis, prep: number, sLo: number): [number, number] | undefined {
  const { tokens } = an;
  for (let p = prep; p >= sLo && prep - p <= 20; p--) {
    const t = tokens[p];
    // (a short quoted name in the subject: «Жители ЖК "Валентиновка парк" в Королёве …»)
    if (/^["«»“”„]$/.test(t.text) || (an.quoteOf[p] >= 0 && an.quotes[an.quoteOf[p]].words <= 4)) continue;
    if (!isWord(t) || an.quoteOf[p] >= 0) return undefined;
    if (!SLAVIC_PREP.test(t.lower)) continue;
    const l = npLeft(an, skipAdverbsLeft(an, p - 1, sLo) + 1, sLo);
    if (!l) continue;
    // "Вслед за министром …", "Вместе с …": a compound preposition's first word is no subject
    if (l[1] - l[0] === 1 && COMPOUND_PREP_HEAD.test(tokens[l[0]].lower)) return undefined;
    const before = l[0] - 1;
    // (or a capitalised word the phrase was cut before: "Главный | редактор газеты … Хашиг")
    // (or a complementiser: "…, что глава ЦБ на встрече … пообещала")
    if (before < sLo || !isWord(tokens[before]) || COORD.has(tokens[before].lower) || THAT.has(tokens[before].lower) || an.dateOf[before] >= 0 || an.lex.adverbs.has(tokens[before].lower)
      || (isCap(tokens[before]) && !SLAVIC_PREP.test(tokens[before].lower))) return l;
  }
  return undefined;
}

function skipAdverbsRight(an: TextAnalysis, k: number, hi: number): number {
  while (k < hi) {
    const t = an.tokens[k];
    // "призвали не запрещать …": the negation belongs to the content
    if (t.lower === 'не' || t.lower === 'ні') break;
    if (an.dateOf[k] >= 0 || (an.lex.adverbs.has(t.lower) && !an.lex.complementizers.has(t.lower))) { k++; continue; }
    if ((t.lower === 'on' || t.lower === 'in' || t.lower === 'в' || t.lower === 'у') && an.dateOf[k + 1] >= 0) { k++; continue; }
    break;
  }
  return k;
}

/** Extract raw attributions from cue frames and continuation quotes. */
export function frameAttributions(an: TextAnalysis, registry: ActorRegistry, opts: { weak?: boolean } = {}): RawAttribution[] {
  const out: RawAttribution[] = [];
  const bySentence = new Map<number, number[]>();
  const inserted: RawAttribution[] = [];
  for (let ci = 0; ci < an.cues.length; ci++) {
    const c = an.cues[ci];
    if (an.quoteOf[c.tok] >= 0) {
      // inside quoted speech, except the author's words inserted in a quote: «A, — сказал Лавров. — B»
      inserted.push(...insertedAuthor(an, registry, c));
      continue;
    }
    const s = an.sentOf[c.tok];
    const list = bySentence.get(s) ?? [];
    list.push(ci);
    bySentence.set(s, list);
  }
  // Noun cues ("their claims that", "Putin's statement that") are found separately.
  const nounCues = findNounCues(an);
  for (const [ni, nc] of nounCues.entries()) {
    const s = an.sentOf[nc.tok];
    const list = bySentence.get(s) ?? [];
    list.push(-1 - ni);
    bySentence.set(s, list);
  }

  for (let s = 0; s < an.sentences.length; s++) {
    const list = (bySentence.get(s) ?? []).sort((a, b) => tokOf(a) - tokOf(b));
    const [sLo, sHi] = an.sentTok[s];
    const inSentence: number[] = [];
    for (const ref of list) {
      const c = ref >= 0 ? an.cues[ref] : nounCues[-1 - ref];
      // (only the last attributions of the sentence are looked back at: a "sentence" of thousands of cues must not
      // make each frame read all the earlier ones — RELIABILITY.md B15)
      const recent = inSentence.length > RECENT_IN_SENTENCE ? inSentence.slice(-RECENT_IN_SENTENCE) : inSentence;
      const att = ref >= 0 ? frame(an, registry, c, sLo, sHi, out, recent) : nounFrame(an, registry, c, sLo, sHi);
      if (!att) continue;
      // belief/intent cues ("believes", "wants", "amplified") count only with a complement clause, unless asked
      if (att.weak && !opts.weak && !weakOk(an, att)) continue;
      if (ref >= 0 && CITING.test(c.entry.lemma)) citedContent(att, out, recent);
      // de-duplicate: one attribution per cue
      out.push(att);
      inSentence.push(out.length - 1);
    }
  }
  out.push(...inserted);
  continuationQuotes(an, out);
  return out;

  function tokOf(ref: number): number {
    return ref >= 0 ? an.cues[ref].tok : nounCues[-1 - ref].tok;
  }
}

/** Tokens [a, b) form an English apposition: "the Kremlin's spokesman", "a senior Russian diplomat", "Ukraine's envoy". */
function appositive(an: TextAnalysis, a: number, b: number): boolean {
  const { tokens } = an;
  if (b - a < 2) return false;
  const first = tokens[a].lower;
  if (!/^(the|a|an)$/.test(first) && !/['’]s$/.test(tokens[a].text) && !(isCap(tokens[a]) && /['’]s$/.test(tokens[a + 1]?.text ?? ''))) return false;
  for (let k = a; k < b; k++) if (an.cueAt[k] >= 0 && !an.lexCover[k]) return false;
  // it ends with a title or group word ("spokesman", "minister", "governor", "analyst")
  const last = tokens[b - 1];
  return an.lexCover[b - 1] === 1 || an.lex.npWords.has(last.lower);
}

/** Things one names without making a claim ("назвал пароль", "назвала имя", "назвав адрес"). */
const NAMED_THING = /^(пароль|имя|фамилию|адрес|номер|код|сумму|цифру|дату|кличку|псевдоним|ім'я|ім’я|прізвище|адресу|суму)$/;
/** Cues of reacting to something said (прокомментировать, ответить, відреагувати). */
const COMMENT_ON = /^(прокомментировать|ответить|отреагировать|прокоментувати|відповісти|відреагувати)$/;
/** News items a comment may be about ("новость", "информацию", "слухи", "новину", "чутки"). */
const NEWS_NOUN = /^(новост|информаци|слух|новин|інформаці|чутк|повідомленн|публікаці)/;

/** Cues that also mean "to see" (заметить, помітити). */
const PERCEPTION = new Set(['заметить', 'помітити', 'обнаружить', 'виявити']);

/** The clause before the cue opens with an adverbial participle ("Открыв файл, …", "Відкривши лист, …"). */
function perceptionClause(an: TextAnalysis, sLo: number, cueTok: number): boolean {
  let k = sLo;
  while (k < cueTok && !isWord(an.tokens[k])) k++;
  if (k >= cueTok || !/(ав|яв|ив|ыв|ув|ев|ов|вши|вшись|ши)$/.test(an.tokens[k].lower) || an.cueAt[k] >= 0) return false;
  for (let m = k + 1; m < cueTok; m++) if (an.tokens[m].text === ',') return true;
  return false;
}

const RECENT_IN_SENTENCE = 32;

export const CITING = /^(со ссылкой на|з посиланням на|посилаючись на|citing|quoting)$/;
/** Common nouns that name a source (after «со ссылкой на», «посилаючись на»). */
const SOURCE_NOUN = /^(близк|родствен|друз|сосед|коллег|родител|одноклассник|сослуживц|родич|сусід|колег|батьк|однокласник|источник|данн|сведени|документ|материал|собеседник|представител|сотрудник|эксперт|аналитик|очевид|свидетел|жител|знаком|осведомл|публикаци|сообщени|заявлени|отч[её]т|доклад|исследовани|расч[её]т|опрос|слова|власт|разведк|спецслужб|ведомств|министерств|пресс-служб|СМИ|сми|издани|газет|агентств|телеканал|канал|журнал|джерел|дан|відомост|співрозмовник|представник|працівник|експерт|аналітик|очевид|свідк|мешкан|поінформован|публікаці|повідомлен|заяв|звіт|доповід|дослідженн|опитуванн|влад|розвідк|відомств|міністерств|пресслужб|видан|агенці)/;

/**
 * "Об этом сообщил телеканал X со ссылкой на источники", "X reported C, citing sources": the sources said what the
 * report in the same clause says — its content, not the words of the clause.
 */
function citedContent(att: RawAttribution, out: RawAttribution[], inSentence: number[]): void {
  for (let k = inSentence.length - 1; k >= 0; k--) {
    const o = out[inSentence[k]];
    if (o.cue.hit?.entry.frame === 'prep' || o.cue.end > att.cue.start) continue;
    if (o.content.start <= att.cue.start && att.cue.end <= o.content.end) continue;
    att.content = o.content;
    att.contentTok = o.contentTok;
    att.direct = o.direct;
    return;
  }
}

function weakOk(an: TextAnalysis, r: RawAttribution): boolean {
  const before = an.text.slice(Math.max(r.cue.end, r.content.start - 12), r.content.start).toLowerCase();
  return r.content.start > r.cue.end && /\b(that|что|що)\b|, что|, що/.test(before);
}

function contentFrom(an: TextAnalysis, a: number, b: number): Span | undefined {
  if (a >= b) return undefined;
  const sp = trimSpan(an.text, an.tokens[a].start, an.tokens[b - 1].end, /[\s,;:—–\-]/);
  // drop sentence-final punctuation
  let { start, end } = sp;
  // a leading label ("**UPD:** …", "Срочно: …")
  const label = /^(\*\*)?(UPD|Upd|upd|Срочно|СРОЧНО|Важно|ВАЖНО|Молния|МОЛНИЯ)\s*:\s*(\*\*)?\s*/u.exec(an.text.slice(start, end));
  if (label && start + label[0].length < end) start += label[0].length;
  // a channel signature at the end ("… года. @banksta")
  const sig = /[.!?…]?\s+@\w+\s*$/u.exec(an.text.slice(start, end));
  if (sig && sig.index > 0) end = start + sig.index;
  while (end > start && /[.!?…\s]/.test(an.text[end - 1]) && !/[.!?…]/.test(an.text[end - 2] ?? '')) end--;
  if (end <= start) return undefined;
  return { text: an.text.slice(start, end), start, end };
}

function quoteContent(q: Quote, text: string): Span {
  let s = q.innerStart, e = q.innerEnd;
  // (and the Markdown marks around the words: "«__**__Им не удастся …»")
  while (s < e && /[\s*_]/.test(text[s])) s++;
  while (e > s && /[\s,.;:*_]/.test(text[e - 1]) && !/\.\./.test(text.slice(e - 3, e))) e--;
  return { text: text.slice(s, e), start: s, end: e };
}

function tokRangeOf(an: TextAnalysis, span: Span): [number, number] {
  const a = tokenAtOrAfter(an, span.start);
  let b = tokenAtOrAfter(an, span.end);
  if (b < an.tokens.length && an.tokens[b].start < span.end) b++;
  return [a, Math.max(a, b)];
}

function frame(
  an: TextAnalysis, registry: ActorRegistry, c: CueHit, sLo: number, sHi: number, out: RawAttribution[], inSentence: number[],
): RawAttribution | undefined {
  const { tokens, lang } = an;
  const entry = c.entry;
  const cueSpan: Span & { hit: CueHit } = { text: an.text.slice(c.start, c.end), start: c.start, end: c.end, hit: c };
  const base = { cue: cueSpan, cueClass: entry.class, weak: entry.weak };
  if (entry.frame === 'prep') return prepFrame(an, registry, c, sLo, sHi, base);

  // ---- "Как сообщалось в социальных сетях, C": the content follows the clause; its source, if any, is inside it
  if (entry.frame === 'impersonal' && lang !== 'en' && /^(как|як)$/.test(tokens[c.tok].lower)) {
    let k = c.tokEnd;
    while (k < sHi && tokens[k].text !== ',' && k - c.tokEnd < 15) k++;
    if (k < sHi && tokens[k].text === ',') {
      const after = contentAfterClause(an, k, sHi, c);
      if (!after) return undefined;
      const { a, content, contentTok } = after;
      let st = skipAdverbsRight(an, c.tokEnd, k);
      if (st < k && /^(в|во|на|у)$/.test(tokens[st].lower)) st++;
      const r = st < k ? npRight(an, st, k) : undefined;
      const speaker = r ? resolvePhrase(an, registry, r[0], r[1]) : undefined;
      const att: RawAttribution = { ...base, content, direct: false, contentTok, frameTok: [c.tok, a] };
      if (r && speaker) { att.speakerTok = r; att.speaker = speaker; } else att.implicit = true;
      return att;
    }
  }

  // ---- an infinitive is no statement made ("Хотя правильнее сказать — …", "может заявить"), nor is a sentence
  // ("осудили на 16 лет") or a contract ("заключили договоры")
  // (Ukrainian 3rd-person presents end in -ть too — «заявляють», «говорить», «вважають»: there only -ти/-тися/-тись is
  // an infinitive)
  if (lang !== 'en' && entry.frame === 'verb' && (lang === 'uk' ? /\p{L}{2,}(ти|тися|тись)$/u : /\p{L}{2,}(ть|ться|ти|тися)$/u).test(tokens[c.tok].lower) && !/\s/.test(c.entry.lemma)) return undefined;
  if (lang !== 'en' && /^(осудить|засудити)$/.test(entry.lemma) && /^(на|к|до)$/.test(tokens[c.tokEnd]?.lower ?? '')) return undefined;
  if (lang !== 'en' && /^(заключить|укласти)$/.test(entry.lemma) && c.tokEnd < sHi && /^(договор|соглашени|контракт|сделк|мир|угод|договір|под|під)/.test(tokens[c.tokEnd].lower)) return undefined;

  // "Проще говоря: …", "Честно говоря, …": an idiom, not a statement
  if (lang !== 'en' && /^(говоря|кажучи)$/.test(tokens[c.tok].lower) && /^(проще|грубо|честно|иначе|короче|образно|откровенно|мягко|собственно|вообще|строго|простіше|чесно|інакше|коротше|власне)$/.test(tokens[c.tok - 1]?.lower ?? '')) return undefined;
  // ---- "Открыв файл, он заметил, что …", "Відкривши лист, він помітив, що …": after an action, заметить is seeing
  if (PERCEPTION.has(entry.lemma) && perceptionClause(an, sLo, c.tok)) return undefined;

  // ---- "As Ukrinform reported earlier, C" / "Как заявил Песков, C" / "Як повідомив X, C"
  {
    const asFrame = asClause(an, registry, c, sLo, sHi, base);
    if (asFrame !== null) return asFrame;
  }

  // ---- "назвав пароль «…»", "констатировали смерть", "добавил внутрь плов": naming a thing, pronouncing death and
  // adding an ingredient are no statements
  if (lang !== 'en' && c.tokEnd < sHi) {
    const next = tokens[skipAdverbsRight(an, c.tokEnd, sHi)]?.lower ?? '';
    if (/^(назвать|назвати)$/.test(entry.lemma) && NAMED_THING.test(next)) return undefined;
    if (/^(констатировать|констатувати)$/.test(entry.lemma) && /^(смерть|гибель|загибель)$/.test(next)) return undefined;
    if (/^(добавить|додати)$/.test(entry.lemma) && /^(внутрь|туда|сверху|всередину|туди|зверху)$/.test(tokens[c.tokEnd].lower)) return undefined;
    // ("Симптомы напоминают вирус Коксаки: …": to resemble; "напоминают: …", "напоминает о …", "напоминает, что …" remind)
    if (/^(напомнить|нагадати)$/.test(entry.lemma) && /(ает|ают|ює|юють)$/.test(tokens[c.tok].lower) && isWord(tokens[c.tok - 1] ?? { text: '' }) && isWord(tokens[c.tokEnd]) && !isCap(tokens[c.tokEnd])
      && !/^(о|об|про|что|що|нам|вам|им|всем|жителям|людям|гражданам|громадянам|не)$/.test(next) && !an.lex.pronouns.has(next)) return undefined;
  }

  // ---- "предположили, о чём говорили X и Y": an indirect question about what was said quotes nothing
  if (lang !== 'en' && /^(говорить|сказать|заявить|казати|говорити|сказати)$/.test(entry.lemma)) {
    let k = c.tok - 1;
    while (k > sLo && c.tok - k <= 8 && tokens[k].text !== ',' && !/^(чём|чем|що)$/.test(tokens[k].lower)) k--;
    if (/^(чём|чем|що)$/.test(tokens[k]?.lower ?? '') && /^(о|об|про)$/.test(tokens[k - 1]?.lower ?? '')) return undefined;
  }

  // ---- "Так он прокомментировал новость X о том, что C", "відреагував на повідомлення про те, що C": C is what the
  // news said, not the comment
  if (lang !== 'en' && COMMENT_ON.test(entry.lemma)) {
    let k = skipAdverbsRight(an, c.tokEnd, sHi);
    if (k < sHi && /^(на)$/.test(tokens[k].lower)) k++;
    // (unless the comment itself follows: "прокомментировал высказывания Ланзы так: «…»")
    if (k < sHi && (an.lex.contentNouns.has(tokens[k].lower) || an.lex.reportNouns.has(tokens[k].lower) || NEWS_NOUN.test(tokens[k].lower))
      && !tokens.slice(k, sHi).some((t, m) => t.text === ':' || (an.quoteOf[k + m] >= 0 && an.quotes[an.quoteOf[k + m]].words >= 4))) return undefined;
  }

  // ---- left side: adverbs, then a subject phrase
  let j = skipAdverbsLeft(an, c.tok - 1, sLo);
  // "C, об этом сообщила газета X", "C, про це повідомив X": an inverted cue after "about this"
  if (lang !== 'en' && j - 2 > sLo && j === c.tok - 1 && /^(этом|том|це|цьому)$/.test(tokens[j].lower) && /^(об|о|про)$/.test(tokens[j - 1].lower) && tokens[j - 2].text === ',') j -= 2;
  // "Песков, в свою очередь, заявил", "DeepState, в частности, отмечает": a parenthetical set off by commas between
  // the subject and its verb (not an inverted cue: the phrase before it must have no verb of its own —
  // "Цены вырастут, в частности, отмечают аналитики")
  if (lang !== 'en' && j > sLo + 2 && tokens[j].text === ',') {
    let k = j - 1;
    while (k > sLo && isWord(tokens[k]) && j - k <= 4) k--;
    const par = k > sLo && tokens[k].text === ',' ? an.lex.parentheticals.matchAt(tokens, k + 1) : undefined;
    if (par && k + 1 + par.len === j) {
      const l = npLeft(an, k, sLo);
      const opens = l && !tokens.slice(sLo, l[0]).some((t) => isWord(t));
      const verbless = l && tokens.slice(l[0], l[1]).every((t, m) => isCap(t) || an.lexCover[l[0] + m] || !finiteVerbLike(t.lower));
      if (l && opens && verbless) j = k - 1;
    }
  }
  // English parenthetical between subject and verb: "Putin, speaking on Friday, said"
  if (j >= sLo && tokens[j].text === ',' && lang === 'en') {
    let k = j - 1;
    while (k > sLo && tokens[k].text !== ',') k--;
    if (k > sLo && tokens[k].text === ',' && (PREPS_EN.has(tokens[k + 1]?.lower ?? '') || /^(citing|quoting)$/.test(tokens[k + 1]?.lower ?? '')) && j - k < 15) {
      const l = npLeft(an, k, sLo);
      if (l) j = k - 1;
    } else if (k > sLo && tokens[k].text === ',' && j - k <= 9 && appositive(an, k + 1, j)) {
      // an apposition after a name: "Dmitry Peskov, the Kremlin's spokesman, said …" — the name is the subject
      const l = npLeft(an, k, sLo);
      if (l && isCap(tokens[l[0]]) && tokens.slice(l[0], l[1]).every((t) => isCap(t) || !isWord(t))) j = k - 1;
    }
  }
  let left = entry.frame === 'verb' ? npLeft(an, j + 1, sLo) : undefined;
  if (!left && entry.frame === 'verb') {
    // Markdown emphasis between the subject and its verb: "Депутат **призвал …**" (only for the subject: a mark
    // before a verb inside reported content is no coordination with the cue)
    const jm = skipAdverbsLeft(an, c.tok - 1, sLo, true);
    const lm = jm !== j ? npLeft(an, jm + 1, sLo) : undefined;
    if (lm) { left = lm; j = jm; }
    // "**C,** сообщил X": the emphasis closes after the comma of an inverted attribution
    else if (jm !== j && jm >= sLo && (tokens[jm].text === ',' || isDash(tokens[jm]))) j = jm;
  }
  // "Трамп в свойственной ему манере заявлял", "Местные власти в Тульской области призвали", "Путин в ответ на вопрос
  // о … на Украине заявил": a prepositional phrase before the verb is not its subject; the subject is the phrase
  // before the chain of PPs (without one, a plural verb takes the institution as the speaker: "В Кремле заявили")
  // "Взятие Масады называют …", "Задержание подтвердили в правительстве": a singular -ние/-ие/-ство noun before a
  // plural verb is its object, not its subject
  if (left && lang !== 'en' && /(ли|ют|ят|ут|ат)$/.test(tokens[c.tok].lower) && /\p{L}{3,}(ние|тие|ство|ння|ття)$/u.test(tokens[left[0]].lower)
    && !tokens.slice(left[0], left[1]).some((t) => /(ы|и|і)$/.test(t.lower) && isCap(t))) {
    const after = c.tokEnd < sHi && /^(в|во|у)$/.test(tokens[c.tokEnd].lower) ? npRight(an, c.tokEnd + 1, sHi) : undefined;
    if (!after) return undefined;
    const speaker = resolvePhrase(an, registry, after[0], after[1]);
    const content = contentFrom(an, left[0], left[1]);
    if (!speaker || !content) return undefined;
    return { ...base, speakerTok: after, speaker, content, direct: false, contentTok: [left[0], left[1]], frameTok: [c.tok, after[1]] };
  }
  // "представитель правительства Германии на пресс-конференции заявил": a PP of lower-case words right before the
  // verb leaves no phrase there; the subject is before it
  if (!left && entry.frame === 'verb' && lang !== 'en') {
    let p = j;
    // (not across «и»: "Мальчик сам пришел в отдел и рассказал" coordinates two verbs)
    while (p > sLo && j - p < 4 && isWord(tokens[p]) && !isCap(tokens[p]) && !SLAVIC_PREP.test(tokens[p].lower) && an.cueAt[p] < 0 && !COORD.has(tokens[p].lower)) p--;
    if (p > sLo && p < j && SLAVIC_PREP.test(tokens[p].lower) && !/^(об|о|про)$/.test(tokens[p].lower)) {
      const subject = subjectBeforePPs(an, p, sLo);
      if (subject) left = subject;
    }
  }
  // "В клубе SHOT заявили": an outlet after the institution's noun is the one told; the institution speaks
  if (left && lang !== 'en' && /(ли|ют|ят)$/.test(tokens[c.tok].lower)) {
    // (the noun may have been kept with the name, «клубе SHOT», or dropped before it)
    const noun = left[1] - left[0] >= 2 && !isCap(tokens[left[0]]) ? left[0] : left[0] - 1;
    // (not a broadcast: "В эфире РБК заявили" names no institution)
    if (noun > sLo && noun + 1 < left[1] && /^(в|во|на)$/.test(tokens[noun - 1].lower) && isWord(tokens[noun]) && !isCap(tokens[noun])
      && !/^(эфир|интервью|програм|передач|студи|трансляци|подкаст|шоу|бесед|разговор|материал|стать|публикаци)/.test(tokens[noun].lower)) {
      const told = resolvePhrase(an, registry, noun + 1, left[1]);
      if (told?.kind === 'actor' && told.type && /media|aggregator/.test(told.type) && told.start === tokens[noun + 1].start) left = [noun, noun + 1];
    }
  }
  let prepBefore = left && lang !== 'en' ? left[0] - 1 : -1;
  // "глава ЦБ на встрече с фракцией КПРФ пообещала": a name after an oblique noun ends a PP; the subject opens the
  // clause before it ("На встрече с президентом Путин заявил" has none there: Putin speaks)
  if (prepBefore - 1 > sLo && tokens.slice(left![0], left![1]).every((t) => isCap(t) || !isWord(t)) && isWord(tokens[prepBefore]) && !isCap(tokens[prepBefore])
    && /\p{L}{3,}(ей|ой|ом|ем|ами|ями|ах|ях)$/u.test(tokens[prepBefore].lower) && SLAVIC_PREP.test(tokens[prepBefore - 1].lower)) {
    // (only a titled subject: "Примерно три часа назад в местном УМВД сообщили", "Весь план … с приложениями
    // Зеленский пообещал" keep the name)
    const subject = subjectBeforePPs(an, prepBefore - 1, sLo);
    if (subject && (an.lexCover[subject[0]] || an.lex.pronouns.get(tokens[subject[0]].lower)?.noun)) prepBefore--;
  }
  // "на все вопросы пассажиров отвечает": a lone genitive plural kept next to the verb was the end of a PP
  if (prepBefore > sLo && !SLAVIC_PREP.test(tokens[prepBefore].lower) && left![1] - left![0] === 1 && !isCap(tokens[left![0]]) && /\p{L}{3,}(ов|ев|ёв)$/u.test(tokens[left![0]].lower)) {
    let k = prepBefore;
    while (k > sLo && prepBefore - k < 3 && isWord(tokens[k]) && !isCap(tokens[k]) && !SLAVIC_PREP.test(tokens[k].lower) && an.cueAt[k] < 0) k--;
    if (k < prepBefore && /^(на|в|во|с|со|от|из|за|по|к|ко|для|у|при)$/.test(tokens[k].lower)) prepBefore = k;
  }
  // "исследования из Китая и Австралии указывают": the PP holds coordinated names
  if (prepBefore > sLo && COORD.has(tokens[prepBefore].lower)) {
    let k = prepBefore - 1;
    while (k > sLo && prepBefore - k <= 3 && isWord(tokens[k]) && !SLAVIC_PREP.test(tokens[k].lower)) k--;
    prepBefore = k >= sLo && SLAVIC_PREP.test(tokens[k].lower) ? k : -1;
  }
  if (left && prepBefore >= sLo && SLAVIC_PREP.test(tokens[prepBefore].lower)) {
    let subject = subjectBeforePPs(an, prepBefore, sLo);
    // "Переизбранная на второй срок … Фон дер Ляйен заявила": a participle alone before the PPs is no subject; the
    // name after them is
    if (subject && subject[1] - subject[0] === 1 && !an.lexCover[subject[0]] && /\p{L}{3,}(нная|нный|вшая|вший|мая|мый|щая|щий|тая|тый)$/u.test(tokens[subject[0]].lower)
      && tokens.slice(left[0], left[1]).some((t) => isCap(t))) subject = undefined;
    // "женщина из Красноярского края", "пенсіонерка з Києва": where a person is from is part of who speaks
    if (subject && subject[1] === prepBefore && /^(из|із|з)$/.test(tokens[prepBefore].lower) && left[1] - left[0] <= 3
      && PERSON_NOUN.test(tokens[subject[1] - 1].lower)) left = [subject[0], left[1]];
    // "Владелица магазина на улице Генерала Шифрина Елена Кулагина рассказала": a description, a place, then the
    // person's name — one speaker
    else if (subject && /(л|ла|ет|ёт|ит)$/.test(tokens[c.tok].lower) && left[1] - left[0] >= 2
      && tokens.slice(left[1] - 2, left[1]).every((t) => isCap(t) && isWord(t) && !/(ии|ой|ого|ему|ом|ах|ам|ую|ом)$/.test(t.lower)) && !an.lexCover[left[1] - 1]
      && subject[1] - subject[0] <= 3 && tokens.slice(subject[0] + 1, subject[1]).every((t) => !isCap(t))
      && (an.lexCover[subject[0]] === 1 || PERSON_NOUN.test(tokens[subject[0]].lower) || /^(владел|лидер|руководител|основател|хозя|сотрудни|работни|представител|власни|засновни)/.test(tokens[subject[0]].lower))) left = [subject[0], left[1]];
    else if (subject) left = subject;
    else if (/(л|ла|ло|ет|ёт|ит|ив|ав|яв)$/.test(tokens[c.tok].lower)) {
      const l2 = npLeft(an, skipAdverbsLeft(an, prepBefore - 1, sLo) + 1, sLo);
      if (l2 && l2[1] - l2[0] === 1 && COMPOUND_PREP_HEAD.test(tokens[l2[0]].lower)) {
        // "Вслед за министром энергетики Зеленский назвал": the name after the compound preposition's object
        let k = left[1];
        while (k > left[0] && isCap(tokens[k - 1]) && isWord(tokens[k - 1])) k--;
        if (k < left[1]) left = [k, left[1]];
      } else if (l2) left = l2;
      else {
        // "На … форуме премьер-министр Никол Пашинян заявил": the subject starts at the title inside the phrase;
        // "На IV Конгрессе … рассказывает": with no title there, the PP is no subject
        let t = left[0] + 1;
        while (t < left[1] && !an.lex.titles.matchAt(tokens, t, an.stems)) t++;
        // "В интервью CNN Трамп рассказал", "В интервью изданию New York Post Путин заявил": a person named at the end
        // of the phrase is the subject
        if (t < left[1]) left = [t, left[1]];
        else if (!tokens.slice(sLo, prepBefore).some((x) => isWord(x))) {
          const person = personAtEnd(an, registry, left[0] + 1, left[1]);
          if (person < 0) return undefined;
          left = [person, left[1]];
        }
      }
    } else if (!/^(в|во|на|у)$/.test(tokens[prepBefore].lower)) {
      // a plural verb after "из / от / с …" + a name: no institution speaks there, and the subject is not a name
      return undefined;
    }
  }
  // (Ukrainian past tense ends in -в, "повідомив": its adverbial participles end in -вши / -ючи / -ячи)
  const participle = (lang === 'en' && /ing$/.test(tokens[c.tok].lower))
    || (lang === 'ru' && /(ив|ав|яв|вши|ючи|ячи|я)$/.test(tokens[c.tok].lower) && !/ся$/.test(tokens[c.tok].lower))
    || (lang === 'uk' && /(вши|ючи|ячи)$/.test(tokens[c.tok].lower));
  const prevIdx = (left ? left[0] : j + 1) - 1;

  // ---- a participle after a named agent: "pro-Kremlin voices, including … Khinshtein, accusing Y of …"
  let participleLeft = false;
  if (!left && participle && prevIdx > sLo && tokens[prevIdx].text === ',') {
    const l = npLeft(an, prevIdx, sLo);
    const ref = l ? resolvePhrase(an, registry, l[0], l[1]) : undefined;
    if (l && ref && ref.kind !== 'description' && (ref.person || ref.kind === 'actor' || ref.kind === 'group')) { left = l; participleLeft = true; }
  }
  // ---- coordination: "… and reiterated claims that …", ", adding that …"
  let coordWith: number | undefined;
  if (!left && prevIdx >= sLo && (COORD.has(tokens[prevIdx].lower) || (tokens[prevIdx].text === ',' && participle))) {
    for (let k = inSentence.length - 1; k >= 0; k--) {
      const prev = out[inSentence[k]];
      // (not when the previous content has a finite verb of its own before us: "утверждает: владелица просила … и
      // обещала …" — the coordination is inside that content)
      if (lang !== 'en' && prev.contentTok[0] > prev.cue.hit!.tok && prev.contentTok[0] < prevIdx
        && tokens.slice(prev.contentTok[0], prevIdx).some((t, m) => isWord(t) && !isCap(t) && /\p{L}{2,}(л|ла|ли|ло)$/u.test(t.lower) && an.cueAt[prev.contentTok[0] + m] < 0)) continue;
      if (prev.cue.end <= c.start && (prev.contentTok[1] >= prevIdx || prev.contentTok[0] >= c.tok
        // "…, рассказала РИА Новости одна из спасённых, добавив, что …": right after the previous speaker
        || (participle && prev.cue.hit !== undefined && prev.contentTok[1] <= prev.cue.hit.tok && tokens[prevIdx].text === ','
          && !tokens.slice(prev.cue.hit.tokEnd, prevIdx).some((t) => /^[,;:.!?]$/.test(t.text))))) { coordWith = inSentence[k]; break; }
    }
  }
  // participle after a comma: ", accusing Y of …" — the phrase before the comma is the speaker
  if (!left && coordWith === undefined && participle && prevIdx >= sLo && tokens[prevIdx].text === ',') {
    let l = npLeft(an, prevIdx, sLo);
    // "Ей написал незнакомец в Telegram, пообещав …": a phrase inside a PP is not who acts
    if (l && lang !== 'en' && l[0] > sLo && SLAVIC_PREP.test(tokens[l[0] - 1].lower)) return undefined;
    // "Raiffeisen окончательно покинул рынок Беларуси, объявив …": a clause before the comma — its subject speaks
    if (l && lang !== 'en') {
      const v = tokens.slice(l[0], l[1]).findIndex((t) => /^\p{Ll}{2,}(л|ла|ли|ло|лся|лась|лись|лось)$/u.test(t.text));
      if (v === 0) l = undefined;
      else if (v > 0) {
        let e = skipAdverbsLeft(an, l[0] + v - 1, l[0]) + 1;
        // (and an adverb in -о the lexicon lacks: "окончательно")
        while (e - 1 > l[0] && !isCap(tokens[e - 1]) && /\p{L}{4,}о$/u.test(tokens[e - 1].lower) && !/(ство|тво)$/.test(tokens[e - 1].lower)) e--;
        l = e > l[0] ? [l[0], e] : undefined;
      }
    }
    if (l) {
      // "pro-Kremlin voices, including Acting … Khinshtein, accusing": the named part after "including"
      left = l;
    } else {
      // the subject of the sentence (Russian/Ukrainian: up to its verb, "Сперва он втёрся …, рассказав")
      l = npRight(an, sLo, c.tok);
      if (l && lang !== 'en') {
        let e = l[0];
        // (or a present plural: "Сравнивают их с петухами, радуются, говоря …" has no subject)
        while (e < l[1] && !/^\p{Ll}{2,}(л|ла|ли|ло|лся|лась|лись|в|вся)$/u.test(tokens[e].text) && !/^\p{L}{3,}(ают|яют|уют|ывают|ивают|ят|ют)$/u.test(tokens[e].lower)) e++;
        l = e > l[0] ? [l[0], e] : undefined;
      }
      if (l) left = l;
    }
    if (!left) return undefined;
    participleLeft = true;
  }

  // ---- forward: complementiser / colon / quote after the cue
  const kStart = skipAdverbsRight(an, c.tokEnd, sHi);
  let contentStart = -1;
  let quoteFwd: Quote | undefined;
  let rightNp: [number, number] | undefined;
  {
    let k = kStart;
    const lemma = entry.lemma.split(' ')[0];
    const tellType = TELL.has(lemma) || lang !== 'en';
    let blocked = false;
    // "призвали РКН замедлить …, потому что …", "призвал не думать …, «иначе сбудется»": an infinitive-taking verb with
    // its object right after it has no complement further on
    const infinitiveObject = lang !== 'en' && INFINITIVE_CUES.has(entry.lemma) && kStart < sHi && isWord(tokens[kStart])
      && !an.lex.complementizers.has(tokens[kStart].lower) && an.quoteOf[kStart] < 0;
    for (; k < sHi && k - c.tokEnd <= 25 && !infinitiveObject; k++) {
      const t = tokens[k];
      // ("так что", "потому что", "тому що": a consequence or cause, not the complement of the cue)
      if (lang !== 'en' && THAT.has(t.lower) && /^(так|потому|тому|оттого)$/.test(tokens[k - 1]?.lower ?? '')) break;
      if (an.cueAt[k] >= 0 && k > kStart && !an.lexCover[k] && an.cues[an.cueAt[k]].entry.frame === 'verb') break;
      if (isSentenceEnd(t)) break;
      // "назвал это ошибкой и заверил, что …": a coordinated finite verb has its own complement
      if (lang !== 'en' && k > kStart && COORD.has(t.lower) && /^\p{Ll}{2,}(л|ла|ли|ло)$/u.test(tokens[k + 1]?.text ?? '')) break;
      // "признают проблему, но не знают, как …": a contrasting clause has its own verb
      if (lang !== 'en' && t.text === ',' && k > kStart && /^(но|а|однако|зато|але|проте|однак)$/.test(tokens[k + 1]?.lower ?? '')) break;
      if (an.lex.complementizers.has(t.lower) && an.quoteOf[k] < 0) {
        if (blocked) break;
        // "предупредила соседей о запуске, чтобы не …": a purpose clause after the object is not the content
        if (lang !== 'en' && /^(чтобы|щоб)$/.test(t.lower) && k > kStart + 2 && isWord(tokens[kStart])) break;
        // "объясняют повышение цен инфляцией …, особенно среди тех, кто …": a relative clause after the object
        if (lang !== 'en' && OBJECT_NOT_SPEECH.has(entry.lemma) && k > kStart + 1 && !THAT.has(t.lower) && isWord(tokens[kStart])
          && !tokens.slice(kStart, k).some((x) => /^(о|об|обо|про)$/.test(x.lower))) break;
        // "that" right after a noun in English is a relative pronoun, unless that noun is a content noun / object
        contentStart = THAT.has(t.lower) ? k + 1 : k;
        // "заметили, как …", "помітили, як …": seeing how something happens, not speech
        if (PERCEPTION.has(entry.lemma) && /^(как|як)$/.test(t.lower)) return undefined;
        // "герои таких фильмов, как «Оно»": «как» after «такой …» compares, it opens no content
        if (lang !== 'en' && /^(как|як)$/.test(t.lower) && tokens.slice(Math.max(kStart, k - 5), k).some((x) => /^так(ой|ая|ое|ие|их|им|ими|ого|ому|ую|ий|а|е|і)$/.test(x.lower))) return undefined;
        // Russian/Ukrainian "ли": "спросил, готова ли Россия" — the content starts after the comma
        if (t.lower === 'ли') contentStart = kStart;
        break;
      }
      if (t.text === ':') {
        contentStart = k + 1;
        // "назвала бессмыслицей разговоры о …: эти сценарии не обсуждаются", "предупреждают об опасности …: C": the
        // object before the colon is part of what was said (not an addressee: "рассказала Mash:", "заявил журналистам:")
        if (lang !== 'en' && k > kStart && k - kStart <= 12 && isWord(tokens[kStart]) && !isCap(tokens[kStart]) && !an.lexCover[kStart] && entry.class !== 'denial'
          && !an.lex.pronouns.has(tokens[kStart].lower) && !/^(нам|мне|им|ему|ей|вам|тебе|нам|мені|йому|їй)$/.test(tokens[kStart].lower)
          && (!SLAVIC_PREP.test(tokens[kStart].lower) || /^(о|об|обо|про)$/.test(tokens[kStart].lower))
          && !/\p{L}{2,}(у|ю|ам|ям|ому|ему)$/u.test(tokens[kStart].lower) && !tokens.slice(kStart, k).some((x) => an.lex.complementizers.has(x.lower))) contentStart = kStart;
        break;
      }
      // "сообщается об одном пострадавшем": the topic is what is reported
      if (entry.frame === 'impersonal' && lang !== 'en' && k === kStart && /^(о|об|обо|про)$/.test(t.lower)) { contentStart = k; break; }
      const q = isOpenQuoteTok(an, k);
      if (q) {
        // (not after a preposition: "передали в «Народный фронт»" names an addressee)
        // ("Бактерии передали «воспоминания» через поколения": a one- or two-word quote after an object verb is the object)
        if (lang !== 'en' && k === kStart && OBJECT_NOT_SPEECH.has(entry.lemma) && q.words <= 2 && /^\s*[\p{L}\p{N}]/u.test(an.text.slice(q.end, q.end + 3))) break;
        // ("C, сообщает «Медиазона» (…) со ссылкой на …": after an inverted cue, a short quote that ends the clause is
        // the outlet's name)
        if (lang !== 'en' && k === kStart && q.words <= 3 && c.tok > sLo && /^[,—–-]$/.test(tokens[c.tok - 1].text) && quotedNameEnds(an, q, sHi)) break;
        if ((k === kStart && !QUOTE_NOT_SPEECH.has(entry.lemma) && !(lang !== 'en' && k > 0 && SLAVIC_PREP.test(tokens[k - 1].lower)))
          || tokens[k - 1].text === ',' || tokens[k - 1].text === ':') { contentStart = k; quoteFwd = q; }
        break;
      }
      if (lang === 'en' && k === kStart && !tellType && isWord(t) && !PREPS_EN.has(t.lower) && !an.lexCover[k] && an.dateOf[k] < 0 && !an.lex.pronouns.has(t.lower)) {
        // "said the plan that…": a direct object; a later "that" is relative
        blocked = true;
      }
    }
    if (contentStart >= 0 && contentStart < sHi && tokens[contentStart].text === ',') contentStart++;
    // "Отвечая на вопрос …, президент РФ подчеркнул, все данные … прозрачны": a clause right after the comma, without
    // «что» (not a participle, a conjunction, a relative clause or another cue)
    if (lang !== 'en' && contentStart < 0 && left && kStart === c.tokEnd && kStart + 3 < sHi && tokens[kStart].text === ',') {
      const w = tokens[kStart + 1];
      if (isWord(w) && an.cueAt[kStart + 1] < 0 && an.quoteOf[kStart + 1] < 0 && !an.lex.actParticiples.has(w.lower) && !COORD.has(w.lower)
        && !/^(однако|но|а|котор|который|которая|которые|которое|якобы|в|при|по|после|добавив|отметив|подчеркнув|заявив|уточнив|пояснив|але|проте|який|яка|які|яке)$/.test(w.lower)
        && !/\p{L}{3,}(вши|вшись|ясь|ав|ив|яв|ув|ючи|ячи)$/u.test(w.lower)
        && wordCount(an, kStart + 1, sHi) >= 3
        // (and not after a dative addressee: "Бармену сказала, мол, …")
        && !(/\p{L}{3,}(у|ю|ам|ям)$/u.test(tokens[left[1] - 1].lower) && !NOMINATIVE_U.test(tokens[left[1] - 1].lower) && !an.lexCover[left[1] - 1]
          && resolvePhrase(an, registry, left[0], left[1])?.kind !== 'actor')
        && tokens.slice(kStart + 1, sHi).some((t) => !isCap(t) && (finiteVerbLike(t.lower) || /\p{L}{3,}(ны|ен|ена|ено)$/u.test(t.lower)))) contentStart = kStart + 1;
    }
    // inversion: "заявил Песков", "said Peskov" — a name right after the cue
    if (!left && coordWith === undefined) {
      // "сообщил изданию военнослужащий ВСУ Павел": the dative addressee before the speaker is not part of it
      const r0 = lang !== 'en' && kStart + 1 < sHi && ADDRESSEE_DATIVE.test(tokens[kStart].lower) && isWord(tokens[kStart + 1]) && !SLAVIC_PREP.test(tokens[kStart + 1].lower) ? kStart + 1 : kStart;
      let r = npRight(an, r0, sHi);
      // ("C, сообщает «Медиазона».": an outlet's quoted name alone; "C, рассказал «Ведомостям» источник …": the outlet
      // told, and the phrase after it speaks)
      const qn = !r && lang !== 'en' && contentStart < 0 ? isOpenQuoteTok(an, r0) : undefined;
      if (qn && qn.words <= 3 && /^[\s*_]*\p{Lu}/u.test(an.text.slice(qn.innerStart, qn.innerEnd))) {
        const qEnd = tokRangeOf(an, { start: qn.end, end: qn.end, text: '' })[0];
        if (quotedNameEnds(an, qn, sHi)) r = [r0, qEnd];
        else if (/(у|ю|ам|ям)$/.test(an.text.slice(qn.innerStart, qn.innerEnd).toLowerCase())) r = npRight(an, afterRemark(an, qEnd, sHi), sHi);
      }
      if (r && (lang !== 'en' || isCap(tokens[r[0]]) || an.lex.pronouns.has(tokens[r[0]].lower) || an.lex.determiners.has(tokens[r[0]].lower) || an.lexCover[r[0]])) rightNp = r;
    }
  }

  // "В Москве вовсю отмечают «Ночь историй»": a holiday's name right after отмечать is celebrated, not noted
  if (lang !== 'en' && /^(отмечать|отметить|відзначати|відзначити)$/.test(entry.lemma) && quoteFwd && contentStart === kStart && !(kStart > 0 && /^[,:—–-]$/.test(tokens[kStart - 1].text))
    && quoteFwd.words <= 4) return undefined;
  // "Сегодня отмечается День …": marked (celebrated), unless что / a colon / a quote follows at once
  if (lang !== 'en' && /^(отмечается|отмечалось|відзначається|відзначалося)$/.test(tokens[c.tok].lower) && !(contentStart >= 0 && contentStart <= kStart + 2)) return undefined;

  // "Кто находился за рулём — уточняется": still being established, not reported
  if (lang !== 'en' && /^(уточняется|выясняется|устанавливается|уточнюється|з'ясовується|встановлюється)$/.test(tokens[c.tok].lower) && contentStart < 0) return undefined;

  // ---- anaphoric content: "Об этом заявил Песков", "Про це заявив X", "This was stated by X"
  const sentStartLower = tokens[sLo]?.lower ?? '';
  const anaphoric = (ANAPHOR_START.has(sentStartLower) && c.tok - sLo <= 6 && tokens.slice(sLo, c.tok).some((t) => ANAPHOR_WORD.has(t.lower) || t.lower === 'это' || t.lower === 'це'))
    || (entry.frame === 'passive' && ANAPHOR_START.has(sentStartLower));

  // ---- passive / impersonal: the source follows "by" or "в докладе X"
  let sourceAfter: [number, number] | undefined;
  if (entry.frame === 'passive' || entry.frame === 'impersonal' || anaphoric) {
    for (let k = c.tokEnd; k < Math.min(sHi, c.tokEnd + 10); k++) {
      const l = tokens[k].lower;
      if (l === 'by' || (an.lex.reportNouns.has(l) && entry.frame !== 'verb')) {
        let k2 = k + 1;
        while (k2 < sHi && (an.lex.reportNouns.has(tokens[k2].lower) || an.lex.determiners.has(tokens[k2].lower) || tokens[k2].lower === 'of')) k2++;
        const r = npRight(an, k2, sHi);
        if (r) { sourceAfter = r; break; }
      }
      if (an.lex.complementizers.has(l) || tokens[k].text === ',' && k > c.tokEnd + 1) break;
    }
    if (!sourceAfter && entry.frame !== 'verb') {
      // "В докладе ISW говорится": the phrase before the cue
      const l = npLeft(an, j + 1, sLo);
      if (l && tokens.slice(l[0], l[1]).some((t, i) => isCap(t) && l[0] + i > sLo)) sourceAfter = l;
      // "В докладе говорится", "У звіті йдеться": an unnamed document is still the source
      else if (lang !== 'en' && j >= sLo + 1 && j - 1 >= sLo && an.lex.reportNouns.has(tokens[j].lower) && /^(в|во|у)$/.test(tokens[j - 1].lower)) sourceAfter = [j, j + 1];
      // "в нём говорится", "у ньому йдеться": a pronoun for the document
      else if (lang !== 'en' && j >= sLo + 1 && an.lex.pronouns.has(tokens[j].lower) && /^(в|во|у|на)$/.test(tokens[j - 1].lower)) sourceAfter = [j, j + 1];
    }
  }

  // "Об этом Naked Science рассказал историк …", "Об этом Москвачу рассказала директор …": an outlet between «об этом»
  // and the verb was told; the phrase after the verb speaks
  if (left && anaphoric && lang !== 'en' && c.tokEnd < sHi) {
    const told = resolvePhrase(an, registry, left[0], left[1]);
    const after = npRight(an, skipAdverbsRight(an, c.tokEnd, sHi), sHi);
    if (after && (((told?.kind === 'actor' && told.type && /media|aggregator/.test(told.type)) || ADDRESSEE_DATIVE.test(tokens[left[0]].lower)))) left = after;
  }
  // "Такое мнение в статье для РИА Новости выразил X": the phrase before the verb sits in a PP; the one after speaks
  if (left && lang !== 'en' && left[0] > sLo && /^(для|в|во|на|с|со|из|от|у|к|ко|по)$/.test(tokens[left[0] - 1].lower) && /(л|ла|ет|ит|ёт)$/.test(tokens[c.tok].lower)) {
    const after = npRight(an, skipAdverbsRight(an, c.tokEnd, sHi), sHi);
    if (after && (isCap(tokens[after[0]]) || an.lexCover[after[0]] || isCap(tokens[after[1] - 1])) && tokens.slice(after[0], after[1]).some((t) => isCap(t))) left = after;
  }
  let speakerTok: [number, number] | undefined = left ?? (coordWith === undefined ? rightNp : undefined);
  let toldOutlet = false;
  if (entry.frame === 'passive' || entry.frame === 'impersonal') speakerTok = sourceAfter;
  if (anaphoric && !left) speakerTok = sourceAfter ?? rightNp;

  // "сообщили ТАСС в правоохранительных органах", "рассказали Mash в МЧС": the outlet after a plural cue is the
  // addressee; the institution after «в» speaks
  // "как сообщили агентству в Верховном суде", "рассказали изданию": a dative addressee noun is never the speaker
  const addressee = lang !== 'en' && speakerTok && speakerTok === rightNp && speakerTok[1] - speakerTok[0] === 1
    && ADDRESSEE_DATIVE.test(tokens[speakerTok[0]].lower);
  // ("заявили в Белом доме в ответ на …": an institution is no outlet told)
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && /(ли|ют|ят|ут|ат)$/.test(tokens[c.tok].lower) && (isCap(tokens[speakerTok[0]]) || addressee)
    && speakerTok[1] + 1 < sHi && /^(в|во|у)$/.test(tokens[speakerTok[1]].lower)
    && (addressee || /media|aggregator/.test(resolvePhrase(an, registry, speakerTok[0], speakerTok[1])?.type ?? ''))) {
    const r2 = npRight(an, speakerTok[1] + 1, sHi);
    if (r2) speakerTok = r2;
  }

  // "…, цитирует пресс-релиз компании РБК", "цитирует слова министра ТАСС": the outlet at the end quotes; the quoted
  // document or person before it speaks
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && /^(цитировать|цитувати)$/.test(entry.lemma) && rightNp[1] - rightNp[0] >= 2) {
    for (let k = rightNp[0] + 1; k < rightNp[1]; k++) {
      const r = resolvePhrase(an, registry, k, rightNp[1]);
      if (r?.kind === 'actor' && r.type && /media|aggregator/.test(r.type) && r.start === tokens[k].start) {
        const a0 = /^(слова|слов|слів|заявление|заявления|заяву)$/.test(tokens[rightNp[0]].lower) && k - rightNp[0] >= 2 ? rightNp[0] + 1 : rightNp[0];
        speakerTok = [a0, k];
        break;
      }
    }
  }

  // "подробностей военные не сообщили: …": a negated cue reports nothing, unless a что-clause follows ("не исключил, что")
  if (lang !== 'en' && /^(не|ні)$/.test(tokens[c.tok - 1]?.lower ?? '') && (PERCEPTION.has(entry.lemma) || !(contentStart > 0 && THAT.has(tokens[contentStart - 1].lower)))) return undefined;

  // "передали застрявшим воду": a dative plural adjective or participle after the verb is whom it went to
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && !isCap(tokens[rightNp[0]]) && !an.lexCover[rightNp[0]] && /\p{L}{3,}(ым|им)$/u.test(tokens[rightNp[0]].lower)
    && !an.lex.pronouns.has(tokens[rightNp[0]].lower)) return undefined;
  // "говорил связно", "ответил резко": a lone lower-case adverb in -о after the verb is how, not who
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && rightNp[1] - rightNp[0] === 1 && !isCap(tokens[rightNp[0]]) && !an.lexCover[rightNp[0]]
    && /\p{L}{3,}о$/u.test(tokens[rightNp[0]].lower) && !/(ство|цтво|тво)$/.test(tokens[rightNp[0]].lower)) return undefined;
  // "распространила слухи, что …": a content noun after the verb is what was spread, not who spread it
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && !isCap(tokens[rightNp[0]]) && /^(слух|информаци|сведени|новост|версию|версии|мнени|заявлени|сообщени|факт|подробност|детал)/.test(tokens[rightNp[0]].lower)) return undefined;
  // "В офисе компании X, которой принадлежит лайнер, сообщили РИА Новости, что …": the outlet told; the phrase
  // before the relative clause speaks
  // ("Туристка …, объявлявшая голодовку, рассказала РИА Новости, что …": a past-tense verb tells the outlet too; a
  // present «сообщает РИА Новости, что …» is the outlet reporting)
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && !left && /(ли|л|ла|ло)$/.test(tokens[c.tok].lower) && rightNp[1] + 1 < sHi
    && ((tokens[rightNp[1]].text === ',' && THAT.has(tokens[rightNp[1] + 1].lower)) || an.lex.complementizers.has(tokens[rightNp[1]].lower))) {
    const told = resolvePhrase(an, registry, rightNp[0], rightNp[1]);
    if (told?.kind === 'actor' && told.type && /media|aggregator/.test(told.type) && told.start === tokens[rightNp[0]].start) {
      speakerTok = undefined;
      toldOutlet = true;
      // (skip relative and participle clauses between the subject and the verb: "В офисе компании X, которой
      // принадлежит лайнер, …", "Туристка X, объявлявшая голодовку, требуя компенсации, рассказала …")
      let k = prevIdx;
      while (k > sLo && tokens[k].text === ',') {
        let r = k - 1;
        while (r > sLo && tokens[r].text !== ',' && k - r < 14) r--;
        if (!(r > sLo && tokens[r].text === ',' && (/^(котор|яка|який|які|якої|якому|яким)/.test(tokens[r + 1]?.lower ?? '')
          || /\p{L}{3,}(вший|вшая|вшее|вшие|щий|щая|щее|щие|ясь|ая|уя|яя|ючи|ячи)$/u.test(tokens[r + 1]?.lower ?? '')))) break;
        k = r;
      }
      if (k < prevIdx) {
        const subj = npLeft(an, k, sLo);
        if (subj) { speakerTok = subj; left = subj; toldOutlet = false; }
      }
    }
  }
  // "«…», — цитирует судью портал Е1.RU": the quoted person before the quoting outlet speaks
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && /^(цитировать|цитувати)$/.test(entry.lemma) && !isCap(tokens[rightNp[0]])) {
    const k = tokens.slice(rightNp[0] + 1, Math.min(sHi, rightNp[0] + 6)).findIndex((t) => OUTLET_NOUN.test(t.lower));
    if (k >= 0) speakerTok = rightNp = [rightNp[0], rightNp[0] + 1 + k];
  }
  // "написал несколько книг", "передали пару …": a quantity after an object verb is its object
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && OBJECT_NOT_SPEECH.has(entry.lemma) && /^(несколько|много|пару|ряд|все|всё|немало|множество|кілька|багато)$/.test(tokens[rightNp[0]].lower)) return undefined;
  // "Кейсы комментируют эксперты …": a plain noun before the verb with a group after it — the group speaks about it
  if (lang !== 'en' && speakerTok && speakerTok === left && left[1] - left[0] === 1 && left[0] === sLo + 0 && !an.lexCover[left[0]] && /(ют|ят|ли)$/.test(tokens[c.tok].lower)) {
    const after = npRight(an, skipAdverbsRight(an, c.tokEnd, sHi), sHi);
    const kind = resolvePhrase(an, registry, left[0], left[1])?.kind;
    if (after && an.lexCover[after[0]] && (kind === 'description' || kind === 'name')) return undefined;
  }
  // "передали свои защитные механизмы …": a phrase opened by a reflexive possessive is the verb's object
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && /^(сво(й|я|е|ё|и|ю|его|ей|их|им|ими)|свій|своя|своє|свої|свою)$/.test(tokens[kStart]?.lower ?? '')) return undefined;
  // "ответил анекдотом, что …", "объяснили тем, что …": a lower-case instrumental after the verb is how, not who
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && !isCap(tokens[rightNp[0]]) && !an.lexCover[rightNp[0]]
    && /\p{L}{3,}(ом|ем|ём|ами|ями|ою|ею)$/u.test(tokens[rightNp[0]].lower) && !SLAVIC_PREP.test(tokens[rightNp[0] - 1]?.lower ?? '')) return undefined;
  // "назвал сектой", "назвали героем": after назвать, a lower-case noun is the predicate, not an inverted speaker
  if (lang !== 'en' && /^(назвать|назвати)$/.test(entry.lemma) && speakerTok && speakerTok === rightNp && !isCap(tokens[rightNp[0]]) && !an.lexCover[rightNp[0]]) return undefined;

  // a verb that also takes a plain object ("добавили ещё пару эпизодов по статьям"): an inverted speaker ends its clause
  // "…, — сообщили Москвачу.": a plural verb and a (singular) outlet ending the sentence — the outlet was told; the
  // source is unnamed
  if (addressee && speakerTok === rightNp) { speakerTok = undefined; toldOutlet = true; }
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && /(ли|ют|ят)$/.test(tokens[c.tok].lower) && (rightNp[1] >= sHi || isSentenceEnd(tokens[rightNp[1]]))) {
    const r = resolvePhrase(an, registry, rightNp[0], rightNp[1]);
    if (r?.kind === 'actor' && r.type && /media|aggregator/.test(r.type) && r.start === tokens[rightNp[0]].start) { speakerTok = undefined; toldOutlet = true; }
  }
  // (unless the phrase has a name or a title in it: "отметил первый зампредседателя комитета ГД по экологии")
  if (lang !== 'en' && OBJECT_NOT_SPEECH.has(entry.lemma) && speakerTok && speakerTok === rightNp && rightNp[1] < sHi
    && !tokens.slice(rightNp[0], rightNp[1]).some((t, m) => isCap(t) || an.lexCover[rightNp![0] + m] || an.lex.pronouns.has(t.lower))
    && ((!/^[,.;:!?…—–)"«»“”„*_-]$/.test(tokens[rightNp[1]].text) && !/^(в|во|на|у|и|і|та)$/.test(tokens[rightNp[1]].lower) && an.dateOf[rightNp[1]] < 0)
      // "написали жалобу в …": a single accusative noun; "написал обращение в …": a verbal noun
      || (rightNp[1] - rightNp[0] === 1 && /[ую]$/.test(tokens[rightNp[0]].lower))
      || /\p{L}{3,}(ние|ение|ання|ення)$/u.test(tokens[rightNp[0]].lower))) return undefined;

  // "подтвердила нашу информацию: «…»", "сказал министру": a lower-case phrase in -у/-ю after the verb is its object or
  // addressee (no nominative ends so, bar a few loanwords)
  // ("прокомментировала ситуацию Парастаева": the name after the object speaks)
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && !isCap(tokens[rightNp[0]]) && !an.lexCover[rightNp[0]]
    && !an.lex.pronouns.has(tokens[rightNp[0]].lower) && /\p{L}{2,}[ую]$/u.test(tokens[rightNp[0]].lower) && !NOMINATIVE_U.test(tokens[rightNp[0]].lower)
    && !/^(цитировать|цитувати)$/.test(entry.lemma)) {
    let k = rightNp[0] + 1;
    while (k < rightNp[1] && !isCap(tokens[k]) && !an.lexCover[k]) k++;
    if (k >= rightNp[1]) return undefined;
    speakerTok = rightNp = [k, rightNp[1]];
  }
  // "Ивана Петрова обвиняют в …": one person's name (-а/-я) before a plural verb is its object; an accusation then has
  // an unnamed source, anything else is no statement by that person
  // ("Дёмина обвиняют в …": a lone surname in -ова/-ина too)
  if (lang !== 'en' && speakerTok && speakerTok === left && /(ют|ят|ут|ат|ли)$/.test(tokens[c.tok].lower) && left[1] - left[0] <= 3
    && (left[1] - left[0] >= 2 ? tokens.slice(left[0], left[1]).every((t) => isCap(t) && /\p{Ll}{2,}[ая]$/u.test(t.text)) : /^\p{Lu}\p{Ll}+(ова|ева|ёва|ина|ына)$/u.test(tokens[left[0]].text))
    && !an.lexCover[left[0]]) {
    if (entry.class !== 'accusation') return undefined;
    speakerTok = undefined;
    toldOutlet = true;
  }

  // "… и их бизнес-партнера обвиняют в …": a singular head before a plural accusation is one of the accused
  if (lang !== 'en' && speakerTok && speakerTok === left && entry.class === 'accusation' && /(ют|ят|ли)$/.test(tokens[c.tok].lower)
    && !isCap(tokens[left[1] - 1]) && !an.lexCover[left[1] - 1] && /\p{L}{3,}([аяоуюь]|[бвгджзклмнпрстфхцчшщ])$/u.test(tokens[left[1] - 1].lower)) {
    speakerTok = undefined;
    toldOutlet = true;
  }
  // "Сейчас Diddy обвиняют в …", "Банк Lombard Odier обвинили в …": a name before a plural accusation is the accused
  if (lang !== 'en' && speakerTok && speakerTok === left && entry.class === 'accusation' && /(ют|ят|ли)$/.test(tokens[c.tok].lower)
    && isCap(tokens[left[1] - 1]) && !an.lexCover[left[1] - 1] && !/^\p{Lu}{2,}$/u.test(tokens[left[1] - 1].text)) {
    const who = resolvePhrase(an, registry, left[0], left[1]);
    if (!(who?.kind === 'actor' && !who.person)) { speakerTok = undefined; toldOutlet = true; }
  }
  // "Атмосферные блокировки назвали причиной …", "Молодёжь называют «тревожным поколением»": a predicate in the
  // instrumental right after a plural назвать — the phrase before is what was so called, by someone unnamed
  if (lang !== 'en' && speakerTok && speakerTok === left && /^(назвать|називати|назвати)$/.test(entry.lemma) && /(ли|ют|ят)$/.test(tokens[c.tok].lower)) {
    let k = kStart;
    while (k < sHi && /^[«"„“*_]$/.test(tokens[k].text)) k++;
    const ref = resolvePhrase(an, registry, left[0], left[1]);
    if (k < sHi && /\p{L}{3,}(ой|ей|ом|ем|ами|ями|ым|им|ыми|ими)$/u.test(tokens[k].lower) && (ref?.kind === 'description' || ref?.kind === 'name')) return undefined;
  }
  // "Готовиться к экстренной ситуации призывают и жителей …": an infinitive before the verb is what is urged, not who
  if (lang !== 'en' && speakerTok && speakerTok === left && left[1] - left[0] === 1 && /\p{L}{3,}(ть|ться|ти|тись|тися)$/u.test(tokens[left[0]].lower) && !an.lexCover[left[0]]) return undefined;
  // "Эту информацию подтверждал и X": a phrase opened by an accusative pronoun is the object; the subject follows
  if (lang !== 'en' && speakerTok && speakerTok === left && /^(эту|ту|нашу|вашу|свою|мою|твою|всю|такую|какую|цю|ту|нашу|свою)$/.test(tokens[left[0]].lower)) return undefined;
  // "В России призвали …": a country as the place of an unnamed proposal, not its source ("В Кремле" stays)
  if (lang !== 'en' && speakerTok && speakerTok === left && left[1] - left[0] === 1 && /(ли|ют|ят)$/.test(tokens[c.tok].lower)
    && /^(в|во|у)$/.test(tokens[left[0] - 1]?.lower ?? '') && /^(России|Украине|Україні|Росії|США|Европе|Європі|мире|світі|стране|країні)$/.test(tokens[left[0]].text)) {
    speakerTok = undefined;
    toldOutlet = true;
  }
  // "21-летней девушке сказали, что …": a dative before a plural verb is whom it was said to; the source is unnamed
  // ("В оборонном ведомстве отметили": adjectives between the preposition and the institution)
  let locPrep = left ? left[0] - 1 : -1;
  while (locPrep > sLo && !isCap(tokens[locPrep]) && /\p{L}{2,}(ом|ем|ой|ей)$/u.test(tokens[locPrep].lower)) locPrep--;
  // ("Жителям сообщили в аварийных службах, что …": a dative that opens the sentence; the institution after «в» speaks)
  if (lang !== 'en' && speakerTok && speakerTok === left && /(ли|ют|ят)$/.test(tokens[c.tok].lower)
    && (!isCap(tokens[left[1] - 1]) || (left[1] - left[0] === 1 && left[0] === sLo && /\p{L}{3,}(ам|ям)$/u.test(tokens[left[0]].lower)))
    && /\p{L}{3,}[^иы]е$|\p{L}{3,}(у|ю|ам|ям)$/u.test(tokens[left[1] - 1].lower) && !/^(в|во|на|у|при)$/.test(tokens[locPrep]?.lower ?? '')
    && !/(ие|ые|ее)$/.test(tokens[left[1] - 1].lower) && !NOMINATIVE_U.test(tokens[left[1] - 1].lower)) {
    const inst = c.tokEnd + 1 < sHi && /^(в|во|у)$/.test(tokens[c.tokEnd].lower) ? npRight(an, c.tokEnd + 1, sHi) : undefined;
    speakerTok = inst;
    toldOutlet = !inst;
  }
  // "указывала специалистам, что …": a dative plural after the verb is the addressee
  if (lang !== 'en' && speakerTok && speakerTok === rightNp && rightNp[1] - rightNp[0] === 1 && !isCap(tokens[rightNp[0]]) && /\p{L}{3,}(ам|ям)$/u.test(tokens[rightNp[0]].lower)) return undefined;

  // "…, она признала вину": a subject and a plain object — no content from the clause before
  if (lang !== 'en' && left && OBJECT_NOT_SPEECH.has(entry.lemma) && contentStart < 0 && kStart < sHi && isWord(tokens[kStart])
    && !/^(о|об|обо|про)$/.test(tokens[kStart].lower) && prevIdx >= sLo && tokens[prevIdx].text === ',') return undefined;

  let content: Span | undefined;
  let direct = false;
  let contentTok: [number, number] | undefined;

  // “A,” he said, “B.” — a quote that closes right before the speaker/cue is the content (B continues it)
  if (!anaphoric && entry.frame === 'verb' && prevIdx >= sLo) {
    let p = prevIdx;
    while (p >= sLo && (tokens[p].text === ',' || isDash(tokens[p]) || /^[*_]$/.test(tokens[p].text))) p--;
    const q = p >= sLo ? isCloseQuoteTok(an, p) : undefined;
    if (q && q.words >= 2 && (q.start <= an.sentences[an.sentOf[c.tok]].start + 1 || /[.!?:]\s*$|^\s*$/.test(an.text.slice(Math.max(0, q.start - 3), q.start)))) {
      contentStart = -1;
      if (!left) speakerTok = rightNp;
    }
  }

  if (anaphoric) {
    // the previous sentence in the same paragraph
    const s = an.sentOf[c.tok];
    if (s === 0) return undefined;
    const prev = an.sentences[s - 1];
    const between = an.text.slice(prev.end, an.sentences[s].start);
    if (/\n\s*\n/.test(between) && !/^\s*\n\s*$/.test(between)) { /* paragraph break: still the nearest claim */ }
    const q = an.quotes.find((qq) => qq.depth === 0 && qq.start <= prev.start + 1 && qq.end >= prev.end - 2);
    if (q) { content = quoteContent(q, an.text); direct = true; } else {
      // a headline's own source after a dash goes: "В Одессе ранены шесть человек — власти"
      let [pa, pb] = an.sentTok[s - 1];
      let e = pb;
      while (e > pa && !isWord(tokens[e - 1])) e--;
      let d = e;
      while (d > pa && e - d < 3 && isWord(tokens[d - 1]) && (isCap(tokens[d - 1]) || an.lexCover[d - 1])) d--;
      if (d < e && d - 1 > pa && isDash(tokens[d - 1])) pb = d - 1;
      content = contentFrom(an, pa, pb);
    }
  } else if (contentStart >= 0 && contentStart < sHi) {
    const q = quoteFwd ?? isOpenQuoteTok(an, contentStart);
    if (q && (q.end >= tokens[sHi - 1].start || isSentenceEnd(tokens[tokRangeOf(an, { start: q.end, end: q.end + 1, text: '' })[0]]) || q.end >= an.sentences[an.sentOf[c.tok]].end - 2)) {
      content = quoteContent(q, an.text);
      direct = true;
    } else if (q && quoteFwd && contentStart === kStart && lang !== 'en' && /^\s*[,;]/.test(an.text.slice(q.end, q.end + 3))) {
      // "пообещал «всё уладить», но вскоре исчез": a quoted object right after the verb is what was said
      content = quoteContent(q, an.text);
    } else {
      // (a quoted object right after the verb ends like any object: "назвал «…» новую систему, поблагодарил …")
      const end = quoteFwd && contentStart === kStart && lang !== 'en' && entry.frame === 'verb' && left ? objectEnd(an, contentStart, contentEnd(an, contentStart, sHi, c)) : contentEnd(an, contentStart, sHi, c);
      content = contentFrom(an, contentStart, end);
    }
  } else if (lang !== 'en' && /^(не|ні)$/.test(tokens[c.tok - 1]?.lower ?? '')) {
    // "не комментирует кандидатуру", "не подтвердили выгоду": a negated cue with a plain object states nothing
    return undefined;
  } else if (lang !== 'en' && /^(оценить|оцінити)$/.test(entry.lemma) && tokens.slice(c.tokEnd, Math.min(sHi, c.tokEnd + 3)).some((t) => /^(в|во|на|у)$/.test(t.lower))) {
    // "стоимость оценили в 12 миллионов": a valuation
    return undefined;
  } else if (left && !participleLeft && kStart < sHi && !isSentenceEnd(tokens[kStart]) && tokens[kStart].text !== ','
    && !adverbialTail(an, c, kStart, sHi) && wordCount(an, kStart, contentEnd(an, kStart, sHi, c)) >= 2 && slavicObjectOk(an, c, kStart)) {
    // "X accused Y of C", "The report says Putin …", ", Moscow had rejected the plan" — the content follows
    const ts = topicStart(an, c, kStart, sHi);
    content = contentFrom(an, ts, objectEnd(an, ts, contentEnd(an, ts, sHi, c)));
  } else if (participleLeft && kStart < sHi && !isSentenceEnd(tokens[kStart])) {
    // ", accusing Y of C" — up to the main clause resuming ("… but has intensified …", "; …")
    let end = contentEnd(an, kStart, sHi, c);
    for (let k = kStart + 1; k < end; k++) {
      if (an.quoteOf[k] >= 0) continue;
      if (tokens[k].text === ';' || (['but', 'while', 'но', 'а', 'але'].includes(tokens[k].lower) && k > kStart + 2)) { end = k; break; }
    }
    // ("НАТО, заявляя о возможности ударов, **отбросил все приличия**": a topic ends before the main clause's verb)
    content = contentFrom(an, kStart, lang !== 'en' ? objectEnd(an, kStart, end) : end);
  } else if (participle && coordWith !== undefined && lang !== 'en' && kStart < sHi && isWord(tokens[kStart]) && an.quoteOf[kStart] < 0) {
    // ", назвав одной из тем курс рубля": the participle's own object
    content = contentFrom(an, kStart, objectEnd(an, kStart, contentEnd(an, kStart, sHi, c)));
  } else if (!(left && lang !== 'en' && isDash(tokens[prevIdx]) && kStart < sHi && isWord(tokens[kStart]) && an.quoteOf[kStart] < 0 && wordCount(an, kStart, sHi) >= 3)
    // ("C — команда мессенджера объявила конкурс на …": after a dash, a subject whose verb has an object of its own
    // states that object, not the headline before the dash)
    && prevIdx >= sLo && (tokens[prevIdx].text === ',' || isDash(tokens[prevIdx]) || (isCloseQuoteTok(an, prevIdx) && (lang === 'en' || isCloseQuoteTok(an, prevIdx)!.words >= 2))) || (!left && prevIdx < sLo)) {
    // inverted: content before ("C, X said", "«C», — заявил X")
    let p = prevIdx;
    while (p >= sLo && (tokens[p].text === ',' || isDash(tokens[p]) || /^[*_]$/.test(tokens[p].text))) p--;
    const q = p >= 0 ? isCloseQuoteTok(an, p) : undefined;
    // the quote is the content only when it opens the clause ("“…,” he said"), not when it ends one
    // ("… dismissed it as “a publicity stunt”, Peskov told reporters")
    // (also after Markdown marks: "__«__**__Им не удастся …»,__ — отметил премьер")
    // (or after an emoji: "⚡️«Меня никто не собирается увольнять», — заявил …")
    const qOpensClause = q && (q.start <= an.sentences[an.sentOf[c.tok]].start + 1 || /[.!?:]\s*[*_]*$|^\s*[*_]*$/.test(an.text.slice(Math.max(0, q.start - 6), q.start))
      || /^[\s*_\p{Extended_Pictographic}\uFE0F\u200D]*$/u.test(an.text.slice(an.sentences[an.sentOf[c.tok]].start, q.start)));
    if (q && q.words >= 2 && qOpensClause) {
      content = quoteContent(q, an.text);
      direct = true;
    } else if (p >= sLo && p > sLo) {
      // from the clause start: the sentence start, or after an earlier attribution that ends well before
      let a = sLo;
      for (const idx of inSentence) {
        const o = out[idx];
        const oEnd = Math.max(o.content.end, o.cue.end);
        if (oEnd <= tokens[p].start && /[;:]/.test(an.text.slice(oEnd, tokens[p].start))) a = Math.max(a, tokRangeOf(an, { start: oEnd, end: oEnd + 1, text: '' })[0]);
      }
      // the clause before: if a previous sentence-level quote ended here, take the quote
      content = contentFrom(an, a, p + 1);
      // "Плюс ко всему, говорят эксперты, C": a connective before an inserted cue; the clause after it was said
      // (not an apposition after the name: "…, рассказывает Мориц Шуларик, представитель института …")
      if (lang !== 'en' && !left && rightNp && wordCount(an, a, p + 1) <= 3 && tokens[rightNp[1]]?.text === ',' && wordCount(an, rightNp[1] + 1, sHi) >= 3
        && !an.lexCover[rightNp[1] + 1] && !APPOSITION_HEAD.test(tokens[rightNp[1] + 1]?.lower ?? '') && !an.lex.actParticiples.has(tokens[rightNp[1] + 1]?.lower ?? '')) {
        content = contentFrom(an, rightNp[1] + 1, contentEnd(an, rightNp[1] + 1, sHi, c));
      }
    } else if (p < sLo && prevIdx < sLo && !(c.tok === sLo && isCap(tokens[c.tok]) && !/[—–-]\s*$/.test(an.text.slice(Math.max(0, tokens[c.tok].start - 3), tokens[c.tok].start)))) {
      // sentence starts with the cue ("— заявил он" after a quote in the previous line; not "Отмечали юбилей.")
      const prevS = an.sentOf[c.tok] - 1;
      if (prevS >= 0) {
        const [pa, pb] = an.sentTok[prevS];
        const qq = isCloseQuoteTok(an, pb - 1) ?? isCloseQuoteTok(an, pb - 2);
        if (qq) { content = quoteContent(qq, an.text); direct = true; } else if (lang !== 'en') content = contentFrom(an, pa, pb);
      }
    }
    if (!speakerTok && left === undefined && !toldOutlet) speakerTok = rightNp;
  } else if (left || coordWith !== undefined) {
    // "X accused Y of C", "The report says Putin …", "X denied the allegations"
    if (kStart < sHi && !isSentenceEnd(tokens[kStart]) && tokens[kStart].text !== ',' && slavicObjectOk(an, c, kStart)) {
      const end = objectEnd(an, kStart, contentEnd(an, kStart, sHi, c));
      content = contentFrom(an, kStart, end);
    } else if (kStart < sHi && tokens[kStart].text === ',' && isOpenQuoteTok(an, kStart + 1)) {
      const q = isOpenQuoteTok(an, kStart + 1)!;
      content = quoteContent(q, an.text);
      direct = true;
    }
  }
  if (!content || wordCount(an, ...tokRangeOf(an, content)) < 2) return undefined;
  // a content that starts inside a link ("[готовиться](https://…)", "https://…") is not speech
  if (/^(\/\/|https?:|www\.)/i.test(content.text) || /\]\(\s*$/.test(an.text.slice(Math.max(0, content.start - 12), content.start).replace(/https?:$/, ''))) return undefined;
  contentTok = tokRangeOf(an, content);
  if (!direct) {
    // a content that is exactly one quote is direct speech
    const q = an.quotes.find((qq) => qq.depth === 0 && qq.innerStart <= content!.start && content!.end <= qq.innerEnd && qq.words >= 3);
    if (q && content.end - content.start >= (q.innerEnd - q.innerStart) * 0.8) direct = true;
  }

  const frameLo = Math.min(speakerTok ? speakerTok[0] : c.tok, c.tok);
  const frameHi = Math.max(speakerTok ? speakerTok[1] : c.tokEnd, c.tokEnd, contentTok[0] > c.tok ? contentTok[0] : sHi);
  const att: RawAttribution = {
    ...base, content, direct, contentTok, frameTok: [frameLo, frameHi], anaphoric,
  };
  if (coordWith !== undefined && !left) {
    att.sameSpeakerAs = coordWith;
    // cut the previous attribution's content at the coordination point
    const prev = out[coordWith];
    if (prev.contentTok[0] < c.tok && prev.contentTok[1] > prevIdx) {
      const cut = contentFrom(an, prev.contentTok[0], prevIdx);
      if (cut) { prev.content = cut; prev.contentTok = tokRangeOf(an, cut); }
    }
  } else if (speakerTok) {
    speakerTok = stripContentHead(an, speakerTok);
    if (!speakerTok) return undefined;
    // "Ну кто сказал, что …?", "Никто не заявлял, что …": no one is quoted (English "who" is mostly relative)
    if (lang !== 'en' && tokens.slice(speakerTok[0], speakerTok[1]).some((t) => /^(кто|никто|хто|ніхто)$/.test(t.lower))) return undefined;
    // "говорят ему", "сказали нам": an oblique pronoun is the addressee, not the speaker
    if (entry.frame === 'verb' && speakerTok[1] - speakerTok[0] === 1 && (an.lex.pronouns.get(tokens[speakerTok[0]].lower)?.oblique || OBLIQUE_PRONOUN.test(tokens[speakerTok[0]].lower))) return undefined;
    // (a content that is the speaker phrase itself is no statement)
    if (speakerTok[0] < contentTok[1] && contentTok[0] < speakerTok[1]) return undefined;
    att.speakerTok = speakerTok;
    att.speaker = resolvePhrase(an, registry, speakerTok[0], speakerTok[1]);
    if (!att.speaker) return undefined;
    // "Сотрудники полиции заметили, что он пьян", "Маленький Гриша заметил, что …": seeing, unless the one who
    // notices is someone whose remarks make news (a known actor, a title, a group, a reporter's pronoun)
    // "Другой тест подтвердил, что …", "Запись видеокамеры подтверждает версию …": evidence confirms or shows; it
    // states nothing
    if (lang !== 'en' && /^(подтвердить|показать|указать|підтвердити|показати|вказати)$/.test(entry.lemma) 
      && (EVIDENCE_NOUN.test(tokens[speakerTok[0]].lower) || EVIDENCE_NOUN.test(tokens[speakerTok[1] - 1].lower))) return undefined;
    // (a full name, "Иван Петров заметил", is a source quoted by name)
    const fullName = speakerTok[1] - speakerTok[0] >= 2 && tokens.slice(speakerTok[0], speakerTok[1]).every((t) => isCap(t)) && !/(ий|ый|ой|ая|яя|ій)$/.test(tokens[speakerTok[0]].lower);
    if (lang !== 'en' && PERCEPTION.has(entry.lemma) && !direct && (att.speaker.kind === 'description' || (att.speaker.kind === 'name' && !fullName))) return undefined;
  } else if (entry.frame === 'impersonal' || toldOutlet) {
    att.implicit = true;
  } else {
    return undefined;
  }
  return att;
}

/** The start of the shortest run of capitalised words ending at `b` that names a person (a registry person or a full name), or -1. */
function personAtEnd(an: TextAnalysis, registry: ActorRegistry, lo: number, b: number): number {
  for (let k = b - 1; k >= lo && b - k <= 3 && isCap(an.tokens[k]) && isWord(an.tokens[k]); k--) {
    const r = resolvePhrase(an, registry, k, b);
    if (r && r.person && (r.kind === 'actor' || (r.kind === 'name' && b - k >= 2))) return k;
  }
  return -1;
}

/** The first word of a compound preposition ("вслед за", "вместе с"): never a subject. */
const COMPOUND_PREP_HEAD = /^(вслед|вместе|наряду|помимо|кроме|вопреки|следом|рядом|наравне|несмотря|независимо|слідом|разом|поряд|окрім|всупереч)$/;

/**
 * The person/number/tense class of a Russian/Ukrainian finite verb form, by its ending ("заявила" → past f, "планируют"
 * → present pl); undefined for anything else. Reflexives are their own class.
 */
function verbForm(w: string): string | undefined {
  if (w.length < 5) return undefined;
  const refl = /(ся|сь)$/.test(w) ? 'r' : '';
  const b = refl ? w.slice(0, -2) : w;
  if (/[аеиоуыяю]ла$/.test(b)) return 'past-f' + refl;
  if (/[аеиоуыяю]ли$/.test(b)) return 'past-pl' + refl;
  if (/[аеиоуыяю]л$/.test(b) || /(рг|рёг|рег|ёк|ек)$/.test(b)) return 'past-m' + refl;
  if (/(ают|яют|уют|еют|ывают|ивают)$/.test(b)) return 'pres-pl' + refl;
  return undefined;
}

/** A Russian/Ukrainian finite verb by its ending: past, or present 3rd person ("заявил", "вырастут", "помогает"). */
function finiteVerbLike(w: string): boolean {
  return PAST_VERB.test(w) || verbForm(w) !== undefined || /\p{L}{3,}(ет|ит|ют|ят|ут|ат)$/u.test(w);
}

/** A Russian/Ukrainian past-tense verb form ("заявил", "опровергали", "оказалась"). */
const PAST_VERB = /^(\p{Ll}{3,}(л|ла|ли|ло|лся|лась|лись|лось)|был|была|было|были|бул|була|було|були)$/u;

/** Russian/Ukrainian nouns of evidence that confirms or shows without saying ("тест", "запись видеокамеры"). */
const EVIDENCE_NOUN = /^(тест|анализ|запис|видео|кадр|снимк|снимок|фото|экспертиз|вскрыти|съёмк|съемк|записи|цепоч|след|отпечат|знімк|експертиз|розтин|відео|слід|відбит)/;

/** Russian/Ukrainian nouns for a person described by who they are ("женщина из …", "пенсіонерка з …"). */
const PERSON_NOUN = /^(женщин|мужчин|девушк|парен|пенсионер|житель|жительниц|школьни|студент|пассажир|водител|покупател|посетител|жінк|чоловік|дівчин|хлопец|пенсіонер|мешкан|школяр|пасажир|водій)/;

/** Russian/Ukrainian nouns in -у/-ю that are nominative (indeclinable loanwords). */
const NOMINATIVE_U = /^(шоу|ток-шоу|интервью|інтерв'ю|інтерв’ю|меню|кенгуру|гуру|рагу|ревю|парвеню)$/;

/**
 * Russian/Ukrainian verbs that also take a plain object that is not speech ("заметили хвостатого пассажира",
 * "написали заявление в полицию", "отметили увеличение …", "ответило на вопросы"): with the object right after the
 * cue (no что / colon / quote), they report speech only with a topic in «о/об/про …».
 */
const OBJECT_NOT_SPEECH = new Set(['заметить', 'написать', 'отметить', 'указать', 'ответить', 'передать', 'объяснить', 'добавить',
  'объявить', 'признать', 'сообщить-личное', 'помітити', 'написати', 'відзначити', 'вказати', 'відповісти', 'передати',
  // "оценивают шедевры", "уточнили совет", "рассказала всё супругу": a judged or told thing, not what was said
  'оценить', 'уточнить', 'рассказать', 'оцінити', 'уточнити', 'розповісти', 'додати',
  // "диагноз напоминает детективное расследование": resembling, not reminding of a claim
  'напомнить', 'нагадати']);

/** Russian/Ukrainian: an object content ("отрицала наличие клопов, но …") ends before a contrasting clause. */
function objectEnd(an: TextAnalysis, a: number, end: number): number {
  if (an.lang === 'en') return end;
  for (let k = a + 1; k < end - 1; k++) {
    if (an.quoteOf[k] >= 0) continue;
    if (an.tokens[k].text === ';') return k;
    // (also «, и / і / та»: "высказала претензии, и подросток …" — an object noun phrase takes no clause after it)
    if (an.tokens[k].text === ',' && /^(но|а|однако|зато|але|проте|и|і|та|потому|поскольку|так|ведь|бо|оскільки|тому|адже)$/.test(an.tokens[k + 1].lower)
      && !(an.tokens[k + 1].lower === 'а' && an.tokens[k + 2]?.lower === 'также')) return k;
    if (an.tokens[k].text === ',' && isOpenQuoteTok(an, k + 1) && k > a + 1) return k;
    // "призвали стороны прекратить провокации, пригрозив …": an adverbial participle adds another act
    if (an.tokens[k].text === ',' && an.lang === 'ru' && /^\p{Ll}{4,}(ив|ав|яв|ев|вши|вшись)$/u.test(an.tokens[k + 1]?.text ?? '') && !/(архив|актив|состав|рукав|напев|устав|сплав|прилив|отлив|мотив|позитив|негатив|коллектив|перерыв|призыв|отзыв)$/.test(an.tokens[k + 1].lower)) return k;
    // "назвал это ошибкой и заверил, что …": a coordinated finite verb starts another statement
    // ("… и отказались комментировать", "… и **стала мемом**")
    let kv = k + 1;
    while (kv < end && /^[*_]$/.test(an.tokens[kv].text)) kv++;
    if (COORD.has(an.tokens[k].lower) && /^\p{Ll}{2,}(л|ла|ли|ло|лся|лась|лись|лось)$/u.test(an.tokens[kv]?.text ?? '')) return k;
    // ("назвал «…» новую систему, поблагодарил учёных": a finite verb after a comma, the speaker's next act)
    // (not inside a subordinate clause of the object: "после того, как протестующие, требовавшие …, захватили")
    if (an.tokens[k].text === ',' && /^\p{Ll}{3,}(ил|ал|ял|ел|ила|ала|яла|ела|или|али|яли|ели)$/u.test(an.tokens[kv]?.text ?? '') && an.quoteOf[kv] < 0
      && !an.tokens.slice(a, k).some((t) => an.lex.complementizers.has(t.lower) || /^(котор|який|яка|які|яке)/.test(t.lower))) return k;
    // a topic «о сбое в работе X, число жалоб превысило …»: a comma before anything but a relative clause or a
    // participle ends it
    let k1 = k + 1;
    while (k1 < end && /^[*_]+$/.test(an.tokens[k1].text)) k1++;
    if (an.tokens[k].text === ',' && k1 > k + 1 && /^(чтобы|щоб)$/.test(an.tokens[k1]?.lower ?? '') && /^(о|об|обо|про)$/.test(an.tokens[a].lower)) return k;
    // ("о вторжении,** анонсировало расследование": emphasis marks after the comma)
    if (an.tokens[k].text === ',' && /^(о|об|обо|про)$/.test(an.tokens[a].lower) && isWord(an.tokens[k1] ?? { text: '' })
      && !/^(котор|який|яка|яке|які|якого|якої|яких|чей|где|де|когда|коли|в|во|на|у|с|со|з|из|і|и)$/.test(an.tokens[k1].lower)
      && !/(ш|щ|нн|м|т)(ий|ый|ая|яя|ое|ее|ие|ые|ого|его|ой|ей|ому|ему|ым|им|ых|их|ую|юю|ыми|ими)$/.test(an.tokens[k1].lower)
      // (a list of topics goes on: "о снеге и дожде, сильном ветре и гололедице" — a clause has a verb of its own)
      && an.tokens.slice(k1, Math.min(end, k1 + 8)).some((t) => /^\p{Ll}{2,}(л|ла|ло|ли|ет|ит|ют|ят|ется|ится|ются|ятся)$/u.test(t.text) || /^(нет|нету|немає)$/.test(t.lower))
      && !/^котор/.test(an.tokens[k1].lower)) return k;
  }
  return end;
}

/** …and with a quoted object right after them it is a name, not a quote: «заметили «парад елок»», «признали «Семейной новинкой»». */
const QUOTE_NOT_SPEECH = new Set(['заметить', 'признать', 'объявить', 'помітити', 'визнати', 'оголосити']);

/** "предупредил жителей и гостей столицы о …": after a warn/remind verb, the addressees come before the «о …» topic. */
const TELL_ABOUT = new Set(['предупредить', 'напомнить', 'уведомить', 'проинформировать', 'информировать', 'попередити', 'нагадати', 'повідомити']);

function topicStart(an: TextAnalysis, c: CueHit, k: number, sHi: number): number {
  if (an.lang === 'en' || !TELL_ABOUT.has(c.entry.lemma)) return k;
  for (let m = k + 1; m < Math.min(sHi, k + 7); m++) {
    const t = an.tokens[m];
    if (!isWord(t) || an.quoteOf[m] >= 0) return k;
    if (/^(о|об|обо|про)$/.test(t.lower)) return m;
  }
  return k;
}

function slavicObjectOk(an: TextAnalysis, c: CueHit, k: number): boolean {
  // "сообщили в полицию и …": where it was reported is no content
  // (the caller may have skipped «в» already)
  const p = /^(в|во|на)$/.test(an.tokens[k]?.lower ?? '') ? k + 1 : /^(в|во|на)$/.test(an.tokens[k - 1]?.lower ?? '') ? k : -1;
  if (an.lang !== 'en' && p > 0 && /\p{L}{3,}(ию|ью|у|ю)$/u.test(an.tokens[p]?.lower ?? '')
    && (COORD.has(an.tokens[p + 1]?.lower ?? '') || isSentenceEnd(an.tokens[p + 1]) || !an.tokens[p + 1])) return false;
  if (an.lang === 'en' || !OBJECT_NOT_SPEECH.has(c.entry.lemma)) return true;
  return /^(о|об|обо|про)$/.test(an.tokens[k]?.lower ?? '');
}

const AS = new Set(['as', 'как', 'як']);

/** "As X reported (earlier), C": null when the cue is not in such a clause; undefined when it is but yields nothing. */
function asClause(
  an: TextAnalysis, registry: ActorRegistry, c: CueHit, sLo: number, sHi: number,
  base: Pick<RawAttribution, 'cue' | 'cueClass' | 'weak'>,
): RawAttribution | undefined | null {
  const { tokens, lang } = an;
  let speakerTok: [number, number] | undefined;
  let asIdx: number;
  if (lang === 'en') {
    const j = skipAdverbsLeft(an, c.tok - 1, sLo);
    const l = npLeft(an, j + 1, sLo);
    asIdx = (l ? l[0] : j + 1) - 1;
    if (!l) return null;
    speakerTok = l;
  } else {
    asIdx = skipAdverbsLeft(an, c.tok - 1, sLo);
  }
  if (asIdx < sLo || !AS.has(tokens[asIdx].lower)) return null;
  if (asIdx > sLo && !(tokens[asIdx - 1].text === ',' || COORD.has(tokens[asIdx - 1].lower))) return null;
  // the comma that closes the clause
  let k = c.tokEnd;
  while (k < sHi && tokens[k].text !== ',' && k - c.tokEnd < 15) k++;
  if (k >= sHi || tokens[k].text !== ',') return null;
  if (!speakerTok) {
    let st = skipAdverbsRight(an, c.tokEnd, k);
    // "Как сообщили нам в МЧС": the dative pronoun is the addressee; the institution after «в» speaks
    if (st + 1 < k && (OBLIQUE_PRONOUN.test(tokens[st].lower) || ADDRESSEE_DATIVE.test(tokens[st].lower) || an.lex.pronouns.get(tokens[st].lower)?.oblique)) st++;
    const r = npRight(an, st, k);
    if (!r) return undefined;
    speakerTok = r;
  }
  const speaker = resolvePhrase(an, registry, speakerTok[0], speakerTok[1]);
  if (!speaker) return undefined;
  const after = contentAfterClause(an, k, sHi, c);
  if (!after) return undefined;
  return { ...base, speakerTok, speaker, content: after.content, direct: false, contentTok: after.contentTok, frameTok: [asIdx, after.a] };
}

/** "Как сообщили в МЧС, C": the content after the comma (token `comma`) that closes a leading «как …» clause. */
function contentAfterClause(an: TextAnalysis, comma: number, sHi: number, c: CueHit): { a: number; content: Span; contentTok: [number, number] } | undefined {
  const { tokens } = an;
  let a = comma + 1;
  while (a < sHi && (tokens[a].text === ',' || isDash(tokens[a]))) a++;
  const content = contentFrom(an, a, contentEnd(an, a, sHi, c));
  if (!content) return undefined;
  const contentTok = tokRangeOf(an, content);
  if (wordCount(an, contentTok[0], contentTok[1]) < 2) return undefined;
  return { a, content, contentTok };
}

/**
 * "Russian state media claims accusing …" → "Russian state media"; "this narrative falsely portraying" → nothing.
 * Group and title phrases ending the phrase are kept ("the report says").
 */
function stripContentHead(an: TextAnalysis, np: [number, number]): [number, number] | undefined {
  const { tokens } = an;
  let [s, e] = np;
  for (let k = s; k < e; k++) {
    const g = an.lex.groups.matchAt(tokens, k, an.stems) ?? an.lex.titles.matchAt(tokens, k, an.stems);
    if (g && k + g.len === e) return np;
  }
  let stripped = false;
  while (e > s && an.lex.contentNouns.matchAt(tokens, e - 1, an.stems) && !isCap(tokens[e - 1])) { e--; stripped = true; }
  if (!stripped) return np;
  while (e > s && an.lex.determiners.has(tokens[e - 1].lower)) e--;
  while (s < e && an.lex.determiners.has(tokens[s].lower) && !/['’]s$/.test(tokens[s].text)) s++;
  if (e <= s) return undefined;
  return [s, e];
}

/**
 * What follows the cue is only circumstance, not content: "…, Peskov told reporters.", "…, he said in an interview.",
 * "…, заявил он журналистам." — then the content is before the cue.
 */
function adverbialTail(an: TextAnalysis, c: CueHit, k: number, sHi: number): boolean {
  const { tokens } = an;
  let e = k;
  while (e < sHi && !isSentenceEnd(tokens[e]) && tokens[e].text !== ',') {
    if (an.lex.complementizers.has(tokens[e].lower) || tokens[e].text === ':' || (an.cueAt[e] >= 0 && e > k)) return false;
    e++;
  }
  if (e - k > 8) return false;
  const first = tokens[k].lower;
  const lemma = c.entry.lemma.split(' ')[0];
  if (an.lang === 'en') return PREPS_EN.has(first) || (TELL.has(lemma) && wordCount(an, k, e) <= 3);
  return /^(в|во|у|на|по|журналист|корреспондент|репортер|изданию|агентству|телеканалу|виданню|агентству|телеканалу)/.test(first) || wordCount(an, k, e) <= 2;
}

/** Where forward content ends: the sentence end, or before a coordinated cue / ", according to" / trailing source. */
/** The longest reported (non-quoted) content, in tokens (about 2,500 characters of Russian). */
const MAX_CONTENT_TOKENS = 400;

/**
 * A short quote that names an outlet ends its clause: what follows it (after a remark in parentheses) is the sentence
 * end or a citing cue («C, сообщает «Медиазона» (…) со ссылкой на …», «…, пишут «Известия».»).
 */
function quotedNameEnds(an: TextAnalysis, q: Quote, hi: number): boolean {
  const after = afterRemark(an, tokRangeOf(an, { start: q.end, end: q.end, text: '' })[0], hi);
  const ca = an.cueAt[after] ?? -1;
  return after >= hi || isSentenceEnd(an.tokens[after]) || (ca >= 0 && CITING.test(an.cues[ca].entry.lemma));
}

/** The token after a short remark in parentheses at `e` («сообщает «Медиазона» (внесена в реестр …)»), else `e`. */
function afterRemark(an: TextAnalysis, e: number, hi: number): number {
  if (e >= hi || an.tokens[e].text !== '(') return e;
  let m = e + 1;
  while (m < hi && m - e < 16 && an.tokens[m].text !== ')' && an.tokens[m].text !== '(') m++;
  return m < hi && an.tokens[m].text === ')' ? m + 1 : e;
}

function contentEnd(an: TextAnalysis, a: number, sentHi: number, c: CueHit): number {
  const { tokens } = an;
  // reported content runs to the sentence end, but never beyond MAX_CONTENT_TOKENS: in a "sentence" of 20 KB each
  // cue would otherwise carry the rest of the text (RELIABILITY.md B16) and cost a scan of it (B15)
  const sHi = Math.min(sentHi, a + MAX_CONTENT_TOKENS);
  let nested = false;
  for (let k = a; k < sHi; k++) {
    if (an.quoteOf[k] >= 0) continue;
    const ci = an.cueAt[k];
    if (ci >= 0 && !an.lexCover[k]) {
      const e = an.cues[ci].entry;
      // (not "по их мнению", "за його словами": the current speaker's own parenthetical)
      if (e.frame === 'prep' && k > a && tokens[k - 1].text === ',' && !(an.lang !== 'en' && tokens.slice(k, an.cues[ci].tokEnd).some((t) => /^(его|её|ее|их|моим|нашим|його|її|їх)$/.test(t.lower)))) return k - 1;
      if (e.frame === 'verb') {
        const j = skipAdverbsLeft(an, k - 1, a);
        const prev = tokens[j];
        if (prev && COORD.has(prev.lower) && !nested) {
          // "and reiterated": coordinated with our cue only when no subject sits between
          return j;
        }
        if (prev && prev.text === ',' && /ing$/.test(tokens[k].lower) && !nested) return j;
        // "…, оговариваясь, что …", "…, додавши, що …": an adverbial participle with its own content
        if (prev && prev.text === ',' && an.lang !== 'en' && !nested && k > a + 1
          && (an.lang === 'ru' ? /(вши|вшись|ясь|ась|ив|ав|яв)$/ : /(вши|вшись|ючи|ячи|ючись|ячись)$/).test(tokens[k].lower)) return j;
        if (j >= a && npLeft(an, j + 1, a)) nested = true;
      }
    }
    if (an.lang !== 'en' && tokens[k].text === ',' && isDash(tokens[k + 1]) && an.cueAt[k + 2] >= 0) return k;
    // "заявил, что C, комментируя изменения …": the speaker's own act after the content
    // (only after a clause with its verb: "что комиссар полиции, отвечая на вопрос, сказал …" goes on)
    if (an.lang !== 'en' && tokens[k].text === ',' && k > a + 1 && an.lex.actParticiples.has(tokens[k + 1]?.lower ?? '')
      && tokens.slice(a, k).some((t) => !isCap(t) && finiteVerbLike(t.lower))) return k;
    // "…, что C, **не соответствует действительности**": the verdict on the claim is the outer clause's
    if (an.lang !== 'en' && tokens[k].text === ',' && k > a + 1) {
      let v = k + 1;
      while (v < sHi && /^[*_]+$/.test(tokens[v].text)) v++;
      if (an.lex.verdicts.matchAt(tokens, v, an.stems)) return k;
    }
    // "утверждали, что C, но эта информация пока не нашла подтверждения": the narrator on the claim itself
    if (an.lang !== 'en' && tokens[k].text === ',' && k > a + 1 && /^(но|однако|але|проте)$/.test(tokens[k + 1]?.lower ?? '')
      && /^(эта|эти|данная|данные|такая|такие|ця|ці|дана|такі)$/.test(tokens[k + 2]?.lower ?? '') && /^(информаци|верси|данны|сведени|заявлени|слух|інформаці|версі|дан|відомост|заяв|чутк)/.test(tokens[k + 3]?.lower ?? '')) return k;
    // "сообщали, что он родственник губернатора, но оба эту информацию опровергали": after a reported clause with no
    // past-tense verb of its own, «, но» + a past-tense verb is the narrator going on
    if (an.lang !== 'en' && tokens[k].text === ',' && k > a + 1 && /^(но|однако|але|проте)$/.test(tokens[k + 1]?.lower ?? '') && an.quoteOf[k] < 0
      && PAST_VERB.test(tokens[c.tok].lower)
      && !tokens.slice(a, k).some((t) => PAST_VERB.test(t.lower) && !isCap(t))
      && tokens.slice(k + 2, Math.min(sHi, k + 10)).some((t, m) => PAST_VERB.test(t.lower) && !isCap(t) && an.quoteOf[k + 2 + m] < 0)) return k;
    // "в «Дефризе» говорят, что C1, в «Прибое» заверили, что C2": a comma before another report with its own clause
    if (an.lang !== 'en' && tokens[k].text === ',' && k > a + 1 && an.quoteOf[k] < 0) {
      for (let m = k + 1; m < Math.min(sHi, k + 7); m++) {
        if (tokens[m].text === ',' && m > k + 1) break;
        const cm = an.cueAt[m];
        if (cm >= 0 && !an.lexCover[m] && an.cues[cm].entry.frame === 'verb' && m > k + 1) {
          const e = an.cues[cm].tokEnd;
          if (e < sHi && ((tokens[e].text === ',' && THAT.has(tokens[e + 1]?.lower ?? '')) || tokens[e].text === ':')) return k;
          break;
        }
      }
    }
    // "заявила, что на девушке порча, и попросила …", "полагают, что C и планируют …": «и» + a verb in the cue's own form
    // (the same person, number, tense) is the speaker's next act, unless the content has a verb of that form itself
    if (an.lang !== 'en' && COORD.has(tokens[k].lower) && /^(и|і|й|та)$/.test(tokens[k].lower) && k > a + 1 && an.quoteOf[k] < 0) {
      const base = (w: string) => verbForm(w)?.replace(/r$/, '');
      const form = base(tokens[c.tok].lower);
      // (over adverbs, commas and prepositional phrases: "и ночью, после совещания с силовыми структурами, уехал")
      let v = k + 1;
      while (v < sHi && v - k <= 10) {
        const t = tokens[v];
        if (t.text === ',' || an.lex.adverbs.has(t.lower) || /^(ещё|еще|раз|не|тоже|также|сразу|затем|потом|позже|вскоре|уже|ночью|утром|вечером|днём|днем|ще|теж|також|вночі|вранці|ввечері)$/.test(t.lower)) { v++; continue; }
        if (SLAVIC_PREP.test(t.lower)) {
          v++;
          let w = 0;
          while (v < sHi && w < 4 && isWord(tokens[v]) && !verbForm(tokens[v].lower) && tokens[v].text !== ',') { v++; w++; }
          continue;
        }
        break;
      }
      if (form && v < sHi && base(tokens[v].lower) === form && !tokens.slice(a, k).some((t) => base(t.lower) === form)) return tokens[k - 1]?.text === ',' ? k - 1 : k;
    }
    // the reporter's gloss: "…, **что означает, что** правительство уйдёт в отставку"
    if (an.lang !== 'en' && tokens[k].text === ',' && k > a) {
      let g = k + 1;
      while (g < sHi && /^[*_]$/.test(tokens[g].text)) g++;
      if (/^(что|що)$/.test(tokens[g]?.lower ?? '') && /^(означает|значит|означало|означатиме|означає|значить)$/.test(tokens[g + 1]?.lower ?? '')) return k;
    }
    // a headline's source after a dash: "… — РБК со ссылкой на источники", "… — ТАСС."
    if (an.lang !== 'en' && isDash(tokens[k]) && k > a && an.quoteOf[k + 1] < 0) {
      let e = k + 1;
      // ("— агентство Yonhap": the kind of outlet before its name; "— украинские СМИ": an adjective before a group)
      if (e + 1 < sHi && OUTLET_NOUN.test(tokens[e].lower) && isCap(tokens[e + 1])) e++;
      else if (e + 1 < sHi && /\p{L}{3,}(ие|ые|ий|ый|ая|кие)$/u.test(tokens[e].lower) && (isCap(tokens[e + 1]) || an.lexCover[e + 1]) && isWord(tokens[e + 1])) {
        e += 2;
        if (!(e >= sHi || isSentenceEnd(tokens[e]) || /^[*_]$/.test(tokens[e].text))) e = k + 1;
        else return k;
      }
      while (e < sHi && isCap(tokens[e]) && isWord(tokens[e]) && e - k <= 5) e++;
      while (e < sHi && /^[*_]+$/.test(tokens[e].text)) e++;
      const ce = an.cueAt[e] ?? -1;
      // (a name alone after the dash only when the content opens the sentence: "заявил, что столица — Москва" stays)
      const opensSentence = !tokens.slice(an.sentTok[an.sentOf[a]][0], a).some((t) => isWord(t)) || tokens[k - 1]?.text === ',';
      if (e > k + 1 && (ce >= 0 && an.cues[ce].entry.frame === 'prep' && CITING.test(an.cues[ce].entry.lemma)
        || ((e >= sHi || isSentenceEnd(tokens[e])) && (/^\p{Lu}{2,}$/u.test(tokens[k + 1].text) || opensSentence)))) return k;
    }
    if (an.lang !== 'en' && tokens[k].text === ',' && k > a && an.quoteOf[k + 1] < 0) {
      // a trailing inverted attribution: "…, сообщает Bloomberg.", "…, объяснил министр.", "…,** сообщают СМИ",
      // "…, об этом сообщила газета X"
      let k1 = k + 1;
      while (k1 < sHi && /^[*_]+$/.test(tokens[k1].text)) k1++;
      if (k1 + 1 < sHi && /^(об|о|про)$/.test(tokens[k1].lower) && /^(этом|том|це|цьому)$/.test(tokens[k1 + 1].lower)) k1 += 2;
      const ci3 = an.cueAt[k1] ?? -1;
      // ("…, пишут «Известия».": a quoted outlet name ending the sentence)
      if (ci3 >= 0 && an.cues[ci3].entry.frame === 'verb') {
        const qn = isOpenQuoteTok(an, an.cues[ci3].tokEnd);
        if (qn && qn.words <= 3 && quotedNameEnds(an, qn, sHi)) return k;
      }
      // ("…, сообщается на сайте прокуратуры": a trailing impersonal report)
      if (ci3 >= 0 && an.cues[ci3].entry.frame === 'impersonal' && !/^(как|як)$/.test(tokens[k1].lower) && k1 - k <= 2) return k;
      if (ci3 >= 0 && !an.lexCover[k1] && an.cues[ci3].entry.frame === 'verb') {
        const np = npRight(an, skipAdverbsRight(an, an.cues[ci3].tokEnd, sHi), sHi);
        if (np) {
          let e = np[1];
          // a quoted name after the noun: «издание "Европейская правда"»
          const qn = isOpenQuoteTok(an, e);
          if (qn && qn.words <= 4) e = tokRangeOf(an, { start: qn.end, end: qn.end, text: '' })[0];
          e = afterRemark(an, e, sHi);
          while (e < sHi && (tokens[e].text === ')' || tokens[e].text === '»' || tokens[e].text === '"' || /^[*_]$/.test(tokens[e].text))) e++;
          // (or before "со ссылкой на …", which cites the source of that report)
          const ce = an.cueAt[e] ?? -1;
          // ("…,** сообщает украинский 24 канал": a number or a word the phrase stopped at may end the name)
          let e2 = e;
          while (e2 < sHi && e2 - e < 2 && (isWord(tokens[e2]) || /^[*_»"]$/.test(tokens[e2].text)) && an.cueAt[e2] < 0 && !an.lex.complementizers.has(tokens[e2].lower)) e2++;
          if (e >= sHi || isSentenceEnd(tokens[e]) || e2 >= sHi || isSentenceEnd(tokens[e2]) || (ce >= 0 && CITING.test(an.cues[ce].entry.lemma))) return k;
        }
      }
      // a coordinated clause with its own speaker: "…, а агентство Reuters написало, что …"
      if (COORD.has(tokens[k + 1]?.lower ?? '') && an.quoteOf[k + 1] < 0) {
        for (let m = k + 2; m < Math.min(sHi, k + 10); m++) {
          const cm = an.cueAt[m];
          if (cm >= 0 && !an.lexCover[m] && an.cues[cm].entry.frame === 'verb') {
            const l = npLeft(an, skipAdverbsLeft(an, m - 1, k + 2) + 1, k + 2);
            if (l) return k;
            break;
          }
          if (tokens[m].text === ',' || isSentenceEnd(tokens[m])) break;
        }
      }
    }
    // a trailing attribution: "…, Kremlin spokesman Dmitry Peskov told reporters."
    if (tokens[k].text === ',' && k > a) {
      let np = npRight(an, k + 1, sHi);
      // "…, the ISW reports in its assessment": a noun-like cue form ("reports") may close the phrase
      if (np && np[1] - np[0] > 1 && an.cueAt[np[1] - 1] >= 0 && an.cues[an.cueAt[np[1] - 1]].entry.frame === 'verb') np = [np[0], np[1] - 1];
      const after = np ? np[1] : k + 1;
      const ci2 = an.cueAt[after];
      if (np && ci2 >= 0 && an.cues[ci2].entry.frame === 'verb') {
        let e = an.cues[ci2].tokEnd;
        let extra = 0;
        while (e < sHi && !isSentenceEnd(tokens[e]) && extra < 5) { e++; extra++; }
        if (e >= sHi || isSentenceEnd(tokens[e])) return k;
      }
    }
  }
  return sHi;
}

function prepFrame(
  an: TextAnalysis, registry: ActorRegistry, c: CueHit, sLo: number, sHi: number,
  base: Pick<RawAttribution, 'cue' | 'cueClass' | 'weak'>,
): RawAttribution | undefined {
  const { tokens } = an;
  // "по его словам", "за його словами", "in her view": the pronoun inside the cue is the source
  let inner = -1;
  for (let k = c.tok; k < c.tokEnd; k++) if (an.lex.pronouns.has(tokens[k].lower)) inner = k;
  // "итоги, согласно которым …", "за даними яких": a relative clause — its source is the antecedent, not a speaker
  if (inner < 0 && an.lang !== 'en' && /^(котор|яки|якого|якої|якому|якій|яким|якими)/.test(tokens[c.tokEnd]?.lower ?? '')) return undefined;
  let r: [number, number] | undefined = inner >= 0 ? [inner, inner + 1] : npRight(an, c.tokEnd, sHi);
  // "по словам его одноклассников", "за словами її сусідів": a possessive before the noun that speaks
  // (people in the genitive plural; "со ссылкой на его указ" keeps the possessor as the source)
  if (r && inner < 0 && an.lang !== 'en' && r[1] - r[0] === 1 && POSSESSIVE.has(tokens[r[0]].lower) && r[1] < sHi && isWord(tokens[r[1]]) && !isCap(tokens[r[1]])
    && /\p{L}{3,}(ов|ев|ёв|ей|ых|их|ів|їв)$|^(коллег|колег)$/u.test(tokens[r[1]].lower)) {
    const head = npRight(an, r[1], sHi);
    if (head) r = [r[1], head[1]];
  }
  // "согласно спутниковым данным", "за офіційними даними": the noun after the adjective is a stop word elsewhere
  if (r && inner < 0 && an.lang !== 'en' && r[1] < sHi && /^(данным|данных|сведениям|сведений|даними|даних|відомостями)$/.test(tokens[r[1]].lower)) r = [r[0], r[1] + 1];
  // "согласно информации от ведомства", "за інформацією від відомства": the source follows «от»
  if (r && inner < 0 && an.lang !== 'en' && r[1] - r[0] === 1 && r[1] + 1 < sHi && /^(от|від|из|із)$/.test(tokens[r[1]].lower) && /^(информаци|данн|сведени|інформаці|дан)/.test(tokens[r[0]].lower)) {
    const from = npRight(an, r[1] + 1, sHi);
    if (from) r = [r[0], from[1]];
  }
  if (!r) return undefined;
  // "переходил дорогу согласно правилам", "прибув згідно з графіком": inside a clause, a rule or plan followed is
  // no source of what is said ("Согласно закону, штраф составит …" frames a clause: the law says so)
  if (inner < 0 && c.tok > sLo && isWord(tokens[c.tok - 1]) && tokens.slice(r[0], r[1]).some((t) => an.lex.norms.has(t.lower))) return undefined;
  // "ссылаясь на необходимость …", "посилаючись на важливість …": an abstract noun is a reason, not a source
  if (inner < 0 && an.lang !== 'en' && !isCap(tokens[r[0]]) && /(ость|ости|ість|ості)$/.test(tokens[r[0]].lower)) return undefined;
  // "согласно основной версии", "за попередньою версією": a hypothesis, with no one holding it
  // ("согласно версии следствия" has a holder)
  if (inner < 0 && an.lang !== 'en' && /^(верси|гипотез|предположени|версі|гіпотез|припущенн)/.test(tokens[r[1] - 1].lower)) return undefined;
  const speaker = resolvePhrase(an, registry, r[0], r[1]);
  if (!speaker) return undefined;
  // "ссылаясь на обычные побочные эффекты": after a citing cue, a common noun is a source only when it names one
  if (CITING.test(c.entry.lemma) && an.lang !== 'en' && speaker.kind === 'description' && !SOURCE_NOUN.test(tokens[r[0]].lower)) return undefined;
  let content: Span | undefined;
  let direct = false;
  // at the clause start: "According to X, C" / "По словам X, C" / "Как заявил X, C"
  let lead = c.tok - 1;
  // (a leading dash or bullet is no clause: "— По данным военблогеров, C")
  while (lead >= sLo && (COORD.has(tokens[lead].lower) || an.lex.adverbs.has(tokens[lead].lower) || THAT.has(tokens[lead].lower) || tokens[lead].text === ','
    || (an.lang !== 'en' && (isDash(tokens[lead]) || /^[•·*_]$/.test(tokens[lead].text)) && !tokens.slice(sLo, lead).some((t) => isWord(t))))) lead--;
  // "…, поскольку, по его словам, C", "…, бо, за його словами, C": a subordinate clause opens at the conjunction
  if (lead >= sLo && an.lang !== 'en' && SUBORDINATOR.test(tokens[lead].lower) && tokens[lead + 1]?.text === ',') lead = sLo - 1;
  if (lead >= sLo && (THAT.has(tokens[lead + 1]?.lower ?? '') || tokens[lead + 1]?.text === ',')) {
    // "ТАСС сообщает, что, по словам X, …": the clause opens at the complementiser
    let k = lead + 1;
    while (k < c.tok && (tokens[k].text === ',' || THAT.has(tokens[k].lower))) k++;
    if (k === c.tok && tokens.slice(lead + 1, c.tok).some((t) => THAT.has(t.lower))) lead = sLo - 1;
  }
  let after = inner >= 0 ? c.tokEnd : r[1];
  // apposition after the source: "according to Peskov, the Kremlin spokesman, …"
  // ("По информации очевидцев – речь о …": a dash ends the source phrase)
  while (after < sHi && tokens[after].text !== ',' && !isDash(tokens[after]) && !isSentenceEnd(tokens[after]) && after - r[1] < 6) after++;
  // "по мнению Константина В., генерального директора компании X, C": an apposition with a title
  const titleAt = (m: number) => !!an.lex.titles.matchAt(tokens, m, an.stems) || APPOSITION_HEAD.test(tokens[m]?.lower ?? '') || /^(котор|який|яка|яке|які|якого|якої)/.test(tokens[m]?.lower ?? '');
  if (an.lang !== 'en' && after + 2 < sHi && tokens[after].text === ',' && (titleAt(after + 1) || titleAt(after + 2))) {
    let m = after + 2;
    while (m < sHi && m - after <= 10 && tokens[m].text !== ',' && !isSentenceEnd(tokens[m]) && an.cueAt[m] < 0) m++;
    // (an apposition has no verb: "По информации Mash, бывший премьер выставил …, чтобы …" is the content)
    if (m < sHi && tokens[m].text === ',' && (/^(котор|який|яка|яке|які|якого|якої)/.test(tokens[after + 1].lower)
      || !tokens.slice(after + 1, m).some((t) => PAST_VERB.test(t.lower) || verbForm(t.lower)))) after = m;
  }
  // "Как следует из расчетов РИА Новости по данным статслужб, C": a source phrase inside a clause that is not the
  // content, with the content after the comma
  const embedded = an.lang !== 'en' && lead >= sLo && c.tok > sLo && !/^[,—–-]$/.test(tokens[c.tok - 1].text) && !COORD.has(tokens[c.tok - 1].lower)
    && after < sHi && tokens[after].text === ',' && wordCount(an, after, sHi) >= 3;
  if (lead < sLo || embedded) {
    let a = after;
    while (a < sHi && (tokens[a].text === ',' || isDash(tokens[a]))) a++;
    const q = isOpenQuoteTok(an, a);
    if (q && q.end >= tokens[sHi - 1].start) { content = quoteContent(q, an.text); direct = true; } else content = contentFrom(an, a, contentEnd(an, a, sHi, c));
  } else {
    // "C, according to X" (content before), or "C1, according to X, C2" (the whole sentence)
    let p = c.tok - 1;
    while (p >= sLo && (tokens[p].text === ',' || isDash(tokens[p]) || /^[*_]$/.test(tokens[p].text))) p--;
    let q = p >= sLo ? isCloseQuoteTok(an, p) : undefined;
    // «… издание "Европейская правда" со ссылкой на …»: a quoted name that does not open the clause is no content
    if (q && an.lang !== 'en' && !(q.start <= an.sentences[an.sentOf[c.tok]].start + 1 || /[.!?:]\s*$|^\s*$/.test(an.text.slice(Math.max(0, q.start - 3), q.start)))) q = undefined;
    if (q) { content = quoteContent(q, an.text); direct = true; } else {
      const restWords = wordCount(an, after, sHi);
      // "C, сообщило издание FAZ со ссылкой на источники": C ends before the inverted cue
      content = restWords >= (an.lang === 'en' ? 3 : 2) ? contentFrom(an, sLo, sHi) : contentFrom(an, sLo, an.lang === 'en' ? p + 1 : contentEnd(an, sLo, p + 1, c));
    }
  }
  if (!content) return undefined;
  const contentTok = tokRangeOf(an, content);
  if (wordCount(an, contentTok[0], contentTok[1]) < 2) return undefined;
  return { ...base, speakerTok: r, speaker, content, direct, contentTok, frameTok: [c.tok, r[1]] };
}

/** «A, — сказал Лавров. — B» / «A, — заявил он, — B»: the author inside the quote marks; A and B are his words. */
function insertedAuthor(an: TextAnalysis, registry: ActorRegistry, c: CueHit): RawAttribution[] {
  const { tokens } = an;
  const q = an.quotes[an.quoteOf[c.tok]];
  const d0 = c.tok - 1;
  if (!isDash(tokens[d0]) || !/^[,!?…]$/.test(tokens[d0 - 1]?.text ?? '')) return [];
  // the author phrase lies inside the quote marks, so npRight (which stops at quoted words) does not apply
  let e = c.tokEnd;
  while (e < tokens.length && e - c.tokEnd < 8 && isWord(tokens[e]) && !an.lex.stopWords.has(tokens[e].lower) && an.cueAt[e] < 0) e++;
  if (e === c.tokEnd) return [];
  // (a personal pronoun is the whole author: "— говорит она сквозь слезы. —")
  const pron = an.lang !== 'en' ? an.lex.pronouns.get(tokens[c.tokEnd].lower) : undefined;
  if (pron && !pron.noun && !POSSESSIVE.has(tokens[c.tokEnd].lower)) e = c.tokEnd + 1;
  const r: [number, number] = [c.tokEnd, e];
  let k = r[1];
  while (k < tokens.length && tokens[k].start < q.innerEnd && !isDash(tokens[k])) k++;
  const speaker = resolvePhrase(an, registry, r[0], r[1]);
  if (!speaker) return [];
  const cue = { text: an.text.slice(c.start, c.end), start: c.start, end: c.end, hit: c };
  const out: RawAttribution[] = [];
  const a = trimSpan(an.text, q.innerStart, tokens[d0 - 1].start, /[\s,;:—–\-]/);
  const parts = [a];
  if (k < tokens.length && isDash(tokens[k]) && tokens[k].start < q.innerEnd) parts.push(trimSpan(an.text, tokens[k].end, q.innerEnd, /[\s,;:—–\-]/));
  for (const part of parts) {
    if (part.end <= part.start) continue;
    const contentTok = tokRangeOf(an, part);
    if (wordCount(an, contentTok[0], contentTok[1]) < 1) continue;
    const att: RawAttribution = {
      cue, cueClass: c.entry.class, weak: c.entry.weak, content: part, direct: true, contentTok, frameTok: [c.tok, r[1]],
    };
    att.speakerTok = r;
    att.speaker = speaker;
    out.push(att);
  }
  return out;
}

/** "their claims that…", "Putin's statement that…", "claims by X that…", "заявления X о том, что…". */
interface NounCue extends CueHit { poss?: [number, number]; verbTok?: number }

/** The token of a verb that pushes the claims of the noun cue at `i` ("have stepped up claims", «поширюють твердження»), or -1. */
function amplifyingVerbBefore(an: TextAnalysis, i: number): number {
  const { tokens } = an;
  let k = i - 1;
  // "stepped up", "ramped up", "doubled down on"
  if (/^(up|down|on)$/.test(tokens[k]?.lower ?? '')) k--;
  if (tokens[k]?.lower === 'down') k--;
  return k >= 0 && an.lex.claimPushers.matchAt(tokens, k, an.stems) ? k : -1;
}

function findNounCues(an: TextAnalysis): NounCue[] {
  const out: NounCue[] = [];
  const { tokens } = an;
  for (let i = 1; i < tokens.length - 1; i++) {
    if (an.quoteOf[i] >= 0 || an.cueAt[i] >= 0) continue;
    const m = an.lex.contentNouns.matchAt(tokens, i, an.stems);
    if (!m) continue;
    const after = i + m.len;
    const next = tokens[after];
    if (!next) continue;
    const enThat = an.lang === 'en' && next.lower === 'that';
    const slThat = an.lang !== 'en' && ((next.text === ',' && THAT.has(tokens[after + 1]?.lower ?? '')) || (['о', 'об', 'про'].includes(next.lower) && ['том', 'те'].includes(tokens[after + 1]?.lower ?? '')));
    if (!enThat && !slThat) continue;
    const prev = tokens[i - 1];
    const possessive = POSSESSIVE.has(prev.lower) || /[’']s$/.test(prev.text);
    // "Russian officials have intensified claims that …": the subject of a verb that pushes claims makes them
    const pushedBy = !possessive ? amplifyingVerbBefore(an, i) : -1;
    if (!possessive && pushedBy < 0 && an.lang === 'en') continue;
    // "repeated claims that": a reporting verb frames the claim itself
    if (pushedBy >= 0 && an.cueAt[pushedBy] >= 0) continue;
    const cls = /accus|alleg|обвин|звинув/.test(tokens[i].lower) ? 'accusation' : 'statement';
    out.push({
      tok: i, tokEnd: after, entry: { lemma: tokens[i].lower, class: cls, frame: 'noun', weak: false }, start: tokens[i].start, end: tokens[after - 1].end,
      ...(pushedBy >= 0 ? { verbTok: pushedBy } : {}),
    });
  }
  return out;
}

function nounFrame(an: TextAnalysis, registry: ActorRegistry, c: NounCue, sLo: number, sHi: number): RawAttribution | undefined {
  const { tokens } = an;
  const prev = c.tok - 1;
  let speakerTok: [number, number] | undefined;
  let speaker: SpeakerRef | undefined;
  if (POSSESSIVE.has(tokens[prev].lower) || c.verbTok !== undefined) {
    // the clause subject: from the clause start up to the first auxiliary/verb
    const limit = c.verbTok ?? prev;
    let a = limit;
    while (a > sLo && !an.lex.complementizers.has(tokens[a - 1].lower)) a--;
    let b = a;
    while (b < limit && !['has', 'have', 'had', 'is', 'are', 'was', 'were', 'will', 'would', 'recently', 'also'].includes(tokens[b].lower) && b - a < 25) {
      // "The ISW reiterated its assessment that …": a reporting verb before the noun frames the claim itself
      if (an.cueAt[b] >= 0 && !an.lexCover[b] && an.cues[an.cueAt[b]].entry.frame === 'verb') return undefined;
      b++;
    }
    if (b > a && b <= limit) {
      speakerTok = [a, b];
      while (speakerTok[1] > speakerTok[0] && isPunct(tokens[speakerTok[1] - 1])) speakerTok[1]--;
      // a coordinated subject ("Putin, other officials, and state media"): resolve the first conjunct
      let firstEnd = speakerTok[0];
      while (firstEnd < speakerTok[1] && tokens[firstEnd].text !== ',' && !COORD.has(tokens[firstEnd].lower)) firstEnd++;
      speaker = resolvePhrase(an, registry, speakerTok[0], firstEnd > speakerTok[0] ? firstEnd : speakerTok[1]);
      if (speaker) {
        const sp = { start: tokens[speakerTok[0]].start, end: tokens[speakerTok[1] - 1].end };
        speaker = { ...speaker, ...sp, text: an.text.slice(sp.start, sp.end), plural: speakerTok[1] - speakerTok[0] > 2 || speaker.plural };
      }
    }
  } else if (an.lang === 'en') {
    // Russian/Ukrainian has no prenominal possessor: the phrase before the noun is another verb's subject
    // ("она получила сообщение о том, что …")
    const l = npLeft(an, c.tok, sLo);
    if (l) { speakerTok = l; speaker = resolvePhrase(an, registry, l[0], l[1]); }
  }
  if (!speaker || !speakerTok) return undefined;
  let a = c.tokEnd;
  while (a < sHi && (tokens[a].text === ',' || THAT.has(tokens[a].lower) || ['о', 'об', 'про', 'том', 'те'].includes(tokens[a].lower))) a++;
  const content = contentFrom(an, a, contentEnd(an, a, sHi, c));
  if (!content) return undefined;
  const contentTok = tokRangeOf(an, content);
  if (wordCount(an, contentTok[0], contentTok[1]) < 3) return undefined;
  return {
    cue: { text: an.text.slice(c.start, c.end), start: c.start, end: c.end }, cueClass: c.entry.class, weak: false,
    speakerTok, speaker, content, direct: false, contentTok, frameTok: [speakerTok[0], a],
  };
}

/**
 * Quotes with no cue of their own that continue a direct attribution: "“A,” he said. “B.”", "X said: «A». «B»",
 * "“A,” he said, “B.”".
 */
function continuationQuotes(an: TextAnalysis, out: RawAttribution[]): void {
  const covered = (q: Quote) => out.some((a) => a.content.start <= q.innerStart + 1 && q.innerEnd - 1 <= a.content.end);
  // attributions by content start, kept sorted as continuations are added
  const sorted = [...out.keys()].sort((x, y) => out[x].content.start - out[y].content.start);
  const firstAfter = (pos: number) => {
    let lo = 0, hi = sorted.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (out[sorted[mid]].content.start <= pos) lo = mid + 1; else hi = mid; }
    return lo;
  };
  for (const q of an.quotes) {
    if (q.depth !== 0 || q.words < 4 || covered(q)) continue;
    // the closest preceding direct attribution whose content or cue ends shortly before this quote (the nearest
    // CONTINUATION_SCAN by content start: RELIABILITY.md B15)
    let best = -1;
    for (let k = firstAfter(q.start) - 1; k >= 0 && best < 0 && firstAfter(q.start) - k <= CONTINUATION_SCAN; k--) {
      const idx = sorted[k];
      const a = out[idx];
      const last = Math.max(a.content.end, a.cue.end, a.speaker?.end ?? 0);
      if (last > q.start) continue;
      const gap = an.text.slice(last, q.start);
      if (a.direct && gap.length < 60 && !/[\p{L}]{4,}.*[.!?]\s+\p{Lu}/u.test(gap.replace(/^[^\p{L}]*[\p{L}\s]*?[.!?]/u, ''))) best = idx;
    }
    if (best < 0) continue;
    const prev = out[best];
    // only when nothing else is said between them (the gap holds punctuation, the cue, the speaker)
    // (a short adverbial after the cue may close its sentence: "… the governor wrote on Telegram. “B.”")
    const gapText = an.text.slice(Math.max(prev.content.end, prev.cue.end, prev.speaker?.end ?? 0), q.start)
      .replace(/^\s*(on|in|to|at|during|via|after|в|на|у)\s+([\p{L}'’-]+\s*){1,4}(?=[.!?])/iu, '');
    if (/[\p{L}]/u.test(gapText.replace(/\b(he|she|they|said|added|continued|он|она|они|він|вона|вони|и|і|та|and)\b/giu, '').replace(/[^\p{L}]/gu, ''))) continue;
    const content = quoteContent(q, an.text);
    out.push({
      cue: prev.cue, cueClass: prev.cueClass, weak: prev.weak, sameSpeakerAs: best, content, direct: true,
      contentTok: tokRangeOf(an, content), frameTok: prev.frameTok,
    });
    sorted.splice(firstAfter(content.start), 0, out.length - 1);
  }
}

const CONTINUATION_SCAN = 64;
