import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MorningPostError } from '../../core/errors.js';
import { hasSharedFixtures, SHARED_MISSING_REASON, sharedFixture } from '../../testing/sources/fixtures.js';
import { parseTrendingPage, type TrendingPage } from './trending-page.js';

const ownFixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function realPage(name: string): TrendingPage {
  const path = sharedFixture(`github/${name}`);
  if (!path) throw new Error(`missing shared fixture ${name}`);
  return parseTrendingPage(readFileSync(path, 'utf8'), name);
}

function expectChanged(run: () => unknown, message: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MorningPostError);
    expect((error as MorningPostError).code).toBe('UPSTREAM_CHANGED');
    expect((error as MorningPostError).message).toMatch(message);
    return;
  }
  throw new Error('expected UPSTREAM_CHANGED');
}

if (!hasSharedFixtures) process.stderr.write(`${SHARED_MISSING_REASON}\n`);

describe.skipIf(!hasSharedFixtures)('parseTrendingPage on real GitHub pages (2019–2026)', () => {
  const pages = [
    { file: 'trending-daily-all-2019-07-05.html', rows: 25, period: 'daily' },
    { file: 'trending-daily-all-2020-11-01.html', rows: 25, period: 'daily' },
    { file: 'trending-daily-swift-2023-04-15.html', rows: 25, period: 'daily' },
    { file: 'trending-daily-all-2024-04-21.html', rows: 25, period: 'daily' },
    { file: 'trending-daily-all-2026-05-13.html', rows: 11, period: 'daily' },
    { file: 'trending-weekly-all-2026-05-13.html', rows: 18, period: 'weekly' },
    { file: 'trending-monthly-all-2026-05-13.html', rows: 17, period: 'monthly' },
  ] as const;

  it.each(pages)(
    '$file: $rows rows, period $period, every row named and starred',
    ({ file, rows, period }) => {
      const page = realPage(file);
      expect(page.empty).toBe(false);
      expect(page.period).toBe(period);
      expect(page.rows).toHaveLength(rows);
      for (const row of page.rows) {
        expect(row.owner).toMatch(/^[\w.-]+$/);
        expect(row.name).toMatch(/^[\w.-]+$/);
        expect(row.fullName).toBe(`${row.owner}/${row.name}`);
        expect(row.stars).toBeGreaterThan(0);
        expect(Number.isInteger(row.stars)).toBe(true);
        expect(row.forks).toBeGreaterThanOrEqual(0);
        if (row.description !== undefined) expect(row.description).not.toMatch(/^\s|\s$|\s{2}/);
      }
      // The Star/Sponsor buttons come first in a row; they must never be taken for the repository.
      expect(page.rows.some((row) => row.owner === 'login' || row.owner === 'sponsors')).toBe(false);
      expect(new Set(page.rows.map((row) => row.fullName)).size).toBe(rows);
    },
  );

  it('2019 (h1 headings, /network/members forks): first and last rows', () => {
    const { rows } = realPage('trending-daily-all-2019-07-05.html');
    expect(rows[0]).toEqual({
      owner: 'open-deepnude',
      name: 'open-deepnude',
      fullName: 'open-deepnude/open-deepnude',
      description: 'Open source reverse-engineered clone of DeepNude',
      language: 'Python',
      stars: 611,
      forks: 340,
      starsInPeriod: 298,
      builtBy: [],
    });
    expect(rows[24]).toMatchObject({
      fullName: 'NVIDIA/TensorRT',
      language: 'C++',
      stars: 921,
      forks: 156,
      starsInPeriod: 41,
      builtBy: ['andi4191', 'rajeevsrao'],
    });
    expect(rows.filter((row) => row.builtBy.length > 0)).toHaveLength(24);
  });

  it('2020 (forks link /network/members.<repo>, a row without description, rows without language)', () => {
    const { rows } = realPage('trending-daily-all-2020-11-01.html');
    expect(rows[0]).toMatchObject({
      fullName: 'quantopian/zipline',
      stars: 12_332,
      forks: 3_539,
      starsInPeriod: 219,
      builtBy: ['ehebert', 'fawce', 'richafrank', 'llllllllll', 'twiecki'],
    });
    expect(rows.filter((row) => row.description === undefined).map((row) => row.fullName)).toEqual([
      'xChockax/Privlege_Escalation',
    ]);
    expect(rows.filter((row) => row.language === undefined)).toHaveLength(6);
  });

  it('2023 swift (h2, star buttons with a <template>): singular "1 star today" is read too', () => {
    const { rows } = realPage('trending-daily-swift-2023-04-15.html');
    expect(rows[0]).toMatchObject({
      fullName: 'alexrozanski/LlamaChat',
      stars: 552,
      forks: 17,
      starsInPeriod: 84,
    });
    // The <p> inside the unstar dialog template must not become the description.
    expect(rows.find((row) => row.fullName === 'ReactiveX/RxSwift')).toMatchObject({
      description: 'Reactive Programming in Swift',
      stars: 23_264,
      forks: 4_060,
      starsInPeriod: 1,
    });
    const single = rows.filter((row) => row.starsInPeriod === 1).map((row) => row.fullName);
    expect(single).toEqual(['ReactiveX/RxSwift', 'daltoniam/Starscream', 'apollographql/apollo-ios']);
    expect(rows.every((row) => row.language === 'Swift')).toBe(true);
  });

  it('2024: comma thousands in stars and forks', () => {
    const { rows } = realPage('trending-daily-all-2024-04-21.html');
    expect(rows[0]).toMatchObject({
      fullName: 'meta-llama/llama3',
      stars: 7_521,
      forks: 520,
      starsInPeriod: 1_605,
    });
    expect(rows[24]).toMatchObject({
      fullName: 'kamranahmedse/developer-roadmap',
      stars: 274_222,
      forks: 36_877,
    });
  });

  it('2026 daily: builtBy keeps the order shown, bots included', () => {
    const { rows } = realPage('trending-daily-all-2026-05-13.html');
    expect(rows[0]).toEqual({
      owner: 'tinyhumansai',
      name: 'openhuman',
      fullName: 'tinyhumansai/openhuman',
      description: 'Your Personal AI super intelligence. Private, Simple and extremely powerful.',
      language: 'Rust',
      stars: 3_342,
      forks: 310,
      starsInPeriod: 1_014,
      builtBy: ['senamakel', 'claude', 'graycyrus', 'github-actions', 'M3gA-Mind'],
    });
  });

  it('2026 weekly and monthly: "this week" / "this month" stars, rows without description or language', () => {
    const weekly = realPage('trending-weekly-all-2026-05-13.html');
    expect(weekly.rows[0]).toMatchObject({
      fullName: 'anthropics/financial-services',
      stars: 21_835,
      starsInPeriod: 13_176,
    });
    expect(weekly.rows[0]?.description).toBeUndefined();
    expect(weekly.rows.every((row) => row.starsInPeriod !== undefined)).toBe(true);

    const monthly = realPage('trending-monthly-all-2026-05-13.html');
    expect(monthly.rows[0]).toMatchObject({
      fullName: 'multica-ai/andrej-karpathy-skills',
      stars: 127_593,
      forks: 12_961,
      starsInPeriod: 112_357,
    });
    expect(monthly.rows[0]?.language).toBeUndefined();
    expect(monthly.rows.filter((row) => row.description === undefined)).toHaveLength(1);
  });
});

