import { describe, expect, it } from 'vitest';
import { MorningPostError } from '../../core/errors.js';
import {
  loadWriterSettings,
  parsePrices,
  parseWriterSpec,
  WriterSettingsSchema,
  writerName,
} from './config.js';

function configError(run: () => unknown): MorningPostError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MorningPostError);
    expect((error as MorningPostError).code).toBe('CONFIG_INVALID');
    return error as MorningPostError;
  }
  throw new Error('expected a CONFIG_INVALID error');
}

describe('MORNING_POST_WRITER', () => {
  it('takes the writer from --writer (the spec option) over MORNING_POST_WRITER, without writing the environment', () => {
    const env = { MORNING_POST_WRITER: 'newsroom', OPENAI_API_KEY: 'sk-x' };
    expect(loadWriterSettings(env, { spec: 'openai:gpt-4o-mini', dataDir: 'd' })).toMatchObject({
      provider: 'openai',
      model: 'gpt-4o-mini',
    });
    expect(env.MORNING_POST_WRITER).toBe('newsroom');
    expect(loadWriterSettings(env, { spec: '  ', dataDir: 'd' })).toEqual({ provider: 'newsroom' });
  });

  it('defaults to newsroom', () => {
    expect(loadWriterSettings({})).toEqual({ provider: 'newsroom' });
    expect(loadWriterSettings({ MORNING_POST_WRITER: ' newsroom ' })).toEqual({ provider: 'newsroom' });
  });

  it('reads provider:model, keeping colons inside the model name', () => {
    expect(parseWriterSpec('openai:gpt-4o-mini')).toEqual({ provider: 'openai', model: 'gpt-4o-mini' });
    expect(parseWriterSpec('anthropic:claude-haiku-4-5')).toEqual({
      provider: 'anthropic',
      model: 'claude-haiku-4-5',
    });
    expect(parseWriterSpec('openai-compatible:llama3.2:3b')).toEqual({
      provider: 'openai-compatible',
      model: 'llama3.2:3b',
    });
  });

  it.each(['gemini:pro', 'openai', 'openai:', 'newsroom:x', ''])(
    'rejects %j, naming the variable',
    (spec) => {
      expect(configError(() => parseWriterSpec(spec)).message).toContain('MORNING_POST_WRITER');
    },
  );
});

describe('loadWriterSettings', () => {
  it('fills defaults: 60 s timeout, no budget, cache under the data directory', () => {
    const settings = loadWriterSettings({
      MORNING_POST_WRITER: 'openai:gpt-4o-mini',
      OPENAI_API_KEY: 'sk-1',
    });
    expect(settings).toEqual({
      provider: 'openai',
      model: 'gpt-4o-mini',
      apiKey: 'sk-1',
      timeoutMs: 60_000,
      cacheDir: 'data/llm-cache',
    });
    expect(WriterSettingsSchema.parse(settings)).toEqual(settings);
    expect(writerName(settings)).toBe('openai:gpt-4o-mini');
  });

  it('reads every variable', () => {
    const settings = loadWriterSettings({
      MORNING_POST_WRITER: 'anthropic:claude-test',
      ANTHROPIC_API_KEY: 'ak-1',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9/',
      MORNING_POST_LLM_MAX_TOKENS: '20000',
      MORNING_POST_LLM_TIMEOUT_MS: '1500',
      MORNING_POST_LLM_PRICES: 'input=0.8, output=4',
      MORNING_POST_LLM_CACHE_DIR: '/tmp/cache',
    });
    expect(settings).toEqual({
      provider: 'anthropic',
      model: 'claude-test',
      apiKey: 'ak-1',
      baseUrl: 'http://127.0.0.1:9/',
      maxTokens: 20_000,
      timeoutMs: 1_500,
      prices: { input: 0.8, output: 4 },
      cacheDir: '/tmp/cache',
    });
  });

  it('puts the cache in MORNING_POST_DATA_DIR or the given data directory', () => {
    const env = { MORNING_POST_WRITER: 'openai:m', OPENAI_API_KEY: 'k', MORNING_POST_DATA_DIR: '/var/post' };
    expect(loadWriterSettings(env)).toMatchObject({ cacheDir: '/var/post/llm-cache' });
    expect(loadWriterSettings(env, { dataDir: '/srv' })).toMatchObject({ cacheDir: '/srv/llm-cache' });
  });

  it('a missing key names the variable to set', () => {
    expect(
      configError(() => loadWriterSettings({ MORNING_POST_WRITER: 'openai:gpt-4o-mini' })).message,
    ).toContain('OPENAI_API_KEY');
    // The other provider's key does not count.
    const anthropic = configError(() =>
      loadWriterSettings({ MORNING_POST_WRITER: 'anthropic:claude', OPENAI_API_KEY: 'k' }),
    );
    expect(anthropic.message).toContain('ANTHROPIC_API_KEY');
    expect(anthropic.hint).toContain('MORNING_POST_WRITER=newsroom');
  });

  it('openai-compatible needs OPENAI_BASE_URL but no key', () => {
    expect(
      configError(() => loadWriterSettings({ MORNING_POST_WRITER: 'openai-compatible:llama3' })).message,
    ).toContain('OPENAI_BASE_URL');
    expect(
      loadWriterSettings({
        MORNING_POST_WRITER: 'openai-compatible:llama3',
        OPENAI_BASE_URL: 'http://localhost:11434/v1',
      }),
    ).toMatchObject({
      provider: 'openai-compatible',
      baseUrl: 'http://localhost:11434/v1',
      apiKey: undefined,
    });
  });

  it.each([
    ['MORNING_POST_LLM_MAX_TOKENS', 'lots'],
    ['MORNING_POST_LLM_MAX_TOKENS', '-5'],
    ['MORNING_POST_LLM_TIMEOUT_MS', '0'],
    ['OPENAI_BASE_URL', 'ftp://example.com'],
    ['MORNING_POST_LLM_PRICES', 'input=cheap'],
    ['MORNING_POST_LLM_PRICES', 'input=0.1'],
    ['MORNING_POST_LLM_PRICES', 'input=0.1,output=0.2,extra=1'],
  ])('a bad %s (%j) is an error naming it', (variable, value) => {
    const error = configError(() =>
      loadWriterSettings({ MORNING_POST_WRITER: 'openai:m', OPENAI_API_KEY: 'k', [variable]: value }),
    );
    expect(error.message).toContain(variable);
  });

  it('parsePrices reads USD per million tokens', () => {
    expect(parsePrices('input=0.15,output=0.60')).toEqual({ input: 0.15, output: 0.6 });
    expect(parsePrices(undefined)).toBeUndefined();
  });
});
