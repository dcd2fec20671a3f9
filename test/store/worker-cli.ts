// Test-only entry point: the real CLI (bin/narrascope.js) once main.ts registers worker/enqueue/jobs; until then, a
// program with the same global options and these commands, so the worker tests run real processes either way.
import { Command } from 'commander';
import { enqueueCommand, jobsCommand, workerCommand } from '../../src/cli/worker.ts';
import { UsageError } from '../../src/cli/context.ts';

const program = new Command('narrascope')
  .option('--db <path>', 'database', process.env.NARRASCOPE_DB ?? './narrascope.db')
  .option('--actors <dir>', 'extra actor registry folder', (v: string, prev: string[] = []) => [...prev, v])
  .option('-q, --quiet', 'no progress output');
for (const cmd of [workerCommand(), enqueueCommand(), jobsCommand()]) program.addCommand(cmd);
try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.stderr.write(`narrascope: ${err instanceof UsageError ? '' : 'error: '}${(err as Error).message}\n`);
  process.exitCode = err instanceof UsageError ? 2 : 1;
}
