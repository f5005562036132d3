/**
 * @module renderers/email
 * The edition email and the subscription confirmation email, each as a subject, an HTML part and
 * a plain-text part. Pure: no clock, no I/O; the same edition and links give the same bytes.
 */
import type { Edition } from '../../core/edition.js';
import type { ReaderTopics } from '../../core/reader.js';
import { editionDigest } from './digest.js';
import { editionHtml } from './edition-html.js';
import { editionText } from './edition-text.js';
import { checkedUrl } from './urls.js';

export { type ConfirmationEmailInput, renderConfirmationEmail } from './confirmation.js';

export interface EmailLinks {
  /** MORNING_POST_URL: every link in the email is absolute. */
  baseUrl: string;
  /** `https://…/unsubscribe?token=…`, shown as a visible link in the footer and the text part. */
  unsubscribeUrl: string;
  /** `https://…/manage?token=…`: the reader's page for cadence and topics (every sent email has one). */
  manageUrl?: string;
  /** The reader's topics: the lists carry only matching items. Everything when absent. */
  topics?: ReaderTopics;
}

export interface RenderedEmail {
  /** One line, at most 120 characters. */
  subject: string;
  html: string;
  text: string;
}

/** The edition in short form, every section linking to its place on the web page. */
export function renderEditionEmail(edition: Edition, links: EmailLinks): RenderedEmail {
  const footer = footerLinks(links);
  const digest = editionDigest(edition, links.baseUrl, links.topics);
  return {
    subject: digest.subject,
    html: editionHtml(digest, footer),
    text: editionText(digest, footer),
  };
}

/** The footer's own links, checked: an email whose unsubscribe link would not work must not go out. */
export function footerLinks(links: EmailLinks): { unsubscribeUrl: string; manageUrl?: string } {
  return {
    unsubscribeUrl: checkedUrl(links.unsubscribeUrl, 'unsubscribe link'),
    ...(links.manageUrl ? { manageUrl: checkedUrl(links.manageUrl, 'manage link') } : {}),
  };
}
