/**
 * Subject pages rendered alone: hostile names and ids escaped, valid HTML (vnu), charts that cope
 * with one point and with gaps, rank drawn upside down, and edition pages that link to subject
 * pages only when the build has them.
 */
import { describe, expect, it } from 'vitest';
import { describeVnu, isVnuError, validate } from '../../testing/browser/vnu.js';
import { generatedEdition, HOSTILE_STRINGS } from '../../testing/editions/editions.js';
import { createPageAssets } from './assets.js';
import { type AuthorSubject, renderAuthorPage } from './author-page.js';
import type { SiteContext } from './context.js';
import { renderEditionPage } from './edition-page.js';
import { historyChart } from './history-chart.js';
import { type ItemSubject, renderSubjectPage } from './subject-page.js';
import { renderSubjectsIndexPage } from './subjects-index-page.js';

const site: SiteContext = { baseUrl: 'https://post.example.org/p/', subjectPages: true };
const { script, breakout, jsUrl, rtl } = HOSTILE_STRINGS;

function subject(overrides: Partial<ItemSubject> = {}): ItemSubject {
  return {
    path: '/models/evil/m/',
    kind: 'model',
    externalId: 'evil/m',
    title: `${script} model`,
    url: jsUrl,
    author: `${breakout}`,
    authorPath: '/authors/evil/',
    attributes: { description: rtl, pipelineTag: script, baseModels: ['b/base'], license: breakout },
    facts: {
      itemId: 1,
      domain: 'medical',
      domainReason: 'x',
      baseModel: script,
      relation: 'finetune',
      parameters: 7e9,
      sizeClass: 'medium',
      bigLab: false,
      series: breakout,
    },
    basePath: '/models/b/base/',
    history: [
      { day: '2025-06-01', source: 'hf-models', list: 'trending', rank: 9, likes: 100, downloads: 1000 },
      { day: '2025-06-02', source: 'hf-models', list: 'trending', rank: 4, likes: 150 },
      { day: '2025-06-05', source: 'hf-models', list: 'trending', rank: 1, likes: 400 },
      { day: '2025-06-05', source: 'hf-new-models', list: `${script}`, rank: 2, likes: 401 },
    ],
    mentions: [
      { date: '2025-06-05', number: 3, headline: `${breakout} headline`, sections: ['lead', 'trending'] },
      { date: '2025-06-01', number: 1, headline: 'first', sections: ['movers'] },
    ],
    builtOn: [{ path: '/models/c/child/', title: script, kind: 'model', note: 'quantized' }],
    releases: [],
    ...overrides,
  };
}

describe('subject pages', () => {
  it('escape hostile names, link only http(s) upstream, and validate', async () => {
    const assets = await createPageAssets(site);
    const page = renderSubjectPage(subject(), site, assets);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toContain('<img');
    expect(page).not.toContain('href="javascript:');
    expect(page).toContain('<bdi>');
    expect(page).toContain('href="/p/models/b/base/"');
    expect(page).toContain('href="/p/editions/2025-06-05/#trending"');
    const author: AuthorSubject = {
      path: '/authors/evil/',
      name: script,
      items: [
        { path: '/models/evil/m/', title: script, kind: 'model', mentions: 2, firstSeen: '2025-06-01' },
      ],
      mentions: subject().mentions,
    };
    const authorPage = renderAuthorPage(author, site, assets);
    expect(authorPage).not.toMatch(/<script/i);
    const index = renderSubjectsIndexPage(
      [{ path: '/models/evil/m/', title: breakout, kind: 'model', mentions: 2 }],
      site,
      assets,
    );
    expect(index).not.toContain('<img');
    const messages = await validate({ 'subject.html': page, 'author.html': authorPage, 'index.html': index });
    expect(messages.filter(isVnuError).map(describeVnu)).toEqual([]);
  }, 60_000);

  it('draws one point as a dot, breaks the line at a gap, and puts rank 1 at the top', () => {
    const one = historyChart({
      id: 'c1',
      title: 'Likes',
      valueName: 'Likes',
      format: String,
      points: [{ day: '2025-06-01', value: 5 }],
    }).value;
    expect(one).toContain('<circle');
    expect(one).not.toContain('<polyline');
    expect(one).toContain('the one day recorded');
    const gap = historyChart({
      id: 'c2',
      title: 'Rank',
      valueName: 'Rank',
      inverted: true,
      format: String,
      points: [
        { day: '2025-06-01', value: 9 },
        { day: '2025-06-02', value: 4 },
        { day: '2025-06-05', value: 1 },
      ],
    }).value;
    expect(gap.match(/<polyline/g)).toHaveLength(1);
    expect(gap.match(/<circle/g)).toHaveLength(1);
    expect(gap).toContain('3 of 5 days recorded (2 without data)');
    // Rank 1 on the top line (y = TOP), rank 9 on the bottom.
    expect(gap).toMatch(/<circle class="line-dot" cx="[\d.]+" cy="12"/);
    expect(gap).toContain('role="img" aria-labelledby="c2-t c2-d"');
    expect(historyChart({ id: 'c3', title: 'x', valueName: 'x', format: String, points: [] }).value).toBe('');
  });

  it('links edition items to subject pages only when the build has them', async () => {
    const edition = generatedEdition();
    const item = edition.plan.trending.models[0];
    const without = renderEditionPage(
      edition,
      {},
      { baseUrl: 'https://post.example.org' },
      await createPageAssets({ baseUrl: 'https://post.example.org' }),
    );
    expect(without).not.toContain(`href="/models/${item?.externalId}/"`);
    expect(without).toContain(`href="${item?.url}"`);
    const withPages = renderEditionPage(edition, {}, site, await createPageAssets(site));
    expect(withPages).toContain(`href="/p/models/${item?.externalId}/"`);
    expect(withPages).toContain(`class="upstream" href="${item?.url}"`);
  });
});
