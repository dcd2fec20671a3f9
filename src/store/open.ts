import type { Store } from './store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

/** True when a `--db` value names a PostgreSQL database (postgres:// or postgresql:// URL). */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/**
 * Opens the store a `--db` value names: a file path (SQLite) or a postgres:// URL (PostgreSQL; the schema is created
 * or upgraded on open, unless read-only). The PostgreSQL driver is loaded only when it is used.
 */
export async function openStore(db: string, options: { readonly?: boolean; poolSize?: number } = {}): Promise<Store> {
  if (isPostgresUrl(db)) {
    const { PostgresStore } = await import('./postgres/postgres-store.ts');
    return PostgresStore.open(db, options);
  }
  return new SqliteStore(db, options);
}
