import { Command } from 'commander';
import { UsageError, printJson, withStore, parsePeriod } from './context.ts';
import { truncate } from './extract.ts';

export function documentsCommand(): Command {
  return new Command('documents')
    .description('List or count stored documents, with filters and full-text search')
    .option('--count', 'only count matching documents')
    .option('--lang <code>', 'language (en, ru, uk, ...)')
    .option('--source <s>', 'source name, handle or actor id')
    .option('--query <words>', 'full-text search (all words, prefix match: "Орешник" finds "Орешника")')
    .option('--since <date>', 'published at or after')
    .option('--until <date>', 'published before')
    .option('--limit <n>', 'at most this many documents', '20')
    .option('--offset <n>', 'skip this many', '0')
    .option('--json', 'print { count, documents } as JSON')
    .addHelpText('after', `
Examples:
  narrascope documents --count --json
  narrascope documents --lang ru --query "Орешник" --limit 5
  narrascope documents --source rian_ru --since 2024-11-20 --json`)
    .action(async (opts, cmd: Command) => {
      const limit = Number(opts.limit);
      const offset = Number(opts.offset);
      if (!Number.isInteger(limit) || limit < 0 || !Number.isInteger(offset) || offset < 0) throw new UsageError('--limit and --offset must be non-negative integers');
      const { since, until } = parsePeriod(opts);
      const filter = { lang: opts.lang, source: opts.source, query: opts.query, since, until };
      await withStore(cmd, async (store) => {
        const count = await store.countDocuments(filter);
        const documents = opts.count ? [] : await store.listDocuments(filter, { limit, offset });
        if (opts.json) { printJson({ count, documents }); return; }
        if (opts.count) { process.stdout.write(`${count}\n`); return; }
        for (const d of documents) {
          process.stdout.write(`${d.id}  ${d.publishedAt.slice(0, 16)}  ${d.lang}  ${truncate(d.source.name, 24).padEnd(24)}  ${truncate(d.title ?? d.text, 90)}\n`);
        }
        process.stderr.write(`${documents.length} of ${count} document(s)\n`);
      });
    });
}
