import { afterEach, describe, expect, it } from 'vitest';
import { TelegramSettingsSchema } from '../../config/schema.js';
import { fixedClock } from '../../core/clock.js';
import type { Edition } from '../../core/edition.js';
import { MorningPostError } from '../../core/errors.js';
import { memoryLogger } from '../../lib/logger.js';
import { renderTelegramPost } from '../../renderers/telegram/index.js';
import { openStore } from '../../store/index.js';
import type { Store } from '../../store/store.js';
import { seedEdition } from '../../testing/editions/editions.js';
import { type FakeTelegramOptions, startFakeTelegramApi } from '../../testing/telegram/bot-api.js';
import { type DeliverTelegramOptions, deliverEditionToTelegram } from './deliver.js';

const BASE = 'https://post.example.org';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});

async function setup(fakeOptions: Omit<FakeTelegramOptions, 'now'> = {}) {
  const clock = fixedClock('2026-08-23T06:30:00Z');
  const api = await startFakeTelegramApi({ ...fakeOptions, now: () => clock.now().getTime() });
  const store = await openStore({ databaseUrl: 'sqlite::memory:', dataDir: '' });
  await store.migrate();
  cleanup.push(
    () => api.close(),
    () => store.close(),
  );
  const log = memoryLogger();
  const edition = await seedEdition();
  const options = (extra: Partial<DeliverTelegramOptions> = {}): DeliverTelegramOptions => ({
    store,
    edition,
    settings: TelegramSettingsSchema.parse({ botToken: api.token, apiUrl: api.url }),
    channel: '@morningpost',
    baseUrl: BASE,
    clock,
    log,
    ...extra,
  });
  return { api, store, clock, log, edition, options };
}

/** The seed edition with a lead long enough to need several messages. */
async function longEdition(): Promise<Edition> {
  const edition = await seedEdition();
  const lead = edition.text.sections.find((section) => section.id === 'lead');
  for (const n of [1, 2, 3]) lead?.paragraphs.unshift([`Part ${n}: ${'word '.repeat(900)}`]);
  edition.text.standfirst = `${'standfirst '.repeat(380)}end`;
  return edition;
}

async function telegramRows(store: Store) {
  return store.deliveries.list({ editionDate: '2026-08-23', channel: 'telegram' });
}

/** A fetch that fails the way `fail(call)` says for the numbered calls, and passes the rest through. */
function flakyFetch(fail: (call: number, url: string) => Error | undefined): typeof fetch {
  let calls = 0;
  return async (input, init) => {
    const error = fail(++calls, String(input));
    if (error) throw error;
    return fetch(input, init);
  };
}

