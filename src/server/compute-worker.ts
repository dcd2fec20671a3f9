/** A compute worker thread (see compute.ts): runs route handlers on a read-only connection to the database. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Context } from 'hono';
import { openStore } from '../store/open.ts';
import { actorRegistry } from '../actors/load.ts';
import { buildRoutes } from './api.ts';
import { CorpusClock } from './cache.ts';
import { JsonlAnnotationStore } from './annotations.ts';
import { HttpError, RawResponse } from './routes.ts';
import type { ComputeRequest, ComputeResult } from './compute.ts';

const { db, actors } = workerData as { db: string; actors: string[] };
const store = await openStore(db, { readonly: true });
// The worker only reads: it follows the database at once (the main thread decides which version answers are for).
const clock = new CorpusClock(store, { intervalMs: 0 });
const routes = new Map(buildRoutes({
  store, registry: actorRegistry(actors), annotations: new JsonlAnnotationStore(undefined),
  onWrite: () => {}, version: () => clock.version(),
}).map((r) => [`${r.method} ${r.path}`, r]));

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

parentPort!.on('message', async (m: ComputeRequest & { id: number }) => {
  let result: ComputeResult;
  try {
    const def = routes.get(m.route);
    if (!def) throw new Error(`no route ${m.route}`);
    // Handlers that run here never touch the request context: the main thread validated their input.
    const value = await def.handler({ c: undefined as unknown as Context, params: m.params, query: m.query, body: undefined });
    result = value instanceof RawResponse
      ? { ok: true, body: value.body, headers: value.headers }
      : { ok: true, body: JSON.stringify(value), headers: JSON_HEADERS };
  } catch (err) {
    if (err instanceof HttpError) result = { ok: false, status: err.status, message: err.message, extra: err.extra };
    else { parentPort!.postMessage({ id: m.id, error: err instanceof Error ? err.stack ?? err.message : String(err) }); return; }
  }
  parentPort!.postMessage({ id: m.id, result });
});
parentPort!.postMessage({ ready: true });
