import { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadTaxonomy } from '../narratives/index.ts';
import { parseEventCalendar, toGEXF, toGraphML, type TimelineBucket } from '../analytics/index.ts';
import { queryTarget, resolveNarrative, TargetError, type Target } from '../insights/target.ts';
import { targetTimeline, timelineCsv, type TimelineGrouping } from '../insights/timeline.ts';
import { findSurges, toStoredEvents } from '../insights/surges.ts';
import { readShareTable, storeCoordination, CoordinationInputError } from '../insights/coordination.ts';
import { coordinationNetwork } from '../analytics/index.ts';
import { targetCascade } from '../insights/cascades.ts';
import { UsageError, printJson, registryFor, withStore, parsePeriod } from './context.ts';

function target(opts: { query?: string; taxonomy?: string }, narrative: string | undefined): Target {
  try {
    if (opts.query) return queryTarget(opts.query);
    if (!narrative) throw new UsageError('name a narrative (id or part of its label) or give --query');
    return resolveNarrative(loadTaxonomy(opts.taxonomy ?? 'urw'), narrative);
  } catch (err) {
    if (err instanceof TargetError) throw new UsageError(err.message);
    throw err;
  }
}

const GROUPINGS = ['type', 'actor', 'stance', 'language', 'source', 'none'];

export function timelineCommand(): Command {
  return new Command('timeline')
    .description('Mentions of a narrative (or documents matching a topic query) per time bucket, by actor type, actor, stance...')
    .argument('[narrative]', 'narrative id, label, or a unique part of its label')
    .option('--query <words>', 'a topic query instead of a narrative (full-text, all words)')
    .option('--taxonomy <name>', 'taxonomy of the narrative', 'urw')
    .option('--by <key>', `group by ${GROUPINGS.join('|')}`, 'type')
    .option('--bucket <unit>', 'hour, day or week', 'day')
    .option('--tz <zone>', 'IANA time zone for buckets and labels (data are stored in UTC)', 'UTC')
    .option('--since <date>').option('--until <date>')
    .option('--json', 'print as JSON').option('--csv', 'print as CSV')
    .addHelpText('after', `
Examples:
  narrascope timeline "Kursk" --by type --bucket week
  narrascope timeline --query "Орешник" --bucket day --json
  narrascope timeline urw-kursk-war-crimes --by stance --tz Europe/Kyiv --csv > kursk.csv`)
    .action(async (narrative: string | undefined, opts, cmd: Command) => {
      if (!['hour', 'day', 'week'].includes(opts.bucket)) throw new UsageError('--bucket must be hour, day or week');
      if (!GROUPINGS.includes(opts.by)) throw new UsageError(`--by must be one of ${GROUPINGS.join(', ')}`);
      const t = target(opts, narrative);
      const registry = registryFor(cmd);
      await withStore(cmd, async (store) => {
        let result;
        try {
          result = await targetTimeline(store, registry, t, { ...parsePeriod(opts), bucket: opts.bucket as TimelineBucket, by: opts.by as TimelineGrouping, timeZone: opts.tz });
        } catch (err) {
          if (/time zone/i.test((err as Error).message)) throw new UsageError((err as Error).message);
          throw err;
        }
        if (opts.json) printJson(result);
        else if (opts.csv) process.stdout.write(timelineCsv(result.timeline));
        else {
          process.stdout.write(`${result.target}: ${result.items} mention(s), by ${result.by}, per ${result.timeline.bucket} (${result.timeline.timeZone})\n`);
          for (const s of result.shareOfVoice.overall) process.stdout.write(`  ${s.key.padEnd(28)} ${String(s.count).padStart(6)}  ${(100 * s.share).toFixed(1)}%\n`);
          const tl = result.timeline;
          tl.labels.forEach((label, i) => { if (tl.total[i] > 0) process.stdout.write(`${label}  ${'█'.repeat(Math.min(60, tl.total[i]))} ${tl.total[i]}\n`); });
        }
      });
    });
}

