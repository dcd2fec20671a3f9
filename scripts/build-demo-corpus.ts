/**
 * build-demo-corpus.ts — deterministic generator of the SYNTHETIC Narrascope demo scenario.
 *
 *   npx tsx scripts/build-demo-corpus.ts
 *
 * Writes examples/demo/ (Telegram exports, RSS/Atom feeds, CSV/TSV, HTML pages, plain text with sidecars,
 * an event calendar and a README). Every text is written by the Narrascope developers; statements of real
 * people are limited to paraphrases of public reporting (ISW assessment of 15 March 2025 as relayed by
 * Ukrinform on 16 March 2025). No dependencies besides node built-ins; a seeded PRNG, no Math.random.
 */
import { mkdirSync, rmSync, writeFileSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'examples', 'demo');

// ───────────────────────────── PRNG ─────────────────────────────
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
class Rng {
  private a: number;
  constructor(seed: string) {
    this.a = fnv1a(seed) || 1;
  }
  next(): number {
    // mulberry32
    this.a = (this.a + 0x6d2b79f5) | 0;
    let t = Math.imul(this.a ^ (this.a >>> 15), 1 | this.a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  weighted<T>(xs: readonly [T, number][]): T {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [x, w] of xs) {
      r -= w;
      if (r < 0) return x;
    }
    return xs[xs.length - 1][0];
  }
  sample<T>(xs: readonly T[], n: number): T[] {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]);
    return out;
  }
}

