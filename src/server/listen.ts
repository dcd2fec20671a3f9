/** Starting the HTTP server on an interface, with the listening rules of `narrascope serve`. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createServerApp, type AppOptions, type NarrascopeApp } from './app.ts';
import { isLoopbackHost } from './security.ts';

export class ListenError extends Error {}

export interface ListenOptions extends Omit<AppOptions, 'readAuth' | 'allowedHosts'> {
  host?: string;
  port?: number;
  /** Let anyone who can reach a non-loopback interface read without the token. */
  publicRead?: boolean;
  /** Compute the overview once at start (default true). */
  warm?: boolean;
}

export interface RunningServer { url: string; port: number; host: string; app: NarrascopeApp; server: Server; close: () => Promise<void> }

/** The access rules, checked before anything listens. */
export function accessPolicy(host: string, token: string | undefined, publicRead: boolean): { readAuth: boolean; allowedHosts?: string[] } {
  if (token !== undefined && token.length < 16) throw new ListenError('the token must be at least 16 characters (e.g. `openssl rand -hex 24`)');
  if (isLoopbackHost(host)) {
    // Loopback: reads are open, but only to requests addressed to loopback names (DNS rebinding).
    return { readAuth: false, allowedHosts: ['127.0.0.1', 'localhost', '::1', host.replace(/^\[|\]$/g, '').toLowerCase()] };
  }
  if (!token && !publicRead) {
    throw new ListenError(`refusing to listen on ${host} without --token (or NARRASCOPE_TOKEN): reads would be open to the network; add --public-read to allow that`);
  }
  return { readAuth: !publicRead };
}

export async function startServer(opts: ListenOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const policy = accessPolicy(host, opts.token, Boolean(opts.publicRead));
  const app = createServerApp({ ...opts, ...policy });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 8787, hostname: host }) as Server;
    s.once('listening', () => resolve(s));
    s.once('error', (err) => reject(new ListenError(`cannot listen on ${host}:${opts.port ?? 8787}: ${(err as Error).message}`)));
  });
  server.requestTimeout = 120_000;
  server.headersTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  if (opts.warm !== false) void app.warm().catch(() => {});
  return {
    url: `http://${shown}:${port}`, port, host, app, server,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
      await app.close();
    },
  };
}
