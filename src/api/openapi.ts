/**
 * @module api/openapi
 * The OpenAPI 3.1 document served at /api/v1/openapi.json, generated from the routes (paths.ts,
 * their parameters) and the response schemas (schemas.ts, through zod's JSON Schema output), so
 * it describes exactly what the handlers send.
 */
import { z } from 'zod';
import { API_CACHE } from './http.js';
import { API_ROUTES, type ApiRoute } from './paths.js';
import type { ApiUrls } from './present.js';
import { apiRegistry, SCHEMA_DESCRIPTIONS } from './schemas.js';

export const API_VERSION = '1.0.0';

type Json = Record<string, unknown>;

/** The named response schemas as `components.schemas`, each reference as `#/components/schemas/NAME`. */
export function componentSchemas(): Record<string, Json> {
  const { schemas } = z.toJSONSchema(apiRegistry, {
    target: 'draft-2020-12',
    io: 'output',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Json> };
  const out: Record<string, Json> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    // Their place in the document is their identity: no `$id` (a fragment-only one is not allowed).
    const { $schema: _dialect, $id: _ref, id: _id, ...rest } = schema;
    out[id] = { description: SCHEMA_DESCRIPTIONS.get(id), ...rest };
  }
  return out;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema });

const HEADERS = {
  ETag: header('A strong validator of the body; send it back as If-None-Match for a 304.'),
  'Cache-Control': header('How long the answer may be kept (see docs/api.md).'),
  'Access-Control-Allow-Origin': header('Always `*`: any web page may read the API.', {
    type: 'string',
    const: '*',
  }),
  'RateLimit-Limit': header('Requests allowed in a burst (present when a limit is set).', {
    type: 'integer',
  }),
  'RateLimit-Remaining': header('Requests left now.', { type: 'integer' }),
  'RateLimit-Reset': header('Seconds until the allowance is whole again.', { type: 'integer' }),
  'RateLimit-Policy': header('The limit as `capacity;w=seconds`.'),
  'Retry-After': header('Seconds to wait before trying again.', { type: 'integer' }),
};

const headerRef = (name: keyof typeof HEADERS) => ({ $ref: `#/components/headers/${name}` });

const RATE_HEADERS = {
  'RateLimit-Limit': headerRef('RateLimit-Limit'),
  'RateLimit-Remaining': headerRef('RateLimit-Remaining'),
  'RateLimit-Reset': headerRef('RateLimit-Reset'),
  'RateLimit-Policy': headerRef('RateLimit-Policy'),
};

function problemResponse(description: string, example: Json, extra: Json = {}) {
  return {
    description,
    headers: { 'Access-Control-Allow-Origin': headerRef('Access-Control-Allow-Origin'), ...extra },
    content: { 'application/problem+json': { schema: ref('Problem'), example } },
  };
}

const RESPONSES = {
  BadRequest: problemResponse('A parameter was wrong; `errors` says which and why.', {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'Bad parameter: window must be 1d to 90d (days), not "7x".',
    instance: '/api/v1/movers',
    errors: [{ parameter: 'window', message: 'must be 1d to 90d (days), not "7x"' }],
  }),
  NotFound: problemResponse('Nothing at this address.', {
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: 'No edition of 2026-08-23.',
    instance: '/api/v1/editions/2026-08-23',
  }),
  MethodNotAllowed: problemResponse(
    'The API is read-only.',
    {
      type: 'about:blank',
      title: 'Method Not Allowed',
      status: 405,
      detail: 'The API is read-only: POST is not allowed; use GET or HEAD.',
    },
    { Allow: header('GET, HEAD, OPTIONS') },
  ),
  TooManyRequests: problemResponse(
    'Too many requests from this client address.',
    {
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Too many requests from this address; try again in 1 s.',
    },
    { 'Retry-After': headerRef('Retry-After'), ...RATE_HEADERS },
  ),
  NotModified: {
    description: 'The copy named by If-None-Match is current.',
    headers: { ETag: headerRef('ETag'), 'Cache-Control': headerRef('Cache-Control') },
  },
  Preflight: {
    description: 'The methods and headers a page may use (GET and HEAD only).',
    headers: {
      Allow: header('GET, HEAD, OPTIONS'),
      'Access-Control-Allow-Methods': header('GET, HEAD (to a CORS preflight)'),
      'Access-Control-Allow-Headers': header('Accept, If-None-Match, Cache-Control (to a CORS preflight)'),
      'Access-Control-Max-Age': header('How long a preflight answer may be cached, in seconds.'),
    },
  },
};

const responseRef = (name: keyof typeof RESPONSES) => ({ $ref: `#/components/responses/${name}` });

