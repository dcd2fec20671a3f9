// Articles "of the same kind" as the seed, written by us (test/attribution/fixtures/isw-style-*): an outlet relaying an
// ISW assessment of a Kremlin campaign. Each case is a behaviour an analyst relies on, found missing on these texts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { extractAttributions } from '../../src/attribution/index.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import { mkDoc, spansConsistent, describe } from './helpers.ts';

const registry = actorRegistry();
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
function extract(name: string, source: string, publishedAt: string, lang = 'en') {
  const doc = mkDoc(fixture(name), { source, publishedAt, lang });
  const result = extractAttributions(doc, { registry });
  for (const a of result.attributions) assert.ok(spansConsistent(doc, a), describe(a));
  return { ...result, dump: result.attributions.map(describe).join('\n') };
}

test('ISW-style article (en) 1: postposed source with a parenthesised acronym, pushed claims, dated denial, verdicts', () => {
  const { attributions: atts, assessments, dump } = extract('isw-style-en-1.txt', 'Ukrinform', '2025-04-19T12:00:00Z');
  // "…, the Institute for the Study of War (ISW) said in its latest update": the content is the clause before
  const lead = atts.find((a) => a.speaker.actorId === 'isw' && a.cue.text === 'said' && a.content.text.startsWith('Russian officials have intensified claims'));
  assert.ok(lead, `lead statement not found:\n${dump}`);
  assert.equal(lead.speaker.text, 'the Institute for the Study of War (ISW)');
  // "Russian officials have intensified claims that …": the officials make the claims, reported by ISW
  const pushed = atts.find((a) => a.speaker.text === 'Russian officials' && /^Ukraine is preparing a "provocation"/.test(a.content.text));
  assert.ok(pushed, `pushed claims not found:\n${dump}`);
  assert.equal(pushed.speaker.type, 'government_official');
  assert.equal(pushed.chain.at(-1)?.actorId, 'isw');
  assert.notEqual(pushed.stance, 'asserts');
  // "Sybiha dismissed the accusations as "absurd fakes" on Friday": dated 2025-04-18, and a verdict by Sybiha
  const dismissed = atts.find((a) => a.speaker.actorId === 'sybiha');
  assert.ok(dismissed, dump);
  assert.equal(dismissed.date, '2025-04-18');
  assert.equal(dismissed.content.text, 'the accusations as "absurd fakes"');
  const denial = assessments.find((s) => s.by.actorId === 'sybiha');
  assert.ok(denial, JSON.stringify(assessments));
  assert.equal(denial.verdict, 'false');
  assert.equal(atts[denial.about!].speaker.actorId, 'zakharova', 'the accusations denied are Zakharova\'s');
  // "The analysts assessed that the Kremlin has not provided any evidence for its claims": ISW's verdict
  assert.ok(assessments.some((s) => s.by.actorId === 'isw' && s.verdict === 'unsubstantiated'), JSON.stringify(assessments));
  // a partial quote of the speaker's own words is not the reporter's distance: Putin's "any ultimatums" is relayed
  const putin = atts.find((a) => a.speaker.actorId === 'putin' && /ultimatums/.test(a.content.text));
  assert.ok(putin, dump);
  assert.equal(putin.date, '2025-04-15');
  assert.equal(putin.stance, 'relays');
});

test('ISW-style article (en) 2: "citing" is no claim of the publisher; partial quotes relay; "contradicted by" is a verdict', () => {
  const { attributions: atts, assessments, dump } = extract('isw-style-en-2.txt', 'Ukrinform', '2025-06-05T09:00:00Z');
  assert.ok(!atts.some((a) => a.speaker.actorId === 'ukrinform' && /citing/.test(a.cue.text)), `"Ukrinform reports this, citing the ISW's report" is a source note:\n${dump}`);
  const shoigu = atts.find((a) => a.speaker.actorId === 'shoigu');
  assert.ok(shoigu, dump);
  assert.equal(shoigu.date, '2025-06-04');
  assert.equal(shoigu.stance, 'relays', describe(shoigu));
  const zelensky = atts.find((a) => a.speaker.actorId === 'zelensky' && /buying time/.test(a.content.text));
  assert.ok(zelensky, dump);
  assert.equal(zelensky.stance, 'relays');
  // the Kremlin "continues to falsely claim": the reporter refutes
  assert.equal(atts.find((a) => a.speaker.actorId === 'kremlin')?.stance, 'refutes', dump);
  const verdict = assessments.find((s) => s.by.actorId === 'isw' && s.verdict === 'disputed');
  assert.ok(verdict, JSON.stringify(assessments));
  assert.equal(atts[verdict.about!].speaker.actorId, 'putin');
});

