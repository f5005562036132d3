/**
 * @module analysis/facts
 * Facts about each item of a history (domain, family, size, series, author kind), derived by pure
 * rules that each name their evidence. Deterministic: the same items give the same facts.
 */
import type { HistoryItem } from '../../core/history.js';
import type { ItemFacts } from '../../core/signals.js';
import { authorKind, DEFAULT_BIG_LABS, isBigLab } from './author.js';
import { classifyDomain } from './domain.js';
import { modelFamily } from './family.js';
import { findSeries } from './series.js';
import { parameterCount, sizeClass } from './size.js';
import { repoOwner } from './tokens.js';

export { authorKind, DEFAULT_BIG_LABS, isBigLab } from './author.js';
export { classifyDomain, type DomainResult } from './domain.js';
export { FAMILIES, type FamilyResult, familyOf, modelFamily } from './family.js';
export { findSeries } from './series.js';
export { type ParameterCount, parameterCount, parseParameters, sizeClass } from './size.js';
export { nameTokens, repoName, repoOwner } from './tokens.js';

export interface ItemFactsOptions {
  /** Organisations counted as big labs; DEFAULT_BIG_LABS when absent. */
  bigLabs?: readonly string[];
}

export function itemFacts(
  items: readonly HistoryItem[],
  options: ItemFactsOptions = {},
): Map<number, ItemFacts> {
  const bigLabs = options.bigLabs ?? DEFAULT_BIG_LABS;
  const seriesOf = new Map<number, string>();
  for (const series of findSeries(items)) for (const id of series.members) seriesOf.set(id, series.key);

  const facts = new Map<number, ItemFacts>();
  for (const item of items) {
    const { domain, reason } = classifyDomain(item);
    const { family, baseModel, relation } = modelFamily(item);
    const { parameters, from } = parameterCount(item);
    const size = sizeClass(parameters);
    const kind = authorKind(item);
    const series = seriesOf.get(item.id);
    const owner = item.kind === 'paper' ? undefined : repoOwner(item.externalId);
    facts.set(item.id, {
      itemId: item.id,
      domain,
      domainReason: reason,
      ...(family ? { family } : {}),
      ...(baseModel ? { baseModel } : {}),
      ...(relation ? { relation } : {}),
      ...(parameters !== undefined ? { parameters, parametersFrom: from } : {}),
      ...(size ? { sizeClass: size } : {}),
      ...(kind ? { authorKind: kind } : {}),
      bigLab: isBigLab(item.author ?? owner, bigLabs),
      ...(series ? { series } : {}),
    });
  }
  return facts;
}
