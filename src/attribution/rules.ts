import type { ActorRegistry } from '../actors/registry.ts';
import type { Document } from '../model/document.ts';
import type { Attribution, AttributionResult, ChainLink, Stance, Assessment, Span } from '../model/attribution.ts';
import { nameKey } from '../text/normalize.ts';
import { analyze, tokenAtOrAfter, type TextAnalysis } from './analysis.ts';
import { CITING, frameAttributions, type RawAttribution } from './reported.ts';
import { npRight, resolvePhrase, type SpeakerRef } from './speakers.ts';
import { MentionHistory, cueGender, referentOf, type Referent } from './coref.ts';
import { extractEvents } from './events.ts';
import { countryNamed } from './countries.ts';
import type { Verdict } from './lexicon.ts';

/**
 * Rule-based attribution extraction (en / ru / uk): cue frames → speakers (registry, titles, groups, coreference,
 * reporter context) → reporting chains → stance → dates → assessments → events. Pure and synchronous.
 */
export function extractRuleBased(doc: Document, registry: ActorRegistry, opts: { weak?: boolean; analysis?: TextAnalysis } = {}): AttributionResult {
  const an = opts.analysis ?? analyze(doc.text, doc.lang, doc.publishedAt);
  const raws = frameAttributions(an, registry, { weak: opts.weak });
  const publisher = publisherLink(doc, registry);
  const mentions = new MentionHistory(an, registry);

  // Order by cue position (continuations keep their own content position). Publisher meta-statements about an
  // anaphoric report ("This is stated in a report by ISW, Ukrinform reports") are dropped.
  const metaDropped = new Set<number>();
  const anaphoricSentences = new Set(raws.filter((o) => o.anaphoric).map((o) => an.sentOf[o.cue.hit?.tok ?? 0]));
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i];
    // "Putin agreed to a 30-day pause", "agreed on a swap": an agreement to act, not a statement ("agreed that …" stays)
    if (r.cue.hit?.entry.lemma === 'agree' && /^(to|on|upon)\s/i.test(r.content.text)) { metaDropped.add(i); continue; }
    // "ISW has not observed confirmation of …", "did not say when": a negated cue with a plain object states nothing
    if (negatedObjectCue(an, r)) { metaDropped.add(i); continue; }
    if (!r.speaker || r.anaphoric) continue;
    const a = lookupLink(r.speaker, registry);
    if (!sameLink(a, publisher)) continue;
    if (anaphoricSentences.has(an.sentOf[r.cue.hit?.tok ?? 0])) metaDropped.add(i);
  }
  const order = [...raws.keys()].filter((i) => !metaDropped.has(i))
    .sort((a, b) => raws[a].cue.start - raws[b].cue.start || raws[a].content.start - raws[b].content.start);

  // ---- nesting on raw spans: the innermost other attribution whose content holds this cue
  // Candidates are read by content start, nearest before the cue first, at most NEST_SCAN of them, so that the
  // nesting is near-linear in the number of attributions (RELIABILITY.md B15).
  const parent = new Map<number, number>();
  const byContent = [...order].sort((a, b) => raws[a].content.start - raws[b].content.start);
  for (const i of order) {
    const r = raws[i];
    let best = -1;
    let lo = 0, hi = byContent.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (raws[byContent[mid]].content.start <= r.cue.start) lo = mid + 1; else hi = mid; }
    for (let k = lo - 1; k >= Math.max(0, lo - NEST_SCAN); k--) {
      const j = byContent[k];
      if (j === i || r.sameSpeakerAs === j) continue;
      const p = raws[j];
      const holdsCue = p.content.start <= r.cue.start && r.cue.end <= p.content.end;
      const mutual = r.content.start <= p.cue.start && p.cue.end <= r.content.end;
      if (holdsCue && !mutual && (r.speaker ? p.content.start <= r.speaker.start && r.speaker.end <= p.content.end : true)) {
        if (best < 0 || (p.content.end - p.content.start) < (raws[best].content.end - raws[best].content.start)) best = j;
      }
    }
    if (best >= 0) parent.set(i, best);
  }

  // "«Q», пишут Известия, ссылаясь на Y", "C, сообщает X со ссылкой на Y": Y's words reached us through X, whose
  // report has the same content
  const via = new Map<number, number>();
  for (let n = 1; n < order.length; n++) {
    const i = order[n];
    const r = raws[i];
    if (parent.has(i) || !CITING.test(r.cue.hit?.entry.lemma ?? '')) continue;
    for (let m = n - 1; m >= 0 && m >= n - 4; m--) {
      const k = order[m];
      if (raws[k].content.start === r.content.start && raws[k].content.end === r.content.end && !CITING.test(raws[k].cue.hit?.entry.lemma ?? '')) { via.set(i, k); break; }
    }
  }
  const reportedVia = new Set(via.values());

  // break any remaining cycle (defensive: nesting must be a forest)
  // (each node is walked once: 1 = on the current path, 2 = known to reach a root)
  const state = new Map<number, 1 | 2>();
  for (const i of [...parent.keys()]) {
    const path: number[] = [];
    let k: number | undefined = i;
    while (k !== undefined && !state.has(k)) { state.set(k, 1); path.push(k); k = parent.get(k); }
    if (k !== undefined && state.get(k) === 1) parent.delete(path[path.length - 1]);
    for (const x of path) state.set(x, 2);
  }
  const depths = new Map<number, number>();
  const depthOf = (i: number): number => {
    let d = depths.get(i);
    if (d === undefined) {
      // iterative: an arbitrarily deep nesting must not overflow the stack
      const path: number[] = [];
      let k: number | undefined = i;
      while (k !== undefined && !depths.has(k)) { path.push(k); k = parent.get(k); }
      let base = k === undefined ? -1 : depths.get(k)!;
      for (let x = path.length - 1; x >= 0; x--) depths.set(path[x], ++base);
      d = depths.get(i)!;
    }
    return d;
  };
  // Reported speech nested deeper than MAX_NESTING ("A said that B said that C said that …" ×1,000) is not kept:
  // each level would carry the rest of the text as its content and the whole chain (RELIABILITY.md B16).
  const tooDeep = (i: number) => depthOf(i) > MAX_NESTING;

  // ---- pass 1: speakers, in text order, with the reporter context
  const speakers = new Map<number, { ref: Referent; span: Span }>();
  const contextAt = new Map<number, ChainLink[]>();
  let context: ChainLink[] = [];
  const resets = publisherResets(an, publisher);
  for (const i of order) {
    if (tooDeep(i)) continue;
    const r = raws[i];
    const sentence = an.sentOf[r.cue.hit?.tok ?? r.contentTok[0]] ?? 0;
    // a reset marker before the cue: "As Ukrinform reported earlier", "Как сообщалось ранее", also when the
    // publisher's own clause made no attribution of its own ("Как сообщала «Медуза» ранее, …")
    if (resets.has(sentence) && !parent.has(i)) context = [];
    contextAt.set(i, context);
    let ref: Referent | undefined;
    let span: Span | undefined;
    const current = context.length ? context[context.length - 1] : undefined;
    if (r.sameSpeakerAs !== undefined) {
      const s = speakers.get(r.sameSpeakerAs);
      if (s) { ref = s.ref; span = s.span; }
    } else if (r.implicit) {
      // "it was reported", "сообщается": the current reporter inside a report's context, else an unnamed source
      ref = current ? { name: current.name, actorId: current.actorId, type: current.type, person: false } : { name: '', person: false, kind: 'implicit' };
      span = { text: '', start: r.cue.start, end: r.cue.start };
    } else if (r.speaker) {
      const s = sourceOfDocumentNoun(an, registry, r.speaker);
      span = { text: s.text, start: s.start, end: s.end };
      if (s.kind === 'pronoun') {
        const g = r.cue.hit ? cueGender(an.tokens[r.cue.hit.tok].text, an.lang) : undefined;
        const self = an.lex.pronouns.get(s.text.toLowerCase());
        // (a Russian/Ukrainian «я» outside quotes is mostly an interviewee quoted without marks, not the channel)
        if (self?.self && (an.lang === 'en' || self.number === 'pl')) {
          // "I said", "мы считаем" outside quotes: the author of the document (the publisher) speaks
          ref = { name: publisher.name, actorId: publisher.actorId, type: publisher.type, person: false };
        } else {
          ref = mentions.resolvePronoun(s.start, sentence, s.text, g);
        }
        ref ??= { name: s.text, person: true };
      } else if (s.kind === 'context') {
        ref = current ? { name: current.name, actorId: current.actorId, type: current.type, person: false } : { name: s.text.replace(/^(the|these)\s+/i, ''), person: false, plural: true };
      } else if (s.kind === 'description' && s.title) {
        // ("Президент Турции заявил": a title with its country is no holder of that title in another country)
        ref = mentions.resolveDescription(s.start, sentence, s.title, s.type, countryNamed(s.text)) ?? referentOf(s);
      } else {
        ref = referentOf(s);
      }
    }
    if (!ref || !span) continue;
    speakers.set(i, { ref, span });
    // a correspondent who relays the report ("передает корреспондент РБК") is no antecedent for the next "он сказал"
    mentions.add(span.start, sentence, ref, !RELAY_SPEAKER.test(span.text));

    // context updates (only for top-level statements)
    if (!parent.has(i)) {
      const link = linkOf(ref);
      if (sameLink(link, publisher)) {
        // "As Ukrinform reported earlier, …" → back to the publisher's own voice
        if (resetsContext(an, r)) context = [];
      } else if (!ref.person && !r.implicit && r.cueClass !== 'denial'
        && (r.anaphoric || r.cue.hit?.entry.frame === 'passive' || CONTEXT_TYPES.has(ref.type ?? 'unknown'))) {
        // a report that frames what follows ("This is stated in a report by ISW", "Об этом сообщает X",
        // "ISW analysts say …") makes its source the reporter of the following statements
        context = [link];
      } else if (!ref.person && r.cueClass === 'report' && MEDIA_TYPES.has(ref.type ?? 'unknown') && current && !sameLink(link, current)) {
        // another outlet's own report ("Independent outlet Meduza reported that …") changes the source: it is not
        // something the current reporter (an ISW assessment) said
        context = [];
        contextAt.set(i, context);
      }
    }
  }

  // ---- pass 2: chains
  const chains = new Map<number, ChainLink[]>();
  const byDepth = [...speakers.keys()].sort((a, b) => depthOf(a) - depthOf(b));
  for (const i of byDepth) {
    const p = parent.get(i);
    let chain: ChainLink[];
    if (p === undefined && speakers.get(i)!.ref.name && sameLink(linkOf(speakers.get(i)!.ref), publisher)) {
      chain = [];
    } else if (p !== undefined && speakers.has(p) && chains.has(p)) {
      chain = [...chains.get(p)!, linkOf(speakers.get(p)!.ref)];
    } else if (via.has(i) && speakers.has(via.get(i)!) && chains.has(via.get(i)!)) {
      const v = via.get(i)!;
      chain = [...chains.get(v)!, linkOf(speakers.get(v)!.ref)];
    } else {
      chain = [publisher, ...(contextAt.get(i) ?? [])];
    }
    // dedupe consecutive links; the speaker is not part of its own chain
    chain = chain.filter((l, k) => k === 0 || !sameLink(l, chain[k - 1]));
    const me = linkOf(speakers.get(i)!.ref);
    while (chain.length && me.name && sameLink(chain[chain.length - 1], me)) chain.pop();
    chains.set(i, chain);
  }

  // Drop the publisher's meta-statements: "…, Ukrinform reports" about "This is stated in a report by ISW",
  // "Ukrinform reports this, citing the ISW's report". (Its own earlier reporting — "As Ukrinform reported earlier,
  // Putin said …" — stays: the publisher asserts it, with an empty chain.)
  const anaphoric = order.filter((j) => raws[j].anaphoric);
  // "TASS, citing an unnamed source, reported that …": the citing aside is a source note of the report that follows
  const bySpeakerStart = new Map<number, number[]>();
  for (const j of order) {
    const st = raws[j].speaker?.start;
    if (st === undefined) continue;
    const l = bySpeakerStart.get(st);
    if (l) l.push(j); else bySpeakerStart.set(st, [j]);
  }
  const citingAside = (i: number) => /^(citing|quoting)$/i.test(raws[i].cue.text) && raws[i].speaker !== undefined
    && (bySpeakerStart.get(raws[i].speaker!.start) ?? []).some((j) => j !== i
      && raws[i].content.start <= raws[j].cue.start && raws[j].cue.end <= raws[i].content.end);
  const keep = order.filter((i) => speakers.has(i)).filter((i) => {
    const r = raws[i];
    if (citingAside(i)) return false;
    // (a quote the outlet cites is not the outlet's words: it stays as a link of the cited speaker's chain)
    if (an.lang !== 'en' && r.direct && reportedVia.has(i)) return false;
    if (parent.has(i) || !sameLink(linkOf(speakers.get(i)!.ref), publisher)) return true;
    if (CITING.test(r.cue.hit?.entry.lemma ?? '') || /^(cite|quote|cited|citing|quoting)$/i.test(r.cue.text)) return false;
    // "Ukrinform reports this with reference to the ISW's assessment", "Укрінформ повідомляє це з посиланням на …"
    if (/^(this|it|это|об этом|це|про це)\b/i.test(r.content.text) && /\b(with reference to|referring to|citing|со ссылкой на|з посиланням на|посилаючись на)\b/i.test(r.content.text)) return false;
    return !anaphoric.some((j) => j !== i && r.content.start <= raws[j].cue.start && raws[j].cue.end <= r.content.end);
  });
  const children = new Map<number, number[]>();
  for (const j of keep) {
    const p = parent.get(j);
    const list = p === undefined ? undefined : children.get(p);
    if (list) list.push(j); else if (p !== undefined) children.set(p, [j]);
  }

  // ---- build attributions
  const index = new Map<number, number>();
  const atts: Attribution[] = [];
  const statementDates = new Set<number>();
  for (const i of keep) {
    const r = raws[i];
    const sp = speakers.get(i)!;
    const chain = chains.get(i)!;
    // a date closing an object content dates the statement, and the content ends before it
    const framed = statementDate(an, r);
    const trailing = framed ? undefined : trailingObjectDate(an, r);
    if (trailing) { r.content = trailing.content; r.contentTok = trailing.contentTok; }
    const date = framed ?? trailing;
    if (date) statementDates.add(date.index);
    const att: Attribution = {
      speaker: { ...sp.span, ...(sp.ref.actorId ? { actorId: sp.ref.actorId } : {}), ...(sp.ref.name ? { name: sp.ref.name } : {}), ...(sp.ref.type ? { type: sp.ref.type } : {}) },
      cue: { text: r.cue.text, start: r.cue.start, end: r.cue.end, class: r.cueClass },
      content: r.direct ? { text: r.content.text, start: r.content.start, end: r.content.end } : r.cueClass === 'accusation' ? beforeRejoinder(r.content) : possessedClaim(r.content),
      direct: r.direct,
      ...(date ? { date: date.date, dateText: date.text } : {}),
      chain,
      stance: stanceOf(an, r, chain, raws, children.get(i) ?? []),
      narratives: [],
    };
    index.set(i, atts.length);
    atts.push(att);
  }

  // "Путин заявил, что … . Об этом он сказал в четверг", "Putin said … . He said this on Thursday": an anaphoric
  // restatement by the same speaker dates the statement it points back to, and is not a second statement
  const restated = new Set<Attribution>();
  for (const i of keep) {
    if (!raws[i].anaphoric) continue;
    const a = atts[index.get(i)!];
    if (!a.speaker.actorId) continue;
    const target = atts.find((b) => b !== a && b.speaker.actorId === a.speaker.actorId && a.content.start <= b.cue.start && b.cue.end <= a.content.end);
    if (!target) continue;
    if (!target.date && a.date) { target.date = a.date; if (a.dateText) target.dateText = a.dateText; }
    restated.add(a);
  }
  if (restated.size) {
    // (in place, without spreading: a dense document may hold tens of thousands of attributions)
    let w = 0;
    for (const a of atts) if (!restated.has(a)) atts[w++] = a;
    atts.length = w;
  }

  // ---- assessments
  const withContext = order.filter((i) => contextAt.has(i));
  const assessments = findAssessments(an, atts, (pos) => {
    // the reporter context at a position: that of the last attribution before it (order is sorted by cue start)
    let lo = 0, hi = withContext.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (raws[withContext[mid]].cue.start <= pos) lo = mid + 1; else hi = mid; }
    const ctx = lo > 0 ? contextAt.get(withContext[lo - 1])! : [];
    return ctx.length ? ctx[ctx.length - 1] : publisher;
  });

  const events = extractEvents(an, statementDates);
  if (an.text !== doc.text) rereadSpanTexts(doc.text, atts, events, assessments);
  return { attributions: atts, events, assessments };
}

