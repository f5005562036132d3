/**
 * @module writers/llm/cache
 * Answers kept on disk by a hash of the request (provider, base URL, model, prompts, schema,
 * answer length), so a re-run of the same plan costs nothing. One JSON file per answer; a damaged
 * file is a miss, and a cache that cannot be written only costs money, never the edition.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Completion, CompletionRequest } from './providers/provider.js';

export interface AnswerCache {
  get(key: string): Promise<Completion | undefined>;
  set(key: string, completion: Completion): Promise<void>;
}

const EntrySchema = z.object({
  version: z.literal(1),
  provider: z.string(),
  model: z.string(),
  json: z.unknown(),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  createdAt: z.string(),
});

/**
 * The key of a request: two servers (an `openai-compatible` Ollama and vLLM may both serve
 * "llama3") or two answer lengths never share an answer.
 */
export function cacheKey(provider: string, model: string, request: CompletionRequest, baseUrl = ''): string {
  const material = JSON.stringify({
    provider,
    model,
    baseUrl,
    maxOutputTokens: request.maxOutputTokens,
    system: request.system,
    user: request.user,
    schema: { name: request.schemaName, jsonSchema: request.jsonSchema },
  });
  return createHash('sha256').update(material).digest('hex');
}

export function fileCache(
  dir: string,
  meta: { provider: string; model: string; now: () => Date },
): AnswerCache {
  const path = (key: string) => join(dir, `${key}.json`);
  return {
    async get(key) {
      let text: string;
      try {
        text = await readFile(path(key), 'utf8');
      } catch {
        return undefined;
      }
      try {
        const entry = EntrySchema.parse(JSON.parse(text));
        return { json: entry.json, inputTokens: entry.inputTokens, outputTokens: entry.outputTokens };
      } catch {
        return undefined;
      }
    },
    async set(key, completion) {
      const entry = {
        version: 1,
        provider: meta.provider,
        model: meta.model,
        ...completion,
        createdAt: meta.now().toISOString(),
      };
      try {
        await mkdir(dir, { recursive: true });
        // Write then rename, so a crash never leaves half a file behind to be read as an answer.
        const temporary = `${path(key)}.${process.pid}.tmp`;
        await writeFile(temporary, `${JSON.stringify(entry, null, 2)}\n`);
        await rename(temporary, path(key));
      } catch {
        // A cache that cannot be written is not a reason to lose the section.
      }
    },
  };
}

export const noCache: AnswerCache = {
  get: async () => undefined,
  set: async () => undefined,
};
