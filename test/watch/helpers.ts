import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT, type CliResult } from '../helpers/cli.ts';

/** The real CLI once `watch` is registered in main.ts; until then a stand-in with the same global options. */
const registered = readFileSync(join(ROOT, 'src', 'cli', 'main.ts'), 'utf8').includes('watchCommand');
const ENTRY = registered ? [join(ROOT, 'bin', 'narrascope.js')] : ['--import', 'tsx', join(ROOT, 'test', 'watch', 'watch-main.ts')];

/**
 * Runs the CLI asynchronously (a spawnSync would block this process's event loop, and with it the local HTTP
 * servers the child talks to). Killed after `timeoutMs`.
 */
export function runCliAsync(args: string[], options: { timeoutMs?: number; bin?: boolean } = {}): Promise<CliResult> {
  const entry = options.bin ? [join(ROOT, 'bin', 'narrascope.js')] : ENTRY;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 45_000);
    child.on('error', reject);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

export interface Hit { method: string; url: string; headers: IncomingMessage['headers']; body: string; at: number }

/** A local HTTP server whose answers the test scripts; every request is recorded with its time. */
export async function localServer(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void):
  Promise<{ server: Server; base: string; hits: Hit[]; close: () => Promise<void> }> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => { body += d; });
    req.on('end', () => {
      hits.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body, at: Date.now() });
      handler(req, res, body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    server, base: `http://127.0.0.1:${port}`, hits,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** An RSS 2.0 feed with items i = from..to (guid item-i), one per hour from 2025-03-20. */
export function rssFeed(from: number, to: number): string {
  const items: string[] = [];
  for (let i = from; i <= to; i++) {
    const date = new Date(Date.UTC(2025, 2, 20, i)).toUTCString();
    items.push(`<item><title>Report ${i}</title><link>https://news.example.org/a/${i}</link><guid isPermaLink="false">item-${i}</guid>
<pubDate>${date}</pubDate><description>City council meeting number ${i} discussed the new tram timetable and the budget for parks.</description></item>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Test News</title><link>https://news.example.org/</link><description>test</description>
${items.join('\n')}
</channel></rss>`;
}
