/**
 * One vocabulary across every output: the same value prints the same in the newsroom's prose, on
 * the web page (tiles, lists, charts), in the email, on Telegram and in edition.md; and a metric
 * that measures a leader names it wherever its value is shown.
 */
import { load } from 'cheerio';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Edition } from '../core/edition.js';
import { sectionPlainText } from '../core/text.js';
import { editionFromPlan } from '../testing/editions/editions.js';
import { LINKS } from '../testing/email/links.js';
import { seedPlan } from '../testing/plans/plans.js';
import { renderEditionEmail } from './email/index.js';
import { renderEditionMarkdown } from './markdown/index.js';
import { createPageAssets } from './site/assets.js';
import type { SiteContext } from './site/context.js';
import { renderEditionPage } from './site/edition-page.js';
import { renderTelegramPost } from './telegram/post.js';

const SITE: SiteContext = { baseUrl: 'https://example.org/post/' };
let edition: Edition;
let pageHtml: string;
let outputs: Record<'prose' | 'page' | 'email' | 'telegram' | 'markdown', string>;

beforeAll(async () => {
  const plan = structuredClone(await seedPlan());
  // 494M parameters (0.5B on a model card) and 150,500 likes: values two formatters used to disagree on.
  const median = plan.metrics.metrics.find((m) => m.id === 'median-parameters');
  if (!median) throw new Error('the seed plan has no median-parameters metric');
  median.value = 494_000_000;
  const model = plan.trending.models[0];
  if (!model) throw new Error('the seed plan has no trending model');
  model.metrics.likes = 150_500;
  edition = editionFromPlan(plan, { number: 7 });
  pageHtml = renderEditionPage(edition, {}, SITE, await createPageAssets(SITE));
  const email = renderEditionEmail(edition, LINKS);
  outputs = {
    prose: edition.text.sections.map(sectionPlainText).join('\n'),
    page: load(pageHtml)('main').text().replace(/\s+/g, ' '),
    email: `${load(email.html).text().replace(/\s+/g, ' ')}\n${email.text}`,
    telegram: renderTelegramPost(edition, SITE.baseUrl).join('\n'),
    markdown: renderEditionMarkdown(edition, SITE),
  };
});

describe('one vocabulary', () => {
  it('prints 494M parameters as 0.5B in the prose, on the page, in the email and in edition.md', () => {
    for (const where of ['prose', 'page', 'email', 'markdown'] as const) {
      expect(outputs[where], where).toContain('0.5B');
      expect(outputs[where], where).not.toMatch(/494 ?M\b|0\.49B/);
    }
  });

  it('prints 150,500 likes as 151k in the prose, on the page, in the email and on Telegram', () => {
    for (const where of ['prose', 'page', 'email', 'telegram', 'markdown'] as const) {
      expect(outputs[where], where).toContain('151k likes');
      expect(outputs[where], where).not.toContain('150.5k');
    }
  });

  it('names the top task and domain beside their shares in the email’s metrics table', () => {
    const email = renderEditionEmail(edition, LINKS);
    const $ = load(email.html);
    const row = (label: string) =>
      $('table.data tr')
        .filter((_, tr) => $(tr).find('td').first().text() === label)
        .find('td')
        .eq(1)
        .text();
    expect(row('Top task among trending models')).toBe('text-generation, 67%');
    expect(row('Top domain among trending models')).toBe('vision, 17%');
    expect(email.text).toContain('Top task among trending models: text-generation, 67%');
    expect(email.text).toContain('Top domain among trending models: vision, 17%');
  });

  it('names them on the page’s tiles and in edition.md’s table too', () => {
    const $ = load(pageHtml);
    const tile = (label: string) =>
      $('.tile')
        .filter((_, li) => $(li).find('.tile-label').text() === label)
        .find('.tile-value')
        .text();
    expect(tile('Top task among trending models')).toBe('text-generation, 67%');
    expect(tile('Top domain among trending models')).toBe('vision, 17%');
    expect(tile('Median size of trending models')).toBe('0.5B');
    expect(outputs.markdown).toContain('| Top task among trending models | text-generation, 67% |');
    expect(outputs.markdown).toContain('| Top domain among trending models | vision, 17% |');
  });
});
