/**
 * @module api/schemas
 * The JSON API's one source of truth: every response body as a zod schema. The handlers build
 * their answers as these types, and the OpenAPI document (openapi.ts) is generated from the same
 * schemas, so the document cannot drift from what the server sends. Everything is data, never
 * HTML: text is paragraphs of plain strings and links, as the edition stores it.
 */
import { z } from 'zod';
import { ITEM_KINDS, MetricsSchema, SnapshotStatusSchema, SourceIdSchema } from '../core/item.js';
import { SECTION_IDS } from '../core/text.js';

/** Named schemas become `#/components/schemas/NAME` in the document. */
export const apiRegistry = z.registry<{ id: string }>();
/** Each named schema's description, by name (zod writes only the id from a registry of our own). */
export const SCHEMA_DESCRIPTIONS = new Map<string, string>();

function named<T extends z.ZodType>(id: string, description: string, schema: T): T {
  apiRegistry.add(schema, { id });
  SCHEMA_DESCRIPTIONS.set(id, description);
  return schema;
}

const day = z.iso.date();
const absoluteUrl = z.url({ protocol: /^https?$/ });

export const ProblemSchema = named(
  'Problem',
  'An error as RFC 9457 problem details (application/problem+json).',
  z.object({
    type: z.string().describe('A URI naming the kind of problem, or about:blank.'),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    instance: z.string().optional().describe('The request path the problem is about.'),
    errors: z
      .array(z.object({ parameter: z.string(), message: z.string() }))
      .optional()
      .describe('For 400: each parameter that was wrong, and why.'),
  }),
);
export type Problem = z.infer<typeof ProblemSchema>;

const PageLinksSchema = named(
  'PageLinks',
  'This page and the next one; next is null on the last page.',
  z.object({ self: absoluteUrl, next: absoluteUrl.nullable() }),
);

export const ItemKindSchema = named('ItemKind', 'What an item is.', z.enum(ITEM_KINDS));
const SourceSchema = named('SourceId', 'Where an observation came from.', SourceIdSchema);

export const ObservedMetricsSchema = named(
  'ObservedMetrics',
  'Numbers seen at one moment; counts are totals unless the name says a period.',
  MetricsSchema.clone(),
);

const SubjectLinksSchema = z.object({
  page: absoluteUrl
    .nullable()
    .describe("The subject's page on the site; null for ids that cannot be a path."),
  api: absoluteUrl.nullable().describe("The subject's history in this API; null when it has no page."),
});

export const ItemRefSchema = named(
  'ItemRef',
  'An item named in an edition or a list, with where to read more about it.',
  z.object({
    id: z.number().int().describe("The store's id of the item."),
    kind: ItemKindSchema,
    externalId: z.string(),
    title: z.string(),
    url: z.string().describe('Upstream: the Hub, GitHub, arXiv.'),
    author: z.string().nullable(),
    links: SubjectLinksSchema.extend({
      author: absoluteUrl.nullable().describe("The author's history in this API."),
    }),
  }),
);
export type ItemRef = z.infer<typeof ItemRefSchema>;

export const PlacedItemSchema = named(
  'PlacedItem',
  'An item as an edition printed it: the list it was in, its rank and numbers that day.',
  ItemRefSchema.extend({
    source: SourceSchema,
    list: z.string(),
    rank: z.number().int().nullable(),
    metrics: ObservedMetricsSchema,
    observedAt: z.string(),
  }),
);

const EditionLinksSchema = z.object({
  self: absoluteUrl,
  html: absoluteUrl.describe("The edition's page."),
  json: absoluteUrl.describe('The whole edition as the site publishes it (edition.json).'),
  markdown: absoluteUrl,
});

