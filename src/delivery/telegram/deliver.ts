/**
 * @module delivery/telegram/deliver
 * Posts a published edition to the Telegram channel, once. The delivery log holds one row per
 * edition × channel; a post of several messages records each message id in the row as it goes
 * (`messageId` = "101,102"), so a run that stops part-way resumes from the next unsent message and
 * the channel never sees a message twice, except the one in flight at a crash (the Bot API has no
 * idempotency key). A failure that waiting can fix leaves the row `pending` and is counted as
 * failed; a refusal (bad token, unknown chat, rejected text) leaves it `pending` too and throws,
 * so the operator fixes the setting and runs again.
 */
import type { TelegramSettings } from '../../config/schema.js';
import type { Clock } from '../../core/clock.js';
import type { Edition } from '../../core/edition.js';
import { describeError, MorningPostError } from '../../core/errors.js';
import type { Logger } from '../../lib/logger.js';
import { siteUrls } from '../../renderers/feeds/site.js';
import { renderTelegramPost } from '../../renderers/telegram/index.js';
import type { DeliveryLog, DeliveryRecord } from '../../store/delivery-contract.js';
import type { DeliverySummary } from '../channel.js';
import { type BotApi, type SendMessageParams, sendMessage } from './bot-api.js';
import { telegramChatId } from './chat.js';

export interface DeliverTelegramOptions {
  store: { deliveries: DeliveryLog };
  edition: Edition;
  settings: TelegramSettings;
  /** TELEGRAM_CHANNEL: `@name`, `https://t.me/name` or a numeric chat id. */
  channel: string | undefined;
  /** The public site address the post links to. */
  baseUrl: string;
  clock: Clock;
  log: Logger;
  fetch?: typeof fetch;
  /** Waits for `retry_after` and between retries; the clock's sleep by default. */
  sleep?: (ms: number) => Promise<void>;
  /** Renders and reports what would be posted; writes nothing and needs no token. */
  dryRun?: boolean;
  timeoutMs?: number;
}

const CHANNEL = 'telegram';

export async function deliverEditionToTelegram(options: DeliverTelegramOptions): Promise<DeliverySummary> {
  const { store, edition, log } = options;
  if (edition.status !== 'published')
    throw new MorningPostError(
      'NO_DATA',
      `The edition of ${edition.date} is a draft; only published editions are posted.`,
      {
        hint: 'Publish the edition first, then deliver it.',
      },
    );
  const chatId = telegramChatId(options.channel);
  const token = options.settings.botToken;
  if (!token && !options.dryRun)
    throw new MorningPostError('CONFIG_INVALID', 'Telegram delivery needs a bot token.', {
      hint: 'Set TELEGRAM_BOT_TOKEN (telegram.botToken) to the token @BotFather gave the bot.',
    });
  const messages = renderTelegramPost(edition, options.baseUrl);
  const summary: DeliverySummary = {
    channel: CHANNEL,
    editionDate: edition.date,
    planned: 1,
    sent: 0,
    skipped: 0,
    failed: 0,
    retried: 0,
    alreadySent: 0,
  };
  const at = () => options.clock.now().toISOString();

  if (options.dryRun) {
    const row = await findRow(store.deliveries, edition.date, chatId);
    if (row?.status === 'sent') summary.alreadySent = 1;
    const from = row ? sentIds(row).length : 0;
    log.info('telegram dry run', { edition: edition.date, channel: chatId, messages: messages.length, from });
    return summary;
  }

  await store.deliveries.plan({
    editionDate: edition.date,
    channel: CHANNEL,
    recipients: [{ recipient: chatId, subscriberId: null }],
    at: at(),
  });
  const row = await findRow(store.deliveries, edition.date, chatId);
  if (!row)
    throw new MorningPostError(
      'STORE_FAILED',
      `No Telegram delivery row for ${edition.date} after planning.`,
    );
  if (row.status === 'sent') {
    summary.alreadySent = 1;
    log.info('telegram: already posted', {
      edition: edition.date,
      channel: chatId,
      messageId: row.messageId,
    });
    return summary;
  }
  if (row.status === 'failed' || row.status === 'skipped') {
    summary.skipped = 1;
    log.warn('telegram: delivery row closed, not posting', { edition: edition.date, status: row.status });
    return summary;
  }

  const api: BotApi = {
    apiUrl: options.settings.apiUrl,
    token: token as string,
    fetch: options.fetch ?? fetch,
    sleep: options.sleep ?? ((ms) => options.clock.sleep(ms)),
    timeoutMs: options.timeoutMs,
  };
  const editionUrl = siteUrls({ baseUrl: options.baseUrl }).edition(edition.date);
  const ids = sentIds(row);
  if (ids.length > 0) log.info('telegram: resuming post', { edition: edition.date, sentBefore: ids.length });
  for (let index = ids.length; index < messages.length; index++) {
    if (!(await store.deliveries.begin(row.id, at()))) {
      summary.skipped = 1;
      return summary;
    }
    const params: SendMessageParams = {
      chat_id: chatId,
      text: messages[index] as string,
      parse_mode: 'HTML',
      // One preview, of the web edition, under the first message; the rest would repeat it.
      link_preview_options:
        index === 0 ? { url: editionUrl, prefer_small_media: true } : { is_disabled: true },
    };
    try {
      ids.push(
        await sendMessage(api, params, ({ reason, waitMs }) => {
          summary.retried += 1;
          log.warn('telegram: retrying', { edition: edition.date, message: index + 1, reason, waitMs });
        }),
      );
    } catch (error) {
      const reason = describeError(error);
      await store.deliveries.finish(
        row.id,
        { status: 'pending', messageId: joinIds(ids), error: reason },
        at(),
      );
      log.error('telegram: post failed', {
        edition: edition.date,
        channel: chatId,
        sent: ids.length,
        error: reason,
      });
      if (error instanceof MorningPostError && error.retryable) {
        summary.failed = 1;
        return summary;
      }
      throw error;
    }
    const done = ids.length >= messages.length;
    await store.deliveries.finish(
      row.id,
      { status: done ? 'sent' : 'pending', messageId: joinIds(ids), error: null },
      at(),
    );
  }
  // A post re-rendered shorter than what was already sent is finished too.
  if (ids.length >= messages.length && sentIds(row).length >= messages.length)
    await store.deliveries.finish(row.id, { status: 'sent', error: null }, at());
  summary.sent = 1;
  log.info('telegram: posted', { edition: edition.date, channel: chatId, messages: ids.length });
  return summary;
}

async function findRow(
  log: DeliveryLog,
  editionDate: string,
  chatId: string,
): Promise<DeliveryRecord | undefined> {
  const rows = await log.list({ editionDate, channel: CHANNEL });
  return rows.find((row) => row.recipient === chatId);
}

function sentIds(row: DeliveryRecord): number[] {
  return (row.messageId ?? '')
    .split(',')
    .map((id) => Number(id.trim()))
    .filter((id) => Number.isInteger(id) && id > 0);
}

function joinIds(ids: readonly number[]): string | null {
  return ids.length > 0 ? ids.join(',') : null;
}
