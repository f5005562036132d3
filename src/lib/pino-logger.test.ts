import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load.js';
import { maskConfig, maskUrlCredentials } from '../config/mask.js';
import { type LogFormat, pinoLogger, prettyLine, resolveLogFormat } from './pino-logger.js';

function capture(format: LogFormat, level: 'debug' | 'info' | 'warn' | 'error' = 'info') {
  const lines: string[] = [];
  const log = pinoLogger({ level, format, write: (line) => lines.push(line) });
  return { log, lines };
}

describe('the process logger (pino)', () => {
  it('writes one JSON object a line, with time, level and msg', () => {
    const { log, lines } = capture('json');
    log.info('source collected', { source: 'hf-models', items: 100 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    expect(lines[0]?.trimEnd()).not.toContain('\n');
    const record = JSON.parse(lines[0] ?? '');
    expect(record).toMatchObject({ level: 'info', msg: 'source collected', source: 'hf-models', items: 100 });
    expect(new Date(record.time).toISOString()).toBe(record.time);
  });

  it('drops records below its level', () => {
    const { log, lines } = capture('json', 'warn');
    log.debug('quiet');
    log.info('quiet too');
    log.warn('heard');
    log.error('heard too');
    expect(lines.map((line) => JSON.parse(line).level)).toEqual(['warn', 'error']);
  });

  it('redacts fields named like secrets, and credentials inside URLs in any field', () => {
    const { log, lines } = capture('json');
    log.warn('smtp refused', {
      password: 'hunter2',
      apiKey: 'sk-live-123456',
      nested: { token: 'ghp_abcdef', authorization: 'Bearer abc.def', kept: 'visible' },
      smtpUrl: 'smtp://mailer:s3cret@mail.example.org:587',
      reason: 'connect failed for smtps://mailer:s3cret@mail.example.org',
      link: 'https://post.example.org/unsubscribe?token=tok_secret&x=1',
      error: new Error('GET https://api.telegram.org/bot123456:AA-secret/sendMessage failed'),
    });
    const line = lines[0] ?? '';
    for (const secret of [
      'hunter2',
      'sk-live-123456',
      'ghp_abcdef',
      'abc.def',
      's3cret',
      'tok_secret',
      'AA-secret',
    ])
      expect(line).not.toContain(secret);
    const record = JSON.parse(line);
    expect(record.password).toBe('[redacted]');
    expect(record.nested).toEqual({ token: '[redacted]', authorization: '[redacted]', kept: 'visible' });
    expect(record.smtpUrl).toBe('smtp://mailer:****@mail.example.org:587');
    expect(record.reason).toBe('connect failed for smtps://mailer:****@mail.example.org');
    expect(record.link).toBe('https://post.example.org/unsubscribe?token=****&x=1');
    expect(record.error).toMatchObject({ type: 'Error', message: expect.stringContaining('/bot****/') });
  });

  it("censors a secret whatever its case, and leaves the caller's object as it was", () => {
    const { log, lines } = capture('json');
    const fields = { Authorization: 'Bearer abc', headers: { 'Set-Cookie': 'sid=1' }, count: 2 };
    log.info('x', fields);
    expect(JSON.parse(lines[0] ?? '')).toMatchObject({
      Authorization: '[redacted]',
      headers: { 'Set-Cookie': '[redacted]' },
      count: 2,
    });
    expect(fields.Authorization).toBe('Bearer abc');
  });

  it('keeps its own time, level and msg when a field has one of those names', () => {
    const { log, lines } = capture('json');
    log.info('ok', { level: 'sub-level', msg: 'field' });
    const record = JSON.parse(lines[0] ?? '');
    expect(record).toMatchObject({ level: 'info', msg: 'ok', field_level: 'sub-level', field_msg: 'field' });
  });

  it('writes one readable line on a terminal, secrets redacted there too', () => {
    const { log, lines } = capture('pretty');
    log.warn('http retry', { url: 'https://u:pw@huggingface.co/api/models', status: 503, waitMs: 500 });
    expect(lines).toHaveLength(1);
    const line = lines[0] ?? '';
    expect(line).toMatch(
      /^\d{2}:\d{2}:\d{2}\.\d{3} warn {2}http retry url=https:\/\/u:\*\*\*\*@huggingface\.co\/api\/models status=503 waitMs=500\n$/,
    );
    expect(line).not.toContain('{"');
  });

  it('keeps a pretty record on one line when a field holds line breaks', () => {
    expect(prettyLine(JSON.stringify({ level: 'error', time: '2026-01-01T00:00:00Z', msg: 'a\nb' }))).toMatch(
      /^\S+ error a\\nb\n$/,
    );
  });

  it('chooses pretty on a terminal and JSON elsewhere unless told', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('auto', undefined)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });
});

describe('log and server settings', () => {
  const load = (env: Record<string, string>) => loadConfig({ env, cwd: '/nonexistent-dir-for-config' });

  it('reads LOG_LEVEL and LOG_FORMAT, defaulting to info and auto', () => {
    expect(load({}).config.log).toEqual({ level: 'info', format: 'auto' });
    expect(load({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' }).config.log).toEqual({
      level: 'debug',
      format: 'json',
    });
    expect(() => load({ LOG_LEVEL: 'verbose' })).toThrow(/log\.level.*LOG_LEVEL/);
    expect(() => load({ LOG_FORMAT: 'xml' })).toThrow(/log\.format.*LOG_FORMAT/);
  });

  it('turns the access log and /metrics off with off, and masks the metrics token', () => {
    expect(load({}).config.server).toMatchObject({ accessLog: true, metrics: true });
    expect(load({}).config.server.metricsToken).toBeUndefined();
    const { config } = load({
      MORNING_POST_ACCESS_LOG: 'off',
      MORNING_POST_METRICS: 'false',
      MORNING_POST_METRICS_TOKEN: 'a-long-enough-scrape-token',
    });
    expect(config.server).toMatchObject({
      accessLog: false,
      metrics: false,
      metricsToken: 'a-long-enough-scrape-token',
    });
    expect(() => load({ MORNING_POST_METRICS: 'maybe' })).toThrow(/server\.metrics/);
    expect(JSON.stringify(maskConfig(config))).not.toContain('a-long-enough-scrape-token');
  });
});

describe('maskUrlCredentials', () => {
  it.each([
    ['smtp://user:pass@host:587', 'smtp://user:****@host:587'],
    ['see https://ghp_token@github.com/x', 'see https://****@github.com/x'],
    ['https://x.org/a?api_key=zz&b=1', 'https://x.org/a?api_key=****&b=1'],
    ['https://host/path@not-userinfo', 'https://host/path@not-userinfo'],
    ['mailto:post@example.org', 'mailto:post@example.org'],
  ])('%s → %s', (input, output) => {
    expect(maskUrlCredentials(input)).toBe(output);
  });
});
