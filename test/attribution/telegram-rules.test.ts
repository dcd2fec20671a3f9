// Russian and Ukrainian rules found by the hand-checked Telegram samples (docs/attribution-eval.md, "Russian
// Telegram: hand-checked sample"), on sentences written for these tests (no corpus text). Each case is one error
// class seen in the samples; the test fails when the rule that handles it is removed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractAttributions } from '../../src/attribution/index.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import type { Attribution } from '../../src/model/attribution.ts';
import { mkDoc, spansConsistent, describe } from './helpers.ts';

const registry = actorRegistry();

function atts(text: string, lang: string): Attribution[] {
  const doc = mkDoc(text, { lang, source: 'Тест' });
  const out = extractAttributions(doc, { registry }).attributions;
  for (const a of out) assert.ok(spansConsistent(doc, a), describe(a));
  return out;
}

/** The attribution of the cue `cue`; fails with the list when there is none. */
function at(text: string, lang: string, cue: string): Attribution {
  const all = atts(text, lang);
  const a = all.find((x) => x.cue.text === cue);
  assert.ok(a, `no attribution for «${cue}» in «${text}»:\n${all.map(describe).join('\n')}`);
  return a;
}

function none(text: string, lang: string, cue: string): void {
  const a = atts(text, lang).find((x) => x.cue.text === cue);
  assert.equal(a, undefined, `«${cue}» should give no attribution: ${a ? describe(a) : ''}`);
}

// [text, lang, cue, speaker span, content span (or undefined: not checked)]
const SPEAKERS: [string, string, string, string, string?][] = [
  // an outlet in the dative after an inverted cue is the addressee; the phrase after it speaks
  ['Дожди будут идти до пятницы, заявил РИА Новости синоптик Вильфанд.', 'ru', 'заявил', 'синоптик Вильфанд', 'Дожди будут идти до пятницы'],
  ['«Цены не вырастут», — заявил ТАСС директор компании Иван Петров.', 'ru', 'заявил', 'директор компании Иван Петров'],
  ['В беседе с Mash молодой человек объяснил свой поступок тем, что учитель его обидел.', 'ru', 'объяснил', 'молодой человек'],
  // «глава» goes on to its organisation; quoted company names and «по / и» inside a title
  ['Заводы возобновят работу весной. Об этом заявил глава Acme Group Пётр Смирнов.', 'ru', 'заявил', 'глава Acme Group Пётр Смирнов', 'Заводы возобновят работу весной'],
  ['«Мы не планируем повышать цены», — заявил президент «Ромашки» Олег Иванов.', 'ru', 'заявил', 'президент «Ромашки» Олег Иванов'],
  ['Ремонт закончат к лету, сообщил шеф-редактор "Ромашки" Павел Сидоров.', 'ru', 'сообщил', 'шеф-редактор "Ромашки" Павел Сидоров'],
  ['«Опухоль исчезает», — заявил глава центра эпидемиологии и микробиологии Гинцбург.', 'ru', 'заявил', 'глава центра эпидемиологии и микробиологии Гинцбург'],
  ['«Цены вырастут», — рассказал директор по маркетингу компании «Ромашка» Антон Петров.', 'ru', 'рассказал', 'директор по маркетингу компании «Ромашка» Антон Петров'],
  ['По мнению совета по исламской идеологии Пакистана, этот сервис вреден.', 'ru', 'По мнению', 'совета по исламской идеологии Пакистана', 'этот сервис вреден'],
  ['«Ціни не зростуть», — заявив очільник комітету з економіки Іван Петренко.', 'uk', 'заявив', 'очільник комітету з економіки Іван Петренко'],
  ['«Ціни не зростуть», — заявив президент «Ромашки» Олег Іваненко.', 'uk', 'заявив', 'президент «Ромашки» Олег Іваненко'],
  // a chain of prepositional phrases between the subject and the verb; an emoji before the name
  ['Местные власти в Тульской области призвали жителей не выходить из дома.', 'ru', 'призвали', 'Местные власти'],
  ['⚡️Сидоров в ответ на вопрос о поставках газа на Балканы заявил, что «всё идёт по плану».', 'ru', 'заявил', 'Сидоров', 'всё идёт по плану'],
  ['А исследования из Китая и Австралии указывают, что он может быть опасен.', 'ru', 'указывают', 'исследования'],
  ['Місцева влада в Київській області закликала мешканців не виходити з дому.', 'uk', 'закликала', 'Місцева влада'],
  ['Депутат Госдумы **призвал россиян больше читать** в свободное время.', 'ru', 'призвал', 'Депутат Госдумы'],
  // a named source of an impersonal cue
  ['Ведомство проверяет жалобы на качество воды, — сообщается на сайте ведомства.', 'ru', 'сообщается', 'ведомства'],
  ['Депутат сослался на устав — в нём говорится, что член партии должен платить взносы.', 'ru', 'говорится', 'нём', 'член партии должен платить взносы'],
  ['Депутат послався на статут — у ньому йдеться, що член партії має сплачувати внески.', 'uk', 'йдеться', 'ньому'],
  // «, об этом сообщил X» / «, про це повідомив X»: an inverted cue; a Ukrainian past tense in -в is no participle
  ['Правительство готовит план защиты, об этом сообщила газета Diario со ссылкой на источники.', 'ru', 'сообщила', 'газета Diario', 'Правительство готовит план защиты'],
  ['Завод закриють у травні, про це повідомив міністр промисловості.', 'uk', 'повідомив', 'міністр промисловості', 'Завод закриють у травні'],
  // an adverbial participle after an inverted attribution has its speaker
  ['Завод закрыли, рассказала ТАСС одна из сотрудниц, добавив, что считает это ошибкой.', 'ru', 'добавив', 'одна из сотрудниц', 'считает это ошибкой'],
  ['Зеленський заявив, що переговори тривають, додавши, що результатів поки немає.', 'uk', 'додавши', 'Зеленський', 'результатів поки немає'],
];

