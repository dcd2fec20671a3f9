import { readYaml } from './lexicon.ts';

let forms: Map<string, string> | undefined;

/** ISO code of a country named by `phrase` (a title's complement: "Турции", "Российской Федерации", "France"), or undefined. */
export function countryNamed(phrase: string): string | undefined {
  if (!forms) {
    forms = new Map();
    for (const [code, list] of Object.entries(readYaml('countries.yaml'))) for (const f of Array.isArray(list) ? list : []) forms.set(String(f).toLowerCase().replace(/ё/g, 'е'), code);
  }
  const words = phrase.toLowerCase().replace(/ё/g, 'е').split(/[^\p{L}-]+/u).filter(Boolean);
  // the longest run of words that names a country ("российской федерации" before "федерации")
  for (let n = 3; n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const code = forms.get(words.slice(i, i + n).join(' '));
      if (code) return code;
    }
  }
  return undefined;
}
