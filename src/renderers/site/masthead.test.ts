/**
 * The notices at the top of an edition: a banner whenever its data is not live (sample or stored
 * snapshots, with the data's date and what failed), a smaller notice for failed sources on a live
 * day, and the draft marker.
 */
import { type CheerioAPI, load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../../core/edition.js';
import { seedEdition } from '../../testing/editions/editions.js';
import { createPageAssets } from './assets.js';
import type { PageAssets } from './context.js';
import { renderEditionPage } from './edition-page.js';

const SITE = { baseUrl: 'http://localhost:8080' };

let seed: Edition;
let assets: PageAssets;
const parse = (edition: Edition): CheerioAPI => load(renderEditionPage(edition, {}, SITE, assets));
const text = ($: CheerioAPI, selector: string) => $(selector).text().replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  seed = await seedEdition();
  assets = await createPageAssets(SITE);
});

describe('data notices', () => {
  const withMeta = (meta: Partial<Edition['meta']>, status: Edition['status'] = 'published'): Edition => ({
    ...seed,
    status,
    meta: { ...seed.meta, ...meta },
  });

  it('says sample data is not live, with its date', () => {
    const $ = parse(withMeta({ dataMode: 'sample', dataDay: '2026-08-23' }));
    const banner = text($, 'aside.banner');
    expect(banner).toContain('Not live data');
    expect(banner).toContain('sample data shipped with the project');
    expect(banner).toContain('Sunday, 23 August 2026');
  });

  it('says stored data is not live, with its date and the failed sources', () => {
    const $ = parse(
      withMeta({
        dataMode: 'stored',
        dataDay: '2026-08-20',
        failedSources: [
          { source: 'hf-models', error: 'HTTP 503' },
          { source: 'github-trending', error: 'timed out' },
        ],
      }),
    );
    expect(text($, 'aside.banner')).toContain(
      'built from stored snapshots of Thursday, 20 August 2026; today’s collection failed: Hugging Face trending models (HTTP 503); GitHub Trending (timed out).',
    );
    expect($('aside.banner [role="status"]')).toHaveLength(1);
  });

  it('names failed sources in a smaller notice on a live edition, and says nothing when all went well', () => {
    const $ = parse(withMeta({ failedSources: [{ source: 'arxiv', error: 'HTTP 500' }] }));
    expect($('aside.banner')).toHaveLength(0);
    expect(text($, 'aside.notice')).toContain('arXiv (HTTP 500)');
    const clean = parse(seed);
    expect(clean('aside.banner, aside.notice')).toHaveLength(0);
    expect(clean('.draft-marker')).toHaveLength(0);
  });

  it('marks a draft and keeps it out of search engines', () => {
    const $ = parse(withMeta({}, 'draft'));
    expect(text($, '.draft-marker')).toBe('Draft');
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
  });
});
