/**
 * @module renderers/email/confirmation
 * The double opt-in message: someone asked to subscribe this address; one button confirms it,
 * and doing nothing means nothing more is sent. The address is outside input and is escaped.
 */
import { siteUrls } from '../feeds/site.js';
import { html } from '../site/html.js';
import { PAPER_NAME } from '../site/masthead.js';
import type { RenderedEmail } from './index.js';
import { band, button, COLOURS, emailDocument, link, S } from './layout.js';
import { wrap } from './plain.js';
import { clipWords, oneLine } from './short.js';
import { checkedUrl } from './urls.js';

export interface ConfirmationEmailInput {
  /** MORNING_POST_URL. */
  baseUrl: string;
  /** The absolute http(s) confirmation link, with its token. */
  confirmUrl: string;
  /** The address that asked (as typed; shown escaped). */
  email: string;
  /** How long the link works. */
  expiresHours: number;
}

const hours = (n: number): string => {
  const whole = Math.max(1, Math.round(n));
  return `${whole} ${whole === 1 ? 'hour' : 'hours'}`;
};

export function renderConfirmationEmail(input: ConfirmationEmailInput): RenderedEmail {
  const home = siteUrls({ baseUrl: input.baseUrl }).home;
  const confirmUrl = checkedUrl(input.confirmUrl, 'confirmation link');
  const email = clipWords(oneLine(input.email).trim(), 254);
  const expires = hours(input.expiresHours);
  const subject = `Confirm your subscription to ${PAPER_NAME}`;
  const asked = `Someone, hopefully you, asked to subscribe ${email} to ${PAPER_NAME} at`;
  const ignore =
    'If it wasn’t you, ignore this email: nothing will be sent to this address unless it is confirmed.';

  const rows = [
    band(
      html`<p class="ink" style="margin:0;font-family:Georgia,Times New Roman,Times,serif;font-size:28px;line-height:34px;font-weight:bold;color:${COLOURS.ink};">${link(PAPER_NAME, home, S.plainLink)}</p>`,
      `padding:24px 32px 16px;text-align:center;border-bottom:3px double ${COLOURS.ink};`,
    ),
    band(
      html`<h1 class="h1 ink" style="${S.h2}">Please confirm your subscription</h1><p class="ink" style="${S.p}">${asked} ${link(home, home)}.</p><p class="ink" style="${S.p}">To start receiving the paper each morning, confirm your address. The link expires in ${expires}.</p>`,
      'padding:22px 32px 8px;',
    ),
    band(button('Confirm my subscription', confirmUrl), 'padding:8px 32px 20px;'),
    band(
      html`<p class="muted" style="${S.meta}">Or paste this link into your browser:</p><p class="muted" style="${S.meta}word-break:break-all;">${link(confirmUrl, confirmUrl)}</p>`,
      'padding:0 32px 16px;',
    ),
    band(html`<p class="muted" style="${S.meta}">${ignore}</p>`),
  ];
  const text = [
    PAPER_NAME.toUpperCase(),
    '',
    'Please confirm your subscription',
    '',
    ...wrap(`${asked} ${home}.`),
    '',
    ...wrap(
      `To start receiving the paper each morning, confirm your address. The link expires in ${expires}:`,
    ),
    '',
    confirmUrl,
    '',
    ...wrap(ignore),
    '',
  ].join('\n');
  return {
    subject,
    html: emailDocument({
      title: subject,
      preheader: `Confirm ${email}: the link expires in ${expires}.`,
      rows,
    }),
    text,
  };
}
