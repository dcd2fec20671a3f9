/**
 * CSV exports of mentions and claims (attributions), safe to open in a spreadsheet.
 *
 * RFC 4180 layout: every cell quoted (inner quotes doubled), CRLF line ends, a header row; optional UTF-8 BOM so that
 * Excel reads Cyrillic correctly. Formula injection: a cell whose text starts with = + - @ TAB or CR (or their
 * full-width forms ＝ ＋ － ＠) gets a leading apostrophe, so no spreadsheet evaluates document text as a formula.
 */
import type { StoredAssessment, StoredAttribution } from '../store/store.ts';
import type { Document, Mention } from '../model/index.ts';

/** Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection), plus full-width forms. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export const UTF8_BOM = '\uFEFF';

/** One cell: stringified, neutralised if it could start a formula, quoted. */
export function csvCell(value: unknown): string {
  let s: string;
  if (value === undefined || value === null) s = '';
  else if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
  else if (Array.isArray(value)) s = value.join('; ');
  else s = String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** One CSV line (CRLF-terminated). */
export function csvLine(cells: readonly unknown[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** What the CSV rows cite of a document. */
export type CsvDocument = Pick<Document, 'id' | 'publishedAt' | 'source'> & Partial<Pick<Document, 'url' | 'title' | 'lang'>>;

export const MENTION_COLUMNS = [
  'at', 'narrative_id', 'narrative_label', 'stance', 'actor_id', 'actor_name', 'actor_type', 'score',
  'document_id', 'attribution_index', 'published_at', 'source', 'lang', 'url', 'title',
] as const;

export function mentionRow(m: Mention, doc?: CsvDocument, label?: string): unknown[] {
  return [
    m.at, m.narrativeId, label ?? '', m.stance, m.actorId ?? '', m.actorName, m.actorType, m.score,
    m.documentId, m.attributionIndex ?? '', doc?.publishedAt ?? '', doc?.source.name ?? '', doc?.lang ?? '', doc?.url ?? '', doc?.title ?? '',
  ];
}

export const CLAIM_COLUMNS = [
  'said_at', 'date_text', 'speaker', 'speaker_actor_id', 'speaker_type', 'cue', 'content', 'direct', 'stance', 'chain',
  'narrative_ids', 'narrative_labels', 'assessments', 'document_id', 'attribution_index', 'published_at', 'source', 'lang',
  'url', 'title',
] as const;

/** A claim row: the attribution (who said what, how, relayed by whom), its narratives and any verdicts on it. */
export function claimRow(a: StoredAttribution, doc?: CsvDocument, assessments: readonly StoredAssessment[] = []): unknown[] {
  const verdicts = assessments.filter((x) => x.about === a.index).map((x) => `${x.by.name}: ${x.verdict}`);
  return [
    a.date ?? '', a.dateText ?? '', a.speaker.name ?? a.speaker.text, a.speaker.actorId ?? '', a.speaker.type ?? '',
    a.cue.text, a.content.text, a.direct ? 'direct' : 'reported', a.stance,
    (a.chain ?? []).map((l) => l.name).join(' > '),
    (a.narratives ?? []).map((n) => n.id), (a.narratives ?? []).map((n) => n.label), verdicts,
    a.documentId, a.index, a.publishedAt, doc?.source.name ?? '', a.lang, doc?.url ?? '', doc?.title ?? '',
  ];
}

export interface CsvOptions { bom?: boolean }

/** Whole CSV text of mentions. */
export function mentionsCsv(mentions: readonly Mention[], docs: ReadonlyMap<string, CsvDocument>, labels: ReadonlyMap<string, string> = new Map(), opts: CsvOptions = {}): string {
  let out = (opts.bom === false ? '' : UTF8_BOM) + csvLine(MENTION_COLUMNS);
  for (const m of mentions) out += csvLine(mentionRow(m, docs.get(m.documentId), labels.get(m.narrativeId)));
  return out;
}

/** Whole CSV text of claims. */
export function claimsCsv(claims: readonly StoredAttribution[], docs: ReadonlyMap<string, CsvDocument>, assessments: ReadonlyMap<string, readonly StoredAssessment[]> = new Map(), opts: CsvOptions = {}): string {
  let out = (opts.bom === false ? '' : UTF8_BOM) + csvLine(CLAIM_COLUMNS);
  for (const a of claims) out += csvLine(claimRow(a, docs.get(a.documentId), assessments.get(a.documentId)));
  return out;
}
