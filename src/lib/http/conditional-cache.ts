/**
 * @module lib/http/conditional-cache
 * Remembers validators (ETag, Last-Modified) and bodies so a repeated request can be conditional
 * and a 304 answered from here. One JSON file per URL, named by its hash.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CachedResponse {
  url: string;
  etag?: string;
  lastModified?: string;
  body: string;
  headers: Record<string, string>;
  storedAt: string;
}

export interface ConditionalCache {
  get(url: string): Promise<CachedResponse | undefined>;
  set(entry: CachedResponse): Promise<void>;
}

export function memoryCache(): ConditionalCache {
  const entries = new Map<string, CachedResponse>();
  return {
    get: async (url) => entries.get(url),
    set: async (entry) => {
      entries.set(entry.url, entry);
    },
  };
}

export function fileCache(dir: string): ConditionalCache {
  const pathOf = (url: string) =>
    join(dir, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.json`);
  return {
    async get(url) {
      try {
        const entry = JSON.parse(await readFile(pathOf(url), 'utf8')) as CachedResponse;
        return entry.url === url && typeof entry.body === 'string' ? entry : undefined;
      } catch {
        return undefined; // a missing or corrupt entry only costs an unconditional request
      }
    },
    async set(entry) {
      await mkdir(dir, { recursive: true });
      const path = pathOf(entry.url);
      const temporary = `${path}.${randomUUID()}.tmp`;
      await writeFile(temporary, JSON.stringify(entry));
      await rename(temporary, path);
    },
  };
}
