/**
 * @module analysis/facts/size
 * How many parameters a model has, and its size class.
 *
 * The Hub's own count (`attributes.parameters`: safetensors/gguf totals or `numParameters`) wins.
 * Otherwise the model's repo name is read for a size word: a number directly followed by `M`
 * (million), `B` (billion) or `T` (trillion), in either case, standing on its own between
 * separators: `Qwen2.5-0.5B`, `llama-7b`, `gemma-3-270m`, `Kimi-K2-1T`. `8x7B` is a mixture of
 * eight 7B experts (= 56B, the Hub's convention for totals is close enough for a size class).
 * A MoE's active count (`30B-A3B`) is never the size: the total (30B) is. Words that are not
 * sizes stay out: versions (`v2`, `3.1`), dates (`2024`), quantisation (`4bit`, `Q4_K_M`, `fp8`)
 * and context lengths in thousands (`32k`). The first billion/trillion size wins; a million size
 * counts only when there is none, as `-1M` after `7B` is a context length (`Qwen2.5-7B-1M`).
 */
import type { HistoryItem } from '../../core/history.js';
import type { SizeClass } from '../../core/signals.js';
import { repoName } from './tokens.js';

export interface ParameterCount {
  parameters?: number;
  from?: 'metadata' | 'name';
}

const UNIT: Readonly<Record<string, number>> = { m: 1e6, b: 1e9, t: 1e12 };

/**
 * Not after a letter, a digit or a digit's dot (so `A3B`, `E4B` and the `5b` of `2.5b` are out), an
 * optional `<experts>x`, a number, the unit, and then no letter or digit (`4bit`, `7Bchat` are out).
 */
const SIZE = /(?<![\p{L}\d])(?<!\d\.)(?:(\d{1,3})x)?(\d{1,4}(?:\.\d{1,3})?)([mbt])(?![\p{L}\d])/giu;

type SizeItem = Pick<HistoryItem, 'kind' | 'externalId' | 'attributes'>;

export function parameterCount(item: SizeItem): ParameterCount {
  const known = item.attributes.parameters;
  if (known !== undefined && Number.isFinite(known) && known > 0)
    return { parameters: known, from: 'metadata' };
  // Only models: a dataset called `corpus-1M` counts rows, not parameters.
  if (item.kind !== 'model') return {};
  const parsed = parseParameters(repoName(item.externalId));
  return parsed === undefined ? {} : { parameters: parsed, from: 'name' };
}

/** The parameter count a model name states, or undefined when it states none. */
export function parseParameters(name: string): number | undefined {
  let millions: number | undefined;
  for (const match of name.matchAll(SIZE)) {
    const [, experts, amount, unit] = match;
    const value = Number(amount) * (experts ? Number(experts) : 1) * (UNIT[(unit ?? '').toLowerCase()] ?? 0);
    if (!(value > 0)) continue;
    if ((unit ?? '').toLowerCase() !== 'm') return Math.round(value);
    millions ??= Math.round(value);
  }
  return millions;
}

/**
 * The size classes, smallest first, with the parameter count each stays below: the one definition
 * of "tiny", "small", "medium" and "large" for analysis, the planner and every writer's size words
 * (writers/consistency checks that "small", "mid-sized", "giant"… agree with it). Fixed
 * thresholds, not the day's distribution, so a class means the same on every edition:
 * tiny < 1B ≤ small < 10B ≤ medium < 70B ≤ large.
 */
export const SIZE_CLASSES: ReadonlyArray<{ readonly sizeClass: SizeClass; readonly below: number }> = [
  { sizeClass: 'tiny', below: 1e9 },
  { sizeClass: 'small', below: 10e9 },
  { sizeClass: 'medium', below: 70e9 },
  { sizeClass: 'large', below: Number.POSITIVE_INFINITY },
];

/** The class of a parameter count (see SIZE_CLASSES); undefined when the count is unknown. */
export function sizeClass(parameters: number | undefined): SizeClass | undefined {
  if (parameters === undefined || !Number.isFinite(parameters) || parameters <= 0) return undefined;
  return SIZE_CLASSES.find((entry) => parameters < entry.below)?.sizeClass ?? 'large';
}
