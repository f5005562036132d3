/**
 * @module planner/specialists
 * One editorial theme the planner adds itself: small models (< 10B) made for one domain
 * (medicine, vision, code, speech…; not general or multimodal chat) trending together, the "surgical AI" story of the seed edition. Its strength is
 * clamp(members / 5) × 0.9 + 0.1 × clamp(distinct domains / 3); it needs two members.
 */
import type { Theme } from '../core/signals.js';
import { clamp, type PlanContext, round } from './context.js';

export const SPECIALISTS_THEME_ID = 'small-specialists';

/** Multimodal chat models serve everything; they are not specialists however small. */
const GENERALIST_DOMAINS = new Set(['general', 'multimodal']);

export function specialistTheme(ctx: PlanContext): Theme | undefined {
  const members = ctx.latestList('hf-models', 'trending').filter((o) => {
    const facts = ctx.facts.get(o.itemId);
    return (
      facts &&
      !GENERALIST_DOMAINS.has(facts.domain) &&
      (facts.sizeClass === 'tiny' || facts.sizeClass === 'small')
    );
  });
  if (members.length < 2) return undefined;
  const domains = new Set(members.map((o) => ctx.facts.get(o.itemId)?.domain));
  const names = [...domains].filter((d) => d !== undefined).sort();
  return {
    id: SPECIALISTS_THEME_ID,
    label: `Small specialised models (${names.join(', ')})`,
    dimensions: ['domain', 'size'],
    members: members.map((o) => o.itemId),
    strength: round(clamp(members.length / 5) * 0.9 + 0.1 * clamp(domains.size / 3)),
  };
}
