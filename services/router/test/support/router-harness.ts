import { randomBytes } from 'node:crypto';
import { createStaffTokens, type StaffRole } from '@priemnaya/auth';
import { connectDatabase, type Database } from '@priemnaya/database';
import { createPublisher, type Publisher } from '@priemnaya/kafka';
import { type CollectedMessage, collectTopics, createTeardown, createTestKafka, type Teardown, testInfra, type TestKafka, testLogger, type TopicCollector, uniqueName, waitFor } from '@priemnaya/testing';
import { buildRouterService, type RouterDeps, type RouterService } from '../../src/app.js';
import { createRoutingRepository } from '../../src/data-access/routing-repository.js';

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
  /** What has been read so far on one output topic about one appeal. */
  producedOn(topic: string, appealId: string): CollectedMessage[];
  /** Waits until the router produced something on the topic about the appeal; returns the first such message. */
  firstOn(topic: string, appealId: string): Promise<CollectedMessage>;
  /** An `Authorization` header for a member of staff with this role. */
  authorization(role: StaffRole, units?: string[], staffId?: string): Promise<{ authorization: string }>;
}

/** What a test may change about the router it starts. */
export type RouterScenarioOptions = Pick<RouterDeps, 'modelPollMs' | 'confidenceThreshold' | 'precisionGuard' | 'classifierCorpus'>;

/** What each test of a concurrent suite gets from beforeEach: its own scenario and what closes it. */
export interface RouterContext {
  scenario: RouterScenario;
  teardown: Teardown;
}

/** A beforeEach for a suite whose tests each run their own started router. */
export async function startRouterScenarioEach(context: RouterContext): Promise<void> {
  context.teardown = createTeardown();
  context.scenario = await createRouterScenario(context.teardown);
  await context.scenario.start();
}

/** The real router on a topic namespace, consumer group and database of its own, not yet consuming. */
export async function createRouterScenario(teardown: Teardown, options: RouterScenarioOptions = {}): Promise<RouterScenario> {
  const testKafka = teardown.add(await createTestKafka(infra, ['zhkh'], 'router'), (it) => it.dispose());
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
  await seedOneUnitCity(database);
  const staffTokens = createStaffTokens(randomBytes(48).toString('base64url'));
  const router = teardown.add(
    await buildRouterService({ logger: testLogger(), database, kafka, names, groupId: uniqueName('router'), staffTokens, ...options }),
    async (it) => {
      await it.stop();
      await it.http.close();
    },
  );
  const publisher = teardown.add(createPublisher({ kafka, names }), (it) => it.disconnect());
  await publisher.connect();
  const outputs = teardown.add(await collectTopics(kafka, [topics.tasks, topics.events, topics.triage, topics.deadLetters]), (it) => it.stop());
  const producedOn = (topic: string, appealId: string) => outputs.ofAppeal(appealId).filter((message) => message.topic === topic);
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
    producedOn,
    firstOn: (topic, appealId) =>
      waitFor(() => producedOn(topic, appealId)[0], { description: `a message about appeal ${appealId} on ${topic}` }),
    async authorization(role, units = [], staffId = `${role}-1`) {
      return { authorization: `Bearer ${await staffTokens.issue({ staffId, role, units })}` };
    },
  };
}

/**
 * The sample city with its keyword rules, cut down to its housing unit `zhkh`: the router creates
 * the task topics of every unit it knows when it starts, and with one unit those are the test
 * namespace's own, so a test creates eight topics rather than thirty-two.
 */
async function seedOneUnitCity({ db }: Database): Promise<void> {
  await createRoutingRepository(db).seedIfEmpty();
  await db.collection<{ _id: string }>('units').deleteMany({ _id: { $ne: 'zhkh' } });
  await db.collection<{ _id: string; unit: string }>('routing_table').deleteMany({ unit: { $ne: 'zhkh' } });
}
