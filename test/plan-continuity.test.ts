/**
 * Continuity between editions: a subject led recently needs a clearly larger change to lead again,
 * stories link back to the editions that covered their items, series or authors ("Previously in
 * the Post"), and previous editions come back from the store summarised, garbage skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EditionPlan, EditionPlanSchema, type PreviousEdition, type Story } from '../src/core/plan.js';
import { loadHistory, loadPreviousEditions, summariseEdition } from '../src/pipeline/history.js';
import { buildPlan } from '../src/planner/index.js';
import {
  NOVELTY_COVERED,
  NOVELTY_REPEAT_LEAD,
  NOVELTY_REPEAT_LEAD_GROWN,
  REPEAT_LEAD_FACTOR,
} from '../src/planner/novelty.js';
import type { KyselyStore } from '../src/store/kysely-store.js';
import {
  copyModelsSnapshot,
  planFromBundle,
  storeWith,
  withSnapshots,
} from '../src/testing/plans/helpers.js';
import { SEED_DAY, seedScenario } from '../src/testing/plans/seed-scenario.js';

const MONDAY = '2026-08-24';
const SATURDAY = '2026-08-22';
const SURGE = {
  type: 'surge',
  key: 'weekend-independents',
  label: 'Independent developers lead the weekend',
} as const;
const SERIES_KEY = 'hanyc4855/H';

/** A previous edition that led with the weekend surge at magnitude `m`, and covered nothing else. */
function ledWithSurge(m: number): PreviousEdition {
  return {
    date: SATURDAY,
    number: 7,
    headline: 'Saturday belongs to the independents',
    lead: { subject: SURGE, magnitude: m },
    subjects: [{ subject: SURGE, itemKeys: [], authors: [] }],
  };
}

function stories(plan: EditionPlan): Story[] {
  return [plan.lead, plan.deepDive, ...plan.opinions].filter((story) => story !== null);
}

function candidate(plan: EditionPlan, key: string) {
  const found = plan.candidates.find((c) => c.subject.key === key);
  if (!found) throw new Error(`no candidate ${key}`);
  return found;
}

