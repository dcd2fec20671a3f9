import { Command } from 'commander';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTaxonomy, TaxonomyError, type Taxonomy } from '../narratives/index.ts';
import { resolveNarrative, TargetError } from '../insights/target.ts';
import type { Mention } from '../model/index.ts';
import type { Store, StoredAssessment, StoredAttribution } from '../store/store.ts';
import { buildStixBundle, parseDisarmBundle, stixProblems, type DisarmTechnique, type EvidenceDocument } from '../report/stix.ts';
import { CLAIM_COLUMNS, MENTION_COLUMNS, UTF8_BOM, claimRow, csvLine, mentionRow, type CsvDocument } from '../report/csv.ts';
import { actorGraphML } from '../report/actor-graph.ts';
import { UsageError, globals, registryFor, withStore, parsePeriod } from './context.ts';
import { VERSION } from '../version.ts';

/** Where DISARM.json is looked for when --disarm is not given (the shared standards folder next to the checkout). */
const DEFAULT_DISARM = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'standards', 'disarm', 'DISARM.json');

const PAGE = 5000;

interface ScopeOptions { narrative?: string; taxonomy?: string; since?: string; until?: string }
interface Scope { taxonomy: Taxonomy; narrativeId?: string; narrativeIds?: string[]; since?: string; until?: string }

function scope(opts: ScopeOptions): Scope {
  const { since, until } = parsePeriod(opts);
  if (since && until && until <= since) throw new UsageError('--until must be after --since');
  let taxonomy: Taxonomy;
  try { taxonomy = loadTaxonomy(opts.taxonomy ?? 'urw'); } catch (err) {
    if (err instanceof TaxonomyError) throw new UsageError(err.message);
    throw err;
  }
  if (!opts.narrative) return { taxonomy, since, until };
  try {
    const t = resolveNarrative(taxonomy, opts.narrative);
    return { taxonomy, narrativeId: t.node.id, narrativeIds: t.narrativeIds, since, until };
  } catch (err) {
    if (err instanceof TargetError) throw new UsageError(err.message);
    throw err;
  }
}

