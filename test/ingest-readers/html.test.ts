import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { MAX_NESTING, htmlToText, limitNesting, readHtml } from '../../src/ingest/readers/html.ts';
import { collect, fileInput, memInput, oks, rejectSummary, tempDir } from './helpers.ts';

const para = (s: string) => `<p>${s} ${'The statement was repeated by several outlets over the following days, and analysts tracked how it spread. '.repeat(4)}</p>`;

const ARTICLE = `<!doctype html>
<html lang="en-GB"><head>
<title>Kremlin amplifies claims | Example Wire</title>
<meta charset="utf-8">
<meta property="og:title" content="Kremlin amplifies claims">
<meta property="og:site_name" content="Example Wire">
<meta property="og:url" content="https://wire.example.org/og-url">
<meta property="article:published_time" content="2025-03-16T09:30:00+02:00">
<meta name="narrascope:synthetic" content="true">
<link rel="canonical" href="/news/kremlin-claims">
<style>.x { color: red } body::before { content: "STYLE TEXT" }</style>
<script>var tracking = "SCRIPT TEXT";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Kremlin amplifies claims</h1>
${para('First paragraph about the assessment.')}
<script>document.write("INLINE SCRIPT")</script>
${para('Second paragraph with more detail.')}
<noscript>NOSCRIPT TEXT</noscript>
</article>
<footer>Copyright Example Wire</footer>
</body></html>`;

describe('html reader', () => {
  it('extracts the article text, title, date, source, canonical URL and synthetic flag', async () => {
    const items = await collect(readHtml, memInput('https://wire.example.org/news/kremlin-claims?utm=x', ARTICLE));
    assert.deepEqual(rejectSummary(items), []);
    const [{ record }] = oks(items);
    assert.equal(record.kind, 'article');
    assert.equal(record.title, 'Kremlin amplifies claims');
    assert.equal(record.publishedAt, '2025-03-16T09:30:00+02:00');
    assert.deepEqual(record.source, { name: 'Example Wire', url: 'https://wire.example.org' });
    assert.equal(record.url, 'https://wire.example.org/news/kremlin-claims');
    assert.equal(record.lang, 'en');
    assert.deepEqual(record.meta, { synthetic: true });
    assert.match(record.text, /First paragraph about the assessment\./);
    assert.match(record.text, /Second paragraph with more detail\./);
    assert.match(record.text, /\n\n/); // paragraphs stay apart
    for (const junk of ['SCRIPT TEXT', 'STYLE TEXT', 'INLINE SCRIPT', 'NOSCRIPT TEXT', 'color: red']) assert.ok(!record.text.includes(junk), junk);
  });

  it('falls back to JSON-LD / <time> dates, the <title>, and the domain as source', async () => {
    const page = `<html><head><title>Plain page</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2024-11-21T08:00:00Z"}]}</script>
</head><body><div><p>Short body text of a small page.</p></div></body></html>`;
    const [{ record }] = oks(await collect(readHtml, memInput('https://www.small.example.com/page.html', page)));
    assert.equal(record.publishedAt, '2024-11-21T08:00:00Z');
    assert.equal(record.title, 'Plain page');
    assert.equal(record.source?.name, 'small.example.com');
    assert.equal(record.url, 'https://www.small.example.com/page.html');
    assert.equal(record.text, 'Short body text of a small page.');

    const timed = `<html><body><article><time datetime="2023-05-06">6 May</time><p>Body</p></article></body></html>`;
    const [t] = oks(await collect(readHtml, memInput('local.html', timed), { map: {}, maxRecordBytes: 1e6, defaults: { source: 'CLI Source' } }));
    assert.equal(t.record.publishedAt, '2023-05-06');
    assert.equal(t.record.source?.name, 'CLI Source');
  });

  it('decodes a windows-1251 page declared by <meta charset>', async () => {
    const page = iconv.encode('<html><head><meta charset="windows-1251"><title>Новости</title></head><body><p>Текст статьи о событиях в Курской области.</p></body></html>', 'windows-1251');
    const [{ record }] = oks(await collect(readHtml, memInput('ru.html', page)));
    assert.equal(record.text, 'Текст статьи о событиях в Курской области.');
  });

  it('refuses pages over 20 MB as too_large', async () => {
    const path = join(tempDir(), 'huge.html');
    const fd = openSync(path, 'w');
    writeSync(fd, '<html><body>');
    const mb = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < 21; i++) writeSync(fd, mb);
    closeSync(fd);
    assert.deepEqual(rejectSummary(await collect(readHtml, fileInput(path))), ['too_large@undefined']);
  });

  it('rejects a page without text', async () => {
    assert.deepEqual(rejectSummary(await collect(readHtml, memInput('e.html', '<html><body><script>x()</script></body></html>'))), ['empty_text@undefined']);
  });

  it('htmlToText keeps blocks on their own lines and decodes entities', () => {
    assert.equal(htmlToText('<p>One &amp; two</p><ul><li>a</li><li>b</li></ul>line<br>break'), 'One & two\n\na\nb\n\nline\nbreak');
    assert.equal(htmlToText('no markup   at  all'), 'no markup at all');
  });

  it('limitNesting leaves ordinary pages as they are and flattens only nesting past MAX_NESTING, keeping the text', () => {
    const page = `<html><body>${'<div><span>'.repeat(40)}text<br><img src=x><p>a<p>b${'</span></div>'.repeat(40)}</body></html>`;
    assert.equal(limitNesting(page), page);
    // 5,000 unclosed <li>/<p> do not nest; a few stray closing tags are harmless.
    const sloppy = `<ul>${'<li><p>item'.repeat(5000)}</ul>${'</i>'.repeat(100)}`;
    assert.equal(limitNesting(sloppy), sloppy);
    const deep = `${'<div>'.repeat(MAX_NESTING + 500)}deep${'</div>'.repeat(MAX_NESTING + 500)}<p>after</p>`;
    const flat = limitNesting(deep);
    assert.equal((flat.match(/<div>/g) ?? []).length, MAX_NESTING);
    assert.equal((flat.match(/<\/div>/g) ?? []).length, MAX_NESTING);
    assert.equal(htmlToText(deep), 'deep\n\nafter');
  });
});
