import { useEffect, useState } from 'preact/hooks';

/** Actor-type colours: distinct hues of similar weight, each with ≥ 3:1 contrast on white for chart fills. */
export const TYPE_COLORS: Record<string, string> = {
  head_of_state: '#b2182b', government_official: '#d6604d', regional_official: '#c26a00', military_official: '#8c510a',
  legislator: '#bf812d', state_media: '#762a83', state_affiliated_media: '#9970ab', milblogger: '#1b7837',
  pro_government_influencer: '#3f8f47', independent_media: '#2166ac', foreign_media: '#4393c3', exiled_media: '#35978f',
  think_tank: '#01665e', fact_checker: '#003c30', ngo: '#542788', international_org: '#8073ac', aggregator_channel: '#878787',
  unknown: '#6b6b6b', unresolved: '#6b6b6b',
};
const EXTRA = ['#c51b7d', '#7f3b08', '#2d004b', '#40004b', '#00441b', '#053061', '#67001f', '#1a1a1a'];

export const STANCE_COLORS: Record<string, string> = { asserts: '#b2182b', relays: '#c26a00', unknown: '#767676', refutes: '#2166ac' };

export function colorFor(key: string, index = 0): string {
  return TYPE_COLORS[key] ?? STANCE_COLORS[key] ?? EXTRA[index % EXTRA.length];
}

export function humanize(key: string): string {
  return key.replace(/_/g, ' ');
}

export function day(iso: string | undefined): string {
  return iso ? iso.slice(0, 10) : '—';
}

export function dateTime(iso: string | undefined): string {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '—';
}

export function num(n: number): string {
  return n.toLocaleString('en-US');
}

export function pct(x: number): string {
  return `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`;
}

/** The last part of a hierarchical label ("URW: A: B: C" → "C"). */
export function shortLabel(label: string): string {
  const parts = label.split(': ');
  return parts[parts.length - 1] || label;
}

/** Only http(s) links are ever followed: document URLs are untrusted input. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export type Async<T> = { loading: true; data?: undefined; error?: undefined } | { loading: false; data: T; error?: undefined } | { loading: false; data?: undefined; error: Error };

/** Runs `load` whenever `deps` change; stale results are dropped. */
export function useAsync<T>(load: () => Promise<T>, deps: unknown[]): Async<T> {
  const [state, setState] = useState<Async<T>>({ loading: true });
  useEffect(() => {
    let live = true;
    setState({ loading: true });
    load().then((data) => { if (live) setState({ loading: false, data }); }, (error: Error) => { if (live) setState({ loading: false, error }); });
    return () => { live = false; };
  }, deps); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}
