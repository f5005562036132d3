/**
 * `morning-post deliver` on the weekly edition's weekday (issue 13): the daily edition to daily
 * readers and the week to weekly readers, each shown on its own row; run again, nothing is sent;
 * `--channel weekly` runs the weekly edition alone, on any day.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../store/index.js';
import { cli } from '../../testing/cli/run.js';
import { generatedEdition } from '../../testing/editions/editions.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../testing/email/smtp-server.js';

const MONDAY = '2026-10-12';

describe('morning-post deliver and the weekly edition', () => {
  let smtp: TestSmtpServer;
  const dir = mkdtempSync(join(tmpdir(), 'mp-deliver-weekly-'));
  let env: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    env = {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'The AI Morning Post <post@example.org>',
      MORNING_POST_URL: 'https://post.example.org',
    };
    const store = await openStore({ databaseUrl: undefined, dataDir: join(dir, 'data') });
    await store.migrate();
    for (const day of ['2026-10-08', MONDAY]) {
      const edition = generatedEdition(day);
      await store.saveEdition(
        { date: day, plan: edition.plan, text: edition.text, meta: edition.meta },
        `${day}T05:00:00.000Z`,
        {
          publish: true,
        },
      );
    }
    const at = '2026-10-01T00:00:00.000Z';
    await store.subscribers.addConfirmed({
      email: 'daily@example.org',
      consentSource: 'test',
      consentAt: at,
      at,
    });
    const weekly = await store.subscribers.addConfirmed({
      email: 'weekly@example.org',
      consentSource: 'test',
      consentAt: at,
      at,
    });
    await store.subscribers.setPreferences(
      weekly.id,
      { cadence: 'weekly', topics: { domains: [], sources: [] } },
      at,
    );
    await store.close();
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it('sends each reader their edition on the weekly day, once', async () => {
    const first = await cli(['deliver', '--date', MONDAY, '--channel', 'email'], env, dir);
    expect(first.code, first.stderr).toBe(0);
    expect(smtp.received.map((mail) => mail.envelopeTo[0])).toEqual(['daily@example.org']);

    const both = await cli(['deliver', '--date', MONDAY], env, dir);
    expect(both.code, both.stderr).toBe(0);
    expect(both.stdout).toMatch(/^email\s+1\s+0\s+1\s+0\s+0\s+0$/m);
    expect(both.stdout).toMatch(/^email-weekly\s+1\s+1\s+0\s+0\s+0\s+0$/m);
    expect(smtp.received.map((mail) => mail.envelopeTo[0])).toEqual([
      'daily@example.org',
      'weekly@example.org',
    ]);
    expect(smtp.received[1]?.parsed.subject).toBe('The AI Morning Post — week of 6 October 2026');

    const again = await cli(['deliver', '--date', MONDAY, '--channel', 'weekly', '--json'], env, dir);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual([
      expect.objectContaining({
        channel: 'email-weekly',
        status: 'delivered',
        summary: expect.objectContaining({ sent: 0, alreadySent: 1 }),
      }),
    ]);
    expect(smtp.received).toHaveLength(2);
  }, 240_000);
});