function operation(route: ApiRoute, method: 'get' | 'head', example?: unknown) {
  const parameters = [
    ...route.pathParams.map((p) => ({
      name: p.name,
      in: 'path',
      required: true,
      description: p.description,
      schema: p.schema,
      example: p.example,
    })),
    ...Object.values(route.query).map((p) => ({
      name: p.name,
      in: 'query',
      required: false,
      description: p.description,
      schema: p.schema,
      ...(p.example === undefined ? {} : { example: p.example }),
    })),
  ];
  const okHeaders = {
    ETag: headerRef('ETag'),
    'Cache-Control': headerRef('Cache-Control'),
    'Access-Control-Allow-Origin': headerRef('Access-Control-Allow-Origin'),
    ...RATE_HEADERS,
  };
  // The document itself: an OpenAPI 3.1 object (validated as one by the API's test).
  const schema = route.response
    ? ref(componentName(route))
    : { type: 'object', required: ['openapi', 'info', 'paths'], properties: { openapi: { const: '3.1.0' } } };
  const ok =
    method === 'get'
      ? {
          description: `${route.summary}. Cache-Control: ${API_CACHE[route.cacheControl]}.`,
          headers: okHeaders,
          content: { 'application/json': { schema, ...(example ? { example } : {}) } },
        }
      : { description: 'The headers of GET, without the body.', headers: okHeaders };
  const hasParams = parameters.length > 0;
  return {
    operationId: `${method}${operationName(route)}`,
    summary: method === 'get' ? route.summary : `${route.summary} (headers only)`,
    description: route.description,
    tags: [route.id === 'item' || route.id === 'author' ? 'subjects' : route.id],
    ...(hasParams ? { parameters } : {}),
    responses: {
      '200': ok,
      '304': responseRef('NotModified'),
      ...(hasParams ? { '400': responseRef('BadRequest') } : {}),
      ...(route.pathParams.length > 0 ? { '404': responseRef('NotFound') } : {}),
      '405': responseRef('MethodNotAllowed'),
      '429': responseRef('TooManyRequests'),
    },
  };
}

function componentName(route: ApiRoute): string {
  const entry = route.response ? apiRegistry.get(route.response) : undefined;
  if (!entry) throw new Error(`route ${route.template} has an unnamed response schema`);
  return entry.id;
}

function operationName(route: ApiRoute): string {
  const words = route.template
    .split('/')
    .filter((part) => part && !part.startsWith('{'))
    .map((part) => part.replace(/\.json$/, '').replace(/^./, (c) => c.toUpperCase()));
  return words.join('') + (route.pathParams.length ? 'ByPath' : '');
}

/** Answers as the API gives them, shown in the document (the API's test validates them too). */
function examples(urls: ApiUrls): Partial<Record<ApiRoute['id'], unknown>> {
  const date = '2026-10-24';
  const item = {
    id: 5352,
    kind: 'model',
    externalId: 'Tessellate/dunlin-270m-instruct',
    title: 'Tessellate/dunlin-270m-instruct',
    url: 'https://huggingface.co/Tessellate/dunlin-270m-instruct',
    author: 'Tessellate',
    links: {
      ...urls.item('model', 'Tessellate/dunlin-270m-instruct'),
      author: urls.author('Tessellate').api,
    },
  };
  return {
    editions: {
      data: [
        {
          number: 5,
          date,
          status: 'published',
          headline: 'Saturday Belongs to the Independents',
          standfirst: 'Personal accounts outnumber the labs near the top of the trending list.',
          publishedAt: `${date}T07:00:00.000Z`,
          updatedAt: `${date}T07:00:00.000Z`,
          links: urls.edition(date),
        },
      ],
      links: {
        self: urls.api('/editions', { limit: '1' }),
        next: urls.api('/editions', {
          limit: '1',
          cursor: 'eyJyIjoiZWRpdGlvbnMiLCJiZWZvcmUiOiIyMDI2LTEwLTI0In0',
        }),
      },
    },
    movers: {
      kind: 'model',
      window: { requested: '7d', days: 7, day: date },
      data: [
        {
          item,
          source: 'hf-models',
          list: 'trending',
          rankNow: 12,
          rankThen: 36,
          rankChange: 24,
          isNew: false,
          likesGained: 314,
          downloadsGained: 58670,
          starsGained: null,
          score: 1.6,
          comparedWith: '2026-10-17',
        },
      ],
      links: { self: urls.api('/movers', { window: '7d', kind: 'model', limit: '1' }), next: null },
    },
  };
}

export function buildOpenApiDocument(urls: ApiUrls): Json {
  const paths: Record<string, Json> = {};
  const shown = examples(urls);
  for (const route of API_ROUTES) {
    paths[route.template] = {
      get: operation(route, 'get', shown[route.id]),
      head: operation(route, 'head'),
      options: {
        operationId: `options${operationName(route)}`,
        summary: 'CORS preflight',
        tags: ['cors'],
        ...(route.pathParams.length
          ? {
              parameters: route.pathParams.map((p) => ({
                name: p.name,
                in: 'path',
                required: true,
                schema: p.schema,
                example: p.example,
              })),
            }
          : {}),
        responses: { '204': responseRef('Preflight') },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'The AI Morning Post API',
      version: API_VERSION,
      summary: 'Editions, movers, subject histories and daily metrics of The AI Morning Post, read-only.',
      description:
        'Read-only JSON over what the Post has collected and printed. Every answer carries a strong ETag ' +
        '(send If-None-Match for a 304), `Access-Control-Allow-Origin: *`, and, when the server sets a ' +
        'limit, RateLimit headers; lists are paginated with opaque cursors (follow `links.next`). Errors ' +
        'are RFC 9457 problem details.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: urls.api('') }],
    tags: [
      { name: 'editions', description: 'The editions as data.' },
      { name: 'edition', description: 'One edition.' },
      { name: 'movers', description: 'What moved in the lists.' },
      { name: 'metrics', description: 'What was collected each day.' },
      { name: 'subjects', description: 'Items and authors, with their history.' },
      { name: 'openapi', description: 'This document.' },
      { name: 'cors', description: 'Preflight answers.' },
    ],
    paths,
    components: { schemas: componentSchemas(), responses: RESPONSES, headers: HEADERS },
  };
}
