/**
 * @module config/schema
 * The effective configuration, validated with zod. Every field has a default, so an empty
 * environment gives a working setup (SQLite under ./data, public upstream endpoints).
 */
import { z } from 'zod';
import { DEFAULT_TRUST_PROXY, proxyEntryProblem } from '../lib/proxy-trust.js';

const url = z.url({ protocol: /^https?$/ });
const positiveInt = z.coerce.number().int().positive();

export const DEFAULT_RELEASE_REPOS = [
  'huggingface/transformers',
  'pytorch/pytorch',
  'ultralytics/ultralytics',
  'scikit-learn/scikit-learn',
  'keras-team/keras',
  'vllm-project/vllm',
  'ggml-org/llama.cpp',
  'huggingface/diffusers',
  'ollama/ollama',
  'langchain-ai/langchain',
  'huggingface/peft',
  'jax-ml/jax',
] as const;

export const HttpSettingsSchema = z.object({
  timeoutMs: positiveInt.default(20_000),
  retries: z.coerce.number().int().min(0).max(10).default(3),
  /** A rate limit that resets later than this is reported instead of waited out. */
  maxRetryWaitMs: positiveInt.default(90_000),
  concurrencyPerHost: positiveInt.default(4),
  /** Where conditional-request bodies (ETag) are kept between runs: empty means `<dataDir>/http-cache`, `off` disables. */
  cacheDir: z.string().default(''),
  userAgentContact: z.string().default('https://github.com/morning-post/morning-post'),
});

export const EndpointsSchema = z.object({
  huggingface: url.default('https://huggingface.co'),
  githubServer: url.default('https://github.com'),
  githubApi: url.default('https://api.github.com'),
  arxiv: url.default('http://export.arxiv.org/api/query'),
});

export const TokensSchema = z.object({
  huggingface: z.string().min(1).optional(),
  github: z.string().min(1).optional(),
});

