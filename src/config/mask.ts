/**
 * @module config/mask
 * Secrets never leave the process in clear: tokens and database passwords are masked for display.
 */
import type { Config } from './schema.js';

export function maskSecret(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.length <= 8 ? '****' : `${value.slice(0, 4)}…${'*'.repeat(4)}`;
}

export function maskDatabaseUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed = new URL(value);
    if (parsed.password) parsed.password = '****';
    return parsed.toString();
  } catch {
    return value.replace(/:\/\/([^:@/]+):[^@/]+@/, '://$1:****@');
  }
}

/**
 * Masks credentials wherever URLs appear in a text: the password of `scheme://user:password@host`
 * (all of a userinfo without a colon, which is a token more often than a name), the value of query
 * parameters named like a secret (token, key, secret, password, signature), and a Bot API token.
 */
export function maskUrlCredentials(text: string): string {
  return text
    .replace(/(\b[a-z][a-z0-9+.-]*:\/\/)([^\s/?#@]+)@/gi, (_, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      return `${scheme}${colon < 0 ? '****' : `${userinfo.slice(0, colon)}:****`}@`;
    })
    .replace(/([?&][\w.-]*(?:token|key|secret|password|signature)[\w.-]*=)[^&#\s]+/gi, '$1****')
    .replace(/\/bot\d+:[\w-]+/g, '/bot****');
}

export function maskConfig(config: Config): Config {
  return {
    ...config,
    databaseUrl: maskDatabaseUrl(config.databaseUrl),
    tokens: { huggingface: maskSecret(config.tokens.huggingface), github: maskSecret(config.tokens.github) },
    // An SMTP URL carries its password the way a database URL does.
    email: { ...config.email, smtpUrl: maskDatabaseUrl(config.email.smtpUrl) },
    telegram: { ...config.telegram, botToken: maskSecret(config.telegram.botToken) },
    server: { ...config.server, metricsToken: maskSecret(config.server.metricsToken) },
    writer: {
      ...config.writer,
      openai: { ...config.writer.openai, apiKey: maskSecret(config.writer.openai.apiKey) },
      anthropic: { ...config.writer.anthropic, apiKey: maskSecret(config.writer.anthropic.apiKey) },
    },
  };
}