/** Span texts read again from the document (the analysis hid Markdown link targets behind spaces). */
function rereadSpanTexts(text: string, atts: Attribution[], events: { text: string; start: number; end: number }[], assessments: Assessment[]): void {
  const reread = (s: Span | { text: string; start: number; end: number }) => { s.text = text.slice(s.start, s.end); };
  for (const a of atts) {
    reread(a.cue); reread(a.content);
    if (a.speaker.end > a.speaker.start) a.speaker.text = text.slice(a.speaker.start, a.speaker.end);
  }
  for (const e of events) reread(e);
  for (const s of assessments) reread(s);
}

const RELAY_SPEAKER = /(корреспондент|кореспондент|correspondent)/iu;

/** How many attributions whose content starts before a cue are tried as its enclosing report. */
const NEST_SCAN = 64;
/** Deepest reported speech kept: a chain of five nested reports is already far beyond real news. */
export const MAX_NESTING = 5;

/** How many earlier attributions an assessment reads to find the claim it is about. */
const ABOUT_SCAN = 200;

/**
 * "According to a statement from the U.S. State Department", "a report by Amnesty International": the source of a
 * document noun is its author named after from/by/of, when the phrase is only the document noun.
 */
function sourceOfDocumentNoun(an: TextAnalysis, registry: ActorRegistry, sp: SpeakerRef): SpeakerRef {
  if (an.lang !== 'en' || sp.actorId) return sp;
  const a = tokenAtOrAfter(an, sp.start);
  const b = tokenAtOrAfter(an, sp.end);
  const head = an.tokens[b - 1];
  if (!head || !(b - a <= 3 && /^(a|an|the|its|their)$/i.test(an.tokens[a].lower)) || !an.lex.reportNouns.matchAt(an.tokens, b - 1, an.stems)) return sp;
  if (!/^(from|by|of)$/i.test(an.tokens[b]?.lower ?? '')) return sp;
  const hi = an.sentTok[an.sentOf[b]][1];
  const np = npRight(an, b + 1, hi);
  if (!np) return sp;
  const author = resolvePhrase(an, registry, np[0], np[1]);
  return author && (author.actorId || author.kind === 'name' || author.kind === 'group') ? author : sp;
}

