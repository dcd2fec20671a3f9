/** Typed client of the Narrascope API (same origin). The optional token lives in sessionStorage only. */

export interface DocumentSource { name: string; handle?: string; url?: string; actorId?: string }
export interface DocumentSummary {
  id: string; title?: string; excerpt: string; source: DocumentSource; actorType?: string;
  publishedAt: string; lang: string; kind: string; url?: string; length: number;
}
export interface Span { text: string; start: number; end: number }
export interface Evidence extends Span { cue?: string; classifier?: string }
export interface NarrativeHit { id: string; label: string; score: number; evidence: Evidence[] }
export interface Attribution {
  speaker: Span & { actorId?: string; name?: string; type?: string };
  cue: Span & { class?: string };
  content: Span;
  direct: boolean;
  date?: string;
  dateText?: string;
  chain: { name: string; actorId?: string; type?: string }[];
  stance: string;
  narratives: NarrativeHit[];
  documentId: string;
  index: number;
  publishedAt: string;
}
export interface Mention { narrativeId: string; documentId: string; attributionIndex?: number; actorId?: string; actorName: string; actorType: string; stance: string; at: string; score: number }
export interface DocumentNarrative extends NarrativeHit { stance: string }
export interface TextEvent extends Span { date: string; kind?: string }
export interface Assessment { by: { name: string; actorId?: string }; verdict: string; text: string; start: number; end: number; about?: number }
export interface FullDocument {
  id: string; source: DocumentSource; url?: string; publishedAt: string; lang: string; title?: string; text: string; kind: string;
  meta: Record<string, unknown>;
}
export interface DocumentDetail {
  document: FullDocument;
  actor?: { id: string; name: string; type: string; alignment?: string; country?: string };
  attributions: Attribution[];
  narratives: DocumentNarrative[];
  mentions: Mention[];
  events: TextEvent[];
  assessments: Assessment[];
  annotations: { id: string; label: string; note: string; start?: number; end?: number; createdAt: string; author?: string }[];
}
export interface Stats { documents: number; first?: string; last?: string; byLang: Record<string, number>; sourceCount: number; fingerprint: string }
export interface SurgeBadge { kind: string; onset: string; peak: string; magnitude: number }
export interface NarrativeOverview {
  id: string; label: string; parent?: string; mentions: number; byStance: Record<string, number>; byActorType: Record<string, number>;
  first?: string; last?: string; weekly: { week: string; count: number }[]; surges?: SurgeBadge[];
}
export interface Timeline {
  bucket: 'hour' | 'day' | 'week'; timeZone: string; starts: string[]; labels: string[]; keys: string[];
  series: Record<string, number[]>; total: number[];
}
export interface TimelineResponse {
  narrativeId: string; target: string; by: string; items: number; timeline: Timeline;
  shareOfVoice: { overall: { key: string; count: number; share: number }[] };
}
export interface Surge {
  kind: 'burst' | 'shift'; onset: string; peak: string; end: string; magnitude: number; confidence: number; count: number;
  direction?: 'up' | 'down';
  drivers: {
    mentions: number; counterMentions: number;
    actors: { key: string; name?: string; actorType?: string; count: number; share: number; lift: number }[];
    actorTypes: { key: string; count: number; share: number; lift: number }[];
    firstMovers: { documentId: string; actorId?: string; actorName?: string; actorType?: string; at: string }[];
    evidence: string[]; evidenceTotal: number;
  };
  precedingEvents: { date: string; title: string; kind: string; lagDays: number }[];
}
export interface SurgeReport { target: string; mentions: number; surges: Surge[]; insufficientData?: boolean; reason?: string }
export interface CalendarEvent { id: string; date: string; title: string; kind: string; source?: string }
export interface EvidenceResponse {
  total: number; limit: number; offset: number; from: string; to: string;
  documents: { document: DocumentSummary; mentions: { actorName: string; actorId?: string; actorType: string; stance: string; at: string }[] }[];
}
export interface NetworkNode { id: string; name: string; actorType: string; strength: number }
export interface NetworkEdge { a: string; b: string; coSharing: number; nearDuplicate: number; synchronised: number; weight: number }
export interface CoordinationResponse {
  network: { nodes: NetworkNode[]; edges: NetworkEdge[]; truncated: boolean };
  nearDuplicates: { groupCount: number; groups: { id: number; posts: { id: string; account: string; name: string; at: string; text: string }[]; accountTypes: string[] }[] };
}
export interface Claim extends Attribution {
  mentionStance?: string;
  document?: { title?: string; source: string; actorId?: string; url?: string; publishedAt: string };
}
export interface Citation { documentId: string; source: string; publishedAt: string; url?: string; speaker?: string }
export interface Finding { text: string; citations: Citation[] }
export interface BriefNarrative {
  id: string; label: string; description?: string; mentions: number; amplifying: number; refuting: number; first?: string; last?: string;
  findings: Finding[];
  claims: { speaker: string; speakerType?: string; cue: string; content: string; lang: string; date?: string; chain: string[]; stance: string; citation: Citation }[];
  pushers: { actorType: string; mentions: number; actors: string[]; first: string; last: string; citation?: Citation }[];
  assessments: { by: string; verdict: string; text: string; citation: Citation }[];
}
export interface Brief {
  title: string; generatedAt: string; narrascopeVersion: string; query: Record<string, string | undefined>;
  corpus: { documents: number; first?: string; last?: string; languages: Record<string, number>; fingerprint: string; sources?: number };
  keyTakeaways: Finding[];
  narratives: BriefNarrative[];
}

