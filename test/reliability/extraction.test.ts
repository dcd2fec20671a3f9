/**
 * The per-document analysis under hostile text (issue 8): analyzeDocument never throws, and every span it returns
 * is a valid offset pair into the text (`text.slice(start, end) === span.text`) — attributions (speaker, cue,
 * content), narrative evidence, events and assessments — with mentions pointing at existing attributions.
 * Property-tested on random and adversarial texts in en/ru/uk, and on real posts mutated at random.
 *
 * Homoglyphs (decision, see RELIABILITY.md): invisible characters are removed before analysis and compatibility
 * forms are folded (NFKC), so "Пу\u200bтин" and "Ｐｕｔｉｎ" are Putin; a mixed-script spoof ("Рutin" with a
 * Cyrillic Р, "Пyтин" with a Latin y) is kept as written and never resolved to the real actor — neither as speaker
 * nor as source — while the claim itself is still extracted.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { actorRegistry } from '../../src/actors/load.ts';
import { toDocument } from '../../src/ingest/to-document.ts';
import type { Document, DocumentAnalysis } from '../../src/model/index.ts';
import { analyzeDocument } from '../../src/pipeline/analyze.ts';
import { bounded } from './bounded.ts';
import { LONG, SEED, demoTexts, mkDoc, runs } from './helpers.ts';

const registry = actorRegistry();
const LANGS = ['en', 'ru', 'uk'] as const;

interface SpanLike { text: string; start: number; end: number }

function checkSpan(text: string, s: SpanLike, what: string): void {
  assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end && s.end <= text.length,
    `${what}: [${s.start}, ${s.end}) inside a text of ${text.length}`);
  assert.equal(text.slice(s.start, s.end), s.text, `${what}: text.slice(start, end) === span.text`);
}

/** Every offset the analysis returns indexes the text; references between its parts hold. */
function checkAnalysis(doc: Document, a: DocumentAnalysis): void {
  const t = doc.text;
  assert.equal(a.documentId, doc.id);
  a.attributions.forEach((at, i) => {
    checkSpan(t, at.speaker, `attribution ${i} speaker`);
    checkSpan(t, at.cue, `attribution ${i} cue`);
    checkSpan(t, at.content, `attribution ${i} content`);
    for (const n of at.narratives) for (const e of n.evidence) checkSpan(t, e, `attribution ${i} narrative ${n.id} evidence`);
    assert.ok(['asserts', 'relays', 'refutes', 'unknown'].includes(at.stance));
    if (at.date) assert.ok(Number.isFinite(Date.parse(at.date)), `attribution ${i} date ${at.date}`);
  });
  a.events.forEach((e, i) => checkSpan(t, e, `event ${i}`));
  a.assessments.forEach((e, i) => {
    checkSpan(t, e, `assessment ${i}`);
    if (e.about !== undefined) assert.ok(e.about >= 0 && e.about < a.attributions.length, `assessment ${i} about ${e.about}`);
  });
  for (const n of a.narratives) for (const e of n.evidence) checkSpan(t, e, `narrative ${n.id} evidence`);
  for (const m of a.mentions) {
    assert.equal(m.documentId, doc.id);
    if (m.attributionIndex !== undefined) assert.ok(m.attributionIndex >= 0 && m.attributionIndex < a.attributions.length, `mention → attribution ${m.attributionIndex}`);
    assert.ok(Number.isFinite(Date.parse(m.at)), `mention at ${m.at}`);
    assert.ok(Number.isFinite(m.score));
  }
}

function analyzeChecked(text: string, lang: string): DocumentAnalysis {
  const doc = mkDoc(text, lang);
  const a = analyzeDocument(doc, { registry });
  checkAnalysis(doc, a);
  return a;
}