function negatedObjectCue(an: TextAnalysis, r: RawAttribution): boolean {
  const hit = r.cue.hit;
  if (an.lang !== 'en' || !hit || r.direct || r.content.start < r.cue.end) return false;
  let k = hit.tok - 1;
  while (k >= 0 && /^(yet|also|ever|still)$/i.test(an.tokens[k].lower)) k--;
  if (k < 0 || !/^(not|n't|never)$/i.test(an.tokens[k].lower)) return false;
  return !/\b(that|whether|if)\b|:/i.test(an.text.slice(r.cue.end, r.content.start));
}

/** "its assessment that C", "their claims that C" as a verb's object: the claim is C. */
function possessedClaim(content: Span): Span {
  const m = /^(its|his|her|their)\s+(\w+\s+)?(assessment|claims?|statement|view|position|accusations?|allegations?|argument|conclusion|belief)\s+that\s+/i.exec(content.text);
  if (!m || m[0].length >= content.text.length) return content;
  return { text: content.text.slice(m[0].length), start: content.start + m[0].length, end: content.end };
}

/**
 * Sentences that open in the publisher's own voice: "As Ukrinform reported earlier, …", "Как сообщала «Медуза» ранее,
 * …", "Як повідомлялося раніше, …" — "as" + a reset marker within the opening clause, naming the publisher or no one.
 */
function publisherResets(an: TextAnalysis, publisher: ChainLink): Set<number> {
  const out = new Set<number>();
  const name = nameKey(publisher.name ?? '');
  for (let s = 0; s < an.sentences.length; s++) {
    const [lo, hi] = an.sentTok[s];
    if (lo >= hi || !/^(as|как|як)$/i.test(an.tokens[lo].lower)) continue;
    let comma = lo + 1;
    while (comma < hi && comma - lo <= 8 && an.tokens[comma].text !== ',') comma++;
    if (comma >= hi || comma - lo > 8) continue;
    let marker = false;
    for (let k = lo; k < comma; k++) if (an.lex.resetMarkers.matchAt(an.tokens, k, an.stems)) marker = true;
    if (!marker) continue;
    const clause = nameKey(an.text.slice(an.tokens[lo].start, an.tokens[comma].start).replace(/[«»"“”„]/g, ' '));
    const names = an.tokens.slice(lo + 1, comma).some((t) => /^\p{Lu}/u.test(t.text));
    if (!names || (name && clause.includes(name))) out.add(s);
  }
  return out;
}

const MEDIA_TYPES = new Set(['state_media', 'state_affiliated_media', 'independent_media', 'exiled_media', 'foreign_media', 'aggregator_channel']);
const CONTEXT_TYPES = new Set(['think_tank', 'ngo', 'international_org', 'fact_checker']);

function resetsContext(an: TextAnalysis, r: RawAttribution): boolean {
  const [a, b] = r.frameTok;
  for (let k = Math.max(0, a - 2); k < Math.min(b + 3, an.tokens.length); k++) if (an.lex.resetMarkers.matchAt(an.tokens, k, an.stems)) return true;
  return r.content.start > r.cue.end && /^(as|как|як)$/i.test(an.tokens[Math.max(0, a)].lower);
}

export function publisherLink(doc: Document, registry: ActorRegistry): ChainLink {
  const actor = (doc.source.actorId ? registry.get(doc.source.actorId) : undefined)
    ?? registry.resolveSource({ name: doc.source.name, handle: doc.source.handle, url: doc.source.url ?? doc.url });
  return { name: doc.source.name || actor?.name || 'unknown', ...(actor ? { actorId: actor.id, type: actor.type } : {}) };
}

function lookupLink(s: { name?: string; text: string; actorId?: string }, _registry: ActorRegistry): ChainLink {
  return { name: s.name ?? s.text, ...(s.actorId ? { actorId: s.actorId } : {}) };
}

function linkOf(ref: Referent): ChainLink {
  return { name: ref.name, ...(ref.actorId ? { actorId: ref.actorId } : {}), ...(ref.type ? { type: ref.type } : {}) };
}

export function sameLink(a: ChainLink | undefined, b: ChainLink | undefined): boolean {
  if (!a || !b) return false;
  if (!a.name && !a.actorId || !b.name && !b.actorId) return false;
  if (a.actorId && b.actorId) return a.actorId === b.actorId;
  return nameKey(a.name) === nameKey(b.name);
}

/** The date of a statement: a date mention in its frame (outside the content), nearest to the cue. */
function statementDate(an: TextAnalysis, r: RawAttribution): { date: string; text: string; index: number } | undefined {
  const hit = r.cue.hit;
  if (!hit || an.dates.length === 0) return undefined;
  const s = an.sentOf[hit.tok];
  const [sLo, sHi] = an.sentTok[s];
  let lo: number, hi: number;
  if (r.contentTok[0] > hit.tok) {
    lo = r.speakerTok ? Math.min(r.speakerTok[0], hit.tok) : hit.tok;
    // a date just before the speaker: "13 марта Песков заявил", "On Friday, Putin said"
    let k = lo - 1;
    while (k >= sLo && lo - k <= 6 && (an.dateOf[k] >= 0 || /^(,|on|в|у|во|evening|morning|afternoon|night|late|early|вечером|утром|днем|днём|ночью|увечері|вранці|вночі)$/i.test(an.tokens[k].lower))) k--;
    lo = k + 1;
    hi = r.contentTok[0];
  } else {
    lo = Math.max(r.contentTok[1], sLo);
    hi = sHi;
  }
  let best: { date: string; text: string; index: number } | undefined;
  let bestDist = Infinity;
  for (let k = lo; k < hi; k++) {
    const di = an.dateOf[k];
    if (di < 0 || an.quoteOf[k] >= 0) continue;
    const d = an.dates[di];
    if (d.precision !== 'day') continue;
    const dist = Math.abs(k - hit.tok);
    if (dist < bestDist) { best = { date: d.date, text: d.text, index: di }; bestDist = dist; }
  }
  return best;
}

/**
 * "dismissed the accusations as fakes on Friday": a day date closing an object content (no complement clause, not a
 * quote) dates the statement; returns it with the content that ends before it.
 */
function trailingObjectDate(an: TextAnalysis, r: RawAttribution):
  { date: string; text: string; index: number; content: Span; contentTok: [number, number] } | undefined {
  const hit = r.cue.hit;
  if (!hit || r.direct || r.contentTok[0] < hit.tokEnd) return undefined;
  const between = an.text.slice(r.cue.end, r.content.start);
  if (/\b(that|whether|if)\b|что|чтобы|що|щоб|ли\b|:/i.test(between)) return undefined;
  const [c0, c1] = r.contentTok;
  let k = c1 - 1;
  while (k > c0 && !/[\p{L}\p{N}]/u.test(an.tokens[k].text)) k--;
  const di = an.dateOf[k];
  if (di < 0 || an.quoteOf[k] >= 0 || an.dates[di].precision !== 'day') return undefined;
  let first = k;
  while (first > c0 && an.dateOf[first - 1] === di) first--;
  if (first > c0 && /^(on|в|во|у)$/i.test(an.tokens[first - 1].lower)) first--;
  if (first <= c0 + 1) return undefined;
  const end = an.tokens[first - 1].end;
  const d = an.dates[di];
  return { date: d.date, text: d.text, index: di, content: { text: an.text.slice(r.content.start, end), start: r.content.start, end }, contentTok: [c0, first] };
}

/** Stance of the immediate reporter toward the content. */
function stanceOf(an: TextAnalysis, r: RawAttribution, chain: ChainLink[], raws: RawAttribution[], children: number[]): Stance {
  if (chain.length === 0) return 'asserts';
  const { tokens } = an;
  const inChild = (pos: number) => children.some((j) => raws[j].content.start <= pos && pos < raws[j].content.end);
  // markers around the cue ("falsely claimed", "claimed without evidence", "baselessly accused")
  const hit = r.cue.hit;
  if (hit) {
    // (within the cue's sentence: the end of the previous one — "… another Russian fake." — is no marker here)
    const [sLo, sHi] = an.sentTok[an.sentOf[hit.tok]];
    for (let k = Math.max(sLo, hit.tok - 2); k < Math.min(sHi, hit.tokEnd + 3); k++) {
      if (k >= r.contentTok[0] && k < r.contentTok[1]) continue;
      if (an.lex.refute.matchAt(tokens, k, an.stems)) return 'refutes';
    }
  }
  if (r.direct) return 'relays';
  // the reporter's own rejoinder after the content: "…, однак жодних доказів не надала", "…, but provided no evidence"
  if (rejoinderRefutes(an, r)) return 'refutes';
  // Markers after a claim word inside the content ("the narrative accusing … of “war crimes”", "these claims are
  // unsubstantiated") qualify that embedded claim, not this one.
  for (let k = r.contentTok[0]; k < r.contentTok[1]; k++) {
    const t = tokens[k];
    if (an.claimWord[k]) {
      // ("repeated unsubstantiated claims about …", "повторяют бездоказательные заявления о …": a verdict on the claim
      // word itself, before it, is the reporter's)
      for (let m = Math.max(r.contentTok[0], k - 2); m < k; m++) if (an.lex.refute.matchAt(tokens, m, an.stems) || an.lex.verdicts.matchAt(tokens, m, an.stems)) return 'refutes';
      break;
    }
    if (inChild(t.start)) continue;
    const q = an.quoteOf[k];
    if (q >= 0) {
      // scare quotes: a short quoted term inside reported content that labels something ("of “war crimes”",
      // "о «преступлениях»"); a quoted predicate is the speaker's own words ("Russia is “buying time”")
      const quote = an.quotes[q];
      if (quote.words <= 2 && quote.start >= r.content.start - 1 && quote.end <= r.content.end + 1 && labelsTerm(an, quote.start)) return 'refutes';
      continue;
    }
    // (a verdict inside the content is the speaker's own verdict on something else — "According to the State
    // Department, there is no evidence …" — not the reporter's distance; hedges like "allegedly" are the reporter's)
    if (an.lex.refute.matchAt(tokens, k, an.stems) && !an.lex.verdicts.matchAt(tokens, k, an.stems)) return 'refutes';
  }
  return 'relays';
}

const CONTRAST = /^(but|however|though|yet|однако|но|однак|але|проте|втім)$/i;

/** "X accused Y of Z, but provided no evidence": the accusation ends before the reporter's rejoinder. */
function beforeRejoinder(content: Span): Span {
  const m = /,\s*(but|however|though|yet|однако|но|однак|але|проте|втім)\s/iu.exec(content.text);
  if (!m || m.index < 3) return content;
  return { text: content.text.slice(0, m.index), start: content.start, end: content.start + m.index };
}

/** A contrasting clause closing the sentence of the content that refutes it ("однак жодних доказів не надала"). */
function rejoinderRefutes(an: TextAnalysis, r: RawAttribution): boolean {
  const { tokens } = an;
  const s = an.sentOf[Math.max(0, r.contentTok[1] - 1)];
  if (s === undefined) return false;
  const hi = an.sentTok[s][1];
  // the contrast either closes the content or follows it
  let k = r.contentTok[0] + 1;
  while (k < hi && !(tokens[k - 1].text === ',' && CONTRAST.test(tokens[k].lower))) k++;
  if (k >= hi || an.quoteOf[k] >= 0) return false;
  for (let m = k + 1; m < hi && m - k <= 8; m++) if (an.quoteOf[m] < 0 && (an.lex.refute.matchAt(tokens, m, an.stems) || an.lex.verdicts.matchAt(tokens, m, an.stems))) return true;
  return false;
}

/** Words before a quoted term that make it a label the reporter keeps at a distance (scare quotes). */
const SCARE_BEFORE = /^(of|about|the|its|their|his|her|so-called|alleged|supposed|such|these|those|о|об|обо|про|так|называемых|называемой|называемого|называемые|називаних|званих|звана|звані|якобы|нібито|мнимых|мнимые|уявних)$/;

function labelsTerm(an: TextAnalysis, quoteStart: number): boolean {
  const open = tokenAtOrAfter(an, quoteStart);
  const before = an.tokens[open - 1];
  return !!before && SCARE_BEFORE.test(before.lower);
}

function findAssessments(
  an: TextAnalysis, atts: Attribution[], reporterAt: (pos: number) => ChainLink,
): Assessment[] {
  const out: Assessment[] = [];
  const { tokens } = an;
  // attributions by the sentence their content starts in (a holder must lie inside the verdict's sentence)
  const bySentence = new Map<number, Attribution[]>();
  for (const a of atts) {
    const s = an.sentOf[tokenAtOrAfter(an, a.content.start)] ?? -1;
    const list = bySentence.get(s);
    if (list) list.push(a); else bySentence.set(s, [a]);
  }
  for (let s = 0; s < an.sentences.length; s++) {
    const [lo, hi] = an.sentTok[s];
    let verdict: Verdict | undefined;
    let verdictPos = -1;
    let subject = false;
    let nounVerdict = false;
    // words in quotes are someone's words: a verdict only when the quote is an attribution's content ("“We cannot
    // verify these claims,” ISW said"), then by that speaker
    const quotedBy = (bySentence.get(s) ?? []).filter((a) => a.direct);
    for (let k = lo; k < hi; k++) {
      if (an.quoteOf[k] >= 0 && !quotedBy.some((a) => a.content.start <= tokens[k].start && tokens[k].end <= a.content.end)) continue;
      if (an.lex.assessmentSubjects.matchAt(tokens, k, an.stems)) subject = true;
      const v = an.lex.verdicts.matchAt(tokens, k, an.stems);
      if (v && !verdict) {
        verdict = v.value;
        verdictPos = tokens[k].start;
        // "unsubstantiated claims", "фейковые заявления"
        if (an.lex.contentNouns.matchAt(tokens, k + v.len, an.stems)) nounVerdict = true;
      }
    }
    const sent = an.sentences[s];
    // the attribution whose content holds the verdict ("…, the ISW stressed", "Analysts say the claim is false")
    let holder: Attribution | undefined;
    if (!verdict || !(subject || nounVerdict)) {
      // a denial of earlier claims is a verdict by the denier: "Sybiha dismissed the accusations as …", "Песков
      // опроверг эти заявления"
      holder = (bySentence.get(s) ?? []).find((a) => a.cue.class === 'denial'
        && an.lex.assessmentSubjects.matchAt(tokens, tokenAtOrAfter(an, a.content.start), an.stems));
      if (!holder) continue;
      verdict = 'false';
    } else {
      for (const a of bySentence.get(s) ?? []) {
        if (a.content.start <= verdictPos && verdictPos < a.content.end && a.content.start >= sent.start - 1 && a.content.end <= sent.end + 1) {
          if (!holder || a.content.end - a.content.start < holder.content.end - holder.content.start) holder = a;
        }
      }
      // "bloggers repeated unsubstantiated claims about …": the verdict qualifies the object of the cue — it is the
      // reporter's, not the speaker's
      if (holder && nounVerdict && tokenAtOrAfter(an, verdictPos) - tokenAtOrAfter(an, holder.content.start) <= 1) holder = undefined;
    }
    const by: ChainLink = holder
      ? { name: holder.speaker.name ?? holder.speaker.text, ...(holder.speaker.actorId ? { actorId: holder.speaker.actorId } : {}), ...(holder.speaker.type ? { type: holder.speaker.type } : {}) }
      : reporterAt(sent.start);
    const span = holder ? holder.content : sent;
    // the claims referred to: the nearest earlier claim by someone else; those the assessor itself reported (in the
    // preceding sentences) become "refutes"
    // (atts are in cue order: read backwards from the sentence, the recent ones and then up to the nearest one)
    let about: number | undefined;
    const aboutAccusations = /accus|обвин|звинув/i.test(an.text.slice(span.start, span.end));
    // "Putin's claims of … are contradicted": the claims of the named speaker
    const owner = /(\p{Lu}[\p{L}-]+)['’]s\s+(?:claims?|allegations?|accusations?|statements?|assertions?)\b/u.exec(an.text.slice(span.start, span.end))?.[1];
    let first = 0, last = atts.length;
    while (first < last) { const mid = (first + last) >> 1; if (atts[mid].cue.start < sent.start) first = mid + 1; else last = mid; }
    for (let i = first - 1, read = 0; i >= 0 && read < ABOUT_SCAN; i--, read++) {
      const a = atts[i];
      const recent = s - an.sentOf[tokenAtOrAfter(an, a.cue.start)] <= 4;
      if (!recent && about !== undefined) break;
      if (a === holder) continue;
      const speakerLink: ChainLink = { name: a.speaker.name ?? a.speaker.text, actorId: a.speaker.actorId };
      if (sameLink(speakerLink, by) || a.cue.class === 'denial') continue;
      // "dismissed the accusations": the nearest accusation, when the verdict names accusations
      if (about === undefined && (!aboutAccusations || a.cue.class === 'accusation')
        && (!owner || (a.speaker.name ?? a.speaker.text).includes(owner) || a.speaker.text.includes(owner))) about = i;
      const reporter = a.chain[a.chain.length - 1];
      // (a "disputed" verdict — "contradicted by" — is too weak to turn the assessor's relays into refutations)
      if ((verdict === 'false' || verdict === 'unsubstantiated') && recent && reporter && sameLink(reporter, by)) a.stance = 'refutes';
    }
    out.push({ by, verdict, text: span.text, start: span.start, end: span.end, ...(about !== undefined ? { about } : {}) });
  }
  return out;
}
