/**
 * @module writers/llm/config
 * Which writer writes the edition, and how the LLM writers reach their model: parsed from the
 * environment (`MORNING_POST_WRITER`, keys, base URL, budget, timeout, prices, cache dir) into one
 * validated object. Every error names the variable to set.
 */
import { join } from 'node:path';
import { z } from 'zod';
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
  /** The data directory the cache defaults into (`<dataDir>/llm-cache`); else MORNING_POST_DATA_DIR, else `data`. */
  dataDir?: string;
  /** The writer asked for on the command line (`--writer`); wins over MORNING_POST_WRITER. */
  spec?: string;
}

/**
 * Reads the writer settings from the environment. A model that needs a key it cannot find is a
 * CONFIG_INVALID error naming the variable, raised here rather than section by section later.
 */
export function loadWriterSettings(
  env: Env = process.env,
  options: LoadWriterSettingsOptions = {},
): WriterSettings {
  const spec = parseWriterSpec(options.spec?.trim() || (read(env, 'MORNING_POST_WRITER') ?? 'newsroom'));
  if (spec.provider === 'newsroom') return { provider: 'newsroom' };

  const baseUrlVariable = spec.provider === 'anthropic' ? 'ANTHROPIC_BASE_URL' : 'OPENAI_BASE_URL';
  const dataDir = options.dataDir ?? read(env, 'MORNING_POST_DATA_DIR') ?? 'data';
  const raw = {
    provider: spec.provider,
    model: spec.model,
    apiKey: read(env, apiKeyVariable(spec.provider)),
    baseUrl: read(env, baseUrlVariable),
    maxTokens: read(env, 'MORNING_POST_LLM_MAX_TOKENS'),
    timeoutMs: read(env, 'MORNING_POST_LLM_TIMEOUT_MS'),
    prices: parsePrices(read(env, 'MORNING_POST_LLM_PRICES')),
    cacheDir: read(env, 'MORNING_POST_LLM_CACHE_DIR') ?? join(dataDir, 'llm-cache'),
  };
  const parsed = LlmSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue?.path[0] ?? 'provider');
    const variable = key === 'baseUrl' ? baseUrlVariable : (VARIABLE_OF[key] ?? key);
    throw new MorningPostError(
      'CONFIG_INVALID',
      `${variable} is not valid: ${issue?.message ?? 'invalid value'}.`,
      {
        hint: `Fix or unset ${variable}.`,
      },
    );
  }
  return { ...parsed.data, apiKey: resolveApiKey(parsed.data, env) };
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