export function surgesCommand(): Command {
  return new Command('surges')
    .description('Bursts and lasting intensification of a narrative or topic, with drivers, first movers, evidence and preceding events')
    .option('--narrative <n>', 'narrative id, label, or a unique part of its label')
    .option('--query <words>', 'a topic query instead of a narrative')
    .option('--taxonomy <name>', 'taxonomy of the narrative', 'urw')
    .option('--sensitivity <x>', 'more than 1 finds more, less than 1 fewer', '1')
    .option('--max-lag <days>', 'events up to this many days before an onset count as preceding it', '7')
    .option('--since <date>').option('--until <date>')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  narrascope surges --narrative Kursk --json
  narrascope surges --query "Орешник"
  narrascope events import examples/demo/events.csv && narrascope surges --narrative Kursk --max-lag 3`)
    .action(async (opts, cmd: Command) => {
      const sensitivity = Number(opts.sensitivity);
      const maxLagDays = Number(opts.maxLag);
      if (!(sensitivity > 0) || !(maxLagDays >= 0)) throw new UsageError('--sensitivity must be > 0 and --max-lag >= 0');
      const t = target(opts, opts.narrative);
      const registry = registryFor(cmd);
      await withStore(cmd, async (store) => {
        const report = await findSurges(store, registry, t, { ...parsePeriod(opts), sensitivity, maxLagDays });
        if (opts.json) { printJson(report); return; }
        if (report.insufficientData && report.surges.length === 0) { process.stdout.write(`${report.target}: insufficient data (${report.reason})\n`); return; }
        process.stdout.write(`${report.target}: ${report.surges.length} finding(s) from ${report.mentions} mention(s)\n`);
        for (const s of report.surges) {
          const day = (x: string) => x.slice(0, 10);
          const kind = s.kind === 'burst' ? `burst ×${s.magnitude.toFixed(1)}` : `shift ×${s.magnitude.toFixed(1)} (${s.direction ?? 'up'})`;
          process.stdout.write(`\n${kind}: onset ${day(s.onset)}, peak ${day(s.peak)}, end ${day(s.end)}, confidence ${s.confidence.toFixed(2)}\n`);
          process.stdout.write(`  drivers: ${s.drivers.actorTypes.slice(0, 4).map((d) => `${d.key} ${d.count}`).join(', ')}\n`);
          process.stdout.write(`  first movers: ${s.drivers.firstMovers.map((f) => `${f.actorName} (${f.at.slice(0, 16)}, ${f.documentId})`).join('; ')}\n`);
          if (s.precedingEvents.length) process.stdout.write(`  after: ${s.precedingEvents.map((e) => `${e.title} (${e.date}, ${e.lagDays} d before)`).join('; ')}\n`);
          process.stdout.write(`  evidence: ${s.drivers.evidence.slice(0, 8).join(' ')}\n`);
        }
      });
    });
}

export function eventsCommand(): Command {
  const events = new Command('events')
    .description('The event calendar that surges are checked against: import a YAML/CSV calendar, list events')
    .addHelpText('after', `
Examples:
  narrascope events import examples/demo/events.csv
  narrascope events list --json
  narrascope events list --extracted     # dated events mentioned in the documents themselves`);
  events.command('import')
    .description('Import a calendar file (CSV with date,title,kind,source or YAML list of the same)')
    .argument('<file>')
    .addHelpText('after', '\nExamples:\n  narrascope events import calendar.yaml')
    .action(async (file: string, _opts, cmd: Command) => {
      const text = readFileSync(file, 'utf8');
      const parsed = parseEventCalendar(text, /\.ya?ml$/i.test(file) ? 'yaml' : 'csv');
      const added = await withStore(cmd, (store) => store.insertCalendarEvents(toStoredEvents(parsed)));
      process.stderr.write(`${file}: ${parsed.length} event(s), ${added} new\n`);
    });
  events.command('list')
    .description('List calendar events (and, with --extracted, events extracted from documents)')
    .option('--since <date>').option('--until <date>').option('--kind <kind>')
    .option('--extracted', 'also list dated events mentioned in the documents')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  narrascope events list --kind diplomacy')
    .action(async (opts, cmd: Command) => {
      const p = parsePeriod(opts);
      await withStore(cmd, async (store) => {
        const calendar = await store.listCalendarEvents({ ...p, kind: opts.kind });
        const extracted = opts.extracted ? await store.listTextEvents(p) : [];
        if (opts.json) { printJson({ calendar, extracted }); return; }
        for (const e of calendar) process.stdout.write(`${e.date}  ${e.kind.padEnd(12)} ${e.title}${e.source ? ` (${e.source})` : ''}\n`);
        for (const e of extracted) process.stdout.write(`${e.date}  extracted    ${e.text} [${e.documentId}]\n`);
      });
    });
  return events;
}

