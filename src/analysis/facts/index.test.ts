import { describe, expect, it } from 'vitest';
import { ItemFactsSchema } from '../../core/signals.js';
import { itemFacts } from './index.js';
import { historyItem } from './test-items.js';

/** The seed edition's situation: an independent's H-series, a detection model, a small medical Qwen. */
const seed = [
  historyItem('hanyc4855/H24', { authorKind: 'user', pipelineTag: 'text-generation' }, { id: 1 }),
  historyItem('hanyc4855/H25', { authorKind: 'user', pipelineTag: 'text-generation' }, { id: 2 }),
  historyItem(
    'StyTJU/multi-object-detection',
    { authorKind: 'user', pipelineTag: 'object-detection', tags: ['pytorch', 'object-detection'] },
    { id: 3 },
  ),
  historyItem(
    'jhuang583/qwen2.5-0.5b-medical',
    {
      authorKind: 'user',
      pipelineTag: 'text-generation',
      tags: ['transformers', 'qwen2', 'medical', 'base_model:finetune:Qwen/Qwen2.5-0.5B-Instruct'],
      baseModels: ['Qwen/Qwen2.5-0.5B-Instruct'],
    },
    { id: 4 },
  ),
  historyItem(
    'Qwen/Qwen3-8B',
    { authorKind: 'org', pipelineTag: 'text-generation', parameters: 8_190_735_360 },
    { id: 5 },
  ),
];

describe('itemFacts on the seed scenario', () => {
  const facts = itemFacts(seed);

  it('finds the H series on both members', () => {
    expect(facts.get(1)).toMatchObject({ series: 'hanyc4855/H', authorKind: 'individual', bigLab: false });
    expect(facts.get(2)?.series).toBe('hanyc4855/H');
    expect(facts.get(5)?.series).toBeUndefined();
  });

  it('sees the detection model as vision', () => {
    expect(facts.get(3)).toMatchObject({ domain: 'vision', domainReason: 'pipeline:object-detection' });
  });

  it('sees a tiny medical fine-tune of Qwen', () => {
    expect(facts.get(4)).toEqual({
      itemId: 4,
      domain: 'medical',
      domainReason: 'tag:medical',
      family: 'qwen',
      baseModel: 'Qwen/Qwen2.5-0.5B-Instruct',
      relation: 'finetune',
      parameters: 500_000_000,
      parametersFrom: 'name',
      sizeClass: 'tiny',
      authorKind: 'individual',
      bigLab: false,
    });
  });

  it('marks the big lab, from the default or a configured list', () => {
    expect(facts.get(5)).toMatchObject({ bigLab: true, authorKind: 'organisation', sizeClass: 'small' });
    expect(facts.get(5)?.parametersFrom).toBe('metadata');
    const custom = itemFacts(seed, { bigLabs: ['StyTJU'] });
    expect(custom.get(3)?.bigLab).toBe(true);
    expect(custom.get(5)?.bigLab).toBe(false);
  });

  it('gives schema-valid facts for every item, deterministically', () => {
    expect([...facts.keys()]).toEqual([1, 2, 3, 4, 5]);
    for (const value of facts.values()) expect(ItemFactsSchema.parse(value)).toEqual(value);
    expect(JSON.stringify([...itemFacts(seed)])).toBe(JSON.stringify([...facts]));
  });
});

describe('itemFacts on bad data', () => {
  it('copes with missing sizes, weird names, emoji and empty tags', () => {
    const odd = [
      historyItem('🤗/🚀 rocket ✨', { tags: [] }, { id: 1 }),
      historyItem('', {}, { id: 2, author: null }),
      historyItem('x', { tags: ['', ':', 'base_model:', 'task_categories:'] }, { id: 3 }),
      historyItem(`a/${'v1.'.repeat(200)}`, {}, { id: 4 }),
      historyItem('a/b', { baseModels: [] }, { id: 5, kind: 'space' }),
      historyItem('2401.00001', {}, { id: 6, kind: 'paper', title: '', author: null }),
      historyItem('a/b@v1.0.0', { tag: 'v1.0.0' }, { id: 7, kind: 'release' }),
    ];
    const facts = itemFacts(odd);
    expect(facts.size).toBe(odd.length);
    for (const value of facts.values()) {
      expect(ItemFactsSchema.parse(value)).toEqual(value);
      expect(value.domain).toBe('general');
      expect(value.sizeClass).toBeUndefined();
    }
  });

  it('returns an empty map for no items', () => {
    expect(itemFacts([]).size).toBe(0);
  });
});
