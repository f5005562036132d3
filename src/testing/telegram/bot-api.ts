/**
 * @module testing/telegram/bot-api
 * A strict fake Telegram Bot API on a local port, for delivery tests that never touch the network.
 * `POST /bot<token>/sendMessage` and `getMe` answer in the real response shape and reject what the
 * real API rejects: an unknown token (401), an unknown chat, empty or over-long text, HTML that
 * Telegram cannot parse (see ./telegram-html.ts), a link that is not http(s) or tg:// (400), and,
 * past a configurable rate, 429 with `retry_after`. Like Telegram, it keeps only a message's first
 * 100 entities, silently; `entitiesDropped` tells tests. Tests can also queue failures (429, 5xx, a
 * dropped connection) for the next messages, and read every request and accepted message.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseTelegramHtml, type TelegramEntity } from './html.js';

export const FAKE_BOT_TOKEN = '123456:TEST-fake-bot-token';

export interface FakeChat {
  id: number;
  /** Without the `@`. */
  username?: string;
  title: string;
}

export interface FakeTelegramOptions {
  token?: string;
  chats?: FakeChat[];
  /** At most `max` messages per chat in any `windowSeconds`; beyond that, 429 with `retry_after`. */
  rateLimit?: { max: number; windowSeconds: number };
  /** Milliseconds since the epoch: message dates and the rate limit read it (tests pass a fixed clock). */
  now?: () => number;
}

export type InjectedFailure =
  | { status: 429; retryAfter: number }
  | { status: 400 | 401 | 403 | 500 | 502 | 503; description?: string }
  | { drop: true };

export interface AcceptedMessage {
  messageId: number;
  chatId: number;
  /** As sent (HTML when parse_mode is HTML). */
  html: string;
  /** What readers see: the text after entity parsing. */
  text: string;
  /** The entities Telegram keeps: the first 100. */
  entities: TelegramEntity[];
  /** Entities past the hundredth, which Telegram drops without an error. */
  entitiesDropped: number;
  parseMode: string | null;
  linkPreviewOptions: Record<string, unknown> | null;
}

export interface RecordedRequest {
  method: string;
  status: number;
  description: string | null;
  params: Record<string, unknown>;
}

export interface FakeTelegramApi {
  /** The Bot API base URL (`TELEGRAM_API_URL`), without a trailing slash. */
  url: string;
  token: string;
  chats: FakeChat[];
  messages: AcceptedMessage[];
  requests: RecordedRequest[];
  /** The next sendMessage calls fail like this, in order. */
  failNext(...failures: InjectedFailure[]): void;
  close(): Promise<void>;
}

export const MESSAGE_LIMIT = 4096;
export const ENTITY_LIMIT = 100;
const DEFAULT_CHAT: FakeChat = { id: -1001234567890, username: 'morningpost', title: 'The AI Morning Post' };

type Reply = { status: number; body: Record<string, unknown> };
const error = (status: number, description: string, parameters?: Record<string, unknown>): Reply => ({
  status,
  body: { ok: false, error_code: status, description, ...(parameters ? { parameters } : {}) },
});

