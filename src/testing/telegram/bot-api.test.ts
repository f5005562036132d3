import { afterEach, describe, expect, it } from 'vitest';
import { type FakeTelegramApi, type FakeTelegramOptions, startFakeTelegramApi } from './bot-api.js';
import { parseTelegramHtml, type TelegramEntity } from './html.js';

interface BotReply {
  ok: boolean;
  error_code?: number;
  description?: string;
  parameters?: { retry_after: number };
  result?: { message_id: number; chat: object; date: number; text: string; entities?: TelegramEntity[] };
}

const apis: FakeTelegramApi[] = [];
afterEach(async () => {
  for (const api of apis.splice(0)) await api.close();
});

async function fake(options: FakeTelegramOptions = {}): Promise<FakeTelegramApi> {
  const api = await startFakeTelegramApi(options);
  apis.push(api);
  return api;
}

async function call(
  api: FakeTelegramApi,
  method: string,
  params: Record<string, unknown>,
  token = api.token,
) {
  const response = await fetch(`${api.url}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as BotReply };
}

const send = (api: FakeTelegramApi, text: string, extra: Record<string, unknown> = {}) =>
  call(api, 'sendMessage', { chat_id: '@morningpost', text, parse_mode: 'HTML', ...extra });

describe('fake Bot API: requests', () => {
  it('answers getMe for its token and 401 Unauthorized for any other', async () => {
    const api = await fake();
    const me = await call(api, 'getMe', {});
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ ok: true, result: { is_bot: true, id: 123456 } });
    const wrong = await call(api, 'sendMessage', { chat_id: '@morningpost', text: 'hi' }, '999:nope');
    expect(wrong).toEqual({ status: 401, body: { ok: false, error_code: 401, description: 'Unauthorized' } });
    expect(api.messages).toHaveLength(0);
  });

  it('answers 404 for methods it does not know', async () => {
    const api = await fake();
    expect((await call(api, 'sendPhoto', {})).status).toBe(404);
  });

  it('accepts a message in the real response shape and records it', async () => {
    const api = await fake({ now: () => Date.parse('2026-08-23T06:00:00Z') });
    const { status, body } = await send(api, '<b>Hi</b> 😀 <a href="https://x.org/?a=1&amp;b=2">link</a>', {
      link_preview_options: { is_disabled: true },
    });
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({
      message_id: 100,
      chat: { id: -1001234567890, username: 'morningpost', type: 'channel' },
      date: Date.parse('2026-08-23T06:00:00Z') / 1000,
      text: 'Hi 😀 link',
    });
    // Offsets count UTF-16 code units: the emoji is two.
    expect(body.result?.entities).toEqual([
      { type: 'bold', offset: 0, length: 2 },
      { type: 'text_link', offset: 6, length: 4, url: 'https://x.org/?a=1&b=2' },
    ]);
    expect(api.messages[0]).toMatchObject({
      chatId: -1001234567890,
      linkPreviewOptions: { is_disabled: true },
    });
  });

  it('finds the chat by @username in any case or by numeric id, and refuses others', async () => {
    const api = await fake();
    expect((await call(api, 'sendMessage', { chat_id: '@MorningPost', text: 'a' })).status).toBe(200);
    expect((await call(api, 'sendMessage', { chat_id: -1001234567890, text: 'b' })).status).toBe(200);
    expect((await call(api, 'sendMessage', { chat_id: '-1001234567890', text: 'c' })).status).toBe(200);
    const other = await call(api, 'sendMessage', { chat_id: '@someoneelse', text: 'd' });
    expect(other).toEqual({
      status: 400,
      body: { ok: false, error_code: 400, description: 'Bad Request: chat not found' },
    });
    expect(api.messages.map((m) => m.text)).toEqual(['a', 'b', 'c']);
  });

  it('reads form-encoded bodies too', async () => {
    const api = await fake();
    const response = await fetch(`${api.url}/bot${api.token}/sendMessage`, {
      method: 'POST',
      body: new URLSearchParams({ chat_id: '@morningpost', text: '<i>x</i>', parse_mode: 'HTML' }),
    });
    expect(response.status).toBe(200);
    expect(api.messages[0]?.entities).toEqual([{ type: 'italic', offset: 0, length: 1 }]);
  });
});

describe('fake Bot API: length', () => {
  it('refuses empty text, also when only tags or whitespace remain', async () => {
    const api = await fake();
    for (const text of ['', '   \n', '<b></b>']) {
      const { status, body } = await send(api, text);
      expect(status).toBe(400);
      expect(body.description).toBe('Bad Request: message text is empty');
    }
  });

  it('counts 4096 characters after entity parsing, in UTF-16 code units', async () => {
    const api = await fake();
    expect((await send(api, '&amp;'.repeat(4096))).status).toBe(200);
    expect((await send(api, `<b>${'x'.repeat(4096)}</b>`)).status).toBe(200);
    expect((await send(api, '😀'.repeat(2048))).status).toBe(200);
    for (const text of ['&amp;'.repeat(4097), `${'😀'.repeat(2048)}x`, 'y'.repeat(5000)]) {
      const { status, body } = await send(api, text);
      expect(status).toBe(400);
      expect(body.description).toBe('Bad Request: message is too long');
    }
    expect(api.messages).toHaveLength(3);
  });
});

describe('fake Bot API: entities', () => {
  it('keeps the first 100 entities of a message and drops the rest silently, as Telegram does', async () => {
    const api = await fake();
    const { status, body } = await send(api, '<b>x</b> '.repeat(120));
    expect(status).toBe(200);
    expect(body.result?.entities).toHaveLength(100);
    expect(api.messages[0]?.entitiesDropped).toBe(20);
  });
});

describe('fake Bot API: HTML parse mode', () => {
  const refused: [string, string, RegExp][] = [
    ['an unsupported tag', '<script>x</script>', /Unsupported start tag "script" at byte offset 0/],
    ['a paragraph', 'a <p>b</p>', /Unsupported start tag "p" at byte offset 2/],
    ['a line break', 'a<br>b', /Unsupported start tag "br"/],
    ['a span without the spoiler class', '<span class="x">y</span>', /Unsupported start tag "span"/],
    ['an unclosed tag', '<b>bold', /Can't find end tag corresponding to start tag "b"/],
    [
      'misnested tags',
      '<b><i>x</b></i>',
      /Unmatched end tag at byte offset 7, expected "<\/i>", found "<\/b>"/,
    ],
    ['an end tag with no start', 'x</b>', /Unexpected end tag/],
    ['a bare <', 'a < b', /Unclosed start tag|Unsupported start tag/],
    ['a bare &', 'AT&T', /Character '&' at byte offset 2/],
    ['a bare >', 'a > b', /Character '>'/],
    ['an unsupported named entity', 'a&nbsp;b', /Character '&'/],
    ['a javascript: link', '<a href="javascript:alert(1)">x</a>', /Unsupported URL/],
    ['a relative link', '<a href="/editions/">x</a>', /Unsupported URL/],
    ['a link without href', '<a>x</a>', /without href/],
    [
      'a link inside a link',
      '<a href="https://a.org/"><a href="https://b.org/">x</a></a>',
      /can't be inside/,
    ],
    ['bold inside code', '<code><b>x</b></code>', /can't be inside "code"/],
    ['a nested blockquote', '<blockquote><blockquote>x</blockquote></blockquote>', /can't be nested/],
    ['an unescaped & in href', '<a href="https://x.org/?a=1&b=2">x</a>', /Malformed attribute value/],
  ];
  for (const [what, text, error] of refused) {
    it(`refuses ${what}`, async () => {
      expect(parseTelegramHtml(text)).toMatchObject({ ok: false, error: expect.stringMatching(error) });
    });
  }

  it('answers a parse error as 400 "can\'t parse entities"', async () => {
    const api = await fake();
    const { status, body } = await send(api, '<script>alert(1)</script>');
    expect(status).toBe(400);
    expect(body.description).toBe(
      'Bad Request: can\'t parse entities: Unsupported start tag "script" at byte offset 0',
    );
  });

  it('accepts every documented tag, numeric entities and tg:// links', () => {
    const html =
      '<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s><strike>k</strike><del>d</del>' +
      '<tg-spoiler>p</tg-spoiler><span class="tg-spoiler">q</span><a href="tg://user?id=1">m</a>' +
      '<code>c</code><pre><code class="language-ts">x</code></pre><blockquote>q</blockquote>' +
      '<b>bold <i>both <a href="http://x.org/">link</a></i></b> &#60;&#x3E;&quot;&amp;';
    const parsed = parseTelegramHtml(html);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.text.endsWith('bold both link <>"&')).toBe(true);
    expect(parsed.entities.find((e) => e.type === 'pre')).toBeDefined();
    expect(parsed.entities.find((e) => e.language === 'ts')).toMatchObject({ type: 'code' });
  });
});

describe('fake Bot API: rate limits and injected failures', () => {
  it('answers 429 with retry_after past the configured rate, and accepts again once it has passed', async () => {
    let now = Date.parse('2026-08-23T06:00:00Z');
    const api = await fake({ rateLimit: { max: 2, windowSeconds: 10 }, now: () => now });
    expect((await send(api, 'one')).status).toBe(200);
    now += 4000;
    expect((await send(api, 'two')).status).toBe(200);
    const limited = await send(api, 'three');
    expect(limited).toEqual({
      status: 429,
      body: {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 6',
        parameters: { retry_after: 6 },
      },
    });
    now += 6000;
    expect((await send(api, 'three')).status).toBe(200);
    expect(api.messages.map((m) => m.text)).toEqual(['one', 'two', 'three']);
  });

  it('fails the next messages as queued: 429, 5xx, a dropped connection', async () => {
    const api = await fake();
    api.failNext({ status: 429, retryAfter: 3 }, { status: 502 }, { drop: true });
    expect(await send(api, 'x')).toMatchObject({ status: 429, body: { parameters: { retry_after: 3 } } });
    expect(await send(api, 'x')).toMatchObject({ status: 502, body: { ok: false, error_code: 502 } });
    await expect(send(api, 'x')).rejects.toThrow();
    expect((await send(api, 'x')).status).toBe(200);
    expect(api.requests.map((r) => r.status)).toEqual([429, 502, 0, 200]);
    expect(api.messages).toHaveLength(1);
  });
});
