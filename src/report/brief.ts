import type { Document, Mention } from '../model/index.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import type { Store, StoredAssessment, StoredAttribution } from '../store/store.ts';
import type { Taxonomy } from '../narratives/index.ts';
import { nearDuplicateGroups } from '../analytics/index.ts';
import { narrativesOverview } from '../insights/narratives.ts';
import { resolveNarrative } from '../insights/target.ts';
import { findSurges, type SurgeFinding } from '../insights/surges.ts';
import { isAmplifyingStance } from '../insights/items.ts';
import { escapeHtml, escapeMarkdown } from './escape.ts';

/** A citation: every finding in a brief points at the documents behind it. */
export interface Citation { documentId: string; source: string; publishedAt: string; url?: string; speaker?: string }

export interface Finding { text: string; citations: Citation[] }

export interface BriefNarrative {
  id: string;
  label: string;
  description?: string;
  mentions: number;
  amplifying: number;
  refuting: number;
  first?: string;
  last?: string;
  findings: Finding[];
  claims: { speaker: string; speakerType?: string; cue: string; content: string; lang: string; gloss?: string; date?: string; chain: string[]; stance: string; citation: Citation }[];
  pushers: { actorType: string; mentions: number; actors: string[]; first: string; last: string; citation?: Citation }[];
  surges: { kind: string; onset: string; peak: string; end: string; magnitude: number; confidence: number; drivers: string[]; after: { title: string; date: string; lagDays: number }[]; citations: Citation[] }[];
  coordination: { posts: number; accounts: string[]; accountTypes: string[]; start: string; end: string; spanSeconds: number; citations: Citation[] }[];
  assessments: { by: string; verdict: string; text: string; citation: Citation }[];
  resembles: { id: string; label: string; sharedDocuments: number }[];
}

export interface Brief {
  title: string;
  generatedAt: string;
  narrascopeVersion: string;
  query: Record<string, string | undefined>;
  parameters: Record<string, unknown>;
  corpus: { documents: number; first?: string; last?: string; languages: Record<string, number>; fingerprint: string; sources: number };
  keyTakeaways: Finding[];
  narratives: BriefNarrative[];
}

export interface BriefOptions {
  narrative?: string;
  since?: string;
  until?: string;
  /** Narratives covered when none is named (most amplified first). */
  maxNarratives?: number;
  maxClaims?: number;
  version: string;
  now?: Date;
}

/**
 * Gathers an ISW-style assessment from the store: key takeaways first, then per narrative what is claimed, who
 * pushes it, when it intensified and surged and after which events, coordination, assessments on record and the
 * narratives it resembles. Every finding carries citations that resolve to stored documents.
 */
export async function buildBrief(store: Store, registry: ActorRegistry, taxonomy: Taxonomy, opts: BriefOptions): Promise<Brief> {
  const { since, until } = opts;
  const stats = await store.documentStats({ since, until });
  const docCache = new Map<string, Document | undefined>();
  const doc = async (id: string) => {
    if (!docCache.has(id)) docCache.set(id, await store.getDocument(id));
    return docCache.get(id);
  };
  const cite = async (id: string, speaker?: string): Promise<Citation | undefined> => {
    const d = await doc(id);
    return d ? { documentId: d.id, source: d.source.name, publishedAt: d.publishedAt, ...(d.url ? { url: d.url } : {}), ...(speaker ? { speaker } : {}) } : undefined;
  };
  const cites = async (ids: string[], n = 3) => (await Promise.all([...new Set(ids)].slice(0, n).map((id) => cite(id)))).filter((c): c is Citation => Boolean(c));

  let targets: { id: string }[];
  if (opts.narrative) targets = [{ id: resolveNarrative(taxonomy, opts.narrative).node.id }];
  else {
    // Leaves and mid-level nodes both appear in the overview; brief on the most specific amplified narratives.
    const overview = await narrativesOverview(store, registry, taxonomy, { since, until });
    const withChildren = new Set(overview.map((o) => o.parent).filter(Boolean));
    targets = overview.filter((o) => !withChildren.has(o.id) && amplified(o.byStance) > 0)
      .sort((a, b) => amplified(b.byStance) - amplified(a.byStance)).slice(0, opts.maxNarratives ?? 3);
  }

  const narratives: BriefNarrative[] = [];
  for (const t of targets) narratives.push(await narrativeSection(store, registry, taxonomy, t.id, opts, { cite, cites, doc }));

  const keyTakeaways: Finding[] = [];
  for (const n of narratives) keyTakeaways.push(...n.findings.slice(0, 6));
  if (narratives.length === 0) keyTakeaways.push({ text: `No narrative of taxonomy ${taxonomy.name} is amplified in the ${stats.count} documents of this period.`, citations: [] });

  return {
    title: opts.narrative && narratives[0] ? `Narrascope brief: ${narratives[0].label}` : 'Narrascope brief',
    generatedAt: (opts.now ?? new Date()).toISOString(),
    narrascopeVersion: opts.version,
    query: { narrative: opts.narrative, since, until, taxonomy: taxonomy.name },
    parameters: { surgeSensitivity: 1, maxLagDays: 7, nearDuplicateWindowSec: 600, nearDuplicateThreshold: 0.8, maxNarratives: opts.maxNarratives ?? 3 },
    corpus: {
      documents: stats.count, ...(stats.first ? { first: stats.first } : {}), ...(stats.last ? { last: stats.last } : {}),
      languages: stats.byLang, fingerprint: stats.fingerprint, sources: stats.bySource.length,
    },
    keyTakeaways,
    narratives,
  };
}

