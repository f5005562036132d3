/**
 * @module sources/huggingface/pagination
 * The Hub pages its listings GitHub-style: the next page's whole URL (with an opaque `cursor`) is in
 * the `Link` header as `<…>; rel="next"`. We reuse that URL as given, on the same origin only.
 */
import { describeError } from '../../core/errors.js';
import type { SourceContext, SourceReport } from '../source.js';
import { warn } from './hub.js';

/** rel → URL from a `Link` header; a link with several rels (`rel="next last"`) is listed under each. */
export function parseLinkHeader(header: string | null | undefined): Map<string, string> {
  const links = new Map<string, string>();
  if (!header) return links;
  for (const match of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const [, target = '', params = ''] = match;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const names = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).filter(Boolean);
    for (const name of names) if (!links.has(name.toLowerCase())) links.set(name.toLowerCase(), target);
  }
  return links;
}

/** Why a walk stopped: no next link, the caller had enough, the page cap, or a later page failed. */
export type WalkEnd = 'done' | 'enough' | 'cap' | 'failed';

export interface WalkOptions {
  /** Most pages to read, the first included. */
  pageCap: number;
  /** Names the listing in warnings, e.g. `hf-new-models`. */
  what: string;
  report: SourceReport;
  /** Called with each page's parsed JSON; may throw (a bad shape). */
  onPage(data: unknown, page: number): 'more' | 'enough';
}

/**
 * Reads pages until the caller has enough, the `Link` header has no next page, or `pageCap` pages
 * were read. The first page's errors propagate (the source has nothing); a later page's error
 * keeps what was read and marks the source partial.
 */
export async function walkPages(
  ctx: SourceContext,
  firstUrl: string,
  options: WalkOptions,
): Promise<{ end: WalkEnd; pages: number }> {
  const origin = new URL(firstUrl).origin;
  const visited = new Set<string>();
  let url = firstUrl;
  for (let page = 1; ; page += 1) {
    visited.add(url);
    let next: string | undefined;
    try {
      const { response, data } = await ctx.http.getJson(url, { signal: ctx.signal });
      if (options.onPage(data, page) === 'enough') return { end: 'enough', pages: page };
      next = nextPage(response.headers.get('link'), response.url || url);
    } catch (error) {
      if (page === 1) throw error;
      options.report.requestFailed(
        `${options.what}: page ${page} failed, kept earlier pages: ${describeError(error)}`,
      );
      return { end: 'failed', pages: page };
    }
    if (next === undefined) return { end: 'done', pages: page };
    if (new URL(next).origin !== origin || visited.has(next)) {
      // A link elsewhere or back to a page we read would never end well; keep what we have.
      warn(options.report, `${options.what}: ignored an unexpected next-page link after page ${page}`);
      return { end: 'done', pages: page };
    }
    if (page >= options.pageCap) return { end: 'cap', pages: page };
    url = next;
  }
}

function nextPage(header: string | null, base: string): string | undefined {
  const target = parseLinkHeader(header).get('next');
  if (!target) return undefined;
  try {
    return new URL(target, base).toString();
  } catch {
    return undefined;
  }
}
