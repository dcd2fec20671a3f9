// `npm run demo`: ingests the synthetic demo corpus into a fresh SQLite file and writes a first brief.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'out');
const db = join(out, 'demo.db');
mkdirSync(out, { recursive: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });

function narrascope(args: string[]): void {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'narrascope.js'), '--db', db, '--actors', join('examples', 'demo-actors'), ...args], { stdio: 'inherit', cwd: root });
  // 3 = some records rejected; the demo corpus contains none, so treat anything but 0 as failure.
  if (result.status !== 0) {
    console.error(`demo: narrascope ${args.join(' ')} exited with ${result.status}`);
    process.exit(result.status ?? 1);
  }
}

if (!existsSync(join(root, 'examples', 'demo'))) {
  console.error('demo: examples/demo is missing');
  process.exit(1);
}
// The document folders; README.md and the event calendars (events.csv/.yaml) are not documents.
const demo = join('examples', 'demo');
narrascope(['ingest', ...['telegram', 'telegram-single', 'rss', 'csv', 'html', 'text'].map((f) => join(demo, f))]);
narrascope(['brief', '--format', 'md', '--out', join(out, 'demo-brief.md')]);
narrascope(['brief', '--format', 'html', '--out', join(out, 'demo-brief.html')]);
console.log(`\nDemo database: ${db}\nBrief: ${join(out, 'demo-brief.md')} (HTML: ${join(out, 'demo-brief.html')})`);