describe('the day after the seed Sunday', () => {
  let sunday: EditionPlan;
  let monday: EditionPlan;
  let previous: PreviousEdition;

  beforeAll(async () => {
    const seed = seedScenario();
    sunday = await planFromBundle(seed, SEED_DAY);
    previous = summariseEdition(1, sunday);
    monday = await planFromBundle(withSnapshots(seed, copyModelsSnapshot(seed, SEED_DAY, MONDAY)), MONDAY, [
      previous,
    ]);
  });

  it('summarises Sunday as edition 1 led by the weekend surge', () => {
    expect(previous).toMatchObject({
      date: SEED_DAY,
      number: 1,
      headline: SURGE.label,
      lead: { subject: SURGE, magnitude: sunday.lead?.magnitude },
    });
    expect(previous.subjects.map((s) => s.subject.key)).toEqual(stories(sunday).map((s) => s.subject.key));
    expect(previous.subjects[0]?.itemKeys).toEqual(
      expect.arrayContaining(['model:hanyc4855/H24', 'model:hanyc4855/H25']),
    );
  });

  it('on Monday the same trending list is an independent surge, marked as covered, its score lowered', () => {
    expect(EditionPlanSchema.parse(monday)).toEqual(monday);
    expect(monday.weekday).toBe('Monday');
    expect(monday.candidates.some((c) => c.kind === 'weekend-surge')).toBe(false);
    const surge = candidate(monday, 'independents');
    expect(surge.kind).toBe('independent-surge');
    // 8 of 12 individuals: 0.8 × (2/3 − 0.35) / 0.4.
    expect(surge.magnitude).toBeCloseTo(0.633, 3);
    expect(surge.novelty).toBe(NOVELTY_COVERED);
    expect(surge.novelty).toBeLessThan(1);
    expect(surge.score).toBeCloseTo(surge.magnitude * NOVELTY_COVERED + surge.signal, 3);
    expect(surge.reason).toContain(`covered on ${SEED_DAY}`);
  });

  it("Sunday's series and repository are covered too; what Sunday did not mention keeps novelty 1", () => {
    expect(candidate(monday, SERIES_KEY).novelty).toBe(NOVELTY_COVERED);
    expect(candidate(monday, 'repository:ultralytics/ultralytics').novelty).toBe(NOVELTY_COVERED);
    expect(candidate(monday, 'paper:2608.01234').novelty).toBe(1);
    expect(candidate(monday, 'model:lucaverdi/tiny-story-270M').novelty).toBe(1);
    const leadCandidate = monday.candidates.find((c) => c.blocked === null);
    expect(monday.lead?.subject.key).toBe(leadCandidate?.subject.key);
    expect(monday.lead?.score).toBe(leadCandidate?.score);
  });

  it("every Monday story about Sunday's subjects links back to edition 1", () => {
    // Sunday argued the H-series; on Monday it rests as an opinion (planner OPINION_REST), so
    // the story that carries H24/H25 now is the one that must link back.
    const carrier = stories(monday).find((s) =>
      s.items.some((item) => /^hanyc4855\/H2[45]$/.test(item.externalId)),
    );
    expect(carrier?.previously).toEqual([
      {
        date: SEED_DAY,
        number: 1,
        headline: SURGE.label,
        matchedBy: expect.stringMatching(/^(item hanyc4855\/H2[45]|same \w+)$/),
      },
    ]);
    for (const story of stories(monday)) {
      const sundayKeys = new Set(previous.subjects.flatMap((s) => s.itemKeys));
      const overlaps = story.items.some((item) => sundayKeys.has(`${item.kind}:${item.externalId}`));
      if (overlaps)
        expect(
          story.previously.map((ref) => ref.number),
          story.subject.key,
        ).toEqual([1]);
    }
  });
});

describe('a repeat lead needs a clearly larger change', () => {
  let fresh: EditionPlan;

  beforeAll(async () => {
    fresh = await planFromBundle(seedScenario(), SEED_DAY);
  });

  it('the seed Sunday leads with the weekend surge at magnitude 0.896 when nothing came before', () => {
    expect(fresh.lead?.kind).toBe('weekend-surge');
    const surge = candidate(fresh, SURGE.key);
    expect(surge).toMatchObject({ magnitude: 0.896, novelty: 1 });
    // Plus what the day's history signals about the independents add (0.1 × their strength).
    expect(surge.signal).toBeGreaterThan(0);
    expect(surge.score).toBeCloseTo(0.896 + surge.signal, 3);
  });

  it('led yesterday at a similar magnitude: novelty 0.3, and another story leads', async () => {
    const plan = await planFromBundle(seedScenario(), SEED_DAY, [ledWithSurge(0.85)]);
    const surge = candidate(plan, SURGE.key);
    expect(surge.novelty).toBe(NOVELTY_REPEAT_LEAD);
    expect(surge.score).toBeCloseTo(0.896 * NOVELTY_REPEAT_LEAD + surge.signal, 3);
    expect(surge.reason).toContain(`led on ${SATURDAY} with magnitude 0.85; not clearly larger now`);
    expect(plan.lead?.subject.key).not.toBe(SURGE.key);
    expect(plan.lead?.kind).toBe('star-surge');
    // The lead is the best unblocked candidate after the penalty.
    expect(plan.lead?.score).toBe(plan.candidates[0]?.score);
  });

  it('just below the 1.5× threshold (0.6 × 1.5 = 0.9 > 0.896) it still counts as a repeat', async () => {
    const plan = await planFromBundle(seedScenario(), SEED_DAY, [ledWithSurge(0.6)]);
    expect(candidate(plan, SURGE.key).novelty).toBe(NOVELTY_REPEAT_LEAD);
    expect(plan.lead?.subject.key).not.toBe(SURGE.key);
  });

  it('grown 1.5× or more since it led: novelty 0.85, and it leads again, linking back', async () => {
    for (const m of [0.5, 0.597]) {
      expect(0.896).toBeGreaterThanOrEqual(m * REPEAT_LEAD_FACTOR);
      const plan = await planFromBundle(seedScenario(), SEED_DAY, [ledWithSurge(m)]);
      const surge = candidate(plan, SURGE.key);
      expect(surge.novelty, `m = ${m}`).toBe(NOVELTY_REPEAT_LEAD_GROWN);
      expect(surge.score).toBeCloseTo(0.896 * NOVELTY_REPEAT_LEAD_GROWN + surge.signal, 3);
      expect(surge.reason).toContain(`led on ${SATURDAY}; the change is now 1.5× larger or more`);
      expect(plan.lead?.subject.key, `m = ${m}`).toBe(SURGE.key);
      expect(plan.lead?.previously).toEqual([
        {
          date: SATURDAY,
          number: 7,
          headline: 'Saturday belongs to the independents',
          matchedBy: 'same surge',
        },
      ]);
    }
  });

  it('the strongest of several earlier leads sets the bar', async () => {
    const older = { ...ledWithSurge(0.3), date: '2026-08-20', number: 5 };
    const plan = await planFromBundle(seedScenario(), SEED_DAY, [ledWithSurge(0.85), older]);
    expect(candidate(plan, SURGE.key).novelty).toBe(NOVELTY_REPEAT_LEAD);
    expect(candidate(plan, SURGE.key).reason).toContain('led on 2026-08-22, 2026-08-20 with magnitude 0.85');
  });
});

