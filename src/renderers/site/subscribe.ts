/**
 * @module renderers/site/subscribe
 * The subscribe box: an email form that posts without JavaScript, the Telegram channel with its
 * QR code when the channel has a public link, and every feed and format of the edition.
 */
import type { Edition } from '../../core/edition.js';
import { editionPath, local, type Page } from './context.js';
import { html, type Markup, raw } from './html.js';
import { PAPER_NAME } from './masthead.js';

export function subscribeSection(page: Page, edition?: Edition): Markup {
  const { site, assets } = page;
  const telegram = assets.telegram
    ? html`<div class="telegram"><h3 class="group-title">Telegram</h3><p>Each edition is also posted to our channel: <a href="${assets.telegram.url}" rel="noopener">join ${assets.telegram.label} on Telegram</a>.</p><figure class="qr"><a href="${assets.telegram.url}" rel="noopener">${raw(assets.telegram.qrSvg)}</a><figcaption>Scan to join on mobile</figcaption></figure></div>`
    : '';
  const formats = edition
    ? html`<li><a href="${local(site, `${editionPath(edition.date)}edition.json`)}" type="application/json">This edition as JSON</a></li><li><a href="${local(site, `${editionPath(edition.date)}edition.md`)}" type="text/markdown">This edition as Markdown</a></li>`
    : '';
  return html`<section class="subscribe" id="subscribe" aria-labelledby="subscribe-title"><h2 id="subscribe-title" class="section-label">Subscribe to ${PAPER_NAME}</h2><div class="subscribe-grid"><div class="email"><p>Get each morning’s edition in your inbox: the day’s stories, the numbers behind them and the tools worth a look.</p><form class="subscribe-form" method="post" action="${local(site, '/subscribe')}"><label for="subscribe-email">Email address</label><div class="form-row"><input id="subscribe-email" type="email" name="email" required autocomplete="email" spellcheck="false"><button type="submit">Subscribe</button></div><p class="form-note">We send a confirmation link first; nothing else arrives until you follow it. Every email has a one-click unsubscribe link.</p></form></div>${telegram}<div class="feeds" id="feeds"><h3 class="group-title">Feeds and formats</h3><ul><li><a href="${local(site, '/feed.xml')}" type="application/rss+xml">RSS feed</a></li><li><a href="${local(site, '/atom.xml')}" type="application/atom+xml">Atom feed</a></li><li><a href="${local(site, '/feed.json')}" type="application/feed+json">JSON Feed</a></li>${formats}</ul></div></div></section>`;
}
