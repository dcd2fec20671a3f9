import { readFileSync } from 'node:fs';

/** Narrascope's version, from package.json (recorded in briefs and exports so results can be regenerated). */
export const VERSION: string = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
