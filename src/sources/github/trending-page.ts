/**
 * @module sources/github/trending-page
 * A pure parser of the GitHub Trending HTML page (there is no official API). It reads only what
 * has stayed stable across the 2019–2026 redesigns and fails loudly when the page no longer looks
 * like a trending page, instead of quietly returning nothing.
 *
 * Recipe (see shared notes, "GitHub Trending page"):
 * - a row is `article.Box-row`;
 * - the repo is the `h1 a` / `h2 a` whose href is `/owner/name` (the first `<a>` of a row is the
 *   Star or Sponsor button, never the repo), else the anchor GitHub tags `"click_target":"REPOSITORY"`;
 * - description `p` next to the heading, language `[itemprop=programmingLanguage]`: both optional;
 * - stars from the `/stargazers` link, forks from `/forks` or `/network/members…`, commas stripped;
 * - stars in the period by text, `N stars today|this week|this month` (optional);
 * - "Built by" avatars `img[alt^=@]`.
 */
import { type CheerioAPI, load } from 'cheerio';
import { MorningPostError } from '../../core/errors.js';

// cheerio's node types live in its dependency domhandler; derive the one we need instead of importing it.
type Selection = ReturnType<ReturnType<CheerioAPI['root']>['find']>;

export const TRENDING_PERIODS = ['daily', 'weekly', 'monthly'] as const;
export type TrendingPeriod = (typeof TRENDING_PERIODS)[number];

export interface TrendingRow {
  owner: string;
  name: string;
  /** `owner/name` as the link spells it. */
  fullName: string;
  description?: string;
  language?: string;
  stars?: number;
  forks?: number;
  /** Stars gained in the page's period, when the row states it. */
  starsInPeriod?: number;
  /** Logins shown under "Built by" (bots such as `github-actions` included, as GitHub shows them). */
  builtBy: string[];
}

export interface TrendingPage {
  rows: TrendingRow[];
  /** The period the page says it shows, from its title, its date-range menu or its rows. */
  period: TrendingPeriod | undefined;
  /** True when GitHub showed its "no trending repositories" blankslate. */
  empty: boolean;
  /** Rows left out because they could not be read (one odd row never costs the page). */
  dropped: string[];
}

