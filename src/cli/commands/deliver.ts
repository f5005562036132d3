/**
 * @module cli/commands/deliver
 * `morning-post deliver`: email the day's published edition to confirmed subscribers and post it
 * to the Telegram channel, through the delivery log (a re-run sends only what is missing). It holds
 * the daily job's lock while it sends (scheduler/lock.ts); `--break-lock` removes that lock first.
 */
import type { Command } from 'commander';
import { dayIn } from '../../core/clock.js';
import { MorningPostError } from '../../core/errors.js';
import type { DeliveryProgress } from '../../delivery/channel.js';
import { emailBatchHandler } from '../../delivery/email/batches.js';
import { domainPacer } from '../../delivery/email/pacing.js';
import { createMailTransport } from '../../delivery/email/transport.js';
import { type Channel, type ChannelOutcome, deliverEdition, loadEdition } from '../../pipeline/deliver.js';
import { deliverWeekly, isWeeklyDay, loadWeeklyEdition, type WeeklyOutcome } from '../../pipeline/weekly.js';
import { openQueue, waitForJobs } from '../../queue/index.js';
import { EMAIL_BATCH } from '../../queue/jobs.js';
import type { Queue } from '../../queue/queue.js';
import { JOB_LOCK } from '../../scheduler/job.js';
import { type HeldLock, holderIsHere, holderLabel, holdLock } from '../../scheduler/lock.js';
import type { DeliveryStatus, LockRecord } from '../../store/delivery-contract.js';
import { type KyselyStore, openStore, storeTarget } from '../../store/index.js';
import { commandContext, type GlobalOptions } from '../context.js';
import { renderTable } from '../table.js';
import { parseDay } from '../values.js';

interface DeliverFlags {
  date?: string;
  channel?: string;
  dryRun?: boolean;
  json?: boolean;
  breakLock?: boolean;
  status?: boolean;
}

export function registerDeliver(program: Command): void {
  program
    .command('deliver')
    .description("send the day's published edition by email and post it to Telegram (each only once)")
    .option('--date <YYYY-MM-DD>', 'the edition (default: today, UTC)')
    .option(
      '--channel <email|weekly|telegram>',
      'one channel only (default: every configured channel, and the weekly edition on its weekday)',
    )
    .option('--dry-run', 'count and render what would be sent; send and record nothing')
    .option('--json', 'print the summary as JSON')
    .option(
      '--status',
      "show the edition's email progress across workers (the log by status, the queue's batches); send nothing",
    )
    .option(
      '--break-lock',
      'remove the delivery lock whoever holds it, then deliver (only when its holder is surely gone)',
    )
    .action(async (flags: DeliverFlags, command: Command) => {
      process.exitCode = await runDeliver(flags, command.optsWithGlobals<GlobalOptions>());
    });
}

function parseChannel(raw: string | undefined): Array<Channel | 'weekly'> | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'email' || raw === 'telegram' || raw === 'weekly') return [raw];
  throw new MorningPostError('CONFIG_INVALID', `--channel must be email, weekly or telegram, got "${raw}".`);
}

/** A channel's outcome, the weekly edition's included (`email-weekly`: the week ending the day). */
type Outcome = ChannelOutcome | (WeeklyOutcome & { channel: 'email-weekly' });