const TOKEN_KEY = 'narrascope-token';

export function getToken(): string {
  try { return sessionStorage.getItem(TOKEN_KEY) ?? ''; } catch { return ''; }
}
export function setToken(token: string): void {
  try { if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY); } catch { /* storage disabled */ }
}

export class ApiError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

type Params = Record<string, string | number | boolean | undefined | null>;

export function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

function headers(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function get<T>(path: string, params: Params = {}, signal?: AbortSignal): Promise<T> {
  const res = await fetch(`${path}${query(params)}`, { headers: headers(), signal, credentials: 'omit' });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try { const body = await res.json() as { error?: string }; if (body.error) message = body.error; } catch { /* not JSON */ }
    throw new ApiError(res.status, message);
  }
  return res.json() as Promise<T>;
}

/** Downloads an API resource as a file (works with a token, unlike a plain link). */
export async function download(path: string, params: Params, filename: string): Promise<void> {
  const res = await fetch(`${path}${query(params)}`, { headers: headers(), credentials: 'omit' });
  if (!res.ok) throw new ApiError(res.status, `${res.status} ${res.statusText}`);
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const api = {
  stats: () => get<Stats>('/api/stats'),
  overview: () => get<{ count: number; narratives: NarrativeOverview[] }>('/api/narratives'),
  taxonomy: () => get<{ narratives: { id: string; label: string; parent: string | null; description: string }[] }>('/api/taxonomy'),
  narrative: (id: string) => get<{
    narrative: { id: string; label: string; parent: string | null; description: string; disarm?: string[] };
    parent?: { id: string; label: string }; children: { id: string; label: string }[];
    overview: { mentions: number; byStance: Record<string, number>; byActorType: Record<string, number>; first?: string; last?: string };
  }>(`/api/narratives/${encodeURIComponent(id)}`),
  timeline: (id: string, p: { by: string; bucket: string; tz: string }) => get<TimelineResponse>(`/api/narratives/${encodeURIComponent(id)}/timeline`, p),
  evidence: (id: string, p: { from: string; to: string; by: string; key?: string; offset?: number; limit?: number }) =>
    get<EvidenceResponse>(`/api/narratives/${encodeURIComponent(id)}/evidence`, p),
  surges: (narrative: string) => get<SurgeReport>('/api/surges', { narrative }),
  events: () => get<{ calendar: CalendarEvent[] }>('/api/events'),
  coordination: (p: { since?: string; until?: string }) => get<CoordinationResponse>('/api/coordination', { ...p, maxEdges: 400 }),
  documents: (p: Params) => get<{ count: number; limit: number; offset: number; documents: DocumentSummary[] }>('/api/documents', p),
  document: (id: string) => get<DocumentDetail>(`/api/documents/${encodeURIComponent(id)}`),
  claims: (p: Params) => get<{ count: number; limit: number; offset: number; claims: Claim[] }>('/api/claims', p),
  brief: () => get<Brief>('/api/brief'),
  alerts: () => get<{ alerts: AlertItem[] }>('/api/alerts', { limit: 20 }),
};

/** An alert recorded by `narrascope watch` (GET /api/alerts). */
export interface AlertItem {
  id: string; rule: string; type: string; createdAt: string; at: string; title: string;
  narrative?: { id: string; label: string }; evidence: string[]; delivery: { status: string; attempts: number };
}
