import type { TextEvent } from '../model/attribution.ts';
import type { TextAnalysis } from './analysis.ts';
import { isWord } from './analysis.ts';

/**
 * Dated happenings: every date mention becomes an event whose text is the date plus the nearest event noun phrase in
 * the same clause ("the start of the incursion in August 2024", "March 13, in reaction to the US-Ukrainian temporary
 * ceasefire proposal"), or the clause around the date when there is no event noun ("has intensified these efforts
 * since February 2025"). Dates that only say when a statement was made get kind 'statement'.
 */
export interface DatedEvent extends TextEvent {
  /** The date expression as written ("August 2024", "on Friday"). */
  dateText: string;
  precision: 'day' | 'month' | 'year';
}

export function extractEvents(an: TextAnalysis, statementDates: Set<number>): DatedEvent[] {
  const out: DatedEvent[] = [];
  const { tokens } = an;
  const CONJ = new Set(['and', 'but', 'while', 'и', 'но', 'а', 'і', 'та', 'але', 'що', 'что', 'that', 'whether']);
  for (let di = 0; di < an.dates.length; di++) {
    const d = an.dates[di];
    let a = 0;
    while (a < tokens.length && tokens[a].end <= d.start) a++;
    let b = a;
    while (b < tokens.length && tokens[b].start < d.end) b++;
    if (a >= tokens.length) continue;
    const [sLo, sHi] = an.sentTok[an.sentOf[a]];
    // nearest event noun within 14 tokens, not across another date or a sentence end
    let best = -1, bestLen = 0, bestDist = Infinity;
    for (let k = Math.max(sLo, a - 14); k < Math.min(sHi, b + 14); k++) {
      if (k >= a && k < b) continue;
      if (an.quoteOf[k] >= 0) continue;
      const m = an.lex.eventNouns.matchAt(tokens, k, an.stems);
      if (!m) continue;
      // English noun-noun compounds: "war crimes", "war criminals" are not the war
      const nx = tokens[k + m.len];
      if (an.lang === 'en' && nx && /^[a-z]+$/.test(nx.text) && !an.lex.eventNouns.matchAt(tokens, k + m.len, an.stems)
        && !an.lex.stopWords.has(nx.lower) && !['of', 'for', 'to', 'between', 'against'].includes(nx.lower)) continue;
      let crosses = false;
      const [x, y] = k < a ? [k, a] : [b, k];
      for (let q = x; q < y; q++) {
        if (an.dateOf[q] >= 0 && an.dateOf[q] !== di || /^[.;!?()—–]$/.test(tokens[q].text)) crosses = true;
        if (/^(that|whether|что|що|чи|ли)$/.test(tokens[q].lower) || an.cueAt[q] >= 0) crosses = true;
      }
      if (crosses) continue;
      const dist = k < a ? a - k : k - b + 1;
      if (dist < bestDist) { best = k; bestLen = m.len; bestDist = dist; }
    }
    let s: number, e: number;
    if (best >= 0) {
      // grow the noun phrase: "the start of the incursion", "the US-Ukrainian temporary ceasefire proposal"
      let ns = best;
      while (ns > sLo && ns > best - 8) {
        const t = tokens[ns - 1];
        if (!isWord(t) && t.text !== '-') break;
        if (an.dateOf[ns - 1] >= 0) break;
        if (/^(in|on|at|to|since|from|after|before|during|by|with|для|в|на|с|со|после|до|у|з|із|після|від|since|reaction)$/i.test(t.lower) && !/^(of|the|a|an)$/i.test(t.lower)) break;
        if (an.cueAt[ns - 1] >= 0) break;
        ns--;
      }
      let ne = best + bestLen;
      // "ceasefire proposal": following event nouns belong to the same phrase
      for (let m = an.lex.eventNouns.matchAt(tokens, ne, an.stems); m && ne < sHi && an.dateOf[ne] < 0; m = an.lex.eventNouns.matchAt(tokens, ne, an.stems)) ne += m.len;
      const headEnd = ne;
      // "of the incursion", "of Kursk"
      while (ne < sHi && ne < headEnd + 6 && (/^(of|the|a|an)$/i.test(tokens[ne].lower) || (ne > headEnd && /^\p{Lu}/u.test(tokens[ne].text) && isWord(tokens[ne])))) {
        if (an.dateOf[ne] >= 0) break;
        ne++;
      }
      while (ne > headEnd && /^(of|the|a|an)$/i.test(tokens[ne - 1].lower)) ne--;
      s = Math.min(ns, a);
      e = Math.max(ne, b);
    } else {
      // the clause around the date: back to a comma/conjunction, at most 10 tokens
      s = a;
      while (s > sLo && a - s < 10 && !/[,;:()—–]/.test(tokens[s - 1].text) && !CONJ.has(tokens[s - 1].lower)) s--;
      e = b;
      while (e < sHi && e - b < 6 && !/[,;:.!?()—–]/.test(tokens[e].text) && !CONJ.has(tokens[e].lower)) e++;
    }
    const start = tokens[s].start;
    const end = tokens[e - 1].end;
    out.push({
      date: d.date, text: an.text.slice(start, end), start, end,
      kind: statementDates.has(di) && best < 0 ? 'statement' : 'event',
      dateText: d.text, precision: d.precision,
    });
  }
  return out;
}
