import { useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { api, download, type Citation } from '../api.ts';
import { ErrorBox, Loading, Section, StanceBadge } from '../components/common.tsx';
import { href } from '../router.ts';
import { day, humanize, num, shortLabel, useAsync } from '../util.ts';

function Cites({ citations }: { citations: Citation[] }) {
  if (!citations.length) return null;
  const parts: ComponentChildren[] = citations.map((c, i) => (
    <a key={`${c.documentId}-${i}`} class="cite" href={href(['doc', c.documentId])}>[{c.speaker ? `${c.speaker} via ` : ''}{c.source}, {day(c.publishedAt)}]</a>
  ));
  return <>{' '}{parts}</>;
}

export function BriefPage() {
  const brief = useAsync(() => api.brief(), []);
  const [status, setStatus] = useState('');
  const exportAs = async (format: 'md' | 'html' | 'json') => {
    setStatus(`Preparing ${format.toUpperCase()}…`);
    try {
      await download('/api/brief', { format, download: true }, `narrascope-brief.${format}`);
      setStatus(`Downloaded narrascope-brief.${format}`);
    } catch (err) {
      setStatus(`Export failed: ${(err as Error).message}`);
    }
  };
  return (
    <>
      <h1>Brief</h1>
      <div class="toolbar" role="group" aria-label="Export the brief">
        <button type="button" onClick={() => exportAs('md')}>Export Markdown</button>
        <button type="button" onClick={() => exportAs('html')}>Export HTML</button>
        <button type="button" onClick={() => exportAs('json')}>Export JSON</button>
        <span class="small muted" role="status" aria-live="polite">{status}</span>
      </div>
      {brief.loading ? <Loading what="the brief (it gathers every finding with its evidence)" /> : brief.error ? <ErrorBox error={brief.error} /> : (
        <>
          <p class="meta">Generated {brief.data.generatedAt} by Narrascope {brief.data.narrascopeVersion}. {num(brief.data.corpus.documents)} documents, {day(brief.data.corpus.first)} to {day(brief.data.corpus.last)}; corpus fingerprint <code>{brief.data.corpus.fingerprint}</code>.</p>
          <Section id="takeaways" title="Key takeaways">
            <ul class="findings">{brief.data.keyTakeaways.map((k, i) => <li key={i}>{k.text}<Cites citations={k.citations} /></li>)}</ul>
          </Section>
          {brief.data.narratives.map((n) => (
            <Section key={n.id} id={`brief-${n.id}`} title={shortLabel(n.label)}>
              <p class="small muted">{n.label} · {num(n.mentions)} mentions ({num(n.amplifying)} amplifying, {num(n.refuting)} refuting), {day(n.first)} – {day(n.last)} · <a href={href(['narrative', n.id])}>open the narrative</a></p>
              <ul class="findings">{n.findings.map((f, i) => <li key={i}>{f.text}<Cites citations={f.citations} /></li>)}</ul>
              {n.pushers.length ? (
                <>
                  <h3>Who pushes it</h3>
                  <table class="data"><thead><tr><th scope="col">actor type</th><th scope="col" class="num">mentions</th><th scope="col">actors</th><th scope="col">first</th><th scope="col">last</th></tr></thead>
                    <tbody>{n.pushers.map((p) => <tr key={p.actorType}><td>{humanize(p.actorType)}</td><td class="num">{num(p.mentions)}</td><td>{p.actors.join(', ')}</td><td>{day(p.first)}</td><td>{day(p.last)}</td></tr>)}</tbody>
                  </table>
                </>
              ) : null}
              {n.claims.length ? (
                <>
                  <h3>What is claimed</h3>
                  <ol class="claim-list">{n.claims.map((c, i) => (
                    <li key={i} class="claim"><strong>{c.speaker}</strong>{c.speakerType ? ` (${humanize(c.speakerType)})` : ''} <em>{c.cue}</em>{c.date ? ` on ${c.date}` : ''}:
                      <blockquote lang={/^[a-z]{2,3}$/.test(c.lang) ? c.lang : undefined}>{c.content}</blockquote>
                      <div class="small meta"><StanceBadge stance={c.stance} /> via {c.chain.join(' → ') || 'the publisher'}<Cites citations={[c.citation]} /></div>
                    </li>
                  ))}</ol>
                </>
              ) : null}
              {n.assessments.length ? (
                <>
                  <h3>Assessments on record</h3>
                  <ul>{n.assessments.map((a, i) => <li key={i}><strong>{a.by}</strong>: {a.verdict} — “{a.text}”<Cites citations={[a.citation]} /></li>)}</ul>
                </>
              ) : null}
            </Section>
          ))}
        </>
      )}
    </>
  );
}
