/**
 * @module cli/commands/subscribers
 * `morning-post subscribers list|add|remove|export|import|resend-confirmation`: the operator's view
 * of the email list. `list` shows each reader's edition (daily or weekly) and topics, and where each
 * pending subscriber's confirmation email stands (queued, retrying, sent, failed, with its attempts
 * and last error); `resend-confirmation` issues a fresh
 * link through the same store call and queue `subscribe` uses, so the same rate limits hold.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { MorningPostError } from '../../core/errors.js';
import { topicsLabel } from '../../core/reader.js';
import { confirmationHandler, queuedConfirmations } from '../../delivery/email/confirm-job.js';
import { createMailTransport } from '../../delivery/email/transport.js';
import { openQueue, waitForJobs } from '../../queue/index.js';
import { CONFIRMATION_EMAIL, CONFIRMATION_POLICY } from '../../queue/jobs.js';
import type { ConfirmationSend, SubscriberRecord, SubscriberStatus } from '../../store/delivery-contract.js';
import { openStore, type Store } from '../../store/index.js';
import { normaliseEmail } from '../../subscriptions/email.js';
import {
  addSubscriber,
  cleanConsentSource,
  importSubscribers,
  readImportCsv,
  SUBSCRIBER_STATUSES,
  subscribersCsv,
} from '../../subscriptions/roster.js';
import { CONFIRMATION_INTERVAL_MS, CONFIRMATIONS_PER_DAY, subscribe } from '../../subscriptions/service.js';
import { commandContext, type GlobalOptions } from '../context.js';
import { renderTable } from '../table.js';

type Context = ReturnType<typeof commandContext>;

const CONSENT_NOTE =
  'Adding confirms the address at once, without a confirmation email: you state that its owner consented, and recording that consent truthfully is your responsibility.';

export function registerSubscribers(program: Command): void {
  const group = program
    .command('subscribers')
    .description('list, add, remove, export and import email subscribers');

  group
    .command('list')
    .description('list subscribers (newest last)')
    .option('--status <status>', `only this status: ${SUBSCRIBER_STATUSES.join(', ')}`)
    .option('--json', 'print as JSON')
    .action((flags: { status?: string; json?: boolean }, command: Command) =>
      withStore(command, async (store) => {
        const status = flags.status === undefined ? undefined : parseStatus(flags.status);
        const records = await store.subscribers.list(status ? { status } : {});
        const sends = await store.subscribers.confirmationSends();
        // A pending subscriber's confirmation email: where it stands (null when none was queued).
        const confirmationOf = (r: SubscriberRecord): ConfirmationSend | null =>
          r.status === 'pending' ? (sends.get(r.id) ?? null) : null;
        if (flags.json) {
          const out = records.map((r) => {
            const send = confirmationOf(r);
            return {
              ...r,
              confirmation: send && {
                status: send.status,
                attempts: send.attempts,
                error: send.error,
                updatedAt: send.updatedAt,
              },
            };
          });
          process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
          return;
        }
        const rows = records.map((r) => [
          r.email,
          r.status,
          r.cadence,
          topicsLabel(r.topics),
          r.consentSource ?? '-',
          day(r.createdAt),
          day(r.confirmedAt),
          confirmationCell(confirmationOf(r)),
        ]);
        process.stdout.write(
          `${renderTable(['email', 'status', 'edition', 'topics', 'consent', 'created', 'confirmed', 'confirmation'], rows, [1, 2, 3, 4, 7])}\n${records.length} subscriber${records.length === 1 ? '' : 's'}\n`,
        );
      }),
    );

  group
    .command('resend-confirmation')
    .description('send a pending subscriber a fresh confirmation link (the same limits as subscribing)')
    .argument('[email]', 'the address')
    .option('--failed', 'every pending subscriber whose last confirmation email failed')
    .addHelpText(
      'after',
      `\nA new link goes out at most once in ${CONFIRMATION_INTERVAL_MS / 60_000} minutes and ${CONFIRMATIONS_PER_DAY} times a day per address, as for subscribing; a held-back address is named. With SQLite this command sends the email itself (one attempt, recorded); with Postgres it queues it for a worker or serve.\n`,
    )
    .action((email: string | undefined, flags: { failed?: boolean }, command: Command) =>
      withStore(command, (store, context) => resendConfirmations(store, context, email, flags)),
    );

  group
    .command('add')
    .description('add a confirmed subscriber (no confirmation email)')
    .argument('<email>', 'the address')
    .option(
      '--consent-source <text>',
      'how and when its owner consented, e.g. "signed up at the meetup, 2026-05-01"',
      'cli',
    )
    .addHelpText('after', `\n${CONSENT_NOTE}\n`)
    .action((email: string, flags: { consentSource: string }, command: Command) =>
      withStore(command, async (store, context) => {
        const consentSource = cleanConsentSource(flags.consentSource);
        if (!consentSource) throw usage('--consent-source must be one line of at most 200 characters.');
        const result = await addSubscriber({ store, clock: context.clock }, { email, consentSource });
        if (result.outcome === 'invalid') throw usage(`"${printable(email)}" is not a valid email address.`);
        const { subscriber } = result;
        if (result.outcome === 'unchanged')
          process.stdout.write(`${subscriber.email} is already confirmed\n`);
        else if (result.previous)
          process.stdout.write(
            `${subscriber.email} confirmed again (was ${result.previous}), consent: ${consentSource}\n`,
          );
        else process.stdout.write(`added ${subscriber.email}, consent: ${consentSource}\n`);
      }),
    );

  group
    .command('remove')
    .description('erase a subscriber: the row and its tokens (delivery history keeps no link to it)')
    .argument('<email>', 'the address')
    .action((email: string, _flags: unknown, command: Command) =>
      withStore(command, async (store) => {
        const normalised = normaliseEmail(email) ?? email.trim();
        const found = await store.subscribers.findByEmail(normalised);
        if (!found || !(await store.subscribers.remove(found.id))) {
          process.stderr.write(`no subscriber ${printable(normalised)}\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`erased ${found.email}\n`);
      }),
    );

  group
    .command('export')
    .description('write the list as CSV: email,status,consent_at,consent_source,created_at,confirmed_at')
    .option('--out <file>', 'write here instead of stdout')
    .action((flags: { out?: string }, command: Command) =>
      withStore(command, async (store) => {
        const records = await store.subscribers.list();
        const csv = subscribersCsv(records);
        if (!flags.out) return void process.stdout.write(csv);
        writeFileSync(flags.out, csv, { mode: 0o600 });
        process.stderr.write(`wrote ${records.length} subscribers to ${flags.out}\n`);
      }),
    );

  group
    .command('import')
    .description(
      'add confirmed subscribers from a CSV file with a header: email[,consent_source][,consent_at]',
    )
    .argument('<file>', 'the CSV file')
    .addHelpText(
      'after',
      `\n${CONSENT_NOTE}\nInvalid rows are reported with their line and skipped; running an import twice changes nothing. People who unsubscribed are not re-added, and a file with a status column (an export) imports only its confirmed rows.\n`,
    )
    .action((file: string, _flags: unknown, command: Command) =>
      withStore(command, async (store, context) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          throw usage(`Cannot read ${file}: ${(error as Error).message}`);
        }
        const { rows, problems } = readImportCsv(text, 'import');
        const result = await importSubscribers({ store, clock: context.clock }, rows);
        const skipped = [...problems, ...result.skipped].sort((a, b) => a.line - b.line);
        for (const problem of skipped)
          process.stderr.write(`${file}:${problem.line}: skipped: ${problem.reason}\n`);
        process.stdout.write(
          `imported ${result.added}, already confirmed ${result.unchanged}, skipped ${skipped.length}\n`,
        );
      }),
    );
}

async function resendConfirmations(
  store: Store,
  context: Context,
  email: string | undefined,
  flags: { failed?: boolean },
): Promise<void> {
  if ((email === undefined) === !flags.failed) throw usage('Name one address, or give --failed.');
  const { config, clock, log } = context;
  if (!config.email.smtpUrl) throw usage('SMTP_URL is unset: no confirmation email can be sent.');
  let targets: SubscriberRecord[];
  if (email !== undefined) {
    const normalised = normaliseEmail(email) ?? email.trim();
    const found = await store.subscribers.findByEmail(normalised);
    if (!found) {
      process.stderr.write(`no subscriber ${printable(normalised)}\n`);
      process.exitCode = 1;
      return;
    }
    if (found.status !== 'pending') {
      process.stderr.write(`${found.email} is ${found.status}, not waiting for a confirmation\n`);
      process.exitCode = 1;
      return;
    }
    targets = [found];
  } else {
    const failed = await store.subscribers.confirmationSends({ status: 'failed' });
    targets = [];
    for (const id of failed.keys()) {
      const subscriber = await store.subscribers.get(id);
      if (subscriber?.status === 'pending') targets.push(subscriber);
    }
    if (targets.length === 0) {
      process.stdout.write('no failed confirmation emails\n');
      return;
    }
  }

  const queue = await openQueue(config, log);
  const transport = createMailTransport(config.email);
  try {
    if (!queue.durable) {
      // The in-process queue ends with this command: one attempt each, recorded as sent or failed
      // (never left `retrying` with no one to retry it).
      await queue.define(CONFIRMATION_EMAIL, { ...CONFIRMATION_POLICY, retryLimit: 0 });
      await queue.work(
        CONFIRMATION_EMAIL,
        { concurrency: config.queue.concurrency },
        confirmationHandler({
          store,
          settings: config.email,
          baseUrl: config.site.url,
          clock,
          log,
          transport,
        }),
      );
    }
    const deps = {
      store,
      clock,
      baseUrl: config.site.url,
      confirmTtlHours: config.email.confirmTtlHours,
      sendConfirmation: queuedConfirmations({ queue, store, clock }),
    };
    const queued: SubscriberRecord[] = [];
    for (const subscriber of targets) {
      const result = await subscribe(deps, { email: subscriber.email, source: 'cli' });
      if (result.linkQueued) queued.push(subscriber);
      else {
        process.stdout.write(
          `${subscriber.email}: held back: a link went out less than ${CONFIRMATION_INTERVAL_MS / 60_000} minutes ago, or ${CONFIRMATIONS_PER_DAY} in the last day; try again later\n`,
        );
        process.exitCode = 1;
      }
    }
    if (queue.durable) {
      for (const s of queued)
        process.stdout.write(`${s.email}: new link queued (a worker or serve sends it)\n`);
      return;
    }
    await waitForJobs(queue, CONFIRMATION_EMAIL, {});
    const sends = await store.subscribers.confirmationSends();
    for (const s of queued) {
      const send = sends.get(s.id);
      if (send?.status === 'sent') process.stdout.write(`${s.email}: new link sent\n`);
      else {
        process.stdout.write(
          `${s.email}: not sent: ${printable(send?.error ?? send?.status ?? 'unknown')}\n`,
        );
        process.exitCode = 1;
      }
    }
  } finally {
    await queue.stop({ timeoutMs: 30_000 });
    transport.close();
  }
}

/** `failed, 3 attempts: 550 No such user`: a pending subscriber's confirmation email, for the table. */
function confirmationCell(send: ConfirmationSend | null): string {
  if (!send) return '-';
  const attempts = `${send.attempts} attempt${send.attempts === 1 ? '' : 's'}`;
  const error = send.error && send.status !== 'sent' ? `: ${printable(send.error).slice(0, 120)}` : '';
  return `${send.status}, ${attempts}${error}`;
}

async function withStore(
  command: Command,
  run: (store: Store, context: Context) => Promise<void>,
): Promise<void> {
  const context = commandContext({ ...command.optsWithGlobals<GlobalOptions>(), quiet: true });
  const { config } = context;
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await store.migrate();
    await run(store, context);
  } finally {
    await store.close();
  }
}

function parseStatus(raw: string): SubscriberStatus {
  const status = SUBSCRIBER_STATUSES.find((s) => s === raw);
  if (!status)
    throw usage(`--status must be one of ${SUBSCRIBER_STATUSES.join(', ')}, got "${printable(raw)}".`);
  return status;
}

function usage(message: string): MorningPostError {
  return new MorningPostError('CONFIG_INVALID', message);
}

const day = (at: string | null): string => at?.slice(0, 10) ?? '-';

/** Outside text echoed to the terminal, without control characters that could drive it. */
function printable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, '?').slice(0, 300);
}
