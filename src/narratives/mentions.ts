/**
 * Stance-aware mentions (DESIGN.md §2): who carries which narrative in a document, and how.
 *
 * - The speaker of an attribution whose content carries a narrative asserts it (a denial cue makes it refute).
 * - Each reporter in the attribution's chain gets its own stance: the innermost (immediate) reporter has the
 *   attribution's `stance`; outer reporters inherit it (refutes stays refutes, asserts/relays become relays) unless
 *   the document refutes: a refuting assessment by that reporter, or — for the publisher — any refuting assessment
 *   in the document or a refuting publisher stance.
 * - The publisher's own voice (text outside attribution contents) yields publisher mentions; refuting signals near the
 *   evidence ("unsubstantiated", "falsely", "фейк", "неправдиві"...) make them refutes.
 * - Reporters aligned with the targeted side (default: `ukrainian`) never count as amplifying someone else's claim:
 *   a relaying stance becomes `unknown` (and `refutes` when the document refutes).
 */
import type { ActorType } from '../model/actor.ts';
import type { Assessment, Attribution, ChainLink, Evidence, NarrativeHit, Stance } from '../model/attribution.ts';
import type { Document } from '../model/document.ts';
import type { DocumentNarrative, Mention } from '../model/narrative.ts';
import type { NarrativeClassifier } from './classifier.ts';
import { compileCue, CueIndex, prepareTokens } from './cues.ts';
import { frameOf, sentenceAround } from './framing.ts';
import { nameKey } from '../text/normalize.ts';

export interface ActorLookup { get(id: string): { type?: ActorType; alignment?: string; name?: string } | undefined }

export interface MentionOptions {
  /** Classifies attribution contents lacking `narratives` and the publisher's own voice. */
  classifier?: NarrativeClassifier;
  /** Document-level hits already computed (whole text); their evidence outside attribution contents counts as the
   *  publisher's voice when no classifier is given. */
  hits?: NarrativeHit[];
  assessments?: Assessment[];
  /** The publisher; default from doc.source. */
  publisher?: ChainLink;
  /** Forces the publisher's stance toward every narrative of the document. */
  publisherStance?: Stance;
  /** Actor registry (types and alignments), e.g. an ActorRegistry. */
  actors?: ActorLookup;
  /** Alignments whose reporters never amplify relayed claims. Default ['ukrainian']. */
  nonAmplifying?: string[];
  /** Hits below this score are ignored. Default 0.35. */
  minScore?: number;
  /** Re-classify attributions that already carry narratives. Default false. */
  reclassify?: boolean;
}

export interface MentionsResult {
  documentNarratives: DocumentNarrative[];
  mentions: Mention[];
}

const REFUTING_VERDICTS = new Set(['unsubstantiated', 'false', 'disputed']);

// Signals that the publisher distances itself from or refutes a claim, looked for near the narrative evidence.
const REFUTING_CUES: Record<string, string[]> = {
  en: [
    'unsubstantiated|baseless|unfounded|groundless|debunk*|disinformation|falsely|false claim*|false narrative*|fabricat*',
    'no evidence|without evidence|propaganda|fake*|lies|lie about|conspiracy theor*|information operation*|psyop*',
    'kremlin narrative*|russian narrative*|pro-kremlin narrative*|narrative ~4 kremlin|russia|putin|moscow',
  ],
  ru: [
    'фейк*|ложь|лжив*|дезинформац*|пропаганд*|опроверг*|голословн*|безосновательн*|не соответству* действительности',
    'кремлевск* нарратив*|российск* нарратив*|нарратив* кремля|вброс*|манипуляц*',
  ],
  uk: [
    'фейк*|неправд*|дезінформац*|пропаганд*|спростов*|безпідставн*|брехн*|маніпуляц*',
    'кремлівськ* наратив*|російськ* наратив*|наратив* кремля|вкид*',
  ],
};
let refutingIndex: CueIndex | null = null;
function refuting(): CueIndex {
  if (!refutingIndex) {
    const cues = Object.entries(REFUTING_CUES).flatMap(([lang, list]) => list.map((c) => compileCue({ cue: c, negatable: false }, lang, 'refuting')));
    refutingIndex = new CueIndex(cues);
  }
  return refutingIndex;
}

/** True when a refuting signal occurs in the sentence of some evidence span. */
export function refutedNear(text: string, lang: string, evidence: Evidence[]): boolean {
  for (const ev of evidence) {
    const [s, e] = sentenceAround(text, ev.start, ev.end);
    if (refuting().match(prepareTokens(text, lang, s, e)).length) return true;
  }
  return false;
}

