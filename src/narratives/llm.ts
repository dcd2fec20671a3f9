/**
 * Optional LLM backend: any OpenAI-compatible chat endpoint (`POST {base}/v1/chat/completions`), prompted
 * hierarchically with the taxonomy's labels and descriptions (coarse narratives first, then the sub-narratives of
 * each chosen one) and asked for JSON. Off by default: nothing touches the network unless a base URL is given in
 * the options or in NARRASCOPE_LLM_URL. Responses are cached on disk; requests have a timeout and retries; token
 * and cost counters accumulate in `usage`.
 *
 * Environment: NARRASCOPE_LLM_URL (base URL, e.g. http://127.0.0.1:8080), NARRASCOPE_LLM_MODEL, NARRASCOPE_LLM_KEY,
 * NARRASCOPE_LLM_CACHE (cache folder).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { NarrativeHit } from '../model/attribution.ts';
import type { AsyncNarrativeClassifier, ClassifyInput, NarrativeEvidence } from './classifier.ts';
import { indexTaxonomy, nodeByLabel, type Taxonomy, type TaxonomyNode } from './taxonomy.ts';

export interface ChatOptions {
  taxonomy: Taxonomy;
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  /** Cache folder; `false` disables the cache. Default NARRASCOPE_LLM_CACHE or ~/.cache/narrascope/llm. */
  cacheDir?: string | false;
  timeoutMs?: number;
  /** Retries after a failed request (network error, timeout, 429, 5xx). Default 2. */
  retries?: number;
  /** Text longer than this is cut (characters). Default 8000. */
  maxChars?: number;
  /** Also ask for the sub-narratives of each chosen narrative (default true). */
  hierarchical?: boolean;
  /** USD per 1,000 tokens, for the cost counter. */
  price?: { prompt: number; completion: number };
  /** Extra environment (defaults to process.env). */
  env?: Record<string, string | undefined>;
  /** Injected fetch (tests). */
  fetch?: typeof fetch;
}

export interface ChatUsage {
  requests: number;
  cacheHits: number;
  failures: number;
  retries: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface ChatClassifier extends AsyncNarrativeClassifier {
  usage: ChatUsage;
  readonly model: string;
  readonly baseUrl: string;
}

export class LlmNotConfiguredError extends Error {}

interface ChatMessage { role: 'system' | 'user' | 'assistant'; content: string }

/** The first JSON object in a model reply (tolerates code fences and chatter around it). */
export function parseJsonReply(content: string): unknown {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content);
  const body = fenced ? fenced[1] : content;
  const start = body.indexOf('{');
  if (start < 0) throw new Error('no JSON object in reply');
  let depth = 0, inStr = false, esc = false;
  for (let i = start; i < body.length; i++) {
    const ch = body[i];
    if (inStr) {
      if (esc) esc = false; else if (ch === '\\') esc = true; else if (ch === '"') inStr = false;
      continue;
    }
    if (ch === '"') inStr = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return JSON.parse(body.slice(start, i + 1));
  }
  throw new Error('unterminated JSON object in reply');
}

function optionList(nodes: TaxonomyNode[]): string {
  return nodes.map((n) => `- "${n.label}"${n.description ? `: ${n.description.replace(/\s+/g, ' ').trim()}` : ''}`).join('\n');
}

const SYSTEM = 'You classify news text by the propaganda narratives it carries, using only the labels given. ' +
  'A narrative counts when the text advances it, or reports someone advancing it. Reply with JSON only.';

