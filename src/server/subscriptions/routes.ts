/**
 * @module server/subscriptions/routes
 * The subscription endpoints, as routes for `startServer`:
 *
 * - `GET /subscribe`: the form on a page of its own.
 * - `POST /subscribe`: the form. Whatever the address's state (new, pending, confirmed), a valid
 *   address gets the same "check your inbox" page, byte for byte, and the confirmation email is
 *   sent after the response, so neither the page nor its timing tells a stranger who subscribes.
 * - `GET /confirm?token=…`: double opt-in's confirmation (link scanners may follow it; that is
 *   accepted practice). `HEAD` only says whether the link is good, without using it.
 * - `GET /unsubscribe?token=…`: a page with the Unsubscribe button; a GET never unsubscribes,
 *   since scanners and prefetchers follow links.
 * - `POST /unsubscribe?token=…`: the button, and RFC 8058 one-click from mail providers
 *   (`List-Unsubscribe=One-Click`). No Origin check here: the mail provider posts from its own
 *   origin, and the unguessable token (256 random bits, given only to the recipient) is the
 *   whole authority, so a forged cross-site post cannot unsubscribe anyone it has no token for.
 * - `GET /manage?token=…`: the reader's own edition (cadence, topics), from the link in every
 *   email; `POST /manage` saves it (the token in a hidden field, so it never lands in a log line
 *   of the post). Both are tokened pages: no-store, and no Referer leaves them (so the browser
 *   posts with `Origin: null`, and, as for one-click unsubscribe, the token alone authorises).
 */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { describeError } from '../../core/errors.js';
import { filtersNothing, type ReaderPreferences, topicsPhrase } from '../../core/reader.js';
import type { Logger } from '../../lib/logger.js';
import { DEFAULT_TRUST_PROXY, type ProxyTrust, proxyTrust } from '../../lib/proxy-trust.js';
import { HONEYPOT_FIELD, subscriptionPages } from '../../renderers/site/subscription-pages.js';
import {
  confirmLinkOwner,
  manageUrl,
  parseManageForm,
  readerByManageToken,
  savePreferences,
} from '../../subscriptions/preferences.js';
import {
  confirm,
  isLiveToken,
  type SubscriptionDeps,
  subscribe,
  unsubscribe,
} from '../../subscriptions/service.js';
import { CACHE_NONE } from '../headers.js';
import { send } from '../respond.js';
import type { RequestContext, Route } from '../routes.js';
import { declaresTooMuch, fromOwnOrigin, isUrlEncodedForm, parseForm, readBody } from './form.js';
import { clientAddress, type RateLimit, RateLimiter, type RateLimiting, rateKey } from './rate-limit.js';

export interface SubscriptionRouteOptions {
  /** Subscribe requests per client; 5 per 10 minutes by default. */
  rateLimit?: RateLimit;
  /**
   * Where the buckets live: `serve` passes a StoreRateLimiter, so every instance on the store
   * shares one limit; by default a RateLimiter in this process, with `rateLimit`.
   */
  limiter?: RateLimiting;
  /** Whose X-Forwarded-For to believe for the client's address (lib/proxy-trust); loopback by default. */
  trustProxy?: ProxyTrust;
  /** Largest form body accepted, in bytes; 4 kB by default. */
  bodyLimit?: number;
  /** The site's Telegram channel, passed to the page context like every other page's. */
  telegramChannel?: string;
  /**
   * A subscribe is answered no sooner than this after it arrived (50 ms by default): the work is
   * already the same for every address, and the floor hides what a new row's write still adds.
   */
  answerFloorMs?: number;
  /** The weekly edition's weekday (email.weeklyDay), named on the manage page; Monday by default. */
  weeklyDay?: string;
  /** The pages' masthead carries the search form, as the published pages do (SiteContext.search). */
  search?: boolean;
}

export const DEFAULT_SUBSCRIBE_LIMIT: RateLimit = { capacity: 5, windowMs: 10 * 60_000 };
const INVALID_ADDRESS = 'That does not look like an email address. Please check it and try again.';

