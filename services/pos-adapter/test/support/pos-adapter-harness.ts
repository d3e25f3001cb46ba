import type { AppealReceived } from '@priemnaya/contracts';
import { connectDatabase, type Database } from '@priemnaya/database';
import { createPublisher, ensureTopics, type Publisher } from '@priemnaya/kafka';
import { createPosSimulator, type PosSimulator, type PosSimulatorOptions } from '@priemnaya/pos-simulator';
import { collectTopics, createTeardown, createTestKafka, type TestKafka, testLogger, type TopicCollector, uniqueName, waitFor } from '@priemnaya/testing';
import type { Logger } from 'pino';
import { dropDatabase, infra, startIngest } from '../../../ingest/test/support/ingest-harness.js';
import { buildPosAdapter, type PosAdapter } from '../../src/app.js';
import { createFeedCursorStore, type FeedCursorStore } from '../../src/data-access/feed-cursor-store.js';
import { createIntakeClient } from '../../src/data-access/intake-client.js';
import { createPlatformClient } from '../../src/data-access/platform-client.js';
import { createPlatformItemRepository, type PlatformItemRepository } from '../../src/data-access/platform-item-repository.js';

/** vitest's `onTestFinished`: each concurrent test cleans up after itself. */
export type OnTestFinished = (cleanup: () => Promise<void>) => void;

export interface AdapterOptions {
  /** One platform call; short, so that a slow platform times out quickly. */
  platformTimeoutMs?: number;
  /** Where the adapter logs; silent unless given. */
  logger?: Logger;
  /** POS_CLOSE_HOLD_MS; a minute unless given. */
  closeHoldMs?: number;
}

export interface PosScenario {
  testKafka: TestKafka;
  simulator: PosSimulator;
  /** Everything ingest published on `<prefix>appeals.received`. */
  received: TopicCollector;
  publisher: Publisher;
  adapterDatabase: Database;
  items: PlatformItemRepository;
  cursors: FeedCursorStore;
  groupId: string;
  /** Builds and starts an adapter on the scenario's database (a second one stands for a restart). */
  startAdapter(options?: AdapterOptions): Promise<PosAdapter>;
  /** The appeals ingest published for a platform item. */
  appealsOf(itemId: string): AppealReceived[];
  /** Waits until the platform has the item's acknowledgement and the appeal is on appeals.received. */
  waitForRegistered(itemId: string): Promise<AppealReceived>;
}

/**
 * A topic namespace, a real ingest (gRPC) on its own database, the platform simulator, and the
 * adapter's database; everything is closed and dropped when the test finishes.
 */
export async function startPosScenario(onTestFinished: OnTestFinished, simulatorOptions: PosSimulatorOptions = {}): Promise<PosScenario> {
  const teardown = createTeardown();
  onTestFinished(() => teardown.run());
  const testKafka = teardown.add(await createTestKafka(infra, [], 'pos'), (it) => it.dispose());
  const outbound = testKafka.names.of('notifications.outbound');
  await ensureTopics(testKafka.kafka, [outbound, testKafka.names.deadLetter(outbound)].map((name) => ({ name, partitions: 2, replicationFactor: infra.replicationFactor })));
  const ingestDb = teardown.add(uniqueName('pos-ingest'), dropDatabase);
  // Ingest asks the registry only for GET /v1/appeals/{id}, which these tests never call.
  const ingest = teardown.add(await startIngest({ kafka: testKafka.kafka, names: testKafka.names, dbName: ingestDb, registryUrl: 'http://127.0.0.1:9' }), (it) => it.close());
  // Tests poll fast; the contract's rate limit is exercised by injected 429s instead.
  const simulator = teardown.add(createPosSimulator({ rateLimitPerSecond: 1_000, ...simulatorOptions }), (it) => it.close());
  const platformUrl = await simulator.listen();
  const adapterDatabase = teardown.add(await connectDatabase(infra.mongoUrl, uniqueName('pos-adapter')), async (database) => {
    await database.db.dropDatabase();
    await database.close();
  });
  const received = teardown.add(await collectTopics(testKafka.kafka, [testKafka.names.of('appeals.received')]), (it) => it.stop());
  const publisher = teardown.add(createPublisher({ kafka: testKafka.kafka, names: testKafka.names }), (it) => it.disconnect());
  await publisher.connect();
  const groupId = uniqueName('pos-adapter');

  const appealsOf = (itemId: string) =>
    received.messages.map((message) => message.value as AppealReceived).filter((appeal) => appeal.channel === 'pos' && appeal.externalId === itemId);

  return {
    testKafka,
    simulator,
    received,
    publisher,
    adapterDatabase,
    items: createPlatformItemRepository(adapterDatabase.db),
    cursors: createFeedCursorStore(adapterDatabase.db),
    groupId,
    appealsOf,
    async startAdapter(options = {}) {
      const adapter = await buildPosAdapter({
        logger: options.logger ?? testLogger(),
        database: adapterDatabase,
        kafka: testKafka.kafka,
        names: testKafka.names,
        groupId,
        platform: createPlatformClient({
          baseUrl: platformUrl,
          clientId: simulator.clientId,
          clientSecret: simulator.clientSecret,
          timeoutMs: options.platformTimeoutMs ?? 5_000,
        }),
        intake: createIntakeClient(ingest.grpcAddress, 5_000),
        pollIntervalMs: 100,
        pageSize: 10,
        retryPolicy: { baseMs: 20, maxMs: 2_000, maxAttempts: 10 },
        stopGraceMs: 2_000,
        answerSignedBy: 'Администрация города',
        closeHoldMs: options.closeHoldMs ?? 60_000,
      });
      teardown.add(adapter, async (it) => {
        await it.http.close();
        await it.stop();
      });
      await adapter.start();
      await waitFor(async () => (await adapter.http.inject({ method: 'GET', url: '/readyz' })).statusCode === 200, { description: 'the adapter to be ready' });
      return adapter;
    },
    async waitForRegistered(itemId) {
      await waitFor(() => simulator.acknowledgements().some((ack) => ack.itemId === itemId), { description: `acknowledgement of ${itemId}` });
      return waitFor(() => appealsOf(itemId)[0], { description: `appeal of ${itemId} on appeals.received` });
    },
  };
}