export async function startFakeTelegramApi(options: FakeTelegramOptions = {}): Promise<FakeTelegramApi> {
  const token = options.token ?? FAKE_BOT_TOKEN;
  const chats = options.chats ?? [DEFAULT_CHAT];
  const now = options.now ?? Date.now;
  const messages: AcceptedMessage[] = [];
  const requests: RecordedRequest[] = [];
  const failures: InjectedFailure[] = [];
  const sentAt = new Map<number, number[]>();
  let nextId = 100;

  const findChat = (chatId: unknown): FakeChat | undefined => {
    const key = String(chatId ?? '').trim();
    if (key.startsWith('@'))
      return chats.find((chat) => chat.username?.toLowerCase() === key.slice(1).toLowerCase());
    return /^-?\d+$/.test(key) ? chats.find((chat) => String(chat.id) === key) : undefined;
  };

  const rateLimited = (chat: FakeChat): Reply | null => {
    if (!options.rateLimit) return null;
    const windowMs = options.rateLimit.windowSeconds * 1000;
    const recent = (sentAt.get(chat.id) ?? []).filter((time) => time > now() - windowMs);
    sentAt.set(chat.id, recent);
    if (recent.length < options.rateLimit.max) return null;
    const retryAfter = Math.max(1, Math.ceil(((recent[0] as number) + windowMs - now()) / 1000));
    return error(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
  };

  const sendMessage = (params: Record<string, unknown>): Reply => {
    if (params.chat_id === undefined || params.chat_id === '')
      return error(400, 'Bad Request: chat_id is empty');
    const chat = findChat(params.chat_id);
    if (!chat) return error(400, 'Bad Request: chat not found');
    const raw = params.text;
    if (typeof raw !== 'string' || raw.trim() === '') return error(400, 'Bad Request: message text is empty');
    const parseMode = typeof params.parse_mode === 'string' && params.parse_mode ? params.parse_mode : null;
    if (parseMode && parseMode.toLowerCase() !== 'html')
      return error(
        400,
        `Bad Request: unsupported parse_mode ${JSON.stringify(parseMode)} (the fake reads HTML)`,
      );
    const parsed = parseMode ? parseTelegramHtml(raw) : { ok: true as const, text: raw.trim(), entities: [] };
    if (!parsed.ok) return error(400, `Bad Request: can't parse entities: ${parsed.error}`);
    if (parsed.text === '') return error(400, 'Bad Request: message text is empty');
    if (parsed.text.length > MESSAGE_LIMIT) return error(400, 'Bad Request: message is too long');
    const preview = params.link_preview_options;
    if (preview !== undefined && (typeof preview !== 'object' || preview === null || Array.isArray(preview)))
      return error(400, "Bad Request: can't parse link preview options JSON object");
    const limited = rateLimited(chat);
    if (limited) return limited;
    sentAt.set(chat.id, [...(sentAt.get(chat.id) ?? []), now()]);
    const message: AcceptedMessage = {
      messageId: nextId++,
      chatId: chat.id,
      html: raw,
      text: parsed.text,
      entities: parsed.entities.slice(0, ENTITY_LIMIT),
      entitiesDropped: Math.max(0, parsed.entities.length - ENTITY_LIMIT),
      parseMode,
      linkPreviewOptions: (preview as Record<string, unknown> | undefined) ?? null,
    };
    messages.push(message);
    const { id, title, username } = chat;
    const result: Record<string, unknown> = {
      message_id: message.messageId,
      sender_chat: { id, title, ...(username ? { username } : {}), type: 'channel' },
      chat: { id, title, ...(username ? { username } : {}), type: 'channel' },
      date: Math.floor(now() / 1000),
      text: message.text,
    };
    if (message.entities.length > 0) result.entities = message.entities;
    return { status: 200, body: { ok: true, result } };
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://fake.telegram');
    const match = /^\/bot([^/]*)\/([A-Za-z]+)$/.exec(url.pathname);
    const method = match?.[2]?.toLowerCase() ?? '';
    let params: Record<string, unknown> = Object.fromEntries(url.searchParams);
    const body = await readBody(request);
    if (body) {
      const type = request.headers['content-type'] ?? '';
      if (type.startsWith('application/json')) {
        try {
          params = { ...params, ...(JSON.parse(body) as Record<string, unknown>) };
        } catch {
          return send(response, error(400, "Bad Request: can't parse JSON"));
        }
      } else params = { ...params, ...Object.fromEntries(new URLSearchParams(body)) };
      if (typeof params.link_preview_options === 'string') {
        try {
          params.link_preview_options = JSON.parse(params.link_preview_options);
        } catch {
          params.link_preview_options = null;
        }
      }
    }
    let reply: Reply;
    if (!match) reply = error(404, 'Not Found');
    else if (match[1] !== token) reply = error(401, 'Unauthorized');
    else if (method === 'getme')
      reply = {
        status: 200,
        body: {
          ok: true,
          result: {
            id: Number(token.split(':')[0]),
            is_bot: true,
            first_name: 'Morning Post',
            username: 'fake_bot',
          },
        },
      };
    else if (method === 'sendmessage') {
      const failure = failures.shift();
      if (failure && 'drop' in failure) {
        requests.push({ method, status: 0, description: 'connection dropped', params });
        request.socket.destroy();
        return;
      }
      if (failure?.status === 429)
        reply = error(429, `Too Many Requests: retry after ${failure.retryAfter}`, {
          retry_after: failure.retryAfter,
        });
      else if (failure)
        reply = error(failure.status, failure.description ?? defaultDescription(failure.status));
      else reply = sendMessage(params);
    } else reply = error(404, 'Not Found');
    requests.push({
      method: match ? (match[2] as string) : url.pathname,
      status: reply.status,
      description: typeof reply.body.description === 'string' ? reply.body.description : null,
      params,
    });
    send(response, reply);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((cause: unknown) => {
      response.statusCode = 500;
      response.end(String(cause));
    });
  });
  // Idle connections stay open longer than any pause between a test's requests: with Node's 5 s
  // default, a client reusing a socket the server has just closed fails with ECONNRESET.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    chats,
    messages,
    requests,
    failNext: (...next) => {
      failures.push(...next);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((cause) => (cause ? reject(cause) : resolve()));
      }),
  };
}

function defaultDescription(status: number): string {
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'Forbidden: bot is not a member of the channel chat';
  if (status === 400) return 'Bad Request: chat not found';
  if (status === 502) return 'Bad Gateway';
  return 'Internal Server Error';
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, reply: Reply): void {
  const body = JSON.stringify(reply.body);
  response.writeHead(reply.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
