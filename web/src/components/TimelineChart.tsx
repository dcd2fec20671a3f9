/**
 * Stacked timeline (uPlot): one bar per bucket, stacked by key (actor type, stance…), with surge bands and event
 * markers as DOM overlays (so they are inspectable and testable), a click or Enter on a bucket to open its evidence,
 * and arrow-key navigation between buckets.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CalendarEvent, Surge, Timeline } from '../api.ts';
import { colorFor, humanize, num } from '../util.ts';

const MAX_KEYS = 12;

export interface TimelineSelection { index: number; from: string; to: string; label: string; key?: string }

interface Props {
  timeline: Timeline;
  events: CalendarEvent[];
  surges: Surge[];
  selected?: number;
  onSelect: (s: TimelineSelection) => void;
  height?: number;
}

const BUCKET_SEC = { hour: 3600, day: 86_400, week: 7 * 86_400 } as const;

/** Keys beyond the 12 largest are summed into "other". */
function reduceKeys(t: Timeline): { keys: string[]; series: number[][] } {
  if (t.keys.length <= MAX_KEYS) return { keys: t.keys, series: t.keys.map((k) => t.series[k]) };
  const keep = t.keys.slice(0, MAX_KEYS - 1);
  const other = t.total.map((_, i) => t.keys.slice(MAX_KEYS - 1).reduce((s, k) => s + t.series[k][i], 0));
  return { keys: [...keep, 'other'], series: [...keep.map((k) => t.series[k]), other] };
}

export function bucketEnd(t: Timeline, i: number): string {
  if (i + 1 < t.starts.length) return t.starts[i + 1];
  return new Date(Date.parse(t.starts[i]) + BUCKET_SEC[t.bucket] * 1000).toISOString();
}

