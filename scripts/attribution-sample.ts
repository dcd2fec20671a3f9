/**
 * Draws a seeded, stratified random sample of rule-based attributions from the Russian Telegram news corpus
 * (/work/shared/corpora/telegram-ru-news-channels-2024/raw, read in place, never copied) and prints each with its
 * context for hand judging (docs/attribution-eval.md, "Russian Telegram: hand-checked sample").
 *
 *   npx tsx scripts/attribution-sample.ts [--seed N] [--n 100] [--exclude test/attribution/telegram-sample.json]
 *                                         [--skeleton FILE]   # also write a verdict skeleton (offsets only, no text)
 *
 * Strata: news channels only (the programming / gaming channels are skipped) × direct / reported. Each channel gets an
 * equal share of the sample; within a channel, direct and reported are drawn in proportion to their counts but each
 * gets at least a third of the channel's share when the channel has enough of them.
 */
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { extractAttributions } from '../src/attribution/index.ts';
import { actorRegistry } from '../src/actors/load.ts';
import type { ActorRegistry } from '../src/actors/registry.ts';
import { detectLanguage } from '../src/text/language.ts';
import { mulberry32 } from '../src/util/random.ts';
import type { Document } from '../src/model/document.ts';
import type { Attribution } from '../src/model/attribution.ts';

export const TELEGRAM_DIR = '/work/shared/corpora/telegram-ru-news-channels-2024/raw';

/** Programming and gaming channels: no news attributions to speak of (the corpus's noise set). */
export const TECH_FILES = new Set([
  '1001032086354_messages.json', // Хабр
  '1001039626561_messages.json', // Библиотека программиста
  '1001044298783_messages.json', // Типичный программист
  '1001138587070_messages.json', // Библиотека питониста
  '1001465826763_messages.json', // Библиотека Go разработчика
  '1001966291562_messages.json', // КиберТопор (gaming)
]);

export interface TelegramMessage { message_id: number; sender_id: number; text: string; date: string; channel: string }

export function readChannel(file: string, dir = TELEGRAM_DIR): TelegramMessage[] {
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as TelegramMessage[];
}

/**
 * A Document as the ingest builds it for a Telegram post, except that the text is the post's `text` field unchanged,
 * so that the offsets of the regression sample index the corpus text directly.
 */
export function telegramDoc(m: TelegramMessage, registry: ActorRegistry): Document {
  const platformId = `tg:${String(m.sender_id).replace(/^-/, '')}`;
  const actor = registry.resolveSource({ platformId, name: m.channel });
  const doc: Document = {
    id: `${platformId}/${m.message_id}`,
    source: { name: m.channel, handle: platformId },
    publishedAt: new Date(m.date).toISOString(),
    lang: detectLanguage(m.text),
    text: m.text,
    kind: 'post',
    meta: {},
    ingest: { format: 'telegram', at: '2025-01-01T00:00:00Z' },
  };
  if (actor) doc.source.actorId = actor.id;
  return doc;
}

/** The sentence(s) around [start, end): from the previous sentence end / line break to the next one. */
export function contextOf(text: string, start: number, end: number): string {
  let a = start;
  while (a > 0 && !/[\n]/.test(text[a - 1]) && !(/[.!?…]/.test(text[a - 1]) && /\s/.test(text[a] ?? ''))) a--;
  let b = end;
  while (b < text.length && !/[\n]/.test(text[b]) && !(/[.!?…]/.test(text[b - 1] ?? '') && /\s/.test(text[b]))) b++;
  return text.slice(a, b).trim();
}

interface Candidate { file: string; channel: string; m: TelegramMessage; a: Attribution }

