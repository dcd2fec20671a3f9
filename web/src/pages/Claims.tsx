import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { ErrorBox, Loading, Pager, StanceBadge, TypeBadge } from '../components/common.tsx';
import { href, navigate } from '../router.ts';
import { day, humanize, useAsync } from '../util.ts';

const TYPES = ['head_of_state', 'government_official', 'regional_official', 'military_official', 'legislator', 'state_media',
  'state_affiliated_media', 'milblogger', 'pro_government_influencer', 'independent_media', 'foreign_media', 'exiled_media',
  'think_tank', 'fact_checker', 'ngo', 'international_org', 'aggregator_channel', 'unknown'];
const STANCES = ['asserts', 'relays', 'refutes', 'unknown'];

export interface ClaimFilters { narrative?: string; speaker?: string; speakerType?: string; stance?: string; since?: string; until?: string; q?: string }

export function ClaimList({ fixed = {}, filters = {}, limit = 10 }: { fixed?: ClaimFilters; filters?: ClaimFilters; limit?: number }) {
  const [offset, setOffset] = useState(0);
  const all = { ...filters, ...fixed };
  const key = JSON.stringify(all);
  const claims = useAsync(() => api.claims({ ...all, limit, offset }), [key, offset]);
  if (claims.loading) return <Loading what="claims" />;
  if (claims.error) return <ErrorBox error={claims.error} />;
  if (claims.data.count === 0) return <p class="muted">No claims match.</p>;
  return (
    <>
      <ol class="claim-list" start={offset + 1}>
        {claims.data.claims.map((c) => (
          <li key={`${c.documentId}-${c.index}`} class="claim">
            <div>
              <strong>{c.speaker.name ?? c.speaker.text}</strong> <TypeBadge type={c.speaker.type} /> <em>{c.cue.text}</em>{c.date ? <> on {c.date}</> : null}:
            </div>
            <blockquote>{c.content.text}</blockquote>
            <div class="meta small">
              <StanceBadge stance={c.mentionStance ?? c.stance} />{' '}
              {c.chain.length ? <>via {c.chain.map((l) => l.name).join(' → ')} · </> : null}
              <a href={href(['doc', c.documentId], { a: c.index })}>{c.document?.title || c.document?.source || c.documentId}</a>
              {c.document ? <> · {c.document.source} · {day(c.document.publishedAt)}</> : null}
            </div>
          </li>
        ))}
      </ol>
      <Pager count={claims.data.count} limit={limit} offset={offset} onPage={setOffset} label="claims" />
    </>
  );
}

export function ClaimsPage({ params }: { params: URLSearchParams }) {
  const filters: ClaimFilters = {};
  for (const k of ['narrative', 'speaker', 'speakerType', 'stance', 'since', 'until', 'q'] as const) {
    const v = params.get(k);
    if (v) filters[k] = v;
  }
  const submit = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const next: Record<string, string> = {};
    for (const [k, v] of data.entries()) if (typeof v === 'string' && v.trim()) next[k] = v.trim();
    navigate(href(['claims'], next));
  };
  return (
    <>
      <h1>Claims</h1>
      <form class="filters" onSubmit={submit} role="search" aria-label="Filter claims">
        <label>Text <input name="q" defaultValue={filters.q ?? ''} maxLength={500} /></label>
        <label>Speaker <input name="speaker" defaultValue={filters.speaker ?? ''} maxLength={200} placeholder="name or actor id" /></label>
        <label>Speaker type <select name="speakerType" defaultValue={filters.speakerType ?? ''}><option value="">any</option>{TYPES.map((t) => <option key={t} value={t}>{humanize(t)}</option>)}</select></label>
        <label>Stance <select name="stance" defaultValue={filters.stance ?? ''}><option value="">any</option>{STANCES.map((t) => <option key={t}>{t}</option>)}</select></label>
        <label>From <input type="date" name="since" defaultValue={filters.since ?? ''} /></label>
        <label>Until <input type="date" name="until" defaultValue={filters.until ?? ''} /></label>
        <label>Narrative <input name="narrative" defaultValue={filters.narrative ?? ''} maxLength={300} placeholder="id or part of the label" /></label>
        <button type="submit">Filter</button>
      </form>
      <ClaimList filters={filters} limit={25} />
    </>
  );
}
