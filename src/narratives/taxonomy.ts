/**
 * Narrative taxonomies as data (DESIGN.md §3): `data/taxonomies/NAME.yaml`, a flat list of nodes linked by `parent`.
 *
 * Depth 0 nodes are the coarse narratives ("URW: Discrediting Ukraine"), depth 1 the fine sub-narratives
 * ("URW: Discrediting Ukraine: Discrediting Ukrainian military"); deeper nodes are our own refinements (the mission
 * narrative) and count as their depth-1 ancestor wherever a two-level label set is needed (SemEval evaluation).
 * A node with `other: true` is the "<Narrative>: Other" bucket of its parent.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { compileCue, CueSyntaxError, type CueInput } from './cues.ts';

const LANG = z.string().regex(/^[a-z]{2,3}$/, 'language codes are ISO 639-1 like "en", "ru", "uk"');

const CueSpecSchema = z.union([
  z.string().min(1),
  z.object({
    cue: z.string().min(1),
    weight: z.number().positive().max(10).optional(),
    negatable: z.boolean().optional(),
  }).strict(),
]);

const ExampleSchema = z.object({ lang: LANG, text: z.string().min(1) }).strict();

export const TaxonomyNodeSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'ids are lower-case letters, digits, ".", "_" and "-"'),
  label: z.string().min(1),
  parent: z.string().nullable().default(null),
  description: z.string().default(''),
  other: z.boolean().optional(),
  aliases: z.array(z.string().min(1)).default([]),
  cues: z.record(LANG, z.array(CueSpecSchema)).default({}),
  examples: z.array(ExampleSchema).default([]),
  disarm: z.array(z.string().regex(/^T\d{4}(\.\d{3})?$/, 'DISARM technique ids look like T0023 or T0023.001'))
    .default([]),
}).strict();

export const TaxonomySchema = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'names are lower-case letters, digits, "_" and "-"'),
  title: z.string().optional(),
  version: z.union([z.number(), z.string()]).optional(),
  /** Label prefix shared by all labels ("URW"), when the label set has one. */
  domain: z.string().optional(),
  /** The label for "no narrative" (SemEval: "Other"). */
  otherLabel: z.string().default('Other'),
  source: z.string().optional(),
  notes: z.string().optional(),
  narratives: z.array(TaxonomyNodeSchema).min(1, 'a taxonomy needs at least one narrative'),
}).strict();

export type TaxonomyNode = z.infer<typeof TaxonomyNodeSchema>;
export type Taxonomy = z.infer<typeof TaxonomySchema>;
export type TaxonomyExample = z.infer<typeof ExampleSchema>;

export interface TaxonomyIssue { file?: string; nodeId?: string; field?: string; message: string }
export interface TaxonomyValidation { ok: boolean; errors: TaxonomyIssue[]; warnings: TaxonomyIssue[]; taxonomy?: Taxonomy }

export function formatIssue(i: TaxonomyIssue): string {
  const where = [i.file, i.nodeId !== undefined ? `node "${i.nodeId}"` : undefined,
    i.field ? `field "${i.field}"` : undefined].filter(Boolean).join(': ');
  return where ? `${where}: ${i.message}` : i.message;
}

export class TaxonomyError extends Error {
  readonly issues: TaxonomyIssue[];
  constructor(issues: TaxonomyIssue[]) {
    super(`invalid taxonomy:\n  ${issues.map(formatIssue).join('\n  ')}`);
    this.name = 'TaxonomyError';
    this.issues = issues;
  }
}

function fieldPath(path: PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : (s ? '.' : '') + String(p);
  return s;
}

export interface ValidateOptions {
  file?: string;
  /** Known DISARM technique ids; when given, unknown ids are errors. */
  disarmIds?: Set<string>;
}

