import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { readRss } from '../../src/ingest/readers/rss.ts';
import { collect, memInput, oks, options, rejectSummary } from './helpers.ts';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example News</title>
  <link>https://news.example.org/</link>
  <description>Feed</description>
  <image><title>Logo title</title><url>https://news.example.org/logo.png</url></image>
  <item>
    <title>Officials say &amp; deny</title>
    <link>https://news.example.org/a/1</link>
    <guid isPermaLink="false">item-1</guid>
    <pubDate>Sat, 15 Mar 2025 18:00:00 +0000</pubDate>
    <description><![CDATA[<p>Short teaser</p>]]></description>
    <content:encoded><![CDATA[<p>First&nbsp;paragraph with <b>bold</b>.</p><script>alert("x")</script><style>p{}</style><p>Second paragraph.</p>]]></content:encoded>
    <dc:creator>Jane Doe</dc:creator>
    <category>Politics</category>
  </item>
  <item>
    <title>Escaped HTML description</title>
    <link>https://news.example.org/a/2</link>
    <description>&lt;p&gt;Escaped &lt;i&gt;markup&lt;/i&gt; here&lt;/p&gt;</description>
    <dc:date>2025-03-16T08:00:00+01:00</dc:date>
  </item>
  <item>
    <title>Headline only</title>
    <guid>https://news.example.org/a/3</guid>
  </item>
</channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Source</title>
  <link rel="self" href="https://atom.example.org/feed.xml"/>
  <link rel="alternate" href="https://atom.example.org/"/>
  <entry>
    <title type="html">Entry &lt;em&gt;one&lt;/em&gt;</title>
    <link rel="edit" href="https://atom.example.org/edit/1"/>
    <link rel="alternate" type="text/html" href="https://atom.example.org/posts/1"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2025-03-14T12:00:00Z</published>
    <updated>2025-03-15T12:00:00Z</updated>
    <author><name>John Roe</name><email>john@example.org</email></author>
    <summary>Summary text</summary>
    <content type="html">&lt;p&gt;Full &lt;b&gt;content&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Entry two</title>
    <link href="https://atom.example.org/posts/2"/>
    <id>tag:atom.example.org,2025:2</id>
    <updated>2025-03-16T12:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Inline &amp; xhtml</p><p>second block</p></div></content>
  </entry>
