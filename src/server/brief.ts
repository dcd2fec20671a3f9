/**
 * The brief over HTTP: the lead's buildBrief and renderers (src/report/brief.ts), as `narrascope brief` uses them.
 * The md/html renderings are sent as downloads, never rendered in the dashboard's origin, and the HTML carries its
 * own sandboxing CSP.
 */
import type { Brief } from '../report/brief.ts';
import { renderHtml, renderMarkdown } from '../report/brief.ts';
import { RawResponse } from './routes.ts';

export function renderBrief(brief: Brief, format: 'json' | 'md' | 'html'): RawResponse {
  const stamp = brief.generatedAt.slice(0, 10);
  if (format === 'md') {
    return new RawResponse(renderMarkdown(brief), {
      'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': `attachment; filename="narrascope-brief-${stamp}.md"`,
    });
  }
  if (format === 'html') {
    return new RawResponse(renderHtml(brief), {
      'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': `attachment; filename="narrascope-brief-${stamp}.html"`,
      'Content-Security-Policy': "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
    });
  }
  return new RawResponse(`${JSON.stringify(brief, null, 2)}\n`, {
    'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="narrascope-brief-${stamp}.json"`,
  });
}
