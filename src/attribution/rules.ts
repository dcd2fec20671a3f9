import type { ActorRegistry } from '../actors/registry.ts';
import type { Document } from '../model/document.ts';
import type { Attribution, AttributionResult, ChainLink, Stance, Assessment, Span } from '../model/attribution.ts';
import { nameKey } from '../text/normalize.ts';
import { analyze, tokenAtOrAfter, type TextAnalysis } from './analysis.ts';
import { frameAttributions, type RawAttribution } from './reported.ts';
import { MentionHistory, cueGender, referentOf, type Referent } from './coref.ts';
import { extractEvents } from './events.ts';
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
  for (let i = 0; i < raws.length; i++) {
    const r = raws[i];
    if (!r.speaker || r.anaphoric) continue;
    const a = lookupLink(r.speaker, registry);
    if (!sameLink(a, publisher)) continue;
    const s = an.sentOf[r.cue.hit?.tok ?? 0];
    if (raws.some((o, j) => j !== i && o.anaphoric && an.sentOf[o.cue.hit?.tok ?? 0] === s)) metaDropped.add(i);
  }
  const order = [...raws.keys()].filter((i) => !metaDropped.has(i))
    .sort((a, b) => raws[a].cue.start - raws[b].cue.start || raws[a].content.start - raws[b].content.start);

  // ---- nesting on raw spans: the innermost other attribution whose content holds this cue
  const parent = new Map<number, number>();
  for (const i of order) {
    const r = raws[i];
    let best = -1;
    for (const j of order) {
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

  // ---- pass 1: speakers, in text order, with the reporter context
  const speakers = new Map<number, { ref: Referent; span: Span }>();
  const contextAt = new Map<number, ChainLink[]>();
  let context: ChainLink[] = [];
  for (const i of order) {
    const r = raws[i];
    const sentence = an.sentOf[r.cue.hit?.tok ?? r.contentTok[0]] ?? 0;
    // a reset marker before the cue: "As Ukrinform reported earlier", "Как сообщалось ранее"
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
      const s = r.speaker;
      span = { text: s.text, start: s.start, end: s.end };
      if (s.kind === 'pronoun') {
        const g = r.cue.hit ? cueGender(an.tokens[r.cue.hit.tok].text, an.lang) : undefined;
        if (an.lex.pronouns.get(s.text.toLowerCase())?.self) {
          // "I said", "мы считаем" outside quotes: the author of the document (the publisher) speaks
          ref = { name: publisher.name, actorId: publisher.actorId, type: publisher.type, person: false };
        } else {
          ref = mentions.resolvePronoun(s.start, sentence, s.text, g);
        }
        ref ??= { name: s.text, person: true };
      } else if (s.kind === 'context') {
        ref = current ? { name: current.name, actorId: current.actorId, type: current.type, person: false } : { name: s.text.replace(/^(the|these)\s+/i, ''), person: false, plural: true };
      } else if (s.kind === 'description' && s.title) {
        ref = mentions.resolveDescription(s.start, sentence, s.title, s.type) ?? referentOf(s);
      } else {
        ref = referentOf(s);
      }
    }
    if (!ref || !span) continue;
    speakers.set(i, { ref, span });
    mentions.add(span.start, sentence, ref, true);

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
      }
    }
  }

  // ---- pass 2: chains
  const chains = new Map<number, ChainLink[]>();
  // break any remaining cycle (defensive: nesting must be a forest)
  for (const i of [...parent.keys()]) {
    const seen = new Set<number>([i]);
    for (let p = parent.get(i); p !== undefined; p = parent.get(p)) {
      if (seen.has(p)) { parent.delete(i); break; }
      seen.add(p);
    }
  }
  const depthOf = (i: number): number => (parent.has(i) ? 1 + depthOf(parent.get(i)!) : 0);
  const byDepth = [...speakers.keys()].sort((a, b) => depthOf(a) - depthOf(b));
  for (const i of byDepth) {
    const p = parent.get(i);
    let chain: ChainLink[];
    if (p === undefined && speakers.get(i)!.ref.name && sameLink(linkOf(speakers.get(i)!.ref), publisher)) {
      chain = [];
    } else if (p !== undefined && speakers.has(p) && chains.has(p)) {
      chain = [...chains.get(p)!, linkOf(speakers.get(p)!.ref)];
    } else {
      chain = [publisher, ...(contextAt.get(i) ?? [])];
    }
    // dedupe consecutive links; the speaker is not part of its own chain
    chain = chain.filter((l, k) => k === 0 || !sameLink(l, chain[k - 1]));
    const me = linkOf(speakers.get(i)!.ref);
    while (chain.length && me.name && sameLink(chain[chain.length - 1], me)) chain.pop();
    chains.set(i, chain);
  }

  // drop publisher meta-statements ("…, Ukrinform reports" about "This is stated in a report by ISW")
  const keep = order.filter((i) => speakers.has(i)).filter((i) => {
    const r = raws[i];
    const me = linkOf(speakers.get(i)!.ref);
    if (!sameLink(me, publisher)) return true;
    return !order.some((j) => j !== i && raws[j].anaphoric && r.content.start <= raws[j].cue.start && raws[j].cue.end <= r.content.end);
  });

  // ---- build attributions
  const index = new Map<number, number>();
  const atts: Attribution[] = [];
  const statementDates = new Set<number>();
  for (const i of keep) {
    const r = raws[i];
    const sp = speakers.get(i)!;
    const chain = chains.get(i)!;
    const date = statementDate(an, r);
    if (date) statementDates.add(date.index);
    const att: Attribution = {
      speaker: { ...sp.span, ...(sp.ref.actorId ? { actorId: sp.ref.actorId } : {}), ...(sp.ref.name ? { name: sp.ref.name } : {}), ...(sp.ref.type ? { type: sp.ref.type } : {}) },
      cue: { text: r.cue.text, start: r.cue.start, end: r.cue.end, class: r.cueClass },
      content: { text: r.content.text, start: r.content.start, end: r.content.end },
      direct: r.direct,
      ...(date ? { date: date.date, dateText: date.text } : {}),
      chain,
      stance: stanceOf(an, r, chain, raws, keep.filter((j) => parent.get(j) === i)),
      narratives: [],
    };
    index.set(i, atts.length);
    atts.push(att);
  }

  // ---- assessments
  const assessments = findAssessments(an, atts, (pos) => {
    // the reporter context at a position: that of the last attribution before it
    let ctx: ChainLink[] = [];
    for (const i of order) if (raws[i].cue.start <= pos && contextAt.has(i)) ctx = contextAt.get(i)!;
    return ctx.length ? ctx[ctx.length - 1] : publisher;
  });

  const events = extractEvents(an, statementDates);
  return { attributions: atts, events, assessments };
}

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
    while (k >= sLo && lo - k <= 5 && (an.dateOf[k] >= 0 || /^(,|on|в|у|во)$/i.test(an.tokens[k].lower))) k--;
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

