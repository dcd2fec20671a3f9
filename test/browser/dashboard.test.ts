/**
 * The dashboard in a real browser (playwright-core driving Debian's /usr/bin/chromium) on the demo corpus, built
 * fresh through the CLI. Screenshots of the main pages go to test-artifacts/ for a human to look at.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { openStore } from '../../src/store/open.ts';
import type { Store } from '../../src/store/store.ts';
import { actorRegistry } from '../../src/actors/load.ts';
import { startServer, type RunningServer } from '../../src/server/listen.ts';
import { ROOT, runCli } from '../helpers/cli.ts';

const CHROMIUM = '/usr/bin/chromium';
const SKIP = existsSync(CHROMIUM) ? false : `${CHROMIUM} is absent: install it with \`apt-get install -y chromium\` to run the browser tests`;
const ARTIFACTS = join(ROOT, 'test-artifacts');
const TOKEN = 'browser-test-token-0123456789';
const KURSK = 'urw-kursk-war-crimes';
const XSS = '<img src=x onerror=alert(1)>';

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return t;
}

/** Builds web/dist when it is missing or older than its sources. */
function ensureDashboardBuilt(): void {
  const index = join(ROOT, 'web', 'dist', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(join(ROOT, 'web', 'src'))) return;
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `vite build failed:\n${r.stdout}\n${r.stderr}`);
}

