/**
 * @module cli/commands/serve
 * `morning-post serve` serves the site folder (publishing it from the store first when it is
 * missing); `morning-post start`, which `npm start` runs, builds today's edition and then serves.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { SiteSettings } from '../../config/schema.js';
import type { Logger } from '../../lib/logger.js';
import { loadEditions } from '../../pipeline/edition.js';
import { publishSite } from '../../pipeline/publish.js';
import { startServer } from '../../server/index.js';
import { openStore } from '../../store/index.js';
import { commandContext, type GlobalOptions } from '../context.js';
import { buildEditionAndSite, type EditionFlags } from '../edition-run.js';
import { parsePort } from '../values.js';
import { addEditionOptions } from './edition.js';

interface ServeFlags {
  port?: string;
  host?: string;
  site?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the site (and /healthz) at MORNING_POST_URL’s port, default 8080')
    .option('--port <n>', 'port to listen on (default: PORT or 8080)')
    .option('--host <address>', 'address to listen on (default: all)')
    .option('--site <dir>', 'the site folder (default: MORNING_POST_SITE_DIR or ./site)')
    .action(async (flags: ServeFlags, command: Command) => {
      const context = commandContext(command.optsWithGlobals<GlobalOptions>());
      await serve(flags, context);
    });

  addEditionOptions(
    program
      .command('start')
      .description("build today's edition (falling back to stored or sample data), then serve the site")
      .option('--port <n>', 'port to listen on (default: PORT or 8080)')
      .option('--host <address>', 'address to listen on (default: all)'),
  ).action(async (flags: EditionFlags & ServeFlags, command: Command) => {
    const context = commandContext(command.optsWithGlobals<GlobalOptions>());
    try {
      await buildEditionAndSite(flags, context);
    } catch (error) {
      // A failed build must not keep yesterday's site offline: report it and serve what there is.
      context.log.error('edition failed; serving the site as it is', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    await serve(flags, context);
  });
}

async function serve(flags: ServeFlags, context: ReturnType<typeof commandContext>): Promise<void> {
  const { config, log } = context;
  const site: SiteSettings = { ...config.site, ...(flags.site ? { dir: flags.site } : {}) };
  if (!existsSync(join(site.dir, 'index.html'))) await publishFromStore(site, context);
  const port = flags.port ? parsePort(flags.port) : site.port;
  const server = await startServer({
    siteDir: site.dir,
    publicUrl: site.url,
    log,
    port,
    ...(flags.host ? { host: flags.host } : {}),
  });
  process.stdout.write(`Serving ${site.dir} at ${server.url} (public address ${site.url}); Ctrl-C stops.\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info('stopping', { signal });
      void server.close().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

async function publishFromStore(
  site: SiteSettings,
  context: { config: { databaseUrl?: string | undefined; dataDir: string }; log: Logger },
) {
  const store = await openStore({ databaseUrl: context.config.databaseUrl, dataDir: context.config.dataDir });
  try {
    await store.migrate();
    const published = await publishSite(await loadEditions(store, context.log), site);
    context.log.info('site published from the store', { dir: published.dir, editions: published.editions });
  } finally {
    await store.close();
  }
}
