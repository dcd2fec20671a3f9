/**
 * Hand-made test articles (written for Narrascope's tests; not copied from any outlet). Names are real public
 * figures so that the shipped actor registry resolves them; the events are invented.
 */
export const EN_KREMLIN = `Kremlin rejects Kyiv's truce offer

The Kremlin on Monday dismissed Ukraine's proposal for a maritime truce as "a publicity stunt", Kremlin spokesman Dmitry Peskov told reporters. "We see no basis for such talks at the moment. Moscow has made its position clear," Peskov said. He added that Moscow would "study any serious offer".

Ukrainian Foreign Minister Andrii Sybiha said on Monday that Russia was stalling for time and accused Moscow of shelling civilian infrastructure in Odesa overnight.

According to the Ukrainian Air Force, Russia launched 112 drones overnight. Russian state media claimed, without evidence, that the drones had targeted only military facilities.`;

export const RU_PESKOV = `Песков: Москва не видит оснований для переговоров

«Мы пока не видим никаких оснований для таких переговоров», — заявил пресс-секретарь президента России Дмитрий Песков. По его словам, Кремль изучит «любое серьёзное предложение».

По словам Захаровой, западные страны намеренно затягивают конфликт. Официальный представитель МИД России Мария Захарова также заявила, что Киев якобы готовит провокацию в Курской области.

ТАСС сообщает, что, по словам губернатора Курской области Александра Хинштейна, 13 марта в регионе были задержаны диверсанты.

Вчера Песков сказал журналистам, что Россия готова к диалогу.`;

export const UK_SYBIHA = `Сибіга: Росія затягує час

Міністр закордонних справ України Андрій Сибіга заявив, що Росія свідомо затягує переговори. За словами Зеленського, Україна готова до повного припинення вогню.

«Ми не дозволимо Кремлю нав'язати нам свої умови», — наголосив Сибіга. Він також звинуватив Москву в обстрілах енергетичної інфраструктури.

Напередодні речник Кремля Дмитро Пєсков заявив, що Москва не отримувала жодних пропозицій. Ці заяви безпідставні, зазначили в МЗС України.`;

export const EN_QUOTES = `“We will not accept this,” Zelensky said. “Our position has not changed.”

“The attacks must stop,” he said, “and the prisoners must come home.”

It was reported that the talks would resume in Riyadh. Sen. Lindsey Graham asked whether the sanctions would be lifted.

Putin has repeatedly claimed that the so-called Ukrainian aggression forced Russia to act.`;

export const RU_LAVROV = `Как заявил министр иностранных дел России Сергей Лавров, Москва открыта для контактов. Сообщается, что встреча может пройти в Эр-Рияде.

«Это невозможно, — сказал Лавров. — Условия Киева неприемлемы».`;
