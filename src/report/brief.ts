import type { ActorType, Document } from '../model/index.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import type { DocumentStats, StoredAttribution } from '../store/store.ts';
import { escapeHtml, escapeMarkdown } from './escape.ts';

/** A citation: every finding in a brief points at the documents behind it. */
export interface Citation { documentId: string; source: string; publishedAt: string; url?: string }

export interface VoiceGroup { actorType: ActorType | 'unresolved'; documents: number; sources: string[]; first: string; last: string }

export interface Brief {
  title: string;
  generatedAt: string;
  narrascopeVersion: string;
  query: Record<string, string | undefined>;
  corpus: { documents: number; first?: string; last?: string; languages: Record<string, number>; fingerprint: string };
  keyTakeaways: { text: string; citations: Citation[] }[];
  voices: VoiceGroup[];
  claims: { speaker: string; speakerType?: string; cue: string; content: string; date?: string; stance: string; chain: string[]; citation: Citation }[];
}

export interface BriefInput {
  stats: DocumentStats;
  attributions: StoredAttribution[];
  citationFor: (documentId: string) => Citation | undefined;
  sample: (sourceName: string) => Citation | undefined;
  registry: ActorRegistry;
  version: string;
  query: Record<string, string | undefined>;
  now?: Date;
}

/** Builds the brief's content from store aggregates (pure); rendering to md/html is separate. */
export function buildBrief(input: BriefInput): Brief {
  const { stats, registry } = input;
  const groups = new Map<string, VoiceGroup>();
  for (const s of stats.bySource) {
    const type = (s.actorId ? registry.get(s.actorId)?.type : undefined) ?? 'unresolved';
    const g = groups.get(type) ?? { actorType: type, documents: 0, sources: [], first: s.first, last: s.last };
    g.documents += s.count;
    g.sources.push(s.sourceName);
    if (s.first < g.first) g.first = s.first;
    if (s.last > g.last) g.last = s.last;
    groups.set(type, g);
  }
  const voices = [...groups.values()].sort((a, b) => b.documents - a.documents);
  const claims = input.attributions.flatMap((a) => {
    const citation = input.citationFor(a.documentId);
    return citation ? [{
      speaker: a.speaker.name ?? a.speaker.text, speakerType: a.speaker.type, cue: a.cue.text, content: a.content.text,
      date: a.date, stance: a.stance, chain: a.chain.map((c) => c.name), citation,
    }] : [];
  });
  const keyTakeaways: Brief['keyTakeaways'] = [];
  if (stats.count > 0) {
    keyTakeaways.push({
      text: `The corpus holds ${stats.count} documents from ${stats.bySource.length} sources, ${day(stats.first)} to ${day(stats.last)}.`,
      citations: [],
    });
    for (const v of voices.slice(0, 4)) {
      const sample = input.sample(v.sources[0]);
      keyTakeaways.push({
        text: `${label(v.actorType)}: ${v.documents} documents from ${v.sources.length} source(s) (${v.sources.slice(0, 4).join(', ')}${v.sources.length > 4 ? ', …' : ''}), first ${day(v.first)}, last ${day(v.last)}.`,
        citations: sample ? [sample] : [],
      });
    }
  }
  return {
    title: 'Narrascope brief',
    generatedAt: (input.now ?? new Date()).toISOString(),
    narrascopeVersion: input.version,
    query: input.query,
    corpus: { documents: stats.count, first: stats.first, last: stats.last, languages: stats.byLang, fingerprint: stats.fingerprint },
    keyTakeaways,
    voices,
    claims,
  };
}

function day(iso: string | undefined): string { return iso ? iso.slice(0, 10) : 'n/a'; }
function label(type: string): string { return type === 'unresolved' ? 'Unresolved sources' : type.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()); }

function cite(c: Citation): string { return `${c.documentId}, ${c.source}, ${day(c.publishedAt)}`; }