// Pieces that drive the extractor: cues, names (real, inflected, spoofed), quotes, dates, structure, invisible marks.
const PIECES: Record<(typeof LANGS)[number], string[]> = {
  en: ['Putin', 'Zelensky', 'Peskov', 'the Kremlin', 'ISW', 'Reuters', 'said', 'told reporters', 'according to', 'claimed', 'denied', 'warned',
    'that', 'he', 'she', 'they', 'on March 14', 'last week', '"', '“', '”', "'", ':', ',', '.', '—', '(', ')', 'U.S.', 'Mr.', 'Nazis', 'Kyiv regime', 'fake', 'false'],
  ru: ['Путин', 'Путина', 'Зеленский', 'Песков', 'Захарова', 'Кремль', 'ТАСС', 'заявил', 'заявила', 'сообщил', 'по словам', 'по данным', 'как сообщил',
    'опроверг', 'что', 'он', 'она', '14 марта', 'в понедельник', '«', '»', '„', '“', '—', ':', ',', '.', 'т. е.', 'нацисты', 'киевский режим', 'фейк', 'ложь'],
  uk: ['Путін', 'Путіна', 'Зеленський', 'Пєсков', 'ЗСУ', 'Укрінформ', 'заявив', 'заявила', 'повідомив', 'за словами', 'за даними', 'спростував', 'що',
    'він', 'вона', '14 березня', 'у понеділок', '«', '»', '—', ':', ',', '.', 'ІSW', 'фейк', 'неправда', 'ґ', 'ї'],
};
const NASTY = ['\n', '\n\n', '\r\n', '\t', ' ', '  ', '\u00a0', '\u200b', '\u200d', '\u202e', '\u2066', '\ufeff', '\u0301', '\u0000', '\u001b', '🇷🇺', '👍🏽',
  'Рutin', 'Пyтин', 'Ｐｕｔｉｎ', '\ud800', '\udfff', 'ـ', 'א', '…', '...', '!!!', '???', '«««', '»»»', '"""', '((((', '))))', '123456789', '2024-13-45', 'http://x.org/a?b=c'];

function soup(lang: (typeof LANGS)[number]): fc.Arbitrary<string> {
  return fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PIECES[lang]) }, { weight: 1, arbitrary: fc.constantFrom(...NASTY) }),
    { maxLength: 120 }).chain((parts) => fc.array(fc.constantFrom(' ', '', ' ', '\n'), { minLength: parts.length, maxLength: parts.length })
    .map((seps) => parts.map((p, i) => p + seps[i]).join('')));
}

/** A real post with random edits: inserted pieces, deleted or duplicated slices. */
const DEMO = demoTexts();
const mutated: fc.Arbitrary<string> = fc.tuple(fc.constantFrom(...DEMO), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.oneof(fc.constantFrom(...NASTY, ...PIECES.ru, ...PIECES.uk, ...PIECES.en), fc.constant(''))), { maxLength: 8 }))
  .map(([text, edits]) => edits.reduce((t, [at, len, insert]) => {
    const i = t.length ? at % t.length : 0;
    return t.slice(0, i) + insert + t.slice(Math.min(t.length, i + (insert ? 0 : len)));
  }, text));

describe('analyzeDocument never throws and returns valid spans', () => {
  for (const lang of LANGS) {
    it(`${lang}: random strings (any UTF-16, lone surrogates included)`, () => {
      fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => { analyzeChecked(text, lang); }), { numRuns: runs(300, 5000), seed: SEED });
    });
    it(`${lang}: adversarial token soup (cues, names, quotes, dates, invisible and bidi marks, homoglyphs)`, () => {
      fc.assert(fc.property(soup(lang), (text) => { analyzeChecked(text, lang); }), { numRuns: runs(500, 10000), seed: SEED });
    });
  }
  it('real posts mutated at random, analysed as each of en/ru/uk', () => {
    fc.assert(fc.property(mutated, fc.constantFrom(...LANGS), (text, lang) => { analyzeChecked(text, lang); }), { numRuns: runs(500, 10000), seed: SEED });
  });
  it('the whole normalisation path: toDocument then analyzeDocument', () => {
    fc.assert(fc.property(fc.oneof(mutated, soup('ru'), soup('en'), fc.string({ unit: 'binary', maxLength: 200 })), (text) => {
      const r = toDocument({ text, source: { name: 'Рутин' } }, 1, { registry, format: 'jsonl', at: '2025-03-16T00:00:00.000Z', defaults: {} });
      if (!r.ok) return;
      checkAnalysis(r.doc, analyzeDocument(r.doc, { registry }));
    }), { numRuns: runs(500, 10000), seed: SEED });
  });
  it('the real demo posts themselves (a sanity check that the properties see attributions)', () => {
    let attributions = 0;
    for (const text of DEMO) for (const lang of LANGS) attributions += analyzeChecked(text, lang).attributions.length;
    assert.ok(attributions > 50, `${attributions} attributions checked`);
  });
});

