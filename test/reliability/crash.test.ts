/**
 * Crash safety (issue 8): `kill -9` of `narrascope ingest` at random points. After every kill the database passes
 * `PRAGMA integrity_check` and the FTS5 integrity check, every stored document has exactly the analysis an
 * uninterrupted run gives it, and re-running the same ingest completes the work: the final counts of documents,
 * attributions, mentions, events, assessments and document narratives equal those of an uninterrupted run.
 *
 * 3 trials by default, 50 with NARRASCOPE_LONG_TESTS=1 (seed: NARRASCOPE_FC_SEED).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { actorRegistry } from '../../src/actors/load.ts';
import { analyzeDocument } from '../../src/pipeline/analyze.ts';
import { LONG, SEED, cli, dbCounts, demoTexts, documentCount, integrityProblems, mkDoc, schemaVersion, sleep, spawnCli, tempDir, writeCorpus } from './helpers.ts';

const DOCS = LONG ? 2000 : 500;
const TRIALS = LONG ? 50 : 3;

/** Attributions, mentions and narratives per stored document. */
function perDocument(path: string): Map<string, string> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT d.id AS id,
        (SELECT count(*) FROM attributions a WHERE a.doc_id = d.id) AS a,
        (SELECT count(*) FROM mentions m WHERE m.doc_id = d.id) AS m,
        (SELECT count(*) FROM document_narratives n WHERE n.doc_id = d.id) AS n,
        (SELECT count(*) FROM text_events e WHERE e.doc_id = d.id) AS e
      FROM documents d`).all() as { id: string; a: number; m: number; n: number; e: number }[];
    return new Map(rows.map((r) => [r.id, `${r.a}/${r.m}/${r.n}/${r.e}`]));
  } finally {
    db.close();
  }
}

test(`kill -9 at random points of an ingest (${TRIALS} trials, ${DOCS} documents): valid database, nothing lost, nothing doubled`, { timeout: LONG ? 3_600_000 : 180_000 }, async (t) => {
  const dir = tempDir();
  const corpus = join(dir, 'corpus.jsonl');
  // Posts that yield attributions or mentions, so that a document stored without its analysis shows.
  const registry = actorRegistry();
  const rich = demoTexts().filter((text) => {
    const a = analyzeDocument(mkDoc(text, /[іїєґ]/i.test(text) ? 'uk' : /[а-я]/i.test(text) ? 'ru' : 'en'), { registry });
    return a.attributions.length + a.mentions.length > 0;
  });
  await writeCorpus(corpus, DOCS, rich);

  const baseDb = join(dir, 'baseline.db');
  const base = cli(['--db', baseDb, '-q', 'ingest', corpus, '--batch', '100', '--json']);
  assert.equal(base.status, 0, base.stderr);
  const expected = dbCounts(baseDb);
  assert.equal(expected.documents, DOCS);
  assert.ok(expected.attributions > 0 && expected.mentions > 0, `the corpus yields analyses: ${JSON.stringify(expected)}`);
  const expectedPerDoc = perDocument(baseDb);
  t.diagnostic(`uninterrupted run: ${Math.round(base.ms)} ms, ${JSON.stringify(expected)}; seed ${SEED}`);

  // The trials. `startup`: kill after a random delay from the spawn (start-up, migrations or the ingest); `delay`: a
  // random delay once the database file exists; `rows`: as soon as a random number of documents is stored. Random
  // batch sizes move the transaction boundaries.
  const plans = fc.sample(fc.record({
    mode: fc.constantFrom('startup' as const, 'delay' as const, 'rows' as const),
    delay: fc.integer({ min: 0, max: Math.round(base.ms) }),
    rows: fc.integer({ min: Math.ceil(DOCS * 0.05), max: Math.floor(DOCS * 0.9) }),
    batch: fc.constantFrom(1, 7, 25, 50, 100, 250).map((b) => (LONG || b > 1 ? b : 10)),
  }), { numRuns: TRIALS, seed: SEED })
    // The short run covers a kill by stored rows, one after a delay into the ingest, and one more by rows.
    .map((plan, i) => (LONG ? plan : { ...plan, mode: i === 1 ? 'delay' as const : 'rows' as const, delay: plan.delay % 1500 }));

  const outcomes: string[] = [];
  let killedMidway = 0;
  for (const [i, plan] of plans.entries()) {
    const db = join(dir, `trial-${i}.db`);
    const child = spawnCli(['--db', db, '-q', 'ingest', corpus, '--batch', String(plan.batch)]);
    const started = performance.now();
    let exited = false;
    child.once('exit', () => { exited = true; });
    if (plan.mode === 'startup') await sleep(plan.delay);
    else if (plan.mode === 'delay') {
      while (!exited && !existsSync(db) && performance.now() - started < 120_000) await sleep(5);
      await sleep(plan.delay);
    } else while (!exited && documentCount(db) < plan.rows && performance.now() - started < 120_000) await sleep(2);
    child.kill('SIGKILL');
    if (!exited) await new Promise((r) => child.once('exit', r));
    const atKill = existsSync(db) ? documentCount(db) : 0;
    if (atKill > 0 && atKill < DOCS) killedMidway++;

    let schema = 'none';
    if (existsSync(db)) {
      assert.deepEqual(integrityProblems(db), [], `trial ${i} (${JSON.stringify(plan)}): database sound after kill -9`);
      const { version, latest } = schemaVersion(db);
      schema = `${version}/${latest}`;
      if (version < latest) assert.equal(atKill, 0, 'no document is stored before the schema is complete');
      // What was committed is whole: each stored document has exactly the analysis of the uninterrupted run.
      else for (const [id, counts] of perDocument(db)) assert.equal(counts, expectedPerDoc.get(id), `trial ${i}: analysis of ${id}`);
    }

    const rerun = cli(['--db', db, '-q', 'ingest', corpus, '--batch', String(plan.batch), '--json']);
    assert.equal(rerun.status, 0, `trial ${i}: the re-run succeeds: ${rerun.stderr}`);
    const s = JSON.parse(rerun.stdout) as { read: number; stored: number; duplicates: number };
    assert.equal(s.read, DOCS);
    assert.equal(s.stored + s.duplicates, DOCS, `trial ${i}: every record stored or recognised`);
    assert.equal(s.duplicates, atKill, `trial ${i}: exactly the documents stored before the kill are recognised`);
    assert.deepEqual(integrityProblems(db), [], `trial ${i}: database sound after the re-run`);
    assert.deepEqual(dbCounts(db), expected, `trial ${i}: final counts equal the uninterrupted run`);
    outcomes.push(`${plan.mode}=${plan.mode === 'rows' ? plan.rows : `${plan.delay}ms`} batch=${plan.batch}: ${atKill} stored at kill (schema ${schema})`);
  }
  t.diagnostic(`trials: ${outcomes.join('; ')}`);
  t.diagnostic(`${killedMidway}/${TRIALS} kills landed mid-ingest (0 < stored < ${DOCS})`);
  if (LONG) assert.ok(killedMidway >= TRIALS / 3, 'most kills land mid-ingest');
});
