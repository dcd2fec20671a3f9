import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCascade, lagCorrelation, leadLag, type CascadeDoc } from '../../src/analytics/cascades.ts';

const text = 'Песков заявил, что удар Орешником стал ответом на применение западного дальнобойного оружия по территории России';

test('cascade: first mention, repeats, explicit and near-duplicate edges', () => {
  const docs: CascadeDoc[] = [
    { id: 'ria1', at: '2024-11-21T12:00:00Z', actorId: 'ria', actorType: 'state_media', text, chain: [{ actorId: 'ria' }, { actorId: 'peskov' }] },
    { id: 'tass1', at: '2024-11-21T12:05:00Z', actorId: 'tass', actorType: 'state_media', text: `${text}.` },
    { id: 'mb1', at: '2024-11-21T12:20:00Z', actorId: 'rybar', actorType: 'milblogger', forwardedFrom: 'ria1' },
    { id: 'mb2', at: '2024-11-21T13:00:00Z', actorId: 'mb_two', actorType: 'milblogger', forwardedFrom: 'rybar' },
    { id: 'isw1', at: '2024-11-22T02:00:00Z', actorId: 'ukrinform', actorType: 'independent_media', chain: [{ actorId: 'ukrinform' }, { actorId: 'isw' }, { actorId: 'peskov' }] },
    { id: 'r1', at: '2024-11-21T12:30:00Z', actorId: 'someone', actorType: 'unknown', replyTo: 'tass1' },
  ];
  const c = buildCascade(docs);
  assert.equal(c.first!.documentId, 'ria1');
  assert.deepEqual(c.repeats.map((r) => [r.documentId, r.lagSec]), [['tass1', 300], ['mb1', 1200], ['r1', 1800], ['mb2', 3600], ['isw1', 50400]]);
  assert.equal(c.size, 6);
  assert.equal(c.spanSec, 50400);
  const e = c.edges.map((x) => `${x.kind}:${x.from}>${x.to}`).sort();
  assert.deepEqual(e, [
    'attribution:actor:isw>isw1',
    'attribution:actor:peskov>actor:isw',
    'attribution:actor:peskov>ria1',
    'forward:mb1>mb2',
    'forward:ria1>mb1',
    'near_duplicate:ria1>tass1',
    'reply:tass1>r1',
  ]);
  assert.equal(c.edges.find((x) => x.kind === 'near_duplicate')!.lagSec, 300);
  assert.deepEqual(c.actors.map((a) => a.actorId), ['ria', 'tass', 'rybar', 'someone', 'mb_two', 'ukrinform']);
  assert.equal(buildCascade([]).first, null);
  assert.equal(buildCascade(docs, { nearDuplicate: false }).edges.some((x) => x.kind === 'near_duplicate'), false);
});

test('lead–lag: state media first, milbloggers follow by ~6 h; daily cross-correlation peaks at +1 day', () => {
  const claims: Record<string, CascadeDoc[]> = {};
  for (let k = 0; k < 30; k++) {
    const t = Date.UTC(2024, 0, 1 + 2 * k, 8);
    const docs: CascadeDoc[] = [];
    for (let i = 0; i < 1 + (k % 4); i++) docs.push({ id: `s${k}-${i}`, at: t + i * 3_600_000, actorId: `sm${i}`, actorType: 'state_media' });
    for (let i = 0; i < 1 + (k % 4); i++) docs.push({ id: `m${k}-${i}`, at: t + 6 * 3_600_000 + 86_400_000 * (i > 0 ? 1 : 0) + i, actorId: `mb${i}`, actorType: 'milblogger' });
    claims[`c${k}`] = docs;
  }
  const res = leadLag(claims);
  assert.deepEqual(res.types, ['milblogger', 'state_media']);
  const p = res.pairs[0];
  assert.equal(p.a, 'milblogger');
  assert.equal(p.claims, 30);
  assert.equal(p.medianLagHours, -6); // B (state media) is 6 h before A (milbloggers)
  assert.equal(p.aFirstShare, 0);
  assert.equal(p.ccf.length, 15);
  assert.ok(p.bestLag! <= 0, JSON.stringify(p.ccf));
});

test('lagCorrelation: shifted copy correlates perfectly at its lag', () => {
  const a = [0, 1, 5, 2, 0, 0, 3, 1, 0, 4, 0, 0];
  const b = [0, 0, ...a.slice(0, -2)];
  assert.ok(Math.abs(lagCorrelation(a, b, 2)! - 1) < 1e-12);
  assert.equal(lagCorrelation([1, 1, 1, 1], [1, 2, 3, 4], 0), null);
});
