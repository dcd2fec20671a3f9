import type { ComponentChildren } from 'preact';
import { ApiError } from '../api.ts';
import { colorFor, humanize, num, pct } from '../util.ts';
import { href } from '../router.ts';

export function Loading({ what }: { what: string }) {
  return <p class="loading" role="status" aria-live="polite">Loading {what}…</p>;
}

export function ErrorBox({ error }: { error: Error }) {
  const auth = error instanceof ApiError && error.status === 401;
  return (
    <div class="error" role="alert">
      <strong>Could not load:</strong> {error.message}
      {auth ? <> — <a href={href(['settings'])}>enter the access token</a></> : null}
    </div>
  );
}

export function Section({ title, id, children, actions }: { title: string; id: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={`${id}-title`} id={id}>
      <div class="card-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** A horizontal stacked bar of shares with a text legend (colour is never the only cue). */
export function ShareBar({ counts, label, legend = true, max = 6 }: { counts: Record<string, number>; label: string; legend?: boolean; max?: number }) {
  const entries = Object.entries(counts).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return <span class="muted">none</span>;
  const summary = entries.map(([k, n]) => `${humanize(k)} ${pct(n / total)}`).join(', ');
  return (
    <div class="sharebar-wrap">
      <div class="sharebar" role="img" aria-label={`${label}: ${summary}`}>
        {entries.map(([k, n], i) => (
          <span key={k} class="sharebar-seg" style={{ width: `${(100 * n) / total}%`, background: colorFor(k, i) }} title={`${humanize(k)}: ${num(n)} (${pct(n / total)})`} />
        ))}
      </div>
      {legend ? (
        <ul class="legend small" aria-hidden="true">
          {entries.slice(0, max).map(([k, n], i) => (
            <li key={k}><span class="swatch" style={{ background: colorFor(k, i) }} />{humanize(k)} {pct(n / total)}</li>
          ))}
          {entries.length > max ? <li class="muted">+{entries.length - max} more</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

/** Weekly counts as a small line chart (SVG). */
export function Sparkline({ values, label, width = 140, height = 32 }: { values: number[]; label: string; width?: number; height?: number }) {
  if (values.length === 0) return <span class="muted">—</span>;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : width;
  const pts = values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`);
  const peak = values.indexOf(max);
  return (
    <svg class="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
      <polyline points={`0,${height} ${pts.join(' ')} ${width},${height}`} class="spark-area" />
      <polyline points={pts.join(' ')} class="spark-line" />
      <circle cx={peak * step} cy={height - 2 - (values[peak] / max) * (height - 4)} r="2.5" class="spark-peak" />
    </svg>
  );
}

export function StanceBadge({ stance }: { stance: string }) {
  return <span class={`badge stance-${/^[a-z]+$/.test(stance) ? stance : 'unknown'}`}>{stance}</span>;
}

export function TypeBadge({ type }: { type?: string }) {
  if (!type) return null;
  return <span class="badge type"><span class="swatch" style={{ background: colorFor(type) }} />{humanize(type)}</span>;
}

export function Pager({ count, limit, offset, onPage, label }: { count: number; limit: number; offset: number; onPage: (offset: number) => void; label: string }) {
  if (count <= limit && offset === 0) return <p class="muted small">{num(count)} {label}</p>;
  const last = Math.min(count, offset + limit);
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>← Previous</button>
      <span aria-live="polite">{num(offset + 1)}–{num(last)} of {num(count)} {label}</span>
      <button type="button" disabled={last >= count} onClick={() => onPage(offset + limit)}>Next →</button>
    </nav>
  );
}
