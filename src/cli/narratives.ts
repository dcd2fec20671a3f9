import { Command } from 'commander';
import { readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import {
  createNarrativeClassifier, classifyText, describeTaxonomy, discoverNarratives, evaluateNarratives, formatIssue, importLabelList,
  listTaxonomies, loadTaxonomy, saveNarrativeModel, taxonomyToYaml, trainNarrativeModel, validateTaxonomy, TaxonomyError,
} from '../narratives/index.ts';
import { evaluateAttribution, loadModel, saveModel, trainAttributionModel } from '../attribution/index.ts';
import { crossLingualReport, PARALLEL_CLAIMS } from '../narratives/crosslingual.ts';
import { parse as parseYaml } from 'yaml';
import { narrativesOverview } from '../insights/narratives.ts';
import { fileSource, readHead } from '../pipeline/inputs.ts';
import { readDocuments } from '../pipeline/read.ts';
import { UsageError, printJson, registryFor, withStore, parsePeriod } from './context.ts';
import { truncate } from './extract.ts';

export function taxonomyCommand(): Command {
  const cmd = new Command('taxonomy').description('Narrative taxonomies: list, show, validate, import a label list')
    .addHelpText('after', `
Examples:
  narrascope taxonomy list
  narrascope taxonomy show urw --json
  narrascope taxonomy validate my-taxonomy.yaml
  narrascope taxonomy import labels.txt --name mylabels --out data/taxonomies/mylabels.yaml`);
  cmd.command('list').description('The shipped taxonomies').option('--json')
    .addHelpText('after', '\nExamples:\n  narrascope taxonomy list --json')
    .action((opts) => {
      const list = listTaxonomies();
      if (opts.json) { printJson({ taxonomies: list }); return; }
      for (const t of list) process.stdout.write('error' in t ? `${t.name}: INVALID: ${t.error}\n` : `${t.name.padEnd(12)} ${t.coarse} narratives, ${t.fine} sub-narratives  ${t.title ?? ''}\n`);
    });
  cmd.command('show').description('The narratives of a taxonomy as a tree').argument('<name>', 'taxonomy name or YAML path').option('--json')
    .addHelpText('after', '\nExamples:\n  narrascope taxonomy show urw')
    .action((name: string, opts) => {
      const t = loadTaxonomyOrUsage(name);
      if (opts.json) { printJson({ ...describeTaxonomy(t), taxonomy: t }); return; }
      const children = new Map<string, typeof t.narratives>();
      for (const n of t.narratives) { const k = n.parent ?? ''; children.set(k, [...(children.get(k) ?? []), n]); }
      const walk = (parent: string, depth: number) => {
        for (const n of children.get(parent) ?? []) {
          process.stdout.write(`${'  '.repeat(depth)}${n.id}  ${n.label}\n`);
          walk(n.id, depth + 1);
        }
      };
      walk('', 0);
    });
  cmd.command('validate').description('Check a taxonomy file and print every problem with its node and field').argument('<file>')
    .addHelpText('after', '\nExamples:\n  narrascope taxonomy validate data/taxonomies/urw.yaml')
    .action((file: string) => {
      if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
      let data: unknown;
      try { data = parseYaml(readFileSync(file, 'utf8')); } catch (err) { throw new Error(`${file}: not valid YAML: ${(err as Error).message}`); }
      const v = validateTaxonomy(data, { file });
      for (const w of v.warnings) process.stderr.write(`warning: ${formatIssue(w)}\n`);
      for (const e of v.errors) process.stderr.write(`error: ${formatIssue(e)}\n`);
      process.stdout.write(v.ok ? `${file}: valid\n` : `${file}: ${v.errors.length} error(s)\n`);
      if (!v.ok) process.exitCode = 1;
    });
  cmd.command('import').description('Build a taxonomy from a plain label list (one "A: B: C" per line)').argument('<labels>')
    .requiredOption('--name <name>', 'name of the new taxonomy')
    .option('--out <file>', 'write the YAML here (default: stdout)')
    .addHelpText('after', '\nExamples:\n  narrascope taxonomy import labels.txt --name mylabels --out mylabels.yaml')
    .action((file: string, opts) => {
      const t = importLabelList(readFileSync(file, 'utf8'), opts.name);
      const yaml = taxonomyToYaml(t);
      if (opts.out) { writeFileSync(opts.out, yaml); process.stderr.write(`${opts.out}: ${t.narratives.length} narratives\n`); }
      else process.stdout.write(yaml);
    });
  return cmd;
}

function loadTaxonomyOrUsage(name: string) {
  try { return loadTaxonomy(name); } catch (err) {
    if (err instanceof TaxonomyError) throw err;
    throw new UsageError((err as Error).message);
  }
}

export function trainCommand(): Command {
  return new Command('train')
    .description('Train a model: narratives (default) from labelled documents, or attribution from a PolNeAR-layout folder')
    .argument('[what]', '"narratives" (default) or "attribution"', 'narratives')
    .argument('[dir]', 'for attribution: the PolNeAR-layout folder (text/, attributions/)')
    .option('--taxonomy <name>', 'taxonomy of the labels (narratives)', 'urw')
    .option('--data <path>', 'narratives: SemEval subtask-2 folder (raw-documents/ + subtask-2-annotations.txt) or a TSV text<TAB>labels')
    .requiredOption('--out <file>', 'where to write the model (JSON)')
    .addHelpText('after', `
Examples:
  narrascope train --taxonomy urw --data semeval/EN/train --out urw-en.model.json
  narrascope train attribution ../shared/corpora/polnear-attribution/train --out attribution.model.json`)
    .action((what: string, dir: string | undefined, opts) => {
      const started = performance.now();
      if (what === 'attribution') {
        if (!dir) throw new UsageError('train attribution needs the PolNeAR-layout folder');
        const model = trainAttributionModel(dir);
        saveModel(model, opts.out);
      } else if (what === 'narratives') {
        if (!opts.data) throw new UsageError('--data is required to train narratives');
        const model = trainNarrativeModel({ taxonomy: opts.taxonomy, data: opts.data });
        saveNarrativeModel(model, opts.out);
      } else throw new UsageError(`unknown model "${what}": narratives or attribution`);
      process.stderr.write(`model written to ${opts.out} (${(statSync(opts.out).size / 1024).toFixed(0)} KB) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    });
}

export function classifyCommand(): Command {
  return new Command('classify')
    .description('Show the narratives a document carries, with the evidence spans')
    .argument('<file>', 'a document file (text, HTML, JSON...); the first record is classified')
    .option('--taxonomy <name>', 'taxonomy', 'urw')
    .option('--model <file>', 'a trained narrative model to combine with the lexical cues')
    .option('--examples', 'also use the taxonomy examples (nearest-neighbour)')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  narrascope classify ../shared/seed/ukrinform-isw-kursk.txt
  narrascope classify article.html --model urw-en.model.json --json`)
    .action(async (file: string, opts, cmd: Command) => {
      if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
      const registry = registryFor(cmd);
      let doc;
      for await (const r of readDocuments(fileSource(file), await readHead(file), { registry })) if ('doc' in r) { doc = r.doc; break; }
      if (!doc) throw new Error(`${file}: no document could be read`);
      const classifier = createNarrativeClassifier({ taxonomy: opts.taxonomy, model: opts.model, examples: Boolean(opts.examples) });
      const result = classifyText(doc.text, doc.lang, classifier);
      if (opts.json) { printJson({ document: { id: doc.id, lang: doc.lang }, ...result }); return; }
      if (!result.hits.length) process.stdout.write('Other (no narrative found)\n');
      for (const h of result.hits) {
        process.stdout.write(`${h.score.toFixed(2)}  ${h.label}\n`);
        for (const e of h.evidence.slice(0, 3)) process.stdout.write(`        “${truncate(doc.text.slice(e.start, e.end), 100)}” [${e.start}–${e.end}${e.classifier ? `, ${e.classifier}` : ''}]\n`);
      }
    });
}

export function narrativesCommand(): Command {
  return new Command('narratives')
    .description('Narratives in the corpus with counts by stance and actor type; --emerging clusters claims that fit no known narrative')
    .option('--taxonomy <name>', 'taxonomy', 'urw')
    .option('--since <date>').option('--until <date>')
    .option('--surges', 'also detect surges per narrative (slower)')
    .option('--emerging', 'cluster attributed claims that match no known narrative')
    .option('--limit <n>', 'at most this many rows', '50')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  narrascope narratives
  narrascope narratives --surges --json
  narrascope narratives --emerging --since 2025-02-01`)
    .action(async (opts, cmd: Command) => {
      const { since, until } = parsePeriod(opts);
      const limit = Number(opts.limit);
      const registry = registryFor(cmd);
      const taxonomy = loadTaxonomyOrUsage(opts.taxonomy);
      await withStore(cmd, async (store) => {
        if (opts.emerging) {
          const claims = (await store.listAttributions({ since, until }, { limit: 2_000_000 })).map((a) => ({
            id: `${a.documentId}#${a.index}`, text: a.content.text, lang: a.lang, at: a.date ? `${a.date}T00:00:00.000Z` : a.publishedAt,
            ...(a.speaker.actorId ? { actorId: a.speaker.actorId } : {}),
          }));
          const result = discoverNarratives(claims, { classifier: createNarrativeClassifier({ taxonomy }) });
          if (opts.json) { printJson({ ...result, clusters: result.clusters.slice(0, limit) }); return; }
          const st = result.stats;
          process.stdout.write(`${st.claims} claims: ${st.known} fit a known narrative, ${st.clustered} in ${result.clusters.length} emerging cluster(s), ${st.outliers} unassigned (${(100 * st.outlierShare).toFixed(0)}% of the rest)\n`);
          for (const c of result.clusters.slice(0, limit)) {
            process.stdout.write(`\n${c.id}: ${c.size} claims, ${c.firstSeen.slice(0, 10)} → ${c.lastSeen.slice(0, 10)}, growth ${c.growth.last7}/${c.growth.prev7} — ${Object.entries(c.labels).map(([l, t]) => `${l}: ${t.slice(0, 6).join(', ')}`).join(' | ')}\n  “${truncate(c.central.text, 140)}” [${c.central.id}]\n`);
          }
          return;
        }
        const rows = (await narrativesOverview(store, registry, taxonomy, { since, until, surges: Boolean(opts.surges) })).slice(0, limit);
        if (opts.json) { printJson({ taxonomy: taxonomy.name, narratives: rows }); return; }
        for (const r of rows) {
          const stance = Object.entries(r.byStance).map(([k, v]) => `${k} ${v}`).join(', ');
          const types = Object.entries(r.byActorType).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${v}`).join(', ');
          process.stdout.write(`${String(r.mentions).padStart(6)}  ${r.label}\n        ${stance}; pushed by ${types || 'nobody'}; ${r.first?.slice(0, 10)} → ${r.last?.slice(0, 10)}${r.surges?.length ? `; ${r.surges.length} surge(s)` : ''}\n`);
        }
      });
    });
}

export function claimsCommand(): Command {
  return new Command('claims')
    .description('Stored attributed statements: who said what, when, through whom, with which stance')
    .option('--speaker <s>', 'speaker actor id or part of the name')
    .option('--type <t>', 'speaker actor type (head_of_state, state_media, milblogger, ...)')
    .option('--stance <s>', 'asserts, relays, refutes or unknown')
    .option('--since <date>', 'said (or published) at or after').option('--until <date>', 'said (or published) before')
    .option('--query <words>', 'words the content must contain')
    .option('--limit <n>', 'at most this many', '50').option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print { count, claims } as JSON')
    .addHelpText('after', `
Examples:
  narrascope claims --speaker putin --since 2025-03-01
  narrascope claims --type regional_official --query "war crimes" --json
  narrascope claims --stance refutes`)
    .action(async (opts, cmd: Command) => {
      if (opts.stance && !['asserts', 'relays', 'refutes', 'unknown'].includes(opts.stance)) throw new UsageError('--stance must be asserts, relays, refutes or unknown');
      const { since, until } = parsePeriod(opts);
      const filter = { speaker: opts.speaker, speakerType: opts.type, stance: opts.stance, since: since?.slice(0, 10), until: until?.slice(0, 10), query: opts.query };
      await withStore(cmd, async (store) => {
        const count = await store.countAttributions(filter);
        const claims = await store.listAttributions(filter, { limit: Number(opts.limit) || 50, offset: Number(opts.offset) || 0 });
        if (opts.json) { printJson({ count, claims }); return; }
        for (const c of claims) {
          process.stdout.write(`${c.date ?? c.publishedAt.slice(0, 10)}  ${c.speaker.name ?? c.speaker.text}${c.speaker.type ? ` (${c.speaker.type})` : ''} ${c.cue.text}: “${truncate(c.content.text, 120)}”\n`
            + `            via ${c.chain.map((l) => l.name).join(' → ')}; ${c.stance} [${c.documentId}]\n`);
        }
        process.stderr.write(`${claims.length} of ${count} claim(s)\n`);
      });
    });
}

export function evalCommand(): Command {
  const cmd = new Command('eval').description('Evaluate attribution (PolNeAR layout) or narratives (SemEval subtask-2 layout)')
    .addHelpText('after', `
Examples:
  narrascope eval attribution ../shared/corpora/polnear-attribution/dev --json
  narrascope eval narratives semeval/EN/dev --taxonomy urw --model urw-en.model.json --json
  narrascope eval crosslingual`);
  cmd.command('attribution').argument('<dir>', 'folder with text/ and attributions/')
    .option('--model <file>', 'a trained attribution model (narrascope train attribution)').option('--json')
    .addHelpText('after', '\nExamples:\n  narrascope eval attribution ../shared/corpora/polnear-attribution/dev')
    .action((dir: string, opts, sub: Command) => {
      if (!existsSync(dir)) throw new UsageError(`${dir}: no such folder`);
      const report = evaluateAttribution(dir, { model: opts.model ? loadModel(opts.model) : undefined, registry: registryFor(sub) });
      if (opts.json) { printJson(report); return; }
      const f = (x: { p: number; r: number; f1: number }) => `P ${x.p.toFixed(3)} R ${x.r.toFixed(3)} F1 ${x.f1.toFixed(3)}`;
      for (const mode of ['exact', 'overlap', 'spanOverlap'] as const) for (const role of ['source', 'cue', 'content'] as const) process.stdout.write(`${mode.padEnd(11)} ${role.padEnd(8)} ${f(report[mode][role])}\n`);
      process.stdout.write(`attribution          ${f(report.attribution)}\n`);
    });
  cmd.command('narratives').argument('<dir>', 'SemEval subtask-2 folder or TSV')
    .option('--taxonomy <name>', 'taxonomy', 'urw').option('--model <file>', 'trained narrative model').option('--json')
    .addHelpText('after', '\nExamples:\n  narrascope eval narratives dev/ --model m.json --json')
    .action((dir: string, opts) => {
      if (!existsSync(dir)) throw new UsageError(`${dir}: no such file or folder`);
      const r = evaluateNarratives(dir, { taxonomy: opts.taxonomy, model: opts.model });
      if (opts.json) { printJson(r); return; }
      process.stdout.write(`coarse samples-F1 ${r.coarse.f1.toFixed(3)}\nfine   samples-F1 ${r.fine.f1.toFixed(3)}\n`);
    });
  cmd.command('crosslingual').argument('[file]', 'parallel claims (JSON Lines: id, labels, en, ru, uk, …)', PARALLEL_CLAIMS)
    .description('Train on the English side of parallel claims, test on every language (k-fold by claim)')
    .option('--taxonomy <name>', 'taxonomy', 'urw').option('--folds <n>', 'folds by claim', '5').option('--seeds <list>', 'fold assignments to average', '7,11,23').option('--json')
    .addHelpText('after', '\nExamples:\n  narrascope eval crosslingual\n  narrascope eval crosslingual my-claims.jsonl --folds 10 --json')
    .action((file: string, opts) => {
      if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
      const seeds = String(opts.seeds).split(',').map(Number);
      const folds = Number(opts.folds);
      if (seeds.some((x) => !Number.isInteger(x)) || !(folds >= 2)) throw new UsageError('--seeds takes integers, --folds at least 2');
      const rows = crossLingualReport({ taxonomy: opts.taxonomy, claims: file, seeds, folds });
      if (opts.json) { printJson(rows); return; }
      const langs = Object.keys(rows[0]?.perLang ?? {});
      process.stdout.write(`coarse macro-F1 per language (ratio to en)\n`);
      for (const r of rows) {
        const cells = langs.map((l) => `${l} ${r.perLang[l].coarseMacroF1.toFixed(3)}${l === 'en' ? '' : ` (${r.perLang[l].ratio.toFixed(2)})`}`);
        process.stdout.write(`${r.name.padEnd(58)} ${cells.join('  ')}\n`);
      }
    });
  return cmd;
}
