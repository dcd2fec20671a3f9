/**
 * Regenerates docs/licenses.md: the licence of every production dependency (the tree of `npm ls --omit=dev --all
 * --parseable`, read from each installed package.json) and the outcome of `npm audit --json`.
 *
 *   npx tsx scripts/licenses.ts            # writes docs/licenses.md
 *   npx tsx scripts/licenses.ts --no-audit # without asking the registry for advisories
 *   npx tsx scripts/licenses.ts --check    # exit 1 when a licence needs review (not in the permissive list)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'licenses.md');
const args = new Set(process.argv.slice(2));

/** Licences that allow use, modification and redistribution in an Apache-2.0 project without conditions beyond notice. */
const PERMISSIVE = new Set(['MIT', 'MIT-0', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD', 'Apache-2.0', 'BlueOak-1.0.0', 'CC0-1.0', 'Unlicense', 'Python-2.0', 'Zlib', 'WTFPL']);

interface Pkg { name: string; version: string; license: string; path: string }

function licenseOf(pkg: Record<string, unknown>, dir: string): string {
  const l = pkg.license;
  if (typeof l === 'string' && l.trim()) return l.trim();
  if (l && typeof l === 'object' && typeof (l as { type?: unknown }).type === 'string') return (l as { type: string }).type;
  const ls = pkg.licenses;
  if (Array.isArray(ls) && ls.length) {
    const types = ls.map((x) => (typeof x === 'string' ? x : (x as { type?: string })?.type)).filter(Boolean);
    if (types.length) return types.length > 1 ? `(${types.join(' OR ')})` : String(types[0]);
  }
  // No field: recognise the common licence texts in the package's LICENSE file.
  const file = existsSync(dir) ? readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f)) : undefined;
  if (!file) return 'UNKNOWN';
  const text = readFileSync(join(dir, file), 'utf8');
  const known = /Permission is hereby granted, free of charge/.test(text) ? 'MIT'
    : /Permission to use, copy, modify, and\/or distribute/.test(text) ? 'ISC'
    : /Apache License,?\s+Version 2\.0/.test(text) ? 'Apache-2.0'
    : /Redistribution and use in source and binary forms/.test(text) ? (/Neither the name/.test(text) ? 'BSD-3-Clause' : 'BSD-2-Clause')
    : undefined;
  return known ? `${known} (from ${file}, no license field)` : `UNKNOWN (see ${file})`;
}

/** A licence or SPDX expression is permissive when every AND term has a permissive OR branch. */
export function isPermissive(expr: string): boolean {
  const clean = expr.replace(/[()]/g, ' ').trim();
  if (!clean || /^UNKNOWN/.test(clean)) return false;
  if (/\(from .*no license field\)$/.test(expr)) return PERMISSIVE.has(expr.split(' ')[0]);
  return clean.split(/\s+AND\s+/i).every((term) => term.split(/\s+OR\s+/i).some((id) => PERMISSIVE.has(id.trim().replace(/\+$/, ''))));
}

