import type { Database } from '@priemnaya/database';
import { createHttpServer } from '@priemnaya/http';
import type { ConsumerContext, RunningConsumer } from '@priemnaya/kafka';
import type { FastifyInstance } from 'fastify';
import { createTaskRepository } from './data-access/task-repository.js';
import { taskRoutes } from './entry-points/http/task-routes.js';
import { startTasksConsumer } from './entry-points/kafka/tasks-consumer.js';

/** The consumer's context (Kafka, topic names, group, logger, what to do on a fatal crash) and the service's own. */
export interface ExecutorDeps extends ConsumerContext {
  database: Database;
  /** How often to look for task topics of units added since start-up. */
  topicRefreshMs?: number;
}

export interface ExecutorService {
  http: FastifyInstance;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Builds the executor service without listening or consuming, so tests can start the real thing. */
export async function buildExecutorService(deps: ExecutorDeps): Promise<ExecutorService> {
  const tasks = createTaskRepository(deps.database.db);
  const admin = deps.kafka.admin();
  let consumer: RunningConsumer | undefined;
  let subscribed = new Set<string>();
  let refreshTimer: NodeJS.Timeout | undefined;
  let refreshing: Promise<void> = Promise.resolve();

  const http = createHttpServer({
    logger: deps.logger,
    readinessChecks: { database: () => deps.database.ping(), consumer: () => consumer?.healthy() ?? false },
  });
  taskRoutes(http, tasks);
  await http.ready();

  async function taskTopics(): Promise<Set<string>> {
    const pattern = deps.names.tasksPattern();
    return new Set((await admin.listTopics()).filter((topic) => pattern.test(topic)));
  }

  async function consume(): Promise<void> {
    const topics = await taskTopics();
    consumer = await startTasksConsumer(deps, tasks);
    // Only a consumer that started counts as subscribed, so a failed start is retried next tick.
    subscribed = topics;
  }

  // kafkajs resolves a pattern subscription once, so a unit added later needs a re-subscription.
  async function refresh(): Promise<void> {
    const current = await taskTopics();
    if (consumer && [...current].every((topic) => subscribed.has(topic))) return;
    deps.logger.info({ topics: current.size }, 'new task topics, re-subscribing');
    await consumer?.stop();
    consumer = undefined;
    await consume();
  }

  return {
    http,
    async start() {
      await tasks.ensureIndexes();
      await admin.connect();
      await consume();
      refreshTimer = setInterval(() => {
        refreshing = refreshing
          .then(refresh)
          .catch((error: unknown) => deps.logger.warn({ err: error }, 'task topic refresh failed'));
      }, deps.topicRefreshMs ?? 30_000);
    },
    async stop() {
      clearInterval(refreshTimer);
      await refreshing;
      await consumer?.stop();
      await admin.disconnect();
    },
  };
}
