import { Command, CommanderError } from 'commander';
import { EXIT, UsageError } from './context.ts';
import { VERSION } from '../version.ts';
import { ingestCommand } from './ingest.ts';
import { extractCommand } from './extract.ts';
import { documentsCommand } from './documents.ts';
import { actorsCommand } from './actors.ts';
import { briefCommand } from './brief.ts';
import { serveCommand } from './serve.ts';
import { RegistryError } from '../actors/load.ts';
import { isPostgresUrl } from '../store/open.ts';
import { describeSqliteError } from '../store/sqlite/sqlite-store.ts';
import { exportCommand } from './export.ts';
import { watchCommand } from './watch.ts';
import { enqueueCommand, jobsCommand, workerCommand } from './worker.ts';
import { cascadeCommand, coordinationCommand, eventsCommand, surgesCommand, timelineCommand } from './analytics.ts';
import { claimsCommand, classifyCommand, evalCommand, narrativesCommand, taxonomyCommand, trainCommand } from './narratives.ts';

export function buildProgram(): Command {
  const program = new Command('narrascope')
    .description('Narrative intelligence: who claims what, which narratives are pushed, by whom, since when, and whether the push is coordinated.')
    .version(VERSION)
    .option('--db <path>', 'database: a SQLite file path or a postgres:// URL', process.env.NARRASCOPE_DB ?? './narrascope.db')
    .option('--actors <dir>', 'extra actor registry folder (YAML); repeatable, overrides shipped actors by id',
      (v: string, prev: string[] = []) => [...prev, v])
    .option('-q, --quiet', 'no progress output')
    .showHelpAfterError()
    .exitOverride();
  for (const cmd of [
    ingestCommand(), extractCommand(), documentsCommand(), actorsCommand(), claimsCommand(), taxonomyCommand(), classifyCommand(),
    narrativesCommand(), trainCommand(), evalCommand(), timelineCommand(), surgesCommand(), eventsCommand(),
    coordinationCommand(), cascadeCommand(), briefCommand(), exportCommand(), serveCommand(), enqueueCommand(), workerCommand(), jobsCommand(), watchCommand(),
  ]) {
    program.addCommand(cmd.exitOverride().showHelpAfterError());
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error.
      process.exitCode = err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? EXIT.ok : EXIT.usage;
      return;
    }
    if (err instanceof UsageError) {
      process.stderr.write(`narrascope: ${err.message}\n`);
      process.exitCode = EXIT.usage;
      return;
    }
    const db = program.opts<{ db?: string }>().db;
    const message = (db && !isPostgresUrl(db) ? describeSqliteError(err, db) : null)
      ?? (err instanceof RegistryError || !(err instanceof Error) ? String((err as Error).message ?? err) : err.message);
    process.stderr.write(`narrascope: error: ${message}\n`);
    if (process.env.NARRASCOPE_DEBUG && err instanceof Error) process.stderr.write(`${err.stack}\n`);
    process.exitCode = EXIT.error;
  }
}

await main(process.argv);
