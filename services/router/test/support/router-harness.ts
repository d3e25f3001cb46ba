import { connectDatabase, type Database } from '@priemnaya/database';
import { createPublisher, type Publisher } from '@priemnaya/kafka';
import { createTestKafka, testInfra, testLogger, uniqueName, waitFor, type TestKafka } from '@priemnaya/testing';
import { buildRouterService, type RouterService } from '../../src/app.js';
import type { Teardown } from './teardown.js';
import { collectTopics, type TopicCollector } from './topic-collector.js';

export const infra = testInfra();

export interface RouterScenario {
  testKafka: TestKafka;
  database: Database;
  router: RouterService;
  /** Produces to the test namespace as ingest does. */
  publisher: Publisher;
  /** Everything on `tasks.zhkh`, `appeals.events`, `appeals.triage` and `appeals.received.dlq`. */
  outputs: TopicCollector;
  topics: { received: string; tasks: string; events: string; triage: string; deadLetters: string };
  /** Starts consuming and waits until the router says it is ready. */
  start(): Promise<void>;
}

/** The real router on a topic namespace, consumer group and database of its own, not yet consuming. */
export async function createRouterScenario(teardown: Teardown): Promise<RouterScenario> {
  const testKafka = await createTestKafka(infra, ['zhkh'], 'router');
  const { kafka, names } = testKafka;
  const topics = {
    received: names.of('appeals.received'),
    tasks: names.tasks('zhkh'),
    events: names.of('appeals.events'),
    triage: names.of('appeals.triage'),
    deadLetters: names.deadLetter(names.of('appeals.received')),
  };
  const database = teardown.add(await connectDatabase(infra.mongoUrl, uniqueName('router')), async (it) => {
    await it.db.dropDatabase();
    await it.close();
  });
  const router = teardown.add(
    await buildRouterService({ logger: testLogger(), database, kafka, names, groupId: uniqueName('router') }),
    async (it) => {
      await it.stop();
      await it.http.close();
    },
  );
  const publisher = teardown.add(createPublisher({ kafka, names }), (it) => it.disconnect());
  await publisher.connect();
  const outputs = teardown.add(await collectTopics(kafka, [topics.tasks, topics.events, topics.triage, topics.deadLetters]), (it) => it.stop());
  return {
    testKafka,
    database,
    router,
    publisher,
    outputs,
    topics,
    async start() {
      await router.start();
      await waitFor(async () => (await router.http.inject({ method: 'GET', url: '/readyz' })).statusCode === 200, {
        description: 'the router to be ready',
      });
    },
  };
}
