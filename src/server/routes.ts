/**
 * Route definitions: one zod schema per request part (path, query, body) validates the request AND generates the
 * OpenAPI document (openapi.ts), so the two can never disagree.
 */
import type { Context } from 'hono';
import { z } from 'zod';

export type Method = 'get' | 'post';

export interface RouteResponse { description: string; schema?: z.ZodType; contentType?: string }

export interface RouteInput<P, Q, B> { c: Context; params: P; query: Q; body: B }

export interface RouteDef<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Hono path syntax (`/api/documents/:id`). */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Maximum request body in bytes (write routes). */
  maxBodyBytes?: number;
  /** `write`: needs the bearer token and is disabled without one. */
  auth?: 'write';
  /**
   * Cache the JSON response in memory, keyed by the corpus state and the validated input, so repeated requests
   * (dashboards polling, many users) cost a hash lookup.
   */
  cache?: boolean;
  /** Expensive analytics: run in a compute worker when the server has them (the handler must not use `c`). */
  heavy?: boolean;
  responses: Record<number, RouteResponse>;
  handler: (input: RouteInput<P, Q, B>) => Promise<unknown> | unknown;
}

/** Keeps the generic types of each route while collecting them into one list. */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(def: RouteDef<P, Q, B>): RouteDef {
  return def as unknown as RouteDef;
}

/** A client error with a status and a message safe to show (never an internal detail). */
export class HttpError extends Error {
  constructor(readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 421 | 422 | 429 | 503, message: string,
    readonly extra: Record<string, unknown> = {}) {
    super(message);
  }
}

/** A response the handler built itself (downloads, non-JSON bodies). */
export class RawResponse {
  readonly raw = true;
  constructor(readonly body: string, readonly headers: Record<string, string>) {}
}

/** `a.b: message; c: message` — what a client needs to fix its request. */
export function formatIssues(error: z.ZodError, where: string): { message: string; issues: { path: string; message: string }[] } {
  const issues = error.issues.slice(0, 20).map((i) => ({
    path: [where, ...i.path.map(String)].filter(Boolean).join('.'),
    message: i.message,
  }));
  return { message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
}