export const SourceSettingsSchema = z.object({
  hfModels: z.object({ topN: positiveInt.max(1000).default(100) }).prefault({}),
  hfNewModels: z
    .object({
      windowDays: positiveInt.max(31).default(7),
      pageSize: positiveInt.max(1000).default(500),
      pageCap: positiveInt.default(80),
    })
    .prefault({}),
  hfDatasets: z.object({ topN: positiveInt.max(1000).default(50) }).prefault({}),
  hfSpaces: z.object({ topN: positiveInt.max(1000).default(50) }).prefault({}),
  hfPapers: z
    .object({
      limit: positiveInt.max(100).default(50),
      lookbackDays: z.coerce.number().int().min(0).max(14).default(4),
    })
    .prefault({}),
  githubTrending: z
    .object({
      periods: z
        .array(z.enum(['daily', 'weekly', 'monthly']))
        .min(1)
        .default(['daily', 'weekly']),
      /** Language slugs as GitHub spells them in trending URLs, fetched besides "all languages". */
      languages: z.array(z.string().regex(/^[a-z0-9#+%.-]+$/i)).default(['python', 'jupyter-notebook']),
    })
    .prefault({}),
  githubReleases: z
    .object({ repos: z.array(z.string().regex(/^[\w.-]+\/[\w.-]+$/)).default([...DEFAULT_RELEASE_REPOS]) })
    .prefault({}),
  arxiv: z
    .object({
      categories: z
        .array(z.string().regex(/^[a-z-]+\.[A-Za-z-]+$/))
        .min(1)
        .default(['cs.AI', 'cs.LG', 'cs.CL', 'cs.CV']),
      maxResults: positiveInt.max(2000).default(300),
      /** arXiv's terms ask for one request every three seconds. */
      minIntervalMs: z.coerce.number().int().min(0).default(3000),
    })
    .prefault({}),
});

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Berlin or UTC');

export const EditionSettingsSchema = z.object({
  /** The edition's time zone: weekend shares and "this Sunday" are reckoned in it. */
  timeZone: timeZone.default('UTC'),
  /** Organisations counted as big labs; the built-in list when absent. */
  bigLabs: z.array(z.string().min(1)).optional(),
});

export const SiteSettingsSchema = z.object({
  /** The public address: every absolute link (feeds, canonical URLs, sitemap, emails) starts with it. */
  url: url.default('http://localhost:8080'),
  /** Where the rendered site is written and served from. */
  dir: z.string().default('site'),
  /**
   * `s3://bucket/prefix`: every publish also uploads the site to this bucket (changed files only;
   * endpoint, region and credentials from the standard AWS variables). Unset: the folder only.
   */
  publish: z
    .string()
    .regex(
      /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[^\s]*)?$/,
      'must be s3://bucket or s3://bucket/prefix',
    )
    .optional(),
  /** The port `morning-post serve` listens on. */
  port: z.coerce.number().int().min(0).max(65_535).default(8080),
  /**
   * The search form on every page, for `GET /search`, which only `serve` answers. `auto`: on the
   * pages `serve` publishes itself (its folder, its daily job) unless a bucket (`publish`) is set,
   * since a bucket or a plain web server has no /search; `on`: on every page, wherever it is
   * published (a proxy or CDN in front sends /search to `serve`); `off`: nowhere, and `serve`
   * does not answer /search.
   */
  search: z.enum(['auto', 'on', 'off']).default('auto'),
  /**
   * The Telegram channel: `@name`, a t.me link, or a numeric chat id (posted to, but with no public
   * link for the page). Omitted from the page when unset.
   */
  telegramChannel: z
    .string()
    .regex(
      /^(@[A-Za-z]\w{3,}|https:\/\/t\.me\/[\w+/-]+|-?\d+)$/,
      'must be @name, https://t.me/… or a chat id',
    )
    .optional(),
});

/** Weekdays as settings name them, Sunday first (as Date#getUTCDay counts). */
export const WEEKDAY_NAMES = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

export const EmailSettingsSchema = z.object({
  /** `smtp://user:pass@host:587`, `smtps://…:465`; unset = email delivery is off (subscriptions still stored). */
  smtpUrl: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** The From header, e.g. `The AI Morning Post <post@example.org>`. */
  from: z.string().min(3).default('The AI Morning Post <post@localhost>'),
  /** Where one-click unsubscribe mail goes (`mailto:` in List-Unsubscribe); default: the From address. */
  unsubscribeMailbox: z.string().email().optional(),
  /** Connections in the SMTP pool. */
  poolSize: positiveInt.max(50).default(5),
  /** Permanent failures (5xx) after which an address is marked bounced. */
  bounceLimit: positiveInt.max(100).default(3),
  /** Attempts per message for transient failures (4xx, dropped connections). */
  maxAttempts: positiveInt.max(20).default(5),
  /** Optional DKIM signing. */
  dkim: z
    .object({
      domainName: z.string().min(1),
      keySelector: z.string().min(1),
      privateKeyFile: z.string().min(1),
    })
    .optional(),
  /** How long a confirmation link stays valid. */
  confirmTtlHours: positiveInt.max(24 * 30).default(72),
  /**
   * Messages per second one worker sends to one receiving domain (gmail.com, …), so big providers
   * do not throttle us; 0 = unpaced. Each worker paces itself: N workers send up to N times this.
   */
  perDomainRate: z.coerce.number().nonnegative().max(10_000).default(0),
  /**
   * The weekday the weekly edition goes to readers who chose it (the week ending that day, in the
   * edition's time zone); every other reader gets the daily edition every day.
   */
  weeklyDay: z.enum(WEEKDAY_NAMES).default('monday'),
});

export const TelegramSettingsSchema = z.object({
  botToken: z
    .string()
    .regex(/^\d+:[\w-]+$/, 'must look like 123456:ABC-…')
    .optional(),
  /** The Bot API server: the official one, or a self-hosted telegram-bot-api. */
  apiUrl: url.default('https://api.telegram.org'),
});

export const ScheduleSettingsSchema = z.object({
  /** Cron expression (5 fields) for the daily job, in `edition.timeZone`; `off` disables it. */
  cron: z.string().default('0 6 * * *'),
});

/** `on`/`off` (also true/false, 1/0) in the environment, a boolean in the config file. */
const onOff = z
  .union([z.boolean(), z.enum(['on', 'off', 'true', 'false', '1', '0'])])
  .transform((value) => value === true || value === 'on' || value === 'true' || value === '1');

/** The job queue (src/queue): pg-boss on Postgres, in-process with SQLite. */
export const QueueSettingsSchema = z.object({
  /** pg-boss's own schema in the store's database. */
  schema: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be lower-case letters, digits and underscores')
    .default('pgboss'),
  /** Recipients per email batch job. */
  batchSize: positiveInt.max(10_000).default(500),
  /**
   * How long one batch may take before it counts as abandoned (its worker died) and another worker
   * takes it up; a live worker stops taking rows from it at half this time.
   */
  batchTimeoutSeconds: positiveInt
    .min(10)
    .max(24 * 3600)
    .default(900),
  /** How long finished jobs (and the confirmation links in them) are kept, in minutes. */
  retentionMinutes: positiveInt.max(7 * 24 * 60).default(60),
  /** Jobs one `worker` process (or `serve`) handles at once, by default. */
  concurrency: positiveInt.max(64).default(2),
  /** With Postgres, `serve` works the queue too; turn off when dedicated `worker` processes run. */
  workInServe: onOff.default(true),
});

export const LogSettingsSchema = z.object({
  /** The lowest level written; `--verbose` (debug) and `--quiet` (error) override it. */
  level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** `json`: one JSON object a line, with its time; `pretty`: one readable line; `auto`: pretty on a terminal. */
  format: z.enum(['auto', 'json', 'pretty']).default('auto'),
});

export const ServerSettingsSchema = z.object({
  /** One info record per request: method, path (secrets in the query masked), status, bytes, ms, request id. */
  accessLog: onOff.default(true),
  /** `GET /metrics` in the Prometheus text format. */
  metrics: onOff.default(true),
  /** When set, `/metrics` answers only `Authorization: Bearer <token>`. */
  metricsToken: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * MiB of memory for the site's files and their .br/.gz copies, served from memory; a file bigger
   * than a quarter of it (4 MiB at most) is streamed from disk instead.
   */
  cacheMb: z.coerce.number().int().min(1).max(65_536).default(64),
  /**
   * Whose X-Forwarded-For is believed for a client's address: addresses and CIDR blocks of the
   * proxies in front (`10.0.0.0/8`), `loopback` (a proxy on this machine) or `none`.
   */
  trustProxy: z
    .array(
      z
        .string()
        .trim()
        .superRefine((entry, ctx) => {
          const problem = proxyEntryProblem(entry);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    )
    .min(1, 'must list at least one entry (none to trust no proxy)')
    .default([...DEFAULT_TRUST_PROXY]),
  /**
   * How often `serve` asks the store whether a newer edition was published (by another instance
   * or a separate run) and republishes its own folder; 0 checks only at start.
   */
  editionPollSeconds: z.coerce.number().int().min(0).max(3600).default(20),
  /** The read-only JSON API under /api/v1/ (docs/api.md). */
  api: onOff.default(true),
  /**
   * Requests a minute one client address may make to the API (a burst of as many, refilled
   * evenly), shared by every `serve` instance on the store; 0 sets no limit.
   */
  apiRateLimit: z.coerce.number().int().min(0).max(1_000_000).default(120),
});

/** `input=0.15,output=0.60` in the environment (USD per million tokens), an object in the file. */
const prices = z.union([
  z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict(),
  z.string().transform((text, ctx) => {
    const parsed: Record<string, number> = {};
    for (const part of text.split(',')) {
      const [name, value] = part.split('=').map((piece) => piece.trim());
      const number = Number(value);
      if ((name !== 'input' && name !== 'output') || !value || !Number.isFinite(number) || number < 0) {
        ctx.addIssue({
          code: 'custom',
          message: `"${text}" is not input=USD,output=USD (per million tokens)`,
        });
        return z.NEVER;
      }
      parsed[name] = number;
    }
    if (parsed.input === undefined || parsed.output === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${text}" needs both input and output prices` });
      return z.NEVER;
    }
    return { input: parsed.input, output: parsed.output };
  }),
]);

/** One LLM provider's account: its key and, for a proxy or a compatible server, its address. */
const ProviderAccountSchema = z.object({
  apiKey: z.string().min(1).optional(),
  baseUrl: url.optional(),
});

export const WriterConfigSchema = z.object({
  /** `newsroom` (built in), or `openai:MODEL`, `anthropic:MODEL`, `openai-compatible:MODEL`. */
  use: z.string().trim().min(1).default('newsroom'),
  /** OpenAI and OpenAI-compatible servers (Ollama, vLLM, llama.cpp). */
  openai: ProviderAccountSchema.prefault({}),
  anthropic: ProviderAccountSchema.prefault({}),
  /** Tokens (input + output) one edition may spend; unset means no limit. */
  maxTokens: positiveInt.optional(),
  timeoutMs: positiveInt.default(60_000),
  prices: prices.optional(),
  /** Where answers are cached: empty means `<dataDir>/llm-cache`, `off` disables the cache. */
  cacheDir: z.string().default(''),
});

export const ConfigSchema = z.object({
  dataDir: z.string().default('data'),
  /** `postgres://…` selects Postgres; otherwise SQLite at `<dataDir>/morning-post.db`. */
  databaseUrl: z
    .string()
    .regex(/^(postgres|postgresql|sqlite):/, 'must start with postgres://, postgresql:// or sqlite:')
    .optional(),
  /** Sources run when none are named on the command line. */
  sources: z.array(z.string()).optional(),
  http: HttpSettingsSchema.prefault({}),
  endpoints: EndpointsSchema.prefault({}),
  tokens: TokensSchema.prefault({}),
  source: SourceSettingsSchema.prefault({}),
  edition: EditionSettingsSchema.prefault({}),
  site: SiteSettingsSchema.prefault({}),
  email: EmailSettingsSchema.prefault({}),
  telegram: TelegramSettingsSchema.prefault({}),
  schedule: ScheduleSettingsSchema.prefault({}),
  queue: QueueSettingsSchema.prefault({}),
  log: LogSettingsSchema.prefault({}),
  server: ServerSettingsSchema.prefault({}),
  writer: WriterConfigSchema.prefault({}),
});

export type Config = z.infer<typeof ConfigSchema>;
export type HttpSettings = z.infer<typeof HttpSettingsSchema>;
export type Endpoints = z.infer<typeof EndpointsSchema>;
export type SourceSettings = z.infer<typeof SourceSettingsSchema>;
export type EditionSettings = z.infer<typeof EditionSettingsSchema>;
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;
export type EmailSettings = z.infer<typeof EmailSettingsSchema>;
export type TelegramSettings = z.infer<typeof TelegramSettingsSchema>;
export type ScheduleSettings = z.infer<typeof ScheduleSettingsSchema>;
export type LogSettings = z.infer<typeof LogSettingsSchema>;
export type QueueSettings = z.infer<typeof QueueSettingsSchema>;
export type ServerSettings = z.infer<typeof ServerSettingsSchema>;
export type WriterConfig = z.infer<typeof WriterConfigSchema>;
