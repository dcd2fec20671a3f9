import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractAttributions } from '../../src/attribution/index.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import type { Attribution } from '../../src/model/attribution.ts';
import { mkDoc, spansConsistent, describe } from './helpers.ts';
import * as fx from './fixtures.ts';

const registry = actorRegistry();
/** The actor id when the shipped registry has it (so these tests survive registry edits), else undefined. */
const id = (actorId: string) => (registry.get(actorId) ? actorId : undefined);

function run(text: string, lang: string, source: string, publishedAt = '2025-03-16T09:00:00Z') {
  const doc = mkDoc(text, { lang, source, publishedAt });
  const res = extractAttributions(doc, { registry });
  for (const a of res.attributions) {
    assert.ok(spansConsistent(doc, a), `offsets: ${describe(a)}`);
    assert.deepEqual(a.narratives, []);
    assert.ok(['asserts', 'relays', 'refutes', 'unknown'].includes(a.stance));
  }
  return { doc, res, atts: res.attributions, dump: res.attributions.map(describe).join('\n') };
}

function find(atts: Attribution[], pred: (a: Attribution) => boolean, dump: string): Attribution {
  const a = atts.find(pred);
  assert.ok(a, `not found among:\n${dump}`);
  return a;
}

const speakerIs = (a: Attribution, actorId: string, re: RegExp) => (id(actorId) ? a.speaker.actorId === actorId : re.test(a.speaker.text));

test('en: direct and reported speech, "said on Monday that", pronouns, titles, groups, according to', () => {
  const { atts, dump } = run(fx.EN_KREMLIN, 'en', 'Reuters', '2025-03-18T09:00:00Z');
  const quote = find(atts, (a) => a.direct && a.content.text.startsWith('We see no basis'), dump);
  assert.ok(speakerIs(quote, 'peskov', /Peskov/), describe(quote));
  assert.match(quote.content.text, /Moscow has made its position clear$/, 'a quote spanning two sentences');
  assert.deepEqual(quote.chain.map((c) => c.name), ['Reuters']);
  assert.equal(quote.stance, 'relays');
  const added = find(atts, (a) => a.cue.text === 'added', dump);
  assert.equal(added.speaker.text, 'He');
  assert.ok(speakerIs(added, 'peskov', /Peskov/) || /Peskov/.test(added.speaker.name ?? ''), describe(added));
  const sybiha = find(atts, (a) => /Sybiha/.test(a.speaker.text) && a.cue.text === 'said', dump);
  assert.equal(sybiha.date, '2025-03-17', '"on Monday" in a Tuesday article');
  assert.equal(sybiha.content.text, 'Russia was stalling for time');
  assert.equal(sybiha.speaker.type, 'government_official');
  const accused = find(atts, (a) => a.cue.text === 'accused', dump);
  assert.equal(accused.cue.class, 'accusation');
  assert.match(accused.speaker.text, /Sybiha/);
  assert.match(accused.content.text, /^Moscow of shelling civilian infrastructure/);
  const acc = find(atts, (a) => a.cue.text === 'According to', dump);
  assert.match(acc.speaker.text, /Ukrainian Air Force/);
  assert.equal(acc.content.text, 'Russia launched 112 drones overnight');
  const media = find(atts, (a) => /state media/.test(a.speaker.text), dump);
  assert.equal(media.speaker.type, 'state_media');
  assert.equal(media.stance, 'refutes', '"without evidence" marks distance');
});

test('en: quotes with the speaker after/inside, continuation quotes, impersonal "it was reported", questions, so-called', () => {
  const { atts, dump } = run(fx.EN_QUOTES, 'en', 'Test Wire');
  const z1 = find(atts, (a) => a.content.text === 'We will not accept this', dump);
  assert.ok(z1.direct && speakerIs(z1, 'zelensky', /Zelensky/));
  const z2 = find(atts, (a) => a.content.text === 'Our position has not changed', dump);
  assert.ok(z2.direct && speakerIs(z2, 'zelensky', /Zelensky/), 'a continuation quote keeps the speaker');
  const a1 = find(atts, (a) => a.content.text === 'The attacks must stop', dump);
  const a2 = find(atts, (a) => a.content.text === 'and the prisoners must come home', dump);
  assert.equal(a1.speaker.text, 'he');
  assert.equal(a2.speaker.text, 'he');
  assert.ok(a1.direct && a2.direct);
  const rep = find(atts, (a) => a.cue.text === 'It was reported', dump);
  assert.equal(rep.speaker.text, '');
  assert.equal(rep.content.text, 'the talks would resume in Riyadh');
  const q = find(atts, (a) => a.cue.class === 'question', dump);
  assert.equal(q.speaker.type, 'legislator');
  assert.match(q.content.text, /^whether the sanctions would be lifted/);
  const claim = find(atts, (a) => a.cue.text === 'claimed', dump);
  assert.equal(claim.stance, 'refutes', '"so-called" marks distance');
});

