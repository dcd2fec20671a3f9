/**
 * The Store contract: one suite, run against every adapter (test/store/sqlite.test.ts, test/store/postgres.test.ts).
 * Whatever SQLite does, PostgreSQL must do: same results, same ordering, same duplicate counting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Store } from '../../src/store/store.ts';
import type { DocumentAnalysis } from '../../src/model/index.ts';
import { attribution, corpus, doc, emptyAnalysis, hexId, HOSTILE, mention } from './fixtures.ts';

export type MakeStore = () => Promise<Store>;

export function storeContract(name: string, makeStore: MakeStore, options: { skip?: string | false } = {}): void {
  const it = (title: string, fn: (store: Store) => Promise<void>) =>
    test(`${name}: ${title}`, { skip: options.skip || false }, async () => {
      const store = await makeStore();
      try { await fn(store); } finally { await store.close(); }
    });

  const withCorpus = async (store: Store) => {
    const c = corpus();
    const r = await store.insertDocuments(c.docs, c.analyses);
    assert.equal(r.inserted, c.docs.length);
    return c;
  };

  it('documents round-trip, duplicates are skipped and counted', async (store) => {
    const first = await store.insertDocuments([doc('a'.repeat(24), 'Удар «Орешником» по Днепру'), doc('b'.repeat(24), 'Погода в Москве')]);
    assert.deepEqual([first.inserted, first.duplicates], [2, 0]);
    assert.deepEqual(first.insertedIds, ['a'.repeat(24), 'b'.repeat(24)]);
    const again = await store.insertDocuments([doc('a'.repeat(24), 'Удар «Орешником» по Днепру')]);
    assert.deepEqual([again.inserted, again.duplicates, again.insertedIds], [0, 1, []]);
    const got = await store.getDocument('a'.repeat(24));
    assert.deepEqual(got, doc('a'.repeat(24), 'Удар «Орешником» по Днепру'));
    assert.equal(await store.getDocument('c'.repeat(24)), undefined);
    assert.equal(await store.countDocuments(), 2);
    assert.deepEqual(await store.insertDocuments([]), { inserted: 0, duplicates: 0, insertedIds: [] });
    assert.deepEqual(await store.checkIntegrity(), []);
  });

  it('every field round-trips, including optional ones, key order of meta and odd characters', async (store) => {
    const full = doc(hexId(1), 'Текст с \'кавычками\', "двойными", \\ обратной чертой и 😀', {
      title: 'Заголовок', url: 'https://example.org/a?b=1&c=%20', kind: 'article',
      source: { name: 'Reuters', handle: 'reuters', url: 'https://reuters.com', actorId: 'reuters' },
      meta: { z: 1, a: { y: [1, 2, { x: null }], b: 'ё' }, m: true, e: '', n: 1.25, big: 12345678901234 },
      ingest: { file: '/data/x.jsonl', line: 7, format: 'jsonl', at: '2025-01-01T00:00:00.000Z' },
    });
    const bare = doc(hexId(2), 'x', { source: { name: 'Anon' }, meta: {} });
    await store.insertDocuments([full, bare]);
    const got = await store.getDocument(hexId(1));
    assert.deepEqual(got, full);
    assert.equal(JSON.stringify(got?.meta), JSON.stringify(full.meta), 'same key order as written');
    assert.deepEqual(await store.getDocument(hexId(2)), bare);
  });

  it('duplicates within one call count as duplicates and the first occurrence wins', async (store) => {
    const r = await store.insertDocuments([doc(hexId(2), 'first'), doc(hexId(1), 'one'), doc(hexId(2), 'second'), doc(hexId(1), 'again')],
      [{ ...emptyAnalysis(hexId(2)), attributions: [attribution('Песков', 'первое')] }]);
    assert.deepEqual(r, { inserted: 2, duplicates: 2, insertedIds: [hexId(2), hexId(1)] });
    assert.equal((await store.getDocument(hexId(2)))?.text, 'first');
    assert.equal(await store.countAttributions(), 1);
    const r2 = await store.insertDocuments([doc(hexId(3), 'three'), doc(hexId(2), 'x'), doc(hexId(3), 'y')]);
    assert.deepEqual(r2, { inserted: 1, duplicates: 2, insertedIds: [hexId(3)] });
  });

  it('full-text search finds inflected forms by prefix and never fails on operator characters', async (store) => {
    await store.insertDocuments([
      doc('1'.repeat(24), 'Путин рассказал об ударе ракетой «Орешник»'),
      doc('2'.repeat(24), 'Испытания «Орешника» продолжатся'),
      doc('3'.repeat(24), 'Курс рубля упал'),
    ]);
    assert.equal(await store.countDocuments({ query: 'Орешник' }), 2);
    assert.equal(await store.countDocuments({ query: 'орешник путин' }), 1);
    for (const hostile of ['"', 'a OR', '*', 'NEAR(', "'; DROP TABLE documents; --", ')(']) {
      await store.countDocuments({ query: hostile });
    }
    assert.equal(await store.countDocuments(), 3);
  });

  it('full-text search: all words, prefixes only, titles too, folding as SQLite folds', async (store) => {
    await store.insertDocuments([
      doc(hexId(1), 'Путин рассказал об ударе ракетой «Орешник»', { title: 'Брифинг' }),
      doc(hexId(2), 'Испытания «Орешника» продолжатся'),
      doc(hexId(3), "Café owners don't expect naïve COVID-19 rules", { lang: 'en' }),
      doc(hexId(4), 'Ёлка и йогурт; ЇЖАК і ґудзик', { lang: 'uk' }),
      doc(hexId(5), 'ΣΊΣΥΦΟΣ, Straße, İstanbul, 100₽ и 50%', { lang: 'el' }),
    ]);
    const ids = async (query: string) => (await store.listDocuments({ query })).map((d) => Number.parseInt(d.id, 16));
    assert.deepEqual(await ids('Орешн'), [1, 2]);
    assert.deepEqual(await ids('решник'), [], 'a word is matched from its start, not in the middle');
    assert.deepEqual(await ids('брифинг ракет'), [1], 'title and text together');
    assert.deepEqual(await ids('брифинг курс'), [], 'every word must match');
    assert.deepEqual(await ids('cafe NAIVE covid 19'), [3], 'Latin diacritics and case are folded');
    assert.deepEqual(await ids('café'), [3]);
    assert.deepEqual(await ids('don'), [3]);
    assert.deepEqual(await ids('ёлка'), [4]);
    assert.deepEqual(await ids('елка'), [], 'ё is not е (unicode61 keeps Cyrillic diacritics)');
    assert.deepEqual(await ids('иогурт'), []);
    assert.deepEqual(await ids('їжак Ґудзик'), [4]);
    assert.deepEqual(await ids('σισυφ'), []);
    assert.deepEqual(await ids('σίσυφος'), [5], 'final sigma folds');
    assert.deepEqual(await ids('strasse'), []);
    assert.deepEqual(await ids('straße istanbul 100'), [5]);
    assert.deepEqual(await ids('   '), [1, 2, 3, 4, 5], 'no words: no condition');
    assert.deepEqual(await ids('"орешник" OR путин'), [], 'OR is a word, not an operator');
    assert.deepEqual(await ids('орешник*'), [1, 2]);
  });

  it('filters by language, source and time', async (store) => {
    await store.insertDocuments([
      doc('4'.repeat(24), 'one', { lang: 'uk', publishedAt: '2025-03-13T00:00:00.000Z', source: { name: 'Ukrinform', actorId: 'ukrinform' } }),
      doc('5'.repeat(24), 'two', { publishedAt: '2025-03-14T00:00:00.000Z' }),
    ]);
    assert.equal(await store.countDocuments({ lang: 'uk' }), 1);
    assert.equal(await store.countDocuments({ source: 'rian_ru' }), 1);
    assert.equal(await store.countDocuments({ source: 'ukrinform' }), 1);
    assert.equal(await store.countDocuments({ source: 'Ukrinform' }), 1);
    assert.equal(await store.countDocuments({ actorId: 'ria-novosti' }), 1);
    assert.equal(await store.countDocuments({ since: '2025-03-14T00:00:00.000Z' }), 1);
    assert.equal(await store.countDocuments({ until: '2025-03-14T00:00:00.000Z' }), 1);
    assert.equal(await store.countDocuments({ since: '2025-03-13', until: '2025-03-14' }), 1);
    const stats = await store.documentStats();
    assert.equal(stats.count, 2);
    assert.equal(stats.first, '2025-03-13T00:00:00.000Z');
    assert.equal(stats.last, '2025-03-14T00:00:00.000Z');
    assert.match(stats.fingerprint, /^sha256:[0-9a-f]{32}$/);
  });

  it('analyses are stored with their document in one transaction and only for new documents', async (store) => {
    const d = doc('6'.repeat(24), 'Песков заявил, что Кремль ответит.');
    const analysis: DocumentAnalysis = {
      documentId: d.id, events: [], assessments: [], narratives: [], mentions: [],
      attributions: [{
        speaker: { text: 'Песков', start: 0, end: 6, actorId: 'peskov', type: 'government_official' },
        cue: { text: 'заявил', start: 7, end: 13, class: 'statement' }, content: { text: 'Кремль ответит', start: 19, end: 33 },
        direct: false, chain: [{ name: 'РИА Новости', actorId: 'ria-novosti' }], stance: 'relays', narratives: [],
      }],
    };
    await store.insertDocuments([d], [analysis]);
    await store.insertDocuments([d], [analysis]);
    assert.equal(await store.countAttributions(), 1);
    const [a] = await store.listAttributions({ speaker: 'peskov' });
    assert.equal(a.content.text, 'Кремль ответит');
    assert.equal(a.documentId, d.id);
    assert.deepEqual(a, { ...analysis.attributions[0], documentId: d.id, index: 0, publishedAt: d.publishedAt, lang: 'ru' });
    assert.equal(await store.countAttributions({ stance: 'refutes' }), 0);
    assert.equal(await store.countAttributions({ query: 'ответит' }), 1);
    assert.equal(await store.countAttributions({ speaker: "%' OR 1=1 --" }), 0);
  });

  it('a failing analysis rolls back its whole batch, documents included', async (store) => {
    const bad: DocumentAnalysis = { ...emptyAnalysis(hexId(9)), narratives: [
      { id: 'same', label: 'x', score: 1, stance: 'asserts', evidence: [] },
      { id: 'same', label: 'x', score: 1, stance: 'asserts', evidence: [] },
    ] };
    await assert.rejects(store.insertDocuments([doc(hexId(8), 'ok'), doc(hexId(9), 'bad')], [bad]));
    assert.equal(await store.countDocuments(), 0);
    assert.deepEqual([...await store.existingIds([hexId(8), hexId(9)])], []);
    const r = await store.insertDocuments([doc(hexId(8), 'ok')]);
    assert.equal(r.inserted, 1, 'the store is usable after the failure');
  });

  it('listDocuments orders by time then id, pages, and applies SQLite LIMIT/OFFSET rules', async (store) => {
    const { docs } = await withCorpus(store);
    const sorted = [...docs].sort((a, b) => a.publishedAt.localeCompare(b.publishedAt) || (a.id < b.id ? -1 : 1)).map((d) => d.id);
    assert.deepEqual((await store.listDocuments({}, { limit: 1000 })).map((d) => d.id), sorted);
    assert.deepEqual((await store.listDocuments()).length, 30);
    assert.deepEqual((await store.listDocuments({}, { limit: 5, offset: 3 })).map((d) => d.id), sorted.slice(3, 8));
    assert.deepEqual((await store.listDocuments({}, { limit: 0 })).map((d) => d.id), []);
    assert.deepEqual((await store.listDocuments({}, { limit: -1 })).map((d) => d.id), sorted, 'negative limit: no limit');
    assert.deepEqual((await store.listDocuments({}, { limit: 2, offset: -5 })).map((d) => d.id), sorted.slice(0, 2), 'negative offset: 0');
    await assert.rejects(store.listDocuments({}, { limit: 2.5 }));
    await assert.rejects(store.listDocuments({}, { limit: Number.NaN }));
    const ru = docs.filter((d) => d.lang === 'ru' && d.publishedAt >= '2024-11-05').map((d) => d.id);
    assert.deepEqual((await store.listDocuments({ lang: 'ru', since: '2024-11-05' }, { limit: 100 })).map((d) => d.id).sort(), ru.sort());
    assert.deepEqual(await store.listDocuments({}, { limit: 1 }), [docs.find((d) => d.id === sorted[0])]);
  });

  it('documentStats: totals, languages, sources (ties in key order) and a fingerprint of the ids', async (store) => {
    const { docs } = await withCorpus(store);
    const stats = await store.documentStats();
    assert.equal(stats.count, 30);
    const byLang: Record<string, number> = {};
    for (const d of docs) byLang[d.lang] = (byLang[d.lang] ?? 0) + 1;
    assert.deepEqual(stats.byLang, byLang);
    const expectedLangOrder = Object.entries(byLang).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([l]) => l);
    assert.deepEqual(Object.keys(stats.byLang), expectedLangOrder);
    assert.equal(stats.bySource.reduce((n, s) => n + s.count, 0), 30);
    assert.deepEqual(stats.bySource.map((s) => s.sourceName), ['Reuters', 'Rybar', 'Ukrinform', 'РИА Новости', 'ТАСС']);
    const hash = createHash('sha256');
    for (const id of docs.map((d) => d.id).sort()) hash.update(id).update('\n');
    assert.equal(stats.fingerprint, `sha256:${hash.digest('hex').slice(0, 32)}`);
    const empty = await store.documentStats({ lang: 'xx' });
    assert.deepEqual(empty, { count: 0, byLang: {}, bySource: [], fingerprint: `sha256:${createHash('sha256').digest('hex').slice(0, 32)}` });
    const q = await store.documentStats({ query: 'орешник' });
    assert.equal(q.count, docs.filter((d) => /орешник/i.test(d.text)).length);
  });

  it('mentions: listed in time order with every filter, counted by narrative × stance × actor type', async (store) => {
    const { analyses } = await withCorpus(store);
    const all = analyses.flatMap((a) => a.mentions);
    const listed = await store.listMentions();
    assert.equal(listed.length, all.length);
    const order = (m: typeof all[number]) => `${m.at}\u0000${String(all.indexOf(m)).padStart(4, '0')}`;
    const norm = (m: typeof all[number]) => JSON.parse(JSON.stringify(m));
    assert.deepEqual(listed, [...all].sort((a, b) => (order(a) < order(b) ? -1 : 1)).map(norm));
    assert.equal((await store.listMentions({ narrativeIds: ['nato-aggression'] })).length, all.filter((m) => m.narrativeId === 'nato-aggression').length);
    assert.equal((await store.listMentions({ narrativeIds: [] })).length, 0);
    assert.equal((await store.listMentions({ narrativeIds: ['west-provokes', 'nato-aggression'] })).length, all.length);
    assert.equal((await store.listMentions({ stance: 'refutes' })).length, all.filter((m) => m.stance === 'refutes').length);
    assert.equal((await store.listMentions({ actorType: 'government_official' })).length, all.filter((m) => m.actorType === 'government_official').length);
    assert.equal((await store.listMentions({ actorId: 'ria-novosti' })).length, all.filter((m) => m.actorId === 'ria-novosti').length);
    assert.equal((await store.listMentions({ since: '2024-11-10', until: '2024-12-01' })).length,
      all.filter((m) => m.at >= '2024-11-10' && m.at < '2024-12-01').length);
    assert.equal((await store.listMentions({ documentId: hexId(1000) })).length, 2);
    assert.deepEqual(await store.listMentions({}, { limit: 3, offset: 2 }), listed.slice(2, 5));
    assert.ok(listed.some((m) => m.at === 'not-a-date'), 'a mention whose time is not a date is kept');
    const counts = await store.countMentions();
    assert.equal(counts.reduce((n, c) => n + c.count, 0), all.length);
    const nato = counts.filter((c) => c.narrativeId === 'nato-aggression');
    assert.deepEqual(nato.map((c) => c.count), [...nato.map((c) => c.count)].sort((a, b) => b - a), 'largest first within a narrative');
    assert.deepEqual(counts.map((c) => c.narrativeId), [...counts.map((c) => c.narrativeId)].sort());
    const govt = counts.find((c) => c.narrativeId === 'nato-aggression' && c.actorType === 'government_official');
    assert.equal(govt?.count, 30);
    assert.equal(govt?.first, '2024-10-30T00:00:00.000Z');
    assert.deepEqual(await store.countMentions({ narrativeIds: ['nope'] }), []);
    const daily = await store.dailyMentionCounts();
    assert.equal(daily.reduce((n, c) => n + c.count, 0), all.length, 'every mention counted once per day');
    const day = daily.find((c) => c.narrativeId === 'nato-aggression' && c.day === '2024-10-30');
    assert.equal(day?.count, all.filter((m) => m.narrativeId === 'nato-aggression' && m.at.startsWith('2024-10-30') && m.stance === day?.stance).length);
    assert.deepEqual(await store.dailyMentionCounts({ narrativeIds: ['nope'] }), []);
  });

  it('documentTimes: time order with forwardedFrom/replyTo as SQLite json_extract gives them', async (store) => {
    const { docs } = await withCorpus(store);
    const times = await store.documentTimes();
    assert.equal(times.length, 30);
    const byId = new Map(times.map((t) => [t.id, t]));
    const asSqlite = (v: unknown) => v === undefined || v === null ? undefined
      : typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? '1' : '0') : typeof v === 'number' ? String(v) : JSON.stringify(v);
    for (const d of docs) {
      const t = byId.get(d.id)!;
      assert.equal(t.forwardedFrom, asSqlite(d.meta.forwardedFrom), `forwardedFrom of ${JSON.stringify(d.meta)}`);
      assert.equal(t.replyTo, asSqlite(d.meta.replyTo));
      assert.equal(t.actorId, d.source.actorId);
      assert.equal(t.sourceName, d.source.name);
    }
    assert.deepEqual(times.map((t) => t.id), (await store.listDocuments({}, { limit: 100 })).map((d) => d.id));
    assert.ok(times.some((t) => t.forwardedFrom === '{"channel":"x","id":2,"z":[1,"a"]}'));
    assert.ok(times.some((t) => t.forwardedFrom === ''));
    assert.deepEqual((await store.documentTimes({ source: 'tass_agency' })).length, 6);
  });

  it('dailyCounts: documents per UTC day, in day order', async (store) => {
    const { docs } = await withCorpus(store);
    const expected = new Map<string, number>();
    for (const d of docs) expected.set(d.publishedAt.slice(0, 10), (expected.get(d.publishedAt.slice(0, 10)) ?? 0) + 1);
    assert.deepEqual(await store.dailyCounts(), [...expected].sort().map(([day, count]) => ({ day, count })));
    assert.deepEqual(await store.dailyCounts({ lang: 'xx' }), []);
    const uk = await store.dailyCounts({ lang: 'uk' });
    assert.equal(uk.reduce((n, r) => n + r.count, 0), docs.filter((d) => d.lang === 'uk').length);
  });

  it('text events, assessments and document narratives with their filters', async (store) => {
    const { analyses } = await withCorpus(store);
    const events = await store.listTextEvents();
    assert.equal(events.length, analyses.reduce((n, a) => n + a.events.length, 0));
    assert.deepEqual(events.map((e) => e.date), [...events.map((e) => e.date)].sort());
    assert.deepEqual(Object.keys(events[0]).sort(), ['date', 'documentId', 'end', 'kind', 'start', 'text']);
    assert.equal((await store.listTextEvents({ since: '2024-11-10T00:00:00.000Z', until: '2024-11-20' })).length,
      events.filter((e) => e.date >= '2024-11-10' && e.date < '2024-11-20').length);
    assert.equal((await store.listTextEvents({ until: '' })).length, 0, 'an empty until is a bound, as on SQLite');
    assert.equal((await store.listTextEvents({ since: '' })).length, events.length);
    const assessments = await store.listAssessments();
    assert.equal(assessments.length, 6);
    assert.deepEqual(assessments[0], { by: { name: 'ISW', actorId: 'isw' }, verdict: 'unsubstantiated', text: 'без оснований', start: 0, end: 5, about: 0, documentId: assessments[0].documentId });
    assert.equal((await store.listAssessments({ documentId: hexId(1000) })).length, 1);
    assert.equal((await store.listAssessments({ documentId: '' })).length, 0);
    const narratives = await store.listDocumentNarratives();
    assert.equal(narratives.length, 30);
    assert.deepEqual(narratives.map((n) => `${n.documentId}/${n.id}`), [...narratives.map((n) => `${n.documentId}/${n.id}`)].sort());
    assert.equal((await store.listDocumentNarratives({ narrativeIds: ['ukraine-nazi'] })).length, 15);
    assert.equal((await store.listDocumentNarratives({ narrativeIds: [] })).length, 0);
    assert.equal((await store.listDocumentNarratives({ documentId: hexId(1000 - 7), narrativeIds: ['nato-aggression'] })).length, 1);
    assert.equal((await store.listDocumentNarratives({ documentId: '' })).length, 30, 'an empty documentId is no filter, as on SQLite');
  });

  it('attributions: every filter, time order with said_on first, paging', async (store) => {
    const { analyses } = await withCorpus(store);
    const total = analyses.reduce((n, a) => n + a.attributions.length, 0);
    assert.equal(await store.countAttributions(), total);
    const all = await store.listAttributions({}, { limit: 1000 });
    assert.equal(all.length, total);
    const key = (a: typeof all[number]) => a.date ?? a.publishedAt;
    assert.deepEqual(all.map(key), [...all.map(key)].sort());
    assert.equal(all[0].date, '2024-09-01', 'said_on sorts before publication');
    assert.equal((await store.listAttributions()).length, Math.min(100, total));
    assert.equal(await store.countAttributions({ speaker: 'peskov' }), 15, 'actor id');
    assert.equal(await store.countAttributions({ speaker: 'ПЕСКОВ' }), 0, 'LIKE folds ASCII only (as SQLite)');
    assert.equal(await store.countAttributions({ speaker: 'Песков' }), 8);
    assert.equal(await store.countAttributions({ speaker: 'dmitry p' }), 7, 'name substring, ASCII case-insensitive');
    assert.equal(await store.countAttributions({ speakerType: 'government_official' }), 15);
    assert.equal(await store.countAttributions({ stance: 'refutes' }), 5);
    assert.equal(await store.countAttributions({ query: '100%' }), 15);
    assert.equal(await store.countAttributions({ query: 'провокацию_2' }), 1 + 1 + 5);
    assert.equal(await store.countAttributions({ query: '%' }), total, 'no words: no condition');
    assert.equal(await store.countAttributions({ query: 'КРЕМЛЬ' }), 0);
    assert.equal(await store.countAttributions({ query: 'Кремль ответит 1' }), 5);
    assert.equal(await store.countAttributions({ query: 'кремль' }), 0, 'Cyrillic case matters in LIKE');
    assert.equal(await store.countAttributions({ since: '2024-11-01', until: '2024-12-01' }),
      all.filter((a) => key(a) >= '2024-11-01' && key(a) < '2024-12-01').length);
    assert.equal(await store.countAttributions({ documentId: hexId(1000) }), 2);
    assert.deepEqual(await store.listAttributions({}, { limit: 4, offset: 3 }), all.slice(3, 7));
  });

  it('calendar events: stable ids skip duplicates; since/until/kind filters', async (store) => {
    const events = [
      { id: 'e1', date: '2024-11-21', title: 'Oreshnik strike', kind: 'strike', source: 'ISW' },
      { id: 'e2', date: '2024-11-19', title: 'ATACMS', kind: 'strike' },
      { id: 'e3', date: '2024-11-21', title: 'Address', kind: 'speech' },
    ];
    assert.equal(await store.insertCalendarEvents(events), 3);
    assert.equal(await store.insertCalendarEvents([...events, { id: 'e4', date: '2024-12-01', title: 'Z', kind: 'speech' }, { id: 'e4', date: 'x', title: 'dup', kind: 'x' }]), 1);
    assert.deepEqual((await store.listCalendarEvents()).map((e) => e.id), ['e2', 'e3', 'e1', 'e4']);
    assert.deepEqual(await store.listCalendarEvents({ kind: 'strike', since: '2024-11-20T00:00:00Z' }), [events[0]]);
    assert.deepEqual((await store.listCalendarEvents({ until: '2024-11-21' })).map((e) => e.id), ['e2']);
    assert.deepEqual(await store.listCalendarEvents({ kind: '' }), []);
    assert.deepEqual(await store.listCalendarEvents({ until: '' }), []);
    assert.equal((await store.listCalendarEvents({ since: '' })).length, 4);
    assert.deepEqual(await store.insertCalendarEvents([]), 0);
  });

  it('existingIds and checkIntegrity', async (store) => {
    await withCorpus(store);
    const found = await store.existingIds([hexId(1000), hexId(1), hexId(1000 - 7), "' OR 1=1 --", '']);
    assert.deepEqual([...found].sort(), [hexId(1000 - 7), hexId(1000)]);
    assert.deepEqual([...await store.existingIds([])], []);
    assert.deepEqual(await store.checkIntegrity(), []);
  });

  it('hostile filter strings in every filter neither fail nor widen a query nor change the data', async (store) => {
    const { docs } = await withCorpus(store);
    const before = JSON.stringify(await snapshot(store));
    for (const h of HOSTILE) {
      const note = `hostile ${JSON.stringify(h.slice(0, 40))}`;
      for (const f of [{ lang: h }, { source: h }, { actorId: h }, { since: h }, { until: h }, { query: h }]) {
        const n = await store.countDocuments(f);
        assert.ok(n <= docs.length, note);
        assert.equal((await store.listDocuments(f, { limit: 1000 })).length, n, note);
        assert.equal((await store.documentStats(f)).count, n, note);
        assert.equal((await store.documentTimes(f)).length, n, note);
        assert.equal((await store.dailyCounts(f)).reduce((s, r) => s + r.count, 0), n, note);
        if (h && ('lang' in f || 'source' in f || 'actorId' in f)) assert.equal(n, 0, note);
      }
      for (const f of [{ speaker: h }, { speakerType: h }, { stance: h }, { since: h }, { until: h }, { query: h }, { documentId: h }]) {
        const n = await store.countAttributions(f);
        assert.equal((await store.listAttributions(f, { limit: 1000 })).length, n, note);
        if (h && ('speakerType' in f || 'stance' in f || 'documentId' in f)) assert.equal(n, 0, note);
      }
      for (const f of [{ narrativeIds: [h] }, { stance: h }, { actorType: h }, { actorId: h }, { since: h }, { until: h }, { documentId: h }]) {
        const n = (await store.listMentions(f)).length;
        assert.equal((await store.countMentions(f)).reduce((s, c) => s + c.count, 0), n, note);
        if ((h || 'narrativeIds' in f) && !('since' in f) && !('until' in f)) assert.equal(n, 0, note);
      }
      await store.listTextEvents({ since: h });
      await store.listTextEvents({ until: h });
      if (h) assert.deepEqual(await store.listAssessments({ documentId: h }), [], note);
      assert.deepEqual(await store.listDocumentNarratives({ documentId: h || 'x', narrativeIds: [h] }), [], note);
      await store.listCalendarEvents({ since: h, until: h, kind: h });
      assert.equal(await store.getDocument(h), undefined, note);
      assert.deepEqual([...await store.existingIds([h])], [], note);
    }
    assert.equal(JSON.stringify(await snapshot(store)), before, 'nothing changed');
    assert.deepEqual(await store.checkIntegrity(), []);
  });
}

/** Everything a store returns without filters: equal snapshots mean equal stores. */
export async function snapshot(store: Store): Promise<unknown> {
  return {
    documents: await store.listDocuments({}, { limit: -1 }),
    stats: await store.documentStats(),
    attributions: await store.listAttributions({}, { limit: -1 }),
    mentions: await store.listMentions(),
    mentionCounts: await store.countMentions(),
    dailyMentions: await store.dailyMentionCounts(),
    times: await store.documentTimes(),
    daily: await store.dailyCounts(),
    events: await store.listTextEvents(),
    assessments: await store.listAssessments(),
    narratives: await store.listDocumentNarratives(),
    calendar: await store.listCalendarEvents(),
  };
}

export { attribution, corpus, doc, emptyAnalysis, hexId, HOSTILE, mention };
