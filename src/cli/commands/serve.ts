/**
 * @module cli/commands/serve
 * `morning-post serve` serves the site folder (publishing it from the store first when it is
 * missing); `morning-post start`, which `npm start` runs, builds today's edition and then serves.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { apiRoutes } from '../../api/routes.js';
import type { SiteSettings } from '../../config/schema.js';
import { dayIn } from '../../core/clock.js';
import { proxyTrust } from '../../lib/proxy-trust.js';
import { loadEditions } from '../../pipeline/edition.js';
import { publishSite } from '../../pipeline/publish.js';
import { runDailyJob } from '../../scheduler/job.js';
import { parseSchedule, startSchedule } from '../../scheduler/schedule.js';
import { dailySteps, type StepDeps } from '../../scheduler/steps.js';
import { siteHealth, startServer } from '../../server/index.js';
import { storeReadiness } from '../../server/readiness.js';
import { DEFAULT_SEARCH_RATE, searchRoutes } from '../../server/search.js';
import { SiteSync } from '../../server/site-sync.js';
import {
  DEFAULT_SUBSCRIBE_LIMIT,
  StoreRateLimiter,
  subscriptionRoutes,
} from '../../server/subscriptions/index.js';
import { openStore } from '../../store/index.js';
import { commandContext, type GlobalOptions, writerFor } from '../context.js';
import { buildEditionAndSite, type EditionFlags } from '../edition-run.js';
import { serveQueue } from '../serve-queue.js';
import { parsePort } from '../values.js';
import { addEditionOptions } from './edition.js';

interface ServeFlags {
  port?: string;
  host?: string;
  site?: string;
  /** commander's `--no-schedule`. */
  schedule?: boolean;
  writer?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the site (and /healthz) at MORNING_POST_URL’s port, default 8080')
    .option('--port <n>', 'port to listen on (default: PORT or 8080)')
    .option('--host <address>', 'address to listen on (default: 127.0.0.1)')
    .option('--site <dir>', 'the site folder (default: MORNING_POST_SITE_DIR or ./site)')
    .option('--no-schedule', 'do not run the daily job (MORNING_POST_SCHEDULE) in this process')
    .action(async (flags: ServeFlags, command: Command) => {
      const context = commandContext(command.optsWithGlobals<GlobalOptions>());
      await serve(flags, context);
    });

  addEditionOptions(
    program
      .command('start')
      .description("build today's edition (falling back to stored or sample data), then serve the site")
      .option('--port <n>', 'port to listen on (default: PORT or 8080)')
      .option('--host <address>', 'address to listen on (default: 127.0.0.1)')
      .option('--no-schedule', 'do not run the daily job (MORNING_POST_SCHEDULE) in this process'),
  ).action(async (flags: EditionFlags & ServeFlags, command: Command) => {
    // A bad port stops `start` before it collects or writes anything.
    if (flags.port) parsePort(flags.port);
    const context = commandContext(command.optsWithGlobals<GlobalOptions>());
    const at = context.clock.now();
    // The daily job's catch-up, starting right after, must not collect the same day again.
    const collected = flags.offline ? undefined : { day: dayIn(at, context.config.edition.timeZone), at };
    try {
      // The folder `start` serves is built with the search form as `serve` would build it.
      await buildEditionAndSite(flags, {
        ...context,
        config: { ...context.config, site: servedSite(context.config.site) },
      });
    } catch (error) {
      // A failed build must not keep yesterday's site offline: report it and serve what there is.
      context.log.error('edition failed; serving the site as it is', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    await serve(flags, context, collected);
  });
}

async function serve(
  flags: ServeFlags,
  context: ReturnType<typeof commandContext>,
  collected?: StepDeps['collected'],
): Promise<void> {
  const { config, clock, log } = context;
  const site: SiteSettings = servedSite({ ...config.site, ...(flags.site ? { dir: flags.site } : {}) });
  // Arguments first: nothing is published or opened for a command that cannot run.
  const port = flags.port ? parsePort(flags.port) : site.port;
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await store.migrate();
  if (!existsSync(join(site.dir, 'index.html'))) {
    const published = await publishSite(await loadEditions(store, log), site, { store });
    log.info('site published from the store', { dir: published.dir, editions: published.editions });
  }
  // Every instance follows the store: an edition another instance (or a separate run) published
  // is rendered into this instance's own folder within server.editionPollSeconds.
  const siteSync = new SiteSync({
    store,
    site,
    publish: async () =>
      publishSite(await loadEditions(store, log), { ...site, publish: undefined }, { store }),
    log,
    intervalMs: config.server.editionPollSeconds * 1000,
    // A folder built without the search form (by `edition`, or before it existed) is built again.
    ...(site.search === 'on' ? { renderKey: 'search' } : {}),
  });
  await siteSync.start();
  const shutdown = new AbortController();
  // Confirmation emails (and with Postgres the edition's batches) through the job queue.
  const mailer = await serveQueue(config, store, { ...context, signal: shutdown.signal });
  const routes = subscriptionRoutes(
    {
      store,
      clock,
      baseUrl: site.url,
      confirmTtlHours: config.email.confirmTtlHours,
      sendConfirmation: mailer.sendConfirmation,
    },
    {
      ...(site.telegramChannel ? { telegramChannel: site.telegramChannel } : {}),
      // One limit for every instance on this store, whichever of them a client reaches.
      limiter: new StoreRateLimiter(store.rateLimits, DEFAULT_SUBSCRIBE_LIMIT, () => clock.now().getTime(), {
        log,
      }),
      trustProxy: proxyTrust(config.server.trustProxy),
      weeklyDay: config.email.weeklyDay,
      search: site.search === 'on',
    },
  );
  // GET /search (server/search.ts) unless site.search is off, limited per client like subscribing.
  if (config.site.search !== 'off')
    routes.push(
      ...searchRoutes({
        search: store.search,
        site: {
          baseUrl: site.url,
          ...(site.telegramChannel ? { telegramChannel: site.telegramChannel } : {}),
        },
        limiter: new StoreRateLimiter(store.rateLimits, DEFAULT_SEARCH_RATE, () => clock.now().getTime(), {
          scope: 'search',
          log,
        }),
        trustProxy: proxyTrust(config.server.trustProxy),
      }),
    );
  // The read-only JSON API (api/), limited per client address across every instance on the store.
  if (config.server.api) {
    const rateLimit = { capacity: config.server.apiRateLimit, windowMs: 60_000 };
    routes.push(
      ...apiRoutes({
        store,
        publicUrl: site.url,
        trustProxy: proxyTrust(config.server.trustProxy),
        ...(rateLimit.capacity > 0
          ? {
              rateLimit,
              limiter: new StoreRateLimiter(store.rateLimits, rateLimit, () => clock.now().getTime(), {
                scope: 'api',
                log,
              }),
            }
          : {}),
      }),
    );
  }
  // Settings that can be wrong are checked before the port opens, so a bad one stops the start.
  const writer = writerFor(config, flags.writer);
  if (flags.schedule !== false && config.schedule.cron.trim() !== 'off')
    parseSchedule(config.schedule.cron, config.edition.timeZone);
  // One registry for this process: the daily job it runs and the requests it answers. Loaded
  // here, so the other commands do not pay for prom-client at start-up.
  const metrics = config.server.metrics
    ? (await import('../../lib/metrics/prometheus.js')).createPrometheusMetrics()
    : undefined;
  const observed = metrics ? { metrics } : {};
  const steps = dailySteps({
    store,
    config: { ...config, site },
    clock,
    log,
    writer,
    signal: shutdown.signal,
    ...(collected ? { collected } : {}),
    ...observed,
    ...(mailer.shared ? { queue: mailer.shared } : {}),
  });
  const server = await startServer({
    siteDir: site.dir,
    publicUrl: site.url,
    log,
    port,
    routes,
    ...(flags.host ? { host: flags.host } : {}),
    accessLog: config.server.accessLog,
    cacheBytes: config.server.cacheMb * 1024 * 1024,
    health: siteHealth(site.dir, () => siteSync.served()),
    readiness: storeReadiness({ store, clock, timeZone: config.edition.timeZone, log }),
    ...observed,
    ...(metrics
      ? {
          exposition: {
            contentType: metrics.contentType,
            render: () => metrics.render(),
            bearerToken: config.server.metricsToken,
          },
        }
      : {}),
  });
  const schedule =
    flags.schedule === false
      ? undefined
      : await startSchedule({
          cron: config.schedule.cron,
          timeZone: config.edition.timeZone,
          clock,
          log,
          runs: store.jobRuns,
          run: (day) =>
            runDailyJob({ day, locks: store.locks, runs: store.jobRuns, steps, clock, log, ...observed }),
        });
  const next = schedule?.next();
  context.batchLogs(true);
  process.stdout.write(
    `Serving ${site.dir} at ${server.url} (public address ${site.url}); ` +
      `${next ? `daily job next at ${next.toISOString()}` : 'no schedule'}; Ctrl-C stops.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info('stopping', { signal });
      // Delivery stops taking new messages and records those in flight before the store closes.
      shutdown.abort();
      void siteSync
        .stop()
        .then(() => server.close())
        .then(() => schedule?.stop())
        .then(() => mailer.close())
        .then(() => store.close())
        .then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

/**
 * The site settings `serve` publishes with: `site.search` `auto` becomes `on` (the pages carry the
 * search form, which this server answers) unless a bucket is set, whose copy has no /search.
 */
export function servedSite(site: SiteSettings): SiteSettings {
  return site.search === 'auto' ? { ...site, search: site.publish ? 'off' : 'on' } : site;
}
