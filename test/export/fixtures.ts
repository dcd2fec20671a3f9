/**
 * A small hand-written corpus for the export tests, inserted straight into a store (documents + analyses), so the
 * tests do not depend on the extraction pipeline. Shipped registry actors: tass, zakharova (part of russian-mfa),
 * rybar, ukrinform, isw. Narratives of the urw taxonomy: the Kursk mission narrative (with its ancestors, as the
 * store records them) and "Blaming the war on others".
 */
import { join } from 'node:path';
import type { Document, DocumentAnalysis, Mention } from '../../src/model/index.ts';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';

export const KURSK = 'urw-kursk-war-crimes';
export const MILITARY = 'urw-discredit-ua-military';
export const DISCREDIT = 'urw-discredit-ua';
export const BLAME = 'urw-blame';
const KURSK_LINE = [KURSK, MILITARY, DISCREDIT];

const ingest = (format: string) => ({ format, at: '2025-04-01T00:00:00.000Z' });

function doc(d: Partial<Document> & Pick<Document, 'id' | 'source' | 'publishedAt' | 'text'>): Document {
  return { lang: 'en', kind: 'article', meta: {}, ingest: ingest('html'), ...d };
}

function mention(m: Omit<Mention, 'score'> & { score?: number }, line = KURSK_LINE): Mention[] {
  // The store records a narrative and its ancestors for the same actor (what the lexical classifier yields).
  return line.map((narrativeId) => ({ score: 0.8, ...m, narrativeId }));
}

export const DOCS: Document[] = [
  doc({
    id: 'fx-tass-1', source: { name: 'TASS', url: 'https://tass.com', actorId: 'tass' }, url: 'https://tass.com/politics/1001',
    publishedAt: '2025-03-10T10:00:00.000Z', title: 'Zakharova: Ukrainian militants commit crimes in Kursk region',
    text: 'Maria Zakharova said Ukrainian militants committed war crimes against civilians in the Kursk region. The West provoked the war.',
  }),
  doc({
    id: 'fx-rybar-1', source: { name: 'Рыбарь', handle: 'rybar', actorId: 'rybar' }, kind: 'post', lang: 'ru',
    publishedAt: '2025-03-11T08:30:00.000Z', ingest: ingest('telegram'), meta: { forwardedFrom: 'TASS', views: 1000 },
    text: 'ВСУ совершают военные преступления в Курской области.',
  }),
  doc({
    id: 'fx-ukrinform-1', source: { name: 'Ukrinform', actorId: 'ukrinform' },
    publishedAt: '2025-03-12T12:00:00.000Z', title: '=HYPERLINK("http://evil.example","ISW")',
    text: 'Russian milbloggers claim =1+1 Ukrainian forces committed war crimes in Kursk, ISW reports. These claims are unsubstantiated, ISW stressed.',
  }),
  doc({
    id: 'fx-tass-old', source: { name: 'TASS', url: 'https://tass.com', actorId: 'tass' }, url: 'https://tass.com/politics/1000 кириллица',
    publishedAt: '2024-09-01T09:00:00.000Z', text: 'Ukrainian militants shelled civilians in the Kursk region.',
  }),
];

function analysis(documentId: string, rest: Partial<DocumentAnalysis>): DocumentAnalysis {
  return { documentId, attributions: [], events: [], assessments: [], narratives: [], mentions: [], ...rest };
}

const kurskHit = { id: KURSK, label: 'URW: Discrediting Ukraine: Discrediting Ukrainian military: Ukrainian war crimes in Kursk region', score: 0.8, evidence: [] };

export const ANALYSES: DocumentAnalysis[] = [
  analysis('fx-tass-1', {
    attributions: [{
      speaker: { text: 'Maria Zakharova', start: 0, end: 15, actorId: 'zakharova', name: 'Maria Zakharova', type: 'government_official' },
      cue: { text: 'said', start: 16, end: 20, class: 'statement' },
      content: { text: 'Ukrainian militants committed war crimes against civilians in the Kursk region', start: 21, end: 99 },
      direct: false, date: '2025-03-09', dateText: 'on Sunday', chain: [{ name: 'TASS', actorId: 'tass', type: 'state_media' }],
      stance: 'relays', narratives: [kurskHit],
    }],
    mentions: [
      ...mention({ narrativeId: KURSK, documentId: 'fx-tass-1', attributionIndex: 0, actorId: 'zakharova', actorName: 'Maria Zakharova', actorType: 'government_official', stance: 'asserts', at: '2025-03-09T00:00:00.000Z', score: 0.9 }),
      ...mention({ narrativeId: KURSK, documentId: 'fx-tass-1', attributionIndex: 0, actorId: 'tass', actorName: 'TASS', actorType: 'state_media', stance: 'relays', at: '2025-03-10T10:00:00.000Z' }),
      ...mention({ narrativeId: BLAME, documentId: 'fx-tass-1', actorId: 'tass', actorName: 'TASS', actorType: 'state_media', stance: 'asserts', at: '2025-03-10T10:00:00.000Z', score: 0.6 }, [BLAME]),
    ],
  }),
  analysis('fx-rybar-1', {
    mentions: mention({ narrativeId: KURSK, documentId: 'fx-rybar-1', actorId: 'rybar', actorName: 'Рыбарь', actorType: 'milblogger', stance: 'asserts', at: '2025-03-11T08:30:00.000Z' }),
  }),
  analysis('fx-ukrinform-1', {
    attributions: [{
      speaker: { text: 'Russian milbloggers', start: 0, end: 19, name: '\uFE0FRussian milbloggers', type: 'milblogger' },
      cue: { text: 'claim', start: 20, end: 25, class: 'statement' },
      content: { text: '=1+1 Ukrainian forces committed war crimes in Kursk', start: 26, end: 77 },
      direct: false, chain: [{ name: 'Ukrinform', actorId: 'ukrinform', type: 'state_media' }, { name: 'ISW', actorId: 'isw', type: 'think_tank' }],
      stance: 'refutes', narratives: [kurskHit],
    }],
    assessments: [{ by: { name: 'ISW', actorId: 'isw' }, verdict: 'unsubstantiated', text: 'These claims are unsubstantiated', start: 100, end: 132, about: 0 }],
    mentions: [
      ...mention({ narrativeId: KURSK, documentId: 'fx-ukrinform-1', attributionIndex: 0, actorName: '\uFE0FRussian milbloggers', actorType: 'milblogger', stance: 'asserts', at: '2025-03-12T12:00:00.000Z' }),
      ...mention({ narrativeId: KURSK, documentId: 'fx-ukrinform-1', attributionIndex: 0, actorId: 'isw', actorName: 'ISW', actorType: 'think_tank', stance: 'refutes', at: '2025-03-12T12:00:00.000Z' }),
      ...mention({ narrativeId: KURSK, documentId: 'fx-ukrinform-1', attributionIndex: 0, actorId: 'ukrinform', actorName: 'Ukrinform', actorType: 'state_media', stance: 'refutes', at: '2025-03-12T12:00:00.000Z' }),
    ],
  }),
  analysis('fx-tass-old', {
    mentions: mention({ narrativeId: KURSK, documentId: 'fx-tass-old', actorId: 'tass', actorName: 'TASS', actorType: 'state_media', stance: 'asserts', at: '2024-09-01T09:00:00.000Z' }),
  }),
];

/** A SQLite store at dir/name with the fixture corpus. */
export async function fixtureStore(dir: string, name = 'fixture.db'): Promise<{ path: string; store: Store }> {
  const path = join(dir, name);
  const store = await openStore(path);
  await store.insertDocuments(DOCS, ANALYSES);
  return { path, store };
}