/** Validates raw (parsed YAML/JSON) taxonomy data: schema, ids, parents, cycles, cue syntax, label consistency. */
export function validateTaxonomy(data: unknown, opts: ValidateOptions = {}): TaxonomyValidation {
  const file = opts.file;
  const errors: TaxonomyIssue[] = [];
  const warnings: TaxonomyIssue[] = [];
  const parsed = TaxonomySchema.safeParse(data);
  if (!parsed.success) {
    const raw = data as { narratives?: Array<{ id?: unknown }> } | null;
    for (const issue of parsed.error.issues) {
      const path = issue.path;
      if (path[0] === 'narratives' && typeof path[1] === 'number') {
        const rawId = raw?.narratives?.[path[1]]?.id;
        const nodeId = typeof rawId === 'string' ? rawId : `#${path[1]}`;
        errors.push({ file, nodeId, field: fieldPath(path.slice(2)) || undefined, message: issue.message });
      } else {
        errors.push({ file, field: fieldPath(path) || undefined, message: issue.message });
      }
    }
    return { ok: false, errors, warnings };
  }
  const t = parsed.data;
  const ids = new Map<string, TaxonomyNode>();
  const labels = new Map<string, string>();
  for (const n of t.narratives) {
    if (ids.has(n.id)) errors.push({ file, nodeId: n.id, field: 'id', message: 'duplicate id' });
    ids.set(n.id, n);
    for (const l of [n.label, ...n.aliases]) {
      const k = labelKey(l);
      const prev = labels.get(k);
      if (prev !== undefined && prev !== n.id) {
        errors.push({ file, nodeId: n.id, field: 'label', message: `label "${l}" is also used by node "${prev}"` });
      }
      labels.set(k, n.id);
    }
  }
  for (const n of t.narratives) {
    if (n.parent !== null) {
      const p = ids.get(n.parent);
      if (!p) errors.push({ file, nodeId: n.id, field: 'parent', message: `unknown parent "${n.parent}"` });
      else if (!n.label.startsWith(p.label + ': ')) {
        warnings.push({ file, nodeId: n.id, field: 'label', message: `label does not start with its parent's label "${p.label}: "` });
      }
      // cycle check
      const seen = new Set([n.id]);
      let cur: TaxonomyNode | undefined = p;
      while (cur && cur.parent !== null) {
        if (seen.has(cur.id)) { errors.push({ file, nodeId: n.id, field: 'parent', message: 'parent chain forms a cycle' }); break; }
        seen.add(cur.id);
        cur = ids.get(cur.parent);
      }
    }
    if (n.other) {
      if (n.parent === null) errors.push({ file, nodeId: n.id, field: 'other', message: 'an "other" node needs a parent' });
      if (Object.values(n.cues).some((c) => c.length)) {
        warnings.push({ file, nodeId: n.id, field: 'cues', message: '"other" nodes are assigned by rule; their cues are ignored' });
      }
    }
    for (const [lang, cues] of Object.entries(n.cues)) {
      cues.forEach((c, i) => {
        try { compileCue(c as CueInput, lang, n.id); } catch (e) {
          if (e instanceof CueSyntaxError) errors.push({ file, nodeId: n.id, field: `cues.${lang}[${i}]`, message: e.message });
          else throw e;
        }
      });
    }
    if (opts.disarmIds) {
      n.disarm.forEach((d, i) => {
        if (!opts.disarmIds!.has(d)) errors.push({ file, nodeId: n.id, field: `disarm[${i}]`, message: `unknown DISARM technique "${d}"` });
      });
    }
  }
  return errors.length ? { ok: false, errors, warnings } : { ok: true, errors, warnings, taxonomy: t };
}

// ---------------------------------------------------------------------------------------------------------------
// Loading

/** Folder of the shipped taxonomies (data/taxonomies). */
export const TAXONOMY_DIR = fileURLToPath(new URL('../../data/taxonomies/', import.meta.url));

function resolveTaxonomyPath(nameOrPath: string): string {
  if (/[\\/]/.test(nameOrPath) || /\.(ya?ml|json|txt)$/i.test(nameOrPath)) return resolve(nameOrPath);
  for (const ext of ['.yaml', '.yml']) {
    const p = join(TAXONOMY_DIR, nameOrPath + ext);
    if (existsSync(p)) return p;
  }
  const known = listTaxonomies().map((t) => t.name);
  throw new TaxonomyError([{ message: `no taxonomy named "${nameOrPath}" in ${TAXONOMY_DIR} (known: ${known.join(', ') || 'none'})` }]);
}

/**
 * Loads a taxonomy by name (data/taxonomies/NAME.yaml) or path (.yaml/.yml/.json; a .txt label list is imported).
 * Throws TaxonomyError whose message names the file, node id and field of every problem.
 */
export function loadTaxonomy(nameOrPath: string, opts: Omit<ValidateOptions, 'file'> = {}): Taxonomy {
  const file = resolveTaxonomyPath(nameOrPath);
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    throw new TaxonomyError([{ file, message: `cannot read: ${(e as Error).message}` }]);
  }
  if (/\.txt$/i.test(file)) return importLabelList(text, basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9_-]+/g, '-'));
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new TaxonomyError([{ file, message: `cannot parse: ${(e as Error).message.split('\n')[0]}` }]);
  }
  const v = validateTaxonomy(data, { ...opts, file });
  if (!v.ok || !v.taxonomy) throw new TaxonomyError(v.errors);
  return v.taxonomy;
}

