/**
 * Offline dependency audit: `npm audit` needs the registry's advisory service, which this machine does not have
 * (it answers 405). This script re-checks the manual review recorded in RELIABILITY.md §4 against what is installed:
 *
 *  - every production package (`npm ls --omit=dev --all --parseable`) with its installed version;
 *  - for each advisory reviewed by hand, the first fixed version on the line we use: an installed version below it
 *    is reported as AFFECTED (exit 1);
 *  - the SQLite version compiled into better-sqlite3 against the same kind of floor;
 *  - the production packages nobody has reviewed yet (no advisory recorded: "none found" is not "none exist").
 *
 *   npx tsx scripts/audit-offline.ts          # summary; exit 1 if an installed version is below a fixed floor
 *   npx tsx scripts/audit-offline.ts --tree   # also print every production package name@version
 *
 * It does not look anything up: the advisory list below is the review of 2026-11-26 and must be extended by hand.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

/** An advisory checked by hand: affected when the installed version is below `fixed` (first fix on our major line). */
interface Reviewed { pkg: string; ids: string; fixed: string }

export const REVIEWED: Reviewed[] = [
  { pkg: 'hono', ids: 'GHSA-q5qw-h33p-qvwr, CVE-2026-22817', fixed: '4.12.4' },
  { pkg: 'hono', ids: 'GHSA-8wjg-2qrw-6cf2, GHSA-xpcf-pg52-r92g, GHSA-26pp-8wgv-hjvm, GHSA-r5rp-j6wh-rvv4, GHSA-wmmm-f939-6g9c, GHSA-xf4j-xp2r-rqqx', fixed: '4.12.12' },
  // 4.12.14 fixes all of these; the fixed versions of the last four were not given separately.
  { pkg: 'hono', ids: 'GHSA-458j-xx4x-4375, GHSA-2vgw-pq57-xx9c, GHSA-87xc-2fmq-h3xv, GHSA-fvm4-fc8h-pcg5, GHSA-cv2m-gx9q-9pf4', fixed: '4.12.14' },
  { pkg: 'hono', ids: 'GHSA-69xw-7hcm-h432, GHSA-9vqf-7f2p-gf9v', fixed: '4.12.16' },
  { pkg: 'hono', ids: 'GHSA-p77w-8qqv-26rm', fixed: '4.12.18' },
  { pkg: 'hono', ids: 'GHSA-f577-qrjj-4474, GHSA-3hrh-pfw6-9m5x, GHSA-xrhx-7g5j-rcj5, GHSA-2gcr-mfcq-wcc3', fixed: '4.12.21' },
  { pkg: 'hono', ids: 'GHSA-88fw-hqm2-52qc, GHSA-wwfh-h76j-fc44, GHSA-rv63-4mwf-qqc2, GHSA-j6c9-x7qj-28xf, GHSA-wgpf-jwqj-8h8p', fixed: '4.12.25' },
  { pkg: 'hono', ids: 'GHSA-hxh3-vqpv-xpqv', fixed: '4.13.7' },
  { pkg: '@hono/node-server', ids: 'GHSA-wc8c-qw6v-h7f6', fixed: '1.19.10' },
  { pkg: '@hono/node-server', ids: 'CVE-2026-29087', fixed: '1.19.11' },
  { pkg: '@hono/node-server', ids: 'GHSA-92pp-h63x-v22m', fixed: '1.19.13' },
  { pkg: '@hono/node-server', ids: 'GHSA-frvp-7c67-39w9', fixed: '1.19.15' },
  { pkg: '@mozilla/readability', ids: 'GHSA-3p6v-hrg8-8qj7', fixed: '0.6.0' },
  { pkg: 'ajv', ids: 'GHSA-2g4f-4pwh-qvx6 (CVE-2025-69873)', fixed: '8.18.0' },
  { pkg: 'fast-uri', ids: 'CVE-2026-16221', fixed: '3.1.4' },
  { pkg: 'fast-uri', ids: 'GHSA-5jgf-p345-68v8, GHSA-fph4-wmhf-6fwf, GHSA-f65p-4m7j-42xc, GHSA-jqff-g426-hqxp', fixed: '3.1.6' },
  { pkg: 'fast-uri', ids: 'GHSA-qw65-cvwx-89v3, GHSA-58mr-gqgx-xq4g', fixed: '3.1.7' },
  { pkg: 'fast-uri', ids: 'GHSA-hrr3-gc8f-f4qj', fixed: '3.1.8' },
  { pkg: 'yaml', ids: 'GHSA-48c2-rrv3-qjmp (CVE-2026-33532)', fixed: '2.8.3' },
  { pkg: 'chrono-node', ids: 'GHSA-hpmr-g4pq-jhgp (CVE-2021-23371)', fixed: '2.2.4' },
  { pkg: 'csv-parse', ids: 'npm advisory 1171 (CVE-2019-17592)', fixed: '4.4.6' },
  { pkg: 'zod', ids: 'email ReDoS (colinhacks/zod#2609)', fixed: '3.22.3' },
  // Fixes confirmed in the issues found: 4.5.7 and 6.4.2; the 7.x fix version was not confirmed. Every 8.x postdates it.
  { pkg: 'pg', ids: 'node-postgres code execution of 2017-08-12 (nodesecurity 521)', fixed: '6.4.2' },
  { pkg: 'mongoose', ids: 'GHSA-m7xq-9374-9rvx (CVE-2024-53900)', fixed: '8.8.3' },
  { pkg: 'mongoose', ids: 'GHSA-vg7j-7cwx-8wgw (CVE-2025-23061)', fixed: '8.9.5' },
  { pkg: 'underscore', ids: 'GHSA-cf4h-3jhx-xvhq (CVE-2021-23358)', fixed: '1.12.1' },
  { pkg: 'underscore', ids: 'CVE-2026-27601', fixed: '1.13.8' },
  { pkg: 'uuid', ids: 'GHSA-w5hq-g745-h8pq (CVE-2026-41907)', fixed: '13.0.1' },
  { pkg: 'redis', ids: 'GHSA-35q2-47q7-3pc3', fixed: '3.1.1' },
  { pkg: 'memjs', ids: 'CVE-2018-3767 (<= 1.2.0)', fixed: '1.2.1' },
  { pkg: 'bson', ids: 'npm:bson:20180225', fixed: '1.0.5' },
  { pkg: 'tar-fs', ids: 'GHSA-pq67-2wwv-3xjx (CVE-2024-12905)', fixed: '2.1.2' },
  { pkg: 'tar-fs', ids: 'GHSA-vj76-c3g6-qr5v', fixed: '2.1.4' },
  { pkg: 'semver', ids: 'GHSA-c2qf-rxjj-qqgw (CVE-2022-25883)', fixed: '7.5.2' },
  { pkg: 'esbuild', ids: 'GHSA-67mh-4wv8-2f99', fixed: '0.25.0' },
  { pkg: 'preact', ids: 'JSON VNode injection (10.26.5 to 10.28.1)', fixed: '10.28.2' },
  { pkg: 'nth-check', ids: 'GHSA-rp65-9cf3-cjxr', fixed: '2.0.1' },
  { pkg: 'htmlparser2', ids: 'fb55/htmlparser2#105', fixed: '3.8.3' },
];

