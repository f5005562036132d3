/**
 * @module renderers/email/urls
 * Links we make ourselves (unsubscribe, confirm) must work, or the message must not go out: an
 * email without a working unsubscribe link is worse than no email.
 */
import { MorningPostError } from '../../core/errors.js';
import { safeHref } from '../site/context.js';

export function checkedUrl(url: string, what: string): string {
  const href = safeHref(url.trim());
  if (href === null)
    throw new MorningPostError(
      'CONFIG_INVALID',
      `The email's ${what} is not an absolute http(s) URL: ${url}`,
      {
        hint: 'Set MORNING_POST_URL to the public http(s) address the links should point at.',
      },
    );
  return href;
}
