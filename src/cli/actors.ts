import { Command } from 'commander';
import { ActorType } from '../model/index.ts';
import { UsageError, printJson, registryFor } from './context.ts';

export function actorsCommand(): Command {
  return new Command('actors')
    .description('List the actor registry (shipped data/actors plus --actors folders)')
    .option('--type <type>', `only actors of this type (${ActorType.options.join(', ')})`)
    .option('--find <name>', 'resolve a name, alias, handle or URL to an actor')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  narrascope actors --type milblogger
  narrascope actors --find "Путина" --json
  narrascope --actors my-actors/ actors --json`)
    .action((opts, cmd: Command) => {
      if (opts.type && !ActorType.options.includes(opts.type)) throw new UsageError(`unknown --type ${opts.type}; one of ${ActorType.options.join(', ')}`);
      const registry = registryFor(cmd);
      if (opts.find) {
        const actor = registry.resolveSource({ name: opts.find, handle: opts.find, url: /^https?:/.test(opts.find) ? opts.find : undefined });
        if (opts.json) printJson({ query: opts.find, actor: actor ?? null });
        else process.stdout.write(actor ? `${actor.id}  ${actor.type}  ${actor.name}\n` : `no actor matches "${opts.find}"\n`);
        if (!actor) process.exitCode = 1;
        return;
      }
      const actors = registry.all().filter((a) => !opts.type || a.type === opts.type).sort((a, b) => a.id.localeCompare(b.id));
      if (opts.json) { printJson({ count: actors.length, actors }); return; }
      for (const a of actors) {
        process.stdout.write(`${a.id.padEnd(28)} ${a.type.padEnd(24)} ${a.alignment.padEnd(12)} ${a.name}\n`);
      }
      process.stderr.write(`${actors.length} actor(s)\n`);
    });
}
