/**
 * @module analysis/signals/theme-label
 * A human label from a theme's shared values: size, domain, family, relation, task and author,
 * in the order a reader says them ("small medical fine-tunes of Qwen for text generation").
 */

import type { Theme } from '../../core/signals.js';
import { familyDisplayName } from '../facts/family.js';

type Dimension = Theme['dimensions'][number];

/** Family spellings readers expect; anything else is capitalised. */
const RELATION_NOUNS: Record<string, string> = {
  finetune: 'fine-tunes',
  quantized: 'quantized models',
  adapter: 'adapters',
  merge: 'merges',
};

const DOMAIN_WORDS: Record<string, string> = {
  general: 'general-purpose',
  'speech-audio': 'speech and audio',
  specialised: 'domain-specific',
};

const SIZE_WORDS: Record<string, string> = { medium: 'medium-sized' };

export function familyName(family: string): string {
  return familyDisplayName(family, { capitalise: true });
}

export function themeLabel(pairs: [Dimension, string][]): string {
  const value = (dim: Dimension) => pairs.find(([d]) => d === dim)?.[1];
  const size = value('size');
  const domain = value('domain');
  const family = value('family');
  const relation = value('relation');
  const task = value('task');
  const author = value('author');
  const words: string[] = [];
  if (size) words.push(SIZE_WORDS[size] ?? size);
  if (domain) words.push(DOMAIN_WORDS[domain] ?? domain);
  if (relation) {
    words.push(RELATION_NOUNS[relation] ?? relation);
    if (family) words.push(`of ${familyName(family)}`);
  } else {
    if (family) words.push(familyName(family));
    words.push(author && words.length === 0 && !task ? 'items' : 'models');
  }
  if (task) words.push(`for ${task.replaceAll('-', ' ')}`);
  if (author) words.push(`by ${author}`);
  const label = words.join(' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}