/** Packages searched for and with no advisory found for any version we could see (not proof that none exist). */
export const SEARCHED_NONE_FOUND = ['linkedom', 'sax', 'iconv-lite', 'chardet', 'eld', 'commander', 'cli-progress', 'better-sqlite3', 'natural'];

/** SQLite compiled into better-sqlite3: CVE-2025-6965 (< 3.50.2), CVE-2026-11822 / CVE-2026-11824 (FTS5, < 3.53.2). */
const SQLITE_FIXED = '3.53.2';

/** Numeric x.y.z comparison (pre-release tags ignored). */
export function versionBelow(a: string, b: string): boolean {
  const pa = a.split(/[.+-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.+-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) {
    if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0);
  }
  return false;
}

function productionTree(): Map<string, Set<string>> {
  const r = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8' });
  const tree = new Map<string, Set<string>>();
  for (const dir of r.stdout.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const file = join(dir, 'package.json');
    if (dir === ROOT || !existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };
    if (!tree.has(pkg.name)) tree.set(pkg.name, new Set());
    tree.get(pkg.name)!.add(pkg.version);
  }
  return tree;
}

function sqliteVersion(): string | undefined {
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (f: string) => { prepare(s: string): { get(): { v: string } }; close(): void };
    const db = new Database(':memory:');
    const v = db.prepare('select sqlite_version() as v').get().v;
    db.close();
    return v;
  } catch {
    return undefined;
  }
}

function main(): number {
  const tree = productionTree();
  const names = [...tree.keys()].sort();
  let bad = 0;
  if (process.argv.includes('--tree')) for (const n of names) console.log(`${n}@${[...tree.get(n)!].join(', ')}`);
  console.log(`${names.length} production packages.\n`);
  for (const a of REVIEWED) {
    const versions = tree.get(a.pkg);
    if (!versions) { console.log(`absent    ${a.pkg} (${a.ids}): not in the production tree`); continue; }
    for (const v of versions) {
      const affected = versionBelow(v, a.fixed);
      if (affected) bad++;
      console.log(`${affected ? 'AFFECTED' : 'ok      '}  ${a.pkg}@${v} (fixed ${a.fixed}): ${a.ids}`);
    }
  }
  const sqlite = sqliteVersion();
  if (!sqlite) console.log('\nSQLite: better-sqlite3 could not be loaded');
  else {
    const affected = versionBelow(sqlite, SQLITE_FIXED);
    if (affected) bad++;
    console.log(`\n${affected ? 'AFFECTED' : 'ok      '}  SQLite ${sqlite} in better-sqlite3 (fixed ${SQLITE_FIXED}): CVE-2025-6965, CVE-2026-11822, CVE-2026-11824`);
  }
  const reviewed = new Set([...REVIEWED.map((a) => a.pkg), ...SEARCHED_NONE_FOUND]);
  const unreviewed = names.filter((n) => !reviewed.has(n));
  console.log(`\nSearched, no advisory found: ${SEARCHED_NONE_FOUND.filter((n) => tree.has(n)).join(', ')}`);
  console.log(`Not reviewed (${unreviewed.length}): ${unreviewed.join(', ')}`);
  if (bad) console.log(`\n${bad} installed version(s) below a fixed version.`);
  return bad ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
