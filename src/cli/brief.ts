import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { buildBrief, renderHtml, renderMarkdown } from '../report/brief.ts';
import { loadTaxonomy } from '../narratives/index.ts';
import { TargetError } from '../insights/target.ts';
import { UsageError, registryFor, withStore, parsePeriod } from './context.ts';
import { VERSION } from '../version.ts';

export function briefCommand(): Command {
  return new Command('brief')
    .description('Write an evidence-linked analyst brief: key takeaways, then per narrative claims, pushers, surges, events, coordination, assessments')
    .option('--narrative <n>', 'only this narrative (id, label, or a unique part of its label)')
    .option('--taxonomy <name>', 'taxonomy', 'urw')
    .option('--format <format>', 'md, html or json', 'md')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--since <date>', 'only documents published at or after')
    .option('--until <date>', 'only documents published before')
    .option('--max-narratives <n>', 'narratives covered when none is named', '3')
    .addHelpText('after', `
Examples:
  narrascope brief --format md --out brief.md
  narrascope brief --narrative Kursk --format html --out kursk.html
  narrascope brief --since 2025-02-01 --format json`)
    .action(async (opts, cmd: Command) => {
      if (!['md', 'html', 'json'].includes(opts.format)) throw new UsageError('--format must be md, html or json');
      const { since, until } = parsePeriod(opts);
      const registry = registryFor(cmd);
      const taxonomy = loadTaxonomy(opts.taxonomy);
      const brief = await withStore(cmd, async (store) => {
        try {
          return await buildBrief(store, registry, taxonomy, {
            narrative: opts.narrative, since, until, maxNarratives: Number(opts.maxNarratives) || 3, version: VERSION,
          });
        } catch (err) {
          if (err instanceof TargetError) throw new UsageError(err.message);
          throw err;
        }
      });
      const text = opts.format === 'json' ? `${JSON.stringify(brief, null, 2)}\n` : opts.format === 'html' ? renderHtml(brief) : renderMarkdown(brief);
      if (opts.out) {
        writeFileSync(opts.out, text);
        process.stderr.write(`brief written to ${opts.out}\n`);
      } else process.stdout.write(text);
    });
}
