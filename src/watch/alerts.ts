/**
 * Alerts as the watcher records them: one JSON Lines file next to the database (`DB.alerts.jsonl`), append-only.
 * An alert is written once when it fires (`record: "alert"`), and each delivery outcome is appended as a
 * `record: "delivery"` line with the alert's id; `readAlerts` folds them into one object per alert.
 */
import { appendFileSync, createReadStream, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import { sidecarBase } from './state.ts';

export type AlertType = 'surge' | 'coordinated_group' | 'new_actor';

export interface Delivery {
  /** `none`: no webhook configured; `pending`: owed (retried on later passes); `failed`: given up. */
  status: 'none' | 'pending' | 'delivered' | 'failed';
  attempts: number;
  at?: string;
  httpStatus?: number;
  error?: string;
}

export interface Alert {
  /** Stable over the rule and the finding: the same finding never makes two alerts. */
  id: string;
  rule: string;
  type: AlertType;
  /** When the alert fired. */
  createdAt: string;
  /** When the finding happened (surge onset, first post of a group, first mention of an actor). */
  at: string;
  title: string;
  narrative?: { id: string; label: string };
  /** Rule-specific facts (magnitude, accounts, actor type...). */
  details: Record<string, unknown>;
  /** Ids of the documents behind the finding (open them with `narrascope documents` or /api/documents/:id). */
  evidence: string[];
  delivery: Delivery;
}

export function alertId(rule: string, key: string): string {
  return createHash('sha256').update(`${rule}\u0000${key}`).digest('hex').slice(0, 20);
}

/** `DB.alerts.jsonl` next to a SQLite database (a name in the working folder for PostgreSQL). */
export function alertsPath(db: string): string {
  return `${sidecarBase(db)}.alerts.jsonl`;
}

export function appendAlert(file: string, alert: Alert): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ record: 'alert', ...alert })}\n`);
}

export function appendDelivery(file: string, id: string, delivery: Delivery): void {
  appendFileSync(file, `${JSON.stringify({ record: 'delivery', id, ...delivery })}\n`);
}

export interface ReadAlertsOptions {
  /** The alerts file; default `alertsPath(db)`. */
  file?: string;
  /** Alerts created at or after this instant. */
  since?: string;
  rule?: string;
  type?: AlertType;
  /** At most this many (the newest). */
  limit?: number;
}

/**
 * The recorded alerts, newest first, each with its latest delivery state. A missing file is no alerts; a torn
 * last line (a crash mid-write) is skipped.
 */
export async function readAlerts(db: string, opts: ReadAlertsOptions = {}): Promise<Alert[]> {
  const file = opts.file ?? alertsPath(db);
  if (!existsSync(file)) return [];
  const byId = new Map<string, Alert>();
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let rec: { record?: string; id?: string } & Record<string, unknown>;
    try { rec = JSON.parse(line); } catch { continue; }
    if (!rec.id) continue;
    if (rec.record === 'alert') {
      const { record: _r, ...alert } = rec;
      byId.set(rec.id, alert as unknown as Alert);
    } else if (rec.record === 'delivery') {
      const alert = byId.get(rec.id);
      if (!alert) continue;
      const { record: _r, id: _i, ...delivery } = rec;
      alert.delivery = delivery as unknown as Delivery;
    }
  }
  // Reversed first: alerts of one pass share createdAt, and the stable sort must keep the newest first.
  let out = [...byId.values()].reverse()
    .filter((a) => (!opts.since || a.createdAt >= opts.since) && (!opts.rule || a.rule === opts.rule) && (!opts.type || a.type === opts.type))
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  if (opts.limit !== undefined) out = out.slice(0, opts.limit);
  return out;
}
