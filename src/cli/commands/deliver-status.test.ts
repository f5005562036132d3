/**
 * `deliver --status` through the real CLI on a SQLite store it shares with the test: the daily
 * email's rows by status, the weekly edition's rows on its day (and only then), in text and JSON.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../store/sqlite/index.js';
import { cli } from '../../testing/cli/run.js';

const MONDAY = '2026-11-30';
const TUESDAY = '2026-12-01';
const AT = '2026-11-30T06:00:00.000Z';

async function storeWithRows(dir: string): Promise<void> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const store = createSqliteStore({ file: join(dir, 'data', 'morning-post.db') });
  try {
    await store.migrate();
    const recipients = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({ recipient: `${prefix}${i}@example.org`, subscriberId: null }));
    for (const date of [MONDAY, TUESDAY])
      await store.deliveries.plan({
        editionDate: date,
        channel: 'email',
        recipients: recipients(4, 'daily'),
        at: AT,
      });
    await store.deliveries.plan({
      editionDate: MONDAY,
      channel: 'email-weekly',
      recipients: recipients(2, 'weekly'),
      at: AT,
    });
    const [first, second] = await store.deliveries.unfinished({ editionDate: MONDAY, channel: 'email' });
    if (!first || !second) throw new Error('no rows planned');
    await store.deliveries.finish(first.id, { status: 'sent', messageId: '<a@example.org>' }, AT);
    await store.deliveries.finish(second.id, { status: 'failed', error: '550 no such user' }, AT);
    const [weekly] = await store.deliveries.unfinished({ editionDate: MONDAY, channel: 'email-weekly' });
    if (!weekly) throw new Error('no weekly rows planned');
    await store.deliveries.finish(weekly.id, { status: 'sent', messageId: '<w@example.org>' }, AT);
  } finally {
    await store.close();
  }
}

describe('deliver --status', () => {
  it("shows the day's email rows, and the weekly edition's beside them on its day", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mp-deliver-status-'));
    await storeWithRows(dir);

    const monday = await cli(['deliver', '--status', '--date', MONDAY], {}, dir);
    expect(monday.code, monday.stderr).toBe(0);
    expect(monday.stdout).toContain(`Email of ${MONDAY}: 2 of 4 done (50.0%)`);
    expect(monday.stdout).toContain(`Weekly email of the week ending ${MONDAY}: 1 of 2 done (50.0%)`);
    expect(monday.stdout).toContain('No shared queue (SQLite)');

    const json = await cli(['deliver', '--status', '--json', '--date', MONDAY], {}, dir);
    expect(JSON.parse(json.stdout)).toEqual({
      edition: MONDAY,
      channel: 'email',
      total: 4,
      deliveries: { pending: 2, sending: 0, sent: 1, failed: 1, skipped: 0 },
      batches: null,
      weekly: { total: 2, deliveries: { pending: 1, sending: 0, sent: 1, failed: 0, skipped: 0 } },
    });

    const tuesday = await cli(['deliver', '--status', '--json', '--date', TUESDAY], {}, dir);
    expect(JSON.parse(tuesday.stdout)).toMatchObject({ total: 4, weekly: null });
  }, 60_000);
});