describe('Previously in the Post', () => {
  const h24Edition: PreviousEdition = {
    date: '2026-08-21',
    number: 5,
    headline: 'H24 arrives',
    lead: { subject: { type: 'item', key: 'model:hanyc4855/H24', label: 'hanyc4855/H24' }, magnitude: 0.4 },
    subjects: [
      {
        subject: { type: 'item', key: 'model:hanyc4855/H24', label: 'hanyc4855/H24' },
        itemKeys: ['model:hanyc4855/H24'],
        authors: ['hanyc4855'],
      },
    ],
  };
  const authorEdition: PreviousEdition = {
    date: '2026-08-19',
    number: 3,
    lead: null,
    subjects: [
      {
        subject: { type: 'item', key: 'model:hanyc4855/H23', label: 'hanyc4855/H23' },
        itemKeys: ['model:hanyc4855/H23'],
        authors: ['hanyc4855'],
      },
    ],
  };
  const unrelated: PreviousEdition = {
    date: '2026-08-18',
    number: 2,
    lead: null,
    subjects: [
      {
        subject: { type: 'item', key: 'model:someone/else', label: 'someone/else' },
        itemKeys: ['model:someone/else'],
        authors: ['someone'],
      },
    ],
  };
  let plan: EditionPlan;

  beforeAll(async () => {
    plan = await planFromBundle(seedScenario(), SEED_DAY, [unrelated, authorEdition, h24Edition]);
  });

  it('the author-series story about hanyc4855 links to the H24 edition by item and the H23 one by author, newest first', () => {
    const series = stories(plan).find((s) => s.subject.key === SERIES_KEY);
    expect(series?.kind).toBe('author-series');
    expect(series?.previously).toEqual([
      { date: '2026-08-21', number: 5, headline: 'H24 arrives', matchedBy: 'item hanyc4855/H24' },
      { date: '2026-08-19', number: 3, matchedBy: 'author hanyc4855' },
    ]);
  });

  it('an author match links series stories only: the surge story links by item, not by author', () => {
    const surge = stories(plan).find((s) => s.subject.key === SURGE.key);
    expect(surge?.previously).toEqual([
      { date: '2026-08-21', number: 5, headline: 'H24 arrives', matchedBy: 'item hanyc4855/H24' },
    ]);
    expect(candidate(plan, SURGE.key).novelty).toBe(NOVELTY_COVERED);
  });

  it('stories with nothing in common with earlier editions have no links', () => {
    const repository = stories(plan).find((s) => s.subject.key === 'repository:ultralytics/ultralytics');
    expect(repository?.previously).toEqual([]);
    expect(candidate(plan, 'repository:ultralytics/ultralytics').novelty).toBe(1);
  });
});

