/**
 * Email delivery killed at random moments (SIGKILL: no cleanup, no last log write) and restarted:
 * every subscriber ends up with the edition exactly once as far as Message-IDs go. Raw duplicates
 * (one Message-ID accepted twice by the server) can only come from the in-doubt window, a kill
 * between the server's 250 and the `sent` write, so there are at most pool-size of them per kill.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../src/store/sqlite/index.js';
import { generatedEdition } from '../src/testing/editions/editions.js';
import { startTestSmtpServer } from '../src/testing/email/smtp-server.js';
import { REPO_ROOT } from '../src/testing/sources/fixtures.js';

const DATE = '2025-06-15';
const SUBSCRIBERS = 500;
const KILLS = 10;
const POOL = 5;
const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function seed(file: string): Promise<Map<number, string>> {
  const store = createSqliteStore({ file });
  await store.migrate();
  const emails = new Map<number, string>();
  for (let i = 1; i <= SUBSCRIBERS; i++) {
    const at = '2025-06-01T00:00:00.000Z';
    const s = await store.subscribers.addConfirmed({
      email: `r${i}@example.com`,
      consentSource: 'test',
      consentAt: at,
      at,
    });
    emails.set(s.id, s.email);
  }
  const edition = generatedEdition(DATE);
  await store.saveEdition(
    { date: edition.date, plan: edition.plan, text: edition.text, meta: edition.meta },
    '2025-06-15T06:30:00.000Z',
    { publish: true },
  );
  await store.close();
  return emails;
}

describe('email delivery crash safety', () => {
  it('SIGKILL at random moments: every subscriber gets one Message-ID, duplicates bounded', {
    timeout: 120_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-email-crash-'));
    const file = join(dir, 'morning-post.db');
    const emails = await seed(file);
    // A little latency per message keeps a run long enough to be interrupted several times.
    const server = await startTestSmtpServer({ latencyMs: 25 });
    const run = () => {
      const child = spawn(
        process.execPath,
        ['--import', TSX_LOADER, join(REPO_ROOT, 'src/testing/email/deliver-child.ts')],
        {
          cwd: dir,
          env: { PATH: process.env.PATH ?? '', MP_DB: file, MP_SMTP_URL: server.url, MP_DATE: DATE },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return { child, done: exited(child), output: () => output };
    };

    const started = Date.now();
    try {
      let kills = 0;
      const killedAfter: number[] = [];
      for (let round = 0; round < KILLS; round++) {
        const { child, done } = run();
        const before = server.accepted;
        let finished = false;
        void done.then(() => (finished = true));
        // Wait until this run is sending, then let it go on for a random while.
        while (!finished && server.accepted === before) await pause(5);
        if (finished) break;
        await pause(Math.floor(Math.random() * 300));
        child.kill('SIGKILL');
        await done;
        kills += 1;
        killedAfter.push(server.accepted);
      }
      const killPhase = Date.now() - started;
      const last = run();
      const code = await last.done;
      expect(code, last.output()).toBe(0);
      const summary = JSON.parse(last.output().trim().split('\n').at(-1) ?? '{}');

      const bySubscriber = new Map<number, Set<string>>();
      const seen = new Map<string, number>();
      for (const mail of server.received) {
        const id = Number(/sub-(\d+)@/.exec(mail.messageId)?.[1]);
        expect(mail.envelopeTo).toEqual([emails.get(id)]);
        bySubscriber.set(id, (bySubscriber.get(id) ?? new Set()).add(mail.messageId));
        seen.set(mail.messageId, (seen.get(mail.messageId) ?? 0) + 1);
      }
      const missing = [...emails.keys()].filter((id) => !bySubscriber.has(id));
      const several = [...bySubscriber].filter(([, ids]) => ids.size !== 1);
      const duplicates = [...seen].filter(([, n]) => n > 1);
      const rawDuplicates = server.received.length - seen.size;
      process.stdout.write(
        `email crash test: ${kills} kills (server total at each: ${killedAfter.join(', ')}), ` +
          `${server.received.length} messages accepted for ${SUBSCRIBERS} subscribers, ` +
          `${rawDuplicates} raw duplicates (the in-doubt window): ${duplicates.map(([id, n]) => `${id}×${n}`).join(' ') || 'none'}; ` +
          `final run ${JSON.stringify(summary)}; kills took ${killPhase} ms, the final run ${Date.now() - started - killPhase} ms\n`,
      );
      expect(kills, 'kills that landed while sending').toBeGreaterThanOrEqual(5);
      expect(missing).toEqual([]);
      expect(several).toEqual([]);
      expect(rawDuplicates).toBeLessThanOrEqual(kills * POOL);

      const store = createSqliteStore({ file });
      const counts = await store.deliveries.counts(DATE, 'email');
      await store.close();
      expect(counts).toMatchObject({ sent: SUBSCRIBERS, pending: 0, sending: 0, failed: 0 });
    } finally {
      await server.close();
    }
  });
});
