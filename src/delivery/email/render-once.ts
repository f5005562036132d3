/**
 * @module delivery/email/render-once
 * Every subscriber's email differs only in its links (unsubscribe, manage) and in the reader's
 * topics, and a full render costs milliseconds, so the email is rendered once per distinct set of
 * topics and each reader's links filled in. The shortcut is taken only when the renderer proves it
 * safe: two renders with two different sets of links must differ in nothing but the links, and the
 * unsubscribe link must appear whole (not wrapped or escaped) in both parts.
 */
import { EVERYTHING, type ReaderTopics, topicsKey } from '../../core/reader.js';
import type { EmailLinks, RenderedEmail } from '../../renderers/email/index.js';
import { TOKEN_PATTERN, tokenUrl } from '../../subscriptions/tokens.js';

// Same length and alphabet as a real token, so escaping and line wrapping treat them alike.
const PROBE_A = `Aa0-_${'A'.repeat(38)}`;
const PROBE_B = `Bb1_-${'B'.repeat(38)}`;
const PROBE_C = `Cc2-_${'C'.repeat(38)}`;
const PROBE_D = `Dd3_-${'D'.repeat(38)}`;

/** A renderer of one thing (the day's edition, the week) for one reader's links and topics. */
export type LetterRenderer<T> = (value: T, links: EmailLinks) => RenderedEmail;

/** A reader's own links. */
export interface ReaderLinks {
  unsubscribeUrl: string;
  manageUrl: string;
}

/** A reader's email from their links and topics. */
export type ReaderRender = (links: ReaderLinks, topics?: ReaderTopics) => RenderedEmail;

function swap(email: RenderedEmail, pairs: ReadonlyArray<readonly [string, string]>): RenderedEmail {
  const all = (text: string) => pairs.reduce((out, [from, to]) => out.replaceAll(from, to), text);
  return { subject: all(email.subject), html: all(email.html), text: all(email.text) };
}

/** A function from a reader's links and topics to their email, rendering once per topic set when it can. */
export function renderPerSubscriber<T>(render: LetterRenderer<T>, value: T, baseUrl: string): ReaderRender {
  const templates = new Map<string, (links: ReaderLinks) => RenderedEmail>();
  return (links, topics = EVERYTHING) => {
    const key = topicsKey(topics);
    let forTopics = templates.get(key);
    if (!forTopics) {
      forTopics = template(render, value, baseUrl, topics);
      templates.set(key, forTopics);
    }
    return forTopics(links);
  };
}

function template<T>(
  render: LetterRenderer<T>,
  value: T,
  baseUrl: string,
  topics: ReaderTopics,
): (links: ReaderLinks) => RenderedEmail {
  const direct = (links: ReaderLinks) => render(value, { baseUrl, ...links, topics });
  const a = {
    unsubscribeUrl: tokenUrl(baseUrl, '/unsubscribe', PROBE_A),
    manageUrl: tokenUrl(baseUrl, '/manage', PROBE_C),
  };
  const b = {
    unsubscribeUrl: tokenUrl(baseUrl, '/unsubscribe', PROBE_B),
    manageUrl: tokenUrl(baseUrl, '/manage', PROBE_D),
  };
  const first = direct(a);
  const second = direct(b);
  const toB = [
    [a.unsubscribeUrl, b.unsubscribeUrl],
    [a.manageUrl, b.manageUrl],
  ] as const;
  const usable =
    first.html.includes(a.unsubscribeUrl) &&
    first.text.includes(a.unsubscribeUrl) &&
    ![PROBE_A, PROBE_C].some((probe) => first.subject.includes(probe)) &&
    JSON.stringify(swap(first, toB)) === JSON.stringify(second);
  if (!usable) return direct;
  const tokenOf = (url: string, probeUrl: string, probe: string) => {
    const prefix = probeUrl.slice(0, -probe.length);
    const token = url.startsWith(prefix) ? url.slice(prefix.length) : '';
    return TOKEN_PATTERN.test(token);
  };
  return (links) =>
    tokenOf(links.unsubscribeUrl, a.unsubscribeUrl, PROBE_A) && tokenOf(links.manageUrl, a.manageUrl, PROBE_C)
      ? swap(first, [
          [a.unsubscribeUrl, links.unsubscribeUrl],
          [a.manageUrl, links.manageUrl],
        ])
      : direct(links);
}
