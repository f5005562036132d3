/**
 * @module writers/llm/config
 * Which writer writes the edition, and how the LLM writers reach their model: the config's
 * `writer` section (file or environment: `MORNING_POST_WRITER`, keys, base URL, budget, timeout,
 * prices, cache dir) made into one validated object. Every error names the variable to set.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../../config/load.js';
import type { Config } from '../../config/schema.js';
import { MorningPostError } from '../../core/errors.js';

type Env = Readonly<Record<string, string | undefined>>;

export const LLM_PROVIDERS = ['openai', 'anthropic', 'openai-compatible'] as const;
export const LlmProviderSchema = z.enum(LLM_PROVIDERS);
export type LlmProvider = z.infer<typeof LlmProviderSchema>;

const positiveInt = z.coerce.number().int().positive();

export const PricesSchema = z.object({
  /** USD per million input tokens. */
  input: z.number().nonnegative(),
  /** USD per million output tokens. */
  output: z.number().nonnegative(),
});
export type Prices = z.infer<typeof PricesSchema>;

export const LlmSettingsSchema = z.object({
  provider: LlmProviderSchema,
  model: z.string().min(1),
  /** Unset: read from OPENAI_API_KEY / ANTHROPIC_API_KEY when the writer is created. */
  apiKey: z.string().min(1).optional(),
  /** Required for openai-compatible; optional elsewhere (a proxy, or a test server). */
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Tokens (input + output) one edition may spend; unset means no limit. */
  maxTokens: positiveInt.optional(),
  timeoutMs: positiveInt.default(60_000),
  prices: PricesSchema.optional(),
  /** Where answers are cached; `off` disables the cache. */
  cacheDir: z.string().min(1),
});
export type LlmSettings = z.infer<typeof LlmSettingsSchema>;

export const WriterSettingsSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('newsroom') }),
  LlmSettingsSchema,
]);
export type WriterSettings = z.infer<typeof WriterSettingsSchema>;

export const DEFAULT_TIMEOUT_MS = 60_000;

/** Where each setting comes from, so a validation error can name the variable to fix. */
const VARIABLE_OF: Record<string, string> = {
  provider: 'MORNING_POST_WRITER',
  model: 'MORNING_POST_WRITER',
  baseUrl: 'OPENAI_BASE_URL',
  maxTokens: 'MORNING_POST_LLM_MAX_TOKENS',
  timeoutMs: 'MORNING_POST_LLM_TIMEOUT_MS',
  prices: 'MORNING_POST_LLM_PRICES',
  cacheDir: 'MORNING_POST_LLM_CACHE_DIR',
};

export interface LoadWriterSettingsOptions {
  /** The data directory the cache defaults into (`<dataDir>/llm-cache`). */
  dataDir?: string;
  /** The writer asked for on the command line (`--writer`); wins over `writer.use`. */
  spec?: string;
}

/**
 * The writer settings from the configuration (file and environment, `writer.*`), with the writer
 * asked for on the command line winning over `writer.use`. A model that needs a key it cannot find
 * is a CONFIG_INVALID error naming the variable, raised here rather than section by section later.
 */
export function writerSettings(config: Config, spec?: string): WriterSettings {
  const chosen = parseWriterSpec(spec?.trim() || config.writer.use);
  if (chosen.provider === 'newsroom') return { provider: 'newsroom' };
  const { writer } = config;
  const account = chosen.provider === 'anthropic' ? writer.anthropic : writer.openai;
  const raw = {
    provider: chosen.provider,
    model: chosen.model,
    apiKey: account.apiKey,
    baseUrl: account.baseUrl,
    maxTokens: writer.maxTokens,
    timeoutMs: writer.timeoutMs,
    prices: writer.prices,
    cacheDir: writer.cacheDir || join(config.dataDir, 'llm-cache'),
  };
  const parsed = LlmSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'provider');
    const baseUrlVariable = chosen.provider === 'anthropic' ? 'ANTHROPIC_BASE_URL' : 'OPENAI_BASE_URL';
    const variable = key === 'baseUrl' ? baseUrlVariable : (VARIABLE_OF[key] ?? key);
    throw new MorningPostError(
      'CONFIG_INVALID',
      `${variable} is not valid: ${issue?.message ?? 'invalid value'}.`,
      {
        hint: `Fix or unset ${variable}.`,
      },
    );
  }
  // The key is in the settings already (the environment's went through the config): none is read here.
  return { ...parsed.data, apiKey: resolveApiKey(parsed.data, {}) };
}

