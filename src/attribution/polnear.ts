import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Reader of the PolNeAR brat-standoff layout (DESIGN.md §4): `text/NAME.txt` and `attributions/NAME*.ann`
 * (several annotators may give several files per text; we use the first in name order).
 */
export type Fragment = [number, number];

export interface BratSpan { id: string; role: 'Source' | 'Cue' | 'Content' | 'Attribution'; fragments: Fragment[]; text: string }

export interface GoldAttribution { source?: Fragment[]; cue?: Fragment[]; content?: Fragment[] }

export interface PolnearDoc { name: string; text: string; annFile?: string; attributions: GoldAttribution[] }

export function parseAnn(ann: string): GoldAttribution[] {
  const spans = new Map<string, BratSpan>();
  const out: GoldAttribution[] = [];
  const events: string[] = [];
  for (const line of ann.split(/\r?\n/)) {
    if (line.startsWith('T')) {
      const [id, meta, text = ''] = line.split('\t');
      if (!meta) continue;
      const sp = meta.indexOf(' ');
      const role = meta.slice(0, sp) as BratSpan['role'];
      const fragments: Fragment[] = meta.slice(sp + 1).split(';').map((f) => {
        const [a, b] = f.trim().split(/\s+/).map(Number);
        return [a, b] as Fragment;
      }).filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b) && b > a);
      spans.set(id, { id, role, fragments, text });
    } else if (line.startsWith('E')) {
      events.push(line);
    }
  }
  for (const line of events) {
    const [, args = ''] = line.split('\t');
    const att: GoldAttribution = {};
    for (const arg of args.trim().split(/\s+/)) {
      const [role, ref] = arg.split(':');
      const span = spans.get(ref);
      if (!span || !span.fragments.length) continue;
      if (role.startsWith('Source')) att.source = span.fragments;
      else if (role.startsWith('Cue')) att.cue = span.fragments;
      else if (role.startsWith('Content')) att.content = span.fragments;
    }
    if (att.cue || att.content || att.source) out.push(att);
  }
  return out;
}

/** Lists the documents of a PolNeAR folder (sorted by name), each with the first annotation file in name order. */
export function readPolnear(dir: string, opts: { limit?: number } = {}): PolnearDoc[] {
  const textDir = join(dir, 'text');
  const annDir = join(dir, 'attributions');
  if (!existsSync(textDir)) throw new Error(`${dir}: no text/ folder (expected the PolNeAR brat layout)`);
  const anns = existsSync(annDir) ? readdirSync(annDir).filter((f) => f.endsWith('.ann')).sort() : [];
  const names = readdirSync(textDir).filter((f) => f.endsWith('.txt')).sort().map((f) => f.slice(0, -4));
  const docs: PolnearDoc[] = [];
  for (const name of names) {
    if (opts.limit !== undefined && docs.length >= opts.limit) break;
    const text = readFileSync(join(textDir, name + '.txt'), 'utf8');
    const annFile = anns.find((f) => f === name + '.ann' || (f.startsWith(name + '_') && !f.slice(name.length + 1, -4).includes('_')));
    const attributions = annFile ? parseAnn(readFileSync(join(annDir, annFile), 'utf8')) : [];
    docs.push({ name, text, annFile, attributions });
  }
  return docs;
}