</feed>`;

describe('rss reader', () => {
  it('reads RSS 2.0 items: preferred full content, HTML stripped, scripts gone, channel as source', async () => {
    const items = await collect(readRss, memInput('feed.xml', RSS, 64));
    assert.deepEqual(rejectSummary(items), []);
    const [a, b, c] = oks(items);
    assert.deepEqual(a.record, {
      text: 'First paragraph with bold.\n\nSecond paragraph.',
      kind: 'article',
      title: 'Officials say & deny',
      url: 'https://news.example.org/a/1',
      platformId: 'item-1',
      publishedAt: 'Sat, 15 Mar 2025 18:00:00 +0000',
      source: { name: 'Example News', url: 'https://news.example.org/' },
      meta: { author: 'Jane Doe', categories: ['Politics'] },
    });
    assert.equal(a.line, 8);
    assert.equal(b.record.text, 'Escaped markup here');
    assert.equal(b.record.publishedAt, '2025-03-16T08:00:00+01:00');
    assert.equal(c.record.text, 'Headline only');
    assert.equal(c.record.url, 'https://news.example.org/a/3');
  });

  it('reads Atom entries: alternate link, html and xhtml content, published date, author name', async () => {
    const items = await collect(readRss, memInput('feed.atom', ATOM));
    assert.deepEqual(rejectSummary(items), []);
    const [a, b] = oks(items);
    assert.equal(a.record.title, 'Entry one');
    assert.equal(a.record.text, 'Full content\n\nTwo');
    assert.equal(a.record.url, 'https://atom.example.org/posts/1');
    assert.equal(a.record.platformId, 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a');
    assert.equal(a.record.publishedAt, '2025-03-14T12:00:00Z');
    assert.deepEqual(a.record.source, { name: 'Atom Source', url: 'https://atom.example.org/' });
    assert.deepEqual(a.record.meta, { author: 'John Roe' });
    assert.equal(b.record.text, 'Inline & xhtml\nsecond block');
    assert.equal(b.record.url, 'https://atom.example.org/posts/2');
  });

  it('reads RSS 1.0 (RDF) with dc:date', async () => {
    const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.org/"><title>RDF Feed</title><link>https://rdf.example.org/</link></channel>
  <item rdf:about="https://rdf.example.org/1"><title>One</title><link>https://rdf.example.org/1</link><description>Text one</description><dc:date>2024-01-02T03:04:05Z</dc:date></item>
</rdf:RDF>`;
    const [r] = oks(await collect(readRss, memInput('x.rdf', rdf)));
    assert.deepEqual(r.record, { text: 'Text one', kind: 'article', title: 'One', url: 'https://rdf.example.org/1', publishedAt: '2024-01-02T03:04:05Z', source: { name: 'RDF Feed', url: 'https://rdf.example.org/' } });
  });

  it('does not expand DTD entities: a billion-laughs feed is read quickly and stays small', async () => {
    const lol = [`<!ENTITY lol "lol">`];
    for (let i = 1; i <= 9; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1 || ''};`.repeat(10)}">`);
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE rss [
 ${lol.join('\n ')}
]>
<rss version="2.0"><channel><title>Bomb &lol9;</title>
<item><title>Bomb</title><description>&lol9;</description></item>
</channel></rss>`;
    const t0 = performance.now();
    const items = await collect(readRss, memInput('bomb.xml', bomb));
    assert.ok(performance.now() - t0 < 1000);
    const [r] = oks(items);
    assert.ok(r.record.text.length < 100, `text of ${r.record.text.length} chars`);
    assert.equal(r.record.text, '&lol9;');
  });

  it('ends with one bad_xml rejection at the broken line and keeps the items before it', async () => {
    const broken = `<rss version="2.0"><channel><title>T</title>
<item><title>one</title><description>first</description></item>
<item><title>two</title><description>second</description></item>
<item><title>three</title><description>unclosed <b>bold</description></item>
<item><title>four</title><description>never read</description></item>
</channel></rss>`;
    const items = await collect(readRss, memInput('broken.rss', broken));
    assert.deepEqual(oks(items).map((i) => i.record.text), ['first', 'second']);
    assert.deepEqual(rejectSummary(items), ['bad_xml@4']);
  });

  it('rejects an item with an unparseable date', async () => {
    const feed = `<rss><channel><title>T</title><item><title>x</title><description>d</description><pubDate>someday soon</pubDate></item></channel></rss>`;
    assert.deepEqual(rejectSummary(await collect(readRss, memInput('d.rss', feed))), ['bad_date@1']);
  });

  it('rejects an item over maxRecordBytes as line_too_long and reads the items around it (text, CDATA, categories)', async () => {
    const big = 'Путин ab '.repeat(20);
    const feed = `<rss><channel><title>T</title>
<item><title>before</title><description>b</description></item>
<item><title>big</title><description>${big}</description></item>
<item><title>cdata</title><description><![CDATA[<p>${big}</p>]]></description></item>
<item><title>categories</title>${'<category>abcdefghij</category>'.repeat(30)}<description>c</description></item>
<item><title>after</title><description>a</description></item></channel></rss>`;
    const items = await collect(readRss, memInput('big.rss', feed, 7), options({ maxRecordBytes: 200 }));
    assert.deepEqual(items.map((i) => (i.ok ? i.record.title : `${i.reason}@${i.line}`)), ['before', 'line_too_long@3', 'line_too_long@4', 'line_too_long@5', 'after']);
    // Within the limit, the same items are read.
    assert.equal(oks(await collect(readRss, memInput('big.rss', feed), options({ maxRecordBytes: 1000 }))).length, 5);
  });

  it('an attribute value, comment or DOCTYPE over 64 KB is not malformed XML: the items after it are read', async () => {
    const href = `https://e.org/${'a'.repeat(300_000)}`;
    const feed = `<!DOCTYPE feed [<!-- ${'d'.repeat(100_000)} -->]><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>
<entry><title>a</title><content>x</content></entry><!-- ${'c'.repeat(200_000)} -->
<entry><title>b</title><link href="${href}"/><content>y</content></entry>
<entry><title>c</title><content>z</content></entry></feed>`;
    const items = await collect(readRss, memInput('long.xml', feed, 16_384));
    assert.deepEqual(items.map((i) => (i.ok ? i.record.text : `${i.reason}@${i.line}`)), ['x', 'y', 'z']);
    assert.equal(items[1].ok && items[1].record.url, href);
    // Over the record limit the attribute costs its item only, with memory bounded by the limit.
    const small = await collect(readRss, memInput('long.xml', feed, 16_384), options({ maxRecordBytes: 100_000 }));
    assert.deepEqual(small.map((i) => (i.ok ? i.record.text : `${i.reason}@${i.line}`)), ['x', 'line_too_long@3', 'z']);
  });

  it('honours a declared windows-1251 encoding', async () => {
    const feed = iconv.encode(`<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>Лента</title><item><title>Заголовок</title><description>Текст новости на русском языке</description></item></channel></rss>`, 'windows-1251');
    const [r] = oks(await collect(readRss, memInput('ru.xml', feed)));
    assert.equal(r.record.text, 'Текст новости на русском языке');
    assert.equal(r.record.source?.name, 'Лента');
  });
});
