/**
 * The watcher's memory between passes and between runs (`--once` from cron): per source the HTTP validators,
 * failures and next due time; per watched file what was ingested; per rule its incremental state; alerts whose
 * delivery is still owed. One JSON file, replaced atomically (write + rename), guarded by a lock file so two
 * watchers never share it.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isPostgresUrl } from '../store/open.ts';
import type { Alert } from './alerts.ts';

export interface SourceState {
  etag?: string;
  lastModified?: string;
  /** sha1 of the last body: a server that ignores validators still costs no re-parse. */
  bodyHash?: string;
  lastPollAt?: string;
  lastStatus?: number | string;
  lastError?: string;
  /** Consecutive failures (0 after a success). */
  failures: number;
  nextAt?: string;
  polls: number;
  stored: number;
}

export interface FileState { size: number; mtimeMs: number; ingestedAt: string; stored: number; rejected: number }

export interface PendingDelivery { alert: Alert; attempts: number; firstAt: string }

export interface WatchState {
  version: 1;
  sources: Record<string, SourceState>;
  files: Record<string, FileState>;
  /** Per rule name: its own state (see rules.ts). */
  rules: Record<string, unknown>;
  pending: PendingDelivery[];
  rulesCheckedAt?: string;
}

export function emptyState(): WatchState {
  return { version: 1, sources: {}, files: {}, rules: {}, pending: [] };
}

/** Base of the files kept next to a database: the SQLite path, or a name derived from a postgres URL (in the cwd). */
export function sidecarBase(db: string): string {
  if (isPostgresUrl(db)) {
    try {
      const u = new URL(db);
      const name = `${u.hostname || 'local'}-${u.pathname.replace(/^\//, '') || 'postgres'}`.replace(/[^\w.-]+/g, '_');
      return resolve(`narrascope-${name}`);
    } catch {
      return resolve('narrascope-postgres');
    }
  }
  return resolve(db);
}

export function defaultStatePath(db: string): string {
  return `${sidecarBase(db)}.watch-state.json`;
}

export function loadState(path: string): WatchState {
  if (!existsSync(path)) return emptyState();
  let data: Partial<WatchState>;
  try { data = JSON.parse(readFileSync(path, 'utf8')) as Partial<WatchState>; } catch (e) {
    throw new Error(`${path}: the watch state is not valid JSON (${(e as Error).message}); move it away to start afresh`);
  }
  if (data.version !== 1) throw new Error(`${path}: unknown watch state version ${String(data.version)}`);
  return { ...emptyState(), ...data } as WatchState;
}

/** Writes the state atomically: a crash leaves the old or the new file, never half of one. */
export function saveState(path: string, state: WatchState): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(state, null, 1)}\n`);
  renameSync(tmp, path);
}

export class LockedError extends Error {}

/**
 * Takes `PATH.lock` (holding our pid); a lock left by a process that no longer runs is taken over.
 * Returns the release function.
 */
export function acquireLock(statePath: string): () => void {
  const lock = `${statePath}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lock, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(lock, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lock, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new LockedError(`another watcher (pid ${pid}) uses ${statePath}; stop it first or remove ${lock}`);
      }
      rmSync(lock, { force: true });
    }
  }
  throw new LockedError(`cannot take the lock ${lock}`);
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}
