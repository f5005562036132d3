import { describe, expect, it } from 'vitest';
import type { CollectRow } from '../pipeline/collect.js';
import { collectionSummary, shortReason } from './progress.js';

const HINT = 'Check the network, or run from a recording with --replay DIR.';

function row(
  source: CollectRow['source'],
  status: CollectRow['status'],
  error?: string,
  hint?: string,
): CollectRow {
  return {
    source,
    status,
    items: status === 'ok' ? 12 : 0,
    newItems: 0,
    dropped: 0,
    requests: 1,
    durationMs: 100,
    warnings: [],
    replaced: false,
    ...(error ? { error } : {}),
    ...(hint ? { hint } : {}),
  };
}

describe('collection progress text', () => {
  it("drops the hint from a source's line and cuts long queries", () => {
    const url = `https://huggingface.co/api/models?sort=trendingScore&limit=100&${'expand%5B%5D=author&'.repeat(5)}`;
    const failed = row('hf-models', 'failed', `Network error for ${url}: ECONNRESET (${HINT})`, HINT);
    expect(shortReason(failed)).toBe('Network error for https://huggingface.co/api/models?…: ECONNRESET');
    // A hint that is not the error's ending is left where it is.
    expect(shortReason(row('arxiv', 'failed', 'bad feed (line 3)', HINT))).toBe('bad feed (line 3)');
  });

  it('sums up in one line, saying a shared hint once', () => {
    const rows = [
      row('hf-models', 'failed', `a (${HINT})`, HINT),
      row('arxiv', 'failed', `b (${HINT})`, HINT),
      row('github-trending', 'ok'),
    ];
    expect(collectionSummary(rows)).toBe(`Collected 1 of 3 sources; 2 failed (hf-models, arxiv). ${HINT}`);
    expect(collectionSummary([row('arxiv', 'ok'), row('hf-papers', 'skipped')])).toBe(
      'Collected 2 of 2 sources.',
    );
  });
});
