import { Command } from 'commander';
import { exportCommand } from '../../src/cli/export.ts';

/**
 * Runs `narrascope [globals] export ...` in-process with the same global options as the real program (so the tests do
 * not depend on the command being registered in main.ts yet). Rejects with the CommanderError/UsageError the real
 * program turns into exit code 2.
 */
export async function runExport(args: string[]): Promise<void> {
  const program = new Command('narrascope')
    .option('--db <path>', 'database', './narrascope.db')
    .option('--actors <dir>', 'extra actors', (v: string, prev: string[] = []) => [...prev, v])
    .option('-q, --quiet')
    .exitOverride()
    .configureOutput({ writeErr: () => {}, writeOut: () => {} });
  program.addCommand(exportCommand().exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} }));
  await program.parseAsync(['node', 'narrascope', ...args]);
}