describe('previous editions through the store', () => {
  let store: KyselyStore;
  let sunday: EditionPlan;

  beforeAll(async () => {
    const seed = seedScenario();
    store = await storeWith(withSnapshots(seed, copyModelsSnapshot(seed, SEED_DAY, MONDAY)));
    sunday = buildPlan(await loadHistory(store, SEED_DAY), await loadPreviousEditions(store, SEED_DAY), {
      timeZone: 'UTC',
    });
  });
  afterAll(async () => store.close());

  it('a saved plan comes back summarised, for the days after it only', async () => {
    const saved = await store.saveEditionPlan(SEED_DAY, sunday, '2026-08-23T07:00:00.000Z');
    expect(saved.number).toBe(1);
    expect(await loadPreviousEditions(store, MONDAY)).toEqual([summariseEdition(1, sunday)]);
    expect(await loadPreviousEditions(store, SEED_DAY)).toEqual([]);
  });

  it('a plan that is not an EditionPlan is skipped, not fatal', async () => {
    const garbage = await store.saveEditionPlan(
      '2026-08-22',
      { version: 99, lead: 'nope', date: 'yesterday' },
      '2026-08-22T07:00:00.000Z',
    );
    expect(garbage.number).toBe(2);
    await store.saveEditionPlan('2026-08-21', null, '2026-08-21T07:00:00.000Z');
    await store.saveEditionPlan('2026-08-20', [1, 2, 3], '2026-08-20T07:00:00.000Z');
    expect(await loadPreviousEditions(store, MONDAY)).toEqual([summariseEdition(1, sunday)]);
    expect(await loadPreviousEditions(store, SEED_DAY)).toEqual([]);
  });

  it('a row whose plan text is not JSON at all is skipped too', async () => {
    const raw = await storeWith();
    try {
      await raw.db
        .insertInto('editions')
        .values({
          date: '2026-08-22',
          number: 1,
          status: 'draft',
          plan: '{"version":1,"date":"2026-08-2',
          created_at: '2026-08-22T07:00:00.000Z',
          updated_at: '2026-08-22T07:00:00.000Z',
        })
        .execute();
      await raw.saveEditionPlan(SEED_DAY, sunday, '2026-08-23T07:00:00.000Z');
      expect(await loadPreviousEditions(raw, MONDAY)).toEqual([summariseEdition(2, sunday)]);
    } finally {
      await raw.close();
    }
  });

  it('the stored edition feeds the next plan: Monday links back to Sunday', async () => {
    const previous = await loadPreviousEditions(store, MONDAY);
    const monday = buildPlan(await loadHistory(store, MONDAY), previous, { timeZone: 'UTC' });
    const carrier = stories(monday).find((s) =>
      s.items.some((item) => /^hanyc4855\/H2[45]$/.test(item.externalId)),
    );
    expect(carrier?.previously.map((ref) => [ref.date, ref.number])).toEqual([[SEED_DAY, 1]]);
    expect(candidate(monday, 'independents').novelty).toBe(NOVELTY_COVERED);
  });

  it('at most `limit` editions are read, newest first', async () => {
    await store.saveEditionPlan('2026-08-16', { ...sunday, date: '2026-08-16' }, '2026-08-16T07:00:00.000Z');
    const all = await loadPreviousEditions(store, MONDAY);
    expect(all.map((e) => e.date)).toEqual([SEED_DAY, '2026-08-16']);
    // The limit counts rows read, garbage included: the 3 newest rows hold only one valid plan.
    expect((await loadPreviousEditions(store, MONDAY, 3)).map((e) => e.date)).toEqual([SEED_DAY]);
  });
});
