// Regression test for the hand-checked sample of Russian Telegram attributions (docs/attribution-eval.md,
// "Russian Telegram: hand-checked sample"). telegram-sample.json keeps only identifiers, offsets and verdicts; the
// post texts are read from the shared corpus at test time (CC BY 4.0, never copied into the repository).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractAttributions } from '../../src/attribution/index.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import type { Attribution } from '../../src/model/attribution.ts';
import { TELEGRAM_DIR, readChannel, telegramDoc, type TelegramMessage } from '../../scripts/attribution-sample.ts';

interface Range { start: number; end: number }
interface Item {
  file: string; message_id: number; direct?: boolean;
  speaker: Range & { actorId?: string }; content: Range; cue: Range;
  speakerOk: boolean; contentOk: boolean; note: string;
}
/**
 * gate: false — a record only; 'roles' — the hand-judged speaker and content shares are each ≥ 0.9 (issue 3's "≥ 90 %
 * correct speaker and content"); true — also the share of items correct on both counts, still extracted, is ≥ 0.9.
 */
interface Sample { name: string; seed: number; gate: boolean | 'roles'; items: Item[] }
const SAMPLE = JSON.parse(readFileSync(new URL('./telegram-sample.json', import.meta.url), 'utf8')) as { samples: Sample[] };

/** Boundary tolerance in characters (a quote mark, a trailing full stop, a Markdown `**`). */
const TOL = 2;
const near = (a: Range, b: Range) => Math.abs(a.start - b.start) <= TOL && Math.abs(a.end - b.end) <= TOL;

const present = existsSync(TELEGRAM_DIR);

function stillCorrect(it: Item, atts: Attribution[]): boolean {
  return atts.some((a) => near(a.speaker, it.speaker) && near(a.content, it.content)
    && (it.speaker.actorId === undefined || a.speaker.actorId === it.speaker.actorId));
}

for (const sample of SAMPLE.samples) {
  test(`Telegram hand-checked sample "${sample.name}": items judged correct are still extracted`, { skip: present ? false : `corpus absent: ${TELEGRAM_DIR}` }, (t) => {
    const registry = actorRegistry();
    const channels = new Map<string, Map<number, TelegramMessage>>();
    const posts = (file: string) => {
      let m = channels.get(file);
      if (!m) { m = new Map(readChannel(file).map((x) => [x.message_id, x])); channels.set(file, m); }
      return m;
    };
    const cache = new Map<string, Attribution[]>();
    let correctNow = 0, judgedCorrect = 0, speakerOk = 0, contentOk = 0;
    const lost: string[] = [];
    for (const it of sample.items) {
      if (it.speakerOk) speakerOk++;
      if (it.contentOk) contentOk++;
      const key = `${it.file}#${it.message_id}`;
      let atts = cache.get(key);
      if (!atts) {
        const m = posts(it.file).get(it.message_id);
        assert.ok(m, `message ${key} not in ${join(TELEGRAM_DIR, it.file)}`);
        atts = extractAttributions(telegramDoc(m, registry), { registry }).attributions;
        cache.set(key, atts);
      }
      if (!(it.speakerOk && it.contentOk)) continue;
      judgedCorrect++;
      if (stillCorrect(it, atts)) correctNow++;
      else lost.push(`${key} speaker ${it.speaker.start}-${it.speaker.end} content ${it.content.start}-${it.content.end}`);
    }
    const n = sample.items.length;
    const share = correctNow / n;
    t.diagnostic(`${sample.name}: ${n} items; judged speaker ${(speakerOk / n).toFixed(2)}, content ${(contentOk / n).toFixed(2)}, both ${(judgedCorrect / n).toFixed(2)}; correct and still extracted ${correctNow}/${n} = ${share.toFixed(2)}`);
    assert.deepEqual(lost, [], `items judged correct are no longer extracted with the same spans:\n${lost.join('\n')}`);
    if (sample.gate) {
      assert.ok(speakerOk / n >= 0.9 && contentOk / n >= 0.9, `${sample.name}: hand-judged accuracy below 0.9`);
      if (sample.gate === true) assert.ok(share >= 0.9, `${sample.name}: share of correct items ${share.toFixed(2)} < 0.9`);
    }
  });
}
