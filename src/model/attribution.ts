import type { ActorType } from './actor.ts';

/** A character span into Document.text (start inclusive, end exclusive). */
export interface Span { text: string; start: number; end: number }

export type Stance = 'asserts' | 'relays' | 'refutes' | 'unknown';
export type CueClass = 'statement' | 'accusation' | 'question' | 'denial' | 'report' | 'assessment';

/** One reporter in a reporting chain, outermost (the publisher) first. */
export interface ChainLink { name: string; actorId?: string; type?: ActorType }

export interface NarrativeHit { id: string; label: string; score: number; evidence: Evidence[] }
/** Why a narrative was assigned: the matched span (offsets into Document.text) and which classifier found it. */
export interface Evidence { text: string; start: number; end: number; cue?: string; classifier?: string }

/** Attribution contract (DESIGN.md §2). */
export interface Attribution {
  speaker: Span & { actorId?: string; name?: string; type?: ActorType };
  cue: Span & { class?: CueClass };
  content: Span;
  direct: boolean;
  date?: string;
  dateText?: string;
  chain: ChainLink[];
  stance: Stance;
  narratives: NarrativeHit[];
}

/** A dated happening mentioned in the text. */
export interface TextEvent { date: string; text: string; start: number; end: number; kind?: string }

/** A verdict on a claim by an actor ("These claims are unsubstantiated, the ISW stressed"). */
export interface Assessment {
  by: ChainLink;
  verdict: 'unsubstantiated' | 'false' | 'disputed' | 'confirmed';
  text: string;
  start: number;
  end: number;
  /** Index into the document's attributions of the claim assessed, when known. */
  about?: number;
}

/** What the per-document analysis of the attribution stage yields. */
export interface AttributionResult { attributions: Attribution[]; events: TextEvent[]; assessments: Assessment[] }
