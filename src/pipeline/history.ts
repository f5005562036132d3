/**
 * @module pipeline/history
 * Loads the window of history a plan needs from the store: the snapshots, observations and items
 * of the days up to the edition's. Only this window is read, so planning does not slow down as
 * the store grows.
 */
import { addDays, type History } from '../core/history.js';
import { type EditionPlan, EditionPlanSchema, type PreviousEdition } from '../core/plan.js';
import { type EditionText, EditionTextSchema, plainText } from '../core/text.js';
import type { Store } from '../store/store.js';

/**
 * 36 days including the edition's: the planner's analysis reads the last 15 (7-day movers and the
 * previous 7-day period for metrics); history signals compare with up to 30 earlier days and the
 * same weekday of the weeks before.
 */
export const HISTORY_WINDOW_DAYS = 36;

export async function loadHistory(
  store: Store,
  day: string,
  windowDays = HISTORY_WINDOW_DAYS,
): Promise<History> {
  const from = addDays(day, -(windowDays - 1));
  const [snapshots, observations] = await Promise.all([
    store.listSnapshots({ from, to: day }),
    store.observations({ from, to: day }),
  ]);
  const items = await store.getItems([...new Set(observations.map((o) => o.itemId))]);
  return {
    day,
    from,
    items: items.map(({ id, kind, externalId, title, url, author, attributes, firstSeenAt }) => ({
      id,
      kind,
      externalId,
      title,
      url,
      author,
      attributes,
      firstSeenAt,
    })),
    observations: observations.map(({ itemId, source, day: observedDay, takenAt, list, rank, metrics }) => ({
      itemId,
      source,
      day: observedDay,
      takenAt,
      list,
      rank,
      metrics,
    })),
    snapshots: snapshots.map(({ source, day: snapshotDay, takenAt, status, error, itemCount }) => ({
      source,
      day: snapshotDay,
      takenAt,
      status,
      error,
      itemCount,
    })),
  };
}

/**
 * The editions before `day` (newest first, at most `limit`) as the planner needs them. Fourteen:
 * the writers avoid phrasings printed in the last 14 editions; novelty looks at the last seven.
 */
export async function loadPreviousEditions(
  store: Store,
  day: string,
  limit = 14,
): Promise<PreviousEdition[]> {
  const editions = await store.listEditions({ before: day, limit });
  return editions.flatMap((edition) => {
    const parsed = EditionPlanSchema.safeParse(edition.plan);
    if (!parsed.success) return [];
    const text = EditionTextSchema.safeParse(edition.text);
    return [summariseEdition(edition.number, parsed.data, text.success ? text.data : undefined)];
  });
}

/** What an edition printed, as the next editions' writers need to know it. */
function memoryOf(text: EditionText): PreviousEdition['memory'] {
  const lead = text.sections.find((section) => section.id === 'lead');
  const first = lead?.paragraphs[0];
  const opening = first ? (plainText(first).match(/^.*?[.!?](?=\s|$)/)?.[0] ?? plainText(first)) : '';
  return {
    phrasings: text.memory?.phrasings ?? [],
    sentences: text.memory?.sentences ?? [],
    headline: text.headline,
    opening,
  };
}

export function summariseEdition(number: number, plan: EditionPlan, text?: EditionText): PreviousEdition {
  const stories = [plan.lead, plan.deepDive, ...plan.opinions].filter((story) => story !== null);
  return {
    date: plan.date,
    number,
    ...(plan.lead ? { headline: plan.lead.subject.label } : {}),
    lead: plan.lead ? { subject: plan.lead.subject, magnitude: plan.lead.magnitude } : null,
    subjects: stories.map((story) => ({
      subject: story.subject,
      itemKeys: story.items.map((item) => `${item.kind}:${item.externalId}`),
      authors: [...new Set(story.items.map((item) => item.author).filter((a): a is string => a !== null))],
    })),
    ...(text ? { memory: memoryOf(text) } : {}),
  };
}
