import { api, type NarrativeOverview } from '../api.ts';
import { ErrorBox, Loading, Section, ShareBar, Sparkline } from '../components/common.tsx';
import { href } from '../router.ts';
import { day, num, shortLabel, useAsync } from '../util.ts';

function SurgeBadges({ n }: { n: NarrativeOverview }) {
  const surges = n.surges ?? [];
  if (surges.length === 0) return <span class="muted small">none</span>;
  return (
    <ul class="badges">
      {surges.slice(-3).map((s) => (
        <li key={`${s.kind}-${s.onset}`}>
          <a class={`badge surge-badge surge-${s.kind}`} href={href(['narrative', n.id], { focus: s.onset.slice(0, 10) })}
            title={`${s.kind} from ${day(s.onset)}, peak ${day(s.peak)}, ×${s.magnitude.toFixed(1)}`}>
            {s.kind === 'burst' ? '▲' : '↗'} {s.kind} {day(s.onset)} ×{s.magnitude.toFixed(1)}
          </a>
        </li>
      ))}
      {surges.length > 3 ? <li class="muted small">+{surges.length - 3} earlier</li> : null}
    </ul>
  );
}

export function Overview() {
  const stats = useAsync(() => api.stats(), []);
  const overview = useAsync(() => api.overview(), []);
  const alerts = useAsync(() => api.alerts(), []);
  return (
    <>
      <h1>Narratives</h1>
      {stats.data ? (
        <p class="lede">
          {num(stats.data.documents)} documents from {num(stats.data.sourceCount)} sources, {day(stats.data.first)} to {day(stats.data.last)}
          {' '}({Object.entries(stats.data.byLang).map(([l, n]) => `${l} ${num(n)}`).join(', ')}).
        </p>
      ) : stats.error ? <ErrorBox error={stats.error} /> : null}
      <Section id="overview" title="Who pushes which narrative">
        {overview.loading ? <Loading what="the narratives overview" /> : overview.error ? <ErrorBox error={overview.error} /> : overview.data.narratives.length === 0 ? (
          <p>No narrative mentions yet: ingest documents (with analysis) to see narratives here.</p>
        ) : (
          <div class="table-wrap">
            <table class="data overview-table">
              <caption class="sr-only">Narratives by number of mentions, with weekly trend, surges, stance and share of voice by actor type</caption>
              <thead>
                <tr>
                  <th scope="col">narrative</th><th scope="col" class="num">mentions</th><th scope="col">weekly amplification</th>
                  <th scope="col">surges</th><th scope="col">stance</th><th scope="col">share of voice (amplifying)</th>
                </tr>
              </thead>
              <tbody>
                {overview.data.narratives.map((n) => {
                  const depth = n.parent ? (overview.data!.narratives.some((p) => p.id === n.parent) ? (n.label.split(': ').length - 2) : 1) : 0;
                  return (
                    <tr key={n.id} class={`depth-${Math.min(depth, 3)}`} data-narrative={n.id}>
                      <th scope="row" class="narrative-cell">
                        <a href={href(['narrative', n.id])}>{shortLabel(n.label)}</a>
                        <div class="muted small">{n.label}</div>
                      </th>
                      <td class="num">{num(n.mentions)}</td>
                      <td><Sparkline values={n.weekly.map((w) => w.count)} label={`weekly amplifying mentions from ${n.weekly[0]?.week ?? ''}: peak ${Math.max(0, ...n.weekly.map((w) => w.count))}`} /></td>
                      <td><SurgeBadges n={n} /></td>
                      <td><ShareBar counts={n.byStance} label="stance" legend={false} /><div class="small muted">{Object.entries(n.byStance).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${num(v)}`).join(' · ')}</div></td>
                      <td><ShareBar counts={n.byActorType} label="share of voice by actor type" max={3} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Section>
      {alerts.data && alerts.data.alerts.length > 0 ? (
        <Section id="alerts" title="Alerts">
          <ul class="alerts">
            {alerts.data.alerts.map((a) => (
              <li key={a.id} data-alert={a.type}>
                <strong>{a.title}</strong> <span class="muted small">({a.type.replace(/_/g, ' ')}, {day(a.at)}; rule {a.rule}; fired {day(a.createdAt)}, webhook {a.delivery.status})</span>
                {a.evidence.length ? (
                  <div class="small">evidence: {a.evidence.slice(0, 6).map((id, i) => <>{i ? ', ' : ''}<a href={href(['document', id])}>{id.slice(0, 10)}</a></>)}</div>
                ) : null}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </>
  );
}