function amplified(byStance: Record<string, number>): number {
  return (byStance.asserts ?? 0) + (byStance.relays ?? 0);
}

interface Helpers {
  cite: (id: string, speaker?: string) => Promise<Citation | undefined>;
  cites: (ids: string[], n?: number) => Promise<Citation[]>;
  doc: (id: string) => Promise<Document | undefined>;
}

async function narrativeSection(store: Store, registry: ActorRegistry, taxonomy: Taxonomy, id: string, opts: BriefOptions, h: Helpers): Promise<BriefNarrative> {
  const target = resolveNarrative(taxonomy, id);
  const mentions = await store.listMentions({ narrativeIds: target.narrativeIds, since: opts.since, until: opts.until });
  const amp = mentions.filter((m) => isAmplifyingStance(m.stance));
  const refuting = mentions.filter((m) => m.stance === 'refutes');
  const label = target.node.label;
  const short = label.split(': ').pop() ?? label;
  const findings: Finding[] = [];
  const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : 'n/a');

  // Who pushes it, by actor type.
  const byType = new Map<string, Mention[]>();
  for (const m of amp) byType.set(m.actorType, [...(byType.get(m.actorType) ?? []), m]);
  const pushers = await Promise.all([...byType.entries()].sort((a, b) => b[1].length - a[1].length).map(async ([actorType, ms]) => ({
    actorType, mentions: ms.length,
    actors: [...new Set(ms.map((m) => (m.actorId ? registry.get(m.actorId)?.name : undefined) ?? m.actorName))].slice(0, 8),
    first: ms[0].at, last: ms[ms.length - 1].at, citation: await h.cite(ms[0].documentId, ms[0].actorName),
  })));
  const docsAmp = new Set(amp.map((m) => m.documentId));
  if (amp.length) {
    const top = pushers.slice(0, 3).map((p) => `${typeLabel(p.actorType)} (${p.mentions})`).join(', ');
    findings.push({
      text: `“${short}” was pushed in ${docsAmp.size} documents (${amp.length} amplifying mentions) from ${day(amp[0].at)} to ${day(amp[amp.length - 1].at)}, mainly by ${top}.`,
      citations: pushers.slice(0, 3).map((p) => p.citation).filter((c): c is Citation => Boolean(c)),
    });
  }

  // When it intensified and surged, and after what.
  const report = await findSurges(store, registry, target, { since: opts.since, until: opts.until });
  const surges = await Promise.all(report.surges.map(async (s: SurgeFinding) => ({
    kind: s.kind, onset: s.onset, peak: s.peak, end: s.end, magnitude: s.magnitude, confidence: s.confidence,
    drivers: s.drivers.actorTypes.slice(0, 4).map((d) => `${typeLabel(d.key)} (${d.count})`),
    after: s.precedingEvents.slice(0, 3).map((e) => ({ title: e.title, date: e.date, lagDays: e.lagDays })),
    citations: await h.cites(s.drivers.firstMovers.map((f) => f.documentId).concat(s.drivers.evidence), 3),
  })));
  for (const s of surges) {
    const after = s.after.length ? `, ${s.after.map((e) => `${e.lagDays === 0 ? 'the same day as' : `${e.lagDays} day(s) after`} ${e.title} (${e.date})`).join('; ')}` : '';
    findings.push(s.kind === 'shift'
      ? { text: `It intensified from ${day(s.onset)} (amplification ×${s.magnitude.toFixed(1)} the earlier level, confidence ${s.confidence.toFixed(2)}), driven by ${s.drivers.join(', ')}${after}.`, citations: s.citations }
      : { text: `It surged on ${day(s.onset)}–${day(s.end)} (peak ${day(s.peak)}, ×${s.magnitude.toFixed(1)} the expected level), driven by ${s.drivers.join(', ')}${after}.`, citations: s.citations });
  }
  if (report.insufficientData && !surges.length) findings.push({ text: `Too little data to say whether “${short}” surged (${report.reason}).`, citations: [] });

  // Coordination: near-identical posts of different accounts carrying the narrative, within minutes.
  const docs = (await Promise.all([...docsAmp].map(h.doc))).filter((d): d is Document => Boolean(d));
  const account = (d: Document) => d.source.actorId ?? d.source.handle ?? d.source.name;
  const nd = nearDuplicateGroups(docs.map((d) => ({ id: d.id, accountId: account(d), at: d.publishedAt, text: d.text, lang: d.lang })), { timeWindowSec: 600, threshold: 0.8 });
  const byId = new Map(docs.map((d) => [d.id, d]));
  const coordination = await Promise.all(nd.groups.filter((g) => g.accounts.length >= 2).map(async (g) => {
    const actorTypes = [...new Set(g.posts.map((p) => byId.get(p)!).map((d) => (d.source.actorId ? registry.get(d.source.actorId)?.type : undefined) ?? 'unknown'))].sort();
    return {
      posts: g.posts.length, accounts: [...new Set(g.posts.map((p) => byId.get(p)!.source.name))], accountTypes: actorTypes,
      start: g.start, end: g.end, spanSeconds: Math.round((Date.parse(g.end) - Date.parse(g.start)) / 1000), citations: await h.cites(g.posts, 6),
    };
  }));
  if (coordination.length) {
    const posts = coordination.reduce((n, c) => n + c.posts, 0);
    const accounts = new Set(coordination.flatMap((c) => c.accounts));
    const maxSpan = Math.max(...coordination.map((c) => c.spanSeconds));
    findings.push({
      text: `${coordination.length} group(s) of word-for-word or near-identical posts (${posts} posts by ${accounts.size} accounts: ${[...accounts].slice(0, 6).join(', ')}) were published within ${Math.ceil(maxSpan / 60)} minutes of each other — a sign of coordinated relaying.`,
      citations: coordination.flatMap((c) => c.citations).slice(0, 6),
    });
  }

  // What is claimed: representative attributed claims carrying the narrative, in their own language.
  const attributionKeys = new Set(amp.filter((m) => m.attributionIndex !== undefined).map((m) => `${m.documentId}#${m.attributionIndex}`));
  const claimDocs = [...new Set([...attributionKeys].map((k) => k.split('#')[0]))];
  const attributions: StoredAttribution[] = [];
  for (const d of claimDocs) {
    for (const a of await store.listAttributions({ documentId: d }, { limit: 100 })) if (attributionKeys.has(`${a.documentId}#${a.index}`)) attributions.push(a);
  }
  const seenContent = new Set<string>();
  const claims: BriefNarrative['claims'] = [];
  for (const a of attributions.sort((x, y) => (x.date ?? x.publishedAt).localeCompare(y.date ?? y.publishedAt))) {
    const key = `${a.speaker.actorId ?? a.speaker.text}|${a.lang}|${a.content.text.slice(0, 40).toLowerCase()}`;
    if (seenContent.has(key)) continue;
    seenContent.add(key);
    const citation = await h.cite(a.documentId, a.speaker.name ?? a.speaker.text);
    if (!citation) continue;
    claims.push({
      speaker: a.speaker.name ?? a.speaker.text, ...(a.speaker.type ? { speakerType: a.speaker.type } : {}), cue: a.cue.text,
      content: a.content.text, lang: a.lang, ...(a.lang === 'en' ? { gloss: a.content.text } : {}), ...(a.date ? { date: a.date } : {}),
      chain: a.chain.map((c) => c.name), stance: a.stance, citation,
    });
    if (claims.length >= (opts.maxClaims ?? 12)) break;
  }

  // Assessments on record in the documents that carry or counter the narrative.
  const assessments: BriefNarrative['assessments'] = [];
  const assessed = new Set<string>();
  for (const d of [...new Set(mentions.map((m) => m.documentId))]) {
    for (const a of await store.listAssessments({ documentId: d }) as StoredAssessment[]) {
      const key = `${a.by.actorId ?? a.by.name}|${a.verdict}`;
      if (assessed.has(key)) continue;
      assessed.add(key);
      const citation = await h.cite(a.documentId, a.by.name);
      if (citation) assessments.push({ by: a.by.name, verdict: a.verdict, text: a.text, citation });
    }
  }
  if (assessments.length) {
    findings.push({
      text: `On record: ${assessments.slice(0, 4).map((a) => `“${a.verdict}”, per ${a.by}`).join('; ')}; ${refuting.length} mentions counter the narrative.`,
      citations: assessments.slice(0, 4).map((a) => a.citation),
    });
  }

  // Earlier narratives it resembles: other narratives carried by the same documents.
  const shared = new Map<string, number>();
  for (const d of docsAmp) {
    for (const n of await store.listDocumentNarratives({ documentId: d })) {
      if (!target.narrativeIds.includes(n.id)) shared.set(n.id, (shared.get(n.id) ?? 0) + 1);
    }
  }
  const ancestors = new Set<string>();
  for (let p: string | null | undefined = target.node.parent; p; p = taxonomy.narratives.find((n) => n.id === p)?.parent) ancestors.add(p);
  const resembles = [...shared.entries()].filter(([nid]) => !ancestors.has(nid)).sort((a, b) => b[1] - a[1]).slice(0, 5)
    .map(([nid, n]) => ({ id: nid, label: taxonomy.narratives.find((x) => x.id === nid)?.label ?? nid, sharedDocuments: n }));

  return {
    id: target.node.id, label, ...(target.node.description ? { description: target.node.description } : {}),
    mentions: mentions.length, amplifying: amp.length, refuting: refuting.length,
    ...(mentions.length ? { first: mentions[0].at, last: mentions[mentions.length - 1].at } : {}),
    findings, claims, pushers, surges, coordination, assessments, resembles,
  };
}