describe('parseTrendingPage on our own fixtures', () => {
  it('reads every field and skips the Sponsor and Star links', () => {
    const page = parseTrendingPage(ownFixture('trending-daily.html'));
    expect(page.period).toBe('daily');
    expect(page.rows.map((row) => row.fullName)).toEqual([
      'example-lab/tiny-llm',
      'plain-org/fast-storage',
      'vision-team/seg-kit',
      'agent-co/helper-agents',
    ]);
    expect(page.rows[0]).toEqual({
      owner: 'example-lab',
      name: 'tiny-llm',
      fullName: 'example-lab/tiny-llm',
      description: 'A test description: a small LLM runtime for tests.',
      language: 'Python',
      stars: 12_345,
      forks: 678,
      starsInPeriod: 1_234,
      builtBy: ['alice', 'bob'],
    });
    // Optional fields stay absent rather than becoming empty strings or zeros.
    expect(page.rows[2]).toEqual({
      owner: 'vision-team',
      name: 'seg-kit',
      fullName: 'vision-team/seg-kit',
      language: 'Jupyter Notebook',
      stars: 800,
      forks: 12,
      starsInPeriod: 30,
      builtBy: [],
    });
    expect(page.rows[3]?.starsInPeriod).toBeUndefined();
    expect(page.rows[3]?.builtBy).toEqual(['dave', 'github-actions']);
  });

  it('detects the period from the title, then the date-range menu, then the rows', () => {
    const weekly = ownFixture('trending-weekly.html');
    expect(parseTrendingPage(weekly).period).toBe('weekly');
    const noTitle = weekly.replace(/<title>.*<\/title>/, '<title>Trending</title>');
    expect(parseTrendingPage(noTitle).period).toBe('weekly');
    const noMenu = noTitle.replace('This week', 'Some range');
    expect(parseTrendingPage(noMenu).period).toBe('weekly');
    const nothing = noMenu.replace(/stars this week/g, 'stars');
    expect(parseTrendingPage(nothing).period).toBeUndefined();
  });

  it('accepts the repository link after the heading change, via GitHub click tracking', () => {
    const html = ownFixture('trending-weekly.html').replace(
      /<h2 class="h3 lh-condensed">/g,
      '<div class="title">',
    );
    expect(parseTrendingPage(html).rows.map((row) => row.fullName)).toEqual([
      'agent-co/helper-agents',
      'plain-org/fast-storage',
    ]);
  });

  it('returns no rows, without error, for GitHub\'s "no trending repositories" blankslate', () => {
    const page = parseTrendingPage(ownFixture('trending-empty.html'));
    expect(page).toEqual({ rows: [], period: 'daily', empty: true, dropped: [] });
  });

  it('fails loudly when rows are renamed (no article.Box-row)', () => {
    expectChanged(
      () => parseTrendingPage(ownFixture('trending-changed.html'), 'test page'),
      /test page.*Box-row/,
    );
  });

  it('fails loudly on a 200 page that is not a trending page at all', () => {
    expectChanged(
      () => parseTrendingPage('<html><body><h1>Welcome</h1></body></html>'),
      /no `article.Box-row`/,
    );
    expectChanged(() => parseTrendingPage(''), /no `article.Box-row`/);
  });

  it('drops and reports a row without an /owner/name link, keeping the others', () => {
    const html = ownFixture('trending-weekly.html').replace(
      'href="/plain-org/fast-storage" class="Link"',
      'href="/plain-org/fast-storage/tree/main" class="Link"',
    );
    const page = parseTrendingPage(html, 'weekly page');
    expect(page.rows.map((row) => row.fullName)).not.toContain('plain-org/fast-storage');
    expect(page.rows).toHaveLength(1);
    expect(page.dropped).toEqual(['weekly page: row 2 has no repository link of the form /owner/name']);
  });

  it('fails loudly when no row has an /owner/name link', () => {
    const html = ownFixture('trending-weekly.html').replace(
      /href="\/([\w-]+)\/([\w.-]+)" class="Link"/g,
      'href="/$1/$2/tree/main" class="Link"',
    );
    expectChanged(() => parseTrendingPage(html), /none of 2 rows could be read/);
  });

  it('fails loudly when no row has a star count (the link moved), instead of storing zeros', () => {
    const html = ownFixture('trending-weekly.html').replace(/\/stargazers"/g, '/stars"');
    expectChanged(() => parseTrendingPage(html), /none of 2 rows has a readable star count/);
  });

  it('keeps a row whose optional parts are gone', () => {
    const html = ownFixture('trending-weekly.html')
      .replace(/<p class[\s\S]*?<\/p>/, '')
      .replace('/agent-co/helper-agents/forks', '/agent-co/helper-agents/forks-moved');
    const [first] = parseTrendingPage(html).rows;
    expect(first).toMatchObject({ fullName: 'agent-co/helper-agents', stars: 9_001 });
    expect(first?.description).toBeUndefined();
    expect(first?.forks).toBeUndefined();
  });
});
