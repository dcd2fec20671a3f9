import { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../store/store.ts';
import type { ActorRegistry } from '../actors/registry.ts';
import { VERSION } from '../version.ts';

const DocumentQuery = z.object({
  lang: z.string().regex(/^[a-z]{2,3}$/).optional(),
  source: z.string().max(200).optional(),
  q: z.string().max(500).optional(),
  since: z.string().datetime({ offset: true }).or(z.string().date()).optional(),
  until: z.string().datetime({ offset: true }).or(z.string().date()).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The HTTP API (JSON). Validation errors are 400 with a message; nothing internal leaks to clients. */
export function createApp(deps: { store: Store; registry: ActorRegistry }): Hono {
  const app = new Hono();
  app.onError((err, c) => {
    process.stderr.write(`api error: ${err.stack ?? err.message}\n`);
    return c.json({ error: 'internal error' }, 500);
  });
  app.notFound((c) => c.json({ error: 'not found' }, 404));

  app.get('/api/health', (c) => c.json({ ok: true, version: VERSION }));

  app.get('/api/documents', async (c) => {
    const parsed = DocumentQuery.safeParse(c.req.query());
    if (!parsed.success) return c.json({ error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }, 400);
    const { q, limit, offset, ...rest } = parsed.data;
    const filter = { ...rest, query: q };
    const [count, documents] = await Promise.all([deps.store.countDocuments(filter), deps.store.listDocuments(filter, { limit, offset })]);
    return c.json({ count, limit, offset, documents });
  });

  app.get('/api/documents/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^[0-9a-f]{24}$/.test(id)) return c.json({ error: 'id: expected 24 hex characters' }, 400);
    const doc = await deps.store.getDocument(id);
    if (!doc) return c.json({ error: 'not found' }, 404);
    const attributions = await deps.store.listAttributions({ documentId: id }, { limit: 500 });
    return c.json({ document: doc, attributions });
  });

  app.get('/api/actors', (c) => {
    const type = c.req.query('type');
    return c.json({ actors: deps.registry.all().filter((a) => !type || a.type === type) });
  });

  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  return app;
}

function openApiDocument() {
  const page = [
    { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
    { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
  ];
  return {
    openapi: '3.0.3',
    info: { title: 'Narrascope API', version: VERSION },
    paths: {
      '/api/health': { get: { summary: 'Liveness and version', responses: { 200: { description: 'ok' } } } },
      '/api/documents': {
        get: {
          summary: 'Search and list documents',
          parameters: [
            { name: 'q', in: 'query', description: 'full-text query (all words, prefix match)', schema: { type: 'string' } },
            { name: 'lang', in: 'query', schema: { type: 'string' } },
            { name: 'source', in: 'query', description: 'source name, handle or actor id', schema: { type: 'string' } },
            { name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' } },
            { name: 'until', in: 'query', schema: { type: 'string', format: 'date-time' } },
            ...page,
          ],
          responses: { 200: { description: '{ count, documents }' }, 400: { description: 'invalid parameter' } },
        },
      },
      '/api/documents/{id}': {
        get: {
          summary: 'One document with its attributions',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{24}$' } }],
          responses: { 200: { description: '{ document, attributions }' }, 404: { description: 'not found' } },
        },
      },
      '/api/actors': { get: { summary: 'Actor registry', parameters: [{ name: 'type', in: 'query', schema: { type: 'string' } }], responses: { 200: { description: '{ actors }' } } } },
    },
  };
}