function main(): void {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
  const seed = Number(opt('seed') ?? 1);
  const n = Number(opt('n') ?? 100);
  const excludeFile = opt('exclude');
  const skeleton = opt('skeleton');
  const exclude = new Set<string>();
  if (excludeFile && existsSync(excludeFile)) {
    type Items = { file: string; message_id: number }[];
    const prev = JSON.parse(readFileSync(excludeFile, 'utf8')) as { items?: Items; samples?: { items: Items }[] };
    for (const it of [...(prev.items ?? []), ...(prev.samples ?? []).flatMap((x) => x.items)]) exclude.add(`${it.file}#${it.message_id}`);
  }

  const registry = actorRegistry();
  const files = readdirSync(TELEGRAM_DIR).filter((f) => f.endsWith('.json') && !TECH_FILES.has(f)).sort();
  const strata = new Map<string, { direct: Candidate[]; reported: Candidate[] }>();
  let posts = 0, total = 0;
  for (const file of files) {
    const s = { direct: [] as Candidate[], reported: [] as Candidate[] };
    strata.set(file, s);
    for (const m of readChannel(file)) {
      if (!m.text || exclude.has(`${file}#${m.message_id}`)) continue;
      const doc = telegramDoc(m, registry);
      if (doc.lang !== 'ru') continue;
      posts++;
      for (const a of extractAttributions(doc, { registry }).attributions) {
        total++;
        (a.direct ? s.direct : s.reported).push({ file, channel: m.channel, m, a });
      }
    }
  }

  const rnd = mulberry32(seed);
  const pick = <T,>(xs: T[], k: number): T[] => {
    const c = [...xs];
    for (let i = c.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [c[i], c[j]] = [c[j], c[i]]; }
    return c.slice(0, k);
  };
  // equal share per channel (largest remainders by a seeded order), then direct/reported within the channel
  const chans = [...strata.keys()].filter((f) => strata.get(f)!.direct.length + strata.get(f)!.reported.length > 0);
  const quota = new Map<string, number>(chans.map((f) => [f, Math.floor(n / chans.length)]));
  for (const f of pick(chans, n - Math.floor(n / chans.length) * chans.length)) quota.set(f, quota.get(f)! + 1);
  const sample: Candidate[] = [];
  for (const f of chans) {
    const s = strata.get(f)!;
    const q = Math.min(quota.get(f)!, s.direct.length + s.reported.length);
    const all = s.direct.length + s.reported.length;
    let qd = Math.round(q * s.direct.length / all);
    qd = Math.max(qd, Math.min(s.direct.length, Math.ceil(q / 3)));
    qd = Math.min(qd, s.direct.length, q);
    const qr = Math.min(q - qd, s.reported.length);
    sample.push(...pick(s.direct, qd), ...pick(s.reported, qr));
  }
  sample.sort((x, y) => x.file.localeCompare(y.file) || x.m.message_id - y.m.message_id || x.a.cue.start - y.a.cue.start);

  console.log(`# ${posts} Russian posts in ${files.length} news channels, ${total} attributions; sample of ${sample.length} (seed ${seed})`);
  for (const [f, s] of strata) console.log(`#   ${f} ${s.direct.length} direct, ${s.reported.length} reported`);
  sample.forEach((c, i) => {
    const a = c.a;
    const lo = Math.min(a.speaker.end > a.speaker.start ? a.speaker.start : a.cue.start, a.cue.start, a.content.start);
    const hi = Math.max(a.speaker.end, a.cue.end, a.content.end);
    console.log(`\n[${i}] ${c.file} #${c.m.message_id} (${c.channel}) ${a.direct ? 'DIRECT' : 'reported'}`);
    console.log(`  speaker: ${JSON.stringify(a.speaker.text)} → ${a.speaker.actorId ?? '-'} / ${a.speaker.name ?? ''} / ${a.speaker.type ?? ''}`);
    console.log(`  cue:     ${JSON.stringify(a.cue.text)} (${a.cue.class ?? ''})`);
    console.log(`  content: ${JSON.stringify(a.content.text)}`);
    console.log(`  context: ${contextOf(c.m.text, lo, hi)}`);
  });

  if (skeleton) {
    const items = sample.map((c) => ({
      file: c.file, message_id: c.m.message_id, direct: c.a.direct,
      speaker: { start: c.a.speaker.start, end: c.a.speaker.end, ...(c.a.speaker.actorId ? { actorId: c.a.speaker.actorId } : {}) },
      content: { start: c.a.content.start, end: c.a.content.end },
      cue: { start: c.a.cue.start, end: c.a.cue.end },
      speakerOk: null as boolean | null, contentOk: null as boolean | null, note: '',
    }));
    writeFileSync(skeleton, JSON.stringify({ seed, items }, null, 1) + '\n');
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
