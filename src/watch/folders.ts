/**
 * Watched folders: fs.watch for prompt reaction plus a periodic full rescan (fs.watch is unreliable on network and
 * container file systems). A file is ingested only once it is stable — same size and modification time for
 * `settle` ms and not modified within the last `settle` ms — so an export still being copied is left alone; and
 * only again when its size or modification time changed since it was ingested (the documents already stored are
 * skipped as duplicates, so an appended JSON Lines file adds just its new records).
 */
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { extname, join } from 'node:path';
import { isSidecar } from '../pipeline/inputs.ts';
import type { FolderSourceConfig } from './config.ts';
import type { FileState } from './state.ts';

/** Names never ingested: hidden files, sidecars and the partial files of downloads and editors. */
export function ignoredName(name: string): boolean {
  return name.startsWith('.') || name.startsWith('~$') || name.endsWith('~') || isSidecar(name)
    || /\.(part|partial|tmp|temp|crdownload|download|swp|lock)$/i.test(name);
}

interface Observation { size: number; mtimeMs: number; since: number }

export interface ScanResult {
  /** Stable files that are new or changed since they were ingested, in path order. */
  ready: string[];
  /** Files still settling. */
  settling: string[];
  /** When the earliest settling file may be stable (ms since epoch). */
  nextCheckAt?: number;
  /** Files seen in the folder (to prune the state of deleted ones). */
  present: Set<string>;
}

export class FolderWatcher {
  private readonly observed = new Map<string, Observation>();
  private watcher: FSWatcher | undefined;
  lastScanAt = 0;

  constructor(readonly folder: FolderSourceConfig, private readonly now: () => number = Date.now) {}

  /** Starts fs.watch; `onChange` is called on any event (the caller rescans). Missing folders are retried by rescans. */
  start(onChange: () => void): void {
    if (this.watcher) return;
    try {
      this.watcher = watch(this.folder.path, { recursive: this.folder.recursive, persistent: false }, () => onChange());
      this.watcher.on('error', () => { this.watcher?.close(); this.watcher = undefined; });
    } catch {
      // Not there yet, or recursive watching unsupported: rescans still find everything.
      this.watcher = undefined;
    }
  }

  stop(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }

  private list(): string[] {
    const out: string[] = [];
    const include = new Set(this.folder.include);
    const walk = (dir: string, depth: number) => {
      let names: string[];
      try { names = readdirSync(dir); } catch { return; }
      for (const name of names.sort()) {
        if (ignoredName(name)) continue;
        const path = join(dir, name);
        let st;
        try { st = statSync(path); } catch { continue; }
        if (st.isDirectory()) { if (this.folder.recursive && depth < 32) walk(path, depth + 1); continue; }
        if (!st.isFile()) continue;
        if (include.size && !include.has(extname(name).slice(1).toLowerCase())) continue;
        out.push(path);
      }
    };
    walk(this.folder.path, 0);
    return out;
  }

  /** Looks at every file once; `ingested` is what the state says was ingested (path → size, mtime). */
  scan(ingested: Record<string, FileState>): ScanResult {
    const now = this.now();
    this.lastScanAt = now;
    const result: ScanResult = { ready: [], settling: [], present: new Set() };
    for (const path of this.list()) {
      let st;
      try { st = statSync(path); } catch { continue; }
      result.present.add(path);
      const known = ingested[path];
      if (known && known.size === st.size && known.mtimeMs === st.mtimeMs) { this.observed.delete(path); continue; }
      const prev = this.observed.get(path);
      let obs: Observation;
      if (prev && prev.size === st.size && prev.mtimeMs === st.mtimeMs) obs = prev;
      else {
        // First sight: a file last modified long ago is already stable (a --once run from cron sees it once).
        obs = { size: st.size, mtimeMs: st.mtimeMs, since: prev ? now : Math.min(now, st.mtimeMs) };
        this.observed.set(path, obs);
      }
      const stableAt = Math.max(obs.since, st.mtimeMs) + this.folder.settle;
      if (st.size === 0) { result.settling.push(path); continue; } // nothing to read yet; a write triggers a look
      if (stableAt <= now) result.ready.push(path);
      else {
        result.settling.push(path);
        const at = Math.max(stableAt, now + 50);
        result.nextCheckAt = result.nextCheckAt === undefined ? at : Math.min(result.nextCheckAt, at);
      }
    }
    for (const path of this.observed.keys()) if (!result.present.has(path)) this.observed.delete(path);
    return result;
  }
}
