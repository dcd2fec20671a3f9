/**
 * Parses the publication times sources give: ISO 8601 (with or without offset), "YYYY-MM-DD HH:MM:SS",
 * RFC 822 (RSS), unix seconds or milliseconds. Times without a zone are taken as UTC.
 * Returns an ISO 8601 UTC string, or undefined when the value is not a usable date.
 */
export function parsePublishedAt(value: string | number | Date | undefined): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value < 1e11 ? value * 1000 : value;
  else {
    const s = value.trim();
    if (/^-?\d{9,13}(\.\d+)?$/.test(s)) {
      const n = Number(s);
      ms = n < 1e11 ? n * 1000 : n;
    } else if (/^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/.test(s)) {
      ms = Date.parse(s.length === 10 ? `${s}T00:00:00Z` : `${s.replace(' ', 'T')}Z`);
    } else {
      ms = Date.parse(s);
    }
  }
  // Beyond ±8.64e15 ms a number is finite but no Date: reject it like any other non-date.
  if (!Number.isFinite(ms) || !Number.isFinite(new Date(ms).getTime())) return undefined;
  // Years outside this range are parse accidents, not news.
  const year = new Date(ms).getUTCFullYear();
  if (year < 1900 || year > 2200) return undefined;
  return new Date(ms).toISOString();
}
