import { api } from '../api.ts';
import { ErrorBox, Loading, Pager, TypeBadge } from '../components/common.tsx';
import { href, navigate } from '../router.ts';
import { dateTime, num, useAsync } from '../util.ts';

const KEYS = ['q', 'lang', 'source', 'since', 'until'] as const;

export function SearchPage({ params }: { params: URLSearchParams }) {
  const filters: Record<string, string> = {};
  for (const k of KEYS) { const v = params.get(k); if (v) filters[k] = v; }
  const offset = Math.max(0, Math.min(100_000, Number(params.get('offset')) || 0));
  const limit = 25;
  const key = JSON.stringify(filters);
  const res = useAsync(() => api.documents({ ...filters, limit, offset }), [key, offset]);
  const submit = (e: Event) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const next: Record<string, string> = {};
    for (const [k, v] of data.entries()) if (typeof v === 'string' && v.trim()) next[k] = v.trim();
    navigate(href(['search'], next));
  };
  return (
    <>
      <h1>Documents</h1>
      <form class="filters" role="search" aria-label="Search documents" onSubmit={submit}>
        <label class="grow">Words <input type="search" name="q" defaultValue={filters.q ?? ''} maxLength={500} placeholder="e.g. Курск, Kursk" /></label>
        <label>Language <select name="lang" defaultValue={filters.lang ?? ''}><option value="">any</option><option>en</option><option>ru</option><option>uk</option></select></label>
        <label>Source <input name="source" defaultValue={filters.source ?? ''} maxLength={200} placeholder="name, handle or actor id" /></label>
        <label>From <input type="date" name="since" defaultValue={filters.since ?? ''} /></label>
        <label>Until <input type="date" name="until" defaultValue={filters.until ?? ''} /></label>
        <button type="submit">Search</button>
      </form>
      {res.loading ? <Loading what="documents" /> : res.error ? <ErrorBox error={res.error} /> : (
        <>
          <p class="muted small" aria-live="polite">{num(res.data.count)} document(s)</p>
          <ol class="doc-list" start={offset + 1}>
            {res.data.documents.map((d) => (
              <li key={d.id} class="doc-item">
                <a class="doc-title" href={href(['doc', d.id])}>{d.title || d.excerpt.slice(0, 100) || d.id}</a>
                <div class="meta">{dateTime(d.publishedAt)} · {d.source.name}{d.actorType ? <> · <TypeBadge type={d.actorType} /></> : null} · {d.lang} · {d.kind}</div>
                <p class="excerpt">{d.excerpt}</p>
              </li>
            ))}
          </ol>
          <Pager count={res.data.count} limit={limit} offset={offset} label="documents" onPage={(o) => navigate(href(['search'], { ...filters, offset: o }))} />
        </>
      )}
    </>
  );
}
