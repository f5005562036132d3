/**
 * Facts on real Hub payloads, read in place from ../shared/fixtures/real/huggingface. The
 * expectations were worked out by reading those files: the text-generation search listing (50
 * items, tags but no parameter counts) and two `/api/trending` caches (author types and
 * `numParameters`, but no tags).
 */
import { readFileSync } from 'node:fs';
import { PIPELINE_DATA } from '@huggingface/tasks';
import { describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../core/history.js';
import { type ItemFacts, ItemFactsSchema } from '../../core/signals.js';
import { hasSharedFixtures, SHARED_MISSING_REASON, sharedFixture } from '../../testing/sources/fixtures.js';
import { findSeries, itemFacts } from './index.js';
import { fromListing, fromTrending, type ListingModel, type TrendingModel } from './test-items.js';

function real(name: string): unknown {
  const path = sharedFixture(`huggingface/${name}`);
  if (!path) throw new Error(`missing shared fixture ${name}`);
  return JSON.parse(readFileSync(path, 'utf8'));
}

function listing(): HistoryItem[] {
  const models = real('models-list-search-text-generation-sort-downloads-2026-08-18.json') as ListingModel[];
  return models.map((model, index) => fromListing(model, index + 1));
}

function trending(date: string, firstId = 1): HistoryItem[] {
  const cache = real(`trending-api-models-cache-${date}.json`) as Record<string, TrendingModel>;
  return Object.values(cache).map((entry, index) => fromTrending(entry, firstId + index));
}

function byId(items: HistoryItem[], facts: Map<number, ItemFacts>): Map<string, ItemFacts> {
  return new Map(items.map((item) => [item.externalId, facts.get(item.id) as ItemFacts]));
}

function checkShape(items: HistoryItem[], facts: Map<number, ItemFacts>): void {
  expect(facts.size).toBe(items.length);
  for (const item of items) {
    const fact = facts.get(item.id);
    expect(ItemFactsSchema.parse(fact)).toEqual(fact);
    // A pipeline whose modality is images, sound or several modalities is never `general`.
    const tag = item.attributes.pipelineTag as keyof typeof PIPELINE_DATA | undefined;
    const modality = tag && Object.hasOwn(PIPELINE_DATA, tag) ? PIPELINE_DATA[tag].modality : undefined;
    if (modality === 'cv' || modality === 'audio' || modality === 'multimodal')
      expect(fact?.domain).not.toBe('general');
  }
}

if (!hasSharedFixtures) process.stderr.write(`${SHARED_MISSING_REASON}\n`);

describe.skipIf(!hasSharedFixtures)('item facts on real Hub payloads', () => {
  it('reads the text-generation search listing (2026-08-18)', () => {
    const items = listing();
    const facts = itemFacts(items);
    checkShape(items, facts);
    const of = byId(items, facts);
    const values = [...facts.values()];

    // 47 RichardErkhov GGUF conversions (tag `gguf`) plus randmaru's `base_model:quantized:` MLX copy.
    const quantized = items
      .filter((item) => facts.get(item.id)?.relation === 'quantized')
      .map((i) => i.externalId);
    expect(quantized).toHaveLength(48);
    expect(quantized.filter((id) => id.startsWith('RichardErkhov/'))).toHaveLength(47);
    expect(quantized).toContain('randmaru/Qwen3.8-27B-mlx-mxfp4-text-generation-only');
    expect(values.filter((fact) => fact.family === 'gpt2')).toHaveLength(46);
    expect(of.get('RichardErkhov/sarveshdayma27_-_Text_Generation-gguf')?.family).toBeUndefined();

    expect(of.get('randmaru/Qwen3.8-27B-mlx-mxfp4-text-generation-only')).toMatchObject({
      family: 'qwen',
      baseModel: 'Qwen/Qwen3.8-27B',
      relation: 'quantized',
      parameters: 27e9,
      parametersFrom: 'name',
      sizeClass: 'medium',
      domain: 'general',
    });
    expect(of.get('masterful/gligen-1-4-generation-text-box')).toMatchObject({
      domain: 'vision',
      domainReason: 'pipeline:text-to-image',
      family: 'stable-diffusion',
    });
    expect(of.get('RichardErkhov/Rohan5076_-_medquad-text-generation-gpt2-gguf')).toMatchObject({
      domain: 'medical',
      domainReason: 'name:medquad',
    });
    // `text-generation` in a name is no domain, and the listing has no parameter counts.
    expect(values.filter((fact) => fact.domain === 'general')).toHaveLength(48);
    expect(values.filter((fact) => fact.parametersFrom === 'metadata')).toHaveLength(0);
    expect(findSeries(items)).toEqual([]);
  });

  it('reads the trending models of 2026-05-07', () => {
    const items = trending('2026-05-07');
    const facts = itemFacts(items);
    checkShape(items, facts);
    const of = byId(items, facts);
    const values = [...facts.values()];

    expect(values.filter((fact) => fact.authorKind === 'individual')).toHaveLength(3);
    expect(values.filter((fact) => fact.authorKind === 'organisation')).toHaveLength(7);
    expect(
      items
        .filter((item) => facts.get(item.id)?.bigLab)
        .map((item) => item.externalId)
        .sort(),
    ).toEqual([
      'Qwen/Qwen3.6-27B',
      'XiaomiMiMo/MiMo-V2.5-Pro',
      'deepseek-ai/DeepSeek-V4-Pro',
      'google/gemma-4-31B-it-assistant',
      'openai/privacy-filter',
    ]);
    expect(of.get('deepseek-ai/DeepSeek-V4-Pro')).toMatchObject({ family: 'deepseek', sizeClass: 'large' });
    expect(of.get('Open-OSS/privacy-filter')).toMatchObject({
      domain: 'safety',
      domainReason: 'name:privacy',
      parameters: 1_399_486_865,
      sizeClass: 'small',
      authorKind: 'individual',
    });
    expect(of.get('SulphurAI/Sulphur-2-base')).toMatchObject({
      domain: 'vision',
      domainReason: 'pipeline:text-to-video',
    });
    expect(of.get('Qwen/Qwen3.6-27B')).toMatchObject({
      domain: 'multimodal',
      family: 'qwen',
      sizeClass: 'medium',
    });
    // The Hub's own count wins over the name: the `31B` assistant is a 470M draft model.
    expect(of.get('google/gemma-4-31B-it-assistant')).toMatchObject({
      family: 'gemma',
      domain: 'multimodal',
      parameters: 469_518_596,
      parametersFrom: 'metadata',
      sizeClass: 'tiny',
    });
    // No count and no size in the name (`10Eros` is not ten exa-anything).
    const ltx = of.get('TenStrip/LTX2.3-10Eros');
    expect(ltx).toMatchObject({ domain: 'vision', family: 'ltx' });
    expect(ltx?.parameters).toBeUndefined();
    expect(of.get('Zyphra/ZAYA1-8B')).toMatchObject({ domain: 'general', domainReason: 'default' });
  });

  it('reads the trending models of 2026-08-22', () => {
    const items = trending('2026-08-22');
    const facts = itemFacts(items);
    checkShape(items, facts);
    const of = byId(items, facts);
    const values = [...facts.values()];

    const quantized = items
      .filter((item) => facts.get(item.id)?.relation === 'quantized')
      .map((i) => i.externalId);
    expect(quantized.sort()).toEqual([
      'HauhauCS/Qwen3.8-27B-Uncensored-HauhauCS-Aggressive-MTP-GGUF',
      'JonathanColetti/Qwen3.8-27B-Uncensored-GGUF',
      'orcarouter/Qwen3.8-27B-Uncensored-FP8',
      'unsloth/Qwen3.8-27B-GGUF',
    ]);
    expect(values.filter((fact) => fact.family === 'qwen')).toHaveLength(7);
    expect(of.get('MiniMaxAI/MiniMax-Music3')).toMatchObject({ domain: 'speech-audio', family: 'minimax' });
    expect(of.get('Lightricks/LTX-2.5')).toMatchObject({ domain: 'vision', family: 'ltx' });
    expect(of.get('ornith-ai/Ornith-1.5-35B-A3B')).toMatchObject({
      parameters: 35_951_822_704,
      sizeClass: 'medium',
    });
    expect(values.filter((fact) => fact.authorKind === 'individual')).toHaveLength(2);
    expect(findSeries(items)).toEqual([]);
  });

  it('finds Qwen’s 3.6 → 3.8 series across both trending days', () => {
    const items = [...trending('2026-05-07', 1), ...trending('2026-08-22', 101)];
    expect(findSeries(items)).toEqual([
      { key: 'Qwen/Qwen-27B', author: 'Qwen', stem: 'Qwen-27B', members: [10, 101], labels: ['3.6', '3.8'] },
    ]);
  });
});
