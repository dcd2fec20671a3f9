/**
 * Turns what a user types into a safe full-text query: every word becomes a quoted prefix term, ANDed.
 * Users' quotes, operators and parentheses can therefore never produce a syntax error or widen the query.
 * Prefix terms catch Russian and Ukrainian inflections of the word typed ("Орешник" finds "Орешника").
 */
export function ftsQuery(input: string): string {
  const words = input.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, 32).map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}
