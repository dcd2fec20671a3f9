import { Command } from 'commander';
import { FORMATS, type Format } from '../ingest/types.ts';
import { fileSource, peekSource, readHead } from '../pipeline/inputs.ts';
import { readDocuments } from '../pipeline/read.ts';
import { analyzeDocument } from '../pipeline/analyze.ts';
import { parsePublishedAt } from '../ingest/dates.ts';
import type { Document } from '../model/index.ts';
import { EXIT, UsageError, printJson, registryFor } from './context.ts';
import { existsSync } from 'node:fs';

export function extractCommand(): Command {
  return new Command('extract')
    .description('Analyse one document without a database: language, source actor, attributions, events, assessments, narratives')
    .argument('<file>', 'a document file (text, HTML, JSON, ...) or - for stdin; the first record is analysed')
    .option('--published <iso>', 'publication time, when the file has none (relative dates are resolved against it)')
    .option('--source <name>', 'publisher, when the file has none (becomes the outermost reporter)')
    .option('--url <url>', 'URL of the document')
    .option('--format <format>', `force the input format (${FORMATS.join(', ')})`)
    .option('--json', 'print the analysis as JSON (DESIGN.md §2)')
    .addHelpText('after', `
Examples:
  narrascope extract article.txt --published 2025-03-16 --source Ukrinform --json
  narrascope extract page.html --json
  curl -s https://example.org/a.html | narrascope extract - --json`)
    .action(async (file: string, opts, cmd: Command) => {
      if (opts.published && !parsePublishedAt(opts.published)) throw new UsageError(`--published: not a date: ${opts.published}`);
      if (opts.format && !FORMATS.includes(opts.format)) throw new UsageError(`unknown --format ${opts.format}`);
      if (file !== '-' && !existsSync(file)) throw new Error(`${file}: no such file`);
      const registry = registryFor(cmd);
      const { source, head } = file === '-'
        ? await peekSource('-', process.stdin)
        : { source: fileSource(file), head: await readHead(file) };
      let doc: Document | undefined;
      let more = 0;
      for await (const result of readDocuments(source, head, {
        registry, format: opts.format as Format | undefined,
        defaults: { source: opts.source, publishedAt: opts.published, url: opts.url },
      })) {
        if ('rejection' in result) {
          const r = result.rejection;
          process.stderr.write(`rejected: ${r.file}${r.line !== undefined ? `:${r.line}` : ''}: ${r.reason}: ${r.message}\n`);
          process.exitCode = EXIT.partial;
        } else if ('doc' in result) {
          if (!doc) doc = result.doc; else more++;
        }
      }
      if (!doc) throw new Error(`${file}: no document could be read`);
      if (more > 0) process.stderr.write(`note: ${file} holds ${more + 1} records; analysed the first (use ingest for all)\n`);
      const analysis = analyzeDocument(doc, { registry });
      const { documentId: _id, mentions, ...rest } = analysis;
      const output = { document: doc, ...rest, mentions };
      if (opts.json) printJson(output);
      else printReadable(output);
    });
}

function printReadable(out: { document: Document; attributions: { speaker: { text: string }; cue: { text: string }; content: { text: string }; stance: string; date?: string }[] }): void {
  const d = out.document;
  const lines = [
    `${d.title ?? '(untitled)'} — ${d.source.name}${d.source.actorId ? ` [${d.source.actorId}]` : ''}, ${d.publishedAt}, ${d.lang}, ${d.kind}`,
    `${out.attributions.length} attribution(s):`,
    ...out.attributions.map((a) => `  ${a.speaker.text} — ${a.cue.text}${a.date ? ` (${a.date})` : ''} [${a.stance}]: ${truncate(a.content.text, 160)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export function truncate(text: string, n: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}
