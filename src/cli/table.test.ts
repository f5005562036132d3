import { describe, expect, it } from 'vitest';
import { renderTable, shortenUrls } from './table.js';

describe('terminal tables', () => {
  it('pads columns, left-aligning the first and right-aligning numbers', () => {
    expect(
      renderTable(
        ['source', 'items'],
        [
          ['hf-models', '100'],
          ['arxiv', '7'],
        ],
      ),
    ).toBe(['source     items', '---------  -----', 'hf-models    100', 'arxiv          7'].join('\n'));
  });

  it('cuts long query strings out of URLs in messages, keeping punctuation after them', () => {
    const long =
      'Timed out: https://huggingface.co/api/models?sort=trendingScore&limit=100&expand[]=author&expand[]=likes: again';
    expect(shortenUrls(long)).toBe('Timed out: https://huggingface.co/api/models?…: again');
    expect(shortenUrls('HTTP 500 from https://github.com/trending?since=daily')).toBe(
      'HTTP 500 from https://github.com/trending?since=daily',
    );
  });
});
