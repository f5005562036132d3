/**
 * @module renderers/feeds/edition-files
 * Each edition, machine-readable beside its page: the Edition itself as JSON and as Markdown.
 */
import type { Edition } from '../../core/edition.js';
import { renderEditionMarkdown } from '../markdown/index.js';
import { jsonForWeb } from './json.js';
import { editionDay, type FeedSite, type SiteFile } from './site.js';

export function buildEditionFiles(edition: Edition, site: FeedSite): SiteFile[] {
  const folder = `editions/${editionDay(edition.date)}`;
  return [
    { path: `${folder}/edition.json`, body: jsonForWeb(edition), contentType: 'application/json' },
    {
      path: `${folder}/edition.md`,
      body: renderEditionMarkdown(edition, site),
      contentType: 'text/markdown; charset=utf-8',
    },
  ];
}
