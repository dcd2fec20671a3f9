/**
 * Distancing frames: does a text mention a narrative as somebody else's allegation rather than state it?
 *
 * "ISW assessed that the Kremlin's allegations of war crimes are unsubstantiated", "Russian claims of Ukrainian
 * crimes", "the so-called «war crimes»", "звинувачення ЗСУ у злочинах … без доказів" all carry the words of a
 * narrative's cues, but whoever says them refutes it. Three kinds of signal, each looked for in one region (an
 * attribution's content, or a stretch of the publisher's own voice) and in the sentence of the evidence:
 *
 * - `frame`: a noun that takes the claim as its object and lies shortly before the evidence ("allegations of",
 *   "claims that", "the narrative accusing", "so-called", "обвинения в", "так звані", "заяви про"); reporting verbs
 *   ("accused", "обвинил") are not frames: reporting an accusation is not refuting it;
 *   not when it is the speaker's own ("his accusations" at the start of the speaker's content);
 * - `verdict`: a judgement on the claim in the same sentence ("unsubstantiated", "fake", "no evidence",
 *   "голословн*", "безпідставн*", "без доказів");
 * - `hedge`: "allegedly", "якобы", "нібито", or scare quotes around the evidence (at most five quoted words). In
 *   reported (indirect) speech these are the reporter's words, not the speaker's, so callers count them only for the
 *   publisher's own voice, direct quotes and speakers that refute the claim elsewhere in the document.
 *
 * The lists are data (`data/lexicons/narrative-frames.yaml`, Narrascope's own; cue syntax as in cues.ts).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { Evidence } from '../model/attribution.ts';
import { compileCue, CueIndex, prepareTokens, type CueMatch, type WordToken } from './cues.ts';

export type FrameKind = 'frame' | 'verdict' | 'hedge';
interface FrameCue { cue: string; kind: FrameKind; /** words allowed between the frame and the evidence */ window: number }

/** The frame lexicon (`data/lexicons/narrative-frames.yaml`): per language, the cues and their kind. */
export const FRAMES_FILE = fileURLToPath(new URL('../../data/lexicons/narrative-frames.yaml', import.meta.url));

function loadFrames(file = FRAMES_FILE): Record<string, FrameCue[]> {
  const doc = parseYaml(readFileSync(file, 'utf8')) as { frames?: Record<string, FrameCue[]> };
  if (!doc?.frames) throw new Error(`${file}: no "frames" mapping`);
  for (const [lang, list] of Object.entries(doc.frames)) {
    list.forEach((f, i) => {
      if (typeof f?.cue !== 'string' || !['frame', 'verdict', 'hedge'].includes(f.kind) || !Number.isInteger(f.window)) {
        throw new Error(`${file}: frames.${lang}[${i}] needs cue (text), kind (frame|verdict|hedge) and window (integer)`);
      }
    });
  }
  return doc.frames;
}

/** Possessives that make a frame the speaker's own ("his accusations", "свои обвинения"). */
const OWN = new Set(['his', 'her', 'their', 'its', 'our', 'my', 'его', 'ее', 'её', 'их', 'свои', 'своих', 'свое', 'своё', 'своим', 'наши', 'його', 'її', 'їхні', 'їх', 'свої', 'своїх', 'своє', 'наші']);
const ALWAYS_OWN = new Set(['our', 'my', 'наши', 'наші', 'свои', 'своих', 'свої', 'своїх']);

let index: { ix: CueIndex; meta: Map<string, FrameCue> } | null = null;
function frames(): { ix: CueIndex; meta: Map<string, FrameCue> } {
  if (index) return index;
  const meta = new Map<string, FrameCue>();
  const compiled = Object.entries(loadFrames()).flatMap(([lang, list]) => list.map((f, i) => {
    const id = `${lang}:${i}`;
    meta.set(id, f);
    return compileCue({ cue: f.cue, negatable: false }, lang, id);
  }));
  index = { ix: new CueIndex(compiled), meta };
  return index;
}

/** Sentence-ish window (between . ! ? and line breaks) around a span, clipped to a region. */
export function sentenceAround(text: string, start: number, end: number, region?: { start: number; end: number }): [number, number] {
  const lo = region ? region.start : 0;
  const hi = region ? region.end : text.length;
  let s = start;
  while (s > lo && !/[.!?\n]/.test(text[s - 1])) s--;
  let e = end;
  while (e < hi && !/[.!?\n]/.test(text[e])) e++;
  return [Math.max(lo, s), Math.min(hi, e + 1)];
}

