/**
 * @module sources/arxiv/atom
 * A pure parser of arXiv API (`/api/query`) Atom responses. It reads both formats seen in the wild:
 * legacy (≤2025-10: namespaces declared on each element, hard-wrapped text, http links) and current
 * (≥2026-02: namespaces on `<feed>`, unwrapped text, https links, a different element order). It
 * looks elements up by local name and never by position, so neither difference matters.
 *
 * arXiv reports a bad query as a feed with a single entry titled "Error" whose id is
 * `…/api/errors#…`; that becomes a thrown error carrying arXiv's message, never a paper.
 */
import { z } from 'zod';
import { MorningPostError } from '../../core/errors.js';
import { parseOrThrow, summariseIssues } from '../validate.js';
import { type ArxivId, absPageUrl, parseAbsUrl } from './ids.js';
import { first, isoTimestamp, lenientList, normaliseSpace, parseXml, Text } from './xml.js';

export interface ArxivEntry {
  /** Without version, e.g. `2604.21935` or `hep-th/0101001`. */
  id: string;
  version?: number;
  title: string;
  abstract: string;
  authors: string[];
  /** When version 1 was submitted (ISO 8601, UTC). */
  published?: string;
  /** When this version was submitted. */
  updated?: string;
  primaryCategory?: string;
  /** Every category, primary included, in feed order. */
  categories: string[];
  links: { abs: string; pdf?: string };
  doi?: string;
  comment?: string;
  journalRef?: string;
}

export interface ArxivFeed {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  entries: ArxivEntry[];
  /** Entries left out because they had no usable id or title. */
  dropped: number;
  /** Why each one was left out. */
  problems: string[];
}

const ARRAY_TAGS = ['entry', 'author', 'link', 'category'] as const;
const ERROR_ID = /\/api\/errors(?:#|$)/;

const Count = first(Text).pipe(z.string().trim().regex(/^\d+$/, 'expected a count').transform(Number));
const OptionalText = first(Text).optional().catch(undefined);

const FeedSchema = z.object({
  feed: z.object({
    totalResults: Count,
    startIndex: Count.optional(),
    itemsPerPage: Count.optional(),
    entry: z.array(z.unknown()).default([]),
  }),
});

const ErrorEntrySchema = z.object({ id: first(Text), summary: OptionalText });

const Link = z.object({
  '@_href': z.string().min(1),
  '@_rel': z.string().optional(),
  '@_title': z.string().optional(),
  '@_type': z.string().optional(),
});
const Category = z.object({ '@_term': z.string().trim().min(1) });

const EntrySchema = z.object({
  id: first(Text).transform((value, ctx): ArxivId => {
    const parsed = parseAbsUrl(value);
    if (parsed) return parsed;
    ctx.addIssue({ code: 'custom', message: `not an arXiv abstract URL: ${value.slice(0, 80)}` });
    return z.NEVER;
  }),
  title: first(Text).transform(normaliseSpace).pipe(z.string().min(1, 'empty title')),
  summary: OptionalText,
  published: OptionalText,
  updated: OptionalText,
  author: lenientList(z.object({ name: first(Text).transform(normaliseSpace) })),
  link: lenientList(Link),
  category: lenientList(Category),
  primary_category: first(Category).optional().catch(undefined),
  doi: OptionalText,
  comment: OptionalText,
  journal_ref: OptionalText,
});
type RawEntry = z.output<typeof EntrySchema>;

/**
 * Parses one API response body. Throws UPSTREAM_INVALID for a body that is not well-formed XML,
 * not an arXiv feed, or arXiv's error feed (with arXiv's message).
 */
export function parseArxivAtom(xml: string, where = 'arXiv API response'): ArxivFeed {
  const { feed } = parseOrThrow(FeedSchema, parseXml(xml, where, ARRAY_TAGS), where);
  throwIfErrorFeed(feed.entry, where);
  const entries: ArxivEntry[] = [];
  const problems: string[] = [];
  feed.entry.forEach((value, index) => {
    const parsed = EntrySchema.safeParse(value);
    if (parsed.success) entries.push(toEntry(parsed.data));
    else problems.push(`entry #${index + 1} dropped: ${summariseIssues(parsed.error)}`);
  });
  return {
    totalResults: feed.totalResults,
    startIndex: feed.startIndex ?? 0,
    itemsPerPage: feed.itemsPerPage ?? feed.entry.length,
    entries,
    dropped: problems.length,
    problems,
  };
}

function throwIfErrorFeed(entries: readonly unknown[], where: string): void {
  for (const value of entries) {
    const parsed = ErrorEntrySchema.safeParse(value);
    if (!parsed.success || !ERROR_ID.test(parsed.data.id)) continue;
    const message = normaliseSpace(parsed.data.summary ?? '') || parsed.data.id;
    throw new MorningPostError('UPSTREAM_INVALID', `arXiv API error: ${message}`, {
      hint: `arXiv rejected the query in ${where}; check the configured categories and endpoint.`,
    });
  }
}

function toEntry(raw: RawEntry): ArxivEntry {
  const abs = raw.link.find((link) => link['@_rel'] === 'alternate')?.['@_href'];
  const pdfLink = raw.link.find((link) => link['@_title'] === 'pdf' || link['@_type'] === 'application/pdf');
  const pdf = pdfLink?.['@_href'];
  const doiLink = raw.link.find((link) => link['@_title'] === 'doi')?.['@_href'];
  const entry: ArxivEntry = {
    id: raw.id.id,
    title: raw.title,
    abstract: normaliseSpace(raw.summary ?? ''),
    authors: raw.author.map((author) => author.name).filter((name) => name.length > 0),
    categories: [...new Set(raw.category.map((category) => category['@_term']))],
    links: pdf ? { abs: abs ?? absPageUrl(raw.id.id), pdf } : { abs: abs ?? absPageUrl(raw.id.id) },
  };
  if (raw.id.version !== undefined) entry.version = raw.id.version;
  const published = isoTimestamp(raw.published);
  if (published) entry.published = published;
  const updated = isoTimestamp(raw.updated);
  if (updated) entry.updated = updated;
  if (raw.primary_category) entry.primaryCategory = raw.primary_category['@_term'];
  const doi = raw.doi ? normaliseSpace(raw.doi) : doiFromUrl(doiLink);
  if (doi) entry.doi = doi;
  if (raw.comment && normaliseSpace(raw.comment)) entry.comment = normaliseSpace(raw.comment);
  if (raw.journal_ref && normaliseSpace(raw.journal_ref)) entry.journalRef = normaliseSpace(raw.journal_ref);
  return entry;
}

function doiFromUrl(url: string | undefined): string | undefined {
  const match = url ? /^https?:\/\/(?:dx\.)?doi\.org\/(.+)$/.exec(url.trim()) : null;
  return match?.[1];
}
