/**
 * @module testing/editions/editions (test-only: excluded from the build)
 * Editions for renderer, feed and server tests: the seed scenario planned and written by the
 * newsroom, a generated month, and a hostile edition whose every outside string is an attack.
 */
import type { Edition, EditionMeta } from '../../core/edition.js';
import type { EditionPlan } from '../../core/plan.js';
import { writeEdition } from '../../writers/newsroom/index.js';
import { generatedPlan, markupPlan, seedPlan } from '../plans/plans.js';

export interface EditionOptions {
  number?: number;
  status?: Edition['status'];
  meta?: Partial<EditionMeta>;
  updatedAt?: string;
}

export function editionFromPlan(plan: EditionPlan, options: EditionOptions = {}): Edition {
  const updatedAt = options.updatedAt ?? `${plan.date}T06:30:00.000Z`;
  const status = options.status ?? 'published';
  return {
    number: options.number ?? 1,
    date: plan.date,
    status,
    plan,
    text: writeEdition(plan),
    meta: { dataMode: 'live', dataDay: plan.date, failedSources: [], ...options.meta },
    publishedAt: status === 'published' ? updatedAt : null,
    updatedAt,
  };
}

/** The seed Sunday (2026-08-23), planned from its bundle and written by the newsroom. */
export async function seedEdition(options: EditionOptions = {}): Promise<Edition> {
  return editionFromPlan(structuredClone(await seedPlan()), options);
}

/** A generated month ending on `endDay`: every list full, movers with week-long sparklines. */
export function generatedEdition(endDay = '2025-06-15', options: EditionOptions = {}): Edition {
  return editionFromPlan(generatedPlan(endDay), options);
}

export const HOSTILE_STRINGS = {
  script: '<script>window.__pwned = 1</script>',
  breakout: '"><img src=x onerror="window.__pwned=1">',
  jsUrl: 'javascript:window.__pwned=1',
  rtl: '\u202Egnp.exe\u202C override',
  long: 'W'.repeat(10_000),
} as const;

/**
 * The seed edition with every item title, author, tagline and URL replaced by an attack, and the
 * text written from that plan, so the attacks reach every section the way outside data would.
 */
export async function hostileEdition(options: EditionOptions = {}): Promise<Edition> {
  const plan = markupPlan(structuredClone(await seedPlan()));
  const attacks = Object.values(HOSTILE_STRINGS);
  let n = 0;
  const visit = (item: EditionPlan['trending']['models'][number]) => {
    const attack = attacks[n++ % attacks.length] ?? '';
    item.title = `${attack} ${item.title}`;
    item.author = `${attack}${item.author ?? ''}`;
    item.tagline = attack;
    if (n % 3 === 0) item.url = HOSTILE_STRINGS.jsUrl;
  };
  for (const list of Object.values(plan.trending)) list.forEach(visit);
  for (const story of [plan.lead, plan.deepDive, ...plan.opinions]) story?.items.forEach(visit);
  for (const tool of plan.tools) visit(tool.item);
  for (const mover of plan.movers.items) visit(mover.item);
  for (const entry of plan.reading) visit(entry.item);
  return editionFromPlan(plan, options);
}
