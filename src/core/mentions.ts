/**
 * @module core/mentions
 * Which sections of an edition name which items: planItems with the section each came from, for
 * the subject pages' "in the Post" lists and the most-mentioned index.
 */
import type { EditionPlan, PlannedItem } from './plan.js';
import type { SectionId } from './text.js';

/** The sections a subject can be mentioned in (both opinion pieces count as `opinion1`'s section). */
export type MentionSection = Exclude<SectionId, 'metrics' | 'opinion2'>;

export interface PlanMention {
  section: MentionSection;
  item: PlannedItem;
}

/** Every item the plan names, with its section, in the plan's order (planItems' order). */
export function planMentions(plan: EditionPlan): PlanMention[] {
  const { models, datasets, spaces, repositories } = plan.trending;
  const of = (section: MentionSection, items: readonly PlannedItem[]) =>
    items.map((item): PlanMention => ({ section, item }));
  return [
    ...of('lead', plan.lead?.items ?? []),
    ...of('deepDive', plan.deepDive?.items ?? []),
    ...of(
      'opinion1',
      plan.opinions.flatMap((story) => story.items),
    ),
    ...of(
      'tools',
      plan.tools.map((tool) => tool.item),
    ),
    ...of('trending', [...models, ...datasets, ...spaces, ...repositories]),
    ...of(
      'movers',
      plan.movers.items.map((entry) => entry.item),
    ),
    ...of(
      'reading',
      plan.reading.map((entry) => entry.item),
    ),
  ];
}
