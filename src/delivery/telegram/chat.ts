/**
 * @module delivery/telegram/chat
 * The configured channel as a Bot API `chat_id`. TELEGRAM_CHANNEL may be `@name`, a public t.me
 * link or a numeric chat id; a private invite link (`t.me/+…`, `t.me/joinchat/…`) names no chat the
 * API can address, so it is refused with the fix.
 */
import { MorningPostError } from '../../core/errors.js';

const USERNAME = /^[A-Za-z]\w{3,}$/;

export function telegramChatId(channel: string | undefined): string {
  const value = channel?.trim() ?? '';
  if (!value)
    throw new MorningPostError('CONFIG_INVALID', 'Telegram delivery needs a channel to post to.', {
      hint: 'Set TELEGRAM_CHANNEL (site.telegramChannel) to @channelname or the channel’s numeric chat id.',
    });
  if (/^-?\d+$/.test(value)) return value;
  // Usernames are case-insensitive: one spelling keeps one delivery-log row per channel.
  if (value.startsWith('@') && USERNAME.test(value.slice(1))) return value.toLowerCase();
  const link = /^https:\/\/t\.me\/(?:s\/)?([^/?#]+)\/?$/.exec(value);
  if (link && USERNAME.test(link[1] as string)) return `@${link[1]}`.toLowerCase();
  const invite = link?.[1]?.startsWith('+') || value.includes('/joinchat/');
  throw new MorningPostError(
    'CONFIG_INVALID',
    invite
      ? `TELEGRAM_CHANNEL ${JSON.stringify(value)} is a private invite link, which the Bot API cannot post to.`
      : `TELEGRAM_CHANNEL ${JSON.stringify(value)} is not a channel the Bot API can post to.`,
    {
      hint: 'Set TELEGRAM_CHANNEL to @channelname, https://t.me/channelname or the numeric chat id (-100…).',
    },
  );
}
