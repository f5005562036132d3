/**
 * @module delivery/telegram
 * The Telegram channel: an edition posted once to the configured channel through the Bot API.
 */
export { type BotApi, redactToken, type SendMessageParams, sendMessage } from './bot-api.js';
export { telegramChatId } from './chat.js';
export { type DeliverTelegramOptions, deliverEditionToTelegram } from './deliver.js';
