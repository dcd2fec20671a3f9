import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CLAIM_COLUMNS, MENTION_COLUMNS, UTF8_BOM, claimsCsv, csvCell, csvLine, mentionsCsv } from '../../src/report/csv.ts';
import { tempDir } from '../helpers/tmp.ts';
import { ANALYSES, DOCS, fixtureStore, KURSK, MILITARY } from './fixtures.ts';
import { runExport } from './run.ts';

test('cells: always quoted, quotes doubled, formula starts neutralised with an apostrophe', () => {
  assert.equal(csvCell('plain'), '"plain"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('a,b\nc'), '"a,b\nc"');
  for (const danger of ['=1+1', '+7 999', '-2+3', '@SUM(A1)', '\tTAB', '\rCR', '＝1+1', '=HYPERLINK("http://evil.example","x")']) {
    const cell = csvCell(danger);
    assert.ok(cell.startsWith(`"'`), `${JSON.stringify(danger)} → ${cell}`);
    assert.equal(cell.slice(2, -1).replace(/""/g, '"'), danger, 'the text itself is kept');
  }
  assert.equal(csvCell(' =1'), '" =1"', 'only the first character counts');
  assert.equal(csvCell(0.5), '"0.5"');
  assert.equal(csvCell(undefined), '""');
  assert.equal(csvCell(['a', 'b']), '"a; b"');
  assert.equal(csvLine(['a', 1]), '"a","1"\r\n');
});

test('mentions and claims CSV texts parse back with the same columns', () => {
  const docs = new Map(DOCS.map((d) => [d.id, d]));
  const mentions = ANALYSES.flatMap((a) => a.mentions);
  const text = mentionsCsv(mentions, docs, new Map([[KURSK, 'Kursk']]));
  assert.ok(text.startsWith(UTF8_BOM));
  const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
  assert.equal(rows.length, mentions.length);
  assert.deepEqual(Object.keys(rows[0]), [...MENTION_COLUMNS]);
  assert.equal(rows.find((r) => r.narrative_id === KURSK)!.narrative_label, 'Kursk');
  assert.ok(!mentionsCsv([], docs, new Map(), { bom: false }).startsWith(UTF8_BOM));

  const claims = ANALYSES.flatMap((a) => a.attributions.map((x, index) => ({ ...x, documentId: a.documentId, index, publishedAt: docs.get(a.documentId)!.publishedAt, lang: 'en' })));
  const assessments = new Map(ANALYSES.map((a) => [a.documentId, a.assessments.map((x) => ({ ...x, documentId: a.documentId }))]));
  const c = parse(claimsCsv(claims, docs, assessments).slice(1), { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(c[0]), [...CLAIM_COLUMNS]);
  const ukr = c.find((r) => r.document_id === 'fx-ukrinform-1')!;
  assert.equal(ukr.content, "'=1+1 Ukrainian forces committed war crimes in Kursk");
  assert.equal(ukr.title, `'=HYPERLINK("http://evil.example","ISW")`);
  assert.equal(ukr.chain, 'Ukrinform > ISW');
  assert.equal(ukr.assessments, 'ISW: unsubstantiated');
  assert.equal(ukr.stance, 'refutes');
});

test('CLI: export csv mentions|claims from a store, filtered by narrative and period', async () => {
  const dir = tempDir();
  const { path, store } = await fixtureStore(dir);
  await store.close();
  const read = (f: string) => {
    const text = readFileSync(f, 'utf8');
    assert.ok(text.startsWith(UTF8_BOM));
    assert.ok(text.includes('\r\n'));
    return parse(text.slice(1), { columns: true, relax_quotes: false }) as Record<string, string>[];
  };
  const m = join(dir, 'mentions.csv');
  await runExport(['--db', path, '-q', 'export', 'csv', 'mentions', '--out', m]);
  const all = read(m);
  assert.equal(all.length, ANALYSES.flatMap((a) => a.mentions).length);
  const tass = all.find((r) => r.document_id === 'fx-tass-1' && r.actor_id === 'tass')!;
  assert.equal(tass.url, 'https://tass.com/politics/1001');
  assert.equal(tass.source, 'TASS');

  await runExport(['--db', path, '-q', 'export', 'csv', 'mentions', '--narrative', 'Kursk', '--since', '2025-03-01', '--out', m]);
  const kursk = read(m);
  assert.ok(kursk.length > 0 && kursk.every((r) => r.narrative_id === KURSK && r.at >= '2025-03-01'));

  await runExport(['--db', path, '-q', 'export', 'csv', 'mentions', '--narrative', MILITARY, '--until', '2025-01-01', '--out', m]);
  assert.deepEqual([...new Set(read(m).map((r) => r.document_id))], ['fx-tass-old'], 'a narrative with its sub-narratives, before --until');

  const c = join(dir, 'claims.csv');
  await runExport(['--db', path, '-q', 'export', 'csv', 'claims', '--out', c]);
  const claims = read(c);
  assert.equal(claims.length, 2);
  assert.ok(claims.every((r) => !/^[=+\-@\t\r]/.test(r.content) && !/^[=+\-@\t\r]/.test(r.title)), 'no cell starts a formula');
  const zak = claims.find((r) => r.speaker_actor_id === 'zakharova')!;
  assert.equal(zak.said_at, '2025-03-09');
  assert.equal(zak.narrative_ids, KURSK);

  await assert.rejects(runExport(['--db', path, 'export', 'csv', 'documents', '--out', c]), /mentions or claims/);
});
