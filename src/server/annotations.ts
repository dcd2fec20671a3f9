/**
 * Analyst annotations (POST /api/annotations): notes and verdicts on documents, spans and narrative assignments.
 * Kept in a JSON Lines file next to the database (`DB.annotations.jsonl`; in memory for `:memory:`) until the Store
 * interface grows an annotations table; appends only, so a crash loses at most the line being written.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

export interface Annotation {
  id: string;
  createdAt: string;
  documentId: string;
  start?: number;
  end?: number;
  label: string;
  narrativeId?: string;
  stance?: string;
  note: string;
  author?: string;
}

export interface AnnotationStore {
  add(a: Omit<Annotation, 'id' | 'createdAt'>): Annotation;
  list(filter: { documentId?: string }, page: { limit: number; offset: number }): { count: number; annotations: Annotation[] };
}

export class JsonlAnnotationStore implements AnnotationStore {
  private readonly items: Annotation[] = [];

  constructor(private readonly file: string | undefined) {
    if (file && existsSync(file)) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        try { this.items.push(JSON.parse(line) as Annotation); } catch { /* a torn last line */ }
      }
    }
  }

  add(a: Omit<Annotation, 'id' | 'createdAt'>): Annotation {
    const annotation: Annotation = { id: randomUUID(), createdAt: new Date().toISOString(), ...a };
    if (this.file) appendFileSync(this.file, `${JSON.stringify(annotation)}\n`, { mode: 0o600 });
    this.items.push(annotation);
    return annotation;
  }

  list(filter: { documentId?: string }, page: { limit: number; offset: number }) {
    const matching = filter.documentId ? this.items.filter((a) => a.documentId === filter.documentId) : this.items;
    return { count: matching.length, annotations: matching.slice(page.offset, page.offset + page.limit) };
  }
}

/** Where a database's annotations live. */
export function annotationFileFor(db: string): string | undefined {
  return db === ':memory:' || db === '' || /^postgres(ql)?:\/\//i.test(db) ? undefined : `${db}.annotations.jsonl`;
}
