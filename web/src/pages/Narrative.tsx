import { useEffect, useState } from 'preact/hooks';
import { api, type EvidenceResponse, type Surge } from '../api.ts';
import { ErrorBox, Loading, Pager, Section, ShareBar, StanceBadge, TypeBadge } from '../components/common.tsx';
import { TimelineChart, bucketEnd, type TimelineSelection } from '../components/TimelineChart.tsx';
import { GraphView } from '../components/GraphView.tsx';
import { ClaimList } from './Claims.tsx';
import { href, navigate } from '../router.ts';
import { dateTime, day, humanize, num, pct, shortLabel, useAsync } from '../util.ts';

const GROUPINGS = ['type', 'stance', 'actor', 'language', 'source', 'none'];
const BUCKETS = ['day', 'week', 'hour'];
const ZONES = ['UTC', 'Europe/Kyiv', 'Europe/Moscow', 'Europe/Berlin', 'America/New_York'];

function Evidence({ id, sel, by, onAll }: { id: string; sel: TimelineSelection; by: string; onAll: () => void }) {
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [sel.from, sel.key]);
  const ev = useAsync<EvidenceResponse>(() => api.evidence(id, { from: sel.from, to: sel.to, by, key: sel.key, offset, limit: 20 }), [id, sel.from, sel.to, sel.key, by, offset]);
  return (
    <div class="evidence" id="evidence" aria-live="polite">
      <h3>Evidence for {sel.label}{sel.key ? <> — {humanize(sel.key)}</> : null}</h3>
      {sel.key ? <p class="small"><button type="button" class="link" onClick={onAll}>Show every group in this bucket</button></p> : null}
      {ev.loading ? <Loading what="evidence" /> : ev.error ? <ErrorBox error={ev.error} /> : (
        <>
          {ev.data.total === 0 ? <p class="muted">No mentions in this bucket.</p> : null}
          <ol class="doc-list evidence-list" start={offset + 1}>
            {ev.data.documents.map(({ document: d, mentions }) => (
              <li key={d.id} class="evidence-item" data-document={d.id}>
                <a href={href(['doc', d.id])} class="doc-title">{d.title || d.excerpt.slice(0, 90) || d.id}</a>
                <div class="meta">{dateTime(d.publishedAt)} · {d.source.name}{d.actorType ? <> · <TypeBadge type={d.actorType} /></> : null} · {d.lang}</div>
                <p class="excerpt">{d.excerpt}</p>
                <div class="small">
                  {mentions.slice(0, 6).map((m, i) => <span key={i} class="voice">{m.actorName} <StanceBadge stance={m.stance} /></span>)}
                  {mentions.length > 6 ? <span class="muted"> +{mentions.length - 6}</span> : null}
                </div>
              </li>
            ))}
          </ol>
          <Pager count={ev.data.total} limit={ev.data.limit} offset={offset} onPage={setOffset} label="documents" />
        </>
      )}
    </div>
  );
}

