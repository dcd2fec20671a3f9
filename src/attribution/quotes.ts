/**
 * Quotation spans: “…”, "…", «…», „…“ / „…”, ‘…’ (only when clearly not apostrophes), nested and across sentences.
 * A quote never crosses a blank line (paragraph break) unless it is a typographic pair; straight quotes pair within a
 * paragraph.
 */
export interface Quote {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just after the closing mark. */
  end: number;
  /** Interior (without the marks). */
  innerStart: number;
  innerEnd: number;
  /** Nesting depth, 0 for outermost. */
  depth: number;
  words: number;
}

const PAIRS: Record<string, string> = { '“': '”', '«': '»', '„': '“”', '‹': '›', '‘': '’' };

export function findQuotes(text: string): Quote[] {
  const out: Quote[] = [];
  const stack: { ch: string; pos: number }[] = [];
  let straightOpen = -1;
  const n = text.length;
  const close = (openPos: number, closePos: number, depth: number) => {
    const inner = text.slice(openPos + 1, closePos);
    const words = (inner.match(/[\p{L}\p{N}]+/gu) ?? []).length;
    if (words > 0) out.push({ start: openPos, end: closePos + 1, innerStart: openPos + 1, innerEnd: closePos, depth, words });
  };
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (ch === '\n' && text[i + 1] === '\n') {
      // Paragraph break: drop unclosed straight quotes; typographic ones may legitimately span paragraphs
      // (multi-paragraph quotes reopen each paragraph), so drop them too to stay conservative.
      stack.length = 0;
      straightOpen = -1;
      continue;
    }
    if (ch === '"') {
      if (straightOpen >= 0) {
        close(straightOpen, i, stack.length);
        straightOpen = -1;
      } else {
        straightOpen = i;
      }
      continue;
    }
    if (ch === '‘' || ch === '’') {
      // Single quotes: ’ is mostly an apostrophe (Clinton’s, don’t). Treat ‘ as opener only at a word start.
      if (ch === '‘' && (i === 0 || /[\s(\[“"«—–-]/.test(text[i - 1])) && /[\p{L}\p{N}]/u.test(text[i + 1] ?? '')) {
        stack.push({ ch, pos: i });
        continue;
      }
      if (ch === '’' && stack.length && stack[stack.length - 1].ch === '‘' && !/[\p{L}]/u.test(text[i + 1] ?? '')) {
        const open = stack.pop()!;
        close(open.pos, i, stack.length);
      }
      continue;
    }
    // „ opens; “ closes „ when „ is on top, else “ opens.
    if (ch === '“' && stack.length && stack[stack.length - 1].ch === '„') {
      const open = stack.pop()!;
      close(open.pos, i, stack.length);
      continue;
    }
    if (ch in PAIRS) {
      stack.push({ ch, pos: i });
      continue;
    }
    if (ch === '”' || ch === '»' || ch === '›') {
      for (let k = stack.length - 1; k >= 0; k--) {
        if (PAIRS[stack[k].ch]?.includes(ch)) {
          const open = stack[k];
          stack.length = k;
          close(open.pos, i, k);
          break;
        }
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The outermost quote whose marks enclose offset pos (innerStart <= pos < innerEnd). */
export function quoteAt(quotes: Quote[], pos: number): Quote | undefined {
  let best: Quote | undefined;
  for (const q of quotes) {
    if (q.start > pos) break;
    if (q.innerStart <= pos && pos < q.innerEnd && (!best || q.depth < best.depth)) best = q;
  }
  return best;
}

export const OPEN_QUOTES = '"“«„‘‹';
export const CLOSE_QUOTES = '"”»“’›';
