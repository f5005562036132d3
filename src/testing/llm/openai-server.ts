/**
 * @module testing/llm/openai-server
 * A local server that speaks OpenAI's chat-completions protocol strictly enough to catch a
 * wrong request: `POST /v1/chat/completions` with a Bearer key (when one is set), a model,
 * system/user messages and a strict `json_schema` response format whose schema OpenAI would
 * accept (objects closed, every property required). Malformed requests get a 400 with an
 * OpenAI-style error body; good ones get the script's reply as a `chat.completion`.
 */
import type { Answer, JsonRequest } from './http-server.js';
import { startJsonServer } from './http-server.js';
import {
  DEFAULT_INPUT_TOKENS,
  DEFAULT_OUTPUT_TOKENS,
  type Exchange,
  isRecord,
  type Responder,
  type ScriptedServer,
} from './script.js';

export interface OpenAiServerOptions {
  /** The key clients must send as `Authorization: Bearer …`; unset: no key is checked (a local server). */
  apiKey?: string;
  respond: Responder;
}

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
const NAME = /^[a-zA-Z0-9_-]{1,64}$/;

export async function startOpenAiServer(options: OpenAiServerOptions): Promise<ScriptedServer> {
  const requests: Exchange[] = [];
  const rejected: Array<{ status: number; message: string }> = [];
  let completions = 0;

  const reject = (
    status: number,
    message: string,
    type = 'invalid_request_error',
    code: string | null = null,
  ): Answer => {
    rejected.push({ status, message });
    return { status, body: { error: { message, type, param: null, code } } };
  };

  const handle = (request: JsonRequest): Answer => {
    if (request.method !== 'POST' || request.path !== '/v1/chat/completions') {
      return reject(
        404,
        `Unknown request URL: ${request.method} ${request.path}.`,
        'invalid_request_error',
        'unknown_url',
      );
    }
    if (options.apiKey !== undefined && request.headers.authorization !== `Bearer ${options.apiKey}`) {
      // Echoes what was sent, as some compatible servers do: the writer must keep it out of editions.
      const sent = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
      return reject(401, `Incorrect API key provided: ${sent}.`, 'invalid_request_error', 'invalid_api_key');
    }
    const body = request.body;
    if (!isRecord(body)) return reject(400, 'We could not parse the JSON body of your request.');
    const problem = requestProblem(body);
    if (problem) return reject(400, problem);

    const messages = body.messages as Array<{ role: string; content: string }>;
    const format = (body.response_format as { json_schema: { name: string } }).json_schema;
    const exchange: Exchange = {
      index: requests.length,
      schemaName: format.name,
      system: messages
        .filter((m) => m.role === 'system')
        .map((m) => m.content)
        .join('\n'),
      user: messages
        .filter((m) => m.role === 'user')
        .map((m) => m.content)
        .join('\n'),
      body,
      headers: request.headers,
    };
    requests.push(exchange);
    const reply = options.respond(exchange);
    if ('hang' in reply) return reply;
    if ('status' in reply) {
      const type = reply.status === 429 ? 'rate_limit_exceeded' : 'server_error';
      return {
        status: reply.status,
        body: {
          error: {
            message: reply.message ?? `Scripted error ${reply.status}.`,
            type,
            param: null,
            code: null,
          },
        },
        ...(reply.headers ? { headers: reply.headers } : {}),
      };
    }
    const content = 'json' in reply ? JSON.stringify(reply.json) : reply.content;
    const promptTokens = reply.inputTokens ?? DEFAULT_INPUT_TOKENS;
    const completionTokens = reply.outputTokens ?? DEFAULT_OUTPUT_TOKENS;
    completions += 1;
    return {
      status: 200,
      body: {
        id: `chatcmpl-test${completions}`,
        object: 'chat.completion',
        created: 1_787_400_000 + completions,
        model: body.model,
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content, refusal: null },
            logprobs: null,
            finish_reason: 'stop',
          },
        ],
        usage: {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        },
      },
    };
  };

  const server = await startJsonServer(handle);
  return { baseUrl: `${server.origin}/v1`, requests, rejected, close: server.close };
}

/** What a real OpenAI endpoint would turn away with a 400, for the parts of a request we use. */
function requestProblem(body: Record<string, unknown>): string | undefined {
  if (typeof body.model !== 'string' || body.model === '') return "Missing required parameter: 'model'.";
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) return "Missing required parameter: 'messages'.";
  for (const [index, message] of messages.entries()) {
    if (!isRecord(message) || typeof message.role !== 'string' || !ROLES.has(message.role)) {
      return `Invalid value for 'messages[${index}].role'.`;
    }
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) {
      return `Invalid type for 'messages[${index}].content'.`;
    }
  }
  if (!messages.some((message) => isRecord(message) && message.role === 'user'))
    return 'A user message is required.';
  const format = body.response_format;
  if (!isRecord(format) || format.type !== 'json_schema')
    return "Invalid value for 'response_format.type': expected 'json_schema'.";
  const spec = format.json_schema;
  if (!isRecord(spec) || typeof spec.name !== 'string' || !NAME.test(spec.name)) {
    return "Invalid 'response_format.json_schema.name': must match ^[a-zA-Z0-9_-]{1,64}$.";
  }
  if (!isRecord(spec.schema)) return "Missing required parameter: 'response_format.json_schema.schema'.";
  if (spec.strict === true) {
    const strictProblem = strictSchemaProblem(spec.schema, 'schema');
    if (strictProblem) return `Invalid schema for response_format '${spec.name}': ${strictProblem}`;
  }
  for (const field of ['max_tokens', 'max_completion_tokens']) {
    const value = body[field];
    if (value !== undefined && (!Number.isInteger(value) || (value as number) < 1))
      return `Invalid value for '${field}'.`;
  }
  return undefined;
}

/** Structured outputs' strict mode: a root object, closed objects, every property required. */
function strictSchemaProblem(schema: Record<string, unknown>, at: string): string | undefined {
  if (at === 'schema' && schema.type !== 'object') return 'the root must be an object.';
  if (schema.type === 'object') {
    if (schema.additionalProperties !== false)
      return `In context=(${at}), 'additionalProperties' is required to be supplied and to be false.`;
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const key of Object.keys(properties)) {
      if (!required.includes(key))
        return `In context=(${at}), 'required' is required to include every property; missing '${key}'.`;
    }
    for (const [key, child] of Object.entries(properties)) {
      if (isRecord(child)) {
        const problem = strictSchemaProblem(child, `${at}.${key}`);
        if (problem) return problem;
      }
    }
  }
  if (isRecord(schema.items)) return strictSchemaProblem(schema.items, `${at}.items`);
  for (const keyword of ['minLength', 'maxLength']) {
    if (keyword in schema) return `In context=(${at}), '${keyword}' is not permitted.`;
  }
  return undefined;
}