async function allMentions(store: Store, s: Scope): Promise<Mention[]> {
  const out: Mention[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listMentions({ narrativeIds: s.narrativeIds, since: s.since, until: s.until }, { limit: PAGE, offset });
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

async function allAttributions(store: Store, s: Scope): Promise<StoredAttribution[]> {
  const ids = s.narrativeIds ? new Set(s.narrativeIds) : undefined;
  const out: StoredAttribution[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listAttributions({ since: s.since, until: s.until }, { limit: PAGE, offset });
    for (const a of page) if (!ids || (a.narratives ?? []).some((n) => ids.has(n.id))) out.push(a);
    if (page.length < PAGE) return out;
  }
}

/** Fetches documents by id, once each, keeping only what a CSV row cites (not the text). */
function documentCache(store: Store) {
  const cache = new Map<string, CsvDocument | undefined>();
  return async (id: string): Promise<CsvDocument | undefined> => {
    if (!cache.has(id)) {
      const d = await store.getDocument(id);
      cache.set(id, d ? {
        id: d.id, publishedAt: d.publishedAt, source: d.source, lang: d.lang,
        ...(d.url ? { url: d.url } : {}), ...(d.title ? { title: d.title } : {}),
      } : undefined);
    }
    return cache.get(id);
  };
}

function loadDisarm(file: string | undefined): Map<string, DisarmTechnique> | undefined {
  const path = file ?? process.env.NARRASCOPE_DISARM ?? DEFAULT_DISARM;
  if (!existsSync(path)) {
    if (file) throw new UsageError(`--disarm: no such file ${file}`);
    return undefined;
  }
  try {
    return parseDisarmBundle(JSON.parse(readFileSync(path, 'utf8')));
  } catch (err) {
    throw new UsageError(`--disarm: cannot read ${path}: ${(err as Error).message}`);
  }
}

/** Writes text to --out (or stdout when absent or "-"). */
function output(out: string | undefined, text: string, what: string, quiet: boolean): void {
  if (!out || out === '-') { process.stdout.write(text); return; }
  writeFileSync(out, text);
  if (!quiet) process.stderr.write(`${what} written to ${out}\n`);
}

function stixCommand(): Command {
  return new Command('stix')
    .description('STIX 2.1 bundle: report, actors (identity), narratives and channels (OpenCTI SDOs), DISARM techniques, relationships with evidence')
    .option('--narrative <n>', 'only this narrative and its sub-narratives (id, label, or a unique part of its label)')
    .option('--taxonomy <name>', 'taxonomy of the narratives', 'urw')
    .option('--since <date>', 'only mentions at or after').option('--until <date>', 'only mentions before')
    .option('--disarm <file>', 'DISARM STIX bundle for technique names and descriptions (default: NARRASCOPE_DISARM or ../shared/standards/disarm/DISARM.json)')
    .option('--max-evidence <n>', 'documents cited per relationship', '20')
    .option('--out <file>', 'write the bundle here (default: stdout)')
    .addHelpText('after', `
Examples:
  narrascope export stix --out bundle.json
  narrascope export stix --narrative Kursk --since 2024-08-01 --out kursk.stix.json
  narrascope export stix --narrative urw-discredit-ua --disarm DISARM.json --max-evidence 5 --out ua.json

Narratives and channels are OpenCTI's Narrative and Channel objects; ids are stable, so re-exporting updates the same
objects. The mapping is documented in docs/stix.md.`)
    .action(async (opts, cmd: Command) => {
      const s = scope(opts);
      const maxEvidence = Number(opts.maxEvidence);
      if (!Number.isInteger(maxEvidence) || maxEvidence < 0) throw new UsageError('--max-evidence must be a non-negative integer');
      const disarm = loadDisarm(opts.disarm);
      const registry = registryFor(cmd);
      const bundle = await withStore(cmd, async (store) => {
        const mentions = await allMentions(store, s);
        // Only what a citation needs (not the text), so large exports stay small in memory.
        const documents = new Map<string, EvidenceDocument>();
        for (const id of new Set(mentions.map((m) => m.documentId))) {
          const d = await store.getDocument(id);
          if (d) {
            documents.set(id, {
              id: d.id, publishedAt: d.publishedAt, source: d.source, lang: d.lang, meta: { forwardedFrom: d.meta.forwardedFrom },
              ingest: { format: d.ingest.format }, ...(d.url ? { url: d.url } : {}), ...(d.title ? { title: d.title } : {}),
            });
          }
        }
        const corpus = await store.documentStats({ since: s.since, until: s.until });
        return buildStixBundle({
          mentions, documents, taxonomy: s.taxonomy, actors: registry, corpus, disarm, maxEvidence, version: VERSION,
          query: { narrative: s.narrativeId, narrativeIds: s.narrativeIds, since: s.since, until: s.until },
        });
      }, { readonly: true });
      const problems = stixProblems(bundle);
      if (problems.length) throw new Error(`the bundle would not be valid STIX 2.1:\n  ${problems.slice(0, 10).join('\n  ')}`);
      output(opts.out, `${JSON.stringify(bundle, null, 2)}\n`, `STIX bundle (${bundle.objects.length} objects)`, Boolean(globals(cmd).quiet));
    });
}

function csvCommand(): Command {
  return new Command('csv')
    .description('CSV of mentions (who carries which narrative, with what stance) or claims (attributions), spreadsheet-safe')
    .argument('<what>', 'mentions or claims')
    .option('--narrative <n>', 'only this narrative and its sub-narratives')
    .option('--taxonomy <name>', 'taxonomy of the narratives', 'urw')
    .option('--since <date>').option('--until <date>')
    .option('--no-bom', 'no UTF-8 byte order mark (Excel needs it to read Cyrillic)')
    .option('--out <file>', 'write here (default: stdout)')
    .addHelpText('after', `
Examples:
  narrascope export csv mentions --out mentions.csv
  narrascope export csv claims --narrative Kursk --since 2025-03-01 --out claims.csv

Every cell is quoted; cells starting with = + - @ TAB or CR get a leading apostrophe, so no spreadsheet runs them.`)
    .action(async (what: string, opts, cmd: Command) => {
      if (!['mentions', 'claims'].includes(what)) throw new UsageError('export csv: say mentions or claims');
      const s = scope(opts);
      const labels = new Map(s.taxonomy.narratives.map((n) => [n.id, n.label]));
      const toStdout = !opts.out || opts.out === '-';
      const sink = toStdout ? process.stdout : createWriteStream(opts.out);
      let failed: Error | undefined;
      sink.on('error', (err: Error) => { failed = err; });
      const write = async (text: string) => {
        if (failed) throw failed;
        if (!sink.write(text)) await once(sink, 'drain');
      };
      let rows = 0;
      await withStore(cmd, async (store) => {
        const doc = documentCache(store);
        if (opts.bom !== false) await write(UTF8_BOM);
        if (what === 'mentions') {
          await write(csvLine(MENTION_COLUMNS));
          for (const m of await allMentions(store, s)) { await write(csvLine(mentionRow(m, await doc(m.documentId), labels.get(m.narrativeId)))); rows++; }
        } else {
          await write(csvLine(CLAIM_COLUMNS));
          const assessments = new Map<string, StoredAssessment[]>();
          for (const a of await allAttributions(store, s)) {
            if (!assessments.has(a.documentId)) assessments.set(a.documentId, await store.listAssessments({ documentId: a.documentId }));
            await write(csvLine(claimRow(a, await doc(a.documentId), assessments.get(a.documentId))));
            rows++;
          }
        }
      }, { readonly: true });
      if (!toStdout) {
        await new Promise<void>((resolve, reject) => (sink as ReturnType<typeof createWriteStream>).end((err?: Error | null) => (err ?? failed ? reject(err ?? failed) : resolve())));
        if (!globals(cmd).quiet) process.stderr.write(`${rows} ${what} written to ${opts.out}\n`);
      }
    });
}

function graphmlCommand(): Command {
  return new Command('graphml')
    .description('GraphML actor network: who relays, quotes or forwards whom (weighted, directed), from attribution chains, forwards and mentions')
    .argument('<what>', 'actors')
    .option('--narrative <n>', 'only attributions and documents carrying this narrative (and its sub-narratives)')
    .option('--taxonomy <name>', 'taxonomy of the narratives', 'urw')
    .option('--since <date>').option('--until <date>')
    .option('--out <file>', 'write here (default: stdout)')
    .addHelpText('after', `
Examples:
  narrascope export graphml actors --out actors.graphml
  narrascope export graphml actors --narrative Kursk --out kursk-actors.graphml   # open in Gephi, yEd, Cytoscape`)
    .action(async (what: string, opts, cmd: Command) => {
      if (what !== 'actors') throw new UsageError('export graphml: the only graph is "actors"');
      const s = scope(opts);
      const registry = registryFor(cmd);
      const text = await withStore(cmd, async (store) => {
        const mentions = await allMentions(store, s);
        const attributions = await allAttributions(store, s);
        let documents = await store.documentTimes({ since: s.since, until: s.until });
        if (s.narrativeIds) {
          const inScope = new Set([...mentions.map((m) => m.documentId), ...attributions.map((a) => a.documentId)]);
          documents = documents.filter((d) => inScope.has(d.id));
        }
        return actorGraphML({ documents, attributions, mentions, actors: registry });
      }, { readonly: true });
      output(opts.out, text, 'actor network', Boolean(globals(cmd).quiet));
    });
}

/** `narrascope export stix|csv|graphml`. */
export function exportCommand(): Command {
  return new Command('export')
    .description('Export the analysis: STIX 2.1 bundle, CSV (mentions, claims), GraphML (actor network)')
    .addCommand(stixCommand().exitOverride().showHelpAfterError())
    .addCommand(csvCommand().exitOverride().showHelpAfterError())
    .addCommand(graphmlCommand().exitOverride().showHelpAfterError())
    .addHelpText('after', `
Examples:
  narrascope export stix --narrative Kursk --out kursk.stix.json
  narrascope export csv mentions --since 2025-03-01 --out mentions.csv
  narrascope export graphml actors --out actors.graphml`);
}
