/**
 * Runs `narrascope … watch …` for the tests until the lead registers `watchCommand` in src/cli/main.ts: the same
 * global options and the same mapping of failures to exit codes as main.ts, with only the watch command.
 */
import { Command, CommanderError } from 'commander';
import { EXIT, UsageError } from '../../src/cli/context.ts';
import { watchCommand } from '../../src/cli/watch.ts';

const program = new Command('narrascope')
  .option('--db <path>', 'database', process.env.NARRASCOPE_DB ?? './narrascope.db')
  .option('--actors <dir>', 'extra actor registry folder', (v: string, prev: string[] = []) => [...prev, v])
  .option('-q, --quiet', 'no progress output')
  .exitOverride();
program.addCommand(watchCommand().exitOverride());
try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  else if (err instanceof UsageError) { process.stderr.write(`narrascope: ${err.message}\n`); process.exitCode = EXIT.usage; }
  else { process.stderr.write(`narrascope: error: ${(err as Error).message}\n`); process.exitCode = EXIT.error; }
}
