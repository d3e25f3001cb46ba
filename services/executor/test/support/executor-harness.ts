import { randomUUID } from 'node:crypto';
import type { TaskAssigned, UnitCode } from '@priemnaya/contracts';
import { connectDatabase } from '@priemnaya/database';
import { createPublisher, type Publisher } from '@priemnaya/kafka';
import { createTeardown, createTestKafka, deleteTopics, testInfra, type TestKafka, testLogger, uniqueName, waitFor, waitForCaughtUp } from '@priemnaya/testing';
import type { LightMyRequestResponse } from 'fastify';
import { buildExecutorService, type ExecutorService } from '../../src/app.js';
import type { TaskView } from '../../src/data-access/task-repository.js';

export const infra = testInfra();

/** The units whose task topics exist from the start. */
export const UNITS: UnitCode[] = ['zhkh', 'roads'];

/** How often the executor looks for new task topics: short, so a new unit is picked up soon. */
const TOPIC_REFRESH_MS = 500;

export interface RunningExecutor {
  service: ExecutorService;
  groupId: string;
  get(url: string): Promise<LightMyRequestResponse>;
}

/** vitest's `onTestFinished` from the test context: each concurrent test cleans up after itself. */
export type OnTestFinished = (cleanup: () => Promise<void>) => void;

export interface ExecutorScenario {
  testKafka: TestKafka;
  publisher: Publisher;
  executor: RunningExecutor;
  /** Waits until the executor has recorded everything the task topics (of UNITS unless told) hold now. */
  caughtUp(units?: UnitCode[]): Promise<void>;
}

/**
 * A topic namespace with a task topic per unit of UNITS, a publisher into it and the real
 * executor on an empty database and a consumer group of its own, started unless told otherwise;
 * everything is closed, and the database dropped, when the test finishes.
 */
export async function startExecutorScenario(onTestFinished: OnTestFinished, { start = true } = {}): Promise<ExecutorScenario> {
  const teardown = createTeardown();
  onTestFinished(() => teardown.run());
  const testKafka = await createTestKafka(infra, UNITS, 'executor');
  teardown.add(testKafka, (it) => deleteTopics(it.kafka, it.prefix));
  const publisher = teardown.add(createPublisher({ kafka: testKafka.kafka, names: testKafka.names }), (it) => it.disconnect());
  await publisher.connect();
  const database = teardown.add(await connectDatabase(infra.mongoUrl, uniqueName('executor')), async (it) => {
    await it.db.dropDatabase();
    await it.close();
  });
  const groupId = uniqueName('executor');
  const service = teardown.add(
    await buildExecutorService({
      logger: testLogger(),
      database,
      kafka: testKafka.kafka,
      names: testKafka.names,
      groupId,
      topicRefreshMs: TOPIC_REFRESH_MS,
    }),
    async (it) => {
      await it.http.close();
      await it.stop();
    },
  );
  if (start) await service.start();
  return {
    testKafka,
    publisher,
    executor: { service, groupId, get: (url) => service.http.inject({ method: 'GET', url }) },
    caughtUp: (units = UNITS) => waitForCaughtUp(testKafka.kafka, groupId, units.map((unit) => testKafka.names.tasks(unit))),
  };
}

let sequence = 0;
const BASE_TIME = Date.parse('2026-11-22T10:00:00.000Z');

/** A valid task for zhkh, distinct from every other one, received a minute after the previous one. */
export function aTask(overrides: Partial<TaskAssigned> = {}): TaskAssigned {
  sequence += 1;
  const receivedAt = BASE_TIME + sequence * 60_000;
  return {
    version: 1,
    appealId: randomUUID(),
    registrationNumber: `${String(sequence).padStart(5, '0')}/2026`,
    unit: 'zhkh',
    topic: 'housing',
    receivedAt: new Date(receivedAt).toISOString(),
    routedAt: new Date(receivedAt + 2_000).toISOString(),
    text: `Во дворе дома 5 по улице Ленина не горит фонарь (обращение ${sequence})`,
    reason: { kind: 'keyword-rule', ruleId: 'sample-housing', matchedTerms: ['фонарь'] },
    ...overrides,
  };
}

/** What the executor answers on `GET /v1/units/:unit/tasks`, in the order it lists them. */
export async function tasksOf(executor: RunningExecutor, unit: string, query = ''): Promise<TaskView[]> {
  const response = await executor.get(`/v1/units/${unit}/tasks${query}`);
  if (response.statusCode !== 200) throw new Error(`tasks of ${unit}: ${response.statusCode} ${response.body}`);
  const body = response.json<{ unit: string; tasks: TaskView[] }>();
  if (body.unit !== unit) throw new Error(`tasks of ${unit} answered for unit ${body.unit}`);
  return body.tasks;
}

/** Waits until the unit lists the task, and returns it as listed. */
export function waitForTask(executor: RunningExecutor, unit: string, appealId: string): Promise<TaskView> {
  return waitFor(async () => (await tasksOf(executor, unit)).find((task) => task.appealId === appealId), {
    description: `the task of appeal ${appealId} in the ${unit} list`,
  });
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: { field: string; message: string }[];
}
