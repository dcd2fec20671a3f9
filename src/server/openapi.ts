/** The OpenAPI 3.1 document, generated from the routes' zod schemas (the same ones that validate requests). */
import { z } from 'zod';
import { VERSION } from '../version.ts';
import type { RouteDef } from './routes.ts';
import { DEFAULT_REFRESH_MS } from './cache.ts';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, Record<string, unknown>>; required?: string[] };

function jsonSchema(schema: z.ZodType): JsonSchema {
  const s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete s.$schema;
  return s;
}

/** Every property of an object schema becomes one parameter. */
function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): unknown[] {
  if (!schema) return [];
  const s = jsonSchema(schema);
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name, in: where, required: where === 'path' || (required.has(name) && rest.default === undefined),
      ...(description ? { description } : {}), schema: rest,
    };
  });
}

export function openApiDocument(routes: RouteDef[], opts: { readAuth: boolean; writes: boolean; refreshSeconds?: number }): Record<string, unknown> {
  const refresh = opts.refreshSeconds ?? DEFAULT_REFRESH_MS / 1000;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const responses: Record<string, unknown> = {};
    for (const [status, res] of Object.entries(r.responses)) {
      responses[status] = {
        description: res.description,
        ...(res.schema ? { content: { [res.contentType ?? 'application/json']: { schema: jsonSchema(res.schema) } } } : {}),
      };
    }
    if (r.query || r.params || r.body) responses['400'] ??= { description: 'invalid request: { error, issues: [{ path, message }] }' };
    const secured = r.auth === 'write' || opts.readAuth;
    paths[path] ??= {};
    paths[path][r.method] = {
      operationId: `${r.method}${r.path.replace(/^\/api/, '').replace(/\/:?([A-Za-z_]+)/g, (_m, w: string) => w[0].toUpperCase() + w.slice(1)) || 'Root'}`,
      summary: r.summary, ...(r.description ? { description: r.description } : {}), tags: [r.tag],
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(r.body) } } } } : {}),
      ...(secured ? { security: [{ bearer: [] }] } : {}),
      ...(r.auth === 'write' && !opts.writes ? { 'x-disabled': 'writes are disabled: start the server with --token or NARRASCOPE_TOKEN' } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Narrascope API', version: VERSION,
      description: 'Narrative intelligence over the stored corpus. Lists are paginated (limit, offset). Errors are JSON `{ error }`; invalid parameters are 400 with the offending field.\n\n'
        + 'Freshness of cached analyses (answers with an ETag): a write after a quiet period is visible to the next request. '
        + (refresh > 0 ? `While writes keep coming, cached answers follow the corpus at most once every ${refresh} s (the server's --refresh-interval), `
          + `so an answer may miss the writes of the last ${refresh} s. ` : 'Every write is visible to the next request. ')
        + 'While an answer is being recomputed, concurrent identical requests '
        + 'get the previous answer at once (stale-while-revalidate), marked with the header `X-Narrascope-Stale: <seconds since it was computed>` '
        + '(never older than 60 s; otherwise they wait for the new one). Send `Cache-Control: no-cache` to wait for the current answer instead.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the server’s --token / NARRASCOPE_TOKEN' } } },
    paths,
  };
}
