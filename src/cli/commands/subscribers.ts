/**
 * @module cli/commands/subscribers
 * `morning-post subscribers list|add|remove|export|import`: the operator's view of the email list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { MorningPostError } from '../../core/errors.js';
import type { SubscriberStatus } from '../../store/delivery-contract.js';
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
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(records, null, 2)}\n`);
          return;
        }
        const rows = records.map((r) => [
          r.email,
          r.status,
          r.consentSource ?? '-',
          day(r.createdAt),
          day(r.confirmedAt),
        ]);
        process.stdout.write(
          `${renderTable(['email', 'status', 'consent', 'created', 'confirmed'], rows, [1, 2])}\n${records.length} subscriber${records.length === 1 ? '' : 's'}\n`,
        );
      }),
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