test('en: a verdict on the claim word itself ("repeated unsubstantiated claims about") is the reporter\'s distance', () => {
  const { atts, dump } = run('Pro-Kremlin bloggers have repeated unsubstantiated claims about Ukrainian crimes against civilians. Milbloggers have spread claims that Ukrainian forces committed crimes.', 'en', 'Test Wire');
  assert.equal(find(atts, (a) => a.cue.text === 'repeated', dump).stance, 'refutes');
  assert.equal(find(atts, (a) => a.cue.text === 'spread', dump).stance, 'relays', 'without a verdict the reporter relays');
});

test('ru: «…», — заявил Песков; по его словам; по словам Захаровой; ТАСС сообщает, что, по словам…; вчера', () => {
  const { atts, dump } = run(fx.RU_PESKOV, 'ru', 'Интерфакс');
  const q = find(atts, (a) => a.direct && a.content.text.startsWith('Мы пока не видим'), dump);
  assert.ok(speakerIs(q, 'peskov', /Песков/));
  assert.equal(q.speaker.type, 'government_official');
  const his = find(atts, (a) => /Кремль изучит/.test(a.content.text), dump);
  assert.equal(his.speaker.text, 'его');
  assert.ok(speakerIs(his, 'peskov', /Песков/) || /Peskov|Песков/.test(his.speaker.name ?? ''), describe(his));
  const zak = find(atts, (a) => /западные страны/.test(a.content.text), dump);
  assert.ok(speakerIs(zak, 'zakharova', /Захаров/), describe(zak));
  assert.equal(zak.cue.text, 'По словам');
  const alleged = find(atts, (a) => /провокацию/.test(a.content.text), dump);
  assert.equal(alleged.stance, 'refutes', '"якобы" marks distance');
  const tass = find(atts, (a) => a.cue.text === 'сообщает', dump);
  assert.ok(speakerIs(tass, 'tass', /ТАСС/));
  const khin = find(atts, (a) => /Хинштейн/.test(a.speaker.text), dump);
  assert.equal(khin.speaker.type, 'regional_official');
  assert.equal(khin.content.text, '13 марта в регионе были задержаны диверсанты');
  assert.equal(khin.chain[0].name, 'Интерфакс');
  assert.equal(khin.chain.length, 2, 'the chain is [publisher, TASS]');
  assert.ok(speakerIs({ speaker: { ...khin.chain[1], text: khin.chain[1].name } } as Attribution, 'tass', /ТАСС|TASS/));
  const yest = find(atts, (a) => a.cue.text === 'сказал', dump);
  assert.equal(yest.date, '2025-03-15');
  assert.equal(yest.dateText, 'Вчера');
  assert.deepEqual(yest.chain.map((c) => c.name), ['Интерфакс'], 'TASS does not become the reporter of what follows');
});

test('ru: как заявил X; сообщается; author inserted in a quote «A, — сказал Лавров. — B»', () => {
  const { atts, dump } = run(fx.RU_LAVROV, 'ru', 'РБК');
  const as = find(atts, (a) => a.cue.text === 'заявил', dump);
  assert.ok(speakerIs(as, 'lavrov', /Лавров/));
  assert.equal(as.content.text, 'Москва открыта для контактов');
  const imp = find(atts, (a) => a.cue.text === 'Сообщается', dump);
  assert.equal(imp.content.text, 'встреча может пройти в Эр-Рияде');
  const parts = atts.filter((a) => a.cue.text === 'сказал');
  assert.deepEqual(parts.map((a) => a.content.text), ['Это невозможно', 'Условия Киева неприемлемы']);
  for (const p of parts) assert.ok(p.direct && speakerIs(p, 'lavrov', /Лавров/));
});

