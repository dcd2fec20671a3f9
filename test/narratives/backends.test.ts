import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadTaxonomy } from '../../src/narratives/taxonomy.ts';
import { createChatClassifier, LlmNotConfiguredError, parseJsonReply } from '../../src/narratives/llm.ts';
import { createEmbeddingClassifier } from '../../src/narratives/embedding.ts';
import { combineClassifiers } from '../../src/narratives/classifier.ts';
import { createLexicalClassifier } from '../../src/narratives/lexical.ts';

const taxonomy = loadTaxonomy('urw');
const TEXT = 'Putin said Ukrainian forces committed terrorism against civilians in Kursk region.';

/** A tiny OpenAI-compatible endpoint on 127.0.0.1: answers the coarse question, then the sub-narrative one. */
async function withServer(fn: (base: string, state: { calls: number; failFirst: number; bodies: any[] }) => Promise<void>, failFirst = 0) {
  const state = { calls: 0, failFirst, bodies: [] as any[] };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c) => { raw += c; });
    req.on('end', () => {
      state.calls++;
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') { res.writeHead(404).end(); return; }
      if (state.failFirst > 0) { state.failFirst--; res.writeHead(503).end('busy'); return; }
      const body = JSON.parse(raw);
      state.bodies.push(body);
      const user: string = body.messages.at(-1).content;
      let content: string;
      if (user.includes('Which of these narratives')) {
        content = 'Sure! ```json\n{"narratives": [{"label": "URW: Discrediting Ukraine", "confidence": 0.9, "evidence": "committed terrorism against civilians"}, {"label": "Not a label"}]}\n```';
      } else {
        content = '{"subnarratives": [{"label": "URW: Discrediting Ukraine: Discrediting Ukrainian military", "confidence": 0.7, "evidence": "Ukrainian forces"}]}';
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }], usage: { prompt_tokens: 100, completion_tokens: 20 } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  try { await fn(`http://127.0.0.1:${port}`, state); } finally { await new Promise((r) => server.close(r)); }
}

test('LLM backend: hierarchical prompting, JSON parsing, evidence, usage counters and the disk cache', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'narr-llm-'));
  try {
    await withServer(async (base, state) => {
      const llm = createChatClassifier({ taxonomy, baseUrl: base, model: 'test-model', apiKey: 'k', cacheDir, price: { prompt: 0.001, completion: 0.002 }, env: {} });
      const hits = await llm.classify({ text: TEXT, lang: 'en' });
      assert.deepEqual(hits.map((h) => h.id).sort(), ['urw-discredit-ua', 'urw-discredit-ua-military']);
      const coarse = hits.find((h) => h.id === 'urw-discredit-ua')!;
      assert.equal(coarse.score, 0.9);
      assert.equal(coarse.evidence[0].text, 'committed terrorism against civilians');
      assert.equal(TEXT.slice(coarse.evidence[0].start, coarse.evidence[0].end), coarse.evidence[0].text);
      assert.equal(hits.find((h) => h.id === 'urw-discredit-ua-military')!.score, 0.7);
      assert.equal(state.calls, 2);
      assert.equal(state.bodies[0].model, 'test-model');
      assert.ok(state.bodies[0].messages[1].content.includes('URW: Praise of Russia'), 'the prompt lists the coarse labels');
      assert.ok(state.bodies[1].messages[1].content.includes('Discrediting Ukrainian military'), 'then the sub-narratives');
      assert.equal(llm.usage.promptTokens, 200);
      assert.equal(llm.usage.completionTokens, 40);
      assert.ok(Math.abs(llm.usage.costUsd - (200 * 0.001 + 40 * 0.002) / 1000) < 1e-12);
      // the same question again comes from the cache
      const again = await llm.classify({ text: TEXT, lang: 'en' });
      assert.deepEqual(again, hits);
      assert.equal(state.calls, 2);
      assert.equal(llm.usage.cacheHits, 2);
    });
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});

test('LLM backend retries on 5xx and fails clearly when the endpoint stays down', async () => {
  await withServer(async (base, state) => {
    const llm = createChatClassifier({ taxonomy, baseUrl: base, cacheDir: false, retries: 2, env: {} });
    const hits = await llm.classify({ text: TEXT, lang: 'en' });
    assert.ok(hits.length > 0);
    assert.equal(llm.usage.retries, 1);
    assert.equal(state.calls, 3);
  }, 1);
  await withServer(async (base) => {
    const llm = createChatClassifier({ taxonomy, baseUrl: base, cacheDir: false, retries: 1, env: {} });
    await assert.rejects(llm.classify({ text: TEXT, lang: 'en' }), /failed after 2 attempt/);
    assert.equal(llm.usage.failures, 1);
  }, 10);
});

test('LLM backend times out on a silent endpoint', async () => {
  const server = createServer(() => { /* never answers */ });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  try {
    const llm = createChatClassifier({ taxonomy, baseUrl: `http://127.0.0.1:${port}`, cacheDir: false, retries: 0, timeoutMs: 150, env: {} });
    await assert.rejects(llm.classify({ text: TEXT, lang: 'en' }), /failed after 1 attempt/);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('without configuration the LLM backend refuses to start (no network)', () => {
  assert.throws(() => createChatClassifier({ taxonomy, env: {} }), LlmNotConfiguredError);
  assert.throws(() => createChatClassifier({ taxonomy, env: {} }), /NARRASCOPE_LLM_URL/);
});

test('parseJsonReply tolerates fences and chatter', () => {
  assert.deepEqual(parseJsonReply('x ```json\n{"a": "}"}\n``` y'), { a: '}' });
  assert.deepEqual(parseJsonReply('Answer: {"a": {"b": 1}} done'), { a: { b: 1 } });
  assert.throws(() => parseJsonReply('no json'));
});

test('an async backend combines with the lexical classifier', async () => {
  await withServer(async (base) => {
    const llm = createChatClassifier({ taxonomy, baseUrl: base, cacheDir: false, env: {} });
    const both = combineClassifiers([createLexicalClassifier(taxonomy), llm]);
    const hits = await both.classify({ text: TEXT, lang: 'en' });
    const mil = hits.find((h) => h.id === 'urw-discredit-ua-military')!;
    assert.ok(mil.evidence.some((e) => e.classifier === 'lexical') && mil.evidence.some((e) => e.classifier === 'llm'));
    assert.ok(hits.some((h) => h.id === 'urw-kursk-war-crimes'));
  });
});

test('embedding backend explains what to install when the package or model is missing', async () => {
  await assert.rejects(createEmbeddingClassifier({ taxonomy }), /install @huggingface\/transformers and give a local model directory/);
  await assert.rejects(createEmbeddingClassifier({ taxonomy, modelDir: '/nonexistent/model' }), /install @huggingface\/transformers/);
  // with a stand-in module the prototypes and cosine scoring work
  const fake = {
    env: {},
    pipeline: async () => async (texts: string | string[]) => ({
      tolist: () => (Array.isArray(texts) ? texts : [texts]).map((t) => {
        const v = [/nuclear|ядерн/i.test(t) ? 1 : 0, /puppet|марионет/i.test(t) ? 1 : 0, 0.1];
        const n = Math.hypot(...v);
        return v.map((x) => x / n);
      }),
    }),
  };
  const emb = await createEmbeddingClassifier({ taxonomy, modelDir: '/models/x', load: async () => fake });
  const hits = await emb.classify({ text: 'They threaten a nuclear strike.', lang: 'en' });
  assert.ok(hits.some((h) => h.id === 'urw-fears-nuclear'), JSON.stringify(hits.slice(0, 3)));
});
