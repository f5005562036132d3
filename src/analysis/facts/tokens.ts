/**
 * @module analysis/facts/tokens
 * Splitting hub ids, names and short texts into lower-case words, shared by the fact rules so that
 * every rule matches whole words (`med` matches `Qwen-med-0.5B`, never `median`).
 */
import type { HistoryItem } from '../../core/history.js';

/** The part of an `owner/name` id after the last slash (the whole id when there is none). */
export function repoName(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash === -1 ? id : id.slice(slash + 1);
}

/** The owner of an `owner/name` id, if it has one. */
export function repoOwner(id: string): string | undefined {
  const slash = id.indexOf('/');
  return slash > 0 ? id.slice(0, slash) : undefined;
}

/**
 * Words of a name: split on anything that is not a letter or digit (`/ - _ .`, spaces, emoji),
 * on camelCase humps (`MedGemma` → med, gemma; `HTTPServer` → http, server) and, unless
 * `splitDigits` is false, between letters and digits (`Med42` → med, 42), then lower-cased.
 * Keeping digits attached suits words such as `fp8` or `4bit`.
 */
export function nameTokens(text: string, { splitDigits = true } = {}): string[] {
  let spaced = text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2').replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2');
  if (splitDigits) spaced = spaced.replace(/(\p{L})(\d)/gu, '$1 $2').replace(/(\d)(\p{L})/gu, '$1 $2');
  return spaced
    .split(/[^\p{L}\d]+/u)
    .filter((token) => token.length > 0)
    .map((token) => token.toLowerCase());
}

/** The words that name an item: the repo part of its id for hub repos, its title for papers. */
export function itemNameTokens(item: Pick<HistoryItem, 'kind' | 'externalId' | 'title'>): string[] {
  return nameTokens(item.kind === 'paper' ? item.title : repoName(item.externalId));
}