/** The writer settings from an environment alone, no config file (tests and tools). */
export function loadWriterSettings(
  env: Env = process.env,
  options: LoadWriterSettingsOptions = {},
): WriterSettings {
  const { config } = loadConfig({ env, file: false });
  return writerSettings(options.dataDir ? { ...config, dataDir: options.dataDir } : config, options.spec);
}

/** `newsroom`, `openai:MODEL`, `anthropic:MODEL` or `openai-compatible:MODEL`. */
export function parseWriterSpec(
  spec: string,
): { provider: 'newsroom' } | { provider: LlmProvider; model: string } {
  const text = spec.trim();
  if (text === 'newsroom') return { provider: 'newsroom' };
  const colon = text.indexOf(':');
  const provider = LlmProviderSchema.safeParse(colon > 0 ? text.slice(0, colon) : text);
  const model = colon > 0 ? text.slice(colon + 1).trim() : '';
  if (!provider.success || model === '') {
    throw new MorningPostError(
      'CONFIG_INVALID',
      `MORNING_POST_WRITER must be newsroom, openai:MODEL, anthropic:MODEL or openai-compatible:MODEL (got "${text}").`,
      {
        hint: 'For example MORNING_POST_WRITER=openai:gpt-4o-mini, or unset it for the built-in newsroom writer.',
      },
    );
  }
  return { provider: provider.data, model };
}

/** `input=0.15,output=0.60`: USD per million tokens. */
export function parsePrices(text: string | undefined): Prices | undefined {
  if (text === undefined) return undefined;
  const prices: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=').map((piece) => piece.trim());
    const number = Number(value);
    if (
      (name !== 'input' && name !== 'output') ||
      value === undefined ||
      value === '' ||
      !Number.isFinite(number) ||
      number < 0
    ) {
      throw new MorningPostError('CONFIG_INVALID', `MORNING_POST_LLM_PRICES is not valid: "${text}".`, {
        hint: 'Write the USD price per million tokens, e.g. MORNING_POST_LLM_PRICES=input=0.15,output=0.60.',
      });
    }
    prices[name] = number;
  }
  if (prices.input === undefined || prices.output === undefined) {
    throw new MorningPostError(
      'CONFIG_INVALID',
      `MORNING_POST_LLM_PRICES needs both input and output prices: "${text}".`,
      {
        hint: 'E.g. MORNING_POST_LLM_PRICES=input=0.15,output=0.60.',
      },
    );
  }
  return { input: prices.input, output: prices.output };
}

export function apiKeyVariable(provider: LlmProvider): string {
  return provider === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'OPENAI_API_KEY';
}

/**
 * The key from the settings, else from the environment. OpenAI and Anthropic need one; an
 * OpenAI-compatible server usually does not (Ollama, llama.cpp), but it needs its base URL.
 */
export function resolveApiKey(settings: LlmSettings, env: Env = process.env): string | undefined {
  const variable = apiKeyVariable(settings.provider);
  const key = settings.apiKey ?? read(env, variable);
  if (settings.provider === 'openai-compatible') {
    if (!settings.baseUrl) {
      throw new MorningPostError(
        'CONFIG_INVALID',
        'OPENAI_BASE_URL must be set for the openai-compatible writer.',
        {
          hint: 'Point it at the server, e.g. OPENAI_BASE_URL=http://localhost:11434/v1 for Ollama.',
        },
      );
    }
    return key;
  }
  if (!key) {
    throw new MorningPostError(
      'CONFIG_INVALID',
      `${variable} must be set for the ${settings.provider}:${settings.model} writer.`,
      {
        hint: `Set ${variable}, or MORNING_POST_WRITER=newsroom for the built-in writer.`,
      },
    );
  }
  return key;
}

export function writerName(settings: WriterSettings): string {
  return settings.provider === 'newsroom' ? 'newsroom' : `${settings.provider}:${settings.model}`;
}

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}
