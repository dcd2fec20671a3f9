import { eld } from 'eld/extrasmall';

// Restricting eld to the languages of this information space makes short texts far more reliable;
// we re-admit others only through the letter rules below.
let configured = false;
function detector() {
  if (!configured) {
    eld.setLanguageSubset(['en', 'ru', 'uk', 'de', 'fr', 'it', 'es', 'pl', 'be', 'bg', 'sr']);
    configured = true;
  }
  return eld;
}

const UK_ONLY = /[іїєґІЇЄҐ]/g;
const RU_ONLY = /[ыэъёЫЭЪЁ]/g;
const CYRILLIC = /[\u0400-\u04FF]/g;
const LATIN = /[A-Za-z]/g;

/**
 * Detects the language of a document: `en`, `ru`, `uk`, another ISO 639-1 code, or `und` when the text is too short.
 * Letters unique to Ukrainian or Russian decide between the two, since n-gram models confuse them on short posts.
 */
export function detectLanguage(text: string): string {
  const sample = text.length > 4000 ? text.slice(0, 4000) : text;
  const cyr = count(sample, CYRILLIC);
  const lat = count(sample, LATIN);
  if (cyr + lat < 8) return 'und';
  if (cyr > lat) {
    const uk = count(sample, UK_ONLY);
    const ru = count(sample, RU_ONLY);
    if (uk > 0 && uk >= ru * 2) return 'uk';
    if (ru > 0 && ru >= uk * 2) return 'ru';
  }
  const result = detector().detect(sample);
  const lang = result.language;
  if (!lang) return cyr > lat ? 'ru' : 'und';
  return lang;
}

function count(text: string, re: RegExp): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}