const QUOTE_CHARS = /["“”«»„‘’‹›]/;

/** True when the evidence overlaps a short quoted stretch (≤ 5 words, starting lower-case): scare quotes such as
 *  “war crimes” or «терроризм», not a quoted statement and not a quoted name («Курский рубеж»). */
function scareQuoted(text: string, tokens: WordToken[], ev: { start: number; end: number }): boolean {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.start >= ev.end) break;
    if (!t.quoted || t.end <= ev.start) continue;
    // the quoted run around this word, bounded by quote characters in the text
    let a = k;
    while (a > 0 && tokens[a - 1].quoted && !QUOTE_CHARS.test(text.slice(tokens[a - 1].end, tokens[a].start))) a--;
    let b = k;
    while (b + 1 < tokens.length && tokens[b + 1].quoted && !QUOTE_CHARS.test(text.slice(tokens[b].end, tokens[b + 1].start))) b++;
    const w = text[tokens[a].start];
    if (b - a + 1 <= 5 && w === w.toLowerCase() && w !== w.toUpperCase()) return true;
    k = b;
  }
  return false;
}

export interface FrameOptions {
  /** Count hedges ("allegedly", scare quotes) too. Default false. */
  hedges?: boolean;
  /** The region is the object of a reporting verb ("repeated [unsubstantiated claims about …]", "заявил [о
   *  «преступлениях» …]"): the reporter's description of the speaker's own claim. A frame opening the region names
   *  that claim, and verdicts count only next to another frame ("said [Russian claims of … are unsubstantiated]"). */
  nominal?: boolean;
}

/**
 * The distancing signal that governs one evidence span inside `region` (an attribution's content or a stretch of the
 * publisher's voice), or null when the region states the claim plainly.
 */
export function frameOf(text: string, lang: string, region: { start: number; end: number }, ev: { start: number; end: number }, opts: FrameOptions = {}): FrameKind | null {
  if (ev.start < region.start || ev.end > region.end) return null;
  const [s, e] = sentenceAround(text, ev.start, ev.end, region);
  const tokens = prepareTokens(text, lang, s, e);
  if (!tokens.length) return null;
  const { ix, meta } = frames();
  const matches: CueMatch[] = ix.match(tokens);
  if (!matches.length && !opts.hedges) return null;
  const evFrom = Math.max(0, tokens.findIndex((t) => t.end > ev.start));
  const kinds = matches.map((m) => meta.get(m.cue.nodeId)!.kind);
  const opening = (m: CueMatch) => {
    // only verdict words (or nothing) between the start of the region and the match
    for (let k = 0; k < m.from; k++) {
      const t = tokens[k];
      if (t.start < region.start) continue;
      if (!matches.some((x, i) => kinds[i] === 'verdict' && x.from <= k && k < x.to)) return false;
    }
    return true;
  };
  let found: FrameKind | null = null;
  let verdict = false;
  for (const m of matches) {
    const f = meta.get(m.cue.nodeId)!;
    if (f.kind === 'hedge' && (!opts.hedges || opts.nominal)) continue;
    if (f.kind === 'verdict') { verdict = true; continue; }
    if (opts.nominal && opening(m)) continue;
    // frames and hedges precede the evidence closely (or sit inside it)
    const overlaps = m.start < ev.end && m.end > ev.start;
    if (!overlaps && (m.end > ev.start || evFrom - m.to > f.window)) continue;
    const prev = m.from > 0 ? tokens[m.from - 1] : undefined;
    if (prev && (ALWAYS_OWN.has(prev.lower) || (OWN.has(prev.lower) && prev.start - region.start < 12))) continue;
    if (f.kind === 'frame') found = 'frame';
    else found ??= 'hedge';
  }
  if (verdict && (!opts.nominal || found === 'frame')) return 'verdict';
  if (!found && opts.hedges && !opts.nominal && scareQuoted(text, tokens, ev)) found = 'hedge';
  return found;
}

/** True when every evidence span in the region is framed as an allegation (see frameOf); false without evidence. */
export function allFramed(text: string, lang: string, region: { start: number; end: number }, evidence: Evidence[], opts: FrameOptions = {}): boolean {
  const inRegion = evidence.filter((ev) => ev.start >= region.start && ev.end <= region.end);
  return inRegion.length > 0 && inRegion.every((ev) => frameOf(text, lang, region, ev, opts) !== null);
}
