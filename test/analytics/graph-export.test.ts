import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coordinationNetwork } from '../../src/analytics/coordination.ts';
import { toGEXF, toGraphML, xmlEscape } from '../../src/analytics/graph-export.ts';

const graph = coordinationNetwork([
  { objectId: 'o1', accountId: 'A&B <co>', contentId: 'c1', timestamp: 0 },
  { objectId: 'o1', accountId: 'Канал "Z"', contentId: 'c2', timestamp: 5 },
  { objectId: 'o2', accountId: 'A&B <co>', contentId: 'c3', timestamp: 100 },
  { objectId: 'o2', accountId: 'Канал "Z"', contentId: 'c4', timestamp: 101 },
], { timeWindow: 10, minParticipation: 2 });

test('xmlEscape escapes markup and drops characters XML cannot carry', () => {
  assert.equal(xmlEscape(`a<b>&"c'\u0001d`), 'a&lt;b&gt;&amp;&quot;c&apos;d');
});

test('GraphML: escaped ids, typed keys, edge attributes; shares (objects) are left out', () => {
  const xml = toGraphML(graph);
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>/);
  assert.match(xml, /<node id="A&amp;B &lt;co&gt;">/);
  assert.match(xml, /<node id="Канал &quot;Z&quot;">/);
  assert.match(xml, /<key id="e\d+" for="edge" attr.name="weight" attr.type="long"\/>/);
  assert.match(xml, /<key id="e\d+" for="edge" attr.name="objects" attr.type="string"\/>/);
  assert.match(xml, /<data key="e\d+">o1,o2<\/data>/);
  assert.ok(!/for="edge" attr.name="shares"/.test(xml)); // edge shares are objects: left out
  assert.equal((xml.match(/<edge /g) ?? []).length, 1);
  assert.equal((xml.match(/<node /g) ?? []).length, 2);
  assert.ok(!/[<>]co/.test(xml.replace(/<\/?[a-z]+[^>]*>/g, '')));
});

test('GEXF: weight as native attribute, attvalues escaped', () => {
  const xml = toGEXF(graph);
  assert.match(xml, /<gexf xmlns="http:\/\/gexf.net\/1.3" version="1.3">/);
  assert.match(xml, /<edge id="0" source="A&amp;B &lt;co&gt;" target="Канал &quot;Z&quot;" weight="2">/);
  assert.match(xml, /<attribute id="\d+" title="group" type="long"\/>/);
  assert.match(xml, /<attvalue for="\d+" value="o1,o2"\/>/);
  // generic shapes: string nodes, source/target edges, nodes implied by edges
  const g2 = toGEXF({ nodes: ['x'], edges: [{ source: 'x', target: 'y', kind: 'forward' }], directed: true });
  assert.match(g2, /defaultedgetype="directed"/);
  assert.match(g2, /<node id="y" label="y"\/>/);
});
