import { Command } from 'commander';
import { EXIT, UsageError, globals, printJson, registryFor, withStore } from './context.ts';
import { loadWatchConfig, parseDuration, WatchConfigError } from '../watch/config.ts';
import { Watcher, formatMs, folderReadable, type PassSummary } from '../watch/watcher.ts';
import { TargetError } from '../insights/target.ts';
import { TaxonomyError } from '../narratives/taxonomy.ts';

export function watchCommand(): Command {
  return new Command('watch')
    .description('Continuous ingestion and alerts: poll feeds and URLs (conditional GET, politeness, backoff), watch folders, check alert rules on what arrived and deliver alerts to a webhook')
    .requiredOption('--config <file>', 'watch configuration (YAML): sources, rules, webhook — see examples/watch.example.yaml')
    .option('--once', 'one pass — poll what is due, ingest stable new files, check the rules, deliver alerts — then exit (cron, tests)')
    .option('--interval <duration>', 'poll interval for feeds and URLs that set none (e.g. 90s, 10m, 1h; default 15m)')
    .option('--json', 'with --once: print the pass summary as JSON on stdout')
    .addHelpText('after', `
Examples:
  narrascope watch --config watch.yaml                       # runs until Ctrl-C
  narrascope --db kursk.db watch --config watch.yaml --once  # one pass, e.g. from cron every 5 minutes
  narrascope watch --config watch.yaml --once --json         # the pass summary (new documents, alerts) as JSON
  narrascope watch --config watch.yaml --interval 10m        # poll feeds without their own interval every 10 minutes

The state (HTTP validators, backoff, ingested files, rule state) is kept in DB.watch-state.json and alerts in
DB.alerts.jsonl next to the database, unless the configuration names other files. See docs/watch.md.
Exit code 3 when a source failed or records were rejected in a --once pass.`)
    .action(async (opts: { config: string; once?: boolean; interval?: string; json?: boolean }, cmd: Command) => {
      let interval: number | undefined;
      if (opts.interval !== undefined) {
        const ms = parseDuration(opts.interval);
        if (ms === null || ms <= 0) throw new UsageError(`--interval: not a duration: ${opts.interval} (e.g. 90s, 10m, 1h)`);
        interval = ms;
      }
      let config;
      try { config = loadWatchConfig(opts.config, interval !== undefined ? { interval } : {}); } catch (e) {
        if (e instanceof WatchConfigError) throw new UsageError(e.message);
        throw e;
      }
      if (!config.urls.length && !config.folders.length && !config.rules.length) {
        throw new UsageError(`${opts.config}: nothing to do — no sources and no rules`);
      }
      const g = globals(cmd);
      const registry = registryFor(cmd);
      const log = g.quiet ? () => {} : (line: string) => process.stderr.write(`${new Date().toISOString().slice(0, 19)}Z watch: ${line}\n`);
      for (const f of config.folders) if (!folderReadable(f)) log(`warning: folder ${f.path} does not exist (yet); it is rescanned every ${formatMs(f.rescan)}`);
      await withStore(cmd, async (store) => {
        const watcher = new Watcher({ config, store, registry, db: g.db, log });
        try { await watcher.init(); } catch (e) {
          if (e instanceof TargetError || e instanceof TaxonomyError) throw new UsageError(`${opts.config}: ${e.message}`);
          throw e;
        }
        const ctrl = new AbortController();
        const stop = () => {
          if (ctrl.signal.aborted) return;
          log('stopping (finishing the current step)…');
          ctrl.abort();
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
        try {
          if (opts.once) {
            const summary = await watcher.runOnce(ctrl.signal);
            report(summary, Boolean(opts.json));
            if (summary.failed > 0 || summary.rejected > 0) process.exitCode = EXIT.partial;
          } else {
            log(`watching ${config.urls.length} feed(s)/URL(s), ${config.folders.length} folder(s), ${config.rules.length} rule(s); state ${watcher.statePath}; alerts ${watcher.alertsFile}`);
            await watcher.run(ctrl.signal);
          }
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          watcher.close();
        }
      });
    });
}

function report(s: PassSummary, json: boolean): void {
  if (json) {
    printJson({
      polled: s.polled, notModified: s.notModified, failed: s.failed, stored: s.stored, files: s.files, rejected: s.rejected,
      rulesEvaluated: s.rulesEvaluated, delivered: s.delivered, deliveryFailed: s.deliveryFailed,
      alerts: s.alerts.map((a) => ({ id: a.id, rule: a.rule, type: a.type, at: a.at, title: a.title, evidence: a.evidence.length })),
    });
    return;
  }
  const lines = [
    `Polled ${s.polled} source(s): ${s.notModified} not modified, ${s.failed} failed; ${s.files} file(s) ingested`,
    `  stored ${s.stored} new document(s)${s.rejected ? `, rejected ${s.rejected} record(s)` : ''}`,
    `  ${s.rulesEvaluated} rule(s) evaluated, ${s.alerts.length} new alert(s)${s.delivered || s.deliveryFailed ? `; webhook: ${s.delivered} delivered, ${s.deliveryFailed} not delivered` : ''}`,
    ...s.alerts.map((a) => `  ALERT ${a.rule}: ${a.title}`),
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}
