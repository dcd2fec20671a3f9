/**
 * The watcher: polls feeds and URLs when due, ingests stable files of watched folders, checks the alert rules on
 * what arrived, records alerts and delivers them to the webhook. `runOnce()` is one pass (`--once`, cron);
 * `run(signal)` loops until the signal aborts. Everything it must remember lives in the state file.
 */
import { readdirSync, statSync } from 'node:fs';
import type { ActorRegistry } from '../actors/registry.ts';
import type { Document, DocumentAnalysis } from '../model/index.ts';
import type { Store } from '../store/store.ts';
import { ingestPaths, type Rejection } from '../pipeline/ingest.ts';
import { analyzerFor } from '../pipeline/analyze.ts';
import type { FolderSourceConfig, UrlSourceConfig, WatchConfig } from './config.ts';
import { fetchSource, ingestFetched, type IngestContext } from './feeds.ts';
import { FolderWatcher } from './folders.ts';
import { HttpError } from './http.ts';
import { corpusDays, evaluateRule, validateRule } from './rules.ts';
import { HostGate, SerialQueue, Waker, hostOf, nextPollDelay } from './scheduler.ts';
import { acquireLock, defaultStatePath, loadState, saveState, type SourceState, type WatchState } from './state.ts';
import { alertsPath, appendAlert, appendDelivery, readAlerts, type Alert } from './alerts.ts';
import { deliverAlert } from './webhook.ts';

export interface WatcherOptions {
  config: WatchConfig;
  store: Store;
  registry: ActorRegistry;
  /** The `--db` value: the state and alerts files live next to it unless the config names them. */
  db: string;
  analyze?: (docs: Document[]) => DocumentAnalysis[] | Promise<DocumentAnalysis[]>;
  log?: (line: string) => void;
  onReject?: (r: Rejection) => void;
  random?: () => number;
  /** Take the state file's lock (default true). */
  lock?: boolean;
}

export interface PassSummary {
  polled: number;
  notModified: number;
  failed: number;
  /** Documents newly stored (feeds, URLs and files). */
  stored: number;
  files: number;
  rejected: number;
  rulesEvaluated: number;
  alerts: Alert[];
  delivered: number;
  deliveryFailed: number;
}

const emptySummary = (): PassSummary => ({
  polled: 0, notModified: 0, failed: 0, stored: 0, files: 0, rejected: 0, rulesEvaluated: 0, alerts: [], delivered: 0, deliveryFailed: 0,
});

export class Watcher {
  readonly statePath: string;
  readonly alertsFile: string;
  state!: WatchState;
  private readonly log: (line: string) => void;
  private readonly random: () => number;
  private readonly gate: HostGate;
  private readonly queue = new SerialQueue();
  private readonly waker = new Waker();
  private readonly folders: FolderWatcher[];
  private readonly ingestCtx: IngestContext;
  private readonly fired = new Set<string>();
  private release: (() => void) | undefined;
  private initialised = false;
  private summary = emptySummary();
  private storedSinceCheck = false;
  private lastRulesCheck = 0;
  private lastStoreAt = 0;

  constructor(private readonly opts: WatcherOptions) {
    const { config } = opts;
    this.statePath = config.state ?? defaultStatePath(opts.db);
    this.alertsFile = config.alerts ?? alertsPath(opts.db);
    this.log = opts.log ?? (() => {});
    this.random = opts.random ?? Math.random;
    this.gate = new HostGate(config.politeness);
    this.folders = config.folders.map((f) => new FolderWatcher(f));
    this.ingestCtx = {
      store: opts.store, registry: opts.registry,
      analyze: opts.analyze ?? analyzerFor({ registry: opts.registry }),
      onReject: (r) => { this.summary.rejected++; opts.onReject?.(r); },
    };
  }

  /** Validates rule references, takes the lock, loads the state and the ids of alerts already recorded. */
  async init(): Promise<void> {
    if (this.initialised) return;
    for (const rule of this.opts.config.rules) validateRule(rule, this.opts.config.taxonomy);
    if (this.opts.lock !== false) this.release = acquireLock(this.statePath);
    try {
      this.state = loadState(this.statePath);
      for (const a of await readAlerts(this.opts.db, { file: this.alertsFile })) this.fired.add(a.id);
    } catch (e) {
      this.release?.();
      throw e;
    }
    this.initialised = true;
  }

