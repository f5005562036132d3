/**
 * @module renderers/site/subscription-pages
 * The pages the subscription endpoints answer with: "check your inbox", the form again with an
 * error, confirmed, the unsubscribe button, unsubscribed, and a short page for refusals. None of
 * them names the address or says whether it was known, so a page never tells a stranger who
 * subscribes. Pages reached through a token link are `noindex`.
 */
import {
  type ReaderPreferences,
  TOPIC_DOMAINS,
  TOPIC_SOURCE_IDS,
  TOPIC_SOURCES,
  topicDomainLabel,
} from '../../core/reader.js';
import { stylesheetFile } from './assets.js';
import { local, type Page, pageContext, resolveSite, type SiteContext } from './context.js';
import { html, type Markup } from './html.js';
import { documentPage } from './layout.js';
import { masthead, PAPER_NAME } from './masthead.js';

/** The form field a person never sees; bots that fill every field give themselves away. */
export const HONEYPOT_FIELD = 'website';
const MAX_ECHO = 320;

export interface SubscriptionPages {
  checkInbox(): string;
  /** The form again, with a plain error and (when printable) what was typed. */
  subscribeForm(input?: { error?: string; value?: string }): string;
  /** `manageUrl`: the new reader's own link to choose the weekly edition or topics. */
  confirmed(manageUrl?: string): string;
  confirmInvalid(): string;
  /** The button that unsubscribes; `token` has been checked against the token pattern. */
  unsubscribeForm(token: string): string;
  unsubscribed(): string;
  unsubscribeInvalid(): string;
  /**
   * The reader's own edition: cadence radio buttons and topic checkboxes, the token in a hidden
   * field; `notice` says it was saved (a status) or what was wrong (an alert).
   */
  manageForm(input: {
    token: string;
    preferences: ReaderPreferences;
    notice?: { kind: 'saved' | 'error'; text: string };
  }): string;
  manageInvalid(): string;
  /** A refusal (403, 413, 415, 429, 500) in the site's clothes. */
  problem(title: string, message: string): string;
}

export interface SubscriptionPagesOptions {
  /** The weekly edition's weekday (email.weeklyDay), named on the manage page. */
  weeklyDay?: string;
}

export function subscriptionPages(
  site: SiteContext,
  options: SubscriptionPagesOptions = {},
): SubscriptionPages {
  const weekday = capitalised(options.weeklyDay ?? 'monday');
  const assets = { stylesheetHref: local(resolveSite(site), `/${stylesheetFile().path}`) };
  const page = (): Page => pageContext(site, assets);
  const render = (path: string, title: string, main: (page: Page) => Markup) => {
    const context = page();
    return documentPage(context, {
      title: `${title} | ${PAPER_NAME}`,
      description: `${title}: email subscription to ${PAPER_NAME}.`,
      canonicalPath: path,
      ogType: 'website',
      noindex: true,
      header: masthead(context, {}),
      main: main(context),
    });
  };
  const message = (path: string, title: string, text: Markup | string, more: Markup | string = '') =>
    render(
      path,
      title,
      () => html`<div class="page"><h1>${title}</h1><p class="standfirst">${text}</p>${more}</div>`,
    );
  const home = (context: Page) => html`<p><a href="${local(context.site, '/')}">Read today’s edition</a></p>`;

  return {
    checkInbox: () =>
      render(
        '/subscribe',
        'Check your inbox',
        (context) =>
          html`<div class="page"><h1>Check your inbox</h1><p class="standfirst">If the address can receive the Post, a confirmation email is on its way. Follow the link in it to start receiving each morning’s edition.</p><p>Nothing else is sent until you confirm. If no email arrives within a few minutes, look in your spam folder, or subscribe again to get a new link. If you are already subscribed, there is nothing more to do.</p>${home(context)}</div>`,
      ),
    subscribeForm: (input = {}) =>
      render('/subscribe', input.error ? 'Check the address' : 'Subscribe', (context) =>
        subscribeMain(context, input),
      ),
    confirmed: (manageUrl) =>
      render(
        '/confirm',
        'Subscription confirmed',
        (context) =>
          html`<div class="page"><h1>Subscription confirmed</h1><p class="standfirst">Thank you. The next edition of ${PAPER_NAME} will arrive in your inbox in the morning.</p>${manageUrl ? html`<p>Rather have one email a week, or only the topics you follow? <a href="${manageUrl}">Choose your edition</a>. Every email carries the same link.</p>` : ''}<p>Every email has a link to unsubscribe at once.</p>${home(context)}</div>`,
      ),
    confirmInvalid: () =>
      message(
        '/confirm',
        'Link expired or invalid',
        'This confirmation link has expired, has already been used, or is not one we sent. If you already confirmed, there is nothing more to do; otherwise subscribe again for a new link.',
        html`<p><a href="${local(resolveSite(site), '/#subscribe')}">Subscribe again</a></p>`,
      ),
    unsubscribeForm: (token) =>
      render(
        '/unsubscribe',
        'Unsubscribe',
        (context) =>
          html`<div class="page"><h1>Unsubscribe</h1><p class="standfirst">Stop receiving ${PAPER_NAME} by email? You can subscribe again at any time.</p><form class="subscribe-form" method="post" action="${local(context.site, `/unsubscribe?token=${encodeURIComponent(token)}`)}"><div class="form-row"><button type="submit">Unsubscribe</button></div></form></div>`,
      ),
    unsubscribed: () =>
      message(
        '/unsubscribe',
        'You are unsubscribed',
        'You will receive no more editions by email. The site, the feeds and the Telegram channel stay open to you.',
      ),
    unsubscribeInvalid: () =>
      message(
        '/unsubscribe',
        'Link invalid',
        'This unsubscribe link is not one we sent, or the subscription it belonged to has been erased. Reply to any edition to reach us if you still receive email.',
      ),
    manageForm: (input) =>
      render('/manage', 'Manage your subscription', (context) => manageMain(context, input, weekday)),
    manageInvalid: () =>
      message(
        '/manage',
        'Link expired or invalid',
        'This link to manage your subscription has expired, is not one we sent, or belongs to a subscription that has ended. The newest email you received carries a fresh one.',
        html`<p><a href="${local(resolveSite(site), '/subscribe')}">Subscribe again</a></p>`,
      ),
    problem: (title, text) => message('/subscribe', title, text),
  };
}

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

