/**
 * @module api/params
 * Query parameters, declared once: each declaration parses the raw text (so `limit=1e3`,
 * `window=7x` or a date that is not a day are refused with what was wrong) and also describes
 * itself for the OpenAPI document. Cursors are opaque to clients: base64url JSON that names the
 * route it belongs to, checked strictly when it comes back (a forged or foreign one is a 400).
 */
import { z } from 'zod';
import { ITEM_KINDS, type ItemKind } from '../core/item.js';

export interface ParamError {
  parameter: string;
  message: string;
}

export interface ParamSpec<T> {
  name: string;
  description: string;
  /** JSON Schema of the raw value, for the document. */
  schema: Record<string, unknown>;
  /** A value the document shows, and the test walking it sends; none for a cursor. */
  example?: string | number;
  /** The value, or a message saying what is wrong with `raw`. */
  parse(raw: string): { ok: true; value: T } | { ok: false; message: string };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function limitParam(defaultValue: number, max: number, what: string): ParamSpec<number> {
  return {
    name: 'limit',
    description: `How many ${what} a page holds: 1 to ${max}, ${defaultValue} by default.`,
    schema: { type: 'integer', minimum: 1, maximum: max, default: defaultValue },
    example: Math.min(defaultValue, 5),
    parse(raw) {
      const value = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
      return Number.isInteger(value) && value >= 1 && value <= max
        ? { ok: true, value }
        : { ok: false, message: `must be a whole number from 1 to ${max}, not ${JSON.stringify(raw)}` };
    },
  };
}

export function dayParam(name: string, description: string, example: string): ParamSpec<string> {
  return {
    name,
    description,
    schema: { type: 'string', format: 'date' },
    example,
    parse: (raw) =>
      isDay(raw)
        ? { ok: true, value: raw }
        : { ok: false, message: `must be a day as YYYY-MM-DD, not ${JSON.stringify(raw)}` },
  };
}

export const MAX_WINDOW_DAYS = 90;

export const windowParam: ParamSpec<number> = {
  name: 'window',
  description: `How far back to compare: 1d to ${MAX_WINDOW_DAYS}d, 7d by default.`,
  schema: { type: 'string', pattern: '^[1-9][0-9]?d$', default: '7d' },
  example: '7d',
  parse(raw) {
    const match = /^([1-9]\d?)d$/.exec(raw);
    const days = match ? Number(match[1]) : Number.NaN;
    return days >= 1 && days <= MAX_WINDOW_DAYS
      ? { ok: true, value: days }
      : { ok: false, message: `must be 1d to ${MAX_WINDOW_DAYS}d (days), not ${JSON.stringify(raw)}` };
  },
};

export const kindParam: ParamSpec<ItemKind> = {
  name: 'kind',
  description: 'Which kind of item: model by default.',
  schema: { type: 'string', enum: [...ITEM_KINDS], default: 'model' },
  example: 'model',
  parse: (raw) =>
    (ITEM_KINDS as readonly string[]).includes(raw)
      ? { ok: true, value: raw as ItemKind }
      : { ok: false, message: `must be one of ${ITEM_KINDS.join(', ')}, not ${JSON.stringify(raw)}` },
};

/** A cursor's contents by route; `r` names the route so one route's cursor is refused by another. */
const CursorSchemas = {
  editions: z.object({ r: z.literal('editions'), before: z.string().refine(isDay) }).strict(),
  movers: z
    .object({
      r: z.literal('movers'),
      day: z.string().refine(isDay),
      window: z.number().int().min(1).max(MAX_WINDOW_DAYS),
      kind: z.enum(ITEM_KINDS),
      offset: z.number().int().min(1).max(1_000_000),
    })
    .strict(),
  days: z.object({ r: z.literal('days'), before: z.string().refine(isDay) }).strict(),
  metrics: z
    .object({ r: z.literal('metrics'), to: z.string().refine(isDay), from: z.string().refine(isDay) })
    .strict(),
};
export type CursorRoute = keyof typeof CursorSchemas;
export type Cursor<R extends CursorRoute> = z.infer<(typeof CursorSchemas)[R]>;

export function encodeCursor<R extends CursorRoute>(cursor: Cursor<R>): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function cursorParam<R extends CursorRoute>(route: R): ParamSpec<Cursor<R>> {
  return {
    name: 'cursor',
    description:
      'Where the page starts: the opaque value in the previous page’s `links.next`; absent for the first page.',
    schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+$', maxLength: 512 },
    parse(raw) {
      const refused = { ok: false as const, message: 'is not a cursor this API gave out for this route' };
      if (!/^[A-Za-z0-9_-]{1,512}$/.test(raw)) return refused;
      let value: unknown;
      try {
        value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
      } catch {
        return refused;
      }
      const parsed = CursorSchemas[route].safeParse(value);
      return parsed.success ? { ok: true, value: parsed.data as Cursor<R> } : refused;
    },
  };
}

type Parsed<S extends Record<string, ParamSpec<unknown>>> = {
  [K in keyof S]: S[K] extends ParamSpec<infer T> ? T | undefined : never;
};

/**
 * Every parameter of `search` checked against `specs`: unknown names and repeated ones are
 * errors too, so a typo (`?kinds=model`) is not silently ignored.
 */
export function parseQuery<S extends Record<string, ParamSpec<unknown>>>(
  search: string,
  specs: S,
): { ok: true; values: Parsed<S> } | { ok: false; errors: ParamError[] } {
  const params = new URLSearchParams(search);
  const byName = new Map(Object.entries(specs).map(([key, spec]) => [spec.name, { key, spec }]));
  const values: Record<string, unknown> = {};
  const errors: ParamError[] = [];
  const seen = new Set<string>();
  for (const [name, raw] of params) {
    const known = byName.get(name);
    if (!known) {
      const names = [...byName.keys()];
      errors.push({
        parameter: name,
        message: names.length
          ? `is not a parameter of this route (it takes ${names.join(', ')})`
          : 'is not a parameter of this route (it takes none)',
      });
      continue;
    }
    if (seen.has(name)) {
      errors.push({ parameter: name, message: 'is given more than once' });
      continue;
    }
    seen.add(name);
    const result = known.spec.parse(raw);
    if (result.ok) values[known.key] = result.value;
    else errors.push({ parameter: name, message: result.message });
  }
  return errors.length ? { ok: false, errors } : { ok: true, values: values as Parsed<S> };
}
