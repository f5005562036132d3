import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../core/edition.js';
import type { Paragraph } from '../../core/text.js';
import {
  generatedEdition,
  HOSTILE_STRINGS,
  hostileEdition,
  seedEdition,
} from '../../testing/editions/editions.js';
import { renderEditionMarkdown, sparkline } from './index.js';

const site = { baseUrl: 'https://post.example.org' };

/** Every `[text](destination)` whose `[` and `]` are not escaped: the links a renderer would make. */
function links(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\[(?:\\.|[^\\\]])*\]\(([^)]*)\)/g)].map((m) => m[1] ?? '');
}

function httpLinkCount(edition: Edition): number {
  const paragraphs: Paragraph[] = edition.text.sections.flatMap((s) => [
    ...s.paragraphs,
    ...(s.entries ?? []).flatMap((e) => [e.name, e.blurb]),
  ]);
  return paragraphs.flat().filter((p) => typeof p !== 'string' && /^https?:\/\//i.test(p.href)).length;
}

let seed: Edition;
let hostile: Edition;

beforeAll(async () => {
  seed = await seedEdition({ number: 7 });
  hostile = await hostileEdition({ number: 8 });
});

describe('edition.md', () => {
  it('has a header with the date and number, and every section in order', () => {
    const md = renderEditionMarkdown(seed, site);
    // Headlines come from the edition, so a wording change in the writer is not a renderer failure.
    const title = (id: string) => seed.text.sections.find((s) => s.id === id)?.title ?? '?';
    const headings = md.split('\n').filter((line) => /^#{1,3} /.test(line));
    expect(headings).toEqual([
      `# ${seed.text.headline}`,
      '## Weekend Development Metrics',
      `## Deep dive: ${title('deepDive')}`,
      `## Opinion: ${title('opinion1')}`,
      `## Opinion: ${title('opinion2')}`,
      '## Tools of the Week',
      '## Trending: What’s Gaining Momentum',
      '### Models',
      '### Datasets',
      '### Spaces',
      '### Repositories',
      '## Biggest Movers This Week',
      '## Weekend Reading',
      '## About this edition',
    ]);
    expect(md).toContain(
      'The AI Morning Post · No. 7 · Sunday, 23 August 2026 · [Read online](https://post.example.org/editions/2026-08-23/)',
    );
    expect(md).toContain(`**${seed.text.standfirst}**`);
  });

  it('shows the metrics with their numbers, and movers with their week', () => {
    const md = renderEditionMarkdown(seed, site);
    expect(md).toContain('| Metric | Value | Before | Period |');
    expect(md).toContain(
      '| Trending models from individual authors | 67% | 50% | 2026-08-17 to 2026-08-23 |',
    );
    expect(md).toContain('| Median size of trending models | 1.5B | 4.3B | 2026-08-17 to 2026-08-23 |');
    expect(md).toMatch(/tiny-story-270M\]\([^)]+\)\*\*: Up 14 places .* \(likes: ▁▂▃▄▅▆▇█\)/);
  });

  it('ends with each source’s data time and the writers', () => {
    const md = renderEditionMarkdown(seed, site);
    const footer = md.slice(md.indexOf('## About this edition'));
    expect(footer).toContain('- Hugging Face trending models: 12 items, taken 23 Aug 2026, 06:00 UTC');
    expect(footer).toContain('- arXiv: no data');
    expect(footer).toContain('- newsroom: every section');
  });

  it('says when the data is sample or stored, and not when it is live', () => {
    expect(renderEditionMarkdown(seed, site)).not.toContain('Data note');
    const sample = { ...seed, meta: { ...seed.meta, dataMode: 'sample' as const } };
    expect(renderEditionMarkdown(sample, site)).toMatch(/^> \*\*Data note:\*\* .*sample day/m);
    const stored = {
      ...seed,
      meta: {
        dataMode: 'stored' as const,
        dataDay: '2026-08-22',
        failedSources: [{ source: 'hf-models' as const, error: '[x](javascript:y) <b>' }],
      },
    };
    expect(renderEditionMarkdown(stored, site)).toContain(
      '> **Data note:** This edition uses the newest stored snapshots (from 2026-08-22), not fresh data: collection failed for Hugging Face trending models (\\[x\\](javascript:y) &lt;b>).',
    );
  });

  it('links exactly the http(s) pieces of the text, plus its own links', () => {
    for (const edition of [seed, hostile, generatedEdition()]) {
      const md = renderEditionMarkdown(edition, site);
      const found = links(md);
      for (const url of found) expect(url).toMatch(/^https?:\/\/[^\s()<>]+$/);
      // Read online, Archive, Methodology, Feed.
      expect(found).toHaveLength(httpLinkCount(edition) + 4);
    }
  });

  it('lets no hostile string become markup or a script link', () => {
    const md = renderEditionMarkdown(hostile, site);
    expect(md).not.toMatch(/<script|<img/i);
    expect(md).not.toMatch(/\]\(\s*javascript:/i);
    expect(md).toContain('&lt;script>window.\\_\\_pwned = 1&lt;/script>');
    expect(md).toContain('W'.repeat(10_000));
    expect(md).toContain(HOSTILE_STRINGS.rtl.split(' ')[0]);
    // Each list entry stays on its own line: nothing an attacker wrote started a new block.
    for (const line of md.split('\n')) expect(line).not.toMatch(/^(?:<|\s{4}|#{1,6}[^ #])/);
  });

  it('is deterministic', async () => {
    const again = await hostileEdition({ number: 8 });
    expect(renderEditionMarkdown(again, site)).toBe(renderEditionMarkdown(hostile, site));
  });
});

describe('sparkline', () => {
  it('scales a week to eight bars, with a dot for a missing day', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([null, 5, 5, null])).toBe('·▁▁·');
    expect(sparkline([3])).toBe('');
  });
});
