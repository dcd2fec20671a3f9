import type pg from 'pg';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations');
/** pg_advisory_lock key of schema migrations ("narrmigr" as a bigint); advisory locks are per database. */
const MIGRATION_LOCK = '7953205237614094706';

export interface Migration { version: number; name: string; sql: string }

export function migrations(): Migration[] {
  return readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}-.*\.sql$/.test(f)).sort().map((file) => ({
    version: Number(file.slice(0, 3)), name: file.replace(/\.sql$/, ''), sql: readFileSync(join(MIGRATIONS_DIR, file), 'utf8'),
  }));
}

export const LATEST_VERSION = Math.max(0, ...migrations().map((m) => m.version));

/** The highest applied version, 0 for an empty database. */
export async function schemaVersion(db: pg.Pool | pg.PoolClient): Promise<number> {
  const exists = await db.query(`SELECT to_regclass('schema_migrations') IS NOT NULL AS ok`);
  if (!exists.rows[0].ok) return 0;
  const r = await db.query('SELECT coalesce(max(version), 0) AS v FROM schema_migrations');
  return Number(r.rows[0].v);
}

/**
 * Applies numbered migrations (NNN-name.sql) that schema_migrations does not list, each in its own transaction,
 * under a session advisory lock so that many workers starting at once neither race nor apply a migration twice.
 * Returns the schema version.
 */
export async function migrate(pool: pg.Pool): Promise<number> {
  const all = migrations();
  if (await schemaVersion(pool) >= LATEST_VERSION) return LATEST_VERSION;
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const applied = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => Number(r.version)));
      for (const m of all) {
        if (applied.has(m.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw new Error(`PostgreSQL migration ${m.name} failed: ${(err as Error).message}`);
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
  return schemaVersion(pool);
}
