import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { appendFileSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import { normalizeWatchConfig } from '../../src/watch/config.ts';
import { Watcher } from '../../src/watch/watcher.ts';
import { FolderWatcher, ignoredName } from '../../src/watch/folders.ts';
import { tempDir } from '../helpers/tmp.ts';

const registry = actorRegistry([]);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function post(i: number, channel = 'city_news'): string {
  const at = new Date(Date.UTC(2025, 0, 10, 8, i)).toISOString();
  return `${JSON.stringify({ id: `p${i}`, channel, date: at, text: `Post number ${i}: the river embankment reopens after repairs, council says.` })}\n`;
}

async function until(cond: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await cond()) return true;
    await sleep(25);
  }
  return cond();
}

describe('watch: folders', () => {
  const dir = tempDir('narrascope-watch-folders-');
  let store: Store;
  before(async () => {
    store = await openStore(join(dir, 'f.db'));
  });
  after(async () => { await store.close(); });

  it('ingests a new file once, and a growing file only after it is stable', async () => {
    const drop = join(dir, 'drop');
    mkdirSync(drop);
    const lines: string[] = [];
    const w = new Watcher({
      config: normalizeWatchConfig({ sources: { folders: [{ path: 'drop', settle: '700ms', rescan: '100ms' }] } }, dir),
      store, registry, db: join(dir, 'f.db'), log: (l) => lines.push(l),
    });
    const ctrl = new AbortController();
    const running = w.run(ctrl.signal);
    try {
      writeFileSync(join(drop, 'ready.jsonl'), post(1) + post(2));
      assert.ok(await until(async () => (await store.countDocuments()) === 2, 5000), 'the complete file is ingested');

      // A file being written: a line every 100 ms for about a second, never quiet for the 700 ms settle time.
      const growing = join(drop, 'growing.jsonl');
      writeFileSync(growing, post(10, 'slow'));
      for (let i = 11; i <= 20; i++) {
        await sleep(100);
        assert.equal(await store.countDocuments({ source: 'slow' }), 0, `not ingested while growing (line ${i})`);
        appendFileSync(growing, post(i, 'slow'));
      }
      assert.ok(await until(async () => (await store.countDocuments({ source: 'slow' })) === 11, 5000), 'ingested whole once stable');
      // Many rescans later, nothing is ingested twice.
      await sleep(400);
    } finally {
      ctrl.abort();
      await running;
      w.close();
    }
    assert.equal(await store.countDocuments(), 13);
    assert.equal(lines.filter((l) => l.includes('ready.jsonl')).length, 1, lines.join('\n'));
    assert.equal(lines.filter((l) => l.includes('growing.jsonl')).length, 1, lines.join('\n'));
  });

  it('--once: a file modified just now waits for the next pass; hidden and partial files are ignored', async () => {
    const inbox = join(dir, 'inbox');
    mkdirSync(inbox);
    const config = normalizeWatchConfig({ state: 'once-state.json', sources: { folders: [{ path: 'inbox', settle: '2s' }] } }, dir);
    const old = new Date(Date.now() - 60_000);
    writeFileSync(join(inbox, 'old.jsonl'), post(30, 'inbox'));
    utimesSync(join(inbox, 'old.jsonl'), old, old);
    writeFileSync(join(inbox, 'fresh.jsonl'), post(31, 'inbox'));
    writeFileSync(join(inbox, '.hidden.jsonl'), post(32, 'inbox'));
    writeFileSync(join(inbox, 'download.jsonl.part'), post(33, 'inbox'));
    utimesSync(join(inbox, 'download.jsonl.part'), old, old);
    // Each --once pass is a new process (as from cron): a new Watcher on the same state file.
    const pass = async () => {
      const w = new Watcher({ config, store, registry, db: join(dir, 'f.db') });
      try { return await w.runOnce(); } finally { w.close(); }
    };
    const a = await pass();
    assert.equal(a.files, 1);
    assert.equal(await store.countDocuments({ source: 'inbox' }), 1);
    utimesSync(join(inbox, 'fresh.jsonl'), old, old);
    const b = await pass();
    assert.equal(b.files, 1, 'only the file that settled; the old one is not read again');
    assert.equal(await store.countDocuments({ source: 'inbox' }), 2);
    // A file that grows after it was ingested is read again; stored records are skipped as duplicates.
    appendFileSync(join(inbox, 'old.jsonl'), post(34, 'inbox'));
    utimesSync(join(inbox, 'old.jsonl'), old, new Date(Date.now() - 30_000));
    const c = await pass();
    assert.equal(c.files, 1);
    assert.equal(c.stored, 1);
    assert.equal(await store.countDocuments({ source: 'inbox' }), 3);
  });

  it('ignores names of partial downloads, editors and sidecars', () => {
    for (const n of ['.x.json', 'a.json.part', 'b.crdownload', 'c.tmp', 'd.txt~', 'e.meta.json', 'f.swp']) assert.ok(ignoredName(n), n);
    for (const n of ['result.json', 'posts.jsonl', 'feed.xml', 'note.txt']) assert.ok(!ignoredName(n), n);
    const fw = new FolderWatcher(normalizeWatchConfig({ sources: { folders: [{ path: 'nowhere' }] } }, dir).folders[0]);
    assert.deepEqual(fw.scan({}).ready, [], 'a missing folder is no error');
  });
});
