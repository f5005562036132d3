/**
 * @module writers/llm/schemas
 * The shape of the model's answer for each kind of section, as zod schemas (to validate the
 * answer) and as JSON Schema (to ask for it). The JSON Schema stays inside what OpenAI's strict
 * structured outputs accept: every property required, no extra properties, optional text as
 * `string | null`, no string length keywords (emptiness is checked after validation instead).
 */
import { z } from 'zod';
import type { SectionKind, SectionScope } from './scope.js';

/** Paragraph counts per kind: lead 3–4, deep dive 4, opinion 2–3 (about 120 words). */
export const PARAGRAPHS: Record<Exclude<SectionKind, 'list'>, { min: number; max: number }> = {
  lead: { min: 3, max: 4 },
  deepDive: { min: 4, max: 4 },
  opinion: { min: 2, max: 3 },
};

export interface StoryAnswer {
  title: string;
  standfirst: string | null;
  paragraphs: string[];
}

export interface ListAnswer {
  intro: string;
  entries: Array<{ key: string; blurb: string }>;
}

export type SectionAnswer = { kind: 'story'; answer: StoryAnswer } | { kind: 'list'; answer: ListAnswer };

export interface SectionSchema {
  /** The structured-output name / tool name: `[a-zA-Z0-9_-]+`. */
  name: string;
  zod: z.ZodType<StoryAnswer> | z.ZodType<ListAnswer>;
  jsonSchema: Record<string, unknown>;
}

function storySchema(kind: Exclude<SectionKind, 'list'>): z.ZodType<StoryAnswer> {
  const { min, max } = PARAGRAPHS[kind];
  return z.object({
    title: z.string().describe('The headline: short, factual, no hype.'),
    // The lead's standfirst is the edition's: it must come from the same writer as the headline.
    standfirst:
      kind === 'opinion'
        ? z.string().nullable().describe('Null: opinion pieces have none.')
        : z.string().describe('One sentence under the headline.'),
    paragraphs: z
      .array(z.string())
      .min(min)
      .max(max)
      .describe(`The body: ${min === max ? min : `${min} to ${max}`} paragraphs of plain text.`),
  });
}

function listSchema(keys: readonly [string, ...string[]]): z.ZodType<ListAnswer> {
  return z.object({
    intro: z.string().describe('One short sentence introducing the section, or an empty string.'),
    entries: z
      .array(
        z.object({
          key: z.enum(keys).describe('The key of the line, exactly as given.'),
          blurb: z.string().describe('One line, at most 20 words, about this item only.'),
        }),
      )
      .min(keys.length)
      .max(keys.length)
      .describe('One entry per key given, in the order given.'),
  });
}

/** The schema for one section's answer; list schemas name the section's own keys. */
export function sectionSchema(scope: SectionScope): SectionSchema {
  const name = `${scope.id}_section`;
  if (scope.kind === 'list') {
    const [first, ...rest] = scope.entries.map((entry) => entry.key);
    const zod = listSchema([first ?? 'none', ...rest]);
    return { name, zod, jsonSchema: toJsonSchema(zod) };
  }
  const zod = storySchema(scope.kind);
  return { name, zod, jsonSchema: toJsonSchema(zod) };
}

function toJsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema) as Record<string, unknown>;
  return rest;
}

/**
 * What the model must not write: we add every link ourselves, and the text is printed as HTML and
 * Markdown, so a tag, a Markdown link or any URL in it (`javascript:…`, `data:…`, `https://…`, a
 * bare `example.com/x`) is a failed attempt, named so the one retry can drop it.
 */
const FORBIDDEN: ReadonlyArray<[RegExp, string]> = [
  [/<\/?[a-z!?][^>]*>?/i, 'an HTML tag'],
  [/\]\s*\(/, 'Markdown link syntax'],
  [/\b(?:javascript|vbscript)\s*:/i, 'a URL'],
  // "data: 8 of 12" is prose; "data:text/html" is a URL.
  [/\b(?:data|file|mailto|tel|ftp|https?|wss?|blob|about|ipfs|sms):(?=[^\s\d])/i, 'a URL'],
  [/\b[a-z][a-z\d+.-]*:\/\//i, 'a URL'],
  [/\bwww\./i, 'a URL'],
  [
    /\b[a-z\d-]+(?:\.[a-z\d-]+)*\.(?:com|org|net|io|co|ai|dev|app|xyz|info|me|ly|gg|so|sh|edu|gov)\b/i,
    'a URL',
  ],
];

/** The first markup or link in the answer's text, as a failure reason. */
export function markupIn(texts: readonly string[]): string | undefined {
  for (const text of texts) {
    for (const [pattern, what] of FORBIDDEN) {
      const found = pattern.exec(text);
      if (found) {
        return `the answer contains ${what} ("${found[0].slice(0, 40)}"): write plain prose without markup or links`;
      }
    }
  }
  return undefined;
}

/**
 * The validated answer, or the reason it is not one. Beyond the schema: no empty text, no markup
 * or links, and a list names every key exactly once.
 */
export function parseAnswer(
  scope: SectionScope,
  schema: SectionSchema,
  json: unknown,
): { ok: true; value: SectionAnswer } | { ok: false; reason: string } {
  const parsed = schema.zod.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, reason: `the answer did not match the schema${at}: ${issue?.message ?? 'invalid'}` };
  }
  const value = parsed.data;
  if ('entries' in value) {
    const keys = value.entries.map((entry) => entry.key);
    const missing = scope.entries.filter((entry) => !keys.includes(entry.key)).map((entry) => entry.key);
    if (missing.length > 0) return { ok: false, reason: `the answer left out ${missing.join(', ')}` };
    if (value.entries.some((entry) => entry.blurb.trim() === ''))
      return { ok: false, reason: 'a blurb was empty' };
    const markup = markupIn([value.intro, ...value.entries.map((entry) => entry.blurb)]);
    if (markup) return { ok: false, reason: markup };
    return { ok: true, value: { kind: 'list', answer: value } };
  }
  if (value.title.trim() === '' || value.paragraphs.some((paragraph) => paragraph.trim() === '')) {
    return { ok: false, reason: 'the title or a paragraph was empty' };
  }
  if (scope.kind !== 'opinion' && !value.standfirst?.trim())
    return { ok: false, reason: 'the standfirst was empty' };
  const markup = markupIn([value.title, value.standfirst ?? '', ...value.paragraphs]);
  if (markup) return { ok: false, reason: markup };
  return { ok: true, value: { kind: 'story', answer: value } };
}
