/**
 * @module writers/llm/providers/openai
 * Chat completions with structured output (`response_format: json_schema`, strict), for OpenAI
 * and for any server that speaks its protocol (Ollama, vLLM, llama.cpp server, LM Studio) at
 * its own base URL. 429 and 5xx are retried by the SDK with backoff; the answer's JSON is parsed
 * here and anything else is an invalid answer.
 */
import OpenAI from 'openai';
import { type Completion, type Provider, ProviderError, withDeadline } from './provider.js';

export interface OpenAiProviderOptions {
  provider: 'openai' | 'openai-compatible';
  model: string;
  /** Unset for a compatible server that takes no key: no Authorization header is sent. */
  apiKey: string | undefined;
  baseUrl?: string | undefined;
  timeoutMs: number;
  maxRetries?: number;
  fetch?: typeof fetch;
}

export function createOpenAiProvider(options: OpenAiProviderOptions): Provider {
  const client = new OpenAI({
    // The SDK insists on a key; a key-less local server gets none sent (the header is removed below).
    apiKey: options.apiKey ?? 'no-key',
    ...(options.apiKey === undefined ? { defaultHeaders: { Authorization: null } } : {}),
    baseURL: options.baseUrl ?? null,
    // Explicit nulls keep the SDK from reading these from the environment.
    organization: null,
    project: null,
    adminAPIKey: null,
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries ?? 2,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return {
    provider: options.provider,
    model: options.model,
    complete: (request) =>
      withDeadline(options.timeoutMs, async (signal) => {
        const completion = await client.chat.completions.create(
          {
            model: options.model,
            messages: [
              { role: 'system', content: request.system },
              { role: 'user', content: request.user },
            ],
            response_format: {
              type: 'json_schema',
              json_schema: { name: request.schemaName, schema: request.jsonSchema, strict: true },
            },
            // Older compatible servers know only `max_tokens`; OpenAI's newer models only the other.
            ...(options.provider === 'openai'
              ? { max_completion_tokens: request.maxOutputTokens }
              : { max_tokens: request.maxOutputTokens }),
          },
          { signal },
        );
        return readCompletion(completion);
      }),
  };
}

function readCompletion(completion: OpenAI.Chat.Completions.ChatCompletion): Completion {
  const tokens = {
    input: completion.usage?.prompt_tokens ?? 0,
    output: completion.usage?.completion_tokens ?? 0,
  };
  const choice = completion.choices?.[0];
  const message = choice?.message;
  if (message?.refusal)
    throw new ProviderError('invalid', `the model refused: ${message.refusal.slice(0, 200)}`, tokens);
  if (choice?.finish_reason === 'length')
    throw new ProviderError('invalid', 'the answer was cut off at the token limit', tokens);
  const content = message?.content;
  if (typeof content !== 'string' || content.trim() === '') {
    throw new ProviderError('invalid', 'the answer had no content', tokens);
  }
  return { json: parseJson(content, tokens), inputTokens: tokens.input, outputTokens: tokens.output };
}

function parseJson(content: string, tokens: { input: number; output: number }): unknown {
  try {
    return JSON.parse(content);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProviderError('invalid', `the answer was not valid JSON (${reason})`, tokens);
  }
}
