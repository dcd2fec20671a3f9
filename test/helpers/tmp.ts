import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/** A temp folder removed after the test file finishes. */
export function tempDir(prefix = 'narrascope-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared');
