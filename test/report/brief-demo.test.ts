import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/tmp.ts';

const DEMO = ['telegram', 'telegram-single', 'rss', 'csv', 'html', 'text'].map((f) => join('examples', 'demo', f));

test('the demo brief names the mission narrative, its drivers, the February intensification, the 13 March surge after the ceasefire proposal, coordination and refutations — with citations that resolve', () => {
  const dir = tempDir();
  const db = join(dir, 'demo.db');
  const base = ['--db', db, '--actors', join('examples', 'demo-actors'), '-q'];
  assert.equal(runCli([...base, 'ingest', ...DEMO]).status, 0);
  assert.equal(runCli([...base, 'events', 'import', join('examples', 'demo', 'events.csv')]).status, 0);
  const r = runCli([...base, 'brief', '--narrative', 'Kursk', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const brief = JSON.parse(r.stdout);
  const takeaways: { text: string; citations: { documentId: string }[] }[] = brief.keyTakeaways;
  const all = takeaways.map((k) => k.text).join('\n');
  assert.match(all, /Ukrainian war crimes in Kursk region/);
  assert.match(all, /milbloggers/);
  assert.match(all, /state media/);
  assert.match(all, /intensified from 2025-02-0\d/, 'the February 2025 intensification');
  assert.match(all, /surged on 2025-03-1[34]/, 'the surge right after the 13 March remarks');
  assert.match(all, /after US–Ukraine talks in Jeddah; 30-day ceasefire proposal \(2025-03-11\)/, 'the ceasefire proposal as the preceding event');
  assert.match(all, /near-identical posts/, 'coordinated relays');
  assert.match(all, /unsubstantiated/, 'refuting assessments on record');
  assert.equal(brief.corpus.fingerprint.startsWith('sha256:'), true);
  assert.equal(typeof brief.narrascopeVersion, 'string');

  // Every finding that states something cites documents, and every citation resolves to a stored document.
  const findings = takeaways.filter((k) => !/Too little data/.test(k.text));
  assert.ok(findings.every((k) => k.citations.length > 0), 'each finding is cited');
  const ids = [...new Set(findings.flatMap((k) => k.citations.map((c) => c.documentId)))];
  const docs = JSON.parse(runCli([...base, 'documents', '--json', '--limit', '5000']).stdout).documents as { id: string }[];
  const known = new Set(docs.map((d) => d.id));
  assert.ok(ids.every((id) => known.has(id)), 'citations resolve');
  // The coordinated relays cite the copies themselves: posts of several milblogger channels within minutes.
  const coordination = brief.narratives[0].coordination as { accounts: string[]; spanSeconds: number; accountTypes: string[] }[];
  assert.ok(coordination.some((c) => c.accounts.length >= 3 && c.spanSeconds <= 300 && c.accountTypes.includes('milblogger')));

  // The cascade: who said it first, who repeated, through forwards, attribution chains and word-for-word copies.
  const cascade = JSON.parse(runCli([...base, 'cascade', 'Kursk', '--since', '2025-03-10', '--json']).stdout);
  const kinds = new Set(cascade.cascade.edges.map((e: { kind: string }) => e.kind));
  assert.ok(kinds.has('near_duplicate') && kinds.has('attribution') && kinds.has('forward'), [...kinds].join(','));
  assert.ok(known.has(cascade.cascade.first.documentId));
  assert.ok(cascade.cascade.actors.some((a: { actorType: string }) => a.actorType === 'milblogger'));

  const html = join(dir, 'b.html');
  assert.equal(runCli([...base, 'brief', '--narrative', 'Kursk', '--format', 'html', '--out', html]).status, 0);
  const page = readFileSync(html, 'utf8');
  assert.match(page, /<h2>Key takeaways<\/h2>/);
  assert.doesNotMatch(page, /<script/i);
});
