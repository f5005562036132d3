/**
 * @module testing/store/filled-store
 * A store with something in every part an operator would miss after a bad restore: three days of
 * snapshots (items, observations), a published edition and a draft, subscribers in three states,
 * a token and a delivery row; and `storeContents`, everything read back through the Store API.
 */
import type { CollectedItem } from '../../core/item.js';
import type { Store } from '../../store/store.js';

const DAYS = ['2026-11-25', '2026-11-26', '2026-11-27'] as const;

function items(day: number, count: number): CollectedItem[] {
  return Array.from({ length: count }, (_, index) => ({
    kind: 'model' as const,
    externalId: `org${index % 17}/model-${index}`,
    title: `Model ${index}`,
    url: `https://huggingface.co/org${index % 17}/model-${index}`,
    author: `org${index % 17}`,
    attributes: { tags: ['text-generation', `tag-${index % 5}`], pipelineTag: 'text-generation' },
    list: 'trending',
    rank: index + 1,
    metrics: {
      likes: 1000 - index + day * 7,
      downloads: 50_000 + index * 13 + day,
      trendingScore: 90 - index / 10,
    },
  }));
}

/** Fills a migrated store; `itemsPerDay` makes it as large as a test needs. */
export async function fillStore(store: Store, itemsPerDay = 300): Promise<void> {
  for (const [index, day] of DAYS.entries()) {
    await store.saveSnapshot({
      source: 'hf-models',
      day,
      takenAt: `${day}T06:00:00.000Z`,
      status: 'ok',
      items: items(index, itemsPerDay),
      durationMs: 1200 + index,
      requests: 3,
    });
  }
  await store.saveSnapshot({
    source: 'arxiv',
    day: DAYS[2],
    takenAt: `${DAYS[2]}T06:01:00.000Z`,
    status: 'failed',
    error: 'Timed out: http://export.arxiv.org/api/query',
    items: [],
  });
  await store.saveEdition(
    {
      date: DAYS[1],
      plan: { date: DAYS[1], sections: { lead: { subject: 'org1/model-1' } } },
      text: { headline: 'Independents Lead Thursday’s Trending Models', sections: {} },
      meta: { dataMode: 'live', dataDay: DAYS[1], failedSources: [] },
    },
    `${DAYS[1]}T06:30:00.000Z`,
    { publish: true },
  );
  await store.saveEditionPlan(DAYS[2], { date: DAYS[2], sections: {} }, `${DAYS[2]}T06:30:00.000Z`);
  const at = `${DAYS[2]}T07:00:00.000Z`;
  const confirmed = await store.subscribers.addConfirmed({
    email: 'reader@example.org',
    consentSource: 'signed up at the meetup',
    consentAt: at,
    at,
  });
  const pending = await store.subscribers.upsertPending({
    email: 'pending@example.org',
    consentSource: 'form',
    consentIp: '203.0.113.9',
    at,
  });
  const leaving = await store.subscribers.addConfirmed({
    email: 'gone@example.org',
    consentSource: 'cli',
    consentAt: at,
    at,
  });
  await store.subscribers.setStatus(leaving.id, 'unsubscribed', `${DAYS[2]}T08:00:00.000Z`);
  await store.subscribers.saveToken({
    subscriberId: pending.subscriber.id,
    tokenHash: 'a'.repeat(64),
    purpose: 'confirm',
    expiresAt: `${DAYS[2]}T23:00:00.000Z`,
    at,
  });
  await store.deliveries.plan({
    editionDate: DAYS[1],
    channel: 'email',
    recipients: [{ recipient: `subscriber:${confirmed.id}`, subscriberId: confirmed.id }],
    at,
  });
}

/** Everything `fillStore` wrote, read back through the Store API, in a stable order. */
export async function storeContents(store: Store) {
  const editions = await store.listEditions({ limit: 1000 });
  const snapshots = await store.listSnapshots();
  const observations = await store.observations();
  const itemIds = [...new Set(observations.map((o) => o.itemId))];
  return {
    editions: await Promise.all(editions.map((e) => store.getEdition(e.date))),
    snapshots,
    observations,
    items: await store.getItems(itemIds),
    subscribers: await store.subscribers.list(),
    deliveries: await store.deliveries.list({}),
  };
}
