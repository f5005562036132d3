import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EmailSettingsSchema } from '../../config/schema.js';
import { isMorningPostError } from '../../core/errors.js';
import { startTestSmtpServer } from '../../testing/email/smtp-server.js';
import { backoffDelay, classifySmtpError } from './failures.js';
import { createMailTransport, smtpRedactor } from './transport.js';

const settingsFor = (input: Record<string, unknown>) => EmailSettingsSchema.parse(input);
const keep = (text: string) => text;

describe('createMailTransport', () => {
  it('says which setting to set when no SMTP server is configured', () => {
    const error = (() => {
      try {
        createMailTransport(settingsFor({}));
      } catch (e) {
        return e;
      }
    })();
    expect(isMorningPostError(error) && error.code).toBe('CONFIG_INVALID');
    expect(isMorningPostError(error) && error.hint).toMatch(/SMTP_URL/);
  });

  it('pools poolSize connections and leaves retries to the delivery log', () => {
    const transport = createMailTransport(
      settingsFor({ smtpUrl: 'smtps://u:p%40ss@mail.example.org', poolSize: 7 }),
    );
    const options = transport.options as Record<string, unknown>;
    expect(options).toMatchObject({ pool: true, maxConnections: 7, maxRequeues: 0, secure: true, port: 465 });
    expect(options.auth).toEqual({ user: 'u', pass: 'p@ss' });
    transport.close();
  });

  it('names an unreadable DKIM key file without reading anything else', () => {
    const settings = settingsFor({
      smtpUrl: 'smtp://127.0.0.1:25',
      dkim: { domainName: 'example.org', keySelector: 'mp', privateKeyFile: '/nonexistent/dkim.pem' },
    });
    expect(() => createMailTransport(settings)).toThrow(/dkim\.pem/);
  });

  it('signs with DKIM when a key is configured', async () => {
    const server = await startTestSmtpServer();
    const dir = mkdtempSync(join(tmpdir(), 'mp-dkim-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'dkim.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const transport = createMailTransport(
      settingsFor({
        smtpUrl: server.url,
        dkim: { domainName: 'example.org', keySelector: 'mp', privateKeyFile: keyFile },
      }),
    );
    await transport.sendMail({
      from: 'post@example.org',
      to: 'reader@example.com',
      subject: 'Signed',
      text: 'hi',
    });
    transport.close();
    await server.close();
    const signature =
      server.received[0]?.parsed.headerLines.find((h) => h.key === 'dkim-signature')?.line ?? '';
    expect(signature).toMatch(/d=example\.org/);
    expect(signature).toMatch(/s=mp/);
  });
});

describe('smtpRedactor', () => {
  it('removes the password as written, decoded and base64-encoded', () => {
    const redact = smtpRedactor(settingsFor({ smtpUrl: 'smtp://user:p%40ss-w0rd@mail.example.org:587' }));
    const b64 = Buffer.from('p@ss-w0rd').toString('base64');
    expect(redact(`AUTH failed for p@ss-w0rd / p%40ss-w0rd / ${b64}`)).toBe(
      'AUTH failed for **** / **** / ****',
    );
  });
});

describe('classifySmtpError', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      '550 on RCPT',
      { code: 'EENVELOPE', responseCode: 550, command: 'RCPT TO', response: '550 No such user' },
      'permanent',
    ],
    ['554 on DATA', { code: 'EMESSAGE', responseCode: 554, command: 'DATA' }, 'permanent'],
    ['553 on MAIL FROM', { code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }, 'fatal'],
    ['451 on RCPT', { code: 'EENVELOPE', responseCode: 451, command: 'RCPT TO' }, 'transient'],
    ['503 bad sequence', { code: 'EPROTOCOL', responseCode: 503 }, 'transient'],
    ['421 closing', { code: 'EENVELOPE', responseCode: 421 }, 'connection'],
    ['reset', { code: 'ECONNRESET', message: 'socket hang up' }, 'connection'],
    ['closed', { code: 'ECONNECTION', message: 'Connection closed unexpectedly' }, 'connection'],
    ['timeout', { code: 'ETIMEDOUT' }, 'connection'],
    ['socket', { code: 'ESOCKET' }, 'connection'],
    ['auth', { code: 'EAUTH', responseCode: 535 }, 'fatal'],
    ['local envelope', { code: 'EENVELOPE', message: 'No recipients defined' }, 'invalid'],
  ];
  it.each(cases)('%s', (_name, error, kind) => {
    expect(classifySmtpError(Object.assign(new Error(String(error.message ?? 'x')), error), keep).kind).toBe(
      kind,
    );
  });

  it('describes the failure in one redacted line', () => {
    const error = Object.assign(new Error('ignored'), {
      responseCode: 535,
      command: 'AUTH PLAIN',
      response: '535 5.7.8 bad credentials for hunter22\r\n',
    });
    const failure = classifySmtpError(error, (text) => text.replaceAll('hunter22', '****'));
    expect(failure.description).toBe('AUTH PLAIN 535: 535 5.7.8 bad credentials for ****');
  });
});

describe('backoffDelay', () => {
  it('doubles per attempt up to a minute, with half the delay random', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 1))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(30, () => 1)).toBe(60_000);
  });
});
