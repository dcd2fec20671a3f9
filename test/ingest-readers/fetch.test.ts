import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { LookupAddress } from 'node:dns';
import { gzipSync } from 'node:zlib';
import { FetchError, openUrl, pinnedLookup, privateAddressReason, type Resolver } from '../../src/ingest/fetch.ts';

/** A resolver stub answering each call with the next of `answers` (the last one repeats); counts the calls. */
function stubResolver(...answers: string[][]): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = ((hostname, _options, callback) => {
    const answer = answers[Math.min(calls.length, answers.length - 1)];
    calls.push(hostname);
    setImmediate(() => callback(null, answer.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }))));
  }) as Resolver & { calls: string[] };
  resolve.calls = calls;
  return resolve;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

describe('openUrl', () => {
  let server: Server;
  let port = 0;
  let base = '';
  /** Host headers of the requests the server received. */
  const hosts: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      const url = req.url ?? '/';
      hosts.push(req.headers.host ?? '');
      if (url === '/feed') {
        res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
        res.end('<rss><channel><title>T</title></channel></rss>');
      } else if (url === '/hop') {
        res.writeHead(302, { location: '/feed' });
        res.end();
      } else if (url === '/to-private') {
        res.writeHead(301, { location: `http://127.0.0.1:${port}/feed` });
        res.end();
      } else if (url === '/to-metadata') {
        res.writeHead(307, { location: 'http://169.254.169.254/latest/meta-data/' });
        res.end();
      } else if (url.startsWith('/loop')) {
        const n = Number(url.slice(5) || 0);
        res.writeHead(302, { location: `/loop${n + 1}` });
        res.end();
      } else if (url === '/big-declared') {
        res.writeHead(200, { 'content-length': String(10_000) });
        res.end('x'.repeat(10_000));
      } else if (url === '/big-chunked') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        let sent = 0;
        const push = () => {
          if (sent >= 50) return res.end();
          sent++;
          res.write('y'.repeat(1000), push);
        };
        push();
      } else if (url === '/slow') {
        res.writeHead(200);
        res.write('start');
        setTimeout(() => res.end('late'), 2000).unref();
      } else if (url === '/gzip') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end(gzipSync('z'.repeat(3000)));
      } else if (url === '/gzip-bomb') {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
        res.end(gzipSync(Buffer.alloc(1_000_000)));
      } else if (url === '/to-file') {
        res.writeHead(302, { location: 'file:///etc/passwd' });
        res.end();
      } else {
        res.writeHead(404);
        res.end('nope');
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const limits = { maxBytes: 5000, timeoutMs: 3000 };

  it('refuses loopback by default', async () => {
    await assert.rejects(openUrl(`${base}/feed`, limits), (e: unknown) => e instanceof FetchError && /loopback/.test(e.message));
    await assert.rejects(openUrl(`http://localhost:${port}/feed`, limits), (e: unknown) => e instanceof FetchError && /refusing/.test(e.message));
  });

  it('fetches with allowPrivate, following redirects; the input can be opened twice', async () => {
    const input = await openUrl(`${base}/hop`, { ...limits, allowPrivate: true });
    assert.equal(input.name, `${base}/hop`);
    assert.equal(input.contentType, 'application/rss+xml; charset=utf-8');
    assert.match(await readAll(input.open()), /<title>T<\/title>/);
    assert.match(await readAll(input.open()), /<title>T<\/title>/);
  });

  it('checks every hop: a redirect to a private address is refused', async () => {
    // localhost is exempted by allowHosts; the redirect target 127.0.0.1 is not.
    await assert.rejects(openUrl(`http://localhost:${port}/to-private`, { ...limits, allowHosts: ['localhost'] }), (e: unknown) => e instanceof FetchError && /127\.0\.0\.1.*loopback/.test(e.message));
    await assert.rejects(openUrl(`http://localhost:${port}/to-metadata`, { ...limits, allowHosts: ['localhost'] }), (e: unknown) => e instanceof FetchError && /169\.254\.169\.254/.test(e.message));
  });

  it('stops after 5 redirects', async () => {
    await assert.rejects(openUrl(`${base}/loop`, { ...limits, allowPrivate: true }), /more than 5 redirects/);
  });

  it('enforces the size cap, declared or not', async () => {
    await assert.rejects(openUrl(`${base}/big-declared`, { ...limits, allowPrivate: true }), /exceeds the limit of 5000/);
    await assert.rejects(openUrl(`${base}/big-chunked`, { ...limits, allowPrivate: true }), /exceeds the limit of 5000/);
  });

  it('times out', async () => {
    await assert.rejects(openUrl(`${base}/slow`, { maxBytes: 5000, timeoutMs: 300, allowPrivate: true }), /timed out after 300 ms/);
  });

  it('accepts http and https only, also after a redirect', async () => {
    await assert.rejects(openUrl('file:///etc/passwd', limits), /only http and https/);
    await assert.rejects(openUrl('ftp://example.org/x', limits), /only http and https/);
    await assert.rejects(openUrl(`${base}/to-file`, { ...limits, allowPrivate: true }), /only http and https/);
  });

  it('undoes gzip, and the size cap applies to the decoded body (a gzip bomb is refused)', async () => {
    const input = await openUrl(`${base}/gzip`, { ...limits, allowPrivate: true });
    assert.equal(await readAll(input.open()), 'z'.repeat(3000));
    await assert.rejects(openUrl(`${base}/gzip-bomb`, { ...limits, allowPrivate: true }), /exceeds the limit of 5000/);
  });

  describe('DNS rebinding: the address checked is the address connected to', () => {
    it('a name resolving to 127.0.0.1 at connect time is refused, resolved once, never connected to', async () => {
      const resolve = stubResolver(['127.0.0.1']);
      const before = hosts.length;
      await assert.rejects(openUrl(`http://rebind.test:${port}/feed`, { ...limits, resolve }),
        (e: unknown) => e instanceof FetchError && e.message.includes(`refusing http://rebind.test:${port}/feed: rebind.test resolves to 127.0.0.1, loopback`));
      assert.deepEqual(resolve.calls, ['rebind.test'], 'one resolution, at connect time');
      assert.equal(hosts.length, before, 'no request reached the loopback server');
    });

    it('any private address in the answer refuses the host (round-robin)', async () => {
      const resolve = stubResolver(['8.8.8.8', '127.0.0.1']);
      const before = hosts.length;
      await assert.rejects(openUrl(`http://rebind.test:${port}/feed`, { ...limits, resolve }), /rebind\.test resolves to 127\.0\.0\.1, loopback/);
      assert.equal(hosts.length, before);
    });

    it('the connection goes to the resolved address with the Host header of the URL (allowed host)', async () => {
      const resolve = stubResolver(['127.0.0.1']);
      const input = await openUrl(`http://rebind.test:${port}/feed`, { ...limits, resolve, allowHosts: ['rebind.test'] });
      assert.match(await readAll(input.open()), /<title>T<\/title>/);
      assert.equal(hosts.at(-1), `rebind.test:${port}`);
      assert.deepEqual(resolve.calls, ['rebind.test']);
    });

    it('the connect-time lookup resolves once per connection: an answer that changes (public, then 127.0.0.1) is checked each time', async () => {
      const resolve = stubResolver(['93.184.216.34'], ['127.0.0.1']);
      const lookup = pinnedLookup(resolve, (host, address) => (privateAddressReason(address) ? new Error(`${host} → ${address} refused`) : null));
      const connect = () => new Promise<{ err: Error | null; addresses?: LookupAddress[] }>((done) => {
        // As net.connect calls it (autoSelectFamily: all addresses at once).
        lookup('rebind.test', { all: true }, ((err: Error | null, addresses: LookupAddress[]) => done({ err, addresses })) as never);
      });
      const first = await connect();
      assert.equal(first.err, null);
      assert.deepEqual(first.addresses?.map((a) => a.address), ['93.184.216.34'], 'the first connection goes to the public address it checked');
      const second = await connect();
      assert.match(String(second.err?.message), /rebind\.test → 127\.0\.0\.1 refused/, 'the rebound answer is refused, not connected to');
      assert.equal(resolve.calls.length, 2, 'one resolution per connection, none between check and connect');
    });
  });

  it('reports HTTP errors', async () => {
    await assert.rejects(openUrl(`${base}/missing`, { ...limits, allowPrivate: true }), (e: unknown) => e instanceof FetchError && e.status === 404);
  });
});

describe('privateAddressReason', () => {
  it('flags non-public addresses, IPv4-mapped IPv6 included', () => {
    const bad = ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.255', '0.0.0.0',
      '224.0.0.1', '255.255.255.255', '::', '::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'fe80::1%eth0', 'ff02::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:169.254.169.254',
      '::ffff:10.0.0.1', '64:ff9b::a00:1', '2002:c0a8:101::1'];
    for (const ip of bad) assert.ok(privateAddressReason(ip), ip);
  });

  it('lets public addresses through', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '100.128.0.1', '192.169.0.1', '2001:4860:4860::8888', '2a00:1450:4001::200e', '::ffff:8.8.8.8']) {
      assert.equal(privateAddressReason(ip), null, ip);
    }
  });
});
