/**
 * Webhook delivery: one HTTP POST of JSON per alert, retried with exponential backoff (and jitter, and the
 * server's Retry-After when it gives one) on network errors, timeouts, 408, 429 and 5xx. Other 4xx answers are
 * final: repeating a request the receiver rejects helps no one.
 */
import type { Alert, Delivery } from './alerts.ts';
import type { WebhookConfig } from './config.ts';
import { postJson, type AddressPolicy } from './http.ts';
import { sleep } from './scheduler.ts';

/** The body a webhook receives: the alert, plus `text` so chat webhooks (Slack, Mattermost) show a line. */
export function webhookPayload(alert: Alert): Record<string, unknown> {
  const { delivery: _d, ...rest } = alert;
  return { event: 'narrascope.alert', text: `[narrascope] ${alert.title}`, alert: rest };
}

export interface DeliverOptions extends AddressPolicy {
  userAgent: string;
  signal?: AbortSignal;
  random?: () => number;
  log?: (line: string) => void;
}

function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Posts one alert with retries; resolves with the outcome (never throws). */
export async function deliverAlert(alert: Alert, hook: WebhookConfig, opts: DeliverOptions, previousAttempts = 0): Promise<Delivery> {
  const random = opts.random ?? Math.random;
  let attempts = previousAttempts;
  let last: Delivery = { status: 'failed', attempts };
  for (let i = 0; i <= hook.retries; i++) {
    if (opts.signal?.aborted) break;
    attempts++;
    let wait: number | undefined;
    try {
      const res = await postJson(hook.url, webhookPayload(alert), {
        headers: hook.headers, timeoutMs: hook.timeout, userAgent: opts.userAgent,
        allowPrivate: opts.allowPrivate, allowHosts: opts.allowHosts,
      });
      if (res.status >= 200 && res.status < 300) {
        return { status: 'delivered', attempts, at: new Date().toISOString(), httpStatus: res.status };
      }
      last = { status: 'failed', attempts, at: new Date().toISOString(), httpStatus: res.status, error: `HTTP ${res.status}${res.body ? `: ${res.body.slice(0, 200)}` : ''}` };
      if (!retryable(res.status)) return last;
      wait = res.retryAfterMs;
    } catch (e) {
      last = { status: 'failed', attempts, at: new Date().toISOString(), error: (e as Error).message };
      if (/refusing|only http|not a valid URL/.test((e as Error).message)) return last;
    }
    if (i < hook.retries) {
      const backoff = Math.min(hook.maxBackoff, hook.backoff * 2 ** i) * (0.8 + 0.4 * random());
      const delay = Math.min(hook.maxBackoff, Math.max(backoff, wait ?? 0));
      opts.log?.(`webhook: ${last.error}; retry ${i + 1}/${hook.retries} in ${(delay / 1000).toFixed(1)} s`);
      await sleep(delay, opts.signal);
    }
  }
  return last;
}
