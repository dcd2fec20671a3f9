/**
 * A document's text with attribution spans (speaker, cue, content), narrative cue evidence, events and assessments
 * highlighted. Built from text nodes only (Preact renders strings as text): document text is never parsed as HTML.
 */
import type { ComponentChildren } from 'preact';

export type SpanRole = 'speaker' | 'cue' | 'content' | 'evidence' | 'event' | 'assessment';

export interface Highlight { start: number; end: number; role: SpanRole; group?: number; title: string }

interface Segment { start: number; end: number; marks: Highlight[] }

/** Cuts the text at every span boundary; each piece knows which spans cover it. Invalid spans are dropped. */
export function segments(text: string, highlights: Highlight[]): Segment[] {
  const valid = highlights.filter((h) => Number.isInteger(h.start) && Number.isInteger(h.end) && h.start >= 0 && h.end <= text.length && h.start < h.end);
  const cuts = new Set<number>([0, text.length]);
  for (const h of valid) { cuts.add(h.start); cuts.add(h.end); }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const start = sorted[i]; const end = sorted[i + 1];
    out.push({ start, end, marks: valid.filter((h) => h.start <= start && h.end >= end) });
  }
  return out;
}

export function HighlightedText({ text, highlights, active, lang }: { text: string; highlights: Highlight[]; active?: number; lang?: string }) {
  const parts: ComponentChildren[] = segments(text, highlights).map((s) => {
    const piece = text.slice(s.start, s.end);
    if (s.marks.length === 0) return piece;
    const roles = [...new Set(s.marks.map((m) => m.role))];
    const groups = [...new Set(s.marks.map((m) => m.group).filter((g): g is number => g !== undefined))];
    const cls = [...roles.map((r) => `hl-${r}`), groups.includes(active ?? -1) ? 'hl-active' : ''].filter(Boolean).join(' ');
    return (
      <mark key={s.start} class={cls} data-roles={roles.join(' ')} data-attribution={groups.length ? groups.join(' ') : undefined}
        title={s.marks.map((m) => m.title).join('\n')}>{piece}</mark>
    );
  });
  return <div class="doc-text" lang={lang && /^[a-z]{2,3}$/.test(lang) ? lang : undefined}>{parts}</div>;
}
