/**
 * Validation of STIX bundles against the OASIS STIX 2.1 JSON schemas in ../shared (never copied into the repo).
 *
 * The schemas are draft 2020-12 and reference each other by relative `$ref`; all files are registered with ajv so the
 * refs resolve by `$id`. Some patterns use `\-`, hence `unicodeRegExp: false`.
 *
 * How objects are checked, the way the OASIS validator (cti-stix-validator) does it: each object against the schema
 * of its type (sdos/*, sros/*, common/extension-definition.json), custom types (OpenCTI's `narrative`, `channel`)
 * against common/core.json plus "not a type the spec defines"; the bundle itself against common/bundle.json with its
 * spec-defined objects. bundle.json alone cannot accept any custom object: its custom branch is
 * `oneOf: [core, cyber-observable-core]`, and every core-valid object also satisfies cyber-observable-core, so the
 * `oneOf` always fails (it equally rejects the spec's own `grouping`, `note`, `opinion` and `location`, which the
 * bundle's list omits). See docs/stix.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { SHARED } from '../helpers/tmp.ts';

export const SCHEMA_DIR = join(SHARED, 'standards', 'stix2-json-schemas', 'schemas');
export const DISARM_FILE = join(SHARED, 'standards', 'disarm', 'DISARM.json');
export const schemasPresent = existsSync(join(SCHEMA_DIR, 'common', 'bundle.json'));
export const SKIP_SCHEMAS: string | false = schemasPresent ? false : `OASIS STIX 2.1 schemas absent (${SCHEMA_DIR})`;

const BASE = 'http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/';

type AjvLike = { addSchema(s: object): unknown; getSchema(id: string): ValidateFunction | undefined };
// ajv and ajv-formats are CommonJS: under ESM their default export may be wrapped once more.
const Ajv2020 = ((Ajv2020Module as unknown as { default?: unknown }).default ?? Ajv2020Module) as new (opts: object) => AjvLike;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: AjvLike) => void;

let cached: { get(path: string): ValidateFunction; specTypes: Set<string> } | undefined;

function load() {
  if (cached) return cached;
  const ajv = new Ajv2020({ unicodeRegExp: false, strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  for (const dir of readdirSync(SCHEMA_DIR)) {
    const full = join(SCHEMA_DIR, dir);
    if (!existsSync(full)) continue;
    for (const f of readdirSync(full)) if (f.endsWith('.json')) ajv.addSchema(JSON.parse(readFileSync(join(full, f), 'utf8')));
  }
  const get = (path: string) => {
    const v = ajv.getSchema(BASE + path);
    if (!v) throw new Error(`schema ${path} not found`);
    return v;
  };
  // The types the bundle schema lists by name (its custom branch excludes exactly these).
  const bundle = JSON.parse(readFileSync(join(SCHEMA_DIR, 'common', 'bundle.json'), 'utf8'));
  const specTypes = new Set<string>(bundle.properties.objects.items.anyOf[1].allOf[1].properties.type.not.enum);
  cached = { get, specTypes };
  return cached;
}

const SCHEMA_OF: Record<string, string> = {
  'attack-pattern': 'sdos/attack-pattern.json', campaign: 'sdos/campaign.json', 'course-of-action': 'sdos/course-of-action.json',
  grouping: 'sdos/grouping.json', identity: 'sdos/identity.json', incident: 'sdos/incident.json', indicator: 'sdos/indicator.json',
  infrastructure: 'sdos/infrastructure.json', 'intrusion-set': 'sdos/intrusion-set.json', location: 'sdos/location.json',
  malware: 'sdos/malware.json', 'malware-analysis': 'sdos/malware-analysis.json', note: 'sdos/note.json',
  'observed-data': 'sdos/observed-data.json', opinion: 'sdos/opinion.json', report: 'sdos/report.json',
  'threat-actor': 'sdos/threat-actor.json', tool: 'sdos/tool.json', vulnerability: 'sdos/vulnerability.json',
  relationship: 'sros/relationship.json', sighting: 'sros/sighting.json',
  'extension-definition': 'common/extension-definition.json', 'marking-definition': 'common/marking-definition.json',
  'language-content': 'common/language-content.json',
};

function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`).join('; ');
}

/** Errors of a bundle against the OASIS schemas (empty when valid). */
export function schemaErrors(bundle: { type: string; id: string; objects: Array<{ type: string; id: string }> }): string[] {
  const { get, specTypes } = load();
  const errors: string[] = [];
  bundle.objects.forEach((o, i) => {
    const path = SCHEMA_OF[o.type];
    const v = get(path ?? 'common/core.json');
    const ok = v(o) as boolean;
    if (!ok) errors.push(`objects[${i}] ${o.id} (${path ?? 'core.json'}): ${describe(v.errors)}`);
    if (!path && specTypes.has(o.type)) errors.push(`objects[${i}] ${o.id}: custom object uses a spec-defined type`);
  });
  // The envelope, with every object the bundle schema can take (spec-defined types it lists).
  const listed = bundle.objects.filter((o) => specTypes.has(o.type));
  const envelope = get('common/bundle.json');
  const envelopeOk = envelope({ ...bundle, objects: listed.length ? listed : bundle.objects }) as boolean;
  if (!envelopeOk) errors.push(`bundle: ${describe(envelope.errors)}`);
  return errors;
}

/** The raw bundle.json verdict on one object inside a bundle (to document its custom-object limitation). */
export function bundleSchemaAccepts(object: object): boolean {
  const { get } = load();
  return get('common/bundle.json')({ type: 'bundle', id: 'bundle--6a1c3f0e-1d8e-4a43-9b1f-2f1e0c8f3b55', objects: [object] }) as boolean;
}
