/**
 * @module renderers/site/search-page
 * The search page `serve` answers at `/search`: the form with what was typed, the count, the hits
 * (what each is, its date, its title linking to its page, a snippet) with the matching words in
 * `<mark>`, links to the next and previous pages, and, when nothing matched, what to try instead.
 * Rendered per request in the site's own layout, with no script; every string from the store or
 * the query is escaped by `html`, and marks come as structured parts, never as markup.
 */
import { mediumDate } from '../../core/vocabulary/index.js';
import type { SearchResults, SearchTextPart, SearchType } from '../../store/store.js';
import { stylesheetFile } from './assets.js';
import { local, type Page, pageContext, resolveSite, type SiteContext } from './context.js';
import { html, type Markup } from './html.js';
import { documentPage } from './layout.js';
import { masthead, PAPER_NAME } from './masthead.js';

/** The choices of the type filter, in the order the form lists them. */
export const SEARCH_TYPE_LABELS: Record<SearchType, { one: string; many: string }> = {
  edition: { one: 'Edition', many: 'Editions' },
  model: { one: 'Model', many: 'Models' },
  dataset: { one: 'Dataset', many: 'Datasets' },
  space: { one: 'Space', many: 'Spaces' },
  repository: { one: 'Repository', many: 'Repositories' },
  paper: { one: 'Paper', many: 'Papers' },
  author: { one: 'Author', many: 'Authors' },
};

export interface SearchPageInput {
  /** What was typed, as it came (shown back in the form, escaped). */
  q: string;
  type?: SearchType;
  /** Absent when nothing was searched (an empty query). */
  results?: SearchResults;
  /** The offset of this page (for "results 21–40" and the previous page's link). */
  offset?: number;
  limit?: number;
  /** A plain-language problem with the request (a bad cursor or type), shown above the form. */
  problem?: string;
}

/** Characters of the query echoed in the title and the count; the form keeps it all. */
const ECHO_CHARS = 80;

