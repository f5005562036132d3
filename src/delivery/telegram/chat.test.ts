import { describe, expect, it } from 'vitest';
import { redactToken } from './bot-api.js';
import { telegramChatId } from './chat.js';

describe('the channel as a chat id', () => {
  it('accepts @name, public t.me links and numeric ids, one spelling per channel', () => {
    expect(telegramChatId('@MorningPost')).toBe('@morningpost');
    expect(telegramChatId(' https://t.me/MorningPost ')).toBe('@morningpost');
    expect(telegramChatId('https://t.me/s/morningpost/')).toBe('@morningpost');
    expect(telegramChatId('-1001234567890')).toBe('-1001234567890');
  });

  it('refuses invite links and anything else, saying what to set', () => {
    expect(() => telegramChatId('https://t.me/+AbCdEf')).toThrow(/private invite link/);
    expect(() => telegramChatId('https://t.me/joinchat/AbCdEf')).toThrow(/private invite link/);
    for (const value of ['morningpost', '@ab', 'https://t.me/morningpost/12', 'https://evil.example/@x'])
      expect(() => telegramChatId(value)).toThrow(/not a channel the Bot API can post to/);
    expect(() => telegramChatId(undefined)).toThrow(/needs a channel/);
  });
});

describe('token redaction', () => {
  it('removes the token wherever it appears, and any /bot…/ path segment', () => {
    const token = '123:ABC-def';
    expect(
      redactToken(`POST https://api.telegram.org/bot${token}/sendMessage failed (${token})`, token),
    ).toBe('POST https://api.telegram.org/bot<token>/sendMessage failed (<token>)');
    expect(redactToken('GET /bot999:other/getMe', token)).toBe('GET /bot<token>/getMe');
  });
});