test('ISW-style article (ru): an analysts\' verdict "не подкреплены доказательствами" refutes the claims reported before it; "как сообщала X ранее" resets the chain', () => {
  const { attributions: atts, assessments, dump } = extract('isw-style-ru.txt', 'Медуза', '2025-05-14T09:00:00Z', 'ru');
  const verdict = assessments.find((s) => s.by.actorId === 'isw');
  assert.ok(verdict, JSON.stringify(assessments));
  assert.equal(verdict.verdict, 'unsubstantiated');
  const putin = atts.find((a) => a.speaker.actorId === 'putin');
  assert.ok(putin, dump);
  assert.equal(putin.date, '2025-05-12');
  assert.equal(putin.chain.at(-1)?.actorId, 'isw');
  assert.equal(putin.stance, 'refutes', 'ISW reported the claim and then called it unsubstantiated');
  // "Как сообщала «Медуза» ранее, …": back to the publisher's voice, although that clause makes no attribution
  const zelensky = atts.find((a) => a.speaker.actorId === 'zelensky');
  assert.ok(zelensky, dump);
  assert.equal(zelensky.date, '2025-05-10');
  assert.deepEqual(zelensky.chain.map((l) => l.actorId), ['meduza']);
});

test('ISW-style article (uk): the same story in Ukrainian', () => {
  const { attributions: atts, assessments, dump } = extract('isw-style-uk.txt', 'Укрінформ', '2025-05-14T09:00:00Z', 'uk');
  assert.ok(assessments.some((s) => s.by.actorId === 'isw' && s.verdict === 'unsubstantiated'), JSON.stringify(assessments));
  const peskov = atts.find((a) => a.speaker.actorId === 'peskov');
  assert.ok(peskov, dump);
  assert.equal(peskov.date, '2025-05-13', '"напередодні" is the day before publication');
  const zelensky = atts.find((a) => a.speaker.actorId === 'zelensky');
  assert.ok(zelensky, dump);
  assert.deepEqual(zelensky.chain.map((l) => l.actorId), ['ukrinform'], '"Як повідомляв Укрінформ" returns to the publisher\'s voice');
});

test('news-wire article (en): another outlet\'s own report after an ISW assessment is not under ISW', () => {
  const { attributions: atts, assessments, dump } = extract('isw-style-en-3.txt', 'Reuters', '2025-05-19T10:00:00Z');
  const isw = atts.find((a) => a.speaker.actorId === 'isw');
  assert.ok(isw, dump);
  const meduza = atts.find((a) => a.speaker.actorId === 'meduza');
  assert.ok(meduza, dump);
  assert.deepEqual(meduza.chain.map((l) => l.name), ['Reuters'], describe(meduza));
  const mod = atts.find((a) => a.speaker.actorId === 'russian-mod');
  assert.ok(mod, dump);
  assert.equal(mod.date, '2025-05-18', '"on Sunday" before the 19 May (Monday) publication');
  // "In a Telegram post on Sunday evening, … Gladkov wrote that …": no attribution to "a Telegram post", dated
  const gladkov = atts.find((a) => a.speaker.actorId === 'gladkov');
  assert.ok(gladkov, dump);
  assert.equal(gladkov.date, '2025-05-18');
  assert.deepEqual(gladkov.chain.map((l) => l.name), ['Reuters']);
  assert.ok(!atts.some((a) => a.cue.text === 'post'), dump);
  // "Dmitry Peskov, the Kremlin's spokesman, said …": an apposition between the name and the verb
  const peskov = atts.find((a) => a.speaker.actorId === 'peskov');
  assert.ok(peskov, `Peskov not found:\n${dump}`);
  assert.equal(peskov.speaker.text, 'Dmitry Peskov');
  assert.match(peskov.content.text, /^the attack showed that Kyiv/);
  // "Ukraine's General Staff denied the report": a verdict by the General Staff
  assert.ok(assessments.some((s) => s.by.actorId === 'ukraine-general-staff' && s.verdict === 'false'), JSON.stringify(assessments));
});

