/**
 * The model sees only its section: the facts (with ids) and items of that section, the house
 * style and the target length, never the rest of the plan.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EditionPlan } from '../../core/plan.js';
import { SECTION_IDS } from '../../core/text.js';
import { buildSeedPlan } from '../writer.case.js';
import { HOUSE_STYLE, sectionPrompt } from './prompts.js';
import { sectionSchema } from './schemas.js';
import { sectionScope } from './scope.js';

let plan: EditionPlan;
beforeAll(async () => {
  plan = await buildSeedPlan();
});

describe('section prompts', () => {
  it('give the lead its facts with ids, its items with URLs, and its length', () => {
    const scope = sectionScope(plan, 'lead');
    if (!scope) throw new Error('the seed plan has a lead');
    const { system, user } = sectionPrompt(plan, scope);
    expect(system).toBe(HOUSE_STYLE);
    expect(system).toMatch(/British-neutral/);
    expect(system).toMatch(/No hype/);
    // The derivations and unit spellings the fact-check accepts (fact-check/derive.ts, scan.ts).
    expect(system).toContain('A figure may also be worked out from two facts of the brief');
    for (const allowed of [
      'a\n  difference or a sum',
      '"3.2×"',
      'downloads per like',
      'a share or a growth as a percentage',
      '"twice", "double", "three times", "half", "a third", "a quarter" (within\n  10%)',
      '"About", "roughly" and "nearly" allow 5%',
      '1.5bn, 1.5B, 1.5B-parameter, 1.5-billion-parameter, 270 million or\n  27.1 thousand',
    ])
      expect(system).toContain(allowed);
    expect(user).toContain('3 to 4 paragraphs');
    expect(user).toContain('Sunday 2026-08-23');
    for (const fact of plan.lead?.facts ?? []) expect(user).toContain(`[${fact.id}]`);
    for (const item of plan.lead?.items ?? []) expect(user).toContain(`<${item.url}>`);
  });

  it('never show another section’s items', () => {
    const lead = plan.lead?.items.map((item) => item.externalId) ?? [];
    const reading = plan.reading.map((entry) => entry.item.title);
    const leadPrompt = sectionPrompt(
      plan,
      sectionScope(plan, 'lead') as NonNullable<ReturnType<typeof sectionScope>>,
    ).user;
    const readingPrompt = sectionPrompt(
      plan,
      sectionScope(plan, 'reading') as NonNullable<ReturnType<typeof sectionScope>>,
    ).user;
    for (const title of reading) expect(leadPrompt).not.toContain(title);
    for (const id of lead) expect(readingPrompt).not.toContain(id);
    expect(leadPrompt).not.toContain('ultralytics');
  });

  it('size each kind: deep dive 4 paragraphs, opinion about 120 words labelled opinion, lists one line each', () => {
    const prompt = (id: (typeof SECTION_IDS)[number]) =>
      sectionPrompt(plan, sectionScope(plan, id) as NonNullable<ReturnType<typeof sectionScope>>).user;
    expect(prompt('deepDive')).toContain('4 paragraphs');
    expect(prompt('opinion1')).toContain('about 120 words');
    expect(prompt('opinion1')).toContain('It is opinion');
    expect(prompt('tools')).toMatch(/one blurb of at most 20 words for each key/);
    for (const tool of plan.tools) expect(prompt('tools')).toContain(`- ${tool.item.externalId} → `);
  });

  it('name each failure in the regeneration request', () => {
    const scope = sectionScope(plan, 'lead') as NonNullable<ReturnType<typeof sectionScope>>;
    const user = sectionPrompt(plan, scope, ['number "98,765" is not in the plan\'s facts']).user;
    expect(user).toContain(
      'Your previous answer was rejected:\n- number "98,765" is not in the plan\'s facts',
    );
  });

  it('are the same for the same plan (the cache key depends on it)', () => {
    for (const id of SECTION_IDS) {
      const scope = sectionScope(plan, id);
      if (!scope) continue;
      expect(sectionPrompt(plan, scope)).toEqual(sectionPrompt(plan, sectionScope(plan, id) as typeof scope));
    }
  });
});

describe('section schemas', () => {
  it('are strict JSON Schema objects; list keys are the section’s own', () => {
    for (const id of SECTION_IDS) {
      const scope = sectionScope(plan, id);
      if (!scope) continue;
      const { name, jsonSchema } = sectionSchema(scope);
      expect(name).toMatch(/^[a-zA-Z0-9_-]+$/);
      expect(jsonSchema).toMatchObject({ type: 'object', additionalProperties: false });
      expect(jsonSchema).not.toHaveProperty('$schema');
      if (scope.kind === 'list') {
        const entries = (
          jsonSchema.properties as Record<string, { items: { properties: { key: { enum: string[] } } } }>
        ).entries;
        expect(entries?.items.properties.key.enum).toEqual(scope.entries.map((entry) => entry.key));
      }
    }
  });

  it('derive facts for trending and movers from their items', () => {
    const movers = sectionScope(plan, 'movers');
    const first = plan.movers.items[0];
    expect(movers?.facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          subject: first?.item.externalId,
          field: 'rankChange',
          value: first?.mover.rankChange,
        }),
      ]),
    );
    const trending = sectionScope(plan, 'trending');
    expect(trending?.entries.length).toBe(
      plan.trending.models.length +
        plan.trending.datasets.length +
        plan.trending.spaces.length +
        plan.trending.repositories.length,
    );
  });
});

describe('markup and links in an answer', () => {
  it('are named failures, whatever the form', async () => {
    const { markupIn } = await import('./schemas.js');
    expect(markupIn(['See [H24](javascript:alert(1))'])).toMatch(/HTML tag|Markdown link/);
    expect(markupIn(['<img src=x onerror=alert(1)>'])).toMatch(/^the answer contains an HTML tag/);
    expect(markupIn(['[H24](https://huggingface.co/hanyc4855/H24)'])).toMatch(/Markdown link/);
    expect(markupIn(['Go to javascript: alert(1)'])).toMatch(/a URL/);
    expect(markupIn(['data:text/html;base64,AAAA'])).toMatch(/a URL/);
    expect(markupIn(['see https://example.com'])).toMatch(/a URL/);
    expect(markupIn(['see huggingface.co/hanyc4855/H25'])).toMatch(/a URL/);
    expect(markupIn(['see www.example.org'])).toMatch(/a URL/);
    expect(markupIn(['see foo+bar://x'])).toMatch(/a URL/);
    // Prose with colons, ratios, ranks and names is not markup.
    expect(
      markupIn(['The data: 8 of 12, at 16:00; H25 is #1 (412 likes) and 3 < 4 > 2 in hanyc4855/H25.']),
    ).toBeUndefined();
  });
});
