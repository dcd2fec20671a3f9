import { render } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import './styles.css';
import { getToken, setToken } from './api.ts';
import { useRoute, href } from './router.ts';
import { Overview } from './pages/Overview.tsx';
import { NarrativePage } from './pages/Narrative.tsx';
import { DocumentView } from './pages/DocumentView.tsx';
import { SearchPage } from './pages/Search.tsx';
import { ClaimsPage } from './pages/Claims.tsx';
import { BriefPage } from './pages/BriefPage.tsx';

function Settings() {
  const [value, setValue] = useState(getToken());
  const [saved, setSaved] = useState('');
  return (
    <>
      <h1>Access</h1>
      <p>On a server reachable from the network, reads need the server’s token. It is kept in this tab only (sessionStorage).</p>
      <form class="filters" onSubmit={(e) => { e.preventDefault(); setToken(value.trim()); setSaved(value.trim() ? 'Token saved for this tab.' : 'Token cleared.'); }}>
        <label class="grow">Bearer token <input type="password" autoComplete="off" value={value} onInput={(e) => setValue((e.target as HTMLInputElement).value)} /></label>
        <button type="submit">Save</button>
      </form>
      <p role="status" aria-live="polite">{saved}</p>
    </>
  );
}

const NAV = [
  { path: '', label: 'Narratives' },
  { path: 'search', label: 'Documents' },
  { path: 'claims', label: 'Claims' },
  { path: 'brief', label: 'Brief' },
];

function App() {
  const route = useRoute();
  const [head, id] = route.path;
  const main = useRef<HTMLElement>(null);
  // Move focus to the page on navigation, so keyboard and screen-reader users land on the new content.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [head, id]);
  let page;
  if (!head) page = <Overview />;
  else if (head === 'narrative' && id) page = <NarrativePage key={id} id={id} params={route.params} />;
  else if (head === 'doc' && id) page = <DocumentView key={id} id={id} params={route.params} />;
  else if (head === 'search') page = <SearchPage params={route.params} />;
  else if (head === 'claims') page = <ClaimsPage params={route.params} />;
  else if (head === 'brief') page = <BriefPage />;
  else if (head === 'settings') page = <Settings />;
  else page = <p>Page not found. <a href="#/">Back to the narratives</a>.</p>;
  const current = head ?? '';
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); main.current?.focus(); }}>Skip to content</a>
      <header class="top">
        <a class="brand" href="#/">Narrascope</a>
        <nav aria-label="main">
          <ul>
            {NAV.map((n) => (
              <li key={n.path}><a href={href(n.path ? [n.path] : [])} aria-current={current === n.path || (n.path === '' && current === 'narrative') ? 'page' : undefined}>{n.label}</a></li>
            ))}
            <li><a href={href(['settings'])} aria-current={current === 'settings' ? 'page' : undefined}>Access</a></li>
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>{page}</main>
      <footer class="foot small">Narrascope dashboard · API: <a href="/api/openapi.json">OpenAPI</a></footer>
    </>
  );
}

render(<App />, document.getElementById('app')!);
