/** A small deterministic corpus with analyses (attributions, narratives, mentions, events) for the API tests. */
import { createHash } from 'node:crypto';
import type { Document, DocumentAnalysis } from '../../src/model/index.ts';

export const KURSK = 'urw-kursk-war-crimes';
export const KURSK_LABEL = 'URW: Discrediting Ukraine: Discrediting Ukrainian military: Ukrainian war crimes in Kursk region';
export const XSS_TEXT = '<img src=x onerror=alert(1)>';

export function docId(n: number | string): string {
  return createHash('sha1').update(`fixture-${n}`).digest('hex').slice(0, 24);
}

function span(text: string, needle: string) {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`fixture: "${needle}" not in "${text}"`);
  return { text: needle, start, end: start + needle.length };
}

function doc(id: string, at: string, source: Document['source'], text: string, extra: Partial<Document> = {}): Document {
  return {
    id, source, publishedAt: at, lang: 'en', text, kind: 'post', meta: {},
    ingest: { format: 'json', at: '2025-04-01T00:00:00.000Z' }, ...extra,
  };
}

const RIA = { name: 'RIA Novosti', actorId: 'ria-novosti' };
const ISW = { name: 'ISW', actorId: 'isw' };

/** A push narrative doc: state media relays Putin's claim. */
function push(i: number, at: string): { doc: Document; analysis: DocumentAnalysis } {
  const text = `RIA Novosti reports: Putin said that Ukrainian forces committed crimes against civilians in Kursk region (${i}).`;
  const id = docId(`push-${i}`);
  const evidence = [{ ...span(text, 'crimes against civilians'), cue: 'crimes against civilian*', classifier: 'lexical' }];
  const narratives = [{ id: KURSK, label: KURSK_LABEL, score: 0.9, evidence }];
  return {
    doc: doc(id, at, RIA, text, { title: `Putin on Kursk ${i}` }),
    analysis: {
      documentId: id,
      attributions: [{
        speaker: { ...span(text, 'Putin'), actorId: 'putin', name: 'Vladimir Putin', type: 'head_of_state' },
        cue: { ...span(text, 'said'), class: 'statement' },
        content: span(text, `Ukrainian forces committed crimes against civilians in Kursk region (${i})`),
        direct: false, date: at.slice(0, 10), chain: [{ name: 'RIA Novosti', actorId: 'ria-novosti', type: 'state_media' }],
        stance: 'relays', narratives,
      }],
      events: [{ date: at.slice(0, 10), text: 'Kursk region', start: text.indexOf('Kursk region'), end: text.indexOf('Kursk region') + 12 }],
      assessments: [],
      narratives: [{ ...narratives[0], stance: 'relays' }],
      mentions: [
        { narrativeId: KURSK, documentId: id, attributionIndex: 0, actorId: 'putin', actorName: 'Vladimir Putin', actorType: 'head_of_state', stance: 'asserts', at, score: 0.9 },
        { narrativeId: KURSK, documentId: id, attributionIndex: 0, actorId: 'ria-novosti', actorName: 'RIA Novosti', actorType: 'state_media', stance: 'relays', at, score: 0.9 },
      ],
    },
  };
}

/** A refutation: ISW calls the claim unsubstantiated. */
function refute(i: number, at: string): { doc: Document; analysis: DocumentAnalysis } {
  const text = `ISW assessed that the Kremlin claims of crimes against civilians in Kursk region are unsubstantiated (${i}).`;
  const id = docId(`refute-${i}`);
  const evidence = [{ ...span(text, 'crimes against civilians'), cue: 'crimes against civilian*' }];
  return {
    doc: doc(id, at, ISW, text, { kind: 'report' }),
    analysis: {
      documentId: id,
      attributions: [{
        speaker: { ...span(text, 'ISW'), actorId: 'isw', name: 'Institute for the Study of War', type: 'think_tank' },
        cue: span(text, 'assessed'), content: span(text, `the Kremlin claims of crimes against civilians in Kursk region are unsubstantiated (${i})`),
        direct: false, chain: [], stance: 'refutes', narratives: [{ id: KURSK, label: KURSK_LABEL, score: 0.7, evidence }],
      }],
      events: [],
      assessments: [{ by: { name: 'ISW', actorId: 'isw' }, verdict: 'unsubstantiated', ...span(text, 'are unsubstantiated'), about: 0 }],
      narratives: [{ id: KURSK, label: KURSK_LABEL, score: 0.7, stance: 'refutes', evidence }],
      mentions: [{ narrativeId: KURSK, documentId: id, attributionIndex: 0, actorId: 'isw', actorName: 'ISW', actorType: 'think_tank', stance: 'refutes', at, score: 0.7 }],
    },
  };
}

function empty(id: string): DocumentAnalysis {
  return { documentId: id, attributions: [], events: [], assessments: [], narratives: [], mentions: [] };
}

/**
 * 2025-01-20 … 2025-03-20: background posts every day, one push a day, a burst of pushes on 13–15 March,
 * a refutation every fifth day, three channels posting the same text within a minute, and one hostile document.
 */
export function fixtureCorpus(): { docs: Document[]; analyses: DocumentAnalysis[] } {
  const docs: Document[] = [];
  const analyses: DocumentAnalysis[] = [];
  const add = (x: { doc: Document; analysis: DocumentAnalysis }) => { docs.push(x.doc); analyses.push(x.analysis); };
  const start = Date.parse('2025-01-20T00:00:00Z');
  let n = 0;
  for (let d = 0; d < 60; d++) {
    const day = start + d * 86_400_000;
    const iso = (h: number, m = 0) => new Date(day + h * 3_600_000 + m * 60_000).toISOString();
    for (let k = 0; k < 3; k++) {
      const id = docId(`bg-${d}-${k}`);
      docs.push(doc(id, iso(8 + k * 3), { name: ['City Feed', 'Weather Now', 'Sport Daily'][k] }, `Everyday news item ${d}-${k}: weather, sport and city life.`, { lang: k === 1 ? 'ru' : 'en' }));
      analyses.push(empty(id));
    }
    const dayStr = new Date(day).toISOString().slice(0, 10);
    const burst = dayStr >= '2025-03-13' && dayStr <= '2025-03-15';
    for (let k = 0; k < (burst ? 12 : 1); k++) add(push(n++, iso(10, k * 7)));
    if (d % 5 === 0 || dayStr === '2025-03-16') add(refute(n++, iso(15)));
  }
  // Coordinated: the same text by three channels within a minute.
  const same = 'Kursk: they committed crimes against civilians. No ceasefire! #Kursk';
  ['Front Herald Z', 'North Wind Z', 'Trench Truth Z'].forEach((name, k) => {
    const id = docId(`coord-${k}`);
    docs.push(doc(id, new Date(Date.parse('2025-03-13T12:00:00Z') + k * 20_000).toISOString(), { name, handle: name.toLowerCase().replace(/\W+/g, '_') }, same, { lang: 'en' }));
    analyses.push(empty(id));
  });
  const xss = docId('xss');
  docs.push(doc(xss, '2025-03-14T09:00:00.000Z', { name: '<b>Evil</b> source' }, XSS_TEXT, { title: '<script>alert(2)</script>', url: 'javascript:alert(3)' }));
  analyses.push(empty(xss));
  return { docs, analyses };
}

export const CALENDAR = [
  { id: 'ev-jeddah', date: '2025-03-11', title: 'US–Ukraine talks in Jeddah', kind: 'diplomacy' },
  { id: 'ev-putin', date: '2025-03-13', title: 'Putin’s remarks', kind: 'statement' },
];
