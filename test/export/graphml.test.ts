import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actorGraphML, buildActorGraph } from '../../src/report/actor-graph.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import { tempDir } from '../helpers/tmp.ts';
import { ANALYSES, DOCS, fixtureStore } from './fixtures.ts';
import { runExport } from './run.ts';

const registry = actorRegistry();
const documents = DOCS.map((d) => ({
  id: d.id, at: d.publishedAt, sourceName: d.source.name, ...(d.source.actorId ? { actorId: d.source.actorId } : {}),
  ...(typeof d.meta.forwardedFrom === 'string' ? { forwardedFrom: d.meta.forwardedFrom } : {}),
}));
const attributions = ANALYSES.flatMap((a) => a.attributions.map((x) => ({ ...x, documentId: a.documentId, publishedAt: DOCS.find((d) => d.id === a.documentId)!.publishedAt })));
const mentions = ANALYSES.flatMap((a) => a.mentions);

test('actor graph: quotes, relays and forwards as weighted directed edges; nodes with type and counts', () => {
  const g = buildActorGraph({ documents, attributions, mentions, actors: registry });
  const edge = (s: string, t: string) => g.edges.find((e) => e.source === s && e.target === t);
  assert.equal(g.directed, true);
  // TASS quotes Zakharova.
  assert.deepEqual({ ...edge('tass', 'zakharova'), first: undefined, last: undefined },
    { source: 'tass', target: 'zakharova', weight: 1, quotes: 1, relays: 0, forwards: 0, refutes: 0, relation: 'quotes', first: undefined, last: undefined });
  // Ukrinform relays ISW, which quotes (and refutes) the milbloggers.
  assert.equal(edge('ukrinform', 'isw')!.relays, 1);
  const isw = edge('isw', 'name:russian milbloggers')!;
  assert.equal(isw.quotes, 1);
  assert.equal(isw.refutes, 1);
  // Rybar forwarded a TASS post: the forward resolves TASS through the registry.
  assert.equal(edge('rybar', 'tass')!.forwards, 1);
  const tass = g.nodes.find((n) => n.id === 'tass')!;
  assert.equal(tass.type, 'state_media');
  assert.equal(tass.alignment, 'pro_kremlin');
  assert.equal(tass.documents, 2);
  assert.ok(tass.amplifying > 0);
  const milbloggers = g.nodes.find((n) => n.id === 'name:russian milbloggers')!;
  assert.equal(milbloggers.kind, 'unresolved');
  assert.equal(milbloggers.type, 'milblogger');
  assert.equal(g.nodes.find((n) => n.id === 'ukrinform')!.refuting > 0, true);
  assert.ok(g.edges.every((e) => e.source !== e.target && e.weight === e.quotes + e.relays + e.forwards));
  assert.deepEqual(buildActorGraph({ documents: [...documents].reverse(), attributions: [...attributions].reverse(), mentions, actors: registry }), g, 'order-independent');
});

test('actor GraphML is well-formed XML with typed keys and escaped labels', () => {
  const xml = actorGraphML({ documents: [...documents, { id: 'x', at: '2025-01-01T00:00:00.000Z', sourceName: 'A <b> & "c"' }], attributions, mentions, actors: registry });
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
  assert.match(xml, /<graph id="G" edgedefault="directed">/);
  assert.match(xml, /<key id="e\d+" for="edge" attr.name="weight" attr.type="long"\/>/);
  assert.match(xml, /<key id="n\d+" for="node" attr.name="type" attr.type="string"\/>/);
  assert.ok(xml.includes('A &lt;b&gt; &amp; &quot;c&quot;'));
  assert.ok(!xml.includes('<b>'));
  const nodeIds = [...xml.matchAll(/<node id="([^"]+)"/g)].map((m) => m[1]);
  for (const m of xml.matchAll(/<edge id="[^"]+" source="([^"]+)" target="([^"]+)"/g)) {
    assert.ok(nodeIds.includes(m[1]) && nodeIds.includes(m[2]), 'edges join declared nodes');
  }
});

test('CLI: export graphml actors, whole store and one narrative', async () => {
  const dir = tempDir();
  const { path, store } = await fixtureStore(dir);
  await store.close();
  const out = join(dir, 'actors.graphml');
  await runExport(['--db', path, '-q', 'export', 'graphml', 'actors', '--out', out]);
  const xml = readFileSync(out, 'utf8');
  assert.match(xml, /<edge id="e\d+" source="tass" target="zakharova"/);
  assert.match(xml, /<edge id="e\d+" source="rybar" target="tass"/);
  await runExport(['--db', path, '-q', 'export', 'graphml', 'actors', '--narrative', 'Blaming the war', '--out', out]);
  const blame = readFileSync(out, 'utf8');
  assert.ok(!blame.includes('source="ukrinform"'), 'only documents carrying the narrative');
  assert.match(blame, /<node id="tass">/);
  await assert.rejects(runExport(['--db', path, 'export', 'graphml', 'documents', '--out', out]), /actors/);
});