export function subscriptionRoutes(deps: SubscriptionDeps, options: SubscriptionRouteOptions = {}): Route[] {
  const pages = subscriptionPages(
    { baseUrl: deps.baseUrl, telegramChannel: options.telegramChannel, search: options.search === true },
    options.weeklyDay ? { weeklyDay: options.weeklyDay } : {},
  );
  const publicOrigin = new URL(deps.baseUrl).origin;
  const bodyLimit = options.bodyLimit ?? 4096;
  const answerFloorMs = options.answerFloorMs ?? 50;
  const trustProxy = options.trustProxy ?? proxyTrust(DEFAULT_TRUST_PROXY);
  const limiter =
    options.limiter ??
    new RateLimiter(options.rateLimit ?? DEFAULT_SUBSCRIBE_LIMIT, () => deps.clock.now().getTime());

  const page = (res: ServerResponse, status: number, body: string, headers: OutgoingHttpHeaders = {}) =>
    send(res, status, Buffer.from(body), {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': CACHE_NONE,
      ...headers,
    });
  // The rest of an oversized body is not worth reading: answer, then drop the connection.
  /** A page reached with a token: never cached, and its address (the token) never sent on as a Referer. */
  const tokened = (res: ServerResponse, status: number, body: string) =>
    page(res, status, body, { 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' });
  const tooLarge = (res: ServerResponse) =>
    page(res, 413, pages.problem('Too much data', 'The form sent more than an email address needs.'), {
      Connection: 'close',
    });
  const failed = (res: ServerResponse, log: Logger, error: unknown) => {
    log.error('subscription request failed', { error: describeError(error) });
    page(res, 500, pages.problem('Something went wrong', 'Please try again in a few minutes.'));
  };

  /**
   * Starts the send without waiting for it, so the answer's timing does not depend on the mail
   * server (nor reveal whether a mail was sent). A failure is logged with the subscriber's id,
   * never the address; the person can simply subscribe again.
   */
  const background = (log: Logger): SubscriptionDeps => ({
    ...deps,
    sendConfirmation: (message) => {
      void (async () => deps.sendConfirmation(message))().catch((error: unknown) =>
        log.error('confirmation email failed', {
          subscriberId: message.subscriberId,
          error: describeError(error),
        }),
      );
      return Promise.resolve();
    },
  });

  async function postSubscribe({ req, res, log }: RequestContext): Promise<void> {
    if (!isUrlEncodedForm(req)) {
      return page(res, 415, pages.problem('Unsupported form', 'Please use the subscribe form on the site.'), {
        'Accept-Post': 'application/x-www-form-urlencoded',
      });
    }
    if (declaresTooMuch(req, bodyLimit)) return tooLarge(res);
    if (!fromOwnOrigin(req, publicOrigin)) {
      return page(res, 403, pages.problem('Not allowed', 'Please subscribe with the form on our own site.'));
    }
    const ip = clientAddress(req, trustProxy);
    let decision: Awaited<ReturnType<RateLimiting['take']>>;
    try {
      decision = await limiter.take(rateKey(ip));
    } catch (error) {
      return failed(res, log, error);
    }
    if (!decision.ok) {
      return page(
        res,
        429,
        pages.problem('Too many requests', 'Please wait a few minutes before subscribing again.'),
        { 'Retry-After': String(decision.retryAfterSeconds) },
      );
    }
    const body = await readBody(req, bodyLimit);
    if (!body.ok) return body.reason === 'too-large' ? tooLarge(res) : void res.destroy();
    const form = parseForm(body.body);
    if (!form.ok) return page(res, 400, pages.subscribeForm({ error: form.reason }));
    // A filled-in hidden field is a bot: it is told what a person would be, and nothing is stored.
    if (form.fields.get(HONEYPOT_FIELD)) return page(res, 200, pages.checkInbox());
    const emails = form.fields.getAll('email');
    if (emails.length !== 1) return page(res, 400, pages.subscribeForm({ error: INVALID_ADDRESS }));
    const email = emails[0] as string;
    try {
      const started = performance.now();
      const { outcome } = await subscribe(background(log), { email, source: 'web-form', ip });
      const wait = answerFloorMs - (performance.now() - started);
      if (wait > 0) await deps.clock.sleep(wait);
      if (outcome === 'invalid')
        return page(res, 400, pages.subscribeForm({ error: INVALID_ADDRESS, value: email }));
      page(res, 200, pages.checkInbox());
    } catch (error) {
      failed(res, log, error);
    }
  }

  async function getConfirm({ res, target, log }: RequestContext): Promise<void> {
    try {
      const token = tokenOf(target.search);
      const owner = await confirmLinkOwner(deps, token);
      const outcome = await confirm(deps, token);
      // The new reader's own link to choose the weekly edition or topics: a tokened page now.
      if (outcome === 'confirmed' && owner !== undefined)
        tokened(res, 200, pages.confirmed(await manageUrl(deps, owner)));
      else if (outcome === 'confirmed') page(res, 200, pages.confirmed());
      else page(res, 400, pages.confirmInvalid());
    } catch (error) {
      failed(res, log, error);
    }
  }

  async function headConfirm({ res, target, log }: RequestContext): Promise<void> {
    try {
      const live = await isLiveToken(deps, 'confirm', tokenOf(target.search));
      page(res, live ? 200 : 400, live ? pages.confirmed() : pages.confirmInvalid());
    } catch (error) {
      failed(res, log, error);
    }
  }

  async function getUnsubscribe({ res, target, log }: RequestContext): Promise<void> {
    const token = tokenOf(target.search);
    try {
      if (await isLiveToken(deps, 'unsubscribe', token)) page(res, 200, pages.unsubscribeForm(token));
      else page(res, 400, pages.unsubscribeInvalid());
    } catch (error) {
      failed(res, log, error);
    }
  }

  async function postUnsubscribe({ req, res, target, log }: RequestContext): Promise<void> {
    // The body (empty, or `List-Unsubscribe=One-Click`) says nothing the token does not; it is
    // read only to keep the connection usable, and bounded like any other.
    if (declaresTooMuch(req, bodyLimit)) return tooLarge(res);
    const body = await readBody(req, bodyLimit);
    if (!body.ok) return body.reason === 'too-large' ? tooLarge(res) : void res.destroy();
    try {
      const outcome = await unsubscribe(deps, tokenOf(target.search));
      if (outcome === 'unsubscribed') page(res, 200, pages.unsubscribed());
      else page(res, 400, pages.unsubscribeInvalid());
    } catch (error) {
      failed(res, log, error);
    }
  }

  async function getManage({ res, target, log }: RequestContext): Promise<void> {
    const token = tokenOf(target.search);
    try {
      const reader = await readerByManageToken(deps, token);
      if (!reader) return tokened(res, 400, pages.manageInvalid());
      tokened(res, 200, pages.manageForm({ token, preferences: reader }));
    } catch (error) {
      failed(res, log, error);
    }
  }

  async function postManage({ req, res, log }: RequestContext): Promise<void> {
    if (!isUrlEncodedForm(req)) {
      return page(res, 415, pages.problem('Unsupported form', 'Please use the form on the manage page.'), {
        'Accept-Post': 'application/x-www-form-urlencoded',
      });
    }
    if (declaresTooMuch(req, bodyLimit)) return tooLarge(res);
    // No Origin check: the page is served with no-referrer, so a browser posts its form with
    // `Origin: null`; the token (256 random bits, only in the reader's emails) is the authority.
    const body = await readBody(req, bodyLimit);
    if (!body.ok) return body.reason === 'too-large' ? tooLarge(res) : void res.destroy();
    const fields = parseForm(body.body);
    const form = fields.ok ? parseManageForm(fields.fields) : undefined;
    try {
      const token = form?.token ?? '';
      const reader = await readerByManageToken(deps, token);
      if (!reader || !form) return tokened(res, 400, pages.manageInvalid());
      if (!form.ok) {
        const notice = { kind: 'error' as const, text: form.error };
        return tokened(res, 400, pages.manageForm({ token, preferences: reader, notice }));
      }
      const saved = await savePreferences(deps, token, form.preferences);
      if (!saved) return tokened(res, 400, pages.manageInvalid());
      const notice = { kind: 'saved' as const, text: savedText(form.preferences) };
      tokened(res, 200, pages.manageForm({ token, preferences: form.preferences, notice }));
    } catch (error) {
      failed(res, log, error);
    }
  }

  return [
    { method: 'GET', path: '/manage', handler: getManage },
    { method: 'POST', path: '/manage', handler: postManage },
    // Reloading the page a failed post left behind asks for the form again.
    { method: 'GET', path: '/subscribe', handler: ({ res }) => page(res, 200, pages.subscribeForm()) },
    { method: 'POST', path: '/subscribe', handler: postSubscribe },
    { method: 'GET', path: '/confirm', handler: getConfirm },
    { method: 'HEAD', path: '/confirm', handler: headConfirm },
    { method: 'GET', path: '/unsubscribe', handler: getUnsubscribe },
    { method: 'POST', path: '/unsubscribe', handler: postUnsubscribe },
  ];
}

/** What the reader will now receive, in one sentence. */
function savedText({ cadence, topics }: ReaderPreferences): string {
  const what = filtersNothing(topics)
    ? 'with everything in it'
    : `its lists carrying only ${topicsPhrase(topics, 'items')}`;
  return `Saved. From the next one, you will receive the ${cadence} edition, ${what}.`;
}

/** The `token` parameter, or '' (which no token pattern accepts). */
function tokenOf(search: string): string {
  const values = new URLSearchParams(search).getAll('token');
  return values.length === 1 ? (values[0] as string) : '';
}
