/**
 * @module sources/arxiv/rss
 * A pure parser of arXiv's daily listing feed (`rss.arxiv.org/rss/<categories>`, the RSS 2.0 format
 * in use since January 2024). Kept small: the collector uses the API; this reads the same papers
 * as announced, with the announce type that tells new papers from cross-lists and replacements.
 */
import { z } from 'zod';
import { parseOrThrow, summariseIssues } from '../validate.js';
import { type ArxivId, parseAbsUrl, parseArxivId } from './ids.js';
import { first, lenientList, normaliseSpace, parseXml, Text } from './xml.js';

export interface ArxivRssItem {
  /** Without version. */
  id: string;
  version?: number;
  title: string;
  /** `new`, `cross`, `replace`, `replace-cross`; another value is kept as arXiv wrote it. */
  announceType?: string;
  categories: string[];
  creators: string[];
}

export interface ArxivRssListing {
  items: ArxivRssItem[];
  dropped: number;
  problems: string[];
}

const OptionalText = first(Text).optional().catch(undefined);

const RssSchema = z.object({
  rss: z.object({
    channel: first(z.object({ item: z.array(z.unknown()).default([]) })),
  }),
});

const ItemSchema = z
  .object({
    // The guid (`oai:arXiv.org:2604.21935v1`) carries the version; the link does not.
    guid: OptionalText,
    link: OptionalText,
    title: first(Text).transform(normaliseSpace).pipe(z.string().min(1, 'empty title')),
    category: lenientList(Text.transform(normaliseSpace)),
    announce_type: OptionalText,
    creator: OptionalText,
  })
  .transform((item, ctx) => {
    const fromGuid = item.guid ? parseArxivId(item.guid.replace(/^oai:arXiv\.org:/i, '')) : undefined;
    const id: ArxivId | undefined = fromGuid ?? (item.link ? parseAbsUrl(item.link) : undefined);
    if (!id) {
      ctx.addIssue({ code: 'custom', path: ['link'], message: 'no arXiv id in guid or link' });
      return z.NEVER;
    }
    return { ...item, id };
  });

export function parseArxivRss(xml: string, where = 'arXiv RSS listing'): ArxivRssListing {
  const { rss } = parseOrThrow(RssSchema, parseXml(xml, where, ['item', 'category']), where);
  const items: ArxivRssItem[] = [];
  const problems: string[] = [];
  rss.channel.item.forEach((value, index) => {
    const parsed = ItemSchema.safeParse(value);
    if (!parsed.success) {
      problems.push(`item #${index + 1} dropped: ${summariseIssues(parsed.error)}`);
      return;
    }
    const { id, title, category, announce_type, creator } = parsed.data;
    const item: ArxivRssItem = {
      id: id.id,
      title,
      categories: category.filter((name) => name.length > 0),
      // One comma-joined string in the feed (`dc:creator`).
      creators: (creator ?? '')
        .split(',')
        .map(normaliseSpace)
        .filter((name) => name.length > 0),
    };
    if (id.version !== undefined) item.version = id.version;
    if (announce_type && normaliseSpace(announce_type)) item.announceType = normaliseSpace(announce_type);
    items.push(item);
  });
  return { items, dropped: problems.length, problems };
}