export const EditionSummarySchema = named(
  'EditionSummary',
  'One edition in the list.',
  z.object({
    number: z.number().int().positive(),
    date: day,
    status: z.enum(['draft', 'published']),
    headline: z.string(),
    standfirst: z.string(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
    links: EditionLinksSchema,
  }),
);
export type EditionSummary = z.infer<typeof EditionSummarySchema>;

export const EditionListSchema = named(
  'EditionList',
  'Editions, newest first.',
  z.object({ data: z.array(EditionSummarySchema), links: PageLinksSchema }),
);

const InlineSchema = z.union([z.string(), z.object({ text: z.string(), href: absoluteUrl })]);

export const DailyMetricSchema = named(
  'DailyMetric',
  'One number of the metrics panel: the period ending on the day, and the period before.',
  z.object({
    id: z.string(),
    label: z.string(),
    value: z.number(),
    previous: z.number().nullable(),
    unit: z.enum(['count', 'share', 'parameters', 'stars']),
    from: day,
    to: day,
    days: z.number().int(),
    breakdown: z.array(z.object({ label: z.string(), value: z.number() })).optional(),
    note: z.string().optional(),
  }),
);

export const SectionSchema = named(
  'Section',
  'A section of an edition as data: its words as paragraphs of text and links, and the items it is about.',
  z.object({
    id: z.enum(SECTION_IDS),
    title: z.string(),
    standfirst: z.string().nullable(),
    isOpinion: z.boolean(),
    writer: z.string(),
    paragraphs: z.array(z.array(InlineSchema)).describe('Each paragraph: strings and {text, href} links.'),
    entries: z
      .array(z.object({ itemId: z.number().int().nullable(), name: z.string(), blurb: z.string() }))
      .describe('List sections (tools, trending, movers, reading): one line each, as plain text.'),
    items: z.array(PlacedItemSchema),
    metrics: z.array(DailyMetricSchema).describe('The metrics section only; empty elsewhere.'),
  }),
);

export const EditionSchema = named(
  'Edition',
  'One edition: its sections as data, with the items each is about.',
  EditionSummarySchema.extend({
    dataMode: z.enum(['live', 'stored', 'sample']),
    dataDay: day,
    sections: z.array(SectionSchema),
  }),
);
export type ApiEdition = z.infer<typeof EditionSchema>;

export const MoverSchema = named(
  'Mover',
  'An item that climbed, entered or gained in one list over the window.',
  z.object({
    item: ItemRefSchema,
    source: SourceSchema,
    list: z.string(),
    rankNow: z.number().int().nullable(),
    rankThen: z.number().int().nullable(),
    rankChange: z.number().int().nullable().describe('Positive: climbed. Null when unranked then.'),
    isNew: z.boolean().describe('Not in the list on the day compared with.'),
    likesGained: z.number().nullable(),
    downloadsGained: z.number().nullable(),
    starsGained: z.number().nullable(),
    score: z.number().describe('Climb, entry and gain together; the order of the list.'),
    comparedWith: day.describe(
      'The day compared with: the window start, or the earliest day the list was seen inside it.',
    ),
  }),
);

export const MoverListSchema = named(
  'MoverList',
  'Movers of one kind of item over a window, best first.',
  z.object({
    kind: ItemKindSchema,
    window: z.object({ requested: z.string(), days: z.number().int(), day: day.nullable() }),
    data: z.array(MoverSchema),
    links: PageLinksSchema,
  }),
);

export const EditionMentionSchema = named(
  'EditionMention',
  'An edition that named the subject, and in which sections.',
  z.object({
    number: z.number().int(),
    date: day,
    headline: z.string(),
    sections: z.array(z.enum(SECTION_IDS)),
    links: z.object({ self: absoluteUrl, html: absoluteUrl }),
  }),
);

export const ItemDaySchema = named(
  'ItemDay',
  "One day of an item's history: its place in each list and the numbers seen that day.",
  z.object({
    day,
    lists: z.array(z.object({ source: SourceSchema, list: z.string(), rank: z.number().int().nullable() })),
    metrics: ObservedMetricsSchema,
  }),
);

export const ItemHistorySchema = named(
  'ItemHistory',
  "An item's facts, its days (newest first, paginated), and the editions that named it.",
  z.object({
    subject: ItemRefSchema.extend({
      type: z.literal('item'),
      attributes: z.record(z.string(), z.unknown()),
      firstSeenAt: z.string(),
      lastSeenAt: z.string(),
      daysSeen: z.number().int(),
    }),
    days: z.array(ItemDaySchema),
    editions: z.array(EditionMentionSchema),
    links: PageLinksSchema,
  }),
);

export const AuthorDaySchema = named(
  'AuthorDay',
  "One day of an author's history: how many of their items were in a list, and the best rank.",
  z.object({ day, items: z.number().int(), bestRank: z.number().int().nullable() }),
);

export const AuthorHistorySchema = named(
  'AuthorHistory',
  "An author's items, their days (newest first, paginated), and the editions that named them.",
  z.object({
    subject: z.object({
      type: z.literal('author'),
      name: z.string(),
      authorKind: z.enum(['user', 'org']).nullable(),
      itemCount: z.number().int(),
      links: SubjectLinksSchema,
    }),
    items: z.array(ItemRefSchema).describe('Their items most recently seen first, at most 100.'),
    days: z.array(AuthorDaySchema),
    editions: z.array(EditionMentionSchema),
    links: PageLinksSchema,
  }),
);

export const MetricsDaySchema = named(
  'MetricsDay',
  'One day: what each source collected, and the metrics panel of that day’s edition.',
  z.object({
    day,
    itemsSeen: z.number().int(),
    newItems: z.number().int(),
    sources: z.array(
      z.object({
        source: SourceSchema,
        status: SnapshotStatusSchema,
        takenAt: z.string(),
        itemCount: z.number().int(),
        newItemCount: z.number().int(),
        error: z.string().nullable(),
      }),
    ),
    edition: z.object({ number: z.number().int(), links: z.object({ self: absoluteUrl }) }).nullable(),
    metrics: z.array(DailyMetricSchema).describe("The edition's metrics panel; empty without an edition."),
  }),
);

export const MetricsListSchema = named(
  'MetricsList',
  'Daily metrics, newest day first.',
  z.object({ data: z.array(MetricsDaySchema), links: PageLinksSchema }),
);
