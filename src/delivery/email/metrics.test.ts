import { afterEach, describe, expect, it } from 'vitest';
import { createPrometheusMetrics } from '../../lib/metrics/prometheus.js';
import { failFirst } from '../../testing/email/smtp-server.js';
import { type DeliveryWorld, deliveryWorld, editionOn } from '../../testing/email/world.js';
import { parsePrometheusText, sampleValue } from '../../testing/metrics/prometheus-text.js';

const DATE = '2026-08-23';
let world: DeliveryWorld;
afterEach(async () => world?.close());

describe('email delivery metrics', () => {
  it('counts sent, bounced, skipped, in-doubt and retried deliveries as they happen', async () => {
    world = await deliveryWorld({ subscribers: 5, settings: { poolSize: 1 } });
    const [sent, refused, retried, leaving, crashed] = world.subscribers;
    if (!sent || !refused || !retried || !leaving || !crashed) throw new Error('fixture');
    // A run that crashed after taking one row leaves it `sending`: in doubt at the next run.
    await world.store.deliveries.plan({
      editionDate: DATE,
      channel: 'email',
      recipients: world.subscribers.map((s) => ({ recipient: `subscriber:${s.id}`, subscriberId: s.id })),
      at: '2026-08-23T06:59:00Z',
    });
    const rows = await world.store.deliveries.list({ editionDate: DATE });
    const row = rows.find((r) => r.subscriberId === crashed.id);
    if (!row) throw new Error('fixture');
    await world.store.deliveries.begin(row.id, '2026-08-23T06:59:01Z');
    await world.store.subscribers.setStatus(leaving.id, 'unsubscribed', '2026-08-23T06:59:30Z');
    const once451 = failFirst(1, { code: 451, message: 'Try again later' }, (a) => a === retried.email);
    world.server.onRcpt = (address, offered) =>
      address === refused.email ? { code: 550, message: 'No such user' } : once451(address, offered);

    const metrics = createPrometheusMetrics({ processMetrics: false });
    const summary = await world.deliver(editionOn(DATE), { metrics });
    expect(summary).toMatchObject({ sent: 3, failed: 1, skipped: 1, retried: 1 });

    const families = parsePrometheusText(await metrics.render());
    const delivered = (outcome: string) =>
      sampleValue(families, 'morning_post_deliveries_total', { channel: 'email', outcome });
    expect(delivered('sent')).toBe(3);
    expect(delivered('bounced')).toBe(1);
    expect(delivered('skipped')).toBe(1);
    expect(delivered('failed')).toBeUndefined();
    expect(sampleValue(families, 'morning_post_deliveries_in_doubt_total', { channel: 'email' })).toBe(1);
    expect(sampleValue(families, 'morning_post_delivery_retries_total', { channel: 'email' })).toBe(1);
  });
});