function productionPackages(): Pkg[] {
  const r = spawnSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // npm ls exits 1 on extraneous or missing packages but still lists the tree.
  const paths = r.stdout.split('\n').map((l) => l.trim()).filter(Boolean).slice(1);
  if (!paths.length) throw new Error(`npm ls gave no packages: ${r.stderr}`);
  const seen = new Map<string, Pkg>();
  for (const path of paths) {
    const file = join(path, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const name = String(pkg.name ?? relative(join(ROOT, 'node_modules'), path));
    const version = String(pkg.version ?? '?');
    const key = `${name}@${version}`;
    if (!seen.has(key)) seen.set(key, { name, version, license: licenseOf(pkg, path), path: relative(ROOT, path) });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** Unique packages each direct production dependency brings in (itself included). */
function footprint(): [string, number][] {
  const r = spawnSync('npm', ['ls', '--omit=dev', '--all', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  type Node = { version?: string; dependencies?: Record<string, Node> };
  let tree: Node;
  try { tree = JSON.parse(r.stdout) as Node; } catch { return []; }
  const walk = (name: string, node: Node, into: Set<string>) => {
    const key = `${name}@${node.version ?? '?'}`;
    if (into.has(key)) return;
    into.add(key);
    for (const [n, child] of Object.entries(node.dependencies ?? {})) walk(n, child, into);
  };
  return Object.entries(tree.dependencies ?? {}).map(([name, node]) => {
    const all = new Set<string>();
    walk(name, node, all);
    return [`${name}@${node.version ?? '?'}`, all.size] as [string, number];
  }).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function audit(): string[] {
  if (args.has('--no-audit')) return ['Not run (`--no-audit`).'];
  const r = spawnSync('npm', ['audit', '--json', '--omit=dev'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  let report: Record<string, unknown> | undefined;
  try { report = JSON.parse(r.stdout) as Record<string, unknown>; } catch { report = undefined; }
  const meta = report?.metadata as { vulnerabilities?: Record<string, number>; dependencies?: { prod?: number } } | undefined;
  if (meta?.vulnerabilities) {
    const v = meta.vulnerabilities;
    const lines = [`\`npm audit --json --omit=dev\` ran on ${new Date().toISOString().slice(0, 10)}: ` +
      ['critical', 'high', 'moderate', 'low', 'info'].map((s) => `${v[s] ?? 0} ${s}`).join(', ') + '.'];
    const vulns = (report?.vulnerabilities ?? {}) as Record<string, { severity: string; via: unknown[]; fixAvailable: unknown }>;
    for (const [name, x] of Object.entries(vulns)) {
      const via = x.via.map((y) => (typeof y === 'string' ? y : (y as { title?: string; url?: string }).title ?? '')).filter(Boolean).join('; ');
      lines.push(`- ${name} (${x.severity}): ${via}${x.fixAvailable ? ' — fix available' : ''}`);
    }
    return lines;
  }
  const why = (report?.message as string | undefined) ?? (r.error?.message ?? r.stderr.split('\n').find((l) => /error/i.test(l)) ?? `exit ${r.status}`);
  return [`\`npm audit --json\` could not run on ${new Date().toISOString().slice(0, 10)} (offline or no advisory service behind the registry): ${why.trim()}.`,
    'Re-run `npx tsx scripts/licenses.ts` with registry access to record the advisories.'];
}

const pkgs = productionPackages();
const byLicense = new Map<string, number>();
for (const p of pkgs) byLicense.set(p.license, (byLicense.get(p.license) ?? 0) + 1);
const review = pkgs.filter((p) => !isPermissive(p.license));
const escape = (s: string) => s.replace(/\|/g, '\\|');
const project = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string; license: string };

const md = [
  '# Licences of production dependencies',
  '',
  `Generated by \`npx tsx scripts/licenses.ts\` from the installed tree (\`npm ls --omit=dev --all --parseable\`, the \`license\` field of each`,
  `package.json). ${project.name} ${project.version} is ${project.license}. Do not edit by hand: re-run the script after changing dependencies.`,
  '',
  `**${pkgs.length} packages** (production, transitive included, each name@version once).`,
  '',
  '## Summary',
  '',
  '| licence | packages |',
  '|---|---:|',
  ...[...byLicense].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([l, n]) => `| ${escape(l)} | ${n} |`),
  '',
  review.length
    ? `**Needs review** (not in the permissive list ${[...PERMISSIVE].join(', ')}):\n\n${review.map((p) => `- ${p.name}@${p.version}: ${p.license}`).join('\n')}`
    : `All licences are permissive (${[...PERMISSIVE].join(', ')}) and compatible with ${project.license}; redistribution needs their notices.`,
  '',
  '## Footprint of each direct dependency',
  '',
  'Packages each direct dependency pulls in, itself included (shared packages count for each). Large subtrees are attack',
  'surface: they are worth checking against what Narrascope actually uses.',
  '',
  '| direct dependency | packages |',
  '|---|---:|',
  ...footprint().map(([d, n]) => `| ${escape(d)} | ${n} |`),
  '',
  '## Security advisories',
  '',
  ...audit(),
  '',
  '## Packages',
  '',
  '| package | version | licence |',
  '|---|---|---|',
  ...pkgs.map((p) => `| ${escape(p.name)} | ${p.version} | ${escape(p.license)} |`),
  '',
].join('\n');

writeFileSync(OUT, md);
process.stderr.write(`wrote ${relative(ROOT, OUT)}: ${pkgs.length} packages, ${byLicense.size} licences, ${review.length} to review\n`);
if (args.has('--check') && review.length) process.exitCode = 1;
