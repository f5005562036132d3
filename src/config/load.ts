/**
 * @module config/load
 * Reads one optional JSON config file, then the environment (which wins), and validates the
 * result. Errors name the setting to fix and where it came from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { MorningPostError } from '../core/errors.js';
import { type Config, ConfigSchema } from './schema.js';
import { unknownKeys } from './unknown-keys.js';

export const DEFAULT_CONFIG_FILE = 'morning-post.config.json';

type Env = Readonly<Record<string, string | undefined>>;
type Tree = { [key: string]: unknown };

/** Environment variable → path in the config tree, with how to read its text. */
const ENV_MAP: ReadonlyArray<readonly [string, string, 'string' | 'list']> = [
  ['MORNING_POST_DATA_DIR', 'dataDir', 'string'],
  ['DATABASE_URL', 'databaseUrl', 'string'],
  ['MORNING_POST_SOURCES', 'sources', 'list'],
  ['HF_ENDPOINT', 'endpoints.huggingface', 'string'],
  ['GITHUB_SERVER_URL', 'endpoints.githubServer', 'string'],
  ['GITHUB_API_URL', 'endpoints.githubApi', 'string'],
  ['ARXIV_API_URL', 'endpoints.arxiv', 'string'],
  ['HF_TOKEN', 'tokens.huggingface', 'string'],
  ['GITHUB_TOKEN', 'tokens.github', 'string'],
  ['MORNING_POST_HTTP_TIMEOUT_MS', 'http.timeoutMs', 'string'],
  ['MORNING_POST_HTTP_RETRIES', 'http.retries', 'string'],
  ['MORNING_POST_HTTP_CONCURRENCY', 'http.concurrencyPerHost', 'string'],
  ['MORNING_POST_HTTP_CACHE_DIR', 'http.cacheDir', 'string'],
  ['MORNING_POST_HF_TOP_N', 'source.hfModels.topN', 'string'],
  ['MORNING_POST_NEW_MODELS_DAYS', 'source.hfNewModels.windowDays', 'string'],
  ['MORNING_POST_GITHUB_PERIODS', 'source.githubTrending.periods', 'list'],
  ['MORNING_POST_GITHUB_LANGUAGES', 'source.githubTrending.languages', 'list'],
  ['MORNING_POST_RELEASE_REPOS', 'source.githubReleases.repos', 'list'],
  ['MORNING_POST_ARXIV_CATEGORIES', 'source.arxiv.categories', 'list'],
  ['MORNING_POST_ARXIV_MAX_RESULTS', 'source.arxiv.maxResults', 'string'],
  ['MORNING_POST_TZ', 'edition.timeZone', 'string'],
  ['MORNING_POST_BIG_LABS', 'edition.bigLabs', 'list'],
  ['MORNING_POST_URL', 'site.url', 'string'],
  ['MORNING_POST_SITE_DIR', 'site.dir', 'string'],
  ['MORNING_POST_PUBLISH', 'site.publish', 'string'],
  ['PORT', 'site.port', 'string'],
  ['TELEGRAM_CHANNEL', 'site.telegramChannel', 'string'],
  ['MORNING_POST_SEARCH', 'site.search', 'string'],
  ['SMTP_URL', 'email.smtpUrl', 'string'],
  ['MAIL_FROM', 'email.from', 'string'],
  ['MORNING_POST_UNSUBSCRIBE_MAILBOX', 'email.unsubscribeMailbox', 'string'],
  ['MORNING_POST_SMTP_POOL', 'email.poolSize', 'string'],
  ['MORNING_POST_BOUNCE_LIMIT', 'email.bounceLimit', 'string'],
  ['MORNING_POST_CONFIRM_TTL_HOURS', 'email.confirmTtlHours', 'string'],
  ['MORNING_POST_EMAIL_DOMAIN_RATE', 'email.perDomainRate', 'string'],
  ['MORNING_POST_WEEKLY_DAY', 'email.weeklyDay', 'string'],
  ['TELEGRAM_BOT_TOKEN', 'telegram.botToken', 'string'],
  ['TELEGRAM_API_URL', 'telegram.apiUrl', 'string'],
  ['MORNING_POST_SCHEDULE', 'schedule.cron', 'string'],
  ['MORNING_POST_QUEUE_SCHEMA', 'queue.schema', 'string'],
  ['MORNING_POST_QUEUE_BATCH', 'queue.batchSize', 'string'],
  ['MORNING_POST_QUEUE_TIMEOUT', 'queue.batchTimeoutSeconds', 'string'],
  ['MORNING_POST_QUEUE_RETENTION_MINUTES', 'queue.retentionMinutes', 'string'],
  ['MORNING_POST_QUEUE_CONCURRENCY', 'queue.concurrency', 'string'],
  ['MORNING_POST_QUEUE_IN_SERVE', 'queue.workInServe', 'string'],
  ['LOG_LEVEL', 'log.level', 'string'],
  ['LOG_FORMAT', 'log.format', 'string'],
  ['MORNING_POST_ACCESS_LOG', 'server.accessLog', 'string'],
  ['MORNING_POST_METRICS', 'server.metrics', 'string'],
  ['MORNING_POST_METRICS_TOKEN', 'server.metricsToken', 'string'],
  ['MORNING_POST_CACHE_MB', 'server.cacheMb', 'string'],
  ['MORNING_POST_TRUST_PROXY', 'server.trustProxy', 'list'],
  ['MORNING_POST_EDITION_POLL_SECONDS', 'server.editionPollSeconds', 'string'],
  ['MORNING_POST_API', 'server.api', 'string'],
  ['MORNING_POST_API_RATE_LIMIT', 'server.apiRateLimit', 'string'],
  ['MORNING_POST_WRITER', 'writer.use', 'string'],
  ['OPENAI_API_KEY', 'writer.openai.apiKey', 'string'],
  ['OPENAI_BASE_URL', 'writer.openai.baseUrl', 'string'],
  ['ANTHROPIC_API_KEY', 'writer.anthropic.apiKey', 'string'],
  ['ANTHROPIC_BASE_URL', 'writer.anthropic.baseUrl', 'string'],
  ['MORNING_POST_LLM_MAX_TOKENS', 'writer.maxTokens', 'string'],
  ['MORNING_POST_LLM_TIMEOUT_MS', 'writer.timeoutMs', 'string'],
  ['MORNING_POST_LLM_PRICES', 'writer.prices', 'string'],
  ['MORNING_POST_LLM_CACHE_DIR', 'writer.cacheDir', 'string'],
];