/** Stance of the immediate reporter toward the content. */
function stanceOf(an: TextAnalysis, r: RawAttribution, chain: ChainLink[], raws: RawAttribution[], children: number[]): Stance {
  if (chain.length === 0) return 'asserts';
  const { tokens } = an;
  const inChild = (pos: number) => children.some((j) => raws[j].content.start <= pos && pos < raws[j].content.end);
  // markers around the cue ("falsely claimed", "claimed without evidence", "baselessly accused")
  const hit = r.cue.hit;
  if (hit) {
    for (let k = Math.max(0, hit.tok - 2); k < Math.min(tokens.length, hit.tokEnd + 3); k++) {
      if (k >= r.contentTok[0] && k < r.contentTok[1]) continue;
      if (an.lex.refute.matchAt(tokens, k, an.stems)) return 'refutes';
    }
  }
  if (r.direct) return 'relays';
  // Markers after a claim word inside the content ("the narrative accusing … of “war crimes”", "these claims are
  // unsubstantiated") qualify that embedded claim, not this one.
  for (let k = r.contentTok[0]; k < r.contentTok[1]; k++) {
    const t = tokens[k];
    if (an.claimWord[k]) break;
    if (inChild(t.start)) continue;
    const q = an.quoteOf[k];
    if (q >= 0) {
      // scare quotes: a short quoted term inside reported content
      const quote = an.quotes[q];
      if (quote.words <= 2 && quote.start >= r.content.start - 1 && quote.end <= r.content.end + 1) return 'refutes';
      continue;
    }
    if (an.lex.refute.matchAt(tokens, k, an.stems)) return 'refutes';
  }
  return 'relays';
}

function findAssessments(
  an: TextAnalysis, atts: Attribution[], reporterAt: (pos: number) => ChainLink,
): Assessment[] {
  const out: Assessment[] = [];
  const { tokens } = an;
  for (let s = 0; s < an.sentences.length; s++) {
    const [lo, hi] = an.sentTok[s];
    let verdict: Verdict | undefined;
    let verdictPos = -1;
    let subject = false;
    let nounVerdict = false;
    for (let k = lo; k < hi; k++) {
      if (an.quoteOf[k] >= 0) continue;
      if (an.lex.assessmentSubjects.matchAt(tokens, k, an.stems)) subject = true;
      const v = an.lex.verdicts.matchAt(tokens, k, an.stems);
      if (v && !verdict) {
        verdict = v.value;
        verdictPos = tokens[k].start;
        // "unsubstantiated claims", "фейковые заявления"
        if (an.lex.contentNouns.matchAt(tokens, k + v.len, an.stems)) nounVerdict = true;
      }
    }
    if (!verdict || !(subject || nounVerdict)) continue;
    // skip verdicts that are themselves inside a reported claim by someone else ("Peskov called the reports false")
    const sent = an.sentences[s];
    // the attribution whose content holds the verdict ("…, the ISW stressed", "Analysts say the claim is false")
    let holder: Attribution | undefined;
    for (const a of atts) {
      if (a.content.start <= verdictPos && verdictPos < a.content.end && a.content.start >= sent.start - 1 && a.content.end <= sent.end + 1) {
        if (!holder || a.content.end - a.content.start < holder.content.end - holder.content.start) holder = a;
      }
    }
    const by: ChainLink = holder
      ? { name: holder.speaker.name ?? holder.speaker.text, ...(holder.speaker.actorId ? { actorId: holder.speaker.actorId } : {}), ...(holder.speaker.type ? { type: holder.speaker.type } : {}) }
      : reporterAt(sent.start);
    const span = holder ? holder.content : sent;
    // the claims referred to: the nearest earlier claim by someone else; those the assessor itself reported (in the
    // preceding sentences) become "refutes"
    let about: number | undefined;
    for (let i = 0; i < atts.length; i++) {
      const a = atts[i];
      if (a === holder || a.cue.start >= sent.start) continue;
      const speakerLink: ChainLink = { name: a.speaker.name ?? a.speaker.text, actorId: a.speaker.actorId };
      if (sameLink(speakerLink, by) || a.cue.class === 'denial') continue;
      about = i;
      const reporter = a.chain[a.chain.length - 1];
      const recent = s - an.sentOf[tokenAtOrAfter(an, a.cue.start)] <= 4;
      if (verdict !== 'confirmed' && recent && reporter && sameLink(reporter, by)) a.stance = 'refutes';
    }
    out.push({ by, verdict, text: span.text, start: span.start, end: span.end, ...(about !== undefined ? { about } : {}) });
  }
  return out;
}
