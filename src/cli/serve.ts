import { Command } from 'commander';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app.ts';
import { openStore } from '../store/open.ts';
import { UsageError, globals, registryFor } from './context.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('Serve the HTTP API (OpenAPI at /api/openapi.json) on localhost')
    .option('--port <n>', 'port', '8787')
    .option('--host <host>', 'interface to listen on (reads are open, so keep it on localhost unless you add auth)', '127.0.0.1')
    .addHelpText('after', `
Examples:
  narrascope serve --port 8787
  curl 'http://127.0.0.1:8787/api/documents?q=Курск&limit=5'`)
    .action(async (opts, cmd: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
      const store = await openStore(globals(cmd).db);
      const app = createApp({ store, registry: registryFor(cmd) });
      const server = serve({ fetch: app.fetch, port, hostname: opts.host }, (info) => {
        process.stderr.write(`Narrascope API on http://${opts.host}:${info.port}/api (OpenAPI: /api/openapi.json); Ctrl-C to stop\n`);
      });
      const stop = () => { server.close(); void store.close(); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
