#!/usr/bin/env node
// `npm ci` runs this (the "prepare" script): builds the dashboard into web/dist with Vite. Installs without dev
// dependencies have no Vite; they get the API without the dashboard, and a note saying how to add it.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let vite;
try { vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'); } catch {
  console.error('narrascope: Vite is not installed (production install); the dashboard is not built. Run `npm install && npm run build:web` to add it.');
  process.exit(0);
}
const r = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