test('uk: Сибіга заявив, що; за словами Зеленського; «…», — наголосив; він; напередодні; assessment', () => {
  const { atts, res, dump } = run(fx.UK_SYBIHA, 'uk', 'Укрінформ');
  const s = find(atts, (a) => a.cue.text === 'заявив' && /Сибіга/.test(a.speaker.text), dump);
  assert.ok(speakerIs(s, 'sybiha', /Сибіга/));
  assert.equal(s.content.text, 'Росія свідомо затягує переговори');
  const z = find(atts, (a) => a.cue.text === 'За словами', dump);
  assert.ok(speakerIs(z, 'zelensky', /Зеленськ/));
  assert.equal(z.speaker.type, 'head_of_state');
  const q = find(atts, (a) => a.direct && /не дозволимо/.test(a.content.text), dump);
  assert.ok(speakerIs(q, 'sybiha', /Сибіга/));
  const he = find(atts, (a) => a.speaker.text === 'Він', dump);
  assert.equal(he.cue.class, 'accusation');
  assert.ok(speakerIs({ ...he, speaker: { ...he.speaker, text: he.speaker.name ?? '' } }, 'sybiha', /Sybiha|Сибіга/), describe(he));
  const p = find(atts, (a) => /Пєсков/.test(a.speaker.text), dump);
  assert.equal(p.date, '2025-03-15', '"напередодні" = the day before publication');
  assert.ok(speakerIs(p, 'peskov', /Пєсков/));
  const verdict = res.assessments.find((a) => a.verdict === 'unsubstantiated');
  assert.ok(verdict, JSON.stringify(res.assessments));
  assert.equal(verdict.text, 'Ці заяви безпідставні');
  assert.ok(verdict.about !== undefined && /Пєсков/.test(atts[verdict.about].speaker.text));
});

test('a small hand-built registry: stemming fallback for unlisted inflections, titles without registry', async () => {
  const { ActorRegistry } = await import('../../src/actors/registry.ts');
  const small = new ActorRegistry([
    { id: 'putin', name: 'Vladimir Putin', aliases: { en: ['Putin'], ru: ['Путин'], uk: ['Путін'] }, type: 'head_of_state', alignment: 'pro_kremlin', handles: [], domains: [], sources: [] },
  ]);
  const uk = extractAttributions(mkDoc('За словами Путіна, Росія не відступить. Губернатор Бєлгородської області В\'ячеслав Гладков заявив, що обстріли тривають.', { lang: 'uk', source: 'Test' }), { registry: small });
  const put = uk.attributions.find((a) => a.cue.text === 'За словами');
  assert.equal(put?.speaker.actorId, 'putin', JSON.stringify(uk.attributions));
  const gov = uk.attributions.find((a) => /Гладков/.test(a.speaker.text));
  assert.equal(gov?.speaker.type, 'regional_official', JSON.stringify(uk.attributions));
  const ru = extractAttributions(mkDoc('Путиным было сделано заявление. Как сообщил Путину министр обороны, войска отошли.', { lang: 'ru', source: 'Test' }), { registry: small });
  assert.ok(Array.isArray(ru.attributions));
});

test('empty and odd inputs do not throw', () => {
  for (const text of ['', ' ', '"', '«»', 'said', '“unclosed quote, he said', 'А. Б. В.', '— заявил он.']) {
    for (const lang of ['en', 'ru', 'uk', 'de']) {
      const r = extractAttributions(mkDoc(text, { lang }), { registry });
      assert.ok(Array.isArray(r.attributions) && Array.isArray(r.events) && Array.isArray(r.assessments));
    }
  }
});

test('never throws and keeps offsets consistent on arbitrary text (property)', async () => {
  const fc = (await import('fast-check')).default;
  const words = ['said', 'заявил', 'заявив', 'according to', 'по словам', 'за словами', '«', '»', '“', '”', '"', ',', '.', '—', 'he', 'Putin', 'Путин', 'Сибіга',
    'that', 'что', 'що', 'on Friday', '13 марта', 'вчера', 'The', 'report', 'claims', 'allegedly', 'якобы', 'these claims are false', '\n\n', ':', 'ISW', 'Experts noted'];
  fc.assert(fc.property(fc.array(fc.constantFrom(...words), { maxLength: 40 }), fc.constantFrom('en', 'ru', 'uk'), (parts, lang) => {
    const doc = mkDoc(parts.join(' '), { lang });
    const r = extractAttributions(doc, { registry });
    for (const a of r.attributions) assert.ok(spansConsistent(doc, a), describe(a));
    for (const e of r.events) assert.equal(doc.text.slice(e.start, e.end), e.text);
    for (const s of r.assessments) assert.equal(doc.text.slice(s.start, s.end), s.text);
  }), { numRuns: 300 });
});