export function renderMarkdown(brief: Brief): string {
  const md = escapeMarkdown;
  const out: string[] = [
    `# ${brief.title}`, '',
    `Generated ${brief.generatedAt} by Narrascope ${brief.narrascopeVersion}. Corpus fingerprint \`${brief.corpus.fingerprint}\`, ` +
      `${brief.corpus.documents} documents, ${day(brief.corpus.first)} to ${day(brief.corpus.last)}. Query: \`${JSON.stringify(brief.query)}\`.`, '',
    '## Key takeaways', '',
    ...brief.keyTakeaways.map((k) => `- ${md(k.text)}${k.citations.length ? ` [${k.citations.map((c) => md(cite(c))).join('; ')}]` : ''}`), '',
    '## Who speaks, by actor type', '',
    '| actor type | documents | sources | first | last |', '|---|---:|---:|---|---|',
    ...brief.voices.map((v) => `| ${md(label(v.actorType))} | ${v.documents} | ${v.sources.length} | ${day(v.first)} | ${day(v.last)} |`), '',
  ];
  if (brief.claims.length) {
    out.push('## Claims on record', '');
    for (const c of brief.claims) {
      out.push(`- **${md(c.speaker)}**${c.speakerType ? ` (${md(c.speakerType)})` : ''} ${md(c.cue)}${c.date ? ` on ${c.date}` : ''}: “${md(c.content)}” — ` +
        `reported via ${md(c.chain.join(' → ') || 'the publisher')}, stance ${c.stance} [${md(cite(c.citation))}]`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

export function renderHtml(brief: Brief): string {
  const h = escapeHtml;
  const citeHtml = (c: Citation) => `<a class="cite" href="${c.url ? h(c.url) : `#doc-${h(c.documentId)}`}">${h(cite(c))}</a>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${h(brief.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .5rem;text-align:left}.cite{font-size:.85em;color:#0645ad}
.meta{color:#444;font-size:.9em}@media print{a{color:#000}}</style></head><body>
<h1>${h(brief.title)}</h1>
<p class="meta">Generated ${h(brief.generatedAt)} by Narrascope ${h(brief.narrascopeVersion)}. Corpus fingerprint <code>${h(brief.corpus.fingerprint)}</code>,
${brief.corpus.documents} documents, ${h(day(brief.corpus.first))} to ${h(day(brief.corpus.last))}. Query: <code>${h(JSON.stringify(brief.query))}</code>.</p>
<h2>Key takeaways</h2><ul>
${brief.keyTakeaways.map((k) => `<li>${h(k.text)} ${k.citations.map(citeHtml).join('; ')}</li>`).join('\n')}
</ul>
<h2>Who speaks, by actor type</h2>
<table><thead><tr><th>actor type</th><th>documents</th><th>sources</th><th>first</th><th>last</th></tr></thead><tbody>
${brief.voices.map((v) => `<tr><td>${h(label(v.actorType))}</td><td>${v.documents}</td><td>${v.sources.length}</td><td>${h(day(v.first))}</td><td>${h(day(v.last))}</td></tr>`).join('\n')}
</tbody></table>
${brief.claims.length ? `<h2>Claims on record</h2><ul>
${brief.claims.map((c) => `<li><strong>${h(c.speaker)}</strong>${c.speakerType ? ` (${h(c.speakerType)})` : ''} ${h(c.cue)}${c.date ? ` on ${h(c.date)}` : ''}: “${h(c.content)}” — reported via ${h(c.chain.join(' → ') || 'the publisher')}, stance ${h(c.stance)} ${citeHtml(c.citation)}</li>`).join('\n')}
</ul>` : ''}
</body></html>
`;
}

/** The document facts a citation needs. */
export function citationOf(doc: Pick<Document, 'id' | 'source' | 'publishedAt' | 'url'>): Citation {
  return { documentId: doc.id, source: doc.source.name, publishedAt: doc.publishedAt, ...(doc.url ? { url: doc.url } : {}) };
}
