import type { Attribution, Document, DocumentAnalysis, Mention } from '../../src/model/index.ts';

/** A document with sensible defaults (RIA Novosti, Russian, 2024-11-21 10:00 UTC). */
export function doc(id: string, text: string, extra: Partial<Document> = {}): Document {
  return {
    id, text, source: { name: 'РИА Новости', handle: 'rian_ru', actorId: 'ria-novosti' }, publishedAt: '2024-11-21T10:00:00.000Z',
    lang: 'ru', kind: 'post', meta: { views: 10 }, ingest: { format: 'json', at: '2025-01-01T00:00:00.000Z' }, ...extra,
  };
}

/** A 24-hex id from a small number, so fixtures read well and sort predictably. */
export function hexId(n: number): string {
  return n.toString(16).padStart(24, '0');
}

export function attribution(speaker: string, content: string, extra: Partial<Attribution> = {}): Attribution {
  return {
    speaker: { text: speaker, start: 0, end: speaker.length, name: speaker },
    cue: { text: 'заявил', start: speaker.length + 1, end: speaker.length + 7, class: 'statement' },
    content: { text: content, start: speaker.length + 10, end: speaker.length + 10 + content.length },
    direct: false, chain: [{ name: 'РИА Новости', actorId: 'ria-novosti' }], stance: 'asserts', narratives: [], ...extra,
  };
}

export function emptyAnalysis(documentId: string): DocumentAnalysis {
  return { documentId, attributions: [], events: [], assessments: [], narratives: [], mentions: [] };
}

export function mention(documentId: string, narrativeId: string, at: string, extra: Partial<Mention> = {}): Mention {
  return { narrativeId, documentId, actorName: 'РИА Новости', actorId: 'ria-novosti', actorType: 'state_media', stance: 'asserts', at, score: 0.8, ...extra };
}

const SOURCES: Document['source'][] = [
  { name: 'РИА Новости', handle: 'rian_ru', actorId: 'ria-novosti' },
  { name: 'ТАСС', handle: 'tass_agency', actorId: 'tass' },
  { name: 'Ukrinform', actorId: 'ukrinform' },
  { name: 'Reuters', url: 'https://www.reuters.com' },
  { name: 'Rybar', handle: 'rybar' },
];
const TEXTS: [string, string][] = [
  ['ru', 'Путин рассказал об ударе ракетой «Орешник» по Днепру'],
  ['ru', 'Испытания «Орешника» продолжатся, заявил Песков'],
  ['ru', 'Курс рубля упал до 100₽ за доллар'],
  ['uk', 'Зеленський заявив, що Україна отримає ППО'],
  ['uk', 'Їжак і ґудзик: українські літери в пошуку'],
  ['en', 'Reuters: Russia launched an Oreshnik missile at Dnipro'],
  ['en', "Café owners don't expect naïve COVID-19 rules"],
  ['ru', 'Ёлка, ёж и йогурт — ЕЛКА, ЕЖ, ЙОГУРТ'],
  ['el', 'ΣΊΣΥΦΟΣ και Σίσυφος'],
  ['ru', 'Захарова: Запад готовит провокацию в Буче'],
];

/**
 * A small corpus with analyses: several languages and sources, times over three months (with ties), meta with
 * forwardedFrom/replyTo of every JSON type, attributions, events, assessments, narratives and mentions.
 */
export function corpus(): { docs: Document[]; analyses: DocumentAnalysis[] } {
  const docs: Document[] = [];
  const analyses: DocumentAnalysis[] = [];
  const fwd: unknown[] = ['@rybar', 12345, true, false, { channel: 'x', id: 2, z: [1, 'a'] }, [1, 2], null, 1.5, ''];
  for (let i = 0; i < 30; i++) {
    const [lang, text] = TEXTS[i % TEXTS.length];
    // Times: every 4 h from 2024-10-30, but pairs share a timestamp so that ordering falls back to the id.
    const at = new Date(Date.UTC(2024, 9, 30) + Math.floor(i / 2) * 4 * 3600_000 * 7).toISOString();
    const id = hexId(1000 - i * 7);
    const meta: Record<string, unknown> = { views: i * 10 };
    if (i % 3 === 0) meta.forwardedFrom = fwd[(i / 3) % fwd.length];
    if (i % 4 === 1) meta.replyTo = fwd[(i + 3) % fwd.length];
    docs.push(doc(id, `${text} №${i}`, {
      lang, publishedAt: at, source: SOURCES[i % SOURCES.length], meta,
      ...(i % 5 === 0 ? { title: `Заголовок ${i}` } : {}), ...(i % 6 === 0 ? { url: `https://example.org/${i}` } : {}),
      kind: i % 7 === 0 ? 'article' : 'post',
    }));
    const a = emptyAnalysis(id);
    if (i % 2 === 0) {
      a.attributions.push(attribution(i % 4 === 0 ? 'Песков' : 'Peskov', `Кремль ответит ${i}`, {
        ...(i % 8 === 0 ? { date: '2024-09-01' } : {}), stance: i % 6 === 0 ? 'refutes' : 'asserts',
        speaker: { text: i % 4 === 0 ? 'Песков' : 'Peskov', start: 0, end: 6, name: i % 4 === 0 ? 'Дмитрий Песков' : 'Dmitry PESKOV', actorId: 'peskov', type: 'government_official' },
      }));
      a.attributions.push(attribution('Захарова', `Запад 100% готовит провокацию_${i}`));
    }
    if (i % 3 === 0) a.events.push({ date: at.slice(0, 10), text: `событие ${i}`, start: 0, end: 7, kind: 'strike' });
    if (i % 5 === 0) a.assessments.push({ by: { name: 'ISW', actorId: 'isw' }, verdict: 'unsubstantiated', text: 'без оснований', start: 0, end: 5, about: 0 });
    if (i % 2 === 1) {
      a.narratives.push({ id: 'nato-aggression', label: 'NATO aggression', score: 0.5 + i / 100, stance: 'asserts', evidence: [] });
      a.narratives.push({ id: 'ukraine-nazi', label: 'Ukraine is Nazi', score: 0.25, stance: 'relays', evidence: [{ text: 'x', start: 0, end: 1 }] });
    }
    a.mentions.push(mention(id, i % 2 ? 'nato-aggression' : 'west-provokes', at, { stance: i % 5 === 0 ? 'refutes' : 'asserts', score: 1 / (i + 1) }));
    a.mentions.push(mention(id, 'nato-aggression', at, { actorId: undefined, actorName: 'Песков', actorType: 'government_official', attributionIndex: 0 }));
    if (i === 7) a.mentions.push(mention(id, 'nato-aggression', 'not-a-date', { actorName: 'Odd' }));
    analyses.push(a);
  }
  return { docs, analyses };
}

/** Strings that must never break a query or widen it: SQL, FTS5, tsquery and LIKE syntax, NUL, huge, odd Unicode. */
export const HOSTILE = [
  "'; DROP TABLE documents; --", '" OR 1=1 --', "' OR ''='", "%' OR 1=1 --", '%', '_', '\\', '\\%', '*', 'NEAR(', ')(', 'a OR',
  '"', "'", '$1', ':*', '!', '&', '|', '<->', 'a & b | !c', "орешник:*A & 'x'", '{}', '[]', 'NULL', 'null', '\0', 'a\0b',
  '😀', '\u202e', ' ', '', '-- comment', '/* x */', 'x'.repeat(10_000), 'ё'.repeat(300), '0; SELECT pg_sleep(5)',
  "'); DELETE FROM mentions; --", 'E\'\\x00\'', '2024-11-21T10:00:00.000Z\0',
];
