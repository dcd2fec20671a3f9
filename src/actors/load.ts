import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { ActorFileSchema, ActorSchema, type Actor } from '../model/index.ts';
import { ActorRegistry } from './registry.ts';

/** The registry shipped with Narrascope. */
export const SHIPPED_ACTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data', 'actors');

export class RegistryError extends Error {}

/** Reads every .yaml/.yml/.json file of a folder (sorted, so overrides are deterministic). */
export function readActorFiles(dir: string): Actor[] {
  const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort();
  const actors: Actor[] = [];
  for (const file of files) {
    const path = join(dir, file);
    if (!statSync(path).isFile()) continue;
    let parsed: unknown;
    try {
      parsed = parseYaml(readFileSync(path, 'utf8'));
    } catch (err) {
      throw new RegistryError(`${path}: not valid YAML: ${(err as Error).message}`);
    }
    const file_ = ActorFileSchema.safeParse(parsed);
    if (!file_.success) throw new RegistryError(`${path}: expected a top-level "actors:" list`);
    file_.data.actors.forEach((raw, index) => {
      const actor = ActorSchema.safeParse(raw);
      if (!actor.success) {
        const issue = actor.error.issues[0];
        const id = (raw as { id?: unknown })?.id;
        throw new RegistryError(
          `${path}: actor #${index + 1}${id ? ` (${String(id)})` : ''}: ${issue.path.join('.') || 'record'}: ${issue.message}`,
        );
      }
      actors.push(actor.data);
    });
  }
  return actors;
}

/**
 * Loads the shipped registry plus user folders; a user actor with an existing id replaces the shipped one.
 * Checks parents exist so a typo is caught at load time rather than in a brief.
 */
export function loadActorRegistry(extraDirs: string[] = []): ActorRegistry {
  const byId = new Map<string, Actor>();
  for (const dir of [SHIPPED_ACTORS_DIR, ...extraDirs]) {
    for (const actor of readActorFiles(dir)) byId.set(actor.id, actor);
  }
  for (const actor of byId.values()) {
    if (actor.parent && !byId.has(actor.parent)) {
      throw new RegistryError(`actor ${actor.id}: parent "${actor.parent}" is not in the registry`);
    }
  }
  return new ActorRegistry(byId.values());
}

let cached: ActorRegistry | undefined;
let cachedKey = '';
/** Process-wide registry, reloaded only when the set of extra folders changes. */
export function actorRegistry(extraDirs: string[] = []): ActorRegistry {
  const key = extraDirs.join('\0');
  if (!cached || key !== cachedKey) {
    cached = loadActorRegistry(extraDirs);
    cachedKey = key;
  }
  return cached;
}
