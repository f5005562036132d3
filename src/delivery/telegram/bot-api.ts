/**
 * @module delivery/telegram/bot-api
 * One Bot API call, `sendMessage`, with Telegram's own retry rules: a 429 says how many seconds to
 * wait (`parameters.retry_after`), a 5xx or a dropped connection is worth a few tries with backoff,
 * and anything else (a wrong token, a chat the bot cannot post to, text Telegram cannot parse) will
 * not get better by trying again. The token is part of every request path, so every message that
 * leaves this module has it redacted.
 */
import { z } from 'zod';
import { describeError, MorningPostError } from '../../core/errors.js';

export interface BotApi {
  apiUrl: string;
  token: string;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  timeoutMs?: number;
  /** Tries after a 5xx or a network failure (each waits twice as long as the one before). */
  retries?: number;
  /** A 429 asking for a longer wait than this is reported instead of waited out. */
  maxRetryAfterMs?: number;
}

export interface SendMessageParams {
  chat_id: string;
  text: string;
  parse_mode: 'HTML';
  link_preview_options: { is_disabled: true } | { url: string; prefer_small_media?: boolean };
}

const ResponseSchema = z.object({
  ok: z.boolean(),
  result: z.object({ message_id: z.number().int() }).optional(),
  error_code: z.number().int().optional(),
  description: z.string().optional(),
  parameters: z.object({ retry_after: z.number().optional() }).optional(),
});

const RATE_LIMIT_TRIES = 5;
const BACKOFF_MS = 1000;

/** The token and any `/bot…/` path segment replaced, so no message or log can leak the token. */
export function redactToken(text: string, token: string): string {
  const withoutToken = token ? text.split(token).join('<token>') : text;
  return withoutToken.replace(/\/bot[^/\s]+\//g, '/bot<token>/');
}

type Attempt =
  | { kind: 'sent'; messageId: number }
  | { kind: 'wait'; ms: number; reason: string }
  | { kind: 'retry'; reason: string }
  | { kind: 'stop'; error: MorningPostError };

/**
 * Sends one message and returns its id; `onRetry` hears of each wait before another try. Throws a
 * MorningPostError: `retryable` when waiting longer could help (5xx, network, a long 429).
 */
export async function sendMessage(
  api: BotApi,
  params: SendMessageParams,
  onRetry: (retry: { reason: string; waitMs: number }) => void = () => {},
): Promise<number> {
  let failures = 0;
  let rateLimits = 0;
  for (;;) {
    const attempt = await attemptSend(api, params);
    if (attempt.kind === 'sent') return attempt.messageId;
    if (attempt.kind === 'stop') throw attempt.error;
    const rateLimited = attempt.kind === 'wait';
    const exhausted = rateLimited
      ? ++rateLimits >= RATE_LIMIT_TRIES || attempt.ms > (api.maxRetryAfterMs ?? 600_000)
      : ++failures > (api.retries ?? 3);
    if (exhausted)
      throw new MorningPostError(
        rateLimited ? 'HTTP_RATE_LIMITED' : 'HTTP_NETWORK',
        `Telegram sendMessage failed: ${attempt.reason}`,
        { retryable: true, hint: 'The post resumes from the next unsent message when delivery runs again.' },
      );
    const waitMs = rateLimited ? attempt.ms : BACKOFF_MS * 2 ** (failures - 1);
    onRetry({ reason: attempt.reason, waitMs });
    await api.sleep(waitMs);
  }
}

async function attemptSend(api: BotApi, params: SendMessageParams): Promise<Attempt> {
  const redact = (text: string) => redactToken(text, api.token);
  let response: Response;
  let body: string;
  try {
    response = await api.fetch(`${api.apiUrl.replace(/\/+$/, '')}/bot${api.token}/sendMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(params),
      signal: AbortSignal.timeout(api.timeoutMs ?? 20_000),
    });
    body = await response.text();
  } catch (cause) {
    const reason = redact(describeError(cause) + causeDetail(cause));
    return { kind: 'retry', reason: `no answer (${reason})` };
  }
  const parsed = ResponseSchema.safeParse(safeJson(body));
  const data = parsed.success ? parsed.data : undefined;
  if (response.ok && data?.ok && data.result) return { kind: 'sent', messageId: data.result.message_id };
  const description = redact(data?.description ?? (body.slice(0, 200) || response.statusText));
  const reason = `${response.status} ${description}`;
  if (response.status === 429) {
    const seconds = data?.parameters?.retry_after ?? 1;
    return { kind: 'wait', ms: Math.max(0, seconds) * 1000, reason };
  }
  if (response.status >= 500) return { kind: 'retry', reason };
  return { kind: 'stop', error: stopError(response.status, description) };
}

function stopError(status: number, description: string): MorningPostError {
  const message = `Telegram refused the post: ${status} ${description}`;
  if (status === 401 || status === 404)
    return new MorningPostError('CONFIG_INVALID', message, {
      hint: 'Check TELEGRAM_BOT_TOKEN (telegram.botToken): it must be the token @BotFather gave the bot, and TELEGRAM_API_URL the Bot API server.',
    });
  if (status === 403 || /chat not found/i.test(description))
    return new MorningPostError('CONFIG_INVALID', message, {
      hint: 'Check TELEGRAM_CHANNEL (site.telegramChannel) and that the bot is an administrator of the channel allowed to post.',
    });
  return new MorningPostError('HTTP_STATUS', message, {
    hint: 'Telegram rejected the message itself; trying again will not help until the post changes.',
  });
}

function safeJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function causeDetail(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error ? `: ${cause.message}` : '';
}
