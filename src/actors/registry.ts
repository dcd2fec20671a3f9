import type { Actor } from '../model/index.ts';
import { nameKey } from '../text/normalize.ts';

export interface SourceHint { name?: string; handle?: string; url?: string; platformId?: string }

/**
 * In-memory index of the actor registry: lookup by id, alias (any language, any listed inflected form),
 * Telegram handle and web domain. Built once per process from the data files (see load.ts).
 */
export class ActorRegistry {
  private readonly byId = new Map<string, Actor>();
  private readonly byAlias = new Map<string, Actor>();
  private readonly byHandle = new Map<string, Actor>();
  private readonly byDomain = new Map<string, Actor>();
  /** Longest alias in words, to bound n-gram scans in findInText. */
  readonly maxAliasWords: number;

  constructor(actors: Iterable<Actor>) {
    let maxWords = 1;
    for (const actor of actors) {
      this.byId.set(actor.id, actor);
      const names = [actor.name, ...(actor.aliases.en ?? []), ...(actor.aliases.ru ?? []), ...(actor.aliases.uk ?? [])];
      for (const name of names) {
        const key = nameKey(name);
        if (!key) continue;
        // Later files override earlier ones (user registries come last), so set unconditionally.
        this.byAlias.set(key, actor);
        maxWords = Math.max(maxWords, key.split(' ').length);
      }
      for (const handle of actor.handles) this.byHandle.set(normalizeHandle(handle), actor);
      for (const domain of actor.domains) this.byDomain.set(normalizeDomain(domain), actor);
    }
    this.maxAliasWords = maxWords;
  }

  get size(): number { return this.byId.size; }
  all(): Actor[] { return [...this.byId.values()]; }
  get(id: string): Actor | undefined { return this.byId.get(id); }

  /** Exact alias match after normalisation ("Путина" → putin when the inflected form is listed). */
  byName(text: string): Actor | undefined { return this.byAlias.get(nameKey(text)); }
  byTelegramHandle(handle: string): Actor | undefined { return this.byHandle.get(normalizeHandle(handle)); }

  /** Domain match, walking up subdomains (en.kremlin.ru → kremlin.ru). */
  byUrl(url: string): Actor | undefined {
    let host: string;
    try { host = new URL(url).hostname; } catch { return undefined; }
    let domain = normalizeDomain(host);
    while (domain.includes('.')) {
      const hit = this.byDomain.get(domain);
      if (hit) return hit;
      domain = domain.slice(domain.indexOf('.') + 1);
    }
    return undefined;
  }

  /** Resolves a document's source: platform id, handle, then domain, then outlet name. */
  resolveSource(hint: SourceHint): Actor | undefined {
    return (hint.platformId ? this.byTelegramHandle(hint.platformId) : undefined)
      ?? (hint.handle ? this.byTelegramHandle(hint.handle) : undefined)
      ?? (hint.url ? this.byUrl(hint.url) : undefined)
      ?? (hint.name ? this.byName(hint.name) ?? this.byTelegramHandle(hint.name) : undefined);
  }
}

export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').replace(/^https?:\/\/t\.me\//i, '').replace(/\/.*$/, '').toLowerCase();
}

function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^www\./, '');
}
