import { readFileSync, writeFileSync } from 'node:fs';
import type { ActorRegistry } from '../actors/registry.ts';
import type { Document } from '../model/document.ts';
import type { Attribution, AttributionResult } from '../model/attribution.ts';
import { Perceptron } from './perceptron.ts';
import { mulberry32 } from '../util/random.ts';
import { readPolnear, type Fragment, type PolnearDoc } from './polnear.ts';
import {
  taggerDoc, cueSequence, argSequence, cueWindow, segments, tokenFragments, cueAllowed, argAllowed, type TaggerDoc,
} from './tagger.ts';
import { analyze, tokenAtOrAfter } from './analysis.ts';
import { resolvePhrase } from './speakers.ts';
import { publisherLink } from './rules.ts';

/**
 * The trainable attribution tagger: a cue tagger (BIO per sentence) and a cue-conditioned source/content tagger,
 * both averaged structured perceptrons over hashed features (see tagger.ts). Trained on a PolNeAR-layout folder.
 * Learned weights are never shipped (the PolNeAR licence forbids redistribution): train locally, save to JSON.
 */
export interface AttributionModel {
  format: 'narrascope-attribution-tagger';
  version: 1;
  lang: string;
  trainedOn?: { dir: string; documents: number; attributions: number; seconds: number };
  cue: ReturnType<Perceptron['toJSON']>;
  /** Decoding settings (see PredictOptions). */
  cueBias?: number;
  cueBiasInside?: number;
  requireContent?: boolean;
  fillGap?: boolean;
  arg: ReturnType<Perceptron['toJSON']>;
  /** Loaded perceptrons (not serialised). */
  runtime?: { cue: Perceptron; arg: Perceptron };
}

/**
 * Added to the cue tagger's B (cue start) and I (cue continuation) scores at decoding: trades cue precision for
 * recall (the perceptron is conservative on the long tail of PolNeAR cue phrases). The larger I bias lengthens cues
 * ("said" → "said in a statement"). Chosen by cross-validation on the training split (two held-out fifths), not on
 * dev; see docs/attribution-eval.md.
 */
export const DEFAULT_CUE_BIAS = 12;
export const DEFAULT_CUE_BIAS_INSIDE = 24;

export interface TrainOptions {
  epochsCue?: number;
  epochsArg?: number;
  bits?: number;
  limit?: number;
  seed?: number;
  /** Decoding settings stored in the model. */
  cueBias?: number;
  cueBiasInside?: number;
  requireContent?: boolean;
  fillGap?: boolean;
  log?: (msg: string) => void;
  /** Train on these documents instead of reading `dir` (cross-validation on part of a split). */
  docs?: PolnearDoc[];
  /** Tagger features per text, reused across calls (cross-validation trains several models on the same texts). */
  featureCache?: Map<string, TaggerDoc>;
}

export interface PredictedSpans { source?: Fragment[]; cue?: Fragment[]; content?: Fragment[] }