describe('homoglyphs and invisible characters in names', () => {
  const ctx = { registry, format: 'jsonl' as const, at: '2025-03-16T00:00:00.000Z', defaults: {} };
  const speakerIds = (text: string, lang?: string) => {
    const r = toDocument({ text, ...(lang ? { lang } : {}) }, 1, ctx);
    assert.ok(r.ok);
    const a = analyzeDocument(r.doc, { registry });
    checkAnalysis(r.doc, a);
    return { doc: r.doc, speakers: a.attributions.map((x) => `${x.speaker.text}→${x.speaker.actorId ?? '?'}`) };
  };

  it('the genuine names resolve (the control)', () => {
    assert.deepEqual(speakerIds('Putin said that the talks had failed.').speakers, ['Putin→putin']);
    assert.deepEqual(speakerIds('Путин заявил, что переговоры провалились.').speakers, ['Путин→putin']);
  });

  it('mixed-script spoofs are kept as written and not resolved to the real actor; the claim is still extracted', () => {
    const en = speakerIds('Рutin said that the talks had failed.'); // Cyrillic Р
    assert.equal(en.doc.text, 'Рutin said that the talks had failed.', 'stored byte-exact, so a search for the spoof finds it');
    assert.deepEqual(en.speakers, ['Рutin→?']);
    const ru = speakerIds('Пyтин заявил, что переговоры провалились.'); // Latin y
    assert.deepEqual(ru.speakers, ['Пyтин→?']);
    const uk = speakerIds('Путiн заявив, що переговори провалилися.'); // Latin i
    assert.ok(!uk.speakers.some((s) => s.endsWith('→putin')), uk.speakers.join());
  });

  it('a spoofed source name is not resolved to the real outlet', () => {
    const real = toDocument({ text: 'News.', source: { name: 'TASS' } }, 1, ctx);
    const spoof = toDocument({ text: 'News.', source: { name: 'ТАSS' } }, 1, ctx); // Cyrillic Т and А
    assert.ok(real.ok && spoof.ok);
    assert.ok(real.doc.source.actorId, 'TASS resolves');
    assert.equal(spoof.doc.source.actorId, undefined);
    assert.notEqual(spoof.doc.id, real.doc.id);
  });

  it('zero-width and bidi marks inside a name cannot hide it; fullwidth forms fold to the name', () => {
    assert.deepEqual(speakerIds('Пу\u200bтин за\u200dявил, что переговоры провалились.').speakers, ['Путин→putin']);
    assert.deepEqual(speakerIds('\u202eПутин заявил, что переговоры провалились.').speakers, ['Путин→putin']);
    assert.deepEqual(speakerIds('Ｐｕｔｉｎ said that the talks had failed.').speakers, ['Ｐｕｔｉｎ→putin']);
  });
});

