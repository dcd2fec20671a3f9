import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { SHARED, tempDir } from '../helpers/tmp.ts';

const TELEGRAM = join(SHARED, 'corpora', 'telegram-ru-news-channels-2024', 'raw');
const COORD = join(SHARED, 'corpora', 'coortweet-coordination-benchmarks', 'russian_coord_tweets.csv');

test('«Орешник» on the Telegram corpus: a surge from 2024-11-21 with a second peak around 2024-11-28, none before',
  { skip: existsSync(TELEGRAM) ? false : `${TELEGRAM} is absent` }, () => {
    const db = join(tempDir(), 'tg.db');
    assert.equal(runCli(['--db', db, '-q', 'ingest', TELEGRAM, '--map', 'text=text,publishedAt=date,source=channel', '--no-analyze']).status, 0);
    const r = runCli(['--db', db, 'surges', '--query', 'Орешник', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const { surges } = JSON.parse(r.stdout) as { surges: { kind: string; onset: string; peak: string; end: string; drivers: { actorTypes: { key: string }[]; evidence: string[] } }[] };
    const bursts = surges.filter((s) => s.kind === 'burst');
    const first = bursts[0];
    const onsetDay = Date.parse(first.onset.slice(0, 10));
    assert.ok(Math.abs(onsetDay - Date.parse('2024-11-21')) <= 86_400_000, `onset ${first.onset}`);
    assert.ok(bursts.some((s) => Math.abs(Date.parse(s.peak.slice(0, 10)) - Date.parse('2024-11-28')) <= 86_400_000), 'second peak near 28 Nov');
    assert.ok(surges.every((s) => s.onset >= '2024-11-20'), 'nothing in the days before');
    assert.ok(first.drivers.actorTypes.length >= 2, 'driven by several channel types');
    // Every finding opens onto documents that exist.
    const doc = JSON.parse(runCli(['--db', db, 'documents', '--query', 'Орешник', '--json', '--limit', '500']).stdout);
    const ids = new Set(doc.documents.map((d: { id: string }) => d.id));
    assert.ok(first.drivers.evidence.length > 0 && first.drivers.evidence.every((id) => ids.has(id)));

    const tl = JSON.parse(runCli(['--db', db, 'timeline', '--query', 'Орешник', '--json']).stdout);
    const i = tl.timeline.labels.indexOf('2024-11-21');
    assert.ok(i >= 0 && tl.timeline.total[i] >= 20, 'the timeline shows the day of the strike');
  });

test('CooRTweet benchmark through the CLI: window 60 s, participation 2, edge weight 0.5',
  { skip: existsSync(COORD) ? false : `${COORD} is absent` }, () => {
    const graphml = join(tempDir(), 'net.graphml');
    const r = runCli(['coordination', '--input', COORD, '--object', 'object_id', '--account', 'account_id', '--time', 'timestamp_share',
      '--time-window', '60', '--min-participation', '2', '--edge-weight', '0.5', '--graphml', graphml, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const g = JSON.parse(r.stdout);
    assert.equal(g.edges.length, 3721);
    assert.equal(g.accounts.length, 2110);
    assert.equal(g.stats.edgesAboveThreshold, 60);
    assert.ok(g.edges.every((e: { shares: { timeDelta: number }[] }) => e.shares.length > 0 && e.shares.every((s) => s.timeDelta <= 60)), 'each edge carries the shares that created it');
    assert.ok(existsSync(graphml));
    assert.equal(runCli(['coordination', '--input', COORD, '--object', 'nope']).status, 2);
  });