/** Trains the tagger on the documents of a PolNeAR-layout folder (text/ + attributions/). */
export function trainAttributionModel(dir: string, opts: TrainOptions = {}): AttributionModel {
  const t0 = performance.now();
  const bits = opts.bits ?? 20;
  const mask = (1 << bits) - 1;
  const log = opts.log ?? (() => {});
  const docs = (opts.docs ?? readPolnear(dir, { limit: opts.limit })).filter((d) => d.annFile);
  const featureOf = (text: string): TaggerDoc => {
    const hit = opts.featureCache?.get(text);
    if (hit) return hit;
    const d = taggerDoc(text);
    opts.featureCache?.set(text, d);
    return d;
  };
  const cueSeqs: ReturnType<typeof cueSequence>[] = [];
  const argItems: { d: TaggerDoc; c0: number; c1: number; w0: number; w1: number; gold: Uint8Array }[] = [];
  let nAtt = 0;
  for (const doc of docs) {
    const d = featureOf(doc.text);
    const { tokens } = d.an;
    const cueLabel = new Uint8Array(tokens.length);
    for (const a of doc.attributions) {
      if (!a.cue) continue;
      const [c0, c1] = tokRange(d, a.cue);
      if (c1 <= c0) continue;
      for (let k = c0; k < c1; k++) cueLabel[k] = k === c0 ? 1 : 2;
      nAtt++;
      const [w0, w1] = cueWindow(d, c0, c1);
      const gold = new Uint8Array(w1 - w0);
      const mark = (frags: Fragment[] | undefined, b: number, i: number) => {
        for (const f of frags ?? []) {
          const [a0, a1] = tokRange(d, [f]);
          for (let k = Math.max(a0, w0); k < Math.min(a1, w1); k++) {
            if (k >= c0 && k < c1) continue;
            gold[k - w0] = k === a0 || (k - w0 > 0 && gold[k - w0 - 1] !== b && gold[k - w0 - 1] !== i) ? b : i;
          }
        }
      };
      mark(a.content, 3, 4);
      mark(a.source, 1, 2);
      // repair I without B after overlaps
      for (let k = 0; k < gold.length; k++) {
        if (gold[k] === 2 && (k === 0 || (gold[k - 1] !== 1 && gold[k - 1] !== 2))) gold[k] = 1;
        if (gold[k] === 4 && (k === 0 || (gold[k - 1] !== 3 && gold[k - 1] !== 4))) gold[k] = 3;
      }
      argItems.push({ d, c0, c1, w0, w1, gold });
    }
    for (let s = 0; s < d.an.sentences.length; s++) {
      const seq = cueSequence(d, s, mask);
      const [a, b] = d.an.sentTok[s];
      if (b <= a) continue;
      seq.gold = cueLabel.slice(a, b);
      cueSeqs.push(seq);
    }
  }
  log(`features: ${docs.length} documents, ${nAtt} attributions, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const random = mulberry32(opts.seed ?? 13);
  const shuffle = <T>(xs: T[]) => { for (let i = xs.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [xs[i], xs[j]] = [xs[j], xs[i]]; } return xs; };

  const cue = new Perceptron(bits, 3, cueAllowed);
  for (let e = 0; e < (opts.epochsCue ?? 6); e++) {
    let wrong = 0;
    for (const seq of shuffle(cueSeqs)) if (cue.train(seq)) wrong++;
    log(`cue epoch ${e + 1}: ${wrong}/${cueSeqs.length} sentences wrong`);
  }
  cue.average();
  const arg = new Perceptron(bits, 5, argAllowed);
  for (let e = 0; e < (opts.epochsArg ?? 6); e++) {
    let wrong = 0;
    for (const it of shuffle(argItems)) {
      const seq = argSequence(it.d, it.c0, it.c1, it.w0, it.w1, mask);
      seq.gold = it.gold;
      if (arg.train(seq)) wrong++;
    }
    log(`arg epoch ${e + 1}: ${wrong}/${argItems.length} windows wrong`);
  }
  arg.average();
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  return {
    format: 'narrascope-attribution-tagger', version: 1, lang: 'en',
    trainedOn: { dir, documents: docs.length, attributions: nAtt, seconds },
    cue: cue.toJSON(), arg: arg.toJSON(), runtime: { cue, arg },
    cueBias: opts.cueBias ?? DEFAULT_CUE_BIAS, cueBiasInside: opts.cueBiasInside ?? opts.cueBias ?? DEFAULT_CUE_BIAS_INSIDE, requireContent: opts.requireContent ?? false, fillGap: opts.fillGap ?? false,
  };
}

function tokRange(d: TaggerDoc, frags: Fragment[]): [number, number] {
  let a = Infinity, b = -Infinity;
  for (const [s, e] of frags) {
    const x = tokenAtOrAfter(d.an, s);
    let y = tokenAtOrAfter(d.an, e);
    if (y < d.an.tokens.length && d.an.tokens[y].start < e) y++;
    a = Math.min(a, x); b = Math.max(b, y);
  }
  return [a, Math.max(a, b)];
}

function runtime(model: AttributionModel): { cue: Perceptron; arg: Perceptron } {
  model.runtime ??= { cue: Perceptron.fromJSON(model.cue, cueAllowed), arg: Perceptron.fromJSON(model.arg, argAllowed) };
  return model.runtime;
}

/** Predicted attributions (PolNeAR roles, character fragments) for one English text. */
export interface PredictOptions {
  /** Added to the cue tagger's B score (higher = more cues). Default: the model's value. */
  cueBias?: number;
  /** Added to the cue tagger's I score (higher = longer cues). Default: the model's value (else cueBias). */
  cueBiasInside?: number;
  /** Keep a predicted cue only when the source/content tagger finds content (and, if set, a source). */
  requireContent?: boolean;
  requireSource?: boolean;
  /** Extend the cue over the gap between a preceding source and a following content. */
  fillGap?: boolean;
}

export function predictSpans(model: AttributionModel, text: string, d0?: TaggerDoc, opts: PredictOptions = {}): PredictedSpans[] {
  const { cue, arg } = runtime(model);
  const mask = (1 << model.cue.bits) - 1;
  const amask = (1 << model.arg.bits) - 1;
  const d = d0 ?? taggerDoc(text);
  const { tokens } = d.an;
  const out: PredictedSpans[] = [];
  for (let s = 0; s < d.an.sentences.length; s++) {
    const [a, b] = d.an.sentTok[s];
    if (b <= a) continue;
    const bias = opts.cueBias ?? model.cueBias ?? 0;
    const inside = opts.cueBiasInside ?? (opts.cueBias !== undefined ? undefined : model.cueBiasInside) ?? bias;
    const labels = cue.decode(cueSequence(d, s, mask), bias || inside ? [0, bias, inside] : undefined);
    for (const [c0, c1] of segments(labels, 1, 2, a)) {
      const [w0, w1] = cueWindow(d, c0, c1);
      const args = arg.decode(argSequence(d, c0, c1, w0, w1, amask));
      const src = segments(args, 1, 2, w0);
      const con = segments(args, 3, 4, w0);
      if ((opts.requireContent ?? model.requireContent) && !con.length) continue;
      if (opts.requireSource && !src.length) continue;
      // PolNeAR convention: the cue fills the gap between a preceding source and a following content
      // ("Trump [is raising questions about] Clinton's health"), unless the gap holds punctuation or a name.
      let [q0, q1] = [c0, c1];
      if ((opts.fillGap ?? model.fillGap) && src.length && con.length) {
        const se = src[src.length - 1][1], ks = con[0][0];
        if (se <= c0 && c1 <= ks && ks - se <= 8) {
          let ok = true;
          for (let k = se; k < ks; k++) {
            if (k >= c0 && k < c1) continue;
            const t = tokens[k];
            if (/^[,;:()"“”«»—–-]$/.test(t.text) || (/^\p{Lu}/u.test(t.text) && k !== se) || d.an.dateOf[k] >= 0) ok = false;
          }
          if (ok) { q0 = se; q1 = ks; }
        }
      }
      const p: PredictedSpans = { cue: tokenFragments(tokens, [[q0, q1]]) };
      if (src.length) p.source = tokenFragments(tokens, src);
      if (con.length) p.content = tokenFragments(tokens, con);
      out.push(p);
    }
  }
  return out;
}

export function saveModel(model: AttributionModel, file: string): void {
  const { runtime: _r, ...plain } = model;
  writeFileSync(file, JSON.stringify(plain));
}

export function loadModel(file: string): AttributionModel {
  const m = JSON.parse(readFileSync(file, 'utf8')) as AttributionModel;
  if (m.format !== 'narrascope-attribution-tagger') throw new Error(`${file}: not a Narrascope attribution model`);
  return m;
}

/**
 * Adds the model's attributions that the rule-based extractor missed (no overlapping cue), with speakers resolved
 * by the same registry/title/group logic, the publisher as reporter and stance "relays" (or "asserts" when the
 * source is the publisher).
 */
export function applyModel(doc: Document, ctx: { registry: ActorRegistry; model?: AttributionModel }, result: AttributionResult): AttributionResult {
  if (!ctx.model) return result;
  const an = analyze(doc.text, doc.lang, doc.publishedAt, { dates: false });
  const preds = predictSpans(ctx.model, doc.text, taggerDoc(doc.text, an));
  const publisher = publisherLink(doc, ctx.registry);
  const extra: Attribution[] = [];
  for (const p of preds) {
    if (!p.cue || !p.content) continue;
    const [cs, ce] = p.cue[0];
    if (result.attributions.some((a) => a.cue.start < ce && cs < a.cue.end)) continue;
    const content = { start: p.content[0][0], end: p.content[p.content.length - 1][1] };
    let speaker: Attribution['speaker'] = { text: '', start: cs, end: cs, name: publisher.name };
    if (p.source) {
      const [ss, se] = [p.source[0][0], p.source[p.source.length - 1][1]];
      const a = tokenAtOrAfter(an, ss);
      let b = tokenAtOrAfter(an, se);
      if (b < an.tokens.length && an.tokens[b].start < se) b++;
      const ref = resolvePhrase(an, ctx.registry, a, b);
      speaker = { text: doc.text.slice(ss, se), start: ss, end: se, name: ref?.name ?? doc.text.slice(ss, se), ...(ref?.actorId ? { actorId: ref.actorId } : {}), ...(ref?.type ? { type: ref.type } : {}) };
    }
    const own = speaker.actorId && speaker.actorId === publisher.actorId;
    extra.push({
      speaker, cue: { text: doc.text.slice(cs, ce), start: cs, end: ce },
      content: { text: doc.text.slice(content.start, content.end), start: content.start, end: content.end },
      direct: /^["“«„]/.test(doc.text.slice(content.start, content.start + 1)), chain: own ? [] : [publisher], stance: own ? 'asserts' : 'relays', narratives: [],
    });
  }
  if (!extra.length) return result;
  const attributions = [...result.attributions, ...extra].sort((x, y) => x.cue.start - y.cue.start);
  // keep assessment.about pointing at the same attributions
  const assessments = result.assessments.map((s) => (s.about === undefined ? s : { ...s, about: attributions.indexOf(result.attributions[s.about]) }));
  return { ...result, attributions, assessments };
}
