import { describe, expect, it } from 'vitest';
import type { HistoryItem } from '../../core/history.js';
import type { ItemFacts } from '../../core/signals.js';
import { factsMap, historyOf, testFacts, testItem, testObservation } from './test-history.js';
import { themeLabel } from './theme-label.js';
import { findThemes } from './themes.js';

const DAY = '2025-06-15';
const task = { pipelineTag: 'text-generation' };

// A seed-like Sunday: an author's numbered pair, a vision model, small medical Qwen fine-tunes,
// a finance model, and a block of general Llama models from one organisation per item.
const items: HistoryItem[] = [
  testItem(1, 'hanyc4855/H24', { attributes: task }),
  testItem(2, 'hanyc4855/H25', { attributes: task }),
  testItem(3, 'StyTJU/multi-object-detection', { attributes: { pipelineTag: 'object-detection' } }),
  testItem(4, 'jhuang583/Qwen-med-1.5B', { attributes: task }),
  testItem(5, 'medlab/Qwen-clinic-3B', { attributes: task }),
  testItem(6, 'fin/small-finance', { attributes: task }),
  ...Array.from({ length: 8 }, (_, i) => testItem(10 + i, `org${i}/llama-${i}`, { attributes: task })),
];
const facts = factsMap([
  testFacts(1),
  testFacts(2),
  testFacts(3, { domain: 'vision' }),
  testFacts(4, { domain: 'medical', family: 'qwen', relation: 'finetune', sizeClass: 'small' }),
  testFacts(5, { domain: 'medical', family: 'qwen', relation: 'finetune', sizeClass: 'small' }),
  testFacts(6, { domain: 'finance', sizeClass: 'small' }),
  ...Array.from(
    { length: 8 },
    (_, i): ItemFacts => testFacts(10 + i, { family: 'llama', sizeClass: 'medium' }),
  ),
]);
const trendingOn = (day: string, ids: number[]) => ids.map((id, i) => testObservation(id, day, i + 1));
const allIds = items.map((item) => item.id);

describe('findThemes', () => {
  const themes = findThemes(historyOf(DAY, items, trendingOn(DAY, allIds)), facts);
  const byLabel = (label: string) => themes.find((t) => t.label === label);

  it('finds the small medical fine-tunes of Qwen with a label from the shared values', () => {
    expect(byLabel('Small medical fine-tunes of Qwen')).toMatchObject({
      id: 'domain=medical+family=qwen+size=small+relation=finetune',
      dimensions: ['domain', 'family', 'size', 'relation'],
      members: [4, 5],
    });
  });

  it('finds small domain-specific models across domains', () => {
    expect(byLabel('Small domain-specific models')?.members).toEqual([4, 5, 6]);
  });

  it('keeps an author cluster on the author dimension only', () => {
    expect(byLabel('Items by hanyc4855')?.members).toEqual([1, 2]);
    expect(themes.filter((t) => t.members.join() === '1,2')).toHaveLength(1);
  });

  it('prefers the unpenalised theme when a general-domain cluster has the same members', () => {
    const llama = themes.filter((t) => t.members.join() === '10,11,12,13,14,15,16,17');
    expect(llama.map((t) => t.label)).toEqual(['Medium-sized Llama models']);
  });

  it('orders by strength, then id, deterministically', () => {
    const again = findThemes(historyOf(DAY, items, trendingOn(DAY, [...allIds].reverse())), facts);
    expect(again).toEqual(themes);
    for (let i = 1; i < themes.length; i++)
      expect(themes[i - 1]?.strength ?? 0).toBeGreaterThanOrEqual(themes[i]?.strength ?? 0);
  });

  it('scores a cluster higher when it is new than when it trended all week', () => {
    const id = 'domain=medical+family=qwen+size=small+relation=finetune';
    const week = ['2025-06-09', '2025-06-10', '2025-06-11', '2025-06-12', '2025-06-13', '2025-06-14'];
    const withoutBefore = week.flatMap((d) =>
      trendingOn(
        d,
        allIds.filter((x) => x !== 4 && x !== 5),
      ),
    );
    const withBefore = week.flatMap((d) => trendingOn(d, allIds));
    const fresh = findThemes(
      historyOf(DAY, items, [...withoutBefore, ...trendingOn(DAY, allIds)]),
      facts,
    ).find((t) => t.id === id);
    const old = findThemes(historyOf(DAY, items, [...withBefore, ...trendingOn(DAY, allIds)]), facts).find(
      (t) => t.id === id,
    );
    expect(fresh?.strength).toBeGreaterThan(old?.strength ?? Number.POSITIVE_INFINITY);
  });

  it('copes with no trending items and items without facts', () => {
    expect(findThemes(historyOf(DAY, items, []), facts)).toEqual([]);
    const bare = findThemes(historyOf(DAY, items, trendingOn(DAY, allIds)), new Map());
    expect(bare.every((t) => t.dimensions.every((d) => d === 'task' || d === 'author'))).toBe(true);
  });
});

describe('themeLabel', () => {
  it('reads like a phrase', () => {
    expect(
      themeLabel([
        ['family', 'gpt-oss'],
        ['relation', 'quantized'],
      ]),
    ).toBe('Quantized models of gpt-oss');
    expect(
      themeLabel([
        ['domain', 'speech-audio'],
        ['task', 'automatic-speech-recognition'],
      ]),
    ).toBe('Speech and audio models for automatic speech recognition');
    expect(
      themeLabel([
        ['size', 'tiny'],
        ['family', 'deepseek'],
      ]),
    ).toBe('Tiny DeepSeek models');
    expect(themeLabel([['author', 'someone']])).toBe('Items by someone');
  });
});