test('ru/uk speakers: outlets as addressees, titles with organisations, PP chains, named sources', () => {
  for (const [text, lang, cue, speaker, content] of SPEAKERS) {
    const a = at(text, lang, cue);
    assert.equal(a.speaker.text, speaker, `${text}\n${describe(a)}`);
    if (content !== undefined) assert.equal(a.content.text, content, `${text}\n${describe(a)}`);
    assert.ok(!/media|news/.test(a.speaker.type ?? '') || speaker.includes('Diario'), `an outlet resolved as the speaker: ${describe(a)}`);
  }
});

test('ru/uk: not speech, or not the speaker', () => {
  const cases: [string, string, string][] = [
    ['Петрову обещали пять миллионов рублей за молчание.', 'ru', 'обещали'], // a surname in the dative is no subject
    ['Петренку пообіцяли п\'ять мільйонів гривень за мовчання.', 'uk', 'пообіцяли'],
    ['Открыв письмо, он заметил, что деньги исчезли со счёта.', 'ru', 'заметил'], // perception after an action
    ['Відкривши лист, він помітив, що гроші зникли з рахунку.', 'uk', 'помітив'],
    ['В парке заметили, как белка ворует орехи у прохожих.', 'ru', 'заметили'],
    ['«Иван, сядьте. Вы взрослый человек», - говорят ему в ответ на его крики.', 'ru', 'говорят'], // the addressee
    ['Агентство опубликовало итоги, согласно которым Иванов набрал 60% голосов.', 'ru', 'согласно'], // a relative
    ['Школа обратилась в полицию, ссылаясь на необходимость соблюдать тишину.', 'ru', 'ссылаясь на'], // a reason
    ['Магазин убрал зефир с продажи, ссылаясь на обычные побочные эффекты от сахарозаменителя.', 'ru', 'ссылаясь на'],
    ['Школа звернулася до поліції, посилаючись на необхідність тиші.', 'uk', 'посилаючись на'],
    ['Историю спасения волонтёры передали в «Народный фронт».', 'ru', 'передали'], // a name after a preposition
    ['Чиновники признают проблему, но пока не знают, как её решить.', 'ru', 'признают'], // «как» of another clause
    ['Министерство публично не комментирует кандидатуру нового посла в США.', 'ru', 'комментирует'], // negated
    ['Тем временем учёные не подтвердили пользу перелётов на зимовку.', 'ru', 'подтвердили'],
    ['Стоимость украшений оценили примерно в 12 миллионов рублей.', 'ru', 'оценили'], // a valuation
    ['Сегодня отмечается День борьбы с ожирением: этот праздник призван помочь людям.', 'ru', 'отмечается'], // marked
  ];
  for (const [text, lang, cue] of cases) none(text, lang, cue);
});

test('ru/uk content: «по словам» after a connective or a subordinator, cited sources, headline sources', () => {
  assert.equal(at('Однако, по словам врача, о том, что операция платная, он узнал позже.', 'ru', 'по словам').content.text, 'о том, что операция платная, он узнал позже');
  assert.equal(at('Однак, за словами лікаря, про те, що операція платна, він дізнався пізніше.', 'uk', 'за словами').content.text, 'про те, що операція платна, він дізнався пізніше');
  assert.equal(at('Он предложил отменить экзамен, поскольку, по его словам, он устарел и мешает учёбе.', 'ru', 'по его словам').content.text, 'он устарел и мешает учёбе');
  assert.equal(at('Він запропонував скасувати іспит, оскільки, за його словами, він застарів і заважає навчанню.', 'uk', 'за його словами').content.text, 'він застарів і заважає навчанню');
  // C1, по словам X, C2 with a real C1: the whole sentence (unchanged)
  assert.equal(at('Экономика растёт, по словам министра, быстрее прогнозов.', 'ru', 'по словам').content.text, 'Экономика растёт, по словам министра, быстрее прогнозов');
  // the sources cited by a report said what the report says, not the words of its frame
  assert.equal(at('Завод закроют в мае. Об этом сообщил телеканал CNN со ссылкой на источники.', 'ru', 'со ссылкой на').content.text, 'Завод закроют в мае');
  assert.equal(at('Генерал Петров назначен командующим группировкой «Юг» — РБК со ссылкой на источники', 'ru', 'со ссылкой на').content.text, 'Генерал Петров назначен командующим группировкой «Юг»');
  assert.equal(at('Правительство готовит план защиты на случай войны, об этом сообщила газета Diario со ссылкой на источники в МВД.', 'ru', 'со ссылкой на').content.text, 'Правительство готовит план защиты на случай войны');
});

test('ru: a pronoun after a relayed report goes to the official, not to the correspondent', () => {
  const text = 'Центробанк не разделяет мнение о валютных интервенциях, заявил зампред регулятора Алексей Заботкин, передает корреспондент РБК.\n\n«Мы не разделяем это мнение», — сказал он.';
  const a = at(text, 'ru', 'сказал');
  assert.equal(a.speaker.text, 'он');
  assert.equal(a.speaker.name, 'Алексей Заботкин', describe(a));
});

test('ru: an organisation in the genitive before a person\'s name gives the person', () => {
  const a = at('«Главная задача — удержать позиции», — сообщил изданию военнослужащий ВСУ Павел.', 'ru', 'сообщил');
  assert.equal(a.speaker.actorId, undefined, describe(a));
  assert.equal(a.speaker.name, 'Павел');
});
