/**
 * Labelled data for narratives: the SemEval-2025 Task 10 subtask-2 layout (DESIGN.md §4) and a plain TSV.
 *
 * SemEval layout: DIR/raw-documents/*.txt (title, blank line, body; may start with a BOM) and
 * DIR/subtask-2-annotations.txt with `id<TAB>narratives<TAB>subnarratives`, labels `;`-separated.
 * A folder whose subfolders have that layout (EN/, RU/, ...) is read as their union.
 * TSV: `text<TAB>labels` per line, labels `;`-separated (coarse or fine, any mix); an optional header line.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface LabelledDoc {
  id: string;
  text: string;
  lang: string;
  /** coarse labels (SemEval "narratives" column); empty when unknown */
  narratives: string[];
  /** fine labels (SemEval "subnarratives" column) */
  subnarratives: string[];
  /** labels of unknown level (TSV) */
  labels?: string[];
  /** false when the document has no annotation line */
  annotated?: boolean;
}

export function parseLabels(s: string | undefined): string[] {
  if (!s) return [];
  return [...new Set(s.split(';').map((x) => x.trim()).filter(Boolean))];
}

const ANNOTATIONS = 'subtask-2-annotations.txt';

function isSemEvalDir(dir: string): boolean {
  return existsSync(join(dir, 'raw-documents')) && statSync(join(dir, 'raw-documents')).isDirectory();
}

function stripId(id: string): string {
  return id.replace(/\.txt$/i, '');
}

function langFromId(id: string, text: string): string {
  const m = /^([A-Z]{2})_/.exec(id);
  if (m) return m[1].toLowerCase();
  return guessLang(text);
}

const LATIN_MARKERS: Record<string, RegExp> = {
  en: /\b(the|and|of|is|that|with)\b/gi,
  de: /\b(der|die|und|ist|nicht|das|mit)\b/gi,
  it: /\b(il|che|di|è|della|per|non)\b/gi,
  fr: /\b(le|les|et|est|des|une|pour)\b/gi,
};

/** A quick language guess for labelled data (documents carry no language field): script, letters, function words. */
export function guessLang(text: string): string {
  const sample = text.slice(0, 3000);
  const cyr = (sample.match(/[\u0400-\u04FF]/g) ?? []).length;
  const lat = (sample.match(/[A-Za-z]/g) ?? []).length;
  if (cyr > lat) {
    const uk = (sample.match(/[іїєґІЇЄҐ]/g) ?? []).length;
    const ru = (sample.match(/[ыэъёЫЭЪЁ]/g) ?? []).length;
    return uk > ru ? 'uk' : 'ru';
  }
  if (!lat) return 'und';
  let best = 'en', bestN = 0;
  for (const [lang, re] of Object.entries(LATIN_MARKERS)) {
    const n = (sample.match(re) ?? []).length;
    if (n > bestN) { best = lang; bestN = n; }
  }
  return best;
}

/** Reads one SemEval subtask-2 folder (or a folder of such folders). Documents without annotation are kept with
 * `annotated: false` so evaluation can report them. */
export function readSemEval(dir: string): LabelledDoc[] {
  if (!existsSync(dir)) throw new Error(`${dir}: no such folder`);
  if (!isSemEvalDir(dir)) {
    const subs = readdirSync(dir).sort().map((d) => join(dir, d)).filter((d) => statSync(d).isDirectory() && isSemEvalDir(d));
    if (!subs.length) throw new Error(`${dir}: not a SemEval subtask-2 folder (expected raw-documents/ and ${ANNOTATIONS})`);
    return subs.flatMap((d) => readSemEval(d));
  }
  const ann = new Map<string, { narratives: string[]; subnarratives: string[] }>();
  const annFile = join(dir, ANNOTATIONS);
  if (existsSync(annFile)) {
    const lines = readFileSync(annFile, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      const cols = line.split('\t');
      if (cols.length < 2) throw new Error(`${annFile}:${i + 1}: expected id<TAB>narratives<TAB>subnarratives`);
      ann.set(stripId(cols[0].trim()), { narratives: parseLabels(cols[1]), subnarratives: parseLabels(cols[2]) });
    });
  }
  const rawDir = join(dir, 'raw-documents');
  const docs: LabelledDoc[] = [];
  for (const f of readdirSync(rawDir).sort()) {
    if (!/\.txt$/i.test(f)) continue;
    const text = readFileSync(join(rawDir, f), 'utf8').replace(/^\uFEFF/, '');
    const id = stripId(f);
    const a = ann.get(id);
    docs.push({
      id: f, text, lang: langFromId(id, text),
      narratives: a?.narratives ?? [], subnarratives: a?.subnarratives ?? [], annotated: !!a,
    });
  }
  return docs;
}

/** Reads `text<TAB>labels` lines (tabs and newlines inside text escaped as \t and \n). */
export function readLabelledTsv(file: string): LabelledDoc[] {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  const docs: LabelledDoc[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    const cut = line.lastIndexOf('\t');
    if (cut < 0) throw new Error(`${file}:${i + 1}: expected text<TAB>labels`);
    const text = line.slice(0, cut).replace(/\\n/g, '\n').replace(/\\t/g, '\t');
    const labels = line.slice(cut + 1);
    if (i === 0 && /^text$/i.test(text.trim()) && /^labels?$/i.test(labels.trim())) return;
    docs.push({ id: `${basename(file)}:${i + 1}`, text, lang: guessLang(text), narratives: [], subnarratives: [], labels: parseLabels(labels), annotated: true });
  });
  return docs;
}

/** A SemEval folder, a folder of them, or a TSV file. */
export function readLabelledData(pathOrDir: string): LabelledDoc[] {
  if (!existsSync(pathOrDir)) throw new Error(`${pathOrDir}: not found`);
  return statSync(pathOrDir).isDirectory() ? readSemEval(pathOrDir) : readLabelledTsv(pathOrDir);
}

export interface SemEvalDocOut { id: string; title?: string; text: string; narratives: string[]; subnarratives: string[] }

/** Writes documents in the SemEval subtask-2 layout (ids get a .txt suffix if missing). */
export function writeSemEval(outDir: string, docs: SemEvalDocOut[]): void {
  const raw = join(outDir, 'raw-documents');
  mkdirSync(raw, { recursive: true });
  const ann: string[] = [];
  for (const d of docs) {
    const id = /\.txt$/i.test(d.id) ? d.id : `${d.id}.txt`;
    writeFileSync(join(raw, id), `${d.title ?? ''}\n\n${d.text}\n`);
    const clean = (ls: string[]) => ls.map((l) => l.replace(/[;\t\n]/g, ',')).join(';');
    ann.push(`${id}\t${clean(d.narratives)}\t${clean(d.subnarratives)}`);
  }
  writeFileSync(join(outDir, ANNOTATIONS), ann.join('\n') + '\n');
}
