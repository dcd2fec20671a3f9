import type { Document } from '../../src/model/document.ts';
import type { Attribution } from '../../src/model/attribution.ts';

/** A Document for tests. */
export function mkDoc(text: string, opts: { lang?: string; source?: string; publishedAt?: string; actorId?: string } = {}): Document {
  return {
    id: 'test',
    source: { name: opts.source ?? 'Test', ...(opts.actorId ? { actorId: opts.actorId } : {}) },
    publishedAt: opts.publishedAt ?? '2025-03-16T00:00:00Z',
    lang: opts.lang ?? 'en',
    text,
    kind: 'article',
    meta: {},
    ingest: { format: 'text', at: '2025-03-16T00:00:00Z' },
  };
}

/** Offsets must index the document text. */
export function spansConsistent(doc: Document, a: Attribution): boolean {
  return doc.text.slice(a.speaker.start, a.speaker.end) === a.speaker.text
    && doc.text.slice(a.cue.start, a.cue.end) === a.cue.text
    && doc.text.slice(a.content.start, a.content.end) === a.content.text;
}

export function describe(a: Attribution): string {
  return `${a.speaker.text} [${a.speaker.actorId ?? a.speaker.name}/${a.speaker.type ?? ''}] ${a.cue.text} | ${a.content.text.slice(0, 80)} | ${a.date ?? ''} | ${a.chain.map((c) => c.name).join('>')} | ${a.stance}`;
}