async function runDeliver(flags: DeliverFlags, globals: GlobalOptions): Promise<number> {
  const context = commandContext({ ...globals, quiet: globals.quiet ?? flags.json });
  const { config, clock, log } = context;
  const date = flags.date ? parseDay(flags.date) : dayIn(clock.now(), config.edition.timeZone);
  if (flags.status) return showStatus(date, Boolean(flags.json), context);
  const chosen = parseChannel(flags.channel);
  const channels = chosen?.filter((channel): channel is Channel => channel !== 'weekly');
  // The weekly edition: asked for, or on its weekday when no channel is named.
  const weekly = chosen ? chosen.includes('weekly') : isWeeklyDay(date, config.email.weeklyDay);
  if (flags.breakLock && flags.dryRun)
    throw new MorningPostError('CONFIG_INVALID', '--break-lock does nothing with --dry-run.', {
      hint: 'A dry run takes no lock; drop one of the two.',
    });
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const abort = new AbortController();
  let lock: HeldLock | undefined;
  let queue: Queue | undefined;
  let closeTransport: (() => void) | undefined;
  const onSignal = () => abort.abort();
  process.once('SIGINT', onSignal);
  try {
    await store.migrate();
    const edition = await loadEdition(store, date);
    // The same lock as the daily job: two senders working one delivery log could both send a row.
    if (!flags.dryRun) {
      const attempt = await holdLock({
        locks: store.locks,
        name: JOB_LOCK,
        clock,
        log,
        breakLock: Boolean(flags.breakLock),
      });
      if (!attempt.held) throw lockedError(attempt.current);
      lock = attempt.lock;
    }
    // With Postgres the edition goes through the shared queue: this process queues the batches,
    // works them beside any running workers, and waits until none is left.
    queue =
      !flags.dryRun && storeTarget(config).dialect === 'postgres' ? await openQueue(config, log) : undefined;
    if (queue) closeTransport = await joinAsWorker(queue, store, context, abort.signal);
    // Stops taking new messages on Ctrl-C, or when a renewal finds the lock taken or broken.
    const signal = lock ? AbortSignal.any([abort.signal, lock.signal]) : abort.signal;
    const outcomes: Outcome[] =
      channels?.length === 0
        ? []
        : await deliverEdition({
            store,
            config,
            clock,
            log,
            edition,
            ...(queue ? { queue } : {}),
            ...(channels ? { channels } : {}),
            dryRun: Boolean(flags.dryRun),
            onProgress: (channel) => (flags.json ? undefined : progressBar(channel)),
            signal,
          });
    if (weekly) {
      const sent = await deliverWeekly({
        store,
        config,
        clock,
        log,
        day: date,
        signal,
        dryRun: Boolean(flags.dryRun),
        ...(queue ? { queue } : {}),
      });
      outcomes.push({ ...sent, channel: 'email-weekly' });
    }
    if (queue) {
      await lock?.release();
      lock = undefined;
      await waitForJobs(queue, EMAIL_BATCH, { editionDate: date }, { signal: abort.signal });
      for (const o of outcomes)
        if (o.status === 'queued')
          Object.assign(o.queued, {
            counts: await store.deliveries.counts(
              date,
              o.channel === 'email-weekly' ? 'email-weekly' : 'email',
            ),
          });
    }
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(outcomes, null, 2)}\n`);
    } else {
      const rows = outcomes.map((o) =>
        o.status === 'delivered'
          ? [
              o.channel,
              String(o.summary.planned),
              String(o.summary.sent),
              String(o.summary.alreadySent),
              String(o.summary.skipped),
              String(o.summary.failed),
              String(o.summary.retried),
            ]
          : o.status === 'queued'
            ? [
                o.channel,
                String(Object.values(o.queued.counts).reduce((sum, n) => sum + n, 0)),
                `${o.queued.counts.sent} (all workers)`,
                '-',
                String(o.queued.counts.skipped),
                String(o.queued.counts.failed),
                '-',
              ]
            : [o.channel, '-', '-', '-', '-', '-', '-'],
      );
      process.stdout.write(
        `${flags.dryRun ? 'Dry run: nothing sent. ' : ''}Edition No. ${edition.number} of ${date}\n` +
          `${renderTable(['channel', 'planned', 'sent', 'already sent', 'skipped', 'failed', 'retried'], rows)}\n`,
      );
      for (const o of outcomes)
        if (o.status === 'not-configured') process.stdout.write(`  ${o.channel}: ${o.reason}\n`);
    }
    if (lock?.signal.aborted) throw lock.signal.reason;
    return outcomes.some(
      (o) =>
        (o.status === 'delivered' && o.summary.failed > 0) ||
        (o.status === 'queued' && o.queued.counts.failed > 0),
    )
      ? 1
      : 0;
  } finally {
    process.off('SIGINT', onSignal);
    await queue?.stop({ timeoutMs: 30_000 });
    closeTransport?.();
    await lock?.release();
    await store.close();
  }
}

/** This process works the edition's batches too (with any `worker` processes) while it waits. */
async function joinAsWorker(
  queue: Queue,
  store: KyselyStore,
  context: ReturnType<typeof commandContext>,
  signal: AbortSignal,
): Promise<() => void> {
  const { config, clock, log } = context;
  const transport = createMailTransport(config.email);
  await queue.work(
    EMAIL_BATCH,
    { concurrency: config.queue.concurrency },
    emailBatchHandler({
      store,
      settings: config.email,
      baseUrl: config.site.url,
      clock,
      log,
      transport,
      edition: (day) => loadEdition(store, day),
      weekly: (day) => loadWeeklyEdition(store, day),
      pace: domainPacer(config.email.perDomainRate, clock),
      signal,
    }),
  );
  return () => transport.close();
}

/** `deliver --status`: the log's rows by status, and (Postgres) the queue's batches of the edition. */
async function showStatus(
  date: string,
  json: boolean,
  context: ReturnType<typeof commandContext>,
): Promise<number> {
  const { config, log } = context;
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let queue: Queue | undefined;
  try {
    await store.migrate();
    const deliveries = await store.deliveries.counts(date, 'email');
    queue = storeTarget(config).dialect === 'postgres' ? await openQueue(config, log) : undefined;
    const batches = queue ? await queue.counts(EMAIL_BATCH, { editionDate: date }) : null;
    const total = Object.values(deliveries).reduce((sum, n) => sum + n, 0);
    // The weekly edition (on its weekday) has rows of its own: shown when the day has any.
    const weeklyRows = await store.deliveries.counts(date, 'email-weekly');
    const weeklyTotal = Object.values(weeklyRows).reduce((sum, n) => sum + n, 0);
    const weekly = weeklyTotal > 0 ? { total: weeklyTotal, deliveries: weeklyRows } : null;
    if (json) {
      process.stdout.write(
        `${JSON.stringify({ edition: date, channel: 'email', total, deliveries, batches, weekly }, null, 2)}\n`,
      );
      return 0;
    }
    process.stdout.write(
      progressLines(`Email of ${date}`, deliveries) +
        (weekly ? progressLines(`Weekly email of the week ending ${date}`, weekly.deliveries) : '') +
        (batches
          ? `Batches in the queue (${config.queue.schema}):\n${renderTable(['waiting', 'retry', 'active', 'completed', 'failed'], [[String(batches.created), String(batches.retry), String(batches.active), String(batches.completed), String(batches.failed)]])}\n`
          : 'No shared queue (SQLite): deliver and serve send in their own process.\n'),
    );
    return 0;
  } finally {
    await queue?.stop({ timeoutMs: 1000 });
    await store.close();
  }
}

function progressLines(title: string, rows: Record<DeliveryStatus, number>): string {
  const total = Object.values(rows).reduce((sum, n) => sum + n, 0);
  const done = rows.sent + rows.failed + rows.skipped;
  const share = total === 0 ? '-' : `${((done / total) * 100).toFixed(1)}%`;
  return (
    `${title}: ${done} of ${total} done (${share})\n` +
    `${renderTable(['pending', 'sending', 'sent', 'failed', 'skipped'], [[String(rows.pending), String(rows.sending), String(rows.sent), String(rows.failed), String(rows.skipped)]])}\n`
  );
}

/** Who has the lock and until when, and what an operator can do about it. */
function lockedError(current: LockRecord | undefined): MorningPostError {
  const held = current
    ? `: ${holderLabel(current.holder)} has held its lock since ${current.acquiredAt}, lease until ${current.expiresAt}`
    : '';
  const wait = 'Run deliver again when it has finished; it sends only what is still missing.';
  // A holder on this machine is alive (a dead one would have been taken over): never suggest breaking it.
  const hint =
    !current || holderIsHere(current.holder)
      ? wait
      : `${wait} If that holder is gone for good, the lock frees itself when the lease runs out; ` +
        'to take it now, run deliver --break-lock (only when nothing else is sending).';
  return new MorningPostError(
    'STORE_FAILED',
    `The daily job or another delivery is running on this store${held}.`,
    { hint },
  );
}

/** One line redrawn on a terminal; a line per tenth elsewhere (logs, CI). */
function progressBar(channel: Channel): DeliveryProgress {
  const stream = process.stderr;
  let lastTenth = -1;
  return ({ done, total }) => {
    const share = total === 0 ? 1 : done / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(`\r${channel} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
      if (done === total) stream.write('\n');
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`${channel}: ${done}/${total}\n`);
    }
  };
}
