import type { Store } from './store.ts';
import { SqliteStore } from './sqlite/sqlite-store.ts';

/** Opens the store a `--db` value names: a file path (SQLite) or a postgres:// URL. */
export async function openStore(db: string, options: { readonly?: boolean } = {}): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(db)) {
    throw new Error('PostgreSQL storage is not available in this version yet; use a SQLite file path for --db');
  }
  return new SqliteStore(db, options);
}
