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

export function maskConfig(config: Config): Config {
  return {
    ...config,
    databaseUrl: maskDatabaseUrl(config.databaseUrl),
    tokens: { huggingface: maskSecret(config.tokens.huggingface), github: maskSecret(config.tokens.github) },
    // An SMTP URL carries its password the way a database URL does.
    email: { ...config.email, smtpUrl: maskDatabaseUrl(config.email.smtpUrl) },
    telegram: { ...config.telegram, botToken: maskSecret(config.telegram.botToken) },
  };
}
