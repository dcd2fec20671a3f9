import type { ActorType } from './actor.ts';
import type { Evidence, Stance } from './attribution.ts';

/** The document's own view of a narrative (top-level `narratives` of `extract --json`). */
export interface DocumentNarrative { id: string; label: string; score: number; stance: Stance; evidence: Evidence[] }

/**
 * A Mention (DESIGN.md §2): one actor carrying one narrative in one document at one time, with its stance.
 * Amplification counts `asserts` and `relays`; `refutes` is counter-messaging.
 */
export interface Mention {
  narrativeId: string;
  documentId: string;
  /** Index of the attribution inside the document, absent for the publisher's own voice. */
  attributionIndex?: number;
  actorId?: string;
  actorName: string;
  actorType: ActorType;
  stance: Stance;
  /** ISO 8601 UTC: when the statement was made (attribution date) or else the publication time. */
  at: string;
  score: number;
}