function complement(len: number, spans: Array<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Array<{ start: number; end: number }> = [];
  let pos = 0;
  for (const s of sorted) {
    if (s.start > pos) out.push({ start: pos, end: s.start });
    pos = Math.max(pos, s.end);
  }
  if (pos < len) out.push({ start: pos, end: len });
  return out;
}

const inside = (e: Evidence, spans: Array<{ start: number; end: number }>) => spans.some((s) => e.start >= s.start && e.end <= s.end);

function linkKey(l: { name?: string; actorId?: string }): string {
  return l.actorId ? `id:${l.actorId}` : `name:${nameKey(l.name ?? '')}`;
}

/**
 * Mentions and document-level narratives of one document. Sets `attribution.narratives` on attributions that have
 * none (when a classifier is given).
 */
export function mentionsFor(doc: Document, attributions: Attribution[], opts?: MentionOptions): MentionsResult;
export function mentionsFor(doc: Document, attributions: Attribution[], hits: NarrativeHit[], opts?: MentionOptions): MentionsResult;
export function mentionsFor(doc: Document, attributions: Attribution[], hitsOrOpts?: NarrativeHit[] | MentionOptions, more?: MentionOptions): MentionsResult {
  const opts: MentionOptions = Array.isArray(hitsOrOpts) ? { ...more, hits: hitsOrOpts } : (hitsOrOpts ?? {});
  const minScore = opts.minScore ?? 0.35;
  const text = doc.text;
  const lang = doc.lang;
  const actors = opts.actors;
  const nonAmp = new Set(opts.nonAmplifying ?? ['ukrainian']);
  const assessments = opts.assessments ?? [];
  const refutingAssessments = assessments.filter((a) => REFUTING_VERDICTS.has(a.verdict));
  const publisher: ChainLink = opts.publisher ?? {
    name: doc.source.name, ...(doc.source.actorId ? { actorId: doc.source.actorId } : {}),
    ...(doc.source.actorId && actors?.get(doc.source.actorId)?.type ? { type: actors.get(doc.source.actorId)!.type } : {}),
  };
  const alignmentOf = (l: { actorId?: string }) => (l.actorId ? actors?.get(l.actorId)?.alignment : undefined);
  const typeOf = (l: { actorId?: string; type?: ActorType }): ActorType => l.type ?? (l.actorId ? actors?.get(l.actorId)?.type : undefined) ?? 'unknown';

  // 1. narratives of attribution contents
  attributions.forEach((a) => {
    if (opts.classifier && (opts.reclassify || !a.narratives?.length) && a.content.end > a.content.start) {
      a.narratives = opts.classifier.classify({ text, lang, spans: [{ start: a.content.start, end: a.content.end }] });
    }
    a.narratives ??= [];
  });

  // 2. the publisher's own voice: everything outside attribution contents
  const contents = attributions.map((a) => ({ start: a.content.start, end: a.content.end }));
  const voice = complement(text.length, contents);
  let voiceHits: NarrativeHit[] = [];
  if (opts.classifier) voiceHits = opts.classifier.classify({ text, lang, spans: voice });
  else if (opts.hits) {
    voiceHits = opts.hits.map((h) => ({ ...h, evidence: h.evidence.filter((e) => !inside(e, contents)) }))
      .filter((h) => h.evidence.length > 0);
  }
  voiceHits = voiceHits.filter((h) => h.score >= minScore);

  // 3. the publisher's stance per narrative
  const docRefutes = refutingAssessments.length > 0;
  const voiceRefutes = new Map<string, boolean>();
  // the publisher's own words: hedges ("allegedly", scare quotes) count as distancing too
  const framedInVoice = (h: NarrativeHit) => h.evidence.length > 0 && h.evidence.every((e) => {
    const region = voice.find((v) => e.start >= v.start && e.end <= v.end);
    return !!region && frameOf(text, lang, region, e, { hedges: true }) !== null;
  });
  for (const h of voiceHits) voiceRefutes.set(h.id, refutedNear(text, lang, h.evidence) || framedInVoice(h));
  const publisherNonAmp = nonAmp.has(alignmentOf(publisher) ?? '');
  const relayedStance = new Map<string, Stance>();
  const assessorRefutes = (l: ChainLink) => refutingAssessments.some((x) => linkKey(x.by) === linkKey(l) || (!!x.by.name && !!l.name && nameKey(x.by.name) === nameKey(l.name)));

  const isPublisher = (l: ChainLink, first: boolean) => linkKey(l) === linkKey(publisher) || (first && !l.actorId && nameKey(l.name) === nameKey(publisher.name));
  /** The stance of a reporter passing on a claim toward which the next voice inward has stance `inner`. */
  const asReporter = (l: ChainLink, inner: Stance, first: boolean): Stance =>
    overrides(l, inner === 'refutes' ? 'refutes' : inner === 'asserts' || inner === 'relays' ? 'relays' : 'unknown', first);
  /** Document-level overrides of a reporter's stance: its refuting assessments, the publisher's, aligned reporters. */
  const overrides = (l: ChainLink, stance: Stance, first: boolean): Stance => {
    let s = stance;
    if (assessorRefutes(l)) s = 'refutes';
    if (isPublisher(l, first) && (docRefutes || opts.publisherStance === 'refutes')) s = 'refutes';
    if (nonAmp.has(alignmentOf(l) ?? '') && (s === 'relays' || s === 'asserts')) s = docRefutes ? 'refutes' : 'unknown';
    return s;
  };
  /** Stances of each link of a chain, innermost given; outer ones inherit. A reporter passing on a refutation
   *  (the speaker refutes the narrative) refutes it too, unless its own stance is unknown. */
  const chainStances = (a: Attribution, speakerRefutes = false): Stance[] => {
    const chain = a.chain ?? [];
    const st: Stance[] = new Array(chain.length).fill('unknown');
    const own: Stance = a.stance ?? 'unknown';
    for (let j = chain.length - 1; j >= 0; j--) {
      // the immediate reporter has the attribution's own stance; outer ones inherit
      st[j] = j === chain.length - 1 ? overrides(chain[j], speakerRefutes && own !== 'unknown' ? 'refutes' : own, j === 0) : asReporter(chain[j], st[j + 1], j === 0);
    }
    return st;
  };
  const stancesByAttr = attributions.map((a) => chainStances(a));
  const speakerOf = (a: Attribution): ChainLink => ({ name: a.speaker.name ?? a.speaker.text, ...(a.speaker.actorId ? { actorId: a.speaker.actorId } : {}) });

  /**
   * The speaker's stance toward one narrative of its content. It asserts what it states plainly; it refutes a claim
   * it mentions inside a distancing frame ("the Kremlin's allegations of …", "so-called", "… are unsubstantiated",
   * framing.ts) or with a denial cue; and when the evidence lies inside another speaker's claim nested in its content
   * ("ISW noted that Putin asked …") it is a reporter of that claim.
   */
  const speakerStance = (i: number, h: NarrativeHit): Stance => {
    const a = attributions[i];
    if (a.cue?.class === 'denial') return 'refutes';
    const region = a.content;
    const evidence = h.evidence.filter((e) => e.start >= region.start && e.end <= region.end);
    if (!evidence.length) return 'asserts';
    const spk = speakerOf(a);
    // "allegedly" and scare quotes inside reported speech are the reporter's words, not the speaker's
    const hedges = a.direct || assessorRefutes(spk) || isPublisher(spk, false);
    // content right after the reporting verb ("repeated [claims about …]") is the reporter's description of it
    const nominal = !a.direct && a.cue.end <= region.start && /^\s*$/.test(text.slice(a.cue.end, region.start));
    const opt = { hedges, nominal };
    const seen: Stance[] = [];
    for (const e of evidence) {
      const b = attributions.findIndex((x, k) => k !== i && x.content.start >= region.start && x.content.end <= region.end &&
        x.content.end - x.content.start < region.end - region.start && e.start >= x.content.start && e.end <= x.content.end &&
        linkKey(speakerOf(x)) !== linkKey(spk));
      if (b < 0) { seen.push(frameOf(text, lang, region, e, opt) ? 'refutes' : 'asserts'); continue; }
      const inner = attributions[b];
      const claim = { start: Math.max(region.start, Math.min(inner.cue.start, inner.content.start)), end: inner.content.end };
      if (frameOf(text, lang, region, claim, opt)) { seen.push('refutes'); continue; }
      const j = (inner.chain ?? []).findIndex((l) => linkKey(l) === linkKey(spk));
      seen.push(j >= 0 ? stancesByAttr[b][j] : asReporter(spk, inner.cue?.class === 'denial' ? 'refutes' : 'asserts', false));
    }
    return seen.includes('asserts') ? 'asserts' : seen.includes('refutes') ? 'refutes' : seen.includes('relays') ? 'relays' : 'unknown';
  };
  /** Speaker stance and chain stances of attribution i toward hit h: relaying a refutation is not amplifying. */
  const stanceCache = new Map<string, { speaker: Stance; chain: Stance[] }>();
  const stancesFor = (i: number, h: NarrativeHit): { speaker: Stance; chain: Stance[] } => {
    const key = `${i}|${h.id}`;
    let r = stanceCache.get(key);
    if (!r) {
      const speaker = speakerStance(i, h);
      const chain = speaker === 'refutes' ? chainStances(attributions[i], true) : stancesByAttr[i];
      r = { speaker, chain };
      stanceCache.set(key, r);
    }
    return r;
  };
  attributions.forEach((a, i) => {
    const chain = a.chain ?? [];
    const k = chain.findIndex((l) => linkKey(l) === linkKey(publisher));
    for (const h of a.narratives) {
      if (h.score < minScore) continue;
      const st = stancesFor(i, h).chain;
      const pubStance: Stance = k >= 0 ? st[k] : chain.length ? (st[0] === 'refutes' ? 'refutes' : st[0] === 'unknown' ? 'unknown' : 'relays') : 'relays';
      const prev = relayedStance.get(h.id);
      // refutes wins over relays wins over unknown
      const rank = (s?: Stance) => (s === 'refutes' ? 3 : s === 'relays' || s === 'asserts' ? 2 : s === 'unknown' ? 1 : 0);
      if (rank(pubStance) > rank(prev)) relayedStance.set(h.id, pubStance === 'asserts' ? 'relays' : pubStance);
    }
  });
  const publisherStanceFor = (id: string): Stance => {
    if (opts.publisherStance) return opts.publisherStance;
    if (docRefutes) return 'refutes';
    if (voiceRefutes.get(id)) return 'refutes';
    const relayed = relayedStance.get(id);
    if (relayed === 'refutes') return 'refutes';
    if (voiceRefutes.has(id)) return 'asserts';
    if (relayed) return publisherNonAmp && relayed === 'relays' ? 'unknown' : relayed;
    return 'unknown';
  };

  // 4. mentions
  const mentions: Mention[] = [];
  const seen = new Set<string>();
  const push = (m: Mention) => {
    const key = `${m.narrativeId}|${m.attributionIndex ?? -1}|${m.actorId ?? 'n:' + nameKey(m.actorName)}`;
    if (seen.has(key)) return;
    seen.add(key);
    mentions.push(m);
  };
  attributions.forEach((a, i) => {
    const at = a.date ? `${a.date}T00:00:00.000Z` : doc.publishedAt;
    const chain = a.chain ?? [];
    for (const h of a.narratives) {
      if (h.score < minScore) continue;
      const st = stancesFor(i, h);
      push({
        narrativeId: h.id, documentId: doc.id, attributionIndex: i,
        ...(a.speaker.actorId ? { actorId: a.speaker.actorId } : {}),
        actorName: a.speaker.name ?? a.speaker.text, actorType: typeOf(a.speaker), stance: st.speaker, at, score: h.score,
      });
      chain.forEach((l, j) => {
        if (linkKey(l) === linkKey(a.speaker)) return;
        let stance = st.chain[j];
        // the publisher refuting in its own voice refutes what it relays as well
        if (linkKey(l) === linkKey(publisher) && voiceRefutes.get(h.id)) stance = 'refutes';
        push({
          narrativeId: h.id, documentId: doc.id, attributionIndex: i,
          ...(l.actorId ? { actorId: l.actorId } : {}),
          actorName: l.name, actorType: typeOf(l), stance, at: doc.publishedAt, score: h.score,
        });
      });
    }
  });
  for (const h of voiceHits) {
    push({
      narrativeId: h.id, documentId: doc.id,
      ...(publisher.actorId ? { actorId: publisher.actorId } : {}),
      actorName: publisher.name, actorType: typeOf(publisher), stance: publisherStanceFor(h.id), at: doc.publishedAt, score: h.score,
    });
  }

  // 5. document-level narratives
  const docMap = new Map<string, DocumentNarrative>();
  const addDoc = (h: NarrativeHit) => {
    if (h.score < minScore) return;
    const d = docMap.get(h.id);
    if (!d) { docMap.set(h.id, { id: h.id, label: h.label, score: h.score, stance: 'unknown', evidence: h.evidence.slice(0, 12) }); return; }
    d.score = Math.max(d.score, h.score);
    for (const e of h.evidence) {
      if (d.evidence.length >= 12) break;
      if (!d.evidence.some((x) => x.start === e.start && x.end === e.end)) d.evidence.push(e);
    }
  };
  for (const a of attributions) for (const h of a.narratives) addDoc(h);
  for (const h of voiceHits) addDoc(h);
  for (const h of opts.hits ?? []) addDoc(h);
  const documentNarratives = [...docMap.values()].map((d) => ({ ...d, stance: publisherStanceFor(d.id), evidence: d.evidence.sort((a, b) => a.start - b.start) }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return { documentNarratives, mentions };
}
