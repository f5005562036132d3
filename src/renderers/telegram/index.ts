/**
 * @module renderers/telegram
 * The edition as a Telegram channel post (Bot API HTML parse mode), split into messages that fit.
 */
export {
  type Block,
  cleanText,
  ENTITY_LIMIT,
  escapeText,
  MESSAGE_LIMIT,
  type MessageLimits,
  type Span,
  shortText,
  toMessages,
} from './html.js';
export { renderTelegramPost } from './post.js';