test('ISW-style article (en) 4: "reports this with reference to", an agreement to act, "the think tank"', () => {
  const { attributions: atts, dump } = extract('isw-style-en-4.txt', 'Ukrinform', '2025-03-20T08:00:00Z');
  assert.ok(!atts.some((a) => a.speaker.actorId === 'ukrinform' && /with reference to/.test(a.content.text)), `a source note is no claim:\n${dump}`);
  assert.ok(!atts.some((a) => a.cue.text === 'agreed'), `"Putin agreed to a 30-day pause" is an action:\n${dump}`);
  const peskov = atts.find((a) => a.speaker.actorId === 'peskov');
  assert.ok(peskov, dump);
  assert.equal(peskov.date, '2025-03-19');
  assert.equal(peskov.chain.at(-1)?.actorId, 'isw');
  const thinkTank = atts.filter((a) => /think tank/i.test(a.speaker.text));
  assert.ok(thinkTank.length >= 2 && thinkTank.every((a) => a.speaker.actorId === 'isw'), dump);
  const bloggers = atts.find((a) => a.speaker.type === 'milblogger' && a.cue.text === 'accused');
  assert.ok(bloggers, dump);
  assert.equal(bloggers.chain.at(-1)?.actorId, 'isw');
});

test('ISW-style article (uk) 2: present-tense cues, claims spread by milbloggers, the verdict about them', () => {
  const { attributions: atts, assessments, dump } = extract('isw-style-uk-2.txt', 'Укрінформ', '2025-03-16T08:00:00Z', 'uk');
  assert.ok(atts.some((a) => a.cue.text === 'зазначають' && a.speaker.actorId === 'isw'), `«Як зазначають аналітики»:\n${dump}`);
  const peskov = atts.find((a) => a.speaker.actorId === 'peskov');
  assert.ok(peskov, dump);
  assert.equal(peskov.date, '2025-03-14', '«у п\'ятницю» before Sunday 16 March');
  const bloggers = atts.find((a) => a.speaker.type === 'milblogger');
  assert.ok(bloggers, `«російські військові блогери поширюють твердження, що …»:\n${dump}`);
  assert.equal(bloggers.chain.at(-1)?.actorId, 'isw');
  const verdict = assessments.find((s) => s.by.actorId === 'isw' && s.verdict === 'false');
  assert.ok(verdict, JSON.stringify(assessments));
  assert.equal(atts[verdict.about!], bloggers, '«ці твердження» are the bloggers\' claims');
  assert.equal(bloggers.stance, 'refutes');
});

test('news article (en) 5: a capital speaking for its government, "a statement from X", "X, citing Y, reported", "state news agency"', () => {
  const { attributions: atts, dump } = extract('isw-style-en-5.txt', 'The Kyiv Independent', '2025-10-22T08:00:00Z');
  const moscow = atts.find((a) => a.speaker.text === 'Moscow');
  assert.ok(moscow, dump);
  assert.equal(moscow.speaker.type, 'government_official');
  assert.equal(moscow.cue.class, 'accusation');
  assert.equal(atts.find((a) => a.speaker.actorId === 'belousov')?.date, '2025-10-21', `"Speaking to reporters on Tuesday":\n${dump}`);
  const state = atts.find((a) => a.cue.text === 'According to');
  assert.ok(state, dump);
  assert.equal(state.speaker.actorId, 'state-department', describe(state));
  assert.equal(state.stance, 'relays', 'the "no evidence" verdict is the State Department\'s, not the reporter\'s distance');
  const tass = atts.find((a) => a.speaker.actorId === 'tass');
  assert.ok(tass, dump);
  assert.equal(tass.cue.text, 'reported');
  assert.equal(tass.content.text, 'the materials had been delivered from abroad');
  assert.ok(!atts.some((a) => a.cue.text === 'citing' || a.cue.text === 'state'), dump);
});