export function coordinationCommand(): Command {
  return new Command('coordination')
    .description('Coordinated behaviour: co-sharing within seconds (CooRTweet-compatible), near-identical posts, synchronised posting')
    .option('--input <table>', 'a CSV table of shares instead of the database (CooRTweet layout)')
    .option('--object <col>', 'column of the shared object (with --input)', 'object_id')
    .option('--account <col>', 'column of the account (with --input)', 'account_id')
    .option('--time <col>', 'column of the POSIX time or date (with --input)', 'timestamp_share')
    .option('--content <col>', 'column of the share id (with --input)', 'content_id')
    .option('--time-window <s>', 'seconds within which two shares of one object are coordinated', '60')
    .option('--min-participation <n>', 'shares an account needs in coordinated pairs', '2')
    .option('--edge-weight <q>', 'edge-weight quantile above which edges are marked (0..1)', '0.5')
    .option('--subgraph <n>', '0: full network with marked edges; 1: only edges above the threshold', '0')
    .option('--near-window <s>', 'near-duplicate text: seconds between posts (database mode)', '600')
    .option('--since <date>').option('--until <date>')
    .option('--graphml <file>', 'write the co-sharing network as GraphML (Gephi)')
    .option('--gexf <file>', 'write the co-sharing network as GEXF (Gephi)')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  narrascope coordination --input russian_coord_tweets.csv --object object_id --account account_id --time timestamp_share --time-window 60 --min-participation 2 --edge-weight 0.5 --json
  narrascope coordination --since 2025-03-01 --json       # over stored posts: forwards, links, near-identical text
  narrascope coordination --graphml network.graphml`)
    .action(async (opts, cmd: Command) => {
      const timeWindow = Number(opts.timeWindow);
      const minParticipation = Number(opts.minParticipation);
      const edgeWeight = Number(opts.edgeWeight);
      const subgraph = Number(opts.subgraph);
      if (!(timeWindow >= 0) || !Number.isInteger(minParticipation) || minParticipation < 1 || !(edgeWeight >= 0 && edgeWeight <= 1) || ![0, 1].includes(subgraph)) {
        throw new UsageError('--time-window >= 0, --min-participation a positive integer, --edge-weight in 0..1, --subgraph 0 or 1');
      }
      const params = { timeWindow, minParticipation, edgeWeight, subgraph: subgraph as 0 | 1 };
      const started = performance.now();
      let graph;
      let output: Record<string, unknown>;
      if (opts.input) {
        let table;
        try { table = await readShareTable(opts.input, { object: opts.object, account: opts.account, time: opts.time, content: opts.content }); }
        catch (err) { if (err instanceof CoordinationInputError) throw new UsageError(err.message); throw err; }
        graph = coordinationNetwork(table, params);
        output = { ...graph, seconds: Number(((performance.now() - started) / 1000).toFixed(3)) };
      } else {
        const registry = registryFor(cmd);
        const result = await withStore(cmd, (store) => storeCoordination(store, registry, {
          ...params, filter: parsePeriod(opts), nearDuplicate: { timeWindowSec: Number(opts.nearWindow) },
        }));
        graph = result.coSharing;
        output = { ...graph, nearDuplicates: result.nearDuplicates, synchronised: result.synchronised, accountInfo: result.accounts,
          seconds: Number(((performance.now() - started) / 1000).toFixed(3)) };
      }
      if (opts.graphml) writeFileSync(opts.graphml, toGraphML(graph));
      if (opts.gexf) writeFileSync(opts.gexf, toGEXF(graph));
      if (opts.json) { printJson(output); return; }
      process.stdout.write(`co-sharing: ${graph.accounts.length} account(s), ${graph.edges.length} edge(s) (${graph.stats.edgesAboveThreshold} above the weight threshold ${graph.threshold}), ${graph.groups.length} group(s)\n`);
      const nd = output.nearDuplicates as { groupsDetail: { posts: { id: string; account: string; at: string }[]; accountTypes: string[] }[] } | undefined;
      if (nd) {
        process.stdout.write(`near-identical posts: ${nd.groupsDetail.length} group(s)\n`);
        for (const g of nd.groupsDetail.slice(0, 20)) {
          process.stdout.write(`  ${g.posts.length} posts by ${new Set(g.posts.map((p) => p.account)).size} accounts (${g.accountTypes.join(', ')}), ${g.posts[0].at.slice(0, 16)}: ${g.posts.map((p) => p.id).join(' ')}\n`);
        }
      }
    });
}

export function cascadeCommand(): Command {
  return new Command('cascade')
    .description('Who said it first and who repeated it, when: forwards, replies, attribution chains and near-identical text; lead–lag between actor types')
    .argument('[narrative]', 'narrative id, label, or a unique part of its label')
    .option('--query <words>', 'a topic query instead of a narrative')
    .option('--taxonomy <name>', 'taxonomy of the narrative', 'urw')
    .option('--since <date>').option('--until <date>')
    .option('--limit <n>', 'repeats listed at most', '30')
    .option('--json', 'print as JSON')
    .addHelpText('after', `
Examples:
  narrascope cascade Kursk --since 2025-03-10
  narrascope cascade --query "Орешник" --json`)
    .action(async (narrative: string | undefined, opts, cmd: Command) => {
      const t = target(opts, narrative);
      const registry = registryFor(cmd);
      const result = await withStore(cmd, (store) => targetCascade(store, registry, t, parsePeriod(opts)));
      if (opts.json) { printJson(result); return; }
      const name = (id: string) => result.actors[id]?.name ?? id;
      const c = result.cascade;
      if (!c.first) { process.stdout.write(`${result.target}: no amplifying documents\n`); return; }
      process.stdout.write(`${result.target}: ${c.size} documents over ${(c.spanSec / 86400).toFixed(1)} days\nfirst: ${name(c.first.actorId)} at ${c.first.at} [${c.first.documentId}]\n`);
      for (const a of c.actors.slice(1, Number(opts.limit) || 30)) {
        process.stdout.write(`  +${formatLag(a.lagSec).padStart(8)}  ${name(a.actorId)} (${a.actorType ?? 'unknown'}, ${a.documents} doc(s)) [${a.documentId}]\n`);
      }
      const kinds = new Map<string, number>();
      for (const e of c.edges) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
      process.stdout.write(`edges: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}\n`);
      for (const p of result.leadLag.pairs.filter((p) => p.medianLagHours !== null && p.claims >= 2).slice(0, 10)) {
        process.stdout.write(`  ${p.a} → ${p.b}: median lag ${p.medianLagHours!.toFixed(1)} h over ${p.claims} claim(s), ${p.a} first in ${Math.round(100 * (p.aFirstShare ?? 0))}%\n`);
      }
    });
}

function formatLag(sec: number): string {
  if (sec < 3600) return `${Math.round(sec / 60)} min`;
  if (sec < 86400 * 2) return `${(sec / 3600).toFixed(1)} h`;
  return `${(sec / 86400).toFixed(1)} d`;
}
