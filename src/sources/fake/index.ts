/**
 * @module sources/fake
 * A deterministic source: the same day always gives the same items, and consecutive days move
 * ranks and numbers a little. It drives pipeline tests and offline demos without any network.
 */
import type { CollectedItem } from '../../core/item.js';
import type { Source, SourceContext, SourceResult } from '../source.js';

const MODELS = [
  { id: 'hanyc4855/H24', pipelineTag: 'text-generation', parameters: 1_500_000_000, kind: 'user' },
  { id: 'hanyc4855/H25', pipelineTag: 'text-generation', parameters: 1_500_000_000, kind: 'user' },
  {
    id: 'jhuang583/qwen-0.5b-medical',
    pipelineTag: 'text-generation',
    parameters: 494_000_000,
    kind: 'user',
  },
  {
    id: 'StyTJU/multi-object-detector',
    pipelineTag: 'object-detection',
    parameters: 86_000_000,
    kind: 'user',
  },
  { id: 'example-lab/example-7b', pipelineTag: 'text-generation', parameters: 7_000_000_000, kind: 'org' },
] as const;

/** A small integer hash, so numbers vary by day without randomness. */
export function dayHash(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}

export function fakeItems(day: string): CollectedItem[] {
  const dayNumber = Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
  const ordered = [...MODELS].sort((a, b) => dayHash(`${day}${a.id}`) - dayHash(`${day}${b.id}`));
  return ordered.map((model, index) => {
    const base = dayHash(model.id) % 500;
    return {
      kind: 'model',
      externalId: model.id,
      title: model.id,
      url: `https://huggingface.co/${model.id}`,
      author: model.id.split('/')[0],
      attributes: {
        pipelineTag: model.pipelineTag,
        parameters: model.parameters,
        authorKind: model.kind,
        createdAt: '2026-08-01T00:00:00.000Z',
      },
      list: 'trending',
      rank: index + 1,
      metrics: {
        likes: base + (dayNumber % 100) * 3,
        downloads: base * 40 + (dayNumber % 100) * 50,
        trendingScore: 100 - index * 7,
      },
    };
  });
}

export const fakeSource: Source = {
  id: 'fake',
  title: 'Fake (deterministic)',
  description: 'Five made-up trending models whose ranks and numbers change by day; for tests and demos.',
  needs: [],
  servesAnyDay: true,
  async collect(ctx: SourceContext): Promise<SourceResult> {
    return { items: fakeItems(ctx.day), status: 'ok', dropped: 0, warnings: [] };
  },
};
