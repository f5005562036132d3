/**
 * @module sources/validate
 * Each upstream item goes through a narrow zod schema; one bad item is dropped and counted,
 * never fatal. A response whose outer shape is wrong is an error for the whole request.
 */
import type { z } from 'zod';
import { MorningPostError } from '../core/errors.js';
import type { SourceReport } from './source.js';

export function parseEach<T>(
  schema: z.ZodType<T>,
  values: readonly unknown[],
  report: SourceReport,
  what: string,
): T[] {
  const kept: T[] = [];
  values.forEach((value, index) => {
    const parsed = schema.safeParse(value);
    if (parsed.success) kept.push(parsed.data);
    else report.drop(`${what} #${index + 1} dropped: ${summariseIssues(parsed.error)}`);
  });
  return kept;
}

export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new MorningPostError(
    'UPSTREAM_INVALID',
    `${what} has an unexpected shape: ${summariseIssues(parsed.error)}`,
    {
      hint: 'Upstream changed its response; record it with --record DIR and report it.',
    },
  );
}

export function summariseIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
