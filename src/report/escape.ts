/** Escapes text for HTML element content and attribute values. All document text passes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));
}

/** Escapes Markdown control characters so document text cannot inject links, HTML or formatting. */
export function escapeMarkdown(text: string): string {
  // Escaping [ ] and < > is enough to stop links and HTML; * _ ` # | stop emphasis, code, headings and table breaks.
  return text.replace(/[\\`*_\[\]<>#|]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}
