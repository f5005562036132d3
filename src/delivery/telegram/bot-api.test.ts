import { describe, expect, it } from 'vitest';
import { type BotApi, type SendMessageParams, sendMessage } from './bot-api.js';

const PARAMS: SendMessageParams = {
  chat_id: '@morningpost',
  text: 'hello',
  parse_mode: 'HTML',
  link_preview_options: { is_disabled: true },
};

/** A Bot API that answers each call with the next scripted response (or hangs on `hang`). */
function scripted(answers: (Response | 'hang')[]): BotApi & { slept: number[]; calls: number } {
  const slept: number[] = [];
  const api: BotApi & { slept: number[]; calls: number } = {
    apiUrl: 'https://api.telegram.test/',
    token: '42:TOKEN',
    slept,
    calls: 0,
    timeoutMs: 50,
    sleep: async (ms: number) => {
      slept.push(ms);
    },
    fetch: (async (_url: string | URL | Request, init?: RequestInit) => {
      const answer = answers[api.calls++];
      if (answer === 'hang')
        return new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        );
      return (
        answer ??
        Response.json({ ok: false, error_code: 500, description: 'Internal Server Error' }, { status: 500 })
      );
    }) as typeof fetch,
  };
  return api;
}

const ok = (id: number) => Response.json({ ok: true, result: { message_id: id, date: 0 } });

describe('sendMessage', () => {
  it('retries a proxy’s HTML 502 page and a timed-out request, then returns the message id', async () => {
    const api = scripted([new Response('<html>Bad Gateway</html>', { status: 502 }), 'hang', ok(7)]);
    const retries: string[] = [];
    expect(await sendMessage(api, PARAMS, ({ reason }) => retries.push(reason))).toBe(7);
    expect(retries[0]).toBe('502 <html>Bad Gateway</html>');
    expect(retries[1]).toMatch(/no answer \(.*timeout/i);
    expect(api.slept).toEqual([1000, 2000]);
  });

  it('gives up after its retries with a retryable error', async () => {
    const api = scripted([]);
    await expect(sendMessage({ ...api, retries: 2 }, PARAMS)).rejects.toMatchObject({
      code: 'HTTP_NETWORK',
      retryable: true,
      message: 'Telegram sendMessage failed: 500 Internal Server Error',
    });
    expect(api.slept).toEqual([1000, 2000]);
  });

  it('does not retry what Telegram refuses', async () => {
    const api = scripted([
      Response.json(
        { ok: false, error_code: 403, description: 'Forbidden: bot was kicked from the channel chat' },
        { status: 403 },
      ),
    ]);
    await expect(sendMessage(api, PARAMS)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      retryable: false,
      hint: expect.stringContaining('administrator'),
    });
    expect(api.calls).toBe(1);
  });
});