const REPO_PATH = /^\/([^/\s]+)\/([^/\s]+)$/;
const PERIOD_STARS = /([\d,]+)\s+stars?\s+(today|this week|this month)/i;
const EMPTY_LIST = /don[’']t have any trending repositories/i;
const PERIOD_WORDS = new Map<string, TrendingPeriod>([
  ['today', 'daily'],
  ['this week', 'weekly'],
  ['this month', 'monthly'],
]);

/**
 * Parses one trending page. `where` names the page in error messages (e.g. its URL).
 * Throws UPSTREAM_CHANGED when the page has no rows and no blankslate, when no row has a
 * repository link, or when no row has a readable star count (the way scrapers broke before).
 * A single row without a repository link is dropped and reported in `dropped`.
 */
export function parseTrendingPage(html: string, where = 'GitHub Trending page'): TrendingPage {
  const $ = load(html);
  const period = detectPeriod($);
  const articles = $('article.Box-row').toArray();

  if (articles.length === 0) {
    if (EMPTY_LIST.test(normaliseSpace($('body').text())))
      return { rows: [], period, empty: true, dropped: [] };
    throw changed(where, 'no `article.Box-row` rows and no "no trending repositories" notice');
  }

  const dropped: string[] = [];
  const parsed = articles.flatMap((article, index) => {
    const entry = parseRow($, $(article), index);
    if ('problem' in entry) dropped.push(`${where}: ${entry.problem}`);
    return 'problem' in entry ? [] : [entry];
  });
  if (parsed.length === 0)
    throw changed(where, `none of ${articles.length} rows could be read (${dropped[0] ?? ''})`);
  const rows = parsed.map((entry) => entry.row);
  if (!rows.some((row) => row.stars !== undefined)) {
    throw changed(where, `none of ${rows.length} rows has a readable star count (the /stargazers link)`);
  }
  return { rows, period: period ?? mostCommon(parsed.map((entry) => entry.period)), empty: false, dropped };
}

function parseRow(
  $: CheerioAPI,
  row: Selection,
  index: number,
): { row: TrendingRow; period: TrendingPeriod | undefined } | { problem: string } {
  const repo = repoLink($, row);
  if (!repo) return { problem: `row ${index + 1} has no repository link of the form /owner/name` };
  const { owner, name } = repo;
  const fullName = `${owner}/${name}`;

  const result: TrendingRow = { owner, name, fullName, builtBy: builtBy($, row) };
  const description = normaliseSpace(row.find('h1 ~ p, h2 ~ p').first().text());
  if (description) result.description = description;
  const language = normaliseSpace(row.find('[itemprop="programmingLanguage"]').first().text());
  if (language) result.language = language;

  const stars = countOf(linkTo($, row, fullName, (path) => path === '/stargazers'));
  if (stars !== undefined) result.stars = stars;
  const forks = countOf(
    linkTo($, row, fullName, (path) => path === '/forks' || path.startsWith('/network/members')),
  );
  if (forks !== undefined) result.forks = forks;

  const inPeriod = PERIOD_STARS.exec(normaliseSpace(row.text()));
  if (inPeriod?.[1]) result.starsInPeriod = toNumber(inPeriod[1]);
  return { row: result, period: PERIOD_WORDS.get(inPeriod?.[2]?.toLowerCase() ?? '') };
}

/** The heading link first; GitHub's own click-tracking tag as a fallback if headings change. */
function repoLink($: CheerioAPI, row: Selection): { owner: string; name: string } | undefined {
  const candidates = [
    ...row.find('h1 a[href], h2 a[href], h3 a[href]').toArray(),
    ...row
      .find('a[data-hydro-click][href]')
      .toArray()
      .filter((a) => /"click_target":"REPOSITORY"/.test($(a).attr('data-hydro-click') ?? '')),
  ];
  for (const anchor of candidates) {
    const match = REPO_PATH.exec(pathOf($(anchor).attr('href') ?? ''));
    if (match?.[1] && match[2]) return { owner: match[1], name: match[2] };
  }
  return undefined;
}

/** The row's link to `/{fullName}{suffix}` whose suffix passes `accept` (hrefs may be absolute). */
function linkTo(
  $: CheerioAPI,
  row: Selection,
  fullName: string,
  accept: (suffix: string) => boolean,
): Selection | undefined {
  const prefix = `/${fullName}`.toLowerCase();
  const anchor = row
    .find('a[href]')
    .toArray()
    .find((a) => {
      const path = pathOf($(a).attr('href') ?? '');
      return path.toLowerCase().startsWith(`${prefix}/`) && accept(path.slice(prefix.length));
    });
  return anchor ? $(anchor) : undefined;
}

function builtBy($: CheerioAPI, row: Selection): string[] {
  const span = row
    .find('span')
    .toArray()
    .find((element) => /^\s*Built by\b/.test($(element).text()));
  if (!span) return [];
  const logins = $(span)
    .find('img[alt^="@"]')
    .toArray()
    .map((img) => ($(img).attr('alt') ?? '').slice(1).trim())
    .filter((login) => login.length > 0);
  return [...new Set(logins)];
}

function detectPeriod($: CheerioAPI): TrendingPeriod | undefined {
  // "Trending  repositories on GitHub this week · GitHub" (2019–2026 titles)
  const title = /\b(today|this week|this month)\b/i.exec($('title').first().text());
  if (title?.[1]) return PERIOD_WORDS.get(title[1].toLowerCase());
  // The "Date range:" menu button shows the selected range ("Today", "This week").
  const summary = $('summary')
    .toArray()
    .find((element) => /Date range:/i.test($(element).text()));
  const selected = summary ? normaliseSpace($(summary).find('[data-menu-button]').text()).toLowerCase() : '';
  return PERIOD_WORDS.get(selected);
}

/** Last resort: the period most rows name ("N stars this week"). */
function mostCommon(periods: readonly (TrendingPeriod | undefined)[]): TrendingPeriod | undefined {
  const counts = new Map<TrendingPeriod, number>();
  for (const period of periods) if (period) counts.set(period, (counts.get(period) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function countOf(anchor: Selection | undefined): number | undefined {
  if (!anchor) return undefined;
  const digits = /\d[\d,]*/.exec(anchor.text())?.[0];
  return digits ? toNumber(digits) : undefined;
}

function toNumber(text: string): number {
  return Number(text.replace(/,/g, ''));
}

/** The path of an href, whether relative (`/a/b`) or absolute (`https://github.com/a/b`). */
function pathOf(href: string): string {
  try {
    return new URL(href, 'https://github.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

function normaliseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function changed(where: string, what: string): MorningPostError {
  return new MorningPostError('UPSTREAM_CHANGED', `${where} did not parse: ${what}`, {
    hint: 'GitHub changed the trending page markup; record it with --record DIR and update the parser.',
  });
}
