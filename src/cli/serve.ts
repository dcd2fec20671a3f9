import { Command } from 'commander';
import { resolve } from 'node:path';
import { isPostgresUrl, openStore } from '../store/open.ts';
import { accessPolicy, startServer, ListenError } from '../server/listen.ts';
import { JsonlAnnotationStore, annotationFileFor } from '../server/annotations.ts';
import { DEFAULT_RATE } from '../server/rate-limit.ts';
import { UsageError, collect, globals, registryFor } from './context.ts';

export function serveCommand(): Command {
  return new Command('serve')
    .description('Serve the dashboard and the JSON API (OpenAPI at /api/openapi.json); localhost only unless told otherwise')
    .option('--port <n>', 'port (0: any free port)', '8787')
    .option('--host <host>', 'interface to listen on; another than loopback needs --token (or --public-read)', '127.0.0.1')
    .option('--token <token>', 'bearer token for writes (POST /api/ingest, /api/annotations), and for reads off loopback; prefer NARRASCOPE_TOKEN')
    .option('--public-read', 'on a non-loopback interface, let reads through without the token')
    .option('--read-token <token>', 'every read needs this bearer token (the write token works too); prefer NARRASCOPE_READ_TOKEN')
    .option('--rate-limit <rps>', 'requests per second per client address (and per token for writes); 0 disables', String(DEFAULT_RATE))
    .option('--rate-burst <n>', 'requests a client may send at once after a quiet period (default: 2 × --rate-limit)')
    .option('--refresh-interval <seconds>', 'while writes keep coming, cached analyses follow the corpus at most this often (0: after every write); a write after a quiet period shows at once', '5')
    .option('--cors-origin <origin>', 'allow browser calls from this origin (repeatable); none by default', collect, [])
    .option('--web <dir>', 'folder of the built dashboard (default: web/dist)')
    .option('--no-web', 'serve the API only')
    .addHelpText('after', `
Examples:
  narrascope serve                                   # http://127.0.0.1:8787/ — dashboard and API, reads only
  NARRASCOPE_TOKEN=$(openssl rand -hex 24) narrascope serve   # also accept POST /api/ingest and /api/annotations
  curl 'http://127.0.0.1:8787/api/documents?q=Курск&limit=5'
  curl -H "Authorization: Bearer $NARRASCOPE_TOKEN" -H 'Content-Type: application/json' \\
       -d '{"documents":[{"text":"…","publishedAt":"2025-03-14T10:00:00Z","source":"Reuters"}]}' http://127.0.0.1:8787/api/ingest
  narrascope serve --host 0.0.0.0 --token "$T"       # on the network: reads and writes need the token
  NARRASCOPE_READ_TOKEN=$R narrascope serve          # reads need a token too (Authorization: Bearer $R)
  narrascope serve --rate-limit 200 --rate-burst 400 # per client; over it: 429 with Retry-After`)
    .action(async (opts, cmd: Command) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
      const token: string | undefined = opts.token ?? (process.env.NARRASCOPE_TOKEN || undefined);
      const readToken: string | undefined = opts.readToken ?? (process.env.NARRASCOPE_READ_TOKEN || undefined);
      if (readToken !== undefined && readToken.length < 16) throw new UsageError('the read token must be at least 16 characters (e.g. `openssl rand -hex 24`)');
      const rate = Number(opts.rateLimit);
      if (!Number.isFinite(rate) || rate < 0) throw new UsageError('--rate-limit must be a number of requests per second (0 disables)');
      const burst = opts.rateBurst === undefined ? undefined : Number(opts.rateBurst);
      if (burst !== undefined && !(Number.isInteger(burst) && burst >= 1)) throw new UsageError('--rate-burst must be a whole number ≥ 1');
      const refresh = Number(opts.refreshInterval);
      if (!Number.isFinite(refresh) || refresh < 0 || refresh > 3600) throw new UsageError('--refresh-interval must be a number of seconds, 0..3600');
      // With a read token every read is authenticated, so a non-loopback interface needs no --public-read.
      const publicRead = Boolean(opts.publicRead) || readToken !== undefined;
      for (const origin of opts.corsOrigin as string[]) {
        if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new UsageError(`--cors-origin: expected an origin like https://example.org, not ${origin}`);
      }
      try { accessPolicy(opts.host, token, publicRead); } catch (err) {
        if (err instanceof ListenError) throw new UsageError(err.message);
        throw err;
      }
      const db = globals(cmd).db;
      const store = await openStore(db);
      let running;
      try {
        running = await startServer({
          store, registry: registryFor(cmd), host: opts.host, port, token, publicRead, readToken,
          ...(rate > 0 ? { rateLimit: { rate, ...(burst !== undefined ? { burst } : {}) } } : {}),
          refreshIntervalMs: refresh * 1000, corsOrigins: opts.corsOrigin, webRoot: opts.web === false ? false : typeof opts.web === 'string' ? resolve(opts.web) : undefined,
          annotations: new JsonlAnnotationStore(annotationFileFor(db)),
          // Heavy analytics in worker threads, each with its own read-only connection.
          alertsDb: db,
          ...(db !== ':memory:' && db !== '' ? { compute: { db: isPostgresUrl(db) ? db : resolve(db), actors: (globals(cmd).actors ?? []).map((a) => resolve(a)) } } : {}),
        });
      } catch (err) {
        await store.close();
        if (err instanceof ListenError) throw new UsageError(err.message);
        throw err;
      }
      const writes = (token ? 'writes enabled (bearer token)' : 'read-only (no token: writes disabled)')
        + (readToken ? '; reads need the read token' : '')
        + (rate > 0 ? `; rate limit ${rate}/s per client` : '; no rate limit');
      process.stderr.write(`Narrascope on ${running.url}/ — dashboard; API ${running.url}/api (OpenAPI: /api/openapi.json); ${writes}; Ctrl-C to stop\n`);
      const stop = () => { void running.close().then(() => store.close()); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
