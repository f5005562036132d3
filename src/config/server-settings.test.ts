import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { ConfigSchema } from './schema.js';
import { unknownKeys } from './unknown-keys.js';

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

describe('server.trustProxy', () => {
  it('is loopback by default and takes addresses, CIDR blocks, loopback and none', () => {
    expect(ConfigSchema.parse({}).server.trustProxy).toEqual(['loopback']);
    const list = ['10.0.0.0/8', '192.0.2.4', '2001:db8::/32', 'loopback'];
    expect(ConfigSchema.parse({ server: { trustProxy: list } }).server.trustProxy).toEqual(list);
    for (const wrong of [[], ['10.0.0.0/33'], ['proxy.example.com'], 'loopback'])
      expect(ConfigSchema.safeParse({ server: { trustProxy: wrong } }).success, String(wrong)).toBe(false);
  });

  it('is read from MORNING_POST_TRUST_PROXY as a comma-separated list, and a bad entry names the setting', () => {
    const { config } = loadConfig({ env: { MORNING_POST_TRUST_PROXY: '10.0.0.0/8, none' }, file: false });
    expect(config.server.trustProxy).toEqual(['10.0.0.0/8', 'none']);
    expect(() => loadConfig({ env: { MORNING_POST_TRUST_PROXY: '10.0.0.0/99' }, file: false })).toThrow(
      /MORNING_POST_TRUST_PROXY|trustProxy/,
    );
  });
});

describe('server.editionPollSeconds', () => {
  it('is 20 s by default, 0 turns it off, and it is read from MORNING_POST_EDITION_POLL_SECONDS', () => {
    expect(ConfigSchema.parse({}).server.editionPollSeconds).toBe(20);
    expect(ConfigSchema.parse({ server: { editionPollSeconds: 0 } }).server.editionPollSeconds).toBe(0);
    expect(ConfigSchema.safeParse({ server: { editionPollSeconds: -1 } }).success).toBe(false);
    const { config } = loadConfig({ env: { MORNING_POST_EDITION_POLL_SECONDS: '2' }, file: false });
    expect(config.server.editionPollSeconds).toBe(2);
  });
});

describe('server.api and server.apiRateLimit', () => {
  it('serve the API by default at 120 requests a minute per client; 0 sets no limit; off removes the API', () => {
    const defaults = ConfigSchema.parse({}).server;
    expect(defaults.api).toBe(true);
    expect(defaults.apiRateLimit).toBe(120);
    expect(ConfigSchema.parse({ server: { apiRateLimit: 0 } }).server.apiRateLimit).toBe(0);
    for (const wrong of [-1, 1.5, 'lots', 2_000_000])
      expect(ConfigSchema.safeParse({ server: { apiRateLimit: wrong } }).success, String(wrong)).toBe(false);
    const { config } = loadConfig({
      env: { MORNING_POST_API: 'off', MORNING_POST_API_RATE_LIMIT: '30' },
      file: false,
    });
    expect(config.server.api).toBe(false);
    expect(config.server.apiRateLimit).toBe(30);
  });

  it('are known keys of a config file, so a typo is named', () => {
    expect(unknownKeys({ server: { api: true, apiRateLimit: 10 } }, ConfigSchema)).toEqual([]);
    expect(unknownKeys({ server: { apiRateLimt: 5 } }, ConfigSchema)).toEqual([
      'server.apiRateLimt (did you mean server.apiRateLimit?)',
    ]);
  });
});
