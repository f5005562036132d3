import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './load.js';
import { maskConfig, maskDatabaseUrl } from './mask.js';

const emptyDir = () => mkdtempSync(join(tmpdir(), 'mp-config-'));

describe('configuration', () => {
  it('works with an empty environment: SQLite under ./data and public endpoints', () => {
    const { config, file } = loadConfig({ env: {}, cwd: emptyDir() });
    expect(file).toBeUndefined();
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('data');
    expect(config.endpoints).toEqual({
      huggingface: 'https://huggingface.co',
      githubServer: 'https://github.com',
      githubApi: 'https://api.github.com',
      arxiv: 'http://export.arxiv.org/api/query',
    });
    expect(config.source.hfModels.topN).toBe(100);
    expect(config.source.githubReleases.repos).toContain('huggingface/transformers');
  });

  it("reads each ecosystem's own variable names", () => {
    const { config, origins } = loadConfig({
      cwd: emptyDir(),
      env: {
        HF_ENDPOINT: 'https://hf-mirror.example',
        GITHUB_SERVER_URL: 'https://ghe.example',
        GITHUB_API_URL: 'https://ghe.example/api/v3',
        ARXIV_API_URL: 'https://arxiv.example/api/query',
        HF_TOKEN: 'hf_abcdefghijklmnop',
        GITHUB_TOKEN: 'ghp_abcdefghijklmnop',
        MORNING_POST_GITHUB_LANGUAGES: 'python, rust',
        MORNING_POST_HF_TOP_N: '25',
      },
    });
    expect(config.endpoints.huggingface).toBe('https://hf-mirror.example');
    expect(config.endpoints.githubApi).toBe('https://ghe.example/api/v3');
    expect(config.source.githubTrending.languages).toEqual(['python', 'rust']);
    expect(config.source.hfModels.topN).toBe(25);
    expect(origins['tokens.github']).toBe('env GITHUB_TOKEN');
  });

  it('validates the edition time zone', () => {
    expect(
      loadConfig({ cwd: emptyDir(), env: { MORNING_POST_TZ: 'Europe/Berlin' } }).config.edition.timeZone,
    ).toBe('Europe/Berlin');
    expect(() => loadConfig({ cwd: emptyDir(), env: { MORNING_POST_TZ: 'Mars/Olympus' } })).toThrow(
      /edition\.timeZone: must be an IANA time zone/,
    );
  });

  it('lets the environment override the config file', () => {
    const dir = emptyDir();
    writeFileSync(
      join(dir, 'morning-post.config.json'),
      JSON.stringify({ dataDir: 'from-file', source: { hfModels: { topN: 10 } } }),
    );
    const { config, file } = loadConfig({ cwd: dir, env: { MORNING_POST_DATA_DIR: 'from-env' } });
    expect(file).toBe(join(dir, 'morning-post.config.json'));
    expect(config.dataDir).toBe('from-env');
    expect(config.source.hfModels.topN).toBe(10);
    expect(config.source.hfDatasets.topN).toBe(50);
  });

  it('writes each default once: setting a value to its default changes nothing else', () => {
    const plain = loadConfig({ cwd: emptyDir(), env: {} }).config;
    const same = loadConfig({ cwd: emptyDir(), env: { MORNING_POST_NEW_MODELS_DAYS: '7' } }).config;
    expect(same.source.hfNewModels).toEqual(plain.source.hfNewModels);
    expect(plain.source.hfNewModels.pageCap).toBe(80);
    expect(same).toEqual(plain);
  });

  it('refuses a config file with keys it does not know, suggesting the near one', () => {
    const dir = emptyDir();
    writeFileSync(
      join(dir, 'morning-post.config.json'),
      JSON.stringify({ emial: { smtpUrl: 'smtp://x' }, edition: { timezone: 'Asia/Tokyo' } }),
    );
    expect(() => loadConfig({ cwd: dir, env: {} })).toThrow(
      /keys the Post does not know: emial \(did you mean email\?\), edition\.timezone \(did you mean edition\.timeZone\?\)/,
    );
    writeFileSync(join(dir, 'morning-post.config.json'), JSON.stringify({ zzz: 1 }));
    expect(() => loadConfig({ cwd: dir, env: {} })).toThrow(/a key the Post does not know: zzz\./);
    // Known keys, nested or not, pass.
    writeFileSync(
      join(dir, 'morning-post.config.json'),
      JSON.stringify({ email: { smtpUrl: 'smtp://localhost:25' }, source: { hfModels: { topN: 5 } } }),
    );
    expect(loadConfig({ cwd: dir, env: {} }).config.source.hfModels.topN).toBe(5);
  });

  it('names the setting and the variable in validation errors', () => {
    expect(() =>
      loadConfig({ cwd: emptyDir(), env: { HF_ENDPOINT: 'not a url', MORNING_POST_HF_TOP_N: '-3' } }),
    ).toThrow(
      /endpoints\.huggingface: .*\(from env HF_ENDPOINT\)[\s\S]*source\.hfModels\.topN: .*\(from env MORNING_POST_HF_TOP_N\)/,
    );
    expect(() => loadConfig({ cwd: emptyDir(), env: { DATABASE_URL: 'mysql://x' } })).toThrow(
      /databaseUrl: must start with postgres/,
    );
  });

  it('rejects a config file that is not JSON, or missing', () => {
    const dir = emptyDir();
    writeFileSync(join(dir, 'bad.json'), '{ dataDir: ');
    expect(() => loadConfig({ cwd: dir, env: {}, file: 'bad.json' })).toThrow(/is not valid JSON/);
    expect(() => loadConfig({ cwd: dir, env: { MORNING_POST_CONFIG: 'missing.json' } })).toThrow(
      /Config file not found/,
    );
  });

  it('masks secrets for display', () => {
    const { config } = loadConfig({
      cwd: emptyDir(),
      env: {
        GITHUB_TOKEN: 'ghp_abcdefghijklmnop',
        DATABASE_URL: 'postgres://me:s3cret@db.example:5432/post',
      },
    });
    const shown = JSON.stringify(maskConfig(config));
    expect(shown).not.toContain('abcdefghijklmnop');
    expect(shown).not.toContain('s3cret');
    expect(maskDatabaseUrl('postgres://me:s3cret@db.example:5432/post')).toBe(
      'postgres://me:****@db.example:5432/post',
    );
  });
});

describe('the public address', () => {
  it('follows the port when no address is set, and is left alone when one is', () => {
    expect(loadConfig({ env: { PORT: '3000' }, file: false }).config.site.url).toBe('http://localhost:3000');
    expect(loadConfig({ env: {}, file: false }).config.site.url).toBe('http://localhost:8080');
    // Port 0 (any free port) has no address to print before it is bound.
    expect(loadConfig({ env: { PORT: '0' }, file: false }).config.site.url).toBe('http://localhost:8080');
    const set = { PORT: '3000', MORNING_POST_URL: 'https://post.example.org' };
    expect(loadConfig({ env: set, file: false }).config.site.url).toBe('https://post.example.org');
  });
});