describe('analysis time and size stay bounded', () => {
  const dense = (n: number, unit: string) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const RU_UNIT = 'Путин заявил, что «ситуация напряжённая». По словам Зеленского, Киев не сдастся. ';

  it('an attribution-dense 100 KB Russian text is analysed within 30 s', { timeout: 120_000 }, async () => {
    const r = await bounded('analyze', { text: dense(100_000, RU_UNIT), lang: 'ru' }, 30_000);
    assert.equal(r.timedOut, false, 'analysed within 30 s');
    assert.equal(r.error, undefined, r.error);
    assert.ok(r.result!.attributions > 1000);
    process.stdout.write(`# 100 KB dense ru text: ${Math.round(r.ms)} ms, ${r.result!.attributions} attributions, ${Math.round(r.result!.storedBytes / 1024)} KB of analysis\n`);
  });

  // B15 (fixed): the pairwise loops over all attributions of a document were O(attributions²) — 100 KB 2.3 s,
  // 200 KB 8 s, 1 MB 396 s. Nesting now reads a bounded window of candidates, the rest is indexed.
  it('analysis time grows linearly: a dense text of 400 KB within 20 s', { timeout: 120_000 }, async () => {
    const [size, limit] = [400_000, 20_000];
    const r = await bounded('analyze', { text: dense(size, RU_UNIT), lang: 'ru' }, limit);
    process.stdout.write(`# ${size / 1000} KB dense ru text: ${r.timedOut ? `not done after ${limit / 1000} s` : `${Math.round(r.ms)} ms, ${r.result!.attributions} attributions`}\n`);
    assert.equal(r.timedOut, false, `${size} chars not analysed within ${limit / 1000} s`);
    assert.equal(r.error, undefined, r.error);
    assert.ok(r.result!.attributions > 9000, 'the attributions are all still extracted (no cap on their number)');
  });

  it('analysis time grows linearly: a dense text of 1 MB within 60 s', {
    timeout: 300_000,
    skip: LONG ? false : 'long mode only (NARRASCOPE_LONG_TESTS=1); the 400 KB test above covers the default run',
  }, async () => {
    const [size, limit] = [1_000_000, 60_000];
    const r = await bounded('analyze', { text: dense(size, RU_UNIT), lang: 'ru' }, limit);
    process.stdout.write(`# ${size / 1000} KB dense ru text: ${r.timedOut ? `not done after ${limit / 1000} s` : `${Math.round(r.ms)} ms`}\n`);
    assert.equal(r.timedOut, false, `${size} chars not analysed within ${limit / 1000} s`);
  });

  // B16 (fixed): each nested attribution carried the whole rest of the text as content and the whole chain — a 20 KB
  // post gave 1,176 attributions, 692,076 chain links and 59 MB of analysis. Reported content now ends after
  // 400 tokens and reports nested deeper than 5 levels are not kept.
  // (the time bound includes starting the worker and compiling the analysis modules: 0.6 s idle, > 5 s on a loaded CI box)
  it('nested reporting ("A said that B said that …", 20 KB): analysed within 20 s, analysis at most 20× the text', { timeout: 120_000 }, async () => {
    const text = dense(20_000, 'Putin said that Zelensky said that Biden said that ');
    const r = await bounded('analyze', { text, lang: 'en' }, 20_000);
    process.stdout.write(`# 20 KB nested reporting: ${r.timedOut ? 'not done after 20 s' : `${Math.round(r.ms)} ms, ${r.result!.attributions} attributions, ${r.result!.chainLinks} chain links, ${Math.round(r.result!.storedBytes / 1e3)} KB of analysis`}\n`);
    assert.equal(r.timedOut, false);
    assert.ok(r.result!.storedBytes <= 20 * text.length, `${r.result!.storedBytes} bytes of analysis for ${text.length} characters`);
    assert.ok(r.result!.attributions > 0 && r.result!.chainLinks <= 10 * r.result!.attributions, 'chains stay short');
  });

  for (const [label, unit] of [['50 KB of «', '«'], ['50 KB of one unbroken sentence of names', 'Путин Песков Захарова Зеленский '], ['50 KB of dates', '14 марта 2024 года ']] as const) {
    it(`${label}: analysed within 20 s`, { timeout: 120_000 }, async () => {
      const r = await bounded('analyze', { text: dense(50_000, unit), lang: /[а-я]/.test(unit) ? 'ru' : 'en' }, 20_000);
      assert.equal(r.timedOut, false);
      assert.equal(r.error, undefined, r.error);
    });
  }
});
