/**
 * @module testing/llm/anthropic-server
 * A local server that speaks Anthropic's messages protocol strictly enough to catch a wrong
 * request: `POST /v1/messages` with `x-api-key`, `anthropic-version`, a model, `max_tokens`,
 * user messages, tools with an object `input_schema` and a `tool_choice` naming one of them.
 * Malformed requests get a 400 in Anthropic's error shape; good ones get the script's reply as
 * a message whose content is the forced tool call.
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

export interface AnthropicServerOptions {
  apiKey: string;
  respond: Responder;
}

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;

export async function startAnthropicServer(options: AnthropicServerOptions): Promise<ScriptedServer> {
  const requests: Exchange[] = [];
  const rejected: Array<{ status: number; message: string }> = [];
  let messages = 0;

  const error = (status: number, type: string, message: string): Answer => ({
    status,
    body: { type: 'error', error: { type, message } },
  });
  const reject = (status: number, type: string, message: string): Answer => {
    rejected.push({ status, message });
    return error(status, type, message);
  };

  const handle = (request: JsonRequest): Answer => {
    if (request.method !== 'POST' || request.path !== '/v1/messages') {
      return reject(404, 'not_found_error', `Not found: ${request.method} ${request.path}`);
    }
    if (request.headers['x-api-key'] !== options.apiKey)
      // Echoes what was sent (as a careless proxy might): the writer must keep it out of editions.
      return reject(
        401,
        'authentication_error',
        `invalid x-api-key: ${String(request.headers['x-api-key'])}`,
      );
    if (!request.headers['anthropic-version']) {
      return reject(400, 'invalid_request_error', 'anthropic-version: header is required');
    }
    const body = request.body;
    if (!isRecord(body)) return reject(400, 'invalid_request_error', 'Request body is not valid JSON.');
    const problem = requestProblem(body);
    if (problem) return reject(400, 'invalid_request_error', problem);

    const choice = body.tool_choice as { name: string };
    const turns = body.messages as Array<{ role: string; content: unknown }>;
    const exchange: Exchange = {
      index: requests.length,
      schemaName: choice.name,
      system: typeof body.system === 'string' ? body.system : '',
      user: turns
        .filter((turn) => turn.role === 'user')
        .map((turn) => (typeof turn.content === 'string' ? turn.content : JSON.stringify(turn.content)))
        .join('\n'),
      body,
      headers: request.headers,
    };
    requests.push(exchange);
    const reply = options.respond(exchange);
    if ('hang' in reply) return reply;
    if ('status' in reply) {
      const type =
        reply.status === 429 ? 'rate_limit_error' : reply.status === 529 ? 'overloaded_error' : 'api_error';
      const answer = error(reply.status, type, reply.message ?? `Scripted error ${reply.status}.`);
      return reply.headers && 'body' in answer ? { ...answer, headers: reply.headers } : answer;
    }
    messages += 1;
    const content =
      'json' in reply
        ? [{ type: 'tool_use', id: `toolu_test${messages}`, name: choice.name, input: reply.json }]
        : [{ type: 'text', text: reply.content }];
    return {
      status: 200,
      body: {
        id: `msg_test${messages}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content,
        stop_reason: 'json' in reply ? 'tool_use' : 'end_turn',
        stop_sequence: null,
        usage: {
          input_tokens: reply.inputTokens ?? DEFAULT_INPUT_TOKENS,
          output_tokens: reply.outputTokens ?? DEFAULT_OUTPUT_TOKENS,
        },
      },
    };
  };

  const server = await startJsonServer(handle);
  return { baseUrl: server.origin, requests, rejected, close: server.close };
}

function requestProblem(body: Record<string, unknown>): string | undefined {
  if (typeof body.model !== 'string' || body.model === '') return 'model: Field required';
  if (!Number.isInteger(body.max_tokens) || (body.max_tokens as number) < 1)
    return 'max_tokens: Field required';
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) {
    return 'system: Input should be a valid string';
  }
  const turns = body.messages;
  if (!Array.isArray(turns) || turns.length === 0) return 'messages: Field required';
  for (const [index, turn] of turns.entries()) {
    if (!isRecord(turn) || (turn.role !== 'user' && turn.role !== 'assistant')) {
      return `messages.${index}.role: Input should be 'user' or 'assistant'`;
    }
  }
  if (!isRecord(turns[0]) || turns[0].role !== 'user')
    return 'messages: first message must use the "user" role';
  const tools = body.tools;
  if (!Array.isArray(tools) || tools.length === 0) return 'tools: a tool is required for tool_choice';
  const names: string[] = [];
  for (const [index, tool] of tools.entries()) {
    if (!isRecord(tool) || typeof tool.name !== 'string' || !TOOL_NAME.test(tool.name)) {
      return `tools.${index}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`;
    }
    if (!isRecord(tool.input_schema) || tool.input_schema.type !== 'object') {
      return `tools.${index}.input_schema: input_schema must be a JSON schema of type 'object'`;
    }
    names.push(tool.name);
  }
  const choice = body.tool_choice;
  if (!isRecord(choice) || choice.type !== 'tool' || typeof choice.name !== 'string') {
    return "tool_choice: expected {type: 'tool', name}";
  }
  if (!names.includes(choice.name)) return `tool_choice.name: tool '${choice.name}' not found in tools`;
  return undefined;
}