function SurgeList({ surges }: { surges: Surge[] }) {
  if (surges.length === 0) return <p class="muted">No surges detected.</p>;
  return (
    <ol class="surge-list">
      {surges.map((s) => (
        <li key={`${s.kind}${s.onset}`} class={`surge-item surge-${s.kind}`}>
          <div><strong>{s.kind === 'burst' ? 'Burst' : `Lasting ${s.direction === 'down' ? 'fall' : 'rise'}`} ×{s.magnitude.toFixed(1)}</strong>{' '}
            {day(s.onset)} → {day(s.end)} (peak {day(s.peak)}), confidence {s.confidence.toFixed(2)}, {num(s.count)} mentions
            {s.drivers.counterMentions ? `, ${num(s.drivers.counterMentions)} refuting` : ''}</div>
          <div class="small">Driven by: {s.drivers.actorTypes.slice(0, 4).map((d) => `${humanize(d.key)} ${pct(d.share)}`).join(', ')}</div>
          {s.precedingEvents.length ? <div class="small">After: {s.precedingEvents.map((e) => `${e.title} (${e.date}, ${e.lagDays} d before)`).join('; ')}</div> : null}
          <div class="small first-movers">First movers:{' '}
            {s.drivers.firstMovers.slice(0, 5).map((f, i) => (
              <span key={i}>{i ? '; ' : ''}<a href={href(['doc', f.documentId])}>{f.actorName ?? f.actorId ?? 'unknown'}</a> ({dateTime(f.at)}{f.actorType ? `, ${humanize(f.actorType)}` : ''})</span>
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}

function Coordination({ since, until }: { since?: string; until?: string }) {
  const [show, setShow] = useState(true);
  const co = useAsync(() => (show ? api.coordination({ since, until }) : Promise.resolve(undefined)), [since, until, show]);
  if (!show) return <button type="button" onClick={() => setShow(true)}>Show the coordination graph</button>;
  return co.loading ? <Loading what="the coordination graph" /> : co.error ? <ErrorBox error={co.error} /> : co.data ? (
    <>
      <p class="small muted">Accounts active in this narrative’s period ({day(since)} – {day(until)}) that shared the same objects within 60 s, posted near-identical text within 10 minutes, or posted in the same minutes repeatedly. {num(co.data.nearDuplicates.groupCount)} group(s) of near-identical posts.</p>
      <GraphView data={co.data} />
    </>
  ) : null;
}

export function NarrativePage({ id, params }: { id: string; params: URLSearchParams }) {
  const by = GROUPINGS.includes(params.get('by') ?? '') ? params.get('by')! : 'type';
  const bucket = BUCKETS.includes(params.get('bucket') ?? '') ? params.get('bucket')! : 'day';
  const tz = ZONES.includes(params.get('tz') ?? '') ? params.get('tz')! : 'UTC';
  const info = useAsync(() => api.narrative(id), [id]);
  const tl = useAsync(() => api.timeline(id, { by, bucket, tz }), [id, by, bucket, tz]);
  const surges = useAsync(() => api.surges(id), [id]);
  const events = useAsync(() => api.events(), []);
  const [sel, setSel] = useState<TimelineSelection | undefined>(undefined);
  useEffect(() => setSel(undefined), [id, by, bucket, tz]);

  const set = (k: string, v: string) => navigate(href(['narrative', id], { by, bucket, tz, [k]: v }));
  const onSelect = (s: TimelineSelection) => {
    setSel(s);
    requestAnimationFrame(() => document.getElementById('evidence')?.scrollIntoView({ block: 'nearest' }));
  };

  if (info.error) return <ErrorBox error={info.error} />;
  const n = info.data;
  const ov = n?.overview;
  const amplifying = ov ? (ov.byStance.asserts ?? 0) + (ov.byStance.relays ?? 0) + (ov.byStance.unknown ?? 0) : 0;
  return (
    <>
      <nav aria-label="breadcrumb" class="crumbs"><a href="#/">Narratives</a>{n?.parent ? <> › <a href={href(['narrative', n.parent.id])}>{shortLabel(n.parent.label)}</a></> : null}</nav>
      <h1>{n ? shortLabel(n.narrative.label) : 'Narrative'}</h1>
      {n ? (
        <div class="narrative-head">
          <p class="muted small">{n.narrative.label}</p>
          {n.narrative.description ? <p>{n.narrative.description}</p> : null}
          <dl class="facts">
            <div><dt>mentions</dt><dd>{num(ov!.mentions)}</dd></div>
            <div><dt>amplifying</dt><dd>{num(amplifying)}</dd></div>
            <div><dt>refuting</dt><dd>{num(ov!.byStance.refutes ?? 0)}</dd></div>
            <div><dt>period</dt><dd>{day(ov!.first)} – {day(ov!.last)}</dd></div>
          </dl>
          <div class="two-col">
            <div><h3>Stance</h3><ShareBar counts={ov!.byStance} label="stance split" /></div>
            <div><h3>Share of voice by actor type</h3><ShareBar counts={ov!.byActorType} label="share of voice by actor type" /></div>
          </div>
          {n.children.length ? <p class="small">Sub-narratives: {n.children.map((c, i) => <span key={c.id}>{i ? ' · ' : ''}<a href={href(['narrative', c.id])}>{shortLabel(c.label)}</a></span>)}</p> : null}
        </div>
      ) : <Loading what="the narrative" />}

      <Section id="timeline" title="Timeline" actions={
        <form class="controls" onSubmit={(e) => e.preventDefault()}>
          <label>Group by <select value={by} onChange={(e) => set('by', (e.target as HTMLSelectElement).value)}>{GROUPINGS.map((g) => <option key={g} value={g}>{g === 'type' ? 'actor type' : g}</option>)}</select></label>
          <label>Bucket <select value={bucket} onChange={(e) => set('bucket', (e.target as HTMLSelectElement).value)}>{BUCKETS.map((b) => <option key={b}>{b}</option>)}</select></label>
          <label>Time zone <select value={tz} onChange={(e) => set('tz', (e.target as HTMLSelectElement).value)}>{ZONES.map((z) => <option key={z}>{z}</option>)}</select></label>
        </form>
      }>
        {tl.loading ? <Loading what="the timeline" /> : tl.error ? <ErrorBox error={tl.error} /> : tl.data.items === 0 ? <p class="muted">No mentions.</p> : (
          <>
            <p class="small muted">Mentions per {tl.data.timeline.bucket} ({tl.data.timeline.timeZone}), stacked by {by === 'type' ? 'actor type' : by}. Shaded bands are surges; numbered lines are calendar events. Click a bar — or focus the chart and use the arrow keys and Enter — to list its documents.</p>
            <TimelineChart timeline={tl.data.timeline} events={events.data?.calendar ?? []} surges={surges.data?.surges ?? []} selected={sel?.index} onSelect={onSelect} />
            {events.data && events.data.calendar.length ? (
              <ol class="event-list small">{events.data.calendar.map((e) => <li key={e.id}><time>{e.date}</time> {e.title} <span class="muted">({e.kind})</span></li>)}</ol>
            ) : null}
            <details class="small">
              <summary>Buckets as a table</summary>
              <table class="data"><thead><tr><th scope="col">{tl.data.timeline.bucket}</th><th scope="col" class="num">mentions</th><th scope="col">evidence</th></tr></thead>
                <tbody>{tl.data.timeline.labels.map((l, i) => tl.data!.timeline.total[i] > 0 ? (
                  <tr key={l}><td>{l}</td><td class="num">{tl.data!.timeline.total[i]}</td><td><button type="button" class="link" onClick={() => onSelect({ index: i, label: l, from: tl.data!.timeline.starts[i], to: bucketEnd(tl.data!.timeline, i) })}>show documents</button></td></tr>
                ) : null)}</tbody></table>
            </details>
            {sel ? <Evidence id={id} sel={sel} by={by} onAll={() => setSel({ ...sel, key: undefined })} /> : null}
          </>
        )}
      </Section>

      <Section id="surges" title="Surges and first movers">
        {surges.loading ? <Loading what="surges" /> : surges.error ? <ErrorBox error={surges.error} /> : <SurgeList surges={surges.data.surges} />}
      </Section>

      <Section id="coordination" title="Coordination">
        {ov ? <Coordination since={ov.first?.slice(0, 10)} until={ov.last ? new Date(Date.parse(ov.last.slice(0, 10)) + 86_400_000).toISOString().slice(0, 10) : undefined} /> : <Loading what="the period" />}
      </Section>

      <Section id="claims" title="Claims carrying this narrative">
        <ClaimList fixed={{ narrative: id }} />
      </Section>
    </>
  );
}
