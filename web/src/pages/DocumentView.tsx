import { useMemo, useState } from 'preact/hooks';
import { api, type DocumentDetail } from '../api.ts';
import { ErrorBox, Loading, Section, StanceBadge, TypeBadge } from '../components/common.tsx';
import { HighlightedText, type Highlight } from '../components/HighlightedText.tsx';
import { href } from '../router.ts';
import { dateTime, humanize, safeHref, shortLabel, useAsync } from '../util.ts';

function highlightsOf(d: DocumentDetail): Highlight[] {
  const out: Highlight[] = [];
  d.attributions.forEach((a) => {
    const who = a.speaker.name ?? a.speaker.text;
    out.push({ ...a.speaker, role: 'speaker', group: a.index, title: `speaker #${a.index + 1}: ${who}` });
    out.push({ ...a.cue, role: 'cue', group: a.index, title: `cue #${a.index + 1}: ${a.cue.text}` });
    out.push({ ...a.content, role: 'content', group: a.index, title: `content #${a.index + 1} (${a.stance})` });
    for (const n of a.narratives) for (const e of n.evidence) out.push({ start: e.start, end: e.end, role: 'evidence', title: `narrative cue: ${shortLabel(n.label)}` });
  });
  for (const n of d.narratives) for (const e of n.evidence) out.push({ start: e.start, end: e.end, role: 'evidence', title: `narrative cue: ${shortLabel(n.label)}${e.cue ? ` (${e.cue})` : ''}` });
  for (const e of d.events) out.push({ start: e.start, end: e.end, role: 'event', title: `event ${e.date}` });
  for (const a of d.assessments) out.push({ start: a.start, end: a.end, role: 'assessment', title: `assessment by ${a.by.name}: ${a.verdict}` });
  return out;
}

export function DocumentView({ id, params }: { id: string; params: URLSearchParams }) {
  const doc = useAsync(() => api.document(id), [id]);
  const initial = Number(params.get('a'));
  const [active, setActive] = useState<number | undefined>(Number.isInteger(initial) ? initial : undefined);
  const highlights = useMemo(() => (doc.data ? highlightsOf(doc.data) : []), [doc.data]);
  if (doc.loading) return <Loading what="the document" />;
  if (doc.error) return <ErrorBox error={doc.error} />;
  const d = doc.data.document;
  const labels = new Map(doc.data.narratives.map((n) => [n.id, shortLabel(n.label)]));
  const link = safeHref(d.url);
  const focus = (i: number) => {
    setActive(i);
    requestAnimationFrame(() => document.querySelector(`.doc-text mark[data-attribution~="${i}"]`)?.scrollIntoView({ block: 'center' }));
  };
  return (
    <>
      <nav aria-label="breadcrumb" class="crumbs"><a href="#/">Narratives</a> › <a href={href(['search'])}>Documents</a></nav>
      <h1 class="doc-heading">{d.title || `${d.source.name}, ${dateTime(d.publishedAt)}`}</h1>
      <p class="meta">
        {dateTime(d.publishedAt)} UTC · {d.source.name}{doc.data.actor ? <> · <TypeBadge type={doc.data.actor.type} /></> : null} · {d.lang} · {d.kind}
        {link ? <> · <a href={link} rel="noopener noreferrer nofollow" target="_blank">original</a></> : d.url ? <> · <span class="muted">{d.url}</span></> : null}
        {' '}· id <code>{d.id}</code>
      </p>
      <div class="doc-layout">
        <Section id="text" title="Text">
          <ul class="legend small" aria-label="Highlight legend">
            <li><mark class="hl-speaker">speaker</mark></li><li><mark class="hl-cue">cue</mark></li><li><mark class="hl-content">content</mark></li>
            <li><mark class="hl-evidence">narrative cue</mark></li><li><mark class="hl-assessment">assessment</mark></li><li><mark class="hl-event">event</mark></li>
          </ul>
          <HighlightedText text={d.text} highlights={highlights} active={active} lang={d.lang} />
        </Section>
        <aside class="doc-side">
          <Section id="narratives" title="Narratives">
            {doc.data.narratives.length === 0 ? <p class="muted">none found</p> : (
              <ul class="plain">{doc.data.narratives.map((n) => (
                <li key={n.id}><a href={href(['narrative', n.id])}>{shortLabel(n.label)}</a> <StanceBadge stance={n.stance} /> <span class="muted small">score {n.score.toFixed(2)}</span></li>
              ))}</ul>
            )}
          </Section>
          <Section id="attributions" title={`Attributions (${doc.data.attributions.length})`}>
            {doc.data.attributions.length === 0 ? <p class="muted">none found</p> : (
              <ol class="attribution-list">
                {doc.data.attributions.map((a) => (
                  <li key={a.index} class={active === a.index ? 'active' : ''}>
                    <button type="button" class="link" aria-pressed={active === a.index} onClick={() => focus(a.index)}>
                      <strong>{a.speaker.name ?? a.speaker.text}</strong> <em>{a.cue.text}</em>
                    </button>
                    {' '}<TypeBadge type={a.speaker.type} /> <StanceBadge stance={a.stance} />{a.date ? <span class="small"> · said {a.date}</span> : null}
                    {a.chain.length ? <div class="small muted">via {a.chain.map((c) => c.name).join(' → ')}</div> : null}
                  </li>
                ))}
              </ol>
            )}
          </Section>
          {doc.data.assessments.length ? (
            <Section id="assessments" title="Assessments">
              <ul class="plain">{doc.data.assessments.map((a, i) => <li key={i}><strong>{a.by.name}</strong>: {a.verdict} — “{a.text}”</li>)}</ul>
            </Section>
          ) : null}
          {doc.data.mentions.length ? (
            <Section id="mentions" title="Who carries what">
              <ul class="plain small">{doc.data.mentions.slice(0, 50).map((m, i) => (
                <li key={i}>{m.actorName} <TypeBadge type={m.actorType} /> <StanceBadge stance={m.stance} /> <a href={href(['narrative', m.narrativeId])}>{labels.get(m.narrativeId) ?? humanize(m.narrativeId)}</a></li>
              ))}</ul>
            </Section>
          ) : null}
        </aside>
      </div>
    </>
  );
}
