/**
 * Real Hugging Face payloads (read in place from ../shared/fixtures/real/huggingface, never copied)
 * through the same parsers the sources use.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CollectedItemSchema } from '../../core/item.js';
import { hasSharedFixtures, SHARED_MISSING_REASON, sharedFixture } from '../../testing/sources/fixtures.js';
import { SourceReport } from '../source.js';
import { baseModelFacts, modelParameters } from './model-facts.js';
import { modelItem, parseModelListing } from './models.js';
import { paperItem, parseDailyPapers } from './papers.js';
import { ModelListItemSchema } from './schema.js';
import { parseTrending } from './trending.js';

const HF = 'https://huggingface.co';

function real(name: string): unknown {
  const path = sharedFixture(`huggingface/${name}`);
  if (!path) throw new Error(`missing shared fixture huggingface/${name}`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

if (!hasSharedFixtures) process.stderr.write(`${SHARED_MISSING_REASON}\n`);

describe.skipIf(!hasSharedFixtures)('Hugging Face real payloads', () => {
  it.each(['trending-api-models-cache-2026-05-07.json', 'trending-api-models-cache-2026-08-22.json'])(
    'parses every /api/trending item of %s with its author kind',
    (file) => {
      const cache = real(file) as Record<string, unknown>;
      const report = new SourceReport();
      const repos = parseTrending({ recentlyTrending: Object.values(cache) }, report);
      expect(report.dropped).toBe(0);
      expect(repos).toHaveLength(Object.keys(cache).length);
      for (const repo of repos) {
        expect(repo.repoType).toBe('model');
        expect(['user', 'org']).toContain(repo.authorKind);
        expect(repo.author).toBe(repo.id.split('/')[0]);
      }
    },
  );

  it('parses a default models listing (no trendingScore, no author) into valid items', () => {
    const report = new SourceReport();
    const models = parseModelListing(
      real('models-list-search-text-generation-sort-downloads-2026-08-18.json'),
      report,
    );
    expect(report.dropped).toBe(0);
    expect(models).toHaveLength(50);
    const items = models.map((model, index) =>
      modelItem(model, { endpoint: HF, list: 'trending', rank: index + 1 }),
    );
    for (const item of items) {
      expect(CollectedItemSchema.safeParse(item).success).toBe(true);
      expect(item.author).toBe(item.externalId.split('/')[0]);
      expect(item.metrics.trendingScore).toBeUndefined();
    }
    const quantized = items.filter((item) => item.attributes.baseRelation !== undefined);
    expect(quantized.map((item) => item.attributes.baseRelation)).toEqual(['quantized']);
  });

  it('reads parameter counts and base models from model-info payloads', () => {
    const info = (file: string) => ModelListItemSchema.parse(real(file));
    const bert = info('model-info-google-bert--bert-base-uncased-2025-01-22.json');
    expect(modelParameters(bert)).toBe(110106428);
    expect(baseModelFacts(bert).baseModels).toEqual([]);
    expect(
      modelParameters(info('model-info-stabilityai--stable-diffusion-2-1-2025-01-22.json')),
    ).toBeUndefined();
    const squad = info('model-info-deepset--roberta-base-squad2-2025-01-22.json');
    expect(baseModelFacts(squad)).toEqual({
      baseModels: ['FacebookAI/roberta-base'],
      baseRelation: 'finetune',
    });
    expect(modelItem(squad, { endpoint: HF, list: 'trending', rank: 1 }).author).toBe('deepset');
  });

  it.each([
    ['daily-papers-date-2024-10-25.json', 25],
    ['daily-papers-date-2025-06-02.json', 20],
    ['daily-papers-date-2026-08-21.json', 17],
  ])('parses every daily paper of %s (%i items) into valid items', (file, count) => {
    const report = new SourceReport();
    const papers = parseDailyPapers(real(file), report);
    expect(report.dropped).toBe(0);
    expect(papers).toHaveLength(count);
    const items = papers.map((paper, index) => paperItem(paper, { endpoint: HF, rank: index + 1 }));
    for (const item of items) {
      expect(CollectedItemSchema.safeParse(item).success).toBe(true);
      expect(item.title).not.toMatch(/\s{2}|\n/);
      expect(item.attributes.authors?.length).toBeGreaterThan(0);
      expect(item.metrics.upvotes).toBeGreaterThanOrEqual(0);
      expect(item.metrics.comments).toBeGreaterThanOrEqual(0);
    }
  });

  it('leaves hidden paper authors out', () => {
    const raw = real('daily-papers-date-2024-10-25.json') as Array<{
      paper: { id: string; authors: Array<{ hidden: boolean }> };
    }>;
    const withHidden = raw.find((entry) => entry.paper.authors.some((author) => author.hidden));
    expect(withHidden).toBeDefined();
    const [paper] = parseDailyPapers([withHidden], new SourceReport());
    const item = paper && paperItem(paper, { endpoint: HF, rank: 1 });
    const visible = withHidden?.paper.authors.filter((author) => !author.hidden).length;
    expect(item?.attributes.authors).toHaveLength(visible ?? -1);
  });
});