function echo(q: string): string {
  const chars = [...q.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ').trim()];
  return chars.length > ECHO_CHARS ? `${chars.slice(0, ECHO_CHARS - 1).join('')}…` : chars.join('');
}

export interface SearchPages {
  render(input: SearchPageInput): string;
}

/** The search page's renderer for one site; assets are computed once. */
export function searchPages(site: SiteContext): SearchPages {
  const assets = { stylesheetHref: local(resolveSite(site), `/${stylesheetFile().path}`) };
  return {
    render(input) {
      const page = pageContext({ ...site, search: true }, assets);
      const shown = echo(input.q);
      const title = shown ? `“${shown}”: search | ${PAPER_NAME}` : `Search | ${PAPER_NAME}`;
      return documentPage(page, {
        title,
        description: `Search every edition of ${PAPER_NAME}, and the models, datasets, Spaces, repositories, papers and authors it has seen.`,
        canonicalPath: '/search',
        ogType: 'website',
        noindex: true,
        header: masthead(page, { hasSearch: true }),
        main: html`<div class="page search-page"><h1>Search</h1>${input.problem ? html`<div class="notice" role="alert"><p>${input.problem}</p></div>` : ''}${searchForm(page, input)}${input.results ? resultsBlock(page, input, input.results, shown) : intro()}</div>`,
      });
    },
  };
}

function searchForm(page: Page, input: SearchPageInput): Markup {
  const options = (Object.keys(SEARCH_TYPE_LABELS) as SearchType[]).map(
    (type) =>
      html`<option value="${type}"${input.type === type ? html` selected` : ''}>${SEARCH_TYPE_LABELS[type].many}</option>`,
  );
  return html`<form class="search-form" role="search" method="get" action="${local(page.site, '/search')}"><label for="search-q">Words or names to look for</label><div class="form-row"><input id="search-q" type="search" name="q" value="${input.q}" maxlength="200" autocomplete="off" spellcheck="false" enterkeyhint="search" aria-describedby="search-hint"><button type="submit">Search</button></div><p class="form-note" id="search-hint">Every word must match; the start of a word is enough (<code>qwen</code> finds Qwen3-8B).</p><div class="search-type"><label for="search-type">Show</label><select id="search-type" name="type"><option value=""${input.type ? '' : html` selected`}>Everything</option>${options}</select></div></form>`;
}

function intro(): Markup {
  return html`<p>Search the headlines and stories of every edition, and the names, descriptions and authors of the models, datasets, Spaces, repositories and papers the Post has seen.</p>`;
}

function marked(parts: readonly SearchTextPart[]): Markup {
  return html`${parts.map((part) => (part.mark ? html`<mark>${part.text}</mark>` : part.text))}`;
}

function searchHref(page: Page, q: string, type: SearchType | undefined, cursor?: number): string {
  const params = new URLSearchParams({ q });
  if (type) params.set('type', type);
  if (cursor) params.set('cursor', String(cursor));
  return local(page.site, `/search?${params.toString()}`);
}

/** Only a root-relative path of this site becomes a link (never `//host` or a scheme). */
const sitePath = (path: string) => /^\/(?![/\\])/.test(path);

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

function resultsBlock(page: Page, input: SearchPageInput, results: SearchResults, shown: string): Markup {
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 20;
  const truncated = results.truncated
    ? html`<div class="notice"><p>Only the first words of a long query were searched: ${results.words.join(', ')}.</p></div>`
    : '';
  if (results.words.length === 0) {
    return html`${truncated}<p class="search-count" role="status">There is nothing to search for in “${shown}”: type a word or a name, in letters or digits.</p>${intro()}`;
  }
  const where = input.type ? ` among ${SEARCH_TYPE_LABELS[input.type].many.toLowerCase()}` : '';
  if (results.hits.length === 0) {
    const everywhere = input.type
      ? html`<li><a href="${searchHref(page, input.q, undefined)}">Search everything for “${shown}”</a> instead of ${SEARCH_TYPE_LABELS[input.type].many.toLowerCase()} only.</li>`
      : '';
    const beyond =
      offset > 0
        ? html`<li><a href="${searchHref(page, input.q, input.type)}">Go back to the first results</a>.</li>`
        : '';
    return html`${truncated}<p class="search-count" role="status">Nothing found for “${shown}”${where}.</p><div class="search-help"><p>Some things to try:</p><ul>${everywhere}${beyond}<li>Fewer words: every word has to match.</li><li>The start of a name rather than all of it: <code>deepseek</code>, <code>llama</code>, <code>qwen3</code>.</li><li>A different spelling; names are matched by their parts, so <code>deepseek r1</code> finds deepseek-ai/DeepSeek-R1.</li><li>The <a href="${local(page.site, '/editions/')}">archive of every edition</a>, by month.</li></ul></div>`;
  }
  const count = `${results.totalIsMore ? 'More than ' : ''}${plural(results.total, 'result', 'results')} for “${shown}”${where}`;
  const range =
    results.total > limit || offset > 0
      ? ` (${(offset + 1).toLocaleString('en-GB')}–${(offset + results.hits.length).toLocaleString('en-GB')} shown)`
      : '';
  const previous =
    offset > 0
      ? html`<li><a href="${searchHref(page, input.q, input.type, Math.max(0, offset - limit))}" rel="prev">Previous results</a></li>`
      : '';
  const next = results.next
    ? html`<li><a href="${searchHref(page, input.q, input.type, Number(results.next))}" rel="next">More results</a></li>`
    : '';
  const pages =
    previous || next
      ? html`<nav class="search-pages" aria-label="Result pages"><ul>${previous}${next}</ul></nav>`
      : '';
  return html`${truncated}<p class="search-count" role="status">${count}.${range}</p><ol class="search-results"${offset > 0 ? html` start="${offset + 1}"` : ''}>${results.hits.map(
    (hit) =>
      html`<li class="search-hit"><p class="hit-meta">${SEARCH_TYPE_LABELS[hit.type].one}${hit.date ? html` · <time datetime="${hit.date}">${hit.type === 'edition' ? '' : 'first seen '}${mediumDate(hit.date)}</time>` : ''}</p><h2>${sitePath(hit.path) ? html`<a href="${local(page.site, hit.path)}">${marked(hit.titleParts)}</a>` : marked(hit.titleParts)}</h2>${hit.snippet.length > 0 ? html`<p class="hit-snippet">${marked(hit.snippet)}</p>` : ''}</li>`,
  )}</ol>${pages}`;
}
