import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { ConfigSchema } from './schema.js';

describe('server.cacheMb', () => {
  it('is 64 MiB by default and takes a whole number of MiB, also as text from the environment', () => {
    expect(ConfigSchema.parse({}).server.cacheMb).toBe(64);
    expect(ConfigSchema.parse({ server: { cacheMb: '256' } }).server.cacheMb).toBe(256);
    for (const wrong of [0, -1, 1.5, 'lots'])
      expect(ConfigSchema.safeParse({ server: { cacheMb: wrong } }).success, String(wrong)).toBe(false);
  });

  it('is read from MORNING_POST_CACHE_MB', () => {
    const { config } = loadConfig({ env: { MORNING_POST_CACHE_MB: '16' }, file: false });
    expect(config.server.cacheMb).toBe(16);
  });
});
