/**
 * What an edition spends: the token budget, prices, the answer cache (a re-run makes no HTTP
 * call), and an OpenAI-compatible server reached through OPENAI_BASE_URL without a key.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../core/clock.js';
import { MorningPostError } from '../../core/errors.js';
import type { EditionPlan } from '../../core/plan.js';
import { type EditionText, SECTION_IDS, type SectionText } from '../../core/text.js';
import { goodAnswer, scripted, sectionOf, withInventedNumber } from '../../testing/llm/answers.js';
import { startOpenAiServer } from '../../testing/llm/openai-server.js';
import type { ScriptedServer } from '../../testing/llm/script.js';
import { buildSeedPlan } from '../writer.case.js';
import { cacheKey } from './cache.js';
import { loadWriterSettings } from './config.js';
import { createWriter } from './index.js';
import { BUDGET_SPENT, createLlmWriter, MIN_OUTPUT_TOKENS } from './writer.js';

const KEY = 'sk-test-key';
let plan: EditionPlan;
let server: ScriptedServer | undefined;
const dirs: string[] = [];

beforeAll(async () => {
  plan = await buildSeedPlan();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const section = (text: EditionText, id: SectionText['id']) =>
  text.sections.find((s) => s.id === id) as SectionText;
const words = (text: EditionText) => text.sections.map(({ usage: _usage, ...rest }) => rest);

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'llm-cache-'));
  dirs.push(dir);
  return dir;
}

describe('token budget', () => {
  it('stops calling the model once the edition’s tokens reach the budget, and says so', async () => {
    server = await startOpenAiServer({ apiKey: KEY, respond: scripted(plan) });
    const writer = createLlmWriter({
      provider: 'openai',
      model: 'gpt-test',
      apiKey: KEY,
      baseUrl: server.baseUrl,
      timeoutMs: 5_000,
      cacheDir: 'off',
      // 200 tokens a call: 700, 500 and 300 left allow three calls; 100 left is under 256.
      maxTokens: 700,
    });
    const text = await writer.write(plan);
    expect(server.requests).toHaveLength(3);
    // Each call may answer with at most the tokens left.
    expect(server.requests.map((r) => r.body.max_completion_tokens)).toEqual([700, 500, 300]);
    const [first, second, third, ...rest] = SECTION_IDS;
    for (const id of [first, second, third])
      expect(section(text, id as SectionText['id']).writer).toBe('openai:gpt-test');
    for (const id of rest) {
      expect(section(text, id)).toMatchObject({ writer: 'newsroom', fallbackReason: BUDGET_SPENT });
      expect(section(text, id).usage).toBeUndefined();
    }
    expect(text.usage).toEqual({ inputTokens: 360, outputTokens: 240, llmCalls: 3 });
    expect(text.notes).toContain(
      'The LLM token budget (700 tokens) was spent after 3 calls; 6 sections were written by newsroom instead.',
    );
  });

  it('never passes the budget by more than the input tokens of one call', async () => {
    const input = 150;
    // A model that always writes as much as it is allowed.
    server = await startOpenAiServer({
      apiKey: KEY,
      respond: (exchange) => ({
        json: goodAnswer(plan, sectionOf(exchange)),
        inputTokens: input,
        outputTokens: Number(exchange.body.max_completion_tokens),
      }),
    });
    for (const maxTokens of [300, 2_500, 4_321, 9_000]) {
      const before = server.requests.length;
      const text = await createLlmWriter({
        provider: 'openai',
        model: 'gpt-test',
        apiKey: KEY,
        baseUrl: server.baseUrl,
        timeoutMs: 5_000,
        cacheDir: 'off',
        maxTokens,
      }).write(plan);
      const spent = text.usage.inputTokens + text.usage.outputTokens;
      expect(spent, String(maxTokens)).toBeLessThanOrEqual(maxTokens + input);
      for (const request of server.requests.slice(before))
        expect(Number(request.body.max_completion_tokens)).toBeGreaterThanOrEqual(MIN_OUTPUT_TOKENS);
      expect(text.sections.some((s) => s.fallbackReason === BUDGET_SPENT)).toBe(true);
    }
  });

  it('a regeneration that would pass the budget is not made', async () => {
    server = await startOpenAiServer({
      apiKey: KEY,
      respond: scripted(plan, [
        { json: withInventedNumber(goodAnswer(plan, 'lead')), inputTokens: 300, outputTokens: 100 },
      ]),
    });
    const writer = createLlmWriter({
      provider: 'openai',
      model: 'gpt-test',
      apiKey: KEY,
      baseUrl: server.baseUrl,
      timeoutMs: 5_000,
      cacheDir: 'off',
      maxTokens: 400,
    });
    const text = await writer.write(plan);
    expect(server.requests).toHaveLength(1);
    expect(section(text, 'lead').writer).toBe('newsroom');
    expect(section(text, 'lead').fallbackReason).toMatch(
      /^fact-check failed: .*; token budget spent before a second attempt$/,
    );
    expect(section(text, 'lead').usage).toEqual({ inputTokens: 300, outputTokens: 100, cached: false });
  });
});

describe('prices', () => {
  it('cost per section and per edition from MORNING_POST_LLM_PRICES', async () => {
    server = await startOpenAiServer({ apiKey: KEY, respond: scripted(plan) });
    const settings = loadWriterSettings({
      MORNING_POST_WRITER: 'openai:gpt-test',
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: server.baseUrl,
      MORNING_POST_LLM_PRICES: 'input=0.15,output=0.60',
      MORNING_POST_LLM_CACHE_DIR: 'off',
    });
    const text = await createWriter(settings).write(plan);
    // 120 × 0.15 + 80 × 0.60 = 66 USD per million calls' worth: 0.000066 a call.
    expect(section(text, 'lead').usage?.costUsd).toBeCloseTo(0.000066, 9);
    expect(text.usage.costUsd).toBeCloseTo(9 * 0.000066, 9);
  });
});

describe('answer cache', () => {
  it('a re-run of the same plan makes no HTTP call and writes the same text', async () => {
    const dir = tempDir();
    server = await startOpenAiServer({ apiKey: KEY, respond: scripted(plan) });
    const settings = {
      provider: 'openai',
      model: 'gpt-test',
      apiKey: KEY,
      baseUrl: server.baseUrl,
      timeoutMs: 5_000,
      cacheDir: dir,
    } as const;
    const clock = fixedClock('2026-08-23T07:00:00Z');
    const first = await createLlmWriter(settings, { clock }).write(plan);
    expect(server.requests).toHaveLength(9);
    expect(readdirSync(dir).filter((name) => name.endsWith('.json'))).toHaveLength(9);
    const entry = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0] as string), 'utf8'));
    expect(entry).toMatchObject({
      version: 1,
      provider: 'openai',
      model: 'gpt-test',
      inputTokens: 120,
      outputTokens: 80,
      createdAt: '2026-08-23T07:00:00.000Z',
    });

    const second = await createLlmWriter(settings, { clock }).write(plan);
    expect(server.requests).toHaveLength(9);
    expect(words(second)).toEqual(words(first));
    expect(second.usage).toEqual({ inputTokens: 0, outputTokens: 0, llmCalls: 0 });
    for (const s of second.sections)
      expect(s.usage, s.id).toEqual({ inputTokens: 0, outputTokens: 0, cached: true });
  });

  it('both attempts of a regenerated section are replayed; a damaged entry is asked again', async () => {
    const dir = tempDir();
    server = await startOpenAiServer({
      apiKey: KEY,
      respond: scripted(plan, [{ json: withInventedNumber(goodAnswer(plan, 'lead')) }]),
    });
    const settings = {
      provider: 'openai',
      model: 'gpt-test',
      apiKey: KEY,
      baseUrl: server.baseUrl,
      timeoutMs: 5_000,
      cacheDir: dir,
    } as const;
    const first = await createLlmWriter(settings).write(plan);
    expect(server.requests).toHaveLength(10);
    const second = await createLlmWriter(settings).write(plan);
    expect(server.requests).toHaveLength(10);
    expect(words(second)).toEqual(words(first));

    // The metrics section's answer: damaged, it is asked again and answered the same.
    const victim = readdirSync(dir).find((name) =>
      readFileSync(join(dir, name), 'utf8').includes('"trending-individual-share"'),
    ) as string;
    writeFileSync(join(dir, victim), '{ "version": 1, "json": ');
    const third = await createLlmWriter(settings).write(plan);
    expect(server.requests).toHaveLength(11);
    expect(words(third)).toEqual(words(first));
  });

  it('two servers with the same model name, or two answer lengths, do not share answers', async () => {
    const dir = tempDir();
    server = await startOpenAiServer({ apiKey: KEY, respond: scripted(plan) });
    const other = await startOpenAiServer({ apiKey: KEY, respond: scripted(plan) });
    try {
      const settings = {
        provider: 'openai-compatible',
        model: 'llama3',
        apiKey: KEY,
        baseUrl: server.baseUrl,
        timeoutMs: 5_000,
        cacheDir: dir,
      } as const;
      await createLlmWriter(settings).write(plan);
      await createLlmWriter({ ...settings, baseUrl: other.baseUrl }).write(plan);
      expect(server.requests).toHaveLength(9);
      expect(other.requests).toHaveLength(9);
      // The same server again: every answer is in the cache.
      await createLlmWriter(settings).write(plan);
      expect(server.requests).toHaveLength(9);
      // A budget that allows a shorter answer asks again.
      await createLlmWriter({ ...settings, maxTokens: 1_000 }).write(plan);
      expect(server.requests.length).toBeGreaterThan(9);
    } finally {
      await other.close();
    }
  });

  it('the cache key covers the base URL and the answer length', () => {
    const request = { system: 's', user: 'u', schemaName: 'x', jsonSchema: {}, maxOutputTokens: 2_000 };
    const key = cacheKey('openai-compatible', 'llama3', request, 'http://a:11434/v1');
    expect(cacheKey('openai-compatible', 'llama3', request, 'http://b:8000/v1')).not.toBe(key);
    expect(
      cacheKey('openai-compatible', 'llama3', { ...request, maxOutputTokens: 500 }, 'http://a:11434/v1'),
    ).not.toBe(key);
    expect(cacheKey('openai-compatible', 'llama3', { ...request }, 'http://a:11434/v1')).toBe(key);
  });

  it('a different model does not reuse another model’s answers', async () => {
    const dir = tempDir();
    server = await startOpenAiServer({ apiKey: KEY, respond: scripted(plan) });
    const settings = {
      provider: 'openai',
      model: 'gpt-test',
      apiKey: KEY,
      baseUrl: server.baseUrl,
      timeoutMs: 5_000,
      cacheDir: dir,
    } as const;
    await createLlmWriter(settings).write(plan);
    await createLlmWriter({ ...settings, model: 'gpt-other' }).write(plan);
    expect(server.requests).toHaveLength(18);
  });
});

describe('openai-compatible', () => {
  it('reaches the server at OPENAI_BASE_URL with no key and no Authorization header', async () => {
    server = await startOpenAiServer({ respond: scripted(plan) });
    const settings = loadWriterSettings({
      MORNING_POST_WRITER: 'openai-compatible:llama3.2',
      OPENAI_BASE_URL: server.baseUrl,
      MORNING_POST_LLM_CACHE_DIR: 'off',
    });
    const text = await createWriter(settings, { env: {} }).write(plan);
    expect(server.requests).toHaveLength(9);
    for (const request of server.requests) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.body.model).toBe('llama3.2');
      expect(request.body.max_tokens).toBeGreaterThan(0);
      expect(request.body.max_completion_tokens).toBeUndefined();
    }
    expect(text.writer).toBe('openai-compatible:llama3.2');
    expect(text.sections.every((s) => s.writer === 'openai-compatible:llama3.2')).toBe(true);
  });

  it('sends the key when one is set', async () => {
    server = await startOpenAiServer({ apiKey: 'local-key', respond: scripted(plan) });
    const settings = loadWriterSettings({
      MORNING_POST_WRITER: 'openai-compatible:qwen2.5',
      OPENAI_BASE_URL: server.baseUrl,
      OPENAI_API_KEY: 'local-key',
      MORNING_POST_LLM_CACHE_DIR: 'off',
    });
    const text = await createWriter(settings).write(plan);
    expect(server.rejected).toEqual([]);
    expect(section(text, 'lead').writer).toBe('openai-compatible:qwen2.5');
  });
});

describe('missing key', () => {
  it.each([
    ['openai', 'OPENAI_API_KEY'],
    ['anthropic', 'ANTHROPIC_API_KEY'],
  ] as const)('creating the %s writer without a key names %s', (provider, variable) => {
    const create = () =>
      createLlmWriter({ provider, model: 'm', timeoutMs: 1_000, cacheDir: 'off' }, { env: {} });
    expect(create).toThrow(MorningPostError);
    expect(create).toThrow(variable);
    try {
      create();
    } catch (error) {
      expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    }
  });

  it('the key is read from the environment when the settings have none', () => {
    const writer = createLlmWriter(
      { provider: 'anthropic', model: 'm', timeoutMs: 1_000, cacheDir: 'off' },
      { env: { ANTHROPIC_API_KEY: 'k' } },
    );
    expect(writer.name).toBe('anthropic:m');
  });
});

describe('an edition is never lost', () => {
  const settings = {
    provider: 'openai',
    model: 'gpt-test',
    apiKey: KEY,
    timeoutMs: 1_000,
    cacheDir: 'off',
  } as const;

  it('a cache that cannot be read or written costs calls, not sections', async () => {
    server = await startOpenAiServer({ apiKey: KEY, respond: scripted(plan) });
    const broken = {
      get: async () => {
        throw new Error('disk gone');
      },
      set: async () => {
        throw new Error('disk full');
      },
    };
    const text = await createLlmWriter({ ...settings, baseUrl: server.baseUrl }, { cache: broken }).write(
      plan,
    );
    expect(text.sections.every((s) => s.writer === 'openai:gpt-test')).toBe(true);
    expect(server.requests).toHaveLength(9);

    const unwritable = { get: async () => undefined, set: broken.set };
    const written = await createLlmWriter(
      { ...settings, baseUrl: server.baseUrl },
      { cache: unwritable },
    ).write(plan);
    expect(written.sections.every((s) => s.writer === 'openai:gpt-test')).toBe(true);
  });

  it('a provider that misbehaves in any way leaves newsroom sections, never a rejection', async () => {
    const provider = {
      provider: 'openai',
      model: 'gpt-test',
      complete: async () => ({
        get json(): unknown {
          throw new Error('answer vanished');
        },
        inputTokens: 1,
        outputTokens: 1,
      }),
    };
    const text = await createLlmWriter(settings, { provider }).write(plan);
    expect(text.sections.map((s) => s.fallbackReason)).toEqual(
      SECTION_IDS.map(() => 'LLM writer error: answer vanished'),
    );
    expect(text.sections.every((s) => s.writer === 'newsroom')).toBe(true);
  });
});
