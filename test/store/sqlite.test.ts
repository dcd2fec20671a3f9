import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { tempDir } from '../helpers/tmp.ts';
import { storeContract } from './store-contract.ts';

const dir = tempDir();
storeContract('sqlite', async () => new SqliteStore(join(dir, `${randomBytes(6).toString('hex')}.db`)));