test('ISW-style article (en) 6: "…, the ISW reports in its latest assessment", unconfirmed claims, "reiterated its assessment that"', () => {
  const { attributions: atts, assessments, dump } = extract('isw-style-en-6.txt', 'Ukrinform', '2025-03-16T08:00:00Z');
  const kremlin = atts.find((a) => a.speaker.actorId === 'kremlin');
  assert.ok(kremlin, dump);
  assert.equal(kremlin.content.text, 'the U.S.-proposed ceasefire', 'the content ends before the trailing source');
  assert.ok(!atts.some((a) => a.cue.text === 'observed'), `"has not observed confirmation" is no statement:\n${dump}`);
  const verdict = assessments.find((s) => s.by.actorId === 'isw' && s.verdict === 'unsubstantiated');
  assert.ok(verdict, JSON.stringify(assessments));
  const blogger = atts.find((a) => a.speaker.type === 'milblogger');
  assert.ok(blogger, dump);
  assert.equal(blogger.stance, 'refutes', 'ISW reported the claim and then found no confirmation');
  const reiterated = atts.filter((a) => a.speaker.actorId === 'isw' && /^Putin is trying to delay/.test(a.content.text));
  assert.equal(reiterated.length, 1, `one attribution, its content the claim itself:\n${dump}`);
  assert.equal(reiterated[0].cue.text, 'reiterated');
});

test('news article (ru) 2: «Об этом он сказал … в четверг, передает ТАСС» dates Putin\'s statement and is no second one', () => {
  const { attributions: atts, dump } = extract('isw-style-ru-2.txt', 'Новая газета Европа', '2025-03-14T08:00:00Z', 'ru');
  const putin = atts.filter((a) => a.speaker.actorId === 'putin');
  const first = putin.find((a) => /согласна с предложением/.test(a.content.text));
  assert.ok(first, dump);
  assert.equal(first.date, '2025-03-13');
  assert.equal(first.chain.at(-1)?.actorId, 'tass', 'reported by TASS');
  assert.ok(!putin.some((a) => a !== first && a.content.text.startsWith('Президент России Владимир Путин заявил')), `the restatement is not a second statement:\n${dump}`);
  assert.ok(atts.some((a) => a.speaker.actorId === 'peskov' && a.cue.text === 'добавил'), dump);
});

test('ISW-style article (en) 7: "the governor" and "he" resolve, a continuation quote after "wrote on Telegram", a quoted verdict', () => {
  const { attributions: atts, assessments, dump } = extract('isw-style-en-7.txt', 'Ukrinform', '2025-04-03T08:00:00Z');
  const gladkov = atts.filter((a) => a.speaker.actorId === 'gladkov');
  assert.ok(gladkov.some((a) => a.speaker.text === 'the governor' && a.direct), dump);
  assert.ok(gladkov.some((a) => a.direct && a.content.text.startsWith('Two people were killed')), `the second quote continues the governor's post:\n${dump}`);
  assert.ok(gladkov.some((a) => a.speaker.text === 'He' && a.cue.text === 'added'), dump);
  assert.ok(!atts.some((a) => a.cue.text === 'comment'), `"did not comment" states nothing:\n${dump}`);
  assert.ok(assessments.some((s) => s.by.actorId === 'isw' && s.verdict === 'unsubstantiated' && /cannot independently verify/.test(s.text)), JSON.stringify(assessments));
});

test('news article (uk) 3: a country speaking for its government, the reporter\'s rejoinder «однак жодних доказів не надала»', () => {
  const { attributions: atts, dump } = extract('isw-style-uk-3.txt', 'Суспільне', '2025-03-18T08:00:00Z', 'uk');
  const russia = atts.find((a) => a.speaker.text === 'Росія');
  assert.ok(russia, dump);
  assert.equal(russia.speaker.type, 'government_official');
  assert.equal(russia.cue.class, 'accusation');
  assert.equal(russia.content.text, 'українських військових у «звірствах» на Курщині', 'the accusation ends before the rejoinder');
  assert.equal(russia.stance, 'refutes');
  const kovalenko = atts.filter((a) => a.speaker.actorId === 'kovalenko');
  assert.ok(kovalenko.some((a) => a.cue.text === 'За його словами'), dump);
  const mod = atts.find((a) => a.speaker.actorId === 'russian-mod');
  assert.ok(mod, dump);
  assert.equal(mod.date, '2025-03-16', '«у неділю» before Tuesday 18 March');
});
