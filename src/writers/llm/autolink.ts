/**
 * @module writers/llm/autolink
 * Turns the model's plain text into paragraphs of inline pieces, linking every exact mention of
 * a section item's id, title, display name or author. Matching is exact and whole-name (`H24`
 * is not linked inside `H245`), longest name first (`hanyc4855/H24` before `hanyc4855`).
 */
import type { Inline, Paragraph } from '../../core/text.js';
import type { ScopeItem } from './scope.js';

export interface LinkTarget {
  text: string;
  href: string;
}

/** Every name of the items worth linking, longest first; only absolute http(s) targets. */
export function linkTargets(items: readonly ScopeItem[]): LinkTarget[] {
  const byText = new Map<string, string>();
  const add = (text: string | null | undefined, href: string | undefined) => {
    if (!text || text.trim().length < 2 || !href || byText.has(text)) return;
    byText.set(text, href);
  };
  for (const item of items) {
    const href = httpUrl(item.url);
    add(item.name, href);
    add(item.externalId, href);
    add(item.title, href);
  }
  // Authors after items, so a model called like its author links to the model.
  for (const item of items) {
    if (!item.author || item.kind === 'paper') continue;
    const origin = httpUrl(item.url) ? new URL(item.url).origin : undefined;
    add(item.author, origin ? `${origin}/${encodeURIComponent(item.author)}` : undefined);
  }
  return [...byText.entries()]
    .map(([text, href]) => ({ text, href }))
    .sort((a, b) => b.text.length - a.text.length || (a.text < b.text ? -1 : 1));
}

export function autolink(text: string, targets: readonly LinkTarget[]): Paragraph {
  const pieces: Inline[] = [];
  let plain = '';
  let index = 0;
  while (index < text.length) {
    const target = targets.find((candidate) => matchesAt(text, index, candidate.text));
    if (target) {
      if (plain) pieces.push(plain);
      plain = '';
      pieces.push({ text: target.text, href: target.href });
      index += target.text.length;
    } else {
      plain += text[index];
      index += 1;
    }
  }
  if (plain) pieces.push(plain);
  return pieces;
}

const NAME_CHAR = /[\p{L}\p{N}_/@-]/u;

function matchesAt(text: string, index: number, name: string): boolean {
  if (!text.startsWith(name, index)) return false;
  const before = text[index - 1];
  const after = text[index + name.length];
  const afterNext = text[index + name.length + 1];
  if (before !== undefined && NAME_CHAR.test(name[0] ?? '') && NAME_CHAR.test(before)) return false;
  if (after !== undefined && NAME_CHAR.test(name.at(-1) ?? '')) {
    if (NAME_CHAR.test(after)) return false;
    // `v4.41.0` is not linked inside `v4.41.0.1`, but is at the end of a sentence.
    if (after === '.' && afterNext !== undefined && /[\p{L}\p{N}]/u.test(afterNext)) return false;
  }
  return true;
}

function httpUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
