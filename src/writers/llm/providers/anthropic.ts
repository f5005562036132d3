/**
 * @module writers/llm/providers/anthropic
 * Anthropic messages with one tool whose input schema is the section's schema, and a tool
 * choice that forces it: the tool call's input is the structured answer. 429 and 5xx (and 529
 * overloaded) are retried by the SDK with backoff.
 */
import Anthropic from '@anthropic-ai/sdk';
import { type Completion, type Provider, ProviderError, withDeadline } from './provider.js';

export interface AnthropicProviderOptions {
  model: string;
  apiKey: string;
  baseUrl?: string | undefined;
  timeoutMs: number;
  maxRetries?: number;
  fetch?: typeof fetch;
}

export function createAnthropicProvider(options: AnthropicProviderOptions): Provider {
  const client = new Anthropic({
    apiKey: options.apiKey,
    // This SDK sends the key as a Bearer token; the messages API documents `x-api-key`, so the
    // key goes there, once.
    defaultHeaders: { 'x-api-key': options.apiKey, Authorization: null },
    // Explicit, so the SDK never picks a base URL up from the environment behind our back.
    baseURL: options.baseUrl ?? 'https://api.anthropic.com',
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries ?? 2,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return {
    provider: 'anthropic',
    model: options.model,
    complete: (request) =>
      withDeadline(options.timeoutMs, async (signal) => {
        const message = await client.messages.create(
          {
            model: options.model,
            max_tokens: request.maxOutputTokens,
            system: request.system,
            messages: [{ role: 'user', content: request.user }],
            tools: [
              {
                name: request.schemaName,
                description: 'Hand in the section, written as the instructions say.',
                input_schema: { type: 'object', ...request.jsonSchema },
              },
            ],
            tool_choice: { type: 'tool', name: request.schemaName },
          },
          { signal },
        );
        return readMessage(message, request.schemaName);
      }),
  };
}

function readMessage(message: Anthropic.Messages.Message, toolName: string): Completion {
  const tokens = { input: message.usage?.input_tokens ?? 0, output: message.usage?.output_tokens ?? 0 };
  if (message.stop_reason === 'max_tokens') {
    throw new ProviderError('invalid', 'the answer was cut off at the token limit', tokens);
  }
  const call = message.content?.find((block) => block.type === 'tool_use' && block.name === toolName);
  if (call?.type !== 'tool_use')
    throw new ProviderError('invalid', `the answer did not call ${toolName}`, tokens);
  if (typeof call.input !== 'object' || call.input === null) {
    throw new ProviderError('invalid', 'the tool call had no input object', tokens);
  }
  return { json: call.input, inputTokens: tokens.input, outputTokens: tokens.output };
}