export function createChatClassifier(opts: ChatOptions): ChatClassifier {
  const env = opts.env ?? process.env;
  const baseUrl = (opts.baseUrl ?? env.NARRASCOPE_LLM_URL ?? '').replace(/\/+$/, '');
  if (!baseUrl) {
    throw new LlmNotConfiguredError('LLM backend not configured: pass baseUrl or set NARRASCOPE_LLM_URL (an OpenAI-compatible endpoint)');
  }
  const model = opts.model ?? env.NARRASCOPE_LLM_MODEL ?? 'default';
  const apiKey = opts.apiKey ?? env.NARRASCOPE_LLM_KEY;
  const cacheDir = opts.cacheDir === false ? null : (opts.cacheDir ?? env.NARRASCOPE_LLM_CACHE ?? join(homedir(), '.cache', 'narrascope', 'llm'));
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const retries = opts.retries ?? 2;
  const maxChars = opts.maxChars ?? 8000;
  const hierarchical = opts.hierarchical ?? true;
  const doFetch = opts.fetch ?? fetch;
  const taxonomy = opts.taxonomy;
  const ix = indexTaxonomy(taxonomy);
  const usage: ChatUsage = { requests: 0, cacheHits: 0, failures: 0, retries: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 };
  const url = /\/v1$/.test(baseUrl) ? `${baseUrl}/chat/completions` : `${baseUrl}/v1/chat/completions`;

  const chat = async (messages: ChatMessage[]): Promise<string> => {
    const body = { model, messages, temperature: 0, response_format: { type: 'json_object' } };
    const key = createHash('sha256').update(JSON.stringify([url, body])).digest('hex');
    const file = cacheDir ? join(cacheDir, key.slice(0, 2), `${key}.json`) : null;
    if (file && existsSync(file)) {
      try {
        const cached = JSON.parse(readFileSync(file, 'utf8')) as { content: string };
        usage.cacheHits++;
        return cached.content;
      } catch { /* unreadable cache entry: ask again */ }
    }
    let lastErr: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) { usage.retries++; await new Promise((r) => setTimeout(r, Math.min(4000, 150 * 2 ** attempt))); }
      const ctrl = new AbortController();
      const timer = setTimeout(() => ctrl.abort(), timeoutMs);
      try {
        usage.requests++;
        const res = await doFetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
          body: JSON.stringify(body),
          signal: ctrl.signal,
        });
        if (res.status === 429 || res.status >= 500) { lastErr = new Error(`HTTP ${res.status}`); continue; }
        if (!res.ok) throw Object.assign(new Error(`LLM endpoint answered HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`), { fatal: true });
        const json = await res.json() as { choices?: Array<{ message?: { content?: string } }>; usage?: { prompt_tokens?: number; completion_tokens?: number } };
        const content = json.choices?.[0]?.message?.content;
        if (typeof content !== 'string') throw Object.assign(new Error('LLM reply has no choices[0].message.content'), { fatal: true });
        const pt = json.usage?.prompt_tokens ?? 0, ct = json.usage?.completion_tokens ?? 0;
        usage.promptTokens += pt;
        usage.completionTokens += ct;
        if (opts.price) usage.costUsd += (pt * opts.price.prompt + ct * opts.price.completion) / 1000;
        if (file) {
          mkdirSync(join(cacheDir!, key.slice(0, 2)), { recursive: true });
          writeFileSync(file, JSON.stringify({ content, usage: json.usage ?? null, model, at: new Date().toISOString() }));
        }
        return content;
      } catch (e) {
        lastErr = e;
        if ((e as { fatal?: boolean }).fatal) break;
      } finally {
        clearTimeout(timer);
      }
    }
    usage.failures++;
    throw new Error(`LLM request failed after ${retries + 1} attempt(s): ${(lastErr as Error)?.message ?? lastErr}`);
  };

  const locate = (text: string, quote: unknown, offset: number): NarrativeEvidence[] => {
    if (typeof quote !== 'string' || quote.trim().length < 3) return [];
    const q = quote.trim();
    let i = text.indexOf(q);
    if (i < 0) i = text.toLowerCase().indexOf(q.toLowerCase());
    if (i < 0) return [];
    return [{ text: text.slice(i, i + q.length), start: offset + i, end: offset + i + q.length, classifier: 'llm' }];
  };

  const pick = async (text: string, offset: number, options: TaxonomyNode[], key: string, question: string) => {
    const user = `${question}\n\nLabels:\n${optionList(options)}\n\nText:\n"""\n${text}\n"""\n\n` +
      `Answer as {"${key}": [{"label": "<exact label>", "confidence": 0..1, "evidence": "<short exact quote>"}]}; ` +
      `an empty list if none applies.`;
    const reply = await chat([{ role: 'system', content: SYSTEM }, { role: 'user', content: user }]);
    let parsed: unknown;
    try { parsed = parseJsonReply(reply); } catch { return []; }
    const list = (parsed as Record<string, unknown>)?.[key];
    if (!Array.isArray(list)) return [];
    const allowed = new Set(options.map((n) => n.id));
    const out: Array<{ node: TaxonomyNode; score: number; evidence: NarrativeEvidence[] }> = [];
    for (const item of list) {
      const label = typeof item === 'string' ? item : (item as { label?: unknown })?.label;
      if (typeof label !== 'string') continue;
      const node = nodeByLabel(taxonomy, label);
      if (!node || !allowed.has(node.id)) continue;
      const conf = Number((item as { confidence?: unknown })?.confidence);
      out.push({ node, score: Number.isFinite(conf) && conf > 0 ? Math.min(1, conf) : 0.8, evidence: locate(text, (item as { evidence?: unknown })?.evidence, offset) });
    }
    return out;
  };

  return {
    name: 'llm',
    usage,
    model,
    baseUrl,
    async classify(input: ClassifyInput): Promise<NarrativeHit[]> {
      const parts = input.spans?.length ? input.spans.map((s) => ({ start: s.start, text: input.text.slice(s.start, s.end) })) : [{ start: 0, text: input.text }];
      const hits = new Map<string, NarrativeHit>();
      const add = (node: TaxonomyNode, score: number, evidence: NarrativeEvidence[]) => {
        const h = hits.get(node.id);
        if (!h) hits.set(node.id, { id: node.id, label: node.label, score, evidence });
        else { h.score = Math.max(h.score, score); h.evidence.push(...evidence); }
      };
      for (const part of parts) {
        const text = part.text.slice(0, maxChars);
        if (!text.trim()) continue;
        const coarse = await pick(text, part.start, ix.roots, 'narratives', 'Which of these narratives does the text carry?');
        for (const c of coarse) {
          add(c.node, c.score, c.evidence);
          const kids = (ix.children.get(c.node.id) ?? []).filter((n) => !n.other);
          if (!hierarchical || !kids.length) continue;
          const fine = await pick(text, part.start, kids, 'subnarratives', `The text carries the narrative "${c.node.label}". Which of its sub-narratives?`);
          for (const f of fine) add(f.node, Math.min(c.score, f.score), f.evidence);
        }
      }
      return [...hits.values()].sort((a, b) => b.score - a.score);
    },
  };
}
