/**
 * Converter from the "ua-disinfo-narratives-de-it" corpus (623 pro-Kremlin claims labelled with 13 narratives and
 * 69 sub-narratives, in English, German and Italian; see its SOURCE.md) to the SemEval subtask-2 layout, so the same
 * training and evaluation code runs on it.
 *
 * Output (never inside the repository; pass a temp or out folder):
 *   OUT/labels.txt                      the label list ("UAD: Narrative: Sub-narrative"), for importLabelList
 *   OUT/all/{EN,DE,IT}/...              every labelled claim per language
 *   OUT/train/{EN,DE,IT}/..., OUT/test/{EN,DE,IT}/...   a split by source article (same cases in every language)
 * Labels always come from the English records (the German and Italian files translate the label names too).
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeSemEval, type SemEvalDocOut } from './semeval.ts';
import { fnv1a } from './features.ts';

export interface UaDisinfoOptions {
  /** Languages to write (default en, de, it). */
  langs?: Array<'en' | 'de' | 'it'>;
  /** Share of source articles held out for the test split. Default 0.3. */
  testShare?: number;
  seed?: number;
  /** Label domain prefix. Default "UAD". */
  domain?: string;
}

export interface UaDisinfoSummary {
  outDir: string;
  labelFile: string;
  claims: number;
  narratives: number;
  subnarratives: number;
  perLang: Record<string, { all: number; train: number; test: number }>;
}

interface Rec { Narrative?: string; Fakes?: string; Link?: string; Date?: string; [k: string]: unknown }

const FILES: Record<string, { file: string; field: string }> = {
  en: { file: 'dataEng.json', field: 'Disinfo_cases_en' },
  de: { file: 'dataDe.json', field: 'Disinfo_cases_de' },
  it: { file: 'dataIt.json', field: 'Disinfo_cases_it' },
};

function cleanLabel(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/;/g, ',').replace(/:\s+/g, ' - ').trim();
}

const key = (r: Rec) => `${(r.Link ?? '').toLowerCase().trim()}|${r.Date ?? ''}`;

/** Aligns a translated file to the English records (same order, possibly with records missing). */
function align(en: Rec[], other: Rec[]): Array<Rec | undefined> {
  const out: Array<Rec | undefined> = new Array(en.length).fill(undefined);
  let j = 0;
  for (let i = 0; i < en.length && j < other.length; i++) {
    if (key(en[i]) === key(other[j])) { out[i] = other[j]; j++; continue; }
    // look a little ahead in the other file (a record may be missing there or here)
    let found = -1;
    for (let k = j + 1; k < Math.min(other.length, j + 4); k++) if (key(other[k]) === key(en[i])) { found = k; break; }
    if (found >= 0) { out[i] = other[found]; j = found + 1; }
  }
  return out;
}

export function convertUaDisinfoToSemEval(srcDir: string, outDir: string, opts: UaDisinfoOptions = {}): UaDisinfoSummary {
  const langs = opts.langs ?? ['en', 'de', 'it'];
  const domain = opts.domain ?? 'UAD';
  const testShare = opts.testShare ?? 0.3;
  const seed = opts.seed ?? 7;
  const read = (f: string) => JSON.parse(readFileSync(join(srcDir, f), 'utf8')) as Rec[];
  const en = read(FILES.en.file);
  const texts: Record<string, Array<string | undefined>> = {};
  for (const lang of langs) {
    if (lang === 'en') { texts.en = en.map((r) => r[FILES.en.field] as string | undefined); continue; }
    const aligned = align(en, read(FILES[lang].file));
    texts[lang] = aligned.map((r) => (r ? (r[FILES[lang].field] as string | undefined) : undefined));
  }
  // labelled English records
  const rows: Array<{ i: number; id: string; narrative: string; sub: string }> = [];
  en.forEach((r, i) => {
    const n = (r.Narrative ?? '').trim();
    const f = (r.Fakes ?? '').trim();
    if (!n || !f) return;
    rows.push({ i, id: String((r as { id?: number }).id ?? i + 1), narrative: cleanLabel(n), sub: cleanLabel(f) });
  });
  // split by source article, keeping identical claims together (union-find over links and texts)
  const parent = rows.map((_, k) => k);
  const find = (k: number): number => (parent[k] === k ? k : (parent[k] = find(parent[k])));
  const firstBy = new Map<string, number>();
  rows.forEach((row, k) => {
    for (const g of [`l:${(en[row.i].Link ?? '').toLowerCase()}`, `t:${String(en[row.i][FILES.en.field] ?? '').trim().toLowerCase()}`]) {
      const prev = firstBy.get(g);
      if (prev === undefined) firstBy.set(g, k); else parent[find(k)] = find(prev);
    }
  });
  const isTest = rows.map((_, k) => ((fnv1a(`${seed}:${find(k)}`) % 1000) / 1000) < testShare);

  const labels = new Set<string>();
  const narratives = new Set<string>();
  for (const r of rows) { narratives.add(r.narrative); labels.add(`${domain}: ${r.narrative}: ${r.sub}`); }
  mkdirSync(outDir, { recursive: true });
  const labelFile = join(outDir, 'labels.txt');
  writeFileSync(labelFile, [...narratives].sort().map((n) => `${domain}: ${n}`).concat([...labels].sort()).join('\n') + '\n');

  const perLang: UaDisinfoSummary['perLang'] = {};
  for (const lang of langs) {
    const all: SemEvalDocOut[] = [], train: SemEvalDocOut[] = [], test: SemEvalDocOut[] = [];
    rows.forEach((r, k) => {
      const text = texts[lang][r.i]?.trim();
      if (!text) return;
      const doc: SemEvalDocOut = {
        id: `${lang.toUpperCase()}_${r.id}`, title: '', text,
        narratives: [`${domain}: ${r.narrative}`], subnarratives: [`${domain}: ${r.narrative}: ${r.sub}`],
      };
      all.push(doc);
      (isTest[k] ? test : train).push(doc);
    });
    const L = lang.toUpperCase();
    writeSemEval(join(outDir, 'all', L), all);
    writeSemEval(join(outDir, 'train', L), train);
    writeSemEval(join(outDir, 'test', L), test);
    perLang[lang] = { all: all.length, train: train.length, test: test.length };
  }
  return { outDir, labelFile, claims: rows.length, narratives: narratives.size, subnarratives: labels.size, perLang };
}
