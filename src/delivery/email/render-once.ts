/**
 * @module delivery/email/render-once
 * Every subscriber's email differs only in its unsubscribe link, and a full render of the edition
 * costs milliseconds, so the edition is rendered once and each link filled in. The shortcut is
 * taken only when the renderer proves it safe: two renders with two different links must differ in
 * nothing but the link, which must appear whole (not wrapped or escaped) in both parts.
 */
import type { Edition } from '../../core/edition.js';
import type { RenderedEmail } from '../../renderers/email/index.js';
import { TOKEN_PATTERN, tokenUrl } from '../../subscriptions/tokens.js';
import type { EditionEmailRenderer } from './send-row.js';

// Same length and alphabet as a real token, so escaping and line wrapping treat them alike.
const PROBE_A = `Aa0-_${'A'.repeat(38)}`;
const PROBE_B = `Bb1_-${'B'.repeat(38)}`;

function swap(email: RenderedEmail, from: string, to: string): RenderedEmail {
  return {
    subject: email.subject.replaceAll(from, to),
    html: email.html.replaceAll(from, to),
    text: email.text.replaceAll(from, to),
  };
}

/** A function from an unsubscribe URL to the subscriber's email, rendering once when it can. */
export function renderPerSubscriber(
  render: EditionEmailRenderer,
  edition: Edition,
  baseUrl: string,
): (unsubscribeUrl: string) => RenderedEmail {
  const direct = (unsubscribeUrl: string) => render(edition, { baseUrl, unsubscribeUrl });
  const urlA = tokenUrl(baseUrl, '/unsubscribe', PROBE_A);
  const urlB = tokenUrl(baseUrl, '/unsubscribe', PROBE_B);
  const first = direct(urlA);
  const second = direct(urlB);
  const template =
    first.html.includes(urlA) &&
    first.text.includes(urlA) &&
    !first.subject.includes(PROBE_A) &&
    JSON.stringify(swap(first, urlA, urlB)) === JSON.stringify(second);
  if (!template) return direct;
  const prefix = urlA.slice(0, -PROBE_A.length);
  return (unsubscribeUrl) => {
    const token = unsubscribeUrl.startsWith(prefix) ? unsubscribeUrl.slice(prefix.length) : '';
    return TOKEN_PATTERN.test(token) ? swap(first, urlA, unsubscribeUrl) : direct(unsubscribeUrl);
  };
}
