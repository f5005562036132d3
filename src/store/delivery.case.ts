/**
 * @module store/delivery.case
 * The conformance suite for the delivery parts of the store: subscribers and tokens
 * (subscribers.case.ts), the delivery log (deliveries.case.ts), job locks and runs
 * (locks.case.ts), shared rate limits (rate-limits.case.ts). Each test gets a fresh, migrated store; races use Promise.all, across two
 * connections when the harness can open a second one.
 */
import { afterEach, beforeEach, describe } from 'vitest';
import { deliveryLogCases } from './deliveries.case.js';
import type { KyselyStore } from './kysely-store.js';
import { lockCases } from './locks.case.js';
import { rateLimitCases } from './rate-limits.case.js';
import type { StoreHarness } from './store.case.js';
import { subscriberCases } from './subscribers.case.js';

export interface DeliveryHarness extends StoreHarness {
  /** Another store on the same database through its own connection (absent for :memory:). */
  openSecond?: () => KyselyStore;
}

export interface DeliveryCaseContext {
  /** The store of the running test. */
  current(): KyselyStore;
  /** Runs `race` with two stores on one database when the harness can open a second, else one store twice. */
  withPair<T>(race: (a: KyselyStore, b: KyselyStore) => Promise<T>): Promise<T>;
}

export function runDeliveryConformance(name: string, factory: () => Promise<DeliveryHarness>): void {
  describe(`Delivery store conformance: ${name}`, () => {
    let harness: DeliveryHarness;
    beforeEach(async () => {
      harness = await factory();
      await harness.store.migrate();
    });
    afterEach(async () => {
      await harness.dispose();
    });

    const context: DeliveryCaseContext = {
      current: () => harness.store,
      async withPair(race) {
        const second = harness.openSecond?.();
        try {
          return await race(harness.store, second ?? harness.store);
        } finally {
          await second?.close();
        }
      },
    };
    subscriberCases(context);
    deliveryLogCases(context);
    lockCases(context);
    rateLimitCases(context);
  });
}