export function TimelineChart({ timeline, events, surges, selected, onSelect, height = 320 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [cursor, setCursor] = useState<number | undefined>(undefined);
  const { keys, series } = useMemo(() => reduceKeys(timeline), [timeline]);
  const xs = useMemo(() => timeline.starts.map((s) => Date.parse(s) / 1000), [timeline]);
  const selectRef = useRef(onSelect);
  selectRef.current = onSelect;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  const selection = (i: number, key?: string): TimelineSelection => ({
    index: i, from: timeline.starts[i], to: bucketEnd(timeline, i), label: timeline.labels[i], ...(key ? { key } : {}),
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    // Painter's stacking: series 1 is the whole stack (top key), the last series the bottom key alone.
    const order = keys.map((_, i) => keys.length - 1 - i); // top key first
    const cumulative = order.map((ki) => xs.map((_, j) => series.slice(0, ki + 1).reduce((s, arr) => s + arr[j], 0)));
    const data: uPlot.AlignedData = [xs, ...cumulative];
    const bucketSec = BUCKET_SEC[timeline.bucket];
    const tz = timeline.timeZone;
    // Bars are centred on their bucket start, so the cursor snaps to the bar under the pointer; every real time t is
    // therefore drawn at t − half a bucket (the bar of bucket [s, s + b) spans s − b/2 … s + b/2).
    const bars = uPlot.paths.bars!({ size: [0.85, 40], align: 0 });
    const half = bucketSec / 2;

    const overlays = (u: uPlot) => {
      u.over.querySelectorAll('.ns-overlay').forEach((n) => n.remove());
      const w = u.over.clientWidth;
      const place = (cls: string, from: number, to: number, attrs: Record<string, string>, text?: string) => {
        const left = Math.max(0, u.valToPos(from, 'x'));
        const right = Math.min(w, u.valToPos(to, 'x'));
        if (right < 0 || left > w) return;
        const d = document.createElement('div');
        d.className = `ns-overlay ${cls}`;
        d.style.left = `${left}px`;
        d.style.width = `${Math.max(2, right - left)}px`;
        for (const [k, v] of Object.entries(attrs)) d.setAttribute(k, v);
        if (text) { const s = document.createElement('span'); s.textContent = text; d.appendChild(s); }
        u.over.appendChild(d);
      };
      surges.forEach((s) => {
        const from = Date.parse(s.onset) / 1000 - half;
        const to = Date.parse(s.end) / 1000 + 86_400 - half; // surges are daily
        place(`surge-band surge-${s.kind}`, from, to, {
          'data-onset': s.onset.slice(0, 10), 'data-end': s.end.slice(0, 10), 'data-kind': s.kind,
          title: `${s.kind} ×${s.magnitude.toFixed(1)}: ${s.onset.slice(0, 10)} → ${s.end.slice(0, 10)}`,
        }, `${s.kind} ×${s.magnitude.toFixed(1)}`);
      });
      events.forEach((e, i) => {
        const x = Date.parse(`${e.date}T00:00:00Z`) / 1000 - half;
        place('event-marker', x, x, { 'data-date': e.date, title: `${e.date}: ${e.title}` }, String(i + 1));
      });
      const sel = selectedRef.current;
      if (sel !== undefined && sel < xs.length) place('selected-bucket', xs[sel] - half, xs[sel] + half, { 'data-index': String(sel) });
    };

    const opts: uPlot.Options = {
      width: Math.max(320, el.clientWidth),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), tz),
      cursor: { drag: { x: false, y: false, setScale: false }, points: { show: false } },
      legend: { live: true },
      scales: { x: { time: true, range: (_u, min, max) => [min - half, max + half] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.08)] } },
      axes: [
        { stroke: '#333', grid: { stroke: '#e5e5e5' }, ticks: { stroke: '#bbb' } },
        { stroke: '#333', grid: { stroke: '#e5e5e5' }, ticks: { stroke: '#bbb' }, label: 'mentions', labelSize: 18, size: 48 },
      ],
      series: [
        { label: timeline.bucket === 'hour' ? 'hour' : timeline.bucket === 'week' ? 'week of' : 'day',
          value: (_u, v) => (v == null ? '—' : timeline.labels[xs.indexOf(v)] ?? '') },
        ...order.map((ki) => ({
          label: humanize(keys[ki]),
          stroke: colorFor(keys[ki], ki),
          fill: colorFor(keys[ki], ki),
          width: 0,
          paths: bars,
          points: { show: false },
          value: (_u: uPlot, _v: number | null, _si: number, idx: number | null) => (idx == null ? '—' : num(series[ki][idx])),
        })),
      ],
      hooks: {
        draw: [overlays],
        setCursor: [(u) => setCursor(u.cursor.idx ?? undefined)],
      },
    };
    const u = new uPlot(opts, data, el);
    plot.current = u;
    const click = () => {
      const i = u.cursor.idx;
      if (i == null) return;
      // Which stacked segment was clicked: the first key (from the bottom) whose cumulative value reaches the cursor.
      const yVal = u.posToVal(u.cursor.top ?? 0, 'y');
      let key: string | undefined;
      let acc = 0;
      for (let k = 0; k < keys.length; k++) {
        acc += series[k][i];
        if (series[k][i] > 0 && yVal <= acc) { key = keys[k] === 'other' ? undefined : keys[k]; break; }
      }
      selectRef.current(selection(i, key));
    };
    u.over.addEventListener('click', click);
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(320, el.clientWidth), height }));
    ro.observe(el);
    return () => { ro.disconnect(); u.over.removeEventListener('click', click); u.destroy(); plot.current = null; };
  }, [timeline, keys, series, xs, events, surges, height]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => { plot.current?.redraw(false, false); }, [selected]);

  const moveTo = (i: number) => {
    const u = plot.current;
    if (!u || xs.length === 0) return;
    const idx = Math.max(0, Math.min(xs.length - 1, i));
    const top = u.valToPos(timeline.total[idx] / 2, 'y');
    u.setCursor({ left: u.valToPos(xs[idx], 'x'), top });
    setCursor(idx);
  };

  const onKey = (e: KeyboardEvent) => {
    const cur = cursor ?? selected ?? Math.max(0, timeline.total.findIndex((v) => v > 0));
    const nextNonEmpty = (from: number, dir: number) => { let i = from + dir; while (i >= 0 && i < xs.length && timeline.total[i] === 0) i += dir; return i >= 0 && i < xs.length ? i : from; };
    if (e.key === 'ArrowRight') { moveTo(e.shiftKey ? nextNonEmpty(cur, 1) : cur + 1); e.preventDefault(); }
    else if (e.key === 'ArrowLeft') { moveTo(e.shiftKey ? nextNonEmpty(cur, -1) : cur - 1); e.preventDefault(); }
    else if (e.key === 'Home') { moveTo(0); e.preventDefault(); }
    else if (e.key === 'End') { moveTo(xs.length - 1); e.preventDefault(); }
    else if ((e.key === 'Enter' || e.key === ' ') && cur !== undefined) { onSelect(selection(cur)); e.preventDefault(); }
  };

  const peak = timeline.total.reduce((b, v, i, a) => (v > a[b] ? i : b), 0);
  const total = timeline.total.reduce((s, v) => s + v, 0);
  return (
    <div class="timeline">
      <div
        ref={host}
        class="timeline-plot"
        tabIndex={0}
        role="group"
        aria-roledescription="chart"
        aria-label={`Stacked timeline of ${num(total)} mentions per ${timeline.bucket} by ${keys.length} groups; peak ${timeline.labels[peak] ?? ''} with ${num(timeline.total[peak] ?? 0)}. Arrow keys move between buckets (Shift: next non-empty), Enter lists the evidence.`}
        onKeyDown={onKey}
      />
      <p class="sr-only" aria-live="polite">
        {cursor !== undefined && timeline.labels[cursor] ? `${timeline.labels[cursor]}: ${num(timeline.total[cursor])} mentions` : ''}
      </p>
    </div>
  );
}