export function typeLabel(type: string): string {
  return ({ head_of_state: 'head of state', state_media: 'state media', state_affiliated_media: 'state-affiliated media', milblogger: 'milbloggers',
    regional_official: 'regional officials', government_official: 'government officials', military_official: 'military officials',
    pro_government_influencer: 'pro-government influencers', aggregator_channel: 'aggregator channels', independent_media: 'independent media',
    foreign_media: 'foreign media', exiled_media: 'exiled media', think_tank: 'think tanks', fact_checker: 'fact-checkers', unknown: 'unresolved sources' } as Record<string, string>)[type] ?? type.replace(/_/g, ' ');
}

const day = (iso: string | undefined) => (iso ? iso.slice(0, 10) : 'n/a');
function citeText(c: Citation): string { return `${c.documentId}, ${c.speaker ? `${c.speaker} via ` : ''}${c.source}, ${day(c.publishedAt)}`; }

/** A URL fit for a Markdown link target: no spaces, brackets or angle brackets that could end it early. */
function safeUrl(url: string): string {
  return encodeURI(url).replace(/[()<>\[\]]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function renderMarkdown(b: Brief): string {
  const md = escapeMarkdown;
  const cites = (cs: Citation[]) => (cs.length ? ` [${cs.map((c) => (c.url && /^https?:\/\//i.test(c.url) ? `[${md(citeText(c))}](${safeUrl(c.url)})` : md(citeText(c)))).join('; ')}]` : '');
  const out: string[] = [
    `# ${md(b.title)}`, '',
    `Generated ${b.generatedAt} by Narrascope ${b.narrascopeVersion} from ${b.corpus.documents} documents of ${b.corpus.sources} sources, ` +
      `${day(b.corpus.first)} to ${day(b.corpus.last)} (corpus fingerprint \`${b.corpus.fingerprint}\`). Query \`${JSON.stringify(b.query)}\`; parameters \`${JSON.stringify(b.parameters)}\`.`, '',
    '## Key takeaways', '',
    ...b.keyTakeaways.map((k) => `- ${md(k.text)}${cites(k.citations)}`), '',
  ];
  for (const n of b.narratives) {
    out.push(`## ${md(n.label)}`, '');
    if (n.description) out.push(md(n.description), '');
    out.push(`${n.mentions} mentions (${n.amplifying} amplifying, ${n.refuting} countering), ${day(n.first)} to ${day(n.last)}.`, '');
    if (n.claims.length) {
      out.push('### What is claimed', '');
      for (const c of n.claims) {
        out.push(`- **${md(c.speaker)}**${c.speakerType ? ` (${md(typeLabel(c.speakerType))})` : ''} ${md(c.cue)}${c.date ? ` on ${c.date}` : ''} [${c.lang}]: “${md(c.content)}”` +
          `${c.gloss && c.lang !== 'en' ? ` — gloss: ${md(c.gloss)}` : ''} — via ${md(c.chain.join(' → ') || 'the publisher')}, reporter's stance ${c.stance}${cites([c.citation])}`);
      }
      out.push('');
    }
    if (n.pushers.length) {
      out.push('### Who pushes it', '', '| actor type | amplifying mentions | actors | first | last | example |', '|---|---:|---|---|---|---|');
      for (const p of n.pushers) out.push(`| ${md(typeLabel(p.actorType))} | ${p.mentions} | ${md(p.actors.join(', '))} | ${day(p.first)} | ${day(p.last)} | ${p.citation ? md(p.citation.documentId) : ''} |`);
      out.push('');
    }
    if (n.surges.length) {
      out.push('### Intensification and surges', '');
      for (const s of n.surges) {
        out.push(`- ${s.kind === 'shift' ? 'Lasting intensification' : 'Surge'} from ${day(s.onset)} (peak ${day(s.peak)}, end ${day(s.end)}, ×${s.magnitude.toFixed(1)}, confidence ${s.confidence.toFixed(2)}), driven by ${md(s.drivers.join(', '))}` +
          `${s.after.length ? `; preceded by ${md(s.after.map((e) => `${e.title} (${e.date}, ${e.lagDays} d before)`).join('; '))}` : ''}${cites(s.citations)}`);
      }
      out.push('');
    }
    if (n.coordination.length) {
      out.push('### Coordination', '');
      for (const c of n.coordination) out.push(`- ${c.posts} near-identical posts by ${md(c.accounts.join(', '))} (${md(c.accountTypes.map(typeLabel).join(', '))}) within ${c.spanSeconds} s, ${c.start.slice(0, 16).replace('T', ' ')} UTC${cites(c.citations)}`);
      out.push('');
    }
    if (n.assessments.length) {
      out.push('### Assessments on record', '');
      for (const a of n.assessments) out.push(`- ${md(a.verdict)}, per ${md(a.by)}: “${md(a.text)}”${cites([a.citation])}`);
      out.push('');
    }
    if (n.resembles.length) {
      out.push('### Related narratives in the same documents', '');
      for (const r of n.resembles) out.push(`- ${md(r.label)} (${r.sharedDocuments} shared documents)`);
      out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}

export function renderHtml(b: Brief): string {
  const h = escapeHtml;
  const link = (c: Citation) => `<a class="cite" href="${c.url && /^https?:\/\//i.test(c.url) ? h(c.url) : `#doc-${h(c.documentId)}`}" data-doc="${h(c.documentId)}">${h(citeText(c))}</a>`;
  const cites = (cs: Citation[]) => (cs.length ? ` <span class="cites">[${cs.map(link).join('; ')}]</span>` : '');
  const sections = b.narratives.map((n) => `
<section><h2>${h(n.label)}</h2>
${n.description ? `<p>${h(n.description)}</p>` : ''}
<p>${n.mentions} mentions (${n.amplifying} amplifying, ${n.refuting} countering), ${h(day(n.first))} to ${h(day(n.last))}.</p>
${n.claims.length ? `<h3>What is claimed</h3><ul>${n.claims.map((c) => `<li><strong>${h(c.speaker)}</strong>${c.speakerType ? ` (${h(typeLabel(c.speakerType))})` : ''} ${h(c.cue)}${c.date ? ` on ${h(c.date)}` : ''} <span lang="${h(c.lang)}">“${h(c.content)}”</span> — via ${h(c.chain.join(' → ') || 'the publisher')}, reporter's stance ${h(c.stance)}${cites([c.citation])}</li>`).join('\n')}</ul>` : ''}
${n.pushers.length ? `<h3>Who pushes it</h3><table><thead><tr><th>actor type</th><th>amplifying mentions</th><th>actors</th><th>first</th><th>last</th></tr></thead><tbody>
${n.pushers.map((p) => `<tr><td>${h(typeLabel(p.actorType))}</td><td>${p.mentions}</td><td>${h(p.actors.join(', '))}</td><td>${h(day(p.first))}</td><td>${h(day(p.last))}</td></tr>`).join('\n')}</tbody></table>` : ''}
${n.surges.length ? `<h3>Intensification and surges</h3><ul>${n.surges.map((s) => `<li>${s.kind === 'shift' ? 'Lasting intensification' : 'Surge'} from ${h(day(s.onset))} (peak ${h(day(s.peak))}, ×${s.magnitude.toFixed(1)}), driven by ${h(s.drivers.join(', '))}${s.after.length ? `; preceded by ${h(s.after.map((e) => `${e.title} (${e.date}, ${e.lagDays} d before)`).join('; '))}` : ''}${cites(s.citations)}</li>`).join('\n')}</ul>` : ''}
${n.coordination.length ? `<h3>Coordination</h3><ul>${n.coordination.map((c) => `<li>${c.posts} near-identical posts by ${h(c.accounts.join(', '))} within ${c.spanSeconds} s${cites(c.citations)}</li>`).join('\n')}</ul>` : ''}
${n.assessments.length ? `<h3>Assessments on record</h3><ul>${n.assessments.map((a) => `<li>${h(a.verdict)}, per ${h(a.by)}: “${h(a.text)}”${cites([a.citation])}</li>`).join('\n')}</ul>` : ''}
${n.resembles.length ? `<h3>Related narratives in the same documents</h3><ul>${n.resembles.map((r) => `<li>${h(r.label)} (${r.sharedDocuments})</li>`).join('')}</ul>` : ''}
</section>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${h(b.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#111}
table{border-collapse:collapse}td,th{border:1px solid #999;padding:.2rem .5rem;text-align:left}.cites{font-size:.85em}.cite{color:#0645ad}
.meta{color:#333;font-size:.9em}@media print{a{color:#000}body{margin:0}}</style></head><body>
<h1>${h(b.title)}</h1>
<p class="meta">Generated ${h(b.generatedAt)} by Narrascope ${h(b.narrascopeVersion)} from ${b.corpus.documents} documents of ${b.corpus.sources} sources,
${h(day(b.corpus.first))} to ${h(day(b.corpus.last))} (corpus fingerprint <code>${h(b.corpus.fingerprint)}</code>). Query <code>${h(JSON.stringify(b.query))}</code>; parameters <code>${h(JSON.stringify(b.parameters))}</code>.</p>
<h2>Key takeaways</h2><ul>
${b.keyTakeaways.map((k) => `<li>${h(k.text)}${cites(k.citations)}</li>`).join('\n')}
</ul>
${sections}
</body></html>
`;
}
