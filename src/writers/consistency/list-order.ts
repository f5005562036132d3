/**
 * @module writers/consistency/list-order
 * A list that names a measure follows it. A list is two or more items in one sentence, each
 * followed by its measure in brackets, joined by commas, "and" or "or": "Also climbing: A
 * (+13.2k), B (+3.9k) and C (+5.2k)", "Also drawing readers: X (57 upvotes), Y (80 upvotes)".
 * The measures must be of one kind (the same unit word, or all signed, or all ranks) and in
 * descending order as printed ("13.2k" read as 13,200 by the fact-check's scanner); ranks
 * ("1st", "#3") in ascending order. Equal figures may stand in either order. A range ("from A
 * (41M) to B (3.8B)") is not a list: "to" does not join list items.
 */
import { scanClaims } from '../fact-check/scan.js';
import { quote, type Sentence } from './view.js';

interface Measure {
  text: string;
  value: number;
  kind: string;
  /** Where the bracket closes, and what follows it up to the next bracket. */
  joinsNext: boolean;
}

const BRACKETS = /\(([^()]*)\)/g;
const RANK = /^#\d+$|^\d+(?:st|nd|rd|th)$/;
const LIST_JOIN = /^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|;\s*)\S/;

function measureOf(content: string): Omit<Measure, 'joinsNext'> | undefined {
  const trimmed = content.trim();
  if (!/^[#+\-−–]?\d/.test(trimmed)) return undefined;
  const first = scanClaims(trimmed).find((claim) => claim.kind === 'number');
  if (first?.kind !== 'number') return undefined;
  const head = trimmed.split(/\s+/)[0] as string;
  const rank = RANK.test(head);
  const value = first.shown.sign === '-' ? -first.shown.value : first.shown.value;
  const kind = rank
    ? 'rank'
    : `${first.shown.sign === '' ? '' : 'signed'}${first.shown.percent ? '%' : ''}:${first.hint ?? ''}`;
  return { text: trimmed, value, kind };
}

/** The lists of measures in a sentence: runs of bracketed measures joined as list items. */
function listsOf(sentence: string): Measure[][] {
  const found: Array<Measure & { end: number; start: number }> = [];
  for (const match of sentence.matchAll(BRACKETS)) {
    const measure = measureOf(match[1] as string);
    const start = match.index ?? 0;
    if (measure) found.push({ ...measure, joinsNext: false, start, end: start + match[0].length });
  }
  const lists: Measure[][] = [];
  let run: Measure[] = [];
  found.forEach((measure, index) => {
    run.push(measure);
    const next = found[index + 1];
    const joined =
      next !== undefined &&
      next.kind === measure.kind &&
      LIST_JOIN.test(sentence.slice(measure.end, next.start));
    if (!joined) {
      if (run.length >= 2) lists.push(run);
      run = [];
    }
  });
  return lists;
}

export function checkListOrder(sentences: readonly Sentence[]): string[] {
  const failures: string[] = [];
  for (const sentence of sentences) {
    for (const list of listsOf(sentence.text)) {
      const ascending = list[0]?.kind === 'rank';
      const bad = list.findIndex((m, i) => {
        const previous = list[i - 1];
        if (!previous) return false;
        return ascending ? m.value < previous.value : m.value > previous.value;
      });
      if (bad < 0) continue;
      const colon = sentence.text.indexOf(':');
      const name = colon > 0 && colon < 60 ? `"${sentence.text.slice(0, colon)}"` : 'a list';
      failures.push(
        `list order: ${name} is not in ${ascending ? 'ascending' : 'descending'} order of its measure ` +
          `(${list.map((m) => m.text).join(', ')}): ${(list[bad - 1] as Measure).text} comes before ` +
          `${(list[bad] as Measure).text}: ${quote(sentence.text)}`,
      );
    }
  }
  return failures;
}