  /** Saves the state and releases the lock. */
  close(): void {
    for (const f of this.folders) f.stop();
    if (this.initialised) saveState(this.statePath, this.state);
    this.release?.();
    this.release = undefined;
  }

  private sourceState(url: string): SourceState {
    return (this.state.sources[url] ??= { failures: 0, polls: 0, stored: 0 });
  }

  private isDue(src: UrlSourceConfig, now: number): boolean {
    const next = this.state.sources[src.url]?.nextAt;
    return !next || Date.parse(next) <= now;
  }

  /** Polls one source (politely), ingests what changed and schedules its next poll (backoff after failures). */
  private async pollOne(src: UrlSourceConfig, signal?: AbortSignal): Promise<void> {
    const { config } = this.opts;
    const st = this.sourceState(src.url);
    let retryAfterMs: number | undefined;
    try {
      const res = await this.gate.run(hostOf(src.url), () => fetchSource(src, st, {
        allowPrivate: config.allowPrivate, allowHosts: config.allowHosts, timeoutMs: config.timeout, maxBytes: config.maxBytes, userAgent: config.userAgent,
        ...(signal ? { signal } : {}),
      }), signal);
      if (signal?.aborted) return;
      const outcome = await this.queue.run(() => ingestFetched(src, st, res, this.ingestCtx));
      this.summary.polled++;
      st.failures = 0;
      delete st.lastError;
      if (outcome.kind === 'not_modified') { this.summary.notModified++; this.log(`${src.url}: not modified`); }
      else if (outcome.kind === 'unchanged') this.log(`${src.url}: unchanged`);
      else {
        const r = outcome.result;
        this.summary.stored += r.stored;
        if (r.stored > 0) this.noteStored();
        this.log(`${src.url}: ${r.read} item(s), ${r.stored} new, ${r.duplicates} already stored${r.rejected ? `, ${r.rejected} rejected` : ''}`);
      }
    } catch (e) {
      if (signal?.aborted) return;
      this.summary.polled++;
      this.summary.failed++;
      st.failures++;
      st.lastError = (e as Error).message;
      st.lastStatus = e instanceof HttpError && e.status ? e.status : 'error';
      st.lastPollAt = new Date().toISOString();
      retryAfterMs = e instanceof HttpError ? e.retryAfterMs : undefined;
    }
    const delay = nextPollDelay({
      interval: src.interval, failures: st.failures, backoff: config.backoff, jitter: config.jitter,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    }, this.random);
    st.nextAt = new Date(Date.now() + delay).toISOString();
    if (st.failures > 0) this.log(`${src.url}: ${st.lastError}; failure ${st.failures}, next attempt in ${formatMs(delay)}`);
    saveState(this.statePath, this.state);
  }

  private noteStored(): void {
    this.storedSinceCheck = true;
    this.lastStoreAt = Date.now();
  }

  /** Scans one folder and ingests its stable new or changed files; returns when it wants another look. */
  private async scanFolder(fw: FolderWatcher): Promise<number | undefined> {
    const scan = fw.scan(this.state.files);
    for (const file of scan.ready) {
      const summary = await this.queue.run(() => ingestPaths([file], {
        store: this.opts.store, registry: this.opts.registry,
        ...(fw.folder.format ? { format: fw.folder.format } : {}),
        ...(fw.folder.source ? { defaults: { source: fw.folder.source } } : {}),
        analyze: this.ingestCtx.analyze, onReject: this.ingestCtx.onReject,
      }));
      const st = statOrUndefined(file);
      if (st) this.state.files[file] = { size: st.size, mtimeMs: st.mtimeMs, ingestedAt: new Date().toISOString(), stored: summary.stored, rejected: summary.rejected };
      this.summary.files++;
      this.summary.stored += summary.stored;
      if (summary.stored > 0) this.noteStored();
      this.log(`${file}: ${summary.read} record(s), ${summary.stored} new, ${summary.duplicates} already stored${summary.rejected ? `, ${summary.rejected} rejected` : ''}`);
      saveState(this.statePath, this.state);
    }
    // Forget files that are gone, so the state does not grow forever.
    let pruned = false;
    for (const path of Object.keys(this.state.files)) {
      if (path.startsWith(fw.folder.path) && !scan.present.has(path) && !statOrUndefined(path)) { delete this.state.files[path]; pruned = true; }
    }
    if (pruned) saveState(this.statePath, this.state);
    return scan.nextCheckAt;
  }