function manageMain(
  context: Page,
  input: Parameters<SubscriptionPages['manageForm']>[0],
  weekday: string,
): Markup {
  const { cadence, topics } = input.preferences;
  const notice = input.notice
    ? input.notice.kind === 'saved'
      ? html`<div class="notice" role="status"><p>${input.notice.text}</p></div>`
      : html`<div class="notice" id="manage-error" role="alert"><p>${input.notice.text}</p></div>`
    : '';
  const checked = (on: boolean) => (on ? html` checked` : '');
  const radio = (value: string, label: string, note: string) =>
    html`<div class="choice"><input type="radio" id="cadence-${value}" name="cadence" value="${value}"${checked(cadence === value)} aria-describedby="cadence-${value}-note"><label for="cadence-${value}">${label}</label><p class="form-note" id="cadence-${value}-note">${note}</p></div>`;
  const box = (name: string, value: string, label: string, on: boolean) =>
    html`<div class="choice"><input type="checkbox" id="${name}-${value}" name="${name}" value="${value}"${checked(on)}><label for="${name}-${value}">${label}</label></div>`;
  return html`<div class="page"><h1>Manage your subscription</h1><p class="standfirst">Choose how often ${PAPER_NAME} arrives and what its lists carry.</p>${notice}<form class="manage-form" method="post" action="${local(context.site, '/manage')}"><input type="hidden" name="token" value="${input.token}"><fieldset><legend>How often</legend>${radio('daily', 'Daily', 'Every morning’s edition.')}${radio('weekly', 'Weekly', `One email each ${weekday}: the week’s lead stories, its biggest movers and its most upvoted papers.`)}</fieldset><fieldset><legend>Domains</legend><p class="form-note">Trending lists, movers and papers show only items of the domains you tick. Tick none for every domain.</p><div class="choices">${TOPIC_DOMAINS.map((domain) => box('domain', domain, capitalised(topicDomainLabel(domain)), topics.domains.includes(domain)))}</div></fieldset><fieldset><legend>Sources</legend><p class="form-note">Tick none for every source.</p><div class="choices">${TOPIC_SOURCE_IDS.map((source) => box('source', source, TOPIC_SOURCES[source].label, topics.sources.includes(source)))}</div></fieldset><div class="form-row"><button type="submit">Save preferences</button></div><p class="form-note">The lead story, opinion and deep dive stay in every edition. Every email has a one-click unsubscribe link.</p></form></div>`;
}

function subscribeMain(context: Page, input: { error?: string; value?: string }): Markup {
  const value = printable(input.value);
  const error = input.error
    ? html`<div class="notice" id="subscribe-error" role="alert"><p>${input.error}</p></div>`
    : '';
  const invalid = input.error ? html` aria-invalid="true" aria-describedby="subscribe-error"` : '';
  return html`<div class="page"><h1>Subscribe to ${PAPER_NAME}</h1><p class="standfirst">Get each morning’s edition in your inbox: the day’s stories, the numbers behind them and the tools worth a look.</p>${error}<form class="subscribe-form" method="post" action="${local(context.site, '/subscribe')}"><label for="subscribe-email">Email address</label><div class="form-row"><input id="subscribe-email" type="email" name="email" required autocomplete="email" spellcheck="false" value="${value}"${invalid}><button type="submit">Subscribe</button></div><div hidden><label for="subscribe-${HONEYPOT_FIELD}">Leave this field empty</label><input id="subscribe-${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div><p class="form-note">We send a confirmation link first; nothing else arrives until you follow it. Every email has a one-click unsubscribe link.</p></form></div>`;
}

/** What was typed, shown back only when it is one short printable line. */
function printable(value: string | undefined): string {
  if (!value || value.length > MAX_ECHO || /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(value)) return '';
  return value.trim();
}
