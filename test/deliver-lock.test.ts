/**
 * `morning-post deliver` and the store lock it shares with the daily job, with the real CLI in
 * child processes, a SQLite store and a real SMTP server: a deliver killed (SIGKILL) while it
 * holds the lock leaves the lock behind, and the rerun the docs recommend takes it over at once
 * and finishes; a live holder on this machine is respected; another machine's lock is named in
 * the refusal and `--break-lock` removes it, saying whose it was.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_LOCK } from '../src/scheduler/job.js';
import { parseHolder, thisPlace } from '../src/scheduler/lock.js';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/store.js';
import { CLI_ARGS, cli, cliEnv } from '../src/testing/cli/run.js';
import { generatedEdition } from '../src/testing/editions/editions.js';
import { startTestSmtpServer, type TestSmtpServer } from '../src/testing/email/smtp-server.js';

const DATE = '2025-06-15';
const SUBSCRIBERS = 40;
const ELSEWHERE = 'other-machine#00000000:4242:abcdef01';

/** The log line with this message (whatever the log format), or '' when there is none. */
const logLine = (stderr: string, message: string) =>
  stderr.split('\n').find((line) => line.includes(message)) ?? '';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('deliver and the delivery lock', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    // Each message waits a little, so a delivery is still sending when it is killed.
    smtp = await startTestSmtpServer({ latencyMs: 40 });
  });
  afterAll(async () => {
    await smtp?.close();
  });

  /** A folder with a store holding a published edition and `count` confirmed subscribers. */
  async function world(prefix: string, count = SUBSCRIBERS) {
    const dir = mkdtempSync(join(tmpdir(), 'mp-deliver-lock-'));
    const open = () => openStore({ databaseUrl: undefined, dataDir: join(dir, 'data') });
    const store = await open();
    await store.migrate();
    for (let i = 1; i <= count; i++) {
      const at = '2025-06-01T00:00:00.000Z';
      await store.subscribers.addConfirmed({
        email: `${prefix}${i}@example.org`,
        consentSource: 'test',
        consentAt: at,
        at,
      });
    }
    const edition = generatedEdition(DATE);
    await store.saveEdition(
      { date: edition.date, plan: edition.plan, text: edition.text, meta: edition.meta },
      `${DATE}T06:30:00.000Z`,
      { publish: true },
    );
    await store.close();
    const env = {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'The AI Morning Post <post@example.org>',
      MORNING_POST_URL: 'https://post.example.org',
      MORNING_POST_SCHEDULE: 'off',
    };
    const deliver = (...extra: string[]) =>
      cli(['deliver', '--date', DATE, '--channel', 'email', ...extra], env, dir);
    const withStore = async <T>(use: (store: Store) => Promise<T>): Promise<T> => {
      const store = await open();
      try {
        return await use(store);
      } finally {
        await store.close();
      }
    };
    const received = (address: string) => smtp.received.filter((m) => m.envelopeTo.includes(address));
    return { dir, env, deliver, withStore, received };
  }

  it('a deliver SIGKILLed while it holds the lock: the rerun at once takes the lock over and finishes', {
    timeout: 120_000,
  }, async () => {
    const w = await world('killed');
    const child: ChildProcess = spawn(
      process.execPath,
      [...CLI_ARGS, 'deliver', '--date', DATE, '--channel', 'email'],
      { cwd: w.dir, env: cliEnv(w.dir, w.env), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let output = '';
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let finished = false;
    void exited.then(() => (finished = true));
    // Killed once it is sending: it holds the lock then.
    const sent = () => smtp.received.filter((m) => m.envelopeTo[0]?.startsWith('killed')).length;
    while (!finished && sent() === 0) await pause(10);
    expect(finished, `deliver finished before it could be killed:\n${output}`).toBe(false);
    child.kill('SIGKILL');
    await exited;
    const sentBeforeKill = sent();

    // What the kill left: the lock, held by the dead process, its lease still running.
    const left = await w.withStore((store) => store.locks.holder(JOB_LOCK));
    expect(left && parseHolder(left.holder)).toMatchObject({ place: thisPlace(), pid: child.pid });
    expect(Date.parse(left?.expiresAt ?? '')).toBeGreaterThan(Date.now());

    const rerun = await w.deliver();
    expect(rerun.code, rerun.stderr).toBe(0);
    const takeover = logLine(rerun.stderr, 'took over a lock whose holder process is gone');
    expect(takeover, rerun.stderr).toContain('warn');
    expect(takeover).toContain(left?.holder);
    expect(rerun.stdout).toMatch(/email\s*│?\s*40/);
    const counts = await w.withStore((store) => store.deliveries.counts(DATE, 'email'));
    expect(counts).toMatchObject({ sent: SUBSCRIBERS, pending: 0, sending: 0, failed: 0 });
    for (let i = 1; i <= SUBSCRIBERS; i++)
      expect(w.received(`killed${i}@example.org`).length).toBeGreaterThan(0);
    expect(sentBeforeKill).toBeLessThan(SUBSCRIBERS);
    expect(await w.withStore((store) => store.locks.holder(JOB_LOCK))).toBeUndefined();
  });

  it('refuses while a live process of this machine holds the lock, naming it, with no --break-lock hint', {
    timeout: 60_000,
  }, async () => {
    const w = await world('live', 2);
    // This test process: alive, on the same machine as the deliver it starts.
    const live = `${thisPlace()}:${process.pid}:0badc0de`;
    const until = new Date(Date.now() + 60_000).toISOString();
    await w.withStore((store) =>
      store.locks.acquire({ name: JOB_LOCK, holder: live, now: new Date().toISOString(), expiresAt: until }),
    );
    const refused = await w.deliver();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('The daily job or another delivery is running on this store');
    expect(refused.stderr).toContain(`${hostname()} pid ${process.pid}`);
    expect(refused.stderr).toContain(`lease until ${until}`);
    expect(refused.stderr).not.toContain('--break-lock');
    expect(w.received('live1@example.org')).toEqual([]);
    expect((await w.withStore((store) => store.locks.holder(JOB_LOCK)))?.holder).toBe(live);
  });

  it('names another machine’s lock and hints at --break-lock, which removes it, logs whose it was, and delivers', {
    timeout: 60_000,
  }, async () => {
    const w = await world('far', 2);
    const since = new Date(Date.now() - 30_000).toISOString();
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await w.withStore((store) =>
      store.locks.acquire({ name: JOB_LOCK, holder: ELSEWHERE, now: since, expiresAt: until }),
    );
    const refused = await w.deliver();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `another delivery is running on this store: other-machine pid 4242 has held its lock since ${since}, lease until ${until}.`,
    );
    expect(refused.stderr).toContain('run deliver --break-lock');
    expect(w.received('far1@example.org')).toEqual([]);

    const broken = await w.deliver('--break-lock');
    expect(broken.code, broken.stderr).toBe(0);
    const warning = logLine(broken.stderr, 'lock broken on request');
    expect(warning, broken.stderr).toContain('warn');
    expect(warning).toContain(ELSEWHERE);
    expect(warning).toContain(since);
    expect(w.received('far1@example.org')).toHaveLength(1);
    expect(w.received('far2@example.org')).toHaveLength(1);
    expect(await w.withStore((store) => store.locks.holder(JOB_LOCK))).toBeUndefined();

    const dry = await w.deliver('--break-lock', '--dry-run');
    expect(dry.code).toBe(2);
    expect(dry.stderr).toContain('--break-lock does nothing with --dry-run');
  });
});