  /** Evaluates every rule on what arrived since its last check; records new alerts; then delivers what is owed. */
  async checkRules(): Promise<Alert[]> {
    const { config } = this.opts;
    this.storedSinceCheck = false;
    this.lastRulesCheck = Date.now();
    const fresh: Alert[] = [];
    if (config.rules.length) {
      const days = await this.queue.run(() => corpusDays(this.opts.store));
      for (const rule of config.rules) {
        try {
          const outcome = await this.queue.run(() => evaluateRule(rule, this.state.rules[rule.name], {
            store: this.opts.store, registry: this.opts.registry, taxonomy: config.taxonomy, corpusDays: days,
          }));
          if (outcome.evaluated) this.summary.rulesEvaluated++;
          for (const alert of outcome.alerts) {
            if (this.fired.has(alert.id)) continue;
            this.fired.add(alert.id);
            alert.delivery = config.webhook ? { status: 'pending', attempts: 0 } : { status: 'none', attempts: 0 };
            appendAlert(this.alertsFile, alert);
            if (config.webhook) this.state.pending.push({ alert, attempts: 0, firstAt: alert.createdAt });
            fresh.push(alert);
            this.log(`ALERT ${rule.name}: ${alert.title}`);
          }
          this.state.rules[rule.name] = outcome.state;
        } catch (e) {
          this.log(`rule ${rule.name}: ${(e as Error).message}`);
        }
        saveState(this.statePath, this.state);
      }
    }
    this.state.rulesCheckedAt = new Date().toISOString();
    saveState(this.statePath, this.state);
    this.summary.alerts.push(...fresh);
    return fresh;
  }

  /** Posts owed alerts to the webhook (with retries); undelivered ones stay owed until `giveUpAfter`. */
  async deliverPending(signal?: AbortSignal): Promise<void> {
    const hook = this.opts.config.webhook;
    if (!this.state.pending.length) return;
    for (const p of [...this.state.pending]) {
      if (signal?.aborted) break;
      const drop = () => { this.state.pending = this.state.pending.filter((q) => q !== p); };
      if (!hook) {
        appendDelivery(this.alertsFile, p.alert.id, { status: 'failed', attempts: p.attempts, at: new Date().toISOString(), error: 'no webhook configured any more' });
        drop();
        continue;
      }
      const d = await deliverAlert(p.alert, hook, {
        userAgent: this.opts.config.userAgent, allowPrivate: this.opts.config.allowPrivate, allowHosts: this.opts.config.allowHosts,
        random: this.random, log: this.log, ...(signal ? { signal } : {}),
      }, p.attempts);
      p.attempts = d.attempts;
      if (d.status === 'delivered') {
        this.summary.delivered++;
        appendDelivery(this.alertsFile, p.alert.id, d);
        drop();
        this.log(`webhook: delivered ${p.alert.id} (${d.attempts} attempt(s))`);
      } else {
        this.summary.deliveryFailed++;
        const expired = Date.now() - Date.parse(p.firstAt) > hook.giveUpAfter || (d.httpStatus !== undefined && d.httpStatus < 500 && d.httpStatus !== 408 && d.httpStatus !== 429);
        appendDelivery(this.alertsFile, p.alert.id, { ...d, status: expired ? 'failed' : 'pending' });
        if (expired) drop();
        this.log(`webhook: ${p.alert.id} not delivered: ${d.error}${expired ? ' (given up)' : ' (will retry on the next pass)'}`);
      }
      saveState(this.statePath, this.state);
    }
  }