describe('dashboard in Chromium on the demo corpus', { skip: SKIP }, () => {
  let store: Store;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let xssId: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  let dir: string | undefined;
  before(async () => {
    ensureDashboardBuilt();
    // Not tempDir(): an after() registered inside a before hook runs when the hook ends, and the database, its
    // alerts and the compute workers' connections must outlive it.
    dir = mkdtempSync(join(tmpdir(), 'narrascope-browser-'));
    const db = join(dir, 'demo.db');
    const demo = join('examples', 'demo');
    const ingest = runCli(['--db', db, '--actors', 'examples/demo-actors', '-q', 'ingest',
      ...['telegram', 'telegram-single', 'rss', 'csv', 'html', 'text'].map((f) => join(demo, f))]);
    assert.ok(ingest.status === 0 || ingest.status === 3, ingest.stderr);
    const events = runCli(['--db', db, 'events', 'import', join(demo, 'events.csv')]);
    assert.equal(events.status, 0, events.stderr);
    // One pass of the watcher's alert rules records alerts next to the database, which the overview lists.
    const config = join(dir, 'watch.yaml');
    writeFileSync(config, 'sources: {}\nrules:\n  - name: kursk-surge\n    type: surge\n    narrative: Kursk\n    kinds: [burst]\n');
    const watch = runCli(['--db', db, '--actors', 'examples/demo-actors', '-q', 'watch', '--config', config, '--once']);
    assert.equal(watch.status, 0, watch.stderr);


    store = await openStore(db);
    const actors = [join(ROOT, 'examples', 'demo-actors')];
    // As `narrascope serve` runs it: heavy analytics in compute workers.
    server = await startServer({ store, registry: actorRegistry(actors), host: '127.0.0.1', port: 0, token: TOKEN, webRoot: join(ROOT, 'web', 'dist'), compute: { db, actors }, alertsDb: db });
    const res = await fetch(`${server.url}/api/ingest`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ documents: [{ text: XSS, title: '<script>alert(2)</script>', publishedAt: '2025-03-20T12:00:00Z', source: { name: '<b>Hostile</b> channel' }, url: 'javascript:alert(3)', lang: 'en' }] }),
    });
    const summary = await res.json() as { stored: number };
    assert.equal(summary.stored, 1);
    const found = await (await fetch(`${server.url}/api/documents?q=onerror`)).json() as { documents: { id: string }[] };
    xssId = found.documents[0].id;

    mkdirSync(ARTIFACTS, { recursive: true });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => { if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text()); });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const go = async (hash: string) => {
    await page.goto(`${server.url}/${hash}`);
  };
  /** Share of canvas pixels that are not background: a drawn chart, not a blank canvas. */
  const inkRatio = (selector: string) => page.locator(selector).first().evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx) return 0;
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) ink++;
    return ink / (data.length / 4);
  });

  test('the overview loads the demo data: narratives, sparklines, surge badges, share of voice', async () => {
    await go('#/');
    await page.waitForSelector('.overview-table tbody tr', { timeout: 30_000 });
    await page.getByText(/documents from \d+ sources/).waitFor();
    const row = page.locator(`tr[data-narrative="${KURSK}"]`);
    await row.waitFor();
    assert.match(await row.innerText(), /Ukrainian war crimes in Kursk region/);
    assert.ok(await row.locator('svg.sparkline polyline').count() >= 1, 'sparkline');
    assert.ok(await row.locator('.surge-badge').count() >= 1, 'surge badge');
    assert.ok(await row.locator('.sharebar-seg').count() >= 3, 'share of voice by actor type');
    const stats = await (await fetch(`${server.url}/api/stats`)).json() as { documents: number };
    assert.ok(stats.documents > 600);
    assert.ok((await page.locator('.lede').innerText()).startsWith(`${stats.documents.toLocaleString('en-US')} documents`));
    const alertsApi = await (await fetch(`${server.url}/api/alerts?limit=20`)).json() as { alerts: unknown[] };
    assert.ok(alertsApi.alerts.length >= 1, JSON.stringify(alertsApi).slice(0, 300));
    const alert = page.locator('li[data-alert="surge"]').first();
    await alert.waitFor();
    assert.match(await alert.innerText(), /2025-03-1[34]/, 'the surge alert of March 2025, with its date');
    assert.ok(await alert.locator('a').count() >= 1, 'the alert links its evidence documents');
    await page.screenshot({ path: join(ARTIFACTS, 'overview.png'), fullPage: true });
  });

  test('a narrative page shows the stacked timeline with a surge band after 13 March 2025', async () => {
    await go(`#/narrative/${KURSK}`);
    await page.waitForSelector('.timeline-plot canvas', { timeout: 30_000 });
    await page.waitForSelector('.surge-band');
    await page.waitForTimeout(300);
    const bands = await page.locator('.surge-band').evaluateAll((els) => els.map((e) => ({ onset: e.getAttribute('data-onset') ?? '', width: (e as HTMLElement).offsetWidth })));
    assert.ok(bands.some((b) => b.onset >= '2025-03-13' && b.onset <= '2025-03-20' && b.width > 0), JSON.stringify(bands));
    assert.ok(await page.locator('.event-marker').count() >= 5, 'event markers');
    const ink = await inkRatio('.timeline-plot canvas');
    assert.ok(ink > 0.01, `the timeline canvas is drawn (ink ${ink})`);
    assert.ok(await page.locator('.u-legend .u-series').count() >= 4, 'a legend of actor types');
    await page.locator('#surges .surge-item').first().waitFor();
    assert.match(await page.locator('#surges').innerText(), /First movers/);
    await page.locator('#coordination .graph').waitFor({ timeout: 30_000 });
    await page.locator('#claims .claim').first().waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ARTIFACTS, 'narrative.png'), fullPage: true });
    await page.locator('.timeline').screenshot({ path: join(ARTIFACTS, 'narrative-timeline.png') });
    await page.locator('#coordination').screenshot({ path: join(ARTIFACTS, 'narrative-coordination.png') });
  });

  test('a click on a point lists its evidence documents', async () => {
    await page.locator('.timeline').scrollIntoViewIfNeeded();
    const onsets = await page.locator('.surge-band').evaluateAll((els) => els.map((e) => e.getAttribute('data-onset') ?? ''));
    const which = onsets.findIndex((o) => o >= '2025-03-13');
    assert.ok(which >= 0, onsets.join(', '));
    const band = (await page.locator('.surge-band').nth(which).boundingBox())!;
    const over = (await page.locator('.u-over').boundingBox())!;
    await page.mouse.click(band.x + 3, over.y + over.height - 3);
    await page.waitForSelector('.evidence-item', { timeout: 15_000 });
    assert.ok(await page.locator('.evidence-item').count() >= 1);
    assert.match(await page.locator('#evidence h3').innerText(), /Evidence for 2025-03-\d\d/);
    assert.ok(await page.locator('.selected-bucket').count() === 1, 'the chosen bucket is marked');
    await page.locator('#evidence').screenshot({ path: join(ARTIFACTS, 'narrative-evidence.png') });
    // The same from the keyboard: focus the chart, move, Enter.
    await page.locator('.timeline-plot').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Evidence for 2025-03-(2|3)/.test(document.querySelector('#evidence h3')?.textContent ?? ''));
  });

  test('the document view highlights speaker, cue, content and narrative cue evidence', async () => {
    const claims = await (await fetch(`${server.url}/api/claims?narrative=${KURSK}&limit=1`)).json() as { claims: { documentId: string; speaker: { text: string }; cue: { text: string } }[] };
    const claim = claims.claims[0];
    await go(`#/doc/${claim.documentId}`);
    await page.waitForSelector('.doc-text mark.hl-speaker', { timeout: 15_000 });
    for (const role of ['speaker', 'cue', 'content']) assert.ok(await page.locator(`.doc-text mark.hl-${role}`).count() >= 1, role);
    assert.ok(await page.locator('.doc-text mark.hl-evidence').count() >= 1, 'narrative cue evidence');
    const speakerText = (await page.locator('.doc-text mark.hl-speaker').allInnerTexts()).join('');
    assert.ok(speakerText.includes(claim.speaker.text), `${speakerText} ⊇ ${claim.speaker.text}`);
    const cueText = (await page.locator('.doc-text mark.hl-cue').allInnerTexts()).join('');
    assert.ok(cueText.includes(claim.cue.text));
    await page.locator('.attribution-list button').first().click();
    assert.ok(await page.locator('.doc-text mark.hl-active').count() >= 1, 'selecting an attribution marks its spans');
    await page.screenshot({ path: join(ARTIFACTS, 'document.png'), fullPage: true });
  });

  test('a document whose text is <img src=x onerror=alert(1)> renders as text', async () => {
    await go(`#/doc/${xssId}`);
    await page.waitForSelector('.doc-text');
    await page.waitForTimeout(500);
    assert.equal(await page.locator('.doc-text').innerText(), XSS);
    assert.ok(await page.getByText(XSS, { exact: true }).isVisible(), 'the literal text is visible');
    assert.equal(await page.locator('main img, main script').count(), 0, 'no element was created from document text');
    assert.equal(await page.locator('h1').innerText(), '<script>alert(2)</script>');
    assert.equal(await page.locator('main a[href^="javascript:"]').count(), 0, 'javascript: URLs are never links');
    await go(`#/search?q=onerror`);
    await page.waitForSelector('.doc-item');
    assert.match(await page.locator('.doc-item .excerpt').first().innerText(), /<img src=x onerror=alert\(1\)>/);
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, [], 'no dialog fired');
    await page.screenshot({ path: join(ARTIFACTS, 'xss-as-text.png') });
  });

  test('search and brief pages; brief export downloads', async () => {
    await go('#/search?q=Курск');
    await page.waitForSelector('.doc-item');
    assert.ok(await page.locator('.doc-item').count() > 5);
    await page.screenshot({ path: join(ARTIFACTS, 'search.png') });
    await go('#/brief');
    await page.waitForSelector('#takeaways li', { timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
    assert.match(download.suggestedFilename(), /\.md$/);
    await page.screenshot({ path: join(ARTIFACTS, 'brief.png'), fullPage: true });
  });

  test('accessibility basics: labelled controls, skip link, no CSP violations or page errors', async () => {
    for (const hash of ['#/search', '#/claims', `#/narrative/${KURSK}`]) {
      await go(hash);
      await page.waitForSelector('main select, main input');
      const unlabelled = await page.locator('main input, main select').evaluateAll((els) => els.filter((e) => !e.closest('label') && !e.getAttribute('aria-label')).length);
      assert.equal(unlabelled, 0, `${hash}: every control has a label`);
    }
    await page.reload();
    await page.waitForSelector('main select');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(pageErrors, []);
  });
});