export interface LoadConfigOptions {
  env?: Env;
  cwd?: string;
  /**
   * An explicit file; otherwise MORNING_POST_CONFIG, then ./morning-post.config.json if present;
   * `false` reads the environment alone.
   */
  file?: string | false;
}

export interface LoadedConfig {
  config: Config;
  /** Where each set value came from, for `morning-post config`. */
  origins: Record<string, string>;
  file: string | undefined;
}

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = options.file === false ? undefined : locateFile(options.file ?? env.MORNING_POST_CONFIG, cwd);
  const tree: Tree = file ? readFile(file) : {};
  const unknown = file ? unknownKeys(tree, ConfigSchema) : [];
  if (unknown.length > 0)
    throw new MorningPostError(
      'CONFIG_INVALID',
      `Config file ${file} has ${unknown.length === 1 ? 'a key' : 'keys'} the Post does not know: ${unknown.join(', ')}.`,
      { hint: 'Fix or remove it; README.md, "Configuration", lists every setting.' },
    );
  const origins: Record<string, string> = {};
  for (const path of leafPaths(tree)) origins[path] = file ?? '';

  for (const [name, path, kind] of ENV_MAP) {
    const raw = name === 'HF_TOKEN' ? (env.HF_TOKEN ?? env.HUGGING_FACE_HUB_TOKEN) : env[name];
    if (raw === undefined || raw.trim() === '') continue;
    setPath(tree, path, kind === 'list' ? splitList(raw) : raw.trim());
    origins[path] = `env ${name}`;
  }

  const parsed = ConfigSchema.safeParse(tree);
  if (!parsed.success) throw configError(parsed.error, origins);
  return { config: withLocalUrl(parsed.data, origins), origins, file };
}

/**
 * Without a public address set, links point at this machine on the port it serves: `PORT=3000`
 * alone must not send every link to :8080.
 */
function withLocalUrl(config: Config, origins: Record<string, string>): Config {
  const { port } = config.site;
  if (origins['site.url'] || port === 0 || port === 8080) return config;
  return { ...config, site: { ...config.site, url: `http://localhost:${port}` } };
}

function locateFile(explicit: string | undefined, cwd: string): string | undefined {
  if (explicit) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) {
      throw new MorningPostError('CONFIG_INVALID', `Config file not found: ${path}`, {
        hint: 'Fix MORNING_POST_CONFIG or --config, or remove it to use the defaults.',
      });
    }
    return path;
  }
  const fallback = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(fallback) ? fallback : undefined;
}

function readFile(path: string): Tree {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new MorningPostError(
      'CONFIG_INVALID',
      `Config file ${path} is not valid JSON: ${(error as Error).message}`,
      {
        hint: 'The config file is JSON; see README.md, "Configuration".',
      },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MorningPostError('CONFIG_INVALID', `Config file ${path} must hold a JSON object.`);
  }
  return value as Tree;
}

function configError(error: z.ZodError, origins: Record<string, string>): MorningPostError {
  const lines = error.issues.map((issue) => {
    const path = issue.path.join('.');
    const origin = origins[path];
    const envName = ENV_MAP.find(([, p]) => p === path)?.[0];
    const where = origin ? ` (from ${origin})` : envName ? ` (set ${envName})` : '';
    return `  ${path || '(root)'}: ${issue.message}${where}`;
  });
  return new MorningPostError('CONFIG_INVALID', `Invalid configuration:\n${lines.join('\n')}`, {
    hint: 'See README.md, "Configuration", for every setting and its environment variable.',
  });
}

function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

function setPath(tree: Tree, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = tree;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Tree;
  }
  node[keys[keys.length - 1] as string] = value;
}

function leafPaths(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? leafPaths(value as Tree, path)
      : [path];
  });
}

/** Variables the config reads, for documentation and `morning-post config`. */
export const CONFIG_ENV_VARS = ENV_MAP.map(([name, path]) => ({ name, path }));