  /** One pass: every due feed/URL, every folder once, then the rules and deliveries. */
  async runOnce(signal?: AbortSignal): Promise<PassSummary> {
    await this.init();
    this.summary = emptySummary();
    const now = Date.now();
    const due = this.opts.config.urls.filter((s) => this.isDue(s, now));
    let next = 0;
    const worker = async () => {
      while (next < due.length && !signal?.aborted) await this.pollOne(due[next++], signal);
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.config.concurrency, due.length) }, worker));
    for (const fw of this.folders) if (!signal?.aborted) await this.scanFolder(fw);
    if (!signal?.aborted) await this.checkRules();
    if (!signal?.aborted) await this.deliverPending(signal);
    saveState(this.statePath, this.state);
    return this.summary;
  }

  /** Runs until the signal aborts: polls when due, reacts to folder changes, checks rules after new documents. */
  async run(signal: AbortSignal, onPass?: (s: PassSummary) => void): Promise<void> {
    await this.init();
    const { config } = this.opts;
    const inFlight = new Set<string>();
    const tasks = new Set<Promise<unknown>>();
    const track = (p: Promise<unknown>) => { tasks.add(p); void p.finally(() => tasks.delete(p)); };
    const folderDirty = new Set<FolderWatcher>(this.folders);
    const folderNext = new Map<FolderWatcher, number>();
    for (const fw of this.folders) fw.start(() => { folderDirty.add(fw); this.waker.wake(); });
    let folderBusy = false;
    let rulesBusy = false;
    // Rules once at start: documents may have arrived while no watcher ran.
    let rulesDue = true;
    try {
      while (!signal.aborted) {
        const now = Date.now();
        for (const src of [...config.urls].sort((a, b) => dueAt(this.state, a) - dueAt(this.state, b))) {
          if (inFlight.size >= config.concurrency) break;
          if (inFlight.has(src.url) || !this.isDue(src, now)) continue;
          inFlight.add(src.url);
          track(this.pollOne(src, signal).finally(() => { inFlight.delete(src.url); this.waker.wake(); }));
        }
        for (const fw of this.folders) {
          if (Date.now() - fw.lastScanAt >= fw.folder.rescan || (folderNext.get(fw) ?? Infinity) <= now) folderDirty.add(fw);
          // Re-arm fs.watch when the folder appears after the start.
          if (folderDirty.has(fw)) fw.start(() => { folderDirty.add(fw); this.waker.wake(); });
        }
        if (!folderBusy && folderDirty.size) {
          folderBusy = true;
          const batch = [...folderDirty];
          folderDirty.clear();
          track((async () => {
            for (const fw of batch) {
              try {
                const at = await this.scanFolder(fw);
                if (at === undefined) folderNext.delete(fw); else folderNext.set(fw, at);
              } catch (e) { this.log(`${fw.folder.path}: ${(e as Error).message}`); }
            }
          })().finally(() => { folderBusy = false; this.waker.wake(); }));
        }
        // Rules: shortly after new documents (a burst of files is checked once), and every checkEvery anyway.
        const quietFor = Date.now() - this.lastStoreAt;
        if (!rulesBusy && (rulesDue || (this.storedSinceCheck && quietFor >= 1000) || Date.now() - this.lastRulesCheck >= config.checkEvery)) {
          rulesBusy = true;
          rulesDue = false;
          track((async () => {
            try {
              await this.checkRules();
              await this.deliverPending(signal);
            } catch (e) { this.log(`rules: ${(e as Error).message}`); }
            onPass?.(this.summary);
            this.summary = emptySummary();
          })().finally(() => { rulesBusy = false; this.waker.wake(); }));
        }
        // Sleep until the next thing is due (a finishing task wakes the loop, so busy ones are left out).
        let wakeAt = Infinity;
        if (!rulesBusy) {
          wakeAt = this.lastRulesCheck + config.checkEvery;
          if (this.storedSinceCheck) wakeAt = Math.min(wakeAt, this.lastStoreAt + 1000);
        }
        if (inFlight.size < config.concurrency) for (const src of config.urls) if (!inFlight.has(src.url)) wakeAt = Math.min(wakeAt, dueAt(this.state, src));
        if (!folderBusy) for (const fw of this.folders) wakeAt = Math.min(wakeAt, fw.lastScanAt + fw.folder.rescan, folderNext.get(fw) ?? Infinity);
        if (wakeAt === Infinity) wakeAt = Date.now() + 60_000;
        await this.waker.sleep(Math.max(10, wakeAt - Date.now()), signal);
      }
    } finally {
      for (const fw of this.folders) fw.stop();
      // Let running polls, scans and checks finish (fetches are aborted) before the caller closes the store.
      await Promise.allSettled([...tasks]);
      await this.queue.run(async () => {});
      saveState(this.statePath, this.state);
    }
  }
}

function dueAt(state: WatchState, src: UrlSourceConfig): number {
  const next = state.sources[src.url]?.nextAt;
  return next ? Date.parse(next) : 0;
}

function statOrUndefined(path: string) {
  try { return statSync(path); } catch { return undefined; }
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** Whether a folder exists and can be listed (for a friendly warning at start). */
export function folderReadable(f: FolderSourceConfig): boolean {
  try { readdirSync(f.path); return true; } catch { return false; }
}
