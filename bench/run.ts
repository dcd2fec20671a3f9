// `npm run bench [-- name...]`: runs each bench/*.bench.ts in its own process (so peak RSS is its own) and prints
// what each measured. Benchmarks that need ../shared/corpora say so and skip when it is absent.
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts')).sort()
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`);
let failed = 0;
for (const file of files) {
  const url = pathToFileURL(join(here, file)).href;
  const script = `const m = await import(${JSON.stringify(url)}); const r = await m.run();
    const rss = process.resourceUsage().maxRSS / 1024; console.log(JSON.stringify({ ...r, peakRssMB: Math.round(rss) }));`;
  console.log(`\n## ${file}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: 'inherit', cwd: join(here, '..') });
  if (r.status !== 0) { failed++; console.log(`${file} failed (exit ${r.status})`); }
}
process.exit(failed ? 1 : 0);
