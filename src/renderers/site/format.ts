/**
 * @module renderers/site/format
 * What the page needs beyond the Post's one vocabulary: a mover's gains as a list and labels cut
 * for places that cannot wrap. Numbers and dates are `core/vocabulary`'s, re-exported here, so the
 * chart beside a paragraph prints a value as the paragraph does.
 */
import type { Mover } from '../../core/signals.js';
import { signed } from '../../core/vocabulary/numbers.js';

export {
  compact,
  longDate,
  mediumDate,
  metricDisplay,
  metricPartLabel,
  metricValue,
  monthTitle,
  ordinal,
  parameters,
  percent,
  signed,
  timestamp,
} from '../../core/vocabulary/index.js';

/** What a mover gained, each count with its sign: `+1.2k likes`, `+340 stars`. */
export function moverGains(mover: Mover): string[] {
  return [
    mover.likesGained ? `${signed(mover.likesGained)} likes` : '',
    mover.starsGained ? `${signed(mover.starsGained)} stars` : '',
    mover.downloadsGained ? `${signed(mover.downloadsGained)} downloads` : '',
  ].filter(Boolean);
}

/** Cuts a label for places that cannot wrap (SVG text), keeping whole code points. */
export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
