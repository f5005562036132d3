import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writerSettings } from '../writers/llm/config.js';
import { loadConfig } from './load.js';
import { maskConfig } from './mask.js';

/** A folder with a config file holding `tree`. */
function withFile(tree: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'mp-writer-config-'));
  writeFileSync(join(dir, 'morning-post.config.json'), JSON.stringify(tree));
  return dir;
}

const FILE = {
  dataDir: '/srv/post',
  writer: {
    use: 'anthropic:claude-haiku-4-5',
    anthropic: { apiKey: 'sk-ant-from-the-file-000' },
    maxTokens: 40_000,
    prices: { input: 1, output: 5 },
  },
};

describe('writer settings are one part of the configuration', () => {
  it('come from the config file, like every other setting', () => {
    const { config, origins } = loadConfig({ env: {}, cwd: withFile(FILE) });
    expect(origins['writer.use']).toContain('morning-post.config.json');
    expect(writerSettings(config)).toEqual({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
      apiKey: 'sk-ant-from-the-file-000',
      maxTokens: 40_000,
      timeoutMs: 60_000,
      prices: { input: 1, output: 5 },
      cacheDir: '/srv/post/llm-cache',
    });
  });

  it('take the environment over the file, and --writer over both', () => {
    const env = {
      MORNING_POST_WRITER: 'openai:gpt-4o-mini',
      OPENAI_API_KEY: 'sk-env-1234567890',
      MORNING_POST_LLM_PRICES: 'input=0.15,output=0.6',
    };
    const { config, origins } = loadConfig({ env, cwd: withFile(FILE) });
    expect(origins['writer.use']).toBe('env MORNING_POST_WRITER');
    expect(writerSettings(config)).toMatchObject({
      provider: 'openai',
      apiKey: 'sk-env-1234567890',
      prices: { input: 0.15, output: 0.6 },
    });
    expect(writerSettings(config, 'anthropic:claude-x')).toMatchObject({
      provider: 'anthropic',
      apiKey: 'sk-ant-from-the-file-000',
    });
    expect(writerSettings(config, 'newsroom')).toEqual({ provider: 'newsroom' });
  });

  it('defaults to the newsroom writer with nothing set', () => {
    const { config } = loadConfig({ env: {}, file: false });
    expect(config.writer).toEqual({
      use: 'newsroom',
      openai: {},
      anthropic: {},
      timeoutMs: 60_000,
      cacheDir: '',
    });
    expect(writerSettings(config)).toEqual({ provider: 'newsroom' });
  });

  it('masks both providers keys for display', () => {
    const { config } = loadConfig({ env: { OPENAI_API_KEY: 'sk-openai-secret-value' }, cwd: withFile(FILE) });
    const shown = JSON.stringify(maskConfig(config));
    expect(shown).not.toContain('secret-value');
    expect(shown).not.toContain('from-the-file');
    expect(maskConfig(config).writer.use).toBe('anthropic:claude-haiku-4-5');
  });

  it('reject a bad file value naming the setting, and an unknown writer key naming it', () => {
    expect(() => loadConfig({ env: {}, cwd: withFile({ writer: { timeoutMs: 0 } }) })).toThrow(
      /writer\.timeoutMs/,
    );
    expect(() => loadConfig({ env: {}, cwd: withFile({ writer: { prices: { input: 1 } } }) })).toThrow(
      /writer\.prices/,
    );
    expect(() => loadConfig({ env: {}, cwd: withFile({ writer: { modle: 'x' } }) })).toThrow(/writer\.modle/);
    expect(() =>
      writerSettings(loadConfig({ env: {}, cwd: withFile({ writer: { use: 'gemini:pro' } }) }).config),
    ).toThrow(/MORNING_POST_WRITER must be newsroom/);
  });
});