// ───────────────────────────── time helpers ─────────────────────────────
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const utc = (y: number, m: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, m - 1, d, h, mi, s);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function lastSunday(y: number, m: number): number {
  const d = new Date(Date.UTC(y, m, 0)); // last day of month m (1-based)
  return d.getUTCDate() - d.getUTCDay();
}
function nthSunday(y: number, m: number, n: number): number {
  const first = new Date(Date.UTC(y, m - 1, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + (n - 1) * 7;
}
/** Europe/Kyiv offset in minutes (EU rule). */
function kyivOffset(ms: number): number {
  const y = new Date(ms).getUTCFullYear();
  const start = utc(y, 3, lastSunday(y, 3), 1);
  const end = utc(y, 10, lastSunday(y, 10), 1);
  return ms >= start && ms < end ? 180 : 120;
}
/** America/New_York offset in minutes (US rule). */
function nyOffset(ms: number): number {
  const y = new Date(ms).getUTCFullYear();
  const start = utc(y, 3, nthSunday(y, 3, 2), 7);
  const end = utc(y, 11, nthSunday(y, 11, 1), 6);
  return ms >= start && ms < end ? -240 : -300;
}
const MSK = 180;
function parts(ms: number, offMin: number) {
  const d = new Date(ms + offMin * MIN);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(),
    mi: d.getUTCMinutes(), s: d.getUTCSeconds(), wd: d.getUTCDay(),
  };
}
function localIso(ms: number, offMin: number): string {
  const p = parts(ms, offMin);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
}
function offStr(offMin: number, colon = true): string {
  const sign = offMin < 0 ? '-' : '+';
  const a = Math.abs(offMin);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}
const isoOff = (ms: number, offMin: number) => localIso(ms, offMin) + offStr(offMin);
const isoZ = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const DOW = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function rfc822(ms: number, offMin: number): string {
  const p = parts(ms, offMin);
  return `${DOW[p.wd]}, ${pad(p.d)} ${MON[p.mo - 1]} ${p.y} ${pad(p.h)}:${pad(p.mi)}:${pad(p.s)} ${offStr(offMin, false)}`;
}
const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthKey = (ms: number) => new Date(ms).toISOString().slice(0, 7);

// ───────────────────────────── scenario clock ─────────────────────────────
const START = utc(2024, 8, 1);
const END = utc(2025, 3, 31);
const INCURSION = utc(2024, 8, 6, 6);
const KHINSHTEIN = utc(2024, 12, 5, 12); // appointed acting governor of Kursk region
const CALL_FEB12 = utc(2025, 2, 12, 18);
const JEDDAH = utc(2025, 3, 11, 18); // US–Ukraine joint statement, 30-day ceasefire proposal
const PUTIN13 = utc(2025, 3, 13, 13, 30); // press remarks (first reports from this time on)
const PUTIN14 = utc(2025, 3, 14, 11, 0); // Security Council remarks, "lay down arms and surrender"
const ISW15 = utc(2025, 3, 16, 2, 30); // ISW assessment dated 15 March, online late evening US Eastern
const UKRINFORM16 = utc(2025, 3, 16, 6, 0);

type Lang = 'ru' | 'uk' | 'en';
type Stance = 'push' | 'refute';
interface Seg { type: string; text: string; href?: string }
interface Doc {
  cls: 'mission' | 'background';
  stance?: Stance;
  file: string; // relative path of the output file
  ts: number;
  lang: Lang;
  source: string;
  title?: string;
  paras: string[]; // plain paragraphs
  segs?: Seg[]; // Telegram rich text
  url?: string;
  author?: string;
  tg?: TgExtra;
}
interface TgExtra {
  forwardedFrom?: string;
  replyToPrev?: boolean;
  edited?: number;
  views: number;
  photo?: boolean;
  burst?: string;
  pin?: boolean;
}
const docs: Doc[] = [];

// ───────────────────────────── small text helpers ─────────────────────────────
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const lcFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const join2 = (...xs: (string | undefined | false)[]) => xs.filter(Boolean).join(' ');
function slug(s: string): string {
  const tr: Record<string, string> = {
    а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'e', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y',
    к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
    ш: 'sh', щ: 'sch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
  };
  return s.toLowerCase().split('').map((c) => tr[c] ?? c).join('')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
}

// Date references relative to the publication time
function dref(lang: Lang, event: number, ts: number, rng: Rng): string {
  const evDay = dayKey(event + MSK * MIN);
  const docDay = dayKey(ts + MSK * MIN);
  const diff = Math.round((Date.parse(docDay) - Date.parse(evDay)) / DAY);
  const d = new Date(event).getUTCDate();
  const wd = new Date(event).getUTCDay();
  const wdName = { ru: ['', '', '', '', 'в четверг', 'в пятницу', ''], uk: ['', '', '', '', 'у четвер', 'у п’ятницю', ''], en: ['', '', '', '', 'on Thursday', 'on Friday', ''] }[lang][wd];
  const dated = { ru: `${d} марта`, uk: `${d} березня`, en: `on March ${d}` }[lang];
  if (diff <= 0) return rng.pick({ ru: ['сегодня', dated], uk: ['сьогодні', dated], en: [wdName || 'today', dated] }[lang]);
  if (diff === 1) return rng.pick({ ru: ['вчера', wdName, dated], uk: ['учора', wdName, dated], en: [wdName, dated] }[lang]);
  return dated;
}

// ───────────────────────────── narrative phases ─────────────────────────────
function phase(ts: number) {
  return {
    khinshtein: ts >= KHINSHTEIN,
    talks: ts >= CALL_FEB12,
    ceasefire: ts >= JEDDAH,
    putinA: ts >= PUTIN13,
    putinBC: ts >= PUTIN14,
    isw: ts >= UKRINFORM16, // refutations citing ISW appear once Ukrinform has relayed the assessment
    sinceMonths: ts >= utc(2024, 9, 15),
  };
}

// ── Russian: pro-Kremlin claims (repeating only the publicly reported allegations) ──
const RU_SUBJ = ['ВСУ', 'Украинские военные', 'Украинские формирования', 'Подразделения ВСУ', 'Украинские боевики'];
const RU_PRED = [
  'совершают преступления против мирных жителей Курской области',
  'творят террор против мирного населения Курской области',
  'совершают военные преступления в Курской области',
  'ведут себя в Курской области как террористы',
  'совершают в Курской области преступления против гражданских',
];
const RU_OPEN = ['', '', 'Напоминаем: ', 'Ещё раз о главном. ', 'Важно понимать: ', 'Не дайте себя обмануть: '];
const RU_TAIL0 = [
  'Мир должен об этом знать.', 'Это нельзя забывать.', 'Западные СМИ об этом молчат.',
  'Это терроризм в чистом виде.', 'Каждое такое преступление должно получить оценку.', '',
];
const RU_TAIL_TALKS = [
  'Какие могут быть переговоры с теми, кто воюет против мирных жителей?',
  'Никаких сделок, пока ВСУ остаются в Курской области.',
  'Разговоры о мире не отменяют того, что творилось в Курской области.',
];
const RU_TAIL_CEASEFIRE = [
  'Никакого перемирия!',
  'Любое прекращение огня сейчас — подарок тем, кто совершал преступления в Курской области.',
  'Перемирие на 30 дней? Отвергнуть.',
  'Никаких перемирий — ни на тридцать дней, ни на один.',
  'Прекращение огня нужно отвергнуть целиком.',
];
function ruOwnClaim(ts: number, rng: Rng): string {
  const ph = phase(ts);
  const subj = rng.pick(RU_SUBJ);
  let pred = rng.pick(RU_PRED);
  if (ph.sinceMonths && rng.chance(0.3)) pred = 'с августа ' + pred;
  return rng.pick(RU_OPEN) + subj + ' ' + pred + '.';
}
function ruTail(ts: number, rng: Rng): string {
  const ph = phase(ts);
  if (ph.ceasefire && rng.chance(0.75)) return rng.pick(RU_TAIL_CEASEFIRE);
  if (ph.talks && rng.chance(0.6)) return rng.pick(RU_TAIL_TALKS);
  return rng.pick(RU_TAIL0);
}
// Khinshtein (acting governor since 5 Dec 2024): accused Ukrainian forces of war crimes in Kursk region since the incursion.
const RU_K_CLAUSE = [
  'украинские военные совершают военные преступления в Курской области с начала вторжения',
  'ВСУ с августа 2024 года совершают на территории региона военные преступления',
  'действия ВСУ в Курской области являются военными преступлениями',
];
function ruKhinshtein(rng: Rng, noChain = false): string {
  const c = rng.pick(RU_K_CLAUSE);
  const ws = [
    () => `По словам Хинштейна, ${c}.`,
    () => `Врио губернатора Курской области Александр Хинштейн заявил, что ${c}.`,
    () => `ТАСС сообщает, что, по словам Хинштейна, ${c}.`,
    () => `Как заявил Александр Хинштейн, ${c}.`,
    () => `РИА Новости со ссылкой на врио губернатора Александра Хинштейна сообщает, что ${c}.`,
    () => 'Врио губернатора Курской области Александр Хинштейн обвинил ВСУ в военных преступлениях на территории региона.',
    () => 'Хинштейн вновь обвинил украинских военных в военных преступлениях в Курской области.',
  ];
  // state media do not cite themselves or each other as the reporting chain
  return rng.pick(noChain ? ws.filter((_, i) => i !== 2 && i !== 4) : ws)();
}
const RU_K_HEAD = ['Хинштейн: ВСУ совершают военные преступления в Курской области', 'Хинштейн обвинил ВСУ в военных преступлениях в Курской области'];
// Putin, 13 March: asked whether Ukrainian forces should be let go from Kursk region after they "committed a lot of crimes against civilians".
function ruPutinA(ts: number, rng: Rng): string {
  const d = dref('ru', PUTIN13, ts, rng);
  return rng.pick([
    () => `Путин ${d} задался вопросом, следует ли позволить украинским военным уйти из Курской области после того, как они совершили массу преступлений против мирных жителей.`,
    () => `Владимир Путин, отвечая ${d} на вопрос о предложении 30-дневного перемирия, спросил, нужно ли выпускать из Курской области украинских военных, которые, по его словам, совершили массу преступлений против гражданского населения.`,
    () => `Президент России ${d} поставил вопрос: отпустить ли ВСУ из Курской области, если они, как он заявил, совершили там массу преступлений против мирных жителей?`,
    () => `По словам Путина, украинские военные совершили в Курской области массу преступлений против мирного населения, и президент спросил, можно ли после этого просто их выпустить.`,
  ])();
}
const RU_A_HEAD = ['Путин: ВСУ совершили массу преступлений против мирных жителей Курской области', 'Путин спросил, следует ли выпускать ВСУ из Курской области'];
// Putin, 14 March: reiterated "terrorism"; Ukraine's military leadership must order its soldiers to lay down arms and surrender.
function ruPutinB(ts: number, rng: Rng): string {
  const d = dref('ru', PUTIN14, ts, rng);
  return rng.pick([
    () => `Путин ${d} на заседании Совета безопасности вновь назвал действия ВСУ в Курской области терроризмом.`,
    () => `Президент повторил, что украинские формирования занимались в Курской области «терроризмом».`,
    () => `Как заявил Путин на Совбезе, то, что ВСУ делали в Курской области, — это терроризм.`,
  ])();
}
function ruPutinC(ts: number, rng: Rng): string {
  const d = dref('ru', PUTIN14, ts, rng);
  return rng.pick([
    () => `Путин ${d} заявил, что для выполнения призыва Трампа сохранить жизни украинских военных в Курской области военное руководство Украины должно отдать им приказ сложить оружие и сдаться.`,
    () => `Чтобы откликнуться на призыв Трампа «сохранить жизни» украинских военных, военное руководство Украины должно приказать своим солдатам в Курской области сложить оружие и сдаться, заявил Путин.`,
  ])();
}
const RU_B_HEAD = ['Путин назвал действия ВСУ в Курской области терроризмом', 'Путин: военное руководство Украины должно приказать своим солдатам в Курской области сдаться'];
const RU_COMMENT_PUTIN = [
  'Президент прямо сказал то, о чём мы пишем с августа.',
  'Наконец это прозвучало на высшем уровне.',
  'Теперь об этом услышат все.',
  'После этого любые разговоры о перемирии неуместны.',
];
/** The newest official statement available at time ts (for relays). */
function ruOfficial(ts: number, rng: Rng, noChain = false): { head: string; body: string } | null {
  const ph = phase(ts);
  const opts: [() => { head: string; body: string }, number][] = [];
  if (ph.khinshtein) opts.push([() => ({ head: rng.pick(RU_K_HEAD), body: ruKhinshtein(rng, noChain) }), ph.putinA ? 1 : 4]);
  if (ph.putinA) opts.push([() => ({ head: rng.pick(RU_A_HEAD), body: ruPutinA(ts, rng) }), ph.putinBC ? 3 : 8]);
  if (ph.putinBC) opts.push([() => ({ head: rng.pick(RU_B_HEAD), body: rng.chance(0.55) ? ruPutinB(ts, rng) : ruPutinC(ts, rng) }), 6]);
  if (!opts.length) return null;
  return rng.weighted(opts)();
}
function ruContext(ts: number, rng: Rng): string {
  const ph = phase(ts);
  const xs = ['Вторжение ВСУ в Курскую область началось 6 августа 2024 года.'];
  if (ph.khinshtein) xs.push('Александр Хинштейн был назначен врио губернатора Курской области 5 декабря 2024 года.');
  if (ph.talks) xs.push('12 февраля президенты России и США провели телефонный разговор.');
  if (ph.ceasefire) xs.push('11 марта по итогам переговоров в Джидде США и Украина предложили 30-дневное прекращение огня.');
  return rng.pick(xs);
}

// ── English (RT/TASS English style, pro-Kremlin) ──
function enPush(ts: number, rng: Rng): { title: string; paras: string[] } {
  const ph = phase(ts);
  const ctx = ['Ukraine launched its incursion into Kursk Region on August 6, 2024.'];
  if (ph.ceasefire) ctx.push('The US and Ukraine proposed a 30-day ceasefire after talks in Jeddah on March 11.');
  if (ph.talks) ctx.push('Russian President Vladimir Putin and US President Donald Trump held a phone call on February 12.');
  if (ph.putinBC && rng.chance(0.6)) {
    const d = dref('en', PUTIN14, ts, rng);
    return rng.pick([
      () => ({ title: 'Putin says Kiev must order its troops in Kursk Region to surrender', paras: [
        `Russian President Vladimir Putin said ${d} that, for US President Donald Trump's call to "save the lives" of Ukrainian soldiers in Kursk Region to be implemented, Ukraine's military leadership must order them to lay down their arms and surrender.`,
        `Putin also reiterated that Ukrainian forces had committed "terrorism" in the region.`, rng.pick(ctx)] }),
      () => ({ title: 'Putin: Ukrainian actions in Kursk Region amount to "terrorism"', paras: [
        `Speaking at a Security Council meeting ${d}, Putin reiterated that Ukrainian forces committed "terrorism" in Kursk Region.`,
        `According to the Russian president, Ukraine's military leadership must order its soldiers there to lay down their arms and surrender.`, rng.pick(ctx)] }),
    ])();
  }
  if (ph.putinA && rng.chance(0.7)) {
    const d = dref('en', PUTIN13, ts, rng);
    return rng.pick([
      () => ({ title: 'Putin questions letting Ukrainian troops leave Kursk Region', paras: [
        `Russian President Vladimir Putin asked ${d} whether Ukrainian troops should be allowed to leave Kursk Region after they "committed a lot of crimes against civilians."`,
        `He made the remarks when asked about the US proposal for a 30-day ceasefire.`, rng.pick(ctx)] }),
      () => ({ title: 'Ukrainian forces "committed a lot of crimes against civilians" in Kursk Region — Putin', paras: [
        `Ukrainian forces "committed a lot of crimes against civilians" in Kursk Region, Putin said ${d}, asking whether they should simply be let go.`, rng.pick(ctx)] }),
    ])();
  }
  if (ph.khinshtein) {
    return rng.pick([
      () => ({ title: 'Kursk governor accuses Ukrainian troops of war crimes', paras: [
        'Acting Kursk Region governor Alexander Khinshtein has accused Ukrainian forces of committing war crimes in the region since the incursion began in August 2024.', rng.pick(ctx)] }),
      () => ({ title: 'Khinshtein: Ukrainian forces commit war crimes in Kursk Region', paras: [
        'According to acting governor Alexander Khinshtein, Ukrainian troops have committed war crimes in Kursk Region.',
        'TASS reported, citing Khinshtein, that the accusations concern the entire period since the incursion began.', rng.pick(ctx)] }),
    ])();
  }
  return rng.pick([
    () => ({ title: 'Ukrainian troops accused of crimes against civilians in Kursk Region', paras: [
      'Ukrainian forces are committing crimes against civilians in Kursk Region, Russian officials say.', ctx[0]] }),
    () => ({ title: 'Kiev regime forces commit "terror" against civilians in Kursk Region', paras: [
      'Ukrainian troops have been terrorising civilians in Kursk Region since the incursion began, according to Russian officials.', ctx[0]] }),
  ])();
}

// ── Ukrainian refutations ──
function ukRefute(ts: number, rng: Rng): { title: string; paras: string[] } {
  const ph = phase(ts);
  if (ph.isw && rng.chance(0.7)) {
    return rng.pick([
      () => ({ title: 'ISW: Кремль посилює наратив про «воєнні злочини» ЗСУ на Курщині, щоб зірвати переговори про перемир’я', paras: [
        'Укрінформ із посиланням на ISW повідомляє, що Кремль, імовірно, готується посилити наратив про так звані «воєнні злочини» ЗСУ в Курській області, щоб зірвати або відкласти переговори про 30-денне припинення вогню.',
        rng.chance(0.5) ? 'В ISW наголосили, що ці заяви безпідставні.' : '«Ці заяви безпідставні», — наголосили в ISW.'] }),
      () => ({ title: 'В ISW назвали безпідставними заяви Кремля про «злочини» ЗСУ в Курській області', paras: [
        'За оцінкою ISW, Путін, імовірно, хоче використати цей наратив, щоб зірвати або затягнути обговорення 30-денного перемир’я.',
        'Аналітики підкреслюють: звинувачення українських військових у «воєнних злочинах» на Курщині не підкріплені доказами.'] }),
      () => ({ title: 'Російські ультранаціоналісти використовують вигадки про Курщину проти перемир’я — ISW', paras: [
        'Російські ультранаціоналістичні блогери використовують заяви Путіна та державних медіа про нібито злочини ЗСУ, щоб вимагати відмови від будь-якого припинення вогню, зазначають в ISW.',
        'У ISW нагадують, що подібні звинувачення Кремль поширював наприкінці 2021 та у 2022 році, щоб виправдати повномасштабне вторгнення.'] }),
    ])();
  }
  if (ph.putinBC && rng.chance(0.6)) {
    const d = dref('uk', PUTIN14, ts, rng);
    return rng.pick([
      () => ({ title: 'Путін знову звинуватив ЗСУ у «тероризмі» на Курщині — без доказів', paras: [
        `Путін ${d} повторив безпідставні твердження про «тероризм» ЗСУ в Курській області.`,
        'Також він заявив, що військове керівництво України має наказати своїм військовим у Курській області скласти зброю і здатися.'] }),
      () => ({ title: 'Путін вимагає від ЗСУ на Курщині скласти зброю', paras: [
        'Як заявив Путін, військове керівництво України має наказати своїм військовим у Курській області скласти зброю і здатися.',
        'Водночас він повторив вигадки про «тероризм» українських військових у регіоні, не навівши жодних доказів.'] }),
    ])();
  }
  if (ph.putinA && rng.chance(0.7)) {
    const d = dref('uk', PUTIN13, ts, rng);
    return rng.pick([
      () => ({ title: 'Путін відповів на пропозицію про перемир’я вигадками про Курщину', paras: [
        `Путін ${d} запитав, чи варто дозволити українським військовим вийти з Курської області після того, як вони нібито «скоїли багато злочинів проти цивільних».`,
        'Жодних доказів цих звинувачень він не навів.'] }),
      () => ({ title: 'Путін повторює пропагандистські звинувачення щодо Курщини', paras: [
        'Як заявив Путін, ЗСУ нібито скоїли «багато злочинів проти цивільних» у Курській області.',
        'Це безпідставні звинувачення, які російська пропаганда повторює з серпня 2024 року.'] }),
    ])();
  }
  if (ph.khinshtein && rng.chance(0.5)) {
    return rng.pick([
      () => ({ title: 'Хінштейн знову звинувачує ЗСУ у «воєнних злочинах» — без жодних доказів', paras: [
        'Т.в.о. губернатора Курської області Олександр Хінштейн звинувачує українських військових у «воєнних злочинах» у регіоні.',
        'Жодних доказів цих тверджень російська сторона не надала; російські державні медіа тиражують їх без перевірки.'] }),
      () => ({ title: 'Російські медіа тиражують безпідставні заяви Хінштейна', paras: [
        'За словами Хінштейна, ЗСУ нібито вчиняють воєнні злочини в Курській області з серпня 2024 року.',
        'Ці твердження безпідставні — це частина інформаційної кампанії проти українського війська.'] }),
    ])();
  }
  return rng.pick([
    () => ({ title: 'Російська пропаганда поширює фейки про «злочини» ЗСУ на Курщині', paras: [
      'Російські державні медіа та провоєнні телеграм-канали поширюють звинувачення ЗСУ у злочинах проти мирних жителів Курської області.',
      'Жодних доказів вони не наводять. Це черговий фейк російської пропаганди.'] }),
    () => ({ title: 'Так звані «воєнні злочини» ЗСУ в Курській області: як працює пропаганда', paras: [
      'Так звані «воєнні злочини» ЗСУ в Курській області — вигадка, яку російські пропагандисти повторюють без жодних доказів.',
      ph.talks ? 'Мета — дискредитувати українське військо та вплинути на переговори.' : 'Мета — дискредитувати українське військо.'] }),
    () => ({ title: 'Безпідставні звинувачення на адресу ЗСУ: що відомо', paras: [
      'Російські телеграм-канали знову розганяють безпідставні звинувачення проти ЗСУ щодо Курщини.',
      'Редакція закликає не поширювати неперевірені повідомлення.'] }),
  ])();
}
function enRefute(ts: number, rng: Rng): { title: string; paras: string[] } {
  const ph = phase(ts);
  if (ph.isw && rng.chance(0.7)) {
    return rng.pick([
      () => ({ title: 'ISW: Kremlin amplifying Kursk "war crimes" narrative to derail ceasefire talks', paras: [
        'Ukrinform reports, citing ISW, that the Kremlin is likely preparing to amplify the narrative accusing the Ukrainian army of "war crimes" in Kursk region.',
        rng.chance(0.5) ? 'The ISW stressed that these claims are unsubstantiated.' : '"These claims are unsubstantiated," the ISW stressed.'] }),
      () => ({ title: 'Putin likely using Kursk claims to delay ceasefire, ISW says', paras: [
        'According to ISW, Putin likely intends to use the narrative to spoil or delay discussions about a 30-day ceasefire.',
        'Russian officials have offered no evidence for the so-called war crimes.'] }),
      () => ({ title: 'Russian ultranationalists use Kursk allegations to oppose any ceasefire — ISW', paras: [
        'ISW analysts said Russian ultranationalist voices are using the allegations of Ukrainian "war crimes" in Kursk region to call for rejecting any ceasefire.',
        'The think tank called the allegations unsubstantiated.'] }),
    ])();
  }
  if (ph.putinA && rng.chance(0.7)) {
    const d = dref('en', PUTIN13, ts, rng);
    return rng.pick([
      () => ({ title: 'Putin repeats unproven Kursk claims as ceasefire pressure grows', paras: [
        `Putin said ${d} that Ukrainian forces had "committed a lot of crimes against civilians" in Kursk region, without providing evidence.`,
        'The claims could not be independently verified.'] }),
      () => ({ title: 'Kremlin accuses Ukrainian troops of "terrorism" in Kursk without evidence', paras: [
        'Putin reiterated claims that Ukrainian forces committed "terrorism" in Kursk region.',
        'Russia has offered no evidence to support the accusations.'] }),
    ])();
  }
  return rng.pick([
    () => ({ title: 'Russian state media repeat unsubstantiated Kursk allegations', paras: [
      'Russian state media and pro-Kremlin bloggers have repeated unsubstantiated claims about Ukrainian "crimes" against civilians in Kursk region.',
      'No evidence has been presented.'] }),
    () => ({ title: 'Fact check: claims of Ukrainian war crimes in Kursk region lack evidence', paras: [
      ph.khinshtein
        ? 'According to Russian officials, including acting Kursk governor Alexander Khinshtein, Ukrainian forces have committed war crimes in the region. No evidence has been provided.'
        : 'Pro-Kremlin channels claim that Ukrainian forces commit war crimes in Kursk region. No evidence has been provided.',
      'Such narratives aim to discredit the Ukrainian military.'] }),
  ])();
}
function ruRefute(ts: number, rng: Rng): string {
  const ph = phase(ts);
  if (ph.isw) return rng.pick([
    'Аналитики ISW назвали заявления Кремля о «военных преступлениях» ВСУ в Курской области необоснованными: никаких доказательств нет.',
    'По оценке ISW, Путин использует тему так называемых «военных преступлений» ВСУ в Курской области, чтобы сорвать или затянуть переговоры о перемирии.',
  ]);
  if (ph.putinA) return rng.pick([
    'Путин снова заявил о «преступлениях» ВСУ против мирных жителей Курской области — без доказательств.',
    'Кремль раскручивает тему «терроризма» ВСУ в Курской области. Доказательств по-прежнему нет.',
  ]);
  return rng.pick([
    'Российские пропагандисты снова пишут о «преступлениях» ВСУ в Курской области. Без доказательств, как обычно.',
    'Очередной фейк: провластные каналы обвиняют ВСУ в терроре против мирных жителей Курской области, не приводя никаких доказательств.',
  ]);
}

// ───────────────────────────── background noise ─────────────────────────────
type Topic = 'weather' | 'economy' | 'sport' | 'city' | 'tech';
const TOPICS: Topic[] = ['weather', 'economy', 'sport', 'city', 'tech'];
interface RuCity { nom: string; prep: string; gen: string }
const RU_CITIES: RuCity[] = [
  { nom: 'Москва', prep: 'в Москве', gen: 'Москвы' }, { nom: 'Воронеж', prep: 'в Воронеже', gen: 'Воронежа' },
  { nom: 'Казань', prep: 'в Казани', gen: 'Казани' }, { nom: 'Самара', prep: 'в Самаре', gen: 'Самары' },
  { nom: 'Тула', prep: 'в Туле', gen: 'Тулы' }, { nom: 'Екатеринбург', prep: 'в Екатеринбурге', gen: 'Екатеринбурга' },
  { nom: 'Курск', prep: 'в Курске', gen: 'Курска' }, { nom: 'Новосибирск', prep: 'в Новосибирске', gen: 'Новосибирска' },
];
const UK_CITIES: RuCity[] = [
  { nom: 'Київ', prep: 'у Києві', gen: 'Києва' }, { nom: 'Львів', prep: 'у Львові', gen: 'Львова' },
  { nom: 'Одеса', prep: 'в Одесі', gen: 'Одеси' }, { nom: 'Дніпро', prep: 'у Дніпрі', gen: 'Дніпра' },
  { nom: 'Вінниця', prep: 'у Вінниці', gen: 'Вінниці' }, { nom: 'Полтава', prep: 'у Полтаві', gen: 'Полтави' },
  { nom: 'Чернівці', prep: 'у Чернівцях', gen: 'Чернівців' }, { nom: 'Житомир', prep: 'у Житомирі', gen: 'Житомира' },
];
const EN_CITIES_UA = ['Kyiv', 'Lviv', 'Odesa', 'Dnipro', 'Vinnytsia', 'Uzhhorod'];
const EN_CITIES_RU = ['Moscow', 'St Petersburg', 'Kazan', 'Sochi', 'Yekaterinburg'];
const MONTH_TEMP: Record<number, number> = { 8: 19, 9: 11, 10: 4, 11: -1, 12: -6, 1: -8, 2: -7, 3: -2 };
function season(mo: number): 'summer' | 'autumn' | 'winter' | 'spring' {
  return mo === 8 ? 'summer' : mo >= 9 && mo <= 11 ? 'autumn' : mo === 3 ? 'spring' : 'winter';
}
const fmtT = (t: number, minus = '−') => (t > 0 ? `+${t}` : t < 0 ? `${minus}${-t}` : '0');

function bgText(lang: Lang, topic: Topic, ts: number, rng: Rng, enCities = EN_CITIES_UA): { title: string; paras: string[] } {
  const mo = new Date(ts).getUTCMonth() + 1;
  const s = season(mo);
  const t1 = MONTH_TEMP[mo] + rng.int(-2, 3);
  const t2 = t1 + rng.int(4, 8);
  const n = rng.int(12, 80) * 100;
  if (lang === 'ru') {
    const c = rng.pick(RU_CITIES);
    const fill = ['Подробности — на сайте городской администрации.', 'Горожан просят следить за обновлениями.',
      'Это уже не первый подобный проект в регионе.', 'Следующий этап работ запланирован на ближайшие месяцы.',
      'Жители в целом положительно оценили изменения.'];
    const head = {
      weather: () => {
        const cond = rng.pick({ summer: ['ясная погода', 'переменная облачность', 'небольшой дождь', 'гроза'],
          autumn: ['пасмурная погода', 'дождь', 'туман', 'переменная облачность'],
          winter: ['снег', 'мокрый снег', 'гололёд', 'облачная погода с прояснениями'],
          spring: ['оттепель', 'мокрый снег', 'пасмурная погода'] }[s]);
        return { title: `Погода: ${c.nom}`, s1: `${rng.pick(['Завтра', 'В выходные', 'Сегодня вечером', 'В ближайшие дни'])} ${c.prep} ожидается ${cond}, температура воздуха от ${fmtT(t1)} до ${fmtT(t2)} °C.`, f: 'Специалисты советуют планировать поездки заранее.' };
      },
      economy: () => rng.pick([
        () => ({ title: '', s1: `${cap(c.prep)} открылся новый ${rng.pick(['торговый центр', 'фермерский рынок', 'технопарк', 'завод по переработке пластика'])}.`, f: rng.pick(fill) }),
        () => ({ title: 'Цены за неделю', s1: `Цены на ${rng.pick(['овощи', 'молочную продукцию', 'хлеб', 'топливо'])} ${c.prep} за неделю ${rng.pick(['снизились', 'немного выросли', 'почти не изменились'])}.`, f: 'Такие данные приводят местные аналитики.' }),
        () => ({ title: 'Поддержка малого бизнеса', s1: `Власти ${c.gen} объявили о запуске программы поддержки малого бизнеса.`, f: 'Заявки принимаются в течение месяца.' }),
        () => ({ title: 'Условия по вкладам', s1: `Банк «${rng.pick(['Северный кредит', 'Волжский капитал', 'Приокский'])}» изменил условия по вкладам для клиентов ${c.gen}.`, f: 'Новые ставки вступят в силу со следующей недели.' }),
      ])(),
      sport: () => rng.pick([
        () => ({ title: 'Футбол', s1: `Клуб «${rng.pick(['Волжанин', 'Северная звезда', 'Заря Поволжья', 'Уральский сокол'])}» ${rng.pick(['обыграл соперника со счётом 2:1', 'сыграл вничью 1:1', 'уступил гостям 0:2', 'победил со счётом 3:0'])} в домашнем матче.`, f: 'Следующий матч команда проведёт на выезде.' }),
        () => ({ title: `Марафон: ${c.nom}`, s1: `${cap(c.prep)} прошёл городской забег: на старт вышли более ${n} человек.`, f: 'Маршрут проходил по центру города.' }),
        () => ({ title: 'Шахматы', s1: `Шахматный турнир ${c.prep} завершился победой местного кандидата в мастера.`, f: 'В турнире участвовали более ста шахматистов.' }),
      ])(),
      city: () => rng.pick([
        () => ({ title: `Ремонт: ${c.nom}`, s1: `${cap(c.prep)} завершили ремонт ${rng.pick(['моста через реку', 'центральной площади', 'трамвайных путей', 'городского парка', 'поликлиники', 'набережной'])}.`, f: rng.pick(fill) }),
        () => ({ title: 'Транспорт', s1: `Мэрия ${c.gen} объявила о продлении маршрутов ночных автобусов.`, f: 'Расписание опубликовано на сайте перевозчика.' }),
        () => ({ title: 'Городская жизнь', s1: `${cap(c.prep)} ${mo === 12 ? 'установили главную городскую ёлку' : mo === 9 ? 'открылась ярмарка к началу учебного года' : 'открылась ярмарка выходного дня'}.`, f: rng.pick(fill) }),
      ])(),
      tech: () => rng.pick([
        () => ({ title: 'Технологии', s1: `Разработчики из ${c.gen} представили ${rng.pick(['новое приложение для оплаты ЖКХ', 'сервис онлайн-записи к врачу', 'планшет для школьников'])}.`, f: 'Бета-версия уже доступна пользователям.' }),
        () => ({ title: 'Wi‑Fi', s1: `${cap(c.prep)} запустили бесплатный Wi‑Fi в ${rng.pick(['общественном транспорте', 'парках', 'библиотеках'])}.`, f: rng.pick(fill) }),
      ])(),
    }[topic]();
    return { title: head.s1.replace(/\.$/, '').replace(/, температура.*$/, ''), paras: [head.s1 + ' ' + head.f] };
  }
  if (lang === 'uk') {
    const c = rng.pick(UK_CITIES);
    const fill = ['Подробиці — на сайті міської ради.', 'Мешканців просять стежити за оновленнями.',
      'Це вже не перший подібний проєкт у регіоні.', 'Наступний етап робіт заплановано на найближчі місяці.',
      'Мешканці загалом позитивно оцінили зміни.'];
    const head = {
      weather: () => {
        const cond = rng.pick({ summer: ['ясна погода', 'мінлива хмарність', 'невеликий дощ', 'гроза'],
          autumn: ['похмура погода', 'дощ', 'туман', 'мінлива хмарність'],
          winter: ['сніг', 'мокрий сніг', 'ожеледиця', 'хмарна погода з проясненнями'],
          spring: ['відлига', 'мокрий сніг', 'похмура погода'] }[s]);
        return { s1: `${rng.pick(['Завтра', 'У вихідні', 'Сьогодні ввечері', 'Найближчими днями'])} ${c.prep} очікується ${cond}, температура повітря від ${fmtT(t1)} до ${fmtT(t2)} °C.`,
          f: t1 <= 3 ? 'Уночі можливі заморозки на поверхні ґрунту.' : 'Синоптики радять планувати поїздки заздалегідь.' };
      },
      economy: () => rng.pick([
        () => ({ s1: `${cap(c.prep)} відкрили новий ${rng.pick(['торговельний центр', 'фермерський ринок', 'технопарк', 'завод із переробки пластику'])}.`, f: rng.pick(fill) }),
        () => ({ s1: `Ціни на ${rng.pick(['овочі', 'молочну продукцію', 'хліб', 'пальне'])} ${c.prep} за тиждень ${rng.pick(['знизилися', 'трохи зросли', 'майже не змінилися'])}.`, f: 'Такі дані наводять місцеві аналітики.' }),
        () => ({ s1: `Міська рада ${c.gen} оголосила про нову програму грантів для малого бізнесу.`, f: 'Заявки приймають упродовж місяця.' }),
      ])(),
      sport: () => rng.pick([
        () => ({ s1: `Футбольний клуб «${rng.pick(['Поділля-Юніор', 'Карпатський лев', 'Дніпровська хвиля', 'Полтавська зоря'])}» ${rng.pick(['переміг суперника з рахунком 2:1', 'зіграв унічию 1:1', 'поступився гостям 0:2', 'здобув перемогу 3:0'])}.`, f: 'Наступний матч команда проведе на виїзді.' }),
        () => ({ s1: `${cap(c.prep)} відбувся міський забіг: на старт вийшли понад ${n} учасників.`, f: 'Маршрут пролягав центром міста.' }),
        () => ({ s1: `Юна шахістка з ${c.gen} виграла міжнародний турнір.`, f: 'У змаганнях узяли участь понад сто шахістів.' }),
      ])(),
      city: () => rng.pick([
        () => ({ s1: `${cap(c.prep)} завершили ремонт ${rng.pick(['мосту через річку', 'центральної площі', 'трамвайної колії', 'міського парку', 'поліклініки', 'набережної'])}.`, f: rng.pick(fill) }),
        () => ({ s1: `Міська рада ${c.gen} продовжила роботу нічних автобусних маршрутів.`, f: 'Розклад оприлюднено на сайті перевізника.' }),
        () => ({ s1: `${cap(c.prep)} ${mo === 12 ? 'встановили головну міську ялинку' : 'відкрився ярмарок вихідного дня'}.`, f: rng.pick(fill) }),
      ])(),
      tech: () => rng.pick([
        () => ({ s1: `Український стартап представив ${rng.pick(['застосунок для оплати комунальних послуг', 'сервіс онлайн-запису до лікаря', 'платформу для вивчення мов'])}.`, f: 'Бета-версія вже доступна користувачам.' }),
        () => ({ s1: `${cap(c.prep)} запустили безкоштовний Wi‑Fi у ${rng.pick(['громадському транспорті', 'парках', 'бібліотеках'])}.`, f: rng.pick(fill) }),
      ])(),
    }[topic]();
    return { title: head.s1.replace(/\.$/, '').replace(/, температура.*$/, ''), paras: [head.s1 + ' ' + head.f] };
  }
  const c = rng.pick(enCities);
  const fill = ['Details are available on the city council website.', 'Residents are advised to check for updates.',
    'It is not the first project of its kind in the region.', 'The next phase of work is planned for the coming months.',
    'Local residents have broadly welcomed the changes.'];
  const head = {
    weather: () => {
      const cond = rng.pick({ summer: ['Sunny spells', 'Scattered showers', 'Thunderstorms', 'Cloudy skies'],
        autumn: ['Grey skies', 'Rain showers', 'Foggy mornings', 'Strong winds'],
        winter: ['Snow showers', 'Icy conditions', 'Freezing fog', 'Cloudy skies'],
        spring: ['Sunny intervals', 'Sleet showers', 'Overcast skies'] }[s]);
      return { s1: `${cond} are expected in ${c} ${rng.pick(['tomorrow', 'at the weekend', 'this evening', 'over the coming days'])}, with temperatures between ${fmtT(t1)} and ${fmtT(t2)} °C.`, f: 'Forecasters advise planning journeys in advance.' };
    },
    economy: () => rng.pick([
      () => ({ s1: `A new ${rng.pick(['shopping centre', 'farmers’ market', 'technology park', 'plastics recycling plant'])} has opened in ${c}.`, f: rng.pick(fill) }),
      () => ({ s1: `Retail prices for ${rng.pick(['vegetables', 'dairy products', 'bread', 'fuel'])} in ${c} ${rng.pick(['fell slightly', 'rose slightly', 'were largely unchanged'])} this week, a local survey found.`, f: 'The survey is published every Friday.' }),
      () => ({ s1: `${c} authorities launched a grant programme for small businesses.`, f: 'Applications are open for one month.' }),
    ])(),
    sport: () => rng.pick([
      () => ({ s1: `${rng.pick(['Riverside Rovers', 'Northgate Athletic', 'Harbour City FC', 'Old Bridge United'])} ${rng.pick(['won 2-1 at home', 'drew 1-1 at home', 'lost 0-2 to the visitors', 'cruised to a 3-0 home win'])}.`, f: 'The team plays away next week.' }),
      () => ({ s1: `More than ${n} runners took part in the ${c} city run.`, f: 'The route ran through the city centre.' }),
      () => ({ s1: `A teenage chess player from ${c} has won an international junior tournament.`, f: 'More than a hundred players took part.' }),
    ])(),
    city: () => rng.pick([
      () => ({ s1: `${c} has finished renovating its ${rng.pick(['main bridge', 'central square', 'tram lines', 'city park', 'riverside promenade'])}.`, f: rng.pick(fill) }),
      () => ({ s1: `Night bus routes in ${c} have been extended.`, f: 'Timetables are on the operator’s website.' }),
    ])(),
    tech: () => rng.pick([
      () => ({ s1: `A start-up in ${c} has unveiled ${rng.pick(['an app for paying utility bills', 'an online doctor booking service', 'a language-learning platform'])}.`, f: 'A beta version is already available.' }),
      () => ({ s1: `Free public Wi-Fi has been launched in ${c} ${rng.pick(['libraries', 'parks', 'trams'])}.`, f: rng.pick(fill) }),
    ])(),
  }[topic]();
  return { title: head.s1.replace(/\.$/, '').replace(/, with temperatures.*$/, ''), paras: [head.s1 + ' ' + head.f] };
}

// ───────────────────────────── sources ─────────────────────────────
const F = {
  tgFull: 'telegram/result.json',
  tgSingle: 'telegram-single/result.json',
  rss: 'rss/ukrinform.xml',
  atom: 'rss/isw-updates.atom',
  csv: 'csv/statements.csv',
  tsv: 'csv/ua-media.tsv',
};
// Telegram channels. Real names are used only for relays of publicly reported statements; all other
// (milblogger) traffic, every coordinated burst and every call to reject a ceasefire is by fictional channels.
const TG_STATE = ['РИА Новости', 'ТАСС'];
const TG_REAL_BLOG = ['Rybar', 'Readovka', 'Военная хроника'];
const TG_FICT = ['Фронтовой вестник Z', 'Курский рубеж', 'Северный ветер Z', 'Окопная правда Z', 'Штурм-инфо',
  'Позывной Гром', 'Русский бастион', 'Сводки с передовой Z', 'Грань фронта'];
const TG_SINGLE = 'Окопная правда Z';
const TG_NOISE: Record<Topic, string> = { weather: 'Погода Центр', economy: 'Экономика за минуту', sport: 'Спорт и мы', city: 'Городская лента', tech: 'Городская лента' };
const tgFile = (ch: string) => (ch === TG_SINGLE ? F.tgSingle : F.tgFull);
const chanId = (name: string) => 1_000_000_000 + (fnv1a('tg:' + name) % 900_000_000);
const STATE_URL: Record<string, string> = { 'РИА Новости': 'https://ria.ru/narrascope-demo/', 'ТАСС': 'https://tass.ru/narrascope-demo/' };

// ───────────────────────────── Telegram post builders ─────────────────────────────
const HASHTAGS = ['#Курск', '#КурскаяОбласть', '#СВО', '#Z'];
function segsFromText(text: string, rng: Rng, opts: { bold?: string; tags?: number; link?: string; textLink?: [string, string] } = {}): Seg[] {
  const s: Seg[] = [];
  if (opts.bold) {
    s.push({ type: 'bold', text: opts.bold });
    s.push({ type: 'plain', text: '\n\n' + text });
  } else s.push({ type: 'plain', text });
  if (opts.link) {
    s.push({ type: 'plain', text: '\n\n' });
    s.push({ type: 'link', text: opts.link });
  }
  if (opts.textLink) {
    s.push({ type: 'plain', text: '\n\n' });
    s.push({ type: 'text_link', text: opts.textLink[0], href: opts.textLink[1] });
  }
  const tags = rng.sample(HASHTAGS, opts.tags ?? 0);
  if (tags.length) {
    s.push({ type: 'plain', text: '\n\n' });
    tags.forEach((t, i) => {
      if (i) s.push({ type: 'plain', text: ' ' });
      s.push({ type: 'hashtag', text: t });
    });
  }
  return s;
}
const segText = (segs: Seg[]) => segs.map((x) => x.text).join('');

function addTg(ch: string, ts: number, segs: Seg[], cls: Doc['cls'], rng: Rng, extra: Partial<TgExtra> = {}, stance?: Stance): Doc {
  const big = TG_STATE.includes(ch) ? [40_000, 600_000] : TG_REAL_BLOG.includes(ch) ? [30_000, 300_000] : cls === 'background' ? [500, 9_000] : [2_000, 45_000];
  const d: Doc = {
    cls, stance, file: tgFile(ch), ts, lang: 'ru', source: ch, paras: [segText(segs)], segs,
    tg: { views: rng.int(big[0], big[1]), ...extra },
  };
  docs.push(d);
  return d;
}

/** A pushing Telegram post by channel class at ts. */
function tgMission(ts: number, rng: Rng): void {
  const ph = phase(ts);
  const official = ruOfficial(ts, rng);
  const cls = rng.weighted<'state' | 'real' | 'fict'>([['state', official ? 0.3 : 0.12], ['real', official ? 0.12 : 0], ['fict', 0.6]]);
  if (cls === 'state') {
    const ch = rng.pick(TG_STATE);
    const official = ruOfficial(ts, rng, true);
    const url = STATE_URL[ch] + dayKey(ts).replace(/-/g, '') + '/' + rng.int(100000, 999999) + '.html';
    let segs: Seg[];
    if (official) {
      segs = segsFromText(official.body + (rng.chance(0.5) ? ' ' + ruContext(ts, rng) : ''), rng, rng.chance(0.5) ? { bold: official.head, link: url } : { bold: '⚡️' + official.head, textLink: ['Подробнее', url] });
    } else {
      const t = rng.pick(['Украинские военные совершают преступления против мирного населения Курской области.',
        'ВСУ продолжают террор против мирных жителей Курской области.',
        'Действия ВСУ в Курской области — это военные преступления против гражданского населения.']);
      segs = segsFromText(t + ' ' + ruContext(ts, rng), rng, { link: url });
    }
    const d = addTg(ch, ts, segs, 'mission', rng, {}, 'push');
    // forwards by fictional channels
    if (ts >= KHINSHTEIN && rng.chance(ph.putinA ? 0.6 : 0.35)) {
      for (const fch of rng.sample(TG_FICT, rng.int(1, 2))) {
        addTg(fch, ts + rng.int(6, 150) * MIN + rng.int(0, 59) * 1000 - (ts % 1000), d.segs!, 'mission', rng, { forwardedFrom: ch }, 'push');
      }
    }
    return;
  }
  if (cls === 'real') {
    const ch = rng.pick(TG_REAL_BLOG);
    addTg(ch, ts, segsFromText(official!.body, rng, { tags: rng.int(0, 1) }), 'mission', rng, {}, 'push');
    return;
  }
  const ch = rng.weighted(TG_FICT.map((c, i) => [c, i < 5 ? 2 : 1] as [string, number]));
  let text: string;
  let bold: string | undefined;
  if (official && rng.chance(0.55)) {
    text = official.body + '\n\n' + (ph.putinA && rng.chance(0.5) ? rng.pick(RU_COMMENT_PUTIN) + ' ' : '') + ruTail(ts, rng);
    if (rng.chance(0.4)) bold = official.head;
  } else if (rng.chance(0.22)) {
    // direct quote of another (fictional) channel: «…», — пишет канал «…».
    const other = rng.pick(TG_FICT.filter((c) => c !== ch));
    const q = ruOwnClaim(ts, rng).replace(/\.$/, '');
    text = `«${q}», — ${rng.pick(['пишет канал', 'отмечает автор канала', 'напоминает канал'])} «${other}». ${ruTail(ts, rng)}`;
  } else {
    text = ruOwnClaim(ts, rng) + ' ' + ruTail(ts, rng);
  }
  const extra: Partial<TgExtra> = {};
  if (rng.chance(0.08)) extra.edited = ts + rng.int(2, 30) * MIN;
  if (rng.chance(0.05)) extra.replyToPrev = true;
  if (rng.chance(0.03)) extra.photo = true;
  addTg(ch, ts, segsFromText(text.trim(), rng, { bold, tags: rng.int(0, 2) }), 'mission', rng, extra, 'push');
}

// ───────────────────────────── CSV statements (state media) ─────────────────────────────
const CSV_RU_SRC = ['ТАСС', 'РИА Новости'];
const CSV_EN_SRC = ['TASS', 'RT'];
const CSV_URL: Record<string, string> = {
  'ТАСС': 'https://tass.ru/narrascope-demo/', 'РИА Новости': 'https://ria.ru/narrascope-demo/', TASS: 'https://tass.com/narrascope-demo/',
  RT: 'https://www.rt.com/narrascope-demo/', 'Вести Соловьиного края': 'https://vesti-solovyinogo-kraya.example/news/',
};
function csvMission(ts: number, rng: Rng): void {
  const ph = phase(ts);
  if (rng.chance(0.3)) {
    const src = rng.pick(CSV_EN_SRC);
    const a = enPush(ts, rng);
    docs.push({ cls: 'mission', stance: 'push', file: F.csv, ts, lang: 'en', source: src, title: a.title, paras: a.paras, url: CSV_URL[src] + slug(a.title) + '-' + rng.int(1000, 9999) });
    return;
  }
  const off = ruOfficial(ts, rng, true);
  const src = off ? rng.pick(CSV_RU_SRC) : rng.pick([...CSV_RU_SRC, 'Вести Соловьиного края']);
  let title: string;
  const paras: string[] = [];
  if (off) {
    title = off.head;
    paras.push(off.body);
    if (ph.putinA && rng.chance(0.5)) paras.push(ruKhinshtein(rng, true).replace('Хинштейн вновь', 'Ранее Хинштейн'));
    paras.push(ruContext(ts, rng));
  } else {
    title = rng.pick(['Преступления ВСУ против мирных жителей Курской области', 'Террор ВСУ в Курской области', 'ВСУ совершают военные преступления в Курской области']);
    paras.push(rng.pick([
      'Украинские военные совершают преступления против мирного населения Курской области.',
      'Действия ВСУ в Курской области — это, по сути, терроризм против гражданского населения.',
      'ВСУ с начала вторжения совершают в Курской области военные преступления.',
    ]));
    paras.push(ruContext(ts, rng));
  }
  // occasional „lapki“ quotes and embedded quoting in titles (tests CSV quoting)
  if (rng.chance(0.2)) title = `„${title}“`;
  docs.push({ cls: 'mission', stance: 'push', file: F.csv, ts, lang: 'ru', source: src, title, paras, url: CSV_URL[src] + slug(title) + '-' + rng.int(1000, 9999) });
}

// ───────────────────────────── RSS / TSV refutations ─────────────────────────────
const UKRINFORM_URL = { uk: 'https://www.ukrinform.ua/narrascope-demo/', en: 'https://www.ukrinform.net/narrascope-demo/' };
const TSV_CHANNELS: { name: string; lang: Lang; url: string }[] = [
  { name: 'Суспільне Новини', lang: 'uk', url: 'https://suspilne.media/narrascope-demo/' },
  { name: 'Українська правда', lang: 'uk', url: 'https://www.pravda.com.ua/narrascope-demo/' },
  { name: 'Вечірній Поділ', lang: 'uk', url: 'https://vechirnii-podil.example/' },
  { name: 'Новини Полтавщини щодня', lang: 'uk', url: 'https://poltava-daily.example/' },
  { name: 'Харківський оглядач', lang: 'ru', url: 'https://kharkiv-observer.example/ru/' },
  { name: 'The Kyiv Independent', lang: 'en', url: 'https://kyivindependent.com/narrascope-demo/' },
  { name: 'Kyiv Daily Brief', lang: 'en', url: 'https://kyiv-daily-brief.example/' },
];
function refuteDoc(ts: number, rng: Rng): void {
  if (rng.chance(0.45)) {
    const lang: Lang = rng.chance(0.6) ? 'uk' : 'en';
    const a = lang === 'uk' ? ukRefute(ts, rng) : enRefute(ts, rng);
    docs.push({ cls: 'mission', stance: 'refute', file: F.rss, ts, lang, source: lang === 'uk' ? 'Укрінформ' : 'Ukrinform', title: a.title, paras: a.paras,
      url: UKRINFORM_URL[lang] + rng.int(3900000, 3990000) + '-' + slug(a.title) + '.html', author: rng.chance(0.5) ? (lang === 'uk' ? 'Укрінформ' : 'Ukrinform') : undefined });
    return;
  }
  const lang = rng.weighted<Lang>([['uk', 0.65], ['ru', 0.15], ['en', 0.2]]);
  const chs = TSV_CHANNELS.filter((c) => c.lang === lang && !c.url.endsWith('.example/') || (c.lang === lang && rng.chance(0.3)));
  const ch = rng.pick(chs.length ? chs : TSV_CHANNELS.filter((c) => c.lang === lang));
  const text = lang === 'ru' ? ruRefute(ts, rng) : (lang === 'uk' ? ukRefute(ts, rng) : enRefute(ts, rng)).paras.join(' ');
  docs.push({ cls: 'mission', stance: 'refute', file: F.tsv, ts, lang, source: ch.name, paras: [text], url: ch.url + rng.int(100000, 999999) });
}

// ───────────────────────────── rates ─────────────────────────────
function missionRate(dayStart: number): number {
  const wd = new Date(dayStart).getUTCDay();
  const weekend = wd === 0 || wd === 6;
  const k = dayKey(dayStart);
  if (dayStart < utc(2024, 8, 6)) return 0;
  if (k === '2025-03-13') return 8;
  if (k === '2025-03-14') return 12;
  if (k === '2025-03-15') return 9;
  if (dayStart > utc(2025, 3, 15)) {
    const dd = (dayStart - utc(2025, 3, 15)) / DAY;
    return 1.0 + 8 * Math.exp(-dd / 2.5);
  }
  const base = dayStart >= utc(2025, 2, 1) ? 1.5 : 0.45;
  return base * (weekend ? 0.6 : 1.15);
}
function refuteShare(ts: number): number {
  if (ts < PUTIN13) return 0.2;
  if (ts < utc(2025, 3, 15)) return 0.14;
  if (ts < utc(2025, 3, 19)) return 0.45;
  return 0.35;
}
/** time of day within [from,to) UTC hours, biased to daytime Moscow/Kyiv */
function timeIn(dayStart: number, rng: Rng, fromH = 4, toH = 20.5): number {
  return dayStart + Math.floor(((fromH + rng.next() * (toH - fromH)) * HOUR) / 1000) * 1000;
}

// ───────────────────────────── generate daily traffic ─────────────────────────────
const rngBg = new Rng('narrascope-demo/background');
const rngM = new Rng('narrascope-demo/mission');
for (let day = START; day <= END; day += DAY) {
  const wd = new Date(day).getUTCDay();
  const weekend = wd === 0 || wd === 6;
  // background: steady, weekly rhythm, independent of the narrative
  const nBg = Math.max(1, Math.floor((weekend ? 5 : 8) + 3 * rngBg.next()));
  for (let i = 0; i < nBg; i++) {
    const ts = timeIn(day, rngBg);
    const lang = rngBg.weighted<Lang>([['ru', 0.42], ['uk', 0.33], ['en', 0.25]]);
    const topic = rngBg.pick(TOPICS);
    if (lang === 'ru') {
      const where = rngBg.weighted<'tg' | 'tgstate' | 'csv'>([['tg', 0.68], ['tgstate', 0.12], ['csv', 0.2]]);
      const a = bgText('ru', topic, ts, rngBg);
      if (where === 'csv') {
        const src = rngBg.pick(CSV_RU_SRC);
        docs.push({ cls: 'background', file: F.csv, ts, lang, source: src, title: a.title, paras: a.paras, url: CSV_URL[src] + slug(a.title) + '-' + rngBg.int(1000, 9999) });
      } else {
        const ch = where === 'tgstate' ? rngBg.pick(TG_STATE) : TG_NOISE[topic];
        const label = { weather: '☀️ Погода', economy: '💰 Экономика', sport: '⚽️ Спорт', city: '🏙 Город', tech: '📱 Технологии' }[topic];
        addTg(ch, ts, segsFromText(a.paras[0], rngBg, rngBg.chance(0.3) ? { bold: label } : {}), 'background', rngBg);
      }
    } else if (lang === 'uk') {
      const a = bgText('uk', topic, ts, rngBg);
      if (rngBg.chance(0.45)) {
        docs.push({ cls: 'background', file: F.rss, ts, lang, source: 'Укрінформ', title: a.title, paras: a.paras, url: UKRINFORM_URL.uk + rngBg.int(3800000, 3990000) + '-' + slug(a.title) + '.html' });
      } else {
        const ch = rngBg.pick(TSV_CHANNELS.filter((c) => c.lang === 'uk'));
        docs.push({ cls: 'background', file: F.tsv, ts, lang, source: ch.name, paras: a.paras, url: ch.url + rngBg.int(100000, 999999) });
      }
    } else {
      const where = rngBg.weighted<'rss' | 'csv' | 'tsv'>([['rss', 0.4], ['csv', 0.35], ['tsv', 0.25]]);
      const a = bgText('en', topic, ts, rngBg, where === 'csv' ? EN_CITIES_RU : EN_CITIES_UA);
      if (where === 'rss') docs.push({ cls: 'background', file: F.rss, ts, lang, source: 'Ukrinform', title: a.title, paras: a.paras, url: UKRINFORM_URL.en + rngBg.int(3800000, 3990000) + '-' + slug(a.title) + '.html' });
      else if (where === 'csv') {
        const src = rngBg.pick(CSV_EN_SRC);
        docs.push({ cls: 'background', file: F.csv, ts, lang, source: src, title: a.title, paras: a.paras, url: CSV_URL[src] + slug(a.title) });
      } else {
        const ch = rngBg.pick(TSV_CHANNELS.filter((c) => c.lang === 'en'));
        docs.push({ cls: 'background', file: F.tsv, ts, lang, source: ch.name, paras: a.paras, url: ch.url + rngBg.int(100000, 999999) });
      }
    }
  }
  // ISW daily assessments (sampled): non-narrative war coverage, roughly weekly
  const di = Math.round((day - START) / DAY);
  if (di % 8 === 3 && day < utc(2025, 3, 12)) {
    const pubUtc = day + 23 * HOUR + rngBg.int(0, 90) * MIN; // late evening US Eastern → next day UTC
    const p = parts(day, 0);
    const dateTitle = `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][p.mo - 1]} ${p.d}, ${p.y}`;
    docs.push({ cls: 'background', file: F.atom, ts: pubUtc, lang: 'en', source: 'Institute for the Study of War', title: `Russian Offensive Campaign Assessment, ${dateTitle}`,
      paras: [rngBg.pick([
        'This assessment covers ground activity along the front line, Russian force generation efforts and developments in the Russian defence industrial base.',
        'This assessment covers Russian and Ukrainian ground operations, Russian long-range strikes and international assistance to Ukraine.',
        'This assessment covers activity in occupied Ukraine, Russian domestic developments and the Russian economy.',
        'This assessment covers frontline activity and statements by Ukrainian and Western officials on military assistance.',
      ])], url: `https://www.understandingwar.org/narrascope-demo/russian-offensive-campaign-assessment-${slug(dateTitle)}` });
  }
  // mission narrative
  const rate = missionRate(day);
  const nM = Math.floor(rate + rngM.next());
  for (let i = 0; i < nM; i++) {
    let ts = timeIn(day, rngM, 3.5, 21);
    const k = dayKey(day);
    if (k === '2025-03-13') ts = timeIn(day, rngM, 13.6, 20.8);
    if (k === '2025-03-14' && rngM.chance(0.7)) ts = timeIn(day, rngM, 11.2, 20.7);
    if (k === '2024-08-06') ts = Math.max(ts, INCURSION + 3 * HOUR);
    if (rngM.chance(refuteShare(ts))) refuteDoc(ts, rngM);
    else if (rngM.chance(0.72)) tgMission(ts, rngM);
    else csvMission(ts, rngM);
  }
}

// ───────────────────────────── coordinated bursts ─────────────────────────────
interface Burst { id: string; at: number; n: number; segs: Seg[] }
const BURSTS: Burst[] = [
  { id: 'B01', at: utc(2025, 2, 7, 10, 14, 5), n: 4, segs: [
    { type: 'bold', text: 'Хинштейн: ВСУ совершают военные преступления в Курской области' },
    { type: 'plain', text: '\n\nПо словам врио губернатора, украинские военные совершают военные преступления на территории региона с начала вторжения. Об этом должен знать каждый.\n\n' },
    { type: 'hashtag', text: '#Курск' }] },
  { id: 'B02', at: utc(2025, 2, 13, 8, 32, 40), n: 5, segs: [
    { type: 'plain', text: 'Пока в Вашингтоне и Москве заговорили о переговорах, напоминаем: ВСУ с августа совершают преступления против мирных жителей Курской области. Никаких сделок, пока они на нашей земле.' }] },
  { id: 'B03', at: utc(2025, 2, 19, 17, 5, 12), n: 3, segs: [
    { type: 'plain', text: 'Переговоры переговорами, а террор ВСУ против мирного населения Курской области никто не отменял. Мир должен знать правду.\n\n' },
    { type: 'hashtag', text: '#КурскаяОбласть' }] },
  { id: 'B04', at: utc(2025, 2, 28, 19, 40, 30), n: 4, segs: [
    { type: 'plain', text: 'Запад снова делает вид, что не замечает военных преступлений ВСУ в Курской области. Какие могут быть переговоры?' }] },
  { id: 'B05', at: utc(2025, 3, 11, 19, 20, 0), n: 4, segs: [
    { type: 'plain', text: '30-дневное перемирие? После всего, что ВСУ творили против мирных жителей Курской области? ' },
    { type: 'bold', text: 'Никакого перемирия!' }] },
  { id: 'B06', at: utc(2025, 3, 13, 13, 52, 18), n: 6, segs: [
    { type: 'bold', text: '⚡️Путин задался вопросом, следует ли выпускать ВСУ из Курской области' },
    { type: 'plain', text: '\n\nПрезидент напомнил, что украинские военные совершили массу преступлений против мирных жителей. Перемирие сейчас — подарок преступникам.' }] },
  { id: 'B07', at: utc(2025, 3, 13, 17, 21, 44), n: 4, segs: [
    { type: 'plain', text: 'Путин прямо сказал: ВСУ совершили массу преступлений против мирного населения Курской области. Никаких 30 дней тишины для тех, кто это творил.' }] },
  { id: 'B08', at: utc(2025, 3, 14, 12, 36, 9), n: 5, segs: [
    { type: 'bold', text: 'Путин назвал действия ВСУ в Курской области терроризмом' },
    { type: 'plain', text: '\n\nС террористами не заключают перемирий.\n\n' },
    { type: 'hashtag', text: '#Курск' }, { type: 'plain', text: ' ' }, { type: 'hashtag', text: '#СВО' }] },
  { id: 'B09', at: utc(2025, 3, 14, 15, 48, 27), n: 4, segs: [
    { type: 'plain', text: 'Путин: военное руководство Украины должно приказать своим солдатам в Курской области сложить оружие и сдаться. После терроризма против мирных жителей — только так. Никакого перемирия.' }] },
  { id: 'B10', at: utc(2025, 3, 14, 20, 5, 51), n: 3, segs: [
    { type: 'plain', text: 'Террор против мирных жителей Курской области, военные преступления ВСУ — и после этого нам предлагают перемирие? Отвергнуть.' }] },
  { id: 'B11', at: utc(2025, 3, 15, 9, 11, 3), n: 5, segs: [
    { type: 'plain', text: 'Напоминаем: президент заявил, что ВСУ совершили в Курской области массу преступлений против мирных жителей и занимались терроризмом. Любое прекращение огня сейчас — ошибка.' }] },
  { id: 'B12', at: utc(2025, 3, 15, 18, 30, 36), n: 4, segs: [
    { type: 'plain', text: 'Военные преступления ВСУ в Курской области не должны остаться безнаказанными. Перемирие на 30 дней нужно отвергнуть.\n\n' },
    { type: 'text_link', text: 'Подробнее', href: 'https://frontovoy-vestnik.example/post/kursk' }] },
];
const BURST_CORE = TG_FICT.slice(0, 5);
const BURST_PERIPH = TG_FICT.slice(5, 8); // 'Грань фронта' never takes part (control channel)
const rngB = new Rng('narrascope-demo/bursts');
const burstLog: string[] = [];
for (const b of BURSTS) {
  const nCore = Math.min(5, rngB.int(b.n - 1, b.n));
  const chans = rngB.sample([...rngB.sample(BURST_CORE, nCore), ...rngB.sample(BURST_PERIPH, b.n - nCore)], b.n);
  const gaps = chans.slice(1).map(() => rngB.int(15, 58));
  let span = gaps.reduce((a, x) => a + x, 0);
  if (span < 65) gaps[gaps.length - 1] += 65 - span;
  span = gaps.reduce((a, x) => a + x, 0);
  let t = b.at;
  const stamps: string[] = [];
  chans.forEach((ch, i) => {
    if (i) t += gaps[i - 1] * 1000;
    addTg(ch, t, b.segs, 'mission', rngB, { burst: b.id, pin: b.id === 'B06' && i === 0 }, 'push');
    stamps.push(`${ch} ${isoZ(t).slice(11, 19)}`);
  });
  burstLog.push(`${b.id} ${isoZ(b.at).slice(0, 10)} span ${span}s: ${stamps.join(', ')}`);
}

// ───────────────────────────── hand-written ISW entries (Atom) ─────────────────────────────
docs.push({ cls: 'mission', stance: 'refute', file: F.atom, ts: ISW15, lang: 'en', source: 'Institute for the Study of War',
  title: 'Russian Offensive Campaign Assessment, March 15, 2025',
  url: 'https://www.understandingwar.org/narrascope-demo/russian-offensive-campaign-assessment-march-15-2025',
  paras: [
    'Key takeaway: The Kremlin is likely preparing to amplify its narrative accusing the Ukrainian military of "war crimes" in Kursk Oblast in order to discredit the Ukrainian military, erode Western support for Ukraine and spoil or delay talks on the 30-day ceasefire proposed by the United States.',
    'Putin, other Russian officials, Russian state media and pro-Kremlin voices have recently intensified claims that Ukrainian forces committed war crimes in Kursk Oblast during the seven-month incursion. Putin asked on March 13, in reaction to the US–Ukrainian ceasefire proposal, whether Russia should let Ukrainian forces leave Kursk Oblast "after they committed a lot of crimes against civilians" and reiterated on March 14 that Ukrainian forces committed "terrorism" in Kursk Oblast.',
    'Russian state media has amplified pro-Kremlin voices, including acting Kursk Oblast Governor Alexander Khinshtein, accusing Ukrainian forces of war crimes since the start of the incursion in August 2024, and has intensified these efforts since February 2025. These claims are unsubstantiated.',
    'Russian ultranationalist voices are using these allegations to call on Russia to reject any ceasefire. The Kremlin used a similar narrative in late 2021 and 2022 to justify its full-scale invasion of Ukraine.',
  ] });
docs.push({ cls: 'mission', stance: 'refute', file: F.atom, ts: utc(2025, 3, 17, 1, 40), lang: 'en', source: 'Institute for the Study of War',
  title: 'Russian Offensive Campaign Assessment, March 16, 2025',
  url: 'https://www.understandingwar.org/narrascope-demo/russian-offensive-campaign-assessment-march-16-2025',
  paras: ['ISW continues to assess that Russian claims of Ukrainian "war crimes" and "terrorism" in Kursk Oblast are unsubstantiated and are likely intended to delay or derail discussions of a 30-day ceasefire.'] });
for (const [d, txt] of [[utc(2025, 3, 19, 0, 50), 'This assessment covers the March 18 phone call between Presidents Trump and Putin and frontline activity.'],
  [utc(2025, 3, 26, 1, 10), 'This assessment covers ceasefire negotiations and Russian ground operations.']] as [number, string][]) {
  const p = parts(d - DAY, 0);
  docs.push({ cls: 'background', file: F.atom, ts: d, lang: 'en', source: 'Institute for the Study of War', title: `Russian Offensive Campaign Assessment, March ${p.d}, 2025`, paras: [txt],
    url: `https://www.understandingwar.org/narrascope-demo/russian-offensive-campaign-assessment-march-${p.d}-2025` });
}
// Ukrinform's relay of the ISW assessment (16 March)
docs.push({ cls: 'mission', stance: 'refute', file: F.rss, ts: utc(2025, 3, 16, 7, 45), lang: 'en', source: 'Ukrinform', author: 'Ukrinform',
  title: 'ISW: Kremlin amplifying Kursk "war crimes" narrative to derail ceasefire talks',
  url: UKRINFORM_URL.en + '3971001-isw-kremlin-kursk-war-crimes-narrative.html',
  paras: ['The Kremlin is likely preparing to amplify the narrative accusing the Ukrainian army of "war crimes" in Kursk region in a bid to derail talks on a 30-day ceasefire, Ukrinform reports, citing the Institute for the Study of War. Ukrinform reports, citing ISW, that Putin asked on March 13 whether Ukrainian forces should be let go from Kursk Oblast after they had allegedly committed crimes against civilians. The ISW stressed that these claims are unsubstantiated.'] });
docs.push({ cls: 'mission', stance: 'refute', file: F.rss, ts: utc(2025, 3, 16, 7, 30), lang: 'uk', source: 'Укрінформ', author: 'Укрінформ',
  title: 'Кремль посилює наратив про «воєнні злочини» ЗСУ на Курщині, щоб зірвати переговори про перемир’я — ISW',
  url: UKRINFORM_URL.uk + '3971000-kreml-posiluie-naratyv-pro-voienni-zlochyny.html',
  paras: ['Кремль, імовірно, готується посилити наратив про так звані «воєнні злочини» українських військових у Курській області, щоб зірвати або відкласти переговори про 30-денне припинення вогню. Про це йдеться у звіті Інституту вивчення війни (ISW), передає Укрінформ. Як зазначають аналітики, 13 березня Путін запитав, чи варто випускати українських військових із Курської області, оскільки вони нібито «скоїли багато злочинів проти цивільних», а 14 березня повторив твердження про «тероризм». В ISW наголосили, що ці заяви безпідставні.'] });

// ───────────────────────────── HTML pages ─────────────────────────────
interface Page { file: string; cls: Doc['cls']; stance?: Stance; lang: Lang; site: string; url: string; ts: number; title: string; lead?: string; byline?: string; paras: string[] }
const PAGES: Page[] = [
  { file: 'html/vesti-solovyinogo-kraya-2024-08-21.html', cls: 'mission', stance: 'push', lang: 'ru', site: 'Вести Соловьиного края', url: 'https://vesti-solovyinogo-kraya.example/news/2024/08/21/kto-otvetit',
    ts: utc(2024, 8, 21, 9, 15), title: 'Кто ответит за страдания мирных жителей Курской области', byline: 'Редакция',
    paras: ['С 6 августа, когда ВСУ вторглись в Курскую область, украинские военные совершают преступления против мирного населения региона.',
      'Всё это — военные преступления, и мир должен о них знать.', 'Редакция будет и дальше рассказывать о происходящем в регионе.'] },
  { file: 'html/ria-2025-02-10-khinshtein.html', cls: 'mission', stance: 'push', lang: 'ru', site: 'РИА Новости', url: 'https://ria.ru/narrascope-demo/20250210/khinshtein-1.html',
    ts: utc(2025, 2, 10, 9, 30), title: 'Хинштейн обвинил ВСУ в военных преступлениях в Курской области',
    paras: ['КУРСК, 10 фев — РИА Новости. Врио губернатора Курской области Александр Хинштейн обвинил украинских военных в военных преступлениях на территории региона.',
      'По словам Хинштейна, такие преступления ВСУ совершают с самого начала вторжения в августе 2024 года.',
      'Хинштейн был назначен временно исполняющим обязанности губернатора 5 декабря 2024 года.'] },
  { file: 'html/ria-2025-03-13-putin.html', cls: 'mission', stance: 'push', lang: 'ru', site: 'РИА Новости', url: 'https://ria.ru/narrascope-demo/20250313/putin-kursk-1.html',
    ts: utc(2025, 3, 13, 15, 10), title: 'Путин задался вопросом, следует ли выпускать ВСУ из Курской области',
    paras: ['МОСКВА, 13 мар — РИА Новости. Президент России Владимир Путин, комментируя предложение США и Украины о 30-дневном прекращении огня, задался вопросом, следует ли позволить украинским военным уйти из Курской области после того, как они, по его словам, совершили массу преступлений против мирных жителей.',
      'Предложение о временном прекращении огня было сформулировано по итогам переговоров делегаций США и Украины в Джидде 11 марта.',
      'Ранее врио губернатора Курской области Александр Хинштейн обвинял ВСУ в военных преступлениях на территории региона.'] },
  { file: 'html/tass-2025-03-14-terrorism.html', cls: 'mission', stance: 'push', lang: 'ru', site: 'ТАСС', url: 'https://tass.ru/narrascope-demo/20250314/putin-sovbez.html',
    ts: utc(2025, 3, 14, 14, 20), title: 'Путин вновь назвал действия ВСУ в Курской области терроризмом',
    paras: ['МОСКВА, 14 марта. /ТАСС/. Президент РФ Владимир Путин на заседании Совета безопасности вновь заявил, что украинские формирования занимались в Курской области «терроризмом».',
      'Кроме того, глава государства заявил, что для выполнения призыва президента США Дональда Трампа «сохранить жизни» украинских военных в Курской области военное руководство Украины должно отдать им приказ сложить оружие и сдаться.',
      'Накануне Путин, отвечая на вопросы журналистов, спросил, следует ли выпускать украинских военных из региона после того, как они совершили массу преступлений против мирного населения.'] },
  { file: 'html/rt-en-2025-03-14-putin.html', cls: 'mission', stance: 'push', lang: 'en', site: 'RT', url: 'https://www.rt.com/narrascope-demo/putin-kursk-terrorism/',
    ts: utc(2025, 3, 14, 16, 5), title: 'Putin: Kiev’s troops committed “terrorism” in Kursk Region',
    paras: ['Russian President Vladimir Putin has reiterated that Ukrainian forces committed "terrorism" in Kursk Region, speaking at a Security Council meeting on Friday.',
      'On Thursday, Putin asked whether Ukrainian troops should be allowed to leave the region after they "committed a lot of crimes against civilians."',
      'Putin also said that, for US President Donald Trump’s call to "save the lives" of Ukrainian soldiers in Kursk Region to be implemented, Ukraine’s military leadership must order them to lay down their arms and surrender.',
      'Acting Kursk Region governor Alexander Khinshtein has accused Ukrainian troops of war crimes in the region.'] },
  { file: 'html/tass-en-2025-03-15-surrender.html', cls: 'mission', stance: 'push', lang: 'en', site: 'TASS', url: 'https://tass.com/narrascope-demo/putin-kursk-surrender',
    ts: utc(2025, 3, 15, 8, 10), title: 'Ukraine’s military leadership must order troops in Kursk Region to surrender — Putin',
    paras: ['MOSCOW, March 15. /TASS/. Ukraine’s military leadership must order its soldiers in Kursk Region to lay down their arms and surrender, Russian President Vladimir Putin said on Friday, responding to US President Donald Trump’s call to save the lives of Ukrainian servicemen.',
      'According to Putin, Ukrainian forces committed "terrorism" in the region.',
      'TASS earlier reported, citing acting governor Alexander Khinshtein, that Ukrainian troops have committed war crimes in Kursk Region since the incursion began.'] },
  { file: 'html/suspilne-2024-09-05-fakes.html', cls: 'mission', stance: 'refute', lang: 'uk', site: 'Суспільне Новини', url: 'https://suspilne.media/narrascope-demo/2024-09-05-kursk-fakes/',
    ts: utc(2024, 9, 5, 11, 0), title: 'Російська пропаганда поширює вигадки про «злочини» ЗСУ на Курщині',
    paras: ['Від початку операції ЗСУ в Курській області 6 серпня російські державні медіа та провоєнні телеграм-канали поширюють звинувачення українських військових у злочинах проти мирного населення.',
      'Жодних доказів цих тверджень не наводять. Такі матеріали мають на меті дискредитувати українське військо.',
      'Редакція закликає перевіряти джерела й не поширювати неперевірені повідомлення.'] },
  { file: 'html/suspilne-2025-03-14-putin.html', cls: 'mission', stance: 'refute', lang: 'uk', site: 'Суспільне Новини', url: 'https://suspilne.media/narrascope-demo/2025-03-14-putin-kursk/',
    ts: utc(2025, 3, 14, 17, 30), title: 'Путін знову звинуватив ЗСУ у «тероризмі» на Курщині — без жодних доказів',
    paras: ['Російський диктатор Володимир Путін на засіданні Радбезу РФ 14 березня повторив безпідставні звинувачення на адресу українських військових, заявивши про «тероризм» ЗСУ в Курській області.',
      'Напередодні, 13 березня, Путін, коментуючи пропозицію про 30-денне припинення вогню, запитав, чи варто випускати українських військових із Курської області, бо вони нібито скоїли «багато злочинів проти цивільних». Жодних доказів він не навів.',
      'Також Путін заявив, що військове керівництво України має наказати своїм військовим у Курській області скласти зброю та здатися.',
      'Російські пропагандистські телеграм-канали вже розганяють ці заяви, часто однаковими текстами.'] },
  { file: 'html/atlantic-wire-2025-03-13.html', cls: 'mission', stance: 'refute', lang: 'en', site: 'Atlantic Wire Service', url: 'https://atlantic-wire.example/world/2025/03/13/putin-kursk-ceasefire',
    ts: utc(2025, 3, 13, 18, 30), title: 'Putin raises Kursk “crimes” claim in response to ceasefire plan', byline: 'Atlantic Wire staff',
    paras: ['Russian President Vladimir Putin on Thursday responded to a US-backed proposal for a 30-day ceasefire by asking whether Ukrainian troops should be allowed to leave Russia’s Kursk region after they had, as he put it, "committed a lot of crimes against civilians."',
      'Putin did not provide evidence for the accusation, which Russian officials and state media have repeated since Ukraine’s incursion into the region in August 2024.',
      'Ukraine agreed to the ceasefire proposal after talks with US officials in Jeddah on Tuesday.'] },
  { file: 'html/ukrinform-en-2025-03-16-isw.html', cls: 'mission', stance: 'refute', lang: 'en', site: 'Ukrinform', url: 'https://www.ukrinform.net/narrascope-demo/3971101-isw-kremlin-kursk-narrative.html',
    ts: utc(2025, 3, 16, 8, 45), title: 'ISW: Kremlin steps up “war crimes” narrative about Kursk region to stall ceasefire talks',
    paras: ['The Kremlin is likely preparing to amplify its narrative accusing the Ukrainian army of so-called war crimes in Kursk region, seeking to discredit the Ukrainian military, weaken Western support for Ukraine and spoil or delay talks on the 30-day ceasefire proposed by the United States, Ukrinform reports, citing the Institute for the Study of War (ISW).',
      'According to ISW, Putin, other Russian officials, Russian state media and pro-Kremlin commentators have recently stepped up claims that Ukrainian forces committed war crimes in Kursk region during the seven-month incursion.',
      'The analysts note that on March 13 Putin asked whether Russia should let Ukrainian forces leave Kursk Oblast "after they committed a lot of crimes against civilians", and on March 14 he repeated the claim that Ukrainian forces committed "terrorism" in the region.',
      'State media have amplified pro-Kremlin voices, including acting Kursk governor Alexander Khinshtein, since the incursion began in August 2024, and have intensified these efforts since February 2025. ISW stressed that the claims are unsubstantiated.',
      'Russian ultranationalist voices are using the allegations to call for rejecting any ceasefire, the analysts said.',
      'As Ukrinform reported earlier, Putin said on Friday that Ukraine’s military leadership must order its soldiers in Kursk region to lay down their arms and surrender.'] },
  { file: 'html/ukrinform-uk-2025-03-16-isw.html', cls: 'mission', stance: 'refute', lang: 'uk', site: 'Укрінформ', url: 'https://www.ukrinform.ua/narrascope-demo/3971100-isw-kreml-kurshchyna.html',
    ts: utc(2025, 3, 16, 9, 10), title: 'ISW: Кремль розганяє наратив про «воєнні злочини» ЗСУ на Курщині, щоб зірвати переговори про перемир’я',
    paras: ['Кремль, імовірно, готується посилити наратив, який звинувачує українську армію у так званих «воєнних злочинах» у Курській області, щоб дискредитувати ЗСУ, підірвати підтримку України на Заході та зірвати або відкласти переговори про 30-денне припинення вогню. Про це йдеться у звіті Інституту вивчення війни (ISW), передає Укрінформ.',
      'Як зазначають аналітики, 13 березня Путін, реагуючи на американсько-українську пропозицію про тимчасове припинення вогню, запитав, чи варто дозволити українським військовим вийти з Курської області, після того як вони нібито «скоїли багато злочинів проти цивільних». 14 березня він повторив твердження про «тероризм» ЗСУ в регіоні.',
      'За даними ISW, російські державні медіа від серпня 2024 року поширюють звинувачення прокремлівських голосів, зокрема т.в.о. губернатора Курської області Олександра Хінштейна, а з лютого 2025 року посилили ці зусилля. В ISW наголосили, що ці заяви безпідставні.',
      'Російські ультранаціоналісти використовують ці звинувачення, щоб закликати Росію відмовитися від будь-якого припинення вогню, зазначають в ISW.'] },
  { file: 'html/pravda-2025-03-16-myth.html', cls: 'mission', stance: 'refute', lang: 'uk', site: 'Українська правда', url: 'https://www.pravda.com.ua/narrascope-demo/2025/03/16/kursk-myth/',
    ts: utc(2025, 3, 16, 13, 0), title: 'Як Кремль використовує міф про «злочини» ЗСУ на Курщині проти перемир’я', byline: 'Редакція УП',
    paras: ['Після пропозиції США та України про 30-денне припинення вогню російська пропаганда різко посилила кампанію про так звані «воєнні злочини» ЗСУ в Курській області.',
      'Ще з серпня 2024 року російські державні медіа та провоєнні блогери повторюють ці звинувачення без жодних доказів. Серед тих, кого цитують державні медіа, — т.в.о. губернатора Курської області Олександр Хінштейн. З лютого 2025 року таких публікацій стало помітно більше.',
      'Після заяв Путіна 13 і 14 березня однакові дописи з’являються в низці прокремлівських каналів із різницею в кілька хвилин.',
      'Мета очевидна — зірвати або затягнути переговори про перемир’я, вважають аналітики ISW, які назвали ці звинувачення безпідставними.'] },
  { file: 'html/kyivindependent-2025-03-16.html', cls: 'mission', stance: 'refute', lang: 'en', site: 'The Kyiv Independent', url: 'https://kyivindependent.com/narrascope-demo/kremlin-kursk-claims/',
    ts: utc(2025, 3, 16, 15, 0), title: 'Kremlin escalates unsubstantiated “war crimes” claims about Kursk as ceasefire talks loom',
    paras: ['Russian President Vladimir Putin and Russian state media have stepped up unsubstantiated claims that Ukrainian troops committed war crimes against civilians in Russia’s Kursk Oblast, according to the Institute for the Study of War (ISW).',
      'Putin asked on March 13 whether Ukrainian forces should be allowed to leave Kursk Oblast after they allegedly "committed a lot of crimes against civilians," and on March 14 accused them of "terrorism." He offered no evidence.',
      'According to ISW, the Kremlin is likely using the narrative to spoil or delay discussions on the 30-day ceasefire that the US and Ukraine proposed after talks in Jeddah on March 11.',
      'ISW said Russian ultranationalist voices used the claims to call for rejecting any ceasefire. Several pro-Kremlin Telegram channels published near-identical posts within minutes of each other.'] },
  { file: 'html/northern-ledger-2025-03-17.html', cls: 'mission', stance: 'refute', lang: 'en', site: 'The Northern Ledger', url: 'https://northern-ledger.example/analysis/2025/03/17/kursk-claims',
    ts: utc(2025, 3, 17, 10, 0), title: 'Moscow’s Kursk “war crimes” claims: what we know', byline: 'Analysis desk',
    paras: ['Russian officials, state media and military bloggers have for months accused Ukrainian forces of war crimes and "terrorism" against civilians in Russia’s Kursk region. The claims have not been substantiated, and The Northern Ledger could not independently verify them.',
      'The accusations date back to the start of Ukraine’s incursion on August 6, 2024. Their volume rose markedly from early February 2025, as Washington and Moscow moved towards talks, and spiked after Putin’s remarks of March 13 and 14 that followed the US–Ukrainian proposal of a 30-day ceasefire.',
      'The Institute for the Study of War said in its assessment of March 15 that the claims were unsubstantiated and that the Kremlin was likely using them to spoil or delay ceasefire talks.',
      'According to ISW, the Kremlin used a similar narrative in late 2021 and 2022 to justify the full-scale invasion of Ukraine.'] },
  { file: 'html/gorodskaya-lenta-2024-10-15-park.html', cls: 'background', lang: 'ru', site: 'Городская лента', url: 'https://gorodskaya-lenta.example/2024/10/15/park',
    ts: utc(2024, 10, 15, 7, 40), title: 'В Воронеже открыли обновлённый городской парк',
    paras: ['В Воронеже после реконструкции открылся городской парк: здесь появились новые дорожки, освещение и детская площадка.',
      'Работы заняли около полугода. Следующий этап благоустройства запланирован на весну.'] },
  { file: 'html/vechirnii-podil-2025-01-20-weather.html', cls: 'background', lang: 'uk', site: 'Вечірній Поділ', url: 'https://vechirnii-podil.example/2025/01/20/pohoda',
    ts: utc(2025, 1, 20, 6, 30), title: 'У Києві очікуються мокрий сніг та ожеледиця',
    paras: ['Завтра у Києві очікується мокрий сніг, на дорогах — ожеледиця. Температура повітря від −3 до +1 °C.',
      'Синоптики радять водіям бути уважними, а пішоходам — обирати взуття з нековзною підошвою. Уночі можливі заморозки на поверхні ґрунту.'] },
  { file: 'html/northgate-tech-2025-03-14-timetables.html', cls: 'background', lang: 'en', site: 'Northgate Tech Daily', url: 'https://northgate-tech.example/2025/03/14/bus-timetables',
    ts: utc(2025, 3, 14, 9, 0), title: 'Start-up releases open-source tool for bus timetables',
    paras: ['A small start-up has released an open-source tool that turns bus timetables into live departure boards for any city that publishes its data.',
      'The developers say three municipalities are already testing it.'] },
];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
const UI: Record<Lang, { nav: string[]; ad: string; cookie: string; related: string; rights: string; share: string; menu: string }> = {
  ru: { nav: ['Главная', 'Политика', 'Экономика', 'Общество', 'Спорт'], ad: 'Реклама', cookie: 'Мы используем файлы cookie. Продолжая пользоваться сайтом, вы соглашаетесь с этим.', related: 'Читайте также', rights: 'Все права защищены.', share: 'Поделиться', menu: 'Меню' },
  uk: { nav: ['Головна', 'Політика', 'Економіка', 'Суспільство', 'Спорт'], ad: 'Реклама', cookie: 'Ми використовуємо файли cookie. Продовжуючи користуватися сайтом, ви погоджуєтеся з цим.', related: 'Читайте також', rights: 'Усі права захищено.', share: 'Поділитися', menu: 'Меню' },
  en: { nav: ['Home', 'World', 'Business', 'Opinion', 'Sport'], ad: 'Advertisement', cookie: 'We use cookies. By continuing to browse the site you agree to our use of cookies.', related: 'Read more', rights: 'All rights reserved.', share: 'Share', menu: 'Menu' },
};
const RELATED: Record<Lang, string[]> = {
  ru: ['Синоптики рассказали о погоде на выходные', 'В столице открылась выставка современного дизайна', 'Цены на бензин за неделю почти не изменились'],
  uk: ['Синоптики розповіли про погоду на вихідні', 'У столиці відкрилася виставка сучасного дизайну', 'Ціни на пальне за тиждень майже не змінилися'],
  en: ['Weekend weather: what to expect', 'Design fair opens in the capital', 'Fuel prices steady this week'],
};
function renderPage(p: Page): string {
  const u = UI[p.lang];
  const origin = new URL(p.url).origin;
  const desc = p.paras[0].slice(0, 180);
  const timeLocal = isoOff(p.ts, p.lang === 'en' ? 0 : p.lang === 'ru' ? MSK : kyivOffset(p.ts));
  return `<!DOCTYPE html>
<html lang="${p.lang}">
<head>
<meta charset="utf-8">
<title>${esc(p.title)} | ${esc(p.site)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="${esc(desc)}">
<meta name="narrascope:synthetic" content="true">
<meta property="og:site_name" content="${esc(p.site)}">
<meta property="og:type" content="article">
<meta property="og:title" content="${esc(p.title)}">
<meta property="og:url" content="${esc(p.url)}">
<meta property="article:published_time" content="${isoZ(p.ts)}">
<link rel="canonical" href="${esc(p.url)}">
<link rel="stylesheet" href="${origin}/static/main.css">
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);} gtag('js', new Date());</script>
</head>
<body class="page page-article">
<div class="cookie-banner" role="dialog">${esc(u.cookie)} <button type="button">OK</button></div>
<header class="site-header">
  <a class="logo" href="${origin}/">${esc(p.site)}</a>
  <button class="menu-toggle" aria-label="${u.menu}">☰</button>
  <nav class="main-nav"><ul>${u.nav.map((n, i) => `<li><a href="${origin}/section-${i}/">${esc(n)}</a></li>`).join('')}</ul></nav>
</header>
<div class="ad ad-top"><span class="ad-label">${u.ad}</span><div class="ad-slot" data-slot="top-728x90"></div></div>
<main class="layout">
<article class="article" itemscope itemtype="https://schema.org/NewsArticle">
  <h1 class="article-title" itemprop="headline">${esc(p.title)}</h1>
  <div class="article-meta"><time datetime="${timeLocal}" itemprop="datePublished">${timeLocal.slice(0, 16).replace('T', ' ')}</time>${p.byline ? ` · <span class="byline" itemprop="author">${esc(p.byline)}</span>` : ''}</div>
  <div class="article-body" itemprop="articleBody">
${p.paras.map((x, i) => `    <p>${esc(x)}</p>${i === 1 ? `\n    <div class="ad ad-inline"><span class="ad-label">${u.ad}</span><div class="ad-slot" data-slot="inline-300x250"></div></div>` : ''}`).join('\n')}
  </div>
  <div class="share">${u.share}: <a href="#">Telegram</a> <a href="#">Facebook</a> <a href="#">X</a></div>
</article>
<aside class="sidebar">
  <h2>${u.related}</h2>
  <ul>${RELATED[p.lang].map((r, i) => `<li><a href="${origin}/related-${i}/">${esc(r)}</a></li>`).join('')}</ul>
  <div class="ad ad-side"><span class="ad-label">${u.ad}</span><div class="ad-slot" data-slot="side-300x600"></div></div>
</aside>
</main>
<footer class="site-footer">
  <p>© ${new Date(p.ts).getUTCFullYear()} ${esc(p.site)}. ${u.rights}</p>
  <p class="synthetic-note">Narrascope demo corpus: synthetic page written by the Narrascope developers; not a real publication.</p>
</footer>
</body>
</html>
`;
}
for (const p of PAGES) docs.push({ cls: p.cls, stance: p.stance, file: p.file, ts: p.ts, lang: p.lang, source: p.site, title: p.title, paras: p.paras, url: p.url });

// ───────────────────────────── plain text documents ─────────────────────────────
interface TextDoc { name: string; cls: Doc['cls']; stance?: Stance; lang: Lang; source: string; url: string; ts: number; body: string }
const TEXTS: TextDoc[] = [
  { name: 'vecherniy-razbor-2025-03-14', cls: 'mission', stance: 'push', lang: 'ru', source: '«Вечерний разбор» (вымышленная программа)', url: 'https://vecherniy-razbor.example/vypusk/2025-03-14',
    ts: utc(2025, 3, 14, 19, 0), body: `«Вечерний разбор». Выпуск от 14 марта 2025 года. Расшифровка (вымышленная программа).

ВЕДУЩИЙ: Добрый вечер. Главная тема дня — заявления президента о Курской области. Сегодня на заседании Совета безопасности Владимир Путин вновь назвал действия ВСУ в Курской области терроризмом.

ВЕДУЩИЙ: Напомню, вчера, отвечая на вопрос о предложении 30-дневного перемирия, президент спросил, следует ли выпускать украинских военных из Курской области после того, как они совершили массу преступлений против мирных жителей.

ВЕДУЩИЙ: Кроме того, по словам Путина, чтобы откликнуться на призыв Трампа сохранить жизни украинских военных, военное руководство Украины должно приказать своим солдатам в Курской области сложить оружие и сдаться.

ГОСТЬ (военный блогер, вымышленный персонаж): «Президент сказал то, о чём мы говорим с августа: ВСУ совершают в Курской области военные преступления. Какое может быть перемирие? Его нужно отвергнуть».

ВЕДУЩИЙ: Как ранее сообщал ТАСС, врио губернатора Курской области Александр Хинштейн также обвинял ВСУ в военных преступлениях на территории региона.
` },
  { name: 'kursky-rubezh-longread-2025-02-20', cls: 'mission', stance: 'push', lang: 'ru', source: 'Курский рубеж', url: 'https://t.me/s/kursky_rubezh_demo',
    ts: utc(2025, 2, 20, 16, 0), body: `Полгода Курской области: что нужно помнить перед любыми переговорами

С 6 августа 2024 года, когда ВСУ вторглись в Курскую область, украинские военные совершают преступления против мирных жителей региона. Мы писали об этом с первых дней.

Врио губернатора Александр Хинштейн, по данным ТАСС, обвиняет ВСУ в военных преступлениях на территории области с начала вторжения.

Теперь в Вашингтоне и Москве говорят о переговорах. Но разговоры о мире не отменяют того, что творилось в Курской области. Никаких сделок, пока ВСУ остаются на нашей земле, — так считаем мы и наши читатели.
` },
  { name: 'perevirka-faktiv-2025-03-17', cls: 'mission', stance: 'refute', lang: 'uk', source: 'Лабораторія перевірки фактів (вигадане видання)', url: 'https://perevirka-faktiv.example/2025/03/17/kursk',
    ts: utc(2025, 3, 17, 12, 0), body: `Фейк: «ЗСУ скоїли масові злочини проти цивільних у Курській області»

Що стверджують. Російські державні медіа та провоєнні телеграм-канали пишуть, що українські військові нібито вчиняють «воєнні злочини» та «тероризм» проти мирних жителів Курської області. 13 березня Путін запитав, чи варто випускати українських військових із Курської області після того, як вони нібито «скоїли багато злочинів проти цивільних», а 14 березня повторив твердження про «тероризм».

Що насправді. Жодних доказів цих звинувачень російська сторона не навела. Аналітики ISW у звіті від 15 березня наголосили, що ці заяви безпідставні, а Кремль, імовірно, використовує їх, щоб зірвати або відкласти переговори про 30-денне припинення вогню.

Як поширюється. Однакові тексти публікують кілька прокремлівських каналів із різницею в одну–п’ять хвилин — ознака скоординованого поширення.

Висновок: фейк.
` },
  { name: 'baltic-narrative-lab-2025-03-18', cls: 'mission', stance: 'refute', lang: 'en', source: 'Baltic Narrative Lab (fictional)', url: 'https://baltic-narrative-lab.example/notes/2025-03-18-kursk',
    ts: utc(2025, 3, 18, 9, 30), body: `Research note: the Kursk "war crimes" narrative, August 2024 – March 2025

Summary. Since Ukraine's incursion into Kursk region on August 6, 2024, Russian state media and pro-Kremlin Telegram channels have accused Ukrainian forces of war crimes and "terrorism" against civilians in the region. According to ISW, Russian state media has amplified pro-Kremlin voices, including acting Kursk governor Alexander Khinshtein, and intensified these efforts from February 2025.

Trigger. Volume surged after Putin's remarks of March 13 and 14, 2025. Putin asked whether Ukrainian forces should be allowed to leave Kursk Oblast "after they committed a lot of crimes against civilians" and said they had committed "terrorism". He also said that Ukraine's military leadership must order its soldiers in Kursk region to lay down arms and surrender.

Coordination. We observed groups of three to six pro-Kremlin channels publishing identical text within minutes.

Assessment. ISW stressed that the claims are unsubstantiated. We agree with ISW that the narrative is likely meant to spoil or delay talks on the 30-day ceasefire proposed on March 11.
` },
  { name: 'riverside-council-2024-11-05', cls: 'background', lang: 'en', source: 'Riverside Borough Council (fictional)', url: 'https://riverside-council.example/minutes/2024-11-05',
    ts: utc(2024, 11, 5, 18, 0), body: `Riverside Borough Council — summary of the meeting of 5 November 2024

The council approved the budget for resurfacing the riverside promenade and agreed to extend night bus routes over the winter.

Councillors discussed the new recycling collection schedule, which starts in January. Residents can comment on the plans until the end of the month.
` },
];
for (const t of TEXTS) {
  const [first, ...rest] = t.body.split('\n\n');
  docs.push({ cls: t.cls, stance: t.stance, file: `text/${t.name}.txt`, ts: t.ts, lang: t.lang, source: t.source, title: first.trim(), paras: rest.map((x) => x.trim()), url: t.url });
}

// ───────────────────────────── serialisation ─────────────────────────────
docs.sort((a, b) => a.ts - b.ts || a.source.localeCompare(b.source));
const files: Record<string, string> = {};

// Telegram
interface TgMsg { [k: string]: unknown }
function tgText(segs: Seg[]): unknown {
  if (segs.every((s) => s.type === 'plain')) return segs.map((s) => s.text).join('');
  return segs.map((s) => (s.type === 'plain' ? s.text : s.href ? { type: s.type, text: s.text, href: s.href } : { type: s.type, text: s.text }));
}
function tgEntities(segs: Seg[]): unknown[] {
  return segs.map((s) => (s.href ? { type: s.type, text: s.text, href: s.href } : { type: s.type, text: s.text }));
}
const channelNames = [...new Set(docs.filter((d) => d.segs).map((d) => d.source))];
const rngTg = new Rng('narrascope-demo/telegram');
function buildChannel(name: string): TgMsg {
  const id = chanId(name);
  const fromId = `channel${id}`;
  const mine = docs.filter((d) => d.segs && d.source === name);
  // two more fictional channels pin their first post of 13 March 2025
  if (['Курский рубеж', 'Северный ветер Z'].includes(name)) {
    const first = mine.find((d) => d.ts >= PUTIN13 && !d.tg?.forwardedFrom);
    if (first) first.tg!.pin = true;
  }
  const msgs: { ts: number; m: TgMsg; doc?: Doc; pinOf?: Doc; replyToPrev?: boolean }[] = [];
  const isFict = TG_FICT.includes(name) || Object.values(TG_NOISE).includes(name);
  if (isFict) {
    const created = utc(2024, 7, 20) + rngTg.int(0, 8) * DAY + rngTg.int(6, 20) * HOUR;
    msgs.push({ ts: created, m: { type: 'service', actor: name, actor_id: fromId, action: 'create_channel', title: name, text: '', text_entities: [] } });
  }
  for (const d of mine) {
    const m: TgMsg = { type: 'message' };
    if (d.tg?.edited) Object.assign(m, { edited: localIso(d.tg.edited, MSK), edited_unixtime: String(Math.floor(d.tg.edited / 1000)) });
    m.from = name;
    m.from_id = fromId;
    if (d.tg?.forwardedFrom) m.forwarded_from = d.tg.forwardedFrom;
    m.reply_to_message_id = undefined; // placeholder keeps the exporter's key order; removed if unused
    if (d.tg?.photo) {
      const l = localIso(d.ts, MSK);
      Object.assign(m, { photo: `photos/photo_${rngTg.int(1, 999)}@${l.slice(0, 10).split('-').reverse().join('-')}_${l.slice(11).replace(/:/g, '-')}.jpg`, width: 1280, height: 720 });
    }
    m.views = d.tg?.views;
    m.text = tgText(d.segs!);
    m.text_entities = tgEntities(d.segs!);
    m.synthetic = true;
    msgs.push({ ts: d.ts, m, doc: d, replyToPrev: d.tg?.replyToPrev });
    if (d.tg?.pin) msgs.push({ ts: d.ts + rngTg.int(2, 9) * MIN, m: { type: 'service', actor: name, actor_id: fromId, action: 'pin_message', message_id: 0, text: '', text_entities: [] }, pinOf: d });
  }
  if (name === 'Погода Центр') {
    // photo-only post without caption: not a document (empty text)
    msgs.push({ ts: utc(2025, 1, 15, 7, 12, 40), m: { type: 'message', from: name, from_id: fromId, photo: 'photos/photo_1@15-01-2025_10-12-40.jpg', width: 1280, height: 853, views: 2310, text: '', text_entities: [], synthetic: true } });
  }
  msgs.sort((a, b) => a.ts - b.ts);
  const idOf = new Map<Doc, number>();
  let prevId = 0;
  return {
    name, type: 'public_channel', id, synthetic: true,
    messages: msgs.map((x, i) => {
      const mid = i + 1;
      const m: TgMsg = { id: mid, type: x.m.type, date: localIso(x.ts, MSK), date_unixtime: String(Math.floor(x.ts / 1000)) };
      for (const [k, v] of Object.entries(x.m)) if (k !== 'type') m[k] = v;
      if (x.pinOf) m.message_id = idOf.get(x.pinOf);
      if (x.doc) {
        idOf.set(x.doc, mid);
        if (x.replyToPrev && prevId) m.reply_to_message_id = prevId;
        prevId = mid;
      }
      if (m.reply_to_message_id === undefined) delete m.reply_to_message_id;
      return m;
    }),
  };
}
const fullChannels = channelNames.filter((n) => n !== TG_SINGLE).sort((a, b) => chanId(a) - chanId(b));
files[F.tgFull] = JSON.stringify({
  about: 'Here is the data you requested. Synthetic Narrascope demo export (full account export layout); all messages were written by the Narrascope developers. Local times are Europe/Moscow (UTC+3).',
  synthetic: true,
  chats: { about: 'This page lists all chats from this export.', list: fullChannels.map(buildChannel) },
}, null, 1);
files[F.tgSingle] = JSON.stringify(buildChannel(TG_SINGLE), null, 1);

// RSS 2.0
const xmlEsc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
{
  const items = docs.filter((d) => d.file === F.rss).sort((a, b) => b.ts - a.ts);
  const rngR = new Rng('narrascope-demo/rss');
  const body = items.map((d, i) => {
    const topic = d.cls === 'mission' ? (d.lang === 'uk' ? 'Війна' : 'War') : (d.lang === 'uk' ? 'Суспільство' : 'Society');
    const desc = i % 3 === 0
      ? `<![CDATA[${d.paras.map((p) => `<p>${p}</p>`).join('')}]]>`
      : xmlEsc(d.paras.map((p) => `<p>${p}</p>`).join(''));
    return `  <item>
   <title>${xmlEsc(d.title!)}</title>
   <link>${xmlEsc(d.url!)}</link>
   <guid isPermaLink="${rngR.chance(0.5)}">${xmlEsc(d.url!)}</guid>
   <pubDate>${rfc822(d.ts, kyivOffset(d.ts))}</pubDate>
   <description>${desc}</description>${d.author ? `\n   <dc:creator>${xmlEsc(d.author)}</dc:creator>` : ''}
   <category>${topic}</category>
   <category>synthetic</category>
  </item>`;
  }).join('\n');
  files[F.rss] = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
 <channel>
  <title>Ukrinform (synthetic Narrascope demo feed)</title>
  <link>https://www.ukrinform.net/</link>
  <atom:link href="https://www.ukrinform.net/narrascope-demo/rss.xml" rel="self" type="application/rss+xml"/>
  <description>SYNTHETIC feed written by the Narrascope developers, modelled on public reporting. Not real Ukrinform content.</description>
  <lastBuildDate>${rfc822(items[0].ts, kyivOffset(items[0].ts))}</lastBuildDate>
  <category>synthetic</category>
${body}
 </channel>
</rss>
`;
}
// Atom 1.0
{
  const entries = docs.filter((d) => d.file === F.atom).sort((a, b) => b.ts - a.ts);
  const body = entries.map((d, i) => {
    const off = nyOffset(d.ts);
    const html = d.paras.map((p) => `<p>${p}</p>`).join('');
    const content = i % 2 === 0 ? `<content type="html">${xmlEsc(html)}</content>` : `<summary type="text">${xmlEsc(d.paras.join(' '))}</summary>`;
    return ` <entry>
  <id>tag:understandingwar.org,2025:narrascope-demo:${slug(d.title!)}</id>
  <title type="text">${xmlEsc(d.title!)}</title>
  <link rel="alternate" type="text/html" href="${xmlEsc(d.url!)}"/>
  <published>${i % 3 === 0 ? isoZ(d.ts) : isoOff(d.ts, off)}</published>
  <updated>${i % 3 === 0 ? isoZ(d.ts + 20 * MIN) : isoOff(d.ts + 20 * MIN, off)}</updated>
  <author><name>Institute for the Study of War</name></author>
  <category term="synthetic"/>
  ${content}
 </entry>`;
  }).join('\n');
  files[F.atom] = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
 <title>ISW updates (synthetic Narrascope demo feed)</title>
 <subtitle>SYNTHETIC feed written by the Narrascope developers, modelled on public reporting. Not real ISW content.</subtitle>
 <id>tag:understandingwar.org,2025:narrascope-demo</id>
 <link rel="self" href="https://www.understandingwar.org/narrascope-demo/feed.atom"/>
 <link rel="alternate" href="https://www.understandingwar.org/"/>
 <updated>${isoZ(entries[0].ts + 20 * MIN)}</updated>
 <category term="synthetic"/>
${body}
</feed>
`;
}
// CSV (RFC 4180, BOM, CRLF between records)
const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
{
  const rows = docs.filter((d) => d.file === F.csv);
  const lines = ['id,source,published_at,lang,title,text,url,synthetic'];
  rows.forEach((d, i) => {
    const when = d.lang === 'ru' ? isoOff(d.ts, MSK) : isoZ(d.ts);
    lines.push([`st-${pad(i + 1, 4)}`, d.source, when, d.lang, d.title ?? '', d.paras.join('\n\n'), d.url ?? '', 'true'].map(csvField).join(','));
  });
  files[F.csv] = '\uFEFF' + lines.join('\r\n') + '\r\n';
}
// TSV (no quoting; fields never contain tabs or newlines)
{
  const rows = docs.filter((d) => d.file === F.tsv);
  const lines = ['channel\tdate\tbody\tlink'];
  for (const d of rows) {
    const body = d.paras.join(' ');
    if (/[\t\n\r]/.test(body)) throw new Error('TSV body with tab/newline');
    lines.push([d.source, isoOff(d.ts, kyivOffset(d.ts)), body, d.url ?? ''].join('\t'));
  }
  files[F.tsv] = lines.join('\n') + '\n';
}
// HTML
for (const p of PAGES) files[p.file] = renderPage(p);
// Text + sidecars
for (const t of TEXTS) {
  files[`text/${t.name}.txt`] = t.body;
  files[`text/${t.name}.meta.json`] = JSON.stringify({ source: t.source, publishedAt: isoZ(t.ts), url: t.url, lang: t.lang, synthetic: true }, null, 2) + '\n';
}
// Events
const EVENTS: [string, string, string, string][] = [
  ['2024-08-06', 'Ukrainian incursion into Kursk region begins', 'incursion', 'public reporting'],
  ['2024-12-05', 'Alexander Khinshtein appointed acting governor of Kursk region', 'appointment', 'public reporting'],
  ['2025-02-12', 'Trump–Putin phone call', 'diplomacy', 'public reporting'],
  ['2025-02-18', 'US–Russia talks in Riyadh', 'diplomacy', 'public reporting'],
  ['2025-02-28', 'Zelensky–Trump meeting in the Oval Office', 'diplomacy', 'public reporting'],
  ['2025-03-11', 'US–Ukraine talks in Jeddah; 30-day ceasefire proposal', 'diplomacy', 'public reporting'],
  ['2025-03-13', 'Putin’s press remarks on the ceasefire proposal (Kursk “crimes against civilians”)', 'statement', 'ISW via Ukrinform, 2025-03-16'],
  ['2025-03-14', 'Putin’s Security Council remarks (“terrorism”; call on Ukrainian troops in Kursk region to surrender)', 'statement', 'ISW via Ukrinform, 2025-03-16'],
  ['2025-03-15', 'ISW assessment: Kremlin amplifying Kursk “war crimes” narrative; claims unsubstantiated', 'report', 'ISW via Ukrinform, 2025-03-16'],
  ['2025-03-18', 'Trump–Putin phone call', 'diplomacy', 'public reporting'],
];
files['events.csv'] = 'date,title,kind,source\n' + EVENTS.map((e) => e.map(csvField).join(',')).join('\n') + '\n';
const yq = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
files['events.yaml'] = '# Narrascope demo scenario: event calendar (real, publicly reported dates).\n' +
  EVENTS.map(([d, t, k, s]) => `- date: ${d}\n  title: ${yq(t)}\n  kind: ${k}\n  source: ${yq(s)}`).join('\n') + '\n';

// ───────────────────────────── statistics + README ─────────────────────────────
const docCount: Record<string, number> = {};
for (const d of docs) docCount[d.file] = (docCount[d.file] ?? 0) + 1;
const byFile = Object.entries(docCount).reduce<Record<string, number>>((acc, [f, n]) => {
  const key = f.startsWith('html/') ? 'html/*.html' : f.startsWith('text/') ? 'text/*.txt' : f;
  acc[key] = (acc[key] ?? 0) + n;
  return acc;
}, {});
const months: Record<string, { push: number; refute: number; bg: number }> = {};
for (const d of docs) {
  const m = (months[monthKey(d.ts)] ??= { push: 0, refute: 0, bg: 0 });
  if (d.cls === 'background') m.bg++;
  else if (d.stance === 'refute') m.refute++;
  else m.push++;
}
const dayStats = (k: string) => {
  const xs = docs.filter((d) => dayKey(d.ts) === k);
  return { mission: xs.filter((d) => d.cls === 'mission').length, bg: xs.filter((d) => d.cls === 'background').length };
};
const langCount: Record<string, number> = {};
for (const d of docs) langCount[d.lang] = (langCount[d.lang] ?? 0) + 1;
const monthTable = Object.keys(months).sort().map((m) => `| ${m} | ${months[m].push} | ${months[m].refute} | ${months[m].push + months[m].refute} | ${months[m].bg} |`).join('\n');
const fileTable = Object.entries(byFile).sort().map(([f, n]) => `| \`${f}\` | ${n} |`).join('\n');

files['README.md'] = `# Narrascope demo scenario — SYNTHETIC corpus

**Everything in this folder is synthetic.** It was written by the Narrascope developers (generated by
\`scripts/build-demo-corpus.ts\`, deterministic, seeded) to demonstrate and test the engine. No document here is a
real publication, post or statement, even where a real outlet, channel or person is named. URLs on real domains
carry a \`/narrascope-demo/\` path segment and do not exist; other outlets use \`.example\` domains.

The scenario is modelled on public reporting: the Institute for the Study of War (ISW) assessment of
15 March 2025, as relayed by Ukrinform on 16 March 2025 ("Kremlin pushing narrative of Ukrainian 'war crimes' in
Kursk region to derail ceasefire talks"). Statements attributed to real people are limited to paraphrases of what
that report says they said:

- Vladimir Putin, 13 March 2025: asked whether Russia should let Ukrainian forces leave Kursk Oblast "after they
  committed a lot of crimes against civilians";
- Putin, 14 March 2025: reiterated that Ukrainian forces committed "terrorism" in Kursk region, and said (Friday)
  that Ukraine's military leadership must order its soldiers in Kursk region to lay down arms and surrender;
- acting Kursk governor Alexander Khinshtein (in office from 5 December 2024): accused Ukrainian forces of war
  crimes in Kursk region since the incursion.

Russian and Ukrainian quotations of these words are our back-translations of the English reporting, not verbatim
quotes. No new allegation (no specific incident, victim, place or number) is invented. Real channel and outlet
names (РИА Новости, ТАСС, Rybar, Readovka, Военная хроника, TASS, RT, Ukrinform, Suspilne, Ukrainska Pravda,
The Kyiv Independent, ISW) appear only as relays of those publicly reported statements or as refutations of them
(the ISW/Ukrinform assessment that they are unsubstantiated), plus harmless everyday news. All milblogger
commentary, all calls to reject a ceasefire and **all coordinated bursts are by fictional channels**
(Фронтовой вестник Z, Курский рубеж, Северный ветер Z, Окопная правда Z, Штурм-инфо, Позывной Гром, Русский
бастион, Сводки с передовой Z, Грань фронта) and fictional outlets (Вести Соловьиного края, Atlantic Wire
Service, The Northern Ledger, Baltic Narrative Lab, …).

Every document is marked synthetic where the format allows: \`"synthetic": true\` on each Telegram message and
channel, \`synthetic\` column in \`statements.csv\`, \`<category>synthetic</category>\` in RSS and
\`<category term="synthetic"/>\` in Atom, \`<meta name="narrascope:synthetic" content="true">\` in HTML, and
\`"synthetic": true\` in each \`text/*.meta.json\`. \`ua-media.tsv\` has a fixed four-column header and no such
column; it is synthetic too.

## Files

| file | documents |
|---|---|
${fileTable}

Total: **${docs.length}** documents (ru ${langCount.ru}, uk ${langCount.uk}, en ${langCount.en}), 2024-08-01 … 2025-03-31.

- \`telegram/result.json\` — Telegram Desktop *full account export* (\`about\`, \`chats.list[]\`) with
  ${fullChannels.length} public channels: state media (РИА Новости, ТАСС), three real milblogger channel names used only
  for relays, fictional milblogger channels and fictional everyday-news channels (Городская лента, Погода Центр,
  Экономика за минуту, Спорт и мы). \`date\` is local time Europe/Moscow (UTC+3) without zone,
  \`date_unixtime\` is UTC seconds. \`text\` is a string or an array of strings and entity objects (bold, link,
  text_link with href, hashtag); \`text_entities\` always an array. Also \`forwarded_from\`,
  \`reply_to_message_id\`, \`views\`, \`edited\`/\`edited_unixtime\`, photos. Service messages (\`create_channel\`,
  \`pin_message\`) and one photo-only message with empty text are not documents and must be skipped.
- \`telegram-single/result.json\` — single-channel export (\`name\`, \`type\`, \`id\`, \`messages\`) of the fictional
  channel «${TG_SINGLE}», which takes part in the coordinated bursts together with channels of the full export.
- \`rss/ukrinform.xml\` — RSS 2.0 (uk and en items; RFC 822 dates with Kyiv offsets; descriptions as escaped
  HTML or CDATA; \`dc:creator\`): everyday news plus refutations.
- \`rss/isw-updates.atom\` — Atom 1.0, ISW-style daily assessments (content type="html" or summary; UTC and
  US-Eastern offsets). The 15 March 2025 entry is the defining assessment.
- \`csv/statements.csv\` — Russian state media (ru: ТАСС, РИА Новости, fictional regional outlet; en: TASS, RT):
  UTF-8 with BOM, RFC 4180, CRLF records, multi-line texts, embedded quotes; \`published_at\` with +03:00 (ru) or Z (en).
- \`csv/ua-media.tsv\` — Ukrainian outlets and channels (uk, some ru and en), tab separated, no quoting,
  \`date\` ISO 8601 with Kyiv offset.
- \`html/\` — ${PAGES.length} full article pages (navigation, cookie banner, ads, sidebar, footer around one
  \`<article>\`; \`og:site_name\`, \`article:published_time\`): state media (ru/en), Ukrainian (uk/en), Western (en) and
  three everyday-news pages.
- \`text/\` — ${TEXTS.length} plain-text documents with \`NAME.meta.json\` sidecars: a fictional state-TV-style
  transcript (speaker labels), a fictional milblogger long-read, a fictional Ukrainian fact-check, a fictional
  think-tank note and an everyday council summary.
- \`events.csv\`, \`events.yaml\` — the event calendar (real dates): incursion 2024-08-06, Khinshtein acting
  governor 2024-12-05, Trump–Putin call 2025-02-12, Riyadh 2025-02-18, Oval Office 2025-02-28, Jeddah and the
  30-day ceasefire proposal 2025-03-11, Putin 2025-03-13 and 2025-03-14, ISW assessment 2025-03-15,
  Trump–Putin call 2025-03-18.

## What an analyst should find

1. **The narrative** "Ukrainian forces commit war crimes / terrorism against civilians in Kursk region"
   (child of *Discrediting Ukraine: Discrediting Ukrainian military*), pushed by Russian officials (Putin,
   Khinshtein), state media (РИА Новости, ТАСС, TASS, RT) and milblogger channels, in Russian and English.
2. **Timeline**: low, steady mentions from 2024-08-06 (a few per week); a lasting rise from early February 2025
   (about three times the earlier rate, after the Trump–Putin call of 12 February); a sharp surge on
   13–15 March 2025 right after Putin's remarks that followed the 30-day ceasefire proposal of 11 March; decay
   afterwards. Background noise (weather, economy, sport, city, tech in ru/uk/en) stays flat with a weekly rhythm
   and does **not** rise during the surge. Khinshtein is quoted only from 5 December 2024; Putin only from
   13 March 2025 (after the remarks).
3. **Attribution** structures: «…», — пишет канал «…»; «…», — наголосили в ISW; "…," the ISW stressed; по словам Хинштейна, …; «Путин: …» headlines; як заявив …;
   за словами …; "X said that …"; "according to X"; reporting chains ("ТАСС сообщает, что, по словам Хинштейна, …",
   "РИА Новости со ссылкой на …", "Ukrinform reports, citing ISW, that Putin …", "Укрінформ із посиланням на ISW
   повідомляє …"); transcript speaker labels.
4. **Stance**: state media and milbloggers assert or relay; Ukrainian outlets (Ukrinform, Suspilne, Ukrainska
   Pravda, The Kyiv Independent), ISW and fictional Western outlets refute ("unsubstantiated", "so-called",
   "without evidence", "could not be independently verified", фейк, безпідставні, без доказательств). Refutations
   follow the pushes with a lag (most after the ISW assessment of 15 March). Amplifiers call for rejecting any
   ceasefire (fictional channels only).
5. **Coordination**: ${BURSTS.length} bursts in which 3–6 fictional channels post the same text word for word within
   1–5 minutes (4 in February 2025, 8 on 11–15 March 2025); a core of five channels recurs; «Грань фронта» is a
   fictional milblogger channel that never takes part (control). Forwards (\`forwarded_from\`) of РИА Новости/ТАСС
   posts spread over minutes to hours and are not coordination in the CooRTweet sense.

### Documents per month

| month | narrative: push | narrative: refute | narrative total | background |
|---|---|---|---|---|
${monthTable}

### Coordinated bursts (UTC)

${burstLog.map((l) => `- ${l}`).join('\n')}
`;

// ───────────────────────────── write ─────────────────────────────
rmSync(OUT, { recursive: true, force: true });
for (const [rel, content] of Object.entries(files)) {
  const p = join(OUT, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content, 'utf8');
}

// ───────────────────────────── validation ─────────────────────────────
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
function xmlSanity(xml: string, name: string): void {
  // a tiny well-formedness check: balanced tags, legal entities, no stray '<' / '&'
  const stack: string[] = [];
  const re = /<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+(?:="[^"<]*")?)*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (m[0].startsWith('<![CDATA[') || m[0].startsWith('<?') || m[0].startsWith('<!--')) continue;
    if (m[0] === '<' || m[0].startsWith('&')) throw new Error(`${name}: stray ${m[0]} at ${m.index}`);
    const [, close, tag, , self] = m;
    if (self) continue;
    if (close) {
      const top = stack.pop();
      if (top !== tag) throw new Error(`${name}: </${tag}> closes <${top}> at ${m.index}`);
    } else stack.push(tag);
  }
  if (stack.length) throw new Error(`${name}: unclosed ${stack.join(',')}`);
}
let total = 0;
for (const p of walk(OUT)) {
  const rel = relative(OUT, p);
  const s = readFileSync(p, 'utf8');
  total += Buffer.byteLength(s);
  if (p.endsWith('.json')) JSON.parse(s);
  if (p.endsWith('.xml') || p.endsWith('.atom')) xmlSanity(s, rel);
  if (p.endsWith('.html')) {
    const body = s.replace(/<script>[\s\S]*?<\/script>/g, '').replace(/<!DOCTYPE html>/, '');
    xmlSanity(body.replace(/<(meta|link)\b([^>]*?)>/g, '<$1$2/>'), rel);
  }
}
{
  // Telegram checks: ids increase, references resolve, bursts are identical and within 1–5 min
  const full = JSON.parse(readFileSync(join(OUT, F.tgFull), 'utf8'));
  const single = JSON.parse(readFileSync(join(OUT, F.tgSingle), 'utf8'));
  for (const ch of [...full.chats.list, single]) {
    const ids = new Set<number>();
    let prev = 0;
    let prevT = 0;
    for (const m of ch.messages) {
      if (m.id <= prev) throw new Error(`${ch.name}: ids not increasing`);
      if (Number(m.date_unixtime) < prevT) throw new Error(`${ch.name}: dates not increasing`);
      prev = m.id; prevT = Number(m.date_unixtime);
      ids.add(m.id);
      const back = Date.parse(m.date + 'Z') - MSK * MIN;
      if (back !== Number(m.date_unixtime) * 1000) throw new Error(`${ch.name}: date/date_unixtime mismatch at ${m.id}`);
    }
    for (const m of ch.messages) {
      if (m.reply_to_message_id && !ids.has(m.reply_to_message_id)) throw new Error(`${ch.name}: dangling reply`);
      if (m.action === 'pin_message' && !ids.has(m.message_id)) throw new Error(`${ch.name}: dangling pin`);
    }
  }
  // CSV record count via a small RFC 4180 parser
  const csv = readFileSync(join(OUT, F.csv), 'utf8');
  if (csv.charCodeAt(0) !== 0xfeff) throw new Error('CSV without BOM');
  let rows = 0; let q = false; let fields = 1;
  for (let i = 1; i < csv.length; i++) {
    const c = csv[i];
    if (q) { if (c === '"') { if (csv[i + 1] === '"') i++; else q = false; } }
    else if (c === '"') q = true;
    else if (c === ',') fields++;
    else if (c === '\n') { if (fields !== 8) throw new Error(`CSV row ${rows} has ${fields} fields`); rows++; fields = 1; }
  }
  if (rows - 1 !== docCount[F.csv]) throw new Error(`CSV rows ${rows - 1} != ${docCount[F.csv]}`);
  const tsv = readFileSync(join(OUT, F.tsv), 'utf8').trimEnd().split('\n');
  if (tsv.some((l) => l.split('\t').length !== 4)) throw new Error('TSV column count');
}
if (total > 3_000_000) throw new Error(`corpus too large: ${total} bytes`);

// ───────────────────────────── report ─────────────────────────────
const log = (s = '') => process.stdout.write(s + '\n');
log(`wrote ${Object.keys(files).length} files to ${relative(ROOT, OUT)} (${(total / 1024).toFixed(0)} KiB), ${docs.length} documents`);
for (const [f, n] of Object.entries(byFile).sort()) log(`  ${f.padEnd(30)} ${n}`);
log(`languages: ${JSON.stringify(langCount)}`);
log('month     push refute  bg');
for (const m of Object.keys(months).sort()) log(`${m}   ${String(months[m].push).padStart(4)} ${String(months[m].refute).padStart(6)} ${String(months[m].bg).padStart(4)}`);
for (const k of ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13', '2025-03-14', '2025-03-15', '2025-03-16', '2025-03-17', '2025-03-18']) log(`  ${k} ${JSON.stringify(dayStats(k))}`);
log('bursts (UTC):');
for (const l of burstLog) log('  ' + l);