describe('posting an edition to Telegram', () => {
  it('posts once: the message reaches the channel, and a second run leaves it alone', async () => {
    const { api, store, options, edition } = await setup();
    const summary = await deliverEditionToTelegram(options({ channel: 'https://t.me/MorningPost' }));
    expect(summary).toEqual({
      channel: 'telegram',
      editionDate: '2026-08-23',
      planned: 1,
      sent: 1,
      skipped: 0,
      failed: 0,
      retried: 0,
      alreadySent: 0,
    });
    expect(api.messages.map((m) => m.html)).toEqual(renderTelegramPost(edition, BASE));
    expect(api.requests[0]?.params).toMatchObject({
      chat_id: '@morningpost',
      parse_mode: 'HTML',
      link_preview_options: { url: `${BASE}/editions/2026-08-23/`, prefer_small_media: true },
    });
    expect(await telegramRows(store)).toMatchObject([
      { recipient: '@morningpost', status: 'sent', messageId: '100', attempts: 1, error: null },
    ]);

    const again = await deliverEditionToTelegram(options({ channel: '@MorningPost' }));
    expect(again).toMatchObject({ sent: 0, alreadySent: 1 });
    expect(api.messages).toHaveLength(1);
  });

  it('posts a long edition as several messages, previewing the web edition only under the first', async () => {
    const { api, store, options } = await setup();
    const edition = await longEdition();
    const expected = renderTelegramPost(edition, BASE);
    expect(expected.length).toBeGreaterThanOrEqual(3);
    await deliverEditionToTelegram(options({ edition }));
    expect(api.messages.map((m) => m.html)).toEqual(expected);
    expect(api.messages.slice(1).map((m) => m.linkPreviewOptions)).toEqual(
      expected.slice(1).map(() => ({ is_disabled: true })),
    );
    const [row] = await telegramRows(store);
    expect(row?.messageId).toBe(api.messages.map((m) => m.messageId).join(','));
  });

  it('waits out a 429 for retry_after seconds, then sends', async () => {
    const { api, clock, options } = await setup();
    api.failNext({ status: 429, retryAfter: 7 });
    const summary = await deliverEditionToTelegram(options());
    expect(clock.slept).toEqual([7000]);
    expect(summary).toMatchObject({ sent: 1, retried: 1 });
    expect(api.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('keeps to the Bot API’s rate limit across a multi-message post', async () => {
    const { api, clock, options } = await setup({ rateLimit: { max: 1, windowSeconds: 3 } });
    const summary = await deliverEditionToTelegram(options({ edition: await longEdition() }));
    expect(api.messages.length).toBeGreaterThanOrEqual(3);
    expect(clock.slept).toEqual(api.messages.slice(1).map(() => 3000));
    expect(summary.retried).toBe(api.messages.length - 1);
  });

  it('retries 5xx answers and dropped connections with growing waits', async () => {
    const { api, clock, options } = await setup();
    api.failNext({ status: 502 }, { drop: true }, { status: 500 });
    const summary = await deliverEditionToTelegram(options());
    expect(clock.slept).toEqual([1000, 2000, 4000]);
    expect(summary).toMatchObject({ sent: 1, retried: 3 });
    expect(api.messages).toHaveLength(1);
  });

  it('resumes a post that failed part-way from the next unsent message', async () => {
    const { api, store, options } = await setup();
    const edition = await longEdition();
    const expected = renderTelegramPost(edition, BASE);
    // The second message never gets an answer: four tries, then the run gives up.
    const down = flakyFetch((call) => (call >= 2 && call <= 5 ? new TypeError('fetch failed') : undefined));
    const first = await deliverEditionToTelegram(options({ edition, fetch: down }));
    expect(first).toMatchObject({ sent: 0, failed: 1, retried: 3 });
    expect(api.messages).toHaveLength(1);
    expect(await telegramRows(store)).toMatchObject([
      { status: 'pending', messageId: '100', error: expect.stringContaining('fetch failed') },
    ]);

    const second = await deliverEditionToTelegram(options({ edition }));
    expect(second).toMatchObject({ sent: 1, failed: 0 });
    expect(api.messages.map((m) => m.html)).toEqual(expected);
    const [row] = await telegramRows(store);
    expect(row).toMatchObject({ status: 'sent', error: null });
    expect(row?.messageId).toBe(api.messages.map((m) => m.messageId).join(','));
  });

  it('gives up on a 429 asking for longer than it will wait, leaving the post to resume', async () => {
    const { api, clock, store, options } = await setup();
    api.failNext({ status: 429, retryAfter: 3600 });
    const summary = await deliverEditionToTelegram(options());
    expect(summary).toMatchObject({ sent: 0, failed: 1 });
    expect(clock.slept).toEqual([]);
    expect((await telegramRows(store))[0]?.status).toBe('pending');
  });
});

describe('refusals and settings', () => {
  it('stops at a 401 with a clear error that never shows the token', async () => {
    const { api, store, log, options } = await setup();
    const token = '654321:SECRET-wrong-token';
    const error = await deliverEditionToTelegram(
      options({ settings: TelegramSettingsSchema.parse({ botToken: token, apiUrl: api.url }) }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MorningPostError);
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', retryable: false });
    expect((error as MorningPostError).message).toMatch(/401 Unauthorized/);
    expect((error as MorningPostError).hint).toMatch(/TELEGRAM_BOT_TOKEN/);
    expect(api.requests).toHaveLength(1);
    const rows = await telegramRows(store);
    expect(rows).toMatchObject([{ status: 'pending', error: expect.stringContaining('401') }]);
    const everything = JSON.stringify([String(error), (error as Error).stack, rows, log.records]);
    expect(everything).not.toContain('SECRET-wrong-token');
  });

  it('redacts the token from network errors that quote the request URL', async () => {
    const { store, log, options } = await setup();
    const leaky = flakyFetch((_call, url) => new Error(`connect ECONNREFUSED while requesting ${url}`));
    const summary = await deliverEditionToTelegram(options({ fetch: leaky }));
    expect(summary.failed).toBe(1);
    const rows = await telegramRows(store);
    expect(rows[0]?.error).toContain('/bot<token>/sendMessage');
    expect(JSON.stringify([rows, log.records])).not.toContain('TEST-fake-bot-token');
  });

  it('stops when the chat is unknown or Telegram refuses the text, naming what to fix', async () => {
    const { api, options } = await setup();
    await expect(deliverEditionToTelegram(options({ channel: '@otherchannel' }))).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('chat not found'),
      hint: expect.stringContaining('TELEGRAM_CHANNEL'),
    });
    api.failNext({ status: 400, description: "Bad Request: can't parse entities: Unsupported start tag" });
    await expect(deliverEditionToTelegram(options())).rejects.toMatchObject({
      code: 'HTTP_STATUS',
      message: expect.stringContaining("can't parse entities"),
    });
  });

  it('needs a bot token and a channel, and says which setting to set', async () => {
    const { api, store, options } = await setup();
    await expect(
      deliverEditionToTelegram(options({ settings: TelegramSettingsSchema.parse({}) })),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      hint: expect.stringContaining('TELEGRAM_BOT_TOKEN'),
    });
    for (const channel of [undefined, '  ']) {
      await expect(deliverEditionToTelegram(options({ channel }))).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        hint: expect.stringContaining('TELEGRAM_CHANNEL'),
      });
    }
    await expect(deliverEditionToTelegram(options({ channel: 'https://t.me/+AbCdEf123' }))).rejects.toThrow(
      /private invite link/,
    );
    expect(api.requests).toHaveLength(0);
    expect(await telegramRows(store)).toEqual([]);
  });

  it('posts only published editions', async () => {
    const { api, options } = await setup();
    const draft = await seedEdition({ status: 'draft' });
    await expect(deliverEditionToTelegram(options({ edition: draft }))).rejects.toMatchObject({
      code: 'NO_DATA',
    });
    expect(api.requests).toHaveLength(0);
  });

  it('dry-runs without a token, a request or a delivery row', async () => {
    const { api, store, log, options } = await setup();
    const summary = await deliverEditionToTelegram(
      options({ dryRun: true, settings: TelegramSettingsSchema.parse({}), channel: '-1001234567890' }),
    );
    expect(summary).toMatchObject({ planned: 1, sent: 0, alreadySent: 0 });
    expect(api.requests).toHaveLength(0);
    expect(await telegramRows(store)).toEqual([]);
    expect(log.records.at(-1)).toMatchObject({ message: 'telegram dry run', fields: { messages: 1 } });
  });
});