/** Validates a taxonomy file (YAML/JSON) without throwing: parse errors are reported as issues too. For
 * `narrascope taxonomy validate FILE`. */
export function validateTaxonomyFile(file: string, opts: Omit<ValidateOptions, 'file'> = {}): TaxonomyValidation {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) {
    return { ok: false, errors: [{ file, message: `cannot read: ${(e as Error).message}` }], warnings: [] };
  }
  if (/\.txt$/i.test(file)) {
    try {
      const t = importLabelList(text, basename(file, extname(file)).toLowerCase().replace(/[^a-z0-9_-]+/g, '-'));
      return { ok: true, errors: [], warnings: [], taxonomy: t };
    } catch (e) {
      return { ok: false, errors: e instanceof TaxonomyError ? e.issues.map((i) => ({ ...i, file })) : [{ file, message: (e as Error).message }], warnings: [] };
    }
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, errors: [{ file, message: `cannot parse: ${(e as Error).message.split('\n')[0]}` }], warnings: [] };
  }
  return validateTaxonomy(data, { ...opts, file });
}

export interface TaxonomyListing { name: string; title?: string; file: string; narratives: number; coarse: number; fine: number }

/** The shipped taxonomies (for `narrascope taxonomy list`). Invalid files are listed with an error. */
export function listTaxonomies(dir = TAXONOMY_DIR): Array<TaxonomyListing | { name: string; file: string; error: string }> {
  if (!existsSync(dir)) return [];
  const out: Array<TaxonomyListing | { name: string; file: string; error: string }> = [];
  for (const f of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/.test(f)) continue;
    const file = join(dir, f);
    const name = f.replace(/\.ya?ml$/, '');
    try {
      const t = loadTaxonomy(file);
      const s = taxonomyStats(t);
      out.push({ name: t.name, title: t.title, file, narratives: t.narratives.length, coarse: s.coarse, fine: s.fine });
    } catch (e) {
      out.push({ name, file, error: (e as Error).message });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Index and label helpers

/** Normalised label for comparisons: NFKC, unified apostrophes, single spaces, lower case. */
export function labelKey(label: string): string {
  return label.normalize('NFKC').replace(/[’‘ʼ`]/g, "'").replace(/\s+/g, ' ').trim().toLowerCase();
}

export interface TaxonomyIndex {
  byId: Map<string, TaxonomyNode>;
  byLabel: Map<string, TaxonomyNode>;
  children: Map<string, TaxonomyNode[]>;
  roots: TaxonomyNode[];
  depth: Map<string, number>;
  /** parent id → its "other" child */
  otherOf: Map<string, TaxonomyNode>;
}

const indexCache = new WeakMap<Taxonomy, TaxonomyIndex>();

export function indexTaxonomy(t: Taxonomy): TaxonomyIndex {
  let ix = indexCache.get(t);
  if (ix) return ix;
  const byId = new Map<string, TaxonomyNode>();
  const byLabel = new Map<string, TaxonomyNode>();
  const children = new Map<string, TaxonomyNode[]>();
  const roots: TaxonomyNode[] = [];
  const otherOf = new Map<string, TaxonomyNode>();
  for (const n of t.narratives) {
    byId.set(n.id, n);
    byLabel.set(labelKey(n.label), n);
    for (const a of n.aliases ?? []) byLabel.set(labelKey(a), n);
  }
  for (const n of t.narratives) {
    if (n.parent == null) roots.push(n);
    else {
      const list = children.get(n.parent);
      if (list) list.push(n); else children.set(n.parent, [n]);
      if (n.other) otherOf.set(n.parent, n);
    }
  }
  const depth = new Map<string, number>();
  const d = (n: TaxonomyNode): number => {
    const known = depth.get(n.id);
    if (known !== undefined) return known;
    let k = 0;
    let cur = n;
    const guard = new Set<string>();
    while (cur.parent != null && byId.has(cur.parent) && !guard.has(cur.id)) { guard.add(cur.id); cur = byId.get(cur.parent)!; k++; }
    depth.set(n.id, k);
    return k;
  };
  for (const n of t.narratives) d(n);
  ix = { byId, byLabel, children, roots, depth, otherOf };
  indexCache.set(t, ix);
  return ix;
}

export function nodeById(t: Taxonomy, id: string): TaxonomyNode | undefined {
  return indexTaxonomy(t).byId.get(id);
}

export function nodeByLabel(t: Taxonomy, label: string): TaxonomyNode | undefined {
  return indexTaxonomy(t).byLabel.get(labelKey(label));
}

/** The node and its ancestors, nearest first. */
export function ancestry(t: Taxonomy, id: string): TaxonomyNode[] {
  const ix = indexTaxonomy(t);
  const out: TaxonomyNode[] = [];
  let cur = ix.byId.get(id);
  while (cur && out.length < 64) {
    out.push(cur);
    cur = cur.parent != null ? ix.byId.get(cur.parent) : undefined;
  }
  return out;
}

/** The depth-0 ancestor (coarse narrative) of a node. */
export function coarseOf(t: Taxonomy, id: string): TaxonomyNode | undefined {
  const a = ancestry(t, id);
  return a[a.length - 1];
}

/** The depth-1 ancestor-or-self (fine narrative) of a node, undefined for a coarse node. */
export function fineOf(t: Taxonomy, id: string): TaxonomyNode | undefined {
  const a = ancestry(t, id);
  return a.length >= 2 ? a[a.length - 2] : undefined;
}

export function taxonomyStats(t: Taxonomy): { coarse: number; fine: number; deeper: number; other: number; cues: number; examples: number } {
  const ix = indexTaxonomy(t);
  let coarse = 0, fine = 0, deeper = 0, other = 0, cues = 0, examples = 0;
  for (const n of t.narratives) {
    const d = ix.depth.get(n.id) ?? 0;
    if (d === 0) coarse++; else if (d === 1) fine++; else deeper++;
    if (n.other) other++;
    for (const c of Object.values(n.cues)) cues += c.length;
    examples += n.examples.length;
  }
  return { coarse, fine, deeper, other, cues, examples };
}

/**
 * Two-level SemEval label sets for a set of node ids: coarse labels, fine labels (deeper nodes count as their
 * depth-1 ancestor), "<Narrative>: Other" for a narrative without a fine label, "Other" alone when nothing.
 */
export function toSemEvalLabels(t: Taxonomy, ids: Iterable<string>): { narratives: string[]; subnarratives: string[] } {
  const ix = indexTaxonomy(t);
  const coarse = new Map<string, TaxonomyNode>();
  const fine = new Map<string, TaxonomyNode>();
  for (const id of ids) {
    const c = coarseOf(t, id);
    if (!c) continue;
    coarse.set(c.id, c);
    const f = fineOf(t, id);
    if (f) fine.set(f.id, f);
  }
  if (coarse.size === 0) return { narratives: [t.otherLabel], subnarratives: [t.otherLabel] };
  const sub: string[] = [...fine.values()].map((n) => n.label);
  for (const c of coarse.values()) {
    if (![...fine.values()].some((f) => f.parent === c.id)) {
      sub.push(ix.otherOf.get(c.id)?.label ?? `${c.label}: Other`);
    }
  }
  return { narratives: [...coarse.values()].map((n) => n.label).sort(), subnarratives: [...new Set(sub)].sort() };
}

// ---------------------------------------------------------------------------------------------------------------
// Import and export

export interface ImportOptions {
  /** Label prefix shared by all lines ("URW"). Default: detected when every line starts with the same short
   *  upper-case segment; `false` to never treat the first segment as a domain. */
  domain?: string | false;
  /** Add a "<Narrative>: Other" node under every narrative that has sub-narratives (SemEval convention). Default true. */
  addOther?: boolean;
  title?: string;
}

export function slugify(s: string, max = 48): string {
  const slug = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[’']/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length <= max && slug) return slug;
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619); }
  const hash = (h >>> 0).toString(36).slice(0, 5);
  return `${slug.slice(0, max - 6).replace(/-+$/, '') || 'n'}-${hash}`;
}

/**
 * Builds a taxonomy from a plain label list: one label per line, levels separated by ": " ("A: B: C").
 * Blank lines and lines starting with "#" are skipped; "Other" alone is the no-narrative label. Parents are created
 * for every prefix. Descriptions and cues are left empty for the user to write.
 */
export function importLabelList(text: string, name: string, opts: ImportOptions = {}): Taxonomy {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const otherLabel = 'Other';
  const rows = lines.filter((l) => labelKey(l) !== 'other').map((l) => l.split(/\s*:\s+/).map((s) => s.trim()).filter(Boolean));
  let domain: string | undefined;
  if (opts.domain !== false) {
    if (typeof opts.domain === 'string') domain = opts.domain;
    else if (rows.length && rows.every((r) => r.length >= 2 && r[0] === rows[0][0]) && /^[A-Z]{2,6}$/.test(rows[0][0])) domain = rows[0][0];
  }
  const nodes: TaxonomyNode[] = [];
  const byLabel = new Map<string, TaxonomyNode>();
  const usedIds = new Set<string>();
  const safeName = name.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+/, '') || 'taxonomy';
  const add = (segs: string[], isOther: boolean): TaxonomyNode => {
    const label = (domain ? [domain, ...segs] : segs).join(': ');
    const existing = byLabel.get(labelKey(label));
    if (existing) return existing;
    const parent = segs.length > 1 ? add(segs.slice(0, -1), false) : null;
    let id = `${safeName}-${slugify(segs.join(' '))}`;
    for (let k = 2; usedIds.has(id); k++) id = `${safeName}-${slugify(segs.join(' '))}-${k}`;
    usedIds.add(id);
    const node: TaxonomyNode = {
      id, label, parent: parent ? parent.id : null, description: '', aliases: [], cues: {}, examples: [], disarm: [],
      ...(isOther ? { other: true } : {}),
    };
    nodes.push(node);
    byLabel.set(labelKey(label), node);
    return node;
  };
  for (const r of rows) {
    const segs = domain && r[0] === domain ? r.slice(1) : r;
    if (!segs.length) continue;
    add(segs, segs.length > 1 && labelKey(segs[segs.length - 1]) === 'other');
  }
  if (opts.addOther ?? true) {
    const parentsWithKids = new Set(nodes.filter((n) => n.parent).map((n) => n.parent!));
    for (const n of [...nodes]) {
      if (!parentsWithKids.has(n.id) || n.parent !== null) continue;
      const segs = (domain ? n.label.slice(domain.length + 2) : n.label).split(/\s*:\s+/);
      add([...segs, 'Other'], true);
    }
  }
  const raw = { name: safeName, title: opts.title ?? `Imported label list ${name}`, domain, otherLabel, narratives: nodes };
  const v = validateTaxonomy(raw);
  if (!v.ok || !v.taxonomy) throw new TaxonomyError(v.errors);
  return v.taxonomy;
}

/** YAML text of a taxonomy, in the shipped layout (for `narrascope taxonomy import`). */
export function taxonomyToYaml(t: Taxonomy): string {
  const clean = (n: TaxonomyNode) => {
    const o: Record<string, unknown> = { id: n.id, label: n.label, parent: n.parent };
    if (n.other) o.other = true;
    o.description = n.description;
    if (n.aliases.length) o.aliases = n.aliases;
    o.cues = n.cues;
    o.examples = n.examples;
    if (n.disarm.length) o.disarm = n.disarm;
    return o;
  };
  const doc: Record<string, unknown> = { name: t.name };
  if (t.title) doc.title = t.title;
  if (t.version !== undefined) doc.version = t.version;
  if (t.domain) doc.domain = t.domain;
  doc.otherLabel = t.otherLabel;
  if (t.source) doc.source = t.source;
  if (t.notes) doc.notes = t.notes;
  doc.narratives = t.narratives.map(clean);
  return stringifyYaml(doc, { lineWidth: 0 });
}

/** Plain data describing a taxonomy (for `narrascope taxonomy show`). */
export function describeTaxonomy(t: Taxonomy): {
  name: string; title?: string; domain?: string; stats: ReturnType<typeof taxonomyStats>;
  nodes: Array<{ id: string; label: string; parent: string | null; depth: number; other: boolean; description: string; cues: Record<string, number>; examples: number; disarm: string[] }>;
} {
  const ix = indexTaxonomy(t);
  return {
    name: t.name, title: t.title, domain: t.domain, stats: taxonomyStats(t),
    nodes: t.narratives.map((n) => ({
      id: n.id, label: n.label, parent: n.parent, depth: ix.depth.get(n.id) ?? 0, other: !!n.other,
      description: n.description, cues: Object.fromEntries(Object.entries(n.cues).map(([k, v]) => [k, v.length])),
      examples: n.examples.length, disarm: n.disarm,
    })),
  };
}

/** DISARM technique ids from a DISARM STIX bundle (attack-pattern external ids). */
export function disarmTechniqueIds(bundleFile: string): Set<string> {
  const bundle = JSON.parse(readFileSync(bundleFile, 'utf8')) as { objects?: Array<{ type?: string; external_references?: Array<{ external_id?: string }> }> };
  const ids = new Set<string>();
  for (const o of bundle.objects ?? []) {
    if (o.type !== 'attack-pattern') continue;
    for (const r of o.external_references ?? []) if (r.external_id) ids.add(r.external_id);
  }
  return ids;
}
