/**
 * The coordination network: accounts linked by co-sharing, near-identical posts and synchronised posting.
 * Layout: ForceAtlas2, computed once per data set (synchronously, a few hundred iterations). Drawn with sigma 3
 * (WebGL); where WebGL is unavailable, the same layout is drawn as SVG. Labels are canvas text or SVG text nodes.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import Graph from 'graphology';
import circular from 'graphology-layout/circular';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import type { CoordinationResponse, NetworkEdge } from '../api.ts';
import { colorFor, humanize, num } from '../util.ts';

interface Layout { graph: Graph; positions: Map<string, { x: number; y: number; size: number; color: string; label: string; type: string }> }

function layout(net: CoordinationResponse['network']): Layout {
  const graph = new Graph({ type: 'undirected', multi: false });
  const maxStrength = Math.max(1, ...net.nodes.map((n) => n.strength));
  for (const n of net.nodes) {
    graph.addNode(n.id, {
      label: n.name, size: 4 + 10 * Math.sqrt(n.strength / maxStrength), color: colorFor(n.actorType), actorType: n.actorType,
    });
  }
  const maxW = Math.max(1, ...net.edges.map((e) => e.weight));
  for (const e of net.edges) {
    if (graph.hasNode(e.a) && graph.hasNode(e.b) && !graph.hasEdge(e.a, e.b)) {
      graph.addEdge(e.a, e.b, { weight: e.weight, size: 0.5 + 3 * (e.weight / maxW), color: e.coSharing > 0 ? '#7a4f9e' : e.nearDuplicate > 0 ? '#8a8a8a' : '#b0b0b0' });
    }
  }
  circular.assign(graph, { scale: 100 });
  if (graph.order > 1) {
    forceAtlas2.assign(graph, {
      iterations: graph.order > 500 ? 100 : 300,
      settings: { ...forceAtlas2.inferSettings(graph), gravity: 1, scalingRatio: 8, barnesHutOptimize: graph.order > 300 },
      getEdgeWeight: 'weight',
    });
  }
  const positions: Layout['positions'] = new Map();
  graph.forEachNode((id, a) => positions.set(id, { x: a.x as number, y: a.y as number, size: a.size as number, color: a.color as string, label: a.label as string, type: a.actorType as string }));
  return { graph, positions };
}

function webglAvailable(): boolean {
  try {
    const c = document.createElement('canvas');
    return Boolean(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

function SvgGraph({ lay, edges, onPick }: { lay: Layout; edges: NetworkEdge[]; onPick: (id: string) => void }) {
  const pts = [...lay.positions.values()];
  const minX = Math.min(...pts.map((p) => p.x)); const maxX = Math.max(...pts.map((p) => p.x));
  const minY = Math.min(...pts.map((p) => p.y)); const maxY = Math.max(...pts.map((p) => p.y));
  const W = 760; const H = 420; const pad = 40;
  const sx = (x: number) => pad + ((x - minX) / Math.max(1e-9, maxX - minX)) * (W - 2 * pad);
  const sy = (y: number) => pad + ((maxY - y) / Math.max(1e-9, maxY - minY)) * (H - 2 * pad);
  return (
    <svg class="graph-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Coordination network of ${lay.positions.size} accounts`}>
      {edges.map((e) => {
        const a = lay.positions.get(e.a); const b = lay.positions.get(e.b);
        return a && b ? <line key={`${e.a}-${e.b}`} x1={sx(a.x)} y1={sy(a.y)} x2={sx(b.x)} y2={sy(b.y)} class="graph-edge" stroke-width={Math.min(4, 0.6 + Math.log2(1 + e.weight))} /> : null;
      })}
      {[...lay.positions.entries()].map(([id, p]) => (
        <g key={id} class="graph-node" onClick={() => onPick(id)}>
          <circle cx={sx(p.x)} cy={sy(p.y)} r={p.size} fill={p.color} stroke="#fff" stroke-width="1" />
          <text x={sx(p.x) + p.size + 3} y={sy(p.y) + 4} class="graph-label">{p.label}</text>
        </g>
      ))}
    </svg>
  );
}

export function GraphView({ data }: { data: CoordinationResponse }) {
  const net = data.network;
  const lay = useMemo(() => layout(net), [net]);
  const host = useRef<HTMLDivElement>(null);
  const [mode, setMode] = useState<'webgl' | 'svg' | 'pending'>('pending');
  const [picked, setPicked] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!host.current || net.nodes.length === 0) return;
    if (!webglAvailable()) { setMode('svg'); return; }
    let renderer: { kill: () => void; on: (ev: string, fn: (e: { node: string }) => void) => void } | undefined;
    let dead = false;
    import('sigma').then(({ default: Sigma }) => {
      if (dead || !host.current) return;
      try {
        const s = new Sigma(lay.graph, host.current, { renderLabels: true, labelRenderedSizeThreshold: 6, labelSize: 12, labelColor: { color: '#1a1a1a' }, defaultEdgeType: 'line', zIndex: true });
        s.on('clickNode', (e) => setPicked(e.node));
        renderer = s as unknown as typeof renderer;
        setMode('webgl');
      } catch {
        setMode('svg');
      }
    }, () => setMode('svg'));
    return () => { dead = true; renderer?.kill(); };
  }, [lay, net.nodes.length]);

  if (net.nodes.length === 0) return <p class="muted">No coordinated accounts in this period.</p>;
  const pickedEdges = picked ? net.edges.filter((e) => e.a === picked || e.b === picked) : [];
  const name = (id: string) => net.nodes.find((n) => n.id === id)?.name ?? id;
  const types = [...new Set(net.nodes.map((n) => n.actorType))];
  return (
    <div class="graph">
      <div ref={host} class={`graph-canvas ${mode === 'svg' ? 'hidden' : ''}`} data-renderer={mode} aria-label={`Coordination network of ${net.nodes.length} accounts and ${net.edges.length} links (see the table below)`} role="img" />
      {mode === 'svg' ? <SvgGraph lay={lay} edges={net.edges} onPick={setPicked} /> : null}
      <ul class="legend small">
        {types.map((t) => <li key={t}><span class="swatch" style={{ background: colorFor(t) }} />{humanize(t)}</li>)}
        <li><span class="swatch line cosharing" />co-sharing</li><li><span class="swatch line neardup" />near-identical posts / same minutes</li>
      </ul>
      {picked ? (
        <div class="picked" aria-live="polite">
          <strong>{name(picked)}</strong>: linked to {pickedEdges.map((e) => `${name(e.a === picked ? e.b : e.a)} (${e.weight})`).join(', ')}
          {' '}<button type="button" class="link" onClick={() => setPicked(undefined)}>clear</button>
        </div>
      ) : null}
      <details>
        <summary>Links as a table ({num(net.edges.length)}{net.truncated ? ', strongest only' : ''})</summary>
        <table class="data">
          <thead><tr><th scope="col">account</th><th scope="col">account</th><th scope="col">co-shares</th><th scope="col">near-identical posts</th><th scope="col">same minutes</th></tr></thead>
          <tbody>
            {net.edges.slice(0, 300).map((e) => (
              <tr key={`${e.a}-${e.b}`}><td><button type="button" class="link" onClick={() => setPicked(e.a)}>{name(e.a)}</button></td><td><button type="button" class="link" onClick={() => setPicked(e.b)}>{name(e.b)}</button></td>
                <td class="num">{e.coSharing}</td><td class="num">{e.nearDuplicate}</td><td class="num">{e.synchronised}</td></tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
