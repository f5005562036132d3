/**
 * @module sources/arxiv/xml
 * The XML reading shared by the Atom and RSS parsers: well-formedness first (so a cut-off body is a
 * clear error, not a quietly shorter list), then fast-xml-parser with everything kept as strings.
 * Namespace prefixes are stripped: the local names we read from Atom, `arxiv:`, `opensearch:` and
 * `dc:` never collide, and stripping works the same whether a namespace is declared on the root
 * (current API) or on each element (legacy API).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { MorningPostError } from '../../core/errors.js';

/** Parses `xml` into plain objects; tags in `arrays` are always arrays. Throws UPSTREAM_INVALID. */
export function parseXml(xml: string, what: string, arrays: readonly string[]): unknown {
  const text = xml.replace(/^\uFEFF/, '');
  // arXiv never sends a DTD; refusing one means no entity can expand into anything we did not expect.
  if (/<!DOCTYPE|<!ENTITY/i.test(text))
    throw new MorningPostError('UPSTREAM_INVALID', `${what} contains a DTD, which arXiv never sends`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    const { msg, line } = valid.err;
    throw new MorningPostError('UPSTREAM_INVALID', `${what} is not well-formed XML (line ${line}: ${msg})`, {
      hint: 'The response was probably cut short; run again, or record it with --record DIR.',
      retryable: true,
    });
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    // Ids such as 2101.02199 and counts stay strings; nothing is coerced or evaluated.
    parseTagValue: false,
    parseAttributeValue: false,
    // Decodes numeric character references (&#233;) besides the five XML entities.
    htmlEntities: true,
    isArray: (tagName) => arrays.includes(tagName),
  });
  return parser.parse(text) as unknown;
}

/** Collapses runs of whitespace (hard wraps, CRLF, indentation) into single spaces. */
export function normaliseSpace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** An element's text, whether the parser gave a string or an object with attributes. */
export const Text = z
  .union([z.string(), z.object({ '#text': z.unknown().optional() })], {
    error: (issue) => (issue.input === undefined ? 'missing' : 'expected text'),
  })
  .transform((value) => (typeof value === 'string' ? value : String(value['#text'] ?? '')));

/** The first of a repeated element, so an unexpected duplicate never breaks a field. */
export function first<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (Array.isArray(value) ? value[0] : value), schema);
}

/** A list whose members that do not fit `schema` are skipped (an odd `<link>` is not a bad entry). */
export function lenientList<T extends z.ZodType>(schema: T) {
  return z
    .array(z.unknown())
    .default([])
    .transform((values) =>
      values.flatMap((value) => {
        const parsed = schema.safeParse(value);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      }),
    );
}

/** A timestamp as ISO 8601 in UTC, or undefined when it is missing or not a date. */
export function isoTimestamp(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
