import type { ChildProcess } from 'node:child_process';

/**
 * The URL a `narrascope serve` child prints once it listens ("Narrascope on http://127.0.0.1:PORT/ …"); rejects when
 * it exits first or does not start within `timeoutMs` (then it is killed). `banner` must also match the line (to check
 * what the server says about its options). Shared by the server tests and the API benchmarks.
 */
export function serveUrl(child: ChildProcess, timeoutMs = 30_000, banner?: RegExp): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let err = '';
    const timer = setTimeout(() => { child.kill(); reject(new Error(`serve did not start: ${err}`)); }, timeoutMs);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      err += chunk;
      if (err.length > 100_000) err = err.slice(-50_000);
      const m = /Narrascope on (http:\/\/127\.0\.0\.1:\d+)\//.exec(err);
      if (m && (!banner || banner.test(err))) { clearTimeout(timer); resolve(m[1]); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`serve exited (${code}): ${err}`)); });
  });
}
