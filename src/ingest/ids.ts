import { createHash } from 'node:crypto';
import { normalizeForMatch } from '../text/normalize.ts';

/**
 * Stable document id (DESIGN.md §2): from the platform id when the source has one (Telegram message, RSS guid,
 * an id column), else from the source and the normalised text — so re-ingesting the same data adds nothing.
 */
export function documentId(sourceKey: string, platformId: string | undefined, text: string): string {
  const basis = platformId
    ? `p\u0000${sourceKey}\u0000${platformId}`
    : `t\u0000${sourceKey}\u0000${normalizeForMatch(text)}`;
  return createHash('sha256').update(basis).digest('hex').slice(0, 24);
}
