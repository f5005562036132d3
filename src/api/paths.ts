/**
 * @module api/paths
 * The API's routes, declared once: their path templates, parameters and response schemas feed
 * both the router (matchRoute) and the OpenAPI document. Subject routes mirror the site's
 * subject pages (core/subjects): `/models/OWNER/NAME/` is `/api/v1/models/OWNER/NAME`.
 */
import type { z } from 'zod';
import { type PagedKind, SUBJECT_SECTIONS } from '../core/subjects.js';
import type { API_CACHE } from './http.js';
import {
  type CursorRoute,
  cursorParam,
  dayParam,
  kindParam,
  limitParam,
  type ParamSpec,
  windowParam,
} from './params.js';
import {
  AuthorHistorySchema,
  EditionListSchema,
  EditionSchema,
  ItemHistorySchema,
  MetricsListSchema,
  MoverListSchema,
} from './schemas.js';

export type RouteId = 'openapi' | 'editions' | 'edition' | 'movers' | 'metrics' | 'item' | 'author';

export interface PathParam {
  name: string;
  description: string;
  schema: Record<string, unknown>;
  example: string;
}

export interface ApiRoute {
  id: RouteId;
  /** OpenAPI path template under /api/v1, e.g. `/editions/{date}`. */
  template: string;
  /** For item routes, the kind of item. */
  kind?: PagedKind;
  summary: string;
  description: string;
  pathParams: PathParam[];
  query: Record<string, ParamSpec<unknown>>;
  /** The 200 body; undefined for the document itself. */
  response?: z.ZodType;
  /** Which Cache-Control its 200s carry (http.ts). */
  cacheControl: Exclude<keyof typeof API_CACHE, 'error'>;
}

const dayCursor = (route: CursorRoute) => cursorParam(route) as ParamSpec<unknown>;

const historyQuery = {
  limit: limitParam(30, 366, 'days') as ParamSpec<unknown>,
  cursor: dayCursor('days'),
};

const OWNER_NAME_EXAMPLES: Record<Exclude<PagedKind, 'paper'>, [string, string]> = {
  model: ['Qwen', 'Qwen3-8B'],
  dataset: ['HuggingFaceFW', 'fineweb'],
  space: ['black-forest-labs', 'FLUX.1-dev'],
  repository: ['ggml-org', 'llama.cpp'],
};

const segmentSchema = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[\\p{L}\\p{N}._~+-]+$' };

function itemRoute(kind: PagedKind): ApiRoute {
  const section = SUBJECT_SECTIONS[kind];
  const common = {
    id: 'item' as const,
    kind,
    summary: `One ${kind === 'repository' ? 'repository' : kind}'s history`,
    description:
      `The ${kind}'s facts, its days newest first (its rank in each list and the numbers seen), ` +
      'and the editions that named it. Days are paginated with `limit` and `cursor`.',
    query: historyQuery,
    response: ItemHistorySchema,
    cacheControl: 'list' as const,
  };
  if (kind === 'paper') {
    return {
      ...common,
      template: `/${section}/{id}`,
      pathParams: [
        { name: 'id', description: 'The arXiv id.', schema: segmentSchema, example: '2506.01234' },
      ],
    };
  }
  const [owner, name] = OWNER_NAME_EXAMPLES[kind];
  return {
    ...common,
    template: `/${section}/{owner}/{name}`,
    pathParams: [
      {
        name: 'owner',
        description: 'The owner (user or organisation).',
        schema: segmentSchema,
        example: owner,
      },
      { name: 'name', description: 'The name under the owner.', schema: segmentSchema, example: name },
    ],
  };
}

export const API_ROUTES: readonly ApiRoute[] = [
  {
    id: 'openapi',
    template: '/openapi.json',
    summary: 'This document',
    description: 'The OpenAPI 3.1 document of this API.',
    pathParams: [],
    query: {},
    cacheControl: 'document',
  },
  {
    id: 'editions',
    template: '/editions',
    summary: 'Editions, newest first',
    description: 'Every edition with text (drafts are marked by `status`), newest first, paginated.',
    pathParams: [],
    query: { limit: limitParam(20, 100, 'editions') as ParamSpec<unknown>, cursor: dayCursor('editions') },
    response: EditionListSchema,
    cacheControl: 'list',
  },
  {
    id: 'edition',
    template: '/editions/{date}',
    summary: 'One edition',
    description:
      'The edition of a day: its number, headline and sections as data (paragraphs of text and links, ' +
      'list entries, the metrics panel), each with the items it is about and their subject links.',
    pathParams: [
      {
        name: 'date',
        description: "The edition's day, YYYY-MM-DD.",
        schema: { type: 'string', format: 'date' },
        example: '2026-08-23',
      },
    ],
    query: {},
    response: EditionSchema,
    cacheControl: 'edition',
  },
  {
    id: 'movers',
    template: '/movers',
    summary: 'Movers over a window',
    description:
      'Items of one kind that climbed, entered or gained in their lists between a day and the day ' +
      '`window` earlier (or the earliest day inside the window the list was seen), best first. ' +
      'Scores as in the edition: climb as a share of the list, a new entry by how high it entered, ' +
      'and the gain in likes or stars on a log scale.',
    pathParams: [],
    query: {
      window: windowParam as ParamSpec<unknown>,
      kind: kindParam as ParamSpec<unknown>,
      day: dayParam(
        'day',
        'The day to compare from; the newest day with collected data by default.',
        '2026-08-23',
      ),
      limit: limitParam(20, 100, 'movers') as ParamSpec<unknown>,
      cursor: dayCursor('movers'),
    },
    response: MoverListSchema,
    cacheControl: 'list',
  },
  {
    id: 'metrics',
    template: '/metrics',
    summary: 'Daily metrics',
    description:
      'Per day, newest first: what each source collected (status, items, new items) and the metrics ' +
      "panel of that day's edition. `from` and `to` bound the days (inclusive); `to` is the newest day " +
      'with collected data by default.',
    pathParams: [],
    query: {
      from: dayParam('from', 'The first day (inclusive); a year before `to` by default.', '2026-08-01'),
      to: dayParam('to', 'The last day (inclusive).', '2026-08-23'),
      limit: limitParam(31, 366, 'days') as ParamSpec<unknown>,
      cursor: dayCursor('metrics'),
    },
    response: MetricsListSchema,
    cacheControl: 'list',
  },
  ...(Object.keys(SUBJECT_SECTIONS) as PagedKind[]).map(itemRoute),
  {
    id: 'author',
    template: '/authors/{name}',
    summary: "One author's history",
    description:
      "An author's items, the days their items were in the lists (newest first, paginated), and the " +
      'editions that named them.',
    pathParams: [{ name: 'name', description: "The author's name.", schema: segmentSchema, example: 'Qwen' }],
    query: historyQuery,
    response: AuthorHistorySchema,
    cacheControl: 'list',
  },
];

/** The route of a request's path segments (`['api', 'v1', 'editions']`) and its path parameters. */
export function matchRoute(
  segments: readonly string[],
): { route: ApiRoute; params: Record<string, string> } | undefined {
  const rest = segments.slice(2);
  for (const route of API_ROUTES) {
    const parts = route.template.split('/').slice(1);
    if (parts.length !== rest.length) continue;
    const params: Record<string, string> = {};
    const matched = parts.every((part, i) => {
      const value = rest[i] as string;
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name) params[name] = value;
      return name !== undefined || part === value;
    });
    if (matched) return { route, params };
  }
  return undefined;
}
