/**
 * Text normalisation shared by dedupe, matching and search.
 * Lower-cases, folds ё→е, strips zero-width and control characters, unifies quotes/dashes, collapses whitespace.
 */
const ZERO_WIDTH = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\u061C\uFEFF\u00AD\uFE00-\uFE0F]/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Removes characters that never carry meaning but can hide duplicates or break display. */
export function stripInvisible(text: string): string {
  return text.replace(ZERO_WIDTH, '').replace(CONTROL, '');
}

/** A canonical form for comparing texts: same words, same order, ignoring case, punctuation style and spacing. */
export function normalizeForMatch(text: string): string {
  return stripInvisible(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»„“”"'‘’`]/g, '"')
    .replace(/[‐‑‒–—―]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Lower-cased name key used for alias lookup: letters and digits only, single spaces. */
export function nameKey(text: string): string {
  return normalizeForMatch(text).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const MARKDOWN_LINK = /\[([^\]]{0,300})\]\((?:https?:\/\/|tg:\/\/|www\.|mailto:)[^)\s]{0,2000}\)/g;

/**
 * Telegram Markdown links ("[сообщают](https://ria.ru/…)") with their brackets and target replaced by spaces of the
 * same length: the link text reads as text and every offset still indexes the original.
 */
export function maskMarkdownLinks(text: string): string {
  if (!text.includes('](')) return text;
  return text.replace(MARKDOWN_LINK, (m: string, inner: string) => ' ' + inner + ' '.repeat(m.length - inner.length - 1));
}
