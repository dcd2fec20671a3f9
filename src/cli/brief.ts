import { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { buildBrief, citationOf, renderHtml, renderMarkdown, type Citation } from '../report/brief.ts';
import { parsePublishedAt } from '../ingest/dates.ts';
import { UsageError, printJson, registryFor, withStore } from './context.ts';
import { VERSION } from '../version.ts';

export function briefCommand(): Command {
  return new Command('brief')
    .description('Write an evidence-linked analyst brief of the stored corpus')
    .option('--format <format>', 'md, html or json', 'md')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--since <date>', 'only documents published at or after')
    .option('--until <date>', 'only documents published before')
    .option('--source <s>', 'only this source (name, handle or actor id)')
    .option('--max-claims <n>', 'claims listed at most', '50')
    .addHelpText('after', `
Examples:
  narrascope brief --format md --out brief.md
  narrascope brief --format html --since 2025-02-01 --out brief.html
  narrascope brief --format json`)
    .action(async (opts, cmd: Command) => {
      if (!['md', 'html', 'json'].includes(opts.format)) throw new UsageError('--format must be md, html or json');
      const since = opts.since ? parsePublishedAt(opts.since) : undefined;
      const until = opts.until ? parsePublishedAt(opts.until) : undefined;
      if ((opts.since && !since) || (opts.until && !until)) throw new UsageError('--since/--until must be dates');
      const registry = registryFor(cmd);
      const text = await withStore(cmd, async (store) => {
        const filter = { since, until, source: opts.source };
        const stats = await store.documentStats(filter);
        const attributions = await store.listAttributions({ since, until }, { limit: Number(opts.maxClaims) || 50 });
        const citations = new Map<string, Citation>();
        for (const a of attributions) {
          if (citations.has(a.documentId)) continue;
          const doc = await store.getDocument(a.documentId);
          if (doc) citations.set(doc.id, citationOf(doc));
        }
        const samples = new Map<string, Citation>();
        for (const s of stats.bySource) {
          const [doc] = await store.listDocuments({ ...filter, source: s.sourceName }, { limit: 1 });
          if (doc) samples.set(s.sourceName, citationOf(doc));
        }
        const brief = buildBrief({
          stats, attributions, registry, version: VERSION,
          query: { since: opts.since, until: opts.until, source: opts.source },
          citationFor: (id) => citations.get(id), sample: (name) => samples.get(name),
        });
        return opts.format === 'json' ? `${JSON.stringify(brief, null, 2)}\n` : opts.format === 'html' ? renderHtml(brief) : renderMarkdown(brief);
      }, { readonly: false });
      if (opts.out) {
        writeFileSync(opts.out, text);
        process.stderr.write(`brief written to ${opts.out}\n`);
      } else process.stdout.write(text);
    });
}
