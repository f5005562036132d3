/**
 * @module config/unknown-keys
 * Keys of a config file that the schema does not know ("emial.smtpUrl"): zod would drop them
 * silently, so a typo would leave a setting at its default with no word said. Each is named, with
 * the nearest known key at the same level when one is close.
 */
import { z } from 'zod';

type Tree = Record<string, unknown>;

/** The object schema under defaults, optionals and pipes, if there is one. */
function objectOf(schema: z.ZodType): z.ZodObject | undefined {
  let current: z.ZodType = schema;
  for (let i = 0; i < 10; i++) {
    if (current instanceof z.ZodObject) return current;
    const def = (current as unknown as { _zod: { def: { innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
    const next = def.innerType ?? def.in;
    if (!next) return undefined;
    current = next;
  }
  return undefined;
}

const isTree = (value: unknown): value is Tree =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every key path of `tree` that `schema` does not describe, with a suggestion when one is close. */
export function unknownKeys(tree: Tree, schema: z.ZodType, prefix = ''): string[] {
  const object = objectOf(schema);
  if (!object) return [];
  const shape = object.shape as Record<string, z.ZodType>;
  const known = Object.keys(shape);
  const out: string[] = [];
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key}`;
    const child = shape[key];
    if (!child) {
      const near = nearest(key, known);
      out.push(near ? `${path} (did you mean ${prefix}${near}?)` : path);
      continue;
    }
    if (isTree(value)) out.push(...unknownKeys(value, child, `${path}.`));
  }
  return out;
}

function nearest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of known) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    previous = current;
  }
  return previous[b.length] ?? 0;
}
